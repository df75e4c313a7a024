/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-db.c: the engine interface under the draft store (cs-db.h): placeholders for engines that
 * number them with $, and the SQLite engine's binding, stepping, columns, results and errors */

#include "config.h"

#include <string.h>

#include "cs-db-sqlite.h"
#include "cs-test-util.h"

static void
test_dollar_params (void)
{
  static const struct
  {
    const char *in;
    const char *out;
    int         n;
  } cases[] = {
    { "SELECT 1", "SELECT 1", 0 },
    { "SELECT ?, ?", "SELECT $1, $2", 2 },
    { "SELECT ?1 WHERE a = ?1 OR b = ?2", "SELECT $1 WHERE a = $1 OR b = $2", 2 },
    /* a bare ? after ?5 is the sixth, as SQLite counts */
    { "VALUES (?5, ?)", "VALUES ($5, $6)", 6 },
    { "VALUES (?12)", "VALUES ($12)", 12 },
    /* quoted text, identifiers and comments keep their question marks */
    { "SELECT '?', 'it''s ?', \"a?b\", ? -- why?\n, ?", "SELECT '?', 'it''s ?', \"a?b\", $1 -- why?\n, $2", 2 },
    { "SELECT /* ?1 */ ?", "SELECT /* ?1 */ $1", 1 },
    { "LIKE ?3 ESCAPE '\\'", "LIKE $3 ESCAPE '\\'", 3 },
    /* an unterminated literal is copied to the end */
    { "SELECT 'abc ?", "SELECT 'abc ?", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *out = cs_db_sql_dollar_params (cases[i].in, &n);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpint (n, ==, cases[i].n);
    }
}

static void
test_location (void)
{
  g_assert_true (cs_db_location_is_postgresql ("postgresql://host/db"));
  g_assert_true (cs_db_location_is_postgresql ("postgres://u@host:5433/db?sslmode=require"));
  g_assert_false (cs_db_location_is_postgresql ("/home/u/consign.sqlite"));
  g_assert_false (cs_db_location_is_postgresql ("postgresql.sqlite"));
  g_assert_false (cs_db_location_is_postgresql (NULL));
}

typedef struct
{
  char *dir;
  char *path;
  CsDb *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cs_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "t.sqlite", NULL);
  f->db = cs_db_open (f->path, CS_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
  g_assert_cmpint (cs_db_get_kind (f->db), ==, CS_DB_SQLITE);
  g_assert_nonnull (cs_db_sqlite_get_handle (f->db));
  g_assert_cmpint (cs_db_exec (f->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE,"
                                      " n INTEGER, x REAL, b BLOB) STRICT"), ==, CS_DB_OK);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_db_close (f->db);
  cs_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
insert (Fixture    *f,
        const char *name,
        gint64      n)
{
  g_autoptr(CsDbStmt) st = NULL;
  gint64 id;

  g_assert_cmpint (cs_db_prepare (f->db, "INSERT INTO t (name, n) VALUES (?, ?) RETURNING id", FALSE, &st),
                   ==, CS_DB_OK);
  g_assert_cmpint (cs_db_bind_parameter_count (st), ==, 2);
  g_assert_cmpint (cs_db_bind_text_take (st, 1, g_strdup (name)), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_bind_int64 (st, 2, n), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  id = cs_db_column_int64 (st, 0);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  return id;
}

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  static const guint8 bytes[] = { 0, 1, 2, 255 };
  g_autoptr(CsDbStmt) st = NULL;
  const char text[] = "héllo wörld";

  g_assert_cmpint (cs_db_prepare (f->db, "INSERT INTO t (name, n, x, b) VALUES (?1, ?2, ?3, ?4)", TRUE, &st),
                   ==, CS_DB_OK);
  /* a length shorter than the string binds only that much */
  g_assert_cmpint (cs_db_bind_text (st, 1, text, 6), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_bind_int64 (st, 2, G_MAXINT64), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_bind_double (st, 3, 0.1), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_bind_blob (st, 4, bytes, sizeof bytes), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  g_assert_cmpint (cs_db_changes (f->db), ==, 1);
  cs_db_reset (st);
  cs_db_clear_bindings (st);
  g_assert_cmpint (cs_db_bind_text_or_null (st, 1, NULL), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  g_clear_pointer (&st, cs_db_stmt_free);

  g_assert_cmpint (cs_db_prepare (f->db, "SELECT name, n, x, b FROM t ORDER BY id", FALSE, &st), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_column_count (st), ==, 4);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  g_assert_cmpint (cs_db_column_type (st, 0), ==, CS_DB_TYPE_TEXT);
  g_assert_cmpstr (cs_db_column_text (st, 0), ==, "héllo");
  g_assert_cmpint (cs_db_column_bytes (st, 0), ==, 6);
  g_assert_cmpint (cs_db_column_type (st, 1), ==, CS_DB_TYPE_INTEGER);
  g_assert_cmpint (cs_db_column_int64 (st, 1), ==, G_MAXINT64);
  g_assert_cmpint (cs_db_column_type (st, 2), ==, CS_DB_TYPE_FLOAT);
  g_assert_cmpfloat (cs_db_column_double (st, 2), ==, 0.1);
  g_assert_cmpint (cs_db_column_type (st, 3), ==, CS_DB_TYPE_BLOB);
  g_assert_cmpmem (cs_db_column_blob (st, 3), cs_db_column_bytes (st, 3), bytes, sizeof bytes);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  g_assert_cmpint (cs_db_column_type (st, 0), ==, CS_DB_TYPE_NULL);
  g_assert_null (cs_db_column_text (st, 0));
  g_assert_cmpint (cs_db_column_type (st, 1), ==, CS_DB_TYPE_NULL);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
}

static void
test_returning (Fixture       *f,
                gconstpointer  data)
{
  gint64 a = insert (f, "a", 1);
  gint64 b = insert (f, "b", 2);
  g_autoptr(CsDbStmt) st = NULL;

  g_assert_cmpint (a, >, 0);
  g_assert_cmpint (b, >, a);
  /* an upsert in the form both engines take, with its result row */
  g_assert_cmpint (cs_db_prepare (f->db, "INSERT INTO t (name, n) VALUES (?1, ?2)"
                                         " ON CONFLICT (name) DO UPDATE SET n = t.n + excluded.n RETURNING id, n",
                                  FALSE, &st), ==, CS_DB_OK);
  cs_db_bind_text (st, 1, "a", -1);
  cs_db_bind_int64 (st, 2, 10);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  g_assert_cmpint (cs_db_column_int64 (st, 0), ==, a);
  g_assert_cmpint (cs_db_column_int (st, 1), ==, 11);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  g_clear_pointer (&st, cs_db_stmt_free);

  g_assert_cmpint (cs_db_exec (f->db, "UPDATE t SET n = 0"), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_changes (f->db), ==, 2);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsDbStmt) st = NULL;
  g_autoptr(GError) error = NULL;
  CsDb *db;

  insert (f, "a", 1);
  g_assert_null (cs_db_failed_sql (f->db));
  /* a unique key: CONSTRAINT, with the statement that failed named */
  g_assert_cmpint (cs_db_prepare (f->db, "INSERT INTO t (name) VALUES (?1)", FALSE, &st), ==, CS_DB_OK);
  cs_db_bind_text (st, 1, "a", -1);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_CONSTRAINT);
  g_assert_cmpstr (cs_db_failed_sql (f->db), ==, "INSERT INTO t (name) VALUES (?1)");
  g_assert_nonnull (strstr (cs_db_errmsg (f->db), "UNIQUE"));
  g_clear_pointer (&st, cs_db_stmt_free);
  /* taken once: a later failure cannot be reported with it */
  {
    g_autofree char *sql = cs_db_take_failed_sql (f->db);

    g_assert_cmpstr (sql, ==, "INSERT INTO t (name) VALUES (?1)");
    g_assert_null (cs_db_failed_sql (f->db));
  }

  /* STRICT refuses text in an INTEGER column (a constraint in SQLite 3.40) */
  g_assert_cmpint (cs_db_exec (f->db, "INSERT INTO t (n) VALUES ('x')"), ==, CS_DB_CONSTRAINT);
  g_assert_cmpint (cs_db_prepare (f->db, "SELECT nope FROM t", FALSE, &st), ==, CS_DB_ERROR_SQL);
  g_assert_null (st);
  g_assert_cmpstr (cs_db_failed_sql (f->db), ==, "SELECT nope FROM t");

  /* a file that is no database */
  cs_db_close (f->db);
  f->db = NULL;
  g_assert_true (g_file_set_contents (f->path, "not a database, just text that is long enough", -1, NULL));
  db = cs_db_open (f->path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (db, "SELECT * FROM sqlite_schema"), ==, CS_DB_NOTADB);
  cs_db_close (db);

  /* a file that cannot be created */
  db = cs_db_open ("/nonexistent-dir/x.sqlite", CS_DB_OPEN_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, CS_DB_ERROR, CS_DB_CANTOPEN);
  g_clear_error (&error);
  /* reopen for the teardown */
  g_remove (f->path);
  f->db = cs_db_open (f->path, CS_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CsDb *other;

  g_assert_false (cs_db_in_transaction (f->db));
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  g_assert_true (cs_db_in_transaction (f->db));
  insert (f, "gone", 1);
  cs_db_rollback (f->db);
  g_assert_false (cs_db_in_transaction (f->db));
  cs_db_rollback (f->db);   /* nothing open: nothing happens */

  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  insert (f, "kept", 1);
  g_assert_cmpint (cs_db_commit (f->db), ==, CS_DB_OK);

  /* a second connection waiting for the write lock gives up after its busy timeout: BUSY */
  other = cs_db_open (f->path, 0, &error);
  g_assert_no_error (error);
  cs_db_set_busy_timeout (other, 10);
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_begin (other, CS_DB_WRITE), ==, CS_DB_BUSY);
  cs_db_rollback (f->db);
  g_assert_cmpint (cs_db_begin (other, CS_DB_READ), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_commit (other), ==, CS_DB_OK);
  g_assert_false (cs_db_is_read_only (other));
  cs_db_close (other);

  other = cs_db_open (f->path, CS_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (cs_db_is_read_only (other));
  g_assert_cmpint (cs_db_exec (other, "DELETE FROM t"), ==, CS_DB_READONLY);
  cs_db_close (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/dollar-params", test_dollar_params);
  g_test_add_func ("/db/location", test_location);
  g_test_add ("/db/sqlite/values", Fixture, NULL, fixture_setup, test_values, fixture_teardown);
  g_test_add ("/db/sqlite/returning", Fixture, NULL, fixture_setup, test_returning, fixture_teardown);
  g_test_add ("/db/sqlite/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/db/sqlite/transactions", Fixture, NULL, fixture_setup, test_transactions, fixture_teardown);
  return g_test_run ();
}
