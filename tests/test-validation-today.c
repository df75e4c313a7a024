/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-validation-today.c: the validator's reference date, as the Documents page reads it
 * (cs_validation_get_today, cs_validate_default_today) */

#include "config.h"

#include "cs-catalog.h"
#include "cs-validator.h"

static void
assert_is_today (const GDate *date)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  GDate today;

  cs_validate_default_today (&today);
  g_assert_true (g_date_valid (date));
  g_assert_true (g_date_valid (&today));
  /* Around midnight the two reads may straddle it: either day is right. */
  g_assert_cmpint (g_date_days_between (&today, date), <=, 0);
  g_assert_cmpint (g_date_days_between (&today, date), >=, -1);
  g_assert_cmpint (g_date_get_year (&today), >=, g_date_time_get_year (before));
}

static void
test_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCatalog) catalog = cs_catalog_new_default (&error);
  g_autoptr(CsValidation) validation = NULL;
  GDate set, got, unset;

  g_assert_no_error (error);
  validation = cs_validation_new (catalog);

  /* Without a date set: today. */
  cs_validation_get_today (validation, &got);
  assert_is_today (&got);

  /* A date set is the one returned... */
  g_date_clear (&set, 1);
  g_date_set_dmy (&set, 29, G_DATE_FEBRUARY, 2028);
  cs_validation_set_today (validation, &set);
  cs_validation_get_today (validation, &got);
  g_assert_cmpint (g_date_compare (&got, &set), ==, 0);

  /* ...until it is unset again. */
  g_date_clear (&unset, 1);
  cs_validation_set_today (validation, &unset);
  cs_validation_get_today (validation, &got);
  assert_is_today (&got);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validation/today", test_today);
  return g_test_run ();
}
