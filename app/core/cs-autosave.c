/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-autosave.c: edits reach the draft store within a second, off the main thread */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cs-autosave.h"
#include "cs-json.h"

#define RETRY_MAX_MS 30000

struct _CsAutosave
{
  GObject          parent_instance;

  CsStoreThread   *thread;
  CsManifest      *manifest;
  guint            epoch;          /* bumped whenever the manifest is replaced */

  guint            quiet_ms;
  guint            max_latency_ms;
  guint            quiet_id;
  guint            deadline_id;

  guint64          generation;     /* bumped by every change */
  guint64          saved_generation;
  guint64          flight_generation;
  gboolean         in_flight;
  gboolean         again;

  guint            n_errors;
  guint            n_warnings;
  gboolean         counts_known;
  gboolean         counts_dirty;

  CsAutosaveState  state;
  char            *error;
  gint64           revision;       /* the stored revision the manifest was opened or last saved at */
  gboolean         in_store;       /* the draft exists in the store */
  CsManifest      *base;           /* the draft as stored at @revision (NULL when unknown) */

  /* CS_AUTOSAVE_CONFLICT */
  CsManifest      *theirs;
  gint64           their_revision;
  CsStoreSummary  *their_summary;

  /* CS_AUTOSAVE_OFFLINE */
  char            *pending_dir;
  gboolean         test_unreachable;
  guint            retry_ms;
  guint            retry_next_ms;
  guint            retry_id;
  guint            keeping;        /* pending files being written or removed */
  guint64          kept_generation; /* in conflict: the edit last written to the pending file */
};

G_DEFINE_FINAL_TYPE (CsAutosave, cs_autosave, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CsAutosaveState, cs_autosave_state,
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_SAVED, "saved"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_UNSAVED, "unsaved"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_SAVING, "saving"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_OFFLINE, "offline"))

enum {
  PROP_0,
  PROP_THREAD,
  PROP_MANIFEST,
  PROP_STATE,
  PROP_ERROR,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  SAVE_DONE,
  SAVE_CONFLICT,
} SaveOutcome;

typedef struct
{
  CsManifest *snapshot;     /* NULL: counts only */
  char       *id;
  gboolean    with_counts;
  guint       n_errors;
  guint       n_warnings;
  gboolean    in_store;
  gint64      expected;     /* 0: no revision check */
  CsManifest *base;         /* read only, for the pending file (may be NULL) */
  char       *pending_path;
  char       *store_label;
  gboolean    unreachable;  /* test hook */
} SaveArgs;

typedef struct
{
  SaveOutcome     outcome;
  gint64          revision;
  CsManifest     *saved;    /* the snapshot written: the new base */
  char           *message;  /* CONFLICT, UNREACHABLE */
  CsManifest     *theirs;   /* CONFLICT */
  CsStoreSummary *summary;  /* CONFLICT (may be NULL) */
  gint64          their_revision; /* CONFLICT: the revision @theirs was read at */
  gboolean        kept;     /* the pending file was written */
} SaveResult;

/* What a pending file is written from. */
typedef struct
{
  CsManifest *ours;
  CsManifest *base;
  char       *path;
  char       *store;
  gint64      expected;
} KeepArgs;

typedef struct
{
  CsAutosave *self;         /* reference */
  guint       epoch;
  gboolean    with_counts;
  KeepArgs   *keep;         /* the snapshot sent, to keep on disk should the store be away */
} SaveCall;

static void
save_args_free (gpointer data)
{
  SaveArgs *a = data;

  g_clear_object (&a->snapshot);
  g_clear_object (&a->base);
  g_free (a->id);
  g_free (a->pending_path);
  g_free (a->store_label);
  g_free (a);
}

static void
save_result_free (gpointer data)
{
  SaveResult *r = data;

  g_clear_object (&r->saved);
  g_clear_object (&r->theirs);
  g_clear_object (&r->summary);
  g_free (r->message);
  g_free (r);
}

static void
set_state (CsAutosave      *self,
           CsAutosaveState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (CsAutosave *self,
           const char *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
clear_timers (CsAutosave *self)
{
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  g_clear_handle_id (&self->deadline_id, g_source_remove);
}

static void
clear_conflict (CsAutosave *self)
{
  g_clear_object (&self->theirs);
  g_clear_object (&self->their_summary);
  self->their_revision = 0;
}

/* ---- pending files (any thread) ---------------------------------------------------------- */

char *
cs_autosave_default_pending_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "consign", "pending", NULL);
}

char *
cs_autosave_pending_path (const char *dir,
                          const char *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (dir != NULL && id != NULL, NULL);
  /* Ids are UUIDs; anything else is made harmless as a file name. */
  name = g_strconcat (id, ".json", NULL);
  g_strdelimit (name, "/\\", '_');
  return g_build_filename (dir, name, NULL);
}

/* The store a pending file belongs to, as written in it: a PostgreSQL URI loses its password
 * (a file on disk is no place for one). */
static char *
store_key (const char *store)
{
  g_autoptr(GUri) uri = NULL;

  if (store == NULL)
    return g_strdup ("");
  if (!g_str_has_prefix (store, "postgresql://") && !g_str_has_prefix (store, "postgres://"))
    return g_strdup (store);
  uri = g_uri_parse (store, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup (store);
  if (g_uri_get_query (uri) != NULL && strstr (g_uri_get_query (uri), "password=") != NULL)
    return g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD | G_URI_HIDE_QUERY);
  return g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
}

gboolean
cs_autosave_write_pending (const char  *path,
                           const char  *store,
                           CsManifest  *ours,
                           CsManifest  *base,
                           gint64       expected_revision,
                           GError     **error)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"consign-pending\": 1,\n  \"store\": ");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *key = store_key (store);

  g_return_val_if_fail (CS_IS_MANIFEST (ours), FALSE);

  cs_json_append_string (out, key);
  g_string_append_printf (out, ",\n  \"expected-revision\": %" G_GINT64_FORMAT ",\n"
                          "  \"kept\": %" G_GINT64_FORMAT ",\n  \"yours\": ",
                          expected_revision, g_get_real_time () / G_USEC_PER_SEC);
  cs_json_append_record (out, CS_RECORD (ours), 1);
  if (base != NULL)
    {
      g_string_append (out, ",\n  \"base\": ");
      cs_json_append_record (out, CS_RECORD (base), 1);
    }
  g_string_append (out, "\n}\n");

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* g_file_set_contents writes a temporary file and renames it over: never half a file. */
  return g_file_set_contents_full (path, out->str, out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static CsManifest *
manifest_from_member (JsonObject  *root,
                      const char  *member,
                      const char  *path,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (root, member);
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  text = json_to_string (node, FALSE);
  return cs_json_load_data (text, -1, path, error);
}

CsManifest *
cs_autosave_read_pending (const char  *path,
                          const char  *store,
                          CsManifest **base_out,
                          gint64      *expected_revision_out,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(CsManifest) ours = NULL;
  g_autoptr(CsManifest) base = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autofree char *key = store_key (store);
  JsonObject *root;

  if (base_out != NULL)
    *base_out = NULL;
  if (expected_revision_out != NULL)
    *expected_revision_out = 0;
  if (!cs_read_regular_file (path, &data, &length, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, _("%s: not a pending save: %s"),
                   path, local != NULL ? local->message : _("not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "store", ""), key) != 0)
    return NULL;
  ours = manifest_from_member (root, "yours", path, error);
  if (ours == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CS_JSON_ERROR, CS_JSON_ERROR_SYNTAX, _("%s: not a pending save"), path);
      return NULL;
    }
  if (json_object_has_member (root, "base"))
    {
      base = manifest_from_member (root, "base", path, error);
      if (base == NULL)
        return NULL;
    }
  if (expected_revision_out != NULL)
    *expected_revision_out = json_object_get_int_member_with_default (root, "expected-revision", 0);
  if (base_out != NULL)
    *base_out = g_steal_pointer (&base);
  return g_steal_pointer (&ours);
}

/* Yours, kept on disk: while a conflict waits (the draft is left, or the window closes), and
 * while the store is away. Written by a GIO worker thread, not the store thread, whose store may
 * be the thing that is away. */
static void
keep_args_free (gpointer data)
{
  KeepArgs *k = data;

  g_clear_object (&k->ours);
  g_clear_object (&k->base);
  g_free (k->path);
  g_free (k->store);
  g_free (k);
}

static void
keep_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KeepArgs *k = task_data;
  GError *error = NULL;

  if (k->ours != NULL)
    {
      if (!cs_autosave_write_pending (k->path, k->store, k->ours, k->base, k->expected, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else if (g_unlink (k->path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                               "%s: %s", k->path, g_strerror (saved_errno));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
keep_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CsAutosave *self = CS_AUTOSAVE (source);
  g_autoptr(GError) error = NULL;

  self->keeping--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep the unsaved changes on this computer: %s", error->message);
}

/* Writes @k (ours NULL: removes the file) off the main thread; @wait blocks until it is done. */
static void
run_keep (CsAutosave *self,
          KeepArgs   *k,
          gboolean    wait)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, wait ? NULL : keep_done_cb, NULL);
  g_autoptr(GError) error = NULL;

  g_task_set_task_data (task, k, keep_args_free);
  if (!wait)
    {
      self->keeping++;
      g_task_run_in_thread (task, keep_thread);
      return;
    }
  g_task_run_in_thread_sync (task, keep_thread);
  if (!g_task_propagate_boolean (task, &error))
    g_warning ("Could not keep the unsaved changes on this computer: %s", error->message);
}

static KeepArgs *
keep_args_new (CsAutosave *self,
               CsManifest *ours)
{
  KeepArgs *k = g_new0 (KeepArgs, 1);

  k->ours = ours;
  k->base = self->base != NULL ? g_object_ref (self->base) : NULL;
  k->path = cs_autosave_pending_path (self->pending_dir, self->manifest->id);
  k->store = g_strdup (cs_store_thread_get_path (self->thread));
  k->expected = self->revision;
  return k;
}

static void
keep_yours (CsAutosave *self,
            gboolean    wait)
{
  run_keep (self, keep_args_new (self, CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)))),
            wait);
}

/* ---- the save job (store thread) --------------------------------------------------------- */

static void
keep_pending (SaveArgs   *a,
              SaveResult *r)
{
  g_autoptr(GError) error = NULL;

  r->kept = cs_autosave_write_pending (a->pending_path, a->store_label, a->snapshot, a->base,
                                       a->expected, &error);
  if (!r->kept)
    g_warning ("Could not keep the unsaved changes of draft %s: %s", a->id, error->message);
}

static gpointer
save_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  SaveArgs *a = data;
  SaveResult *r = g_new0 (SaveResult, 1);
  g_autoptr(GError) local = NULL;

  if (a->snapshot != NULL)
    {
      gboolean ok;
      gint64 expected = a->expected;

      for (guint attempt = 0;; attempt++)
        {
          g_autoptr(CsManifest) theirs = NULL;
          g_autoptr(GError) theirs_error = NULL;
          gint64 their_revision = 0;

          if (a->unreachable)
            ok = (g_set_error (&local, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE,
                               "%s: the server cannot be reached (test)", a->store_label), FALSE);
          else if (a->in_store && expected > 0)
            ok = cs_store_save_if_revision (store, a->snapshot, expected, &r->revision, &local);
          else
            ok = cs_store_save (store, a->snapshot, &r->revision, &local);
          if (ok || !g_error_matches (local, CS_STORE_ERROR, CS_STORE_ERROR_CONFLICT))
            break;

          /* Theirs and its revision from one snapshot: saving over that revision can only
           * succeed when nobody saved again since. */
          theirs = cs_store_load_with_revision (store, a->id, &their_revision, &theirs_error);
          if (theirs != NULL && attempt < 3 &&
              cs_record_equal (CS_RECORD (theirs), CS_RECORD (a->snapshot)))
            {
              /* the store holds ours already (our own save whose answer was lost) */
              r->revision = their_revision;
              ok = TRUE;
              break;
            }
          if (theirs != NULL && attempt < 3 && a->base != NULL &&
              cs_record_equal (CS_RECORD (theirs), CS_RECORD (a->base)))
            {
              /* their save changed nothing of what we opened: ours goes over it */
              expected = their_revision;
              g_clear_error (&local);
              continue;
            }

          r->outcome = SAVE_CONFLICT;
          r->message = g_strdup (local->message);
          /* Yours is kept on disk at once: whatever happens next, nothing is lost. */
          keep_pending (a, r);
          /* Deleted by someone else: a conflict with nothing on their side. */
          if (theirs == NULL &&
              g_error_matches (theirs_error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND))
            return r;
          if (theirs == NULL)
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&theirs_error),
                                          "%s: ", local->message);
              save_result_free (r);
              return NULL;
            }
          r->theirs = g_steal_pointer (&theirs);
          r->their_revision = their_revision;
          r->summary = cs_store_get_summary (store, a->id, NULL);
          return r;
        }
      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          save_result_free (r);
          return NULL;
        }
      /* The snapshot is what the store now holds: the base of the next save. */
      r->saved = g_steal_pointer (&a->snapshot);
      if (g_unlink (a->pending_path) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", a->pending_path, g_strerror (errno));
    }
  if (a->with_counts &&
      !cs_store_set_counts (store, a->id, a->n_errors, a->n_warnings, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      save_result_free (r);
      return NULL;
    }
  return r;
}

static gboolean retry_cb (gpointer user_data);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveCall *call = user_data;
  g_autoptr(CsAutosave) self = call->self;
  g_autoptr(GError) error = NULL;
  SaveResult *r;

  r = cs_store_thread_run_finish (self->thread, result, &error);
  self->in_flight = FALSE;

  /* The store is away (at open, or the connection was lost): what was sent is kept on this
   * computer, whichever draft it was. */
  if (r == NULL && g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE) &&
      call->keep != NULL)
    run_keep (self, g_steal_pointer (&call->keep), FALSE);

  if (call->epoch == self->epoch)
    {
      if (r == NULL && g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE))
        {
          set_error (self, error->message);
          set_state (self, CS_AUTOSAVE_OFFLINE);
          g_clear_handle_id (&self->retry_id, g_source_remove);
          self->retry_id = g_timeout_add (self->retry_next_ms, retry_cb, self);
          self->retry_next_ms = MIN (self->retry_next_ms * 2, RETRY_MAX_MS);
        }
      else if (r == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not save the draft: %s"),
                                                      error->message);
          g_debug ("%s", message);
          set_error (self, message);
          set_state (self, CS_AUTOSAVE_ERROR);
        }
      else if (r->outcome == SAVE_CONFLICT)
        {
          clear_timers (self);
          self->again = FALSE;
          g_set_object (&self->theirs, r->theirs);
          g_set_object (&self->their_summary, r->summary);
          self->their_revision = r->their_revision;
          set_error (self, r->message);
          set_state (self, CS_AUTOSAVE_CONFLICT);
        }
      else
        {
          self->retry_next_ms = self->retry_ms;
          g_clear_handle_id (&self->retry_id, g_source_remove);
          if (r->saved != NULL)
            {
              self->in_store = TRUE;
              self->saved_generation = self->flight_generation;
              g_set_object (&self->base, r->saved);
              self->revision = r->revision;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
            }
          if (call->with_counts)
            self->counts_dirty = FALSE;
          set_error (self, NULL);
          set_state (self, self->generation == self->saved_generation ? CS_AUTOSAVE_SAVED
                                                                      : CS_AUTOSAVE_UNSAVED);
        }
    }
  g_clear_pointer (&r, save_result_free);
  g_clear_pointer (&call->keep, keep_args_free);
  g_free (call);

  if (self->again)
    {
      self->again = FALSE;
      cs_autosave_save_now (self);
    }
}

/* Lets the pending files being written or removed off the main thread land. */
static void
wait_kept (CsAutosave *self)
{
  while (self->keeping > 0)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean timer_cb (gpointer user_data);
static gboolean keep_timer_cb (gpointer user_data);

static void
start_save (CsAutosave *self)
{
  SaveArgs *a;
  SaveCall *call;
  gboolean content = self->generation != self->saved_generation;

  /* A pending file still being written must land before a save that may remove it: try again
   * in a moment (cs_autosave_flush () waits for it before saving). */
  if (self->keeping > 0)
    {
      g_clear_handle_id (&self->quiet_id, g_source_remove);
      self->quiet_id = g_timeout_add (20, timer_cb, self);
      return;
    }
  a = g_new0 (SaveArgs, 1);
  call = g_new0 (SaveCall, 1);

  if (content)
    a->snapshot = CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)));
  a->id = g_strdup (self->manifest->id);
  a->with_counts = self->counts_known && (self->counts_dirty || content);
  a->n_errors = self->n_errors;
  a->n_warnings = self->n_warnings;
  a->in_store = self->in_store;
  a->expected = self->revision;
  a->base = self->base != NULL ? g_object_ref (self->base) : NULL;
  a->pending_path = cs_autosave_pending_path (self->pending_dir, self->manifest->id);
  a->store_label = g_strdup (cs_store_thread_get_path (self->thread));
  a->unreachable = self->test_unreachable;

  call->self = g_object_ref (self);
  call->epoch = self->epoch;
  call->with_counts = a->with_counts;
  if (content)
    call->keep = keep_args_new (self, g_object_ref (a->snapshot));

  self->in_flight = TRUE;
  self->flight_generation = self->generation;
  if (content && self->state != CS_AUTOSAVE_OFFLINE)
    set_state (self, CS_AUTOSAVE_SAVING);
  cs_store_thread_run_async (self->thread, save_job, a, save_args_free, save_result_free, NULL,
                             save_done_cb, call);
}

static gboolean
retry_cb (gpointer user_data)
{
  CsAutosave *self = user_data;

  self->retry_id = 0;
  cs_autosave_save_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
timer_cb (gpointer user_data)
{
  CsAutosave *self = user_data;

  cs_autosave_save_now (self);
  return G_SOURCE_REMOVE;
}

/* In conflict: yours, as typed so far, onto disk (one write at a time, so that an older copy
 * never lands after a newer one). */
static gboolean
keep_timer_cb (gpointer user_data)
{
  CsAutosave *self = user_data;

  self->quiet_id = 0;
  if (self->state != CS_AUTOSAVE_CONFLICT || self->manifest == NULL)
    return G_SOURCE_REMOVE;
  if (self->keeping > 0)
    {
      self->quiet_id = g_timeout_add (20, keep_timer_cb, self);
      return G_SOURCE_REMOVE;
    }
  self->kept_generation = self->generation;
  keep_yours (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_autosave_dispose (GObject *object)
{
  CsAutosave *self = CS_AUTOSAVE (object);

  clear_timers (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  clear_conflict (self);
  g_clear_object (&self->base);
  g_clear_object (&self->manifest);
  g_clear_object (&self->thread);

  G_OBJECT_CLASS (cs_autosave_parent_class)->dispose (object);
}

static void
cs_autosave_finalize (GObject *object)
{
  CsAutosave *self = CS_AUTOSAVE (object);

  g_free (self->error);
  g_free (self->pending_dir);

  G_OBJECT_CLASS (cs_autosave_parent_class)->finalize (object);
}

static void
cs_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CsAutosave *self = CS_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_THREAD:
      g_value_set_object (value, self->thread);
      break;
    case PROP_MANIFEST:
      g_value_set_object (value, self->manifest);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_autosave_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CsAutosave *self = CS_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_THREAD:
      self->thread = g_value_dup_object (value);
      break;
    case PROP_MANIFEST:
      cs_autosave_set_manifest (self, g_value_get_object (value), FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_autosave_class_init (CsAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_autosave_dispose;
  object_class->finalize = cs_autosave_finalize;
  object_class->get_property = cs_autosave_get_property;
  object_class->set_property = cs_autosave_set_property;

  properties[PROP_THREAD] =
    g_param_spec_object ("thread", NULL, NULL, CS_TYPE_STORE_THREAD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANIFEST] =
    g_param_spec_object ("manifest", NULL, NULL, CS_TYPE_MANIFEST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CS_TYPE_AUTOSAVE_STATE, CS_AUTOSAVE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_autosave_init (CsAutosave *self)
{
  self->quiet_ms = 500;
  self->max_latency_ms = 1000;
  self->retry_ms = self->retry_next_ms = 1000;
  self->pending_dir = cs_autosave_default_pending_dir ();
}

/* ---- public API -------------------------------------------------------------------------- */

CsAutosave *
cs_autosave_new (CsStoreThread *thread)
{
  g_return_val_if_fail (CS_IS_STORE_THREAD (thread), NULL);

  return g_object_new (CS_TYPE_AUTOSAVE, "thread", thread, NULL);
}

void
cs_autosave_set_manifest (CsAutosave *self,
                          CsManifest *manifest,
                          gboolean    in_store)
{
  cs_autosave_set_manifest_at (self, manifest, in_store, 0, NULL);
}

void
cs_autosave_set_manifest_at (CsAutosave *self,
                             CsManifest *manifest,
                             gboolean    in_store,
                             gint64      revision,
                             CsManifest *base)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));
  g_return_if_fail (base == NULL || CS_IS_MANIFEST (base));

  if (self->manifest == manifest)
    return;
  if (self->manifest != NULL)
    {
      /* Leaving a draft in conflict: yours stays on this computer, offered when it is next opened. */
      if (self->state == CS_AUTOSAVE_CONFLICT)
        keep_yours (self, FALSE);
      else
        cs_autosave_save_now (self);
    }
  clear_timers (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_next_ms = self->retry_ms;
  clear_conflict (self);
  g_set_object (&self->manifest, manifest);
  self->epoch++;
  self->generation = self->saved_generation = 0;
  self->counts_known = self->counts_dirty = FALSE;
  self->in_store = manifest != NULL && in_store;
  self->revision = self->in_store ? revision : 0;
  g_clear_object (&self->base);
  if (self->in_store && revision > 0)
    self->base = base != NULL ? g_object_ref (base)
                              : CS_MANIFEST (cs_record_copy (CS_RECORD (manifest)));
  /* Every draft needs a stable id before its first save (raw setter: nobody is told). */
  if (manifest != NULL && manifest->id == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      cs_field_set_string (CS_RECORD (manifest), cs_record_find_field (CS_RECORD (manifest), "id"),
                           uuid);
    }
  set_error (self, NULL);
  set_state (self, CS_AUTOSAVE_SAVED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

CsManifest *
cs_autosave_get_manifest (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->manifest;
}

CsManifest *
cs_autosave_get_base (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->base;
}

void
cs_autosave_discard (CsAutosave *self)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  if (self->state != CS_AUTOSAVE_CONFLICT || self->manifest == NULL)
    return;
  clear_conflict (self);
  clear_timers (self);
  self->saved_generation = self->generation;
  self->counts_dirty = FALSE;
  run_keep (self, keep_args_new (self, NULL), FALSE);
  set_error (self, NULL);
  set_state (self, CS_AUTOSAVE_SAVED);
}

gboolean
cs_autosave_is_deleted (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), FALSE);
  return self->state == CS_AUTOSAVE_CONFLICT && self->theirs == NULL;
}

CsManifest *
cs_autosave_get_theirs (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->theirs;
}

gint64
cs_autosave_get_their_revision (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), 0);
  return self->their_revision;
}

CsStoreSummary *
cs_autosave_get_their_summary (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->their_summary;
}

void
cs_autosave_resolve (CsAutosave *self,
                     CsManifest *result)
{
  g_autoptr(CsManifest) theirs = NULL;
  gboolean same;

  g_return_if_fail (CS_IS_AUTOSAVE (self));
  g_return_if_fail (CS_IS_MANIFEST (result));
  g_return_if_fail (self->state == CS_AUTOSAVE_CONFLICT);

  if (self->theirs == NULL)
    {
      /* The draft was deleted meanwhile: yours brings it back, as a draft saved anew. */
      g_return_if_fail (result == self->manifest);
      clear_conflict (self);
      clear_timers (self);
      g_clear_object (&self->base);
      self->revision = 0;
      self->in_store = FALSE;
      self->saved_generation = 0;
      self->generation = 1;
      self->counts_dirty = self->counts_known;
      set_error (self, NULL);
      set_state (self, CS_AUTOSAVE_UNSAVED);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
      cs_autosave_save_now (self);
      return;
    }
  theirs = g_steal_pointer (&self->theirs);
  self->revision = self->their_revision;
  clear_conflict (self);
  clear_timers (self);
  if (self->manifest != result)
    {
      g_set_object (&self->manifest, result);
      self->epoch++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
    }
  same = cs_record_equal (CS_RECORD (result), CS_RECORD (theirs));
  g_set_object (&self->base, theirs);
  self->in_store = TRUE;
  self->saved_generation = 0;
  self->generation = same ? 0 : 1;
  self->counts_dirty = self->counts_known;
  set_error (self, NULL);
  set_state (self, same ? CS_AUTOSAVE_SAVED : CS_AUTOSAVE_UNSAVED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  if (same)
    /* Theirs kept: yours, kept on disk when the conflict came, is no longer wanted. */
    run_keep (self, keep_args_new (self, NULL), FALSE);
  cs_autosave_save_now (self);
}

void
cs_autosave_schedule (CsAutosave *self)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  if (self->manifest == NULL)
    return;
  self->generation++;
  /* In conflict nothing is saved until the clerk has chosen; the edits go into "yours" on
   * this computer, soon after typing stops (a crash meanwhile loses nothing typed before). */
  if (self->state == CS_AUTOSAVE_CONFLICT)
    {
      g_clear_handle_id (&self->quiet_id, g_source_remove);
      self->quiet_id = g_timeout_add (self->quiet_ms, keep_timer_cb, self);
      return;
    }
  if (self->state != CS_AUTOSAVE_SAVING && self->state != CS_AUTOSAVE_ERROR &&
      self->state != CS_AUTOSAVE_OFFLINE)
    set_state (self, CS_AUTOSAVE_UNSAVED);

  g_clear_handle_id (&self->quiet_id, g_source_remove);
  self->quiet_id = g_timeout_add (self->quiet_ms, timer_cb, self);
  if (self->deadline_id == 0)
    self->deadline_id = g_timeout_add (self->max_latency_ms, timer_cb, self);
}

void
cs_autosave_set_counts (CsAutosave *self,
                        guint       n_errors,
                        guint       n_warnings)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  if (self->counts_known && self->n_errors == n_errors && self->n_warnings == n_warnings)
    return;
  self->n_errors = n_errors;
  self->n_warnings = n_warnings;
  self->counts_known = TRUE;
  self->counts_dirty = TRUE;
  /* Counts alone: written on their own when no content save is due. Never before the draft
   * exists in the store (the first content save writes them). */
  if (self->manifest != NULL && self->quiet_id == 0 && self->in_store)
    cs_autosave_save_now (self);
}

void
cs_autosave_save_now (CsAutosave *self)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  clear_timers (self);
  if (self->manifest == NULL)
    return;
  if (self->state == CS_AUTOSAVE_CONFLICT)
    {
      /* nothing goes to the store; what was typed goes to the copy on this computer now */
      if (self->generation != self->kept_generation)
        keep_timer_cb (self);
      return;
    }
  if (self->in_flight)
    {
      self->again = TRUE;
      return;
    }
  if (self->generation == self->saved_generation &&
      !(self->counts_dirty && self->in_store))
    return;
  start_save (self);
}

void
cs_autosave_flush (CsAutosave *self)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  g_object_ref (self);
  /* pending files being written land first, so that nothing written after overtakes them */
  wait_kept (self);
  if ((self->state == CS_AUTOSAVE_CONFLICT || self->state == CS_AUTOSAVE_OFFLINE) &&
      self->manifest != NULL)
    {
      /* Closing in conflict, or with the store away: yours, as it is now, is kept on this
       * computer, before the program may end (the store is not tried again: a server that
       * does not answer would hold the window for the connection's timeout). */
      keep_yours (self, TRUE);
      g_object_unref (self);
      return;
    }
  for (guint round = 0; round < 3; round++)
    {
      cs_autosave_save_now (self);
      if (!self->in_flight)
        break;
      cs_store_thread_wait (self->thread);
      /* The job is done; let its completion (queued in this context) run. */
      while (self->in_flight)
        g_main_context_iteration (NULL, TRUE);
    }
  wait_kept (self);
  g_object_unref (self);
}

CsAutosaveState
cs_autosave_get_state (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), CS_AUTOSAVE_SAVED);
  return self->state;
}

const char *
cs_autosave_get_error (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->error;
}

gint64
cs_autosave_get_revision (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), 0);
  return self->revision;
}

void
cs_autosave_set_delays (CsAutosave *self,
                        guint       quiet_ms,
                        guint       max_latency_ms)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  self->quiet_ms = quiet_ms;
  self->max_latency_ms = MAX (quiet_ms, max_latency_ms);
}

void
cs_autosave_set_pending_dir (CsAutosave *self,
                             const char *dir)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));
  g_return_if_fail (dir != NULL);

  g_free (self->pending_dir);
  self->pending_dir = g_strdup (dir);
}

const char *
cs_autosave_get_pending_dir (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->pending_dir;
}

void
cs_autosave_set_test_unreachable (CsAutosave *self,
                                  gboolean    unreachable)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));
  self->test_unreachable = unreachable;
}

void
cs_autosave_set_retry_delay (CsAutosave *self,
                             guint       retry_ms)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));
  self->retry_ms = self->retry_next_ms = MAX (retry_ms, 1);
}

gboolean
cs_autosave_is_keeping (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), FALSE);
  return self->keeping > 0;
}
