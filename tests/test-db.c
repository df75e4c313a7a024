/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-db.c: the engine interface under the draft store (cs-db.h): placeholders for engines that
 * number them with $, and each engine's binding, stepping, columns, results and errors
 *
 * The SQLite engine is always tested. With CONSIGN_TEST_DB set to a postgresql:// URI of a server
 * where the user may create databases (tests/pg-cluster.sh sets it), the same tests run on
 * PostgreSQL too, each in a new database that is dropped after it.
 */

#include "config.h"

#include <string.h>

#include "cs-db-pg.h"
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

static void
test_redact (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "postgresql://clerk:s3cret@db.example:5432/consign?sslmode=verify-full",
      "postgresql://clerk@db.example:5432/consign?sslmode=verify-full" },
    { "postgres://clerk@db/consign", "postgres://clerk@db/consign" },
    { "postgresql://db/consign?password=s3cret&sslmode=require", "postgresql://db/consign?sslmode=require" },
    { "postgresql://db/consign?sslmode=require&PASSWORD=x", "postgresql://db/consign?sslmode=require" },
    { "postgresql:///consign?host=/run/pg&user=u", "postgresql:///consign?host=/run/pg&user=u" },
    /* an @ inside the password: the last one before the host ends the user part */
    { "postgresql://u:p@ss@host/db", "postgresql://u@host/db" },
    { "postgresql://u:pw@host", "postgresql://u@host" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cs_db_pg_redact_location (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* libpq repeats a badly percent-encoded password in its message: it never reaches ours. */
static void
test_redact_message (void)
{
  static const char bad[] = "postgresql://alice:s3%zzcret@localhost/consign";
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autoptr(GError) error = NULL;
  CsDb *db;

  a = cs_db_pg_redact_message (bad, "invalid percent-encoded token: \"s3%zzcret\"");
  g_assert_cmpstr (a, ==, "invalid percent-encoded token: \"***\"");
  b = cs_db_pg_redact_message ("postgresql://u:p%40ss@h/db?password=other", "p@ss, p%40ss and other");
  g_assert_cmpstr (b, ==, "***, *** and ***");
  c = cs_db_pg_redact_message ("postgresql://u@h/db", "no password here");
  g_assert_cmpstr (c, ==, "no password here");

  /* the real thing: libpq refuses the location before connecting anywhere */
  db = cs_db_open (bad, 0, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "zzcret"));
}

static void
test_sqlstate (void)
{
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("23505"), ==, CS_DB_CONSTRAINT);   /* unique */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("23503"), ==, CS_DB_CONSTRAINT);   /* foreign key */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("55P03"), ==, CS_DB_BUSY);         /* lock timeout */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("40P01"), ==, CS_DB_BUSY);         /* deadlock */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("25006"), ==, CS_DB_READONLY);
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("42501"), ==, CS_DB_PERM);
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("28P01"), ==, CS_DB_PERM);         /* password */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("53100"), ==, CS_DB_FULL);
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("08006"), ==, CS_DB_CANTOPEN);
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("57P01"), ==, CS_DB_CANTOPEN);     /* shut down */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("XX001"), ==, CS_DB_CORRUPT);
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate ("42601"), ==, CS_DB_ERROR_SQL);    /* syntax */
  g_assert_cmpint (_cs_db_pg_rc_from_sqlstate (NULL), ==, CS_DB_CANTOPEN);
}

typedef struct
{
  CsDbKind kind;
  char    *dir;
  char    *path;       /* the SQLite file, or the PostgreSQL URI of the fixture's database */
  char    *pg_name;    /* the database made for the fixture */
  CsDb    *db;
} Fixture;

/* The admin URI with another database name. */
static char *
pg_location (const char *admin,
             const char *name)
{
  const char *slash = strstr (admin, "://");
  const char *path, *query;

  g_assert_nonnull (slash);
  path = strchr (slash + 3, '/');
  g_assert_nonnull (path);
  query = strchr (path, '?');
  return g_strdup_printf ("%.*s/%s%s", (int) (path - admin), admin, name, query ? query : "");
}

static void
pg_admin (const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *admin = cs_db_open (g_getenv ("CONSIGN_TEST_DB"), 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (admin, sql), ==, CS_DB_OK);
  cs_db_close (admin);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint n_databases;

  f->kind = GPOINTER_TO_INT (data);
  f->dir = cs_test_make_tmpdir ();
  if (f->kind == CS_DB_SQLITE)
    f->path = g_build_filename (f->dir, "t.sqlite", NULL);
  else
    {
      g_autofree char *create = NULL;

      f->pg_name = g_strdup_printf ("consign_test_db_%d_%u", (int) getpid (), ++n_databases);
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_name);
      pg_admin (create);
      f->path = pg_location (g_getenv ("CONSIGN_TEST_DB"), f->pg_name);
    }
  f->db = cs_db_open (f->path, CS_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
  g_assert_cmpint (cs_db_get_kind (f->db), ==, f->kind);
  if (f->kind == CS_DB_SQLITE)
    {
      g_assert_nonnull (cs_db_sqlite_get_handle (f->db));
      g_assert_cmpint (cs_db_exec (f->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE,"
                                          " n INTEGER, x REAL, b BLOB) STRICT"), ==, CS_DB_OK);
    }
  else
    {
      g_assert_null (cs_db_sqlite_get_handle (f->db));
      g_assert_nonnull (cs_db_pg_get_connection (f->db));
      g_assert_cmpint (cs_db_exec (f->db, "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY"
                                          " PRIMARY KEY, name TEXT UNIQUE, n BIGINT, x DOUBLE PRECISION,"
                                          " b BYTEA)"), ==, CS_DB_OK);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_db_close (f->db);
  if (f->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s", f->pg_name);
      pg_admin (drop);
    }
  cs_test_remove_tree (f->dir);
  g_free (f->pg_name);
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
  {
    g_autofree char *msg = g_ascii_strdown (cs_db_errmsg (f->db), -1);
    g_assert_nonnull (strstr (msg, "unique"));
  }
  g_clear_pointer (&st, cs_db_stmt_free);
  /* taken once: a later failure cannot be reported with it */
  {
    g_autofree char *sql = cs_db_take_failed_sql (f->db);

    g_assert_cmpstr (sql, ==, "INSERT INTO t (name) VALUES (?1)");
    g_assert_null (cs_db_failed_sql (f->db));
  }

  /* text in an integer column: STRICT's constraint in SQLite 3.40, a bad value in PostgreSQL */
  g_assert_cmpint (cs_db_exec (f->db, "INSERT INTO t (n) VALUES ('x')"), ==,
                   f->kind == CS_DB_SQLITE ? CS_DB_CONSTRAINT : CS_DB_ERROR_SQL);
  g_assert_cmpint (cs_db_prepare (f->db, "SELECT nope FROM t", FALSE, &st), ==, CS_DB_ERROR_SQL);
  g_assert_null (st);
  g_assert_cmpstr (cs_db_failed_sql (f->db), ==, "SELECT nope FROM t");
  g_assert_nonnull (strstr (cs_db_errmsg (f->db), "nope"));
  if (f->kind != CS_DB_SQLITE)
    {
      g_autofree char *missing = pg_location (f->path, "consign_no_such_database");
      g_autofree char *location = g_strconcat (missing, "&password=s3cret", NULL);

      /* a database that is not there: CANTOPEN, and the error never shows the password */
      db = cs_db_open (location, 0, &error);
      g_assert_null (db);
      g_assert_error (error, CS_DB_ERROR, CS_DB_CANTOPEN);
      g_assert_nonnull (strstr (error->message, "consign_no_such_database"));
      g_assert_null (strstr (error->message, "s3cret"));
      return;
    }

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

  /* a second connection waiting for the write lock gives up after its busy timeout: BUSY,
   * with no transaction left open */
  other = cs_db_open (f->path, 0, &error);
  g_assert_no_error (error);
  cs_db_set_busy_timeout (other, 10);
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_begin (other, CS_DB_WRITE), ==, CS_DB_BUSY);
  g_assert_false (cs_db_in_transaction (other));
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

  /* the other connection sees what was committed, and only that */
  other = cs_db_open (f->path, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CsDbStmt) st = NULL;

    g_assert_cmpint (cs_db_prepare (other, "SELECT name FROM t ORDER BY id", FALSE, &st), ==, CS_DB_OK);
    g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
    g_assert_cmpstr (cs_db_column_text (st, 0), ==, "kept");
    g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  }
  cs_db_close (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/dollar-params", test_dollar_params);
  g_test_add_func ("/db/location", test_location);
  g_test_add_func ("/db/postgresql/redact", test_redact);
  g_test_add_func ("/db/postgresql/redact-message", test_redact_message);
  g_test_add_func ("/db/postgresql/sqlstate", test_sqlstate);
  for (guint k = 0; k < 2; k++)
    {
      CsDbKind kind = k == 0 ? CS_DB_SQLITE : CS_DB_POSTGRESQL;
      const char *name = k == 0 ? "sqlite" : "postgresql";
      g_autofree char *values = g_strdup_printf ("/db/%s/values", name);
      g_autofree char *returning = g_strdup_printf ("/db/%s/returning", name);
      g_autofree char *errors = g_strdup_printf ("/db/%s/errors", name);
      g_autofree char *transactions = g_strdup_printf ("/db/%s/transactions", name);

      /* PostgreSQL only with a server to run on (tests/pg-cluster.sh; meson test db-postgresql) */
      if (kind == CS_DB_POSTGRESQL && !cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB")))
        break;
      g_test_add (values, Fixture, GINT_TO_POINTER (kind), fixture_setup, test_values, fixture_teardown);
      g_test_add (returning, Fixture, GINT_TO_POINTER (kind), fixture_setup, test_returning, fixture_teardown);
      g_test_add (errors, Fixture, GINT_TO_POINTER (kind), fixture_setup, test_errors, fixture_teardown);
      g_test_add (transactions, Fixture, GINT_TO_POINTER (kind), fixture_setup, test_transactions,
                  fixture_teardown);
    }
  return g_test_run ();
}
