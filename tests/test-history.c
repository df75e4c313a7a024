/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-history.c: undo/redo over edits of a live manifest (CsHistory) */

#include "config.h"

#include <math.h>

#include "cs-history.h"
#include "cs-json.h"
#include "cs-test-util.h"

static gpointer
ref_copy (gconstpointer src,
          gpointer      data)
{
  return g_object_ref ((gpointer) src);
}

/* The item array with a reference on each item (the copy keeps the list's free function). */
static GPtrArray *
copy_items (CsManifest *m)
{
  return g_ptr_array_copy (cs_list_get_array (m->items), ref_copy, NULL);
}

/* Lets the history close its open step (it closes at the next idle). */
static void
next_turn (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_string_undo_redo (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);
  guint n_can_undo = 0, n_can_redo = 0;
  CsRecord *origin = NULL;
  const char *field = NULL;

  g_signal_connect (h, "notify::can-undo", G_CALLBACK (count_notify), &n_can_undo);
  g_signal_connect (h, "notify::can-redo", G_CALLBACK (count_notify), &n_can_redo);
  g_assert_false (cs_history_get_can_undo (h));
  g_assert_false (cs_history_undo (h, NULL, NULL));

  cs_record_set_string (CS_RECORD (m), "reference", "QZH2604-0099");
  g_assert_true (cs_history_get_can_undo (h));
  g_assert_cmpuint (n_can_undo, ==, 1);

  g_assert_true (cs_history_undo (h, &origin, &field));
  g_assert_cmpstr (m->reference, ==, "QZH2604-0042");
  g_assert_true (origin == CS_RECORD (m));
  g_assert_cmpstr (field, ==, "reference");
  g_assert_false (cs_history_get_can_undo (h));
  g_assert_true (cs_history_get_can_redo (h));
  g_assert_cmpuint (n_can_undo, ==, 2);
  g_assert_cmpuint (n_can_redo, ==, 1);

  g_assert_true (cs_history_redo (h, NULL, NULL));
  g_assert_cmpstr (m->reference, ==, "QZH2604-0099");
  g_assert_false (cs_history_get_can_redo (h));
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 1);
}

static void
test_own_edits_not_recorded_but_heard (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);
  g_autofree char *original = g_strdup (m->notes);
  guint n_changed = 0;

  cs_record_set_string (CS_RECORD (m), "notes", "first");
  next_turn ();
  g_signal_connect_swapped (m, "changed", G_CALLBACK (g_atomic_int_inc), &n_changed);
  g_assert_true (cs_history_undo (h, NULL, NULL));
  /* Other observers (validation, autosave) hear the undo... */
  g_assert_cmpuint (n_changed, ==, 1);
  /* ...but the history does not record it as a new edit. */
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 0);
  g_assert_cmpuint (cs_history_get_n_redo (h), ==, 1);
  g_assert_cmpstr (m->notes, ==, original);
}

static void
test_one_turn_is_one_step (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);
  CsLeg *leg = CS_MANIFEST_LEG (m, 0);

  /* Choosing a corridor fills several fields in one turn: one step. */
  cs_record_set_string (CS_RECORD (m), "corridor", "CQ-HAN-ROAD");
  cs_record_set_string (CS_RECORD (leg), "mode", "road");
  cs_record_set_string (CS_RECORD (leg), "to", "VNHAN");
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 1);
  next_turn ();
  cs_record_set_string (CS_RECORD (m), "currency", "CNY");
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 2);

  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpstr (m->currency, ==, "USD");
  g_assert_cmpstr (m->corridor, ==, "CQ-HAN-ROAD");
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpstr (m->corridor, ==, "CQ-QZH-RAILSEA");
  g_assert_cmpstr (leg->mode, ==, "rail");
  g_assert_cmpstr (leg->to, ==, "CNQZH");
}

static void
test_typing_burst (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);
  CsParty *consignee = cs_manifest_get_party (m, "consignee");
  g_autofree char *original = g_strdup (consignee->name);
  const char *typed[] = { "H", "Ha", "Hai", "Hai P" };

  /* Keystrokes in separate main-loop turns, well within the burst window: one step. */
  cs_history_set_burst_timeout (h, 60000);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      cs_record_set_string (CS_RECORD (consignee), "name", typed[i]);
      next_turn ();
    }
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 1);
  /* Another field ends the burst. */
  cs_record_set_string (CS_RECORD (consignee), "city", "Haiphong");
  next_turn ();
  cs_record_set_string (CS_RECORD (consignee), "name", "Hai Ph");
  next_turn ();
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 3);

  /* Sealing (focus moved) also ends it. */
  cs_history_seal (h);
  cs_record_set_string (CS_RECORD (consignee), "name", "Hai Pho");
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 4);

  while (cs_history_undo (h, NULL, NULL))
    ;
  g_assert_cmpstr (consignee->name, ==, original);

  /* Without a burst window every keystroke is its own step. */
  cs_history_clear (h);
  cs_history_set_burst_timeout (h, 0);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      cs_record_set_string (CS_RECORD (consignee), "name", typed[i]);
      next_turn ();
    }
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, G_N_ELEMENTS (typed));
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpstr (consignee->name, ==, "Hai");
}

static void
test_new_edit_drops_redo (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);

  cs_history_set_burst_timeout (h, 0);
  cs_record_set_string (CS_RECORD (m), "notes", "a");
  next_turn ();
  cs_record_set_string (CS_RECORD (m), "notes", "b");
  next_turn ();
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_true (cs_history_get_can_redo (h));
  cs_record_set_string (CS_RECORD (m), "currency", "EUR");
  g_assert_false (cs_history_get_can_redo (h));
  g_assert_false (cs_history_redo (h, NULL, NULL));
  g_assert_cmpstr (m->notes, ==, "a");
}

static void
test_every_kind (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) before = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
  g_autoptr(CsManifest) after = NULL;
  g_autoptr(CsHistory) h = cs_history_new (m);
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  CsContainer *box = CS_MANIFEST_CONTAINER (m, 0);
  CsDocument *doc = CS_MANIFEST_DOCUMENT (m, 0);
  const char *seals[] = { "SEAL-1", "SEAL-2", NULL };
  const gint64 covers[] = { 3, 1 };
  guint steps = 0;

  cs_history_set_burst_timeout (h, 0);
  cs_record_set_number (CS_RECORD (item), "gross_kg", 1234.5);                    /* number */
  next_turn ();
  cs_record_set_number (CS_RECORD (item), "quantity", NAN);                        /* to absent */
  next_turn ();
  cs_record_set_string (CS_RECORD (m), "status", "exported");                      /* enum */
  next_turn ();
  cs_record_set_string (CS_RECORD (m), "direction", NULL);                         /* enum absent */
  next_turn ();
  cs_record_set_strv (CS_RECORD (box), "seals", seals);                             /* strv */
  next_turn ();
  cs_record_set_strv (CS_RECORD (box), "seals", NULL);
  next_turn ();
  cs_record_set_intv (CS_RECORD (doc), "covers", covers, G_N_ELEMENTS (covers));   /* intv */
  next_turn ();
  cs_record_set_intv (CS_RECORD (doc), "covers", covers, 1);
  next_turn ();
  cs_record_set_record (CS_RECORD (CS_MANIFEST_CONTAINER (m, 2)), "reefer", NULL); /* record */
  next_turn ();
  cs_record_set_string (CS_RECORD (m), "notes", NULL);                             /* string */
  next_turn ();
  steps = cs_history_get_n_undo (h);
  g_assert_cmpuint (steps, ==, 10);
  after = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
  g_assert_false (cs_record_equal (CS_RECORD (before), CS_RECORD (after)));

  while (cs_history_undo (h, NULL, NULL))
    ;
  g_assert_true (cs_record_equal (CS_RECORD (before), CS_RECORD (m)));
  g_assert_cmpuint (cs_history_get_n_redo (h), ==, steps);

  while (cs_history_redo (h, NULL, NULL))
    ;
  g_assert_true (cs_record_equal (CS_RECORD (after), CS_RECORD (m)));
}

static void
test_sub_record_identity (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autoptr(CsHistory) h = cs_history_new (m);
  CsRecord *incoterm;

  /* A sub-block created on first edit, then edited: undo and redo keep the same object. */
  incoterm = cs_record_ensure_record (CS_RECORD (m), "incoterm");
  cs_record_set_string (incoterm, "code", "FCA");
  next_turn ();
  cs_record_set_string (incoterm, "place", "CNCQI");
  next_turn ();
  g_assert_cmpuint (cs_history_get_n_undo (h), ==, 2);

  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_null (m->incoterm);
  g_assert_true (cs_history_redo (h, NULL, NULL));
  g_assert_true (CS_RECORD (m->incoterm) == incoterm);
  g_assert_cmpstr (m->incoterm->code, ==, "FCA");
  g_assert_true (cs_history_redo (h, NULL, NULL));
  g_assert_cmpstr (m->incoterm->place, ==, "CNCQI");
  g_assert_true (cs_record_get_parent (incoterm) == CS_RECORD (m));
}

static void
test_list_splices (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsHistory) h = cs_history_new (m);
  g_autoptr(GPtrArray) original = copy_items (m);
  g_autoptr(CsItem) extra = cs_item_new ();
  guint n = CS_MANIFEST_N_ITEMS (m);
  CsItem *first = CS_MANIFEST_ITEM (m, 0);

  g_assert_cmpuint (n, >=, 2);
  cs_list_append (m->items, extra);
  next_turn ();
  cs_list_remove (m->items, 0);
  next_turn ();
  /* An edit of a record that was removed, then the removal undone: both in order. */
  cs_record_set_string (CS_RECORD (extra), "description", "Spare parts kit");
  next_turn ();
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, n);

  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_null (extra->description);
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_true (CS_MANIFEST_ITEM (m, 0) == first);
  g_assert_true (cs_record_get_parent (CS_RECORD (first)) == CS_RECORD (m));
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (CS_MANIFEST_ITEM (m, i) == original->pdata[i]);
  g_assert_null (cs_record_get_parent (CS_RECORD (extra)));

  while (cs_history_redo (h, NULL, NULL))
    ;
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, n);
  g_assert_true (CS_MANIFEST_ITEM (m, n - 1) == extra);
  g_assert_true (CS_MANIFEST_ITEM (m, 0) == original->pdata[1]);
  g_assert_cmpstr (extra->description, ==, "Spare parts kit");
}

static void
test_list_middle_splice_large (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autoptr(CsHistory) h = cs_history_new (m);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) before = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      CsItem *item = cs_item_new ();
      cs_field_set_number (CS_RECORD (item), cs_record_find_field (CS_RECORD (item), "line"), i + 1);
      cs_list_append_silent (m->items, item);
      g_object_unref (item);
    }
  before = copy_items (m);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (added, cs_item_new ());

  /* Replace 5 lines in the middle by 3 new ones. */
  cs_list_splice (m->items, 500, 5, added->pdata, added->len);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, 998);
  g_assert_true (cs_history_undo (h, NULL, NULL));
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    g_assert_true (CS_MANIFEST_ITEM (m, i) == before->pdata[i]);
  g_assert_true (cs_history_redo (h, NULL, NULL));
  g_assert_true (CS_MANIFEST_ITEM (m, 500) == added->pdata[0]);
  g_assert_true (CS_MANIFEST_ITEM (m, 503) == before->pdata[505]);
}

/* Many random edits, then undo everything and redo everything. */
static void
test_random_round_trip (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) before = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
  g_autoptr(CsManifest) after = NULL;
  g_autoptr(CsHistory) h = cs_history_new (m);
  GRand *rand = g_rand_new_with_seed (20260406);

  for (guint i = 0; i < 300; i++)
    {
      guint n_items = CS_MANIFEST_N_ITEMS (m);
      CsItem *item = n_items > 0 ? CS_MANIFEST_ITEM (m, g_rand_int_range (rand, 0, n_items)) : NULL;
      g_autofree char *text = g_strdup_printf ("v%u", i);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          if (item != NULL)
            cs_record_set_string (CS_RECORD (item), "description", text);
          break;
        case 1:
          if (item != NULL)
            cs_record_set_number (CS_RECORD (item), "gross_kg", g_rand_double_range (rand, 0, 1e4));
          break;
        case 2:
          {
            g_autoptr(CsItem) fresh = cs_item_new ();
            cs_list_insert (m->items, g_rand_int_range (rand, 0, n_items + 1), fresh);
          }
          break;
        case 3:
          if (n_items > 0)
            cs_list_remove (m->items, g_rand_int_range (rand, 0, n_items));
          break;
        case 4:
          cs_record_set_string (CS_RECORD (cs_record_ensure_record (CS_RECORD (m), "invoice")),
                                "number", text);
          break;
        default:
          if (item != NULL)
            cs_record_set_string (cs_record_ensure_record (CS_RECORD (item), "packages"), "type",
                                  g_rand_boolean (rand) ? "CT" : "PX");
          break;
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        next_turn ();
    }
  next_turn ();
  g_rand_free (rand);
  after = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));

  while (cs_history_undo (h, NULL, NULL))
    ;
  g_assert_true (cs_record_equal (CS_RECORD (before), CS_RECORD (m)));
  while (cs_history_redo (h, NULL, NULL))
    ;
  g_assert_true (cs_record_equal (CS_RECORD (after), CS_RECORD (m)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/string", test_string_undo_redo);
  g_test_add_func ("/history/own-edits", test_own_edits_not_recorded_but_heard);
  g_test_add_func ("/history/group/turn", test_one_turn_is_one_step);
  g_test_add_func ("/history/group/typing-burst", test_typing_burst);
  g_test_add_func ("/history/redo-dropped", test_new_edit_drops_redo);
  g_test_add_func ("/history/kinds", test_every_kind);
  g_test_add_func ("/history/sub-record", test_sub_record_identity);
  g_test_add_func ("/history/list/splices", test_list_splices);
  g_test_add_func ("/history/list/middle", test_list_middle_splice_large);
  g_test_add_func ("/history/random-round-trip", test_random_round_trip);

  return g_test_run ();
}
