/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cargo-page.c: the Cargo page drives the model: table, filter, line actions, pane, VINs */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-gui-test.h"
#include "cs-cargo-page.h"
#include "cs-container-choice.h"
#include "cs-field-row.h"
#include "cs-item-pane.h"
#include "cs-json.h"
#include "cs-vin-editor.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

typedef struct
{
  CsManifest *manifest;
  GtkWidget  *window;
  CsCargoPage *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  if (!have_display)
    return;
  f->manifest = cs_gui_test_load ("railsea-electronics.json");
  f->page = CS_CARGO_PAGE (cs_cargo_page_new (store.context));
  f->window = cs_gui_test_present (GTK_WIDGET (f->page), 1000, 700);
  g_object_set (f->page, "manifest", f->manifest, NULL);
  cs_gui_test_spin ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  cs_gui_test_spin ();
  g_clear_object (&f->manifest);
}

static void
test_binds_the_list (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *rows;
  g_autoptr(CsItem) first = NULL;

  NEED_DISPLAY ();
  rows = cs_cargo_page_get_rows (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  first = g_list_model_get_item (rows, 0);
  g_assert_true (first == CS_MANIFEST_ITEM (f->manifest, 0));

  /* The first line is selected and the pane edits it. */
  g_assert_true (cs_cargo_page_get_selected (f->page) == CS_MANIFEST_ITEM (f->manifest, 0));
  g_assert_true (cs_item_pane_get_item (CS_ITEM_PANE (cs_cargo_page_get_item_pane (f->page))) ==
                 CS_MANIFEST_ITEM (f->manifest, 0));

  /* Appending to the model shows in the view: the view is the list, not a copy. */
  {
    g_autoptr(CsItem) item = cs_item_new ();
    cs_list_append (f->manifest->items, item);
  }
  cs_gui_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);

  /* A new manifest rebinds. */
  {
    g_autoptr(CsManifest) other = cs_manifest_new_draft ();
    cs_cargo_page_set_manifest (f->page, other);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
    g_assert_null (cs_cargo_page_get_selected (f->page));
    cs_cargo_page_set_manifest (f->page, f->manifest);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  }
}

static void
wait_rows (GListModel *rows,
           guint       want)
{
  /* The filter is incremental: let it finish. */
  for (int i = 0; i < 1000 && g_list_model_get_n_items (rows) != want; i++)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  GListModel *rows;
  g_autoptr(CsItem) only = NULL;

  NEED_DISPLAY ();
  rows = cs_cargo_page_get_rows (f->page);

  cs_cargo_page_set_filter (f->page, "notebook", NULL);
  wait_rows (rows, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  only = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (CS_ITEM (only)->description, ==, CS_MANIFEST_ITEM (f->manifest, 0)->description);

  cs_cargo_page_set_filter (f->page, NULL, "machinery");
  wait_rows (rows, 2);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  cs_cargo_page_set_filter (f->page, "CMAU5120770", "machinery");
  wait_rows (rows, 2);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  cs_cargo_page_set_filter (f->page, "no such thing", NULL);
  wait_rows (rows, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  cs_cargo_page_set_filter (f->page, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  /* Typing in the filter entry narrows the view too. */
  {
    GtkWidget *entry = NULL;
    GtkWidget *w = GTK_WIDGET (f->page);

    for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; )
      {
        if (GTK_IS_SEARCH_ENTRY (c))
          {
            entry = c;
            break;
          }
        if (gtk_widget_get_first_child (c) != NULL)
          c = gtk_widget_get_first_child (c);
        else
          {
            while (c != NULL && gtk_widget_get_next_sibling (c) == NULL)
              c = gtk_widget_get_parent (c) == w ? NULL : gtk_widget_get_parent (c);
            if (c != NULL)
              c = gtk_widget_get_next_sibling (c);
          }
      }
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "generating");
    wait_rows (rows, 1);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  }
}

static void
test_edit_through_pane (Fixture       *f,
                        gconstpointer  data)
{
  CsItemPane *pane;
  CsItem *second = NULL;
  GtkWidget *row;

  NEED_DISPLAY ();
  pane = CS_ITEM_PANE (cs_cargo_page_get_item_pane (f->page));
  second = CS_MANIFEST_ITEM (f->manifest, 1);
  g_assert_true (cs_cargo_page_select_item (f->page, second));
  g_assert_true (cs_item_pane_get_item (pane) == second);

  row = cs_item_pane_get_row (pane, "description");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (row)), ==, "items[1].description");
  gtk_editable_set_text (GTK_EDITABLE (row), "CNC machining centre");
  g_assert_cmpstr (second->description, ==, "CNC machining centre");

  row = cs_item_pane_get_row (pane, "gross_kg");
  gtk_editable_set_text (GTK_EDITABLE (row), "9100.5");
  g_assert_cmpfloat (second->gross_kg, ==, 9100.5);
  gtk_editable_set_text (GTK_EDITABLE (row), "heavy");
  g_assert_cmpfloat (second->gross_kg, ==, 9100.5);
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (row)));

  row = cs_item_pane_get_row (pane, "packages.count");
  gtk_editable_set_text (GTK_EDITABLE (row), "3");
  g_assert_cmpfloat (second->packages->count, ==, 3);

  /* focus_path selects another line and binds its field. */
  g_assert_true (cs_cargo_page_focus_path (f->page, "items[2].hs_code"));
  g_assert_true (cs_cargo_page_get_selected (f->page) == CS_MANIFEST_ITEM (f->manifest, 2));
  row = cs_item_pane_get_row (pane, "hs_code");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (row)), ==, "items[2].hs_code");
  g_assert_false (cs_cargo_page_focus_path (f->page, "items[9].hs_code"));
  g_assert_false (cs_cargo_page_focus_path (f->page, "containers[0].number"));
}

static void
test_line_actions (Fixture       *f,
                   gconstpointer  data)
{
  CsItem *added, *copy;
  guint n;

  NEED_DISPLAY ();
  n = CS_MANIFEST_N_ITEMS (f->manifest);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cargo.add-line", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 1);
  added = CS_MANIFEST_ITEM (f->manifest, n);
  g_assert_cmpfloat (added->line, ==, 4);
  g_assert_true (cs_cargo_page_get_selected (f->page) == added);

  /* Duplicate copies everything but what must be unique. */
  cs_cargo_page_select_item (f->page, CS_MANIFEST_ITEM (f->manifest, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cargo.duplicate-line", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 2);
  copy = CS_MANIFEST_ITEM (f->manifest, 2);
  g_assert_cmpstr (copy->description, ==, CS_MANIFEST_ITEM (f->manifest, 1)->description);
  g_assert_cmpfloat (copy->line, ==, 5);
  g_assert_nonnull (copy->machinery);
  g_assert_null (copy->machinery->serials);
  g_assert_null (copy->machinery->serial_containers);
  g_assert_true (cs_cargo_page_get_selected (f->page) == copy);

  /* Remove, then the toast's Undo puts it back where it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cargo.remove-line", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 1);
  g_assert_cmpint (cs_list_find (f->manifest->items, copy), ==, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cargo.undo-remove", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 2);
  g_assert_true (CS_MANIFEST_ITEM (f->manifest, 2) == copy);
}

static void
test_vin_paste (Fixture       *f,
                gconstpointer  data)
{
  CsItemPane *pane;
  CsVinEditor *vins;
  CsItem *car;
  GtkWidget *category;

  NEED_DISPLAY ();
  pane = CS_ITEM_PANE (cs_cargo_page_get_item_pane (f->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cargo.add-line", NULL));
  car = cs_cargo_page_get_selected (f->page);
  category = cs_item_pane_get_row (pane, "category");
  g_assert_nonnull (category);
  cs_record_set_string (CS_RECORD (car), "category", "vehicle");

  vins = CS_VIN_EDITOR (cs_item_pane_get_vin_editor (pane));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (vins), ADW_TYPE_PREFERENCES_GROUP)));

  /* Three VINs pasted at once, one per line; the second has a wrong check digit (China: error). */
  cs_vin_editor_paste_text (vins, "LJCPCBLCX11000237\nLJCPCBLC511000237\r\n1HGCM82633A004352\n");
  g_assert_nonnull (car->vehicle);
  g_assert_cmpuint (g_strv_length (car->vehicle->vins), ==, 3);
  g_assert_cmpstr (car->vehicle->vins[1], ==, "LJCPCBLC511000237");
  g_assert_cmpuint (cs_vin_editor_get_n_vins (vins), ==, 3);
  g_assert_cmpint (cs_vin_editor_get_status (vins, 0), ==, CS_VIN_OK);
  g_assert_cmpint (cs_vin_editor_get_status (vins, 1), ==, CS_VIN_INVALID);
  g_assert_cmpint (cs_vin_editor_get_status (vins, 2), ==, CS_VIN_OK);
  g_assert_cmpuint (cs_vin_editor_get_n_invalid (vins), ==, 1);

  /* A European VIN without a check digit is only a warning; lower case is stored upper case. */
  cs_vin_editor_paste_text (vins, "wp0zzz99zts392124");
  g_assert_cmpuint (g_strv_length (car->vehicle->vins), ==, 4);
  g_assert_cmpstr (car->vehicle->vins[3], ==, "WP0ZZZ99ZTS392124");
  g_assert_cmpint (cs_vin_editor_get_status (vins, 3), ==, CS_VIN_WARNING);

  /* The model speaks back (undo, import). */
  {
    const char *two[] = { "11111111111111111", "SHORT", NULL };
    cs_record_set_strv (CS_RECORD (car->vehicle), "vins", two);
  }
  g_assert_cmpuint (cs_vin_editor_get_n_vins (vins), ==, 2);
  g_assert_cmpint (cs_vin_editor_get_status (vins, 1), ==, CS_VIN_INVALID);
  g_assert_true (cs_cargo_page_focus_path (f->page, "items[3].vehicle.vins[1]"));
}

/* Import: the page opens the import dialog on the file; once its dry run is clean, Import adds
 * every line in one change, numbered after the draft's lines. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  const char good[] = "Description,HS code,Quantity,Gross kg\n"
                      "Tea,090210,100,520\n"
                      "Liquor,220890,50,400\n";
  g_autofree char *dir = g_dir_make_tmp ("cs-cargo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "good.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CsImportDialog *dialog;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint n;

  NEED_DISPLAY ();
  g_assert_true (g_file_set_contents (path, good, sizeof good - 1, NULL));
  n = CS_MANIFEST_N_ITEMS (f->manifest);
  g_assert_null (cs_cargo_page_get_import_dialog (f->page));
  cs_cargo_page_import_file (f->page, file, FALSE);
  dialog = cs_cargo_page_get_import_dialog (f->page);
  g_assert_nonnull (dialog);
  /* no vehicle line selected: only cargo lines are offered */
  g_assert_cmpint (cs_import_dialog_get_kind (dialog), ==, CS_TABLE_KIND_ITEMS);
  while (cs_import_dialog_is_busy (dialog))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the dry run");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n);
  g_assert_true (cs_import_dialog_import (dialog));
  g_assert_null (cs_cargo_page_get_import_dialog (f->page));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 2);
  g_assert_cmpstr (CS_MANIFEST_ITEM (f->manifest, n)->description, ==, "Tea");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (f->manifest, n)->line, ==, 4);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (f->manifest, n + 1)->line, ==, 5);
  cs_gui_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (cs_cargo_page_get_rows (f->page)), ==, n + 2);
  g_unlink (path);
  g_rmdir (dir);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The base class's properties: notified once per change, never when the value stays. */
static void
test_editor_page_properties (Fixture       *f,
                             gconstpointer  data)
{
  CsEditorPage *page;
  g_autoptr(CsManifest) other = NULL;
  g_autoptr(CsValidation) validation = NULL;
  guint n_manifest = 0, n_validation = 0;

  NEED_DISPLAY ();
  page = CS_EDITOR_PAGE (f->page);
  g_assert_true (cs_editor_page_get_context (page) == store.context);
  g_assert_true (cs_editor_page_get_manifest (page) == f->manifest);
  g_signal_connect (page, "notify::manifest", G_CALLBACK (count_notify_cb), &n_manifest);
  g_signal_connect (page, "notify::validation", G_CALLBACK (count_notify_cb), &n_validation);

  g_object_set (page, "manifest", f->manifest, NULL);
  cs_cargo_page_set_manifest (f->page, f->manifest);
  g_assert_cmpuint (n_manifest, ==, 0);
  other = cs_manifest_new_draft ();
  cs_editor_page_set_manifest (page, other);
  g_assert_cmpuint (n_manifest, ==, 1);
  g_assert_true (cs_cargo_page_get_manifest (f->page) == other);
  g_assert_cmpuint (g_list_model_get_n_items (cs_cargo_page_get_rows (f->page)), ==, 0);
  cs_cargo_page_set_manifest (f->page, f->manifest);
  g_assert_cmpuint (n_manifest, ==, 2);

  validation = cs_validation_new (cs_context_get_catalog (store.context));
  cs_editor_page_set_validation (page, validation);
  g_object_set (page, "validation", validation, NULL);
  g_assert_cmpuint (n_validation, ==, 1);
  g_assert_true (cs_cargo_page_get_validation (f->page) == validation);
  cs_cargo_page_set_validation (f->page, NULL);
  g_assert_cmpuint (n_validation, ==, 2);

  /* focus_path is the page's own, through the base class. */
  g_assert_true (cs_editor_page_focus_path (page, "items[1].description"));
  g_assert_true (cs_cargo_page_get_selected (f->page) == CS_MANIFEST_ITEM (f->manifest, 1));
  g_assert_false (cs_editor_page_focus_path (page, "documents[0].number"));
  g_signal_handlers_disconnect_by_func (page, count_notify_cb, &n_manifest);
  g_signal_handlers_disconnect_by_func (page, count_notify_cb, &n_validation);
}

/* Issue 13.3: the line's container field chooses among the manifest's containers, and offers
 * to add a number it does not list. */
static void
test_container_choice (Fixture       *f,
                       gconstpointer  data)
{
  CsItemPane *pane;
  CsItem *first;
  GtkWidget *row;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *to_add = NULL;
  guint n_boxes;

  NEED_DISPLAY ();
  pane = CS_ITEM_PANE (cs_cargo_page_get_item_pane (f->page));
  first = CS_MANIFEST_ITEM (f->manifest, 0);
  g_assert_true (cs_cargo_page_select_item (f->page, first));
  row = cs_item_pane_get_row (pane, "container");
  g_assert_nonnull (row);

  numbers = cs_container_choice_list (CS_FIELD_ROW (row), &to_add);
  g_assert_cmpuint (g_strv_length (numbers), ==, CS_MANIFEST_N_CONTAINERS (f->manifest));
  g_assert_true (g_strv_contains ((const char * const *) numbers, "OOLU8832107"));
  /* Choosing one sets the line's container. */
  g_assert_true (gtk_widget_activate_action (row, "container-choice.choose", "s", "CMAU5120770"));
  g_assert_cmpstr (first->container, ==, "CMAU5120770");
  g_clear_pointer (&to_add, g_free);
  g_strfreev (g_steal_pointer (&numbers));
  numbers = cs_container_choice_list (CS_FIELD_ROW (row), &to_add);
  g_assert_null (to_add);

  /* A new number, typed as people do: offered for adding, and added once. */
  n_boxes = CS_MANIFEST_N_CONTAINERS (f->manifest);
  gtk_editable_set_text (GTK_EDITABLE (row), "csqu 305438 3");
  g_strfreev (g_steal_pointer (&numbers));
  numbers = cs_container_choice_list (CS_FIELD_ROW (row), &to_add);
  g_assert_cmpstr (to_add, ==, "CSQU3054383");
  g_assert_true (gtk_widget_activate_action (row, "container-choice.add", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_CONTAINERS (f->manifest), ==, n_boxes + 1);
  g_assert_cmpstr (CS_MANIFEST_CONTAINER (f->manifest, n_boxes)->number, ==, "CSQU3054383");
  g_assert_cmpstr (first->container, ==, "CSQU3054383");
}

static void
collect_inscriptions (GtkWidget *widget,
                      GPtrArray *out)
{
  if (GTK_IS_INSCRIPTION (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_inscriptions (c, out);
}

/* Issue 13: an empty cell read by a screen reader logged GLib-CRITICAL g_utf8_strlen twice
 * (GTK 4.8 measures the inscription's text, which was NULL). Empty cells hold "". */
static void
test_empty_cells_have_text (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CsItem) blank = cs_item_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n_empty = 0;

  NEED_DISPLAY ();
  cs_list_append (f->manifest->items, blank);
  for (int i = 0; i < 20; i++)
    cs_gui_test_spin ();
  collect_inscriptions (GTK_WIDGET (f->page), cells);
  g_assert_cmpuint (cells->len, >, 0);
  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = gtk_inscription_get_text (cells->pdata[i]);

      g_assert_nonnull (text);
      n_empty += *text == '\0';
    }
  g_assert_cmpuint (n_empty, >, 0);
}

/* Issue 13: a product the catalog knows fills its temperature band (editable). */
static void
test_product_fills_band (Fixture       *f,
                         gconstpointer  data)
{
  CsItemPane *pane;
  CsItem *item;
  GtkWidget *row;

  NEED_DISPLAY ();
  pane = CS_ITEM_PANE (cs_cargo_page_get_item_pane (f->page));
  item = CS_MANIFEST_ITEM (f->manifest, 0);
  g_assert_true (cs_cargo_page_select_item (f->page, item));
  row = cs_item_pane_get_row (pane, "perishable.product");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Durian");
  g_assert_nonnull (item->perishable);
  g_assert_cmpfloat (item->perishable->temp_min_c, ==, 3);
  g_assert_cmpfloat (item->perishable->temp_max_c, ==, 5);
  /* What the user typed stays. */
  gtk_editable_set_text (GTK_EDITABLE (cs_item_pane_get_row (pane, "perishable.temp_max_c")), "6");
  gtk_editable_set_text (GTK_EDITABLE (row), "durians");
  g_assert_cmpfloat (item->perishable->temp_max_c, ==, 6);
}

/* The lines' numbers in the order the table shows them, e.g. "2,3,1" ("-" for no number). */
static char *
shown_lines (GListModel *rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CsItem) item = g_list_model_get_item (rows, i);

      if (i > 0)
        g_string_append_c (out, ',');
      if (cs_num_is_set (item->line))
        g_string_append_printf (out, "%.0f", item->line);
      else
        g_string_append_c (out, '-');
    }
  return g_string_free (out, FALSE);
}

/* Sorts by the column titled @title and returns the order shown once the sort is done. */
static char *
sort_by (CsCargoPage *page,
         const char  *title,
         GtkSortType  order,
         const char  *want)
{
  GtkColumnView *view = cs_cargo_page_get_column_view (page);
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *rows = cs_cargo_page_get_rows (page);
  char *got = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        gtk_column_view_sort_by_column (view, column, order);
    }
  /* The sort is incremental: let it finish. */
  for (int i = 0; i < 1000; i++)
    {
      g_free (got);
      got = shown_lines (rows);
      if (g_str_equal (got, want))
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  return got;
}

static void
test_columns_sort (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const titles[] = {
    N_("Line"), N_("Category"), N_("Description"), N_("HS code"), N_("Quantity"), N_("Packages"),
    N_("Net kg"), N_("Gross kg"), N_("Value"), N_("Container"),
  };
  static const struct { const char *title; const char *asc; const char *desc; } sorts[] = {
    { N_("Line"), "-,1,2,3", "3,2,1,-" },
    { N_("Description"), "-,2,3,1", "1,3,2,-" },
    { N_("Quantity"), "-,2,3,1", "1,3,2,-" },
    { N_("Packages"), "-,2,3,1", "1,3,2,-" },
    { N_("Net kg"), "-,3,1,2", "2,1,3,-" },
    { N_("Value"), "-,3,2,1", "1,2,3,-" },
  };
  GListModel *columns;

  NEED_DISPLAY ();
  columns = gtk_column_view_get_columns (cs_cargo_page_get_column_view (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, _(titles[i]));
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      g_assert_true (gtk_column_view_column_get_resizable (column));
      g_assert_true (gtk_column_view_column_get_expand (column) == g_str_equal (titles[i], "Description"));
    }

  /* A line with nothing filled in: empty cells sort first, ascending, without a GLib-CRITICAL
   * from GTK 4.8's GtkStringSorter (NULL keys). */
  {
    g_autoptr(CsItem) item = cs_item_new ();
    cs_list_append (f->manifest->items, item);
  }
  cs_gui_test_spin ();
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autofree char *asc = sort_by (f->page, _(sorts[i].title), GTK_SORT_ASCENDING, sorts[i].asc);
      g_autofree char *desc = sort_by (f->page, _(sorts[i].title), GTK_SORT_DESCENDING, sorts[i].desc);

      g_test_message ("%s", sorts[i].title);
      g_assert_cmpstr (asc, ==, sorts[i].asc);
      g_assert_cmpstr (desc, ==, sorts[i].desc);
    }

  /* Container: the two lines in CMAU5120770 before the one in OOLU8832107, the empty one first. */
  {
    g_autofree char *asc = sort_by (f->page, _("Container"), GTK_SORT_ASCENDING, "-,2,3,1");
    g_autofree char *desc = sort_by (f->page, _("Container"), GTK_SORT_DESCENDING, "1,2,3,-");

    g_assert_true (g_str_has_prefix (asc, "-,") && g_str_has_suffix (asc, ",1"));
    g_assert_true (g_str_has_prefix (desc, "1,") && g_str_has_suffix (desc, ",-"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-cargo-XXXXXX");

  g_test_add ("/cargo-page/binds-the-list", Fixture, NULL, fixture_setup, test_binds_the_list, fixture_teardown);
  g_test_add ("/cargo-page/filter", Fixture, NULL, fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/cargo-page/product-fills-band", Fixture, NULL, fixture_setup,
              test_product_fills_band, fixture_teardown);
  g_test_add ("/cargo-page/empty-cells-have-text", Fixture, NULL, fixture_setup,
              test_empty_cells_have_text, fixture_teardown);
  g_test_add ("/cargo-page/container-choice", Fixture, NULL, fixture_setup, test_container_choice,
              fixture_teardown);
  g_test_add ("/cargo-page/edit-through-pane", Fixture, NULL, fixture_setup, test_edit_through_pane, fixture_teardown);
  g_test_add ("/cargo-page/line-actions", Fixture, NULL, fixture_setup, test_line_actions, fixture_teardown);
  g_test_add ("/cargo-page/vin-paste", Fixture, NULL, fixture_setup, test_vin_paste, fixture_teardown);
  g_test_add ("/cargo-page/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add ("/cargo-page/editor-page-properties", Fixture, NULL, fixture_setup,
              test_editor_page_properties, fixture_teardown);
  g_test_add ("/cargo-page/columns-sort", Fixture, NULL, fixture_setup, test_columns_sort,
              fixture_teardown);

  ret = g_test_run ();
  cs_gui_test_store_close (&store);
  return ret;
}
