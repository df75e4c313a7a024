/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-input.c: what people type or paste, read as the model wants it (no GTK) */

#include "config.h"

#include <string.h>

#include "cs-input.h"

GPtrArray *
cs_container_numbers_in_text (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  if (text == NULL)
    return out;
  while (*p != '\0')
    {
      char number[12];
      const char *q = p;
      guint n = 0;

      /* Four letters (the fourth U, J or Z) that do not continue a longer word. */
      if (p != text && g_ascii_isalnum (p[-1]))
        {
          p++;
          continue;
        }
      while (n < 4 && g_ascii_isalpha (*q))
        number[n++] = g_ascii_toupper (*q++);
      if (n < 4 || g_ascii_isalpha (*q) || strchr ("UJZ", number[3]) == NULL)
        {
          p++;
          continue;
        }
      /* Seven digits, separators between them and after the owner code allowed
       * ("CSQU 305438-3", "CSQU-305438-3"). */
      while (n < 11)
        {
          if (g_ascii_isdigit (*q))
            number[n++] = *q++;
          else if ((*q == ' ' || *q == '-' || *q == '.') && g_ascii_isdigit (q[1]) && n >= 4)
            q++;
          else if (*q == ' ' && n == 4)
            q++;
          else
            break;
        }
      if (n == 11 && !g_ascii_isalnum (*q))
        {
          gboolean seen = FALSE;

          number[11] = '\0';
          for (guint i = 0; i < out->len && !seen; i++)
            seen = strcmp (out->pdata[i], number) == 0;
          if (!seen)
            g_ptr_array_add (out, g_strdup (number));
          p = q;
          continue;
        }
      p++;
    }
  return out;
}

/* Reads a run of digits (at most @max) into @out; returns the end, or NULL. */
static const char *
read_number (const char *p,
             guint       max,
             int        *out)
{
  guint n = 0;
  int v = 0;

  while (g_ascii_isdigit (*p) && n < max)
    {
      v = v * 10 + (*p++ - '0');
      n++;
    }
  if (n == 0 || g_ascii_isdigit (*p))
    return NULL;
  *out = v;
  return p;
}

char *
cs_date_from_input (const char *text)
{
  g_autofree char *t = NULL;
  const char *p;
  int a, b, c, y, m, d;

  if (text == NULL)
    return NULL;
  t = g_strstrip (g_strdup (text));
  p = t;

  if ((p = read_number (p, 4, &a)) == NULL)
    return NULL;
  if (p - t == 4)
    {
      /* Year first: 2026-05-14, 2026/5/14, 2026.5.14, 2026年5月14日 */
      const char *sep2;

      if (g_str_has_prefix (p, "年"))
        {
          p += strlen ("年");
          if ((p = read_number (p, 2, &b)) == NULL || !g_str_has_prefix (p, "月"))
            return NULL;
          p += strlen ("月");
          if ((p = read_number (p, 2, &c)) == NULL)
            return NULL;
          if (g_str_has_prefix (p, "日"))
            p += strlen ("日");
        }
      else
        {
          if (*p != '-' && *p != '/' && *p != '.')
            return NULL;
          sep2 = p;
          if ((p = read_number (p + 1, 2, &b)) == NULL || *p != *sep2)
            return NULL;
          if ((p = read_number (p + 1, 2, &c)) == NULL)
            return NULL;
        }
      y = a, m = b, d = c;
    }
  else
    {
      /* Day first: 14/05/2026, 14.5.2026, 14-05-2026 */
      char sep = *p;

      if (p - t > 2 || (sep != '/' && sep != '.' && sep != '-'))
        return NULL;
      if ((p = read_number (p + 1, 2, &b)) == NULL || *p != sep)
        return NULL;
      if ((p = read_number (p + 1, 4, &c)) == NULL)
        return NULL;
      if (c < 1000)
        return NULL;
      d = a, m = b, y = c;
    }
  if (*p != '\0' || y < 1 || m < 1 || m > 12 || d < 1 || d > 31 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}
