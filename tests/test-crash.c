/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: a save killed with SIGKILL at a random moment leaves a whole draft
 *
 * The test runs itself as the child (test-crash --crash-child FIXTURE DB): the child builds two
 * large versions A and B of a manifest (6,000 and 5,500 items), opens the store and saves them
 * in turn forever, starting with the one the draft is not, writing one byte to stdout after each
 * save returns. The parent kills it
 * after a random delay, 60 times, and each time checks with a connection of its own that
 * PRAGMA integrity_check says "ok", no foreign key is broken, and that the draft loads and
 * equals A or B exactly: the version of the last save the child reported, or of the one after
 * it (killed between the commit and the report); never a mix, never an older one.
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

#define N_ROUNDS  60
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
             char        first)
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

static char *
sql_text (const char *path,
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

static void
test_sigkill_during_save (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cs-test-crash-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "consign.sqlite", NULL);
  g_autoptr(CsManifest) a = build_version (fixture, 'A');
  g_autoptr(CsManifest) b = build_version (fixture, 'B');
  char state = 'A';
  guint seen_a = 0, seen_b = 0, total_saves = 0, first_cut = 0;
  gint64 kill_window_us;

  g_assert_no_error (error);
  g_assert_nonnull (self);
  {
    g_autoptr(CsStore) store = cs_store_open (db_path, &error);
    gint64 start = g_get_monotonic_time ();

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, a, NULL, &error));
    g_assert_no_error (error);
    /* kills land within the first few saves however fast this build saves (a sanitizer build
     * takes many times longer than the 300 ms window that suits an optimised one) */
    kill_window_us = MAX (300000, 4 * (g_get_monotonic_time () - start));
  }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      /* The child first saves the version the draft is not, so that every save changes it. */
      const char *first = state == 'A' ? "B" : "A";
      const char *argv[] = { self, "--crash-child", fixture, db_path, first, NULL };
      g_autoptr(CsStore) store = NULL;
      g_autoptr(CsManifest) loaded = NULL;
      g_autofree char *check = NULL;
      g_autofree char *fk = NULL;
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
      after_last = (saves % 2 == 0) ? first[0] : (first[0] == 'A' ? 'B' : 'A');

      check = sql_text (db_path, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok;");
      fk = sql_text (db_path, "PRAGMA foreign_key_check");
      g_assert_cmpstr (fk, ==, "");

      store = cs_store_open (db_path, &error);
      g_assert_no_error (error);
      loaded = cs_store_load (store, "CRASH-TEST", &error);
      g_assert_no_error (error);
      if (!cs_record_equal (CS_RECORD (loaded), CS_RECORD (state == 'A' ? a : b)))
        {
          if (!cs_record_equal (CS_RECORD (loaded), CS_RECORD (after_last == 'A' ? a : b)))
            g_error ("round %u: the draft is neither the last saved version (%c) nor the next (%c)",
                     round, state, after_last);
          state = after_last;
        }

      seen_a += state == 'A';
      seen_b += state == 'B';
      total_saves += saves;
      first_cut += saves == 0;
    }
  g_test_message ("%u rounds: draft was A %u times, B %u times; %u saves completed in all; "
                  "%u kills during the first save", N_ROUNDS, seen_a, seen_b, total_saves, first_cut);
  /* The child did save (the test would prove nothing if every kill came before a commit). */
  g_assert_cmpuint (total_saves, >, 0);
  g_assert_cmpuint (seen_a + seen_b, ==, N_ROUNDS);

  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db_path, suffixes[i], NULL);
        g_remove (p);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc == 5 && g_strcmp0 (argv[1], "--crash-child") == 0)
    return crash_child (argv[2], argv[3], argv[4][0]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/crash/sigkill-during-save", test_sigkill_during_save);
  return g_test_run ();
}
