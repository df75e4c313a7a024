/* cs-cargo-page.h: the Cargo page of the editor
 *
 * A GtkColumnView over the manifest's items (the CsList itself, wrapped in filter, sort and
 * selection models: nothing is copied per row), a filter by text and category, line actions
 * (add, duplicate, remove with undo, CSV import) and the detail pane of the selected line.
 * Widget actions: "cargo.add-line", "cargo.duplicate-line", "cargo.remove-line", "cargo.import".
 */
#pragma once

#include <adwaita.h>

#include "cs-editor-page.h"

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
/* Imports CSV @data as new lines (all or nothing); FALSE and the problems otherwise. */
gboolean      cs_cargo_page_import_items   (CsCargoPage  *self,
                                            const char   *data,
                                            gsize         len,
                                            const char   *source,
                                            GPtrArray   **problems,
                                            GError      **error);
/* What the Import action does after the file chooser: reads and parses @file in a worker, asks
 * for the encoding when it is not UTF-8 (cs_cargo_page_get_encoding_dialog (), whose responses
 * are "cancel" and cs_import_encoding_name () of each encoding), then adds the lines (or, with
 * @vins, the selected line's VINs) or shows what is wrong. */
void          cs_cargo_page_import_file    (CsCargoPage  *self,
                                            GFile        *file,
                                            gboolean      vins);
/* The open "which encoding" question, or NULL. */
AdwMessageDialog *cs_cargo_page_get_encoding_dialog (CsCargoPage *self);

G_END_DECLS
