/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-thread.c: one worker thread that owns one draft-store connection */

#include "config.h"

#include "cs-store-thread.h"

typedef enum
{
  MSG_JOB,
  MSG_WAIT,
  MSG_QUIT,
} MsgKind;

typedef struct
{
  MsgKind         kind;
  /* MSG_JOB */
  GTask          *task;
  CsStoreJobFunc  func;
  GDestroyNotify  result_free;
  gpointer        result;
  GError         *error;
  /* MSG_WAIT */
  GMutex         *mutex;
  GCond          *cond;
  gboolean       *done;
} Msg;

struct _CsStoreThread
{
  GObject       parent_instance;

  char         *path;
  GAsyncQueue  *queue;        /* of Msg */
  GThread      *thread;       /* started on the first job */
};

G_DEFINE_FINAL_TYPE (CsStoreThread, cs_store_thread, G_TYPE_OBJECT)

typedef struct
{
  char        *path;
  GAsyncQueue *queue;
} ThreadArgs;

/* ---- on the worker thread ---------------------------------------------------------------- */

static gboolean
complete_cb (gpointer user_data)
{
  Msg *msg = user_data;

  if (msg->error != NULL)
    g_task_return_error (msg->task, g_steal_pointer (&msg->error));
  else
    g_task_return_pointer (msg->task, g_steal_pointer (&msg->result), msg->result_free);
  g_clear_object (&msg->task);
  g_free (msg);
  return G_SOURCE_REMOVE;
}

static void
run_job (CsStore    **store,
         const char  *path,
         Msg         *msg)
{
  GCancellable *cancellable = g_task_get_cancellable (msg->task);
  GSource *source;

  if (g_cancellable_set_error_if_cancelled (cancellable, &msg->error))
    ;
  else if (*store == NULL && (*store = cs_store_open (path, &msg->error)) == NULL)
    ;
  else
    msg->result = msg->func (*store, g_task_get_task_data (msg->task), &msg->error);
  /* The server went away: this connection is dead. The next job opens a new one, so that work
   * queued meanwhile goes through once the server is back. A SQLite store whose file went away
   * keeps its connection: opening it again would make a new, empty file where it was. */
  if (g_error_matches (msg->error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE) && *store != NULL &&
      cs_store_is_postgresql (*store))
    g_clear_object (store);

  /* Finish the task in the caller's context, so that its callback, the release of the job's
   * data and of the task's source object all happen on the caller's thread. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, complete_cb, msg, NULL);
  g_source_attach (source, g_task_get_context (msg->task));
  g_source_unref (source);
}

static gpointer
thread_main (gpointer user_data)
{
  ThreadArgs *args = user_data;
  CsStore *store = NULL;

  for (;;)
    {
      Msg *msg = g_async_queue_pop (args->queue);

      if (msg->kind == MSG_QUIT)
        {
          g_free (msg);
          break;
        }
      else if (msg->kind == MSG_WAIT)
        {
          g_mutex_lock (msg->mutex);
          *msg->done = TRUE;
          g_cond_signal (msg->cond);
          g_mutex_unlock (msg->mutex);
          g_free (msg);
        }
      else
        {
          run_job (&store, args->path, msg);
        }
    }

  g_clear_object (&store);
  g_async_queue_unref (args->queue);
  g_free (args->path);
  g_free (args);
  return NULL;
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_store_thread_finalize (GObject *object)
{
  CsStoreThread *self = CS_STORE_THREAD (object);

  if (self->thread != NULL)
    {
      Msg *quit = g_new0 (Msg, 1);

      quit->kind = MSG_QUIT;
      g_async_queue_push (self->queue, quit);
      g_thread_join (self->thread);
    }
  g_async_queue_unref (self->queue);
  g_free (self->path);

  G_OBJECT_CLASS (cs_store_thread_parent_class)->finalize (object);
}

static void
cs_store_thread_class_init (CsStoreThreadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_store_thread_finalize;
}

static void
cs_store_thread_init (CsStoreThread *self)
{
  self->queue = g_async_queue_new ();
}

/* ---- public API -------------------------------------------------------------------------- */

CsStoreThread *
cs_store_thread_new (const char *db_path)
{
  CsStoreThread *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (CS_TYPE_STORE_THREAD, NULL);
  self->path = g_strdup (db_path);
  return self;
}

const char *
cs_store_thread_get_path (CsStoreThread *self)
{
  g_return_val_if_fail (CS_IS_STORE_THREAD (self), NULL);
  return self->path;
}

static void
ensure_thread (CsStoreThread *self)
{
  ThreadArgs *args;

  if (self->thread != NULL)
    return;
  args = g_new0 (ThreadArgs, 1);
  args->path = g_strdup (self->path);
  args->queue = g_async_queue_ref (self->queue);
  self->thread = g_thread_new ("cs-store", thread_main, args);
}

void
cs_store_thread_run_async (CsStoreThread       *self,
                           CsStoreJobFunc       func,
                           gpointer             data,
                           GDestroyNotify       data_free,
                           GDestroyNotify       result_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Msg *msg;

  g_return_if_fail (CS_IS_STORE_THREAD (self));
  g_return_if_fail (func != NULL);

  msg = g_new0 (Msg, 1);
  msg->kind = MSG_JOB;
  /* No source object: the task must never hold the last reference to anything the worker
   * could end up releasing. The result is matched by the source tag instead. */
  msg->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (msg->task, cs_store_thread_run_async);
  g_task_set_task_data (msg->task, data, data_free);
  msg->func = func;
  msg->result_free = result_free;

  ensure_thread (self);
  g_async_queue_push (self->queue, msg);
}

gboolean
cs_store_thread_run_finish_ok (CsStoreThread  *self,
                               GAsyncResult   *result,
                               gpointer       *value_out,
                               GError        **error)
{
  GError *local = NULL;
  gpointer value;

  g_return_val_if_fail (CS_IS_STORE_THREAD (self), FALSE);
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_store_thread_run_async, FALSE);

  value = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (value_out != NULL)
    *value_out = value;
  return TRUE;
}

gpointer
cs_store_thread_run_finish (CsStoreThread  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  gpointer value = NULL;

  if (!cs_store_thread_run_finish_ok (self, result, &value, error))
    return NULL;
  return value;
}

void
cs_store_thread_wait (CsStoreThread *self)
{
  GMutex mutex;
  GCond cond;
  gboolean done = FALSE;
  Msg *msg;

  g_return_if_fail (CS_IS_STORE_THREAD (self));

  if (self->thread == NULL)
    return;
  g_mutex_init (&mutex);
  g_cond_init (&cond);
  msg = g_new0 (Msg, 1);
  msg->kind = MSG_WAIT;
  msg->mutex = &mutex;
  msg->cond = &cond;
  msg->done = &done;

  g_mutex_lock (&mutex);
  g_async_queue_push (self->queue, msg);
  while (!done)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

/* ---- ready-made jobs --------------------------------------------------------------------- */

typedef struct
{
  char *search;
  char *status;
} ListArgs;

static void
list_args_free (gpointer data)
{
  ListArgs *a = data;

  g_free (a->search);
  g_free (a->status);
  g_free (a);
}

static gpointer
list_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  ListArgs *a = data;

  return cs_store_list (store, a->search, a->status, error);
}

void
cs_store_thread_list_async (CsStoreThread       *self,
                            const char          *search,
                            const char          *status,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ListArgs *a = g_new0 (ListArgs, 1);

  a->search = g_strdup (search);
  a->status = g_strdup (status);
  cs_store_thread_run_async (self, list_job, a, list_args_free,
                             (GDestroyNotify) g_ptr_array_unref,
                             cancellable, callback, user_data);
}

GPtrArray *
cs_store_thread_list_finish (CsStoreThread  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return cs_store_thread_run_finish (self, result, error);
}

static gpointer
load_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  return cs_store_load (store, data, error);
}

void
cs_store_thread_load_async (CsStoreThread       *self,
                            const char          *id_or_reference,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  cs_store_thread_run_async (self, load_job, g_strdup (id_or_reference), g_free, g_object_unref,
                             cancellable, callback, user_data);
}

CsManifest *
cs_store_thread_load_finish (CsStoreThread  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return cs_store_thread_run_finish (self, result, error);
}
