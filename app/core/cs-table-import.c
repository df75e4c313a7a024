/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-table-import.c: item and VIN lists from CSV or xlsx through the CSV importer's rules */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-table-import.h"
#include "cs-xlsx-read.h"

G_DEFINE_QUARK (cs-table-error-quark, cs_table_error)

typedef struct
{
  guint  row;
  guint  column;
  char  *text;     /* "#N/A", or why the value is refused */
} BadCell;

struct _CsTable
{
  char          *source;
  CsTableFormat  format;
  GPtrArray     *rows;        /* of CsImportRow: a CSV file's lines, or the sheet's rows */
  GArray        *bad_cells;   /* xlsx: of BadCell */
  CsImportMapping detected;   /* from the first row, read once */
  GStrv          headers;     /* the first row's cells */
  CsImportDraftVins *draft_vins;   /* NULL unless importing into a draft */
};

static void
bad_cell_clear (gpointer data)
{
  g_free (((BadCell *) data)->text);
}

void
cs_table_free (CsTable *table)
{
  if (table == NULL)
    return;
  g_free (table->source);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->bad_cells, g_array_unref);
  g_strfreev (table->headers);
  cs_import_draft_vins_unref (table->draft_vins);
  g_free (table);
}

CsTableFormat
cs_table_get_format (CsTable *table)
{
  g_return_val_if_fail (table != NULL, CS_TABLE_FORMAT_CSV);
  return table->format;
}

gboolean
cs_table_format_for_name (const char    *path,
                          CsTableFormat *format_out)
{
  static const struct { const char *ext; CsTableFormat format; } exts[] = {
    { ".csv", CS_TABLE_FORMAT_CSV }, { ".txt", CS_TABLE_FORMAT_CSV }, { ".tsv", CS_TABLE_FORMAT_CSV },
    { ".xlsx", CS_TABLE_FORMAT_XLSX }, { ".xlsm", CS_TABLE_FORMAT_XLSX },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    if (g_str_has_suffix (lower, exts[i].ext))
      {
        if (format_out != NULL)
          *format_out = exts[i].format;
        return TRUE;
      }
  return FALSE;
}

CsTableFormat
cs_table_format_for_bytes (const char *name,
                           GBytes     *bytes)
{
  CsTableFormat format;
  const char *data;
  gsize len = 0;

  if (name != NULL && cs_table_format_for_name (name, &format))
    return format;
  data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0 ? CS_TABLE_FORMAT_XLSX : CS_TABLE_FORMAT_CSV;
}

guint
cs_table_get_n_rows (CsTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

GStrv
cs_table_dup_row (CsTable *table,
                  guint    index,
                  guint   *line_out)
{
  CsImportRow *row;
  GStrv out;

  g_return_val_if_fail (table != NULL && index < table->rows->len, NULL);
  row = g_ptr_array_index (table->rows, index);
  out = g_new (char *, row->cells->len + 1);
  for (guint i = 0; i < row->cells->len; i++)
    out[i] = g_strdup (g_ptr_array_index (row->cells, i));
  out[row->cells->len] = NULL;
  if (line_out != NULL)
    *line_out = row->line;
  return out;
}

void
cs_table_take_draft_vins (CsTable           *table,
                          CsImportDraftVins *draft_vins)
{
  g_return_if_fail (table != NULL);
  cs_import_draft_vins_unref (table->draft_vins);
  table->draft_vins = draft_vins;
}

static void
set_too_big (GError    **error,
             const char *source)
{
  g_set_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_TOO_BIG,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s: more than %u row; a draft holds at most %u lines: split the file",
                            "%s: more than %u rows; a draft holds at most %u lines: split the file",
                            CS_TABLE_MAX_ROWS),
               source, CS_TABLE_MAX_ROWS, CS_TABLE_MAX_ROWS);
}

/* CSV: refuses more than a header and CS_TABLE_MAX_ROWS records before the CSV importer reads
 * them all into memory. Counts line ends outside quotes after a line with something on it. */
static gboolean
check_csv_size (const char  *text,
                gsize        len,
                const char  *source,
                GError     **error)
{
  gboolean quoted = FALSE, content = FALSE;
  guint records = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      if (!quoted && (c == '\n' || c == '\r'))
        {
          if (content && ++records > CS_TABLE_MAX_ROWS + 1)
            {
              set_too_big (error, source);
              return FALSE;
            }
          content = FALSE;
        }
      else if (!g_ascii_isspace (c))
        content = TRUE;
    }
  if (content && records + 1 > CS_TABLE_MAX_ROWS + 1)
    {
      set_too_big (error, source);
      return FALSE;
    }
  return TRUE;
}

/* ---- xlsx rows ---------------------------------------------------------------------------- */

/* A sheet often has a title, a date or a blank line above its header: rows before the first one
 * that names a column we know are left out, as long as one is found within HEADER_SEARCH rows. */
#define HEADER_SEARCH 20

typedef struct
{
  CsTable   *table;
  gboolean   header_found;
  guint      pending;     /* rows read while looking for the header (the last ones of rows) */
} Reader;

/* The importer's record of a sheet row: its cells' text (line ends as LF, as a CSV record has
 * them), error cells left empty and remembered; the line is the sheet's row. */
static CsImportRow *
sheet_row (Reader           *rd,
           guint             row,
           const CsXlsxCell *cells,
           guint             n_cells,
           gboolean         *names_field)
{
  CsImportRow *r = g_new0 (CsImportRow, 1);

  *names_field = FALSE;
  r->line = row;
  r->cells = g_ptr_array_new_full (n_cells, g_free);
  for (guint i = 0; i < n_cells; i++)
    {
      GString *text;

      if (cells[i].type == CS_XLSX_CELL_ERROR)
        {
          BadCell bad = { row, i, g_strdup (cells[i].text) };

          g_array_append_val (rd->table->bad_cells, bad);
          g_ptr_array_add (r->cells, g_strdup (""));
          continue;
        }
      if (strchr (cells[i].text, '\r') == NULL)
        g_ptr_array_add (r->cells, g_strdup (cells[i].text));
      else
        {
          text = g_string_new (cells[i].text);
          g_string_replace (text, "\r\n", "\n", 0);
          g_string_replace (text, "\r", "\n", 0);
          g_ptr_array_add (r->cells, g_string_free (text, FALSE));
        }
      if (!rd->header_found && !*names_field && cells[i].type == CS_XLSX_CELL_STRING
          && cs_import_field_for_header (cells[i].text) >= 0)
        *names_field = TRUE;
    }
  return r;
}

/* Drops the rows above the header (row @header_row), and their error cells. */
static void
drop_pending (Reader *rd,
              guint   header_row)
{
  GArray *bad_cells = rd->table->bad_cells;

  for (guint i = bad_cells->len; i > 0; i--)
    if (g_array_index (bad_cells, BadCell, i - 1).row < header_row)
      g_array_remove_index (bad_cells, i - 1);
  g_ptr_array_set_size (rd->table->rows, 0);
  rd->pending = 0;
  rd->header_found = TRUE;
}

static gboolean
read_sheet_row (guint             row,
                const CsXlsxCell *cells,
                guint             n_cells,
                gpointer          data,
                GError          **error)
{
  Reader *rd = data;
  GPtrArray *rows = rd->table->rows;
  gboolean names_field;

  if (rows->len > CS_TABLE_MAX_ROWS)   /* the header and CS_TABLE_MAX_ROWS rows are in */
    {
      set_too_big (error, rd->table->source);
      return FALSE;
    }
  if (!rd->header_found)
    {
      CsImportRow *r = sheet_row (rd, row, cells, n_cells, &names_field);

      if (names_field)
        drop_pending (rd, row);
      else if (++rd->pending >= HEADER_SEARCH)
        rd->header_found = TRUE;   /* no header: every row is data (a bare VIN list) */
      g_ptr_array_add (rows, r);
      return TRUE;
    }
  g_ptr_array_add (rows, sheet_row (rd, row, cells, n_cells, &names_field));
  return TRUE;
}

static gboolean
read_xlsx (CsTable     *table,
           CsXlsxBook  *book,
           const char  *sheet,
           GError     **error)
{
  Reader rd = { table, FALSE, 0 };

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_row_free);
  table->bad_cells = g_array_new (FALSE, FALSE, sizeof (BadCell));
  g_array_set_clear_func (table->bad_cells, bad_cell_clear);
  return cs_xlsx_book_read_sheet (book, sheet, read_sheet_row, &rd, error);
}

/* ---- opening ------------------------------------------------------------------------------- */

CsTable *
cs_table_open_bytes (GBytes            *bytes,
                     const char        *source,
                     CsTableFormat      format,
                     CsImportEncoding   encoding,
                     const char        *sheet,
                     GError           **error)
{
  g_autoptr(CsTable) table = NULL;
  g_autofree char *text = NULL;
  gsize len = 0, text_len = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  if (format == CS_TABLE_FORMAT_XLSX)
    {
      g_autoptr(CsXlsxBook) book = cs_xlsx_book_open_bytes (bytes, source ? source : "table",
                                                            error);

      return book != NULL ? cs_table_open_book (book, source, sheet, error) : NULL;
    }
  table = g_new0 (CsTable, 1);
  data = g_bytes_get_data (bytes, &len);
  table->source = g_strdup (source ? source : "table");
  table->format = format;
  /* decoded first to count its records: a file over the limit is refused before its rows are
   * read into memory */
  text = cs_import_csv_decode (data ? data : "", len, table->source, encoding, &text_len, error);
  if (text == NULL || !check_csv_size (text, text_len, table->source, error))
    return NULL;
  table->rows = cs_import_csv_split (text, table->source, error);
  if (table->rows == NULL ||
      !cs_import_rows_detect (table->rows, table->source, &table->detected, &table->headers,
                              error))
    return NULL;
  return g_steal_pointer (&table);
}

CsTable *
cs_table_open_book (CsXlsxBook  *book,
                    const char  *source,
                    const char  *sheet,
                    GError     **error)
{
  g_autoptr(CsTable) table = g_new0 (CsTable, 1);

  g_return_val_if_fail (book != NULL, NULL);
  table->source = g_strdup (source ? source : "table");
  table->format = CS_TABLE_FORMAT_XLSX;
  if (!read_xlsx (table, book, sheet, error) ||
      !cs_import_rows_detect (table->rows, table->source, &table->detected, &table->headers,
                              error))
    return NULL;
  return g_steal_pointer (&table);
}

CsTable *
cs_table_open (const char        *path,
               CsImportEncoding   encoding,
               const char        *sheet,
               GError           **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  if ((file = g_mapped_file_new (path, FALSE, error)) == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  return cs_table_open_bytes (bytes, path, cs_table_format_for_bytes (path, bytes), encoding, sheet,
                              error);
}

/* ---- mapping ------------------------------------------------------------------------------- */

GStrv
cs_table_dup_headers (CsTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return g_strdupv (table->headers);
}

/* Column of a letter reference ("C", "AA"); -1 if not one. */
static int
column_of_letters (const char *s)
{
  int col = 0, n = 0;

  for (; *s; s++, n++)
    {
      if (!g_ascii_isalpha (*s) || n >= 3)
        return -1;
      col = col * 26 + (g_ascii_toupper (*s) - 'A' + 1);
    }
  return n > 0 ? col - 1 : -1;
}

static int
find_column (const char * const *headers,
             const char         *name)
{
  g_autofree char *want = g_utf8_casefold (name, -1);
  char *end = NULL;
  guint64 n;

  for (guint i = 0; headers[i] != NULL; i++)
    {
      g_autofree char *h = g_strstrip (g_utf8_casefold (headers[i], -1));

      if (strcmp (h, want) == 0)
        return i;
    }
  if (column_of_letters (name) >= 0)
    return column_of_letters (name);
  n = g_ascii_strtoull (name, &end, 10);
  if (end != name && *end == '\0' && n >= 1 && n <= 16384)
    return (int) n - 1;
  return -1;
}

static int
find_field (const char *name)
{
  g_autofree char *want = g_utf8_casefold (name, -1);

  for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
    {
      g_autofree char *label = g_utf8_casefold (cs_import_field_label (f), -1);

      if (g_ascii_strcasecmp (cs_import_field_key (f), name) == 0 || strcmp (label, want) == 0)
        return f;
    }
  return -1;
}

gboolean
cs_table_mapping (CsTable             *table,
                  const char * const  *overrides,
                  CsImportMapping     *mapping_out,
                  GError             **error)
{
  GStrv headers;
  CsImportMapping m;

  g_return_val_if_fail (table != NULL && mapping_out != NULL, FALSE);
  m = table->detected;
  headers = table->headers;
  for (guint i = 0; overrides != NULL && overrides[i] != NULL; i++)
    {
      const char *eq = strrchr (overrides[i], '=');
      g_autofree char *column = NULL;
      g_autofree char *field = NULL;
      int col, f = -1;

      if (eq == NULL)
        {
          g_set_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_MAP,
                       _("mapping “%s”: write it as COLUMN=field"), overrides[i]);
          return FALSE;
        }
      column = g_strstrip (g_strndup (overrides[i], eq - overrides[i]));
      field = g_strstrip (g_strdup (eq + 1));
      if ((col = find_column ((const char * const *) headers, column)) < 0)
        {
          g_autofree char *list = g_strjoinv ("”, “", headers);

          g_set_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_MAP,
                       _("mapping “%s”: %s has no column “%s” (its columns are “%s”, or give a "
                         "letter such as C)"), overrides[i], table->source, column, list);
          return FALSE;
        }
      if (*field != '\0' && strcmp (field, "-") != 0 && (f = find_field (field)) < 0)
        {
          g_autoptr(GString) keys = g_string_new (NULL);

          for (guint k = 0; k < CS_IMPORT_N_FIELDS; k++)
            g_string_append_printf (keys, "%s%s", k ? ", " : "", cs_import_field_key (k));
          g_set_error (error, CS_TABLE_ERROR, CS_TABLE_ERROR_MAP,
                       _("mapping “%s”: no field “%s” (the fields are %s; an empty field leaves "
                         "the column out)"), overrides[i], field, keys->str);
          return FALSE;
        }
      /* one column feeds one field */
      for (guint k = 0; k < CS_IMPORT_N_FIELDS; k++)
        if (m.column[k] == col)
          m.column[k] = -1;
      if (f >= 0)
        {
          m.column[f] = col;
          /* a header row the detection did not recognise is still a header once mapped by name */
          if (!m.has_header && find_column ((const char * const *) headers, column) >= 0
              && column_of_letters (column) < 0)
            m.has_header = TRUE;
        }
    }
  *mapping_out = m;
  return TRUE;
}

/* ---- importing ------------------------------------------------------------------------------ */

static int
problem_compare (gconstpointer a,
                 gconstpointer b)
{
  const CsImportProblem *pa = *(CsImportProblem * const *) a;
  const CsImportProblem *pb = *(CsImportProblem * const *) b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

/* xlsx: the cells holding error values in the mapped columns are added to the problems; sorted
 * by row. */
static void
add_sheet_problems (CsTable               *table,
                    const CsImportMapping *m,
                    GPtrArray             *problems)
{
  g_auto(GStrv) headers = NULL;

  if (table->format != CS_TABLE_FORMAT_XLSX)
    return;
  headers = cs_table_dup_headers (table);
  for (guint i = 0; i < table->bad_cells->len; i++)
    {
      BadCell *bad = &g_array_index (table->bad_cells, BadCell, i);
      gboolean mapped = FALSE;
      CsImportProblem *p;

      for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
        if (m->column[f] == (int) bad->column)
          mapped = TRUE;
      if (!mapped)
        continue;
      p = g_new0 (CsImportProblem, 1);
      p->source = g_strdup (table->source);
      p->line = bad->row;
      if (m->has_header && bad->column < g_strv_length (headers) && *headers[bad->column] != '\0')
        p->column = g_strdup (headers[bad->column]);
      else
        p->column = cs_xlsx_column_name (bad->column);
      if (bad->text[0] == '#')
        p->message = g_strdup_printf (_("the cell holds the error value %s"), bad->text);
      else
        p->message = g_strdup (bad->text);
      g_ptr_array_add (problems, p);
    }
  g_ptr_array_sort (problems, problem_compare);
}

static void
set_rows_error (GError    **error,
                const char *source,
                guint       n)
{
  g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS,
               g_dngettext (GETTEXT_PACKAGE, "%s: %u problem; nothing was imported",
                            "%s: %u problems; nothing was imported", n),
               source, n);
}

/* Runs the CSV importer's rules over the table's rows; merges the sheet's own problems. */
static gpointer
run_import (CsTable                *table,
            const CsImportMapping  *mapping,
            CsTableKind             kind,
            GPtrArray             **problems,
            GError                **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local = NULL;
  CsImportMapping m;
  gpointer result;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);

  if (mapping == NULL)
    {
      if (!cs_table_mapping (table, NULL, &m, error))
        return NULL;
      mapping = &m;
    }
  if (kind == CS_TABLE_KIND_VINS)
    result = cs_import_rows_vins_into (table->rows, table->source, mapping, table->draft_vins,
                                       &found, &local);
  else
    result = cs_import_rows_items_into (table->rows, table->source, mapping, table->draft_vins,
                                        &found, &local);

  if (local != NULL && !g_error_matches (local, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (found == NULL)
    found = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
  add_sheet_problems (table, mapping, found);
  if (found->len == 0)
    return result;

  if (kind == CS_TABLE_KIND_VINS)
    g_strfreev (result);
  else if (result != NULL)
    g_ptr_array_unref (result);
  set_rows_error (error, table->source, found->len);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return NULL;
}

GPtrArray *
cs_table_import_items (CsTable                *table,
                       const CsImportMapping  *mapping,
                       GPtrArray             **problems,
                       GError                **error)
{
  return run_import (table, mapping, CS_TABLE_KIND_ITEMS, problems, error);
}

GStrv
cs_table_import_vins (CsTable                *table,
                      const CsImportMapping  *mapping,
                      GPtrArray             **problems,
                      GError                **error)
{
  return run_import (table, mapping, CS_TABLE_KIND_VINS, problems, error);
}
