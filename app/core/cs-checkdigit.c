/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-checkdigit.c: ISO 6346, VIN (ISO 3779) and USCI (GB 32100-2015) check digits */

#include "config.h"

#include <string.h>

#include "cs-checkdigit.h"

/* ---- ISO 6346 ---------------------------------------------------------------------------- */

/* A=10, then upwards skipping the multiples of 11 (11, 22, 33). */
static int
iso6346_letter_value (char c)
{
  int v;

  if (c < 'A' || c > 'Z')
    return -1;
  v = 10 + (c - 'A');
  /* every value at or above a multiple of 11 moves up one */
  v += v >= 11;
  v += v >= 22;
  v += v >= 33;
  return v;
}

int
cs_iso6346_check_digit (const char *first10)
{
  int sum = 0;

  if (first10 == NULL)
    return -1;

  for (int i = 0; i < 10; i++)
    {
      char c = first10[i];
      int v;

      if (i < 4)
        v = iso6346_letter_value (c);
      else
        v = (c >= '0' && c <= '9') ? c - '0' : -1;
      if (v < 0)
        return -1;
      sum += v << i;
    }
  return (sum % 11) % 10;
}

gboolean
cs_iso6346_well_formed (const char *number)
{
  if (number == NULL || strlen (number) != 11)
    return FALSE;
  for (int i = 0; i < 3; i++)
    if (number[i] < 'A' || number[i] > 'Z')
      return FALSE;
  if (number[3] != 'U' && number[3] != 'J' && number[3] != 'Z')
    return FALSE;
  for (int i = 4; i < 11; i++)
    if (number[i] < '0' || number[i] > '9')
      return FALSE;
  return TRUE;
}

gboolean
cs_iso6346_valid (const char *number)
{
  if (!cs_iso6346_well_formed (number))
    return FALSE;
  return cs_iso6346_check_digit (number) == number[10] - '0';
}

/* ---- VIN --------------------------------------------------------------------------------- */

static const int vin_weights[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };

/* Transliteration; -1 for characters a VIN may not hold (I, O, Q and anything else). */
static int
vin_value (char c)
{
  static const signed char letters[26] = {
    /* A  B  C  D  E  F  G  H   I  J  K  L  M  N   O  P   Q  R  S  T  U  V  W  X  Y  Z */
       1, 2, 3, 4, 5, 6, 7, 8, -1, 1, 2, 3, 4, 5, -1, 7, -1, 9, 2, 3, 4, 5, 6, 7, 8, 9
  };

  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return letters[c - 'A'];
  return -1;
}

gboolean
cs_vin_well_formed (const char *vin)
{
  if (vin == NULL)
    return FALSE;
  for (int i = 0; i < 17; i++)
    if (vin_value (vin[i]) < 0)   /* also stops at the terminating NUL */
      return FALSE;
  return vin[17] == '\0';
}

int
cs_vin_check_char (const char *vin)
{
  int sum = 0;

  if (!cs_vin_well_formed (vin))
    return -1;
  for (int i = 0; i < 17; i++)
    sum += vin_value (vin[i]) * vin_weights[i];
  sum %= 11;
  return sum == 10 ? 'X' : '0' + sum;
}

gboolean
cs_vin_valid (const char *vin)
{
  int c = cs_vin_check_char (vin);

  return c >= 0 && vin[8] == c;
}

gboolean
cs_vin_check_required (const char *vin)
{
  return vin != NULL && (vin[0] == 'L' || (vin[0] >= '1' && vin[0] <= '5'));
}

int
cs_vin_model_year (const char *vin,
                   int         near_year)
{
  static const char codes[] = "ABCDEFGHJKLMNPRSTVWXY123456789";  /* 1980 + index, 30 codes */
  const char *p;
  int base, best;
  gint64 best_delta;   /* any int @near_year: no overflow */

  if (vin == NULL || strnlen (vin, 10) < 10 || vin[9] == '\0')
    return -1;
  p = strchr (codes, vin[9]);
  if (p == NULL)
    return -1;
  base = 1980 + (int) (p - codes);
  /* the cycle repeats every 30 years: pick the year nearest near_year */
  best = base;
  best_delta = ABS ((gint64) near_year - base);
  for (int y = base - 30 * 4; y <= base + 30 * 8; y += 30)
    {
      gint64 delta = ABS ((gint64) near_year - y);

      if (delta < best_delta)
        {
          best = y;
          best_delta = delta;
        }
    }
  return best;
}

/* ---- USCI -------------------------------------------------------------------------------- */

static const char usci_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int usci_weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

static int
usci_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (usci_alphabet, c);
  return p ? (int) (p - usci_alphabet) : -1;
}

char
cs_usci_check_char (const char *first17)
{
  int sum = 0;

  if (first17 == NULL)
    return 0;
  for (int i = 0; i < 17; i++)
    {
      int v = usci_value (first17[i]);

      if (v < 0)
        return 0;
      sum += v * usci_weights[i];
    }
  return usci_alphabet[(31 - sum % 31) % 31];
}

gboolean
cs_usci_valid (const char *usci)
{
  char c;

  if (usci == NULL || strlen (usci) != 18)
    return FALSE;
  c = cs_usci_check_char (usci);
  return c != 0 && usci[17] == c;
}

int
cs_imo_check_digit (const char *first6)
{
  int sum = 0;

  if (first6 == NULL)
    return -1;
  for (int i = 0; i < 6; i++)
    {
      if (!g_ascii_isdigit (first6[i]))
        return -1;
      sum += (first6[i] - '0') * (7 - i);
    }
  return sum % 10;
}

gboolean
cs_imo_valid (const char *imo)
{
  int d;

  if (imo == NULL || strlen (imo) != 7 || !g_ascii_isdigit (imo[6]))
    return FALSE;
  d = cs_imo_check_digit (imo);
  return d >= 0 && imo[6] - '0' == d;
}

gboolean
cs_locode_well_formed (const char *code)
{
  if (code == NULL || strlen (code) != 5)
    return FALSE;
  if (!g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;
  for (int i = 2; i < 5; i++)
    if (!(g_ascii_isupper (code[i]) || (code[i] >= '2' && code[i] <= '9')))
      return FALSE;
  return TRUE;
}
