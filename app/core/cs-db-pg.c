/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db-pg.c: the PostgreSQL engine of cs-db.h, through libpq
 *
 * The store's SQL is written with `?N` placeholders; each statement is rewritten to `$N` once
 * (cs_db_sql_dollar_params()) and prepared on the server under its own name. Values travel as
 * text (numbers in the C locale, as PostgreSQL prints them), except numbers bound to a bigint or
 * double precision parameter (as the server typed it when it was prepared): those go in binary.
 * Results come back in binary when every column is text, a number or bytes (as the store's
 * tables are: no number to print on the server and parse here), else as text, and are
 * converted when a column is read. Stepping runs the statement on the first call and then walks
 * the rows of its result. Errors carry the server's SQLSTATE, folded into a CsDbRc.
 *
 * Inside a transaction, a statement that returns no rows (an INSERT, UPDATE or DELETE without
 * RETURNING, as the server describes it when it is prepared) is not waited for: its step sends
 * it in libpq's pipeline mode and returns CS_DB_DONE, and its result is read later, together
 * with those of the statements sent after it: a save of a big draft no longer waits for the
 * server after each of its rows (bench-live). The results are all read before anything that
 * needs an answer: a statement that
 * returns rows, cs_db_exec() (COMMIT among others), a prepare, cs_db_changes(), a finalize.
 * The first failure among them is reported by the next call that reads results (a later step,
 * or one of those), with the server's message and the SQL of the statement that failed, as
 * if it had been reported by its own step; the transaction is aborted on the server from that
 * statement on, so nothing after it takes effect, as before. Outside a transaction every
 * statement is waited for, as each commits on its own.
 *
 * The connection string goes to libpq as it is (sslmode and the rest are libpq's own): it is
 * never logged and never shown with its password (cs_db_pg_redact_location()). Passwords belong
 * in libpq's password file (~/.pgpass) or the environment, not in the URI.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libpq-fe.h>

#include "cs-db-pg.h"

/* Type oids of the built-in types read back as numbers or bytes (pg_type.dat). */
#define OID_BOOL    16
#define OID_BYTEA   17
#define OID_INT8    20
#define OID_INT2    21
#define OID_INT4    23
#define OID_OID     26
#define OID_FLOAT4  700
#define OID_FLOAT8  701
#define OID_NUMERIC 1700
#define OID_TEXT    25
#define OID_VARCHAR 1043

/* Every writer takes this transaction lock first, as SQLite's BEGIN IMMEDIATE does: the store
 * decides under it what a save may do (see cs_store_import()). */
#define WRITE_LOCK_KEY "7362146000912"

typedef struct
{
  CsDb     base;
  PGconn  *conn;
  char    *errmsg;
  gint64   changes;
  guint    n_prepared;      /* names of prepared statements: cs_1, cs_2, ... */
  gboolean read_only;

  /* statements sent in pipeline mode whose results are not read yet (see the top) */
  gboolean    pipelined;    /* the connection is in pipeline mode */
  GPtrArray  *sent;         /* their SQL, oldest first (the statements', which outlive this) */
  guint       sent_head;    /* the oldest not fully read */
  gboolean    head_read;    /* a result of that one was read (its NULL ends it) */
  guint       n_unread;     /* sent since results were last looked for */
  CsDbRc      failed_rc;    /* the first failure among them, not reported yet (errmsg has it) */
  char       *failed_sql;
} PgDb;

typedef struct
{
  CsDbStmt        base;
  char           *sql;        /* as written */
  char           *name;       /* the server-side prepared statement */
  int             n_params;
  char          **values;     /* n_params each */
  int            *lengths;
  int            *formats;
  GDestroyNotify *destroys;   /* how to free values[i] (NULL: not ours) */
  PGresult       *result;     /* after the first step */
  int             row;        /* the current row, -1 before the first */
  int             n_fields;   /* columns of its rows (0: no rows, its steps may be pipelined) */
  gboolean        binary;     /* results asked for in binary (see the top) */
  Oid            *param_types;   /* n_params each, as the server took them (0: unknown) */
  guint64        *param_bits;    /* n_params each: a number bound in binary, big-endian */
  char          **texts;      /* binary numbers of the current row printed as text */
  gboolean        sent;       /* stepped in pipeline mode (until the reset) */
  guchar        **blobs;      /* decoded bytea columns of the current row */
  size_t         *blob_lens;
} PgStmt;

#define PG(db) ((PgDb *) (db))
#define PS(s) ((PgStmt *) (s))

static const CsDbEngine pg_engine;

static void
set_errmsg (PgDb       *db,
            const char *msg)
{
  g_free (db->errmsg);
  db->errmsg = g_strchomp (g_strdup (msg ? msg : ""));
}

/* The server's SQLSTATE of a failed result (NULL: the connection failed) as a CsDbRc. */
CsDbRc
_cs_db_pg_rc_from_sqlstate (const char *state)
{
  if (state == NULL || strlen (state) != 5)
    return CS_DB_CANTOPEN;
  if (g_str_has_prefix (state, "23"))
    return CS_DB_CONSTRAINT;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 || strcmp (state, "55P03") == 0 ||
      strcmp (state, "57014") == 0)
    return CS_DB_BUSY;
  if (strcmp (state, "25006") == 0)
    return CS_DB_READONLY;
  if (strcmp (state, "42501") == 0 || g_str_has_prefix (state, "28"))
    return CS_DB_PERM;
  if (strcmp (state, "53100") == 0)
    return CS_DB_FULL;
  if (strcmp (state, "53200") == 0)
    return CS_DB_NOMEM;
  if (g_str_has_prefix (state, "53") || strcmp (state, "58030") == 0)
    return CS_DB_IOERR;
  if (g_str_has_prefix (state, "08") || strcmp (state, "3D000") == 0 || g_str_has_prefix (state, "57P"))
    return CS_DB_CANTOPEN;
  if (strcmp (state, "XX001") == 0 || strcmp (state, "XX002") == 0)
    return CS_DB_CORRUPT;
  return CS_DB_ERROR_SQL;
}

/* The rc of a finished command; a failure's text goes to the connection's errmsg. */
static CsDbRc
result_rc (PgDb     *db,
           PGresult *res)
{
  ExecStatusType status = res ? PQresultStatus (res) : PGRES_FATAL_ERROR;

  switch (status)
    {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      return CS_DB_OK;
    case PGRES_BAD_RESPONSE:
    case PGRES_NONFATAL_ERROR:
    case PGRES_FATAL_ERROR:
    case PGRES_COPY_OUT:
    case PGRES_COPY_IN:
    case PGRES_COPY_BOTH:
    case PGRES_SINGLE_TUPLE:
    case PGRES_PIPELINE_SYNC:
    case PGRES_PIPELINE_ABORTED:
    default:
      break;
    }
  if (res == NULL)
    {
      set_errmsg (db, PQerrorMessage (db->conn));
      return PQstatus (db->conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN;
    }
  set_errmsg (db, PQresultErrorMessage (res));
  if (PQstatus (db->conn) != CONNECTION_OK)
    return CS_DB_CANTOPEN;
  return _cs_db_pg_rc_from_sqlstate (PQresultErrorField (res, PG_DIAG_SQLSTATE));
}

static void
note_changes (PgDb     *db,
              PGresult *res)
{
  const char *n = PQcmdTuples (res);

  db->changes = (n != NULL && *n != '\0') ? g_ascii_strtoll (n, NULL, 10) : 0;
}

/* ---- statements sent without waiting (libpq's pipeline mode) ----------------------------------- */

/* Results are looked for after this many statements sent without waiting: the server's answers
 * are read as they come (a few bytes each), so that neither side's buffers grow with the save,
 * and a failure is known while the rest is still being sent. */
#define READ_EVERY 256

/* Notes the first failure among the statements sent (the connection's errmsg gets its text). */
static void
pipeline_failed (PgDb       *db,
                 CsDbRc      rc,
                 const char *sql)
{
  if (db->failed_rc != CS_DB_OK)
    return;
  db->failed_rc = rc;
  db->failed_sql = g_strdup (sql);
}

/* The connection broke while results were awaited: nothing more will come. */
/* The statement whose result was awaited (the oldest unread), or else the last one sent. */
static const char *
pipeline_awaited_sql (PgDb *db)
{
  for (guint i = db->sent_head; i < db->sent->len; i++)
    if (db->sent->pdata[i] != NULL)
      return db->sent->pdata[i];
  for (guint i = MIN (db->sent_head, db->sent->len); i > 0; i--)
    if (db->sent->pdata[i - 1] != NULL)
      return db->sent->pdata[i - 1];
  return NULL;
}

static void
pipeline_lost (PgDb *db)
{
  if (db->failed_rc == CS_DB_OK)
    {
      set_errmsg (db, PQerrorMessage (db->conn));
      pipeline_failed (db, PQstatus (db->conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN,
                       pipeline_awaited_sql (db));
    }
  db->sent_head = db->sent->len;
}

/* Reads the results of the statements sent, in order: those that have arrived (@wait FALSE),
 * or all of them (@wait TRUE, after the sync has been sent). */
static void
pipeline_read (PgDb     *db,
               gboolean  wait)
{
  if (!wait && !PQconsumeInput (db->conn))
    {
      pipeline_lost (db);
      return;
    }
  while (db->sent_head < db->sent->len)
    {
      PGresult *res;

      if (!wait && PQisBusy (db->conn))
        return;
      res = PQgetResult (db->conn);
      if (db->sent->pdata[db->sent_head] == NULL)
        {
          /* a sync point: one result, not followed by a NULL */
          gboolean sync = res != NULL && PQresultStatus (res) == PGRES_PIPELINE_SYNC;

          PQclear (res);
          if (!sync)
            {
              pipeline_lost (db);
              return;
            }
          db->sent_head++;
          continue;
        }
      if (res == NULL)
        {
          /* the end of one statement's results */
          if (!db->head_read && PQstatus (db->conn) != CONNECTION_OK)
            {
              pipeline_lost (db);
              return;
            }
          db->sent_head++;
          db->head_read = FALSE;
          continue;
        }
      db->head_read = TRUE;
      switch (PQresultStatus (res))
        {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_EMPTY_QUERY:
          note_changes (db, res);
          break;
        case PGRES_PIPELINE_ABORTED:
          /* not run: a failure before it aborted the transaction (it is noted already) */
          break;
        case PGRES_PIPELINE_SYNC:
          /* cannot come before a statement's own result; if it does, results are lost */
          PQclear (res);
          pipeline_lost (db);
          return;
        case PGRES_BAD_RESPONSE:
        case PGRES_NONFATAL_ERROR:
        case PGRES_FATAL_ERROR:
        case PGRES_COPY_OUT:
        case PGRES_COPY_IN:
        case PGRES_COPY_BOTH:
        case PGRES_SINGLE_TUPLE:
        default:
          if (db->failed_rc == CS_DB_OK)
            pipeline_failed (db, result_rc (db, res), db->sent->pdata[db->sent_head]);
          break;
        }
      PQclear (res);
    }
}

/* Reads every result still to come and leaves pipeline mode; a failure stays noted for
 * pipeline_report(). */
static void
pipeline_end (PgDb *db)
{
  if (!db->pipelined)
    return;
  if (PQpipelineSync (db->conn) != 1)
    pipeline_lost (db);
  else
    {
      g_ptr_array_add (db->sent, NULL);
      pipeline_read (db, TRUE);
    }
  if (PQexitPipelineMode (db->conn) != 1 && db->failed_rc == CS_DB_OK)
    {
      set_errmsg (db, PQerrorMessage (db->conn));
      pipeline_failed (db, PQstatus (db->conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN,
                       pipeline_awaited_sql (db));
    }
  db->pipelined = FALSE;
  g_ptr_array_set_size (db->sent, 0);
  db->sent_head = 0;
  db->head_read = FALSE;
  db->n_unread = 0;
}

/* The first failure among the statements sent, once: noted on the connection with the SQL
 * of the statement that failed (the server's message is the connection's errmsg). */
static CsDbRc
pipeline_report (PgDb *db)
{
  CsDbRc rc = db->failed_rc;

  if (G_LIKELY (rc == CS_DB_OK))
    return CS_DB_OK;
  _cs_db_note_failure (&db->base, db->failed_sql);
  g_clear_pointer (&db->failed_sql, g_free);
  db->failed_rc = CS_DB_OK;
  return rc;
}

/* Before a call that waits for the server: every result read, the first failure reported. */
static CsDbRc
pipeline_sync (PgDb *db)
{
  pipeline_end (db);
  return pipeline_report (db);
}

/* Sends @s without waiting for its result (CS_DB_DONE), or reports the first failure of those
 * sent before it that has come back. */
static CsDbRc
pipeline_send (PgDb   *db,
               PgStmt *s)
{
  if (!db->pipelined)
    {
      if (PQenterPipelineMode (db->conn) != 1)
        {
          set_errmsg (db, PQerrorMessage (db->conn));
          _cs_db_note_failure (&db->base, s->sql);
          return PQstatus (db->conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN;
        }
      db->pipelined = TRUE;
    }
  if (PQsendQueryPrepared (db->conn, s->name, s->n_params, (const char * const *) s->values, s->lengths,
                           s->formats, 0) != 1)
    {
      set_errmsg (db, PQerrorMessage (db->conn));
      pipeline_failed (db, PQstatus (db->conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN, s->sql);
      return pipeline_sync (db);
    }
  if (db->sent_head >= 4096)
    {
      /* the list keeps what is not read yet */
      g_ptr_array_remove_range (db->sent, 0, db->sent_head);
      db->sent_head = 0;
    }
  g_ptr_array_add (db->sent, s->sql);
  s->sent = TRUE;
  if (++db->n_unread >= READ_EVERY)
    {
      /* A sync point (inside the transaction it ends nothing) makes the server send what it
       * has for us, a failure too: after one it skips everything up to the next sync,
       * flush requests included. So a failure comes back while the rest is being sent. */
      db->n_unread = 0;
      if (PQpipelineSync (db->conn) != 1)
        pipeline_lost (db);
      else
        {
          g_ptr_array_add (db->sent, NULL);
          pipeline_read (db, FALSE);
        }
    }
  if (G_UNLIKELY (db->failed_rc != CS_DB_OK))
    return pipeline_report (db);
  return CS_DB_DONE;
}

/* ---- the location ---------------------------------------------------------------------------- */

char *
cs_db_pg_redact_location (const char *location)
{
  const char *scheme_end, *authority, *at, *slash;
  GString *out;

  g_return_val_if_fail (location != NULL, NULL);

  if ((scheme_end = strstr (location, "://")) == NULL)
    return g_strdup (location);
  authority = scheme_end + 3;
  slash = authority + strcspn (authority, "/?#");
  out = g_string_new_len (location, authority - location);
  /* user:password@host -> user@host (the last @ before the path ends the user part) */
  at = NULL;
  for (const char *p = authority; p < slash; p++)
    if (*p == '@')
      at = p;
  if (at != NULL)
    {
      const char *colon = memchr (authority, ':', at - authority);

      g_string_append_len (out, authority, (colon ? colon : at) - authority);
      g_string_append_len (out, at, slash - at);
    }
  else
    g_string_append_len (out, authority, slash - authority);

  /* the path, then the parameters without password=... */
  {
    const char *query = strchr (slash, '?');
    const char *end = query ? query : slash + strlen (slash);
    gboolean first = TRUE;

    g_string_append_len (out, slash, end - slash);
    if (query != NULL)
      {
        g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);

        for (guint i = 0; params[i] != NULL; i++)
          {
            if (g_ascii_strncasecmp (params[i], "password=", 9) == 0 || params[i][0] == '\0')
              continue;
            g_string_append_c (out, first ? '?' : '&');
            g_string_append (out, params[i]);
            first = FALSE;
          }
      }
  }
  return g_string_free (out, FALSE);
}

/* Adds to @out the passwords written in @location (in user:password@ or a password= parameter),
 * as written and, where that differs, percent-decoded. */
static void
location_passwords (const char *location,
                    GPtrArray  *out)
{
  const char *scheme_end = strstr (location, "://");
  const char *authority, *slash, *at = NULL, *colon, *query;

  if (scheme_end == NULL)
    return;
  authority = scheme_end + 3;
  slash = authority + strcspn (authority, "/?#");
  for (const char *p = authority; p < slash; p++)
    if (*p == '@')
      at = p;
  if (at != NULL && (colon = memchr (authority, ':', at - authority)) != NULL && colon + 1 < at)
    g_ptr_array_add (out, g_strndup (colon + 1, at - colon - 1));
  if ((query = strchr (slash, '?')) != NULL)
    {
      g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);

      for (guint i = 0; params[i] != NULL; i++)
        if (g_ascii_strncasecmp (params[i], "password=", 9) == 0 && params[i][9] != '\0')
          g_ptr_array_add (out, g_strdup (params[i] + 9));
    }
  for (guint i = 0, n = out->len; i < n; i++)
    {
      char *decoded = g_uri_unescape_string (out->pdata[i], NULL);

      if (decoded != NULL && strcmp (decoded, out->pdata[i]) != 0 && *decoded != '\0')
        g_ptr_array_add (out, decoded);
      else
        g_free (decoded);
    }
}

char *
cs_db_pg_redact_message (const char *location,
                         const char *message)
{
  g_autoptr(GPtrArray) passwords = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  g_return_val_if_fail (message != NULL, NULL);

  out = g_string_new (message);
  if (location != NULL)
    location_passwords (location, passwords);
  for (guint i = 0; i < passwords->len; i++)
    g_string_replace (out, passwords->pdata[i], "***", 0);
  return g_string_free (out, FALSE);
}

CsDb *
_cs_db_pg_open (const char     *location,
                CsDbOpenFlags   flags,
                GError        **error)
{
  /* A server that does not answer (packets dropped) is given up after 10 s, unless the
   * location says otherwise: a later keyword wins, and the location is expanded last. */
  static const char * const keywords[] = { "connect_timeout", "dbname", NULL };
  const char *values[] = { "10", location, NULL };
  PgDb *db;
  PGconn *conn = PQconnectdbParams (keywords, values, 1);
  PGresult *res;

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      /* libpq repeats a badly percent-encoded password in its message */
      g_autofree char *msg = g_strchomp (cs_db_pg_redact_message (location, conn ? PQerrorMessage (conn)
                                                                             : "out of memory"));

      g_set_error_literal (error, CS_DB_ERROR, CS_DB_CANTOPEN, msg);
      PQfinish (conn);
      return NULL;
    }
  db = g_new0 (PgDb, 1);
  db->base.engine = &pg_engine;
  db->conn = conn;
  db->read_only = (flags & CS_DB_OPEN_READ_ONLY) != 0;
  db->sent = g_ptr_array_new ();
  /* quiet notices ("relation already exists, skipping"); numbers in full precision */
  res = PQexec (conn, db->read_only
                        ? "SET client_min_messages = warning; SET extra_float_digits = 3;"
                          " SET default_transaction_read_only = on"
                        : "SET client_min_messages = warning; SET extra_float_digits = 3");
  if (result_rc (db, res) != CS_DB_OK)
    {
      g_set_error_literal (error, CS_DB_ERROR, CS_DB_CANTOPEN, db->errmsg);
      PQclear (res);
      db->base.engine->close (&db->base);
      return NULL;
    }
  PQclear (res);
  return &db->base;
}

gboolean
cs_db_pg_server_answers (const char *location)
{
  g_return_val_if_fail (location != NULL, FALSE);
  return PQping (location) != PQPING_NO_RESPONSE;
}

PGconn *
cs_db_pg_get_connection (CsDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);
  return db->engine == &pg_engine ? PG (db)->conn : NULL;
}

/* ---- the engine -------------------------------------------------------------------------------- */

static void
pg_close (CsDb *db)
{
  /* results not read: the server rolls back the transaction they were part of */
  PQfinish (PG (db)->conn);
  g_free (PG (db)->errmsg);
  g_free (PG (db)->failed_sql);
  g_ptr_array_unref (PG (db)->sent);
  g_free (db);
}

static CsDbRc
pg_exec (CsDb       *db,
         const char *sql)
{
  PGresult *res;
  CsDbRc rc;

  if (g_ascii_strcasecmp (sql, "ROLLBACK") == 0)
    {
      /* whatever failed among the statements sent is undone with the rest */
      pipeline_end (PG (db));
      g_clear_pointer (&PG (db)->failed_sql, g_free);
      PG (db)->failed_rc = CS_DB_OK;
    }
  else if ((rc = pipeline_sync (PG (db))) != CS_DB_OK)
    return rc;
  res = PQexec (PG (db)->conn, sql);
  rc = result_rc (PG (db), res);

  if (rc == CS_DB_OK)
    note_changes (PG (db), res);
  PQclear (res);
  return rc;
}

static void
clear_param (PgStmt *s,
             int     i)
{
  if (s->destroys[i] != NULL)
    s->destroys[i] (s->values[i]);
  s->values[i] = NULL;
  s->destroys[i] = NULL;
  s->lengths[i] = 0;
  s->formats[i] = 0;
}

static void
clear_blobs (PgStmt *s)
{
  for (int i = 0; s->texts != NULL && s->result != NULL && i < PQnfields (s->result); i++)
    g_clear_pointer (&s->texts[i], g_free);
  if (s->blobs == NULL)
    return;
  for (int i = 0; s->result != NULL && i < PQnfields (s->result); i++)
    g_clear_pointer (&s->blobs[i], PQfreemem);
}

static void
pg_reset (CsDbStmt *stmt)
{
  PgStmt *s = PS (stmt);

  clear_blobs (s);
  g_clear_pointer (&s->blobs, g_free);
  g_clear_pointer (&s->blob_lens, g_free);
  g_clear_pointer (&s->texts, g_free);
  g_clear_pointer (&s->result, PQclear);
  s->row = -1;
  s->sent = FALSE;
}

static void
pg_clear_bindings (CsDbStmt *stmt)
{
  for (int i = 0; i < PS (stmt)->n_params; i++)
    clear_param (PS (stmt), i);
}

static void
pg_finalize (CsDbStmt *stmt)
{
  PgStmt *s = PS (stmt);

  pg_reset (stmt);
  pg_clear_bindings (stmt);
  /* its SQL may name a failure among the statements sent: they are read first (a failure is
   * reported by the next call that waits for the server) */
  pipeline_end (PG (stmt->db));
  if (s->name != NULL && PQstatus (PG (stmt->db)->conn) == CONNECTION_OK)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE %s", s->name);
      PQclear (PQexec (PG (stmt->db)->conn, sql));
    }
  g_free (s->sql);
  g_free (s->name);
  g_free (s->values);
  g_free (s->lengths);
  g_free (s->formats);
  g_free (s->param_types);
  g_free (s->param_bits);
  g_free (s->destroys);
  g_free (s);
}

/* Prepares @s on the server and asks what its rows are like, in one round trip: a statement
 * that returns no rows may be sent without waiting (pipeline_send()). */
static CsDbRc
prepare_described (PgDb       *db,
                   PgStmt     *s,
                   const char *dollar)
{
  PGconn *conn = db->conn;
  CsDbRc rc = CS_DB_OK;
  guint n_ends = 0;   /* of the prepare's results, then of the description's */

  if (PQenterPipelineMode (conn) != 1)
    {
      set_errmsg (db, PQerrorMessage (conn));
      return PQstatus (conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN;
    }
  if (PQsendPrepare (conn, s->name, dollar, s->n_params, NULL) != 1 ||
      PQsendDescribePrepared (conn, s->name) != 1 || PQpipelineSync (conn) != 1)
    {
      set_errmsg (db, PQerrorMessage (conn));
      PQexitPipelineMode (conn);
      return PQstatus (conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN;
    }
  for (;;)
    {
      PGresult *res = PQgetResult (conn);
      ExecStatusType status;

      if (res == NULL)
        {
          if (PQstatus (conn) != CONNECTION_OK || ++n_ends > 2)
            {
              if (rc == CS_DB_OK)
                {
                  set_errmsg (db, PQerrorMessage (conn));
                  rc = PQstatus (conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN;
                }
              break;
            }
          continue;
        }
      status = PQresultStatus (res);
      if (status == PGRES_PIPELINE_SYNC)
        {
          PQclear (res);
          break;
        }
      if (n_ends == 0 && rc == CS_DB_OK)
        rc = result_rc (db, res);
      else if (n_ends == 1 && status == PGRES_COMMAND_OK)
        {
          for (int i = 0; i < s->n_params && i < PQnparams (res); i++)
            s->param_types[i] = PQparamtype (res, i);
          s->n_fields = PQnfields (res);
          s->binary = s->n_fields > 0;
          for (int i = 0; i < s->n_fields; i++)
            switch (PQftype (res, i))
              {
              case OID_BOOL:
              case OID_BYTEA:
              case OID_INT2:
              case OID_INT4:
              case OID_INT8:
              case OID_OID:
              case OID_FLOAT4:
              case OID_FLOAT8:
              case OID_TEXT:
              case OID_VARCHAR:
                break;
              default:
                s->binary = FALSE;
                break;
              }
        }
      PQclear (res);
    }
  if (PQexitPipelineMode (conn) != 1 && rc == CS_DB_OK)
    {
      set_errmsg (db, PQerrorMessage (conn));
      rc = PQstatus (conn) == CONNECTION_OK ? CS_DB_ERROR_SQL : CS_DB_CANTOPEN;
    }
  return rc;
}

static CsDbRc
pg_prepare (CsDb        *db,
            const char  *sql,
            gboolean     persistent,
            CsDbStmt   **out)
{
  PgStmt *s = g_new0 (PgStmt, 1);
  g_autofree char *dollar = cs_db_sql_dollar_params (sql, &s->n_params);
  CsDbRc rc;

  s->base.engine = &pg_engine;
  s->base.db = db;
  s->base.sqlite = NULL;
  s->sql = g_strdup (sql);
  s->base.sql = s->sql;
  s->name = g_strdup_printf ("cs_%u", ++PG (db)->n_prepared);
  s->values = g_new0 (char *, MAX (s->n_params, 1));
  s->lengths = g_new0 (int, MAX (s->n_params, 1));
  s->formats = g_new0 (int, MAX (s->n_params, 1));
  s->param_types = g_new0 (Oid, MAX (s->n_params, 1));
  s->param_bits = g_new0 (guint64, MAX (s->n_params, 1));
  s->destroys = g_new0 (GDestroyNotify, MAX (s->n_params, 1));
  s->row = -1;
  if ((rc = pipeline_sync (PG (db))) == CS_DB_OK)
    rc = prepare_described (PG (db), s, dollar);
  if (rc != CS_DB_OK)
    {
      g_clear_pointer (&s->name, g_free);   /* nothing to deallocate */
      pg_finalize (&s->base);
      *out = NULL;
      return rc;
    }
  *out = &s->base;
  return CS_DB_OK;
}

static int
pg_parameter_count (CsDbStmt *stmt)
{
  return PS (stmt)->n_params;
}

static CsDbRc
set_param (CsDbStmt       *stmt,
           int             i,
           char           *value,
           int             len,
           int             format,
           GDestroyNotify  destroy)
{
  PgStmt *s = PS (stmt);

  if (i < 1 || i > s->n_params)
    {
      if (destroy != NULL)
        destroy (value);
      set_errmsg (PG (stmt->db), "column index out of range");
      return CS_DB_ERROR_SQL;
    }
  clear_param (s, i - 1);
  s->values[i - 1] = value;
  s->lengths[i - 1] = len;
  s->formats[i - 1] = format;
  s->destroys[i - 1] = destroy;
  return CS_DB_OK;
}

static CsDbRc
pg_bind_null (CsDbStmt *stmt,
              int       i)
{
  return set_param (stmt, i, NULL, 0, 0, NULL);
}

/* Binds @bits (the big-endian bytes of a bigint or a double, as the server receives them in
 * binary) to parameter @i: nothing to print here or to parse there. */
static CsDbRc
set_param_binary (CsDbStmt *stmt,
                  int       i,
                  guint64   bits)
{
  PgStmt *s = PS (stmt);

  s->param_bits[i - 1] = GUINT64_TO_BE (bits);
  return set_param (stmt, i, (char *) &s->param_bits[i - 1], 8, 1, NULL);
}

/* The server's type of parameter @i (1-based, checked), or 0. */
static Oid
param_type (CsDbStmt *stmt,
            int       i)
{
  return i >= 1 && i <= PS (stmt)->n_params ? PS (stmt)->param_types[i - 1] : 0;
}

static CsDbRc
pg_bind_int64 (CsDbStmt *stmt,
               int       i,
               gint64    v)
{
  union { double d; guint64 u; } bits;

  switch (param_type (stmt, i))
    {
    case OID_INT8:
      return set_param_binary (stmt, i, (guint64) v);
    case OID_FLOAT8:
      bits.d = (double) v;
      return set_param_binary (stmt, i, bits.u);
    default:
      return set_param (stmt, i, g_strdup_printf ("%" G_GINT64_FORMAT, v), 0, 0, g_free);
    }
}

static CsDbRc
pg_bind_double (CsDbStmt *stmt,
                int       i,
                double    v)
{
  union { double d; guint64 u; } bits;
  char *buf;

  if (param_type (stmt, i) == OID_FLOAT8)
    {
      bits.d = v;
      return set_param_binary (stmt, i, bits.u);
    }
  buf = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
  return set_param (stmt, i, g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, v), 0, 0, g_free);
}

static CsDbRc
pg_bind_text (CsDbStmt       *stmt,
              int             i,
              const char     *text,
              int             len,
              GDestroyNotify  destroy)
{
  /* text parameters end at their NUL: a length needs a copy of that much */
  if (len >= 0 && text != NULL)
    {
      char *copy = g_strndup (text, len);

      if (destroy != NULL)
        destroy ((gpointer) text);
      return set_param (stmt, i, copy, 0, 0, g_free);
    }
  return set_param (stmt, i, (char *) text, 0, 0, destroy);
}

static CsDbRc
pg_bind_blob (CsDbStmt   *stmt,
              int         i,
              const void *data,
              int         len)
{
  return set_param (stmt, i, g_memdup2 (data, len), len, 1, g_free);
}

static CsDbRc
pg_step (CsDbStmt *stmt)
{
  PgStmt *s = PS (stmt);
  PgDb *db = PG (stmt->db);

  if (s->result == NULL)
    {
      CsDbRc rc;

      if (s->n_fields == 0 && (db->pipelined || PQtransactionStatus (db->conn) == PQTRANS_INTRANS))
        return s->sent ? CS_DB_DONE : pipeline_send (db, s);
      if ((rc = pipeline_sync (db)) != CS_DB_OK)
        return rc;
      s->result = PQexecPrepared (db->conn, s->name, s->n_params, (const char * const *) s->values,
                                  s->lengths, s->formats, s->binary ? 1 : 0);
      rc = result_rc (db, s->result);
      if (rc != CS_DB_OK)
        {
          g_clear_pointer (&s->result, PQclear);
          _cs_db_note_failure (stmt->db, s->sql);
          return rc;
        }
      note_changes (db, s->result);
      s->row = -1;
    }
  clear_blobs (s);
  if (s->row + 1 < PQntuples (s->result))
    {
      s->row++;
      return CS_DB_ROW;
    }
  s->row = PQntuples (s->result);
  return CS_DB_DONE;
}

static int
pg_column_count (CsDbStmt *stmt)
{
  PgStmt *s = PS (stmt);

  /* before a step: what the server said when it was prepared */
  return s->result != NULL ? PQnfields (s->result) : s->n_fields;
}

static gboolean
has_value (PgStmt *s,
           int     col)
{
  return s->result != NULL && s->row >= 0 && s->row < PQntuples (s->result) && col >= 0 &&
         col < PQnfields (s->result) && !PQgetisnull (s->result, s->row, col);
}

static CsDbType
pg_column_type (CsDbStmt *stmt,
                int       col)
{
  PgStmt *s = PS (stmt);

  if (!has_value (s, col))
    return CS_DB_TYPE_NULL;
  switch (PQftype (s->result, col))
    {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
      return CS_DB_TYPE_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
    case OID_NUMERIC:
      return CS_DB_TYPE_FLOAT;
    case OID_BYTEA:
      return CS_DB_TYPE_BLOB;
    default:
      return CS_DB_TYPE_TEXT;
    }
}

/* ---- values of the current row: in text, or in binary (big-endian numbers, text and bytes as
 * they are) when the statement's results are binary ---- */

static gboolean
is_binary (PgStmt *s,
           int     col)
{
  return PQfformat (s->result, col) == 1;
}

static guint64
read_be (const char *v,
         int         len)
{
  guint64 n = 0;

  for (int i = 0; i < len; i++)
    n = (n << 8) | (guchar) v[i];
  return n;
}

/* A binary value as a double, and in *@integral as an integer. */
static double
binary_number (PgStmt *s,
               int     col,
               gint64 *integral)
{
  const char *v = PQgetvalue (s->result, s->row, col);
  union { guint64 u; double d; } d8;
  union { guint32 u; float f; } f4;
  gint64 i;

  switch (PQftype (s->result, col))
    {
    case OID_FLOAT8:
      d8.u = read_be (v, 8);
      *integral = (gint64) d8.d;
      return d8.d;
    case OID_FLOAT4:
      f4.u = (guint32) read_be (v, 4);
      *integral = (gint64) f4.f;
      return f4.f;
    case OID_BOOL:
      i = v[0] != 0;
      break;
    case OID_INT2:
      i = (gint16) read_be (v, 2);
      break;
    case OID_INT4:
      i = (gint32) read_be (v, 4);
      break;
    case OID_OID:
      i = (guint32) read_be (v, 4);
      break;
    case OID_INT8:
      i = (gint64) read_be (v, 8);
      break;
    default:
      /* text in binary is the text itself */
      *integral = g_ascii_strtoll (v, NULL, 10);
      return g_ascii_strtod (v, NULL);
    }
  *integral = i;
  return (double) i;
}

static gint64
pg_column_int64 (CsDbStmt *stmt,
                 int       col)
{
  PgStmt *s = PS (stmt);
  const char *v;
  gint64 i;

  if (!has_value (s, col))
    return 0;
  if (is_binary (s, col))
    {
      binary_number (s, col, &i);
      return i;
    }
  v = PQgetvalue (s->result, s->row, col);
  if (PQftype (s->result, col) == OID_BOOL)
    return v[0] == 't';
  if (PQftype (s->result, col) == OID_FLOAT4 || PQftype (s->result, col) == OID_FLOAT8 ||
      PQftype (s->result, col) == OID_NUMERIC)
    return (gint64) g_ascii_strtod (v, NULL);
  return g_ascii_strtoll (v, NULL, 10);
}

static double
pg_column_double (CsDbStmt *stmt,
                  int       col)
{
  PgStmt *s = PS (stmt);
  gint64 i;

  if (!has_value (s, col))
    return 0.0;
  if (is_binary (s, col))
    return binary_number (s, col, &i);
  return g_ascii_strtod (PQgetvalue (s->result, s->row, col), NULL);
}

/* @d as PostgreSQL prints a double in text: the fewest digits that read back as @d. */
static char *
print_double (double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (d))
    return g_strdup ("NaN");
  if (isinf (d))
    return g_strdup (d > 0 ? "Infinity" : "-Infinity");
  for (int digits = 15; digits <= 17; digits++)
    {
      static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

      g_ascii_formatd (buf, sizeof buf, formats[digits - 15], d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  return g_strdup (buf);
}

static const char *
pg_column_text (CsDbStmt *stmt,
                int       col)
{
  PgStmt *s = PS (stmt);
  Oid type;
  double d;
  gint64 i;

  if (!has_value (s, col))
    return NULL;
  type = PQftype (s->result, col);
  if (!is_binary (s, col) || type == OID_TEXT || type == OID_VARCHAR || type == OID_BYTEA)
    return PQgetvalue (s->result, s->row, col);
  /* a binary number, printed as the server prints it in text */
  if (s->texts == NULL)
    s->texts = g_new0 (char *, PQnfields (s->result));
  if (s->texts[col] == NULL)
    {
      d = binary_number (s, col, &i);
      if (type == OID_BOOL)
        s->texts[col] = g_strdup (i ? "t" : "f");
      else if (type == OID_FLOAT4 || type == OID_FLOAT8)
        s->texts[col] = print_double (d);
      else
        s->texts[col] = g_strdup_printf ("%" G_GINT64_FORMAT, i);
    }
  return s->texts[col];
}

static const void *
pg_column_blob (CsDbStmt *stmt,
                int       col)
{
  PgStmt *s = PS (stmt);

  if (!has_value (s, col))
    return NULL;
  if (PQftype (s->result, col) != OID_BYTEA || is_binary (s, col))
    return PQgetvalue (s->result, s->row, col);
  if (s->blobs == NULL)
    {
      s->blobs = g_new0 (guchar *, PQnfields (s->result));
      s->blob_lens = g_new0 (size_t, PQnfields (s->result));
    }
  if (s->blobs[col] == NULL)
    s->blobs[col] = PQunescapeBytea ((const guchar *) PQgetvalue (s->result, s->row, col),
                                     &s->blob_lens[col]);
  return s->blobs[col];
}

static int
pg_column_bytes (CsDbStmt *stmt,
                 int       col)
{
  PgStmt *s = PS (stmt);
  Oid type;

  if (!has_value (s, col))
    return 0;
  type = PQftype (s->result, col);
  if (is_binary (s, col) && type != OID_TEXT && type != OID_VARCHAR && type != OID_BYTEA)
    return (int) strlen (pg_column_text (stmt, col));
  if (type == OID_BYTEA && !is_binary (s, col))
    {
      pg_column_blob (stmt, col);
      return s->blobs[col] ? (int) s->blob_lens[col] : 0;
    }
  return PQgetlength (s->result, s->row, col);
}

static gint64
pg_changes (CsDb *db)
{
  /* the last statement's. A failure among those sent stays for the next call that reports it;
   * meanwhile the count is unknown (-1), never the count of an earlier statement, which a caller
   * could take for "nothing matched" */
  pipeline_end (PG (db));
  return PG (db)->failed_rc != CS_DB_OK ? -1 : PG (db)->changes;
}

static const char *
pg_errmsg (CsDb *db)
{
  return PG (db)->errmsg ? PG (db)->errmsg : "";
}

static gboolean
pg_in_transaction (CsDb *db)
{
  PGTransactionStatusType t = PQtransactionStatus (PG (db)->conn);

  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

static CsDbRc
pg_begin (CsDb            *db,
          CsDbTransaction  kind)
{
  CsDbRc rc;

  if (kind == CS_DB_READ)
    return pg_exec (db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  if (PG (db)->read_only)
    return pg_exec (db, "BEGIN");
  /* writers one at a time, as in SQLite; the lock goes with the transaction */
  rc = pg_exec (db, "BEGIN; SELECT pg_advisory_xact_lock (" WRITE_LOCK_KEY ")");
  if (rc != CS_DB_OK && pg_in_transaction (db))
    PQclear (PQexec (PG (db)->conn, "ROLLBACK"));   /* as a BEGIN that failed: nothing open */
  return rc;
}

static void
pg_set_busy_timeout (CsDb  *db,
                     guint  ms)
{
  g_autofree char *sql = g_strdup_printf ("SET lock_timeout = %u", ms);

  pg_exec (db, sql);
}

static gboolean
pg_is_read_only (CsDb *db)
{
  PGresult *res;
  gboolean ro = PG (db)->read_only;

  if (ro)
    return TRUE;
  pipeline_end (PG (db));
  res = PQexec (PG (db)->conn, "SELECT pg_is_in_recovery ()");
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    ro = PQgetvalue (res, 0, 0)[0] == 't';
  PQclear (res);
  return ro;
}

static const CsDbEngine pg_engine = {
  .kind = CS_DB_POSTGRESQL,
  .name = "PostgreSQL",
  .close = pg_close,
  .exec = pg_exec,
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .parameter_count = pg_parameter_count,
  .bind_null = pg_bind_null,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_blob = pg_bind_blob,
  .step = pg_step,
  .reset = pg_reset,
  .clear_bindings = pg_clear_bindings,
  .column_count = pg_column_count,
  .column_type = pg_column_type,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_bytes = pg_column_bytes,
  .column_blob = pg_column_blob,
  .changes = pg_changes,
  .errmsg = pg_errmsg,
  .in_transaction = pg_in_transaction,
  .begin = pg_begin,
  .set_busy_timeout = pg_set_busy_timeout,
  .is_read_only = pg_is_read_only,
};
