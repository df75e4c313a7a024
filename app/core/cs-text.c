/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-text.c: a translatable sentence written out when read */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cs-text-private.h"

/* A message never has more arguments than this (the longest has 6). */
#define MAX_ARGS 12

typedef enum { KIND_INT, KIND_UINT, KIND_DOUBLE, KIND_STRING } Kind;
typedef enum { LEN_NONE, LEN_LONG, LEN_LONG_LONG, LEN_SIZE } Len;

typedef struct
{
  union
  {
    gint64      i;
    guint64     u;
    double      d;
    const char *s;
  } v;
  guint8 kind;
  guint8 len;
  gint16 precision;   /* of "%.*f": the int argument before the value; -1 when not "*" */
} Arg;

struct _CsText
{
  const char *msgid;   /* NULL: a literal, @shown points at the copy after the arguments */
  const char *msgid_plural;   /* NULL when the message has no plural form */
  gulong      n;              /* chooses the plural form */
  char       *shown;   /* formatted on first read; atomic */
  guint       n_args;
  Arg         args[];  /* then the bytes of the copied strings */
};

/* One conversion of a format, "%" already read. */
typedef struct
{
  guint       position;    /* "%2$s" -> 2; 0 when not positional */
  const char *flags;       /* flags, width and precision as written */
  gsize       flags_len;
  gboolean    star;        /* the precision is "*" (the last character of flags) */
  Len         len;
  char        conv;        /* 0: not understood */
} Spec;

static const char *
parse_spec (const char *p,
            Spec       *spec)
{
  const char *digits = p;

  memset (spec, 0, sizeof *spec);
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '$' && p > digits)
    {
      spec->position = (guint) g_ascii_strtoull (digits, NULL, 10);
      p++;
    }
  else
    p = digits;
  spec->flags = p;
  while (*p != '\0' && strchr ("-+ #0'", *p) != NULL)
    p++;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (*p == '*')
        spec->star = TRUE, p++;
      else
        while (g_ascii_isdigit (*p))
          p++;
    }
  spec->flags_len = (gsize) (p - spec->flags);
  if (p[0] == 'l' && p[1] == 'l')
    spec->len = LEN_LONG_LONG, p += 2;
  else if (*p == 'l')
    spec->len = LEN_LONG, p++;
  else if (*p == 'z')
    spec->len = LEN_SIZE, p++;
  if (*p != '\0' && strchr ("diuxXcsfFeEgG%", *p) != NULL)
    spec->conv = *p++;
  return p;
}

static Kind
conv_kind (char conv)
{
  switch (conv)
    {
    case 'd': case 'i': case 'c':
      return KIND_INT;
    case 'u': case 'x': case 'X':
      return KIND_UINT;
    case 's':
      return KIND_STRING;
    default:
      return KIND_DOUBLE;
    }
}

static CsText *capture (const char *msgid,
                        const char *format,
                        va_list     args) G_GNUC_PRINTF (2, 0);

CsText *
cs_text_new (const char *msgid,
             ...)
{
  va_list args;
  CsText *self;

  g_return_val_if_fail (msgid != NULL, NULL);

  va_start (args, msgid);
  self = capture (msgid, msgid, args);
  va_end (args);
  return self;
}

/* Reads the arguments @format asks for into a new text. */
static CsText *
capture (const char *msgid,
         const char *format,
         va_list     args)
{
  Arg captured[MAX_ARGS];
  gsize lens[MAX_ARGS];
  guint n = 0;
  gsize bytes = 0;
  CsText *self;
  char *out;

  for (const char *p = strchr (format, '%'); p != NULL; p = strchr (p, '%'))
    {
      Spec spec;
      Arg *a;

      p = parse_spec (p + 1, &spec);
      if (spec.conv == '%')
        continue;
      /* A message id is C source: sequential conversions the compiler checked (G_GNUC_PRINTF). */
      g_return_val_if_fail (spec.conv != 0 && spec.position == 0 && n < MAX_ARGS, NULL);
      a = &captured[n];
      a->kind = (guint8) conv_kind (spec.conv);
      a->len = (guint8) spec.len;
      a->precision = -1;
      if (spec.star)
        {
          int precision = va_arg (args, int);   /* once: CLAMP reads its argument twice */

          a->precision = (gint16) CLAMP (precision, 0, 64);
        }
      switch ((Kind) a->kind)
        {
        case KIND_INT:
          a->v.i = spec.len == LEN_LONG ? va_arg (args, long)
                 : spec.len == LEN_LONG_LONG ? va_arg (args, long long)
                 : spec.len == LEN_SIZE ? va_arg (args, gssize)
                 : va_arg (args, int);
          break;
        case KIND_UINT:
          a->v.u = spec.len == LEN_LONG ? va_arg (args, unsigned long)
                 : spec.len == LEN_LONG_LONG ? va_arg (args, unsigned long long)
                 : spec.len == LEN_SIZE ? va_arg (args, gsize)
                 : va_arg (args, unsigned int);
          break;
        case KIND_DOUBLE:
          a->v.d = va_arg (args, double);
          break;
        case KIND_STRING:
          a->v.s = va_arg (args, const char *);
          if (a->v.s == NULL)
            a->v.s = "(null)";
          lens[n] = strlen (a->v.s) + 1;
          bytes += lens[n];
          break;
        default:
          g_assert_not_reached ();
        }
      n++;
    }

  self = g_malloc (sizeof (CsText) + n * sizeof (Arg) + bytes);
  self->msgid = msgid;
  self->msgid_plural = NULL;
  self->n = 0;
  self->shown = NULL;
  self->n_args = n;
  out = (char *) &self->args[n];
  for (guint i = 0; i < n; i++)
    {
      self->args[i] = captured[i];
      if (captured[i].kind == KIND_STRING)
        {
          memcpy (out, captured[i].v.s, lens[i]);
          self->args[i].v.s = out;
          out += lens[i];
        }
    }
  return self;
}

CsText *
cs_text_new_plural (const char *msgid,
                    const char *msgid_plural,
                    gulong      n,
                    ...)
{
  va_list args;
  CsText *self;

  g_return_val_if_fail (msgid != NULL && msgid_plural != NULL, NULL);

  va_start (args, n);
  self = capture (msgid, msgid_plural, args);
  va_end (args);
  if (self != NULL)
    {
      self->msgid_plural = msgid_plural;
      self->n = n;
    }
  return self;
}

CsText *
cs_text_new_literal (const char *text)
{
  gsize len = strlen (text ? text : "") + 1;
  CsText *self = g_malloc (sizeof (CsText) + len);

  self->msgid = NULL;
  self->msgid_plural = NULL;
  self->n = 0;
  self->n_args = 0;
  self->shown = (char *) &self->args[0];
  memcpy (self->shown, text ? text : "", len);
  return self;
}

void
cs_text_free (CsText *self)
{
  if (self == NULL)
    return;
  if (self->msgid != NULL)
    g_free (self->shown);
  g_free (self);
}

/* Appends one argument through a format of one conversion built from the translation's flags,
 * width and precision, the message id's length modifier and the translation's conversion. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
append_arg (GString    *out,
            const Spec *spec,
            const Arg  *a)
{
  static const char * const len_mods[] = { "", "l", "ll", "z" };
  char fmt[56];

  char precision[8] = "";

  /* "%.*f": the precision the message id's argument gave, written into the format */
  if (spec->star)
    g_snprintf (precision, sizeof precision, "%d", a->precision);
  g_snprintf (fmt, sizeof fmt, "%%%.*s%s%s%c", (int) MIN (spec->flags_len - (spec->star ? 1 : 0), 32),
              spec->flags, precision,
              spec->conv == 'c' || a->kind == KIND_DOUBLE || a->kind == KIND_STRING ? "" : len_mods[a->len],
              spec->conv);
  switch ((Kind) a->kind)
    {
    case KIND_INT:
      if (spec->conv == 'c')
        g_string_append_printf (out, fmt, (int) a->v.i);
      else if (a->len == LEN_LONG)
        g_string_append_printf (out, fmt, (long) a->v.i);
      else if (a->len == LEN_LONG_LONG)
        g_string_append_printf (out, fmt, (long long) a->v.i);
      else if (a->len == LEN_SIZE)
        g_string_append_printf (out, fmt, (gssize) a->v.i);
      else
        g_string_append_printf (out, fmt, (int) a->v.i);
      break;
    case KIND_UINT:
      if (a->len == LEN_LONG)
        g_string_append_printf (out, fmt, (unsigned long) a->v.u);
      else if (a->len == LEN_LONG_LONG)
        g_string_append_printf (out, fmt, (unsigned long long) a->v.u);
      else if (a->len == LEN_SIZE)
        g_string_append_printf (out, fmt, (gsize) a->v.u);
      else
        g_string_append_printf (out, fmt, (unsigned int) a->v.u);
      break;
    case KIND_DOUBLE:
      g_string_append_printf (out, fmt, a->v.d);
      break;
    case KIND_STRING:
      g_string_append_printf (out, fmt, a->v.s);
      break;
    default:
      g_assert_not_reached ();
    }
}
#pragma GCC diagnostic pop

/* @format with @self's arguments, or NULL when @format asks for an argument @self does not have
 * or of another kind (a broken translation: then the message id is used). */
char *
cs_text_format_with (const CsText *self,
                     const char   *format)
{
  GString *out = g_string_sized_new (strlen (format) + 16 * self->n_args);
  guint next = 0;
  const char *p = format;

  for (const char *pc = strchr (p, '%'); pc != NULL; pc = strchr (p, '%'))
    {
      Spec spec;
      guint index;

      g_string_append_len (out, p, pc - p);
      p = parse_spec (pc + 1, &spec);
      if (spec.conv == '%')
        {
          g_string_append_c (out, '%');
          continue;
        }
      index = spec.position > 0 ? spec.position - 1 : next++;
      if (spec.conv == 0 || index >= self->n_args || conv_kind (spec.conv) != self->args[index].kind ||
          spec.star != (self->args[index].precision >= 0))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      append_arg (out, &spec, &self->args[index]);
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

const char *
cs_text_get (const CsText *self)
{
  CsText *text = (CsText *) self;   /* the cache is the only thing that changes */
  char *shown;

  g_return_val_if_fail (self != NULL, "");

  shown = g_atomic_pointer_get (&text->shown);
  if (shown != NULL)
    return shown;
  if (self->msgid_plural != NULL)
    shown = cs_text_format_with (self, g_dngettext (GETTEXT_PACKAGE, self->msgid, self->msgid_plural, self->n));
  else
    shown = cs_text_format_with (self, _(self->msgid));
  if (shown == NULL)
    {
      g_warning ("The translation of “%s” does not fit its arguments", self->msgid);
      shown = cs_text_format_with (self, self->msgid_plural && self->n != 1 ? self->msgid_plural : self->msgid);
      if (shown == NULL)   /* cannot happen for a message id the compiler checked */
        shown = g_strdup (self->msgid);
    }
  if (!g_atomic_pointer_compare_and_exchange (&text->shown, NULL, shown))
    {
      g_free (shown);
      shown = g_atomic_pointer_get (&text->shown);
    }
  return shown;
}

const char *
cs_text_get_msgid (const CsText *self)
{
  g_return_val_if_fail (self != NULL, "");
  return self->msgid ? self->msgid : "";
}

static gboolean
arg_equal (const Arg *a,
           const Arg *b)
{
  if (a->kind != b->kind || a->precision != b->precision)
    return FALSE;
  switch ((Kind) a->kind)
    {
    case KIND_INT:
      return a->v.i == b->v.i;
    case KIND_UINT:
      return a->v.u == b->v.u;
    case KIND_DOUBLE:
      return memcmp (&a->v.d, &b->v.d, sizeof (double)) == 0;
    case KIND_STRING:
      return strcmp (a->v.s, b->v.s) == 0;
    default:
      g_assert_not_reached ();
    }
}

gboolean
cs_text_equal (const CsText *a,
               const CsText *b)
{
  if (a == b)
    return TRUE;
  if (a->msgid == NULL || b->msgid == NULL)
    return a->msgid == b->msgid && strcmp (a->shown, b->shown) == 0;
  if (a->n_args != b->n_args || a->n != b->n || (a->msgid != b->msgid && strcmp (a->msgid, b->msgid) != 0) ||
      g_strcmp0 (a->msgid_plural, b->msgid_plural) != 0)
    return FALSE;
  for (guint i = 0; i < a->n_args; i++)
    if (!arg_equal (&a->args[i], &b->args[i]))
      return FALSE;
  return TRUE;
}

guint
cs_text_hash (const CsText *self)
{
  guint h;

  if (self->msgid == NULL)
    return g_str_hash (self->shown);
  h = g_str_hash (self->msgid) ^ (guint) self->n;
  for (guint i = 0; i < self->n_args; i++)
    {
      const Arg *a = &self->args[i];
      guint64 bits = 0;

      if (a->kind == KIND_STRING)
        h = h * 31 + g_str_hash (a->v.s);
      else
        {
          memcpy (&bits, &a->v, sizeof bits);
          h = h * 31 + (guint) (bits ^ (bits >> 32));
        }
    }
  return h;
}
