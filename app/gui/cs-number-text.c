/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-number-text.c: numbers as the field rows show and read them */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-number-text.h"
#include "cs-record.h"

char *
cs_format_number (double   value,
                  gboolean integer)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!cs_num_is_set (value))
    return g_strdup ("");
  if (integer || (fabs (value) < 1e15 && value == floor (value)))
    return g_strdup_printf ("%.0f", value);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static gboolean
plausible_number_text (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isdigit (*s) && strchr ("+-.,eE '", *s) == NULL && !((guchar) *s & 0x80))
      return FALSE;
  return TRUE;
}

static gboolean
parse_whole (const char *s,
             gboolean    c_locale,
             double     *out)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = c_locale ? g_ascii_strtod (s, &end) : strtod (s, &end);
  if (end == s || *end != '\0' || errno == ERANGE || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
cs_parse_number (const char *text,
                 double     *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  const char *sep;

  if (*s == '\0')
    {
      *out = NAN;
      return TRUE;
    }
  if (!plausible_number_text (s))
    return FALSE;
  if (parse_whole (s, TRUE, out) || parse_whole (s, FALSE, out))
    return TRUE;

  /* Digit grouping of the user's locale ("264,000" in English, "264 000" in French). */
  sep = localeconv ()->thousands_sep;
  if (sep != NULL && *sep != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (s, sep, -1);
      g_autofree char *joined = g_strjoinv ("", parts);

      if (parse_whole (joined, FALSE, out))
        return TRUE;
    }
  return FALSE;
}
