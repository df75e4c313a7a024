/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-picker.c: CsPicker finds codes by English and Chinese keywords and sets the model */

#include "config.h"

#include "cs-gui-test.h"
#include "cs-catalog.h"
#include "cs-model.h"
#include "cs-picker.h"

static gboolean have_display;
static CsCatalog *catalog;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static gboolean
results_have (CsPicker   *picker,
              const char *code)
{
  GListModel *results = cs_picker_get_results (picker);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsCatalogEntry) e = g_list_model_get_item (results, i);

      if (g_strcmp0 (cs_catalog_entry_get_code (e), code) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_hs_search (void)
{
  GtkWidget *picker;
  GListModel *results;
  guint all;

  NEED_DISPLAY ();
  picker = g_object_ref_sink (cs_picker_new (catalog, "hs"));
  results = cs_picker_get_results (CS_PICKER (picker));
  all = g_list_model_get_n_items (results);
  g_assert_cmpuint (all, >, 90);

  cs_picker_set_search_text (CS_PICKER (picker), "苹果");
  g_assert_true (results_have (CS_PICKER (picker), "0808"));
  g_assert_cmpuint (g_list_model_get_n_items (results), <, all);
  g_assert_false (results_have (CS_PICKER (picker), "8703"));

  cs_picker_set_search_text (CS_PICKER (picker), "apple");
  g_assert_true (results_have (CS_PICKER (picker), "0808"));
  g_assert_false (results_have (CS_PICKER (picker), "0603"));

  /* Every word must match; case does not matter; dotted digits are found. */
  cs_picker_set_search_text (CS_PICKER (picker), "APPLES fresh");
  g_assert_true (results_have (CS_PICKER (picker), "0808"));
  cs_picker_set_search_text (CS_PICKER (picker), "apples zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  cs_picker_set_search_text (CS_PICKER (picker), "0808.10");
  g_assert_true (results_have (CS_PICKER (picker), "080810"));

  cs_picker_set_search_text (CS_PICKER (picker), "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, all);

  /* Choosing a result (a subheading: a heading only narrows, see hs-heading-narrows) sets the
   * code. */
  cs_picker_set_search_text (CS_PICKER (picker), "苹果");
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsCatalogEntry) e = g_list_model_get_item (results, i);

      if (g_strcmp0 (cs_catalog_entry_get_code (e), "080810") == 0)
        {
          cs_picker_choose_result (CS_PICKER (picker), i);
          break;
        }
    }
  g_assert_cmpstr (cs_picker_get_code (CS_PICKER (picker)), ==, "080810");

  /* HS lookups fall back to the longest listed prefix. */
  g_assert_nonnull (cs_picker_lookup (CS_PICKER (picker), "0808.10.00"));
  g_assert_cmpstr (cs_catalog_entry_get_code (cs_picker_lookup (CS_PICKER (picker), "0808.10.00")),
                   ==, "080810");
  g_object_unref (picker);
}

static void
test_other_kinds (void)
{
  GtkWidget *picker;

  NEED_DISPLAY ();
  picker = g_object_ref_sink (cs_picker_new (catalog, "locodes"));
  cs_picker_set_search_text (CS_PICKER (picker), "钦州");
  g_assert_true (results_have (CS_PICKER (picker), "CNQZH"));
  cs_picker_set_search_text (CS_PICKER (picker), "qinzhou");
  g_assert_true (results_have (CS_PICKER (picker), "CNQZH"));
  g_object_unref (picker);

  picker = g_object_ref_sink (cs_picker_new (catalog, "packages"));
  cs_picker_set_search_text (CS_PICKER (picker), "carton");
  g_assert_true (results_have (CS_PICKER (picker), "CT"));
  g_object_unref (picker);

  picker = g_object_ref_sink (cs_picker_new (catalog, "countries"));
  cs_picker_set_search_text (CS_PICKER (picker), "viet");
  g_assert_true (results_have (CS_PICKER (picker), "VN"));
  g_object_unref (picker);

  picker = g_object_ref_sink (cs_picker_new (catalog, "currencies"));
  cs_picker_set_search_text (CS_PICKER (picker), "CNY");
  g_assert_true (results_have (CS_PICKER (picker), "CNY"));
  g_object_unref (picker);
}

static void
test_row (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  GtkWidget *row;
  CsPicker *picker;

  NEED_DISPLAY ();
  row = g_object_ref_sink (cs_picker_row_new ("HS code", catalog, "hs"));
  picker = cs_picker_row_get_picker (CS_FIELD_ROW (row));
  cs_picker_row_bind (CS_FIELD_ROW (row), CS_RECORD (item), "hs_code", "items[0].hs_code", NULL);

  /* Picking writes the model ... */
  cs_picker_set_search_text (picker, "apple");
  g_assert_cmpuint (g_list_model_get_n_items (cs_picker_get_results (picker)), >, 0);
  cs_picker_set_code (picker, "0808");
  g_assert_cmpstr (item->hs_code, ==, "0808");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "0808");

  /* ... typing moves the picker, and the model moves both. */
  gtk_editable_set_text (GTK_EDITABLE (row), "080810");
  g_assert_cmpstr (item->hs_code, ==, "080810");
  g_assert_cmpstr (cs_picker_get_code (picker), ==, "080810");
  cs_record_set_string (CS_RECORD (item), "hs_code", "8703801090");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "8703801090");
  g_assert_cmpstr (cs_picker_get_code (picker), ==, "8703801090");
  g_object_unref (row);
}

/* The popover's content is made when it first opens: a search entry with the focus that
 * filters the list, Enter chooses the first match and closes it; opening again reuses it. */
static void
test_popover (void)
{
  GtkWidget *picker, *window, *box, *entry, *focus;
  GtkPopover *popover;

  NEED_DISPLAY ();
  picker = cs_picker_new (catalog, "hs");
  window = cs_gui_test_present (picker, -1, -1);
  cs_gui_test_spin ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (gtk_widget_get_first_child (picker)));
  g_assert_nonnull (popover);
  g_assert_null (gtk_popover_get_child (popover));

  cs_picker_popup (CS_PICKER (picker));
  cs_gui_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  box = gtk_popover_get_child (popover);
  g_assert_nonnull (box);
  entry = gtk_widget_get_first_child (box);
  g_assert_true (GTK_IS_SEARCH_ENTRY (entry));
  focus = gtk_root_get_focus (gtk_widget_get_root (entry));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "fresh apples");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_true (results_have (CS_PICKER (picker), "0808"));
  /* The match is the heading 0808: Enter narrows to it, a second Enter takes its first
   * subheading. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (cs_picker_get_code (CS_PICKER (picker)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "0808");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (cs_picker_get_code (CS_PICKER (picker)));
  g_assert_true (g_str_has_prefix (cs_picker_get_code (CS_PICKER (picker)), "0808"));
  g_assert_cmpuint (strlen (cs_picker_get_code (CS_PICKER (picker))), >=, 6);
  cs_gui_test_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Opening again: the same content, the search cleared. */
  cs_picker_popup (CS_PICKER (picker));
  cs_gui_test_spin ();
  g_assert_true (gtk_popover_get_child (popover) == box);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  cs_picker_popdown (CS_PICKER (picker));
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* Issue 13: a heading (0810) is not a code customs accepts; choosing it narrows the list to
 * its subheadings, and Enter takes the first usable code. */
static void
test_hs_heading_narrows (void)
{
  GtkWidget *picker;
  GListModel *results;
  guint heading = G_MAXUINT;

  NEED_DISPLAY ();
  picker = g_object_ref_sink (cs_picker_new (catalog, "hs"));
  results = cs_picker_get_results (CS_PICKER (picker));
  cs_picker_set_search_text (CS_PICKER (picker), "durian");
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CsCatalogEntry) e = g_list_model_get_item (results, i);

      if (g_strcmp0 (cs_catalog_entry_get_code (e), "0810") == 0)
        heading = i;
    }
  g_assert_cmpuint (heading, !=, G_MAXUINT);
  cs_picker_choose_result (CS_PICKER (picker), heading);
  g_assert_null (cs_picker_get_code (CS_PICKER (picker)));
  g_assert_true (results_have (CS_PICKER (picker), "081060"));
  g_object_unref (picker);
}

/* Issue 13.7: a picker row is one Tab stop (its text); Alt+Down opens the list. */
static void
test_row_one_tab_stop (void)
{
  GtkWidget *window, *box, *list, *row, *after, *text;
  CsPicker *picker;
  GtkPopover *popover;

  NEED_DISPLAY ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  list = gtk_list_box_new ();
  row = cs_picker_row_new ("Port of loading", catalog, "locodes");
  after = gtk_button_new_with_label ("after");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), after);
  window = cs_gui_test_present (box, 600, -1);
  cs_gui_test_spin ();
  picker = cs_picker_row_get_picker (CS_FIELD_ROW (row));
  text = cs_field_row_get_text_widget (CS_FIELD_ROW (row));
  {
    g_autoptr(CsItem) item = cs_item_new ();

    cs_picker_row_bind (CS_FIELD_ROW (row), CS_RECORD (item), "origin_country", "items[0].origin_country", NULL);
    g_assert_true (gtk_widget_grab_focus (text));
    g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == after);

    g_assert_true (gtk_widget_grab_focus (text));
    g_assert_true (gtk_widget_activate_action (row, "picker.popup", NULL));
    cs_gui_test_spin ();
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (picker))));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    cs_picker_popdown (picker);
    cs_picker_row_bind (CS_FIELD_ROW (row), NULL, "origin_country", NULL, NULL);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  have_display = cs_gui_test_init (&argc, &argv, NULL, NULL);
  catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/picker/hs-search", test_hs_search);
  g_test_add_func ("/picker/other-kinds", test_other_kinds);
  g_test_add_func ("/picker/row", test_row);
  g_test_add_func ("/picker/popover", test_popover);
  g_test_add_func ("/picker/hs-heading-narrows", test_hs_heading_narrows);
  g_test_add_func ("/picker/row-one-tab-stop", test_row_one_tab_stop);

  ret = g_test_run ();
  g_clear_object (&catalog);
  return ret;
}
