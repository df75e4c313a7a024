/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-watch.c: tells the main context which drafts other clients changed
 *
 * One worker thread per watch. It shares a small refcounted block (Shared) with the object:
 * what is waiting to be reported, under a mutex, and a pipe whose read end wakes the worker
 * when the watch stops. The worker never touches the GObject: it fills the block and attaches
 * one timeout source to the owner's main context, whose callback (on that context) takes what
 * gathered meanwhile and emits. The object is reached there through a weak reference, so a
 * callback that runs after the watch went away does nothing.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cs-db.h"
#include "cs-db-pg.h"
#include "cs-store-watch.h"

#define BACKOFF_FIRST_MS 250
#define BACKOFF_MAX_MS   30000

typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;

  /* set once, before the thread starts */
  char            *location;       /* as given: may hold a password, never shown */
  gboolean         postgresql;
  GMainContext    *context;
  GWeakRef         owner;
  int              wake[2];        /* written once by stop */

  /* under lock */
  gboolean         stopping;
  guint            coalesce_ms;
  guint            poll_ms;
  GHashTable      *drafts;         /* ids waiting to be reported */
  gboolean         drafts_all;
  GHashTable      *directory;      /* "parties", "products" */
  gboolean         directory_all;
  GHashTable      *own;            /* id → gint64 *: the revision our own last save wrote */
  gboolean         connected;
  char            *last_error;
  gboolean         state_changed;
  GSource         *flush;          /* attached, not yet run */
} Shared;

struct _CsStoreWatch
{
  GObject   parent_instance;

  Shared   *shared;
  GThread  *thread;
  char     *shown_location;        /* without the password */
  /* main-context copies of the state, as last reported */
  gboolean  connected;
  char     *last_error;
};

G_DEFINE_FINAL_TYPE (CsStoreWatch, cs_store_watch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  DRAFTS_CHANGED,
  DIRECTORY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- the shared block ---------------------------------------------------------------------- */

static Shared *
shared_ref (Shared *s)
{
  g_atomic_ref_count_inc (&s->ref);
  return s;
}

static void
shared_unref (gpointer data)
{
  Shared *s = data;

  if (!g_atomic_ref_count_dec (&s->ref))
    return;
  g_clear_pointer (&s->flush, g_source_unref);
  g_free (s->location);
  g_main_context_unref (s->context);
  g_weak_ref_clear (&s->owner);
  if (s->wake[0] >= 0)
    close (s->wake[0]);
  if (s->wake[1] >= 0)
    close (s->wake[1]);
  g_hash_table_unref (s->drafts);
  g_hash_table_unref (s->directory);
  g_hash_table_unref (s->own);
  g_free (s->last_error);
  g_mutex_clear (&s->lock);
  g_free (s);
}

static gboolean flush_cb (gpointer data);

/* Under lock: makes sure a flush will run in the owner's context. */
static void
schedule_flush_locked (Shared *s,
                       guint   delay_ms)
{
  if (s->stopping || s->flush != NULL)
    return;
  s->flush = g_timeout_source_new (delay_ms);
  g_source_set_static_name (s->flush, "[consign] store watch");
  g_source_set_callback (s->flush, flush_cb, shared_ref (s), shared_unref);
  g_source_attach (s->flush, s->context);
}

/* Worker: a notification. @id NULL: every draft. */
static void
post_draft (Shared     *s,
            const char *id)
{
  g_mutex_lock (&s->lock);
  if (id == NULL || *id == '\0')
    s->drafts_all = TRUE;
  else if (!s->drafts_all)
    g_hash_table_add (s->drafts, g_strdup (id));
  schedule_flush_locked (s, s->coalesce_ms);
  g_mutex_unlock (&s->lock);
}

/* Worker: @what NULL: the whole directory. */
static void
post_directory (Shared     *s,
                const char *what)
{
  g_mutex_lock (&s->lock);
  if (what == NULL || (strcmp (what, "parties") != 0 && strcmp (what, "products") != 0))
    s->directory_all = TRUE;
  else if (!s->directory_all)
    g_hash_table_add (s->directory, g_strdup (what));
  schedule_flush_locked (s, s->coalesce_ms);
  g_mutex_unlock (&s->lock);
}

static void
post_reload_all (Shared *s)
{
  post_draft (s, NULL);
  post_directory (s, NULL);
}

/* Worker: connected or not, and why not (@error taken). Reported at once. */
static void
post_state (Shared   *s,
            gboolean  connected,
            char     *error)
{
  g_mutex_lock (&s->lock);
  if (s->connected != connected || g_strcmp0 (s->last_error, error) != 0)
    {
      s->connected = connected;
      g_free (s->last_error);
      s->last_error = g_steal_pointer (&error);
      s->state_changed = TRUE;
      schedule_flush_locked (s, 0);
    }
  g_mutex_unlock (&s->lock);
  g_free (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @set, sorted, as a GStrv; the set is emptied. */
static GStrv
take_sorted (GHashTable *set)
{
  GStrv out = (GStrv) g_hash_table_get_keys_as_array (set, NULL);

  g_hash_table_steal_all (set);     /* the array owns the keys now */
  qsort (out, g_strv_length (out), sizeof (char *), compare_strings);
  return out;
}

/* In the owner's context: reports what gathered. */
static gboolean
flush_cb (gpointer data)
{
  Shared *s = data;
  g_autoptr(CsStoreWatch) self = NULL;
  g_auto(GStrv) drafts = NULL;
  g_auto(GStrv) directory = NULL;
  gboolean drafts_any, drafts_all, directory_any, directory_all, state_changed, connected;
  g_autofree char *last_error = NULL;

  g_mutex_lock (&s->lock);
  g_clear_pointer (&s->flush, g_source_unref);
  drafts_all = s->drafts_all;
  drafts_any = drafts_all || g_hash_table_size (s->drafts) > 0;
  drafts = take_sorted (s->drafts);
  directory_all = s->directory_all;
  directory_any = directory_all || g_hash_table_size (s->directory) > 0;
  directory = take_sorted (s->directory);
  s->drafts_all = s->directory_all = FALSE;
  state_changed = s->state_changed;
  s->state_changed = FALSE;
  connected = s->connected;
  last_error = g_strdup (s->last_error);
  g_mutex_unlock (&s->lock);

  self = g_weak_ref_get (&s->owner);
  if (self == NULL)
    return G_SOURCE_REMOVE;

  if (state_changed)
    {
      g_free (self->last_error);
      self->last_error = g_steal_pointer (&last_error);
      if (self->connected != connected)
        {
          self->connected = connected;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
        }
    }
  if (directory_any)
    {
      if (directory_all)
        g_signal_emit (self, signals[DIRECTORY_CHANGED], 0, NULL);
      else
        for (guint i = 0; directory[i] != NULL; i++)
          g_signal_emit (self, signals[DIRECTORY_CHANGED], 0, directory[i]);
    }
  if (drafts_any)
    g_signal_emit (self, signals[DRAFTS_CHANGED], 0, drafts_all ? NULL : drafts);
  return G_SOURCE_REMOVE;
}

/* ---- waiting on the worker -------------------------------------------------------------------- */

/* Waits until @fd (-1: none) is ready for @events, the watch stops, or @timeout_ms pass (-1:
 * no limit). Returns 1 when @fd is ready, 0 on time-out, -1 when the watch stops. */
static int
wait_for (Shared *s,
          int     fd,
          short   events,
          int     timeout_ms)
{
  struct pollfd fds[2] = {
    { .fd = s->wake[0], .events = POLLIN },
    { .fd = fd, .events = events },
  };
  gint64 end = timeout_ms >= 0 ? g_get_monotonic_time () + (gint64) timeout_ms * 1000 : -1;

  for (;;)
    {
      int left = end < 0 ? -1 : (int) MAX ((end - g_get_monotonic_time () + 999) / 1000, 0);
      int n = poll (fds, fd >= 0 ? 2 : 1, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (fds[0].revents != 0)
        return -1;
      if (n < 0)
        return -1;      /* poll itself failed: nothing sensible left to wait on */
      if (n == 0)
        return 0;
      if (fds[1].revents != 0)
        return 1;
    }
}

static gboolean
is_stopping (Shared *s)
{
  gboolean stopping;

  g_mutex_lock (&s->lock);
  stopping = s->stopping;
  g_mutex_unlock (&s->lock);
  return stopping;
}

/* ---- PostgreSQL ------------------------------------------------------------------------------ */

static char *
pg_message (Shared     *s,
            PGconn     *conn,
            const char *fallback)
{
  g_autofree char *shown = cs_db_pg_redact_location (s->location);
  const char *msg = conn != NULL ? PQerrorMessage (conn) : NULL;
  g_autofree char *redacted = cs_db_pg_redact_message (s->location, msg && *msg ? msg : fallback);

  return g_strchomp (g_strdup_printf ("%s: %s", shown, redacted));
}

/* libpq prints notices on stderr by default ("terminating connection due to administrator
 * command" when the server ends the session); the watch says what matters through
 * "connected" and cs_store_watch_get_last_error(). */
static void
pg_notice_cb (void       *data,
              const char *message)
{
  g_debug ("store watch: %s", message);
}

/* Connects without blocking past a stop. NULL with *@error set on failure (or a stop). */
static PGconn *
pg_connect (Shared  *s,
            char   **error)
{
  /* The URI first, then what the watch adds: later keywords win (PQconnectStartParams). TCP
   * keepalives let a connection whose server vanished without a word be noticed. */
  const char * const keywords[] = {
    "dbname", "fallback_application_name", "keepalives", "keepalives_idle",
    "keepalives_interval", "keepalives_count", NULL,
  };
  const char * const values[] = { s->location, "consign-watch", "1", "15", "5", "3", NULL };
  PGconn *conn = PQconnectStartParams (keywords, values, 1);
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;

  if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
    {
      *error = pg_message (s, conn, "out of memory");
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, pg_notice_cb, NULL);
  while (status != PGRES_POLLING_OK)
    {
      int r;

      if (status == PGRES_POLLING_FAILED)
        {
          *error = pg_message (s, conn, "cannot connect");
          PQfinish (conn);
          return NULL;
        }
      r = wait_for (s, PQsocket (conn), status == PGRES_POLLING_READING ? POLLIN : POLLOUT, -1);
      if (r < 0)
        {
          PQfinish (conn);
          return NULL;
        }
      status = PQconnectPoll (conn);
    }
  return conn;
}

/* Runs constant @sql without blocking past a stop. */
static gboolean
pg_run_query (Shared      *s,
              PGconn      *conn,
              const char  *sql,
              char       **error)
{
  PGresult *res;
  gboolean ok = TRUE;

  if (!PQsendQuery (conn, sql))
    {
      *error = pg_message (s, conn, "cannot send");
      return FALSE;
    }
  while (PQisBusy (conn))
    {
      if (wait_for (s, PQsocket (conn), POLLIN, -1) < 0)
        return FALSE;
      if (!PQconsumeInput (conn))
        {
          *error = pg_message (s, conn, "connection lost");
          return FALSE;
        }
    }
  while ((res = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          *error = pg_message (s, conn, "LISTEN failed");
          ok = FALSE;
        }
      PQclear (res);
    }
  return ok;
}

static void
pg_take_notifies (Shared *s,
                  PGconn *conn)
{
  PGnotify *n;

  while ((n = PQnotifies (conn)) != NULL)
    {
      if (strcmp (n->relname, "consign_drafts") == 0)
        post_draft (s, n->extra);
      else if (strcmp (n->relname, "consign_directory") == 0)
        post_directory (s, n->extra);
      PQfreemem (n);
    }
}

/* Listens until the connection breaks (*@error set) or the watch stops. */
static void
pg_listen (Shared  *s,
           PGconn  *conn,
           char   **error)
{
  for (;;)
    {
      int r = wait_for (s, PQsocket (conn), POLLIN, -1);

      if (r < 0)
        return;
      if (!PQconsumeInput (conn) || PQstatus (conn) == CONNECTION_BAD)
        {
          *error = pg_message (s, conn, "connection lost");
          return;
        }
      pg_take_notifies (s, conn);
    }
}

static void
pg_run (Shared *s)
{
  guint backoff = BACKOFF_FIRST_MS;
  gboolean ever = FALSE;

  while (!is_stopping (s))
    {
      char *error = NULL;
      PGconn *conn = pg_connect (s, &error);

      if (conn != NULL && pg_run_query (s, conn, "LISTEN consign_drafts; LISTEN consign_directory", &error))
        {
          post_state (s, TRUE, NULL);
          /* what changed while no one listened is unknown */
          if (ever)
            post_reload_all (s);
          ever = TRUE;
          backoff = BACKOFF_FIRST_MS;
          pg_take_notifies (s, conn);
          pg_listen (s, conn, &error);
        }
      PQfinish (conn);
      if (is_stopping (s))
        {
          g_free (error);
          break;
        }
      g_debug ("store watch: %s", error ? error : "disconnected");
      post_state (s, FALSE, error);
      if (wait_for (s, -1, 0, (int) backoff) < 0)
        break;
      backoff = MIN (backoff * 2, BACKOFF_MAX_MS);
    }
}

/* ---- SQLite ---------------------------------------------------------------------------------- */

/* The file's data_version, or -1 with *@error set. */
static gint64
sqlite_data_version (Shared   *s,
                     sqlite3  *db,
                     char    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  if (v < 0)
    *error = g_strdup_printf ("%s: %s", s->location, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return v;
}

/* What each draft is at (id → "revision errors warnings status") and a fingerprint of the directory
 * (a hash of its entries), read in one snapshot; FALSE when they cannot be read
 * (a store of an older schema: everything is reported instead). */
static gboolean
sqlite_snapshot (sqlite3     *db,
                 GHashTable  *drafts,
                 char       **directory)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT id, revision, n_errors, n_warnings, status FROM manifests", -1, &stmt,
                          NULL) != SQLITE_OK)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (drafts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                          (gint64) sqlite3_column_int64 (stmt, 1),
                                          (gint64) sqlite3_column_int64 (stmt, 2),
                                          (gint64) sqlite3_column_int64 (stmt, 3),
                                          (const char *) sqlite3_column_text (stmt, 4)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE)
    goto out;
  /* every entry of the directory, hashed (a few thousand small rows) */
  checksum = g_checksum_new (G_CHECKSUM_SHA1);
  for (guint t = 0; t < 2; t++)
    {
      if (sqlite3_prepare_v2 (db, t == 0 ? "SELECT * FROM directory_parties"
                                         : "SELECT * FROM directory_products",
                              -1, &stmt, NULL) != SQLITE_OK)
        goto out;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, text != NULL ? text : (const guchar *) "", -1);
            g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          }
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (rc != SQLITE_DONE)
        goto out;
      g_checksum_update (checksum, (const guchar *) "\x1e", 1);
    }
  *directory = g_strdup (g_checksum_get_string (checksum));
  ok = TRUE;
out:
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* Worker: draft @id went from @before to @signature (NULL: new, deleted). Reported unless it is
 * our own save: the draft moved to the revision our last save of it wrote
 * (cs_store_watch_note_own_save ()). A change at the same revision (someone set its status or
 * counts) is never ours to hide, and a note that a later revision passed is dropped, so a
 * colleague's change is never mistaken for ours. */
static void
sqlite_changed (Shared     *s,
                const char *id,
                const char *before,
                const char *signature)
{
  gboolean ours = FALSE;
  gint64 *own;

  g_mutex_lock (&s->lock);
  own = g_hash_table_lookup (s->own, id);
  if (own != NULL && signature != NULL && g_ascii_strtoll (signature, NULL, 10) == *own &&
      (before == NULL || g_ascii_strtoll (before, NULL, 10) != *own))
    ours = TRUE;
  else if (own != NULL && (signature == NULL || g_ascii_strtoll (signature, NULL, 10) != *own))
    g_hash_table_remove (s->own, id);
  g_mutex_unlock (&s->lock);
  if (!ours)
    post_draft (s, id);
}

/* Worker: reports what differs between two snapshots. */
static void
sqlite_report (Shared     *s,
               GHashTable *before,
               const char *before_directory,
               GHashTable *now,
               const char *now_directory)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (g_hash_table_lookup (before, key), value) != 0)
      sqlite_changed (s, key, g_hash_table_lookup (before, key), value);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (now, key))
      sqlite_changed (s, key, value, NULL);
  if (g_strcmp0 (before_directory, now_directory) != 0)
    post_directory (s, NULL);
}

static sqlite3 *
sqlite_open (Shared  *s,
             char   **error)
{
  sqlite3 *db = NULL;
  /* never created here: a store that is not there yet is waited for */
  int rc = sqlite3_open_v2 (s->location, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_close (db);
      db = NULL;
      rc = sqlite3_open_v2 (s->location, &db, SQLITE_OPEN_READONLY, NULL);
    }
  if (rc != SQLITE_OK)
    {
      *error = g_strdup_printf ("%s: %s", s->location, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 1000);
  return db;
}

static GHashTable *
new_snapshot_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
sqlite_run (Shared *s)
{
  sqlite3 *db = NULL;
  gint64 version = -1;
  guint backoff = BACKOFF_FIRST_MS;
  gboolean ever = FALSE;
  /* the last snapshot (NULL when it could not be read): which drafts changed is told from it */
  GHashTable *seen = NULL;
  char *seen_directory = NULL;

  while (!is_stopping (s))
    {
      char *error = NULL;
      guint poll_ms;
      gint64 v;

      if (db == NULL && (db = sqlite_open (s, &error)) != NULL)
        {
          if ((version = sqlite_data_version (s, db, &error)) < 0)
            g_clear_pointer (&db, sqlite3_close);
          else
            {
              g_clear_pointer (&seen, g_hash_table_unref);
              g_clear_pointer (&seen_directory, g_free);
              seen = new_snapshot_table ();
              if (!sqlite_snapshot (db, seen, &seen_directory))
                g_clear_pointer (&seen, g_hash_table_unref);
              post_state (s, TRUE, NULL);
              if (ever)
                post_reload_all (s);
              ever = TRUE;
              backoff = BACKOFF_FIRST_MS;
            }
        }
      if (db == NULL)
        {
          g_debug ("store watch: %s", error);
          post_state (s, FALSE, error);
          if (wait_for (s, -1, 0, (int) backoff) < 0)
            break;
          backoff = MIN (backoff * 2, BACKOFF_MAX_MS);
          continue;
        }

      g_mutex_lock (&s->lock);
      poll_ms = s->poll_ms;
      g_mutex_unlock (&s->lock);
      if (wait_for (s, -1, 0, (int) poll_ms) < 0)
        break;
      v = sqlite_data_version (s, db, &error);
      if (v < 0)
        {
          g_clear_pointer (&db, sqlite3_close);
          g_debug ("store watch: %s", error);
          post_state (s, FALSE, error);
          continue;
        }
      if (v != version)
        {
          GHashTable *now = new_snapshot_table ();
          char *now_directory = NULL;

          version = v;
          /* which drafts changed, and whether the directory did; everything when unknown */
          if (sqlite_snapshot (db, now, &now_directory) && seen != NULL)
            sqlite_report (s, seen, seen_directory, now, now_directory);
          else
            post_reload_all (s);
          g_clear_pointer (&seen, g_hash_table_unref);
          g_free (seen_directory);
          seen = now;
          seen_directory = now_directory;
          if (seen_directory == NULL)
            g_clear_pointer (&seen, g_hash_table_unref);
        }
    }
  g_clear_pointer (&seen, g_hash_table_unref);
  g_free (seen_directory);
  sqlite3_close (db);
}

static gpointer
watch_thread (gpointer data)
{
  Shared *s = data;

  if (s->postgresql)
    pg_run (s);
  else
    sqlite_run (s);
  shared_unref (s);
  return NULL;
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
cs_store_watch_dispose (GObject *object)
{
  cs_store_watch_stop (CS_STORE_WATCH (object));

  G_OBJECT_CLASS (cs_store_watch_parent_class)->dispose (object);
}

static void
cs_store_watch_finalize (GObject *object)
{
  CsStoreWatch *self = CS_STORE_WATCH (object);

  g_clear_pointer (&self->shared, shared_unref);
  g_free (self->shown_location);
  g_free (self->last_error);

  G_OBJECT_CLASS (cs_store_watch_parent_class)->finalize (object);
}

static void
cs_store_watch_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsStoreWatch *self = CS_STORE_WATCH (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_string (value, self->shown_location);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_store_watch_class_init (CsStoreWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_store_watch_dispose;
  object_class->finalize = cs_store_watch_finalize;
  object_class->get_property = cs_store_watch_get_property;

  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsStoreWatch::drafts-changed:
   * @ids: (nullable): the ids of the drafts that changed, sorted; NULL: reload them all
   */
  signals[DRAFTS_CHANGED] =
    g_signal_new ("drafts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  /**
   * CsStoreWatch::directory-changed:
   * @what: (nullable): "parties" or "products"; NULL: either may have changed
   */
  signals[DIRECTORY_CHANGED] =
    g_signal_new ("directory-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cs_store_watch_init (CsStoreWatch *self)
{
}

/* ---- public API ------------------------------------------------------------------------------ */

CsStoreWatch *
cs_store_watch_new (const char *location)
{
  CsStoreWatch *self;
  Shared *s;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (CS_TYPE_STORE_WATCH, NULL);
  s = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&s->ref);
  g_mutex_init (&s->lock);
  s->location = g_strdup (location);
  s->postgresql = cs_db_location_is_postgresql (location);
  s->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&s->owner, self);
  s->coalesce_ms = 50;
  s->poll_ms = 1000;
  s->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->directory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->wake[0] = s->wake[1] = -1;
  self->shared = s;
  self->shown_location = s->postgresql ? cs_db_pg_redact_location (location) : g_strdup (location);

  if (!g_unix_open_pipe (s->wake, FD_CLOEXEC, &error))
    {
      /* no pipe, no thread: the watch reports nothing, and says why */
      self->last_error = g_strdup_printf ("%s: %s", self->shown_location, error->message);
      g_warning ("Cannot watch the draft store %s", self->last_error);
      return self;
    }
  self->thread = g_thread_try_new ("cs-store-watch", watch_thread, shared_ref (s), &error);
  if (self->thread == NULL)
    {
      shared_unref (s);
      self->last_error = g_strdup_printf ("%s: %s", self->shown_location, error->message);
      g_warning ("Cannot watch the draft store %s", self->last_error);
    }
  return self;
}

const char *
cs_store_watch_get_location (CsStoreWatch *self)
{
  g_return_val_if_fail (CS_IS_STORE_WATCH (self), NULL);
  return self->shown_location;
}

gboolean
cs_store_watch_get_connected (CsStoreWatch *self)
{
  g_return_val_if_fail (CS_IS_STORE_WATCH (self), FALSE);
  return self->connected;
}

const char *
cs_store_watch_get_last_error (CsStoreWatch *self)
{
  g_return_val_if_fail (CS_IS_STORE_WATCH (self), NULL);
  return self->last_error;
}

void
cs_store_watch_set_coalesce_ms (CsStoreWatch *self,
                                guint         ms)
{
  g_return_if_fail (CS_IS_STORE_WATCH (self));
  g_mutex_lock (&self->shared->lock);
  self->shared->coalesce_ms = ms;
  g_mutex_unlock (&self->shared->lock);
}

void
cs_store_watch_set_poll_ms (CsStoreWatch *self,
                            guint         ms)
{
  g_return_if_fail (CS_IS_STORE_WATCH (self));
  g_mutex_lock (&self->shared->lock);
  self->shared->poll_ms = MAX (ms, 1);
  g_mutex_unlock (&self->shared->lock);
}

void
cs_store_watch_note_own_save (CsStoreWatch *self,
                              const char   *id,
                              gint64        revision)
{
  Shared *s;

  g_return_if_fail (CS_IS_STORE_WATCH (self));
  g_return_if_fail (id != NULL);

  s = self->shared;
  g_mutex_lock (&s->lock);
  g_hash_table_insert (s->own, g_strdup (id), g_memdup2 (&revision, sizeof revision));
  g_mutex_unlock (&s->lock);
}

void
cs_store_watch_stop (CsStoreWatch *self)
{
  Shared *s;

  g_return_if_fail (CS_IS_STORE_WATCH (self));

  s = self->shared;
  if (s == NULL)
    return;
  g_mutex_lock (&s->lock);
  if (!s->stopping)
    {
      s->stopping = TRUE;
      if (s->flush != NULL)
        {
          g_source_destroy (s->flush);
          g_clear_pointer (&s->flush, g_source_unref);
        }
    }
  g_mutex_unlock (&s->lock);
  if (self->thread != NULL)
    {
      char byte = 1;

      while (write (s->wake[1], &byte, 1) < 0 && errno == EINTR)
        ;
      /* not joined: the thread may be inside libpq's blocking host name lookup or SQLite's busy
       * wait, and a window closing must not wait for that on the main thread. It holds its own
       * reference to the shared block and ends by itself; nothing reaches this object again. */
      g_thread_unref (g_steal_pointer (&self->thread));
    }
}
