/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-edifact-writer.c: directory-driven EDIFACT segment writer (see cs-edifact-writer.h) */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "cs-edifact-writer.h"
#include "cs-export.h"
#include "cs-export-number.h"

#define MAX_ELEMENTS   16
#define MAX_COMPONENTS 12
#define FLUSH_AT       (256 * 1024)

typedef struct
{
  guint32 offset;
  guint32 length;
} Slot;

struct _CsEdiWriter
{
  const CsEdiDirectory  *dir;
  FILE                  *fp;
  char                  *path;
  GString               *out;
  GError                *error;

  /* the segment being built */
  const CsEdiSegmentDef *def;
  int                    el;
  int                    comp;
  guint                  n_comps[MAX_ELEMENTS];
  Slot                   slots[MAX_ELEMENTS][MAX_COMPONENTS];
  GString               *vals;

  guint                  msg_segments;
  GHashTable            *defs;      /* tag (3 bytes as a number) -> CsEdiSegmentDef */
  GString               *context;   /* JSON path prefix for field names in messages */
};

typedef struct
{
  char  cls;       /* 'a', 'n' or 'x' (an) */
  gboolean fixed;
  guint max;
} Format;

static Format
parse_format (const char *f)
{
  Format fmt = { 'x', FALSE, 0 };

  if (f[0] == 'a' && f[1] == 'n')
    f += 2;
  else
    fmt.cls = *f++;
  if (f[0] == '.' && f[1] == '.')
    f += 2;
  else
    fmt.fixed = TRUE;
  for (; *f >= '0' && *f <= '9'; f++)
    fmt.max = fmt.max * 10 + (guint) (*f - '0');
  return fmt;
}

CsEdiWriter *
cs_edi_writer_new (const CsEdiDirectory *directory,
                   const char           *path,
                   GError              **error)
{
  CsEdiWriter *self;
  FILE *fp;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  fp = g_fopen (path, "wb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  self = g_new0 (CsEdiWriter, 1);
  self->dir = directory;
  self->fp = fp;
  self->path = g_strdup (path);
  self->out = g_string_sized_new (FLUSH_AT + 16 * 1024);
  self->vals = g_string_sized_new (1024);
  self->context = g_string_new (NULL);
  self->defs = g_hash_table_new (NULL, NULL);
  self->el = -1;
  return self;
}

static void
flush (CsEdiWriter *self)
{
  if (self->out->len > 0 && self->error == NULL &&
      fwrite (self->out->str, 1, self->out->len, self->fp) != self->out->len)
    {
      int saved = errno;
      g_set_error (&self->error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), self->path, g_strerror (saved));
    }
  g_string_truncate (self->out, 0);
}

gboolean
cs_edi_writer_finish (CsEdiWriter *self,
                      GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  flush (self);
  if (fclose (self->fp) != 0 && self->error == NULL)
    {
      int saved = errno;
      g_set_error (&self->error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), self->path, g_strerror (saved));
    }
  ok = self->error == NULL;
  if (!ok)
    g_propagate_error (error, self->error);
  g_string_free (self->out, TRUE);
  g_string_free (self->vals, TRUE);
  g_string_free (self->context, TRUE);
  g_hash_table_unref (self->defs);
  g_free (self->path);
  g_free (self);
  return ok;
}

gboolean
cs_edi_ok (CsEdiWriter *self)
{
  return self->error == NULL;
}

void
cs_edi_fail (CsEdiWriter *self,
             GError      *error)
{
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

G_GNUC_PRINTF (3, 4)
static void
fail (CsEdiWriter *self,
      gint         code,
      const char  *format,
      ...)
{
  va_list args;
  char *msg;

  if (self->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  self->error = g_error_new_literal (CS_EXPORT_ERROR, code, msg);
  g_free (msg);
}

void
cs_edi_una (CsEdiWriter *self)
{
  if (self->error == NULL)
    g_string_append (self->out, "UNA:+.? '");
}

void
cs_edi_begin (CsEdiWriter *self,
              const char  *tag)
{
  guint key;

  if (self->error != NULL)
    return;
  key = strlen (tag) == 3
        ? ((guint) (guchar) tag[0] << 16) | ((guint) (guchar) tag[1] << 8) | (guchar) tag[2] : 0;
  self->def = key != 0 ? g_hash_table_lookup (self->defs, GUINT_TO_POINTER (key)) : NULL;
  if (self->def == NULL)
    {
      self->def = cs_edi_directory_segment (self->dir, tag);
      if (self->def != NULL && key != 0)
        g_hash_table_insert (self->defs, GUINT_TO_POINTER (key), (gpointer) self->def);
    }
  if (self->def == NULL)
    {
      fail (self, CS_EXPORT_ERROR_INVALID, _("The EDIFACT directory %s has no segment %s"),
            self->dir->label, tag);
      return;
    }
  self->el = -1;
  self->comp = 0;
  g_string_truncate (self->vals, 0);
}

/* ------------------------------------------------------------------ text */

/* Latin-1 form of characters outside Latin-1 that have an obvious one. */
static const char *
transliterate (gunichar c)
{
  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return "-";
    case 0x2026: return "...";
    case 0x2022: case 0x2027: return "*";
    case 0x20AC: return "EUR";
    case 0x2122: return "TM";
    case 0x0110: return "D";      /* Vietnamese Đ, which has no decomposition */
    case 0x0111: return "d";
    case 0x0141: return "L";
    case 0x0142: return "l";
    case 0x0152: return "OE";
    case 0x0153: return "oe";
    case 0x0131: return "i";
    case 0x3001: return ",";      /* ideographic comma and full stop in Latin text */
    case 0x3002: return ".";
    case 0x3000: case 0x202F: case 0x205F:
      return " ";
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
      return "";                  /* zero-width characters */
    default:
      if (c >= 0x2000 && c <= 0x200A)
        return " ";
      return NULL;
    }
}

gboolean
cs_edi_to_latin1 (const char *utf8,
                  GString    *out,
                  gunichar   *bad)
{
  const guchar *p = (const guchar *) utf8;
  /* @out may already hold other values (the writer's buffer of a whole segment): a combining
   * mark only has a base to keep when this value put one there */
  const gsize start = out->len;

  while (*p != '\0')
    {
      gunichar c;
      const char *t;

      if (*p >= 0x20 && *p < 0x7F)
        {
          g_string_append_c (out, (char) *p++);
          continue;
        }
      c = g_utf8_get_char_validated ((const char *) p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          *bad = 0xFFFD;
          return FALSE;
        }
      p = (const guchar *) g_utf8_next_char (p);

      if (c == '\t' || c == '\n' || c == '\r')
        g_string_append_c (out, ' ');
      else if ((c >= 0xA0 && c <= 0xFF))
        g_string_append_c (out, (char) c);
      else if ((t = transliterate (c)) != NULL)
        g_string_append (out, t);
      else if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (out, (char) (c - 0xFEE0));    /* full-width ASCII */
      else if (g_unichar_ismark (c) && out->len > start)
        ;                                                 /* a combining accent: keep the base */
      else
        {
          gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));
          gboolean marks_only = n > 1;

          for (gsize i = 1; i < n; i++)
            marks_only = marks_only && g_unichar_ismark (d[i]);
          if (marks_only && ((d[0] >= 0x20 && d[0] < 0x7F) || (d[0] >= 0xA0 && d[0] <= 0xFF)))
            g_string_append_c (out, (char) d[0]);         /* ả -> a, ư -> u */
          else
            {
              *bad = c;
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ values */

static const char *
element_name (const CsEdiElement *e,
              int                 comp,
              char               *buf,
              gsize               size)
{
  if (e->components == NULL)
    return e->id;
  g_snprintf (buf, size, "%s/%s", e->id, e->components[comp].id);
  return buf;
}

void
cs_edi_context (CsEdiWriter *self,
                const char  *prefix)
{
  g_string_assign (self->context, prefix != NULL ? prefix : "");
}

/* "items[3].description: " from the context and @field, or "" when neither is known. */
static char *
field_prefix (CsEdiWriter *self,
              const char  *field)
{
  if (field == NULL)
    return g_strdup ("");
  if (self->context->len == 0)
    return g_strdup_printf ("%s: ", field);
  if (field[0] == '\0')
    return g_strdup_printf ("%s: ", self->context->str);
  return g_strdup_printf ("%s.%s: ", self->context->str, field);
}

/* The value for a message: @shown, or @latin converted to UTF-8 (kept in @owned). */
static const char *
shown_text (const char  *shown,
            const char  *latin,
            gsize        len,
            char       **owned)
{
  if (shown != NULL)
    return shown;
  if (*owned == NULL)
    *owned = g_convert (latin, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  return *owned;
}

/* Checks @latin (the value as written) against @f; @shown is the value for messages. */
static void
check_format (CsEdiWriter        *self,
              const CsEdiElement *e,
              const char         *format,
              const char         *latin,
              gsize               len,
              const char         *shown,
              const char         *field)
{
  Format f = parse_format (format);
  guint count = (guint) len;
  char name_buf[32];
  const char *name = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *shown_utf8 = NULL;

  if (f.cls == 'n')
    {
      gsize i = 0;
      gboolean dot = FALSE;

      count = 0;
      if (latin[0] == '-')
        i = 1;
      for (; i < len; i++)
        {
          if (g_ascii_isdigit (latin[i]))
            count++;
          else if (latin[i] == '.' && !dot)
            dot = TRUE;
          else
            break;
        }
      if (i < len || count == 0)
        {
          prefix = field_prefix (self, field);
          shown = shown_text (shown, latin, len, &shown_utf8);
          name = element_name (e, self->comp, name_buf, sizeof name_buf);
          fail (self, CS_EXPORT_ERROR_INVALID,
                _("%sthe EDIFACT %s segment %s, data element %s (format %s), cannot hold “%s”: "
                  "it is not a number"),
                prefix, self->dir->label, self->def->tag, name, format, shown);
          return;
        }
    }
  else if (f.cls == 'a')
    {
      for (gsize i = 0; i < len; i++)
        if (!g_ascii_isalpha (latin[i]) && latin[i] != ' ')
          {
            prefix = field_prefix (self, field);
            shown = shown_text (shown, latin, len, &shown_utf8);
            name = element_name (e, self->comp, name_buf, sizeof name_buf);
            fail (self, CS_EXPORT_ERROR_INVALID,
                  _("%sthe EDIFACT %s segment %s, data element %s (format %s), cannot hold “%s”: "
                    "only letters are allowed"),
                  prefix, self->dir->label, self->def->tag, name, format, shown);
            return;
          }
    }

  if (f.fixed && count != f.max)
    {
      prefix = field_prefix (self, field);
      shown = shown_text (shown, latin, len, &shown_utf8);
      name = element_name (e, self->comp, name_buf, sizeof name_buf);
      fail (self, CS_EXPORT_ERROR_INVALID,
            f.cls == 'n'
            ? _("%sthe EDIFACT %s segment %s, data element %s (format %s), cannot hold “%s”: "
                "it needs exactly %u digits")
            : _("%sthe EDIFACT %s segment %s, data element %s (format %s), cannot hold “%s”: "
                "it needs exactly %u characters"),
            prefix, self->dir->label, self->def->tag, name, format, shown, f.max);
    }
  else if (count > f.max)
    {
      prefix = field_prefix (self, field);
      shown = shown_text (shown, latin, len, &shown_utf8);
      name = element_name (e, self->comp, name_buf, sizeof name_buf);
      fail (self, CS_EXPORT_ERROR_INVALID,
            f.cls == 'n'
            ? _("%sthe EDIFACT %s segment %s, data element %s (format %s), cannot hold “%s”: "
                "it has %u digits, at most %u fit")
            : _("%sthe EDIFACT %s segment %s, data element %s (format %s), cannot hold “%s”: "
                "it has %u characters, at most %u fit"),
            prefix, self->dir->label, self->def->tag, name, format, shown, count, f.max);
    }
}

/* Moves to the next place (next element, or next component of this element) and returns the
 * definitions for it; NULL (with the writer failed) when the segment has no such place. */
static const CsEdiElement *
advance (CsEdiWriter *self,
         gboolean     new_element,
         const char **format)
{
  const CsEdiElement *e;

  if (self->def == NULL)
    return NULL;
  if (new_element || self->el < 0)
    {
      self->el++;
      self->comp = 0;
      if (self->el >= (int) self->def->n_elements || self->el >= MAX_ELEMENTS)
        {
          fail (self, CS_EXPORT_ERROR_INVALID,
                _("The EDIFACT %s segment %s has only %u data elements"),
                self->dir->label, self->def->tag, self->def->n_elements);
          return NULL;
        }
      self->n_comps[self->el] = 0;
    }
  else
    self->comp++;

  e = &self->def->elements[self->el];
  if ((e->components == NULL && self->comp > 0) ||
      (e->components != NULL && self->comp >= (int) e->n_components) ||
      self->comp >= MAX_COMPONENTS)
    {
      fail (self, CS_EXPORT_ERROR_INVALID,
            _("The EDIFACT %s segment %s: data element %s has only %u components"),
            self->dir->label, self->def->tag, e->id, e->components ? e->n_components : 1);
      return NULL;
    }
  *format = e->components != NULL ? e->components[self->comp].format : e->format;
  self->n_comps[self->el] = self->comp + 1;
  return e;
}

/* @value is UTF-8 (@latin_len < 0) or @latin_len bytes of ISO 8859-1. */
static void
put (CsEdiWriter *self,
     gboolean     new_element,
     const char  *value,
     gssize       latin_len,
     const char  *field)
{
  const CsEdiElement *e;
  const char *format = NULL;
  Slot *slot;
  gsize start;
  gunichar bad = 0;

  if (self->error != NULL)
    return;
  e = advance (self, new_element, &format);
  if (e == NULL)
    return;

  slot = &self->slots[self->el][self->comp];
  start = self->vals->len;
  slot->offset = (guint32) start;
  slot->length = 0;
  if (value == NULL || latin_len == 0 || (latin_len < 0 && value[0] == '\0'))
    return;

  if (latin_len >= 0)
    g_string_append_len (self->vals, value, latin_len);    /* already ISO 8859-1 */
  else if (!cs_edi_to_latin1 (value, self->vals, &bad))
    {
      char utf8[8] = { 0 };
      g_autofree char *prefix = field_prefix (self, field);
      g_unichar_to_utf8 (bad, utf8);
      fail (self, CS_EXPORT_ERROR_ENCODING,
            _("%s“%s” contains “%s” (U+%04X), which the EDIFACT character set UNOC "
              "(ISO 8859-1) cannot carry"), prefix, value, utf8, bad);
      return;
    }
  slot->length = (guint32) (self->vals->len - start);
  if (slot->length > 0)
    check_format (self, e, format, self->vals->str + start, slot->length,
                  latin_len < 0 ? value : NULL, field);
}

void
cs_edi_el (CsEdiWriter *self,
           const char  *value,
           const char  *field)
{
  put (self, TRUE, value, -1, field);
}

void
cs_edi_comp (CsEdiWriter *self,
             const char  *value,
             const char  *field)
{
  put (self, FALSE, value, -1, field);
}

void
cs_edi_el_latin1 (CsEdiWriter *self,
                  const char  *value,
                  gsize        length,
                  const char  *field)
{
  put (self, TRUE, value, (gssize) length, field);
}

void
cs_edi_comp_latin1 (CsEdiWriter *self,
                    const char  *value,
                    gsize        length,
                    const char  *field)
{
  put (self, FALSE, value, (gssize) length, field);
}

static void
put_num (CsEdiWriter *self,
         gboolean     new_element,
         double       v,
         const char  *field)
{
  char buf[CS_DECIMAL_BUF + 32];
  const CsEdiElement *e;
  const char *format;
  int saved_el = self->el, saved_comp = self->comp;
  Format f;

  if (self->error != NULL)
    return;
  if (!cs_num_is_set (v))
    {
      put (self, new_element, NULL, -1, field);
      return;
    }
  if (isinf (v))
    {
      g_autofree char *prefix = field_prefix (self, field);
      fail (self, CS_EXPORT_ERROR_INVALID, _("%sthe number is infinite"), prefix);
      return;
    }

  /* Look at the place's format first, to pad fixed-length numbers. */
  e = advance (self, new_element, &format);
  if (e == NULL)
    return;
  self->el = saved_el;
  self->comp = saved_comp;

  cs_number_decimal (buf, v);
  f = parse_format (format);
  if (f.cls == 'n' && f.fixed)
    {
      const char *digits = buf[0] == '-' ? buf + 1 : buf;
      guint n = 0;

      for (const char *p = digits; *p; p++)
        n += g_ascii_isdigit (*p) ? 1 : 0;
      if (n < f.max && strlen (buf) + (f.max - n) < sizeof buf)
        {
          gsize at = digits - buf;
          guint pad = f.max - n;
          memmove (buf + at + pad, buf + at, strlen (buf + at) + 1);
          memset (buf + at, '0', pad);
        }
    }
  put (self, new_element, buf, -1, field);
}

void
cs_edi_el_num (CsEdiWriter *self,
               double       value,
               const char  *field)
{
  put_num (self, TRUE, value, field);
}

void
cs_edi_comp_num (CsEdiWriter *self,
                 double       value,
                 const char  *field)
{
  put_num (self, FALSE, value, field);
}

/* ------------------------------------------------------------------ segment output */

/* Separators and the release character in data get the release character before them. */
static void
append_escaped (GString    *out,
                const char *s,
                gsize       len)
{
  gsize run = 0;

  for (gsize i = 0; i < len; i++)
    if (s[i] == '\'' || s[i] == '+' || s[i] == ':' || s[i] == '?')
      {
        g_string_append_len (out, s + run, i - run);
        g_string_append_c (out, '?');
        run = i;
      }
  g_string_append_len (out, s + run, len - run);
}

static gboolean
element_present (CsEdiWriter *self,
                 int          i)
{
  if (i > self->el)
    return FALSE;
  for (guint k = 0; k < self->n_comps[i]; k++)
    if (self->slots[i][k].length > 0)
      return TRUE;
  return FALSE;
}

gboolean
cs_edi_end (CsEdiWriter *self)
{
  const CsEdiSegmentDef *def = self->def;
  int last = -1;

  if (self->error != NULL || def == NULL)
    return FALSE;

  /* Mandatory elements, and mandatory components of the composites that are present. */
  for (guint i = 0; i < def->n_elements; i++)
    {
      const CsEdiElement *e = &def->elements[i];
      gboolean present = element_present (self, (int) i);

      if (present)
        last = (int) i;
      if (!present && e->mandatory)
        {
          fail (self, CS_EXPORT_ERROR_INVALID,
                _("The EDIFACT %s segment %s needs its data element %s"),
                self->dir->label, def->tag, e->id);
          return FALSE;
        }
      if (present && e->components != NULL)
        for (guint k = 0; k < e->n_components; k++)
          if (e->components[k].mandatory &&
              (k >= self->n_comps[i] || self->slots[i][k].length == 0))
            {
              fail (self, CS_EXPORT_ERROR_INVALID,
                    _("The EDIFACT %s segment %s needs component %s of data element %s"),
                    self->dir->label, def->tag, e->components[k].id, e->id);
              return FALSE;
            }
    }

  g_string_append (self->out, def->tag);
  for (int i = 0; i <= last; i++)
    {
      int last_comp = -1;

      g_string_append_c (self->out, '+');
      for (guint k = 0; k < self->n_comps[i] && (int) i <= self->el; k++)
        if (self->slots[i][k].length > 0)
          last_comp = (int) k;
      for (int k = 0; k <= last_comp; k++)
        {
          const Slot *s = &self->slots[i][k];
          if (k > 0)
            g_string_append_c (self->out, ':');
          append_escaped (self->out, self->vals->str + s->offset, s->length);
        }
    }
  g_string_append_c (self->out, '\'');

  if (strcmp (def->tag, "UNH") == 0)
    self->msg_segments = 1;
  else
    self->msg_segments++;
  self->def = NULL;

  if (self->out->len >= FLUSH_AT)
    flush (self);
  return self->error == NULL;
}

guint
cs_edi_message_segments (CsEdiWriter *self)
{
  return self->msg_segments;
}
