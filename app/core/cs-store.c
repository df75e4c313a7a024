/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store.c: opening the draft store, migrations, saving and loading, lists and the audit
 *
 * See cs-store.h for the contract, cs-store-schema.c for the tables and cs-store-rows.c for
 * how a manifest becomes rows. Times are kept in the database as Unix microseconds (UTC).
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cs-db-pg.h"
#include "cs-db-sqlite.h"
#include "cs-store-private.h"

G_DEFINE_QUARK (cs-store-error-quark, cs_store_error)

G_DEFINE_FINAL_TYPE (CsStore, cs_store, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CsStoreSummary, cs_store_summary, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CsStoreExport, cs_store_export, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CsStoreChange, cs_store_change, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CsStoreDirectoryChange, cs_store_directory_change, G_TYPE_OBJECT)

#define BUSY_TIMEOUT_MS 10000

#define IS_PG(self) (cs_db_get_kind ((self)->db) == CS_DB_POSTGRESQL)

/* ---- CsStoreSummary ---------------------------------------------------------------------- */

enum
{
  SUM_PROP_0,
  SUM_PROP_ID,
  SUM_PROP_REFERENCE,
  SUM_PROP_STATUS,
  SUM_PROP_CONSIGNEE,
  SUM_PROP_CORRIDOR,
  SUM_PROP_UPDATED,
  SUM_PROP_REVISION,
  SUM_PROP_UPDATED_BY,
  SUM_PROP_N_ITEMS,
  SUM_PROP_N_ERRORS,
  SUM_PROP_N_WARNINGS,
  SUM_N_PROPS
};

static GParamSpec *summary_props[SUM_N_PROPS];

static void
cs_store_summary_finalize (GObject *object)
{
  CsStoreSummary *self = CS_STORE_SUMMARY (object);

  g_free (self->id);
  g_free (self->reference);
  g_free (self->consignee);
  g_free (self->corridor);
  g_free (self->updated_by);
  G_OBJECT_CLASS (cs_store_summary_parent_class)->finalize (object);
}

static void
cs_store_summary_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsStoreSummary *self = CS_STORE_SUMMARY (object);

  switch (prop_id)
    {
    case SUM_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case SUM_PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case SUM_PROP_STATUS:
      g_value_set_static_string (value, self->status);
      break;
    case SUM_PROP_CONSIGNEE:
      g_value_set_string (value, self->consignee);
      break;
    case SUM_PROP_CORRIDOR:
      g_value_set_string (value, self->corridor);
      break;
    case SUM_PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case SUM_PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case SUM_PROP_UPDATED_BY:
      g_value_set_string (value, self->updated_by);
      break;
    case SUM_PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case SUM_PROP_N_ERRORS:
      g_value_set_int (value, self->n_errors);
      break;
    case SUM_PROP_N_WARNINGS:
      g_value_set_int (value, self->n_warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_store_summary_class_init (CsStoreSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_store_summary_finalize;
  object_class->get_property = cs_store_summary_get_property;

  summary_props[SUM_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  summary_props[SUM_PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  summary_props[SUM_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  summary_props[SUM_PROP_CONSIGNEE] = g_param_spec_string ("consignee", NULL, NULL, NULL, flags);
  summary_props[SUM_PROP_CORRIDOR] = g_param_spec_string ("corridor", NULL, NULL, NULL, flags);
  summary_props[SUM_PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  summary_props[SUM_PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0, flags);
  summary_props[SUM_PROP_UPDATED_BY] = g_param_spec_string ("updated-by", NULL, NULL, NULL, flags);
  summary_props[SUM_PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);
  summary_props[SUM_PROP_N_ERRORS] =
    g_param_spec_int ("n-errors", NULL, NULL, -1, G_MAXINT, -1, flags);
  summary_props[SUM_PROP_N_WARNINGS] =
    g_param_spec_int ("n-warnings", NULL, NULL, -1, G_MAXINT, -1, flags);
  g_object_class_install_properties (object_class, SUM_N_PROPS, summary_props);
}

static void
cs_store_summary_init (CsStoreSummary *self)
{
  self->n_errors = -1;
  self->n_warnings = -1;
}

/* ---- CsStoreExport ----------------------------------------------------------------------- */

static void
cs_store_export_finalize (GObject *object)
{
  CsStoreExport *self = CS_STORE_EXPORT (object);

  g_free (self->manifest_id);
  g_free (self->format);
  g_free (self->path);
  g_free (self->sha256);
  g_free (self->exported_by);
  G_OBJECT_CLASS (cs_store_export_parent_class)->finalize (object);
}

static void
cs_store_export_class_init (CsStoreExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_store_export_finalize;
}

static void
cs_store_export_init (CsStoreExport *self)
{
  self->n_errors = -1;
}

/* ---- CsStoreChange ----------------------------------------------------------------------- */

static void
cs_store_change_finalize (GObject *object)
{
  CsStoreChange *self = CS_STORE_CHANGE (object);

  g_free (self->manifest_id);
  g_free (self->reference);
  g_free (self->kind);
  g_free (self->old_status);
  g_free (self->new_status);
  g_free (self->changed_by);
  G_OBJECT_CLASS (cs_store_change_parent_class)->finalize (object);
}

static void
cs_store_change_class_init (CsStoreChangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_store_change_finalize;
}

static void
cs_store_change_init (CsStoreChange *self)
{
}

/* ---- CsStoreDirectoryChange -------------------------------------------------------------- */

static void
cs_store_directory_change_finalize (GObject *object)
{
  CsStoreDirectoryChange *self = CS_STORE_DIRECTORY_CHANGE (object);

  g_free (self->name);
  g_free (self->changed_by);
  G_OBJECT_CLASS (cs_store_directory_change_parent_class)->finalize (object);
}

static void
cs_store_directory_change_class_init (CsStoreDirectoryChangeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_store_directory_change_finalize;
}

static void
cs_store_directory_change_init (CsStoreDirectoryChange *self)
{
}

/* ---- CsStore ----------------------------------------------------------------------------- */

static void
cs_store_finalize (GObject *object)
{
  CsStore *self = CS_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], cs_db_stmt_free);
  g_clear_pointer (&self->db, cs_db_close);
  g_clear_pointer (&self->bad_text, g_hash_table_unref);
  g_free (self->path);
  g_free (self->user);
  G_OBJECT_CLASS (cs_store_parent_class)->finalize (object);
}

static void
cs_store_class_init (CsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_store_finalize;
}

static void
cs_store_init (CsStore *self)
{
  self->bad_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static CsStoreError
error_code_for (CsStore *self,
                CsDbRc   rc)
{
  switch (rc)
    {
    case CS_DB_PERM:
      /* a server's role without the privilege; SQLite's is the file's permissions */
      return self->db != NULL && IS_PG (self) ? CS_STORE_ERROR_DENIED : CS_STORE_ERROR_OPEN;
    case CS_DB_CANTOPEN:
      /* once open, a lost connection has gone away; a SQLite file only when it is no longer
       * there (its disk or network folder went): a journal or temporary file SQLite cannot
       * create is a problem of this computer, not of reaching the store */
      if (self->db == NULL)
        return CS_STORE_ERROR_OPEN;
      /* a server's connection that was made and then lost, also while opening (a migration
       * cut off): nothing of it was kept, and a later open may well succeed */
      if (IS_PG (self))
        return CS_STORE_ERROR_UNREACHABLE;
      if (!self->opened)
        return CS_STORE_ERROR_OPEN;
      if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
        return CS_STORE_ERROR_UNREACHABLE;
      return CS_STORE_ERROR_OPEN;
    case CS_DB_NOTADB:
      return CS_STORE_ERROR_NOT_DATABASE;
    case CS_DB_CORRUPT:
      return CS_STORE_ERROR_DAMAGED;
    case CS_DB_READONLY:
    case CS_DB_IOERR:
    case CS_DB_FULL:
      return CS_STORE_ERROR_OPEN;
    case CS_DB_OK:
    case CS_DB_ROW:
    case CS_DB_DONE:
    case CS_DB_ERROR_SQL:
    case CS_DB_BUSY:
    case CS_DB_CONSTRAINT:
    case CS_DB_NOMEM:
    default:
      return CS_STORE_ERROR_SQL;
    }
}

gboolean
_cs_store_sql_error (CsStore     *self,
                     GError     **error,
                     int          rc,
                     const char  *what)
{
  const char *msg = self->db ? cs_db_errmsg (self->db) : cs_db_rc_string (rc);
  /* taken, so that a later failure never names an older statement */
  g_autofree char *sql = self->db ? cs_db_take_failed_sql (self->db) : NULL;
  g_autofree char *short_sql = NULL;

  if (sql != NULL)
    {
      g_debug ("%s: %s: %s failed: %s", self->path, what, sql, msg);
      if (g_utf8_strlen (sql, -1) > 80)
        {
          g_autofree char *head = g_utf8_substring (sql, 0, 80);
          short_sql = g_strconcat (head, "…", NULL);
        }
      else
        short_sql = g_strdup (sql);
    }
  if (rc == CS_DB_READONLY)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                 _("%s: %s: the database cannot be written (%s)"), self->path, what, msg);
  else if (error_code_for (self, rc) == CS_STORE_ERROR_UNREACHABLE && self->db != NULL && IS_PG (self) &&
           g_strcmp0 (sql, "COMMIT") == 0)
    /* the server may have committed before the answer was lost */
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE,
                 _("%s: %s: the connection to the database server was lost while the change was "
                   "being committed; whether it was saved is not known until the server is back (%s)"),
                 self->path, what, msg);
  else if (error_code_for (self, rc) == CS_STORE_ERROR_UNREACHABLE && self->db != NULL && IS_PG (self))
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE,
                 _("%s: %s: the connection to the database server was lost; nothing of this was "
                   "saved there (%s)"), self->path, what, msg);
  else if (error_code_for (self, rc) == CS_STORE_ERROR_UNREACHABLE)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE,
                 _("%s: %s: the draft store's file cannot be reached any more (was its disk or "
                   "network folder removed?); nothing of this was saved (%s)"), self->path, what, msg);
  else if (error_code_for (self, rc) == CS_STORE_ERROR_DENIED)
    {
      const char *user = self->user ? self->user : "?";

      /* what a clerk's role may not do (README: roles), said as such */
      g_debug ("%s: %s: %s", self->path, what, msg);
      if (sql != NULL && strstr (sql, "DELETE FROM manifests") != NULL)
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED,
                     _("%s: %s: only an owner may delete drafts (you are connected as %s)"),
                     self->path, what, user);
      else if (sql != NULL && strstr (sql, "directory_") != NULL)
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED,
                     _("%s: %s: only an owner may change the directory of parties and products "
                       "(you are connected as %s)"), self->path, what, user);
      else if (sql != NULL && strstr (sql, "templates") != NULL)
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED,
                     _("%s: %s: only an owner may change the templates (you are connected as %s)"),
                     self->path, what, user);
      else
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED,
                     _("%s: %s: the database role “%s” may not do this; ask an owner of the store (%s)"),
                     self->path, what, user, msg);
    }
  else if (rc == CS_DB_BUSY && self->db != NULL && IS_PG (self))
    {
      g_autofree char *seconds = g_strdup_printf ("%.1f", self->busy_ms / 1000.0);
      /* the server ends the wait at lock_timeout (ours) or at its own statement_timeout, which
       * may be shorter: the server's message (msg) says which */
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: %s: the draft store is in use by another program, which kept it locked for "
                     "longer than this connection waits (%s s, or less when the server's "
                     "statement_timeout is shorter); a change under way was not kept, try again "
                     "when it has finished (%s)"),
                   self->path, what, seconds, msg);
    }
  else if (rc == CS_DB_BUSY)
    {
      g_autofree char *seconds = g_strdup_printf ("%.1f", self->busy_ms / 1000.0);
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: %s: the draft store is in use by another program, which kept it locked for "
                     "longer than %s s; a change under way was not kept, try again when it has "
                     "finished (%s)"),
                   self->path, what, seconds, msg);
    }
  else if (rc == CS_DB_IOERR)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                 _("%s: %s: the disk reported an error (or the file may not grow); a change under "
                   "way was not kept (%s)"), self->path, what, msg);
  else if (rc == CS_DB_FULL)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                 _("%s: %s: the disk is full (or the file may not grow); a change under way was not "
                   "kept (%s)"),
                 self->path, what, msg);
  else if (error_code_for (self, rc) == CS_STORE_ERROR_SQL && short_sql != NULL)
    /* not a condition people can act on: the statement that failed goes with the report */
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_SQL, "%s: %s: %s [%s]", self->path, what, msg,
                 short_sql);
  else
    g_set_error (error, CS_STORE_ERROR, error_code_for (self, rc), "%s: %s: %s", self->path, what, msg);
  return FALSE;
}

/* Constant SQL only (DDL, PRAGMA, transaction control): values always go through binding. */
gboolean
_cs_store_exec (CsStore     *self,
                const char  *sql,
                GError     **error)
{
  CsDbRc rc = cs_db_exec (self->db, sql);

  if (rc == CS_DB_OK)
    return TRUE;
  return _cs_store_sql_error (self, error, rc, _("Database command failed"));
}

CsDbStmt *
_cs_store_stmt (CsStore     *self,
                CsStoreStmt  which,
                GError     **error)
{
  if (self->stmts[which] == NULL)
    {
      CsDbRc rc = cs_db_prepare (self->db, _cs_store_stmt_sql (cs_db_get_kind (self->db), which), TRUE,
                                 &self->stmts[which]);
      if (rc != CS_DB_OK)
        {
          _cs_store_sql_error (self, error, rc, _("Could not prepare a query"));
          return NULL;
        }
    }
  return self->stmts[which];
}

gboolean
_cs_store_begin (CsStore          *self,
                 CsDbTransaction   kind,
                 GError          **error)
{
  CsDbRc rc = cs_db_begin (self->db, kind);

  if (rc == CS_DB_OK)
    return TRUE;
  return _cs_store_sql_error (self, error, rc, _("Database command failed"));
}

CsDbStmt *
_cs_store_prepare (CsStore     *self,
                   const char  *sql,
                   GError     **error)
{
  CsDbStmt *stmt = NULL;
  CsDbRc rc = cs_db_prepare (self->db, sql, FALSE, &stmt);

  if (rc != CS_DB_OK)
    {
      _cs_store_sql_error (self, error, rc, _("Could not prepare a query"));
      return NULL;
    }
  return stmt;
}

static gboolean
rollback (CsStore *self)
{
  cs_db_rollback (self->db);
  return FALSE;
}

/* Valid UTF-8 from @len bytes; *@replaced set when something had to be replaced. */
static char *
utf8_from_bytes (const char *bytes,
                 int         len,
                 gboolean   *replaced)
{
  /* g_utf8_validate_len() also refuses a NUL inside the length: one cannot be shown either */
  if (g_utf8_validate_len (bytes, len, NULL))
    return g_strndup (bytes, len);
  *replaced = TRUE;
  return g_utf8_make_valid (bytes, len);
}

void
_cs_store_note_bad_text (CsStore    *self,
                         const char *draft_id)
{
  /* keyed by valid text: the id itself may be what was damaged */
  g_hash_table_add (self->bad_text, draft_id ? g_utf8_make_valid (draft_id, -1) : g_strdup (""));
}

char *
_cs_store_column_text (CsStore      *self,
                       CsDbStmt     *stmt,
                       int           col,
                       const char   *draft_id)
{
  const char *text = (const char *) cs_db_column_text (stmt, col);
  gboolean replaced = FALSE;
  char *out;

  if (text == NULL)
    return NULL;
  /* the length is taken after cs_db_column_text(), which may have converted the value */
  out = utf8_from_bytes (text, cs_db_column_bytes (stmt, col), &replaced);
  if (replaced)
    _cs_store_note_bad_text (self, draft_id);
  return out;
}

GStrv
cs_store_get_text_warnings (CsStore *self)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  g_autoptr(CsDbStmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);

  if (self->db != NULL)
    stmt = _cs_store_prepare (self, "SELECT reference FROM manifests WHERE id = ?1", NULL);
  g_hash_table_iter_init (&iter, self->bad_text);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = key;
      g_autofree char *label = NULL;

      if (stmt != NULL && id[0] != '\0' &&
          cs_db_bind_text (stmt, 1, id, -1) == CS_DB_OK &&
          cs_db_step (stmt) == CS_DB_ROW && cs_db_column_type (stmt, 0) != CS_DB_TYPE_NULL)
        {
          gboolean replaced = FALSE;
          label = utf8_from_bytes ((const char *) cs_db_column_text (stmt, 0),
                                   cs_db_column_bytes (stmt, 0), &replaced);
        }
      if (stmt != NULL)
        cs_db_reset (stmt);
      g_strv_builder_add (out, label ? label : id);
    }
  return g_strv_builder_end (out);
}

char *
_cs_store_find_id (CsStore     *self,
                   const char  *id_or_reference,
                   GError     **error)
{
  CsDbStmt *stmt = _cs_store_stmt (self, STMT_FIND_ID, error);
  char *id = NULL;
  CsDbRc rc;

  if (stmt == NULL)
    return NULL;
  rc = cs_db_bind_text (stmt, 1, id_or_reference, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  /* The stored bytes as they are (a key for binding, never shown as text): an id damaged into
   * invalid UTF-8 still finds its rows. Whatever shows it goes through _cs_store_column_text()
   * or escaping. */
  if (rc == CS_DB_ROW)
    id = g_strndup ((const char *) cs_db_column_text (stmt, 0), cs_db_column_bytes (stmt, 0));
  cs_db_reset (stmt);
  if (rc != CS_DB_ROW && rc != CS_DB_DONE)
    _cs_store_sql_error (self, error, rc, _("Could not look up the draft"));
  return id;
}

char *
_cs_store_require_id (CsStore     *self,
                      const char  *id_or_reference,
                      GError     **error)
{
  GError *local = NULL;
  char *id = _cs_store_find_id (self, id_or_reference, &local);

  if (local != NULL)
    g_propagate_error (error, local);
  else if (id == NULL)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                 _("%s: no draft with the reference or id “%s”"), self->path, id_or_reference);
  return id;
}

/* ---- opening ----------------------------------------------------------------------------- */

char *
cs_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "consign", "consign.sqlite", NULL);
}

void
cs_store_set_busy_timeout (CsStore *self,
                           guint    milliseconds)
{
  g_return_if_fail (CS_IS_STORE (self));

  self->busy_ms = MIN (milliseconds, G_MAXINT);
  cs_db_set_busy_timeout (self->db, self->busy_ms);
}

const char *
cs_store_get_path (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return self->path;
}

const char *
cs_store_get_user (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  return self->user;
}

/* Reads one integer from a constant query; FALSE with the error set. */
static gboolean
query_int (CsStore     *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  CsDbStmt *stmt = NULL;
  CsDbRc rc = cs_db_prepare (self->db, sql, FALSE, &stmt);

  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc == CS_DB_ROW)
    *out = cs_db_column_int64 (stmt, 0);
  cs_db_stmt_free (stmt);
  if (rc == CS_DB_ROW)
    return TRUE;
  return _cs_store_sql_error (self, error, rc, _("Could not read the database"));
}

/* The schema version: SQLite's user_version; on PostgreSQL a row of the meta table (none: 0). */
static gboolean
read_version (CsStore     *self,
              gint64      *version,
              GError     **error)
{
  gint64 has_meta = 0;

  if (!IS_PG (self))
    return query_int (self, "PRAGMA user_version", version, error);
  *version = 0;
  /* the catalogue, not information_schema: that shows only the tables this role has a right on,
   * and a role with none would take a store for an empty database and try to make its schema */
  if (!query_int (self, "SELECT count(*) FROM pg_catalog.pg_tables"
                        " WHERE schemaname = current_schema () AND tablename = 'meta'", &has_meta, error))
    return FALSE;
  return has_meta == 0 ||
         query_int (self, "SELECT coalesce (max (value), 0) FROM meta WHERE key = 'schema_version'",
                    version, error);
}

static gboolean
check_version (CsStore     *self,
               gint64      *version,
               GError     **error)
{
  GError *local = NULL;
  gint64 n_objects = 0;

  if (!read_version (self, version, &local))
    {
      if (local->code == CS_STORE_ERROR_NOT_DATABASE || local->code == CS_STORE_ERROR_DAMAGED)
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE,
                       _("%s: this file is not a Consign draft store (not a SQLite database, or damaged)"),
                       self->path);
          g_error_free (local);
        }
      else if (local->code == CS_STORE_ERROR_OPEN)
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                       _("%s: the draft store cannot be opened for reading and writing; check the "
                         "permissions of the file and its folder (%s)"),
                       self->path, cs_db_errmsg (self->db));
          g_error_free (local);
        }
      else
        g_propagate_error (error, local);
      return FALSE;
    }
  if (*version > CS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_TOO_NEW,
                   _("%s: this draft store was written by a newer version of Consign (schema %d; "
                     "this version reads up to %d). It has been left unchanged."),
                   self->path, (int) *version, CS_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (*version == 0)
    {
      if (!query_int (self, _cs_store_sql (self, "SELECT count(*) FROM sqlite_schema",
                                           "SELECT count(*) FROM pg_catalog.pg_tables"
                                           " WHERE schemaname = current_schema ()"),
                      &n_objects, error))
        return FALSE;
      if (n_objects > 0 && IS_PG (self))
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE,
                       _("%s: this PostgreSQL database holds tables of something else, not a Consign "
                         "draft store; it has been left unchanged (give Consign an empty database "
                         "of its own)"),
                       self->path);
          return FALSE;
        }
      if (n_objects > 0)
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE,
                       _("%s: this SQLite database is not a Consign draft store; it has been left unchanged"),
                       self->path);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
migrate (CsStore     *self,
         GError     **error)
{
  g_autofree char *set_version = NULL;
  gint64 version = 0;

  if (!_cs_store_begin (self, CS_DB_WRITE, error))
    return FALSE;
  /* Read again under the write lock: another connection may have migrated meanwhile. */
  if (!check_version (self, &version, error))
    return rollback (self);
  if (version == CS_STORE_SCHEMA_VERSION)
    return _cs_store_exec (self, "COMMIT", error) || rollback (self);
  /* An upgrade writes: never into damaged pages (a new, empty file has none to check). */
  if (version > 0 && !cs_store_check (self, FALSE, NULL, error))
    return rollback (self);

  for (guint v = (guint) version; v < _cs_store_n_migrations; v++)
    {
      g_autoptr(GError) local = NULL;

      if (_cs_store_exec (self, _cs_store_sql (self, _cs_store_migrations[v].sqlite,
                                               _cs_store_migrations[v].postgresql), &local))
        continue;
      if (g_error_matches (local, CS_STORE_ERROR, CS_STORE_ERROR_DENIED))
        /* not what the step's statements touch (templates, directory...): the upgrade itself */
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED,
                     _("%s: the draft store has schema %d and must be upgraded to %d, which the "
                       "database role “%s” may not do; ask an owner of the store to open it once "
                       "with this version of Consign. Nothing was changed. (%s)"),
                     self->path, (int) version, CS_STORE_SCHEMA_VERSION, self->user ? self->user : "?",
                     cs_db_errmsg (self->db));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          g_prefix_error (error, _("Upgrading the schema to version %u: "), v + 1);
        }
      return rollback (self);
    }
  if (IS_PG (self))
    set_version = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('schema_version', %d)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                   CS_STORE_SCHEMA_VERSION);
  else
    set_version = g_strdup_printf ("PRAGMA user_version = %d", CS_STORE_SCHEMA_VERSION);
  if (!_cs_store_exec (self, set_version, error) || !_cs_store_exec (self, "COMMIT", error))
    return rollback (self);
  return TRUE;
}

/* Who saves: the server's session role, or the person running us. */
static gboolean
read_user (CsStore     *self,
           GError     **error)
{
  if (IS_PG (self))
    {
      g_autoptr(CsDbStmt) stmt = NULL;
      CsDbRc rc = cs_db_prepare (self->db, "SELECT current_user", FALSE, &stmt);

      if (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
        {
          self->user = _cs_store_column_text (self, stmt, 0, NULL);
          return TRUE;
        }
      return _cs_store_sql_error (self, error, rc, _("Could not read the database"));
    }
  /* the name the schema's triggers record (consign_user()) */
  self->user = g_strdup (cs_db_sqlite_user_name ());
  return TRUE;
}

/* Opens the connection and looks at the schema version, writing nothing. */
static CsStore *
open_connection (const char     *path,
                 CsDbOpenFlags   flags,
                 gint64         *version,
                 GError        **error)
{
  g_autoptr(CsStore) self = g_object_new (CS_TYPE_STORE, NULL);
  g_autoptr(GError) local = NULL;

  /* a server's location is shown and logged without its password */
  self->path = cs_db_location_is_postgresql (path) ? cs_db_pg_redact_location (path) : g_strdup (path);
  if (!cs_db_location_is_postgresql (path) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: this is a folder, not a draft store file"), path);
      return NULL;
    }

  if ((self->db = cs_db_open (path, flags, &local)) == NULL)
    {
      if (cs_db_location_is_postgresql (path) && !cs_db_pg_server_answers (path))
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE,
                     _("%s: the database server cannot be reached: %s"), self->path, local->message);
      else
        g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                     _("%s: cannot open the draft store: %s"), self->path, local->message);
      return NULL;
    }
  if (!read_user (self, error))
    return NULL;
  cs_store_set_busy_timeout (self, BUSY_TIMEOUT_MS);
  /* Damaged pages are found when they are read, not misread as short rows. */
  if (!IS_PG (self) && !_cs_store_exec (self, "PRAGMA cell_size_check = ON", error))
    return NULL;

  /* Look before writing anything: a newer or foreign file must stay byte for byte as it is. */
  if (!check_version (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

CsStore *
cs_store_open_read_only (const char  *path,
                         GError     **error)
{
  g_autoptr(CsStore) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!cs_db_location_is_postgresql (path) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: no such draft store"), path);
      return NULL;
    }
  if ((self = open_connection (path, CS_DB_OPEN_READ_ONLY, &version, error)) == NULL)
    return NULL;
  /* an older schema can still be checked (an upgrade refuses damaged pages) */
  self->version = version;
  self->opened = TRUE;
  return g_steal_pointer (&self);
}

CsStore *
cs_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(CsStore) self = NULL;
  g_autofree char *dir = NULL;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (!cs_db_location_is_postgresql (path) && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: cannot create the folder “%s”: %s"), path, dir, g_strerror (saved));
      return NULL;
    }
  self = open_connection (path, CS_DB_OPEN_CREATE, &version, error);
  if (self == NULL)
    return NULL;
  if (cs_db_is_read_only (self->db))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: the draft store is read-only; check the file's permissions"), self->path);
      return NULL;
    }

  if (!IS_PG (self) &&
      (!_cs_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
       !_cs_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
       !_cs_store_exec (self, "PRAGMA foreign_keys = ON", error)))
    return NULL;

  if (version < CS_STORE_SCHEMA_VERSION && !migrate (self, error))
    return NULL;
  self->version = CS_STORE_SCHEMA_VERSION;
  self->opened = TRUE;

  return g_steal_pointer (&self);
}

/* ---- drafts ------------------------------------------------------------------------------ */

/* Runs a check pragma; problems (lines other than "ok") go to @problems. */
static gboolean
run_check (CsStore    *self,
           const char *pragma,
           GPtrArray  *problems,
           GError    **error)
{
  g_autoptr(CsDbStmt) stmt = _cs_store_prepare (self, pragma, error);
  CsDbRc rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      g_autofree char *line = _cs_store_column_text (self, stmt, 0, NULL);

      if (line != NULL && g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_steal_pointer (&line));
    }
  if (rc == CS_DB_DONE)
    return TRUE;
  /* a check that cannot read a page has found damage too */
  if (rc == CS_DB_CORRUPT || rc == CS_DB_NOTADB)
    {
      g_ptr_array_add (problems, g_strdup (cs_db_errmsg (self->db)));
      return TRUE;
    }
  return _cs_store_sql_error (self, error, rc, _("Could not check the database"));
}

gboolean
cs_store_check (CsStore     *self,
                gboolean     full,
                GStrv       *problems_out,
                GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* a server keeps its own pages: nothing to look at from here */
  if (!IS_PG (self) &&
      !run_check (self, full ? "PRAGMA integrity_check (100)" : "PRAGMA quick_check (100)",
                  problems, error))
    return FALSE;
  if (problems->len > 0)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED,
                 g_dngettext (GETTEXT_PACKAGE, "%s: the draft store is damaged (%u problem; first: %s)",
                              "%s: the draft store is damaged (%u problems; first: %s)", problems->len),
                 self->path, problems->len, (char *) problems->pdata[0]);
  if (problems_out != NULL)
    {
      g_ptr_array_add (problems, NULL);
      *problems_out = (GStrv) g_ptr_array_steal (problems, NULL);
    }
  return error == NULL || *error == NULL;
}

gboolean
cs_store_location_is_postgresql (const char *location)
{
  return location != NULL && cs_db_location_is_postgresql (location);
}

gboolean
cs_store_is_postgresql (CsStore *self)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  return IS_PG (self);
}

gboolean
cs_store_check_drafts (CsStore     *self,
                       guint       *n_drafts_out,
                       GStrv       *problems_out,
                       GError     **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_read = 0;
  gboolean ok;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((drafts = cs_store_list_by_status (self, NULL, CS_STATUS_UNSET, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < drafts->len; i++)
    {
      CsStoreSummary *s = drafts->pdata[i];
      g_autoptr(CsManifest) m = NULL;
      g_autoptr(GError) local = NULL;

      if ((m = cs_store_load (self, s->id, &local)) != NULL)
        {
          n_read++;
          continue;
        }
      /* a lost connection is not damage of a draft */
      if (local->domain == CS_STORE_ERROR && local->code == CS_STORE_ERROR_UNREACHABLE)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* deleted by someone since the list was read: nothing to check */
      if (g_error_matches (local, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND))
        continue;
      g_ptr_array_add (problems, g_strdup_printf ("%s: %s", s->reference ? s->reference : s->id,
                                                  local->message));
    }
  if (n_drafts_out != NULL)
    *n_drafts_out = n_read;
  ok = problems->len == 0;
  if (!ok)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED,
                 g_dngettext (GETTEXT_PACKAGE, "%s: %u draft does not read back whole (first: %s)",
                              "%s: %u drafts do not read back whole (first: %s)", problems->len),
                 self->path, problems->len, (char *) problems->pdata[0]);
  if (problems_out != NULL)
    {
      g_ptr_array_add (problems, NULL);
      *problems_out = (GStrv) g_ptr_array_steal (problems, NULL);
    }
  return ok;
}

/* The reference of draft @id (may be NULL); *@found FALSE when there is no such draft. */
static gboolean
reference_of (CsStore     *self,
              const char  *id,
              char       **reference,
              gboolean    *found,
              GError     **error)
{
  g_autoptr(CsDbStmt) stmt = _cs_store_prepare (self, "SELECT reference FROM manifests WHERE id = ?1",
                                                    error);
  CsDbRc rc;

  *found = FALSE;
  *reference = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  if (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      *found = TRUE;
      *reference = _cs_store_column_text (self, stmt, 0, id);
      return TRUE;
    }
  if (rc == CS_DB_DONE)
    return TRUE;
  return _cs_store_sql_error (self, error, rc, _("Could not look up the draft"));
}

typedef enum
{
  SAVE_UPDATE,    /* insert, or update the draft with the manifest's id */
  SAVE_NEW,       /* a new draft only */
  SAVE_REPLACE,   /* the draft with the same reference */
} SaveMode;

/* Inside the save's transaction: what an import may do (see cs_store_import()). */
static gboolean
check_import (CsStore     *self,
              CsManifest  *manifest,
              SaveMode     mode,
              GError     **error)
{
  g_autofree char *by_ref = NULL;
  g_autofree char *id_ref = NULL;
  gboolean id_found = FALSE;

  if (manifest->reference != NULL)
    {
      g_autoptr(CsDbStmt) stmt = _cs_store_prepare (self, "SELECT id FROM manifests WHERE reference = ?1",
                                                        error);
      CsDbRc rc;

      if (stmt == NULL)
        return FALSE;
      rc = cs_db_bind_text (stmt, 1, manifest->reference, -1);
      if (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
        by_ref = _cs_store_column_text (self, stmt, 0, NULL);
      else if (rc != CS_DB_DONE)
        return _cs_store_sql_error (self, error, rc, _("Could not look up the draft"));
    }
  if (manifest->id != NULL && !reference_of (self, manifest->id, &id_ref, &id_found, error))
    return FALSE;

  if (mode == SAVE_NEW && by_ref != NULL)
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE,
                   _("%s: the reference “%s” exists: a draft with it is already in the store"),
                   self->path, manifest->reference);
      return FALSE;
    }
  /* An id is only ever replaced together with its own reference. */
  if (id_found && (mode == SAVE_NEW || g_strcmp0 (id_ref, manifest->reference) != 0))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_ID_TAKEN,
                   _("%s: the id %s of “%s” belongs to the draft “%s” already in the store; "
                     "give the manifest a new id (or remove the id to have one made)"),
                   self->path, manifest->id,
                   manifest->reference ? manifest->reference : _("(no reference)"),
                   id_ref ? id_ref : _("(no reference)"));
      return FALSE;
    }
  /* Replacing keeps the existing draft's id, so that its export history stays with it. */
  if (by_ref != NULL && g_strcmp0 (by_ref, manifest->id) != 0)
    cs_field_set_string (CS_RECORD (manifest), cs_record_find_field (CS_RECORD (manifest), "id"), by_ref);
  return TRUE;
}

/* "14:02" for a time today, else "2026-12-05 14:02" (local time); @updated_us in Unix µs. */
static char *
format_when (gint64 updated_us)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (updated_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* CS_STORE_ERROR_CONFLICT for cs_store_save_if_revision(): the draft as stored is not the
 * revision the caller expected. @found: whether it exists, then its revision, author and time. */
static gboolean
conflict_error (CsStore     *self,
                CsManifest  *manifest,
                gint64       expected,
                gboolean     found,
                gint64       revision,
                const char  *updated_by,
                gint64       updated_us,
                GError     **error)
{
  const char *name = manifest->reference ? manifest->reference : manifest->id;
  g_autofree char *opened = g_strdup_printf ("%" G_GINT64_FORMAT, expected);
  g_autofree char *stored = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  g_autofree char *when = format_when (updated_us);

  if (!found)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT,
                 _("Draft %s was deleted after you opened revision %s."), name, opened);
  else if (expected == 0)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT,
                 _("Draft %s was saved by %s at %s (revision %s) before your new draft; its id "
                   "is taken."), name, updated_by ? updated_by : _("someone"), when, stored);
  else if (updated_by != NULL)
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT,
                 _("Draft %s was changed by %s at %s (revision %s) after you opened revision %s."),
                 name, updated_by, when, stored, opened);
  else
    g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT,
                 _("Draft %s was changed at %s (revision %s) after you opened revision %s."),
                 name, when, stored, opened);
  g_prefix_error (error, "%s: ", self->path);
  return FALSE;
}

/* @expected: the revision the draft must still have (0: must not exist), or -1 for any. */
static gboolean
save_draft (CsStore     *self,
            CsManifest  *manifest,
            SaveMode     mode,
            gint64       expected,
            gint64      *revision_out,
            GError     **error)
{
  CsDbStmt *stmt;
  gint64 now_us = g_get_real_time ();
  gint64 revision = 1, created = now_us, updated_us = 0;
  g_autofree char *updated_by = NULL;
  gboolean existed = FALSE;
  CsDbRc rc;

  if (!_cs_store_begin (self, CS_DB_WRITE, error))
    return FALSE;

  /* Decided under the write lock: a check before BEGIN would let two imports both pass it. */
  if (mode != SAVE_UPDATE && !check_import (self, manifest, mode, error))
    return rollback (self);
  if (manifest->id == NULL || manifest->id[0] == '\0')
    cs_field_take_string (CS_RECORD (manifest), cs_record_find_field (CS_RECORD (manifest), "id"),
                          g_uuid_string_random ());

  if (manifest->reference != NULL)
    {
      if ((stmt = _cs_store_stmt (self, STMT_REF_CLASH, error)) == NULL)
        return rollback (self);
      rc = cs_db_bind_text (stmt, 1, manifest->reference, -1);
      if (rc == CS_DB_OK)
        rc = cs_db_bind_text (stmt, 2, manifest->id, -1);
      if (rc == CS_DB_OK)
        rc = cs_db_step (stmt);
      cs_db_reset (stmt);
      if (rc == CS_DB_ROW)
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE,
                       _("%s: the reference “%s” is already used by another draft"),
                       self->path, manifest->reference);
          return rollback (self);
        }
      if (rc != CS_DB_DONE)
        return _cs_store_sql_error (self, error, rc, _("Could not save the draft")) || rollback (self);
    }

  if ((stmt = _cs_store_stmt (self, STMT_OLD_REVISION, error)) == NULL)
    return rollback (self);
  rc = cs_db_bind_text (stmt, 1, manifest->id, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc == CS_DB_ROW)
    {
      revision = cs_db_column_int64 (stmt, 0) + 1;
      created = cs_db_column_int64 (stmt, 1);
      updated_by = _cs_store_column_text (self, stmt, 2, manifest->id);
      updated_us = cs_db_column_int64 (stmt, 3);
      existed = TRUE;
    }
  cs_db_reset (stmt);
  if (rc != CS_DB_ROW && rc != CS_DB_DONE)
    return _cs_store_sql_error (self, error, rc, _("Could not save the draft")) || rollback (self);
  /* under the write lock: no other save can come between this look and the commit */
  if (expected >= 0 && (existed ? revision - 1 != expected : expected != 0))
    return conflict_error (self, manifest, expected, existed, revision - 1, updated_by, updated_us, error) ||
           rollback (self);

  if (!_cs_store_write_manifest (self, manifest, existed, revision, created, now_us, error) ||
      !_cs_store_exec (self, "COMMIT", error))
    return rollback (self);

  if (revision_out != NULL)
    *revision_out = revision;
  return TRUE;
}

gboolean
cs_store_save (CsStore     *self,
               CsManifest  *manifest,
               gint64      *revision_out,
               GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_MANIFEST (manifest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (manifest->id == NULL || manifest->id[0] == '\0')
    cs_field_take_string (CS_RECORD (manifest), cs_record_find_field (CS_RECORD (manifest), "id"),
                          g_uuid_string_random ());
  return save_draft (self, manifest, SAVE_UPDATE, -1, revision_out, error);
}

gboolean
cs_store_save_if_revision (CsStore     *self,
                           CsManifest  *manifest,
                           gint64       expected_revision,
                           gint64      *revision_out,
                           GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_MANIFEST (manifest), FALSE);
  g_return_val_if_fail (expected_revision >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (manifest->id == NULL || manifest->id[0] == '\0')
    {
      /* a draft without an id cannot have been opened from the store */
      if (expected_revision != 0)
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID,
                       _("%s: a draft without an id cannot have revision %d"), self->path,
                       (int) MIN (expected_revision, G_MAXINT));
          return FALSE;
        }
      cs_field_take_string (CS_RECORD (manifest), cs_record_find_field (CS_RECORD (manifest), "id"),
                            g_uuid_string_random ());
    }
  return save_draft (self, manifest, SAVE_UPDATE, expected_revision, revision_out, error);
}

gboolean
cs_store_import (CsStore     *self,
                 CsManifest  *manifest,
                 gboolean     replace,
                 gint64      *revision_out,
                 GError      **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_MANIFEST (manifest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Replacing rewrites rows in place: never on pages that are already wrong. */
  if (replace && !cs_store_check (self, TRUE, NULL, error))
    return FALSE;
  return save_draft (self, manifest, replace ? SAVE_REPLACE : SAVE_NEW, -1, revision_out, error);
}

/* Every save records the number of items with the header; a damaged page can end a table early
 * without SQLite noticing, and a draft that reads back short must not pass for a whole one. */
static gboolean
check_item_count (CsStore     *self,
                  const char  *id,
                  CsManifest  *m,
                  gint64      *revision,
                  GError     **error)
{
  g_autoptr(CsDbStmt) stmt = _cs_store_prepare (self, "SELECT n_items, reference, revision FROM manifests"
                                                    " WHERE id = ?1", error);
  CsDbRc rc;

  if (stmt == NULL)
    return FALSE;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc != CS_DB_ROW)
    return _cs_store_sql_error (self, error, rc, _("Could not read the draft"));
  *revision = cs_db_column_int64 (stmt, 2);
  if (cs_db_column_int64 (stmt, 0) != CS_MANIFEST_N_ITEMS (m))
    {
      g_autofree char *ref = _cs_store_column_text (self, stmt, 1, id);
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) cs_db_column_int64 (stmt, 0));

      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED,
                   _("%s: draft %s: %u of %s items could be read; the store is damaged"),
                   self->path, ref ? ref : id, CS_MANIFEST_N_ITEMS (m), expected);
      return FALSE;
    }
  return TRUE;
}

CsManifest *
cs_store_load (CsStore     *self,
               const char  *id_or_reference,
               GError     **error)
{
  return cs_store_load_with_revision (self, id_or_reference, NULL, error);
}

CsManifest *
cs_store_load_with_revision (CsStore     *self,
                             const char  *id_or_reference,
                             gint64      *revision_out,
                             GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(CsManifest) m = NULL;
  gint64 revision = 0;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_reference != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One read transaction: a snapshot, even while another connection saves. */
  if (!_cs_store_begin (self, CS_DB_READ, error))
    return NULL;
  if ((id = _cs_store_require_id (self, id_or_reference, error)) == NULL ||
      (m = _cs_store_read_manifest (self, id, error)) == NULL ||
      !check_item_count (self, id, m, &revision, error))
    {
      rollback (self);
      return NULL;
    }
  if (!_cs_store_exec (self, "COMMIT", error))
    {
      rollback (self);
      return NULL;
    }
  if (revision_out != NULL)
    *revision_out = revision;
  return g_steal_pointer (&m);
}

char *
cs_store_lookup_id (CsStore     *self,
                    const char  *id_or_reference,
                    GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_reference != NULL, NULL);

  return _cs_store_find_id (self, id_or_reference, error);
}

/* Runs a one-row UPDATE/DELETE on the draft @id_or_reference: @sql has ?1 = id, then the
 * text/int parameters given. */
static gboolean
update_draft (CsStore     *self,
              const char  *id_or_reference,
              const char  *sql,
              const char  *text2,
              gint64       int2,
              gint64       int3,
              GError     **error)
{
  g_autofree char *id = _cs_store_require_id (self, id_or_reference, error);
  g_autoptr(CsDbStmt) stmt = NULL;
  CsDbRc rc;

  if (id == NULL || (stmt = _cs_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  if (rc == CS_DB_OK && cs_db_bind_parameter_count (stmt) >= 2)
    rc = text2 ? cs_db_bind_text (stmt, 2, text2, -1)
               : cs_db_bind_int64 (stmt, 2, int2);
  if (rc == CS_DB_OK && cs_db_bind_parameter_count (stmt) >= 3)
    rc = cs_db_bind_int64 (stmt, 3, int3);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (self, error, rc, _("Could not change the draft"));
  return TRUE;
}

gboolean
cs_store_delete (CsStore     *self,
                 const char  *id_or_reference,
                 GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id_or_reference != NULL, FALSE);

  /* a clerk's role may not (CS_STORE_ERROR_DENIED, README: roles) */
  return update_draft (self, id_or_reference, "DELETE FROM manifests WHERE id = ?1", NULL, 0, 0, error);
}

gboolean
cs_store_set_status_value (CsStore     *self,
                           const char  *id_or_reference,
                           CsStatus     status,
                           GError     **error)
{
  const char *word = cs_enum_to_string (CS_TYPE_STATUS, status);

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id_or_reference != NULL, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  return update_draft (self, id_or_reference, "UPDATE manifests SET status = ?2 WHERE id = ?1",
                       word, 0, 0, error);
}

/* The CsStatus of the status word @status (NULL = UNSET when @allow_null), or FALSE with
 * CS_STORE_ERROR_INVALID for any other word. */
static gboolean
parse_status (const char  *status,
              gboolean     allow_null,
              CsStatus    *out,
              GError     **error)
{
  *out = cs_enum_from_string (CS_TYPE_STATUS, status);
  if (*out == CS_STATUS_UNSET && !(allow_null && status == NULL))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID,
                   _("Unknown status “%s” (expected draft, ready, exported or archived)"),
                   status ? status : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
cs_store_set_status (CsStore     *self,
                     const char  *id_or_reference,
                     const char  *status,
                     GError     **error)
{
  CsStatus value;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id_or_reference != NULL, FALSE);

  if (!parse_status (status, FALSE, &value, error))
    return FALSE;
  return cs_store_set_status_value (self, id_or_reference, value, error);
}

gboolean
cs_store_set_counts (CsStore     *self,
                     const char  *id_or_reference,
                     guint        n_errors,
                     guint        n_warnings,
                     GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id_or_reference != NULL, FALSE);

  return update_draft (self, id_or_reference,
                       "UPDATE manifests SET n_errors = ?2, n_warnings = ?3 WHERE id = ?1",
                       NULL, MIN (n_errors, G_MAXINT), MIN (n_warnings, G_MAXINT), error);
}

gint64
cs_store_get_revision (CsStore     *self,
                       const char  *id_or_reference,
                       GError     **error)
{
  g_autoptr(CsStoreSummary) s = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), 0);

  s = cs_store_get_summary (self, id_or_reference, error);
  return s ? s->revision : 0;
}

/* ---- lists ------------------------------------------------------------------------------- */

#define SUMMARY_SELECT \
  "SELECT m.id, m.reference, m.status, c.name, m.corridor, m.updated, m.revision, m.n_items," \
  " m.n_errors, m.n_warnings, m.updated_by" \
  " FROM manifests m LEFT JOIN parties c ON c.manifest_id = m.id AND c.role = 'consignee'"

static CsStoreSummary *
summary_from_row (CsStore      *self,
                  CsDbStmt     *stmt)
{
  CsStoreSummary *s = g_object_new (CS_TYPE_STORE_SUMMARY, NULL);
  g_autofree char *status = NULL;

  /* a damaged id is reported under itself (the store's bytes, made valid for the key) */
  s->id = _cs_store_column_text (self, stmt, 0, (const char *) cs_db_column_text (stmt, 0));
  s->reference = _cs_store_column_text (self, stmt, 1, s->id);
  status = _cs_store_column_text (self, stmt, 2, s->id);
  s->status = status ? g_intern_string (status) : NULL;
  s->consignee = _cs_store_column_text (self, stmt, 3, s->id);
  s->corridor = _cs_store_column_text (self, stmt, 4, s->id);
  s->updated = cs_db_column_int64 (stmt, 5) / G_USEC_PER_SEC;
  s->revision = cs_db_column_int64 (stmt, 6);
  s->n_items = (guint) cs_db_column_int64 (stmt, 7);
  s->n_errors = cs_db_column_int (stmt, 8);
  s->n_warnings = cs_db_column_int (stmt, 9);
  s->updated_by = _cs_store_column_text (self, stmt, 10, s->id);
  return s;
}

/* Runs a summary query whose parameters are the given texts (?1, ?2, ...; NULL binds NULL). */
static GPtrArray *
query_summaries (CsStore     *self,
                 const char  *sql,
                 const char  *p1,
                 const char  *p2,
                 const char  *p3,
                 GError     **error)
{
  g_autoptr(CsDbStmt) stmt = _cs_store_prepare (self, sql, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  const char *params[] = { p1, p2, p3 };
  CsDbRc rc = CS_DB_OK;

  if (stmt == NULL)
    return NULL;
  for (int i = 0; i < cs_db_bind_parameter_count (stmt) && i < 3 && rc == CS_DB_OK; i++)
    rc = params[i] ? cs_db_bind_text (stmt, i + 1, params[i], -1)
                   : cs_db_bind_null (stmt, i + 1);
  while (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      g_ptr_array_add (out, summary_from_row (self, stmt));
      rc = CS_DB_OK;
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not list the drafts"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

static char *
like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

GPtrArray *
cs_store_list (CsStore     *self,
               const char  *search,
               const char  *status,
               GError     **error)
{
  CsStatus value;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);

  if (!parse_status (status, TRUE, &value, error))
    return NULL;
  return cs_store_list_by_status (self, search, value, error);
}

GPtrArray *
cs_store_list_by_status (CsStore     *self,
                         const char  *search,
                         CsStatus     status,
                         GError     **error)
{
  static const char sql[] =
    SUMMARY_SELECT
    " WHERE (?1 IS NULL OR m.status = ?1)"
    " AND (?2 IS NULL"
    "  OR m.reference LIKE ?3 ESCAPE '\\'"
    "  OR m.id IN (SELECT manifest_id FROM parties"
    "              WHERE name LIKE ?3 ESCAPE '\\' OR name_latin LIKE ?3 ESCAPE '\\')"
    /* Identifiers and descriptions match by a part too ("312017" finds a VIN by its tail,
     * "CSNU832" a container by its prefix). LIKE cannot use their indexes, so each is an
     * EXISTS on the draft's own rows (their primary keys start with manifest_id): a search
     * costs one pass over the store's rows at most, and stops at a draft's first hit. */
    "  OR EXISTS (SELECT 1 FROM vins v WHERE v.manifest_id = m.id AND v.vin LIKE ?3 ESCAPE '\\')"
    "  OR EXISTS (SELECT 1 FROM containers c WHERE c.manifest_id = m.id"
    "             AND c.number LIKE ?3 ESCAPE '\\')"
    "  OR EXISTS (SELECT 1 FROM items i WHERE i.manifest_id = m.id"
    "             AND i.description LIKE ?3 ESCAPE '\\')"
    "  OR m.id IN (SELECT manifest_id FROM seals WHERE seal = ?2)"
    "  OR m.id IN (SELECT manifest_id FROM serials WHERE serial = ?2))"
    " ORDER BY m.updated DESC, m.reference";
  /* The same on PostgreSQL, whose LIKE tells cases apart and whose text columns compare bytes:
   * ILIKE, and lower () on both sides of the exact matches (indexed so). NULL references first,
   * as SQLite sorts them. */
  static const char pg_sql[] =
    SUMMARY_SELECT
    " WHERE (CAST (?1 AS TEXT) IS NULL OR m.status = ?1)"
    " AND (CAST (?2 AS TEXT) IS NULL"
    "  OR m.reference ILIKE ?3 ESCAPE '\\'"
    "  OR m.id IN (SELECT manifest_id FROM parties"
    "              WHERE name ILIKE ?3 ESCAPE '\\' OR name_latin ILIKE ?3 ESCAPE '\\')"
    "  OR EXISTS (SELECT 1 FROM vins v WHERE v.manifest_id = m.id AND v.vin ILIKE ?3 ESCAPE '\\')"
    "  OR EXISTS (SELECT 1 FROM containers c WHERE c.manifest_id = m.id"
    "             AND c.number ILIKE ?3 ESCAPE '\\')"
    "  OR EXISTS (SELECT 1 FROM items i WHERE i.manifest_id = m.id"
    "             AND i.description ILIKE ?3 ESCAPE '\\')"
    "  OR m.id IN (SELECT manifest_id FROM seals WHERE lower (seal) = lower (?2))"
    "  OR m.id IN (SELECT manifest_id FROM serials WHERE lower (serial) = lower (?2)))"
    " ORDER BY m.updated DESC, m.reference NULLS FIRST";
  g_autofree char *trimmed = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);

  if (search != NULL)
    {
      trimmed = g_strstrip (g_strdup (search));
      if (trimmed[0] == '\0')
        g_clear_pointer (&trimmed, g_free);
      else
        pattern = like_pattern (trimmed);
    }
  return query_summaries (self, _cs_store_sql (self, sql, pg_sql), cs_enum_to_string (CS_TYPE_STATUS, status),
                          trimmed, pattern, error);
}

CsStoreSummary *
cs_store_get_summary (CsStore     *self,
                      const char  *id_or_reference,
                      GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_reference != NULL, NULL);

  if ((id = _cs_store_require_id (self, id_or_reference, error)) == NULL)
    return NULL;
  rows = query_summaries (self, SUMMARY_SELECT " WHERE m.id = ?1", id, NULL, NULL, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                   _("%s: no draft with the reference or id “%s”"), self->path, id_or_reference);
      return NULL;
    }
  return g_object_ref (rows->pdata[0]);
}

GPtrArray *
cs_store_find_vin (CsStore     *self,
                   const char  *vin,
                   GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (vin != NULL, NULL);

  return query_summaries (self,
                          _cs_store_sql (self,
                                         SUMMARY_SELECT " WHERE m.id IN (SELECT manifest_id FROM vins WHERE vin = ?1)"
                                         " ORDER BY m.updated DESC, m.reference",
                                         SUMMARY_SELECT " WHERE m.id IN (SELECT manifest_id FROM vins"
                                         " WHERE lower (vin) = lower (CAST (?1 AS TEXT)))"
                                         " ORDER BY m.updated DESC, m.reference NULLS FIRST"),
                          vin, NULL, NULL, error);
}

GPtrArray *
cs_store_find_container (CsStore     *self,
                         const char  *number,
                         GError     **error)
{
  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  return query_summaries (self,
                          _cs_store_sql (self,
                                         SUMMARY_SELECT " WHERE m.id IN (SELECT manifest_id FROM containers"
                                         " WHERE number = ?1) ORDER BY m.updated DESC, m.reference",
                                         SUMMARY_SELECT " WHERE m.id IN (SELECT manifest_id FROM containers"
                                         " WHERE lower (number) = lower (CAST (?1 AS TEXT)))"
                                         " ORDER BY m.updated DESC, m.reference NULLS FIRST"),
                          number, NULL, NULL, error);
}

/* ---- exports audit, counters, UI state ---------------------------------------------------- */

static gboolean
is_sha256_hex (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isxdigit (*s))
      return FALSE;
  return TRUE;
}

gint64
cs_store_record_export (CsStore     *self,
                        const char  *id_or_reference,
                        const char  *format,
                        const char  *path,
                        const char  *sha256,
                        gint64       revision,
                        GError     **error)
{
  return cs_store_record_export_full (self, id_or_reference, format, path, sha256, revision, -1, FALSE,
                                      error);
}

gint64
cs_store_record_export_full (CsStore     *self,
                             const char  *id_or_reference,
                             const char  *format,
                             const char  *path,
                             const char  *sha256,
                             gint64       revision,
                             int          n_errors,
                             gboolean     errors_confirmed,
                             GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(CsDbStmt) stmt = NULL;
  gint64 export_id = 0;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), 0);
  g_return_val_if_fail (id_or_reference != NULL && format != NULL && path != NULL, 0);

  if (!is_sha256_hex (sha256))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID,
                   _("“%s” is not a SHA-256 digest (64 hexadecimal digits)"), sha256 ? sha256 : "");
      return 0;
    }
  if ((id = _cs_store_require_id (self, id_or_reference, error)) == NULL)
    return 0;
  stmt = _cs_store_prepare (self,
                  "INSERT INTO exports (manifest_id, reference, format, path, sha256, time, revision,"
                  " n_errors, errors_confirmed, exported_by)"
                  " SELECT id, reference, ?2, ?3, lower (CAST (?4 AS TEXT)), ?5, ?6, ?7, ?8, ?9 FROM manifests"
                  " WHERE id = ?1 RETURNING id",
                  error);
  if (stmt == NULL)
    return 0;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  rc = rc ?: cs_db_bind_text (stmt, 2, format, -1);
  rc = rc ?: cs_db_bind_text (stmt, 3, path, -1);
  rc = rc ?: cs_db_bind_text (stmt, 4, sha256, -1);
  rc = rc ?: cs_db_bind_int64 (stmt, 5, g_get_real_time ());
  rc = rc ?: cs_db_bind_int64 (stmt, 6, revision);
  rc = rc ?: (n_errors >= 0 ? cs_db_bind_int (stmt, 7, n_errors) : cs_db_bind_null (stmt, 7));
  rc = rc ?: cs_db_bind_int (stmt, 8, errors_confirmed ? 1 : 0);
  /* PostgreSQL's trigger writes current_user instead, whatever is bound here */
  rc = rc ?: cs_db_bind_text (stmt, 9, self->user, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  /* no row back: the draft went away since its id was looked up */
  if (rc == CS_DB_ROW)
    {
      export_id = cs_db_column_int64 (stmt, 0);
      rc = cs_db_step (stmt);
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not record the export"));
      return 0;
    }
  if (export_id == 0)
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                   _("%s: no draft with the reference or id “%s”"), self->path, id_or_reference);
      return 0;
    }
  return export_id;
}

GPtrArray *
cs_store_list_exports (CsStore     *self,
                       const char  *id_or_reference,
                       GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(CsDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_reference != NULL, NULL);

  if ((id = _cs_store_require_id (self, id_or_reference, error)) == NULL)
    return NULL;
  stmt = _cs_store_prepare (self,
                  "SELECT id, manifest_id, format, path, sha256, time, revision, n_errors,"
                  " errors_confirmed, exported_by FROM exports WHERE manifest_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  while (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      CsStoreExport *e = g_object_new (CS_TYPE_STORE_EXPORT, NULL);

      e->id = cs_db_column_int64 (stmt, 0);
      e->manifest_id = _cs_store_column_text (self, stmt, 1, id);
      e->format = _cs_store_column_text (self, stmt, 2, id);
      e->path = _cs_store_column_text (self, stmt, 3, id);
      e->sha256 = _cs_store_column_text (self, stmt, 4, id);
      e->time = cs_db_column_int64 (stmt, 5) / G_USEC_PER_SEC;
      e->revision = cs_db_column_int64 (stmt, 6);
      e->n_errors = cs_db_column_type (stmt, 7) == CS_DB_TYPE_NULL ? -1 : cs_db_column_int (stmt, 7);
      e->errors_confirmed = cs_db_column_int (stmt, 8) != 0;
      e->exported_by = _cs_store_column_text (self, stmt, 9, id);
      g_ptr_array_add (out, e);
      rc = CS_DB_OK;
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not list the exports"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- the trail of changes (schema 10) ------------------------------------------------------ */

#define CHANGE_COLUMNS "id, manifest_id, reference, kind, revision, old_status, new_status, changed_by," \
                       " changed_at, reconstructed FROM draft_changes"

/* Reads the rows of @stmt (bound, CHANGE_COLUMNS) into a new array; NULL with @error set. */
static GPtrArray *
read_changes (CsStore     *self,
              CsDbStmt    *stmt,
              CsDbRc       rc,
              GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);

  while (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      CsStoreChange *c = g_object_new (CS_TYPE_STORE_CHANGE, NULL);
      /* the id as stored, so that its text is checked like any draft's */
      g_autofree char *id = g_strndup ((const char *) cs_db_column_text (stmt, 1), cs_db_column_bytes (stmt, 1));

      c->id = cs_db_column_int64 (stmt, 0);
      c->manifest_id = _cs_store_column_text (self, stmt, 1, id);
      c->reference = _cs_store_column_text (self, stmt, 2, id);
      c->kind = _cs_store_column_text (self, stmt, 3, id);
      c->revision = cs_db_column_type (stmt, 4) == CS_DB_TYPE_NULL ? 0 : cs_db_column_int64 (stmt, 4);
      c->old_status = _cs_store_column_text (self, stmt, 5, id);
      c->new_status = _cs_store_column_text (self, stmt, 6, id);
      c->changed_by = _cs_store_column_text (self, stmt, 7, id);
      c->changed_at = cs_db_column_int64 (stmt, 8) / G_USEC_PER_SEC;
      c->reconstructed = cs_db_column_int64 (stmt, 9) != 0;
      g_ptr_array_add (out, c);
      rc = CS_DB_OK;
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not list the changes of drafts"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
cs_store_list_changes (CsStore     *self,
                       const char  *id_or_reference,
                       GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(CsDbStmt) stmt = NULL;
  GError *local = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_reference != NULL, NULL);

  if ((id = _cs_store_find_id (self, id_or_reference, &local)) == NULL && local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (id == NULL)
    {
      /* a deleted draft: its id, or the reference it last had (the newest such draft's) */
      CsDbRc rc;

      stmt = _cs_store_prepare (self,
                                "SELECT manifest_id FROM draft_changes WHERE manifest_id = ?1"
                                " UNION ALL SELECT * FROM (SELECT manifest_id FROM draft_changes"
                                " WHERE reference = ?1 ORDER BY id DESC LIMIT 1) AS newest LIMIT 1", error);
      if (stmt == NULL)
        return NULL;
      rc = cs_db_bind_text (stmt, 1, id_or_reference, -1);
      if (rc == CS_DB_OK)
        rc = cs_db_step (stmt);
      if (rc == CS_DB_ROW)
        id = g_strndup ((const char *) cs_db_column_text (stmt, 0), cs_db_column_bytes (stmt, 0));
      else if (rc != CS_DB_DONE)
        {
          _cs_store_sql_error (self, error, rc, _("Could not look up the draft"));
          return NULL;
        }
      g_clear_pointer (&stmt, cs_db_stmt_free);
      if (id == NULL)
        {
          g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                       _("%s: no draft has or had the reference or id “%s”"), self->path, id_or_reference);
          return NULL;
        }
    }
  stmt = _cs_store_prepare (self, "SELECT " CHANGE_COLUMNS " WHERE manifest_id = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  return read_changes (self, stmt, cs_db_bind_text (stmt, 1, id, -1), error);
}

GPtrArray *
cs_store_list_changes_since (CsStore     *self,
                             gint64       since,
                             GError     **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);

  stmt = _cs_store_prepare (self, "SELECT " CHANGE_COLUMNS " WHERE changed_at >= ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  return read_changes (self, stmt,
                       cs_db_bind_int64 (stmt, 1, since > G_MAXINT64 / G_USEC_PER_SEC ? G_MAXINT64
                                                  : since < G_MININT64 / G_USEC_PER_SEC ? G_MININT64
                                                  : since * G_USEC_PER_SEC), error);
}

/* ---- the trail of the directory's changes (schema 11) -------------------------------------- */

GPtrArray *
cs_store_list_directory_changes (CsStore  *self,
                                 gint64    since_usec,
                                 GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsDbStmt) stmt = NULL;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);

  stmt = _cs_store_prepare (self,
                            "SELECT id, what, entry_id, name, action, changed_by, changed_at"
                            " FROM directory_changes WHERE changed_at >= ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  rc = cs_db_bind_int64 (stmt, 1, since_usec);
  while (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      CsStoreDirectoryChange *c = g_object_new (CS_TYPE_STORE_DIRECTORY_CHANGE, NULL);
      /* text that is not UTF-8 is replaced (no draft's: NULL) */
      g_autofree char *what = _cs_store_column_text (self, stmt, 1, NULL);
      g_autofree char *action = _cs_store_column_text (self, stmt, 4, NULL);

      c->id = cs_db_column_int64 (stmt, 0);
      c->what = g_intern_string (what != NULL ? what : "");
      c->entry_id = cs_db_column_int64 (stmt, 2);
      c->name = _cs_store_column_text (self, stmt, 3, NULL);
      c->action = g_intern_string (action != NULL ? action : "");
      c->changed_by = _cs_store_column_text (self, stmt, 5, NULL);
      c->changed_at_usec = cs_db_column_int64 (stmt, 6);
      g_ptr_array_add (out, c);
      rc = CS_DB_OK;
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not list the changes of the directory"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gint64
cs_store_next_interchange_ref (CsStore  *self,
                               GError  **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  gint64 value = 0;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), 0);

  /* One statement, so one atomic step even with other connections. On PostgreSQL a clerk's
   * role may not write meta (schema 10): the same statement runs as the tables' owner. */
  stmt = _cs_store_prepare (self,
                  _cs_store_sql (self,
                                 "INSERT INTO meta (key, value) VALUES ('interchange_ref', 1)"
                                 " ON CONFLICT (key) DO UPDATE SET value = meta.value + 1 RETURNING value",
                                 "SELECT consign_next_interchange_ref ()"), error);
  if (stmt == NULL)
    return 0;
  rc = cs_db_step (stmt);
  if (rc == CS_DB_ROW)
    {
      value = cs_db_column_int64 (stmt, 0);
      rc = cs_db_step (stmt);
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not take an interchange reference"));
      return 0;
    }
  return value;
}

char *
cs_store_get_ui_state (CsStore    *self,
                       const char *key)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((stmt = _cs_store_prepare (self, "SELECT value FROM ui_state WHERE key = ?1", NULL)) == NULL)
    return NULL;
  if (cs_db_bind_text (stmt, 1, key, -1) == CS_DB_OK &&
      cs_db_step (stmt) == CS_DB_ROW)
    value = _cs_store_column_text (self, stmt, 0, NULL);
  return value;
}

gboolean
cs_store_set_ui_state (CsStore     *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = _cs_store_prepare (self,
                  value ? "INSERT INTO ui_state (key, value) VALUES (?1, ?2)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                        : "DELETE FROM ui_state WHERE key = ?1",
                  error);
  if (stmt == NULL)
    return FALSE;
  rc = cs_db_bind_text (stmt, 1, key, -1);
  if (rc == CS_DB_OK && value != NULL)
    rc = cs_db_bind_text (stmt, 2, value, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (self, error, rc, _("Could not save the window state"));
  return TRUE;
}

/* ---- salvage ------------------------------------------------------------------------------ */

/* Adds the ids a query yields to @ids (in order, once); a read error ends the query and is noted
 * in @lost, since drafts after it may be missing from the list. */
static void
collect_ids (CsStore    *self,
             const char *sql,
             GPtrArray  *ids,
             GHashTable *seen,
             GPtrArray  *lost)
{
  g_autoptr(CsDbStmt) stmt = _cs_store_prepare (self, sql, NULL);
  CsDbRc rc;

  if (stmt == NULL)
    {
      g_ptr_array_add (lost, g_strdup_printf (_("(list of drafts): %s"), cs_db_errmsg (self->db)));
      return;
    }
  while ((rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      char *id = _cs_store_column_text (self, stmt, 0, NULL);

      if (id == NULL || g_hash_table_contains (seen, id))
        {
          g_free (id);
          continue;
        }
      g_hash_table_add (seen, id);
      g_ptr_array_add (ids, id);
    }
  if (rc != CS_DB_DONE)
    g_ptr_array_add (lost, g_strdup_printf (_("(list of drafts): could not be read to the end: %s"),
                                            cs_db_errmsg (self->db)));
}

/* Copies the rows of a small table that read; a table that cannot be read is noted in @lost. */
static gboolean
copy_rows (CsStore    *from,
           CsStore    *to,
           const char *select_sql,
           const char *insert_sql,
           const char *what,
           GPtrArray  *lost,
           GError    **error)
{
  g_autoptr(CsDbStmt) in = _cs_store_prepare (from, select_sql, NULL);
  g_autoptr(CsDbStmt) out = _cs_store_prepare (to, insert_sql, error);
  CsDbRc rc;

  if (out == NULL)
    return FALSE;
  if (in == NULL)
    {
      g_ptr_array_add (lost, g_strdup_printf ("(%s): %s", what, cs_db_errmsg (from->db)));
      return TRUE;
    }
  while ((rc = cs_db_step (in)) == CS_DB_ROW)
    {
      CsDbRc orc = CS_DB_OK;

      for (int i = 0; i < cs_db_column_count (in) && orc == CS_DB_OK; i++)
        {
          switch (cs_db_column_type (in, i))
            {
            case CS_DB_TYPE_TEXT:
              orc = cs_db_bind_text_take (out, i + 1, _cs_store_column_text (from, in, i, NULL));
              break;
            case CS_DB_TYPE_INTEGER:
              orc = cs_db_bind_int64 (out, i + 1, cs_db_column_int64 (in, i));
              break;
            case CS_DB_TYPE_FLOAT:
              orc = cs_db_bind_double (out, i + 1, cs_db_column_double (in, i));
              break;
            case CS_DB_TYPE_BLOB:
              orc = cs_db_bind_blob (out, i + 1, cs_db_column_blob (in, i), cs_db_column_bytes (in, i));
              break;
            case CS_DB_TYPE_NULL:
            default:
              orc = cs_db_bind_null (out, i + 1);
              break;
            }
        }
      if (orc == CS_DB_OK)
        orc = cs_db_step (out);
      cs_db_reset (out);
      cs_db_clear_bindings (out);
      if (orc != CS_DB_DONE)
        return _cs_store_sql_error (to, error, orc, _("Could not write the new store"));
    }
  if (rc != CS_DB_DONE)
    g_ptr_array_add (lost, g_strdup_printf (_("(%s): could not be read to the end: %s"), what,
                                            cs_db_errmsg (from->db)));
  return TRUE;
}

/* Copies @table with every column it has in @to (the same schema version as @from). Export rows
 * of drafts that were lost keep their reference, without a draft to point to; the EDIFACT
 * counter in meta never goes back (interchange references stay unique). */
static gboolean
copy_table (CsStore     *from,
            CsStore     *to,
            const char  *table,
            GPtrArray   *lost,
            GError     **error)
{
  g_autofree char *info_sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid",
                                               table);
  g_autoptr(CsDbStmt) info = _cs_store_prepare (to, info_sql, error);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *select_sql = NULL;
  g_autofree char *insert_sql = NULL;
  guint n = 0;
  CsDbRc rc;

  if (info == NULL)
    return FALSE;
  while ((rc = cs_db_step (info)) == CS_DB_ROW)
    {
      const char *name = (const char *) cs_db_column_text (info, 0);

      n++;
      g_string_append_printf (columns, n > 1 ? ", %s" : "%s", name);
      if (g_strcmp0 (table, "exports") == 0 && g_strcmp0 (name, "manifest_id") == 0)
        g_string_append_printf (values, "%s(SELECT id FROM manifests WHERE id = ?%u)", n > 1 ? ", " : "", n);
      else
        g_string_append_printf (values, n > 1 ? ", ?%u" : "?%u", n);
    }
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (to, error, rc, _("Could not write the new store"));
  if (n == 0)
    return TRUE;
  select_sql = g_strdup_printf ("SELECT %s FROM %s", columns->str, table);
  insert_sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)%s", table, columns->str, values->str,
                                g_strcmp0 (table, "meta") == 0
                                  ? " ON CONFLICT (key) DO UPDATE SET value = max (value, excluded.value)" : "");
  return copy_rows (from, to, select_sql, insert_sql, table, lost, error);
}

static void
remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
}

gboolean
cs_store_salvage (CsStore     *self,
                  const char  *new_path,
                  GPtrArray  **saved_out,
                  GPtrArray  **lost_out,
                  GError     **error)
{
  g_autoptr(CsStore) out = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (new_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->version < CS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s: this draft store has an older schema (%d); this version of Consign can "
                     "check it but not copy its drafts"), self->path, (int) self->version);
      return FALSE;
    }
  if (g_file_test (new_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN,
                   _("%s already exists; give the name of a new file for the repaired store"),
                   new_path);
      return FALSE;
    }
  if ((out = cs_store_open (new_path, error)) == NULL)
    return FALSE;
  /* The trails of changes first, ids and all: the saves below add each draft's 'created' row in
   * the new store after it, and the copy of the directory each entry's 'added' row (by whoever
   * repairs the store, which is what happened). */
  if (!copy_table (self, out, "draft_changes", lost, error)
      || !copy_table (self, out, "directory_changes", lost, error))
    {
      g_clear_object (&out);
      remove_store_files (new_path);
      return FALSE;
    }

  /* The drafts: every id the header table yields, then ids only the other tables still know
   * (their header row is gone: they are named as lost). */
  collect_ids (self, "SELECT id FROM manifests", ids, seen, lost);
  {
    guint n_headers = ids->len;
    static const char * const tables[] = { "parties", "legs", "containers", "items", "documents" };

    for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT DISTINCT manifest_id FROM %s", tables[t]);
        collect_ids (self, sql, ids, seen, lost);
      }
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(GError) local = NULL;
        g_autoptr(CsManifest) m = NULL;
        const char *id = ids->pdata[i];

        if (i >= n_headers)
          {
            g_ptr_array_add (lost, g_strdup_printf (_("%s: the draft's header row cannot be read"), id));
            continue;
          }
        if ((m = cs_store_load (self, id, &local)) == NULL)
          {
            g_autofree char *ref = NULL;
            gboolean found = FALSE;

            /* named by its reference when that much can still be read */
            if (!reference_of (self, id, &ref, &found, NULL) || ref == NULL)
              g_ptr_array_add (lost, g_strdup_printf ("%s: %s", id, local->message));
            else
              g_ptr_array_add (lost, g_strdup_printf ("%s (%s): %s", ref, id, local->message));
            continue;
          }
        if (!cs_store_save (out, m, NULL, error))
          break;
        g_ptr_array_add (saved, g_strdup (m->reference ? m->reference : m->id));
      }
  }

  ok = error == NULL || *error == NULL;
  /* The other tables, every column the schema has (a newer step's columns included). */
  {
    static const char * const tables[] = { "templates", "exports", "meta", "ui_state",
                                           "directory_parties", "directory_products" };

    for (guint t = 0; ok && t < G_N_ELEMENTS (tables); t++)
      ok = copy_table (self, out, tables[t], lost, error);
  }
  ok = ok && cs_store_check (out, TRUE, NULL, error);
  g_clear_object (&out);
  if (!ok)
    {
      remove_store_files (new_path);
      return FALSE;
    }
  if (saved_out != NULL)
    *saved_out = g_steal_pointer (&saved);
  if (lost_out != NULL)
    *lost_out = g_steal_pointer (&lost);
  return TRUE;
}
