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
  char          *text;        /* the table as UTF-8 CSV */
  gsize          len;
  GArray        *sheet_rows;  /* xlsx: CSV line -> sheet row (0 where no record starts) */
  GArray        *bad_cells;   /* xlsx: of BadCell */
  CsImportMapping detected;   /* from the first row, read once */
  GStrv          headers;     /* the first row's cells */
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
  g_free (table->text);
  g_clear_pointer (&table->sheet_rows, g_array_unref);
  g_clear_pointer (&table->bad_cells, g_array_unref);
  g_strfreev (table->headers);
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

/* ---- xlsx to CSV text ---------------------------------------------------------------------- */

/* A sheet often has a title, a date or a blank line above its header: rows before the first one
 * that names a column we know are left out, as long as one is found within HEADER_SEARCH rows. */
#define HEADER_SEARCH 20

typedef struct
{
  guint  row;
  char  *text;     /* the record, ending in \n */
  guint  newlines;
} Pending;

typedef struct
{
  CsTable   *table;
  GString   *out;
  guint      line;        /* the CSV line the next record starts on */
  guint      records;
  gboolean   header_found;
  GPtrArray *pending;     /* of Pending: rows read while looking for the header */
} Bridge;

static void
pending_free (Pending *p)
{
  g_free (p->text);
  g_free (p);
}

/* The CSV record of a row, every cell quoted (so that the separator is always the comma), line
 * ends as LF only; error cells are left empty and remembered. */
static char *
row_to_record (Bridge           *b,
               guint             row,
               const CsXlsxCell *cells,
               guint             n_cells,
               guint            *newlines)
{
  GString *out = g_string_new (NULL);

  *newlines = 0;
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (cells[i].type == CS_XLSX_CELL_ERROR)
        {
          BadCell bad = { row, i, g_strdup (cells[i].text) };

          g_array_append_val (b->table->bad_cells, bad);
          continue;
        }
      if (cells[i].type == CS_XLSX_CELL_EMPTY)
        continue;
      g_string_append_c (out, '"');
      for (const char *p = cells[i].text; *p; p++)
        {
          if (*p == '"')
            g_string_append (out, "\"\"");
          else if (*p == '\r' && p[1] == '\n')
            continue;
          else if (*p == '\r' || *p == '\n')
            {
              g_string_append_c (out, '\n');
              (*newlines)++;
            }
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static void
emit_record (Bridge     *b,
             guint       row,
             const char *text,
             guint       newlines)
{
  if (b->table->sheet_rows->len <= b->line)
    g_array_set_size (b->table->sheet_rows, b->line + 1);
  g_array_index (b->table->sheet_rows, guint, b->line) = row;
  g_string_append (b->out, text);
  b->line += newlines + 1;
  b->records++;
}

static void
flush_pending (Bridge *b)
{
  for (guint i = 0; i < b->pending->len; i++)
    {
      Pending *p = b->pending->pdata[i];

      emit_record (b, p->row, p->text, p->newlines);
    }
  g_ptr_array_set_size (b->pending, 0);
  b->header_found = TRUE;
}

/* Drops the rows above the header, and their error cells. */
static void
drop_pending (Bridge *b,
              guint   header_row)
{
  for (guint i = b->table->bad_cells->len; i > 0; i--)
    if (g_array_index (b->table->bad_cells, BadCell, i - 1).row < header_row)
      g_array_remove_index (b->table->bad_cells, i - 1);
  g_ptr_array_set_size (b->pending, 0);
  b->header_found = TRUE;
}

static gboolean
bridge_row (guint             row,
            const CsXlsxCell *cells,
            guint             n_cells,
            gpointer          data,
            GError          **error)
{
  Bridge *b = data;
  g_autofree char *text = NULL;
  guint newlines = 0;

  if (b->records > CS_TABLE_MAX_ROWS)   /* the header and CS_TABLE_MAX_ROWS rows are in */
    {
      set_too_big (error, b->table->source);
      return FALSE;
    }
  text = row_to_record (b, row, cells, n_cells, &newlines);
  if (!b->header_found)
    {
      CsImportMapping m;

      if (cs_import_csv_detect (text, strlen (text), b->table->source, &m, NULL, NULL)
          && m.has_header)
        drop_pending (b, row);
      else if (b->pending->len + 1 >= HEADER_SEARCH)
        flush_pending (b);
      else
        {
          Pending *p = g_new0 (Pending, 1);

          p->row = row;
          p->text = g_steal_pointer (&text);
          p->newlines = newlines;
          g_ptr_array_add (b->pending, p);
          return TRUE;
        }
    }
  emit_record (b, row, text, newlines);
  return TRUE;
}

static gboolean
read_xlsx (CsTable     *table,
           GBytes      *bytes,
           const char  *sheet,
           GError     **error)
{
  g_autoptr(CsXlsxBook) book = cs_xlsx_book_open_bytes (bytes, table->source, error);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  Bridge b = { table, NULL, 1, 0, FALSE, pending };

  if (book == NULL)
    return FALSE;
  table->sheet_rows = g_array_new (FALSE, TRUE, sizeof (guint));
  table->bad_cells = g_array_new (FALSE, FALSE, sizeof (BadCell));
  g_array_set_clear_func (table->bad_cells, bad_cell_clear);
  b.out = g_string_sized_new (g_bytes_get_size (bytes) * 2);
  if (!cs_xlsx_book_read_sheet (book, sheet, bridge_row, &b, error))
    {
      g_string_free (b.out, TRUE);
      return FALSE;
    }
  flush_pending (&b);   /* no header found: every row goes (a bare VIN list) */
  table->len = b.out->len;
  table->text = g_string_free (b.out, FALSE);
  return TRUE;
}

/* The mapping and the header cells, from the first non-blank record only: the CSV importer's
 * detection reads every row of what it is given, and a table is detected once, not per call. */
static gboolean
detect_header (CsTable  *table,
               GError  **error)
{
  gboolean quoted = FALSE, content = FALSE;
  gsize end = table->len;

  for (gsize i = 0; i < table->len; i++)
    {
      char c = table->text[i];

      if (c == '"')
        quoted = !quoted;
      if (!quoted && (c == '\n' || c == '\r') && content)
        {
          end = i + 1;
          break;
        }
      /* a line of separators alone is blank to the importer too */
      if (!g_ascii_isspace (c) && c != ',' && c != ';')
        content = TRUE;
    }
  return cs_import_csv_detect (table->text, end, table->source, &table->detected, &table->headers,
                               error);
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
  g_autoptr(CsTable) table = g_new0 (CsTable, 1);
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  data = g_bytes_get_data (bytes, &len);
  table->source = g_strdup (source ? source : "table");
  table->format = format;
  if (format == CS_TABLE_FORMAT_XLSX)
    {
      if (!read_xlsx (table, bytes, sheet, error))
        return NULL;
    }
  else
    {
      table->text = cs_import_csv_decode (data ? data : "", len, table->source, encoding,
                                          &table->len, error);
      if (table->text == NULL || !check_csv_size (table->text, table->len, table->source, error))
        return NULL;
    }
  if (!detect_header (table, error))
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
  CsTableFormat format;

  g_return_val_if_fail (path != NULL, NULL);
  if ((file = g_mapped_file_new (path, FALSE, error)) == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  if (!cs_table_format_for_name (path, &format))
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);

      format = len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0 ? CS_TABLE_FORMAT_XLSX
                                                              : CS_TABLE_FORMAT_CSV;
    }
  return cs_table_open_bytes (bytes, path, format, encoding, sheet, error);
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

/* xlsx: the problems' CSV lines become sheet rows, and the cells holding error values in the
 * mapped columns are added; sorted by row. */
static void
add_sheet_problems (CsTable               *table,
                    const CsImportMapping *m,
                    GPtrArray             *problems)
{
  g_auto(GStrv) headers = NULL;

  if (table->format != CS_TABLE_FORMAT_XLSX)
    return;
  for (guint i = 0; i < problems->len; i++)
    {
      CsImportProblem *p = problems->pdata[i];

      if (p->line < table->sheet_rows->len && g_array_index (table->sheet_rows, guint, p->line) > 0)
        p->line = g_array_index (table->sheet_rows, guint, p->line);
    }
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

/* For xlsx, the missing-column error with the sheet's header row (the CSV importer would give the
 * line of the converted text). */
static gboolean
check_required (CsTable               *table,
                const CsImportMapping *m,
                CsImportField          required,
                GError               **error)
{
  g_auto(GStrv) headers = NULL;
  g_autofree char *list = NULL;
  guint row = 1;

  if (table->format != CS_TABLE_FORMAT_XLSX || m->column[required] >= 0)
    return TRUE;
  headers = cs_table_dup_headers (table);
  list = g_strjoinv ("”, “", headers);
  if (table->sheet_rows->len > 1)
    row = g_array_index (table->sheet_rows, guint, 1);
  g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_COLUMNS,
               _("%s:%u: no %s column (the columns are: “%s”)"), table->source, row,
               cs_import_field_label (required), list);
  return FALSE;
}

/* Runs the CSV importer's @fn over the table; merges the sheet's own problems. */
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
  if (!check_required (table, mapping,
                       kind == CS_TABLE_KIND_VINS ? CS_IMPORT_FIELD_VIN : CS_IMPORT_FIELD_DESCRIPTION,
                       error))
    return NULL;
  if (kind == CS_TABLE_KIND_VINS)
    result = cs_import_csv_vins (table->text, table->len, table->source, mapping, &found, &local);
  else
    result = cs_import_csv_items (table->text, table->len, table->source, mapping, &found, &local);

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
