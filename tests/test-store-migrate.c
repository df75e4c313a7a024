/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-migrate.c: schema migrations from every older version, and what they must not do */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cs-directory.h"
#include "cs-json.h"
#include "cs-store-private.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

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
  g_test_add ("/store/migrate/old-schema-read-only", Fixture, NULL, fixture_setup,
              test_old_schema_read_only, fixture_teardown);

  return g_test_run ();
}
