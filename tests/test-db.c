/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-db.c: the engine interface under the draft store (cs-db.h): placeholders for engines that
 * number them with $, and each engine's binding, stepping, columns, results and errors
 *
 * The SQLite engine is always tested. With CONSIGN_TEST_DB set to a postgresql:// URI of a server
 * where the user may create databases (tests/pg-cluster.sh sets it), the same tests run on
 * PostgreSQL too, each in a new database that is dropped after it.
 *
 * On PostgreSQL, statements that return no rows are sent without waiting inside a transaction
 * (cs-db-pg.c, libpq's pipeline mode): /db/postgresql/pipeline checks that what is read back is
 * what was sent and that a failure among them names its statement; /db/postgresql/save-failure
 * checks the same through the draft store, with a failure in the middle of a 60,000-item save.
 * The store writes its rows 64 to a statement there (cs-store-save.c): /db/postgresql/save-batches
 * checks that a big draft and a smaller re-save read back as they do from SQLite.
 */

#include "config.h"

#include <string.h>

#include "cs-bench-gen.h"
#include "cs-db-pg.h"
#include "cs-db-sqlite.h"
#include "cs-json.h"
#include "cs-model.h"
#include "cs-store.h"
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
  g_assert_cmpint (cs_db_column_int64 (st, 2), ==, 0);
  g_assert_cmpfloat (cs_db_column_double (st, 1), ==, (double) G_MAXINT64);
  /* numbers read as text, as the engine prints them (PostgreSQL sends them in binary here) */
  g_assert_cmpstr (cs_db_column_text (st, 1), ==, "9223372036854775807");
  g_assert_cmpint (cs_db_column_bytes (st, 1), ==, 19);
  g_assert_cmpstr (cs_db_column_text (st, 2), ==, "0.1");
  g_assert_cmpint (cs_db_column_type (st, 3), ==, CS_DB_TYPE_BLOB);
  g_assert_cmpmem (cs_db_column_blob (st, 3), cs_db_column_bytes (st, 3), bytes, sizeof bytes);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  g_assert_cmpint (cs_db_column_type (st, 0), ==, CS_DB_TYPE_NULL);
  g_assert_null (cs_db_column_text (st, 0));
  g_assert_cmpint (cs_db_column_type (st, 1), ==, CS_DB_TYPE_NULL);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  g_clear_pointer (&st, cs_db_stmt_free);

  /* a whole double for an integer column, an integer for a double column (PostgreSQL sends
   * the numbers its parameters take in binary, others as text), negative numbers */
  g_assert_cmpint (cs_db_prepare (f->db, "INSERT INTO t (name, n, x) VALUES (?1, ?2, ?3)", FALSE, &st), ==,
                   CS_DB_OK);
  cs_db_bind_text (st, 1, "mixed", -1);
  g_assert_cmpint (cs_db_bind_double (st, 2, -7.0), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_bind_int64 (st, 3, -42), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_DONE);
  g_clear_pointer (&st, cs_db_stmt_free);
  g_assert_cmpint (cs_db_prepare (f->db, "SELECT n, x FROM t WHERE name = ?1", FALSE, &st), ==, CS_DB_OK);
  cs_db_bind_text (st, 1, "mixed", -1);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  g_assert_cmpint (cs_db_column_int64 (st, 0), ==, -7);
  g_assert_cmpfloat (cs_db_column_double (st, 1), ==, -42.0);
  g_assert_cmpstr (cs_db_column_text (st, 0), ==, "-7");
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

static gint64
count_rows (CsDb       *db,
            const char *sql)
{
  g_autoptr(CsDbStmt) st = NULL;

  g_assert_cmpint (cs_db_prepare (db, sql, FALSE, &st), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_step (st), ==, CS_DB_ROW);
  return cs_db_column_int64 (st, 0);
}

/* PostgreSQL: inside a transaction, steps of statements without rows are sent without waiting;
 * whatever reads afterwards sees them, and a failure among them is reported once, by a later
 * call, naming the statement that failed (not the call that found it). */
static void
test_pipeline (Fixture       *f,
               gconstpointer  data)
{
  static const char insert_sql[] = "INSERT INTO t (name, n) VALUES (?1, ?2)";
  g_autoptr(CsDbStmt) ins = NULL;
  g_autoptr(CsDbStmt) sel = NULL;
  CsDbRc rc = CS_DB_OK;
  guint i, failed_at;

  insert (f, "kept", 1);
  g_assert_cmpint (cs_db_prepare (f->db, insert_sql, TRUE, &ins), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_column_count (ins), ==, 0);
  g_assert_cmpint (cs_db_prepare (f->db, "SELECT count(*), sum(n) FROM t", TRUE, &sel), ==, CS_DB_OK);
  /* known before a step, without asking the server again */
  g_assert_cmpint (cs_db_column_count (sel), ==, 2);

  /* 2,000 rows sent, then read back in the same transaction: all there */
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  for (i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("row %u", i);

      g_assert_cmpint (cs_db_bind_text (ins, 1, name, -1), ==, CS_DB_OK);
      g_assert_cmpint (cs_db_bind_int64 (ins, 2, i), ==, CS_DB_OK);
      g_assert_cmpint (cs_db_step (ins), ==, CS_DB_DONE);
      cs_db_reset (ins);
    }
  /* the last statement's row count, once its result has been read */
  g_assert_cmpint (cs_db_changes (f->db), ==, 1);
  g_assert_cmpint (cs_db_step (sel), ==, CS_DB_ROW);
  g_assert_cmpint (cs_db_column_int64 (sel, 0), ==, 2001);
  g_assert_cmpint (cs_db_column_int64 (sel, 1), ==, 1999 * 2000 / 2 + 1);
  cs_db_reset (sel);
  g_assert_cmpint (cs_db_commit (f->db), ==, CS_DB_OK);
  g_assert_null (cs_db_failed_sql (f->db));

  /* a unique key broken by the 1,001st of 3,000 rows: reported once, by a later call (a step
   * if its result came back while the rest was sent, else the COMMIT), with the server's
   * message and the INSERT's SQL; nothing of the transaction is kept */
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  g_assert_cmpint (cs_db_exec (f->db, "UPDATE t SET n = -1 WHERE name = 'kept'"), ==, CS_DB_OK);
  for (i = 0; i < 3000 && rc == CS_DB_OK; i++)
    {
      g_autofree char *name = i == 1000 ? g_strdup ("row 7") : g_strdup_printf ("new %u", i);

      cs_db_bind_text (ins, 1, name, -1);
      cs_db_bind_int64 (ins, 2, i);
      rc = cs_db_step (ins);
      cs_db_reset (ins);
      rc = rc == CS_DB_DONE ? CS_DB_OK : rc;
    }
  failed_at = i - 1;
  if (rc == CS_DB_OK)
    {
      g_test_message ("the failure of row 1000 was reported by the COMMIT");
      rc = cs_db_commit (f->db);
    }
  else
    {
      g_test_message ("the failure of row 1000 was reported by the step of row %u", failed_at);
      g_assert_cmpuint (failed_at, >, 1000);
    }
  g_assert_cmpint (rc, ==, CS_DB_CONSTRAINT);
  g_assert_cmpstr (cs_db_failed_sql (f->db), ==, insert_sql);
  {
    g_autofree char *msg = g_ascii_strdown (cs_db_errmsg (f->db), -1);
    g_assert_nonnull (strstr (msg, "unique"));
  }
  /* reported once: the ROLLBACK and what follows are fine */
  g_free (cs_db_take_failed_sql (f->db));
  cs_db_rollback (f->db);
  g_assert_false (cs_db_in_transaction (f->db));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM t"), ==, 2001);
  g_assert_cmpint (count_rows (f->db, "SELECT n FROM t WHERE name = 'kept'"), ==, 1);
  g_assert_null (cs_db_failed_sql (f->db));

  /* the same, with every result read (cs_db_changes() waits for them) before the next step:
   * that step reports the failure, not one of its own */
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  cs_db_bind_text (ins, 1, "row 7", -1);
  g_assert_cmpint (cs_db_step (ins), ==, CS_DB_DONE);
  cs_db_reset (ins);
  cs_db_changes (f->db);
  cs_db_bind_text (ins, 1, "other", -1);
  g_assert_cmpint (cs_db_step (ins), ==, CS_DB_CONSTRAINT);
  cs_db_reset (ins);
  g_assert_cmpstr (cs_db_failed_sql (f->db), ==, insert_sql);
  g_assert_nonnull (strstr (cs_db_errmsg (f->db), "row 7"));
  cs_db_rollback (f->db);
  g_assert_false (cs_db_in_transaction (f->db));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM t"), ==, 2001);
  g_assert_cmpint (count_rows (f->db, "SELECT n FROM t WHERE name = 'kept'"), ==, 1);

  /* the failing row sent last: COMMIT reports it, naming the INSERT, not the COMMIT */
  g_free (cs_db_take_failed_sql (f->db));
  g_assert_cmpint (cs_db_begin (f->db, CS_DB_WRITE), ==, CS_DB_OK);
  cs_db_bind_text (ins, 1, "fresh", -1);
  cs_db_bind_int64 (ins, 2, 1);
  g_assert_cmpint (cs_db_step (ins), ==, CS_DB_DONE);
  cs_db_reset (ins);
  cs_db_bind_text (ins, 1, "kept", -1);
  g_assert_cmpint (cs_db_step (ins), ==, CS_DB_DONE);
  cs_db_reset (ins);
  g_assert_cmpint (cs_db_commit (f->db), ==, CS_DB_CONSTRAINT);
  g_assert_cmpstr (cs_db_failed_sql (f->db), ==, insert_sql);
  cs_db_rollback (f->db);
  g_assert_false (cs_db_in_transaction (f->db));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM t WHERE name = 'fresh'"), ==, 0);

  /* outside a transaction each statement is waited for (each commits on its own) */
  cs_db_bind_text (ins, 1, "kept", -1);
  g_assert_cmpint (cs_db_step (ins), ==, CS_DB_CONSTRAINT);
  cs_db_reset (ins);
  cs_db_bind_text (ins, 1, "alone", -1);
  g_assert_cmpint (cs_db_step (ins), ==, CS_DB_DONE);
  g_assert_cmpint (cs_db_changes (f->db), ==, 1);
}

#define SAVE_ITEMS  60000
#define FAIL_AT_POS 50000   /* the 50,001st item */

static CsManifest *
big_draft (const char *description)
{
  CsManifest *m = cs_manifest_new ();

  cs_record_set_string (CS_RECORD (m), "reference", "PIPE-1");
  for (guint i = 0; i < SAVE_ITEMS; i++)
    {
      g_autoptr(CsItem) it = cs_item_new ();

      cs_record_set_string (CS_RECORD (it), "description", description);
      cs_list_append (m->items, it);
    }
  return m;
}

/* A failure in the middle of a big save on PostgreSQL (a server-side trigger refuses the
 * 50,001st item, after 50,000 rows were sent without waiting): the save fails naming the
 * statement, and the draft as stored is still the previous revision, unchanged. */
static void
test_save_failure (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = big_draft ("first");
  g_autoptr(CsManifest) back = NULL;
  gint64 revision = 0;

  /* the database as the store wants it: empty */
  g_assert_cmpint (cs_db_exec (f->db, "DROP TABLE t"), ==, CS_DB_OK);
  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1);

  g_assert_cmpint (cs_db_exec (f->db,
                               "CREATE FUNCTION refuse_item () RETURNS trigger LANGUAGE plpgsql AS $$"
                               " BEGIN"
                               "   IF NEW.pos = " G_STRINGIFY (FAIL_AT_POS) " THEN"
                               "     RAISE EXCEPTION 'item % refused by the test', NEW.pos;"
                               "   END IF;"
                               "   RETURN NEW;"
                               " END $$;"
                               "CREATE TRIGGER refuse_item BEFORE INSERT OR UPDATE ON items"
                               " FOR EACH ROW EXECUTE FUNCTION refuse_item ()"), ==, CS_DB_OK);

  /* every item changed, the header too: the second revision fails at item 50,001 */
  for (guint i = 0; i < SAVE_ITEMS; i++)
    cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, i)), "description", "second");
  cs_record_set_string (CS_RECORD (m), "notes", "second");
  g_assert_false (cs_store_save (store, m, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_SQL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "item 50000 refused by the test"));
  /* the statement that failed, not a later one nor the COMMIT */
  g_assert_nonnull (strstr (error->message, "[INSERT INTO items (manifest_id, pos, present"));
  g_clear_error (&error);

  /* the previous revision as it was, through another connection */
  g_clear_object (&store);
  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  back = cs_store_load_with_revision (store, m->id, &revision, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1);
  g_assert_null (back->notes);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (back), ==, SAVE_ITEMS);
  g_assert_cmpstr (CS_MANIFEST_ITEM (back, 0)->description, ==, "first");
  g_assert_cmpstr (CS_MANIFEST_ITEM (back, FAIL_AT_POS - 1)->description, ==, "first");
  g_assert_cmpstr (CS_MANIFEST_ITEM (back, SAVE_ITEMS - 1)->description, ==, "first");
  g_clear_object (&back);

  /* and the store still saves: without the trigger the same draft goes in as revision 2 */
  g_assert_cmpint (cs_db_exec (f->db, "DROP TRIGGER refuse_item ON items"), ==, CS_DB_OK);
  g_assert_true (cs_store_save (store, m, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 2);
  back = cs_store_load (store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (CS_MANIFEST_ITEM (back, FAIL_AT_POS)->description, ==, "second");
  g_assert_cmpstr (back->notes, ==, "second");
}

/* Saves @m into @store, loads it back through a new connection to @location, as JSON. */
static char *
save_and_dump (const char *location,
               CsManifest *m,
               gint64      want_revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (location, &error);
  g_autoptr(CsManifest) back = NULL;
  gint64 revision = 0;

  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, want_revision);
  g_clear_object (&store);
  store = cs_store_open (location, &error);
  g_assert_no_error (error);
  back = cs_store_load (store, m->id, &error);
  g_assert_no_error (error);
  return cs_json_dump (back, NULL);
}

/* More rows than a batch in every list and child table, seals after many containers (they refer
 * to them), splits: saved new (plain INSERTs), then smaller and changed (upserts and trims), each
 * read back as it was saved, and as the same draft reads back from SQLite. */
static void
test_save_batches (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_bench_generate (4000, 11);
  g_autofree char *lite = g_build_filename (f->dir, "batches.sqlite", NULL);
  guint n_containers = CS_MANIFEST_N_CONTAINERS (m);

  g_assert_cmpint (cs_db_exec (f->db, "DROP TABLE t"), ==, CS_DB_OK);
  g_assert_cmpuint (n_containers, >, 2 * 64);
  for (guint i = 0; i < n_containers; i++)
    {
      g_autofree char *a = g_strdup_printf ("SEAL%05uA", i);
      g_autofree char *b = g_strdup_printf ("SEAL%05uB", i);
      g_autofree char *c = g_strdup_printf ("SEAL%05uC", i);
      const char *seals[] = { a, b, c, NULL };

      cs_record_set_strv (CS_RECORD (CS_MANIFEST_CONTAINER (m, i)), "seals", seals);
    }
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i += 3)
    for (guint k = 0; k < 2; k++)
      {
        g_autoptr(CsSplit) split = cs_split_new ();

        cs_record_set_string (CS_RECORD (split), "container", CS_MANIFEST_CONTAINER (m, k)->number);
        cs_record_set_number (CS_RECORD (split), "packages", 1 + k);
        cs_list_append (CS_MANIFEST_ITEM (m, i)->splits, split);
      }

  {
    g_autofree char *want = cs_json_dump (m, NULL);
    g_autofree char *pg = save_and_dump (f->path, m, 1);
    g_autofree char *sqlite = save_and_dump (lite, m, 1);

    g_assert_cmpstr (pg, ==, sqlite);
    g_assert_cmpstr (pg, ==, want);
  }

  /* smaller and changed: fewer containers, seals, items and splits; other descriptions */
  while (CS_MANIFEST_N_CONTAINERS (m) > 70)
    cs_list_remove (m->containers, CS_MANIFEST_N_CONTAINERS (m) - 1);
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i += 2)
    {
      const char *one[] = { "ONLY-SEAL", NULL };

      cs_record_set_strv (CS_RECORD (CS_MANIFEST_CONTAINER (m, i)), "seals", one);
    }
  while (CS_MANIFEST_N_ITEMS (m) > 2950)
    cs_list_remove (m->items, CS_MANIFEST_N_ITEMS (m) - 1);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i += 6)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);

      cs_record_set_string (CS_RECORD (it), "description", "changed");
      if (cs_list_length (it->splits) > 0)
        cs_list_remove (it->splits, 0);
    }
  {
    g_autofree char *want = cs_json_dump (m, NULL);
    g_autofree char *pg = save_and_dump (f->path, m, 2);
    g_autofree char *sqlite = save_and_dump (lite, m, 2);

    g_assert_cmpstr (pg, ==, sqlite);
    g_assert_cmpstr (pg, ==, want);
  }
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
      if (kind == CS_DB_POSTGRESQL)
        {
          g_test_add ("/db/postgresql/pipeline", Fixture, GINT_TO_POINTER (kind), fixture_setup,
                      test_pipeline, fixture_teardown);
          g_test_add ("/db/postgresql/save-failure", Fixture, GINT_TO_POINTER (kind), fixture_setup,
                      test_save_failure, fixture_teardown);
          g_test_add ("/db/postgresql/save-batches", Fixture, GINT_TO_POINTER (kind), fixture_setup,
                      test_save_batches, fixture_teardown);
        }
    }
  return g_test_run ();
}
