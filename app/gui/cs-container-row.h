/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-container-row.h: one row of the Containers page's list (ui/cs-container-row.ui) */
#pragma once

#include <gtk/gtk.h>

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_TYPE_CONTAINER_ROW (cs_container_row_get_type ())
G_DECLARE_FINAL_TYPE (CsContainerRow, cs_container_row, CS, CONTAINER_ROW, GtkBox)

GtkWidget *cs_container_row_new  (void);
/* Shows @container with its load: @gross and @limit in kg (NAN = unknown), @n_lines cargo lines
 * in it. The page computes the load; the row only shows it. */
void       cs_container_row_show (CsContainerRow *self,
                                  CsContainer    *container,
                                  double          gross,
                                  double          limit,
                                  guint           n_lines);

G_END_DECLS
