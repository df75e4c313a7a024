/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-directory-window.c: the Directory window adds, finds, edits, deletes, imports and exports
 * parties and products in a scratch store (read back through a connection of its own) */

#include "config.h"

#include <string.h>

#include "cs-gui-test.h"
#include "cs-application.h"
#include "cs-directory.h"
#include "cs-directory-window.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

/* Runs the main loop until every store job the window started has come back. */
static void
wait_idle (CsDirectoryWindow *window)
{
  while (cs_directory_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  cs_gui_test_spin ();
}

static CsDirectoryWindow *
open_window (void)
{
  GtkWidget *window = cs_directory_window_new (store.context);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  wait_idle (CS_DIRECTORY_WINDOW (window));
  return CS_DIRECTORY_WINDOW (window);
}

static void
close_window (CsDirectoryWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
set_row (CsDirectoryWindow *window,
         const char        *field,
         const char        *text)
{
  GtkWidget *row = cs_directory_window_get_editor_row (window, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
save_editor (CsDirectoryWindow *window)
{
  GtkWindow *editor = cs_directory_window_get_editor (window);

  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait_idle (window);
}

static void
search (CsDirectoryWindow *window,
        const char        *page,
        const char        *text)
{
  GtkWidget *entry = cs_directory_window_get_search (window, page);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  wait_idle (window);
}

static CsDirectoryItem *
item_at (CsDirectoryWindow *window,
         const char        *page,
         guint              i)
{
  GListModel *model = cs_directory_window_get_model (window, page);
  CsDirectoryItem *item = g_list_model_get_item (model, i);

  g_assert_nonnull (item);
  g_object_unref (item);    /* the model keeps it */
  return item;
}

/* A top-level message dialog whose heading is @heading, or NULL. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_text (GtkWidget  *root,
          const char *needle)
{
  g_auto(GStrv) texts = cs_gui_test_collect_texts (root);

  for (guint i = 0; texts[i] != NULL; i++)
    if (strstr (texts[i], needle) != NULL)
      return TRUE;
  return FALSE;
}

/* A label under @root showing exactly @text is on screen. */
static gboolean
label_mapped (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return gtk_widget_get_mapped (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (label_mapped (c, text))
      return TRUE;
  return FALSE;
}

/* What the store holds, read through a connection of the test's own. */
static GPtrArray *
stored_parties (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) s = cs_store_open (store.db, &error);
  GPtrArray *found;

  g_assert_no_error (error);
  found = cs_directory_search_parties (s, text, 0, &error);
  g_assert_no_error (error);
  return found;
}

static GPtrArray *
stored_products (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) s = cs_store_open (store.db, &error);
  GPtrArray *found;

  g_assert_no_error (error);
  found = cs_directory_search_products (s, NULL, 0, &error);
  g_assert_no_error (error);
  return found;
}

static void
fits (GtkWidget *widget)
{
  int min_w, min_h;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 800, &min_h, NULL, NULL, NULL);
  g_assert_cmpint (min_w, <=, 800);
  g_assert_cmpint (min_h, <=, 600);
}

/* Add (a bad tax id refused in the dialog, kept open), a shared tax id flagged, search, edit,
 * delete after asking. */
static void
test_parties (void)
{
  CsDirectoryWindow *window;
  CsDirectoryItem *item;
  g_autoptr(GPtrArray) found = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *editor;

  NEED_DISPLAY ();
  window = open_window ();
  g_assert_cmpstr (cs_directory_window_get_page (window), ==, "parties");
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 0);
  g_assert_true (label_mapped (GTK_WIDGET (window), "No parties yet"));
  fits (GTK_WIDGET (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.add", NULL));
  editor = cs_directory_window_get_editor (window);
  g_assert_nonnull (editor);
  fits (GTK_WIDGET (editor));
  set_row (window, "name", "广西北部湾贸易有限公司");
  set_row (window, "name_latin", "Guangxi Beibu Gulf Trading Co., Ltd.");
  set_row (window, "city", "Nanning");
  set_row (window, "country", "CN");
  set_row (window, "tax_id", "91500000MA60000001");   /* bad check character */
  save_editor (window);
  /* refused: the dialog stays, with the reason; nothing stored */
  g_assert_true (cs_directory_window_get_editor (window) == editor);
  g_assert_true (has_text (GTK_WIDGET (editor), "is not a unified social credit code"));
  found = stored_parties (NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  set_row (window, "tax_id", "91110000600037341L");
  save_editor (window);
  g_assert_null (cs_directory_window_get_editor (window));
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 1);
  item = item_at (window, "parties", 0);
  g_assert_cmpstr (cs_directory_item_get_title (item), ==, "广西北部湾贸易有限公司");
  g_assert_cmpstr (cs_directory_item_get_detail (item), ==, "91110000600037341L");
  g_assert_null (cs_directory_item_get_warning (item));
  g_assert_true (label_mapped (GTK_WIDGET (window), "广西北部湾贸易有限公司"));

  /* a second entry with the same tax id: both flagged */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.add", NULL));
  set_row (window, "name", "Beijing Motors");
  set_row (window, "country", "CN");
  set_row (window, "tax_id", "91110000600037341l");
  wait_idle (window);
  /* the dialog says which entry has it already */
  g_assert_true (has_text (GTK_WIDGET (cs_directory_window_get_editor (window)),
                           "This tax id is also in the directory as “广西北部湾贸易有限公司”."));
  save_editor (window);
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 2);
  g_assert_nonnull (cs_directory_item_get_warning (item_at (window, "parties", 0)));
  g_assert_nonnull (cs_directory_item_get_warning (item_at (window, "parties", 1)));

  /* search as one types: Latin name, case ignored */
  search (window, "parties", "beibu");
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 1);
  g_assert_cmpstr (cs_directory_item_get_title (item_at (window, "parties", 0)), ==, "广西北部湾贸易有限公司");
  search (window, "parties", "nothing like it");
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 0);
  g_assert_true (label_mapped (GTK_WIDGET (window), "No Matches"));
  search (window, "parties", "beijing");
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 1);

  /* edit the one found: every field is there, the change is stored */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.edit", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cs_directory_window_get_editor_row (window, "name"))),
                   ==, "Beijing Motors");
  for (guint i = 0; i < 10; i++)
    {
      const char *fields[] = { "name", "name_latin", "address", "city", "postcode", "country",
                               "tax_id", "contact", "phone", "email" };

      g_assert_nonnull (cs_directory_window_get_editor_row (window, fields[i]));
    }
  set_row (window, "tax_id", "");
  set_row (window, "phone", "+86 10 1234 5678");
  save_editor (window);
  found = stored_parties ("beijing");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CsDirectoryParty *) found->pdata[0])->party->phone, ==, "+86 10 1234 5678");
  g_assert_null (((CsDirectoryParty *) found->pdata[0])->party->tax_id);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_null (cs_directory_item_get_warning (item_at (window, "parties", 0)));

  /* delete asks first; Cancel keeps it, Delete removes it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.delete", NULL));
  dialog = find_dialog ("Delete “Beijing Motors”?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  wait_idle (window);
  found = stored_parties (NULL);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.delete", NULL));
  dialog = find_dialog ("Delete “Beijing Motors”?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  wait_idle (window);
  found = stored_parties (NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 0);
  search (window, "parties", "");
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "parties")), ==, 1);
  close_window (window);
}

/* A product with its own fields and per-unit figures (the item pane without the rows that
 * mean nothing for one unit); edited; a refused import changes nothing and lists every
 * problem; an export imports back. */
static void
test_products (void)
{
  g_autofree char *bad = g_build_filename (store.dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (store.dir, "products.csv", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *expected = NULL;
  CsDirectoryWindow *window;
  AdwMessageDialog *dialog;
  CsProduct *p;

  NEED_DISPLAY ();
  window = open_window ();
  cs_directory_window_show_page (window, "products");
  cs_gui_test_spin ();
  g_assert_true (label_mapped (GTK_WIDGET (window), "No products yet"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.add", NULL));
  fits (GTK_WIDGET (cs_directory_window_get_editor (window)));
  g_assert_false (gtk_widget_get_visible (cs_directory_window_get_editor_row (window, "quantity")));
  g_assert_false (gtk_widget_get_visible (cs_directory_window_get_editor_row (window, "container")));
  set_row (window, "code", "BYD-ATTO3");
  set_row (window, "description", "Battery electric car");
  set_row (window, "description_zh", "纯电动汽车");
  set_row (window, "hs_code", "8703800090");
  set_row (window, "unit", "C62");
  set_row (window, "net_kg", "1750");
  set_row (window, "gross_kg", "1950");
  set_row (window, "value", "18500");
  set_row (window, "currency", "usd");
  set_row (window, "units_per_package", "abc");
  save_editor (window);
  g_assert_nonnull (cs_directory_window_get_editor (window));   /* not a number: kept open */
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  set_row (window, "units_per_package", "1");
  set_row (window, "vehicle.make", "BYD");
  set_row (window, "vehicle.model", "Atto 3");
  /* the per-unit page: the vehicle block, no VINs, serials or splits (one unit has none) */
  {
    GtkWidget *editor = GTK_WIDGET (cs_directory_window_get_editor (window));
    GtkWidget *row = cs_directory_window_get_editor_row (window, "hs_code");

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (row, ADW_TYPE_VIEW_STACK)),
                                           "unit");
    cs_gui_test_spin ();
    g_assert_true (label_mapped (editor, "Vehicle"));
    g_assert_true (label_mapped (editor, "Gross weight per unit"));
    g_assert_false (label_mapped (editor, "VINs"));
    g_assert_false (label_mapped (editor, "Splits"));
    g_assert_false (gtk_widget_get_visible (cs_directory_window_get_editor_row (window, "machinery.serials")));
  }
  save_editor (window);
  g_assert_null (cs_directory_window_get_editor (window));
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 1);
  p = found->pdata[0];
  g_assert_cmpstr (p->code, ==, "BYD-ATTO3");
  g_assert_cmpstr (p->description_zh, ==, "纯电动汽车");
  g_assert_cmpstr (p->currency, ==, "USD");
  g_assert_cmpfloat (p->units_per_package, ==, 1);
  g_assert_cmpstr (p->item->hs_code, ==, "8703800090");
  g_assert_cmpfloat (p->item->gross_kg, ==, 1950);
  g_assert_nonnull (p->item->vehicle);
  g_assert_cmpstr (p->item->vehicle->make, ==, "BYD");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_cmpstr (cs_directory_item_get_subtitle (item_at (window, "products", 0)), ==,
                   "Battery electric car · 纯电动汽车");

  /* edit: the dialog opens with what is stored */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.edit", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cs_directory_window_get_editor_row (window, "gross_kg"))),
                   ==, "1950");
  set_row (window, "gross_kg", "1980");
  save_editor (window);
  found = stored_products ();
  g_assert_cmpfloat (((CsProduct *) found->pdata[0])->item->gross_kg, ==, 1980);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* a file with bad rows: refused whole, every problem shown, nothing changed */
  g_assert_true (g_file_set_contents (bad, "Product code,Description,HS code,Gross kg per unit\n"
                                           "P3,Bolt,731815,heavy\n"
                                           "P4,Nut,12,1\n"
                                           "P5,Washer,731822,0.001\n", -1, NULL));
  cs_directory_window_import_file (window, bad_file);
  wait_idle (window);
  dialog = find_dialog ("Not Imported");
  g_assert_nonnull (dialog);
  expected = g_strdup_printf ("%s:2: Gross kg per unit: “heavy” is not a number", bad);
  g_assert_true (has_text (GTK_WIDGET (dialog), expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s:3: HS code:", bad);
  g_assert_true (has_text (GTK_WIDGET (dialog), expected));
  gtk_window_destroy (GTK_WINDOW (dialog));
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "products")), ==, 1);

  /* export, delete, import the export back: the same product */
  cs_directory_window_export_file (window, out_file);
  wait_idle (window);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "directory.delete", NULL));
  adw_message_dialog_response (find_dialog ("Delete “BYD-ATTO3”?"), "delete");
  wait_idle (window);
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "products")), ==, 0);
  cs_directory_window_import_file (window, out_file);
  wait_idle (window);
  g_assert_null (find_dialog ("Not Imported"));
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "products")), ==, 1);
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 1);
  p = found->pdata[0];
  g_assert_cmpstr (p->code, ==, "BYD-ATTO3");
  g_assert_cmpstr (p->description, ==, "Battery electric car");
  g_assert_cmpfloat (p->item->gross_kg, ==, 1980);
  g_assert_cmpstr (p->item->vehicle->model, ==, "Atto 3");
  close_window (window);
  g_unlink (bad);
  g_unlink (out);
}

/* A CSV file Chinese Excel wrote (GB18030, Chinese headers): the window asks which encoding,
 * Cancel imports nothing, GB18030 imports it. */
static void
test_import_encoding (void)
{
  g_autofree char *path = g_build_filename (store.dir, "gb18030.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *utf8 = "货号,中文品名,商品编码,单位毛重,原产国\r\n"
                     "P1,螺栓,731815,0.02,CN\r\n";
  g_autofree char *gb = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gsize len = 0;
  CsDirectoryWindow *window;
  AdwMessageDialog *dialog;

  NEED_DISPLAY ();
  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (gb);
  g_assert_true (g_file_set_contents (path, gb, (gssize) len, NULL));
  window = open_window ();
  cs_directory_window_show_page (window, "products");
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 1);   /* what test_products left */
  g_clear_pointer (&found, g_ptr_array_unref);

  cs_directory_window_import_file (window, file);
  wait_idle (window);
  dialog = find_dialog ("Which Encoding?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  wait_idle (window);
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  cs_directory_window_import_file (window, file);
  wait_idle (window);
  dialog = find_dialog ("Which Encoding?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "GB18030");
  wait_idle (window);
  g_assert_null (find_dialog ("Not Imported"));
  search (window, "products", "螺栓");
  g_assert_cmpuint (g_list_model_get_n_items (cs_directory_window_get_model (window, "products")), ==, 1);
  g_assert_cmpstr (cs_directory_item_get_title (item_at (window, "products", 0)), ==, "P1");
  found = stored_products ();
  g_assert_cmpuint (found->len, ==, 2);
  close_window (window);
  g_unlink (path);
}

/* Closing the window while its store work is under way: the results find no window. */
static void
test_close_while_busy (void)
{
  CsDirectoryWindow *window;

  NEED_DISPLAY ();
  window = CS_DIRECTORY_WINDOW (cs_directory_window_new (store.context));
  g_assert_true (cs_directory_window_is_busy (window));
  gtk_window_destroy (GTK_WINDOW (window));
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_spin ();
}

static guint
count_directory_windows (GtkApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (CS_IS_DIRECTORY_WINDOW (l->data))
      n++;
  return n;
}

/* app.directory (Ctrl+Shift+D, in the primary menu and the shortcuts window) opens one
 * Directory window; asking again brings the same one back. */
static void
test_app_action (void)
{
  g_autoptr(CsApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  g_autoptr(GBytes) menu = NULL;
  g_autoptr(GBytes) shortcuts = NULL;
  GList *windows;

  NEED_DISPLAY ();
  g_setenv ("CONSIGN_DB", store.db, TRUE);
  app = cs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (cs_application_get_context (app));

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.directory");
  g_assert_cmpstrv (accels, ((const char * const[]) { "<Shift><Control>d", NULL }));
  menu = g_resources_lookup_data ("/cn/consign/Consign/ui/cs-window.ui", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (menu, NULL), (gssize) g_bytes_get_size (menu),
                                  "<attribute name=\"action\">app.directory</attribute>"));
  shortcuts = g_resources_lookup_data ("/cn/consign/Consign/gtk/help-overlay.ui", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (shortcuts, NULL), (gssize) g_bytes_get_size (shortcuts),
                                  "&lt;Control&gt;&lt;Shift&gt;d"));

  g_assert_cmpuint (count_directory_windows (GTK_APPLICATION (app)), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "directory", NULL);
  g_assert_cmpuint (count_directory_windows (GTK_APPLICATION (app)), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "directory", NULL);
  g_assert_cmpuint (count_directory_windows (GTK_APPLICATION (app)), ==, 1);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (CS_IS_DIRECTORY_WINDOW (l->data))
        while (cs_directory_window_is_busy (l->data))
          g_main_context_iteration (NULL, TRUE);
      gtk_window_destroy (l->data);
    }
  g_list_free (windows);
  cs_gui_test_spin ();
  g_assert_cmpuint (count_directory_windows (GTK_APPLICATION (app)), ==, 0);
  g_unsetenv ("CONSIGN_DB");
}

int
main (int    argc,
      char **argv)
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-directory-window-XXXXXX");
  g_test_add_func ("/directory-window/parties", test_parties);
  g_test_add_func ("/directory-window/products", test_products);
  g_test_add_func ("/directory-window/import-encoding", test_import_encoding);
  g_test_add_func ("/directory-window/close-while-busy", test_close_while_busy);
  g_test_add_func ("/directory-window/app-action", test_app_action);
  status = g_test_run ();
  cs_gui_test_store_close (&store);
  return status;
}
