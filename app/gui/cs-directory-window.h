/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-directory-window.h: the Directory window: the party directory and the product catalogue
 *
 * Two pages (Parties, Products) switched by a view switcher. Each lists its entries
 * (cs_directory_search_parties/products as the user types in the search entry), adds, edits
 * (a dialog with every field of the entry), deletes (after asking), imports and exports CSV or
 * xlsx files (all or nothing: a refused import lists every problem and changes nothing). A
 * party whose tax id is invalid or on another entry too carries a warning badge.
 *
 * Every store call runs on the context's CsStoreThread; results come back to the main loop
 * through a weak reference, so the window never waits on SQLite and may close at any time.
 */
#pragma once

#include <adwaita.h>

#include "cs-context.h"

G_BEGIN_DECLS

/* One entry as the lists show it (the items of cs_directory_window_get_model()). */
#define CS_TYPE_DIRECTORY_ITEM (cs_directory_item_get_type ())
G_DECLARE_FINAL_TYPE (CsDirectoryItem, cs_directory_item, CS, DIRECTORY_ITEM, GObject)

/* Name (party) or product code. */
const char *cs_directory_item_get_title   (CsDirectoryItem *self);
/* Latin name (party) or descriptions (product). */
const char *cs_directory_item_get_subtitle (CsDirectoryItem *self);
/* Tax id (party) or HS code (product). */
const char *cs_directory_item_get_detail  (CsDirectoryItem *self);
/* Why the entry is flagged (invalid or shared tax id), or NULL. */
const char *cs_directory_item_get_warning (CsDirectoryItem *self);

#define CS_TYPE_DIRECTORY_WINDOW (cs_directory_window_get_type ())
G_DECLARE_FINAL_TYPE (CsDirectoryWindow, cs_directory_window, CS, DIRECTORY_WINDOW, AdwWindow)

GtkWidget  *cs_directory_window_new        (CsContext         *context);
/* "parties" or "products". */
void        cs_directory_window_show_page  (CsDirectoryWindow *self,
                                            const char        *page);
const char *cs_directory_window_get_page   (CsDirectoryWindow *self);
/* The entries the page @page lists now (CsDirectoryItem). */
GListModel *cs_directory_window_get_model  (CsDirectoryWindow *self,
                                            const char        *page);
/* The search entry of @page. */
GtkWidget  *cs_directory_window_get_search (CsDirectoryWindow *self,
                                            const char        *page);
/* TRUE while store work the window started has not come back yet. */
gboolean    cs_directory_window_is_busy    (CsDirectoryWindow *self);
/* The status line shown when a live refresh (another client's change, a retry) could not read
 * the store, or NULL: such failures never open a dialog, they are tried again. */
const char *cs_directory_window_get_status (CsDirectoryWindow *self);
/* The open entry dialog (Add or Edit), or NULL. Its "editor.save" action saves. */
GtkWindow  *cs_directory_window_get_editor (CsDirectoryWindow *self);
/* The editor's row for @field: a party field ("name", "tax_id", ...), a product's own field
 * ("code", "description", "description_zh", "currency", "units_per_package") or a field of the
 * product's per-unit item ("hs_code", "net_kg", "vehicle.make", ...); NULL when none. */
GtkWidget  *cs_directory_window_get_editor_row (CsDirectoryWindow *self,
                                                const char        *field);
/* What Import… and Export… do with the chosen file, on the current page. */
void        cs_directory_window_import_file (CsDirectoryWindow *self,
                                             GFile             *file);
void        cs_directory_window_export_file (CsDirectoryWindow *self,
                                             GFile             *file);

G_END_DECLS
