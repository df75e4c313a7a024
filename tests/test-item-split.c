/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-item-split.c: a cargo line split by the containers its VINs or serials name
 * (cs_item_split_by_containers)
 *
 * One split per distinct container in VIN order with packages = the VINs in it; the old splits
 * and the line's own container go; one undo step; serials of a machinery line likewise; refused,
 * changing nothing, when a VIN has no container, when packages or quantity are not one a unit,
 * and when there is nothing to split by.
 */

#include "config.h"

#include "cs-history.h"
#include "cs-item-split.h"
#include "cs-list.h"
#include "cs-test-util.h"

static void
next_turn (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CsSplit *
split_at (CsItem *item,
          guint   i)
{
  return cs_list_index (item->splits, i);
}

static void
test_vins_one_step (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("vins-40-boxes.json");
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  g_autoptr(CsHistory) h = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) boxes = g_strdupv (item->vehicle->vin_containers);
  g_autofree char *first_before = NULL;

  /* Five cars move from the first box to a new last one: 3 in the first box, 1 in the second
   * after it, the rest as before; the new box comes where its first car is. */
  g_assert_cmpuint (g_strv_length (boxes), ==, 40);
  g_free (boxes[1]);
  boxes[1] = g_strdup ("BMOU5678902");
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", (const char * const *) boxes);
  /* Splits typed by hand in another order, and a container on the line itself. */
  cs_record_set_string (CS_RECORD (item), "container", "TGHU8305127");
  first_before = g_strdup (split_at (item, 0)->container);
  g_assert_cmpuint (cs_list_length (item->splits), ==, 10);
  next_turn ();

  h = cs_history_new (m);
  g_assert_true (cs_item_can_split_by_containers (item, &error));
  g_assert_no_error (error);
  g_assert_true (cs_item_split_by_containers (item, &error));
  g_assert_no_error (error);
  next_turn ();

  g_assert_cmpuint (cs_list_length (item->splits), ==, 11);
  g_assert_cmpstr (split_at (item, 0)->container, ==, item->vehicle->vin_containers[0]);
  g_assert_cmpfloat (split_at (item, 0)->packages, ==, 3);
  g_assert_cmpstr (split_at (item, 1)->container, ==, "BMOU5678902");
  g_assert_cmpfloat (split_at (item, 1)->packages, ==, 1);
  for (guint k = 2; k < 11; k++)
    {
      g_assert_cmpstr (split_at (item, k)->container, ==, item->vehicle->vin_containers[(k - 1) * 4]);
      g_assert_cmpfloat (split_at (item, k)->packages, ==, 4);
    }
  g_assert_null (item->container);

  /* One undo brings back the splits typed by hand and the line's container. */
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 1);
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpuint (cs_list_length (item->splits), ==, 10);
  g_assert_cmpstr (split_at (item, 0)->container, ==, first_before);
  g_assert_cmpstr (item->container, ==, "TGHU8305127");
}

static void
test_serials (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  CsRecord *machinery = cs_record_ensure_record (CS_RECORD (item), "machinery");
  const char * const serials[] = { "SN-1", "SN-2", "SN-3", NULL };
  const char * const boxes[] = { "MSKU1234565", "CSQU3054383", "MSKU1234565", NULL };
  g_autoptr(GError) error = NULL;

  cs_record_set_string (CS_RECORD (item), "category", "machinery");
  cs_record_set_strv (machinery, "serials", serials);
  cs_record_set_strv (machinery, "serial_containers", boxes);
  g_assert_true (cs_item_split_by_containers (item, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_list_length (item->splits), ==, 2);
  g_assert_cmpstr (split_at (item, 0)->container, ==, "MSKU1234565");
  g_assert_cmpfloat (split_at (item, 0)->packages, ==, 2);
  g_assert_cmpstr (split_at (item, 1)->container, ==, "CSQU3054383");
  g_assert_cmpfloat (split_at (item, 1)->packages, ==, 1);
}

/* Refused with @code and a message containing @words; the splits are untouched. */
static void
assert_refused (CsItem     *item,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  guint n = cs_list_length (item->splits);
  CsSplit *first = n > 0 ? split_at (item, 0) : NULL;

  g_assert_false (cs_item_can_split_by_containers (item, &error2));
  g_assert_error (error2, CS_ITEM_SPLIT_ERROR, code);
  g_assert_false (cs_item_split_by_containers (item, &error));
  g_assert_error (error, CS_ITEM_SPLIT_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpuint (cs_list_length (item->splits), ==, n);
  if (n > 0)
    g_assert_true (split_at (item, 0) == first);
}

static void
test_refusals (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("vins-40-boxes.json");
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  g_auto(GStrv) boxes = g_strdupv (item->vehicle->vin_containers);
  g_autoptr(CsItem) bare = cs_item_new ();

  /* The 18th car has no box. */
  g_free (boxes[17]);
  boxes[17] = g_strdup ("");
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", (const char * const *) boxes);
  assert_refused (item, CS_ITEM_SPLIT_ERROR_NO_CONTAINER, "VIN 18 (");
  g_free (boxes[17]);
  boxes[17] = g_strdup (boxes[16]);
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", (const char * const *) boxes);

  /* No box at all. */
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", NULL);
  assert_refused (item, CS_ITEM_SPLIT_ERROR_NO_CONTAINER, "VIN 1 (");
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", (const char * const *) boxes);

  /* Not one package a car. */
  cs_record_set_number (CS_RECORD (item->packages), "count", 20);
  assert_refused (item, CS_ITEM_SPLIT_ERROR_NOT_PER_UNIT, "20 packages for 40 VINs");
  cs_record_set_number (CS_RECORD (item->packages), "count", 40);
  cs_record_set_number (CS_RECORD (item), "quantity", 41);
  assert_refused (item, CS_ITEM_SPLIT_ERROR_NOT_PER_UNIT, "41 units for 40 VINs");
  cs_record_set_number (CS_RECORD (item), "quantity", 40);
  g_assert_true (cs_item_can_split_by_containers (item, NULL));

  /* Nothing to split by. */
  assert_refused (bare, CS_ITEM_SPLIT_ERROR_NO_ENTRIES, "no VINs");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/item-split/vins-one-step", test_vins_one_step);
  g_test_add_func ("/item-split/serials", test_serials);
  g_test_add_func ("/item-split/refusals", test_refusals);
  return g_test_run ();
}
