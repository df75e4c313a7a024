/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-import-csv.c: items or VIN lists from CSV, all or nothing */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-checkdigit.h"
#include "cs-import-csv.h"

G_DEFINE_QUARK (cs-import-error-quark, cs_import_error)

/* ---- fields and their header names ---------------------------------------- */

typedef struct
{
  const char *key;
  const char *label;            /* N_() */
  const char *aliases;          /* normalised header names, '|' separated */
} FieldInfo;

/* Aliases are compared after normalise_header(): lower case, without spaces, '_', '-', '.',
 * and without anything in brackets ("净重(千克)" -> "净重", "Value (USD)" -> "value"). */
static const FieldInfo fields[CS_IMPORT_N_FIELDS] = {
  { "line", N_("Line"), "line|lineno|lineitem|item|itemno|no|#|序号|项号|行号" },
  { "category", N_("Category"), "category|类别|类型|货物类别" },
  { "description", N_("Description"),
    "description|goodsdescription|descriptionofgoods|desc|goods|品名|货物描述|商品名称|货名|货物名称" },
  { "hs_code", N_("HS code"),
    "hscode|hs|hscodes|commoditycode|tariffcode|hstariff|商品编码|hs编码|税号|海关编码|税则号" },
  { "quantity", N_("Quantity"), "quantity|qty|数量|成交数量" },
  { "unit", N_("Unit"), "unit|units|uom|unitofmeasure|单位|计量单位|成交单位" },
  { "packages", N_("Packages"), "packages|pkgs|packagecount|noofpackages|numberofpackages|件数|包装件数" },
  { "package_type", N_("Package type"), "packagetype|pkgtype|packagekind|包装种类|包装类型|包装" },
  { "net_kg", N_("Net kg"), "netkg|netweight|netweightkg|net|nw|净重|净重kg" },
  { "gross_kg", N_("Gross kg"), "grosskg|grossweight|grossweightkg|gross|gw|毛重|毛重kg" },
  { "volume_m3", N_("Volume m³"), "volumem3|volume|cbm|m3|measurement|体积|体积m3|立方" },
  { "value", N_("Value"), "value|amount|totalvalue|totalprice|金额|总价|价值|货值" },
  { "origin", N_("Origin"), "origin|origincountry|countryoforigin|coo|原产国|原产地|原产国别" },
  { "container", N_("Container"), "container|containerno|containernumber|containers|集装箱号|箱号|集装箱" },
  { "marks", N_("Marks"), "marks|marksandnumbers|shippingmarks|唛头|标记唛码|唛码" },
  { "un_number", N_("UN number"), "unnumber|un|unno|联合国编号|危险品编号|un编号" },
  { "dg_class", N_("DG class"), "dgclass|class|hazardclass|危险品类别|危险类别|危规类别" },
  { "vin", N_("VIN"), "vin|vins|vinnumber|vinno|chassisno|chassisnumber|车架号|车辆识别代号|vin码|底盘号" },
};

const char *
cs_import_field_key (CsImportField field)
{
  g_return_val_if_fail (field < CS_IMPORT_N_FIELDS, NULL);
  return fields[field].key;
}

const char *
cs_import_field_label (CsImportField field)
{
  g_return_val_if_fail (field < CS_IMPORT_N_FIELDS, NULL);
  return _(fields[field].label);
}

void
cs_import_mapping_init (CsImportMapping *mapping)
{
  g_return_if_fail (mapping != NULL);
  mapping->has_header = TRUE;
  for (guint i = 0; i < CS_IMPORT_N_FIELDS; i++)
    mapping->column[i] = -1;
}

void
cs_import_problem_free (CsImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->source);
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

char *
cs_import_problem_to_string (const CsImportProblem *p)
{
  g_return_val_if_fail (p != NULL, NULL);
  if (p->column != NULL)
    return g_strdup_printf ("%s:%u: %s: %s", p->source, p->line, p->column, p->message);
  return g_strdup_printf ("%s:%u: %s", p->source, p->line, p->message);
}

/* ---- decoding and parsing -------------------------------------------------- */

typedef CsImportRow Row;

void
cs_import_row_free (CsImportRow *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

/* ---- encodings -------------------------------------------------------------------------- */

typedef struct
{
  const char *iconv;            /* name for g_convert () */
  const char *label;            /* N_() */
} EncodingInfo;

static const EncodingInfo encodings[CS_IMPORT_N_ENCODINGS] = {
  { "UTF-8", N_("UTF-8 (or UTF-16 with a byte-order mark)") },
  { "GB18030", N_("GB18030 (Chinese)") },
  { "ISO-8859-1", N_("Latin-1 (ISO-8859-1)") },
  { "WINDOWS-1252", N_("Windows-1252 (Western European)") },
  { "SHIFT_JIS", N_("Shift-JIS (Japanese)") },
};

const char *
cs_import_encoding_name (CsImportEncoding encoding)
{
  g_return_val_if_fail (encoding < CS_IMPORT_N_ENCODINGS, NULL);
  return encodings[encoding].iconv;
}

const char *
cs_import_encoding_label (CsImportEncoding encoding)
{
  g_return_val_if_fail (encoding < CS_IMPORT_N_ENCODINGS, NULL);
  return _(encodings[encoding].label);
}

gboolean
cs_import_encoding_from_name (const char       *name,
                              CsImportEncoding *out)
{
  static const struct { const char *name; CsImportEncoding encoding; } names[] = {
    { "utf8", CS_IMPORT_ENCODING_UTF8 }, { "auto", CS_IMPORT_ENCODING_UTF8 },
    { "gb18030", CS_IMPORT_ENCODING_GB18030 }, { "gbk", CS_IMPORT_ENCODING_GB18030 },
    { "gb2312", CS_IMPORT_ENCODING_GB18030 },
    { "latin1", CS_IMPORT_ENCODING_LATIN1 }, { "iso88591", CS_IMPORT_ENCODING_LATIN1 },
    { "windows1252", CS_IMPORT_ENCODING_WINDOWS_1252 }, { "cp1252", CS_IMPORT_ENCODING_WINDOWS_1252 },
    { "shiftjis", CS_IMPORT_ENCODING_SHIFT_JIS }, { "sjis", CS_IMPORT_ENCODING_SHIFT_JIS },
    { "cp932", CS_IMPORT_ENCODING_SHIFT_JIS },
  };
  g_autoptr(GString) key = g_string_new (NULL);

  g_return_val_if_fail (name != NULL && out != NULL, FALSE);
  /* "Shift_JIS", "shift-jis", "ISO-8859-1", "latin-1": case and punctuation do not matter */
  for (const char *p = name; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i].name, key->str) == 0)
      {
        *out = names[i].encoding;
        return TRUE;
      }
  return FALSE;
}

static guint
line_at (const char *text,
         const char *at)
{
  guint line = 1;

  for (const char *p = text; p < at; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 == at || p[1] != '\n')))
      line++;
  return line;
}

/* A decoded text may hold U+0000 (a NUL byte in UTF-8 or GB18030, a zero code unit in UTF-16):
 * everything after it would be cut off as a C string, so it is an error naming the line. */
static gboolean
check_no_nul (const char  *text,
              gsize        len,
              const char  *source,
              GError     **error)
{
  const char *nul = memchr (text, '\0', len);

  if (nul == NULL)
    return TRUE;
  g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_NUL,
               _("%s:%u: the file contains a NUL character: it is not a text file, or it was saved "
                 "as UTF-16 without a byte-order mark"), source, line_at (text, nul));
  return FALSE;
}

#define PREVIEW_BYTES 200

/* Control characters (C0, C1: what Latin-1 makes of Shift-JIS lead bytes) shown as U+FFFD, so a
 * preview never carries terminal escapes. Takes @text. */
static char *
visible (char *text)
{
  GString *s;

  if (text == NULL)
    return NULL;
  s = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (s, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }
  g_free (text);
  return g_string_free (s, FALSE);
}

/* Decodes the first line of @data that has a byte above 0x7F (where the encodings differ), at
 * most PREVIEW_BYTES of it; NULL when it is not valid in @encoding. */
static char *
preview_line (const char       *data,
              gsize             len,
              CsImportEncoding  encoding,
              guint            *line_out)
{
  const char *start = data, *end = data + len, *stop;
  guint line = 1;
  gboolean found = FALSE;
  gsize n;

  for (const char *p = data; p < end && !found; p++)
    {
      if (*p == '\n')
        {
          line++;
          start = p + 1;
        }
      else if ((guchar) *p >= 0x80)
        found = TRUE;
    }
  if (!found)
    start = data, line = 1;
  stop = memchr (start, '\n', end - start);
  n = (stop ? stop : end) - start;
  if (n > 0 && start[n - 1] == '\r')
    n--;
  if (line_out != NULL)
    *line_out = line;
  if (n <= PREVIEW_BYTES)
    {
      gsize written = 0;
      char *out = g_convert (start, n, "UTF-8", encodings[encoding].iconv, NULL, &written, NULL);

      if (out != NULL && memchr (out, '\0', written) != NULL)
        g_clear_pointer (&out, g_free);
      return visible (out);
    }
  /* a long line is cut, maybe inside a character: drop up to three more bytes until it decodes */
  for (gsize cut = PREVIEW_BYTES; cut > PREVIEW_BYTES - 4; cut--)
    {
      gsize written = 0;
      g_autofree char *out = g_convert (start, cut, "UTF-8", encodings[encoding].iconv, NULL, &written, NULL);

      if (out != NULL && memchr (out, '\0', written) == NULL)
        return visible (g_strconcat (out, "…", NULL));
    }
  return NULL;
}

void
cs_import_preview_free (CsImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->text);
  g_free (preview);
}

GPtrArray *
cs_import_csv_previews (const char *data,
                        gsize       len)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_preview_free);

  g_return_val_if_fail (data != NULL || len == 0, out);
  for (guint e = CS_IMPORT_ENCODING_GB18030; e < CS_IMPORT_N_ENCODINGS; e++)
    {
      CsImportPreview *p = g_new0 (CsImportPreview, 1);

      p->encoding = e;
      p->text = preview_line (data, len, e, &p->line);
      g_ptr_array_add (out, p);
    }
  return out;
}

/* The error for a file that is not UTF-8 when no encoding was chosen: where, what to try, and how
 * the first line that differs reads in each encoding on offer. */
static void
set_not_utf8_error (const char  *data,
                    gsize        len,
                    const char  *source,
                    const char  *bad,
                    GError     **error)
{
  g_autoptr(GPtrArray) previews = cs_import_csv_previews (data, len);
  g_autoptr(GString) msg = g_string_new (NULL);
  guint line = previews->len > 0 ? ((CsImportPreview *) previews->pdata[0])->line : 1;

  g_string_printf (msg, _("%s:%u: the file is not UTF-8; import it again and choose its encoding. "
                          "Line %u reads:"), source, line_at (data, bad), line);
  for (guint i = 0; i < previews->len; i++)
    {
      CsImportPreview *p = previews->pdata[i];

      g_string_append_printf (msg, "\n  %s: ", cs_import_encoding_label (p->encoding));
      if (p->text != NULL)
        g_string_append_printf (msg, "“%s”", p->text);
      else
        g_string_append (msg, _("(not valid in this encoding)"));
    }
  g_set_error_literal (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING, msg->str);
}

char *
cs_import_csv_decode (const char        *data,
                      gsize              len,
                      const char        *source,
                      CsImportEncoding   encoding,
                      gsize             *len_out,
                      GError           **error)
{
  g_autoptr(GError) local = NULL;
  const char *end = NULL;
  const char *from = NULL;
  gsize skip = 0, written = 0, read = 0;
  char *out;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (encoding < CS_IMPORT_N_ENCODINGS, NULL);

  if (source == NULL)
    source = "CSV";
  /* a byte-order mark says what the file is, whatever the caller chose */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    skip = 3, from = "UTF-8";
  else if (len >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    skip = 2, from = "UTF-16LE";
  else if (len >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    skip = 2, from = "UTF-16BE";
  else
    from = encodings[encoding].iconv;
  data += skip;
  len -= skip;

  if (strcmp (from, "UTF-8") == 0)
    {
      /* UTF-8 only when the whole file is valid UTF-8 without a NUL: never a guess */
      if (!check_no_nul (data, len, source, error))
        return NULL;
      if (!g_utf8_validate (data, len, &end))
        {
          if (skip == 3)
            g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING,
                         _("%s:%u: the file starts with a UTF-8 byte-order mark but is not valid UTF-8"),
                         source, line_at (data, end));
          else
            set_not_utf8_error (data, len, source, end, error);
          return NULL;
        }
      if (len_out != NULL)
        *len_out = len;
      return g_strndup (data, len);
    }

  out = g_convert (data, len, "UTF-8", from, &read, &written, &local);
  if (out == NULL)
    {
      const char *name = skip ? from : cs_import_encoding_label (encoding);

      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING,
                   _("%s:%u: the file is not valid %s"), source,
                   line_at (data, data + MIN (read, len)), name);
      return NULL;
    }
  if (!check_no_nul (out, written, source, error))
    {
      g_free (out);
      return NULL;
    }
  if (len_out != NULL)
    *len_out = written;
  return out;
}

static char
detect_separator (const char *text)
{
  guint comma = 0, semi = 0, tab = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        comma++;
      else if (!quoted && *p == ';')
        semi++;
      else if (!quoted && *p == '\t')
        tab++;
    }
  if (tab > comma && tab >= semi)
    return '\t';
  if (semi > comma)
    return ';';
  return ',';
}

static gboolean
row_is_blank (Row *r)
{
  for (guint i = 0; i < r->cells->len; i++)
    {
      const char *c = g_ptr_array_index (r->cells, i);
      for (const char *p = c; *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

/* Removes the quote an export put before = + - @ (tab, CR) so that a spreadsheet would not run
 * the text as a formula (cs-export-csv.c); @s is changed in place and returned. */
static char *
unneutralise (char *s)
{
  if (s[0] == '\'' && s[1] != '\0' && strchr ("=+-@\t\r", s[1]) != NULL)
    memmove (s, s + 1, strlen (s));
  return s;
}

/* RFC 4180 records (CRLF, LF or CR line ends; quoted fields may hold separators, quotes doubled
 * and line breaks). Lenient where Excel is: a quote inside an unquoted field is literal. The quote
 * our CSV exports put before a formula character is removed here, where the CSV is read: an xlsx
 * cell never has one. */
static GPtrArray *
parse_rows (const char  *text,
            const char  *source,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_row_free);
  char sep = detect_separator (text);
  GString *cell = g_string_new (NULL);
  Row *row = NULL;
  guint line = 1, width = 4;
  const char *p = text;

  /* One pass, a cell copied once: an unquoted cell is the run up to the next separator or line
   * end (a quote inside it is literal); a quoted one is gathered in @cell, quotes doubled, line
   * breaks kept, and what follows its closing quote up to the next separator is literal too. */
  for (;;)
    {
      const char *start;
      char *value;
      char c;

      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->line = line;
          row->cells = g_ptr_array_new_full (width, g_free);
        }
      if (*p == '"')
        {
          guint quote_line = line;

          g_string_truncate (cell, 0);
          for (p++;; p++)
            {
              c = *p;
              if (c == '\0')
                {
                  g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_SYNTAX,
                               _("%s:%u: a quoted field never ends"), source, quote_line);
                  g_string_free (cell, TRUE);
                  cs_import_row_free (row);
                  return NULL;
                }
              if (c == '"' && p[1] == '"')
                p++;
              else if (c == '"')
                break;
              else if (c == '\n' || (c == '\r' && p[1] != '\n'))
                line++;
              g_string_append_c (cell, c);
            }
          start = ++p;
          while (*p != '\0' && *p != sep && *p != '\r' && *p != '\n')
            p++;
          g_string_append_len (cell, start, p - start);
          value = g_strdup (cell->str);
        }
      else
        {
          start = p;
          while (*p != '\0' && *p != sep && *p != '\r' && *p != '\n')
            p++;
          value = g_strndup (start, p - start);
        }
      g_ptr_array_add (row->cells, unneutralise (value));
      c = *p;
      if (c == sep)
        {
          p++;
          continue;
        }
      /* a line end, or the end of the text */
      if (row_is_blank (row))
        cs_import_row_free (row);
      else
        {
          width = MAX (width, row->cells->len);
          g_ptr_array_add (rows, row);
        }
      row = NULL;
      if (c == '\0')
        break;
      p += (c == '\r' && p[1] == '\n') ? 2 : 1;
      line++;
    }
  g_string_free (cell, TRUE);
  return g_steal_pointer (&rows);
}

/* ---- header detection ------------------------------------------------------ */

static char *
normalise_header (const char *h)
{
  GString *s = g_string_new (NULL);
  int depth = 0;

  for (const char *p = h; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xFF08 || c == '[' || c == 0x3010)
        depth++;
      else if ((c == ')' || c == 0xFF09 || c == ']' || c == 0x3011) && depth > 0)
        depth--;
      else if (depth > 0 || g_unichar_isspace (c) || c == '_' || c == '-' || c == '.' || c == ':'
               || c == 0xFEFF || c == 0xFF1A || c == '\'')
        continue;
      else if (c == 0x00B3)   /* ³ */
        g_string_append_c (s, '3');
      else
        g_string_append_unichar (s, g_unichar_tolower (c));
    }
  return g_string_free (s, FALSE);
}

/* Normalised alias -> field + 1, built once: a header cell costs one look-up, not a split of every
 * alias list (that made a 16,000-column header take most of a second). */
static GHashTable *
alias_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
        {
          char **list = g_strsplit (fields[f].aliases, "|", -1);

          /* the strings stay for the process's life, like the table */
          for (guint i = 0; list[i] != NULL; i++)
            if (!g_hash_table_contains (t, list[i]))
              g_hash_table_insert (t, list[i], GUINT_TO_POINTER (f + 1));
          g_free (list);
        }
      g_once_init_leave (&table, t);
    }
  return table;
}

static int
field_for_alias (const char *name)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (alias_table (), name)) - 1;
}

/* The field a header cell names: the whole cell, or any of its "English/中文" parts (split on '/',
 * the full-width '／' and line breaks; whole characters only, never inside a UTF-8 sequence). */
int
cs_import_field_for_header (const char *cell)
{
  g_autofree char *whole = normalise_header (cell);
  g_auto(GStrv) wide = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *narrow = NULL;
  int f = field_for_alias (whole);

  if (f >= 0 || (strpbrk (cell, "/\n") == NULL && strstr (cell, "\xEF\xBC\x8F") == NULL))
    return f;
  wide = g_strsplit (cell, "\xEF\xBC\x8F", -1);   /* ／ */
  narrow = g_strjoinv ("/", wide);
  parts = g_strsplit_set (narrow, "/\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *n = normalise_header (parts[i]);

      if (*n != '\0' && (f = field_for_alias (n)) >= 0)
        return f;
    }
  return -1;
}

static gboolean
looks_like_vin (const char *s)
{
  g_autofree char *up = g_ascii_strup (s, -1);

  return cs_vin_well_formed (g_strstrip (up));
}

static void
detect_mapping (Row             *first,
                CsImportMapping *m)
{
  cs_import_mapping_init (m);
  for (guint c = 0; c < first->cells->len; c++)
    {
      int f = cs_import_field_for_header (g_ptr_array_index (first->cells, c));

      if (f >= 0 && m->column[f] < 0)
        m->column[f] = c;
    }
  for (guint f = 0; f < CS_IMPORT_N_FIELDS; f++)
    if (m->column[f] >= 0)
      return;
  /* No header: a bare list of VINs is the one shape we recognise without one. */
  m->has_header = FALSE;
  for (guint c = 0; c < first->cells->len; c++)
    if (looks_like_vin (g_ptr_array_index (first->cells, c)))
      {
        m->column[CS_IMPORT_FIELD_VIN] = c;
        return;
      }
}

GPtrArray *
cs_import_csv_rows (const char        *data,
                    gsize              len,
                    const char        *source,
                    CsImportEncoding   encoding,
                    GError           **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (source == NULL)
    source = "CSV";
  text = cs_import_csv_decode (data != NULL ? data : "", len, source, encoding, NULL, error);
  if (text == NULL)
    return NULL;
  return parse_rows (text, source, error);
}

GPtrArray *
cs_import_csv_split (const char  *text,
                     const char  *source,
                     GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  return parse_rows (text, source != NULL ? source : "CSV", error);
}

/* The mapping of @rows: @given, or detected from the first row; FALSE when there are none. */
static gboolean
rows_mapping (GPtrArray              *rows,
              const char             *source,
              const CsImportMapping  *given,
              CsImportMapping        *mapping,
              GError                **error)
{
  if (rows->len == 0)
    {
      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_EMPTY, _("%s: the file is empty"), source);
      return FALSE;
    }
  if (given != NULL)
    *mapping = *given;
  else
    detect_mapping (g_ptr_array_index (rows, 0), mapping);
  return TRUE;
}

gboolean
cs_import_rows_detect (GPtrArray        *rows,
                       const char       *source,
                       CsImportMapping  *mapping_out,
                       GStrv            *headers_out,
                       GError          **error)
{
  CsImportMapping m;

  g_return_val_if_fail (rows != NULL && mapping_out != NULL, FALSE);

  if (!rows_mapping (rows, source != NULL ? source : "CSV", NULL, &m, error))
    return FALSE;
  *mapping_out = m;
  if (headers_out != NULL)
    {
      Row *first = g_ptr_array_index (rows, 0);
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; i < first->cells->len; i++)
        g_strv_builder_add (b, g_ptr_array_index (first->cells, i));
      *headers_out = g_strv_builder_end (b);
      g_strv_builder_unref (b);
    }
  return TRUE;
}

gboolean
cs_import_csv_detect (const char       *data,
                      gsize             len,
                      const char       *source,
                      CsImportMapping  *mapping_out,
                      GStrv            *headers_out,
                      GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (mapping_out != NULL, FALSE);

  if (source == NULL)
    source = "CSV";
  rows = cs_import_csv_rows (data, len, source, CS_IMPORT_ENCODING_UTF8, error);
  return rows != NULL && cs_import_rows_detect (rows, source, mapping_out, headers_out, error);
}

/* ---- cell values ----------------------------------------------------------- */

typedef struct
{
  const char      *source;
  const CsImportMapping *map;
  Row             *header;     /* NULL without a header row */
  GPtrArray       *problems;
  GHashTable      *vins_seen;  /* VIN -> GUINT line */
  GPtrArray       *quotes;     /* shortened values that problems quote (freed with the import) */
  const CsImportDraftVins *draft_vins;   /* NULL: not importing into a draft */
  GPtrArray       *scratch;    /* trimmed cells of the row being read */
} Import;

struct _CsImportDraftVins
{
  GHashTable *lines;       /* VIN -> GUINT line of the draft */
  char       *reference;   /* the draft's, or NULL */
};

CsImportDraftVins *
cs_import_draft_vins_new (CsManifest *draft)
{
  CsImportDraftVins *dv = g_atomic_rc_box_new0 (CsImportDraftVins);

  g_return_val_if_fail (CS_IS_MANIFEST (draft), dv);
  dv->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dv->reference = g_strdup (draft->reference != NULL && *draft->reference ? draft->reference : NULL);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (draft); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (draft, i);
      guint line = cs_num_is_set (it->line) && it->line >= 1 && it->line < G_MAXUINT
                   ? (guint) it->line : i + 1;

      for (guint v = 0; it->vehicle != NULL && it->vehicle->vins != NULL && it->vehicle->vins[v]; v++)
        if (!g_hash_table_contains (dv->lines, it->vehicle->vins[v]))
          g_hash_table_insert (dv->lines, g_ascii_strup (it->vehicle->vins[v], -1),
                               GUINT_TO_POINTER (line));
    }
  return dv;
}

static void
draft_vins_clear (gpointer data)
{
  CsImportDraftVins *vins = data;

  g_clear_pointer (&vins->lines, g_hash_table_unref);
  g_free (vins->reference);
}

CsImportDraftVins *
cs_import_draft_vins_ref (CsImportDraftVins *vins)
{
  g_return_val_if_fail (vins != NULL, NULL);
  return g_atomic_rc_box_acquire (vins);
}

void
cs_import_draft_vins_unref (CsImportDraftVins *vins)
{
  if (vins != NULL)
    g_atomic_rc_box_release_full (vins, draft_vins_clear);
}

guint
cs_import_draft_vins_line (const CsImportDraftVins *vins,
                           const char              *vin)
{
  g_return_val_if_fail (vins != NULL && vin != NULL, 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (vins->lines, vin));
}

#define MAX_QUOTE 200   /* bytes of a cell a message quotes: a 10 MB cell is no 10 MB message */

/* @s cut after MAX_QUOTE bytes (whole characters) with "…", or @s itself when short. */
static char *
shorten (const char *s)
{
  const char *end;

  if (strlen (s) <= MAX_QUOTE)
    return g_strdup (s);
  end = g_utf8_find_prev_char (s, s + MAX_QUOTE + 1);
  return g_strdup_printf ("%.*s…", (int) (end - s), s);
}

/* What a problem quotes of a cell; lives as long as the import. */
static const char *
quote (Import     *im,
       const char *s)
{
  char *q = shorten (s);

  g_ptr_array_add (im->quotes, q);
  return q;
}

static const char *
column_name (Import *im,
             guint   field)
{
  int c = im->map->column[field];

  if (im->header != NULL && c >= 0 && (guint) c < im->header->cells->len)
    {
      const char *h = g_ptr_array_index (im->header->cells, c);
      if (*h)
        return h;
    }
  return _(fields[field].label);
}

G_GNUC_PRINTF (4, 5)
static void
problem (Import     *im,
         Row        *row,
         int         field,
         const char *format,
         ...)
{
  CsImportProblem *p = g_new0 (CsImportProblem, 1);
  va_list args;

  p->source = g_strdup (im->source);
  p->line = row->line;
  p->column = field >= 0 ? shorten (column_name (im, field)) : NULL;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (im->problems, p);
}

/* The trimmed cell of @field; NULL when absent/empty. The cell itself when it needs no trimming
 * (nearly always), else a trimmed copy that lives until the next row (im->scratch). */
static const char *
cell (Import *im,
      Row    *row,
      guint   field)
{
  int c = im->map->column[field];
  const char *raw;
  gsize len;
  char *s;

  if (c < 0 || (guint) c >= row->cells->len)
    return NULL;
  raw = g_ptr_array_index (row->cells, c);
  if (*raw == '\0')
    return NULL;
  len = strlen (raw);
  if (!g_ascii_isspace (raw[0]) && !g_ascii_isspace (raw[len - 1]))
    return raw;
  s = g_strstrip (g_strndup (raw, len));
  if (*s == '\0')
    {
      g_free (s);
      return NULL;
    }
  g_ptr_array_add (im->scratch, s);
  return s;
}

/* A plain decimal ("12", "-0.5", "10.25", ".5", "3."): at most 15 digits, so that the digits are
 * an exact double and one division by an exact power of ten rounds as strtod () does. FALSE for
 * anything else (then strtod () reads it). */
static gboolean
parse_plain_decimal (const char *s,
                     double     *out)
{
  static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15 };
  gboolean negative = *s == '-';
  guint64 digits = 0;
  guint n_digits = 0, n_fraction = 0;
  gboolean point = FALSE;
  double v;

  if (*s == '-' || *s == '+')
    s++;
  for (; *s; s++)
    {
      if (g_ascii_isdigit (*s))
        {
          if (++n_digits > 15)
            return FALSE;
          digits = digits * 10 + (guint64) (*s - '0');
          if (point)
            n_fraction++;
        }
      else if (*s == '.' && !point)
        point = TRUE;
      else
        return FALSE;
    }
  if (n_digits == 0)
    return FALSE;
  v = (double) digits / tens[n_fraction];
  *out = negative ? -v : v;
  return TRUE;
}

/* Numbers: "1234.5", "-3", "1,234.5" (thousands separators), "1 234,5" is refused as ambiguous. */
static gboolean
parse_number (const char *s,
              double     *out)
{
  g_autofree char *copy = NULL;
  const char *clean = s;
  gboolean grouped = strchr (s, ',') != NULL;
  char *end = NULL;
  const char *digits;
  double v;

  if (!grouped && parse_plain_decimal (s, out))
    return TRUE;

  if (grouped)
    {
      /* every comma must separate groups of three digits before the point */
      const char *point = strchr (s, '.');
      const char *stop = point ? point : s + strlen (s);
      int run = 0;
      gboolean seen_comma = FALSE;

      digits = (*s == '-' || *s == '+') ? s + 1 : s;
      for (const char *p = digits; p < stop; p++)
        {
          if (*p == ',')
            {
              if (run == 0 || (seen_comma && run != 3) || (!seen_comma && run > 3))
                return FALSE;
              seen_comma = TRUE;
              run = 0;
            }
          else if (g_ascii_isdigit (*p))
            run++;
          else
            return FALSE;
        }
      if (run != 3)
        return FALSE;
    }
  if (grouped)
    {
      char *q = copy = g_strdup (s);

      for (const char *p = s; *p; p++)
        if (*p != ',')
          *q++ = *p;
      *q = '\0';
      clean = copy;
    }
  for (const char *p = clean; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '+' && *p != 'e' && *p != 'E')
      return FALSE;
  errno = 0;
  v = g_ascii_strtod (clean, &end);
  if (end == clean || *end != '\0' || errno != 0 || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static double
number_field (Import   *im,
              Row      *row,
              guint     field,
              gboolean  whole,
              gboolean  may_be_negative)
{
  const char *s = cell (im, row, field);
  double v;

  if (s == NULL)
    return NAN;
  if (!parse_number (s, &v))
    {
      problem (im, row, field, _("“%s” is not a number"), quote (im, s));
      return NAN;
    }
  if (v < 0 && !may_be_negative)
    {
      problem (im, row, field, _("“%s” is negative"), quote (im, s));
      return NAN;
    }
  if (whole && v != floor (v))
    {
      problem (im, row, field, _("“%s” is not a whole number"), quote (im, s));
      return NAN;
    }
  return v;
}

static const char *
category_from_text (const char *s)
{
  static const struct { const char *text; const char *category; } zh[] = {
    { "车辆", "vehicle" }, { "汽车", "vehicle" }, { "电子", "electronics" }, { "电子产品", "electronics" },
    { "机械", "machinery" }, { "机械设备", "machinery" }, { "生鲜", "perishable" }, { "冷链", "perishable" },
    { "易腐", "perishable" }, { "易腐货物", "perishable" }, { "普通", "general" }, { "普货", "general" },
    { "一般", "general" }, { "一般货物", "general" },
  };

  for (guint i = 0; cs_categories[i] != NULL; i++)
    if (g_ascii_strcasecmp (cs_categories[i], s) == 0)
      return cs_categories[i];
  for (guint i = 0; i < G_N_ELEMENTS (zh); i++)
    if (strcmp (zh[i].text, s) == 0)
      return zh[i].category;
  return NULL;
}

/* HS 2022: the category a chapter (or heading) usually means. */
static const char *
category_from_hs (const char *hs)
{
  if (hs == NULL || strlen (hs) < 4)
    return "general";
  if (strncmp (hs, "87", 2) == 0)
    return "vehicle";
  if (strncmp (hs, "8471", 4) == 0 || strncmp (hs, "850760", 6) == 0 || strncmp (hs, "85", 2) == 0)
    return "electronics";
  if (strncmp (hs, "84", 2) == 0)
    return "machinery";
  if (strncmp (hs, "03", 2) == 0 || strncmp (hs, "06", 2) == 0 || strncmp (hs, "07", 2) == 0
      || strncmp (hs, "08", 2) == 0)
    return "perishable";
  return "general";
}

/* Tokens of a cell that may hold several codes: split on spaces, tabs, commas and semicolons,
 * also the full-width ， and ； (whole characters: never inside a UTF-8 sequence). */
static GStrv
tokens (const char *s)
{
  GStrvBuilder *b = g_strv_builder_new ();
  GString *tok = g_string_new (NULL);
  GStrv out;

  for (const char *p = s;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || c == ' ' || c == '\t' || c == ',' || c == ';' || c == 0xFF0C || c == 0xFF1B)
        {
          if (tok->len > 0)
            {
              g_autofree char *up = g_ascii_strup (tok->str, tok->len);
              g_strv_builder_add (b, up);
            }
          g_string_truncate (tok, 0);
          if (c == 0)
            break;
        }
      else
        g_string_append_unichar (tok, c);
    }
  g_string_free (tok, TRUE);
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

/* "(BOX)": the container of the VIN before it, as our CSV export writes "VIN (BOX)". */
static gboolean
is_box_token (const char *t)
{
  size_t n = strlen (t);

  return n >= 2 && t[0] == '(' && t[n - 1] == ')';
}

/* Checks VINs of one row; returns the good ones (duplicates within the file are problems).
 * A VIN may be followed by its container in brackets, "VIN (BOX)": with @boxes_out, the boxes
 * come back parallel to the VINs ("" for none; NULL when no VIN names one); without it (a VIN
 * list, which has no place for them) a box is a problem, never dropped silently. */
static GStrv
vins_of_row (Import  *im,
             Row     *row,
             GStrv   *boxes_out)
{
  const char *s = cell (im, row, CS_IMPORT_FIELD_VIN);
  g_auto(GStrv) list = NULL;
  GStrvBuilder *b;
  g_autoptr(GStrvBuilder) boxes = NULL;
  gboolean any_box = FALSE;
  GStrv out;

  if (boxes_out != NULL)
    *boxes_out = NULL;
  if (s == NULL)
    return NULL;
  list = tokens (s);
  b = g_strv_builder_new ();
  boxes = g_strv_builder_new ();
  for (guint i = 0; list[i] != NULL; i++)
    {
      gpointer seen;
      guint in_draft;
      g_autofree char *box = NULL;
      const char *vin;

      if (list[i + 1] != NULL && is_box_token (list[i + 1]))
        {
          box = g_strndup (list[i + 1] + 1, strlen (list[i + 1]) - 2);
          i++;
          if (boxes_out == NULL)
            {
              problem (im, row, CS_IMPORT_FIELD_VIN,
                       _("“(%s)” after VIN %s: a VIN list has no containers; import the cargo lines instead"),
                       quote (im, box), list[i - 1]);
              continue;
            }
          if (!cs_iso6346_well_formed (box))
            {
              problem (im, row, CS_IMPORT_FIELD_VIN,
                       _("“(%s)” after VIN %s is not a container number (4 letters and 7 digits)"),
                       quote (im, box), list[i - 1]);
              continue;
            }
        }
      else if (is_box_token (list[i]))
        {
          problem (im, row, CS_IMPORT_FIELD_VIN, _("“%s” follows no VIN"), quote (im, list[i]));
          continue;
        }

      vin = list[box != NULL ? i - 1 : i];
      if (!cs_vin_well_formed (vin))
        problem (im, row, CS_IMPORT_FIELD_VIN,
                 _("“%s” is not a VIN (17 letters and digits, without I, O or Q)"), quote (im, vin));
      else if ((seen = g_hash_table_lookup (im->vins_seen, vin)) != NULL
               && GPOINTER_TO_UINT (seen) == row->line)
        problem (im, row, CS_IMPORT_FIELD_VIN, _("VIN %s is listed twice"), vin);
      else if (seen != NULL)
        problem (im, row, CS_IMPORT_FIELD_VIN, _("VIN %s is already on line %u"),
                 vin, GPOINTER_TO_UINT (seen));
      else if ((in_draft = im->draft_vins != NULL ? cs_import_draft_vins_line (im->draft_vins, vin)
                                                  : 0) > 0)
        {
          if (im->draft_vins->reference != NULL)
            /* Translators: the last %s is the draft's reference ("SH-2024-001") */
            problem (im, row, CS_IMPORT_FIELD_VIN, _("VIN %s is already on line %u of %s"), vin,
                     in_draft, im->draft_vins->reference);
          else
            problem (im, row, CS_IMPORT_FIELD_VIN, _("VIN %s is already on line %u of the draft"),
                     vin, in_draft);
        }
      else
        {
          g_hash_table_insert (im->vins_seen, g_strdup (vin), GUINT_TO_POINTER (row->line));
          g_strv_builder_add (b, vin);
          g_strv_builder_add (boxes, box != NULL ? box : "");
          any_box |= box != NULL;
        }
    }
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  if (boxes_out != NULL && any_box)
    *boxes_out = g_strv_builder_end (boxes);
  return out;
}

static gboolean
check_mapping (const CsImportMapping *m,
               Row                   *first,
               const char            *source,
               CsImportField          required,
               GError               **error)
{
  if (m->column[required] < 0)
    {
      g_autoptr(GString) found = g_string_new (NULL);

      /* a few names, each shortened: a file of 16,000 columns is no 300 kB message */
      for (guint i = 0; m->has_header && i < first->cells->len && i < 12; i++)
        {
          g_autofree char *name = shorten (g_ptr_array_index (first->cells, i));
          g_string_append_printf (found, "%s“%s”", i ? ", " : "", name);
        }
      if (m->has_header && first->cells->len > 12)
        g_string_append_printf (found, _(", and %u more"), first->cells->len - 12);
      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_COLUMNS,
                   _("%s:%u: no %s column (the columns are: %s)"), source, first->line,
                   _(fields[required].label), found->len ? found->str : _("none recognised"));
      return FALSE;
    }
  return TRUE;
}

static void
finish_problems (Import     *im,
                 GPtrArray **problems,
                 GError    **error)
{
  g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS,
               g_dngettext (GETTEXT_PACKAGE, "%s: %u problem; nothing was imported",
                            "%s: %u problems; nothing was imported", im->problems->len),
               im->source, im->problems->len);
  if (problems != NULL)
    *problems = g_ptr_array_ref (im->problems);
}

/* ---- items ------------------------------------------------------------------ */

/* The fields an import sets, looked up once (not by name for every cell of every row). */
typedef enum
{
  F_DESCRIPTION, F_LINE, F_HS_CODE, F_QUANTITY, F_UNIT, F_PACKAGES, F_NET_KG, F_GROSS_KG,
  F_VOLUME_M3, F_VALUE, F_ORIGIN, F_CONTAINER, F_MARKS, F_DG, F_VEHICLE, F_CATEGORY,
  F_PACKAGES_COUNT, F_PACKAGES_TYPE, F_DG_UN_NUMBER, F_DG_CLASS, F_VEHICLE_VINS,
  F_VEHICLE_VIN_CONTAINERS, F_SPLIT_CONTAINER, N_F
} ImportSlot;

static const CsField **
import_fields (void)
{
  static const CsField **table;

  if (g_once_init_enter (&table))
    {
      static const CsField *fields_found[N_F];
      const struct { GType (*type) (void); const char *name; } def[N_F] = {
        [F_DESCRIPTION] = { cs_item_get_type, "description" },
        [F_LINE] = { cs_item_get_type, "line" },
        [F_HS_CODE] = { cs_item_get_type, "hs_code" },
        [F_QUANTITY] = { cs_item_get_type, "quantity" },
        [F_UNIT] = { cs_item_get_type, "unit" },
        [F_PACKAGES] = { cs_item_get_type, "packages" },
        [F_NET_KG] = { cs_item_get_type, "net_kg" },
        [F_GROSS_KG] = { cs_item_get_type, "gross_kg" },
        [F_VOLUME_M3] = { cs_item_get_type, "volume_m3" },
        [F_VALUE] = { cs_item_get_type, "value" },
        [F_ORIGIN] = { cs_item_get_type, "origin_country" },
        [F_CONTAINER] = { cs_item_get_type, "container" },
        [F_MARKS] = { cs_item_get_type, "marks" },
        [F_DG] = { cs_item_get_type, "dg" },
        [F_VEHICLE] = { cs_item_get_type, "vehicle" },
        [F_CATEGORY] = { cs_item_get_type, "category" },
        [F_PACKAGES_COUNT] = { cs_packages_get_type, "count" },
        [F_PACKAGES_TYPE] = { cs_packages_get_type, "type" },
        [F_DG_UN_NUMBER] = { cs_dg_get_type, "un_number" },
        [F_DG_CLASS] = { cs_dg_get_type, "class" },
        [F_VEHICLE_VINS] = { cs_vehicle_get_type, "vins" },
        [F_VEHICLE_VIN_CONTAINERS] = { cs_vehicle_get_type, "vin_containers" },
        [F_SPLIT_CONTAINER] = { cs_split_get_type, "container" },
      };

      for (guint i = 0; i < N_F; i++)
        {
          /* the class stays referenced: its fields are kept */
          CsRecordClass *klass = g_type_class_ref (def[i].type ());

          fields_found[i] = cs_record_class_find_field (klass, def[i].name);
          g_assert (fields_found[i] != NULL);
        }
      g_once_init_leave (&table, fields_found);
    }
  return table;
}

#define IMPORT_FIELD(slot) (import_fields ()[slot])

static void
set_string (CsRecord   *rec,
            ImportSlot  slot,
            const char *value)
{
  if (value != NULL)
    cs_field_set_string (rec, IMPORT_FIELD (slot), value);
}

static void
set_number (CsRecord   *rec,
            ImportSlot  slot,
            double      value)
{
  if (cs_num_is_set (value))
    cs_field_set_number (rec, IMPORT_FIELD (slot), value);
}

static CsItem *
item_from_row (Import *im,
               Row    *row)
{
  CsItem *it = cs_item_new ();
  CsRecord *rec = CS_RECORD (it);
  guint before = im->problems->len;
  const char *description = cell (im, row, CS_IMPORT_FIELD_DESCRIPTION);
  const char *hs = cell (im, row, CS_IMPORT_FIELD_HS_CODE);
  const char *category = cell (im, row, CS_IMPORT_FIELD_CATEGORY);
  const char *unit = cell (im, row, CS_IMPORT_FIELD_UNIT);
  const char *pkg_type = cell (im, row, CS_IMPORT_FIELD_PACKAGE_TYPE);
  const char *origin = cell (im, row, CS_IMPORT_FIELD_ORIGIN);
  const char *boxes = cell (im, row, CS_IMPORT_FIELD_CONTAINER);
  const char *marks = cell (im, row, CS_IMPORT_FIELD_MARKS);
  const char *un = cell (im, row, CS_IMPORT_FIELD_UN_NUMBER);
  const char *dg_class = cell (im, row, CS_IMPORT_FIELD_DG_CLASS);
  g_auto(GStrv) vin_boxes = NULL;
  g_auto(GStrv) vins = vins_of_row (im, row, &vin_boxes);
  const char *cat = NULL;
  double packages;

  if (description == NULL)
    problem (im, row, CS_IMPORT_FIELD_DESCRIPTION, _("the description is empty"));
  set_string (rec, F_DESCRIPTION, description);

  set_number (rec, F_LINE, number_field (im, row, CS_IMPORT_FIELD_LINE, TRUE, FALSE));
  if (hs != NULL)
    {
      GString *digits = g_string_new (NULL);
      gboolean ok = TRUE;

      for (const char *p = hs; *p; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
        else if (*p != '.' && *p != ' ')
          ok = FALSE;
      if (!ok || (digits->len != 6 && digits->len != 8 && digits->len != 10 && digits->len != 13))
        problem (im, row, CS_IMPORT_FIELD_HS_CODE,
                 _("“%s” is not an HS code (6, 8, 10 or 13 digits)"), quote (im, hs));
      else
        set_string (rec, F_HS_CODE, digits->str);
      g_string_free (digits, TRUE);
    }

  set_number (rec, F_QUANTITY, number_field (im, row, CS_IMPORT_FIELD_QUANTITY, FALSE, FALSE));
  if (unit != NULL)
    {
      g_autofree char *up = g_ascii_strup (unit, -1);
      set_string (rec, F_UNIT, up);
    }
  packages = number_field (im, row, CS_IMPORT_FIELD_PACKAGES, TRUE, FALSE);
  if (cs_num_is_set (packages) || pkg_type != NULL)
    {
      CsRecord *pk = g_object_new (CS_TYPE_PACKAGES, NULL);
      g_autofree char *up = pkg_type ? g_ascii_strup (pkg_type, -1) : NULL;

      set_number (pk, F_PACKAGES_COUNT, packages);
      set_string (pk, F_PACKAGES_TYPE, up);
      cs_field_take_record (rec, IMPORT_FIELD (F_PACKAGES), pk);
    }
  set_number (rec, F_NET_KG, number_field (im, row, CS_IMPORT_FIELD_NET_KG, FALSE, FALSE));
  set_number (rec, F_GROSS_KG, number_field (im, row, CS_IMPORT_FIELD_GROSS_KG, FALSE, FALSE));
  set_number (rec, F_VOLUME_M3, number_field (im, row, CS_IMPORT_FIELD_VOLUME_M3, FALSE, FALSE));
  set_number (rec, F_VALUE, number_field (im, row, CS_IMPORT_FIELD_VALUE, FALSE, TRUE));

  if (origin != NULL)
    {
      g_autofree char *up = g_ascii_strup (origin, -1);

      if (strlen (up) != 2 || !g_ascii_isalpha (up[0]) || !g_ascii_isalpha (up[1]))
        problem (im, row, CS_IMPORT_FIELD_ORIGIN,
                 _("“%s” is not a two-letter country code (ISO 3166)"), quote (im, origin));
      else
        set_string (rec, F_ORIGIN, up);
    }

  if (boxes != NULL)
    {
      g_auto(GStrv) list = tokens (boxes);
      gboolean ok = TRUE;

      for (guint i = 0; list[i] != NULL; i++)
        if (!cs_iso6346_well_formed (list[i]))
          {
            problem (im, row, CS_IMPORT_FIELD_CONTAINER,
                     _("“%s” is not a container number (4 letters and 7 digits)"), quote (im, list[i]));
            ok = FALSE;
          }
      if (ok && g_strv_length (list) == 1)
        set_string (rec, F_CONTAINER, list[0]);
      else if (ok)
        for (guint i = 0; list[i] != NULL; i++)
          {
            g_autoptr(CsSplit) split = cs_split_new ();
            set_string (CS_RECORD (split), F_SPLIT_CONTAINER, list[i]);
            cs_list_append_silent (it->splits, split);
          }
    }
  set_string (rec, F_MARKS, marks);

  if (un != NULL || dg_class != NULL)
    {
      CsRecord *dg = g_object_new (CS_TYPE_DG, NULL);

      if (un != NULL)
        {
          const char *digits = (g_ascii_strncasecmp (un, "UN", 2) == 0) ? un + 2 : un;

          while (*digits == ' ')
            digits++;
          if (strlen (digits) != 4 || strspn (digits, "0123456789") != 4)
            problem (im, row, CS_IMPORT_FIELD_UN_NUMBER, _("“%s” is not a UN number (4 digits)"),
                     quote (im, un));
          else
            set_string (dg, F_DG_UN_NUMBER, digits);
        }
      set_string (dg, F_DG_CLASS, dg_class);
      cs_field_take_record (rec, IMPORT_FIELD (F_DG), dg);
    }

  if (category != NULL)
    {
      cat = category_from_text (category);
      if (cat == NULL)
        problem (im, row, CS_IMPORT_FIELD_CATEGORY,
                 _("“%s” is not a category (vehicle, electronics, machinery, perishable, general)"),
                 quote (im, category));
    }
  else if (vins != NULL && vins[0] != NULL)
    cat = "vehicle";
  else
    cat = category_from_hs (it->hs_code);

  if (vins != NULL && vins[0] != NULL)
    {
      if (cat != NULL && strcmp (cat, "vehicle") != 0)
        problem (im, row, CS_IMPORT_FIELD_VIN, _("VINs on a line whose category is not vehicle"));
      else
        {
          CsRecord *veh = g_object_new (CS_TYPE_VEHICLE, NULL);
          cs_field_take_strv (veh, IMPORT_FIELD (F_VEHICLE_VINS), g_steal_pointer (&vins));
          if (vin_boxes != NULL)
            cs_field_take_strv (veh, IMPORT_FIELD (F_VEHICLE_VIN_CONTAINERS),
                                g_steal_pointer (&vin_boxes));
          cs_field_take_record (rec, IMPORT_FIELD (F_VEHICLE), veh);
        }
    }
  if (cat != NULL)
    set_string (rec, F_CATEGORY, cat);

  if (im->problems->len != before)
    g_clear_object (&it);
  return it;
}

GPtrArray *
cs_import_csv_items (const char             *data,
                     gsize                   len,
                     const char             *source,
                     const CsImportMapping  *mapping,
                     GPtrArray             **problems,
                     GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  rows = cs_import_csv_rows (data, len, source, CS_IMPORT_ENCODING_UTF8, error);
  if (rows == NULL)
    return NULL;
  return cs_import_rows_items (rows, source, mapping, problems, error);
}

GPtrArray *
cs_import_rows_items (GPtrArray              *rows,
                      const char             *source,
                      const CsImportMapping  *mapping,
                      GPtrArray             **problems,
                      GError                **error)
{
  return cs_import_rows_items_into (rows, source, mapping, NULL, problems, error);
}

GPtrArray *
cs_import_rows_items_into (GPtrArray                *rows,
                           const char               *source,
                           const CsImportMapping    *mapping,
                           const CsImportDraftVins  *draft_vins,
                           GPtrArray               **problems,
                           GError                  **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
  g_autoptr(GHashTable) vins_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  CsImportMapping m;
  Import im = { 0 };

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source == NULL)
    source = "CSV";
  if (!rows_mapping (rows, source, mapping, &m, error))
    return NULL;
  if (!check_mapping (&m, g_ptr_array_index (rows, 0), source, CS_IMPORT_FIELD_DESCRIPTION, error))
    return NULL;
  if (m.has_header && rows->len == 1)
    {
      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_EMPTY, _("%s: no rows under the header"), source);
      return NULL;
    }

  im.source = source;
  im.map = &m;
  im.header = m.has_header ? g_ptr_array_index (rows, 0) : NULL;
  im.problems = found;
  im.vins_seen = vins_seen;
  im.quotes = quotes;
  im.draft_vins = draft_vins;
  im.scratch = scratch;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint r = m.has_header ? 1 : 0; r < rows->len; r++)
    {
      CsItem *it = item_from_row (&im, g_ptr_array_index (rows, r));

      g_ptr_array_set_size (scratch, 0);

      if (it != NULL)
        g_ptr_array_add (items, it);
    }
  if (found->len > 0)
    {
      finish_problems (&im, problems, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

GStrv
cs_import_csv_vins (const char             *data,
                    gsize                   len,
                    const char             *source,
                    const CsImportMapping  *mapping,
                    GPtrArray             **problems,
                    GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  rows = cs_import_csv_rows (data, len, source, CS_IMPORT_ENCODING_UTF8, error);
  if (rows == NULL)
    return NULL;
  return cs_import_rows_vins (rows, source, mapping, problems, error);
}

GStrv
cs_import_rows_vins (GPtrArray              *rows,
                     const char             *source,
                     const CsImportMapping  *mapping,
                     GPtrArray             **problems,
                     GError                **error)
{
  return cs_import_rows_vins_into (rows, source, mapping, NULL, problems, error);
}

GStrv
cs_import_rows_vins_into (GPtrArray                *rows,
                          const char               *source,
                          const CsImportMapping    *mapping,
                          const CsImportDraftVins  *draft_vins,
                          GPtrArray               **problems,
                          GError                  **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_problem_free);
  g_autoptr(GHashTable) vins_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) scratch = g_ptr_array_new_with_free_func (g_free);
  GStrvBuilder *b;
  GStrv out;
  CsImportMapping m;
  Import im = { 0 };

  g_return_val_if_fail (rows != NULL, NULL);
  g_return_val_if_fail (problems == NULL || *problems == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source == NULL)
    source = "CSV";
  if (!rows_mapping (rows, source, mapping, &m, error))
    return NULL;
  if (!check_mapping (&m, g_ptr_array_index (rows, 0), source, CS_IMPORT_FIELD_VIN, error))
    return NULL;

  im.source = source;
  im.map = &m;
  im.header = m.has_header ? g_ptr_array_index (rows, 0) : NULL;
  im.problems = found;
  im.vins_seen = vins_seen;
  im.quotes = quotes;
  im.draft_vins = draft_vins;
  im.scratch = scratch;
  b = g_strv_builder_new ();
  for (guint r = m.has_header ? 1 : 0; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      g_auto(GStrv) vins = vins_of_row (&im, row, NULL);

      g_ptr_array_set_size (scratch, 0);

      if (vins == NULL)
        problem (&im, row, CS_IMPORT_FIELD_VIN, _("the VIN is empty"));
      for (guint i = 0; vins != NULL && vins[i] != NULL; i++)
        g_strv_builder_add (b, vins[i]);
    }
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  if (found->len > 0)
    {
      g_strfreev (out);
      finish_problems (&im, problems, error);
      return NULL;
    }
  if (out[0] == NULL)
    {
      g_strfreev (out);
      g_set_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_EMPTY, _("%s: no VINs in the file"), source);
      return NULL;
    }
  return out;
}
