/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c: the SQLite draft store: lossless round trips, search, copies, audit, errors */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cs-db-pg.h"
#include "cs-directory.h"
#include "cs-edifact-history.h"
#include "cs-store-thread.h"
#include "cs-json.h"
#include "cs-store.h"
#include "cs-store-private.h"
#include "cs-test-util.h"

/* With CONSIGN_TEST_DB set to a postgresql:// URI of a server where the user may create
 * databases (tests/pg-cluster.sh), the tests that do not look at SQLite's file itself run on
 * PostgreSQL instead, each in a database of its own. */
static const char *pg_admin_location;

typedef struct
{
  char    *dir;
  char    *path;
  char    *pg_name;
  CsStore *store;
} Fixture;

static void
pg_admin (const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *admin = cs_db_open (pg_admin_location, 0, &error);

  g_assert_no_error (error);
  if (cs_db_exec (admin, sql) != CS_DB_OK)
    g_error ("%s: %s", sql, cs_db_errmsg (admin));
  cs_db_close (admin);
}

/* The admin location with the database @name. */
static char *
pg_location (const char *name)
{
  const char *path = strchr (strstr (pg_admin_location, "://") + 3, '/');
  const char *query = strchr (path, '?');

  return g_strdup_printf ("%.*s/%s%s", (int) (path - pg_admin_location), pg_admin_location, name,
                          query ? query : "");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cs_test_make_tmpdir ();
  if (pg_admin_location != NULL)
    {
      static guint n;
      g_autofree char *create = NULL;

      f->pg_name = g_strdup_printf ("consign_test_store_%d_%u", (int) getpid (), ++n);
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_name);
      pg_admin (create);
      f->path = pg_location (f->pg_name);
    }
  else
    /* A folder that does not exist yet: opening creates it. */
    f->path = g_build_filename (f->dir, "sub", "consign.sqlite", NULL);
  f->store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  if (f->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->pg_name);
      pg_admin (drop);
    }
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->pg_name);
}

/* An independent look at the store (the file or the server), through a connection of our own. */
static gint64
sql_int (const char *path,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (path, CS_DB_OPEN_READ_ONLY, &error);
  CsDbStmt *stmt = NULL;
  gint64 v = G_MININT64;

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_prepare (db, sql, FALSE, &stmt), ==, CS_DB_OK);
  if (cs_db_step (stmt) == CS_DB_ROW)
    v = cs_db_column_int64 (stmt, 0);
  cs_db_stmt_free (stmt);
  cs_db_close (db);
  return v;
}

static char *
sql_text (const char *path,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (path, CS_DB_OPEN_READ_ONLY, &error);
  CsDbStmt *stmt = NULL;
  char *v = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_prepare (db, sql, FALSE, &stmt), ==, CS_DB_OK);
  if (cs_db_step (stmt) == CS_DB_ROW)
    v = g_strdup (cs_db_column_text (stmt, 0));
  cs_db_stmt_free (stmt);
  cs_db_close (db);
  return v;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (path, CS_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  if (cs_db_exec (db, sql) != CS_DB_OK)
    g_error ("%s: %s", sql, cs_db_errmsg (db));
  cs_db_close (db);
}

static void
set_str (CsRecord   *rec,
         const char *field,
         const char *value)
{
  cs_field_set_string (rec, cs_record_find_field (rec, field), value);
}

/* ---- opening ------------------------------------------------------------------------------ */

static void
test_open_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *mode = sql_text (f->path, "PRAGMA journal_mode");

  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (cs_store_get_path (f->store), ==, f->path);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (mode, ==, "wal");
  /* Tables are STRICT: a text in a REAL column is refused. */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_list WHERE strict = 1"
                                     " AND schema = 'main'"), >=, 14);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                     " AND name IN ('vins_vin', 'containers_number', 'seals_seal',"
                                     " 'serials_serial')"), ==, 4);
}

static void
test_default_path (void)
{
  g_autofree char *path = cs_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "consign",
                                                "consign.sqlite", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
assert_refused_untouched (const char   *path,
                          int           code,
                          const char   *must_say)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before = 0, n_after = 0;
  g_autoptr(CsStore) store = NULL;

  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));
  store = cs_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (must_say != NULL)
    g_assert_nonnull (strstr (error->message, must_say));
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
}

static void
test_open_not_database (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "garbage.sqlite", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.sqlite", NULL);
  GString *junk = g_string_new (NULL);

  /* Random bytes where the header should be. */
  for (guint i = 0; i < 8192; i++)
    g_string_append_c (junk, (char) (i * 7919 % 251));
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, NULL));
  g_string_free (junk, TRUE);
  assert_refused_untouched (path, CS_STORE_ERROR_NOT_DATABASE, NULL);

  /* A real SQLite database that belongs to something else. */
  sql_exec (foreign, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                     "INSERT INTO moz_places (url) VALUES ('https://example.org');");
  assert_refused_untouched (foreign, CS_STORE_ERROR_NOT_DATABASE, NULL);
}

static void
test_open_too_new (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "future.sqlite", NULL);
  g_autofree char *want = g_strdup_printf ("%d", CS_STORE_SCHEMA_VERSION + 1);
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE manifests (id TEXT PRIMARY KEY, whatever BLOB);"
                                          "INSERT INTO manifests VALUES ('x', x'00ff');"
                                          "PRAGMA user_version = %d;", CS_STORE_SCHEMA_VERSION + 1);

  sql_exec (path, sql);
  assert_refused_untouched (path, CS_STORE_ERROR_TOO_NEW, want);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS) &&
                  sql_int (path, "PRAGMA user_version") != CS_STORE_SCHEMA_VERSION + 1);
}

static void
test_open_unwritable_paths (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *below_file = g_build_filename (file, "consign", "consign.sqlite", NULL);
  g_autofree char *a_dir = g_build_filename (f->dir, "a-folder", NULL);
  CsStore *store;

  /* The folder cannot be made: a file is in the way. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = cs_store_open (below_file, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, below_file));
  g_clear_error (&error);

  /* The path is a folder. */
  g_assert_cmpint (g_mkdir (a_dir, 0700), ==, 0);
  store = cs_store_open (a_dir, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, a_dir));
}

/* Permissions: run as an unprivileged user (root ignores file modes), in a subprocess. */
static void
drop_privileges_if_root (void)
{
  if (geteuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }
  g_assert_cmpint (geteuid (), !=, 0);
}

static void
test_open_permissions (void)
{
  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("CS_TEST_RO_DIR");
      const char *existing = g_getenv ("CS_TEST_RO_DB");
      g_autofree char *fresh = g_build_filename (dir, "new", "consign.sqlite", NULL);
      g_autoptr(GError) error = NULL;
      CsStore *store;

      drop_privileges_if_root ();

      store = cs_store_open (fresh, &error);
      g_assert_null (store);
      g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
      g_assert_nonnull (strstr (error->message, fresh));
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);

      store = cs_store_open (existing, &error);
      g_assert_null (store);
      g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
      g_assert_nonnull (strstr (error->message, existing));
      g_printerr ("%s\n", error->message);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *top = g_dir_make_tmp ("cs-test-store-XXXXXX", &error);
      g_autofree char *ro_dir = g_build_filename (top, "ro", NULL);
      g_autofree char *ro_db = g_build_filename (ro_dir, "consign.sqlite", NULL);
      g_autoptr(CsStore) store = NULL;
      g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize n_before, n_after;

      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir (ro_dir, 0755), ==, 0);
      store = cs_store_open (ro_db, &error);
      g_assert_no_error (error);
      g_assert_true (cs_store_save (store, m, NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&store);   /* checkpoints and removes the -wal file */
      g_assert_true (g_file_get_contents (ro_db, &before, &n_before, NULL));
      g_assert_cmpint (g_chmod (ro_db, 0444), ==, 0);
      g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);
      g_assert_cmpint (g_chmod (top, 0755), ==, 0);

      g_setenv ("CS_TEST_RO_DIR", ro_dir, TRUE);
      g_setenv ("CS_TEST_RO_DB", ro_db, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*cannot create the folder*permissions of the file and its folder*");

      g_assert_true (g_file_get_contents (ro_db, &after, &n_after, NULL));
      g_assert_cmpmem (before, n_before, after, n_after);
      cs_test_remove_tree (top);
    }
}

/* ---- round trips ------------------------------------------------------------------------- */

static void
assert_round_trip (Fixture    *f,
                   CsManifest *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsStore) other = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 rev = 0;

  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, >=, 1);
  back = cs_store_load (f->store, m->id, &error);
  g_assert_no_error (error);
  a = cs_json_dump (m, NULL);
  b = cs_json_dump (back, NULL);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
  g_clear_object (&back);

  /* Through a second connection, too. */
  other = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  back = cs_store_load (other, m->id, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
}

static void
test_round_trip_fixture (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) by_ref = NULL;
  gint64 rev = 0;

  assert_round_trip (f, m);

  /* Loading by reference gives the same draft. */
  by_ref = cs_store_load (f->store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (by_ref)));

  /* Re-saving bumps the revision and changes nothing else. */
  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 2);
  g_assert_cmpint (cs_store_get_revision (f->store, m->reference, &error), ==, 2);
  assert_round_trip (f, m);
}

/* Absent vs empty: sub-blocks present but empty, vectors present but empty, nothing at all. */
static void
test_round_trip_edges (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) bare = cs_manifest_new ();
  CsItem *car = CS_MANIFEST_ITEM (m, 3);
  CsItem *lathe = CS_MANIFEST_ITEM (m, 1);
  CsContainer *box = CS_MANIFEST_CONTAINER (m, 0);
  CsRecord *rec;
  const char *odd[] = { "", "  spaced  ", "引号\"和\\反斜杠", "tab\there", NULL };

  set_str (CS_RECORD (m), "id", "11111111-2222-4333-8444-555555555555");
  set_str (CS_RECORD (m), "reference", "EDGE-1");
  set_str (CS_RECORD (m), "notes", "");
  cs_field_take_record (CS_RECORD (m), cs_record_find_field (CS_RECORD (m), "incoterm"),
                        g_object_new (CS_TYPE_INCOTERM, NULL));
  cs_field_take_record (CS_RECORD (m), cs_record_find_field (CS_RECORD (m), "invoice"), NULL);
  rec = CS_RECORD (car->vehicle);
  cs_field_take_strv (rec, cs_record_find_field (rec, "vins"), g_new0 (char *, 1));
  /* and the boxes of the VINs it dropped: the store keeps a box only with its VIN */
  cs_field_take_strv (rec, cs_record_find_field (rec, "vin_containers"), NULL);
  rec = CS_RECORD (lathe->machinery);
  cs_field_take_strv (rec, cs_record_find_field (rec, "serials"), NULL);
  rec = CS_RECORD (box);
  cs_field_take_strv (rec, cs_record_find_field (rec, "seals"), g_strdupv ((char **) odd));
  cs_field_take_strv (rec, cs_record_find_field (rec, "pending"), g_strdupv ((char **) odd));
  rec = CS_RECORD (car);
  cs_field_take_record (rec, cs_record_find_field (rec, "dg"), g_object_new (CS_TYPE_DG, NULL));
  cs_field_set_number (rec, cs_record_find_field (rec, "value"), 0.1 + 0.2);
  cs_field_set_number (rec, cs_record_find_field (rec, "net_kg"), -1e-300);
  /* Parties block with one party removed entirely. */
  rec = CS_RECORD (m->parties);
  cs_field_take_record (rec, cs_record_find_field (rec, "notify"), NULL);
  assert_round_trip (f, m);

  /* A manifest with nothing set but an id. */
  set_str (CS_RECORD (bare), "id", "bare-draft");
  assert_round_trip (f, bare);
}

static void
test_resave_replaces_children (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins"), ==, 2);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM serials"), ==, 4);

  /* Fewer items, containers and documents: no stale rows remain. */
  cs_list_remove (m->items, 3);
  cs_list_remove (m->items, 1);
  cs_list_remove (m->containers, 2);
  cs_list_remove (m->documents, 0);
  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  back = cs_store_load (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM items"), ==, 5);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM serials"), ==, 3);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM splits"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM containers"), ==, 2);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM seals"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM documents"), ==, 5);
  g_assert_cmpint (sql_int (f->path, "SELECT n_items FROM manifests"), ==, 5);
}

/* Re-saving updates rows in place: every kind of change must land, letter case included (the
 * look-up columns compare without case). */
static void
test_resave_updates_in_place (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;
  CsItem *car = CS_MANIFEST_ITEM (m, 3);
  CsItem *grinder = CS_MANIFEST_ITEM (m, 2);
  const char *one_vin[] = { "ljcpcblcx11000237", NULL };
  const char *one_serial[] = { "LJ-GS100-26-0031", NULL };
  gint64 covers[] = { 1, 2 };
  CsRecord *rec;

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(CsManifest) back = NULL;
      g_autoptr(CsItem) moved = NULL;

      switch (round)
        {
        case 0:
          rec = CS_RECORD (car->vehicle);
          cs_field_take_strv (rec, cs_record_find_field (rec, "vins"), g_strdupv ((char **) one_vin));
          rec = CS_RECORD (grinder->machinery);
          cs_field_take_strv (rec, cs_record_find_field (rec, "serials"),
                              g_strdupv ((char **) one_serial));
          set_str (CS_RECORD (CS_MANIFEST_CONTAINER (m, 0)), "number", "oolu8832107");
          cs_list_remove (car->splits, 1);
          cs_record_set_intv (CS_RECORD (CS_MANIFEST_DOCUMENT (m, 3)), "covers", covers, 2);
          rec = CS_RECORD (CS_MANIFEST_DOCUMENT (m, 4));
          cs_field_take_intv (rec, cs_record_find_field (rec, "covers"), NULL);
          rec = CS_RECORD (CS_MANIFEST_CONTAINER (m, 2));
          cs_field_take_strv (rec, cs_record_find_field (rec, "seals"), g_new0 (char *, 1));
          break;
        case 1:
          /* Move the car to the front: every position after it changes. */
          moved = g_object_ref (car);
          cs_list_remove (m->items, 3);
          cs_list_insert (m->items, 0, moved);
          cs_field_take_record (CS_RECORD (moved), cs_record_find_field (CS_RECORD (moved), "vehicle"),
                                NULL);
          break;
        case 2:
          rec = CS_RECORD (CS_MANIFEST_CONTAINER (m, 2));
          cs_field_take_strv (rec, cs_record_find_field (rec, "seals"), NULL);
          cs_list_clear (m->documents);
          cs_list_remove (m->legs, 1);
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_true (cs_store_save (f->store, m, NULL, &error));
      g_assert_no_error (error);
      back = cs_store_load (f->store, m->id, &error);
      g_assert_no_error (error);
      if (!cs_record_equal (CS_RECORD (m), CS_RECORD (back)))
        {
          g_autofree char *a = cs_json_dump (m, NULL);
          g_autofree char *b = cs_json_dump (back, NULL);
          g_assert_cmpstr (a, ==, b);
        }
    }
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM serials"), ==, 3);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM splits"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM seals"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM document_covers"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM legs"), ==, 1);
  /* the letter case of a changed number is saved (PostgreSQL's text compares bytes anyway) */
  g_assert_cmpint (sql_int (f->path, pg_admin_location
                                       ? "SELECT count(*) FROM containers WHERE number = 'oolu8832107'"
                                       : "SELECT count(*) FROM containers WHERE number = 'oolu8832107'"
                                         " COLLATE BINARY"), ==, 1);
}

static void
test_save_assigns_id (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_manifest_new ();
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (m->id);
  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (m->id));
  back = cs_store_load (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
}

static void
test_duplicate_reference (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsManifest) b = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_items;

  g_assert_true (cs_store_save (f->store, a, NULL, &error));
  g_assert_no_error (error);
  n_items = sql_int (f->path, "SELECT count(*) FROM items");
  set_str (CS_RECORD (b), "id", "0e2d7c4a-1b3f-4a5e-9c7d-2f6e8a0b1c3d");
  set_str (CS_RECORD (b), "reference", a->reference);
  g_assert_false (cs_store_save (f->store, b, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, a->reference));
  g_clear_error (&error);

  /* Nothing of b was written; a is intact. */
  g_assert_null (cs_store_load (f->store, b->id, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM items"), ==, n_items);
  back = cs_store_load (f->store, a->reference, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (a), CS_RECORD (back)));

  /* The same draft may of course be saved again under its reference. */
  g_assert_true (cs_store_save (f->store, a, NULL, &error));
  g_assert_no_error (error);
}

static void
test_damaged_row (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  sql_exec (f->path, "UPDATE items SET category = 'spaceship' WHERE pos = 2");
  g_assert_null (cs_store_load (f->store, m->reference, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "items"));
  g_assert_nonnull (strstr (error->message, "spaceship"));
  g_assert_nonnull (strstr (error->message, f->path));
}

/* A crafted database: a list column nested a million levels deep must be refused as damaged,
 * not overflow json-glib's recursive parser. */
static void
test_damaged_deep_list (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  GString *deep = g_string_new (NULL);

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  sql = g_strdup_printf ("UPDATE containers SET pending = '%s'", deep->str);
  g_string_free (deep, TRUE);
  sql_exec (f->path, sql);
  g_assert_null (cs_store_load (f->store, m->reference, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE);
  g_assert_nonnull (strstr (error->message, "pending"));
}

/* ---- lists and lookups ------------------------------------------------------------------- */

#define EVERY_ID "0e2d7c4a-1b3f-4a5e-9c7d-2f6e8a0b1c3d"

static void
save_three (Fixture *f)
{
  g_autoptr(CsManifest) a = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsManifest) b = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) c = cs_manifest_new_draft ();
  g_autoptr(GError) error = NULL;

  /* The two fixtures share an id; here they are two drafts. */
  set_str (CS_RECORD (b), "id", EVERY_ID);
  set_str (CS_RECORD (c), "reference", "EMPTY_100%");
  g_assert_true (cs_store_save (f->store, a, NULL, &error));
  g_assert_true (cs_store_save (f->store, b, NULL, &error));
  g_assert_true (cs_store_save (f->store, c, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
has_ref (GPtrArray  *rows,
         const char *reference)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((CsStoreSummary *) rows->pdata[i])->reference, reference) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
list (Fixture    *f,
      const char *search,
      const char *status)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = cs_store_list (f->store, search, status, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* Searches @f's store for @text (with @status) and checks the count and that @ref is among them. */
#define CHECK_SEARCH(text, status, n, ref) \
  G_STMT_START { \
    g_autoptr(GPtrArray) r_ = list (f, text, status); \
    g_assert_cmpuint (r_->len, ==, n); \
    if (ref != NULL) \
      g_assert_true (has_ref (r_, ref)); \
  } G_STMT_END

static void
test_list_and_search (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) rail = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CsStoreSummary *s;

  save_three (f);
  all = list (f, NULL, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  /* Most recently saved first. */
  g_assert_cmpstr (((CsStoreSummary *) all->pdata[0])->reference, ==, "EMPTY_100%");
  s = all->pdata[1];
  g_assert_cmpstr (s->reference, ==, "CQ-EVERY-0001");
  g_assert_cmpstr (s->consignee, ==, "Hai Phong Industrial Equipment JSC");
  g_assert_cmpstr (s->corridor, ==, "CQ-QZH-RAILSEA");
  g_assert_cmpstr (s->status, ==, "ready");
  g_assert_cmpuint (s->n_items, ==, 7);
  g_assert_cmpint (s->n_errors, ==, -1);
  g_assert_cmpint (s->revision, ==, 1);
  g_assert_cmpint (ABS (s->updated - g_get_real_time () / G_USEC_PER_SEC), <, 120);

  CHECK_SEARCH ("", NULL, 3, NULL);
  CHECK_SEARCH ("  ", NULL, 3, NULL);
  CHECK_SEARCH ("every", NULL, 1, "CQ-EVERY-0001");                 /* part of a reference */
  CHECK_SEARCH ("成都局", NULL, 1, "CQ-EVERY-0001");                 /* Chinese party name */
  CHECK_SEARCH ("railway chengdu", NULL, 1, "CQ-EVERY-0001");       /* Latin name, any case */
  CHECK_SEARCH ("两江精密", NULL, 2, rail->reference);               /* both have this shipper */
  CHECK_SEARCH ("1m8gdm9axkp042788", NULL, 1, "CQ-EVERY-0001");     /* VIN, any case */
  CHECK_SEARCH ("1M8GDM9AXKP04278", NULL, 1, "CQ-EVERY-0001");      /* a part of a VIN */
  CHECK_SEARCH ("CSQU3054383", NULL, 1, "CQ-EVERY-0001");           /* container number */
  CHECK_SEARCH ("RF002", NULL, 1, "CQ-EVERY-0001");                 /* seal */
  CHECK_SEARCH ("FX-0001", NULL, 1, "CQ-EVERY-0001");               /* serial */
  CHECK_SEARCH ("lj-gs100-26-0032", NULL, 2, "CQ-EVERY-0001");
  CHECK_SEARCH ("%", NULL, 1, "EMPTY_100%");                        /* no wildcard */
  CHECK_SEARCH ("_", NULL, 1, "EMPTY_100%");
  CHECK_SEARCH ("no such thing", NULL, 0, NULL);
  CHECK_SEARCH (NULL, "draft", 2, "EMPTY_100%");
  CHECK_SEARCH (NULL, "ready", 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("every", "draft", 0, NULL);
  CHECK_SEARCH (rail->reference, NULL, 1, rail->reference);
}

/* VINs, container numbers and item descriptions match by any part of them, as clerks remember
 * them: a VIN's tail, a container's prefix, a word of the goods (issue 13). */
static void
test_search_parts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsManifest) durian = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GError) error = NULL;

  save_three (f);
  set_str (CS_RECORD (durian), "id", "durian-draft");
  set_str (CS_RECORD (durian), "reference", "CQ-DURIAN-0001");
  set_str (CS_RECORD (CS_MANIFEST_CONTAINER (durian, 0)), "number", "CSNU8320015");
  set_str (CS_RECORD (CS_MANIFEST_ITEM (durian, 2)), "description",
           "冷冻榴莲肉 Frozen durian pulp, 100% Musang King");
  g_assert_true (cs_store_save (f->store, durian, NULL, &error));
  g_assert_no_error (error);

  /* VINs: the tail, a middle part, any case; the whole VIN still. */
  CHECK_SEARCH ("042788", NULL, 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("kp0427", NULL, 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("LJCPCBLCX", NULL, 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("1M8GDM9AXKP042788", NULL, 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("1M8GDM9AXKP0427889", NULL, 0, NULL);
  /* Container numbers: a prefix, a part, any case. */
  CHECK_SEARCH ("CSNU832", NULL, 1, "CQ-DURIAN-0001");
  CHECK_SEARCH ("csqu305", NULL, 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("OOLU883", NULL, 2, "QZH2604-0042");      /* the durian draft's OOLU box was renumbered */
  CHECK_SEARCH ("8320015", NULL, 1, "CQ-DURIAN-0001");
  /* Item descriptions: a Chinese word, Latin words in any case. */
  CHECK_SEARCH ("榴莲", NULL, 1, "CQ-DURIAN-0001");
  CHECK_SEARCH ("DURIAN PULP", NULL, 1, "CQ-DURIAN-0001");
  CHECK_SEARCH ("fuji", NULL, 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("notebook computers", NULL, 3, "CQ-DURIAN-0001");
  /* The user's % and _ are characters, not wildcards, in these columns too. */
  CHECK_SEARCH ("100% musang", NULL, 1, "CQ-DURIAN-0001");
  CHECK_SEARCH ("1_0", NULL, 0, NULL);                    /* would match "100" as a wildcard */
  CHECK_SEARCH ("u%p", NULL, 0, NULL);                    /* would match "durian pulp" */
  CHECK_SEARCH ("\\", NULL, 0, NULL);                     /* the escape character itself */
  CHECK_SEARCH ("榴莲肉 frozen", NULL, 1, "CQ-DURIAN-0001");
  CHECK_SEARCH ("榴莲肉Frozen", NULL, 0, NULL);
}

static void
test_find_vin_container (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsManifest) copy = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CsRecord *rec;

  save_three (f);
  rows = cs_store_find_vin (f->store, "LJCPCBLCX11000237", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CsStoreSummary *) rows->pdata[0])->reference, ==, "CQ-EVERY-0001");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The same VIN in a second draft: both are found. */
  set_str (CS_RECORD (copy), "id", "second-copy");
  set_str (CS_RECORD (copy), "reference", "CQ-EVERY-0002");
  g_assert_true (cs_store_save (f->store, copy, NULL, &error));
  g_assert_no_error (error);
  rows = cs_store_find_vin (f->store, "ljcpcblcx11000237", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (has_ref (rows, "CQ-EVERY-0002"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = cs_store_find_container (f->store, "OOLU8832107", &error);   /* also in railsea */
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Editing the copy's container number moves it out of the lookup. */
  rec = CS_RECORD (CS_MANIFEST_CONTAINER (copy, 0));
  set_str (rec, "number", "MSCU1234565");
  g_assert_true (cs_store_save (f->store, copy, NULL, &error));
  rows = cs_store_find_container (f->store, "oolu8832107", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_false (has_ref (rows, "CQ-EVERY-0002"));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cs_store_find_vin (f->store, "WVWZZZ1JZXW000000", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_status_counts_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  static const char * const tables[] = {
    "parties", "legs", "containers", "seals", "items", "vins", "serials", "splits",
    "documents", "document_covers",
  };

  save_three (f);
  g_assert_true (cs_store_set_status (f->store, "CQ-EVERY-0001", "archived", &error));
  g_assert_no_error (error);
  g_assert_false (cs_store_set_status (f->store, "CQ-EVERY-0001", "lost", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cs_store_set_counts (f->store, "CQ-EVERY-0001", 3, 7, &error));
  g_assert_no_error (error);
  s = cs_store_get_summary (f->store, "CQ-EVERY-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->status, ==, "archived");
  g_assert_cmpint (s->n_errors, ==, 3);
  g_assert_cmpint (s->n_warnings, ==, 7);
  g_assert_cmpint (s->revision, ==, 1);
  g_clear_object (&s);

  g_assert_false (cs_store_set_status (f->store, "NOPE", "ready", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "NOPE"));
  g_clear_error (&error);

  g_assert_true (cs_store_delete (f->store, "CQ-EVERY-0001", &error));
  g_assert_no_error (error);
  g_assert_false (cs_store_delete (f->store, "CQ-EVERY-0001", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE manifest_id ="
                                              " '" EVERY_ID "'", tables[i]);
      g_assert_cmpint (sql_int (f->path, sql), ==, 0);
    }
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM manifests"), ==, 2);
}

/* The typed status API: cs_store_set_status_value writes the CsStatus's word, and
 * cs_store_list_by_status filters by a CsStatus (UNSET = any); the string forms parse their word
 * once, so an unknown filter word is an error rather than an empty list. */
static void
test_status_typed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  g_autoptr(GPtrArray) any = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autoptr(GPtrArray) ready = NULL;

  save_three (f);
  g_assert_true (cs_store_set_status_value (f->store, "CQ-EVERY-0001", CS_STATUS_EXPORTED, &error));
  g_assert_no_error (error);
  s = cs_store_get_summary (f->store, "CQ-EVERY-0001", &error);
  g_assert_no_error (error);
  g_assert_true (s->status == cs_enum_to_string (CS_TYPE_STATUS, CS_STATUS_EXPORTED));
  g_assert_cmpstr (s->status, ==, "exported");
  g_assert_cmpint (s->revision, ==, 1);

  any = cs_store_list_by_status (f->store, NULL, CS_STATUS_UNSET, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (any->len, ==, 3);
  exported = cs_store_list_by_status (f->store, NULL, CS_STATUS_EXPORTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exported->len, ==, 1);
  g_assert_cmpstr (((CsStoreSummary *) exported->pdata[0])->reference, ==, "CQ-EVERY-0001");
  /* The same filter as a word, and with a search. */
  CHECK_SEARCH (NULL, "exported", 1, "CQ-EVERY-0001");
  CHECK_SEARCH ("CQ-EVERY", "exported", 1, "CQ-EVERY-0001");
  ready = cs_store_list_by_status (f->store, "CQ-EVERY", CS_STATUS_READY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ready->len, ==, 0);

  g_assert_null (cs_store_list (f->store, NULL, "shipped", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "shipped"));
  g_clear_error (&error);

  g_assert_false (cs_store_set_status_value (f->store, "NOPE", CS_STATUS_READY, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
}

/* ---- copies and templates ---------------------------------------------------------------- */

static void
assert_reset (CsManifest *orig,
              CsManifest *copy)
{
  g_assert_true (g_uuid_string_is_valid (copy->id));
  g_assert_cmpstr (copy->id, !=, orig->id);
  g_assert_cmpstr (copy->status, ==, "draft");
  g_assert_null (copy->transport_document->number);
  g_assert_cmpstr (copy->transport_document->type, ==, orig->transport_document->type);
  g_assert_null (copy->invoice->number);
  g_assert_null (copy->invoice->date);
  g_assert_cmpfloat (copy->invoice->total, ==, orig->invoice->total);
  g_assert_true (cs_record_equal (CS_RECORD (copy->parties), CS_RECORD (orig->parties)));
  g_assert_true (cs_record_equal (CS_RECORD (copy->incoterm), CS_RECORD (orig->incoterm)));
  g_assert_cmpstr (copy->corridor, ==, orig->corridor);
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (copy), ==, CS_MANIFEST_N_LEGS (orig));
  for (guint i = 0; i < CS_MANIFEST_N_LEGS (copy); i++)
    {
      g_assert_null (CS_MANIFEST_LEG (copy, i)->etd);
      g_assert_null (CS_MANIFEST_LEG (copy, i)->eta);
      g_assert_cmpstr (CS_MANIFEST_LEG (copy, i)->from, ==, CS_MANIFEST_LEG (orig, i)->from);
      g_assert_cmpstr (CS_MANIFEST_LEG (copy, i)->voyage, ==, CS_MANIFEST_LEG (orig, i)->voyage);
    }
  g_assert_cmpuint (CS_MANIFEST_N_CONTAINERS (copy), ==, CS_MANIFEST_N_CONTAINERS (orig));
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (copy); i++)
    {
      CsContainer *c = CS_MANIFEST_CONTAINER (copy, i), *o = CS_MANIFEST_CONTAINER (orig, i);
      g_assert_null (c->number);
      g_assert_null (c->seals);
      g_assert_false (cs_num_is_set (c->vgm_kg));
      g_assert_cmpstr (c->size_type, ==, o->size_type);
      g_assert_cmpfloat (c->tare_kg, ==, o->tare_kg);
      g_assert_true (cs_record_equal (CS_RECORD (c->reefer), CS_RECORD (o->reefer)));
    }
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (copy), ==, CS_MANIFEST_N_ITEMS (orig));
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (copy); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (copy, i), *o = CS_MANIFEST_ITEM (orig, i);
      g_assert_cmpstr (it->description, ==, o->description);
      g_assert_cmpstr (it->hs_code, ==, o->hs_code);
      g_assert_cmpfloat (it->gross_kg, ==, o->gross_kg);
      g_assert_null (it->container);
      g_assert_cmpuint (cs_list_length (it->splits), ==, 0);
      g_assert_true (cs_record_equal (CS_RECORD (it->dg), CS_RECORD (o->dg)));
      if (it->vehicle != NULL)
        {
          g_assert_null (it->vehicle->vins);
          g_assert_cmpstr (it->vehicle->make, ==, o->vehicle->make);
        }
      if (it->machinery != NULL)
        {
          g_assert_null (it->machinery->serials);
          g_assert_null (it->machinery->licence_no);
          g_assert_true (it->machinery->dual_use == o->machinery->dual_use);
        }
      if (it->perishable != NULL)
        {
          g_assert_null (it->perishable->packed_on);
          g_assert_cmpfloat (it->perishable->temp_max_c, ==, o->perishable->temp_max_c);
        }
    }
  g_assert_cmpuint (CS_MANIFEST_N_DOCUMENTS (copy), ==, CS_MANIFEST_N_DOCUMENTS (orig));
  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (copy); i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (copy, i), *o = CS_MANIFEST_DOCUMENT (orig, i);
      g_assert_null (d->number);
      g_assert_null (d->issued_on);
      g_assert_null (d->expires_on);
      g_assert_cmpstr (d->kind, ==, o->kind);
      g_assert_cmpstr (d->issuer, ==, o->issuer);
    }
}

static void
test_reset_for_copy (void)
{
  g_autoptr(CsManifest) orig = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) copy = CS_MANIFEST (cs_record_copy (CS_RECORD (orig)));

  cs_manifest_reset_for_copy (copy);
  g_assert_null (copy->reference);
  assert_reset (orig, copy);
}

static void
test_duplicate_as_new (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CsManifest) orig = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) dup = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_store_save (f->store, orig, NULL, &error));
  g_assert_no_error (error);
  dup = cs_store_duplicate_as_new (f->store, orig->reference, "CQ-EVERY-0002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dup->reference, ==, "CQ-EVERY-0002");
  assert_reset (orig, dup);
  back = cs_store_load (f->store, "CQ-EVERY-0002", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (dup), CS_RECORD (back)));
  g_clear_object (&back);
  back = cs_store_load (f->store, orig->id, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (orig), CS_RECORD (back)));

  g_assert_null (cs_store_duplicate_as_new (f->store, orig->id, "CQ-EVERY-0002", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (cs_store_duplicate_as_new (f->store, "missing", "X", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsManifest) orig = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) a = NULL;
  g_autoptr(CsManifest) b = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_true (cs_store_save_template (f->store, "Hai Phong machinery", orig, &error));
  g_assert_true (cs_store_save_template (f->store, "Apples", orig, &error));
  g_assert_true (cs_store_save_template (f->store, "Apples", orig, &error));   /* replaces */
  g_assert_no_error (error);
  g_assert_false (cs_store_save_template (f->store, " ", orig, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID);
  g_clear_error (&error);

  names = cs_store_list_templates (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Apples");
  g_assert_cmpstr (names[1], ==, "Hai Phong machinery");

  a = cs_store_new_from_template (f->store, "Apples", "NEW-1", &error);
  g_assert_no_error (error);
  b = cs_store_new_from_template (f->store, "Apples", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->reference, ==, "NEW-1");
  g_assert_null (b->reference);
  g_assert_cmpstr (a->id, !=, b->id);
  assert_reset (orig, a);
  /* A new draft from a template is not saved until the caller saves it. */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM manifests"), ==, 0);
  g_assert_true (cs_store_save (f->store, a, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (cs_store_delete_template (f->store, "Apples", &error));
  g_assert_false (cs_store_delete_template (f->store, "Apples", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cs_store_new_from_template (f->store, "Apples", NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Apples"));
}

/* ---- audit, counters, UI state ----------------------------------------------------------- */

#define SHA_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA_B "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"

static void
test_exports_audit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CsStoreExport *e;
  gint64 rev = 0, id1, id2;

  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  id1 = cs_store_record_export (f->store, m->reference, "xlsx", "/tmp/a.xlsx", SHA_A, rev, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  id2 = cs_store_record_export (f->store, m->id, "edifact", "/tmp/a.edi", SHA_B, rev, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id2, >, id1);

  g_assert_cmpint (cs_store_record_export (f->store, m->id, "xlsx", "/x", "abc", 1, &error), ==, 0);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cs_store_record_export (f->store, "ghost", "xlsx", "/x", SHA_A, 1, &error), ==, 0);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rows = cs_store_list_exports (f->store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  e = rows->pdata[0];
  g_assert_cmpstr (e->format, ==, "xlsx");
  g_assert_cmpstr (e->path, ==, "/tmp/a.xlsx");
  g_assert_cmpstr (e->sha256, ==, SHA_A);
  g_assert_cmpstr (e->manifest_id, ==, m->id);
  g_assert_cmpint (e->revision, ==, 1);
  g_assert_cmpint (ABS (e->time - g_get_real_time () / G_USEC_PER_SEC), <, 120);
  e = rows->pdata[1];
  g_assert_cmpstr (e->format, ==, "edifact");
  g_assert_cmpint (e->revision, ==, 2);
  g_assert_cmpstr (e->sha256, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  /* The audit outlives the draft (kept with its reference). */
  g_assert_true (cs_store_delete (f->store, m->id, &error));
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM exports WHERE manifest_id IS NULL"
                                     " AND reference = 'CQ-EVERY-0001'"), ==, 2);
}

static void
test_interchange_ref (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) other = cs_store_open (f->path, &error);
  gint64 last = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      gint64 v = cs_store_next_interchange_ref (i % 2 ? other : f->store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (v, ==, last + 1);
      last = v;
    }
  g_clear_object (&other);
  g_clear_object (&f->store);
  f->store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_store_next_interchange_ref (f->store, &error), ==, 21);
}

static void
test_ui_state (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *v = NULL;

  g_assert_null (cs_store_get_ui_state (f->store, "last-draft"));
  g_assert_true (cs_store_set_ui_state (f->store, "last-draft", "abc", &error));
  g_assert_true (cs_store_set_ui_state (f->store, "last-draft", "QZH2604-0042", &error));
  g_assert_true (cs_store_set_ui_state (f->store, "last-page", "cargo", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = cs_store_open (f->path, &error);
  v = cs_store_get_ui_state (f->store, "last-draft");
  g_assert_cmpstr (v, ==, "QZH2604-0042");
  g_assert_true (cs_store_set_ui_state (f->store, "last-draft", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (cs_store_get_ui_state (f->store, "last-draft"));
}

/* ---- threads: one connection per thread ---------------------------------------------------- */

typedef struct
{
  const char *path;
  CsManifest *manifest;   /* a snapshot owned by the thread */
  guint       n_saves;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (w->path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < w->n_saves; i++)
    {
      g_assert_true (cs_store_save (store, w->manifest, NULL, &error));
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) snapshot = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
  g_autoptr(GError) error = NULL;
  Worker w = { f->path, snapshot, 25 };
  GThread *thread;

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  thread = g_thread_new ("saver", worker_thread, &w);
  /* Meanwhile this thread reads through its own connection: always a whole version. */
  for (guint i = 0; i < 25; i++)
    {
      g_autoptr(CsManifest) back = cs_store_load (f->store, m->id, &error);
      g_autoptr(GPtrArray) rows = cs_store_list (f->store, "CQ", NULL, &error);

      g_assert_no_error (error);
      g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
      g_assert_cmpuint (rows->len, ==, 1);
    }
  g_thread_join (thread);
  g_assert_cmpint (cs_store_get_revision (f->store, m->id, &error), ==, 26);
}


/* cs_store_import(): what an import may replace, decided inside the save's transaction. */
static void
test_import_modes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsManifest) every = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) railsea = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsManifest) again = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) renamed = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_id = g_strdup (every->id);
  gint64 revision = 0;

  g_assert_true (cs_store_import (f->store, every, FALSE, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1);
  g_assert_cmpint (cs_store_record_export (f->store, old_id, "json", "/x.json",
                                           "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                           1, &error), >, 0);

  /* new only: the reference, then the id, are taken */
  g_assert_false (cs_store_import (f->store, again, FALSE, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "CQ-EVERY-0001"));
  g_clear_error (&error);
  g_assert_false (cs_store_import (f->store, railsea, FALSE, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_ID_TAKEN);
  g_clear_error (&error);

  /* replace: never the draft of another reference, whose id the file happens to carry */
  g_assert_false (cs_store_import (f->store, railsea, TRUE, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_ID_TAKEN);
  g_assert_nonnull (strstr (error->message, "CQ-EVERY-0001"));
  g_assert_nonnull (strstr (error->message, "QZH2604-0042"));
  g_clear_error (&error);
  back = cs_store_load (f->store, "CQ-EVERY-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (back), CS_RECORD (again)));
  g_assert_null (cs_store_lookup_id (f->store, "QZH2604-0042", NULL));

  /* replace: the draft with the same reference keeps its id and history, whatever the file's id */
  cs_record_set_string (CS_RECORD (renamed), "id", "11111111-2222-4333-8444-555555555555");
  cs_record_set_string (CS_RECORD (renamed), "notes", "replaced");
  g_assert_true (cs_store_import (f->store, renamed, TRUE, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 2);
  g_assert_cmpstr (renamed->id, ==, old_id);
  rows = cs_store_list_exports (f->store, "CQ-EVERY-0001", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_object (&back);
  back = cs_store_load (f->store, "CQ-EVERY-0001", &error);
  g_assert_cmpstr (back->notes, ==, "replaced");

  /* replace of a reference not yet there: a new draft */
  cs_record_set_string (CS_RECORD (railsea), "id", NULL);
  g_assert_true (cs_store_import (f->store, railsea, TRUE, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1);
}

/* Salvage: drafts that read back whole are copied, with their history and the EDIFACT counter;
 * one whose items were lost is named, not copied short. */
static void
test_salvage (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsManifest) every = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) railsea = cs_test_load_fixture ("railsea-electronics.json");
  g_autofree char *out = g_build_filename (f->dir, "salvaged.sqlite", NULL);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) lost = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) source = NULL;
  g_autoptr(CsStore) copy = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) problems = NULL;

  cs_record_set_string (CS_RECORD (railsea), "id", NULL);
  g_assert_true (cs_store_save (f->store, every, NULL, &error));
  g_assert_true (cs_store_save (f->store, railsea, NULL, &error));
  g_assert_cmpint (cs_store_record_export (f->store, every->id, "json", "/x.json",
                                           "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                           1, &error), >, 0);
  for (int i = 0; i < 5; i++)
    cs_store_next_interchange_ref (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_check (f->store, TRUE, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems[0]);
  g_clear_object (&f->store);

  /* rows gone without SQLite noticing: railsea's items end early */
  /* (through a connection of Consign's: the directory's triggers name its user) */
  sql_exec (f->path, "DELETE FROM items WHERE pos > 0 AND manifest_id IN"
                     " (SELECT id FROM manifests WHERE reference = 'QZH2604-0042');"
                     /* columns and tables of later schema steps go along too */
                     "UPDATE exports SET recipient = 'RCPT-1';"
                     "INSERT INTO directory_products (code, template, updated)"
                     " VALUES ('P-1', '{}', 1)");

  source = cs_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  back = cs_store_load (source, "QZH2604-0042", &error);
  g_assert_null (back);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "QZH2604-0042"));
  g_clear_error (&error);

  g_assert_true (cs_store_salvage (source, out, &saved, &lost, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (saved->pdata[0], ==, "CQ-EVERY-0001");
  g_assert_cmpuint (lost->len, ==, 1);
  g_assert_nonnull (strstr (lost->pdata[0], "QZH2604-0042"));
  /* the source is untouched: its salvage target may not be overwritten either */
  g_assert_false (cs_store_salvage (source, out, NULL, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_clear_error (&error);

  copy = cs_store_open (out, &error);
  g_assert_no_error (error);
  g_clear_object (&back);
  back = cs_store_load (copy, "CQ-EVERY-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (back), CS_RECORD (every)));
  rows = cs_store_list_exports (copy, "CQ-EVERY-0001", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (cs_store_next_interchange_ref (copy, &error), ==, 6);
  g_clear_object (&copy);
  {
    g_autofree char *recipient = sql_text (out, "SELECT recipient FROM exports");
    g_assert_cmpstr (recipient, ==, "RCPT-1");
  }
  g_assert_cmpint (sql_int (out, "SELECT count(*) FROM directory_products WHERE code = 'P-1'"), ==, 1);
}


/* The audit records what the validator found in the manifest exported, and a confirmation. */
static void
test_exports_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  static const char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_cmpint (cs_store_record_export (f->store, m->id, "csv", "/a.csv", sha, 1, &error), >, 0);
  g_assert_cmpint (cs_store_record_export_full (f->store, m->id, "xlsx", "/a.xlsx", sha, 1, 0, FALSE,
                                                &error), >, 0);
  g_assert_cmpint (cs_store_record_export_full (f->store, m->id, "pdf", "/a.pdf", sha, 1, 3, TRUE,
                                                &error), >, 0);
  g_assert_no_error (error);
  rows = cs_store_list_exports (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->n_errors, ==, -1);
  g_assert_false (((CsStoreExport *) rows->pdata[0])->errors_confirmed);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[1])->n_errors, ==, 0);
  g_assert_false (((CsStoreExport *) rows->pdata[1])->errors_confirmed);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[2])->n_errors, ==, 3);
  g_assert_true (((CsStoreExport *) rows->pdata[2])->errors_confirmed);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM exports WHERE n_errors IS NULL"), ==, 1);
}

/* PostgreSQL: the location is shown without its password, in the path and in errors. */
static void
test_pg_location (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_password = g_strconcat (f->path, "&password=s3cret", NULL);
  g_autofree char *missing = pg_location ("consign_no_such_database");
  g_autofree char *missing_password = g_strconcat (missing, "&password=s3cret", NULL);
  g_autoptr(CsStore) store = cs_store_open (with_password, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cs_store_get_path (store), ==, f->path);
  g_clear_object (&store);

  store = cs_store_open (missing_password, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "consign_no_such_database"));
  g_assert_null (strstr (error->message, "s3cret"));
}


/* What a client can check on any engine: every draft reads back whole; one whose header records
 * more items than its rows hold is named. */
static void
test_check_drafts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) other = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
  g_auto(GStrv) problems = NULL;
  guint n = 0;

  set_str (CS_RECORD (other), "id", NULL);
  set_str (CS_RECORD (other), "reference", "CQ-OTHER-0002");
  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_true (cs_store_save (f->store, other, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_store_is_postgresql (f->store), ==, pg_admin_location != NULL);
  g_assert_true (cs_store_check_drafts (f->store, &n, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_clear_pointer (&problems, g_strfreev);

  sql_exec (f->path, "UPDATE manifests SET n_items = n_items + 1 WHERE reference = 'CQ-EVERY-0001'");
  g_assert_false (cs_store_check_drafts (f->store, &n, &problems, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_true (g_str_has_prefix (problems[0], "CQ-EVERY-0001: "));
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gpointer
save_job (CsStore   *store,
          gpointer   data,
          GError   **error)
{
  return cs_store_save (store, data, NULL, error) ? GINT_TO_POINTER (1) : NULL;
}

/* Runs a save of @m on @thread and waits for it; TRUE when it saved. */
static gboolean
thread_save (CsStoreThread  *thread,
             CsManifest     *m,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree gpointer ignored = NULL;

  cs_store_thread_run_async (thread, save_job, cs_record_copy (CS_RECORD (m)), g_object_unref, NULL,
                             NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cs_store_thread_run_finish (thread, result, error) != NULL;
}

/* PostgreSQL: the GUI's worker thread finds a lost connection UNREACHABLE, and its next job
 * connects again (the editor's queued edits go through once the server is back). */
static void
test_pg_thread_reconnects (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsStoreThread) thread = cs_store_thread_new (f->path);
  g_autofree char *kill = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                                           " WHERE datname = '%s'", f->pg_name);

  g_assert_true (thread_save (thread, m, &error));
  g_assert_no_error (error);
  pg_admin (kill);
  set_str (CS_RECORD (m), "notes", "queued while the server was away");
  g_assert_false (thread_save (thread, m, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_true (thread_save (thread, m, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);   /* killed too */
  f->store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CsManifest) back = cs_store_load (f->store, m->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (back->notes, ==, "queued while the server was away");
  }
}

/* ---- roles (PostgreSQL) ---------------------------------------------------------------------- */

/* The fixture's database as login role @user (trust authentication on the test cluster). */
static char *
pg_location_as (Fixture    *f,
                const char *user)
{
  g_autofree char *mine = g_strdup_printf ("user=%s", user);
  g_auto(GStrv) parts = g_strsplit (f->path, "user=consign", 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strconcat (parts[0], mine, parts[1], NULL);
}

/* A clerk (alice) saves, exports and reads the directory, but may not delete a draft, change the
 * directory or the templates; an owner (olga) may. Each refusal is DENIED, naming the role. */
static void
test_pg_roles (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *as_alice = pg_location_as (f, "alice");
  g_autofree char *as_olga = pg_location_as (f, "olga");
  g_autoptr(CsStore) alice = NULL;
  g_autoptr(CsStore) olga = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_autoptr(CsParty) party = CS_PARTY (cs_record_copy (CS_RECORD (m->parties->shipper)));
  gint64 rev = 0, party_id;

  /* the group roles were made by the migration (the test cluster's user is a superuser) */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pg_roles"
                                     " WHERE rolname IN ('consign_clerk', 'consign_owner')"
                                     " AND NOT rolcanlogin"), ==, 2);
  /* what an administrator runs (README) */
  pg_admin ("DO $$ BEGIN"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alice') THEN"
            "  CREATE ROLE alice LOGIN IN ROLE consign_clerk; END IF;"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'olga') THEN"
            "  CREATE ROLE olga LOGIN IN ROLE consign_owner; END IF;"
            " END $$");

  alice = cs_store_open (as_alice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_store_get_user (alice), ==, "alice");

  /* a clerk saves (new and again: rows updated, added and trimmed), changes status, exports */
  g_assert_true (cs_store_save (alice, m, &rev, &error));
  g_assert_no_error (error);
  cs_list_remove (m->items, 0);
  g_assert_true (cs_store_save_if_revision (alice, m, rev, &rev, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_status (alice, m->id, "ready", &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_counts (alice, m->id, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_store_record_export (alice, m->id, "xlsx", "/tmp/a.xlsx", SHA_A, rev, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cs_store_next_interchange_ref (alice, &error), >, 0);
  g_assert_no_error (error);
  /* an EDIFACT export: the audit row, then what was sent to whom */
  {
    gint64 edi = cs_store_record_export (alice, m->id, "edifact", "/tmp/a.edi", SHA_A, rev, &error);

    g_assert_no_error (error);
    g_assert_true (cs_edifact_record_sent (alice, edi, "CUSTOMS", "9", "1", &error));
    g_assert_no_error (error);
  }
  g_assert_true (cs_store_set_ui_state (alice, "last-draft", m->id, &error));
  g_assert_no_error (error);
  s = cs_store_get_summary (alice, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->updated_by, ==, "alice");
  g_assert_cmpint (s->revision, ==, 2);
  exports = cs_store_list_exports (alice, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CsStoreExport *) exports->pdata[0])->exported_by, ==, "alice");
  g_assert_cmpstr (((CsStoreExport *) exports->pdata[1])->exported_by, ==, "alice");

  /* ... but may not delete it */
  g_assert_false (cs_store_delete (alice, m->id, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "only an owner may delete drafts (you are connected as alice)"));
  g_clear_error (&error);
  g_assert_cmpint (cs_store_get_revision (alice, m->id, &error), ==, 2);
  g_assert_no_error (error);

  /* nor change the directory or the templates */
  g_assert_cmpint (cs_directory_add_party (alice, party, &error), ==, 0);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "only an owner may change the directory of parties and products"
                                            " (you are connected as alice)"));
  g_clear_error (&error);
  g_assert_false (cs_store_save_template (alice, "standard", m, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "only an owner may change the templates"));
  g_clear_error (&error);

  /* an owner may */
  olga = cs_store_open (as_olga, &error);
  g_assert_no_error (error);
  party_id = cs_directory_add_party (olga, party, &error);
  g_assert_no_error (error);
  g_assert_cmpint (party_id, >, 0);
  g_assert_true (cs_directory_delete_party (olga, party_id, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_save_template (olga, "standard", m, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_delete (olga, m->id, &error));
  g_assert_no_error (error);
  g_assert_null (cs_store_lookup_id (alice, m->id, &error));
  g_assert_no_error (error);
  /* the clerk reads what the owner wrote */
  {
    g_auto(GStrv) names = cs_store_list_templates (alice, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (names[0], ==, "standard");
  }
}

/* ---- the trail of changes (schema 10) -------------------------------------------------------- */

/* The change @i (newest first) of @changes is @kind at @revision by @by. */
static void
assert_change (GPtrArray  *changes,
               guint       i,
               const char *kind,
               gint64      revision,
               const char *by)
{
  CsStoreChange *c;

  g_assert_cmpuint (i, <, changes->len);
  c = changes->pdata[i];
  g_assert_cmpstr (c->kind, ==, kind);
  g_assert_cmpint (c->revision, ==, revision);
  g_assert_cmpstr (c->changed_by, ==, by);
  g_assert_false (c->reconstructed);
}

/* A save, a status change and a delete each leave one row naming who made it; counts leave
 * none; the trail outlives the draft (found by its id or its last reference), and a draft saved
 * again after its deletion is "restored". */
static void
test_draft_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GPtrArray) changes = NULL;
  const char *me = cs_store_get_user (f->store);
  g_autofree char *id = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC, rev = 0;
  CsStoreChange *c;

  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  g_assert_no_error (error);
  id = g_strdup (m->id);
  changes = cs_store_list_changes (f->store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, "created", 1, me);
  c = changes->pdata[0];
  g_assert_cmpstr (c->manifest_id, ==, id);
  g_assert_cmpstr (c->reference, ==, m->reference);
  g_assert_null (c->old_status);
  g_assert_cmpstr (c->new_status, ==, "ready");
  /* the database's clock, in seconds like the rest of the API */
  g_assert_cmpint (c->changed_at, >=, before - 1);
  g_assert_cmpint (c->changed_at, <=, g_get_real_time () / G_USEC_PER_SEC + 1);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* a save (the status changed in it too), a status change, counts (nothing), a delete */
  cs_record_set_string (CS_RECORD (m), "status", "draft");
  g_assert_true (cs_store_save_if_revision (f->store, m, rev, &rev, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_status (f->store, id, "exported", &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_counts (f->store, id, 2, 3, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_delete (f->store, id, &error));
  g_assert_no_error (error);

  changes = cs_store_list_changes (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, "deleted", 2, me);
  assert_change (changes, 1, "status", 2, me);
  assert_change (changes, 2, "saved", 2, me);
  assert_change (changes, 3, "created", 1, me);
  c = changes->pdata[0];
  g_assert_cmpstr (c->old_status, ==, "exported");
  g_assert_null (c->new_status);
  c = changes->pdata[1];
  g_assert_cmpstr (c->old_status, ==, "draft");
  g_assert_cmpstr (c->new_status, ==, "exported");
  c = changes->pdata[2];
  g_assert_cmpstr (c->old_status, ==, "ready");
  g_assert_cmpstr (c->new_status, ==, "draft");
  for (guint i = 1; i < changes->len; i++)
    g_assert_cmpint (((CsStoreChange *) changes->pdata[i - 1])->id, >, ((CsStoreChange *) changes->pdata[i])->id);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* by the reference it last had */
  changes = cs_store_list_changes (f->store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  g_clear_pointer (&changes, g_ptr_array_unref);
  g_assert_null (cs_store_list_changes (f->store, "NEVER-THERE", &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "NEVER-THERE"));
  g_clear_error (&error);

  /* saved again under its id (the editor's "Restore", an import) */
  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  g_assert_no_error (error);
  changes = cs_store_list_changes (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 5);
  assert_change (changes, 0, "restored", rev, me);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* every draft's, since a time */
  changes = cs_store_list_changes_since (f->store, before - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 5);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = cs_store_list_changes_since (f->store, g_get_real_time () / G_USEC_PER_SEC + 3600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* A salvaged store keeps the trail, and records each draft copied into it as created there. */
static void
test_salvage_keeps_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *repaired = g_build_filename (f->dir, "repaired.sqlite", NULL);
  g_autoptr(CsStore) out = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *me = cs_store_get_user (f->store);

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_true (cs_store_set_status (f->store, m->id, "archived", &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_salvage (f->store, repaired, NULL, NULL, &error));
  g_assert_no_error (error);

  out = cs_store_open (repaired, &error);
  g_assert_no_error (error);
  changes = cs_store_list_changes (out, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, "restored", 1, me);   /* into the new store, after its past */
  assert_change (changes, 1, "status", 2, me);
  assert_change (changes, 2, "saved", 2, me);
  assert_change (changes, 3, "created", 1, me);
}

/* The change @i (newest first) of @changes is @action of the @what entry @entry_id named @name,
 * by @by. */
static void
assert_directory_change (GPtrArray  *changes,
                         guint       i,
                         const char *what,
                         gint64      entry_id,
                         const char *name,
                         const char *action,
                         const char *by)
{
  CsStoreDirectoryChange *c;

  g_assert_cmpuint (i, <, changes->len);
  c = changes->pdata[i];
  g_assert_cmpstr (c->what, ==, what);
  g_assert_cmpint (c->entry_id, ==, entry_id);
  g_assert_cmpstr (c->name, ==, name);
  g_assert_cmpstr (c->action, ==, action);
  g_assert_cmpstr (c->changed_by, ==, by);
}

/* A salvaged store keeps the directory's trail too, and records each entry copied into it as
 * added there. */
static void
test_salvage_keeps_directory_changes (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsParty) party = cs_party_new ();
  g_autofree char *repaired = g_build_filename (f->dir, "repaired.sqlite", NULL);
  g_autoptr(CsStore) out = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *me = cs_store_get_user (f->store);
  gint64 id;

  cs_record_set_string (CS_RECORD (party), "name", "Railsea Electronics");
  id = cs_directory_add_party (f->store, party, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (party), "name", "Railsea");
  g_assert_true (cs_directory_update_party (f->store, id, party, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_salvage (f->store, repaired, NULL, NULL, &error));
  g_assert_no_error (error);

  out = cs_store_open (repaired, &error);
  g_assert_no_error (error);
  changes = cs_store_list_directory_changes (out, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  assert_directory_change (changes, 0, "party", id, "Railsea", "added", me);   /* into the new store */
  assert_directory_change (changes, 1, "party", id, "Railsea", "changed", me);
  assert_directory_change (changes, 2, "party", id, "Railsea Electronics", "added", me);
}

/* PostgreSQL: the server names who changed a draft, whatever the client sends, and nobody but
 * the tables' owner may change or remove the trail; a clerk may not write meta (its
 * schema_version), though it still takes EDIFACT references. */
static void
test_pg_draft_changes_roles (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *as_alice = pg_location_as (f, "alice");
  g_autofree char *as_olga = pg_location_as (f, "olga");
  g_autofree char *admin = NULL, *admin_as_olga = NULL;
  g_autoptr(CsStore) alice = NULL;
  g_autoptr(CsStore) olga = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  /* refused to the clerk, and to the owner too when @owner_too (an owner may write meta) */
  static const struct { const char *sql; gboolean owner_too; } refused[] = {
    { "INSERT INTO draft_changes (manifest_id, kind, changed_by, changed_at)"
      " VALUES ('" EVERY_ID "', 'deleted', 'olga', 0)", TRUE },
    { "UPDATE draft_changes SET changed_by = 'olga'", TRUE },
    { "DELETE FROM draft_changes", TRUE },
    { "TRUNCATE draft_changes", TRUE },
    { "UPDATE meta SET value = 1 WHERE key = 'schema_version'", FALSE },
    { "INSERT INTO meta (key, value) VALUES ('anything', 1)", FALSE },
    { "DELETE FROM meta", FALSE },
  };
  gint64 rev = 0;

  pg_admin ("DO $$ BEGIN"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alice') THEN"
            "  CREATE ROLE alice LOGIN IN ROLE consign_clerk; END IF;"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'olga') THEN"
            "  CREATE ROLE olga LOGIN IN ROLE consign_owner; END IF;"
            " END $$");
  alice = cs_store_open (as_alice, &error);
  g_assert_no_error (error);
  olga = cs_store_open (as_olga, &error);
  g_assert_no_error (error);

  g_assert_true (cs_store_save (alice, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_status (alice, m->id, "draft", &error));
  g_assert_no_error (error);
  /* the clerk's own SQL, naming someone else: the server writes who it is */
  sql_exec (as_alice, "UPDATE manifests SET updated_by = 'olga', revision = revision + 1");
  g_assert_cmpint (cs_store_next_interchange_ref (alice, &error), >, 0);
  g_assert_no_error (error);
  /* SET ROLE: who logged in, and as whom */
  sql_exec (f->path, "SET ROLE olga; UPDATE manifests SET status = 'archived'; RESET ROLE");
  admin_as_olga = g_strdup_printf ("%s (as olga)", admin = sql_text (f->path, "SELECT session_user"));
  g_assert_true (cs_store_delete (olga, m->id, &error));
  g_assert_no_error (error);

  changes = cs_store_list_changes (alice, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 5);
  assert_change (changes, 0, "deleted", 2, "olga");
  assert_change (changes, 1, "status", 2, admin_as_olga);
  assert_change (changes, 2, "saved", 2, "alice");
  assert_change (changes, 3, "status", 1, "alice");
  assert_change (changes, 4, "created", 1, "alice");

  /* nobody but the tables' owner rewrites the trail, and a clerk does not write meta */
  for (guint r = 0; r < G_N_ELEMENTS (refused); r++)
    for (guint who = 0; who < 2; who++)
      {
        const char *location = who == 0 ? as_alice : as_olga;
        CsDb *db;
        CsDbRc rc;

        if (who == 1 && !refused[r].owner_too)
          continue;
        db = cs_db_open (location, 0, &error);
        g_assert_no_error (error);
        rc = cs_db_exec (db, refused[r].sql);
        g_test_message ("%s as %s: %s", refused[r].sql, who == 0 ? "alice" : "olga", cs_db_errmsg (db));
        g_assert_cmpint (rc, ==, CS_DB_PERM);
        g_assert_nonnull (strstr (cs_db_errmsg (db), "permission denied"));
        cs_db_close (db);
      }
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM draft_changes"), ==, 5);
  g_assert_cmpint (sql_int (f->path, "SELECT value FROM meta WHERE key = 'schema_version'"), ==,
                   CS_STORE_SCHEMA_VERSION);
  /* an owner's TRUNCATE (no row triggers) still records each draft it removes */
  {
    g_autoptr(CsManifest) other = cs_test_load_fixture ("railsea-electronics.json");
    g_autofree char *other_id = g_uuid_string_random ();

    set_str (CS_RECORD (other), "id", other_id);
    g_assert_true (cs_store_save (alice, other, NULL, &error));
    g_assert_no_error (error);
    sql_exec (as_olga, "TRUNCATE manifests CASCADE");
    g_clear_pointer (&changes, g_ptr_array_unref);
    changes = cs_store_list_changes (alice, other->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (changes->len, ==, 2);
    assert_change (changes, 0, "deleted", 1, "olga");
    assert_change (changes, 1, "created", 1, "alice");
  }
  /* nor through the trigger's function, which nobody may attach to a table of their own */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pg_proc WHERE proname = 'consign_record_draft_change'"
                                     " AND (has_function_privilege ('alice', oid, 'EXECUTE')"
                                     " OR has_function_privilege ('olga', oid, 'EXECUTE'))"), ==, 0);
}

/* ---- the trail of the directory's changes (schema 11) ----------------------------------------- */

/* Adding, changing and deleting a party and a product each leave one row naming who did it;
 * saving an entry unchanged (or touching only its `updated` time) leaves none. */
static void
test_directory_changes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsParty) party = cs_party_new ();
  g_autoptr(CsProduct) product = cs_product_new ();
  g_autoptr(GPtrArray) changes = NULL;
  const char *me = cs_store_get_user (f->store);
  gint64 before = g_get_real_time (), party_id;
  CsStoreDirectoryChange *c;

  cs_record_set_string (CS_RECORD (party), "name", "Chongqing Changan Automobile Co., Ltd.");
  cs_record_set_string (CS_RECORD (party), "country", "CN");
  party_id = cs_directory_add_party (f->store, party, &error);
  g_assert_no_error (error);
  g_assert_cmpint (party_id, >, 0);
  g_assert_true (cs_directory_update_party (f->store, party_id, party, &error));   /* unchanged */
  g_assert_no_error (error);
  sql_exec (f->path, "UPDATE directory_parties SET updated = updated + 60");
  cs_record_set_string (CS_RECORD (party), "name", "Changan Automobile");
  g_assert_true (cs_directory_update_party (f->store, party_id, party, &error));
  g_assert_no_error (error);

  product->code = g_strdup ("S07-BEV");
  cs_record_set_string (CS_RECORD (product->item), "hs_code", "8703801090");
  g_assert_true (cs_directory_add_product (f->store, product, &error));
  g_assert_no_error (error);
  g_assert_true (cs_directory_update_product (f->store, product, &error));          /* unchanged */
  g_assert_no_error (error);
  product->units_per_package = 2;
  g_assert_true (cs_directory_update_product (f->store, product, &error));
  g_assert_no_error (error);
  g_assert_true (cs_directory_delete_product (f->store, product->id, &error));
  g_assert_no_error (error);
  g_assert_true (cs_directory_delete_party (f->store, party_id, &error));
  g_assert_no_error (error);

  changes = cs_store_list_directory_changes (f->store, before - G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 6);
  assert_directory_change (changes, 0, "party", party_id, "Changan Automobile", "deleted", me);
  assert_directory_change (changes, 1, "product", product->id, "S07-BEV", "deleted", me);
  assert_directory_change (changes, 2, "product", product->id, "S07-BEV", "changed", me);
  assert_directory_change (changes, 3, "product", product->id, "S07-BEV", "added", me);
  assert_directory_change (changes, 4, "party", party_id, "Changan Automobile", "changed", me);
  assert_directory_change (changes, 5, "party", party_id, "Chongqing Changan Automobile Co., Ltd.",
                           "added", me);
  for (guint i = 1; i < changes->len; i++)
    g_assert_cmpint (((CsStoreDirectoryChange *) changes->pdata[i - 1])->id, >,
                     ((CsStoreDirectoryChange *) changes->pdata[i])->id);
  /* the database's clock, in microseconds (SQLite: milliseconds precise) */
  c = changes->pdata[5];
  g_assert_cmpint (c->changed_at_usec, >=, before - G_USEC_PER_SEC);
  g_assert_cmpint (c->changed_at_usec, <=, g_get_real_time () + G_USEC_PER_SEC);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* since a time after them all: none */
  changes = cs_store_list_directory_changes (f->store, g_get_real_time () + (gint64) 3600 * G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* PostgreSQL: the functions that run as the tables' owner search only pg_catalog. A clerk who
 * may create objects in the store's schema (as PUBLIC may in `public` before PostgreSQL 15)
 * defines a closer match for an operator the trail's trigger uses; her next save must not run
 * it as the owner. */
static void
test_pg_definer_search_path (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *as_alice = pg_location_as (f, "alice");
  g_autoptr(CsStore) alice = NULL;
  gint64 rev = 0;

  pg_admin ("DO $$ BEGIN"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alice') THEN"
            "  CREATE ROLE alice LOGIN IN ROLE consign_clerk; END IF;"
            " END $$");
  alice = cs_store_open (as_alice, &error);
  g_assert_no_error (error);
  sql_exec (f->path, "GRANT CREATE ON SCHEMA public TO alice");
  /* numeric * integer: the trigger's "extract (...) * 1000000" would take it over pg_catalog's
   * numeric * numeric, which needs a cast */
  sql_exec (as_alice,
            "CREATE FUNCTION public.consign_test_evil (numeric, integer) RETURNS numeric LANGUAGE sql AS"
            " $$ INSERT INTO public.meta (key, value) VALUES ('taken over', 1); SELECT $1 * $2::numeric $$;"
            "CREATE OPERATOR public.* (LEFTARG = numeric, RIGHTARG = integer,"
            " FUNCTION = public.consign_test_evil)");
  g_assert_true (cs_store_save (alice, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_status (alice, m->id, "archived", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cs_store_next_interchange_ref (alice, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM meta WHERE key = 'taken over'"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM draft_changes"), >=, 2);
  sql_exec (f->path, "DROP OPERATOR public.* (numeric, integer); DROP FUNCTION public.consign_test_evil (numeric, integer);"
            "REVOKE CREATE ON SCHEMA public FROM alice");
}

/* PostgreSQL: the server names who changed the directory (SET ROLE's role too), and nobody but
 * the tables' owner may write the directory's trail; an owner's TRUNCATE is recorded. */
static void
test_pg_directory_changes_roles (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as_alice = pg_location_as (f, "alice");
  g_autofree char *as_olga = pg_location_as (f, "olga");
  g_autofree char *admin = NULL, *admin_as_olga = NULL;
  g_autoptr(CsStore) alice = NULL;
  g_autoptr(CsStore) olga = NULL;
  g_autoptr(CsParty) party = cs_party_new ();
  g_autoptr(CsProduct) product = cs_product_new ();
  g_autoptr(GPtrArray) changes = NULL;
  static const char *const refused[] = {
    "INSERT INTO directory_changes (what, entry_id, action, changed_by, changed_at)"
    " VALUES ('party', 1, 'deleted', 'alice', 0)",
    "UPDATE directory_changes SET changed_by = 'alice'",
    "DELETE FROM directory_changes",
    "TRUNCATE directory_changes",
  };
  gint64 party_id;

  pg_admin ("DO $$ BEGIN"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alice') THEN"
            "  CREATE ROLE alice LOGIN IN ROLE consign_clerk; END IF;"
            " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'olga') THEN"
            "  CREATE ROLE olga LOGIN IN ROLE consign_owner; END IF;"
            " END $$");
  alice = cs_store_open (as_alice, &error);
  g_assert_no_error (error);
  olga = cs_store_open (as_olga, &error);
  g_assert_no_error (error);

  cs_record_set_string (CS_RECORD (party), "name", "Railsea Electronics");
  party_id = cs_directory_add_party (olga, party, &error);
  g_assert_no_error (error);
  /* SET ROLE: who logged in, and as whom */
  sql_exec (f->path, "SET ROLE olga; UPDATE directory_parties SET name = 'Railsea'; RESET ROLE");
  admin_as_olga = g_strdup_printf ("%s (as olga)", admin = sql_text (f->path, "SELECT session_user"));
  product->code = g_strdup ("RS-100");
  g_assert_true (cs_directory_add_product (olga, product, &error));
  g_assert_no_error (error);
  sql_exec (as_olga, "TRUNCATE directory_products");

  changes = cs_store_list_directory_changes (alice, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 4);
  assert_directory_change (changes, 0, "product", product->id, "RS-100", "deleted", "olga");
  assert_directory_change (changes, 1, "product", product->id, "RS-100", "added", "olga");
  assert_directory_change (changes, 2, "party", party_id, "Railsea", "changed", admin_as_olga);
  assert_directory_change (changes, 3, "party", party_id, "Railsea Electronics", "added", "olga");

  for (guint r = 0; r < G_N_ELEMENTS (refused); r++)
    for (guint who = 0; who < 2; who++)
      {
        CsDb *db = cs_db_open (who == 0 ? as_alice : as_olga, 0, &error);
        CsDbRc rc;

        g_assert_no_error (error);
        rc = cs_db_exec (db, refused[r]);
        g_test_message ("%s as %s: %s", refused[r], who == 0 ? "alice" : "olga", cs_db_errmsg (db));
        g_assert_cmpint (rc, ==, CS_DB_PERM);
        g_assert_nonnull (strstr (cs_db_errmsg (db), "permission denied"));
        cs_db_close (db);
      }
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM directory_changes"), ==, 4);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pg_proc"
                                     " WHERE proname = 'consign_record_directory_change'"
                                     " AND (has_function_privilege ('alice', oid, 'EXECUTE')"
                                     " OR has_function_privilege ('olga', oid, 'EXECUTE'))"), ==, 0);
}

/* PostgreSQL, schema 9 -> 10: each draft's trail starts with one reconstructed row (its last
 * save: revision, who, when), and the clerks' UPDATE on meta granted by schema 9 is taken back. */
static void
test_pg_migrate_v9_to_v10 (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s_v9", f->pg_name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  g_autofree char *location = pg_location (name);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  CsStoreChange *c;

  pg_admin (create);
  for (guint v = 0; v < 9; v++)
    sql_exec (location, _cs_store_migrations[v].postgresql);
  sql_exec (location, "INSERT INTO meta (key, value) VALUES ('schema_version', 9);"
                      "INSERT INTO manifests (id, reference, status, revision, created, updated)"
                      " VALUES ('v9-draft', 'V9-0001', 'ready', 3, 1764547200000000, 1764633600000000)");
  g_assert_cmpint (sql_int (location, "SELECT count(*) FROM information_schema.table_privileges"
                                      " WHERE grantee = 'consign_clerk' AND table_name = 'meta'"
                                      " AND privilege_type = 'UPDATE'"), ==, 1);

  store = cs_store_open (location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (location, "SELECT value FROM meta WHERE key = 'schema_version'"), ==,
                   CS_STORE_SCHEMA_VERSION);
  changes = cs_store_list_changes (store, "V9-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  c = changes->pdata[0];
  g_assert_cmpstr (c->kind, ==, "saved");
  g_assert_cmpint (c->revision, ==, 3);
  g_assert_cmpstr (c->changed_by, ==, "consign");   /* schema 8's trigger named the inserting role */
  g_assert_cmpint (c->changed_at, ==, 1764633600);
  g_assert_cmpstr (c->new_status, ==, "ready");
  g_assert_true (c->reconstructed);
  g_assert_cmpint (sql_int (location, "SELECT count(*) FROM information_schema.table_privileges"
                                      " WHERE grantee = 'consign_clerk' AND table_name = 'meta'"
                                      " AND privilege_type <> 'SELECT'"), ==, 0);
  g_clear_object (&store);
  pg_admin (drop);
}

/* PostgreSQL, schema 10 -> 11: the directory's trail begins empty, schema 10's grants function is
 * kept under a new name and run by the new one, and both groups may only read the new table. */
static void
test_pg_migrate_v10_to_v11 (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s_v10", f->pg_name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", name);
  g_autofree char *location = pg_location (name);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  pg_admin (create);
  for (guint v = 0; v < 10; v++)
    sql_exec (location, _cs_store_migrations[v].postgresql);
  sql_exec (location, "INSERT INTO meta (key, value) VALUES ('schema_version', 10);"
                      "INSERT INTO directory_parties (name, record, updated)"
                      " VALUES ('Railsea Electronics', '{}', 1764547200)");

  store = cs_store_open (location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (location, "SELECT value FROM meta WHERE key = 'schema_version'"), ==,
                   CS_STORE_SCHEMA_VERSION);
  changes = cs_store_list_directory_changes (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (sql_int (location, "SELECT count(*) FROM pg_proc WHERE proname = 'consign_grant_roles_v10'"), ==, 1);
  /* schema 10's grants still hold (run again by the new function), and the new table is read-only */
  g_assert_cmpint (sql_int (location, "SELECT count(*) FROM information_schema.table_privileges"
                                      " WHERE grantee = 'consign_clerk' AND table_name = 'draft_changes'"
                                      " AND privilege_type = 'SELECT'"), ==, 1);
  for (guint who = 0; who < 2; who++)
    {
      const char *group = who == 0 ? "consign_clerk" : "consign_owner";
      g_autofree char *granted = g_strdup_printf ("SELECT string_agg (privilege_type, ',')"
                                                  " FROM information_schema.table_privileges"
                                                  " WHERE grantee = '%s' AND table_name = 'directory_changes'",
                                                  group);
      g_autofree char *rights = sql_text (location, granted);

      g_assert_cmpstr (rights, ==, "SELECT");
    }
  g_clear_object (&store);
  pg_admin (drop);
}

/* A database owner without the right to create roles still migrates: the roles are skipped with
 * a notice, not an error. */
static void
test_pg_roles_no_right (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autofree char *db = g_strdup_printf ("%s_plain", f->pg_name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s OWNER plain", db);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", db);
  g_autofree char *location = NULL;

  /* no group roles anywhere on the server: this fixture's grants go first */
  g_clear_object (&f->store);
  sql_exec (f->path, "DROP OWNED BY consign_clerk, consign_owner");
  pg_admin ("DROP ROLE IF EXISTS alice");
  pg_admin ("DROP ROLE IF EXISTS olga");
  pg_admin ("DROP ROLE consign_clerk");
  pg_admin ("DROP ROLE consign_owner");
  pg_admin ("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plain') THEN"
            " CREATE ROLE plain LOGIN NOCREATEROLE; END IF; END $$");
  pg_admin (create);
  {
    g_autofree char *base = pg_location (db);
    g_auto(GStrv) parts = g_strsplit (base, "user=consign", 2);
    location = g_strconcat (parts[0], "user=plain", parts[1], NULL);
  }

  store = cs_store_open (location, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (location, "SELECT value FROM meta WHERE key = 'schema_version'"), ==,
                   CS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (location, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'consign\\_%'"), ==, 0);
  g_clear_object (&store);

  /* later, an administrator makes the groups and the tables' owner grants them (README) */
  pg_admin ("CREATE ROLE consign_clerk NOLOGIN");
  pg_admin ("CREATE ROLE consign_owner NOLOGIN");
  pg_admin ("CREATE ROLE alice LOGIN IN ROLE consign_clerk");
  sql_exec (location, "SELECT consign_grant_roles ()");
  {
    g_auto(GStrv) parts = g_strsplit (location, "user=plain", 2);
    g_autofree char *as_alice = g_strconcat (parts[0], "user=alice", parts[1], NULL);
    g_autoptr(CsStore) alice = cs_store_open (as_alice, &error);

    g_assert_no_error (error);
    g_assert_true (cs_store_save (alice, m, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (cs_store_delete (alice, m->id, &error));
    g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED);
    g_clear_error (&error);
  }
  pg_admin (drop);
  /* the roles stay for the tests after this one, as the first migration would have made them */
}

/* ---- revisions and authors ------------------------------------------------------------------- */

/* Saving against a revision: two connections open revision 1; the first save wins, the second is
 * refused naming who saved which revision, and writes nothing. */
static void
test_save_if_revision (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) other = cs_store_open (f->path, &error);
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) mine = NULL;
  g_autoptr(CsManifest) theirs = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  g_autofree char *expected_words = NULL;
  gint64 rev = 0;

  g_assert_no_error (error);
  /* 0: a new draft */
  g_assert_true (cs_store_save_if_revision (f->store, m, 0, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 1);
  /* ... which it no longer is */
  g_assert_false (cs_store_save_if_revision (f->store, m, 0, &rev, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, m->reference));
  g_clear_error (&error);
  g_assert_cmpint (rev, ==, 1);

  mine = cs_store_load (f->store, m->reference, &error);
  g_assert_no_error (error);
  theirs = cs_store_load (other, m->reference, &error);
  g_assert_no_error (error);
  set_str (CS_RECORD (theirs), "notes", "theirs");
  g_assert_true (cs_store_save_if_revision (other, theirs, 1, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 2);

  set_str (CS_RECORD (mine), "notes", "mine");
  g_assert_false (cs_store_save_if_revision (f->store, mine, 1, &rev, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT);
  g_test_message ("%s", error->message);
  expected_words = g_strdup_printf ("Draft %s was changed by %s at ", m->reference, cs_store_get_user (other));
  g_assert_nonnull (strstr (error->message, expected_words));
  g_assert_nonnull (strstr (error->message, "(revision 2) after you opened revision 1."));
  g_assert_true (g_str_has_prefix (error->message, cs_store_get_path (f->store)));   /* names the store */
  g_clear_error (&error);
  g_assert_cmpint (rev, ==, 2);

  /* nothing of mine was written; theirs is there */
  back = cs_store_load (f->store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->notes, ==, "theirs");
  s = cs_store_get_summary (f->store, m->reference, &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->revision, ==, 2);
  g_assert_cmpstr (s->updated_by, ==, cs_store_get_user (other));

  /* with the revision learnt, the save goes through */
  g_assert_true (cs_store_save_if_revision (f->store, mine, s->revision, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 3);

  /* a deleted draft is a conflict too, not a new draft */
  g_assert_true (cs_store_delete (other, m->reference, &error));
  g_assert_no_error (error);
  g_assert_false (cs_store_save_if_revision (f->store, mine, 3, &rev, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "was deleted after you opened revision 3"));
  g_clear_error (&error);
  g_assert_null (cs_store_lookup_id (f->store, m->reference, &error));
  g_assert_no_error (error);
}

/* Who saved each revision and who recorded each export; a status or count change is not a new
 * revision and keeps the author. */
static void
test_authors (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsStoreSummary) s = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *by = NULL;
  const char *user = cs_store_get_user (f->store);
  gint64 rev = 0;

  g_assert_nonnull (user);
  g_assert_cmpstr (user, !=, "");
  if (pg_admin_location != NULL)
    /* the session's role (tests/pg-cluster.sh's superuser) */
    g_assert_cmpstr (user, ==, "consign");
  else
    {
      const char *real = g_get_real_name ();
      g_assert_cmpstr (user, ==, g_strcmp0 (real, "Unknown") == 0 ? g_get_user_name () : real);
    }

  g_assert_true (cs_store_save (f->store, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_counts (f->store, m->id, 1, 2, &error));
  g_assert_no_error (error);
  s = cs_store_get_summary (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->updated_by, ==, user);
  g_object_get (s, "updated-by", &by, NULL);
  g_assert_cmpstr (by, ==, user);
  g_clear_object (&s);

  rows = cs_store_list (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CsStoreSummary *) rows->pdata[0])->updated_by, ==, user);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_cmpint (cs_store_record_export (f->store, m->id, "xlsx", "/tmp/a.xlsx", SHA_A, rev, &error), >, 0);
  g_assert_no_error (error);
  rows = cs_store_list_exports (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CsStoreExport *) rows->pdata[0])->exported_by, ==, user);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* a row from before schema 8 (or written by hand) has no author: unknown, not "" */
  sql_exec (f->path, "UPDATE exports SET exported_by = NULL");
  if (pg_admin_location == NULL)
    {
      sql_exec (f->path, "UPDATE manifests SET updated_by = NULL");
      s = cs_store_get_summary (f->store, m->id, &error);
      g_assert_no_error (error);
      g_assert_null (s->updated_by);
      g_clear_object (&s);
      rows = cs_store_list_exports (f->store, m->id, &error);
      g_assert_no_error (error);
      g_assert_null (((CsStoreExport *) rows->pdata[0])->exported_by);
    }
  else
    {
      /* on a server the author is written by the server: a client cannot name another one */
      sql_exec (f->path, "UPDATE manifests SET updated_by = 'mallory', revision = revision + 1");
      sql_exec (f->path, "INSERT INTO exports (manifest_id, format, path, sha256, time, revision, exported_by)"
                         " SELECT id, 'xlsx', '/x', repeat ('a', 64), 0, 1, 'mallory' FROM manifests");
      s = cs_store_get_summary (f->store, m->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (s->updated_by, ==, "consign");
      g_clear_object (&s);
      rows = cs_store_list_exports (f->store, m->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 2);
      /* an update keeps the recorded author */
      g_assert_cmpstr (((CsStoreExport *) rows->pdata[0])->exported_by, ==, "consign");
      g_assert_cmpstr (((CsStoreExport *) rows->pdata[1])->exported_by, ==, "consign");
    }
}

/* PostgreSQL: the triggers of schema 8 tell a listener which draft changed, and that the
 * directory changed. */
static void
test_pg_notify (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  CsDb *listener = cs_db_open (f->path, 0, &error);
  PGconn *conn;
  PGnotify *n;
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (listener, "LISTEN consign_drafts; LISTEN consign_directory"), ==, CS_DB_OK);
  conn = cs_db_pg_get_connection (listener);

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_set_status (f->store, m->id, "ready", &error));
  g_assert_no_error (error);
  g_assert_true (cs_store_delete (f->store, m->id, &error));
  g_assert_no_error (error);
  sql_exec (f->path, "INSERT INTO directory_parties (name, record, updated) VALUES ('A', '{}', 0)");
  sql_exec (f->path, "INSERT INTO directory_products (code, template, updated) VALUES ('P1', '{}', 0)");

  /* a round trip on the listener's connection brings in what was sent before it */
  g_assert_cmpint (cs_db_exec (listener, "SELECT 1"), ==, CS_DB_OK);
  g_assert_true (PQconsumeInput (conn));
  while ((n = PQnotifies (conn)) != NULL)
    {
      g_ptr_array_add (got, g_strdup_printf ("%s %s", n->relname, n->extra));
      PQfreemem (n);
    }
  {
    g_autofree char *draft = g_strdup_printf ("consign_drafts %s", m->id);

    /* one per transaction: the save, the status change, the delete */
    g_assert_cmpuint (got->len, ==, 5);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (got->pdata[i], ==, draft);
    g_assert_cmpstr (got->pdata[3], ==, "consign_directory parties");
    g_assert_cmpstr (got->pdata[4], ==, "consign_directory products");
  }
  cs_db_close (listener);
}

/* PostgreSQL: a server that does not answer, and a connection lost after opening, are
 * UNREACHABLE; a database that does not exist is OPEN. */
static void
test_pg_unreachable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsStore) store = NULL;
  g_autofree char *kill = NULL;
  g_autofree char *nowhere = g_strdup_printf ("postgresql:///%s?host=%s/no-server", f->pg_name, f->dir);

  store = cs_store_open (nowhere, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);

  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  kill = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity WHERE datname = '%s'",
                          f->pg_name);
  pg_admin (kill);
  set_str (CS_RECORD (m), "notes", "after the server went away");
  g_assert_false (cs_store_save (f->store, m, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "connection to the database server was lost"));
  g_clear_error (&error);

  /* a new connection finds the draft as it was */
  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CsManifest) back = cs_store_load (store, m->id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (back->notes, !=, "after the server went away");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB")))
    {
      pg_admin_location = g_getenv ("CONSIGN_TEST_DB");
#define ADD(name, fn, data) \
  g_test_add ("/store/postgresql/" name, Fixture, data, fixture_setup, fn, fixture_teardown)
      ADD ("round-trip/every-field", test_round_trip_fixture, "every-field.json");
      ADD ("round-trip/railsea", test_round_trip_fixture, "railsea-electronics.json");
      ADD ("round-trip/edges", test_round_trip_edges, NULL);
      ADD ("save/replaces-children", test_resave_replaces_children, NULL);
      ADD ("save/updates-in-place", test_resave_updates_in_place, NULL);
      ADD ("save/assigns-id", test_save_assigns_id, NULL);
      ADD ("save/duplicate-reference", test_duplicate_reference, NULL);
      ADD ("list/search", test_list_and_search, NULL);
      ADD ("list/search-parts", test_search_parts, NULL);
      ADD ("list/find-vin-container", test_find_vin_container, NULL);
      ADD ("draft/status-counts-delete", test_status_counts_delete, NULL);
      ADD ("draft/status-typed", test_status_typed, NULL);
      ADD ("copy/duplicate-as-new", test_duplicate_as_new, NULL);
      ADD ("copy/templates", test_templates, NULL);
      ADD ("audit/exports", test_exports_audit, NULL);
      ADD ("audit/errors", test_exports_errors, NULL);
      ADD ("meta/interchange-ref", test_interchange_ref, NULL);
      ADD ("meta/ui-state", test_ui_state, NULL);
      ADD ("threads/one-connection-each", test_threads, NULL);
      ADD ("import/modes", test_import_modes, NULL);
      ADD ("location", test_pg_location, NULL);
      ADD ("save/if-revision", test_save_if_revision, NULL);
      ADD ("authors", test_authors, NULL);
      ADD ("notify", test_pg_notify, NULL);
      ADD ("unreachable", test_pg_unreachable, NULL);
      ADD ("unreachable/thread-reconnects", test_pg_thread_reconnects, NULL);
      ADD ("check/drafts", test_check_drafts, NULL);
      ADD ("roles", test_pg_roles, NULL);
      ADD ("roles/draft-changes", test_pg_draft_changes_roles, NULL);
      ADD ("roles/definer-search-path", test_pg_definer_search_path, NULL);
      ADD ("roles/directory-changes", test_pg_directory_changes_roles, NULL);
      ADD ("audit/directory-changes", test_directory_changes, NULL);
      ADD ("migrate/v9-to-v10", test_pg_migrate_v9_to_v10, NULL);
      ADD ("migrate/v10-to-v11", test_pg_migrate_v10_to_v11, NULL);
      ADD ("audit/draft-changes", test_draft_changes, NULL);
      ADD ("roles/no-right", test_pg_roles_no_right, NULL);
#undef ADD
      return g_test_run ();
    }

#define ADD(name, fn, data) \
  g_test_add ("/store/" name, Fixture, data, fixture_setup, fn, fixture_teardown)

  ADD ("open/creates", test_open_creates, NULL);
  g_test_add_func ("/store/open/default-path", test_default_path);
  ADD ("open/not-a-database", test_open_not_database, NULL);
  ADD ("open/too-new", test_open_too_new, NULL);
  ADD ("open/unwritable-paths", test_open_unwritable_paths, NULL);
  g_test_add_func ("/store/open/permissions", test_open_permissions);
  ADD ("round-trip/every-field", test_round_trip_fixture, "every-field.json");
  ADD ("round-trip/railsea", test_round_trip_fixture, "railsea-electronics.json");
  ADD ("round-trip/edges", test_round_trip_edges, NULL);
  ADD ("save/replaces-children", test_resave_replaces_children, NULL);
  ADD ("save/updates-in-place", test_resave_updates_in_place, NULL);
  ADD ("save/assigns-id", test_save_assigns_id, NULL);
  ADD ("save/duplicate-reference", test_duplicate_reference, NULL);
  ADD ("load/damaged-row", test_damaged_row, NULL);
  ADD ("load/damaged-deep-list", test_damaged_deep_list, NULL);
  ADD ("list/search", test_list_and_search, NULL);
  ADD ("list/search-parts", test_search_parts, NULL);
  ADD ("list/find-vin-container", test_find_vin_container, NULL);
  ADD ("draft/status-counts-delete", test_status_counts_delete, NULL);
  ADD ("draft/status-typed", test_status_typed, NULL);
  g_test_add_func ("/store/copy/reset", test_reset_for_copy);
  ADD ("copy/duplicate-as-new", test_duplicate_as_new, NULL);
  ADD ("copy/templates", test_templates, NULL);
  ADD ("audit/exports", test_exports_audit, NULL);
  ADD ("audit/errors", test_exports_errors, NULL);
  ADD ("meta/interchange-ref", test_interchange_ref, NULL);
  ADD ("meta/ui-state", test_ui_state, NULL);
  ADD ("threads/one-connection-each", test_threads, NULL);
  ADD ("import/modes", test_import_modes, NULL);
  ADD ("salvage", test_salvage, NULL);
  ADD ("audit/draft-changes", test_draft_changes, NULL);
  ADD ("audit/directory-changes", test_directory_changes, NULL);
  ADD ("salvage/keeps-changes", test_salvage_keeps_changes, NULL);
  ADD ("salvage/keeps-directory-changes", test_salvage_keeps_directory_changes, NULL);
  ADD ("save/if-revision", test_save_if_revision, NULL);
  ADD ("authors", test_authors, NULL);
  ADD ("check/drafts", test_check_drafts, NULL);
#undef ADD

  return g_test_run ();
}
