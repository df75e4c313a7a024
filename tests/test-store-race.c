/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-race.c: two clients save the same draft 1,000 times each, at the same time, and no
 * edit is lost
 *
 * The test starts this program twice more as clients (two processes, each with its own store
 * connection). Client A owns the draft's first cargo line, client B the second. Each edit loads
 * the draft with its revision, counts its line's quantity up by one and appends "A<n>" (or
 * "B<n>") to the line's marks, and saves with cs_store_save_if_revision(); when the other client
 * saved in between (CS_STORE_ERROR_CONFLICT) it loads again and does the edit again. At the end
 * the stored draft holds every edit of both in order (quantity 1000, marks "A1 A2 … A1000"), and
 * its revision is one more than the successful saves (the first save made revision 1).
 *
 * On SQLite (a file in a scratch folder) and, with CONSIGN_TEST_DB set by tests/pg-cluster.sh, on
 * PostgreSQL (a database of its own on the throwaway cluster).
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "cs-db.h"
#include "cs-store.h"
#include "cs-test-util.h"

#define N_EDITS 1000

static const char *self_exe;

/* ---- a client -------------------------------------------------------------------------------- */

/* Prints "SAVES CONFLICTS" on success; anything else is a failure, told on stderr. */
static int
run_client (const char *location,
            const char *id,
            const char *who,
            guint       item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (location, &error);
  guint saves = 0, conflicts = 0;

  if (store == NULL)
    {
      g_printerr ("client %s: %s\n", who, error->message);
      return 1;
    }
  for (guint n = 1; n <= N_EDITS; n++)
    for (;;)
      {
        g_autoptr(CsManifest) m = NULL;
        g_autofree char *marks = NULL;
        CsItem *it;
        gint64 revision = 0;

        if ((m = cs_store_load_with_revision (store, id, &revision, &error)) == NULL)
          {
            g_printerr ("client %s, edit %u: %s\n", who, n, error->message);
            return 1;
          }
        it = CS_MANIFEST_ITEM (m, item);
        /* every earlier edit of ours is there */
        if (it->quantity != n - 1)
          {
            g_printerr ("client %s, edit %u: revision %" G_GINT64_FORMAT " has quantity %g: an edit was lost\n",
                        who, n, revision, it->quantity);
            return 1;
          }
        cs_record_set_number (CS_RECORD (it), "quantity", n);
        marks = it->marks && it->marks[0] ? g_strdup_printf ("%s %s%u", it->marks, who, n)
                                          : g_strdup_printf ("%s%u", who, n);
        cs_record_set_string (CS_RECORD (it), "marks", marks);
        if (cs_store_save_if_revision (store, m, revision, NULL, &error))
          {
            saves++;
            break;
          }
        if (!g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT))
          {
            g_printerr ("client %s, edit %u: %s\n", who, n, error->message);
            return 1;
          }
        conflicts++;
        g_clear_error (&error);
      }
  g_print ("%u %u\n", saves, conflicts);
  return 0;
}

/* ---- the test -------------------------------------------------------------------------------- */

static char *
pg_location (const char *admin,
             const char *name)
{
  const char *path = strchr (strstr (admin, "://") + 3, '/');
  const char *query = strchr (path, '?');

  return g_strdup_printf ("%.*s/%s%s", (int) (path - admin), admin, name, query ? query : "");
}

static void
pg_admin (const char *admin,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (admin, 0, &error);

  g_assert_no_error (error);
  if (cs_db_exec (db, sql) != CS_DB_OK)
    g_error ("%s: %s", sql, cs_db_errmsg (db));
  cs_db_close (db);
}

static GSubprocess *
start_client (const char *location,
              const char *id,
              const char *who,
              const char *item)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_exe, "--client",
                                     location, id, who, item, NULL);

  g_assert_no_error (error);
  return p;
}

/* The client's "SAVES CONFLICTS" after it ended well. */
static void
finish_client (GSubprocess *p,
               const char  *who,
               guint       *saves,
               guint       *conflicts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (p) || g_subprocess_get_exit_status (p) != 0)
    g_error ("client %s failed (see its messages above)", who);
  g_assert_cmpint (sscanf (out, "%u %u", saves, conflicts), ==, 2);
}

static void
assert_line (CsManifest *m,
             guint       item,
             const char *who)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  CsItem *it = CS_MANIFEST_ITEM (m, item);

  for (guint n = 1; n <= N_EDITS; n++)
    g_string_append_printf (expected, n > 1 ? " %s%u" : "%s%u", who, n);
  g_assert_cmpfloat (it->quantity, ==, N_EDITS);
  g_assert_cmpstr (it->marks, ==, expected->str);
}

static void
test_race (void)
{
  g_autoptr(GError) error = NULL;
  const char *admin = g_getenv ("CONSIGN_TEST_DB");
  gboolean pg = cs_db_location_is_postgresql (admin);
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *pg_name = NULL;
  g_autofree char *location = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsStoreSummary) summary = NULL;
  g_autoptr(GSubprocess) a = NULL;
  g_autoptr(GSubprocess) b = NULL;
  guint saves_a = 0, saves_b = 0, conflicts_a = 0, conflicts_b = 0;
  gint64 revision = 0, start;

  if (pg)
    {
      g_autofree char *create = NULL;

      pg_name = g_strdup_printf ("consign_test_race_%d", (int) getpid ());
      create = g_strdup_printf ("CREATE DATABASE %s", pg_name);
      pg_admin (admin, create);
      location = pg_location (admin, pg_name);
    }
  else
    location = g_build_filename (dir, "consign.sqlite", NULL);

  /* the draft: two cargo lines, one for each client, counting from 0 */
  store = cs_store_open (location, &error);
  g_assert_no_error (error);
  while (CS_MANIFEST_N_ITEMS (m) < 2)
    {
      g_autoptr(CsRecord) copy = cs_record_copy (CS_RECORD (CS_MANIFEST_ITEM (m, 0)));
      cs_list_append (m->items, copy);
    }
  for (guint i = 0; i < 2; i++)
    {
      cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, i)), "quantity", 0);
      cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, i)), "marks", NULL);
    }
  g_assert_true (cs_store_save_if_revision (store, m, 0, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1);

  start = g_get_monotonic_time ();
  a = start_client (location, m->id, "A", "0");
  b = start_client (location, m->id, "B", "1");
  finish_client (a, "A", &saves_a, &conflicts_a);
  finish_client (b, "B", &saves_b, &conflicts_b);
  g_test_message ("%s: 2 x %d edits in %.1f s; A saved %u times after %u conflicts, B %u after %u",
                  pg ? "PostgreSQL" : "SQLite", N_EDITS, (g_get_monotonic_time () - start) / 1e6,
                  saves_a, conflicts_a, saves_b, conflicts_b);

  g_assert_cmpuint (saves_a, ==, N_EDITS);
  g_assert_cmpuint (saves_b, ==, N_EDITS);
  back = cs_store_load_with_revision (store, m->id, &revision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1 + saves_a + saves_b);
  assert_line (back, 0, "A");
  assert_line (back, 1, "B");
  summary = cs_store_get_summary (store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->revision, ==, revision);
  /* the rest of the draft is what the first save wrote */
  for (guint i = 0; i < 2; i++)
    {
      cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (back, i)), "quantity", 0);
      cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (back, i)), "marks", NULL);
    }
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));

  g_clear_object (&store);
  if (pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", pg_name);
      pg_admin (admin, drop);
    }
  cs_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 6 && strcmp (argv[1], "--client") == 0)
    return run_client (argv[2], argv[3], argv[4], (guint) g_ascii_strtoull (argv[5], NULL, 10));

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func (cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB"))
                     ? "/store/race/postgresql/two-clients" : "/store/race/two-clients",
                   test_race);
  return g_test_run ();
}
