/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-corridor-apply.h: a catalog corridor applied to a manifest (no GTK)
 *
 * Choosing a corridor (on the Shipment page, or for a new draft with win.new-on-corridor)
 * sets the manifest's corridor and replaces its legs with the corridor's required legs, each
 * with the corridor's first mode, origin and destination; optional legs are left out. The legs
 * stay editable afterwards. Every change goes through the notifying setters and list splices,
 * so a history records it as one undo step (one main-loop turn) and every view hears it.
 */
#pragma once

#include "cs-catalog.h"
#include "cs-model.h"

G_BEGIN_DECLS

/* Sets @manifest's corridor to @corridor_id (NULL: none) and, when @catalog knows that
 * corridor, replaces every leg with the corridor's required legs. An unknown id (or no
 * catalog) only sets the corridor and keeps the legs. */
void cs_corridor_apply (CsManifest *manifest,
                        CsCatalog  *catalog,
                        const char *corridor_id);

G_END_DECLS
