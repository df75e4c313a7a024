/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-migrate.c: schema migrations from every older version, and what they must not do
 *
 * On SQLite files; under tests/pg-cluster.sh (CONSIGN_TEST_DB is a postgresql:// URI: the
 * store-migrate-postgresql test) the tests at the end of this file run on a server instead. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cs-directory.h"
#include "cs-json.h"
#include "cs-store-private.h"
#include "cs-test-pg.h"
#include "cs-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cs-test-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "consign.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);
      g_remove (p);
    }
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.sqlite", NULL);
    g_autofree char *fresh_wal = g_strconcat (fresh, "-wal", NULL);
    g_autofree char *fresh_shm = g_strconcat (fresh, "-shm", NULL);
    g_remove (fresh);
    g_remove (fresh_wal);
    g_remove (fresh_shm);
  }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
  g_free (f->path);
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", path, msg);
  sqlite3_close (db);
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v = G_MININT64;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* The whole schema as text, for comparing two databases (white space does not count: the v1
 * fixture is laid out for reading). */
static void
append_squeezed (GString    *s,
                 const char *text)
{
  for (const char *p = text ? text : "(null)"; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
}

static char *
schema_of (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                                           " ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 4; c++)
        {
          append_squeezed (s, (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (s, '|');
        }
      g_string_append_c (s, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (s, FALSE);
}

static void
make_v1_fixture (const char *path)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (sql_path, &sql, NULL, &error);
  g_assert_no_error (error);
  sql_exec (path, sql);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);
}

static char *
fresh_schema (Fixture *f)
{
  g_autofree char *fresh = g_build_filename (f->dir, "fresh.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (fresh, &error);

  g_assert_no_error (error);
  g_clear_object (&store);
  return schema_of (fresh);
}

static void
test_v1_fixture (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data",
                                                          "store-v1-expected.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) expected = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsManifest) bare = NULL;
  g_autoptr(CsManifest) from_template = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  g_auto(GStrv) templates = NULL;
  g_autofree char *migrated = NULL;
  g_autofree char *fresh = NULL;
  gint64 rev = 0;

  make_v1_fixture (f->path);
  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);

  /* Every field of the v1 draft is read back as written. */
  expected = cs_json_load_file (expected_path, &error);
  g_assert_no_error (error);
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  if (!cs_record_equal (CS_RECORD (expected), CS_RECORD (m)))
    {
      g_autofree char *a = cs_json_dump (expected, NULL);
      g_autofree char *b = cs_json_dump (m, NULL);
      g_assert_cmpstr (a, ==, b);
    }
  bare = cs_store_load (store, "0f4e2a6b-8c1d-4e3f-9a7b-5c6d7e8f9a0b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare->reference, ==, "V1-0002");
  g_assert_null (bare->parties);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (bare), ==, 0);

  /* The v1 list columns survive, the new ones have their defaults. */
  s = cs_store_get_summary (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->revision, ==, 4);
  g_assert_cmpint (s->updated, ==, 1764633600);
  g_assert_cmpuint (s->n_items, ==, 3);
  g_assert_cmpint (s->n_errors, ==, -1);
  g_assert_cmpint (s->n_warnings, ==, -1);
  g_assert_cmpstr (s->consignee, ==, "Hai Phong Auto Trading JSC");
  rows = cs_store_find_vin (store, "1m8gdm9axkp042788", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  /* Counter, templates: kept. */
  g_assert_cmpint (cs_store_next_interchange_ref (store, &error), ==, 42);
  templates = cs_store_list_templates (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (templates[0], ==, "Apples to Hai Phong");
  from_template = cs_store_new_from_template (store, templates[0], "NEW", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_template->currency, ==, "USD");

  /* What v2 added works on the migrated file. */
  g_assert_true (cs_store_save (store, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 5);
  g_assert_cmpint (cs_store_record_export (store, "V1-0001", "json", "/tmp/v1.json",
                                           "0000000000000000000000000000000000000000000000000000000000000000",
                                           rev, &error), >, 0);
  exports = cs_store_list_exports (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exports->len, ==, 1);
  g_assert_true (cs_store_set_ui_state (store, "last-draft", "V1-0001", &error));
  g_assert_true (cs_store_set_counts (store, "V1-0001", 1, 2, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* And the migrated schema is exactly the schema of a new store. */
  migrated = schema_of (f->path);
  fresh = fresh_schema (f);
  g_assert_cmpstr (migrated, ==, fresh);
}

/* A database at every older version, made from the shipped steps, reaches the current schema. */
static void
test_every_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fresh = fresh_schema (f);

  for (guint v = 0; v < _cs_store_n_migrations; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsStore) store = NULL;
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", v);
      g_autofree char *schema = NULL;
      g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

      g_remove (f->path);
      g_remove (wal);
      g_remove (shm);
      /* A zero-length file is a valid empty database (version 0). */
      g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
      for (guint k = 0; k < v; k++)
        sql_exec (f->path, _cs_store_migrations[k].sqlite);
      sql_exec (f->path, set);

      store = cs_store_open (f->path, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
      schema = schema_of (f->path);
      g_assert_cmpstr (schema, ==, fresh);
    }
}

/* A failing step leaves the database exactly at its old version. */
static void
test_failed_step_rolls_back (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_v1_fixture (f->path);
  /* Something that makes step 2 fail halfway: a table in the way of a later statement. */
  sql_exec (f->path, "CREATE TABLE ui_state (k TEXT)");
  before = schema_of (f->path);

  store = cs_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "2"));

  after = schema_of (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'exports'"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM manifests"), ==, 2);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins"), ==, 2);
}

/* Several threads opening (and so migrating) the same old file at once. */
static gpointer
open_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (data, &error);
  g_autoptr(CsManifest) m = NULL;

  g_assert_no_error (error);
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  return NULL;
}

static void
test_concurrent_open (Fixture       *f,
                      gconstpointer  data)
{
  GThread *threads[4];

  make_v1_fixture (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_thread, f->path);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
}

/* v2 -> v3: a store at version 2 (the v1 fixture after step 2) gets the legs' conveyance
 * columns and the EDIFACT columns of the exports audit; its drafts read back unchanged (no
 * vessel), and a vessel and carrier code saved into the migrated store read back. */
static void
test_v2_to_v3 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsManifest) back = NULL;
  CsLeg *leg;
  CsRecord *vessel;

  make_v1_fixture (f->path);
  sql_exec (f->path, _cs_store_migrations[1].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 2");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('legs')"
                                     " WHERE name LIKE 'vessel%'"), ==, 0);

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('legs') WHERE name IN"
                                     " ('present', 'vessel_name', 'vessel_imo', 'vessel_call_sign',"
                                     " 'vessel_flag', 'carrier_code')"), ==, 6);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('exports') WHERE name IN"
                                     " ('recipient', 'message_function', 'interchange')"), ==, 3);

  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), >, 0);
  leg = CS_MANIFEST_LEG (m, 0);
  g_assert_null (leg->vessel);
  g_assert_null (leg->carrier_code);

  vessel = cs_record_ensure_record (CS_RECORD (leg), "vessel");
  cs_record_set_string (vessel, "name", "BEIBU GULF PIONEER");
  cs_record_set_string (vessel, "imo", "9321483");
  cs_record_set_string (vessel, "call_sign", "BQZH7");
  cs_record_set_string (vessel, "flag", "CN");
  cs_record_set_string (CS_RECORD (leg), "carrier_code", "BGSL");
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);

  back = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
  g_assert_cmpstr (CS_MANIFEST_LEG (back, 0)->vessel->imo, ==, "9321483");
  g_assert_cmpstr (CS_MANIFEST_LEG (back, 0)->carrier_code, ==, "BGSL");
}

/* v3 -> v4: a store at version 3 gets the party directory and the product catalogue; its drafts
 * read back unchanged, and entries can be added to the new tables. */
static void
test_v3_to_v4 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsParty) party = cs_party_new ();
  g_autoptr(CsProduct) product = cs_product_new ();
  g_autoptr(GPtrArray) found = NULL;

  make_v1_fixture (f->path);
  sql_exec (f->path, _cs_store_migrations[1].sqlite);
  sql_exec (f->path, _cs_store_migrations[2].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 3");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'directory%'"),
                   ==, 0);

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), >=, 4);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND"
                                     " name IN ('directory_parties', 'directory_products')"), ==, 2);
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);

  cs_record_set_string (CS_RECORD (party), "name", "北京汽车进出口有限公司");
  cs_record_set_string (CS_RECORD (party), "country", "CN");
  cs_record_set_string (CS_RECORD (party), "tax_id", "91110000600037341L");
  g_assert_cmpint (cs_directory_add_party (store, party, &error), >, 0);
  g_assert_no_error (error);
  product->code = g_strdup ("P-1");
  g_assert_true (cs_directory_add_product (store, product, &error));
  g_assert_no_error (error);
  found = cs_directory_search_parties (store, "北京", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
}


/* v4 -> v5: the exports audit gains n_errors (NULL for rows written before) and errors_confirmed. */
static void
test_v4_to_v5 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  make_v1_fixture (f->path);
  for (guint v = 1; v < 4; v++)
    sql_exec (f->path, _cs_store_migrations[v].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 4");
  sql_exec (f->path, "INSERT INTO exports (manifest_id, reference, format, path, sha256, time, revision)"
                     " SELECT id, reference, 'csv', '/old.csv',"
                     " '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 1, 1"
                     " FROM manifests WHERE reference = 'V1-0001'");

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), >=, 5);
  rows = cs_store_list_exports (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->n_errors, ==, -1);
  g_assert_false (((CsStoreExport *) rows->pdata[0])->errors_confirmed);
  g_assert_cmpint (cs_store_record_export_full (store, "V1-0001", "pdf", "/new.pdf",
                                                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                                1, 2, TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT n_errors FROM exports WHERE errors_confirmed = 1"), ==, 2);
}


/* v5 -> v6: items gain the product code; lines written before read back without one, and a code
 * set afterwards is saved and read back. */
static void
test_v5_to_v6 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsManifest) back = NULL;

  make_v1_fixture (f->path);
  for (guint v = 1; v < 5; v++)
    sql_exec (f->path, _cs_store_migrations[v].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 5");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('items')"
                                     " WHERE name = 'product'"), ==, 0);

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), >=, 6);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('items')"
                                     " WHERE name = 'product'"), ==, 1);

  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), >, 0);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    g_assert_null (CS_MANIFEST_ITEM (m, i)->product);

  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "product", "NB-14-LI");
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  back = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
  g_assert_cmpstr (CS_MANIFEST_ITEM (back, 0)->product, ==, "NB-14-LI");
}


/* v6 -> v7: VINs and serials gain the container each travels in; VINs written before read back
 * with none, and a box set afterwards is saved per VIN and read back. */
static void
test_v6_to_v7 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsManifest) back = NULL;
  CsVehicle *car = NULL;
  g_auto(GStrv) boxes = NULL;
  guint n;

  make_v1_fixture (f->path);
  for (guint v = 1; v < 6; v++)
    sql_exec (f->path, _cs_store_migrations[v].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 6");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('vins')"
                                     " WHERE name = 'container'"), ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins"), >, 0);

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), >=, 7);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('vins')"
                                     " WHERE name = 'container'"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM pragma_table_info ('serials')"
                                     " WHERE name = 'container'"), ==, 1);

  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m) && car == NULL; i++)
    if (CS_MANIFEST_ITEM (m, i)->vehicle != NULL && CS_MANIFEST_ITEM (m, i)->vehicle->vins != NULL)
      car = CS_MANIFEST_ITEM (m, i)->vehicle;
  g_assert_nonnull (car);
  g_assert_null (car->vin_containers);

  n = g_strv_length (car->vins);
  boxes = g_new0 (char *, n + 1);
  for (guint k = 0; k < n; k++)
    boxes[k] = g_strdup (k + 1 == n ? "CSQU3054383" : "");
  cs_record_set_strv (CS_RECORD (car), "vin_containers", (const char * const *) boxes);
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins WHERE container = 'CSQU3054383'"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM vins WHERE container IS NOT NULL"), ==, 1);
  back = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
}

/* v7 -> v8: drafts and exports gain their author; those from before stay unknown (NULL) until
 * the next save, which names who saved. */
static void
test_v7_to_v8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  g_autoptr(GPtrArray) exports = NULL;

  make_v1_fixture (f->path);
  for (guint v = 1; v < 7; v++)
    sql_exec (f->path, _cs_store_migrations[v].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 7");
  sql_exec (f->path, "INSERT INTO exports (manifest_id, reference, format, path, sha256, time, revision)"
                     " SELECT id, reference, 'xlsx', '/old.xlsx', printf ('%064d', 0), 0, revision"
                     " FROM manifests WHERE reference = 'V1-0001'");

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
  s = cs_store_get_summary (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_null (s->updated_by);
  g_clear_object (&s);
  exports = cs_store_list_exports (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exports->len, ==, 1);
  g_assert_null (((CsStoreExport *) exports->pdata[0])->exported_by);

  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  s = cs_store_get_summary (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (s->updated_by, ==, cs_store_get_user (store));
}

/* v9 -> v10: the trail of changes. Each existing draft gets one row, marked reconstructed: its
 * last save as the store knew it (revision, updated_by, updated), 'created' at revision 1 and
 * 'saved' after; nothing earlier is made up. Later changes are recorded by the triggers, with
 * who made them; a program that opens the file without Consign's consign_user() cannot write a
 * draft unrecorded. */
static void
test_v9_to_v10 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  CsStoreChange *c;
  sqlite3 *raw = NULL;

  make_v1_fixture (f->path);
  for (guint v = 1; v < 9; v++)
    sql_exec (f->path, _cs_store_migrations[v].sqlite);
  sql_exec (f->path, "PRAGMA user_version = 9;"
                     "UPDATE manifests SET updated_by = 'Li Wei' WHERE reference = 'V1-0001'");

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM draft_changes"), ==, 2);

  changes = cs_store_list_changes (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  c = changes->pdata[0];
  g_assert_cmpstr (c->kind, ==, "saved");
  g_assert_cmpint (c->revision, ==, 4);
  g_assert_cmpstr (c->changed_by, ==, "Li Wei");
  g_assert_cmpint (c->changed_at, ==, 1764633600);
  g_assert_cmpstr (c->new_status, ==, "ready");
  g_assert_true (c->reconstructed);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* saved before schema 8: created at revision 1 by someone unknown */
  changes = cs_store_list_changes (store, "V1-0002", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  c = changes->pdata[0];
  g_assert_cmpstr (c->kind, ==, "created");
  g_assert_cmpint (c->revision, ==, 1);
  g_assert_null (c->changed_by);
  g_assert_true (c->reconstructed);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* the next save is recorded by the trigger, with who saved */
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  changes = cs_store_list_changes (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  c = changes->pdata[0];
  g_assert_cmpstr (c->kind, ==, "saved");
  g_assert_cmpint (c->revision, ==, 5);
  g_assert_cmpstr (c->changed_by, ==, cs_store_get_user (store));
  g_assert_false (c->reconstructed);
  g_assert_true (((CsStoreChange *) changes->pdata[1])->reconstructed);
  g_clear_object (&store);

  /* without consign_user() no draft is written, so none unrecorded */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE manifests SET revision = revision + 1", NULL, NULL, NULL),
                   ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (sqlite3_errmsg (raw), "consign_user"));
  sqlite3_close (raw);
  g_assert_cmpint (sql_int (f->path, "SELECT revision FROM manifests WHERE reference = 'V1-0001'"), ==, 5);
}

/* v10 -> v11: the trail of the directory's changes. It begins empty (who added the entries already
 * there was never recorded); later additions, changes and deletions are recorded with who made
 * them, and a program without Consign's consign_user() cannot change the directory unrecorded. */
static void
test_v10_to_v11 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(CsDirectoryParty) entry = NULL;
  g_autoptr(CsParty) party = NULL;
  const char *me;
  sqlite3 *raw = NULL;

  make_v1_fixture (f->path);
  for (guint v = 1; v < 10; v++)
    sql_exec (f->path, _cs_store_migrations[v].sqlite);
  /* no manifests are written here: schema 10's triggers on them need consign_user() */
  sql_exec (f->path, "PRAGMA user_version = 10;"
                     "INSERT INTO directory_parties (id, name, country, record, updated)"
                     " VALUES (7, 'Railsea Electronics', 'CN', '{\"name\":\"Railsea Electronics\",\"country\":\"CN\"}',"
                     " 1764547200);"
                     "INSERT INTO directory_products (id, code, template, updated)"
                     " VALUES (9, 'RS-100', '{}', 1764547200)");

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  me = cs_store_get_user (store);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, CS_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM directory_changes"), ==, 0);

  entry = cs_directory_get_party (store, 7, &error);
  g_assert_no_error (error);
  party = CS_PARTY (cs_record_copy (CS_RECORD (entry->party)));
  cs_record_set_string (CS_RECORD (party), "name", "Railsea");
  g_assert_true (cs_directory_update_party (store, 7, party, &error));
  g_assert_no_error (error);
  g_assert_true (cs_directory_delete_product (store, 9, &error));
  g_assert_no_error (error);

  changes = cs_store_list_directory_changes (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  {
    CsStoreDirectoryChange *c0 = changes->pdata[0], *c1 = changes->pdata[1];

    g_assert_cmpstr (c0->what, ==, "product");
    g_assert_cmpint (c0->entry_id, ==, 9);
    g_assert_cmpstr (c0->name, ==, "RS-100");
    g_assert_cmpstr (c0->action, ==, "deleted");
    g_assert_cmpstr (c0->changed_by, ==, me);
    g_assert_cmpstr (c1->what, ==, "party");
    g_assert_cmpint (c1->entry_id, ==, 7);
    g_assert_cmpstr (c1->name, ==, "Railsea");
    g_assert_cmpstr (c1->action, ==, "changed");
    g_assert_cmpstr (c1->changed_by, ==, me);
  }
  g_clear_object (&store);

  /* without consign_user() the directory is not written, so not unrecorded */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DELETE FROM directory_parties", NULL, NULL, NULL), ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (sqlite3_errmsg (raw), "consign_user"));
  sqlite3_close (raw);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM directory_parties"), ==, 1);
}

/* A store of an older schema is checked read-only as it is (an upgrade would write); salvage,
 * which reads drafts with this version's columns, says why it cannot. */
static void
test_old_schema_read_only (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *out = g_build_filename (f->dir, "salvaged.sqlite", NULL);

  make_v1_fixture (f->path);
  store = cs_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_check (store, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (cs_store_salvage (store, out, NULL, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "older schema"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 1);
}

/* ---- PostgreSQL ------------------------------------------------------------------------------
 *
 * Under tests/pg-cluster.sh (the store-migrate-postgresql test) the same migrations run on a
 * server, each test in a database of its own: every older version made from the shipped steps'
 * PostgreSQL DDL, the v1 fixture's data on the v1 DDL, a failing step, concurrent opens, a newer
 * database, and a migration cut off (its session terminated, or its client killed) while it
 * waits inside its transaction. */

typedef struct
{
  char *pg_name;
  char *location;
} PgFixture;

static void
pg_fixture_setup (PgFixture     *f,
                  gconstpointer  data)
{
  f->pg_name = cs_test_pg_create_database ("migrate");
  f->location = cs_test_pg_location (f->pg_name);
}

static void
pg_fixture_teardown (PgFixture     *f,
                     gconstpointer  data)
{
  cs_test_pg_drop_database (f->pg_name);
  g_free (f->pg_name);
  g_free (f->location);
}

/* The schema version a server's store records (0: none). */
static gint64
pg_version (const char *location)
{
  if (cs_test_sql_int (location, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema ()"
                                 " AND tablename = 'meta'") == 0)
    return 0;
  return cs_test_sql_int (location, "SELECT coalesce (max (value), 0) FROM meta WHERE key = 'schema_version'");
}

/* Steps 0 .. @version - 1 of the shipped PostgreSQL DDL, and the version recorded, as that
 * version of Consign left the database. */
static void
pg_make_version (const char *location,
                 guint       version)
{
  for (guint k = 0; k < version; k++)
    cs_test_sql_exec (location, _cs_store_migrations[k].postgresql);
  if (version > 0)
    {
      g_autofree char *set = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('schema_version', %u)"
                                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                              version);
      cs_test_sql_exec (location, set);
    }
  g_assert_cmpint (pg_version (location), ==, version);
}

/* The v1 fixture on a server: step 1's PostgreSQL DDL, then the fixture's data (the INSERTs of
 * tests/data/store-v1.sql, which are plain SQL), at version 1. */
static void
pg_make_v1_fixture (const char *location)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "store-v1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  const char *data, *end;
  g_autofree char *inserts = NULL;

  g_file_get_contents (sql_path, &sql, NULL, &error);
  g_assert_no_error (error);
  data = strstr (sql, "-- Data:");
  g_assert_nonnull (data);
  end = strstr (data, "PRAGMA user_version");
  g_assert_nonnull (end);
  inserts = g_strndup (data, end - data);
  pg_make_version (location, 1);
  cs_test_sql_exec (location, inserts);
  g_assert_cmpint (cs_test_sql_int (location, "SELECT count(*) FROM manifests"), ==, 2);
}

/* The whole schema of a server's store as text, for comparing two databases: columns (in order,
 * with types, defaults and nullability), indexes, constraints, triggers, functions and the
 * rights granted on each table. */
static char *
pg_schema_of (const char *location)
{
  static const char * const queries[] = {
    "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, column_default"
    " FROM information_schema.columns WHERE table_schema = current_schema ()"
    " ORDER BY table_name, ordinal_position",
    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema ()"
    " ORDER BY tablename, indexname",
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef (oid) FROM pg_constraint"
    " WHERE connamespace = current_schema ()::regnamespace ORDER BY 1, 2",
    "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef (oid) FROM pg_trigger"
    " WHERE NOT tgisinternal ORDER BY 1, 2",
    "SELECT proname, md5 (prosrc) FROM pg_proc WHERE pronamespace = current_schema ()::regnamespace"
    " ORDER BY 1",
    "SELECT relname, relkind, relacl::text FROM pg_class WHERE relnamespace = current_schema ()::regnamespace"
    " ORDER BY relname",
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = cs_test_sql_rows (location, queries[i]);
      g_string_append (s, rows);
      g_string_append (s, "--\n");
    }
  return g_string_free (s, FALSE);
}

/* The schema of a new store on this server. */
static char *
pg_fresh_schema (void)
{
  g_autofree char *name = cs_test_pg_create_database ("fresh");
  g_autofree char *location = cs_test_pg_location (name);
  g_autoptr(GError) error = NULL;
  char *schema;

  {
    g_autoptr(CsStore) store = cs_store_open (location, &error);
    g_assert_no_error (error);
  }
  schema = pg_schema_of (location);
  cs_test_pg_drop_database (name);
  return schema;
}

/* Every field of the v1 draft reads back after the migration, and the migrated schema is that of
 * a new store. */
static void
test_pg_v1_fixture (PgFixture     *f,
                    gconstpointer  data)
{
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data",
                                                          "store-v1-expected.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) expected = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsManifest) bare = NULL;
  g_autoptr(CsStoreSummary) s = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) templates = NULL;
  g_autofree char *migrated = NULL;
  g_autofree char *fresh = NULL;
  gint64 rev = 0;

  pg_make_v1_fixture (f->location);
  store = cs_store_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pg_version (f->location), ==, CS_STORE_SCHEMA_VERSION);

  expected = cs_json_load_file (expected_path, &error);
  g_assert_no_error (error);
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  if (!cs_record_equal (CS_RECORD (expected), CS_RECORD (m)))
    {
      g_autofree char *a = cs_json_dump (expected, NULL);
      g_autofree char *b = cs_json_dump (m, NULL);
      g_assert_cmpstr (a, ==, b);
    }
  bare = cs_store_load (store, "0f4e2a6b-8c1d-4e3f-9a7b-5c6d7e8f9a0b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare->reference, ==, "V1-0002");
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (bare), ==, 0);

  s = cs_store_get_summary (store, "V1-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpint (s->revision, ==, 4);
  g_assert_cmpint (s->updated, ==, 1764633600);
  g_assert_cmpuint (s->n_items, ==, 3);
  g_assert_cmpint (s->n_errors, ==, -1);
  g_assert_null (s->updated_by);
  rows = cs_store_find_vin (store, "1m8gdm9axkp042788", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (cs_store_next_interchange_ref (store, &error), ==, 42);
  templates = cs_store_list_templates (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (templates[0], ==, "Apples to Hai Phong");

  g_assert_true (cs_store_save (store, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 5);
  g_clear_object (&store);

  migrated = pg_schema_of (f->location);
  fresh = pg_fresh_schema ();
  g_assert_cmpstr (migrated, ==, fresh);
}

/* A database at every older version, made from the shipped steps, reaches the current schema,
 * exactly that of a new store. */
static void
test_pg_every_version (PgFixture     *f,
                       gconstpointer  data)
{
  g_autofree char *fresh = pg_fresh_schema ();

  for (guint v = 0; v < _cs_store_n_migrations; v++)
    {
      g_autofree char *name = cs_test_pg_create_database ("version");
      g_autofree char *location = cs_test_pg_location (name);
      g_autoptr(GError) error = NULL;
      g_autofree char *schema = NULL;

      pg_make_version (location, v);
      {
        g_autoptr(CsStore) store = cs_store_open (location, &error);
        g_assert_no_error (error);
      }
      g_assert_cmpint (pg_version (location), ==, CS_STORE_SCHEMA_VERSION);
      schema = pg_schema_of (location);
      if (g_strcmp0 (schema, fresh) != 0)
        g_test_message ("from version %u", v);
      g_assert_cmpstr (schema, ==, fresh);
      cs_test_pg_drop_database (name);
    }
}

/* The v1 fixture is still there, whole, at version 1 (nothing of a later step). */
static void
pg_assert_v1_untouched (const char *location,
                        const char *schema_before)
{
  g_autofree char *after = pg_schema_of (location);

  g_assert_cmpstr (schema_before, ==, after);
  g_assert_cmpint (pg_version (location), ==, 1);
  g_assert_cmpint (cs_test_sql_int (location, "SELECT count(*) FROM pg_tables"
                                              " WHERE schemaname = current_schema () AND tablename = 'exports'"), ==, 0);
  g_assert_cmpint (cs_test_sql_int (location, "SELECT count(*) FROM manifests"), ==, 2);
  g_assert_cmpint (cs_test_sql_int (location, "SELECT count(*) FROM vins"), ==, 2);
}

/* A failing step leaves the database exactly at its old version. */
static void
test_pg_failed_step_rolls_back (PgFixture     *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *before = NULL;

  pg_make_v1_fixture (f->location);
  /* something that makes step 2 fail halfway: a table in the way of a later statement */
  cs_test_sql_exec (f->location, "CREATE TABLE ui_state (k TEXT)");
  before = pg_schema_of (f->location);

  store = cs_store_open (f->location, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_SQL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->location));
  g_assert_nonnull (strstr (error->message, "version 2"));
  pg_assert_v1_untouched (f->location, before);
}

static gpointer
pg_open_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (data, &error);
  g_autoptr(CsManifest) m = NULL;

  g_assert_no_error (error);
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
  return NULL;
}

/* Several connections opening (and so migrating) the same old database at once: one migrates,
 * the others find it done. */
static void
test_pg_concurrent_open (PgFixture     *f,
                         gconstpointer  data)
{
  GThread *threads[4];

  pg_make_v1_fixture (f->location);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", pg_open_thread, f->location);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (pg_version (f->location), ==, CS_STORE_SCHEMA_VERSION);
}

/* A database of a newer schema is refused with the same message as a SQLite file of that
 * version (the location aside), and left as it is. */
static void
test_pg_too_new (PgFixture     *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sqlite_error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "future.sqlite", NULL);
  g_autofree char *set = g_strdup_printf ("UPDATE meta SET value = %d WHERE key = 'schema_version'",
                                          CS_STORE_SCHEMA_VERSION + 1);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", CS_STORE_SCHEMA_VERSION + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pg_text = NULL;
  g_autofree char *sqlite_text = NULL;

  {
    g_autoptr(CsStore) current = cs_store_open (f->location, &error);
    g_autoptr(CsStore) current_file = cs_store_open (file, &error);
    g_assert_no_error (error);
  }
  cs_test_sql_exec (f->location, set);
  cs_test_sql_exec (file, pragma);
  before = pg_schema_of (f->location);

  store = cs_store_open (f->location, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  store = cs_store_open (file, &sqlite_error);
  g_assert_null (store);
  g_assert_error (sqlite_error, CS_STORE_ERROR, CS_STORE_ERROR_TOO_NEW);

  g_assert_true (g_str_has_prefix (error->message, f->location));
  g_assert_true (g_str_has_prefix (sqlite_error->message, file));
  pg_text = g_strdup (error->message + strlen (f->location));
  sqlite_text = g_strdup (sqlite_error->message + strlen (file));
  g_assert_cmpstr (pg_text, ==, sqlite_text);

  after = pg_schema_of (f->location);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (pg_version (f->location), ==, CS_STORE_SCHEMA_VERSION + 1);
  cs_test_remove_tree (dir);
}

/* Another connection reads the legs (a transaction holding ACCESS SHARE on them), so that a
 * migration from version 1 waits at step 3's ALTER TABLE legs, inside its transaction, after
 * the whole of step 2 ran (the exports table made, manifests altered): cut off there, the
 * migration must leave nothing of step 2 either. Close the connection to let it go on. */
static CsDb *
hold_legs (const char *location)
{
  g_autoptr(GError) error = NULL;
  CsDb *reader = cs_db_open (location, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (reader, "BEGIN; SELECT count(*) FROM legs"), ==, CS_DB_OK);
  return reader;
}

typedef struct
{
  const char *location;
  CsStore    *store;
  GError     *error;
} OpenJob;

static gpointer
open_job_thread (gpointer data)
{
  OpenJob *job = data;

  job->store = cs_store_open (job->location, &job->error);
  return NULL;
}

/* The migration's session is terminated (pg_terminate_backend) while it waits inside its
 * transaction: the open fails as UNREACHABLE (the connection was lost) naming the store, the
 * database stays at version 1, whole, and the next open migrates it. */
static void
test_pg_interrupted_terminated (PgFixture     *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autofree char *before = NULL;
  OpenJob job = { f->location, NULL, NULL };
  GThread *thread;
  CsDb *reader;
  int waiter;

  pg_make_v1_fixture (f->location);
  before = pg_schema_of (f->location);
  reader = hold_legs (f->location);
  thread = g_thread_new ("open", open_job_thread, &job);
  waiter = cs_test_pg_wait_lock_waiter (f->pg_name);
  cs_test_pg_terminate (waiter);
  g_thread_join (thread);
  cs_db_close (reader);

  g_assert_null (job.store);
  g_assert_nonnull (job.error);
  g_test_message ("%s", job.error->message);
  /* the connection was lost, as when it is lost after opening: a later open may succeed */
  g_assert_error (job.error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (job.error->message, f->location));
  g_assert_nonnull (strstr (job.error->message, "connection to the database server was lost"));
  g_clear_error (&job.error);
  pg_assert_v1_untouched (f->location, before);

  store = cs_store_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pg_version (f->location), ==, CS_STORE_SCHEMA_VERSION);
  m = cs_store_load (store, "V1-0001", &error);
  g_assert_no_error (error);
}

/* Child: opens (and so migrates) the store at @location; says "O" when it has. */
static int
open_child (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (location, &error);

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  return write (STDOUT_FILENO, "O", 1) == 1 ? 0 : 1;
}

/* The migrating client is killed (SIGKILL) while its migration waits inside the transaction:
 * once the server has finished with the dead client's session, the database is at version 1,
 * whole, and the next open migrates it. */
static void
test_pg_interrupted_client_killed (PgFixture     *f,
                                   gconstpointer  data)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self, "--open-child", f->location, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *before = NULL;
  CsDb *reader;
  GPid pid;
  int out_fd, status;
  char got = 0;

  pg_make_v1_fixture (f->location);
  before = pg_schema_of (f->location);
  reader = hold_legs (f->location);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  cs_test_pg_wait_lock_waiter (f->pg_name);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);
  g_assert_cmpint (read (out_fd, &got, 1), ==, 0);
  close (out_fd);

  /* the dead client's migration goes on to the end of its statement, then finds no client and
   * no COMMIT */
  cs_db_close (reader);
  cs_test_pg_wait_no_sessions (f->pg_name);
  pg_assert_v1_untouched (f->location, before);

  store = cs_store_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pg_version (f->location), ==, CS_STORE_SCHEMA_VERSION);
}

/* A role that may read an older store but not change its schema is told that the store needs
 * an upgrade it may not make, and the store stays as it was. */
static void
test_pg_upgrade_denied (PgFixture     *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *as_reader = cs_test_pg_location_as (f->location, "consign_test_reader");

  pg_make_v1_fixture (f->location);
  cs_test_pg_admin ("DO $$ BEGIN"
                    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_test_reader') THEN"
                    "  CREATE ROLE consign_test_reader LOGIN; END IF; END $$");
  /* it may read every table (PostgreSQL 15 lets no one but the owner create in "public") */
  cs_test_sql_exec (f->location, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO consign_test_reader");
  before = pg_schema_of (f->location);

  store = cs_store_open (as_reader, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, as_reader));
  g_assert_nonnull (strstr (error->message, "consign_test_reader"));
  g_assert_nonnull (strstr (error->message, "upgraded"));
  pg_assert_v1_untouched (f->location, before);
}

static void
add_postgresql_tests (void)
{
#define ADD(name, fn) \
  g_test_add ("/store/migrate/postgresql/" name, PgFixture, NULL, pg_fixture_setup, fn, pg_fixture_teardown)
  ADD ("v1-fixture", test_pg_v1_fixture);
  ADD ("every-version", test_pg_every_version);
  ADD ("failed-step-rolls-back", test_pg_failed_step_rolls_back);
  ADD ("concurrent-open", test_pg_concurrent_open);
  ADD ("too-new", test_pg_too_new);
  ADD ("interrupted/terminated", test_pg_interrupted_terminated);
  ADD ("interrupted/client-killed", test_pg_interrupted_client_killed);
  ADD ("upgrade-denied", test_pg_upgrade_denied);
#undef ADD
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_strcmp0 (argv[1], "--open-child") == 0)
    return open_child (argv[2]);

  g_test_init (&argc, &argv, NULL);
  if (cs_test_pg_admin_location () != NULL)
    {
      add_postgresql_tests ();
      return g_test_run ();
    }

  g_test_add ("/store/migrate/v1-fixture", Fixture, NULL, fixture_setup, test_v1_fixture,
              fixture_teardown);
  g_test_add ("/store/migrate/every-version", Fixture, NULL, fixture_setup, test_every_version,
              fixture_teardown);
  g_test_add ("/store/migrate/failed-step-rolls-back", Fixture, NULL, fixture_setup,
              test_failed_step_rolls_back, fixture_teardown);
  g_test_add ("/store/migrate/concurrent-open", Fixture, NULL, fixture_setup, test_concurrent_open,
              fixture_teardown);
  g_test_add ("/store/migrate/v2-to-v3", Fixture, NULL, fixture_setup, test_v2_to_v3,
              fixture_teardown);
  g_test_add ("/store/migrate/v3-to-v4", Fixture, NULL, fixture_setup, test_v3_to_v4,
              fixture_teardown);
  g_test_add ("/store/migrate/v4-to-v5", Fixture, NULL, fixture_setup, test_v4_to_v5,
              fixture_teardown);
  g_test_add ("/store/migrate/v5-to-v6", Fixture, NULL, fixture_setup, test_v5_to_v6,
              fixture_teardown);
  g_test_add ("/store/migrate/v6-to-v7", Fixture, NULL, fixture_setup, test_v6_to_v7,
              fixture_teardown);
  g_test_add ("/store/migrate/v7-to-v8", Fixture, NULL, fixture_setup, test_v7_to_v8,
              fixture_teardown);
  g_test_add ("/store/migrate/v9-to-v10", Fixture, NULL, fixture_setup, test_v9_to_v10,
              fixture_teardown);
  g_test_add ("/store/migrate/v10-to-v11", Fixture, NULL, fixture_setup, test_v10_to_v11,
              fixture_teardown);
  g_test_add ("/store/migrate/old-schema-read-only", Fixture, NULL, fixture_setup,
              test_old_schema_read_only, fixture_teardown);

  return g_test_run ();
}
