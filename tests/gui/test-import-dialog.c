/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-dialog.c: the Cargo page's import dialog: an Excel workbook written by
 * libxlsxwriter, a GB18030 CSV with Chinese headings, bad rows (every one reported, Import stays
 * off, the draft unchanged), a changed column mapping, a VIN list; all at 800×600 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <xlsxwriter.h>

#include "cs-gui-test.h"
#include "cs-cargo-page.h"
#include "cs-import-dialog.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

typedef struct
{
  CsManifest  *manifest;
  GtkWidget   *window;
  CsCargoPage *page;
  char        *dir;
  guint        n_changes;   /* items-changed of the manifest's items */
} Fixture;

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_changes++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  if (!have_display)
    return;
  f->manifest = cs_gui_test_load ("railsea-electronics.json");
  f->page = CS_CARGO_PAGE (cs_cargo_page_new (store.context));
  f->window = cs_gui_test_present (GTK_WIDGET (f->page), 800, 600);
  g_object_set (f->page, "manifest", f->manifest, NULL);
  g_signal_connect (f->manifest->items, "items-changed", G_CALLBACK (items_changed_cb), f);
  f->dir = g_dir_make_tmp ("cs-import-dialog-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  cs_gui_test_spin ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GDir *dir;
  const char *name;

  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  cs_gui_test_spin ();
  g_signal_handlers_disconnect_by_func (f->manifest->items, items_changed_cb, f);
  g_clear_object (&f->manifest);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static void
wait_idle (CsImportDialog *dialog)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (cs_import_dialog_is_busy (dialog))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the dry run");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  cs_gui_test_spin ();
}

/* Opens the dialog on @path as the page's Import does, and waits for its dry run. */
static CsImportDialog *
open_file (Fixture    *f,
           const char *path,
           gboolean    vins)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CsImportDialog *dialog;

  cs_cargo_page_import_file (f->page, file, vins);
  dialog = cs_cargo_page_get_import_dialog (f->page);
  g_assert_nonnull (dialog);
  /* read on a worker: nothing is known before the main loop runs */
  g_assert_true (cs_import_dialog_is_busy (dialog));
  wait_idle (dialog);
  return dialog;
}

static int
column_of (CsImportDialog *dialog,
           const char     *heading)
{
  g_auto(GStrv) headers = cs_import_dialog_dup_headers (dialog);

  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    if (g_strcmp0 (headers[i], heading) == 0)
      return i;
  g_error ("no column “%s”", heading);
  return -1;
}

/* The dialog fits the smallest screen we support. */
static void
assert_fits_800x600 (CsImportDialog *dialog)
{
  int min_w, min_h;

  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
  g_assert_cmpint (min_w, <=, 800);
  g_assert_cmpint (min_h, <=, 600);
}

/* A workbook as libxlsxwriter writes it: a title above the header of the first sheet, Chinese and
 * English headings, numbers; a second sheet with other columns. */
static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = NULL;
  lxw_workbook *wb;
  lxw_worksheet *ws;
  CsImportDialog *dialog;
  g_auto(GStrv) sheets = NULL;
  g_auto(GStrv) preview = NULL;
  guint n;

  NEED_DISPLAY ();
  path = g_build_filename (f->dir, "packing.xlsx", NULL);
  wb = workbook_new (path);
  ws = workbook_add_worksheet (wb, "Packing list");
  worksheet_write_string (ws, 0, 0, "装箱单 Packing list 2026-12-01", NULL);
  worksheet_write_string (ws, 2, 0, "品名", NULL);
  worksheet_write_string (ws, 2, 1, "商品编码", NULL);
  worksheet_write_string (ws, 2, 2, "数量", NULL);
  worksheet_write_string (ws, 2, 3, "毛重", NULL);
  worksheet_write_string (ws, 2, 4, "Remarks", NULL);
  for (int r = 0; r < 12; r++)
    {
      g_autofree char *desc = g_strdup_printf ("Bolts M%d 螺栓", 6 + r);

      worksheet_write_string (ws, 3 + r, 0, desc, NULL);
      worksheet_write_string (ws, 3 + r, 1, "731815", NULL);
      worksheet_write_number (ws, 3 + r, 2, 100 + r, NULL);
      worksheet_write_number (ws, 3 + r, 3, 12.5 + r, NULL);
      worksheet_write_string (ws, 3 + r, 4, "fragile", NULL);
    }
  ws = workbook_add_worksheet (wb, "Other");
  worksheet_write_string (ws, 0, 0, "Description", NULL);
  worksheet_write_string (ws, 1, 0, "Tea", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  n = CS_MANIFEST_N_ITEMS (f->manifest);
  dialog = open_file (f, path, FALSE);
  assert_fits_800x600 (dialog);
  sheets = cs_import_dialog_dup_sheets (dialog);
  g_assert_cmpuint (g_strv_length (sheets), ==, 2);
  g_assert_cmpstr (sheets[0], ==, "Packing list");
  g_assert_null (cs_import_dialog_get_error (dialog));
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 12);
  /* the headings guessed in Chinese; an unknown one ignored */
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, column_of (dialog, "品名")), ==,
                   CS_IMPORT_FIELD_DESCRIPTION);
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, column_of (dialog, "毛重")), ==,
                   CS_IMPORT_FIELD_GROSS_KG);
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, column_of (dialog, "Remarks")), ==, -1);
  /* the preview: headings and the first ten rows as they will be imported */
  preview = cs_import_dialog_dup_preview (dialog);
  g_assert_cmpuint (g_strv_length (preview), ==, 11);
  g_assert_cmpstr (preview[0], ==, "Description\tHS code\tQuantity\tGross kg");
  g_assert_cmpstr (preview[1], ==, "Bolts M6 螺栓\t731815\t100\t12.5");

  /* another sheet: other columns */
  cs_import_dialog_set_sheet (dialog, "Other");
  wait_idle (dialog);
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 1);
  cs_import_dialog_set_sheet (dialog, "Packing list");
  wait_idle (dialog);

  /* Import: every row, in one change, and the dialog closes */
  f->n_changes = 0;
  g_assert_true (cs_import_dialog_import (dialog));
  g_assert_null (cs_cargo_page_get_import_dialog (f->page));
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 12);
  g_assert_cmpstr (CS_MANIFEST_ITEM (f->manifest, n)->description, ==, "Bolts M6 螺栓");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (f->manifest, n + 11)->gross_kg, ==, 23.5);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (f->manifest, n + 1)->line, ==,
                    CS_MANIFEST_ITEM (f->manifest, n)->line + 1);
}

/* Chinese Excel's CSV: not UTF-8, so the encoding is offered, GB18030 first, and the Chinese
 * headings are recognised once decoded. */
static void
test_gb18030 (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv-items-gb18030.csv", NULL);
  CsImportDialog *dialog;
  CsImportEncoding encoding;
  g_auto(GStrv) headers = NULL;
  guint n;

  NEED_DISPLAY ();
  n = CS_MANIFEST_N_ITEMS (f->manifest);
  dialog = open_file (f, path, FALSE);
  g_assert_true (cs_import_dialog_get_encoding (dialog, &encoding));
  g_assert_cmpint (encoding, ==, CS_IMPORT_ENCODING_GB18030);
  headers = cs_import_dialog_dup_headers (dialog);
  g_assert_cmpstr (headers[0], ==, "品名");
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, 0), ==, CS_IMPORT_FIELD_DESCRIPTION);
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, column_of (dialog, "车架号")), ==,
                   CS_IMPORT_FIELD_VIN);
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 2);

  /* Read as Latin-1 the headings mean nothing: no Description column, nothing to import. */
  cs_import_dialog_set_encoding (dialog, CS_IMPORT_ENCODING_LATIN1);
  wait_idle (dialog);
  g_assert_nonnull (cs_import_dialog_get_error (dialog));
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 0);
  g_assert_false (cs_import_dialog_import (dialog));

  cs_import_dialog_set_encoding (dialog, CS_IMPORT_ENCODING_GB18030);
  wait_idle (dialog);
  g_assert_true (cs_import_dialog_import (dialog));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 2);
  g_assert_cmpstr (CS_MANIFEST_ITEM (f->manifest, n)->description, ==, "新鲜荔枝，妃子笑");
  g_assert_cmpstr (CS_MANIFEST_ITEM (f->manifest, n + 1)->description, ==, "纯电动乘用车");
  g_assert_cmpstr (CS_MANIFEST_ITEM (f->manifest, n + 1)->vehicle->vins[0], ==, "LJCPCBLCX11000237");
}

/* Every bad row is in the report, Import stays off, and nothing reaches the draft. */
static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv-items-bad.csv", NULL);
  const char nul[] = "Description,Quantity\nTea,100\nLi\0quor,50\n";
  g_autofree char *nul_path = NULL;
  CsImportDialog *dialog;
  g_auto(GStrv) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean rows[7] = { FALSE };

  NEED_DISPLAY ();
  before = cs_json_dump (f->manifest, NULL);
  dialog = open_file (f, path, FALSE);
  report = cs_import_dialog_dup_report (dialog);
  /* rows 3 to 6 of the file are bad, some in several columns; each problem is one line */
  g_assert_cmpuint (g_strv_length (report), >=, 4);
  for (guint i = 0; report[i] != NULL; i++)
    {
      guint row = 0;

      g_assert_true (g_str_has_prefix (report[i], "row "));
      row = (guint) g_ascii_strtoull (report[i] + 4, NULL, 10);
      g_assert_cmpuint (row, >=, 3);
      g_assert_cmpuint (row, <=, 6);
      rows[row] = TRUE;
    }
  for (guint r = 3; r <= 6; r++)
    g_assert_true (rows[r]);
  g_assert_true (g_strv_contains ((const char * const *) report,
                                  "row 3, column Description: the description is empty"));
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 0);
  g_assert_false (cs_import_dialog_import (dialog));
  g_assert_nonnull (cs_cargo_page_get_import_dialog (f->page));

  /* leaving the bad columns out does not hide the rows still bad (Description is empty on 3) */
  cs_import_dialog_set_column_field (dialog, column_of (dialog, "Gross kg"), -1);
  wait_idle (dialog);
  g_strfreev (report);
  report = cs_import_dialog_dup_report (dialog);
  g_assert_true (g_strv_contains ((const char * const *) report,
                                  "row 3, column Description: the description is empty"));
  for (guint i = 0; report[i] != NULL; i++)
    g_assert_null (strstr (report[i], "Gross kg"));
  g_assert_false (cs_import_dialog_import (dialog));

  /* a file that cannot be read at all: the error names the line */
  nul_path = write_file (f, "nul.csv", nul, sizeof nul - 1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (nul_path);

    cs_import_dialog_set_file (dialog, file);
  }
  wait_idle (dialog);
  g_assert_nonnull (cs_import_dialog_get_error (dialog));
  g_assert_true (g_str_has_prefix (cs_import_dialog_get_error (dialog), "nul.csv:3:"));
  g_assert_false (cs_import_dialog_import (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  cs_gui_test_spin ();
  g_assert_null (cs_cargo_page_get_import_dialog (f->page));
  after = cs_json_dump (f->manifest, NULL);
  g_assert_cmpstr (before, ==, after);
}

/* With bad rows the preview shows the rows as they are in the file, each with the number the
 * report gives it; a VIN the draft holds already is reported on its row, naming the draft's line. */
static void
test_bad_rows_preview (Fixture       *f,
                       gconstpointer  data)
{
  const char csv[] = "Description,Quantity,VIN\r\n"
                     "Sedan,1,LSGAR5AL2MH123456\r\n"
                     "\r\n"
                     "Coupe,ten,LJCPCBLCX11000237\r\n";
  g_autofree char *path = write_file (f, "cars.csv", csv, sizeof csv - 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CsManifest) draft = cs_manifest_new_draft ();
  g_autoptr(CsItem) car = cs_item_new ();
  const char *vins[] = { "LSGAR5AL2MH123456", NULL };
  CsImportDialog *dialog;
  g_auto(GStrv) report = NULL;
  g_auto(GStrv) preview = NULL;

  NEED_DISPLAY ();
  cs_record_set_string (CS_RECORD (draft), "reference", "CARS-1");
  cs_record_set_number (CS_RECORD (car), "line", 7);
  cs_record_set_string (CS_RECORD (car), "description", "Sedan");
  cs_record_set_strv (cs_record_ensure_record (CS_RECORD (car), "vehicle"), "vins", vins);
  cs_list_append (draft->items, car);

  dialog = cs_import_dialog_new (GTK_WINDOW (f->window), NULL);
  cs_import_dialog_set_draft (dialog, draft);
  gtk_window_present (GTK_WINDOW (dialog));
  cs_import_dialog_set_file (dialog, file);
  wait_idle (dialog);

  report = cs_import_dialog_dup_report (dialog);
  g_assert_cmpuint (g_strv_length (report), ==, 2);
  g_assert_cmpstr (report[0], ==, "row 2, column VIN: VIN LSGAR5AL2MH123456 is already on line 7 of CARS-1");
  g_assert_cmpstr (report[1], ==, "row 4, column Quantity: “ten” is not a number");
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 0);

  /* the raw cells, the blank line left out: rows 2 and 4 as the report numbers them */
  preview = cs_import_dialog_dup_preview (dialog);
  g_assert_cmpuint (g_strv_length (preview), ==, 3);
  g_assert_cmpstr (preview[0], ==, "Row\tDescription\tQuantity\tVIN");
  g_assert_cmpstr (preview[1], ==, "2\tSedan\t1\tLSGAR5AL2MH123456");
  g_assert_cmpstr (preview[2], ==, "4\tCoupe\tten\tLJCPCBLCX11000237");

  /* without the draft the first row is good */
  cs_import_dialog_set_draft (dialog, NULL);
  wait_idle (dialog);
  g_strfreev (report);
  report = cs_import_dialog_dup_report (dialog);
  g_assert_cmpuint (g_strv_length (report), ==, 1);
  g_assert_cmpstr (report[0], ==, "row 4, column Quantity: “ten” is not a number");
  gtk_window_destroy (GTK_WINDOW (dialog));
  cs_gui_test_spin ();
}

/* A heading nobody guesses is mapped by hand; the dry run, the preview and the import follow. */
static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  const char csv[] = "Description,Gewicht,Menge\nTea,520,100\nLiquor,400.5,50\n";
  g_autofree char *path = write_file (f, "de.csv", csv, sizeof csv - 1);
  CsImportDialog *dialog;
  g_auto(GStrv) preview = NULL;
  guint n;

  NEED_DISPLAY ();
  n = CS_MANIFEST_N_ITEMS (f->manifest);
  dialog = open_file (f, path, FALSE);
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, 1), ==, -1);
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 2);
  preview = cs_import_dialog_dup_preview (dialog);
  g_assert_cmpstr (preview[0], ==, "Description");

  cs_import_dialog_set_column_field (dialog, 1, CS_IMPORT_FIELD_GROSS_KG);
  cs_import_dialog_set_column_field (dialog, 2, CS_IMPORT_FIELD_QUANTITY);
  /* the Import of the last run is off until the new one is done */
  g_assert_false (cs_import_dialog_import (dialog));
  wait_idle (dialog);
  g_strfreev (preview);
  preview = cs_import_dialog_dup_preview (dialog);
  g_assert_cmpstr (preview[0], ==, "Description\tQuantity\tGross kg");
  g_assert_cmpstr (preview[2], ==, "Liquor\t50\t400.5");

  /* a field comes from one column: giving it to another takes it from the first */
  cs_import_dialog_set_column_field (dialog, 0, CS_IMPORT_FIELD_QUANTITY);
  g_assert_cmpint (cs_import_dialog_get_column_field (dialog, 2), ==, -1);
  wait_idle (dialog);
  /* ... and without a Description column nothing can be imported */
  g_assert_nonnull (cs_import_dialog_get_error (dialog));
  g_assert_false (cs_import_dialog_import (dialog));
  cs_import_dialog_set_column_field (dialog, 0, CS_IMPORT_FIELD_DESCRIPTION);
  cs_import_dialog_set_column_field (dialog, 2, CS_IMPORT_FIELD_QUANTITY);
  wait_idle (dialog);

  g_assert_true (cs_import_dialog_import (dialog));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n + 2);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (f->manifest, n)->gross_kg, ==, 520);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (f->manifest, n + 1)->quantity, ==, 50);
}

/* The VINs of the selected vehicle line, in one change. */
static void
test_vins (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv-vins.csv", NULL);
  CsImportDialog *dialog;
  CsItem *car;
  g_auto(GStrv) preview = NULL;

  NEED_DISPLAY ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "cargo.add-line", NULL));
  car = cs_cargo_page_get_selected (f->page);
  cs_record_set_string (CS_RECORD (car), "category", "vehicle");
  cs_record_set_strv (cs_record_ensure_record (CS_RECORD (car), "vehicle"), "vins",
                      (const char *[]) { "1HGCM82633A004352", NULL });

  dialog = open_file (f, path, TRUE);
  g_assert_cmpint (cs_import_dialog_get_kind (dialog), ==, CS_TABLE_KIND_VINS);
  g_assert_cmpuint (cs_import_dialog_get_n_good (dialog), ==, 2);
  preview = cs_import_dialog_dup_preview (dialog);
  g_assert_cmpstr (preview[0], ==, "VIN");
  g_assert_cmpstr (preview[2], ==, "1M8GDM9AXKP042788");

  /* as cargo lines the same file has no Description column */
  cs_import_dialog_set_kind (dialog, CS_TABLE_KIND_ITEMS);
  wait_idle (dialog);
  g_assert_nonnull (cs_import_dialog_get_error (dialog));
  g_assert_false (cs_import_dialog_import (dialog));
  cs_import_dialog_set_kind (dialog, CS_TABLE_KIND_VINS);
  wait_idle (dialog);

  g_assert_true (cs_import_dialog_import (dialog));
  g_assert_cmpuint (g_strv_length (car->vehicle->vins), ==, 3);
  g_assert_cmpstr (car->vehicle->vins[0], ==, "1HGCM82633A004352");
  g_assert_cmpstr (car->vehicle->vins[1], ==, "LJCPCBLCX11000237");
}

/* Closing the window while the file is read cancels the run: nothing is added, nothing warns. */
static void
test_close_while_reading (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv-items-gb18030.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CsImportDialog *dialog;
  guint n;

  NEED_DISPLAY ();
  n = CS_MANIFEST_N_ITEMS (f->manifest);
  cs_cargo_page_import_file (f->page, file, FALSE);
  dialog = cs_cargo_page_get_import_dialog (f->page);
  g_assert_true (cs_import_dialog_is_busy (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (cs_cargo_page_get_import_dialog (f->page));
  /* the worker's result arrives to a closed window and is dropped */
  for (int i = 0; i < 100; i++)
    {
      cs_gui_test_spin ();
      g_usleep (2000);
    }
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (f->manifest), ==, n);
  /* a new dialog starts afresh */
  g_assert_cmpuint (cs_import_dialog_get_n_good (open_file (f, path, FALSE)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-import-dialog-XXXXXX");

  g_test_add ("/import-dialog/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/import-dialog/gb18030", Fixture, NULL, fixture_setup, test_gb18030, fixture_teardown);
  g_test_add ("/import-dialog/bad-rows", Fixture, NULL, fixture_setup, test_bad_rows, fixture_teardown);
  g_test_add ("/import-dialog/bad-rows-preview", Fixture, NULL, fixture_setup, test_bad_rows_preview,
              fixture_teardown);
  g_test_add ("/import-dialog/mapping", Fixture, NULL, fixture_setup, test_mapping, fixture_teardown);
  g_test_add ("/import-dialog/vins", Fixture, NULL, fixture_setup, test_vins, fixture_teardown);
  g_test_add ("/import-dialog/close-while-reading", Fixture, NULL, fixture_setup,
              test_close_while_reading, fixture_teardown);

  ret = g_test_run ();
  cs_gui_test_store_close (&store);
  return ret;
}
