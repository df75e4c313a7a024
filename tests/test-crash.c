/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: a save killed with SIGKILL at a random moment leaves a whole draft
 *
 * The test runs itself as the child (test-crash --crash-child FIXTURE STORE FIRST): the child
 * builds two large versions A and B of a manifest (6,000 and 5,500 items), opens the store and
 * saves them in turn forever, starting with the one the draft is not, writing one byte to stdout
 * after each save returns. The parent kills it after a random delay, 60 times (20 on a server,
 * where a save of this draft takes far longer), and each time checks with a connection of its
 * own that the store is sound (SQLite: PRAGMA integrity_check says "ok" and no foreign key is
 * broken; PostgreSQL: no row outlives its draft), that every draft reads back whole (and every
 * fifth round that `consign check` passes), and that the draft loads and equals A or B exactly,
 * at the revision that many commits make: the version of the last save the child reported, or of the one after
 * it (killed between the commit and the report); never a mix, never an older one.
 *
 * Under tests/pg-cluster.sh (CONSIGN_TEST_DB is a postgresql:// URI: the crash-postgresql test)
 * the store is a database of its own on that server. The server outlives its killed client: the
 * parent waits until the server has ended the dead client's session (and so its transaction)
 * before it looks. One more test there stops the child at a known point inside a save, after
 * rows were written and before the commit, and kills it then.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cs-json.h"
#include "cs-store.h"
#include "cs-test-pg.h"
#include "cs-test-util.h"

#define N_ROUNDS  60
/* PostgreSQL: a save of version A takes about 1.5 s on the test cluster (a few tens of ms on
 * SQLite), so fewer rounds keep the test within its time; each still kills inside a save */
#define N_ROUNDS_PG 20
#define N_ITEMS_A 6000
#define N_ITEMS_B 5500

static void
set_str (CsRecord   *rec,
         const char *field,
         const char *value)
{
  cs_field_set_string (rec, cs_record_find_field (rec, field), value);
}

/* Version 'A' or 'B' of a large manifest, the same in every process. */
static CsManifest *
build_version (const char *fixture,
               char        which)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) base = cs_json_load_file (fixture, &error);
  CsManifest *m;
  guint n = which == 'A' ? N_ITEMS_A : N_ITEMS_B;

  g_assert_no_error (error);
  m = CS_MANIFEST (cs_record_copy (CS_RECORD (base)));
  set_str (CS_RECORD (m), "id", "c7a1e2f0-3b4d-4c5e-8f60-718293a4b5c6");
  set_str (CS_RECORD (m), "reference", "CRASH-TEST");
  set_str (CS_RECORD (m), "notes", which == 'A' ? "version A" : "version B");
  cs_list_clear (m->items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CsRecord) item = cs_record_copy (cs_list_index (base->items, i % CS_MANIFEST_N_ITEMS (base)));
      CsItem *it = CS_ITEM (item);
      g_autofree char *desc = g_strdup_printf ("%c item %u: %s", which, i, it->description);

      cs_field_set_number (item, cs_record_find_field (item, "line"), i + 1);
      cs_field_set_number (item, cs_record_find_field (item, "gross_kg"),
                           100.0 + i + (which == 'B' ? 0.5 : 0.0));
      set_str (item, "description", desc);
      if (it->vehicle != NULL)
        {
          GStrv vins = g_new0 (char *, 4);
          guint k_max = which == 'A' ? 3 : 2;

          for (guint k = 0; k < k_max; k++)
            vins[k] = g_strdup_printf ("%c%02uCRASH%09u", which, k, i);
          cs_field_take_strv (CS_RECORD (it->vehicle),
                              cs_record_find_field (CS_RECORD (it->vehicle), "vins"), vins);
        }
      cs_list_append_silent (m->items, item);
    }
  if (which == 'B')
    cs_list_remove (m->containers, 1);
  return m;
}

/* ---- the child ---------------------------------------------------------------------------- */

static int
crash_child (const char *fixture,
             const char *db_path,
             char        first,
             gboolean    wait_forever)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) a = build_version (fixture, 'A');
  g_autoptr(CsManifest) b = build_version (fixture, 'B');
  g_autoptr(CsStore) store = cs_store_open (db_path, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  /* PostgreSQL: no lock_timeout, so that a save held at the test's pause point waits until it
   * is killed (it would fail on its own after the default 10 s) */
  if (wait_forever)
    cs_store_set_busy_timeout (store, 0);
  if (write (STDOUT_FILENO, "R", 1) != 1)
    return 1;
  for (guint i = 0;; i++)
    {
      char which = (i % 2 == 0) ? first : (first == 'A' ? 'B' : 'A');
      CsManifest *m = which == 'A' ? a : b;

      if (!cs_store_save (store, m, NULL, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
      if (write (STDOUT_FILENO, which == 'A' ? "a" : "b", 1) != 1)
        return 1;
    }
  return 0;
}

/* ---- the parent --------------------------------------------------------------------------- */

/* Where the test keeps its store: a file in a scratch folder, or a database of its own on the
 * server of tests/pg-cluster.sh. */
typedef struct
{
  char *dir;
  char *location;
  char *pg_name;     /* PostgreSQL: the database */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
  if (cs_test_pg_admin_location () != NULL)
    {
      f->pg_name = cs_test_pg_create_database ("crash");
      f->location = cs_test_pg_location (f->pg_name);
    }
  else
    f->location = g_build_filename (f->dir, "consign.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->pg_name != NULL)
    cs_test_pg_drop_database (f->pg_name);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->location);
  g_free (f->pg_name);
}

static char *
sqlite_text (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "%s;", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

/* After a client was killed: the store is sound, seen through a connection of our own and by
 * the check `consign check` makes; with @run_command, `consign check` itself says so too (a
 * process and a whole read of the draft: not after every round). */
static void
assert_store_sound (Fixture  *f,
                    gboolean  run_command)
{
  const char *argv[] = { g_getenv ("CONSIGN_BIN"), "--db", f->location, "check", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  if (f->pg_name != NULL)
    {
      /* the server has ended the killed client's session, so its transaction is over (committed
       * or rolled back), before we look */
      cs_test_pg_wait_no_sessions (f->pg_name);
      /* no row outlives its draft (the rows below items have no foreign key: see
       * cs-store-schema.c), and the items are those the header counts */
      g_assert_cmpint (cs_test_sql_int (f->location,
                                        "SELECT (SELECT count(*) FROM items WHERE manifest_id NOT IN (SELECT id FROM manifests))"
                                        " + (SELECT count(*) FROM vins WHERE manifest_id NOT IN (SELECT id FROM manifests))"
                                        " + (SELECT count(*) FROM serials WHERE manifest_id NOT IN (SELECT id FROM manifests))"
                                        " + (SELECT count(*) FROM splits WHERE manifest_id NOT IN (SELECT id FROM manifests))"
                                        " + (SELECT count(*) FROM containers WHERE manifest_id NOT IN (SELECT id FROM manifests))"),
                       ==, 0);
      g_assert_cmpint (cs_test_sql_int (f->location,
                                        "SELECT count(*) FROM manifests m"
                                        " WHERE n_items <> (SELECT count(*) FROM items i WHERE i.manifest_id = m.id)"),
                       ==, 0);
    }
  else
    {
      g_autofree char *check = sqlite_text (f->location, "PRAGMA integrity_check");
      g_autofree char *fk = sqlite_text (f->location, "PRAGMA foreign_key_check");

      g_assert_cmpstr (check, ==, "ok;");
      g_assert_cmpstr (fk, ==, "");
    }
  {
    g_autoptr(CsStore) store = cs_store_open_read_only (f->location, &error);

    g_assert_no_error (error);
    g_assert_true (cs_store_check_drafts (store, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_nonnull (argv[0]);
  if (run_command && cs_test_run (argv, &out) != 0)
    g_error ("consign check after a kill: %s", out);
}

/* The draft reads back as @expected at @revision. */
static void
assert_draft (Fixture    *f,
              CsManifest *expected,
              gint64      revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->location, &error);
  g_autoptr(CsManifest) loaded = NULL;

  g_assert_no_error (error);
  loaded = cs_store_load (store, "CRASH-TEST", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (loaded), CS_RECORD (expected)));
  g_assert_cmpint (cs_store_get_revision (store, "CRASH-TEST", &error), ==, revision);
  g_assert_no_error (error);
}

static void
test_sigkill_during_save (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) a = build_version (fixture, 'A');
  g_autoptr(CsManifest) b = build_version (fixture, 'B');
  const guint n_rounds = f->pg_name != NULL ? N_ROUNDS_PG : N_ROUNDS;
  char state = 'A';
  gint64 revision = 1;
  guint seen_a = 0, seen_b = 0, total_saves = 0, first_cut = 0, lost_reports = 0;
  gint64 kill_window_us;

  g_assert_nonnull (self);
  {
    g_autoptr(CsStore) store = cs_store_open (f->location, &error);
    gint64 start = g_get_monotonic_time ();

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, a, NULL, &error));
    g_assert_no_error (error);
    /* kills land within the first few saves however fast this build saves (a sanitizer build
     * takes many times longer than the 300 ms window that suits an optimised one); on a server,
     * within the first two */
    kill_window_us = MAX (300000, (f->pg_name != NULL ? 2 : 4) * (g_get_monotonic_time () - start));
  }

  for (guint round = 0; round < n_rounds; round++)
    {
      /* The child first saves the version the draft is not, so that every save changes it. */
      const char *first = state == 'A' ? "B" : "A";
      const char *argv[] = { self, "--crash-child", fixture, f->location, first, NULL };
      g_autoptr(CsStore) store = NULL;
      g_autoptr(CsManifest) loaded = NULL;
      GPid pid;
      int out_fd, status;
      char buf[256], last = 0, ready = 0;
      gssize n;
      guint saves = 0;
      char after_last;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* Wait until the child has built its manifests and opened the store. */
      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      g_assert_cmpint (ready, ==, 'R');
      /* One save of this manifest takes some tens of milliseconds: kill anywhere in the first
       * few saves, mostly inside one. */
      g_usleep (g_test_rand_int_range (0, (gint32) MIN (kill_window_us, G_MAXINT32)));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      g_spawn_close_pid (pid);
      while ((n = read (out_fd, buf, sizeof buf)) > 0)
        {
          saves += (guint) n;
          last = buf[n - 1];
        }
      close (out_fd);

      /* The state before the save that was possibly cut short. */
      if (saves > 0)
        state = last == 'a' ? 'A' : 'B';
      revision += saves;
      after_last = (saves % 2 == 0) ? first[0] : (first[0] == 'A' ? 'B' : 'A');

      assert_store_sound (f, round % 5 == 4 || round + 1 == n_rounds);

      store = cs_store_open (f->location, &error);
      g_assert_no_error (error);
      loaded = cs_store_load (store, "CRASH-TEST", &error);
      g_assert_no_error (error);
      if (!cs_record_equal (CS_RECORD (loaded), CS_RECORD (state == 'A' ? a : b)))
        {
          if (!cs_record_equal (CS_RECORD (loaded), CS_RECORD (after_last == 'A' ? a : b)))
            g_error ("round %u: the draft is neither the last saved version (%c) nor the next (%c)",
                     round, state, after_last);
          /* committed, killed before it could say so */
          state = after_last;
          revision++;
          lost_reports++;
        }
      /* one revision per commit: none lost, none counted twice */
      g_assert_cmpint (cs_store_get_revision (store, "CRASH-TEST", &error), ==, revision);
      g_assert_no_error (error);

      seen_a += state == 'A';
      seen_b += state == 'B';
      total_saves += saves;
      first_cut += saves == 0;
    }
  g_test_message ("%u rounds: draft was A %u times, B %u times; %u saves completed in all; "
                  "%u kills during the first save; %u commits killed before their report",
                  n_rounds, seen_a, seen_b, total_saves, first_cut, lost_reports);
  /* The child did save (the test would prove nothing if every kill came before a commit). */
  g_assert_cmpuint (total_saves, >, 0);
  g_assert_cmpuint (seen_a + seen_b, ==, n_rounds);
}

/* PostgreSQL: the child is stopped inside a save, after its transaction wrote rows (the
 * draft's header first, then its parties, legs and containers) and at its first statement on
 * the items, by a trigger that waits for a lock the test holds. It is killed there. The server
 * goes on with the dead client's statement once the lock is free, then finds the client gone
 * and rolls the whole transaction back: the draft is the previous revision, whole. */
static void
test_sigkill_mid_transaction (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) a = build_version (fixture, 'A');
  g_autoptr(CsManifest) b = build_version (fixture, 'B');
  const char *argv[] = { self, "--crash-child-wait", fixture, f->location, "B", NULL };
  g_autofree char *wrote = NULL;
  CsDb *pause = NULL;
  GPid pid;
  int out_fd, status, waiter;
  char ready = 0, got = 0;

  {
    g_autoptr(CsStore) store = cs_store_open (f->location, &error);
    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, a, NULL, &error));
    g_assert_no_error (error);
  }
  cs_test_sql_exec (f->location,
                    "CREATE FUNCTION consign_test_pause () RETURNS trigger LANGUAGE plpgsql AS $$"
                    " BEGIN PERFORM pg_advisory_xact_lock_shared (4242); RETURN NULL; END $$;"
                    "CREATE TRIGGER items_test_pause AFTER INSERT OR UPDATE OR DELETE ON items"
                    "  FOR EACH STATEMENT EXECUTE FUNCTION consign_test_pause ()");
  pause = cs_db_open (f->location, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (pause, "SELECT pg_advisory_lock (4242)"), ==, CS_DB_OK);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
  g_assert_cmpint (ready, ==, 'R');

  /* the child's save waits at the pause, inside a transaction that has written (it has a
   * transaction id only once it wrote something) */
  waiter = cs_test_pg_wait_lock_waiter (f->pg_name);
  wrote = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE pid = %d"
                           " AND backend_xid IS NOT NULL AND state = 'active'", waiter);
  g_assert_cmpint (cs_test_sql_int (cs_test_pg_admin_location (), wrote), ==, 1);

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);
  /* it never reported a save */
  g_assert_cmpint (read (out_fd, &got, 1), ==, 0);
  close (out_fd);

  /* let the dead client's statement go on: the server finishes it, then finds no client */
  cs_db_close (pause);
  assert_store_sound (f, TRUE);
  assert_draft (f, a, 1);

  /* and the next save goes through */
  cs_test_sql_exec (f->location, "DROP TRIGGER items_test_pause ON items");
  {
    g_autoptr(CsStore) store = cs_store_open (f->location, &error);
    gint64 rev = 0;

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, b, &rev, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rev, ==, 2);
  }
  assert_draft (f, b, 2);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 5 && g_strcmp0 (argv[1], "--crash-child") == 0)
    return crash_child (argv[2], argv[3], argv[4][0], FALSE);
  if (argc == 5 && g_strcmp0 (argv[1], "--crash-child-wait") == 0)
    return crash_child (argv[2], argv[3], argv[4][0], TRUE);

  g_test_init (&argc, &argv, NULL);
  if (cs_test_pg_admin_location () != NULL)
    {
      g_test_add ("/store/crash/postgresql/sigkill-during-save", Fixture, NULL, fixture_setup,
                  test_sigkill_during_save, fixture_teardown);
      g_test_add ("/store/crash/postgresql/sigkill-mid-transaction", Fixture, NULL, fixture_setup,
                  test_sigkill_mid_transaction, fixture_teardown);
    }
  else
    g_test_add ("/store/crash/sigkill-during-save", Fixture, NULL, fixture_setup,
                test_sigkill_during_save, fixture_teardown);
  return g_test_run ();
}
