/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db.c: the engine-independent half of cs-db.h (opening by location, transactions, the
 * placeholder rewriting); the engines are in cs-db-ENGINE.c */

#include "config.h"

#include <string.h>

#include "cs-db-pg.h"
#include "cs-db-sqlite.h"

G_DEFINE_QUARK (cs-db-error-quark, cs_db_error)

gboolean
cs_db_location_is_postgresql (const char *location)
{
  return location != NULL &&
         (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

CsDb *
cs_db_open (const char     *location,
            CsDbOpenFlags   flags,
            GError        **error)
{
  g_return_val_if_fail (location != NULL, NULL);

  if (cs_db_location_is_postgresql (location))
    return _cs_db_pg_open (location, flags, error);
  return _cs_db_sqlite_open (location, flags, error);
}

void
cs_db_close (CsDb *db)
{
  if (db == NULL)
    return;
  g_free (db->failed_sql);
  db->failed_sql = NULL;
  db->engine->close (db);
}

void
_cs_db_note_failure (CsDb       *db,
                     const char *sql)
{
  g_free (db->failed_sql);
  db->failed_sql = g_strdup (sql);
  db->n_failures++;
}

char *
cs_db_take_failed_sql (CsDb *db)
{
  return g_steal_pointer (&db->failed_sql);
}

CsDbRc
cs_db_exec (CsDb       *db,
            const char *sql)
{
  guint n_failures = db->n_failures;
  CsDbRc rc = db->engine->exec (db, sql);

  /* an engine that reports here the failure of a statement sent earlier (cs-db-pg.c) names it */
  if (rc != CS_DB_OK && db->n_failures == n_failures)
    _cs_db_note_failure (db, sql);
  return rc;
}

CsDbRc
cs_db_prepare (CsDb        *db,
               const char  *sql,
               gboolean     persistent,
               CsDbStmt   **out)
{
  guint n_failures = db->n_failures;
  CsDbRc rc = db->engine->prepare (db, sql, persistent, out);

  if (rc != CS_DB_OK)
    {
      *out = NULL;
      if (db->n_failures == n_failures)
        _cs_db_note_failure (db, sql);
    }
  return rc;
}

void
cs_db_stmt_free (CsDbStmt *stmt)
{
  if (stmt != NULL)
    stmt->engine->finalize (stmt);
}

CsDbRc
cs_db_begin (CsDb            *db,
             CsDbTransaction  kind)
{
  guint n_failures = db->n_failures;
  CsDbRc rc = db->engine->begin (db, kind);

  if (rc != CS_DB_OK && db->n_failures == n_failures)
    _cs_db_note_failure (db, "BEGIN");
  return rc;
}

CsDbRc
cs_db_commit (CsDb *db)
{
  return cs_db_exec (db, "COMMIT");
}

void
cs_db_rollback (CsDb *db)
{
  if (db->engine->in_transaction (db))
    db->engine->exec (db, "ROLLBACK");
}

const char *
cs_db_rc_string (CsDbRc rc)
{
  switch (rc)
    {
    case CS_DB_OK:
    case CS_DB_ROW:
    case CS_DB_DONE:
      return "not an error";
    case CS_DB_BUSY:
      return "database is locked";
    case CS_DB_READONLY:
      return "attempt to write a readonly database";
    case CS_DB_CANTOPEN:
      return "unable to open database file";
    case CS_DB_PERM:
      return "access permission denied";
    case CS_DB_IOERR:
      return "disk I/O error";
    case CS_DB_FULL:
      return "database or disk is full";
    case CS_DB_CORRUPT:
      return "database disk image is malformed";
    case CS_DB_NOTADB:
      return "file is not a database";
    case CS_DB_CONSTRAINT:
      return "constraint failed";
    case CS_DB_NOMEM:
      return "out of memory";
    case CS_DB_ERROR_SQL:
    default:
      return "SQL logic error";
    }
}

char *
cs_db_sql_dollar_params (const char *sql,
                         int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;
  const char *p = sql;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          /* a quoted literal or identifier; a doubled quote stays inside it */
          char q = *p;
          const char *end = p + 1;

          while (*end != '\0' && !(*end == q && end[1] != q))
            end += (*end == q) ? 2 : 1;
          if (*end == q)
            end++;
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          end = end ? end : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          end = end ? end + 2 : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (*p == '?')
        {
          int n = 0;

          p++;
          if (g_ascii_isdigit (*p))
            {
              while (g_ascii_isdigit (*p))
                n = n * 10 + (*p++ - '0');
            }
          else
            n = highest + 1;
          highest = MAX (highest, n);
          g_string_append_printf (out, "$%d", n);
        }
      else
        g_string_append_c (out, *p++);
    }
  if (n_params != NULL)
    *n_params = highest;
  return g_string_free (out, FALSE);
}
