/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db.h: one small interface to the SQL engines the draft store runs on (internal to the core)
 *
 * The store writes its SQL once, with `?` or `?N` placeholders, and runs it through a CsDb: a
 * connection to one engine (cs-db-sqlite.c, cs-db-pg.c). The calls follow the shape the store already
 * had: prepare a statement (cached ones live as long as the connection), bind values by 1-based
 * index, step it (CS_DB_ROW per row, then CS_DB_DONE), read the columns of the current row,
 * reset it for the next use. Every call that can fail returns a CsDbRc: CS_DB_OK (0), CS_DB_ROW
 * and CS_DB_DONE mean success, the other codes say what kind of failure it was, in terms the
 * store words for people (busy, read-only, disk full, damaged...). cs_db_errmsg() has the
 * engine's own text of the last failure and cs_db_failed_sql() the statement that failed.
 *
 * Text is bound "static": the bytes must stay valid until the statement is stepped and reset
 * (cs_db_bind_text_take() hands the memory over instead). Column text is valid until the next
 * step or reset of the statement. A CsDb and its statements belong to one thread at a time.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CS_DB_ERROR (cs_db_error_quark ())
GQuark cs_db_error_quark (void);

/* Result of a call (the GError codes in CS_DB_ERROR are the failure values). Success is
 * CS_DB_OK = 0, so that `rc = rc ?: cs_db_bind_...` chains stop at the first failure. */
typedef enum
{
  CS_DB_OK = 0,
  CS_DB_ROW,          /* cs_db_step(): a row is ready */
  CS_DB_DONE,         /* cs_db_step(): no (more) rows */
  CS_DB_ERROR_SQL,    /* anything not named below (a bad statement, a type the column refuses) */
  CS_DB_BUSY,         /* another connection holds a lock longer than the busy timeout */
  CS_DB_READONLY,     /* the database (or this connection) may not be written */
  CS_DB_CANTOPEN,     /* the database cannot be opened or reached */
  CS_DB_PERM,         /* no permission */
  CS_DB_IOERR,        /* the disk (or the connection) reported an error */
  CS_DB_FULL,         /* the disk is full */
  CS_DB_CORRUPT,      /* damaged pages or data */
  CS_DB_NOTADB,       /* not a database of this engine */
  CS_DB_CONSTRAINT,   /* a unique, check or foreign key constraint */
  CS_DB_NOMEM,
} CsDbRc;

typedef enum
{
  CS_DB_SQLITE,
  CS_DB_POSTGRESQL,
} CsDbKind;

/* Storage class of a column value in the current row (SQLite's own numbers). */
typedef enum
{
  CS_DB_TYPE_INTEGER = SQLITE_INTEGER,
  CS_DB_TYPE_FLOAT = SQLITE_FLOAT,
  CS_DB_TYPE_TEXT = SQLITE_TEXT,
  CS_DB_TYPE_BLOB = SQLITE_BLOB,
  CS_DB_TYPE_NULL = SQLITE_NULL,
} CsDbType;

typedef enum
{
  CS_DB_OPEN_READ_ONLY = 1 << 0,
  CS_DB_OPEN_CREATE    = 1 << 1,   /* SQLite: create the file when missing */
} CsDbOpenFlags;

typedef enum
{
  CS_DB_READ,         /* a consistent snapshot for reading */
  CS_DB_WRITE,        /* takes the write lock at once (SQLite: BEGIN IMMEDIATE) */
} CsDbTransaction;

typedef struct _CsDb       CsDb;
typedef struct _CsDbStmt   CsDbStmt;
typedef struct _CsDbEngine CsDbEngine;

/* ---- what an engine provides (cs-db-sqlite.c); callers use the functions further down ---- */

struct _CsDbEngine
{
  CsDbKind    kind;
  const char *name;

  void       (*close)             (CsDb *db);
  CsDbRc     (*exec)              (CsDb *db, const char *sql);
  /* @persistent: kept for the life of the connection (a hint for the engine) */
  CsDbRc     (*prepare)           (CsDb *db, const char *sql, gboolean persistent, CsDbStmt **out);
  void       (*finalize)          (CsDbStmt *stmt);
  int        (*parameter_count)   (CsDbStmt *stmt);
  CsDbRc     (*bind_null)         (CsDbStmt *stmt, int i);
  CsDbRc     (*bind_int64)        (CsDbStmt *stmt, int i, gint64 v);
  CsDbRc     (*bind_double)       (CsDbStmt *stmt, int i, double v);
  /* @destroy NULL: static; else called on the text when the engine is done with it */
  CsDbRc     (*bind_text)         (CsDbStmt *stmt, int i, const char *text, int len, GDestroyNotify destroy);
  CsDbRc     (*bind_blob)         (CsDbStmt *stmt, int i, const void *data, int len);
  CsDbRc     (*step)              (CsDbStmt *stmt);
  void       (*reset)             (CsDbStmt *stmt);
  void       (*clear_bindings)    (CsDbStmt *stmt);
  int        (*column_count)      (CsDbStmt *stmt);
  CsDbType   (*column_type)       (CsDbStmt *stmt, int col);
  gint64     (*column_int64)      (CsDbStmt *stmt, int col);
  double     (*column_double)     (CsDbStmt *stmt, int col);
  const char*(*column_text)       (CsDbStmt *stmt, int col);
  int        (*column_bytes)      (CsDbStmt *stmt, int col);
  const void*(*column_blob)       (CsDbStmt *stmt, int col);
  gint64     (*changes)           (CsDb *db);
  const char*(*errmsg)            (CsDb *db);
  gboolean   (*in_transaction)    (CsDb *db);
  CsDbRc     (*begin)             (CsDb *db, CsDbTransaction kind);
  void       (*set_busy_timeout)  (CsDb *db, guint ms);
  gboolean   (*is_read_only)      (CsDb *db);
};

struct _CsDb
{
  const CsDbEngine *engine;
  char             *failed_sql;   /* the statement of the last failure, or NULL */
  guint             n_failures;   /* _cs_db_note_failure() calls (an engine may name an earlier one) */
};

struct _CsDbStmt
{
  const CsDbEngine *engine;
  CsDb             *db;
  const char       *sql;          /* as the caller wrote it (owned by the statement) */
  /* The SQLite engine's statement, NULL with another engine. The calls made once per value
   * (bind, step, column) go straight to SQLite when it is set: a save or load of 100,000 items
   * makes about ten million of them, and a call through the engine table for each was measured
   * 5-7% slower in CPU time (bench-store). */
  sqlite3_stmt     *sqlite;
};

/* cs-db-sqlite.c: a SQLite result code as a CsDbRc; a failed step noted on its connection. */
CsDbRc      _cs_db_sqlite_rc            (int               rc);
CsDbRc      _cs_db_sqlite_step_failed   (CsDbStmt         *stmt,
                                         int               rc);

#define CS_DB_SQLITE_RC(expr) \
  G_STMT_START { int rc_ = (expr); return G_LIKELY (rc_ == SQLITE_OK) ? CS_DB_OK : _cs_db_sqlite_rc (rc_); } G_STMT_END

/* Engines call this with a statement's SQL when it fails (NULL clears it). */
void        _cs_db_note_failure         (CsDb             *db,
                                         const char       *sql);

/* ---- connections -------------------------------------------------------------------------- */

/* Opens @location: a postgresql:// or postgres:// URI names a PostgreSQL server, anything else
 * is the path of a SQLite file. Failure is in CS_DB_ERROR with a CsDbRc code and the engine's
 * message (never a password). */
CsDb       *cs_db_open                  (const char       *location,
                                         CsDbOpenFlags     flags,
                                         GError          **error);
void        cs_db_close                 (CsDb             *db);
/* TRUE for a location that cs_db_open() gives to PostgreSQL. */
gboolean    cs_db_location_is_postgresql (const char      *location);

static inline CsDbKind
cs_db_get_kind (CsDb *db)
{
  return db->engine->kind;
}

/* Runs constant SQL (one statement or several separated by `;`), no parameters, no rows. */
CsDbRc      cs_db_exec                  (CsDb             *db,
                                         const char       *sql);
/* *@out NULL on failure. Free with cs_db_stmt_free() (g_autoptr works). */
CsDbRc      cs_db_prepare               (CsDb             *db,
                                         const char       *sql,
                                         gboolean          persistent,
                                         CsDbStmt        **out);
void        cs_db_stmt_free             (CsDbStmt         *stmt);

CsDbRc      cs_db_begin                 (CsDb             *db,
                                         CsDbTransaction   kind);
CsDbRc      cs_db_commit                (CsDb             *db);
/* Rolls back when a transaction is open; nothing otherwise. */
void        cs_db_rollback              (CsDb             *db);

/* The engine's text of the last failure on @db ("" when none). */
static inline const char *
cs_db_errmsg (CsDb *db)
{
  return db->engine->errmsg (db);
}
/* The SQL of the statement that failed last, or NULL. */
static inline const char *
cs_db_failed_sql (CsDb *db)
{
  return db->failed_sql;
}
/* The same, handed over and forgotten (so that a later failure never names it); free it. */
char       *cs_db_take_failed_sql       (CsDb             *db);
/* Rows written by the last INSERT/UPDATE/DELETE; -1 when not known yet (PostgreSQL: a statement
 * sent before it failed, which the next call reports). */
static inline gint64
cs_db_changes (CsDb *db)
{
  return db->engine->changes (db);
}
static inline gboolean
cs_db_in_transaction (CsDb *db)
{
  return db->engine->in_transaction (db);
}
static inline void
cs_db_set_busy_timeout (CsDb *db,
                        guint ms)
{
  db->engine->set_busy_timeout (db, ms);
}
static inline gboolean
cs_db_is_read_only (CsDb *db)
{
  return db->engine->is_read_only (db);
}

/* A short English name of a result code (for messages without a connection). */
const char *cs_db_rc_string             (CsDbRc            rc);

/* SQL written with `?` and `?N` placeholders, with each turned into `$N` (a bare `?` takes the
 * number after the highest one before it, as SQLite counts); quoted text and identifiers and
 * comments are left alone. For engines that number their parameters with `$`. */
char       *cs_db_sql_dollar_params     (const char       *sql,
                                         int              *n_params);

/* ---- statements (the hot path: inline, one indirect call each) ------------------------------ */

static inline int
cs_db_bind_parameter_count (CsDbStmt *stmt)
{
  return stmt->engine->parameter_count (stmt);
}
static inline CsDbRc
cs_db_bind_null (CsDbStmt *stmt, int i)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    CS_DB_SQLITE_RC (sqlite3_bind_null (stmt->sqlite, i));
  return stmt->engine->bind_null (stmt, i);
}
static inline CsDbRc
cs_db_bind_int64 (CsDbStmt *stmt, int i, gint64 v)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    CS_DB_SQLITE_RC (sqlite3_bind_int64 (stmt->sqlite, i, v));
  return stmt->engine->bind_int64 (stmt, i, v);
}
static inline CsDbRc
cs_db_bind_int (CsDbStmt *stmt, int i, int v)
{
  return cs_db_bind_int64 (stmt, i, v);
}
static inline CsDbRc
cs_db_bind_double (CsDbStmt *stmt, int i, double v)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    CS_DB_SQLITE_RC (sqlite3_bind_double (stmt->sqlite, i, v));
  return stmt->engine->bind_double (stmt, i, v);
}
/* @len -1: up to the NUL. The text must outlive the step (see the top of this file). */
static inline CsDbRc
cs_db_bind_text (CsDbStmt *stmt, int i, const char *text, int len)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    CS_DB_SQLITE_RC (sqlite3_bind_text (stmt->sqlite, i, text, len, SQLITE_STATIC));
  return stmt->engine->bind_text (stmt, i, text, len, NULL);
}
/* Takes @text (g_free()d when no longer needed, also on failure). */
static inline CsDbRc
cs_db_bind_text_take (CsDbStmt *stmt, int i, char *text)
{
  return stmt->engine->bind_text (stmt, i, text, -1, g_free);
}
/* @text, or NULL as SQL NULL (static, as cs_db_bind_text()). */
static inline CsDbRc
cs_db_bind_text_or_null (CsDbStmt *stmt, int i, const char *text)
{
  return text ? cs_db_bind_text (stmt, i, text, -1) : cs_db_bind_null (stmt, i);
}
/* The bytes are copied. */
static inline CsDbRc
cs_db_bind_blob (CsDbStmt *stmt, int i, const void *data, int len)
{
  return stmt->engine->bind_blob (stmt, i, data, len);
}
static inline CsDbRc
cs_db_step (CsDbStmt *stmt)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    {
      int rc = sqlite3_step (stmt->sqlite);

      if (G_LIKELY (rc == SQLITE_ROW))
        return CS_DB_ROW;
      if (rc == SQLITE_DONE)
        return CS_DB_DONE;
      return _cs_db_sqlite_step_failed (stmt, rc);
    }
  return stmt->engine->step (stmt);
}
/* Ready to step again from the start; the bindings stay. */
static inline void
cs_db_reset (CsDbStmt *stmt)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_reset (stmt->sqlite);
  else
    stmt->engine->reset (stmt);
}
static inline void
cs_db_clear_bindings (CsDbStmt *stmt)
{
  stmt->engine->clear_bindings (stmt);
}
static inline int
cs_db_column_count (CsDbStmt *stmt)
{
  return stmt->engine->column_count (stmt);
}
static inline CsDbType
cs_db_column_type (CsDbStmt *stmt, int col)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return (CsDbType) sqlite3_column_type (stmt->sqlite, col);
  return stmt->engine->column_type (stmt, col);
}
static inline gint64
cs_db_column_int64 (CsDbStmt *stmt, int col)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_int64 (stmt->sqlite, col);
  return stmt->engine->column_int64 (stmt, col);
}
static inline int
cs_db_column_int (CsDbStmt *stmt, int col)
{
  return (int) cs_db_column_int64 (stmt, col);
}
static inline double
cs_db_column_double (CsDbStmt *stmt, int col)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_double (stmt->sqlite, col);
  return stmt->engine->column_double (stmt, col);
}
/* NULL for SQL NULL; valid until the next step or reset. */
static inline const char *
cs_db_column_text (CsDbStmt *stmt, int col)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return (const char *) sqlite3_column_text (stmt->sqlite, col);
  return stmt->engine->column_text (stmt, col);
}
/* Bytes of the text or blob (call after cs_db_column_text()/_blob()). */
static inline int
cs_db_column_bytes (CsDbStmt *stmt, int col)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_bytes (stmt->sqlite, col);
  return stmt->engine->column_bytes (stmt, col);
}
static inline const void *
cs_db_column_blob (CsDbStmt *stmt, int col)
{
  return stmt->engine->column_blob (stmt, col);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsDbStmt, cs_db_stmt_free)

G_END_DECLS
