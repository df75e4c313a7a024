/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding-row.h: one row of the Review page's findings list (ui/cs-finding-row.ui) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The row's outer box: what a screen reader reads out for the row. Its "label" and
 * "description" (bound by the template) are the row's accessible label and description, which
 * GTK 4.8 cannot bind from a template; the row's labels show them. */
#define CS_TYPE_FINDING_ROW (cs_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (CsFindingRow, cs_finding_row, CS, FINDING_ROW, GtkBox)

const char         *cs_finding_row_get_label       (CsFindingRow *self);
void                cs_finding_row_set_label       (CsFindingRow *self,
                                                    const char   *label);
const char         *cs_finding_row_get_description (CsFindingRow *self);
void                cs_finding_row_set_description (CsFindingRow *self,
                                                    const char   *description);

/* A factory of finding rows for a GtkListView of GtkTreeListRow. The template's <closure>
 * functions are the NULL-terminated name/GCallback pairs; each is called with the GtkListItem
 * first and @owner last (a reference it does not hold: the closures end with @owner), so that
 * a row can be worded with what its page knows (the manifest, the rows around it). */
GtkListItemFactory *cs_finding_row_factory_new     (GObject      *owner,
                                                    const char   *first_callback_name,
                                                    ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
