/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-service.c: the export workflow both front ends share (cs-export-service.h)
 *
 * The audit row with the validator's error count and whether someone confirmed; the draft
 * marked exported (an archived one stays archived); EDIFACT original then replacement, each
 * with its history row; refused without a confirmation when there are errors; a cancelled job
 * leaves no file and no row; the async pair with the store thread; and `consign export`
 * ($CONSIGN_BIN) marks the draft exported as the editor does.
 */

#include "config.h"

#include <string.h>

#include "cs-catalog.h"
#include "cs-edifact-history.h"
#include "cs-export.h"
#include "cs-export-service.h"
#include "cs-json.h"
#include "cs-store.h"
#include "cs-store-thread.h"
#include "cs-test-util.h"
#include "cs-validator.h"

typedef struct
{
  char      *dir;
  char      *db;
  CsStore   *store;
  CsCatalog *catalog;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cs_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "drafts.db", NULL);
  f->store = cs_store_open (f->db, &error);
  g_assert_no_error (error);
  f->catalog = cs_catalog_new_default (&error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->catalog);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* The railsea fixture saved as a draft of the store; with @broken, its first line has no
 * description (at least one error). */
static CsManifest *
stored_draft (Fixture  *f,
              gboolean  broken)
{
  CsManifest *m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GError) error = NULL;

  if (broken)
    cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", NULL);
  g_assert_true (cs_store_save (f->store, m, NULL, &error));
  g_assert_no_error (error);
  return m;
}

static int
count_errors (Fixture    *f,
              CsManifest *m)
{
  g_autoptr(GPtrArray) findings = cs_validate (m, f->catalog, NULL);
  int n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += ((CsFinding *) findings->pdata[i])->severity == CS_SEVERITY_ERROR;
  return n;
}

static char *
stored_status (Fixture    *f,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) back = cs_store_load (f->store, id, &error);

  g_assert_no_error (error);
  return g_strdup (back->status);
}

static GPtrArray *
exports_of (Fixture    *f,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = cs_store_list_exports (f->store, id, &error);

  g_assert_no_error (error);
  return rows;
}

/* Nothing but the store (drafts.db and its -wal/-shm) in the scratch folder: no export, no
 * temporary file. */
static void
assert_only_store (Fixture *f)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "drafts.db"))
      g_error ("unexpected file %s", name);
}

/* Exporting in spite of errors, confirmed: the file, the audit row with the error count and
 * the confirmation, the draft's counts and status. */
static void
test_confirmed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsManifest) m = stored_draft (f, TRUE);
  g_autofree char *out = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *status = NULL;
  g_autoptr(CsExportService) service = cs_export_service_new (f->store, f->catalog);
  g_autoptr(CsExportJob) job = cs_export_job_new ("json", m, out);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStoreSummary) summary = NULL;
  int expected = count_errors (f, m);
  CsStoreExport *row;

  g_assert_cmpint (expected, >, 0);
  g_assert_cmpstr (m->status, ==, "draft");
  cs_export_job_set_error_policy (job, CS_EXPORT_ERRORS_CONFIRMED);
  g_assert_true (cs_export_service_run (service, job, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_assert_true (cs_export_job_get_written (job));
  g_assert_cmpint (cs_export_job_get_n_errors (job), ==, expected);
  g_assert_cmpuint (strlen (cs_export_job_get_sha256 (job)), ==, 64);
  rows = exports_of (f, m->id);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpint (row->id, ==, cs_export_job_get_export_id (job));
  g_assert_cmpint (row->n_errors, ==, expected);
  g_assert_true (row->errors_confirmed);
  g_assert_cmpstr (row->format, ==, "json");
  g_assert_cmpstr (row->sha256, ==, cs_export_job_get_sha256 (job));

  status = stored_status (f, m->id);
  g_assert_cmpstr (status, ==, "exported");
  g_assert_true (cs_export_job_get_marked_exported (job));
  summary = cs_store_get_summary (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (summary->n_errors, ==, expected);
}

/* Errors and no confirmation: nothing written, nothing recorded, the status unchanged. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CsManifest) m = stored_draft (f, TRUE);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *status = NULL;
  g_autoptr(CsExportService) service = cs_export_service_new (f->store, f->catalog);
  g_autoptr(CsExportJob) job = cs_export_job_new ("csv", m, out);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cs_export_service_run (service, job, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_UNCONFIRMED);
  g_assert_false (cs_export_job_get_written (job));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_only_store (f);
  rows = exports_of (f, m->id);
  g_assert_cmpuint (rows->len, ==, 0);
  status = stored_status (f, m->id);
  g_assert_cmpstr (status, ==, "draft");
}

/* An archived draft is exported (no errors: no confirmation needed) and stays archived. */
static void
test_archived_stays (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) saved = stored_draft (f, FALSE);
  g_autoptr(CsManifest) m = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out.xml", NULL);
  g_autofree char *status = NULL;
  g_autoptr(CsExportService) service = cs_export_service_new (f->store, f->catalog);
  g_autoptr(CsExportJob) job = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count_errors (f, saved), ==, 0);
  g_assert_true (cs_store_set_status (f->store, saved->id, "archived", &error));
  g_assert_no_error (error);
  m = cs_store_load (f->store, saved->id, &error);
  g_assert_no_error (error);
  job = cs_export_job_new ("xml", m, out);
  g_assert_true (cs_export_service_run (service, job, NULL, &error));
  g_assert_no_error (error);
  rows = exports_of (f, m->id);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->n_errors, ==, 0);
  g_assert_false (((CsStoreExport *) rows->pdata[0])->errors_confirmed);
  g_assert_false (cs_export_job_get_marked_exported (job));
  status = stored_status (f, m->id);
  g_assert_cmpstr (status, ==, "archived");
}

static CsExportJob *
edifact_job (CsManifest *m,
             const char *path,
             gboolean    cancel)
{
  CsExportJob *job = cs_export_job_new ("edifact", m, path);

  cs_export_job_set_edifact (job, "SENDER", "RECIPIENT", NULL, FALSE);
  cs_export_job_set_cancel (job, cancel);
  return job;
}

/* Original, then replacement, then a cancellation, then nothing left to cancel; each sent
 * message has its history row and its own interchange reference. */
static void
test_edifact_history (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) m = stored_draft (f, FALSE);
  g_autoptr(CsExportService) service = cs_export_service_new (f->store, f->catalog);
  const char *names[] = { "first.edi", "second.edi", "cancel.edi" };
  const char *expected[] = { CS_EDIFACT_ORIGINAL, CS_EDIFACT_REPLACEMENT, CS_EDIFACT_CANCELLATION };
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = g_build_filename (f->dir, names[i], NULL);
      g_autoptr(CsExportJob) job = edifact_job (m, out, i == 2);
      g_autofree char *function = NULL;

      g_assert_true (cs_export_service_run (service, job, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (cs_export_job_get_message_function (job), ==, expected[i]);
      function = cs_test_edifact_bgm_function (out);
      g_assert_cmpstr (function, ==, expected[i]);
      g_assert_nonnull (cs_export_job_get_interchange (job));
    }
  sent = cs_edifact_list_sent (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CsEdifactSent *s = sent->pdata[2 - i];   /* newest first */

      g_assert_cmpstr (s->message_function, ==, expected[i]);
      g_assert_cmpstr (s->recipient, ==, "RECIPIENT");
    }
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[0])->interchange, !=,
                   ((CsEdifactSent *) sent->pdata[1])->interchange);

  /* Nothing left to cancel: refused before any file. */
  {
    g_autofree char *out = g_build_filename (f->dir, "again.edi", NULL);
    g_autoptr(CsExportJob) job = edifact_job (m, out, TRUE);
    g_autoptr(GPtrArray) rows = NULL;

    g_assert_false (cs_export_service_run (service, job, NULL, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "Nothing to cancel"));
    g_clear_error (&error);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    rows = exports_of (f, m->id);
    g_assert_cmpuint (rows->len, ==, 3);
  }

  /* A file that is no stored draft has no history: its cancellation is refused with its own
   * code (the command line words it for --cancel), and no file is written. */
  {
    g_autofree char *out = g_build_filename (f->dir, "loose.edi", NULL);
    g_autoptr(CsManifest) loose = cs_test_load_fixture ("railsea-electronics.json");
    g_autoptr(CsExportJob) job = NULL;

    /* differs from the stored draft of the same id: no stored revision matches the file */
    cs_record_set_string (CS_RECORD (loose), "reference", "NOT-STORED-1");
    job = edifact_job (loose, out, TRUE);
    cs_export_job_set_input_file (job, "loose.json");
    g_assert_false (cs_export_service_run (service, job, NULL, &error));
    g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_NOT_STORED);
    g_clear_error (&error);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

typedef struct
{
  GCancellable  *cancellable;
  CsExportStage  cancel_at;
  GArray        *stages;
} ProgressWatch;

static void
on_progress (CsExportJob   *job,
             guint          stage,
             ProgressWatch *w)
{
  g_array_append_val (w->stages, stage);
  if (w->cancellable != NULL && stage == w->cancel_at)
    g_cancellable_cancel (w->cancellable);
}

/* Cancelled before it starts, or at the last moment before writing: no file (nor temporary
 * file), no audit row, no history row, the status unchanged. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsManifest) m = stored_draft (f, FALSE);
  g_autoptr(CsExportService) service = cs_export_service_new (f->store, f->catalog);
  const CsExportStage stages[] = { CS_EXPORT_STAGE_VALIDATING, CS_EXPORT_STAGE_PREPARING,
                                   CS_EXPORT_STAGE_WRITING };

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autofree char *out = g_build_filename (f->dir, "cancelled.edi", NULL);
      g_autoptr(CsExportJob) job = edifact_job (m, out, FALSE);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
      ProgressWatch w = { cancellable, stages[i], seen };
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GPtrArray) sent = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *status = NULL;

      g_signal_connect (job, "progress", G_CALLBACK (on_progress), &w);
      g_assert_false (cs_export_service_run (service, job, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (seen->len, ==, i + 1);
      g_assert_false (cs_export_job_get_written (job));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      assert_only_store (f);
      rows = exports_of (f, m->id);
      g_assert_cmpuint (rows->len, ==, 0);
      sent = cs_edifact_list_sent (f->store, m->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sent->len, ==, 0);
      status = stored_status (f, m->id);
      g_assert_cmpstr (status, ==, "draft");
    }
}

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *w = user_data;

  w->result = g_object_ref (result);
}

/* The async pair with the store thread (as the editor runs it): the work queued on the store
 * thread after a save queued before it, progress in the caller's main context, in order. */
static void
test_async_store_thread (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsManifest) m = stored_draft (f, TRUE);
  g_autoptr(CsStoreThread) thread = cs_store_thread_new (f->db);
  g_autoptr(CsExportService) service = cs_export_service_new_for_thread (thread, f->catalog);
  g_autofree char *out = g_build_filename (f->dir, "async.xlsx", NULL);
  g_autoptr(CsExportJob) job = cs_export_job_new ("xlsx", m, out);
  g_autoptr(GPtrArray) findings = cs_validate (m, f->catalog, NULL);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  ProgressWatch w = { NULL, CS_EXPORT_STAGE_DONE, seen };
  AsyncWait wait = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *status = NULL;
  gint64 revision;

  cs_export_job_set_findings (job, findings);
  cs_export_job_set_error_policy (job, CS_EXPORT_ERRORS_CONFIRMED);
  g_signal_connect (job, "progress", G_CALLBACK (on_progress), &w);
  cs_export_service_run_async (service, job, NULL, async_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cs_export_service_run_finish (service, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (seen->len, ==, 5);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, i);

  cs_store_thread_wait (thread);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  revision = cs_store_get_revision (f->store, m->id, &error);
  g_assert_no_error (error);
  rows = exports_of (f, m->id);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->revision, ==, revision);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->n_errors, ==, count_errors (f, m));
  g_assert_true (((CsStoreExport *) rows->pdata[0])->errors_confirmed);
  status = stored_status (f, m->id);
  g_assert_cmpstr (status, ==, "exported");
}

/* `consign export` goes through the same service: the draft is marked exported as in the
 * editor, and the audit row says the errors were not confirmed. */
static void
test_cli_agrees (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CsManifest) m = stored_draft (f, TRUE);
  g_autofree char *out = g_build_filename (f->dir, "cli.csv", NULL);
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *bin = g_getenv ("CONSIGN_BIN");
  g_autofree char *output = NULL;
  int expected = count_errors (f, m);

  g_assert_nonnull (bin);
  g_assert_cmpint (cs_test_run ((const char *[]) { bin, "--db", f->db, "export", "-f", "csv",
                                                  "-o", out, m->reference, NULL }, &output), ==, 0);
  g_assert_nonnull (strstr (output, "warning: the manifest has"));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  rows = exports_of (f, m->id);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->n_errors, ==, expected);
  g_assert_false (((CsStoreExport *) rows->pdata[0])->errors_confirmed);
  status = stored_status (f, m->id);
  g_assert_cmpstr (status, ==, "exported");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-service/confirmed", Fixture, NULL, fixture_setup, test_confirmed,
              fixture_teardown);
  g_test_add ("/export-service/refused", Fixture, NULL, fixture_setup, test_refused,
              fixture_teardown);
  g_test_add ("/export-service/archived-stays", Fixture, NULL, fixture_setup, test_archived_stays,
              fixture_teardown);
  g_test_add ("/export-service/edifact-history", Fixture, NULL, fixture_setup,
              test_edifact_history, fixture_teardown);
  g_test_add ("/export-service/cancelled", Fixture, NULL, fixture_setup, test_cancelled,
              fixture_teardown);
  g_test_add ("/export-service/async-store-thread", Fixture, NULL, fixture_setup,
              test_async_store_thread, fixture_teardown);
  g_test_add ("/export-service/cli-agrees", Fixture, NULL, fixture_setup, test_cli_agrees,
              fixture_teardown);
  return g_test_run ();
}
