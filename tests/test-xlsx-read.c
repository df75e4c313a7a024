/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-xlsx-read.c: the xlsx reader on workbooks other programs wrote (openpyxl, libxlsxwriter)
 * and on damaged ones. argv[1] is Debian's python3 (for tests/xlsx-fixtures.py and openpyxl). */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "cs-test-util.h"
#include "cs-xlsx-read.h"

static const char *python;
static char *dir;   /* the fixtures written by tests/xlsx-fixtures.py */

typedef struct
{
  GPtrArray *rows;   /* of char *: "ROW|TYPE:TEXT|…" */
  guint      stop_after;
} Collect;

static const char *
type_letter (CsXlsxCellType t)
{
  switch (t)
    {
    case CS_XLSX_CELL_EMPTY: return "_";
    case CS_XLSX_CELL_STRING: return "s";
    case CS_XLSX_CELL_NUMBER: return "n";
    case CS_XLSX_CELL_BOOLEAN: return "b";
    case CS_XLSX_CELL_DATE: return "d";
    case CS_XLSX_CELL_ERROR: return "e";
    default: return "?";
    }
}

static gboolean
collect_row (guint             row,
             const CsXlsxCell *cells,
             guint             n_cells,
             gpointer          data,
             GError          **error)
{
  Collect *c = data;
  GString *s = g_string_new (NULL);

  g_string_printf (s, "%u", row);
  for (guint i = 0; i < n_cells; i++)
    g_string_append_printf (s, "|%s:%s", type_letter (cells[i].type), cells[i].text);
  g_ptr_array_add (c->rows, g_string_free (s, FALSE));
  return c->stop_after == 0 || c->rows->len < c->stop_after;
}

static char *
path_of (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* Reads @name's sheet @sheet into rows of "ROW|t:text|…"; NULL with @error on failure. */
static GPtrArray *
read_book (const char  *name,
           const char  *sheet,
           GError     **error)
{
  g_autofree char *path = path_of (name);
  g_autoptr(CsXlsxBook) book = cs_xlsx_book_open (path, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  Collect c = { rows, 0 };

  if (book == NULL)
    return NULL;
  if (!cs_xlsx_book_read_sheet (book, sheet, collect_row, &c, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static void
test_serials (void)
{
  static const struct { double serial; gboolean b1904; const char *text; } cases[] = {
    { 1, FALSE, "1900-01-01" },
    { 59, FALSE, "1900-02-28" },
    { 60, FALSE, NULL },            /* the Lotus leap day */
    { 61, FALSE, "1900-03-01" },
    { 45356, FALSE, "2024-03-05" },
    { 45356.5, FALSE, "2024-03-05T12:00:00" },
    { 45356.999999999, FALSE, "2024-03-06" },
    { 0.75, FALSE, "18:00:00" },
    { 2958465, FALSE, "9999-12-31" },
    { 2958466, FALSE, NULL },
    { -1, FALSE, NULL },
    { 0, TRUE, "1904-01-01" },
    { 43894, TRUE, "2024-03-05" },
    { 60, TRUE, "1904-03-01" },     /* 1904 was a leap year, and no bug in this system */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *t = cs_xlsx_serial_to_text (cases[i].serial, cases[i].b1904);

      g_test_message ("serial %g (%s)", cases[i].serial, cases[i].b1904 ? "1904" : "1900");
      g_assert_cmpstr (t, ==, cases[i].text);
    }
  {
    g_autofree char *a = cs_xlsx_column_name (0);
    g_autofree char *z = cs_xlsx_column_name (25);
    g_autofree char *aa = cs_xlsx_column_name (26);
    g_autofree char *xfd = cs_xlsx_column_name (16383);

    g_assert_cmpstr (a, ==, "A");
    g_assert_cmpstr (z, ==, "Z");
    g_assert_cmpstr (aa, ==, "AA");
    g_assert_cmpstr (xfd, ==, "XFD");
  }
}

static void
test_openpyxl (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_of ("openpyxl-items.xlsx");
  g_autoptr(CsXlsxBook) book = cs_xlsx_book_open (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  const char * const *names;

  g_assert_no_error (error);
  names = cs_xlsx_book_sheet_names (book);
  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 3);
  g_assert_cmpstr (names[0], ==, "Lookup");
  g_assert_cmpstr (cs_xlsx_book_first_sheet (book), ==, "Items");   /* Lookup is hidden */
  g_assert_false (cs_xlsx_book_is_1904 (book));

  rows = read_book ("openpyxl-items.xlsx", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);   /* the blank row 4 is not delivered */
  g_assert_cmpstr (rows->pdata[0], ==,
                   "1|s:品名 / Description|s:HS code|s:数量|s:Unit|s:毛重|s:Net kg|s:件数|s:包装种类"
                   "|s:价值|s:原产国|s:Packed on|s:Checked");
  g_assert_cmpstr (rows->pdata[1], ==,
                   "2|s:Notebook computers 笔记本电脑|s:847130|n:2400|s:PCE|n:6200.5|n:5800|n:240|s:CT"
                   "|n:480000|s:CN|d:2024-03-05|b:TRUE");
  /* a date typed as text stays text */
  g_assert_cmpstr (rows->pdata[2], ==,
                   "3|s:Frozen shrimp 冻虾|s:030617|n:1000|s:KGM|n:1100|n:1000|n:100|s:BX|n:9000.25"
                   "|s:VN|s:2024-03-06|b:FALSE");
  /* an empty cell inside the row, a time of day, a tiny number */
  g_assert_cmpstr (rows->pdata[3], ==,
                   "5|s:Tractor parts|n:870899|n:3|s:SET|n:10.125|_:|n:1|s:PK|n:1e-07|s:DE"
                   "|d:2024-03-07T12:30:00");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a named sheet, also a hidden one, and the name without regard to case */
  rows = read_book ("openpyxl-items.xlsx", "other", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (rows->pdata[0], ==, "2|_:|s:second sheet");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = read_book ("openpyxl-items.xlsx", "Lookup", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows->pdata[0], ==, "1|s:hidden helper sheet");
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = read_book ("openpyxl-items.xlsx", "Cargo", &error);
  g_assert_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "“Cargo”"));
  g_assert_nonnull (strstr (error->message, "“Lookup”, “Items”, “Other”"));
  g_assert_null (rows);
}

static void
test_1904 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_book ("openpyxl-1904.xlsx", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (rows->pdata[1], ==, "2|d:2024-03-05");
}

static void
test_stop_early (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_of ("openpyxl-items.xlsx");
  g_autoptr(CsXlsxBook) book = cs_xlsx_book_open (path, &error);
  g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);
  Collect c = { raw, 2 };

  g_assert_no_error (error);
  g_assert_true (cs_xlsx_book_read_sheet (book, NULL, collect_row, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (raw->len, ==, 2);
}

/* Written with libxlsxwriter: shared strings (or inline ones in constant-memory mode), a date
 * format, a formula with its value, a boolean, an error value, CJK text. */
static void
write_libxlsxwriter (const char *path,
                     gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory, .tmpdir = NULL };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "货物 Cargo");
  lxw_format *date = workbook_add_format (wb);
  lxw_datetime when = { 2024, 3, 5, 0, 0, 0 };

  format_set_num_format (date, "yyyy\\-mm\\-dd");
  worksheet_write_string (ws, 0, 0, "车架号", NULL);
  worksheet_write_string (ws, 0, 1, "数量", NULL);
  worksheet_write_string (ws, 0, 2, "Total", NULL);
  worksheet_write_string (ws, 0, 3, "Date", NULL);
  worksheet_write_string (ws, 0, 4, "OK", NULL);
  worksheet_write_string (ws, 1, 0, "LSGAR5AL2MH123456", NULL);
  worksheet_write_number (ws, 1, 1, 3, NULL);
  worksheet_write_formula_num (ws, 1, 2, "=B2*2", NULL, 6);
  worksheet_write_datetime (ws, 1, 3, &when, date);
  worksheet_write_boolean (ws, 1, 4, 1, NULL);
  worksheet_write_string (ws, 2, 0, "  spaces kept  ", NULL);
  worksheet_write_formula_str (ws, 2, 2, "=\"a\"&\"b\"", NULL, "ab");
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

static void
test_libxlsxwriter (void)
{
  for (int cm = 0; cm <= 1; cm++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      const char *name = cm ? "lxw-constant.xlsx" : "lxw.xlsx";
      g_autofree char *path = path_of (name);

      write_libxlsxwriter (path, cm);
      rows = read_book (name, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 3);
      g_assert_cmpstr (rows->pdata[0], ==, "1|s:车架号|s:数量|s:Total|s:Date|s:OK");
      g_assert_cmpstr (rows->pdata[1], ==, "2|s:LSGAR5AL2MH123456|n:3|n:6|d:2024-03-05|b:TRUE");
      g_assert_cmpstr (rows->pdata[2], ==, "3|s:  spaces kept  |_:|s:ab");
    }
}

typedef struct
{
  const char *file;
  const char *sheet;
  GQuark      domain;
  int         code;
  const char *words[3];
} Bad;

static void
test_damaged (void)
{
  static const Bad bad[] = {
    { "truncated.xlsx", NULL, 0, CS_XLSX_ERROR_DAMAGED, { "damaged or truncated", NULL } },
    { "not-xml.xlsx", NULL, 0, CS_XLSX_ERROR_XML, { "xl/worksheets/sheet2.xml", "not well-formed XML", "line 1" } },
    { "doctype.xlsx", NULL, 0, CS_XLSX_ERROR_XML, { "xl/worksheets/sheet2.xml", "document type", NULL } },
    { "missing-sheet.xlsx", NULL, 0, CS_XLSX_ERROR_MISSING, { "“Items”", "missing", NULL } },
    { "no-workbook.xlsx", NULL, 0, CS_XLSX_ERROR_NOT_XLSX, { "no workbook part", NULL } },
    { "old.xls", NULL, 0, CS_XLSX_ERROR_NOT_XLSX, { ".xls", NULL } },
    { "text.xlsx", NULL, 0, CS_XLSX_ERROR_NOT_XLSX, { "not a zip file", NULL } },
    { "nowhere.xlsx", NULL, 0, CS_XLSX_ERROR_OPEN, { "nowhere.xlsx", NULL } },
    { "openpyxl-formula.xlsx", NULL, 0, CS_XLSX_ERROR_FORMULA, { "Sheet!C2", "“=B2*3”", "no saved value" } },
    { "openpyxl-merged.xlsx", NULL, 0, CS_XLSX_ERROR_MERGED, { "Sheet", "A1:C1", "merged" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = read_book (bad[i].file, bad[i].sheet, &error);

      g_test_message ("%s: %s", bad[i].file, error ? error->message : "(no error)");
      g_assert_null (rows);
      g_assert_error (error, CS_XLSX_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].file));
      for (guint w = 0; w < G_N_ELEMENTS (bad[i].words) && bad[i].words[w] != NULL; w++)
        g_assert_nonnull (strstr (error->message, bad[i].words[w]));
    }
}

/* Every prefix of a good workbook: an error or a success, never a crash (run under ASan too). */
static void
test_every_truncation (void)
{
  g_autofree char *path = path_of ("openpyxl-items.xlsx");
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (gsize cut = 0; cut < len; cut += 97)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsXlsxBook) book = cs_xlsx_book_open_bytes (bytes, "cut.xlsx", &error);
      g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);
      Collect c = { raw, 0 };

      if (book == NULL)
        {
          g_assert_nonnull (error);
          g_assert_nonnull (strstr (error->message, "cut.xlsx"));
          continue;
        }
      if (!cs_xlsx_book_read_sheet (book, NULL, collect_row, &c, &error))
        g_assert_nonnull (error);
    }
}

/* Workbooks with damaged parts (tests/xlsx-fixtures.py): every one read or refused with an error
 * naming the file, every sheet tried, never a crash (the ASan build runs this too). */
static void
test_mutants (void)
{
  guint n_refused = 0;

  for (guint n = 0; n < 60; n++)
    {
      g_autofree char *name = g_strdup_printf ("mutant-%02u.xlsx", n);
      g_autofree char *path = path_of (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(CsXlsxBook) book = cs_xlsx_book_open (path, &error);

      if (book == NULL)
        {
          g_assert_nonnull (strstr (error->message, name));
          n_refused++;
          continue;
        }
      for (const char * const *s = cs_xlsx_book_sheet_names (book); *s != NULL; s++)
        {
          g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GError) local = NULL;
          Collect c = { raw, 0 };

          if (!cs_xlsx_book_read_sheet (book, *s, collect_row, &c, &local))
            {
              g_assert_nonnull (strstr (local->message, name));
              n_refused++;
            }
        }
    }
  g_test_message ("%u reads refused", n_refused);
  g_assert_cmpuint (n_refused, >, 0);
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

  g_test_add_func ("/xlsx/serials", test_serials);
  g_test_add_func ("/xlsx/openpyxl", test_openpyxl);
  g_test_add_func ("/xlsx/1904", test_1904);
  g_test_add_func ("/xlsx/stop-early", test_stop_early);
  g_test_add_func ("/xlsx/libxlsxwriter", test_libxlsxwriter);
  g_test_add_func ("/xlsx/damaged", test_damaged);
  g_test_add_func ("/xlsx/every-truncation", test_every_truncation);
  g_test_add_func ("/xlsx/mutants", test_mutants);
  status = g_test_run ();
  cs_test_remove_tree (dir);
  g_free (dir);
  return status;
}
