/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-container-choice.h: a container field that chooses among the manifest's containers
 *
 * Attached to a CsFieldRow bound to a record's "container" field (a cargo line, a split): a
 * button after the text lists the manifest's containers to choose from; when the typed number
 * is not among them, the button offers to add it to the manifest's containers.
 */
#pragma once

#include "cs-field-row.h"

G_BEGIN_DECLS

void     cs_container_choice_attach      (CsFieldRow *row);
/* What the button offers now (for tests): the numbers to choose, and the number it would add
 * (NULL when the typed text is empty, known, or not a container number). */
GStrv    cs_container_choice_list        (CsFieldRow *row,
                                          char      **to_add);
/* Adds the typed number to the manifest's containers (what the "Add" item does). */
gboolean cs_container_choice_add_typed   (CsFieldRow *row);

G_END_DECLS
