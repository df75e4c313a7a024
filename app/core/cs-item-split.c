/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-item-split.c: a cargo line split over the containers its VINs or serials name */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-item-split.h"
#include "cs-list.h"

G_DEFINE_QUARK (cs-item-split-error-quark, cs_item_split_error)

/* The entries the line is split by and their parallel containers: the vehicle's VINs, else the
 * machinery's serials. FALSE when the line has neither. */
static gboolean
split_entries (CsItem              *item,
               const char * const **entries,
               const char * const **containers,
               gboolean            *is_vins)
{
  if (item->vehicle != NULL && item->vehicle->vins != NULL && item->vehicle->vins[0] != NULL)
    {
      *entries = (const char * const *) item->vehicle->vins;
      *containers = (const char * const *) item->vehicle->vin_containers;
      *is_vins = TRUE;
      return TRUE;
    }
  if (item->machinery != NULL && item->machinery->serials != NULL &&
      item->machinery->serials[0] != NULL)
    {
      *entries = (const char * const *) item->machinery->serials;
      *containers = (const char * const *) item->machinery->serial_containers;
      *is_vins = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The distinct containers in entry order (borrowed strings) and, in @counts, the number of
 * entries in each; NULL with @error set when the split cannot be made. */
static GPtrArray *
plan (CsItem  *item,
      GArray **counts,
      GError **error)
{
  const char * const *entries = NULL;
  const char * const *containers = NULL;
  gboolean is_vins = FALSE;
  g_autoptr(GPtrArray) boxes = NULL;
  g_autoptr(GArray) n = NULL;
  guint n_entries;

  g_return_val_if_fail (CS_IS_ITEM (item), NULL);

  if (!split_entries (item, &entries, &containers, &is_vins))
    {
      g_set_error_literal (error, CS_ITEM_SPLIT_ERROR, CS_ITEM_SPLIT_ERROR_NO_ENTRIES,
                           _("The line has no VINs or serial numbers to split by."));
      return NULL;
    }
  n_entries = g_strv_length ((GStrv) entries);

  if (item->packages != NULL && cs_num_is_set (item->packages->count) &&
      item->packages->count != (double) n_entries)
    {
      g_set_error (error, CS_ITEM_SPLIT_ERROR, CS_ITEM_SPLIT_ERROR_NOT_PER_UNIT,
                   is_vins
                   ? _("Packages: the line has %g packages for %u VINs; splitting by containers needs one package a car.")
                   : _("Packages: the line has %g packages for %u serial numbers; splitting by containers needs one package a machine."),
                   item->packages->count, n_entries);
      return NULL;
    }
  if (cs_num_is_set (item->quantity) && item->quantity != (double) n_entries)
    {
      g_set_error (error, CS_ITEM_SPLIT_ERROR, CS_ITEM_SPLIT_ERROR_NOT_PER_UNIT,
                   is_vins
                   ? _("Quantity: the line has %g units for %u VINs; splitting by containers needs a VIN for each unit.")
                   : _("Quantity: the line has %g units for %u serial numbers; splitting by containers needs a serial number for each unit."),
                   item->quantity, n_entries);
      return NULL;
    }

  boxes = g_ptr_array_new ();
  n = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint i = 0; i < n_entries; i++)
    {
      const char *box = cs_tagged_container (containers, i);
      guint k;

      if (box == NULL)
        {
          g_set_error (error, CS_ITEM_SPLIT_ERROR, CS_ITEM_SPLIT_ERROR_NO_CONTAINER,
                       is_vins
                       ? _("VIN %u (%s) names no container: give every VIN its container first.")
                       : _("Serial number %u (%s) names no container: give every serial number its container first."),
                       i + 1, entries[i]);
          return NULL;
        }
      for (k = 0; k < boxes->len; k++)
        if (strcmp (g_ptr_array_index (boxes, k), box) == 0)
          break;
      if (k == boxes->len)
        {
          guint zero = 0;

          g_ptr_array_add (boxes, (gpointer) box);
          g_array_append_val (n, zero);
        }
      g_array_index (n, guint, k)++;
    }
  *counts = g_steal_pointer (&n);
  return g_steal_pointer (&boxes);
}

gboolean
cs_item_can_split_by_containers (CsItem  *item,
                                 GError **error)
{
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) boxes = plan (item, &counts, error);

  return boxes != NULL;
}

gboolean
cs_item_split_by_containers (CsItem  *item,
                             GError **error)
{
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) boxes = plan (item, &counts, error);
  g_autoptr(GPtrArray) splits = NULL;

  if (boxes == NULL)
    return FALSE;

  splits = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint k = 0; k < boxes->len; k++)
    {
      CsSplit *split = cs_split_new ();

      cs_record_set_string (CS_RECORD (split), "container", g_ptr_array_index (boxes, k));
      cs_record_set_number (CS_RECORD (split), "packages", g_array_index (counts, guint, k));
      g_ptr_array_add (splits, split);
    }
  cs_list_splice (item->splits, 0, cs_list_length (item->splits), splits->pdata, splits->len);
  if (item->container != NULL)
    cs_record_set_string (CS_RECORD (item), "container", NULL);
  return TRUE;
}
