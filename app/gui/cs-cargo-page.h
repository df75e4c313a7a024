/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cargo-page.h: the Cargo page of the editor
 *
 * A GtkColumnView over the manifest's items (the CsList itself, wrapped in filter, sort and
 * selection models: nothing is copied per row), a filter by text and category, line actions
 * (add, duplicate, remove with undo, import from CSV or Excel through the import dialog) and the
 * detail pane of the selected line.
 * Widget actions: "cargo.add-line", "cargo.duplicate-line", "cargo.remove-line",
 * "cargo.import", "cargo.import-vins".
 */
#pragma once

#include <adwaita.h>

#include "cs-editor-page.h"
#include "cs-import-dialog.h"

G_BEGIN_DECLS

#define CS_TYPE_CARGO_PAGE (cs_cargo_page_get_type ())
G_DECLARE_FINAL_TYPE (CsCargoPage, cs_cargo_page, CS, CARGO_PAGE, CsEditorPage)

GtkWidget    *cs_cargo_page_new            (CsContext    *context);
void          cs_cargo_page_set_manifest   (CsCargoPage  *self,
                                            CsManifest   *manifest);
CsManifest   *cs_cargo_page_get_manifest   (CsCargoPage  *self);
void          cs_cargo_page_set_validation (CsCargoPage  *self,
                                            CsValidation *validation);
CsValidation *cs_cargo_page_get_validation (CsCargoPage  *self);
/* Selects the item of @json_path ("items[4]...") and focuses the field; FALSE if none. */
gboolean      cs_cargo_page_focus_path     (CsCargoPage  *self,
                                            const char   *json_path);

/* For tests and the review page. */
void          cs_cargo_page_set_filter     (CsCargoPage  *self,
                                            const char   *text,
                                            const char   *category);
/* The rows the column view shows (filtered and sorted), borrowed. */
GListModel   *cs_cargo_page_get_rows       (CsCargoPage  *self);
GtkColumnView *cs_cargo_page_get_column_view (CsCargoPage *self);
CsItem       *cs_cargo_page_get_selected   (CsCargoPage  *self);
/* Selects @item (clearing a filter that hides it); FALSE if it is not in the manifest. */
gboolean      cs_cargo_page_select_item    (CsCargoPage  *self,
                                            CsItem       *item);
GtkWidget    *cs_cargo_page_get_item_pane  (CsCargoPage  *self);
/* What the Import action does after the file chooser: opens the import dialog
 * (cs-import-dialog.h; with @vins set to the selected vehicle line's VINs) and reads @file in it.
 * Import in the dialog adds the lines (or the VINs) in one change. */
void          cs_cargo_page_import_file    (CsCargoPage  *self,
                                            GFile        *file,
                                            gboolean      vins);
/* The open import dialog, or NULL. */
CsImportDialog *cs_cargo_page_get_import_dialog (CsCargoPage *self);

G_END_DECLS
