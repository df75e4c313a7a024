/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-number.c: numbers as the text exports write them (see the header) */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-export-number.h"

gsize
cs_number_uint (char    *buf,
                guint64  n)
{
  char tmp[24];
  gsize len = 0, i = 0;

  do
    tmp[len++] = (char) ('0' + n % 10);
  while ((n /= 10) != 0);
  while (len > 0)
    buf[i++] = tmp[--len];
  buf[i] = '\0';
  return i;
}

/* Numbers with up to 6 decimals (nearly all weights, volumes and amounts) take an exact integer
 * path: when round (v·10^k) / 10^k is @v itself, that decimal string reads back as @v. Others
 * go through %.15g / %.17g, and plain notation with just enough fraction digits. */
gsize
cs_number_decimal (char   *buf,
                   double  v)
{
  static const double pow10[] = { 1, 10, 100, 1000, 1e4, 1e5, 1e6 };
  double a = fabs (v);
  gsize len;

  for (guint k = 0; k < G_N_ELEMENTS (pow10) && a < 1e15 / pow10[k]; k++)
    {
      double r = nearbyint (a * pow10[k]);
      if (r / pow10[k] == a)
        {
          char digits[24];
          gsize n = cs_number_uint (digits, (guint64) r), at = 0;
          gsize int_len = n > k ? n - k : 0;

          if (v < 0 && r != 0)
            buf[at++] = '-';
          if (k == 0)
            {
              memcpy (buf + at, digits, n + 1);
              return at + n;
            }
          if (int_len == 0)
            buf[at++] = '0';
          else
            {
              memcpy (buf + at, digits, int_len);
              at += int_len;
            }
          buf[at++] = '.';
          for (gsize z = n; z < k; z++)
            buf[at++] = '0';
          memcpy (buf + at, digits + int_len, n - int_len + 1);
          return at + n - int_len;
        }
    }

  g_ascii_formatd (buf, CS_DECIMAL_BUF, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, CS_DECIMAL_BUF, "%.17g", v);
  if (strpbrk (buf, "eE") != NULL)
    for (int digits = 0; digits <= 340; digits++)
      {
        char fmt[16];
        g_snprintf (fmt, sizeof fmt, "%%.%df", digits);
        g_ascii_formatd (buf, CS_DECIMAL_BUF, fmt, v);
        if (g_ascii_strtod (buf, NULL) == v)
          break;
      }
  len = strlen (buf);
  if (strchr (buf, '.') != NULL)
    {
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  return len;
}
