/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-item-split.h: a cargo line split over the containers its VINs or serials name (no GTK)
 *
 * A vehicle line whose VINs each name their container (vehicle.vin_containers), or a machinery
 * line whose serial numbers do (machinery.serial_containers), is split with one CsSplit per
 * distinct container, in the order the containers first appear in the list, with packages =
 * the number of VINs (serials) in that container. That needs one package per unit: the line's
 * package count and quantity, where set, must equal the number of VINs (serials). A split
 * carries only its container and packages, so weights, volume and value stay on the line.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_ITEM_SPLIT_ERROR (cs_item_split_error_quark ())

typedef enum
{
  CS_ITEM_SPLIT_ERROR_NO_ENTRIES,    /* neither VINs nor serial numbers */
  CS_ITEM_SPLIT_ERROR_NO_CONTAINER,  /* some VIN (serial) names no container */
  CS_ITEM_SPLIT_ERROR_NOT_PER_UNIT,  /* packages or quantity differ from the number of VINs */
} CsItemSplitError;

GQuark       cs_item_split_error_quark (void);

/* Whether cs_item_split_by_containers() would succeed; @error says why not. */
gboolean     cs_item_can_split_by_containers (CsItem  *item,
                                              GError **error);

/* Replaces the line's splits with one per distinct container of its VINs (serials), and clears
 * the line's own container; all in one turn, so one undo step of a CsHistory. On error nothing
 * changes. */
gboolean     cs_item_split_by_containers (CsItem  *item,
                                          GError **error);

G_END_DECLS
