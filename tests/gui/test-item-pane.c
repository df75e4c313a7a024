/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-item-pane.c: the detail pane of one cargo line (CsItemPane)
 *
 * "Split by the VINs' containers" makes one split per box in one click, and is insensitive (its
 * tooltip saying why) when a VIN has no box or the packages are not one a car; a machinery line
 * offers the same for its serial numbers. Typing part of a catalogue product's code in the
 * description and choosing it fills the line (quantity × per unit) and keeps items[].product.
 * A product template pane hides what one unit of a product has no use for, titles its figures
 * per unit and offers no product completion.
 */

#include "config.h"

#include "cs-directory-completion.h"
#include "cs-gui-test.h"
#include "cs-item-pane.h"
#include "cs-list.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The preferences group under @root titled @title, or NULL. */
static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_group (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_text (GtkWidget  *root,
          const char *text)
{
  g_auto(GStrv) texts = cs_gui_test_collect_texts (root);

  return g_strv_contains ((const char * const *) texts, text);
}

static void
test_split_by_containers (void)
{
  g_autoptr(CsManifest) m = NULL;
  CsItem *item;
  GtkWidget *pane, *window, *button;
  g_auto(GStrv) boxes = NULL;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("vins-40-boxes.json");
  item = CS_MANIFEST_ITEM (m, 0);
  boxes = g_strdupv (item->vehicle->vin_containers);
  cs_list_clear (item->splits);
  pane = cs_item_pane_new (store.context);
  window = cs_gui_test_present (pane, 800, 600);
  cs_item_pane_set_item (CS_ITEM_PANE (pane), item, 0, NULL);
  cs_gui_test_spin ();

  button = cs_gui_test_find_button (pane, "Split by the VINs’ containers");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Split by the VINs’ containers");
  g_assert_false (has_text (pane, "Split 1"));

  /* One click: ten splits, four cars each, in VIN order. */
  g_signal_emit_by_name (button, "clicked");
  cs_gui_test_spin ();
  g_assert_cmpuint (cs_list_length (item->splits), ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      CsSplit *split = cs_list_index (item->splits, k);

      g_assert_cmpstr (split->container, ==, boxes[k * 4]);
      g_assert_cmpfloat (split->packages, ==, 4);
    }
  g_assert_true (has_text (pane, "Split 10"));
  g_assert_true (has_text (pane, boxes[0]));

  /* A car without its box: insensitive, and the tooltip says which. */
  g_free (boxes[5]);
  boxes[5] = g_strdup ("");
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", (const char * const *) boxes);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "VIN 6 ("));
  g_free (boxes[5]);
  boxes[5] = g_strdup (boxes[4]);
  cs_record_set_strv (CS_RECORD (item->vehicle), "vin_containers", (const char * const *) boxes);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Not one package a car. */
  cs_record_set_number (CS_RECORD (item->packages), "count", 10);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "10 packages for 40 VINs"));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
test_split_serials (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new ();
  g_autoptr(CsItem) item = cs_item_new ();
  const char * const serials[] = { "SN-1", "SN-2", "SN-3", NULL };
  const char * const boxes[] = { "MSKU1234565", "CSQU3054383", "MSKU1234565", NULL };
  GtkWidget *pane, *window, *button;
  CsRecord *machinery;

  NEED_DISPLAY ();
  cs_list_append (m->items, item);
  cs_record_set_string (CS_RECORD (item), "category", "machinery");
  pane = cs_item_pane_new (store.context);
  window = cs_gui_test_present (pane, 800, 600);
  cs_item_pane_set_item (CS_ITEM_PANE (pane), item, 0, NULL);

  /* A machinery line without serials: offered, but nothing to split by yet. */
  button = cs_gui_test_find_button (pane, "Split by the serial numbers’ containers");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_sensitive (button));

  machinery = cs_record_ensure_record (CS_RECORD (item), "machinery");
  cs_record_set_strv (machinery, "serials", serials);
  cs_record_set_strv (machinery, "serial_containers", boxes);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (cs_list_length (item->splits), ==, 2);
  g_assert_cmpfloat (((CsSplit *) cs_list_index (item->splits, 0))->packages, ==, 2);

  /* General cargo has nothing of the kind. */
  cs_record_set_strv (machinery, "serials", NULL);
  cs_record_set_record (CS_RECORD (item), "machinery", NULL);
  cs_record_set_string (CS_RECORD (item), "category", "general");
  g_assert_false (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
test_product_completion (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) s = NULL;
  g_autoptr(CsProduct) p = cs_product_new ();
  g_autoptr(CsManifest) m = cs_manifest_new ();
  g_autoptr(CsItem) item = cs_item_new ();
  CsDirectoryCompletion *c;
  GtkWidget *pane, *window, *row;
  gboolean timed_out = FALSE;
  guint guard;

  NEED_DISPLAY ();
  /* The catalogue of the scratch store, written through a connection of the test's own. */
  s = cs_store_open (store.db, &error);
  g_assert_no_error (error);
  p->code = g_strdup ("S07-BEV");
  p->description = g_strdup ("Battery electric passenger car, Deepal S07");
  p->units_per_package = 1;
  cs_record_set_string (CS_RECORD (p->item), "hs_code", "8703801090");
  cs_record_set_string (CS_RECORD (p->item), "unit", "PCE");
  cs_record_set_number (CS_RECORD (p->item), "net_kg", 1900);
  cs_record_set_number (CS_RECORD (p->item), "value", 18000);
  g_assert_true (cs_directory_add_product (s, p, &error));
  g_assert_no_error (error);

  cs_list_append (m->items, item);
  cs_record_set_number (CS_RECORD (item), "quantity", 10);
  pane = cs_item_pane_new (store.context);
  window = cs_gui_test_present (pane, 800, 600);
  cs_item_pane_set_item (CS_ITEM_PANE (pane), item, 0, NULL);
  row = cs_item_pane_get_row (CS_ITEM_PANE (pane), "description");
  c = CS_DIRECTORY_COMPLETION (cs_gui_test_find_widget (row, CS_TYPE_DIRECTORY_COMPLETION));
  g_assert_nonnull (c);

  /* Part of the code typed in the description: the product is offered, and chosen. */
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "S07");
  guard = g_timeout_add_seconds (30, timed_out_cb, &timed_out);
  while (cs_directory_completion_get_n_matches (c) != 1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);
  cs_directory_completion_choose (c, 0);
  cs_gui_test_spin ();

  g_assert_cmpstr (item->product, ==, "S07-BEV");
  g_assert_cmpstr (item->description, ==, "Battery electric passenger car, Deepal S07");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, item->description);
  g_assert_cmpstr (item->hs_code, ==, "8703801090");
  g_assert_cmpfloat (item->quantity, ==, 10);
  g_assert_cmpfloat (item->net_kg, ==, 19000);
  g_assert_cmpfloat (item->value, ==, 180000);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
}

static void
test_product_template (void)
{
  static const char * const hidden[] = {
    "description", "quantity", "packages.count", "marks", "container", "machinery.serials",
    "perishable.packed_on",
  };
  g_autoptr(CsItem) item = cs_item_new ();
  GtkWidget *pane, *window;

  NEED_DISPLAY ();
  cs_record_set_string (CS_RECORD (item), "category", "vehicle");
  pane = cs_item_pane_new_product_template (store.context);
  window = cs_gui_test_present (pane, 800, 600);
  cs_item_pane_set_item (CS_ITEM_PANE (pane), item, 0, NULL);
  cs_gui_test_spin ();

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_false (gtk_widget_get_visible (cs_item_pane_get_row (CS_ITEM_PANE (pane), hidden[i])));
  g_assert_true (gtk_widget_get_visible (cs_item_pane_get_row (CS_ITEM_PANE (pane), "hs_code")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     cs_item_pane_get_row (CS_ITEM_PANE (pane), "gross_kg"))), ==, "Gross weight per unit");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     cs_item_pane_get_row (CS_ITEM_PANE (pane), "value"))), ==, "Value per unit");
  g_assert_nonnull (find_group (pane, "One Unit"));
  g_assert_false (gtk_widget_get_visible (find_group (pane, "Splits")));
  /* A vehicle product: its make and model, but no VINs. */
  g_assert_true (gtk_widget_get_visible (find_group (pane, "Vehicle")));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
                    cs_item_pane_get_vin_editor (CS_ITEM_PANE (pane)), ADW_TYPE_PREFERENCES_GROUP)));
  /* No product completion on a product. */
  g_assert_null (cs_gui_test_find_widget (pane, CS_TYPE_DIRECTORY_COMPLETION));

  /* The item changing (another category) shows no hidden row again. */
  cs_record_set_string (CS_RECORD (item), "category", "machinery");
  g_assert_false (gtk_widget_get_visible (cs_item_pane_get_row (CS_ITEM_PANE (pane), "machinery.serials")));
  g_assert_false (gtk_widget_get_visible (find_group (pane, "Splits")));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-item-pane-XXXXXX");
  if (have_display)
    g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  g_test_add_func ("/item-pane/split-by-containers", test_split_by_containers);
  g_test_add_func ("/item-pane/split-serials", test_split_serials);
  g_test_add_func ("/item-pane/product-completion", test_product_completion);
  g_test_add_func ("/item-pane/product-template", test_product_template);
  status = g_test_run ();
  if (have_display)
    cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_store_close (&store);
  return status;
}
