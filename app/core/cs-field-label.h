/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-field-label.h: data paths as people read them (no GTK)
 *
 * Findings, the history and the store speak of fields by their JSON path
 * ("containers[0].reefer.setpoint_c"). People should read field names instead: "Container
 * TGHU8305127 · Reefer set point". These functions go from a record and field to the path, and
 * from a path to a localized label, for the editor's Review page and the printed declaration.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

/* The path of @field of @record inside its manifest, as findings write it
 * ("items[3].vehicle.make"); @field may be NULL for the record itself ("items[3]"). Returns NULL
 * when @record is not (or no longer) inside a manifest. Free with g_free. */
char *cs_field_path  (CsRecord   *record,
                      const char *field);

/* A localized label for @path: element labels joined by " · " and the field's own name,
 * e.g. "Line 4 · Make" or "Container 1 · Reefer set point". @manifest (may be NULL) names the
 * elements by what the user typed where it can (a container's number, an item's line number);
 * without it, by position (1-based). A path this function does not know comes back as it is.
 * Free with g_free. */
char *cs_field_label (CsManifest *manifest,
                      const char *path);

G_END_DECLS
