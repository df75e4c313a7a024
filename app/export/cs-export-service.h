/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-service.h: the whole export workflow in one place (no GTK)
 *
 * Both front ends (consign export, the editor's Export menu) hand a CsExportJob to a
 * CsExportService, which:
 *   1. counts the validator's errors and warnings (the findings given, or cs_validate() with the
 *      catalog) and refuses a manifest with errors unless the job says what to do about them;
 *   2. finds the revision of the stored draft exported (none for a file unlike every draft);
 *   3. for EDIFACT, works out the message function from the draft's history (original,
 *      replacement, cancellation), this installation's id and the next interchange reference;
 *   4. writes the file with cs_export_to_file() (temporary file, read back, rename; the store
 *      and the input are never a target);
 *   5. for a stored draft: the audit row in `exports` (n_errors, errors_confirmed), the EDIFACT
 *      history row, the counts, and the status "exported" (an archived draft stays archived).
 *
 * Stages 2, 3 and 5 use the store; the service has either a CsStore (used from the thread that
 * calls cs_export_service_run) or a CsStoreThread (the GUI's: the store work is queued there,
 * behind the saves queued before it, so the revision recorded is that of the snapshot written,
 * while the file itself is written outside the store thread, which stays free for saves).
 *
 * cs_export_service_run_async() runs the job in a GTask worker thread; with a CsStoreThread the
 * worker queues its store stages on that thread and waits for them, with a CsStore the worker
 * borrows it until the job is finished (don't use it meanwhile).
 *
 * Cancellation is honoured until the file is written: a job cancelled before leaves no file and
 * no row (an interchange reference may have been used up). Once the file is in place the job
 * finishes, so that a file on disk always has its audit row.
 */
#pragma once

#include "cs-catalog.h"
#include "cs-model.h"
#include "cs-store.h"
#include "cs-store-thread.h"

G_BEGIN_DECLS

/* What to do when the validator found errors. */
typedef enum
{
  CS_EXPORT_ERRORS_REFUSE,     /* the default: write nothing, CS_EXPORT_ERROR_UNCONFIRMED */
  CS_EXPORT_ERRORS_CONFIRMED,  /* someone confirmed exporting in spite of them: written, and
                                * the audit row says so */
  CS_EXPORT_ERRORS_ALLOW,      /* written, recorded as not confirmed (the command line, which
                                * warns; a cancellation, which carries no goods) */
} CsExportErrorPolicy;

/* Stages reported through CsExportJob::progress, in this order. */
typedef enum
{
  CS_EXPORT_STAGE_VALIDATING,
  CS_EXPORT_STAGE_PREPARING,   /* revision, EDIFACT history and interchange reference */
  CS_EXPORT_STAGE_WRITING,     /* the last point where cancelling leaves nothing behind */
  CS_EXPORT_STAGE_RECORDING,
  CS_EXPORT_STAGE_DONE,
} CsExportStage;

#define CS_TYPE_EXPORT_JOB (cs_export_job_get_type ())
G_DECLARE_FINAL_TYPE (CsExportJob, cs_export_job, CS, EXPORT_JOB, GObject)

/* One export of @manifest (the job keeps a reference: give it a snapshot nobody edits while the
 * job runs) as @format to @path. Signal "progress" (guint stage, a CsExportStage) is emitted on
 * the thread that called cs_export_service_run, or in the main context of the caller of
 * cs_export_service_run_async. */
CsExportJob   *cs_export_job_new                (const char          *format,
                                                 CsManifest          *manifest,
                                                 const char          *path);
/* The findings of the manifest (CsFinding), for the counts and the writers that show them;
 * without them the service validates with the service's catalog. */
void           cs_export_job_set_findings       (CsExportJob         *self,
                                                 GPtrArray           *findings);
void           cs_export_job_set_error_policy   (CsExportJob         *self,
                                                 CsExportErrorPolicy  policy);
/* The manifest was read from @path (it is protected, and the export is recorded only when its
 * content equals a stored draft). Without it the manifest is the stored draft of its id. */
void           cs_export_job_set_input_file     (CsExportJob         *self,
                                                 const char          *path);
/* The revision of the stored draft, when the caller read it before loading the manifest. */
void           cs_export_job_set_revision       (CsExportJob         *self,
                                                 gint64               revision);
/* Writer options (see CsExportOptions); strings are copied, NULL or "" = the default. */
void           cs_export_job_set_bilingual      (CsExportJob         *self,
                                                 gboolean             bilingual);
void           cs_export_job_set_csv_encoding   (CsExportJob         *self,
                                                 const char          *encoding,
                                                 gboolean             bom);
void           cs_export_job_set_edifact        (CsExportJob         *self,
                                                 const char          *sender,
                                                 const char          *recipient,
                                                 const char          *directory,
                                                 gboolean             test_indicator);
/* EDIFACT: a cancellation of the CUSCAR sent before to the recipient. */
void           cs_export_job_set_cancel         (CsExportJob         *self,
                                                 gboolean             cancel);

/* Results, once the job ran. */
const char    *cs_export_job_get_format         (CsExportJob         *self);
const char    *cs_export_job_get_path           (CsExportJob         *self);
CsManifest    *cs_export_job_get_manifest       (CsExportJob         *self);
/* -1 when the manifest could not be validated (no findings, no catalog). */
int            cs_export_job_get_n_errors       (CsExportJob         *self);
int            cs_export_job_get_n_warnings     (CsExportJob         *self);
/* The revision of the stored draft exported, 0 when the manifest is none (or not known yet). */
gint64         cs_export_job_get_revision       (CsExportJob         *self);
/* The file is in place (also when recording it failed afterwards). */
gboolean       cs_export_job_get_written        (CsExportJob         *self);
const char    *cs_export_job_get_sha256         (CsExportJob         *self);
/* The audit row, 0 when the manifest is no stored draft (or before it was recorded). */
gint64         cs_export_job_get_export_id      (CsExportJob         *self);
/* EDIFACT: the message function written ("9", "5", "1"; static) and the interchange reference. */
const char    *cs_export_job_get_message_function (CsExportJob       *self);
const char    *cs_export_job_get_interchange    (CsExportJob         *self);
/* The stored draft's status was set to "exported". */
gboolean       cs_export_job_get_marked_exported (CsExportJob        *self);

#define CS_TYPE_EXPORT_SERVICE (cs_export_service_get_type ())
G_DECLARE_FINAL_TYPE (CsExportService, cs_export_service, CS, EXPORT_SERVICE, GObject)

/* @catalog may be NULL (no labels, no validation without findings). */
CsExportService *cs_export_service_new             (CsStore             *store,
                                                    CsCatalog           *catalog);
CsExportService *cs_export_service_new_for_thread  (CsStoreThread       *thread,
                                                    CsCatalog           *catalog);

/* Runs @job to the end. FALSE with @error when refused, cancelled or failed; see
 * cs_export_job_get_written() for whether the file was written before a failure to record. */
gboolean       cs_export_service_run            (CsExportService     *self,
                                                 CsExportJob         *job,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void           cs_export_service_run_async      (CsExportService     *self,
                                                 CsExportJob         *job,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       cs_export_service_run_finish     (CsExportService     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
