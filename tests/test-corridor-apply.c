/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-corridor-apply.c: a catalog corridor applied to a manifest (cs_corridor_apply)
 *
 * The built-in catalog's corridors: the required legs replace the manifest's legs with the
 * first mode, origin and destination of each; optional legs are left out; the whole change is
 * one undo step; an unknown id or no catalog only sets the corridor; NULL clears it.
 */

#include "config.h"

#include "cs-corridor-apply.h"
#include "cs-history.h"
#include "cs-test-util.h"

static CsCatalog *catalog;

static void
assert_leg (CsManifest *m,
            guint       index,
            const char *mode,
            const char *from,
            const char *to)
{
  CsLeg *leg = CS_MANIFEST_LEG (m, index);

  g_assert_cmpstr (leg->mode, ==, mode);
  g_assert_cmpstr (leg->from, ==, from);
  g_assert_cmpstr (leg->to, ==, to);
}

/* Lets the history close its open step (it closes at the next idle). */
static void
next_turn (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_required_legs (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new ();

  cs_corridor_apply (m, catalog, "CQ-QZH-RAILSEA");
  g_assert_cmpstr (m->corridor, ==, "CQ-QZH-RAILSEA");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 2);
  assert_leg (m, 0, "rail", "CNCQI", "CNQZH");
  assert_leg (m, 1, "sea", "CNQZH", "SGSIN");

  /* Optional legs (the corridor may end before them) are not added. */
  cs_corridor_apply (m, catalog, "CQ-EU-MIDEAST");
  g_assert_cmpstr (m->corridor, ==, "CQ-EU-MIDEAST");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 2);
  assert_leg (m, 0, "rail", "CNCQI", "CNQZH");
  assert_leg (m, 1, "sea", "CNQZH", "AEJEA");

  /* The first of several modes. */
  cs_corridor_apply (m, catalog, "ASEAN-CQ-COLDCHAIN");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 2);
  assert_leg (m, 0, "road", "THBKK", "LAVTE");
  assert_leg (m, 1, "rail", "LAVTE", "CNMHN");
}

static void
test_replaces_legs_one_step (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);
  guint n_before = CS_MANIFEST_N_LEGS (m);
  g_autofree char *corridor_before = g_strdup (m->corridor);
  g_autofree char *last_to = g_strdup (CS_MANIFEST_LEG (m, n_before - 1)->to);

  g_assert_cmpuint (n_before, ==, 2);
  cs_corridor_apply (m, catalog, "CQ-HAN-ROAD");
  next_turn ();
  g_assert_cmpstr (m->corridor, ==, "CQ-HAN-ROAD");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 1);
  assert_leg (m, 0, "road", "CNCQI", "CNYYG");

  /* Corridor and legs come back with one undo. */
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 1);
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpstr (m->corridor, ==, corridor_before);
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, n_before);
  g_assert_cmpstr (CS_MANIFEST_LEG (m, n_before - 1)->to, ==, last_to);
}

static void
test_unknown_keeps_legs (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  CsLeg *first = g_object_ref (CS_MANIFEST_LEG (m, 0));

  cs_corridor_apply (m, catalog, "NO-SUCH-CORRIDOR");
  g_assert_cmpstr (m->corridor, ==, "NO-SUCH-CORRIDOR");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 2);
  g_assert_true (CS_MANIFEST_LEG (m, 0) == first);

  /* Without a catalog nothing is known either. */
  cs_corridor_apply (m, NULL, "CQ-HAN-ROAD");
  g_assert_cmpstr (m->corridor, ==, "CQ-HAN-ROAD");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 2);

  cs_corridor_apply (m, catalog, NULL);
  g_assert_null (m->corridor);
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 2);
  g_assert_true (CS_MANIFEST_LEG (m, 0) == first);
  g_object_unref (first);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_add_func ("/corridor-apply/required-legs", test_required_legs);
  g_test_add_func ("/corridor-apply/replaces-legs-one-step", test_replaces_legs_one_step);
  g_test_add_func ("/corridor-apply/unknown-keeps-legs", test_unknown_keeps_legs);
  status = g_test_run ();
  g_object_unref (catalog);
  return status;
}
