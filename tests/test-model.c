/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-model.c: the record base, lists, change bubbling, copy and equality */

#include "config.h"

#include <math.h>

#include "cs-json.h"
#include "cs-model.h"
#include "cs-test-util.h"

typedef struct
{
  guint       count;
  CsRecord   *origin;
  char       *field;
} ChangeLog;

static void
on_changed (CsRecord   *root,
            CsRecord   *origin,
            const char *field,
            ChangeLog  *log)
{
  log->count++;
  log->origin = origin;
  g_free (log->field);
  log->field = g_strdup (field);
}

static void
test_new_values_are_absent (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(CsManifest) draft = cs_manifest_new_draft ();

  g_assert_false (cs_num_is_set (item->quantity));
  g_assert_false (cs_num_is_set (item->gross_kg));
  g_assert_null (item->description);
  g_assert_nonnull (item->splits);
  g_assert_cmpuint (cs_list_length (item->splits), ==, 0);

  g_assert_true (g_uuid_string_is_valid (draft->id));
  g_assert_cmpstr (draft->status, ==, "draft");
  g_assert_nonnull (draft->parties);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_setters_notify_and_bubble (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  ChangeLog log = { 0 };
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  guint notifies = 0;

  g_signal_connect (m, "changed", G_CALLBACK (on_changed), &log);
  g_signal_connect (item, "notify::gross-kg", G_CALLBACK (count_notify), &notifies);

  cs_record_set_number (CS_RECORD (item), "gross_kg", 6300);
  g_assert_cmpfloat (item->gross_kg, ==, 6300);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_true (log.origin == CS_RECORD (item));
  g_assert_cmpstr (log.field, ==, "gross_kg");
  g_assert_cmpuint (notifies, ==, 1);

  /* The same value again changes nothing and says nothing. */
  cs_record_set_number (CS_RECORD (item), "gross_kg", 6300);
  g_assert_cmpuint (log.count, ==, 1);

  /* A change deep down (item -> electronics block) reaches the manifest too. */
  cs_record_set_number (CS_RECORD (item->electronics), "wh_per_unit", 60);
  g_assert_cmpuint (log.count, ==, 2);
  g_assert_true (log.origin == CS_RECORD (item->electronics));

  /* g_object_set goes through the same path. */
  g_object_set (item, "description", "Laptops", NULL);
  g_assert_cmpstr (item->description, ==, "Laptops");
  g_assert_cmpuint (log.count, ==, 3);

  g_free (log.field);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *out)
{
  out[0] = position;
  out[1] = removed;
  out[2] = added;
}

static void
test_list_model (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsItem) extra = cs_item_new ();
  ChangeLog log = { 0 };
  guint span[3] = { 99, 99, 99 };
  g_autoptr(CsItem) first = NULL;

  g_assert_true (G_IS_LIST_MODEL (m->items));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (m->items)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (m->items)) == CS_TYPE_ITEM);
  first = g_list_model_get_item (G_LIST_MODEL (m->items), 0);
  g_assert_true (first == (gpointer) CS_MANIFEST_ITEM (m, 0));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (m->items), 3));

  g_signal_connect (m->items, "items-changed", G_CALLBACK (on_items_changed), span);
  g_signal_connect (m, "changed", G_CALLBACK (on_changed), &log);

  cs_list_insert (m->items, 1, extra);
  g_assert_cmpuint (span[0], ==, 1);
  g_assert_cmpuint (span[1], ==, 0);
  g_assert_cmpuint (span[2], ==, 1);
  g_assert_true (cs_record_get_parent (CS_RECORD (extra)) == CS_RECORD (m));
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (log.field, ==, "items");
  g_assert_cmpint (cs_list_find (m->items, extra), ==, 1);

  cs_list_remove (m->items, 1);
  g_assert_cmpuint (span[1], ==, 1);
  g_assert_null (cs_record_get_parent (CS_RECORD (extra)));
  g_assert_cmpint (cs_list_find (m->items, extra), ==, -1);
  /* A removed record no longer reports to the manifest. */
  cs_record_set_string (CS_RECORD (extra), "description", "orphan");
  g_assert_cmpuint (log.count, ==, 2);

  g_free (log.field);
}

static void
test_copy_equal (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsRecord) copy = cs_record_copy (CS_RECORD (m));
  CsItem *item;

  g_assert_true (cs_record_equal (CS_RECORD (m), copy));
  g_assert_null (cs_record_get_parent (copy));
  item = CS_MANIFEST_ITEM (CS_MANIFEST (copy), 3);
  g_assert_true (cs_record_get_parent (CS_RECORD (item)) == copy);

  /* Deep: changing the copy's VIN list leaves the original alone. */
  cs_record_set_strv (CS_RECORD (item->vehicle), "vins", (const char *[]) { "LJCPCBLCX11000237", NULL });
  g_assert_false (cs_record_equal (CS_RECORD (m), copy));
  g_assert_cmpuint (g_strv_length (CS_MANIFEST_ITEM (m, 3)->vehicle->vins), ==, 2);

  /* The line's product code is a field like the others: read from JSON, copied, compared, and a
   * property. */
  g_clear_object (&copy);
  copy = cs_record_copy (CS_RECORD (m));
  item = CS_MANIFEST_ITEM (CS_MANIFEST (copy), 3);
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 3)->product, ==, "BYD-ATTO3-BEV");
  g_assert_cmpstr (item->product, ==, "BYD-ATTO3-BEV");
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "product"));
  cs_record_set_string (CS_RECORD (item), "product", "BYD-SEAL-BEV");
  g_assert_false (cs_record_equal (CS_RECORD (m), copy));
  g_assert_cmpstr (CS_MANIFEST_ITEM (m, 3)->product, ==, "BYD-ATTO3-BEV");
}

static void
test_totals (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  CsTotals t;

  cs_manifest_compute_totals (m, &t);
  g_assert_cmpuint (t.n_items, ==, 3);
  g_assert_cmpfloat_with_epsilon (t.gross_kg, 6200 + 8800 + 2600, 1e-9);
  g_assert_cmpfloat_with_epsilon (t.net_kg, 5300 + 8200 + 2400, 1e-9);
  g_assert_cmpfloat_with_epsilon (t.value, 436000, 1e-9);
  g_assert_cmpint (t.packages, ==, 243);
  g_assert_cmpstr (cs_manifest_get_departure (m), ==, "2026-04-06T09:00:00+08:00");
  g_assert_true (cs_manifest_find_container (m, "CMAU5120770") == CS_MANIFEST_CONTAINER (m, 1));
  g_assert_null (cs_manifest_find_container (m, "XXXU0000000"));
  g_assert_cmpstr (cs_manifest_get_party (m, "shipper")->tax_id, ==, "91500000MA5UQ8J2KK");
  g_assert_null (cs_manifest_get_party (m, "carrier"));

  /* absurd package counts saturate instead of overflowing (and wrapping to 0 or below) */
  for (guint i = 0; i < 3; i++)
    cs_field_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, i)->packages),
                         cs_record_find_field (CS_RECORD (CS_MANIFEST_ITEM (m, i)->packages), "count"), 1e300);
  cs_manifest_compute_totals (m, &t);
  g_assert_cmpint (t.packages, ==, G_GINT64_CONSTANT (9007199254740992));
}

static void
test_category_block (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");

  g_assert_true (cs_item_get_category_block (CS_MANIFEST_ITEM (m, 0)) == CS_RECORD (CS_MANIFEST_ITEM (m, 0)->electronics));
  g_assert_true (cs_item_get_category_block (CS_MANIFEST_ITEM (m, 3)) == CS_RECORD (CS_MANIFEST_ITEM (m, 3)->vehicle));
  g_assert_null (cs_item_get_category_block (CS_MANIFEST_ITEM (m, 5)));
}

/* A copy that becomes a new line keeps everything but its VINs, serials and their boxes. */
static void
test_forget_identities (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  gboolean saw_car = FALSE, saw_machine = FALSE;

  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *item = CS_MANIFEST_ITEM (m, i);
      g_autoptr(CsItem) copy = CS_ITEM (cs_record_copy (CS_RECORD (item)));

      if (item->vehicle != NULL && item->vehicle->vins != NULL && item->vehicle->vins[0] != NULL)
        saw_car |= item->vehicle->vin_containers != NULL;
      if (item->machinery != NULL && item->machinery->serials != NULL &&
          item->machinery->serials[0] != NULL)
        saw_machine |= item->machinery->serial_containers != NULL;
      cs_item_forget_identities (copy);
      if (copy->vehicle != NULL)
        {
          g_assert_true (copy->vehicle->vins == NULL || copy->vehicle->vins[0] == NULL);
          g_assert_null (copy->vehicle->vin_containers);
          g_assert_cmpstr (copy->vehicle->make, ==, item->vehicle->make);
        }
      if (copy->machinery != NULL)
        {
          g_assert_true (copy->machinery->serials == NULL || copy->machinery->serials[0] == NULL);
          g_assert_null (copy->machinery->serial_containers);
        }
      g_assert_cmpstr (copy->description, ==, item->description);
    }
  /* the fixture has a car and a machine whose identities name containers */
  g_assert_true (saw_car);
  g_assert_true (saw_machine);
}

/* The status rule for edits lives in the model: an edit returns a ready or exported draft to
 * draft; the status itself, a plain draft and an archived one stay as they are. */
static void
test_reopen_after_edit (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autoptr(CsItem) item = cs_item_new ();

  cs_list_append (m->items, item);
  g_assert_cmpint (cs_manifest_reopen_after_edit (m, CS_RECORD (item), "description"), ==, CS_STATUS_UNSET);
  g_assert_cmpint (cs_manifest_get_status (m), ==, CS_STATUS_DRAFT);

  cs_manifest_set_status (m, CS_STATUS_READY);
  g_assert_cmpint (cs_manifest_reopen_after_edit (m, CS_RECORD (m), "status"), ==, CS_STATUS_UNSET);
  g_assert_cmpint (cs_manifest_get_status (m), ==, CS_STATUS_READY);
  g_assert_cmpint (cs_manifest_reopen_after_edit (m, CS_RECORD (item), "description"), ==, CS_STATUS_READY);
  g_assert_cmpint (cs_manifest_get_status (m), ==, CS_STATUS_DRAFT);

  cs_manifest_set_status (m, CS_STATUS_EXPORTED);
  g_assert_cmpint (cs_manifest_reopen_after_edit (m, CS_RECORD (m), "reference"), ==, CS_STATUS_EXPORTED);
  g_assert_cmpstr (m->status, ==, "draft");

  cs_manifest_set_status (m, CS_STATUS_ARCHIVED);
  g_assert_cmpint (cs_manifest_reopen_after_edit (m, CS_RECORD (item), "quantity"), ==, CS_STATUS_UNSET);
  g_assert_cmpint (cs_manifest_get_status (m), ==, CS_STATUS_ARCHIVED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/new-values-absent", test_new_values_are_absent);
  g_test_add_func ("/model/reopen-after-edit", test_reopen_after_edit);
  g_test_add_func ("/model/setters-notify-and-bubble", test_setters_notify_and_bubble);
  g_test_add_func ("/model/list-model", test_list_model);
  g_test_add_func ("/model/copy-equal", test_copy_equal);
  g_test_add_func ("/model/totals", test_totals);
  g_test_add_func ("/model/category-block", test_category_block);
  g_test_add_func ("/model/forget-identities", test_forget_identities);

  return g_test_run ();
}
