/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-xlsx-read.c: the sheets of an .xlsx workbook, row by row (libgsf; libxml2's xmlTextReader
 * for the small parts, its SAX2 push parser for the sheets and the shared strings)
 *
 * The format: ECMA-376 Part 1 (SpreadsheetML, section 18) and Part 2 (Open Packaging). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "cs-json.h"
#include "cs-xlsx-read.h"

G_DEFINE_QUARK (cs-xlsx-error-quark, cs_xlsx_error)

#define NS_REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_S "http://purl.oclc.org/ooxml/officeDocument/relationships"

#define MAX_COLUMNS 16384   /* XFD, Excel's last column */

typedef struct
{
  char     *name;
  char     *rel_id;
  gboolean  hidden;
} Sheet;

struct _CsXlsxBook
{
  char       *source;
  GBytes     *bytes;
  GsfInput   *input;
  GsfInfile  *zip;
  char       *workbook_path;  /* "xl/workbook.xml" */
  GPtrArray  *workbook_rels;  /* of Rel */
  GPtrArray  *sheets;       /* of Sheet */
  GStrv       sheet_names;
  gboolean    date1904;
  GPtrArray  *strings;      /* shared strings, of char * */
  GArray     *date_xf;      /* of gboolean: cell style index -> shows a date or time */
};

static void
sheet_free (Sheet *s)
{
  g_free (s->name);
  g_free (s->rel_id);
  g_free (s);
}

void
cs_xlsx_book_free (CsXlsxBook *book)
{
  if (book == NULL)
    return;
  g_free (book->workbook_path);
  g_clear_pointer (&book->workbook_rels, g_ptr_array_unref);
  g_clear_object (&book->zip);
  g_clear_object (&book->input);
  g_clear_pointer (&book->bytes, g_bytes_unref);
  g_clear_pointer (&book->sheets, g_ptr_array_unref);
  g_clear_pointer (&book->sheet_names, g_strfreev);
  g_clear_pointer (&book->strings, g_ptr_array_unref);
  g_clear_pointer (&book->date_xf, g_array_unref);
  g_free (book->source);
  g_free (book);
}

/* ---- parts read with xmlTextReader ----------------------------------------------------------- */

typedef struct
{
  CsXlsxBook       *book;
  GsfInput         *input;
  char             *name;       /* "xl/worksheets/sheet1.xml" */
  xmlTextReaderPtr  reader;
  gboolean          damaged;    /* inflating failed: the reader saw an I/O error */
  char             *xml_error;  /* the first error libxml2 reported */
  int               xml_line;
  gboolean          in_root;    /* the root element has started */
} Part;

static int
part_io_read (void *context,
              char *buffer,
              int   len)
{
  Part *part = context;
  gsf_off_t left = gsf_input_remaining (part->input);
  gsize n = (gsize) MIN ((gsf_off_t) len, left);

  if (n == 0)
    return 0;
  if (gsf_input_read (part->input, n, (guint8 *) buffer) == NULL)
    {
      part->damaged = TRUE;
      return -1;
    }
  return (int) n;
}

static void
part_xml_error (void        *context,
                xmlErrorPtr  e)
{
  Part *part = context;

  if (e == NULL || e->level < XML_ERR_ERROR || part->xml_error != NULL)
    return;
  part->xml_error = g_strchomp (g_strdup (e->message ? e->message : ""));
  part->xml_line = e->line;
}

static void
part_close (Part *part)
{
  if (part->reader != NULL)
    xmlFreeTextReader (part->reader);
  g_clear_object (&part->input);
  g_free (part->name);
  g_free (part->xml_error);
  memset (part, 0, sizeof *part);
}

/* Takes @input; @name is its path in the package, for messages. */
static void
part_open (Part       *part,
           CsXlsxBook *book,
           GsfInput   *input,
           const char *name)
{
  memset (part, 0, sizeof *part);
  part->book = book;
  part->input = input;
  part->name = g_strdup (name);
  /* No network, no entity substitution: a spreadsheet part has no DTD and we refuse any. */
  part->reader = xmlReaderForIO (part_io_read, NULL, part, part->name, NULL,
                                 XML_PARSE_NONET | XML_PARSE_COMPACT);
  if (part->reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (part->reader, part_xml_error, part);
}

/* The error for a failed xmlTextReaderRead() (or a DOCTYPE). */
static void
part_set_error (Part    *part,
                GError **error)
{
  if (part->damaged)
    g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_DAMAGED,
                 _("%s: the part %s is damaged: its compressed data cannot be read"),
                 part->book->source, part->name);
  else
    g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_XML,
                 _("%s: the part %s is not well-formed XML (line %d: %s)"),
                 part->book->source, part->name, part->xml_line,
                 part->xml_error ? part->xml_error : _("unreadable"));
}

/* Reads the next node. 1: a node; 0: the end; -1: an error, set. */
static int
part_next (Part    *part,
           GError **error)
{
  int ret;

  if (part->reader == NULL)
    {
      part_set_error (part, error);
      return -1;
    }
  ret = xmlTextReaderRead (part->reader);
  if (ret < 0)
    {
      part_set_error (part, error);
      return -1;
    }
  /* a document type declaration can only come before the root element: look until then */
  if (ret == 1 && !part->in_root)
    {
      int type = xmlTextReaderNodeType (part->reader);

      part->in_root = type == XML_READER_TYPE_ELEMENT;
      if (type != XML_READER_TYPE_DOCUMENT_TYPE)
        return ret;
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_XML,
                   _("%s: the part %s has a document type declaration, which no spreadsheet part has"),
                   part->book->source, part->name);
      return -1;
    }
  return ret;
}

static gboolean
part_is (Part       *part,
         int         type,
         const char *local_name)
{
  const char *n;

  if (xmlTextReaderNodeType (part->reader) != type)
    return FALSE;
  n = (const char *) xmlTextReaderConstLocalName (part->reader);
  return n != NULL && strcmp (n, local_name) == 0;
}

static gboolean
part_at_start (Part       *part,
               const char *local_name)
{
  return part_is (part, XML_READER_TYPE_ELEMENT, local_name);
}

static char *
part_attribute (Part       *part,
                const char *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (part->reader, (const xmlChar *) name);
  char *out = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return out;
}

/* Appends to @out the _xHHHH_-decoded form of @s: OOXML writes characters that XML cannot hold
 * (control characters) as _x000D_ and a literal "_x" as _x005F_x. */
static void
append_ooxml_text (GString    *out,
                   const char *s)
{
  const char *p = s;

  while (*p)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                       | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (c != 0 && g_unichar_validate (c))
            {
              g_string_append_unichar (out, c);
              p += 7;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
}

/* ---- workbook, shared strings, styles ------------------------------------------------------- */

/* Relationships (Open Packaging, ECMA-376 Part 2): read with the same reader as every other part,
 * so that a damaged one is an error naming it (libgsf's own helpers log criticals instead). */
typedef struct
{
  char *id;
  char *type;
  char *target;   /* resolved: the part's path in the package, "xl/worksheets/sheet1.xml" */
} Rel;

static void
rel_free (Rel *r)
{
  g_free (r->id);
  g_free (r->type);
  g_free (r->target);
  g_free (r);
}

/* The part at @path ("xl/workbook.xml"), or NULL. */
static GsfInput *
open_part (CsXlsxBook *book,
           const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; segments[i] != NULL; i++)
    if (*segments[i] != '\0')
      g_ptr_array_add (names, segments[i]);
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return gsf_infile_child_by_aname (book->zip, (const char **) names->pdata);
}

/* @target of a relationship of the part @source (NULL: the package) as a path in the package:
 * absolute ("/xl/styles.xml") or relative to the source's folder, with "." and ".." resolved. */
static char *
resolve_target (const char *source,
                const char *target)
{
  g_autofree char *dir = source ? g_path_get_dirname (source) : g_strdup ("");
  g_autofree char *joined = target[0] == '/' ? g_strdup (target)
                                             : g_strconcat (dir, "/", target, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, parts[i]);
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (GStrv) kept->pdata);
}

/* The relationships of part @source (NULL: the package's own, _rels/.rels); empty when the part
 * has none. */
static GPtrArray *
read_rels (CsXlsxBook  *book,
           const char  *source,
           GError     **error)
{
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func ((GDestroyNotify) rel_free);
  g_autofree char *dir = source ? g_path_get_dirname (source) : NULL;
  g_autofree char *base = source ? g_path_get_basename (source) : NULL;
  g_autofree char *path = source ? g_strdup_printf ("%s/_rels/%s.rels", dir, base)
                                 : g_strdup ("_rels/.rels");
  GsfInput *in = open_part (book, path);
  Part part;
  int ret;

  if (in == NULL)
    return g_steal_pointer (&rels);
  part_open (&part, book, in, path);
  while ((ret = part_next (&part, error)) == 1)
    if (part_at_start (&part, "Relationship"))
      {
        g_autofree char *mode = part_attribute (&part, "TargetMode");
        g_autofree char *target = part_attribute (&part, "Target");
        Rel *r;

        if (target == NULL || (mode != NULL && strcmp (mode, "External") == 0))
          continue;
        r = g_new0 (Rel, 1);
        r->id = part_attribute (&part, "Id");
        r->type = part_attribute (&part, "Type");
        r->target = resolve_target (source, target);
        g_ptr_array_add (rels, r);
      }
  part_close (&part);
  return ret < 0 ? NULL : g_steal_pointer (&rels);
}

/* The target of the first relationship whose type ends in "/@type_suffix" (transitional and
 * strict OOXML spell the namespace differently), or NULL. */
static const char *
rel_target_by_type (GPtrArray  *rels,
                    const char *type_suffix)
{
  g_autofree char *end = g_strconcat ("/", type_suffix, NULL);

  for (guint i = 0; i < rels->len; i++)
    {
      Rel *r = rels->pdata[i];

      if (r->type != NULL && g_str_has_suffix (r->type, end))
        return r->target;
    }
  return NULL;
}

static const Rel *
rel_by_id (GPtrArray  *rels,
           const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    if (g_strcmp0 (((Rel *) rels->pdata[i])->id, id) == 0)
      return rels->pdata[i];
  return NULL;
}

/* Opens the workbook's related part of type @type_suffix into @part; FALSE when there is none. */
static gboolean
open_related (CsXlsxBook *book,
              const char *type_suffix,
              Part       *part)
{
  const char *target = rel_target_by_type (book->workbook_rels, type_suffix);
  GsfInput *in = target ? open_part (book, target) : NULL;

  if (in == NULL)
    return FALSE;
  part_open (part, book, in, target);
  return TRUE;
}

static gboolean
read_workbook (CsXlsxBook *book,
               GError    **error)
{
  Part part;
  int ret = 0;
  gboolean ok = TRUE;

  part_open (&part, book, open_part (book, book->workbook_path), book->workbook_path);
  while (ok && (ret = part_next (&part, error)) == 1)
    {
      if (part_at_start (&part, "workbookPr"))
        {
          g_autofree char *v = part_attribute (&part, "date1904");

          book->date1904 = v != NULL && (strcmp (v, "1") == 0 || g_ascii_strcasecmp (v, "true") == 0);
        }
      else if (part_at_start (&part, "sheet"))
        {
          Sheet *s = g_new0 (Sheet, 1);
          xmlChar *id = xmlTextReaderGetAttributeNs (part.reader, (const xmlChar *) "id",
                                                     (const xmlChar *) NS_REL_T);
          g_autofree char *state = part_attribute (&part, "state");

          if (id == NULL)
            id = xmlTextReaderGetAttributeNs (part.reader, (const xmlChar *) "id",
                                              (const xmlChar *) NS_REL_S);
          s->name = part_attribute (&part, "name");
          s->rel_id = id ? g_strdup ((const char *) id) : NULL;
          s->hidden = state != NULL && strcmp (state, "visible") != 0;
          xmlFree (id);
          if (s->name == NULL || s->rel_id == NULL)
            {
              g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_XML,
                           _("%s: the part %s lists a sheet without a name or a relationship id"),
                           book->source, part.name);
              sheet_free (s);
              ok = FALSE;
            }
          else
            g_ptr_array_add (book->sheets, s);
        }
    }
  if (ok && ret < 0)
    ok = FALSE;
  if (ok && book->sheets->len == 0)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_MISSING,
                   _("%s: the workbook has no sheets"), book->source);
      ok = FALSE;
    }
  part_close (&part);
  return ok;
}

static gboolean read_shared_strings_xml (CsXlsxBook  *book,
                                         GsfInput    *in,
                                         const char  *part_name,
                                         GError     **error);

static gboolean
read_shared_strings (CsXlsxBook *book,
                     GError    **error)
{
  const char *target = rel_target_by_type (book->workbook_rels, "sharedStrings");
  GsfInput *in = target ? open_part (book, target) : NULL;
  gboolean ok;

  if (in == NULL)
    return TRUE;   /* a workbook whose cells hold no shared string has none */
  /* as large as a sheet in a workbook of texts: read as a sheet is (SAX2, below) */
  ok = read_shared_strings_xml (book, in, target, error);
  g_object_unref (in);
  return ok;
}

/* TRUE when a number format code shows a date or a time: a d, m, y, h or s outside quoted text,
 * escapes and [bracketed] parts ([Red], [$-804]; an elapsed [h]:mm is a duration, not a date). */
static gboolean
format_is_date (const char *code)
{
  if (g_ascii_strcasecmp (code, "General") == 0)
    return FALSE;
  for (const char *p = code; *p; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FALSE;
          p++;
          break;
        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return FALSE;
          break;
        default:
          if (strchr ("dmyhsDMYHS", *p) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

/* Built-in number formats (ECMA-376 Part 1, 18.8.30) that show dates or times: 14-22 and 45-47,
 * and the East Asian date formats 27-36 and 50-58 (what Chinese Excel uses for 2024年3月5日). */
static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || id == 45 || id == 47 || (id >= 27 && id <= 36)
         || (id >= 50 && id <= 58);
}

static gboolean
read_styles (CsXlsxBook *book,
             GError    **error)
{
  g_autoptr(GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_autoptr(GArray) xf_formats = g_array_new (FALSE, FALSE, sizeof (guint));
  Part part;
  int ret, xfs_depth = -1;

  if (!open_related (book, "styles", &part))
    return TRUE;   /* no styles: every number is a number */
  while ((ret = part_next (&part, error)) == 1)
    {
      int type = xmlTextReaderNodeType (part.reader);

      if (part_at_start (&part, "numFmt"))
        {
          g_autofree char *id = part_attribute (&part, "numFmtId");
          char *code = part_attribute (&part, "formatCode");

          if (id != NULL && code != NULL)
            g_hash_table_replace (custom, GUINT_TO_POINTER (strtoul (id, NULL, 10)), code);
          else
            g_free (code);
        }
      else if (part_at_start (&part, "cellXfs") && !xmlTextReaderIsEmptyElement (part.reader))
        xfs_depth = xmlTextReaderDepth (part.reader);
      else if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (part.reader) == xfs_depth)
        xfs_depth = -1;
      else if (xfs_depth >= 0 && part_at_start (&part, "xf")
               && xmlTextReaderDepth (part.reader) == xfs_depth + 1)
        {
          g_autofree char *id = part_attribute (&part, "numFmtId");
          guint n = id ? (guint) strtoul (id, NULL, 10) : 0;

          g_array_append_val (xf_formats, n);
        }
    }
  part_close (&part);
  if (ret < 0)
    return FALSE;
  for (guint i = 0; i < xf_formats->len; i++)
    {
      guint id = g_array_index (xf_formats, guint, i);
      const char *code = g_hash_table_lookup (custom, GUINT_TO_POINTER (id));
      gboolean date = code != NULL ? format_is_date (code) : builtin_is_date (id);

      g_array_append_val (book->date_xf, date);
    }
  return TRUE;
}

/* ---- opening ------------------------------------------------------------------------------ */

/* Once per process, before any thread parses: libxml2 sets up its globals in xmlInitParser(), which
 * is not safe to run from two threads at once (the GUI reads workbooks on worker threads). */
static gpointer
init_libraries (gpointer data)
{
  xmlInitParser ();
  gsf_init ();
  return NULL;
}

CsXlsxBook *
cs_xlsx_book_open_bytes (GBytes     *bytes,
                         const char *source,
                         GError    **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(CsXlsxBook) book = g_new0 (CsXlsxBook, 1);
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  GsfInput *in;
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_once (&once, init_libraries, NULL);

  data = g_bytes_get_data (bytes, &len);
  book->source = g_strdup (source ? source : "xlsx");
  book->bytes = g_bytes_ref (bytes);
  book->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  book->strings = g_ptr_array_new_with_free_func (g_free);
  book->date_xf = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_NOT_XLSX,
                   _("%s: this is an Excel 97-2003 workbook (.xls) or another OLE file; save it "
                     "as an Excel workbook (.xlsx) and import that"), book->source);
      return NULL;
    }
  if (len < 4 || memcmp (data, "PK", 2) != 0)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_NOT_XLSX,
                   _("%s: not an Excel workbook (.xlsx): it is not a zip file"), book->source);
      return NULL;
    }
  book->input = gsf_input_memory_new (data, len, FALSE);
  book->zip = gsf_infile_zip_new (book->input, &local);
  if (book->zip == NULL)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_DAMAGED,
                   _("%s: the file is damaged or truncated: its zip directory cannot be read (%s)"),
                   book->source, local ? local->message : _("unknown reason"));
      return NULL;
    }

  /* The workbook is the package's officeDocument; files without _rels/.rels keep it here. */
  if ((rels = read_rels (book, NULL, error)) == NULL)
    return NULL;
  book->workbook_path = g_strdup (rel_target_by_type (rels, "officeDocument"));
  if (book->workbook_path == NULL)
    book->workbook_path = g_strdup ("xl/workbook.xml");
  if ((in = open_part (book, book->workbook_path)) == NULL)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_NOT_XLSX,
                   _("%s: a zip file, but not an Excel workbook: it has no workbook part "
                     "(%s)"), book->source, book->workbook_path);
      return NULL;
    }
  g_object_unref (in);
  if ((book->workbook_rels = read_rels (book, book->workbook_path, error)) == NULL)
    return NULL;
  if (!read_workbook (book, error) || !read_shared_strings (book, error) || !read_styles (book, error))
    return NULL;

  book->sheet_names = g_new0 (char *, book->sheets->len + 1);
  for (guint i = 0; i < book->sheets->len; i++)
    book->sheet_names[i] = g_strdup (((Sheet *) book->sheets->pdata[i])->name);
  return g_steal_pointer (&book);
}

CsXlsxBook *
cs_xlsx_book_open (const char *path,
                   GError    **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_OPEN, "%s", local->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  return cs_xlsx_book_open_bytes (bytes, path, error);
}

const char * const *
cs_xlsx_book_sheet_names (CsXlsxBook *book)
{
  g_return_val_if_fail (book != NULL, NULL);
  return (const char * const *) book->sheet_names;
}

const char *
cs_xlsx_book_first_sheet (CsXlsxBook *book)
{
  g_return_val_if_fail (book != NULL, NULL);
  for (guint i = 0; i < book->sheets->len; i++)
    if (!((Sheet *) book->sheets->pdata[i])->hidden)
      return ((Sheet *) book->sheets->pdata[i])->name;
  return ((Sheet *) book->sheets->pdata[0])->name;
}

gboolean
cs_xlsx_book_is_1904 (CsXlsxBook *book)
{
  g_return_val_if_fail (book != NULL, FALSE);
  return book->date1904;
}

/* ---- cells -------------------------------------------------------------------------------- */

char *
cs_xlsx_column_name (guint column)
{
  char buf[8];
  int i = G_N_ELEMENTS (buf) - 1;

  buf[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      buf[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup (buf + i);
}

char *
cs_xlsx_serial_to_text (double   serial,
                        gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double days_f = floor (serial);
  guint days, secs;
  char buf[16];

  if (!isfinite (serial) || serial < 0 || serial >= 2958466)   /* 2958465 is 9999-12-31 */
    return NULL;
  days = (guint) days_f;
  secs = (guint) round ((serial - days_f) * 86400.0);
  if (secs >= 86400)
    {
      days++;
      secs -= 86400;
    }
  if (!date1904 && days == 60)
    return NULL;   /* 1900-02-29: Lotus 1-2-3's leap-year bug, which Excel keeps */
  if (days == 0 && !date1904)
    return g_strdup_printf ("%02u:%02u:%02u", secs / 3600, secs / 60 % 60, secs % 60);
  date = g_date_new ();
  if (date1904)
    g_date_set_dmy (date, 1, G_DATE_JANUARY, 1904);
  else if (days < 60)
    g_date_set_dmy (date, 31, G_DATE_DECEMBER, 1899);   /* serial 1 = 1900-01-01 */
  else
    g_date_set_dmy (date, 30, G_DATE_DECEMBER, 1899);   /* past the phantom 29 February */
  g_date_add_days (date, days);
  if (g_date_get_year (date) > 9999)
    return NULL;
  g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
              g_date_get_day (date));
  if (secs == 0)
    return g_strdup (buf);
  return g_strdup_printf ("%sT%02u:%02u:%02u", buf, secs / 3600, secs / 60 % 60, secs % 60);
}

typedef struct
{
  CsXlsxBook *book;
  const char *sheet;
  GArray     *cells;     /* of CsXlsxCell */
  GStringChunk *chunk;   /* texts made for this row, cleared per row (no malloc per cell) */
  GString    *scratch;
  GString    *value;     /* the cell's <v>, <is> and <f> */
  GString    *inline_text;
  GString    *formula;
  guint       n_used;    /* columns up to the last non-empty cell */
} RowState;

/* Column (0-based) of a reference like "AB12"; -1 if malformed. */
static int
column_of_ref (const char *ref)
{
  int col = 0, n = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++, n++)
    col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  if (n == 0 || n > 3 || col > MAX_COLUMNS || !g_ascii_isdigit (*p))
    return -1;
  for (; g_ascii_isdigit (*p); p++)
    ;
  return *p == '\0' ? col - 1 : -1;
}

/* Takes @text into the row's chunk. */
static const char *
own (RowState *rs,
     char     *text)
{
  const char *kept = g_string_chunk_insert (rs->chunk, text);

  g_free (text);
  return kept;
}

static const char *
keep (RowState   *rs,
      const char *text)
{
  return g_string_chunk_insert (rs->chunk, text);
}

static char *
cell_name (RowState *rs,
           guint     row,
           guint     col)
{
  g_autofree char *letters = cs_xlsx_column_name (col);

  return g_strdup_printf ("%s!%s%u", rs->sheet, letters, row);
}

static gboolean
parse_double (const char *s,
              double     *out)
{
  char *end = NULL;

  while (g_ascii_isspace (*s))
    s++;
  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0' && isfinite (*out);
}

/* TRUE when @s is already what cs_json_append_number() writes for its value: an optional '-',
 * digits without a leading zero (or a single 0), and a fraction without trailing zeros, at most
 * 15 significant digits ("12", "10.5", "0.25"). Saves a printf and a strtod per cell. */
static gboolean
number_is_canonical (const char *s)
{
  const char *p = s;
  guint digits = 0;

  if (*p == '-')
    p++;
  if (p[0] == '0' && g_ascii_isdigit (p[1]))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    digits++;
  if (digits == 0)
    return FALSE;
  if (*p == '.')
    {
      const char *frac = ++p;

      for (; g_ascii_isdigit (*p); p++)
        digits++;
      if (p == frac || p[-1] == '0')
        return FALSE;
    }
  if (*p != '\0' || digits > 15)
    return FALSE;
  return strcmp (s, "-0") != 0;
}

/* Turns what <c> held into a cell at @col. */
static gboolean
finish_cell (RowState    *rs,
             guint        row,
             guint        col,
             const char  *type,
             guint        style,
             gboolean     has_value,
             const char  *value,
             gboolean     has_inline,
             const char  *inline_text,
             const char  *formula,
             GError     **error)
{
  CsXlsxCell c = { CS_XLSX_CELL_EMPTY, "", 0 };

  if (type == NULL)
    type = "n";
  /* an empty <v/> after a formula (openpyxl writes one) is no saved value */
  if (has_value && *value == '\0' && strcmp (type, "str") != 0)
    has_value = FALSE;
  if (strcmp (type, "inlineStr") == 0)
    {
      c.type = CS_XLSX_CELL_STRING;
      c.text = keep (rs, has_inline ? inline_text : has_value ? value : "");
    }
  else if (!has_value)
    {
      if (formula != NULL)
        {
          g_autofree char *where = cell_name (rs, row, col);

          g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_FORMULA,
                       _("%s: %s: the formula “=%s” has no saved value (the program that wrote the "
                         "file does not calculate formulas); open the file in Excel or LibreOffice, "
                         "save it and import it again"), rs->book->source, where, formula);
          return FALSE;
        }
    }
  else if (strcmp (type, "s") == 0)
    {
      char *end = NULL;
      guint64 i = g_ascii_strtoull (value, &end, 10);

      if (end == value || *end != '\0' || i >= rs->book->strings->len)
        {
          g_autofree char *where = cell_name (rs, row, col);

          g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_CELL,
                       _("%s: %s: the cell refers to shared string “%s”, which the file does not have"),
                       rs->book->source, where, value);
          return FALSE;
        }
      c.type = CS_XLSX_CELL_STRING;
      c.text = rs->book->strings->pdata[i];
    }
  else if (strcmp (type, "str") == 0)
    {
      c.type = CS_XLSX_CELL_STRING;
      c.text = keep (rs, value);
    }
  else if (strcmp (type, "b") == 0)
    {
      c.type = CS_XLSX_CELL_BOOLEAN;
      c.number = strcmp (value, "1") == 0 || g_ascii_strcasecmp (value, "true") == 0;
      c.text = c.number ? "TRUE" : "FALSE";
    }
  else if (strcmp (type, "e") == 0)
    {
      c.type = CS_XLSX_CELL_ERROR;
      c.text = keep (rs, value);
    }
  else if (strcmp (type, "d") == 0)
    {
      /* ISO 8601 written by a few programs: keep the date, and the time when there is one */
      g_autofree char *v = g_strdup (value);
      char *t = strchr (v, 'T');

      if (t != NULL && (strncmp (t, "T00:00:00", 9) == 0) && (t[9] == '\0' || t[9] == 'Z' || t[9] == '.'))
        *t = '\0';
      c.type = CS_XLSX_CELL_DATE;
      c.text = own (rs, g_steal_pointer (&v));
    }
  else if (strcmp (type, "n") == 0)
    {
      if (!parse_double (value, &c.number))
        {
          g_autofree char *where = cell_name (rs, row, col);

          g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_CELL,
                       _("%s: %s: the number “%s” cannot be read"), rs->book->source, where, value);
          return FALSE;
        }
      if (style < rs->book->date_xf->len && g_array_index (rs->book->date_xf, gboolean, style))
        {
          char *text = cs_xlsx_serial_to_text (c.number, rs->book->date1904);

          if (text != NULL)
            {
              c.type = CS_XLSX_CELL_DATE;
              c.text = own (rs, text);
            }
          else
            {
              c.type = CS_XLSX_CELL_ERROR;
              c.text = own (rs, g_strdup_printf (_("%s is not a date"), value));
            }
        }
      else
        {
          c.type = CS_XLSX_CELL_NUMBER;
          if (number_is_canonical (value))
            c.text = keep (rs, value);   /* most cells: Excel wrote the shortest form already */
          else
            {
              g_string_truncate (rs->scratch, 0);
              cs_json_append_number (rs->scratch, c.number);
              c.text = keep (rs, rs->scratch->str);
            }
        }
    }
  else
    {
      g_autofree char *where = cell_name (rs, row, col);

      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_CELL,
                   _("%s: %s: unknown cell type “%s”"), rs->book->source, where, type);
      return FALSE;
    }

  if (c.type == CS_XLSX_CELL_EMPTY || (c.type == CS_XLSX_CELL_STRING && *c.text == '\0'))
    return TRUE;
  if (col >= rs->cells->len)
    {
      guint old = rs->cells->len;

      g_array_set_size (rs->cells, col + 1);
      for (guint i = old; i < col; i++)
        g_array_index (rs->cells, CsXlsxCell, i) = (CsXlsxCell) { CS_XLSX_CELL_EMPTY, "", 0 };
    }
  g_array_index (rs->cells, CsXlsxCell, col) = c;
  rs->n_used = MAX (rs->n_used, col + 1);
  return TRUE;
}

static void
clear_row (RowState *rs)
{
  for (guint i = 0; i < rs->n_used; i++)
    g_array_index (rs->cells, CsXlsxCell, i) = (CsXlsxCell) { CS_XLSX_CELL_EMPTY, "", 0 };
  rs->n_used = 0;
  g_string_chunk_clear (rs->chunk);
}

static Sheet *
find_sheet (CsXlsxBook *book,
            const char *name,
            GError    **error)
{
  Sheet *found = NULL;
  guint n_fold = 0;
  g_autoptr(GString) names = NULL;

  if (name == NULL)
    name = cs_xlsx_book_first_sheet (book);
  for (guint i = 0; i < book->sheets->len; i++)
    {
      Sheet *s = book->sheets->pdata[i];

      if (strcmp (s->name, name) == 0)
        return s;
    }
  for (guint i = 0; i < book->sheets->len; i++)
    {
      Sheet *s = book->sheets->pdata[i];
      g_autofree char *a = g_utf8_casefold (s->name, -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (strcmp (a, b) == 0)
        {
          found = s;
          n_fold++;
        }
    }
  if (n_fold == 1)
    return found;
  names = g_string_new (NULL);
  for (guint i = 0; i < book->sheets->len; i++)
    g_string_append_printf (names, "%s“%s”", i ? ", " : "", ((Sheet *) book->sheets->pdata[i])->name);
  g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_NO_SHEET,
               _("%s: no sheet named “%s” (the sheets are: %s)"), book->source, name, names->str);
  return NULL;
}

/* ---- a sheet, with libxml2's SAX2 push parser ------------------------------------------------
 *
 * A sheet is most of a workbook: its nodes go to these callbacks as the parser meets them, with
 * no tree built and freed for each (what xmlTextReader does, and most of its cost). A <row>
 * starts a row, a <c> in it a cell, the text of a <v>, <f> or <is> (of its <t> elements only,
 * <rPh> phonetic guides left out, _xHHHH_ escapes decoded) inside the cell is its value, formula
 * or inline string, and the first error (the part's XML, a bad cell, the callback's) ends the
 * read. The shared strings part is read the same way: the text of each <si> as <is>'s. */

typedef struct
{
  CsXlsxBook       *book;
  const char       *part_name;
  RowState         *rs;
  xmlParserCtxtPtr  ctxt;
  CsXlsxRowFunc     func;
  gpointer          user_data;
  GError           *error;        /* the first error; the parser is stopped */
  gboolean          stopped;      /* the callback asked to stop */
  char             *xml_error;    /* the first error libxml2 reported */
  int               xml_line;

  int               depth;        /* of the element open now */
  gboolean          in_row;
  guint             row, col;
  gboolean          in_cell;
  int               cell_depth;
  char              type[16];
  guint             style;
  gboolean          has_value, has_inline, has_formula;
  GString          *capture;      /* the <v>, <f> or <is> being read, or NULL */
  int               capture_depth;
  gboolean          t_only;
  int               t_depth, skip_depth;
  GString          *pending;      /* text met since the last tag, decoded at the next one */
  guint             n_merges;
  char             *first_merge;
  GString          *shared;       /* reading the shared strings: the <si> being read; else NULL */
} SheetSax;

static void
sax_fail (SheetSax *sx,
          GError   *error)
{
  if (sx->error == NULL)
    sx->error = error;
  else
    g_error_free (error);
  xmlStopParser (sx->ctxt);
}

static void
sax_flush_text (SheetSax *sx)
{
  if (sx->pending->len == 0)
    return;
  append_ooxml_text (sx->capture, sx->pending->str);
  g_string_truncate (sx->pending, 0);
}

/* The value of the attribute @local (no prefix) of a start tag, in @buf; NULL when absent. */
static const char *
sax_attribute (const xmlChar **attributes,
               int             n_attributes,
               const char     *local,
               GString        *buf)
{
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;

      if (a[1] == NULL && strcmp ((const char *) a[0], local) == 0)
        {
          g_string_truncate (buf, 0);
          g_string_append_len (buf, (const char *) a[3], a[4] - a[3]);
          return buf->str;
        }
    }
  return NULL;
}

static void
sax_start_cell (SheetSax       *sx,
                const xmlChar **attributes,
                int             n_attributes)
{
  RowState *rs = sx->rs;
  int ref_col = -2;   /* -2: no r attribute */

  sx->type[0] = '\0';
  sx->style = 0;
  sx->has_value = sx->has_inline = sx->has_formula = FALSE;
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      const char *n = (const char *) a[0];
      const char *v;

      if (n == NULL || n[0] == '\0' || n[1] != '\0')
        continue;
      if (n[0] != 'r' && n[0] != 't' && n[0] != 's')
        continue;
      g_string_truncate (rs->scratch, 0);
      g_string_append_len (rs->scratch, (const char *) a[3], a[4] - a[3]);
      v = rs->scratch->str;
      if (n[0] == 'r')
        {
          if ((ref_col = column_of_ref (v)) < 0)
            {
              sax_fail (sx, g_error_new (CS_XLSX_ERROR, CS_XLSX_ERROR_CELL,
                                         _("%s: %s: row %u has a cell with the bad reference “%s”"),
                                         rs->book->source, rs->sheet, sx->row, v));
              return;
            }
        }
      else if (n[0] == 't')
        g_strlcpy (sx->type, v, sizeof sx->type);
      else
        sx->style = (guint) strtoul (v, NULL, 10);
    }
  if (ref_col >= 0)
    sx->col = ref_col;
  else if (sx->col >= MAX_COLUMNS)
    {
      sax_fail (sx, g_error_new (CS_XLSX_ERROR, CS_XLSX_ERROR_CELL,
                                 _("%s: %s: row %u has more than %u cells"), rs->book->source,
                                 rs->sheet, sx->row, MAX_COLUMNS));
      return;
    }
  sx->in_cell = TRUE;
  sx->cell_depth = sx->depth;
}

static void
sax_start (void           *data,
           const xmlChar  *localname,
           const xmlChar  *prefix,
           const xmlChar  *uri,
           int             n_namespaces,
           const xmlChar **namespaces,
           int             n_attributes,
           int             n_defaulted,
           const xmlChar **attributes)
{
  SheetSax *sx = data;
  const char *name = (const char *) localname;

  if (sx->error != NULL || sx->stopped)
    return;
  sx->depth++;
  if (sx->capture != NULL)
    {
      sax_flush_text (sx);
      if (sx->skip_depth < 0 && strcmp (name, "rPh") == 0)
        sx->skip_depth = sx->depth;
      else if (sx->t_depth < 0 && strcmp (name, "t") == 0)
        sx->t_depth = sx->depth;
      return;
    }
  if (sx->shared != NULL)
    {
      /* a string item: the text of its <t> elements (rich-text runs joined, <rPh> left out) */
      if (strcmp (name, "si") == 0)
        {
          sx->capture = sx->shared;
          sx->t_only = TRUE;
          g_string_truncate (sx->capture, 0);
          sx->capture_depth = sx->depth;
          sx->t_depth = sx->skip_depth = -1;
        }
      return;
    }
  if (sx->in_cell)
    {
      RowState *rs = sx->rs;

      if (strcmp (name, "v") == 0)
        sx->capture = rs->value, sx->t_only = FALSE, sx->has_value = TRUE;
      else if (strcmp (name, "f") == 0)
        sx->capture = rs->formula, sx->t_only = FALSE, sx->has_formula = TRUE;
      else if (strcmp (name, "is") == 0)
        sx->capture = rs->inline_text, sx->t_only = TRUE, sx->has_inline = TRUE;
      if (sx->capture != NULL)
        {
          g_string_truncate (sx->capture, 0);
          sx->capture_depth = sx->depth;
          sx->t_depth = sx->skip_depth = -1;
        }
      return;
    }
  if (strcmp (name, "row") == 0)
    {
      const char *r = sax_attribute (attributes, n_attributes, "r", sx->rs->scratch);
      guint64 n = r ? g_ascii_strtoull (r, NULL, 10) : 0;

      sx->row = n > 0 && n <= G_MAXUINT ? (guint) n : sx->row + 1;
      sx->col = 0;
      sx->in_row = TRUE;
      clear_row (sx->rs);
    }
  else if (sx->in_row && strcmp (name, "c") == 0)
    sax_start_cell (sx, attributes, n_attributes);
  else if (strcmp (name, "mergeCell") == 0 && sx->n_merges++ == 0)
    {
      const char *ref = sax_attribute (attributes, n_attributes, "ref", sx->rs->scratch);

      sx->first_merge = g_strdup (ref);
    }
}

static void
sax_end (void          *data,
         const xmlChar *localname,
         const xmlChar *prefix,
         const xmlChar *uri)
{
  SheetSax *sx = data;
  const char *name = (const char *) localname;
  int depth = sx->depth--;

  if (sx->error != NULL || sx->stopped)
    return;
  if (sx->capture != NULL)
    {
      sax_flush_text (sx);
      if (depth == sx->capture_depth && sx->shared != NULL)
        g_ptr_array_add (sx->book->strings, g_strndup (sx->shared->str, sx->shared->len));
      if (depth == sx->capture_depth)
        sx->capture = NULL;
      else if (depth == sx->skip_depth)
        sx->skip_depth = -1;
      else if (depth == sx->t_depth)
        sx->t_depth = -1;
      return;
    }
  if (sx->shared != NULL)
    return;
  if (sx->in_cell)
    {
      RowState *rs = sx->rs;
      GError *local = NULL;

      if (depth != sx->cell_depth)
        return;
      sx->in_cell = FALSE;
      if (!finish_cell (rs, sx->row, sx->col, sx->type[0] ? sx->type : NULL, sx->style,
                        sx->has_value, sx->has_value ? rs->value->str : NULL, sx->has_inline,
                        sx->has_inline ? rs->inline_text->str : NULL,
                        sx->has_formula ? rs->formula->str : NULL, &local))
        {
          sax_fail (sx, local);
          return;
        }
      sx->col++;
      return;
    }
  if (sx->in_row && strcmp (name, "row") == 0)
    {
      RowState *rs = sx->rs;

      sx->in_row = FALSE;
      if (rs->n_used > 0)
        {
          GError *stop = NULL;

          if (!sx->func (sx->row, (const CsXlsxCell *) rs->cells->data, rs->n_used, sx->user_data,
                         &stop))
            {
              if (stop != NULL)
                sax_fail (sx, stop);
              else
                {
                  sx->stopped = TRUE;
                  xmlStopParser (sx->ctxt);
                }
            }
        }
    }
}

static void
sax_text (void          *data,
          const xmlChar *text,
          int            len)
{
  SheetSax *sx = data;

  if (sx->capture != NULL && sx->error == NULL && !sx->stopped && sx->skip_depth < 0
      && (!sx->t_only || sx->t_depth >= 0))
    g_string_append_len (sx->pending, (const char *) text, len);
}

/* A document type declaration: no spreadsheet part has one (and we resolve no entity). */
static void
sax_doctype (void          *data,
             const xmlChar *name,
             const xmlChar *external_id,
             const xmlChar *system_id)
{
  SheetSax *sx = data;

  sax_fail (sx, g_error_new (CS_XLSX_ERROR, CS_XLSX_ERROR_XML,
                             _("%s: the part %s has a document type declaration, which no "
                               "spreadsheet part has"), sx->book->source, sx->part_name));
}

static void
sax_xml_error (void        *data,
               xmlErrorPtr  e)
{
  SheetSax *sx = data;

  if (e == NULL || e->level < XML_ERR_ERROR || sx->xml_error != NULL)
    return;
  sx->xml_error = g_strchomp (g_strdup (e->message ? e->message : ""));
  sx->xml_line = e->line;
}

#define SHEET_CHUNK 65536

/* Parses the sheet part @in into rows for @func; FALSE with @error, or TRUE (also when @func
 * stopped the read). */
static gboolean
read_sheet_xml (SheetSax  *sx,
                GsfInput  *in,
                GError   **error)
{
  xmlSAXHandler sax = { 0 };
  gboolean damaged = FALSE;
  gboolean done = FALSE;

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sax_start;
  sax.endElementNs = sax_end;
  sax.characters = sax_text;
  sax.cdataBlock = sax_text;
  sax.ignorableWhitespace = sax_text;
  sax.internalSubset = sax_doctype;
  sax.serror = sax_xml_error;

  sx->pending = g_string_new (NULL);
  sx->ctxt = xmlCreatePushParserCtxt (&sax, sx, NULL, 0, sx->part_name);
  if (sx->ctxt == NULL)
    {
      g_string_free (sx->pending, TRUE);
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_XML,
                   _("%s: the part %s is not well-formed XML (line %d: %s)"), sx->book->source,
                   sx->part_name, 0, _("unreadable"));
      return FALSE;
    }
  /* No network, no entity substitution: a spreadsheet part has no DTD and we refuse any. */
  xmlCtxtUseOptions (sx->ctxt, XML_PARSE_NONET | XML_PARSE_COMPACT);
  while (!done && sx->error == NULL && !sx->stopped)
    {
      gsf_off_t left = gsf_input_remaining (in);
      gsize n = (gsize) MIN ((gsf_off_t) SHEET_CHUNK, left);
      const guint8 *chunk = NULL;

      if (n > 0 && (chunk = gsf_input_read (in, n, NULL)) == NULL)
        {
          damaged = TRUE;
          break;
        }
      done = n == 0;
      xmlParseChunk (sx->ctxt, (const char *) chunk, (int) n, done);
      if (!sx->ctxt->wellFormed && sx->error == NULL && !sx->stopped)
        break;
    }
  g_string_free (sx->pending, TRUE);
  sx->pending = NULL;
  if (sx->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sx->error));
      return FALSE;
    }
  if (sx->stopped)
    return TRUE;
  if (damaged)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_DAMAGED,
                   _("%s: the part %s is damaged: its compressed data cannot be read"),
                   sx->book->source, sx->part_name);
      return FALSE;
    }
  if (!sx->ctxt->wellFormed)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_XML,
                   _("%s: the part %s is not well-formed XML (line %d: %s)"),
                   sx->book->source, sx->part_name, sx->xml_line,
                   sx->xml_error ? sx->xml_error : _("unreadable"));
      return FALSE;
    }
  return TRUE;
}

/* What reading one part left in @sx: the parser, its first error, the first merged range, the
 * shared string being read. */
static void
sheet_sax_clear (SheetSax *sx)
{
  g_clear_pointer (&sx->ctxt, xmlFreeParserCtxt);
  g_clear_pointer (&sx->xml_error, g_free);
  g_clear_pointer (&sx->first_merge, g_free);
  if (sx->shared != NULL)
    g_string_free (g_steal_pointer (&sx->shared), TRUE);
}

static gboolean
read_shared_strings_xml (CsXlsxBook  *book,
                         GsfInput    *in,
                         const char  *part_name,
                         GError     **error)
{
  SheetSax sx = { 0 };
  gboolean ok;

  sx.book = book;
  sx.part_name = part_name;
  sx.shared = g_string_new (NULL);
  sx.t_depth = sx.skip_depth = -1;
  ok = read_sheet_xml (&sx, in, error);
  sheet_sax_clear (&sx);
  return ok;
}

gboolean
cs_xlsx_book_read_sheet (CsXlsxBook    *book,
                         const char    *sheet_name,
                         CsXlsxRowFunc  func,
                         gpointer       user_data,
                         GError       **error)
{
  const Rel *rel;
  GsfInput *in;
  Sheet *sheet;
  RowState rs = { 0 };
  SheetSax sx = { 0 };
  gboolean ok;

  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if ((sheet = find_sheet (book, sheet_name, error)) == NULL)
    return FALSE;
  rel = rel_by_id (book->workbook_rels, sheet->rel_id);
  in = rel ? open_part (book, rel->target) : NULL;
  if (in == NULL)
    {
      g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_MISSING,
                   _("%s: the sheet “%s” is missing from the file (relationship %s: %s)"),
                   book->source, sheet->name, sheet->rel_id, rel ? rel->target : _("not listed"));
      return FALSE;
    }

  rs.book = book;
  rs.sheet = sheet->name;
  rs.cells = g_array_new (FALSE, TRUE, sizeof (CsXlsxCell));
  rs.chunk = g_string_chunk_new (4096);
  rs.scratch = g_string_new (NULL);
  rs.value = g_string_new (NULL);
  rs.inline_text = g_string_new (NULL);
  rs.formula = g_string_new (NULL);
  sx.book = book;
  sx.part_name = rel->target;
  sx.rs = &rs;
  sx.func = func;
  sx.user_data = user_data;
  sx.t_depth = sx.skip_depth = -1;

  ok = read_sheet_xml (&sx, in, error);
  if (ok && !sx.stopped && sx.n_merges > 0)
    {
      const char *first_merge = sx.first_merge;

      if (sx.n_merges == 1)
        g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_MERGED,
                     _("%s: %s: the cells %s are merged; unmerge them (fill in every cell) and "
                       "import again"), book->source, sheet->name, first_merge ? first_merge : "?");
      else
        g_set_error (error, CS_XLSX_ERROR, CS_XLSX_ERROR_MERGED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s: %s: the cells %s and %u more range are merged; unmerge them "
                                  "(fill in every cell) and import again",
                                  "%s: %s: the cells %s and %u more ranges are merged; unmerge them "
                                  "(fill in every cell) and import again", sx.n_merges - 1),
                     book->source, sheet->name, first_merge ? first_merge : "?", sx.n_merges - 1);
      ok = FALSE;
    }
  sheet_sax_clear (&sx);
  g_object_unref (in);
  g_array_unref (rs.cells);
  g_string_chunk_free (rs.chunk);
  g_string_free (rs.scratch, TRUE);
  g_string_free (rs.value, TRUE);
  g_string_free (rs.inline_text, TRUE);
  g_string_free (rs.formula, TRUE);
  return ok;
}
