/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-json.c: the JSON interchange format, driven by the model's field tables */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "cs-json.h"

G_DEFINE_QUARK (cs-json-error-quark, cs_json_error)

/* ---- reading -------------------------------------------------------------- */

/* A pull parser that reads straight into the model's records, guided by their field tables:
 * no intermediate tree, so a 100,000-item manifest costs only the model's own memory, and every
 * error can name both the line:column and the JSON path. */

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  const char *source;
  GString    *path;    /* JSON path of the value being read */
  GError    **error;
} Parser;

static gboolean parse_record (Parser *ps, CsRecord *rec);

static void
position (Parser     *ps,
          const char *at,
          guint      *line,
          guint      *col)
{
  *line = 1;
  *col = 1;
  for (const char *q = ps->start; q < at && q < ps->end; q++)
    {
      if (*q == '\n')
        (*line)++, *col = 1;
      else if ((*q & 0xC0) != 0x80)
        (*col)++;
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Parser     *ps,
      CsJsonError code,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;
  guint line, col;

  if (ps->error == NULL || *ps->error != NULL)
    return FALSE;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  position (ps, ps->p, &line, &col);
  if (code == CS_JSON_ERROR_SYNTAX)
    g_set_error (ps->error, CS_JSON_ERROR, code, "%s:%u:%u: %s",
                 ps->source ? ps->source : "<json>", line, col, what);
  else
    g_set_error (ps->error, CS_JSON_ERROR, code, "%s:%u:%u: %s: %s",
                 ps->source ? ps->source : "<json>", line, col,
                 ps->path->len ? ps->path->str : _("top level"), what);
  return FALSE;
}

/* Error messages quote at most this many bytes of a value or key: a 10 MB bad key must not
 * become 20 MB of error output. */
#define QUOTE_MAX 200

/* @s (valid UTF-8), cut after at most QUOTE_MAX bytes at a character boundary, with "…". */
static char *
quote_cut (const char *s)
{
  const char *cut;

  if (strlen (s) <= QUOTE_MAX)
    return g_strdup (s);
  for (cut = s + QUOTE_MAX; cut > s && (*cut & 0xC0) == 0x80; cut--)
    ;
  return g_strdup_printf ("%.*s…", (int) (cut - s), s);
}

/* The whole character at the parser's position, for "found “X”" (its first byte alone would
 * make the message invalid UTF-8). */
static char *
char_at (Parser *ps)
{
  gunichar c = g_utf8_get_char_validated (ps->p, ps->end - ps->p);
  char buf[8] = { 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("\\x%02X", (guchar) *ps->p);
  g_unichar_to_utf8 (c, buf);
  return g_strdup (buf);
}

static inline void
skip_ws (Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
    ps->p++;
}

static inline int
peek (Parser *ps)
{
  skip_ws (ps);
  return ps->p < ps->end ? (guchar) *ps->p : -1;
}

static gboolean
expect (Parser *ps,
        char    c)
{
  g_autofree char *found = NULL;
  int got = peek (ps);

  if (got == c)
    {
      ps->p++;
      return TRUE;
    }
  if (got < 0)
    return fail (ps, CS_JSON_ERROR_SYNTAX, _("unexpected end of file, expected “%c”"), c);
  found = char_at (ps);
  return fail (ps, CS_JSON_ERROR_SYNTAX, _("expected “%c”, found “%s”"), c, found);
}

static const char *
kind_at (Parser *ps)
{
  switch (peek (ps))
    {
    case '{':
      return _("an object");
    case '[':
      return _("a list");
    case '"':
      return _("a string");
    case 't':
    case 'f':
      return _("true or false");
    case 'n':
      return "null";
    case -1:
      return _("the end of the file");
    default:
      return _("a number");
    }
}

static gboolean
wrong_type (Parser     *ps,
            const char *expected)
{
  int c = peek (ps);

  if (c == -1)
    return fail (ps, CS_JSON_ERROR_SYNTAX, _("unexpected end of file, expected %s"), expected);
  if (!(c == '{' || c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-' || g_ascii_isdigit (c)))
    {
      g_autofree char *found = char_at (ps);
      return fail (ps, CS_JSON_ERROR_SYNTAX, _("expected %s, found “%s”"), expected, found);
    }
  /* TRANSLATORS: "expected a number, found a string" */
  return fail (ps, CS_JSON_ERROR_TYPE, _("expected %s, found %s"), expected, kind_at (ps));
}

static gboolean
literal (Parser     *ps,
         const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (ps->end - ps->p) >= n && memcmp (ps->p, word, n) == 0)
    {
      ps->p += n;
      return TRUE;
    }
  return fail (ps, CS_JSON_ERROR_SYNTAX, _("unexpected text"));
}

static int
hex4 (const char *q)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (q[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* At a '"': returns the unescaped string (newly allocated) or NULL with an error. */
static char *
parse_string (Parser *ps)
{
  const char *q;
  GString *out;

  if (!expect (ps, '"'))
    return NULL;

  /* Fast path: no escapes. */
  for (q = ps->p; q < ps->end && *q != '"' && *q != '\\' && (guchar) *q >= 0x20; q++)
    ;
  if (q < ps->end && *q == '"')
    {
      char *s = g_strndup (ps->p, q - ps->p);
      ps->p = q + 1;
      return s;
    }

  out = g_string_new_len (ps->p, q - ps->p);
  ps->p = q;
  while (ps->p < ps->end && *ps->p != '"')
    {
      guchar c = (guchar) *ps->p;

      if (c < 0x20)
        {
          g_string_free (out, TRUE);
          fail (ps, CS_JSON_ERROR_SYNTAX, _("control character in a string"));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, (char) c);
          ps->p++;
          continue;
        }
      if (ps->end - ps->p < 2)
        break;
      ps->p++;
      switch (*ps->p)
        {
        case '"': g_string_append_c (out, '"'); ps->p++; break;
        case '\\': g_string_append_c (out, '\\'); ps->p++; break;
        case '/': g_string_append_c (out, '/'); ps->p++; break;
        case 'b': g_string_append_c (out, '\b'); ps->p++; break;
        case 'f': g_string_append_c (out, '\f'); ps->p++; break;
        case 'n': g_string_append_c (out, '\n'); ps->p++; break;
        case 'r': g_string_append_c (out, '\r'); ps->p++; break;
        case 't': g_string_append_c (out, '\t'); ps->p++; break;
        case 'u':
          {
            int u = ps->end - ps->p >= 5 ? hex4 (ps->p + 1) : -1;
            gunichar ch;

            if (u < 0)
              goto bad_escape;
            ps->p += 5;
            ch = (gunichar) u;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                int lo = ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u' ? hex4 (ps->p + 2) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                  goto bad_escape;
                ps->p += 6;
                ch = 0x10000 + (((gunichar) u - 0xD800) << 10) + ((gunichar) lo - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              goto bad_escape;
            if (ch == 0)
              goto bad_escape;
            g_string_append_unichar (out, ch);
          }
          break;
        default:
          goto bad_escape;
        }
    }
  if (ps->p >= ps->end)
    {
      g_string_free (out, TRUE);
      fail (ps, CS_JSON_ERROR_SYNTAX, _("unexpected end of file inside a string"));
      return NULL;
    }
  ps->p++;  /* closing quote */
  return g_string_free (out, FALSE);

bad_escape:
  g_string_free (out, TRUE);
  fail (ps, CS_JSON_ERROR_SYNTAX, _("invalid escape in a string"));
  return NULL;
}

static gboolean
parse_number (Parser *ps,
              double *out)
{
  const char *q = ps->p;
  char buf[64];
  char *endp;
  gsize n;

  if (q < ps->end && *q == '-')
    q++;
  if (q >= ps->end || !g_ascii_isdigit (*q))
    return fail (ps, CS_JSON_ERROR_SYNTAX, _("invalid number"));
  while (q < ps->end && (g_ascii_isdigit (*q) || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-'))
    q++;
  n = q - ps->p;
  if (n >= sizeof buf)
    return fail (ps, CS_JSON_ERROR_VALUE, _("the number is too long"));
  memcpy (buf, ps->p, n);
  buf[n] = '\0';
  *out = g_ascii_strtod (buf, &endp);
  if (endp != buf + n)
    return fail (ps, CS_JSON_ERROR_SYNTAX, _("invalid number"));
  if (!isfinite (*out))
    return fail (ps, CS_JSON_ERROR_VALUE, _("the number is out of range"));
  ps->p = q;
  return TRUE;
}

static gboolean
valid_date (const char *s)
{
  guint y, m, d;
  char tail;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)   /* sscanf alone takes " 202" or "-001" for a year */
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  if (sscanf (s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (d, m, y);
}

static gboolean
valid_datetime (const char *s)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (valid_date (s))
    return TRUE;
  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (s, utc);
  return dt != NULL;
}

/* Iterates over a JSON array: call with *first = TRUE; returns TRUE while there is an element
 * (the parser then stands at it), FALSE at the end or on error (check *ps->error). */
static gboolean
array_next (Parser   *ps,
            gboolean *first)
{
  int c;

  if (*first)
    {
      *first = FALSE;
      if (!expect (ps, '['))
        return FALSE;
      if (peek (ps) == ']')
        {
          ps->p++;
          return FALSE;
        }
      return TRUE;
    }
  c = peek (ps);
  if (c == ',')
    {
      ps->p++;
      return TRUE;
    }
  if (c == ']')
    {
      ps->p++;
      return FALSE;
    }
  fail (ps, CS_JSON_ERROR_SYNTAX, c < 0 ? _("unexpected end of file, expected “]”") :
                                          _("expected “,” or “]”"));
  return FALSE;
}

#define FAILED(ps) ((ps)->error != NULL && *(ps)->error != NULL)

static gboolean
parse_field (Parser        *ps,
             CsRecord      *rec,
             const CsField *f)
{
  int c = peek (ps);

  if (c == 'n')
    return literal (ps, "null");   /* null = absent */

  switch (f->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      {
        const char *at = ps->p;
        char *s;

        if (c != '"')
          return wrong_type (ps, _("a string"));
        if ((s = parse_string (ps)) == NULL)
          return FALSE;
        if ((f->kind == CS_FIELD_ENUM && !cs_field_enum_allows (f, s)) ||
            (f->kind == CS_FIELD_DATE && !valid_date (s)) ||
            (f->kind == CS_FIELD_DATETIME && !valid_datetime (s)))
          {
            g_autofree char *value = s;
            g_autofree char *bad = quote_cut (value);
            ps->p = at;
            if (f->kind == CS_FIELD_ENUM)
              {
                g_autofree char *allowed = g_strjoinv (", ", (char **) f->choices);
                return fail (ps, CS_JSON_ERROR_VALUE, _("“%s” is not one of %s"), bad, allowed);
              }
            if (f->kind == CS_FIELD_DATE)
              return fail (ps, CS_JSON_ERROR_VALUE, _("“%s” is not a date of the form YYYY-MM-DD"), bad);
            return fail (ps, CS_JSON_ERROR_VALUE,
                         _("“%s” is not an ISO 8601 date or time (2026-04-06 or 2026-04-06T09:00:00+08:00)"), bad);
          }
        cs_field_take_string (rec, f, s);
      }
      return TRUE;

    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      {
        const char *at = ps->p;
        double v;

        if (c != '-' && !g_ascii_isdigit (c))
          return wrong_type (ps, f->kind == CS_FIELD_INTEGER ? _("a whole number") : _("a number"));
        if (!parse_number (ps, &v))
          return FALSE;
        if (f->kind == CS_FIELD_INTEGER && v != floor (v))
          {
            ps->p = at;
            return fail (ps, CS_JSON_ERROR_VALUE, _("%g is not a whole number"), v);
          }
        cs_field_set_number (rec, f, v);
      }
      return TRUE;

    case CS_FIELD_BOOLEAN:
      if (c == 't')
        {
          if (!literal (ps, "true"))
            return FALSE;
          cs_field_set_boolean (rec, f, TRUE);
          return TRUE;
        }
      if (c == 'f')
        {
          if (!literal (ps, "false"))
            return FALSE;
          cs_field_set_boolean (rec, f, FALSE);
          return TRUE;
        }
      return wrong_type (ps, _("true or false"));

    case CS_FIELD_STRV:
      {
        g_autoptr(GPtrArray) v = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) boxes = NULL;   /* a tagged list's containers, once one is named */
        const CsTaggedList *tagged = cs_tagged_list_find (G_OBJECT_TYPE (rec), f->name, NULL);
        gsize base = ps->path->len;
        gboolean first = TRUE;

        if (c != '[')
          return wrong_type (ps, _("a list"));
        while (array_next (ps, &first))
          {
            char *s;

            g_string_append_printf (ps->path, "[%u]", v->len);
            if (tagged != NULL && peek (ps) == '{')
              {
                /* {"vin": "…", "container": "…"}: the entry with the container it travels in */
                g_autoptr(CsRecord) entry = g_object_new (tagged->entry_type (), NULL);
                CsRecordClass *ek = CS_RECORD_GET_CLASS (entry);
                const char *at = ps->p;
                char *value, *box;

                if (!parse_record (ps, entry))
                  return FALSE;
                value = *(char **) CS_FIELD_SLOT (entry, cs_record_class_find_field (ek, tagged->key));
                box = *(char **) CS_FIELD_SLOT (entry, cs_record_class_find_field (ek, "container"));
                if (value == NULL)
                  {
                    ps->p = at;
                    return fail (ps, CS_JSON_ERROR_VALUE, _("the entry has no “%s”"), tagged->key);
                  }
                if (boxes == NULL)
                  {
                    boxes = g_ptr_array_new_with_free_func (g_free);
                    for (guint k = 0; k < v->len; k++)
                      g_ptr_array_add (boxes, g_strdup (""));
                  }
                g_ptr_array_add (boxes, g_strdup (box != NULL ? box : ""));
                s = g_strdup (value);
              }
            else
              {
                if (peek (ps) != '"')
                  return wrong_type (ps, tagged != NULL ? _("a string or an object") : _("a string"));
                if ((s = parse_string (ps)) == NULL)
                  return FALSE;
                if (boxes != NULL)
                  g_ptr_array_add (boxes, g_strdup (""));
              }
            g_ptr_array_add (v, s);
            g_string_truncate (ps->path, base);
          }
        if (FAILED (ps))
          return FALSE;
        g_ptr_array_add (v, NULL);
        cs_field_take_strv (rec, f, (GStrv) g_ptr_array_free (g_steal_pointer (&v), FALSE));
        if (boxes != NULL)
          cs_field_take_strv (rec, cs_record_find_field (rec, tagged->containers),
                              cs_tagged_containers_take (g_steal_pointer (&boxes)));
      }
      return TRUE;

    case CS_FIELD_INTV:
      {
        g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (gint64));
        gsize base = ps->path->len;
        gboolean first = TRUE;

        if (c != '[')
          return wrong_type (ps, _("a list"));
        while (array_next (ps, &first))
          {
            int e = peek (ps);
            double v;
            gint64 iv;

            g_string_append_printf (ps->path, "[%u]", a->len);
            if (e != '-' && !g_ascii_isdigit (e))
              return wrong_type (ps, _("a whole number"));
            if (!parse_number (ps, &v))
              return FALSE;
            if (v != floor (v))
              return fail (ps, CS_JSON_ERROR_VALUE, _("%g is not a whole number"), v);
            if (fabs (v) > 9007199254740992.0)   /* 2^53: beyond, doubles skip whole numbers */
              return fail (ps, CS_JSON_ERROR_VALUE, _("the number is out of range"));
            iv = (gint64) v;
            g_array_append_val (a, iv);
            g_string_truncate (ps->path, base);
          }
        if (FAILED (ps))
          return FALSE;
        cs_field_take_intv (rec, f, g_steal_pointer (&a));
      }
      return TRUE;

    case CS_FIELD_RECORD:
      {
        g_autoptr(CsRecord) sub = NULL;

        if (c != '{')
          return wrong_type (ps, _("an object"));
        sub = g_object_new (f->type (), NULL);
        if (!parse_record (ps, sub))
          return FALSE;
        cs_field_take_record (rec, f, g_steal_pointer (&sub));
      }
      return TRUE;

    case CS_FIELD_LIST:
      {
        CsList *list = *(CsList **) CS_FIELD_SLOT (rec, f);
        GPtrArray *arr = cs_list_get_array (list);
        gsize base = ps->path->len;
        gboolean first = TRUE;
        GType type = f->type ();

        if (c != '[')
          return wrong_type (ps, _("a list"));
        g_ptr_array_set_size (arr, 0);
        while (array_next (ps, &first))
          {
            g_autoptr(CsRecord) sub = NULL;

            g_string_append_printf (ps->path, "[%u]", arr->len);
            if (peek (ps) != '{')
              return wrong_type (ps, _("an object"));
            sub = g_object_new (type, NULL);
            if (!parse_record (ps, sub))
              return FALSE;
            cs_list_append_silent (list, sub);
            g_string_truncate (ps->path, base);
          }
        return !FAILED (ps);
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_record (Parser   *ps,
              CsRecord *rec)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (rec);
  gsize base = ps->path->len;
  /* Where each field's key was seen in this object: a key given twice is refused (keeping the
   * last one silently dropped the first, e.g. a whole "parties" object). */
  const char **seen = g_newa (const char *, klass->n_fields);
  int c;

  memset (seen, 0, klass->n_fields * sizeof *seen);
  if (peek (ps) != '{')
    return wrong_type (ps, _("an object"));
  ps->p++;
  if (peek (ps) == '}')
    {
      ps->p++;
      return TRUE;
    }

  for (;;)
    {
      const char *key_at;
      g_autofree char *key = NULL;
      const CsField *f;

      if (peek (ps) != '"')
        return fail (ps, CS_JSON_ERROR_SYNTAX, peek (ps) < 0 ? _("unexpected end of file, expected a key") :
                                                                _("expected a key in double quotes"));
      key_at = ps->p;
      if ((key = parse_string (ps)) == NULL)
        return FALSE;
      f = cs_record_class_find_field (klass, key);
      if (f != NULL && f->kind == CS_FIELD_STRV)
        {
          gboolean is_containers = FALSE;

          /* the containers of a tagged list live inside its entries, never as a key */
          if (cs_tagged_list_find (G_OBJECT_TYPE (rec), key, &is_containers) != NULL && is_containers)
            f = NULL;
        }
      if (f == NULL)
        {
          g_autofree char *shown = quote_cut (key);

          if (base > 0)
            g_string_append_c (ps->path, '.');
          g_string_append (ps->path, shown);
          ps->p = key_at;
          return fail (ps, CS_JSON_ERROR_UNKNOWN, _("unknown field “%s”"), shown);
        }
      if (base > 0)
        g_string_append_c (ps->path, '.');
      g_string_append (ps->path, key);
      if (seen[f - klass->fields] != NULL)
        {
          guint line, col;

          position (ps, seen[f - klass->fields], &line, &col);
          ps->p = key_at;
          /* TRANSLATORS: the second %s:%u:%u is FILE:LINE:COLUMN of the first occurrence */
          return fail (ps, CS_JSON_ERROR_DUPLICATE, _("the key “%s” is given twice in one object (first at %s:%u:%u)"),
                       key, ps->source ? ps->source : "<json>", line, col);
        }
      seen[f - klass->fields] = key_at;
      if (!expect (ps, ':'))
        return FALSE;
      if (!parse_field (ps, rec, f))
        return FALSE;
      g_string_truncate (ps->path, base);

      c = peek (ps);
      if (c == ',')
        {
          ps->p++;
          continue;
        }
      if (c == '}')
        {
          ps->p++;
          return TRUE;
        }
      return fail (ps, CS_JSON_ERROR_SYNTAX, c < 0 ? _("unexpected end of file, expected “}”") :
                                                     _("expected “,” or “}”"));
    }
}

static gboolean
check_utf8 (const char  *data,
            gsize        length,
            const char  *source,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1, col = 1;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n')
        line++, col = 1;
      else if ((*p & 0xC0) != 0x80)
        col++;
    }
  g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_ENCODING,
               _("%s:%u:%u: the text is not valid UTF-8 (byte 0x%02X)"),
               source ? source : "<json>", line, col, (guchar) *end);
  return FALSE;
}

CsRecord *
cs_json_record_from_data (const char  *data,
                          gssize       length,
                          GType        type,
                          const char  *source,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GString) p = g_string_new (path);
  g_autoptr(CsRecord) rec = NULL;
  GError *local = NULL;
  gsize len;
  Parser ps;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (type, CS_TYPE_RECORD), NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (!check_utf8 (data, len, source, error))
    return NULL;

  ps = (Parser) { data, data, data + len, source, p, &local };
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    ps.p += 3;   /* a byte-order mark some editors write */
  if (peek (&ps) < 0)
    {
      g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, _("%s: the file is empty"),
                   source ? source : "<json>");
      return NULL;
    }

  rec = g_object_new (type, NULL);
  if (!parse_record (&ps, rec))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (peek (&ps) >= 0)
    {
      fail (&ps, CS_JSON_ERROR_SYNTAX, _("unexpected text after the end"));
      g_propagate_error (error, local);
      return NULL;
    }
  return g_steal_pointer (&rec);
}

CsManifest *
cs_json_load_data (const char  *data,
                   gssize       length,
                   const char  *source,
                   GError     **error)
{
  return CS_MANIFEST (cs_json_record_from_data (data, length, CS_TYPE_MANIFEST, source, "", error));
}

void (*_cs_read_file_test_hook) (const char *path, gpointer data) = NULL;
gpointer _cs_read_file_test_data = NULL;

static gboolean
read_failed (const char  *path,
             int          saved,
             GError     **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Cannot read %s: %s"), path, g_strerror (saved));
  return FALSE;
}

static gboolean
changed_underneath (const char  *path,
                    GError     **error)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
               _("%s changed while it was being read (another program is writing it?); "
                 "try again when it is complete"), path);
  return FALSE;
}

gboolean
cs_read_regular_file (const char  *path,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autofree char *buf = NULL;
  struct stat before, after;
  gsize size, got = 0;
  char extra;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* O_NONBLOCK: opening a pipe with no writer would otherwise wait forever, before the type
   * check below could refuse it. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot open %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &before) != 0)
    {
      int saved = errno;
      close (fd);
      return read_failed (path, saved, error);
    }
  if (S_ISDIR (before.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("%s is a folder, not a file"), path);
      return FALSE;
    }
  if (!S_ISREG (before.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s is not a regular file (a pipe, device or socket); only files can be read"),
                   path);
      return FALSE;
    }
  if ((guint64) before.st_size >= G_MAXSIZE ||
      (buf = g_try_malloc ((gsize) before.st_size + 1)) == NULL)
    {
      g_autofree char *size_text = g_format_size_full ((guint64) before.st_size,
                                                       G_FORMAT_SIZE_LONG_FORMAT);

      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                   _("%s is too large to read (%s)"), path, size_text);
      return FALSE;
    }
  size = (gsize) before.st_size;

  if (_cs_read_file_test_hook != NULL)
    _cs_read_file_test_hook (path, _cs_read_file_test_data);

  /* Exactly the size seen, then one byte more must be the end and the size and time unchanged:
   * anything else means another program was writing the file meanwhile. */
  while (got < size)
    {
      gssize n = read (fd, buf + got, size - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          return read_failed (path, saved, error);
        }
      if (n == 0)
        break;
      got += n;
    }
  if (got < size || read (fd, &extra, 1) != 0 || fstat (fd, &after) != 0 ||
      after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
      after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
    {
      close (fd);
      return changed_underneath (path, error);
    }
  close (fd);

  buf[size] = '\0';
  *contents = g_steal_pointer (&buf);
  if (length != NULL)
    *length = size;
  return TRUE;
}

CsManifest *
cs_json_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!cs_read_regular_file (path, &data, &len, error))
    return NULL;
  if (len == 0)
    {
      g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, _("%s: the file is empty"), path);
      return NULL;
    }
  return cs_json_load_data (data, len, path, error);
}

static void
set_precheck_error (GError     **error,
                    const char  *source,
                    guint        line,
                    guint        col,
                    const char  *what)
{
  if (source != NULL)
    g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, "%s:%u:%u: %s", source, line, col, what);
  else
    g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, "%u:%u: %s", line, col, what);
}

gboolean
cs_json_check_depth (const char  *data,
                     gssize       length,
                     guint        max_depth,
                     const char  *source,
                     GError     **error)
{
  const char *end;
  gboolean in_string = FALSE;
  /* a value has begun at the top level / the top-level list or object has closed */
  gboolean top_begun = FALSE, top_closed = FALSE;
  guint depth = 0, line = 1, col = 1;

  g_return_val_if_fail (data != NULL, FALSE);

  end = data + (length < 0 ? strlen (data) : (gsize) length);
  /* a UTF-8 byte-order mark (Windows Notepad writes one) is no value: json-glib skips it */
  if (end - data >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3;
  for (const char *p = data; p < end; p++)
    {
      char c = *p;
      gboolean blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';

      if (!in_string && depth == 0 && !blank)
        {
          /* json-glib 1.6 takes "{} []" or "1 []" as the first value and silently drops (and
           * leaks) the rest: a file holds one value */
          if (top_closed || (top_begun && (c == '{' || c == '[' || c == '"')))
            {
              g_autofree char *what = g_strdup_printf (_("unexpected text after the end of the "
                                                         "document (“%c”)"),
                                                       g_ascii_isprint (c) ? c : '?');
              set_precheck_error (error, source, line, col, what);
              return FALSE;
            }
          top_begun = TRUE;
        }

      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            p++, col++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            {
              g_autofree char *what = g_strdup_printf (_("lists and objects nest more than %u "
                                                         "levels deep"), max_depth);
              set_precheck_error (error, source, line, col, what);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        {
          if (--depth == 0)
            top_closed = TRUE;
        }

      if (c == '\n')
        line++, col = 1;
      else if ((c & 0xC0) != 0x80)
        col++;
    }
  return TRUE;
}

/* ---- writing -------------------------------------------------------------- */

void
cs_json_append_string (GString    *out,
                       const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

void
cs_json_append_number (GString *out,
                       double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) v);
      return;
    }
  /* The shortest of %.15g / %.17g that reads back to the same double. */
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  g_string_append (out, buf);
}

static void
indent_to (GString *out,
           guint    level)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

void
cs_json_append_value (GString       *out,
                      CsRecord      *rec,
                      const CsField *f,
                      guint          indent)
{
  gpointer s = CS_FIELD_SLOT (rec, f);

  switch (f->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      cs_json_append_string (out, *(const char **) s);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      cs_json_append_number (out, *(double *) s);
      break;
    case CS_FIELD_BOOLEAN:
      g_string_append (out, *(gboolean *) s ? "true" : "false");
      break;
    case CS_FIELD_STRV:
      {
        GStrv v = *(GStrv *) s;
        const CsTaggedList *tagged = cs_tagged_list_find (G_OBJECT_TYPE (rec), f->name, NULL);
        const char * const *boxes = NULL;

        if (tagged != NULL)
          boxes = *(const char * const **) CS_FIELD_SLOT (rec, cs_record_find_field (rec, tagged->containers));
        g_string_append_c (out, '[');
        for (guint j = 0; v[j]; j++)
          {
            const char *box = cs_tagged_container (boxes, j);

            if (j > 0)
              g_string_append (out, ", ");
            if (box == NULL)
              {
                cs_json_append_string (out, v[j]);
                continue;
              }
            g_string_append_c (out, '{');
            cs_json_append_string (out, tagged->key);
            g_string_append (out, ": ");
            cs_json_append_string (out, v[j]);
            g_string_append (out, ", \"container\": ");
            cs_json_append_string (out, box);
            g_string_append_c (out, '}');
          }
        g_string_append_c (out, ']');
      }
      break;
    case CS_FIELD_INTV:
      {
        GArray *a = *(GArray **) s;
        g_string_append_c (out, '[');
        for (guint j = 0; j < a->len; j++)
          g_string_append_printf (out, "%s%" G_GINT64_FORMAT, j ? ", " : "",
                                  g_array_index (a, gint64, j));
        g_string_append_c (out, ']');
      }
      break;
    case CS_FIELD_RECORD:
      cs_json_append_record (out, *(CsRecord **) s, indent);
      break;
    case CS_FIELD_LIST:
      {
        GPtrArray *arr = cs_list_get_array (*(CsList **) s);
        g_string_append_c (out, '[');
        for (guint j = 0; j < arr->len; j++)
          {
            if (j > 0)
              g_string_append_c (out, ',');
            indent_to (out, indent + 1);
            cs_json_append_record (out, arr->pdata[j], indent + 1);
          }
        indent_to (out, indent);
        g_string_append_c (out, ']');
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

void
cs_json_append_record (GString  *out,
                       CsRecord *rec,
                       guint     indent)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (rec);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];

      if (!cs_field_is_set (rec, f))
        continue;
      if (f->kind == CS_FIELD_STRV)
        {
          gboolean is_containers = FALSE;

          /* written inside the tagged list's entries (above) */
          if (cs_tagged_list_find (G_OBJECT_TYPE (rec), f->name, &is_containers) != NULL && is_containers)
            continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      indent_to (out, indent + 1);
      cs_json_append_string (out, f->name);
      g_string_append (out, ": ");

      cs_json_append_value (out, rec, f, indent + 1);
    }
  if (!first)
    indent_to (out, indent);
  g_string_append_c (out, '}');
}

char *
cs_json_dump (CsManifest *manifest,
              gsize      *length)
{
  GString *out;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);

  out = g_string_sized_new (4096 + CS_MANIFEST_N_ITEMS (manifest) * 512);
  cs_json_append_record (out, CS_RECORD (manifest), 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
