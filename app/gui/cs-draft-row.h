/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-draft-row.h: one row of the sidebar's drafts list (ui/cs-draft-row.ui) */
#pragma once

#include <gtk/gtk.h>

#include "cs-store.h"

G_BEGIN_DECLS

/* The row's outer box: what a screen reader reads out for the row. Its "summary" (the row's
 * CsStoreSummary, bound by the template) sets the accessible label, which GTK 4.8 cannot bind
 * from a template. */
#define CS_TYPE_DRAFT_ROW (cs_draft_row_get_type ())
G_DECLARE_FINAL_TYPE (CsDraftRow, cs_draft_row, CS, DRAFT_ROW, GtkBox)

CsStoreSummary     *cs_draft_row_get_summary (CsDraftRow     *self);
void                cs_draft_row_set_summary (CsDraftRow     *self,
                                              CsStoreSummary *summary);

/* A factory of draft rows for a GtkListView of CsStoreSummary. */
GtkListItemFactory *cs_draft_row_factory_new (void);

G_END_DECLS
