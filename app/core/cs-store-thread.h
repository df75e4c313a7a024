/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-thread.h: one worker thread that owns one draft-store connection (no GTK)
 *
 * The GUI never touches SQLite on its main thread. It hands jobs to a CsStoreThread, which runs
 * them one after another, in the order given, on its own thread with its own CsStore (opened
 * there on the first job; one connection per thread). Each job's result comes back through a
 * GTask whose callback runs in the caller's main context, so callers see the usual
 * _async/_finish pair. Jobs must only touch what they were given (copies, snapshots).
 *
 * A job that fails with CS_STORE_ERROR_UNREACHABLE (the PostgreSQL server went away) closes the
 * connection; the next job opens a new one (and fails the same way while the server is still
 * away), so a caller keeps its edits and simply queues the save again later.
 */
#pragma once

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_STORE_THREAD (cs_store_thread_get_type ())
G_DECLARE_FINAL_TYPE (CsStoreThread, cs_store_thread, CS, STORE_THREAD, GObject)

/* Runs on the worker thread. Returns the job's result (may be NULL on success) or NULL with
 * @error set. */
typedef gpointer (*CsStoreJobFunc) (CsStore   *store,
                                    gpointer   data,
                                    GError   **error);

CsStoreThread *cs_store_thread_new        (const char          *db_path);
const char    *cs_store_thread_get_path   (CsStoreThread       *self);

/* Queues @func (@data is freed with @data_free on the caller's thread once done; the result,
 * if never taken, with @result_free). */
void           cs_store_thread_run_async  (CsStoreThread       *self,
                                           CsStoreJobFunc       func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           GDestroyNotify       result_free,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* The job's result (owned by the caller), or NULL with @error set. Use
 * cs_store_thread_run_finish_ok() for jobs whose result may legitimately be NULL. */
gpointer       cs_store_thread_run_finish (CsStoreThread       *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean       cs_store_thread_run_finish_ok (CsStoreThread    *self,
                                              GAsyncResult     *result,
                                              gpointer         *value_out,
                                              GError          **error);

/* Blocks until every job queued so far has run (their callbacks still run later, in the main
 * loop). Used when the window closes, to flush the last save. */
void           cs_store_thread_wait       (CsStoreThread       *self);

/* Ready-made jobs (data is copied; results as for the cs_store_* call named). */
void           cs_store_thread_list_async (CsStoreThread       *self,
                                           const char          *search,
                                           const char          *status,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray     *cs_store_thread_list_finish (CsStoreThread      *self,
                                            GAsyncResult       *result,
                                            GError            **error);
void           cs_store_thread_load_async (CsStoreThread       *self,
                                           const char          *id_or_reference,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CsManifest    *cs_store_thread_load_finish (CsStoreThread      *self,
                                            GAsyncResult       *result,
                                            GError            **error);

G_END_DECLS
