/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-table-import.c: items and VINs from xlsx (openpyxl, libxlsxwriter) and CSV (Excel's own
 * way, GB18030) through one importer; every bad row reported; too many rows refused early.
 * argv[1] is Debian's python3 (tests/xlsx-fixtures.py). */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "cs-list.h"
#include "cs-table-import.h"
#include "cs-test-util.h"
#include "cs-xlsx-read.h"

static const char *python;
static char *dir;

static char *
path_of (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
problems_text (GPtrArray *problems)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = cs_import_problem_to_string (problems->pdata[i]);

      g_string_append_printf (s, "%s\n", line);
    }
  return g_string_free (s, FALSE);
}

static GPtrArray *
import_items (const char         *name,
              CsImportEncoding    encoding,
              const char         *sheet,
              const char * const *map,
              GPtrArray         **problems,
              GError            **error)
{
  g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name) : path_of (name);
  g_autoptr(CsTable) table = cs_table_open (path, encoding, sheet, error);
  CsImportMapping m;

  if (table == NULL || !cs_table_mapping (table, map, &m, error))
    return NULL;
  return cs_table_import_items (table, &m, problems, error);
}

static void
test_xlsx_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = import_items ("openpyxl-items.xlsx", CS_IMPORT_ENCODING_UTF8, NULL,
                                             NULL, &problems, &error);
  CsItem *nb, *shrimp, *parts;

  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (items->len, ==, 3);
  nb = items->pdata[0];
  shrimp = items->pdata[1];
  parts = items->pdata[2];
  g_assert_cmpstr (nb->description, ==, "Notebook computers 笔记本电脑");
  g_assert_cmpstr (nb->hs_code, ==, "847130");
  g_assert_cmpstr (nb->category, ==, "electronics");
  g_assert_cmpfloat (nb->quantity, ==, 2400);
  g_assert_cmpstr (nb->unit, ==, "PCE");
  g_assert_cmpfloat (nb->gross_kg, ==, 6200.5);
  g_assert_cmpfloat (nb->net_kg, ==, 5800);
  g_assert_cmpfloat (nb->packages->count, ==, 240);
  g_assert_cmpstr (nb->packages->type, ==, "CT");
  g_assert_cmpfloat (nb->value, ==, 480000);
  g_assert_cmpstr (nb->origin_country, ==, "CN");
  g_assert_cmpstr (shrimp->hs_code, ==, "030617");
  g_assert_cmpstr (shrimp->category, ==, "perishable");
  g_assert_cmpfloat (shrimp->value, ==, 9000.25);
  g_assert_cmpstr (parts->hs_code, ==, "870899");   /* typed as a number in Excel */
  g_assert_false (cs_num_is_set (parts->net_kg));
  g_assert_cmpfloat (parts->value, ==, 1e-07);
  g_assert_null (nb->marks);
}

/* A workbook already open (the import dialog lists its sheets first) gives the same table as
 * the file does. */
static void
test_xlsx_open_book (void)
{
  g_autofree char *path = path_of ("openpyxl-items.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsXlsxBook) book = cs_xlsx_book_open (path, &error);
  g_autoptr(CsTable) from_book = NULL;
  g_autoptr(CsTable) from_file = NULL;
  guint n;

  g_assert_no_error (error);
  from_book = cs_table_open_book (book, "items.xlsx", NULL, &error);
  g_assert_no_error (error);
  from_file = cs_table_open (path, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_table_get_format (from_book), ==, CS_TABLE_FORMAT_XLSX);
  n = cs_table_get_n_rows (from_book);
  g_assert_cmpuint (n, ==, cs_table_get_n_rows (from_file));
  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) a = cs_table_dup_row (from_book, i, NULL);
      g_auto(GStrv) b = cs_table_dup_row (from_file, i, NULL);

      g_assert_cmpstrv (a, b);
    }
  /* a sheet the workbook does not have is an error naming it */
  g_clear_pointer (&from_book, cs_table_free);
  from_book = cs_table_open_book (book, "items.xlsx", "No such sheet", &error);
  g_assert_null (from_book);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "No such sheet"));
}

static void
test_xlsx_map (void)
{
  g_autoptr(GError) error = NULL;
  const char *map[] = { "packed on=marks", "HS code=", NULL };
  g_autoptr(GPtrArray) items = import_items ("openpyxl-items.xlsx", CS_IMPORT_ENCODING_UTF8, NULL,
                                             map, NULL, &error);
  const char *by_letter[] = { "K=Marks", NULL };
  const char *no_column[] = { "Weight=gross_kg", NULL };
  const char *no_field[] = { "K=colour", NULL };

  g_assert_no_error (error);
  /* a date cell and a date typed as text both arrive as YYYY-MM-DD */
  g_assert_cmpstr (((CsItem *) items->pdata[0])->marks, ==, "2024-03-05");
  g_assert_cmpstr (((CsItem *) items->pdata[1])->marks, ==, "2024-03-06");
  g_assert_cmpstr (((CsItem *) items->pdata[2])->marks, ==, "2024-03-07T12:30:00");
  g_assert_null (((CsItem *) items->pdata[0])->hs_code);   /* the column was left out */
  g_clear_pointer (&items, g_ptr_array_unref);

  items = import_items ("openpyxl-items.xlsx", CS_IMPORT_ENCODING_UTF8, NULL, by_letter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CsItem *) items->pdata[0])->marks, ==, "2024-03-05");
  g_clear_pointer (&items, g_ptr_array_unref);

  items = import_items ("openpyxl-items.xlsx", CS_IMPORT_ENCODING_UTF8, NULL, no_column, NULL, &error);
  g_assert_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_MAP);
  g_assert_nonnull (strstr (error->message, "“Weight”"));
  g_assert_nonnull (strstr (error->message, "Packed on"));
  g_clear_error (&error);
  items = import_items ("openpyxl-items.xlsx", CS_IMPORT_ENCODING_UTF8, NULL, no_field, NULL, &error);
  g_assert_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_MAP);
  g_assert_nonnull (strstr (error->message, "“colour”"));
  g_assert_nonnull (strstr (error->message, "gross_kg"));
}

static void
test_xlsx_bad_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *path = path_of ("openpyxl-bad-rows.xlsx");
  g_autoptr(GPtrArray) items = import_items (path, CS_IMPORT_ENCODING_UTF8, NULL, NULL, &problems,
                                             &error);
  g_autofree char *text = problems_text (problems);
  g_autofree char *expected = g_strdup_printf (
    "%s:5: Quantity: “ten” is not a number\n"
    "%s:6: Gross kg: the cell holds the error value #N/A\n"
    "%s:7: Origin: “China” is not a two-letter country code (ISO 3166)\n"
    "%s:8: Description: the description is empty\n", path, path, path, path);

  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  /* every bad row, with the sheet's row numbers (the title above the header is skipped, and the
   * #DIV/0! in a column that is not imported does not count) */
  g_assert_cmpstr (text, ==, expected);
}

static void
test_xlsx_damaged (void)
{
  static const char *files[] = { "truncated.xlsx", "not-xml.xlsx", "openpyxl-formula.xlsx",
                                 "openpyxl-merged.xlsx", "missing-sheet.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = import_items (files[i], CS_IMPORT_ENCODING_UTF8, NULL, NULL, NULL,
                                                 &error);

      g_test_message ("%s: %s", files[i], error ? error->message : "(none)");
      g_assert_null (items);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CS_XLSX_ERROR);
      g_assert_nonnull (strstr (error->message, files[i]));
    }
}

static void
test_csv_excel (void)
{
  /* What Excel's "CSV UTF-8" writes in a locale whose list separator is the semicolon */
  static const char csv[] =
    "\xEF\xBB\xBF" ";;;;\r\n"   /* an emptied title row: blank, the header is the next line */
    "Description;Quantity;Gross kg;Packages;Package type\r\n"
    "\"Bolts; M8\";1000;25.5;10;CT\r\n"
    "\"Nuts \"\"hex\"\"\";2000;12;5;BG\r\n";
  g_autofree char *path = path_of ("excel.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_assert_true (g_file_set_contents (path, csv, sizeof csv - 1, NULL));
  items = import_items (path, CS_IMPORT_ENCODING_UTF8, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((CsItem *) items->pdata[0])->description, ==, "Bolts; M8");
  g_assert_cmpfloat (((CsItem *) items->pdata[0])->gross_kg, ==, 25.5);
  g_assert_cmpstr (((CsItem *) items->pdata[1])->description, ==, "Nuts \"hex\"");
  g_assert_cmpstr (((CsItem *) items->pdata[1])->packages->type, ==, "BG");
}

static void
test_csv_gb18030 (void)
{
  g_autofree char *path = cs_test_fixture_path ("csv-items-gb18030.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = import_items (path, CS_IMPORT_ENCODING_UTF8, NULL, NULL, NULL, &error);

  /* not UTF-8: refused with the previews, until the encoding is chosen */
  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);
  items = import_items (path, CS_IMPORT_ENCODING_GB18030, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (((CsItem *) items->pdata[0])->description, ==, "新鲜荔枝，妃子笑");
  g_assert_cmpfloat (((CsItem *) items->pdata[0])->gross_kg, ==, 870);
  g_assert_cmpstr (((CsItem *) items->pdata[1])->vehicle->vins[0], ==, "LJCPCBLCX11000237");
}

static void
test_vins_libxlsxwriter (void)
{
  g_autofree char *path = path_of ("vins.xlsx");
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "VIN");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CsTable) table = NULL;
  g_auto(GStrv) vins = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  worksheet_write_string (ws, 0, 0, "序号", NULL);
  worksheet_write_string (ws, 0, 1, "车架号", NULL);
  worksheet_write_number (ws, 1, 0, 1, NULL);
  worksheet_write_string (ws, 1, 1, "LJCPCBLCX11000237", NULL);
  worksheet_write_number (ws, 2, 0, 2, NULL);
  worksheet_write_string (ws, 2, 1, "1m8gdm9axkp042788", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  table = cs_table_open (path, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_table_get_format (table), ==, CS_TABLE_FORMAT_XLSX);
  vins = cs_table_import_vins (table, NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (vins), ==, 2);
  g_assert_cmpstr (vins[1], ==, "1M8GDM9AXKP042788");
  g_clear_pointer (&vins, g_strfreev);
  g_clear_pointer (&table, cs_table_free);

  /* the same VIN twice and a bad one: both rows reported */
  wb = workbook_new (path);
  ws = workbook_add_worksheet (wb, "VIN");
  worksheet_write_string (ws, 0, 0, "VIN", NULL);
  worksheet_write_string (ws, 1, 0, "LJCPCBLCX11000237", NULL);
  worksheet_write_string (ws, 2, 0, "LJCPCBLCX1100023", NULL);
  worksheet_write_string (ws, 3, 0, "LJCPCBLCX11000237", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  table = cs_table_open (path, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_assert_no_error (error);
  vins = cs_table_import_vins (table, NULL, &problems, &error);
  g_assert_null (vins);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  text = problems_text (problems);
  expected = g_strdup_printf ("%s:3: VIN: “LJCPCBLCX1100023” is not a VIN (17 letters and digits, "
                              "without I, O or Q)\n%s:4: VIN: VIN LJCPCBLCX11000237 is already on "
                              "line 2\n", path, path);
  g_assert_cmpstr (text, ==, expected);
}

/* A million rows: refused once the row after the limit is read, in a fraction of the time the
 * whole file would take. */
static void
test_too_many_rows (void)
{
  g_autofree char *path = path_of ("million.xlsx");
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTable) table = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(GString) csv = g_string_new ("Description,Quantity\n");
  g_autofree char *csv_path = path_of ("big.csv");

  worksheet_write_string (ws, 0, 0, "Description", NULL);
  worksheet_write_string (ws, 0, 1, "Quantity", NULL);
  for (guint r = 1; r <= 1000000; r++)
    {
      worksheet_write_string (ws, r, 0, "Bolts", NULL);
      worksheet_write_number (ws, r, 1, r, NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  timer = g_timer_new ();
  table = cs_table_open (path, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_test_message ("refused after %.2f s: %s", g_timer_elapsed (timer, NULL),
                  error ? error->message : "(no error)");
  g_assert_null (table);
  g_assert_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "million.xlsx"));
  g_assert_nonnull (strstr (error->message, "100000"));
  g_clear_error (&error);

  /* CSV: the limit itself is fine, one row more is not */
  for (guint r = 1; r <= CS_TABLE_MAX_ROWS; r++)
    g_string_append_printf (csv, "Bolts,%u\n", r);
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, NULL));
  table = cs_table_open (csv_path, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&table, cs_table_free);
  g_string_append (csv, "\"Nuts\nin two lines\",1\n");
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, NULL));
  table = cs_table_open (csv_path, CS_IMPORT_ENCODING_UTF8, NULL, &error);
  g_assert_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_TOO_BIG);
}

/* What the import dialog and `consign import` share: the format of bytes by name or content, the
 * rows as read (bad ones too) and the VINs of the draft reported on the rows that bring them. */
static void
test_draft_vins (void)
{
  const char text[] = "Description,VIN\n"
                      "Sedan,lsgar5al2mh123456\n"
                      "\n"
                      "Coupe,LJCPCBLCX11000237\n"
                      "Coupe again,LJCPCBLCX11000237\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) zip = g_bytes_new_static ("PK\x03\x04rest", 8);
  g_autoptr(CsManifest) draft = cs_manifest_new_draft ();
  g_autoptr(CsItem) car = cs_item_new ();
  g_autoptr(CsTable) table = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) found = NULL;
  const char *vins[] = { "LSGAR5AL2MH123456", NULL };
  guint line = 0;

  g_assert_cmpint (cs_table_format_for_bytes ("cars.csv", zip), ==, CS_TABLE_FORMAT_CSV);
  g_assert_cmpint (cs_table_format_for_bytes ("cars.XLSX", bytes), ==, CS_TABLE_FORMAT_XLSX);
  g_assert_cmpint (cs_table_format_for_bytes ("download", zip), ==, CS_TABLE_FORMAT_XLSX);
  g_assert_cmpint (cs_table_format_for_bytes ("download", bytes), ==, CS_TABLE_FORMAT_CSV);
  g_assert_cmpint (cs_table_format_for_bytes (NULL, NULL), ==, CS_TABLE_FORMAT_CSV);

  table = cs_table_open_bytes (bytes, "cars.csv", CS_TABLE_FORMAT_CSV, CS_IMPORT_ENCODING_UTF8,
                               NULL, &error);
  g_assert_no_error (error);
  /* every record as read (bad ones too), the blank line left out, each with its line */
  g_assert_cmpuint (cs_table_get_n_rows (table), ==, 4);
  row = cs_table_dup_row (table, 3, &line);
  g_assert_cmpuint (line, ==, 5);
  g_assert_cmpstrv (row, ((const char *[]) { "Coupe again", "LJCPCBLCX11000237", NULL }));

  /* without a draft only the VIN repeated within the file is refused */
  found = cs_table_import_vins (table, NULL, &problems, &error);
  g_assert_null (found);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_clear_error (&error);
  report = problems_text (problems);
  g_assert_cmpstr (report, ==, "cars.csv:5: VIN: VIN LJCPCBLCX11000237 is already on line 4\n");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&report, g_free);

  /* into a draft holding the first car: its row is refused too, naming the draft's line */
  cs_record_set_string (CS_RECORD (draft), "reference", "CARS-1");
  cs_record_set_number (CS_RECORD (car), "line", 3);
  cs_record_set_strv (cs_record_ensure_record (CS_RECORD (car), "vehicle"), "vins", vins);
  cs_list_append (draft->items, car);
  cs_table_take_draft_vins (table, cs_import_draft_vins_new (draft));
  items = cs_table_import_items (table, NULL, &problems, &error);
  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  report = problems_text (problems);
  g_assert_cmpstr (report, ==,
                   "cars.csv:2: VIN: VIN LSGAR5AL2MH123456 is already on line 3 of CARS-1\n"
                   "cars.csv:5: VIN: VIN LJCPCBLCX11000237 is already on line 4\n");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *script = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  python = argv[1];
  dir = cs_test_make_tmpdir ();
  script = g_test_build_filename (G_TEST_DIST, "xlsx-fixtures.py", NULL);
  {
    const char *cmd[] = { python, script, dir, NULL };

    g_assert_cmpint (cs_test_run (cmd, NULL), ==, 0);
  }

  g_test_add_func ("/table/xlsx-items", test_xlsx_items);
  g_test_add_func ("/table/xlsx-map", test_xlsx_map);
  g_test_add_func ("/table/xlsx-bad-rows", test_xlsx_bad_rows);
  g_test_add_func ("/table/xlsx-damaged", test_xlsx_damaged);
  g_test_add_func ("/table/csv-excel", test_csv_excel);
  g_test_add_func ("/table/csv-gb18030", test_csv_gb18030);
  g_test_add_func ("/table/vins-libxlsxwriter", test_vins_libxlsxwriter);
  g_test_add_func ("/table/too-many-rows", test_too_many_rows);
  g_test_add_func ("/table/draft-vins", test_draft_vins);
  g_test_add_func ("/table/xlsx-open-book", test_xlsx_open_book);
  status = g_test_run ();
  cs_test_remove_tree (dir);
  g_free (dir);
  return status;
}
