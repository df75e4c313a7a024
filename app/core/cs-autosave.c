/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-autosave.c: edits reach the draft store within a second, off the main thread */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-autosave.h"

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
  gint64           revision;
  gboolean         in_store;       /* the draft exists in the store */
};

G_DEFINE_FINAL_TYPE (CsAutosave, cs_autosave, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CsAutosaveState, cs_autosave_state,
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_SAVED, "saved"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_UNSAVED, "unsaved"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_SAVING, "saving"),
  G_DEFINE_ENUM_VALUE (CS_AUTOSAVE_ERROR, "error"))

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

typedef struct
{
  CsManifest *snapshot;     /* NULL: counts only */
  char       *id;
  gboolean    with_counts;
  guint       n_errors;
  guint       n_warnings;
} SaveArgs;

typedef struct
{
  CsAutosave *self;         /* reference */
  guint       epoch;
  gboolean    with_counts;
} SaveCall;

static void
save_args_free (gpointer data)
{
  SaveArgs *a = data;

  g_clear_object (&a->snapshot);
  g_free (a->id);
  g_free (a);
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

/* ---- the save job (store thread) --------------------------------------------------------- */

static gpointer
save_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  SaveArgs *a = data;
  gint64 revision = 0;
  gint64 *out;

  if (a->snapshot != NULL)
    {
      gboolean ok = cs_store_save (store, a->snapshot, &revision, error);

      /* Free the snapshot here, on the store thread: for a large manifest that costs as much
       * as the copy did, and the main loop has better things to do. */
      g_clear_object (&a->snapshot);
      if (!ok)
        return NULL;
    }
  if (a->with_counts &&
      !cs_store_set_counts (store, a->id, a->n_errors, a->n_warnings, error))
    return NULL;
  out = g_new (gint64, 1);
  *out = revision;
  return out;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveCall *call = user_data;
  g_autoptr(CsAutosave) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *revision = NULL;

  revision = cs_store_thread_run_finish (self->thread, result, &error);
  self->in_flight = FALSE;

  if (call->epoch == self->epoch)
    {
      if (revision == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not save the draft: %s"),
                                                      error->message);
          g_debug ("%s", message);
          set_error (self, message);
          set_state (self, CS_AUTOSAVE_ERROR);
        }
      else
        {
          if (*revision > 0)
            {
              self->in_store = TRUE;
              self->saved_generation = self->flight_generation;
              self->revision = *revision;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
            }
          if (call->with_counts)
            self->counts_dirty = FALSE;
          set_error (self, NULL);
          set_state (self, self->generation == self->saved_generation ? CS_AUTOSAVE_SAVED
                                                                      : CS_AUTOSAVE_UNSAVED);
        }
    }
  g_free (call);

  if (self->again)
    {
      self->again = FALSE;
      cs_autosave_save_now (self);
    }
}

static void
start_save (CsAutosave *self)
{
  SaveArgs *a = g_new0 (SaveArgs, 1);
  SaveCall *call = g_new0 (SaveCall, 1);
  gboolean content = self->generation != self->saved_generation;

  if (content)
    a->snapshot = CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)));
  a->id = g_strdup (self->manifest->id);
  a->with_counts = self->counts_known && (self->counts_dirty || content);
  a->n_errors = self->n_errors;
  a->n_warnings = self->n_warnings;

  call->self = g_object_ref (self);
  call->epoch = self->epoch;
  call->with_counts = a->with_counts;

  self->in_flight = TRUE;
  self->flight_generation = self->generation;
  if (content)
    set_state (self, CS_AUTOSAVE_SAVING);
  cs_store_thread_run_async (self->thread, save_job, a, save_args_free, g_free, NULL,
                             save_done_cb, call);
}

static gboolean
timer_cb (gpointer user_data)
{
  CsAutosave *self = user_data;

  cs_autosave_save_now (self);
  return G_SOURCE_REMOVE;
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_autosave_dispose (GObject *object)
{
  CsAutosave *self = CS_AUTOSAVE (object);

  clear_timers (self);
  g_clear_object (&self->manifest);
  g_clear_object (&self->thread);

  G_OBJECT_CLASS (cs_autosave_parent_class)->dispose (object);
}

static void
cs_autosave_finalize (GObject *object)
{
  CsAutosave *self = CS_AUTOSAVE (object);

  g_free (self->error);

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
  g_return_if_fail (CS_IS_AUTOSAVE (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));

  if (self->manifest == manifest)
    return;
  if (self->manifest != NULL)
    cs_autosave_save_now (self);
  clear_timers (self);
  g_set_object (&self->manifest, manifest);
  self->epoch++;
  self->generation = self->saved_generation = 0;
  self->counts_known = self->counts_dirty = FALSE;
  self->revision = 0;
  self->in_store = manifest != NULL && in_store;
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
}

CsManifest *
cs_autosave_get_manifest (CsAutosave *self)
{
  g_return_val_if_fail (CS_IS_AUTOSAVE (self), NULL);
  return self->manifest;
}

void
cs_autosave_schedule (CsAutosave *self)
{
  g_return_if_fail (CS_IS_AUTOSAVE (self));

  if (self->manifest == NULL)
    return;
  self->generation++;
  if (self->state != CS_AUTOSAVE_SAVING && self->state != CS_AUTOSAVE_ERROR)
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
