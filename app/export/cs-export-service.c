/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-service.c: the export workflow of both front ends (see cs-export-service.h) */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-edifact-history.h"
#include "cs-export.h"
#include "cs-export-service.h"
#include "cs-finding.h"
#include "cs-validator.h"

/* ---- the job ----------------------------------------------------------------------------- */

struct _CsExportJob
{
  GObject              parent_instance;

  /* what to do (set before the job runs) */
  char                *format;
  CsManifest          *manifest;
  char                *path;
  GPtrArray           *findings;
  CsExportErrorPolicy  policy;
  char                *input_file;
  gint64               revision;
  gboolean             bilingual;
  char                *encoding;
  gboolean             bom;
  char                *sender;
  char                *recipient;
  char                *directory;
  gboolean             test_indicator;
  gboolean             cancel;

  /* while running */
  GMainContext        *progress_context;  /* NULL: emit "progress" on the running thread */
  CsCatalog           *catalog;
  char                *store_path;

  /* what was done */
  int                  n_errors;
  int                  n_warnings;
  gint64               interchange_ref;
  char                *installation;
  const char          *message_function;
  char                *interchange;
  gboolean             written;
  char                *sha256;
  gint64               export_id;
  gboolean             marked_exported;
};

G_DEFINE_FINAL_TYPE (CsExportJob, cs_export_job, G_TYPE_OBJECT)

enum { JOB_PROGRESS, N_JOB_SIGNALS };
static guint job_signals[N_JOB_SIGNALS];

static void
cs_export_job_finalize (GObject *object)
{
  CsExportJob *self = CS_EXPORT_JOB (object);

  g_free (self->format);
  g_clear_object (&self->manifest);
  g_free (self->path);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_free (self->input_file);
  g_free (self->encoding);
  g_free (self->sender);
  g_free (self->recipient);
  g_free (self->directory);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  g_clear_object (&self->catalog);
  g_free (self->store_path);
  g_free (self->installation);
  g_free (self->interchange);
  g_free (self->sha256);
  G_OBJECT_CLASS (cs_export_job_parent_class)->finalize (object);
}

static void
cs_export_job_class_init (CsExportJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_export_job_finalize;

  /* CsExportJob::progress: (stage: a CsExportStage) the job reached @stage. */
  job_signals[JOB_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cs_export_job_init (CsExportJob *self)
{
  self->n_errors = -1;
  self->n_warnings = -1;
}

CsExportJob *
cs_export_job_new (const char *format,
                   CsManifest *manifest,
                   const char *path)
{
  CsExportJob *self;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CS_TYPE_EXPORT_JOB, NULL);
  self->format = g_strdup (format);
  self->manifest = g_object_ref (manifest);
  self->path = g_strdup (path);
  return self;
}

static char *
non_empty (const char *s)
{
  return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
}

void
cs_export_job_set_findings (CsExportJob *self,
                            GPtrArray   *findings)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings != NULL ? g_ptr_array_ref (findings) : NULL;
}

void
cs_export_job_set_error_policy (CsExportJob         *self,
                                CsExportErrorPolicy  policy)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  self->policy = policy;
}

void
cs_export_job_set_input_file (CsExportJob *self,
                              const char  *path)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  g_free (self->input_file);
  self->input_file = non_empty (path);
}

void
cs_export_job_set_revision (CsExportJob *self,
                            gint64       revision)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  self->revision = revision;
}

void
cs_export_job_set_bilingual (CsExportJob *self,
                             gboolean     bilingual)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  self->bilingual = bilingual;
}

void
cs_export_job_set_csv_encoding (CsExportJob *self,
                                const char  *encoding,
                                gboolean     bom)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  g_free (self->encoding);
  self->encoding = encoding != NULL && encoding[0] != '\0' ? g_ascii_strdown (encoding, -1) : NULL;
  self->bom = bom;
}

void
cs_export_job_set_edifact (CsExportJob *self,
                           const char  *sender,
                           const char  *recipient,
                           const char  *directory,
                           gboolean     test_indicator)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  g_free (self->sender);
  g_free (self->recipient);
  g_free (self->directory);
  self->sender = g_strdup (sender);
  self->recipient = g_strdup (recipient);
  self->directory = g_strdup (directory);
  self->test_indicator = test_indicator;
}

void
cs_export_job_set_cancel (CsExportJob *self,
                          gboolean     cancel)
{
  g_return_if_fail (CS_IS_EXPORT_JOB (self));
  self->cancel = cancel;
}

const char *
cs_export_job_get_format (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), NULL);
  return self->format;
}

const char *
cs_export_job_get_path (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), NULL);
  return self->path;
}

CsManifest *
cs_export_job_get_manifest (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), NULL);
  return self->manifest;
}

int
cs_export_job_get_n_errors (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), -1);
  return self->n_errors;
}

int
cs_export_job_get_n_warnings (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), -1);
  return self->n_warnings;
}

gint64
cs_export_job_get_revision (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), 0);
  return self->revision;
}

gboolean
cs_export_job_get_written (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), FALSE);
  return self->written;
}

const char *
cs_export_job_get_sha256 (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), NULL);
  return self->sha256;
}

gint64
cs_export_job_get_export_id (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), 0);
  return self->export_id;
}

const char *
cs_export_job_get_message_function (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), NULL);
  return self->message_function;
}

const char *
cs_export_job_get_interchange (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), NULL);
  return self->interchange;
}

gboolean
cs_export_job_get_marked_exported (CsExportJob *self)
{
  g_return_val_if_fail (CS_IS_EXPORT_JOB (self), FALSE);
  return self->marked_exported;
}

typedef struct
{
  CsExportJob *job;
  guint        stage;
} Progress;

static gboolean
emit_progress_cb (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->job, job_signals[JOB_PROGRESS], 0, p->stage);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->job);
  g_free (p);
}

static void
report (CsExportJob   *job,
        CsExportStage  stage)
{
  Progress *p;

  if (job->progress_context == NULL)
    {
      g_signal_emit (job, job_signals[JOB_PROGRESS], 0, (guint) stage);
      return;
    }
  p = g_new0 (Progress, 1);
  p->job = g_object_ref (job);
  p->stage = stage;
  g_main_context_invoke_full (job->progress_context, G_PRIORITY_DEFAULT, emit_progress_cb, p,
                              progress_free);
}

/* ---- the service ------------------------------------------------------------------------- */

struct _CsExportService
{
  GObject        parent_instance;
  CsStore       *store;    /* one of these two */
  CsStoreThread *thread;
  CsCatalog     *catalog;  /* may be NULL */
};

G_DEFINE_FINAL_TYPE (CsExportService, cs_export_service, G_TYPE_OBJECT)

static void
cs_export_service_finalize (GObject *object)
{
  CsExportService *self = CS_EXPORT_SERVICE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->thread);
  g_clear_object (&self->catalog);
  G_OBJECT_CLASS (cs_export_service_parent_class)->finalize (object);
}

static void
cs_export_service_class_init (CsExportServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_export_service_finalize;
}

static void
cs_export_service_init (CsExportService *self)
{
}

CsExportService *
cs_export_service_new (CsStore   *store,
                       CsCatalog *catalog)
{
  CsExportService *self;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  g_return_val_if_fail (catalog == NULL || CS_IS_CATALOG (catalog), NULL);

  self = g_object_new (CS_TYPE_EXPORT_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  return self;
}

CsExportService *
cs_export_service_new_for_thread (CsStoreThread *thread,
                                  CsCatalog     *catalog)
{
  CsExportService *self;

  g_return_val_if_fail (CS_IS_STORE_THREAD (thread), NULL);
  g_return_val_if_fail (catalog == NULL || CS_IS_CATALOG (catalog), NULL);

  self = g_object_new (CS_TYPE_EXPORT_SERVICE, NULL);
  self->thread = g_object_ref (thread);
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  return self;
}

/* ---- the stages that use the store (CsStoreJobFunc: directly, or on the store thread) ------ */

/* The draft this file is, if the store holds exactly this content; its revision or 0. The
 * status is no content: a draft marked exported by the export of this file is still it. */
static gint64
stored_revision_of (CsStore    *store,
                    CsManifest *m)
{
  g_autoptr(CsManifest) stored = NULL;

  if (m->id == NULL || (stored = cs_store_load (store, m->id, NULL)) == NULL)
    return 0;
  cs_manifest_set_status (stored, cs_manifest_get_status (m));   /* unobserved copy */
  if (!cs_record_equal (CS_RECORD (stored), CS_RECORD (m)))
    return 0;
  return cs_store_get_revision (store, m->id, NULL);
}

/* The revision exported, then for EDIFACT the message function (first: a cancellation with
 * nothing to cancel is refused before an interchange reference is used up), this
 * installation's id and the next interchange reference. */
static gpointer
prepare_stage (CsStore  *store,
               gpointer  data,
               GError  **error)
{
  CsExportJob *job = data;
  CsManifest *m = job->manifest;

  job->store_path = g_strdup (cs_store_get_path (store));
  if (job->revision == 0)
    {
      if (job->input_file != NULL)
        job->revision = stored_revision_of (store, m);
      else if (m->id == NULL ||
               (job->revision = cs_store_get_revision (store, m->id, error)) == 0)
        {
          if (m->id == NULL)
            g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                                 _("The manifest has no id: it is no draft of the store"));
          return NULL;
        }
    }
  if (g_strcmp0 (job->format, "edifact") != 0)
    return GINT_TO_POINTER (TRUE);

  if (job->cancel && job->revision == 0)
    {
      g_set_error_literal (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_NOT_STORED,
                           _("A cancellation needs a draft of the store, whose history says what "
                             "was sent"));
      return NULL;
    }
  if (job->cancel && (job->recipient == NULL || job->recipient[0] == '\0'))
    {
      g_set_error_literal (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID,
                           _("A cancellation goes to the recipient of the CUSCAR it cancels: "
                             "no recipient was given"));
      return NULL;
    }
  if (job->revision > 0 && job->recipient != NULL && job->recipient[0] != '\0' &&
      (job->message_function = cs_edifact_message_function (store, m->id, job->recipient,
                                                            job->cancel, error)) == NULL)
    return NULL;
  if ((job->installation = cs_edifact_installation_id (store, error)) == NULL ||
      (job->interchange_ref = cs_store_next_interchange_ref (store, error)) == 0)
    return NULL;
  job->interchange = cs_edifact_interchange_ref (job->installation, job->interchange_ref);
  return GINT_TO_POINTER (TRUE);
}

/* The audit row, the EDIFACT history row, the counts and the status. */
static gpointer
record_stage (CsStore  *store,
              gpointer  data,
              GError  **error)
{
  CsExportJob *job = data;
  CsManifest *m = job->manifest;
  gboolean confirmed = job->n_errors > 0 && job->policy == CS_EXPORT_ERRORS_CONFIRMED;
  g_autofree char *absolute = g_canonicalize_filename (job->path, NULL);
  g_autoptr(CsStoreSummary) summary = NULL;

  job->export_id = cs_store_record_export_full (store, m->id, job->format, absolute, job->sha256,
                                                job->revision, job->n_errors, confirmed, error);
  if (job->export_id == 0)
    return NULL;
  /* The next export's message function follows from this (replacement after an original). */
  if (job->message_function != NULL &&
      !cs_edifact_record_sent (store, job->export_id, job->recipient, job->message_function,
                               job->interchange, error))
    return NULL;
  if (job->n_errors >= 0)
    cs_store_set_counts (store, m->id, (guint) job->n_errors, (guint) job->n_warnings, NULL);
  /* The stored draft's status, not the file's: an archived draft stays archived. */
  summary = cs_store_get_summary (store, m->id, error);
  if (summary == NULL)
    return NULL;
  if (cs_enum_from_string (CS_TYPE_STATUS, summary->status) != CS_STATUS_ARCHIVED)
    {
      if (!cs_store_set_status_value (store, m->id, CS_STATUS_EXPORTED, error))
        return NULL;
      job->marked_exported = TRUE;
    }
  return GINT_TO_POINTER (TRUE);
}

typedef struct
{
  CsStoreThread *thread;
  gboolean       done;
  gboolean       ok;
  GError        *error;
} StageWait;

static void
stage_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StageWait *wait = user_data;

  wait->ok = cs_store_thread_run_finish_ok (wait->thread, result, NULL, &wait->error);
  wait->done = TRUE;
}

/* Runs @stage with the service's store: directly, or queued on its store thread (behind
 * everything queued before) while this thread waits. */
static gboolean
run_stage (CsExportService *self,
           CsStoreJobFunc   stage,
           CsExportJob     *job,
           GError         **error)
{
  g_autoptr(GMainContext) context = NULL;
  StageWait wait = { self->thread, FALSE, FALSE, NULL };

  if (self->store != NULL)
    return stage (self->store, job, error) != NULL;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  cs_store_thread_run_async (self->thread, stage, job, NULL, NULL, NULL, stage_done_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  if (!wait.ok)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

/* ---- the workflow ------------------------------------------------------------------------ */

static void
count_findings (CsExportJob *job)
{
  job->n_errors = job->n_warnings = 0;
  for (guint i = 0; i < job->findings->len; i++)
    {
      CsFinding *f = job->findings->pdata[i];

      job->n_errors += f->severity == CS_SEVERITY_ERROR;
      job->n_warnings += f->severity == CS_SEVERITY_WARNING;
    }
}

static gboolean
write_file (CsExportJob  *job,
            GError      **error)
{
  CsExportOptions options = { 0 };
  const char *protect[3] = { NULL };

  options.catalog = job->catalog;
  options.findings = job->findings;
  options.bilingual = job->bilingual;
  options.encoding = job->encoding;
  options.bom = job->bom;
  options.sender = job->sender;
  options.recipient = job->recipient;
  options.directory = job->directory;
  options.interchange_ref = job->interchange_ref;
  options.installation = job->installation;
  options.message_function = job->message_function;
  options.test_indicator = job->test_indicator;
  /* Exporting over the draft store or the input would replace it (every draft gone). */
  protect[0] = job->store_path;
  protect[1] = job->input_file;
  options.protect = protect;
  if (!cs_export_to_file (job->format, job->manifest, &options, job->path, &job->sha256, error))
    return FALSE;
  job->written = TRUE;
  return TRUE;
}

gboolean
cs_export_service_run (CsExportService  *self,
                       CsExportJob      *job,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_return_val_if_fail (CS_IS_EXPORT_SERVICE (self), FALSE);
  g_return_val_if_fail (CS_IS_EXPORT_JOB (job), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cs_export_format_find (job->format) == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_FORMAT, _("Unknown export format “%s”"),
                   job->format);
      return FALSE;
    }
  g_set_object (&job->catalog, self->catalog);

  report (job, CS_EXPORT_STAGE_VALIDATING);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (job->findings == NULL && job->catalog != NULL)
    job->findings = cs_validate (job->manifest, job->catalog, NULL);
  if (job->findings != NULL)
    count_findings (job);
  if (job->n_errors > 0 && job->policy == CS_EXPORT_ERRORS_REFUSE)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_UNCONFIRMED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The manifest has %d error: nothing was written without a "
                                "confirmation to export it anyway",
                                "The manifest has %d errors: nothing was written without a "
                                "confirmation to export it anyway",
                                job->n_errors),
                   job->n_errors);
      return FALSE;
    }

  report (job, CS_EXPORT_STAGE_PREPARING);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !run_stage (self, prepare_stage, job, error))
    return FALSE;

  report (job, CS_EXPORT_STAGE_WRITING);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || !write_file (job, error))
    return FALSE;

  /* From here on the file is in place: no more cancelling, so that it has its audit row. */
  if (job->revision > 0)
    {
      report (job, CS_EXPORT_STAGE_RECORDING);
      if (!run_stage (self, record_stage, job, error))
        return FALSE;
    }
  report (job, CS_EXPORT_STAGE_DONE);
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (cs_export_service_run (source, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cs_export_service_run_async (CsExportService     *self,
                             CsExportJob         *job,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CS_IS_EXPORT_SERVICE (self));
  g_return_if_fail (CS_IS_EXPORT_JOB (job));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_export_service_run_async);
  /* A job cancelled after its file was written still succeeded: report that, not the cancel. */
  g_task_set_check_cancellable (task, FALSE);
  g_clear_pointer (&job->progress_context, g_main_context_unref);
  job->progress_context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, g_object_ref (job), g_object_unref);
  g_task_run_in_thread (task, run_thread);
}

gboolean
cs_export_service_run_finish (CsExportService  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (CS_IS_EXPORT_SERVICE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_export_service_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
