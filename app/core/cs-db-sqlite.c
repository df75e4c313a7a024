/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db-sqlite.c: the SQLite engine of cs-db.h, a thin layer over the sqlite3 calls
 *
 * Each call is the sqlite3 function it names, with the result code folded into a CsDbRc. The
 * statements of the store's cache are prepared with SQLITE_PREPARE_PERSISTENT. Text is bound
 * with the caller's destroy function (NULL is SQLITE_STATIC), so nothing is copied.
 */

#include "config.h"

#include "cs-db-sqlite.h"

typedef struct
{
  CsDb     base;
  sqlite3 *handle;
} SqliteDb;

#define HANDLE(db) (((SqliteDb *) (db))->handle)
#define STMT(s) ((s)->sqlite)

/* cs-db.h returns SQLite's column types as they are */
G_STATIC_ASSERT (CS_DB_TYPE_NULL == SQLITE_NULL && CS_DB_TYPE_TEXT == SQLITE_TEXT);

static const CsDbEngine sqlite_engine;

static inline CsDbRc
rc_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_OK:
      return CS_DB_OK;
    case SQLITE_ROW:
      return CS_DB_ROW;
    case SQLITE_DONE:
      return CS_DB_DONE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CS_DB_BUSY;
    case SQLITE_READONLY:
      return CS_DB_READONLY;
    case SQLITE_CANTOPEN:
      return CS_DB_CANTOPEN;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return CS_DB_PERM;
    case SQLITE_IOERR:
      return CS_DB_IOERR;
    case SQLITE_FULL:
      return CS_DB_FULL;
    case SQLITE_CORRUPT:
      return CS_DB_CORRUPT;
    case SQLITE_NOTADB:
      return CS_DB_NOTADB;
    case SQLITE_CONSTRAINT:
      return CS_DB_CONSTRAINT;
    case SQLITE_NOMEM:
      return CS_DB_NOMEM;
    default:
      return CS_DB_ERROR_SQL;
    }
}

CsDbRc
_cs_db_sqlite_rc (int rc)
{
  return rc_from_sqlite (rc);
}

CsDbRc
_cs_db_sqlite_step_failed (CsDbStmt *stmt,
                           int       rc)
{
  _cs_db_note_failure (stmt->db, stmt->sql);
  return rc_from_sqlite (rc);
}

sqlite3 *
cs_db_sqlite_get_handle (CsDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->engine == &sqlite_engine ? HANDLE (db) : NULL;
}

const char *
cs_db_sqlite_user_name (void)
{
  static gsize once;
  static char *name;

  if (g_once_init_enter (&once))
    {
      const char *real = g_get_real_name ();

      /* GLib says "Unknown" when the account has no real name */
      if (real == NULL || real[0] == '\0' || g_strcmp0 (real, "Unknown") == 0)
        real = g_get_user_name ();
      name = g_strdup (real);
      g_once_init_leave (&once, 1);
    }
  return name;
}

/* consign_user(): who changes the database through this connection (cs_db_sqlite_user_name()) */
static void
user_function (sqlite3_context  *context,
               int               argc G_GNUC_UNUSED,
               sqlite3_value   **argv G_GNUC_UNUSED)
{
  sqlite3_result_text (context, cs_db_sqlite_user_name (), -1, SQLITE_STATIC);
}

CsDb *
_cs_db_sqlite_open (const char     *path,
                    CsDbOpenFlags   flags,
                    GError        **error)
{
  SqliteDb *db;
  sqlite3 *handle = NULL;
  int sflags = SQLITE_OPEN_NOMUTEX;
  int rc;

  if (flags & CS_DB_OPEN_READ_ONLY)
    sflags |= SQLITE_OPEN_READONLY;
  else
    sflags |= SQLITE_OPEN_READWRITE | ((flags & CS_DB_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0);
  rc = sqlite3_open_v2 (path, &handle, sflags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error_literal (error, CS_DB_ERROR, rc_from_sqlite (rc),
                           handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close (handle);
      return NULL;
    }
  /* INNOCUOUS: the schema's triggers may call it whatever trusted_schema says (it only names
   * the user); not DIRECTONLY, for the same reason */
  rc = sqlite3_create_function_v2 (handle, "consign_user", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                                   user_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CS_DB_ERROR, rc_from_sqlite (rc), "consign_user(): %s", sqlite3_errmsg (handle));
      sqlite3_close (handle);
      return NULL;
    }
  db = g_new0 (SqliteDb, 1);
  db->base.engine = &sqlite_engine;
  db->handle = handle;
  return &db->base;
}

static void
sq_close (CsDb *db)
{
  sqlite3_close (HANDLE (db));
  g_free (db);
}

static CsDbRc
sq_exec (CsDb       *db,
         const char *sql)
{
  return rc_from_sqlite (sqlite3_exec (HANDLE (db), sql, NULL, NULL, NULL));
}

static CsDbRc
sq_prepare (CsDb        *db,
            const char  *sql,
            gboolean     persistent,
            CsDbStmt   **out)
{
  sqlite3_stmt *stmt = NULL;
  CsDbStmt *s;
  int rc = sqlite3_prepare_v3 (HANDLE (db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                               &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      *out = NULL;
      return rc_from_sqlite (rc);
    }
  s = g_new (CsDbStmt, 1);
  s->engine = &sqlite_engine;
  s->db = db;
  s->sql = sqlite3_sql (stmt);
  s->sqlite = stmt;
  *out = s;
  return CS_DB_OK;
}

static void
sq_finalize (CsDbStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static int
sq_parameter_count (CsDbStmt *stmt)
{
  return sqlite3_bind_parameter_count (STMT (stmt));
}

static CsDbRc
sq_bind_null (CsDbStmt *stmt,
              int       i)
{
  return rc_from_sqlite (sqlite3_bind_null (STMT (stmt), i));
}

static CsDbRc
sq_bind_int64 (CsDbStmt *stmt,
               int       i,
               gint64    v)
{
  return rc_from_sqlite (sqlite3_bind_int64 (STMT (stmt), i, v));
}

static CsDbRc
sq_bind_double (CsDbStmt *stmt,
                int       i,
                double    v)
{
  return rc_from_sqlite (sqlite3_bind_double (STMT (stmt), i, v));
}

static CsDbRc
sq_bind_text (CsDbStmt       *stmt,
              int             i,
              const char     *text,
              int             len,
              GDestroyNotify  destroy)
{
  /* NULL is SQLITE_STATIC; SQLite calls @destroy itself when binding fails */
  return rc_from_sqlite (sqlite3_bind_text (STMT (stmt), i, text, len, destroy));
}

static CsDbRc
sq_bind_blob (CsDbStmt   *stmt,
              int         i,
              const void *data,
              int         len)
{
  return rc_from_sqlite (sqlite3_bind_blob (STMT (stmt), i, data, len, SQLITE_TRANSIENT));
}

static CsDbRc
sq_step (CsDbStmt *stmt)
{
  int rc = sqlite3_step (STMT (stmt));

  if (G_LIKELY (rc == SQLITE_ROW))
    return CS_DB_ROW;
  if (rc == SQLITE_DONE)
    return CS_DB_DONE;
  return _cs_db_sqlite_step_failed (stmt, rc);
}

static void
sq_reset (CsDbStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static void
sq_clear_bindings (CsDbStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static int
sq_column_count (CsDbStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static CsDbType
sq_column_type (CsDbStmt *stmt,
                int       col)
{
  return (CsDbType) sqlite3_column_type (STMT (stmt), col);
}

static gint64
sq_column_int64 (CsDbStmt *stmt,
                 int       col)
{
  return sqlite3_column_int64 (STMT (stmt), col);
}

static double
sq_column_double (CsDbStmt *stmt,
                  int       col)
{
  return sqlite3_column_double (STMT (stmt), col);
}

static const char *
sq_column_text (CsDbStmt *stmt,
                int       col)
{
  return (const char *) sqlite3_column_text (STMT (stmt), col);
}

static int
sq_column_bytes (CsDbStmt *stmt,
                 int       col)
{
  return sqlite3_column_bytes (STMT (stmt), col);
}

static const void *
sq_column_blob (CsDbStmt *stmt,
                int       col)
{
  return sqlite3_column_blob (STMT (stmt), col);
}

static gint64
sq_changes (CsDb *db)
{
  return sqlite3_changes64 (HANDLE (db));
}

static const char *
sq_errmsg (CsDb *db)
{
  return sqlite3_errmsg (HANDLE (db));
}

static gboolean
sq_in_transaction (CsDb *db)
{
  return !sqlite3_get_autocommit (HANDLE (db));
}

static CsDbRc
sq_begin (CsDb            *db,
          CsDbTransaction  kind)
{
  return sq_exec (db, kind == CS_DB_WRITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

static void
sq_set_busy_timeout (CsDb  *db,
                     guint  ms)
{
  sqlite3_busy_timeout (HANDLE (db), (int) MIN (ms, G_MAXINT));
}

static gboolean
sq_is_read_only (CsDb *db)
{
  return sqlite3_db_readonly (HANDLE (db), "main") == 1;
}

static const CsDbEngine sqlite_engine = {
  .kind = CS_DB_SQLITE,
  .name = "SQLite",
  .close = sq_close,
  .exec = sq_exec,
  .prepare = sq_prepare,
  .finalize = sq_finalize,
  .parameter_count = sq_parameter_count,
  .bind_null = sq_bind_null,
  .bind_int64 = sq_bind_int64,
  .bind_double = sq_bind_double,
  .bind_text = sq_bind_text,
  .bind_blob = sq_bind_blob,
  .step = sq_step,
  .reset = sq_reset,
  .clear_bindings = sq_clear_bindings,
  .column_count = sq_column_count,
  .column_type = sq_column_type,
  .column_int64 = sq_column_int64,
  .column_double = sq_column_double,
  .column_text = sq_column_text,
  .column_bytes = sq_column_bytes,
  .column_blob = sq_column_blob,
  .changes = sq_changes,
  .errmsg = sq_errmsg,
  .in_transaction = sq_in_transaction,
  .begin = sq_begin,
  .set_busy_timeout = sq_set_busy_timeout,
  .is_read_only = sq_is_read_only,
};
