/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-watch.c: CsStoreWatch reports other clients' changes (issue 12 §2)
 *
 * SQLite: another connection writes the file, the watch reports "reload everything"; a store
 * that is not there yet is waited for. With CONSIGN_TEST_DB set to a postgresql:// URI
 * (tests/pg-cluster.sh; meson test store-watch-postgresql), the PostgreSQL tests run too, each in
 * a new database: NOTIFYs on the two channels arrive as the ids and kinds sent, many in one
 * emission; drafts saved and deleted by another connection arrive with their ids; a watch whose
 * connection the server ends comes back and reports "reload everything".
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "cs-db.h"
#include "cs-directory.h"
#include "cs-store.h"
#include "cs-store-watch.h"
#include "cs-test-util.h"

typedef struct
{
  char         *dir;
  char         *location;
  char         *pg_name;
  CsStore      *other;       /* another client */
  CsStoreWatch *watch;
  GPtrArray    *drafts;      /* one string per emission: the ids joined by ",", or "*" */
  GPtrArray    *directory;   /* one per emission: the kind, or "*" */
} Fixture;

/* ---- helpers ------------------------------------------------------------------------------- */

static char *
pg_location (const char *admin,
             const char *name)
{
  const char *scheme = strstr (admin, "://");
  const char *path, *query;

  g_assert_nonnull (scheme);
  path = strchr (scheme + 3, '/');
  g_assert_nonnull (path);
  query = strchr (path, '?');
  return g_strdup_printf ("%.*s/%s%s", (int) (path - admin), admin, name, query ? query : "");
}

static void
pg_exec (const char *location,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (location, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (db, sql), ==, CS_DB_OK);
  cs_db_close (db);
}

static void
on_drafts_changed_cb (CsStoreWatch *watch,
                      GStrv         ids,
                      Fixture      *f)
{
  g_ptr_array_add (f->drafts, ids ? g_strjoinv (",", ids) : g_strdup ("*"));
}

static void
on_directory_changed_cb (CsStoreWatch *watch,
                         const char   *what,
                         Fixture      *f)
{
  g_ptr_array_add (f->directory, g_strdup (what ? what : "*"));
}


static void
start_watch (Fixture *f)
{
  f->watch = cs_store_watch_new (f->location);
  cs_store_watch_set_poll_ms (f->watch, 20);
  g_signal_connect (f->watch, "drafts-changed", G_CALLBACK (on_drafts_changed_cb), f);
  g_signal_connect (f->watch, "directory-changed", G_CALLBACK (on_directory_changed_cb), f);
}

static void
count_cb (guint *n)
{
  (*n)++;
}

static char *
save_new_draft (Fixture *f)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_store_save (f->other, m, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (m->id);
}

/* TRUE when some emission so far named @id. */
static gboolean
reported (Fixture    *f,
          const char *id)
{
  for (guint i = 0; i < f->drafts->len; i++)
    {
      g_auto(GStrv) ids = g_strsplit (f->drafts->pdata[i], ",", -1);

      if (g_strv_contains ((const char * const *) ids, id))
        return TRUE;
    }
  return FALSE;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  gboolean postgresql = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;

  f->dir = cs_test_make_tmpdir ();
  f->drafts = g_ptr_array_new_with_free_func (g_free);
  f->directory = g_ptr_array_new_with_free_func (g_free);
  if (postgresql)
    {
      static guint n;
      g_autofree char *create = NULL;

      f->pg_name = g_strdup_printf ("consign_test_watch_%d_%u", (int) getpid (), ++n);
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_name);
      pg_exec (g_getenv ("CONSIGN_TEST_DB"), create);
      f->location = pg_location (g_getenv ("CONSIGN_TEST_DB"), f->pg_name);
    }
  else
    f->location = g_build_filename (f->dir, "drafts.sqlite", NULL);
}

static void
open_other (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->other = cs_store_open (f->location, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->watch != NULL)
    {
      cs_store_watch_stop (f->watch);
      g_assert_finalize_object (f->watch);
    }
  g_clear_object (&f->other);
  if (f->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->pg_name);

      pg_exec (g_getenv ("CONSIGN_TEST_DB"), drop);
    }
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->location);
  g_free (f->pg_name);
  g_ptr_array_unref (f->drafts);
  g_ptr_array_unref (f->directory);
}

/* ---- SQLite --------------------------------------------------------------------------------- */

static void
test_sqlite_other_writes (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  open_other (f);
  start_watch (f);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (f->watch));
  g_assert_null (cs_store_watch_get_last_error (f->watch));
  g_assert_cmpuint (f->drafts->len, ==, 0);

  /* another connection saves: the watch reads which draft changed (the directory did not) */
  id = save_new_draft (f);
  CS_TEST_WAIT_UNTIL (f->drafts->len > 0);
  g_assert_cmpuint (f->drafts->len, ==, 1);
  g_assert_cmpstr (f->drafts->pdata[0], ==, id);
  g_assert_cmpuint (f->directory->len, ==, 0);

  /* and a delete too */
  g_ptr_array_set_size (f->drafts, 0);
  g_assert_true (cs_store_delete (f->other, id, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (f->drafts->len > 0);
  g_assert_cmpstr (f->drafts->pdata[0], ==, id);

  /* a party added: the directory changed (SQLite cannot say which part), no draft did */
  g_ptr_array_set_size (f->drafts, 0);
  {
    g_autoptr(CsParty) party = cs_party_new ();

    cs_record_set_string (CS_RECORD (party), "name", "Watch Trading");
    cs_record_set_string (CS_RECORD (party), "country", "VN");
    cs_directory_add_party (f->other, party, &error);
    g_assert_no_error (error);
  }
  CS_TEST_WAIT_UNTIL (f->directory->len > 0);
  g_assert_cmpstr (f->directory->pdata[0], ==, "*");
  g_assert_cmpuint (f->drafts->len, ==, 0);
}

static void
test_sqlite_waits_for_file (Fixture       *f,
                            gconstpointer  data)
{
  start_watch (f);
  /* no store yet: the watch says why, and tries again */
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_last_error (f->watch) != NULL);
  g_assert_false (cs_store_watch_get_connected (f->watch));
  g_assert_nonnull (strstr (cs_store_watch_get_last_error (f->watch), f->location));

  open_other (f);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (f->watch));
  g_assert_null (cs_store_watch_get_last_error (f->watch));
}

/* After stop, nothing is reported and the thread is gone (teardown checks the object is freed). */
static void
test_sqlite_stop (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = NULL;

  open_other (f);
  start_watch (f);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (f->watch));
  cs_store_watch_stop (f->watch);
  cs_store_watch_stop (f->watch);    /* idempotent */
  id = save_new_draft (f);
  /* a watch still running would read data_version every 20 ms, five times in these 100 ms */
  for (int i = 0; i < 50; i++)
    {
      g_usleep (2000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpuint (f->drafts->len, ==, 0);
}

/* ---- PostgreSQL ----------------------------------------------------------------------------- */

/* A server that is not there: the watch says why, without the password, and keeps trying (no
 * server needed). */
static void
test_pg_unreachable (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *location = g_strdup_printf ("postgresql://clerk:s3cret-one@/consign?host=%s/none"
                                               "&password=s3cret-two&sslmode=disable", f->dir);
  const char *error;

  f->watch = cs_store_watch_new (location);
  g_assert_null (strstr (cs_store_watch_get_location (f->watch), "s3cret"));
  g_assert_nonnull (strstr (cs_store_watch_get_location (f->watch), "clerk@"));
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_last_error (f->watch) != NULL);
  error = cs_store_watch_get_last_error (f->watch);
  g_assert_false (cs_store_watch_get_connected (f->watch));
  g_assert_null (strstr (error, "s3cret"));
  g_assert_nonnull (strstr (error, "sslmode=disable"));    /* the place is named */
}

static void
test_pg_notify (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CsDb *db;

  start_watch (f);
  /* a long window, so that all NOTIFYs of the transaction below land in one emission */
  cs_store_watch_set_coalesce_ms (f->watch, 200);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (f->watch));
  g_assert_nonnull (strstr (cs_store_watch_get_location (f->watch), f->pg_name));

  db = cs_db_open (f->location, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (db, "BEGIN;"
                                   " NOTIFY consign_drafts, 'b-id';"
                                   " NOTIFY consign_drafts, 'a-id';"
                                   " NOTIFY consign_drafts, 'b-id';"
                                   " NOTIFY consign_directory, 'products';"
                                   " NOTIFY other_channel, 'x';"
                                   " COMMIT"), ==, CS_DB_OK);
  CS_TEST_WAIT_UNTIL (f->drafts->len > 0 && f->directory->len > 0);
  g_assert_cmpuint (f->drafts->len, ==, 1);
  g_assert_cmpstr (f->drafts->pdata[0], ==, "a-id,b-id");
  g_assert_cmpuint (f->directory->len, ==, 1);
  g_assert_cmpstr (f->directory->pdata[0], ==, "products");

  /* a payload that names nothing the watch knows means "all" */
  g_ptr_array_set_size (f->directory, 0);
  g_assert_cmpint (cs_db_exec (db, "NOTIFY consign_directory, 'somewhere'"), ==, CS_DB_OK);
  CS_TEST_WAIT_UNTIL (f->directory->len > 0);
  g_assert_cmpstr (f->directory->pdata[0], ==, "*");
  cs_db_close (db);
}

/* The server ends the watch's connection: it connects again and asks for a full reload. */
static void
test_pg_reconnect (Fixture       *f,
                   gconstpointer  data)
{
  guint n_notified = 0;

  start_watch (f);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (f->watch));
  g_signal_connect_swapped (f->watch, "notify::connected", G_CALLBACK (count_cb), &n_notified);
  pg_exec (f->location, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                        " WHERE application_name = 'consign-watch' AND datname = current_database ()");
  CS_TEST_WAIT_UNTIL (n_notified >= 2 && cs_store_watch_get_connected (f->watch));
  CS_TEST_WAIT_UNTIL (f->drafts->len > 0);
  g_assert_cmpstr (f->drafts->pdata[f->drafts->len - 1], ==, "*");
  CS_TEST_WAIT_UNTIL (f->directory->len > 0);
  g_assert_cmpstr (f->directory->pdata[f->directory->len - 1], ==, "*");
}

/* Drafts saved and deleted through another CsStore arrive with their ids (schema 8 triggers). */
static void
test_pg_save_delete (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  open_other (f);
  start_watch (f);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (f->watch));

  a = save_new_draft (f);
  b = save_new_draft (f);
  CS_TEST_WAIT_UNTIL (reported (f, a) && reported (f, b));
  for (guint i = 0; i < f->drafts->len; i++)
    g_assert_cmpstr (f->drafts->pdata[i], !=, "*");

  g_ptr_array_set_size (f->drafts, 0);
  g_assert_true (cs_store_delete (f->other, a, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (reported (f, a));
  g_assert_false (reported (f, b));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB")))
    {
      g_test_add ("/store-watch/postgresql/notify", Fixture, GINT_TO_POINTER (TRUE), setup,
                  test_pg_notify, teardown);
      g_test_add ("/store-watch/postgresql/reconnect", Fixture, GINT_TO_POINTER (TRUE), setup,
                  test_pg_reconnect, teardown);
      g_test_add ("/store-watch/postgresql/save-delete", Fixture, GINT_TO_POINTER (TRUE), setup,
                  test_pg_save_delete, teardown);
      return g_test_run ();
    }
  g_test_add ("/store-watch/sqlite/other-writes", Fixture, NULL, setup, test_sqlite_other_writes,
              teardown);
  g_test_add ("/store-watch/sqlite/waits-for-file", Fixture, NULL, setup, test_sqlite_waits_for_file,
              teardown);
  g_test_add ("/store-watch/sqlite/stop", Fixture, NULL, setup, test_sqlite_stop, teardown);
  g_test_add ("/store-watch/postgresql/unreachable", Fixture, NULL, setup, test_pg_unreachable,
              teardown);
  return g_test_run ();
}
