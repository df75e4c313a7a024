/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-item-pane.h: the detail pane of one cargo line
 *
 * Every field of the item in boxed-list rows (description, HS code with a searchable picker,
 * quantities, weights, value, origin, container or splits), the dangerous-goods block and the
 * category block the line's category asks for: vehicle (VIN list editor, make, model, year,
 * powertrain, condition, battery), electronics, machinery, perishable. Each field shows its own
 * findings under it.
 */
#pragma once

#include <adwaita.h>

#include "cs-context.h"
#include "cs-field-row.h"
#include "cs-model.h"

G_BEGIN_DECLS

#define CS_TYPE_ITEM_PANE (cs_item_pane_get_type ())
G_DECLARE_FINAL_TYPE (CsItemPane, cs_item_pane, CS, ITEM_PANE, AdwBin)

GtkWidget *cs_item_pane_new        (CsContext    *context);
/* A pane for one unit of a catalogue product (the "product-template" property): no quantity,
 * packages count, marks, container, serials, packed-on date, VINs or splits; weight, volume and
 * value titled "… per unit"; no product completion. */
GtkWidget *cs_item_pane_new_product_template (CsContext *context);
/* @item NULL shows an empty state. @index is the item's position in manifest.items (its JSON
 * path is "items[index]"). */
void       cs_item_pane_set_item   (CsItemPane   *self,
                                    CsItem       *item,
                                    guint         index,
                                    CsValidation *validation);
CsItem    *cs_item_pane_get_item   (CsItemPane   *self);
/* Focus the field at @rel_path below the item ("gross_kg", "vehicle.vins[17]", "dg.class",
 * "splits[1].container"); FALSE when the pane has no such field. */
gboolean   cs_item_pane_focus_path (CsItemPane   *self,
                                    const char   *rel_path);
/* The row editing @field ("gross_kg", "vehicle.make", ...), or NULL. */
GtkWidget *cs_item_pane_get_row    (CsItemPane   *self,
                                    const char   *field);
GtkWidget *cs_item_pane_get_vin_editor (CsItemPane *self);

G_END_DECLS
