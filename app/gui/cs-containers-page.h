/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-containers-page.h: the Containers page of the editor
 *
 * A list of the manifest's containers (a GtkListView over the CsList itself), each with its
 * gross weight as a bar against its limit, and the selected box in detail: number with live
 * check-digit feedback, size/type, seals, tare, maximum gross, VGM and method, the reefer
 * block, and the lines packed in it. Widget actions: "containers.add", "containers.remove".
 */
#pragma once

#include <adwaita.h>

#include "cs-editor-page.h"

G_BEGIN_DECLS

#define CS_TYPE_CONTAINERS_PAGE (cs_containers_page_get_type ())
G_DECLARE_FINAL_TYPE (CsContainersPage, cs_containers_page, CS, CONTAINERS_PAGE, CsEditorPage)

GtkWidget    *cs_containers_page_new            (CsContext        *context);
void          cs_containers_page_set_manifest   (CsContainersPage *self,
                                                 CsManifest       *manifest);
CsManifest   *cs_containers_page_get_manifest   (CsContainersPage *self);
void          cs_containers_page_set_validation (CsContainersPage *self,
                                                 CsValidation     *validation);
/* Selects the container of @json_path ("containers[1].number") and focuses the field. */
gboolean      cs_containers_page_focus_path     (CsContainersPage *self,
                                                 const char       *json_path);

/* For tests. */
CsContainer  *cs_containers_page_get_selected   (CsContainersPage *self);
gboolean      cs_containers_page_select         (CsContainersPage *self,
                                                 guint             index);
/* The detail row editing @field ("number", "seals", "reefer.setpoint_c"), or NULL. */
GtkWidget    *cs_containers_page_get_row        (CsContainersPage *self,
                                                 const char       *field);
/* The live check-digit note beside the number ("" when there is nothing to say). */
const char   *cs_containers_page_get_check_note (CsContainersPage *self);
/* Gross (tare + goods) and limit of the selected box, as the detail bar shows them. */
void          cs_containers_page_get_load       (CsContainersPage *self,
                                                 double           *gross_kg,
                                                 double           *limit_kg,
                                                 guint            *n_lines);

/* Adds a container for each ISO 6346 number in @text (pasted from a booking or a spreadsheet)
 * that the manifest does not list yet, in one undoable step. Returns how many were added;
 * @n_known (may be NULL) receives how many were listed already. */
guint         cs_containers_page_add_numbers    (CsContainersPage *self,
                                                 const char       *text,
                                                 guint            *n_known);

G_END_DECLS
