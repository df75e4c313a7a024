/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-input.c: typed and pasted values read into the model's forms (cs-input.h) */

#include "config.h"

#include "cs-input.h"

/* The numbers found in @text, joined by spaces ("" for none). */
static char *
numbers (const char *text)
{
  g_autoptr(GPtrArray) found = cs_container_numbers_in_text (text);

  g_assert_nonnull (found);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

#define CHECK_NUMBERS(text, expect) \
  G_STMT_START { \
    g_autofree char *got_ = numbers (text); \
    g_assert_cmpstr (got_, ==, expect); \
  } G_STMT_END

static void
test_container_numbers (void)
{
  /* As written on a booking or a door. */
  CHECK_NUMBERS ("CSQU3054383", "CSQU3054383");
  CHECK_NUMBERS ("CSQU 305438-3", "CSQU3054383");
  CHECK_NUMBERS ("CSQU 305438 3", "CSQU3054383");
  CHECK_NUMBERS ("CSQU 305 438 3", "CSQU3054383");
  CHECK_NUMBERS ("CSQU.305438.3", "CSQU3054383");
  /* A hyphen or dot between the owner code and the serial is a separator inside the number too. */
  CHECK_NUMBERS ("CSQU-305438-3", "CSQU3054383");
  CHECK_NUMBERS ("CSQU-3054383", "CSQU3054383");
  CHECK_NUMBERS ("CSQU.3054383", "CSQU3054383");
  CHECK_NUMBERS ("csqu3054383", "CSQU3054383");                 /* upper-cased */
  CHECK_NUMBERS ("ABCJ1234560 ABCZ1234560", "ABCJ1234560 ABCZ1234560");   /* J and Z categories */

  /* A column pasted from a spreadsheet, a list in a sentence, Chinese text around: in order. */
  CHECK_NUMBERS ("MWCU6059784\r\nCSQU3054383\nTGHU8305127\n", "MWCU6059784 CSQU3054383 TGHU8305127");
  CHECK_NUMBERS ("Boxes: OOLU8832107, CMAU5120770; and MWCU6059784.",
                 "OOLU8832107 CMAU5120770 MWCU6059784");
  CHECK_NUMBERS ("箱号：CSQU3054383，封号 CN2604881", "CSQU3054383");
  CHECK_NUMBERS ("CSQU3054383\tMWCU6059784", "CSQU3054383 MWCU6059784");
  CHECK_NUMBERS ("CSQU3054383-MWCU6059784", "CSQU3054383 MWCU6059784");

  /* Each once, whatever its spelling. */
  CHECK_NUMBERS ("CSQU3054383 csqu 305438-3 MWCU6059784 CSQU3054383", "CSQU3054383 MWCU6059784");

  /* The check digit is the validator's business: a wrong one is still a number. */
  CHECK_NUMBERS ("CSQU3054384", "CSQU3054384");

  /* Not container numbers. */
  CHECK_NUMBERS ("CSQX3054383", "");          /* category letter not U, J or Z */
  CHECK_NUMBERS ("CSQ3054383", "");           /* three letters */
  CHECK_NUMBERS ("CSQU305438", "");           /* six digits */
  CHECK_NUMBERS ("CSQU30543830", "");         /* eight digits */
  CHECK_NUMBERS ("XCSQU3054383", "");         /* inside a longer word */
  CHECK_NUMBERS ("CSQU3054383A", "");
  CHECK_NUMBERS ("9CSQU3054383", "");
  CHECK_NUMBERS ("CSQU3054383 1", "CSQU3054383");  /* a count in the next column stays out */
  CHECK_NUMBERS ("CSQU3054383-", "CSQU3054383");   /* a trailing separator is not a digit */
  CHECK_NUMBERS ("LS6A2E0B9TC312004", "");    /* a VIN */
  CHECK_NUMBERS ("", "");
  CHECK_NUMBERS ("   \n", "");
  CHECK_NUMBERS (NULL, "");
}

#define CHECK_DATE(text, expect) \
  G_STMT_START { \
    g_autofree char *got_ = cs_date_from_input (text); \
    g_assert_cmpstr (got_, ==, expect); \
  } G_STMT_END

static void
test_date_valid (void)
{
  /* Year first. */
  CHECK_DATE ("2026-05-14", "2026-05-14");
  CHECK_DATE ("2026-5-14", "2026-05-14");
  CHECK_DATE ("2026/5/14", "2026-05-14");
  CHECK_DATE ("2026/05/14", "2026-05-14");
  CHECK_DATE ("2026.5.14", "2026-05-14");
  CHECK_DATE ("2026年5月14日", "2026-05-14");
  CHECK_DATE ("2026年05月14日", "2026-05-14");
  CHECK_DATE ("2026年5月14", "2026-05-14");

  /* Day first, never month first. */
  CHECK_DATE ("14/05/2026", "2026-05-14");
  CHECK_DATE ("14/5/2026", "2026-05-14");
  CHECK_DATE ("14.5.2026", "2026-05-14");
  CHECK_DATE ("14-05-2026", "2026-05-14");
  CHECK_DATE ("05/06/2026", "2026-06-05");
  CHECK_DATE ("5/6/2026", "2026-06-05");
  CHECK_DATE ("1/1/2027", "2027-01-01");
  CHECK_DATE ("31/12/2026", "2026-12-31");

  /* Spaces around are not part of the date. */
  CHECK_DATE ("  14/05/2026\t", "2026-05-14");
  CHECK_DATE ("\n2026-05-14 ", "2026-05-14");

  /* Leap days that exist. */
  CHECK_DATE ("29/02/2028", "2028-02-29");
  CHECK_DATE ("2000-02-29", "2000-02-29");
}

static void
test_date_invalid (void)
{
  const char *refused[] = {
    /* dates that do not exist */
    "31/02/2026", "29/02/2026", "29/02/1900", "2026/13/1", "2026-00-10", "2026-04-31", "32/01/2026",
    "0/1/2026", "1/0/2026", "2026-05-00", "0000-01-01",
    /* month first (14 is no month) */
    "05/14/2026",
    /* incomplete or with more */
    "", "   ", "2026", "2026-05", "14/05", "2026年5月", "2026年5月14日 9:00", "2026-05-14T10:00",
    "2026-05-14.", "14/05/2026 x", "14/05/2026/1",
    /* two-digit or long years, too many digits */
    "14/05/26", "26/05/14", "14/05/20261", "20261-05-14", "20260514", "2026-0514", "2026-005-14",
    "14/005/2026", "014/05/2026",
    /* mixed or foreign separators */
    "2026/05-14", "2026.05/14", "14/05-2026", "14.05/2026", "2026 05 14", "14 05 2026", "2026_05_14",
    "2026年5-14", "2026-5月14日",
    /* signs and garbage */
    "-2026-05-14", "+2026-05-14", "2026--05-14", "garbage", "May 14, 2026", "today", "ab/cd/efgh",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *got = cs_date_from_input (refused[i]);

      if (got != NULL)
        g_error ("“%s” was read as the date %s", refused[i], got);
    }
  g_assert_null (cs_date_from_input (NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/input/container-numbers", test_container_numbers);
  g_test_add_func ("/input/date/valid", test_date_valid);
  g_test_add_func ("/input/date/invalid", test_date_invalid);
  return g_test_run ();
}
