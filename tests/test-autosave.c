/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-autosave.c: the store thread and autosave (snapshots saved off the main thread) */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-autosave.h"
#include "cs-json.h"
#include "cs-merge.h"
#include "cs-db.h"
#include <unistd.h>
#include "cs-test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  CsStoreThread *thread;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "drafts.sqlite", NULL);
  f->thread = cs_store_thread_new (f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->thread);   /* joins the thread, closing its connection */
  cs_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Reads the draft back through a connection of our own (as another process would). */
static CsManifest *
read_back (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->path, &error);
  CsManifest *m;

  g_assert_no_error (error);
  m = cs_store_load (store, id, &error);
  g_assert_no_error (error);
  return m;
}

static void
wait_for_state (CsAutosave      *autosave,
                CsAutosaveState  state)
{
  while (cs_autosave_get_state (autosave) != state)
    g_main_context_iteration (NULL, TRUE);
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_thread_jobs (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CsManifest) missing = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  cs_store_thread_list_async (f->thread, NULL, NULL, NULL, got_result, &r1);
  rows = cs_store_thread_list_finish (f->thread, wait_result (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);

  cs_store_thread_load_async (f->thread, "NO-SUCH-REF", NULL, got_result, &r2);
  missing = cs_store_thread_load_finish (f->thread, wait_result (&r2), &error);
  g_assert_null (missing);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  cs_store_thread_list_async (f->thread, NULL, NULL, cancelled, got_result, &r3);
  g_assert_null (cs_store_thread_list_finish (f->thread, wait_result (&r3), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
record_state (CsAutosave *autosave,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%d", cs_autosave_get_state (autosave));
}

static void
test_edit_reaches_store (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = cs_autosave_new (f->thread);
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GString) log = g_string_new (NULL);

  cs_autosave_set_delays (autosave, 5, 20);
  cs_autosave_set_manifest (autosave, m, FALSE);
  g_signal_connect (autosave, "notify::state", G_CALLBACK (record_state), log);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVED);

  cs_record_set_string (CS_RECORD (m), "notes", "Handle with care");
  cs_autosave_schedule (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_UNSAVED);
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  /* unsaved → saving → saved */
  g_assert_cmpstr (log->str, ==, "120");
  g_assert_cmpint (cs_autosave_get_revision (autosave), >=, 1);

  back = read_back (f, m->id);
  g_assert_true (cs_record_equal (CS_RECORD (back), CS_RECORD (m)));
}

static void
test_burst_is_one_save_and_flush (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = cs_autosave_new (f->thread);
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  CsItem *item = CS_MANIFEST_ITEM (m, 0);
  gint64 first;

  /* Long delays: nothing is saved until flush. */
  cs_autosave_set_delays (autosave, 60000, 60000);
  cs_autosave_set_manifest (autosave, m, FALSE);
  for (guint i = 1; i <= 50; i++)
    {
      cs_record_set_number (CS_RECORD (item), "gross_kg", 1000 + i);
      cs_autosave_schedule (autosave);
    }
  cs_autosave_set_counts (autosave, 2, 3);
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVED);
  first = cs_autosave_get_revision (autosave);
  g_assert_cmpint (first, ==, 1);

  back = read_back (f, m->id);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, 1050);

  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CsStoreSummary) s = cs_store_get_summary (store, m->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (s->n_errors, ==, 2);
    g_assert_cmpint (s->n_warnings, ==, 3);
  }

  /* Nothing pending: flushing again writes nothing. */
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, first);
}

static void
test_edits_during_save (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = cs_autosave_new (f->thread);
  g_autoptr(CsManifest) back = NULL;

  cs_autosave_set_delays (autosave, 60000, 60000);
  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_record_set_string (CS_RECORD (m), "notes", "one");
  cs_autosave_schedule (autosave);
  cs_autosave_save_now (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVING);
  /* An edit while the save runs: saved right after it. */
  cs_record_set_string (CS_RECORD (m), "notes", "two");
  cs_autosave_schedule (autosave);
  cs_autosave_save_now (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, 2);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "two");
}

static void
test_failed_save_reports (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsManifest) b = cs_manifest_new_draft ();
  g_autoptr(CsAutosave) autosave = cs_autosave_new (f->thread);

  cs_autosave_set_delays (autosave, 1, 1);
  cs_autosave_set_manifest (autosave, a, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);

  /* A second draft takes the first one's reference: the store refuses, we say so. */
  cs_autosave_set_manifest (autosave, b, FALSE);
  cs_record_set_string (CS_RECORD (b), "reference", a->reference);
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_ERROR);
  g_assert_nonnull (strstr (cs_autosave_get_error (autosave), a->reference));

  /* Fixing it saves again. */
  cs_record_set_string (CS_RECORD (b), "reference", "QZH2604-0043");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  g_assert_null (cs_autosave_get_error (autosave));
}

/* ---- two clerks, and the server going away ----------------------------------------------- */

/* The other clerk: a connection of its own that loads the draft, changes it and saves it. */
static gint64
other_clerk_saves (Fixture    *f,
                   const char *id,
                   const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->path, &error);
  g_autoptr(CsManifest) theirs = NULL;
  gint64 revision = 0;

  g_assert_no_error (error);
  theirs = cs_store_load (store, id, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (theirs), "notes", notes);
  g_assert_true (cs_store_save (store, theirs, &revision, &error));
  g_assert_no_error (error);
  return revision;
}

/* Lets the pending files being written or removed off the main thread land. */
static void
wait_kept (CsAutosave *autosave)
{
  while (cs_autosave_is_keeping (autosave))
    g_main_context_iteration (NULL, TRUE);
}

static CsAutosave *
autosave_in (Fixture *f)
{
  CsAutosave *autosave = cs_autosave_new (f->thread);
  g_autofree char *pending = g_build_filename (f->dir, "pending", NULL);

  cs_autosave_set_pending_dir (autosave, pending);
  cs_autosave_set_delays (autosave, 1, 1);
  cs_autosave_set_retry_delay (autosave, 1);
  return autosave;
}

static void
test_conflict_keeps_both (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsManifest) merged = NULL;
  g_autoptr(CsManifest) kept = NULL;
  g_autoptr(CsManifest) kept_base = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  double gross = CS_MANIFEST_ITEM (m, 0)->gross_kg;
  gint64 theirs_revision, kept_revision = 0;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, 1);
  /* The base is the draft as stored at that revision. */
  g_assert_nonnull (cs_autosave_get_base (autosave));
  g_assert_true (cs_record_equal (CS_RECORD (cs_autosave_get_base (autosave)), CS_RECORD (m)));

  /* Li Wei saves a note; we change a weight meanwhile. */
  theirs_revision = other_clerk_saves (f, m->id, "Call before delivery");
  g_assert_cmpint (theirs_revision, ==, 2);
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "gross_kg", gross + 5);
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_CONFLICT);

  /* Nothing was written over theirs. */
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "Call before delivery");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross);
  g_clear_object (&back);
  /* The editor gets theirs, the base and who/when. */
  g_assert_cmpstr (cs_autosave_get_theirs (autosave)->notes, ==, "Call before delivery");
  g_assert_cmpint (cs_autosave_get_their_revision (autosave), ==, theirs_revision);
  g_assert_nonnull (cs_autosave_get_their_summary (autosave));
  g_assert_cmpfloat (CS_MANIFEST_ITEM (cs_autosave_get_base (autosave), 0)->gross_kg, ==, gross);
  g_assert_cmpstr (cs_autosave_get_base (autosave)->notes, ==,
                   "Seal for the second box is issued at the Qinzhou terminal.");
  g_assert_nonnull (cs_autosave_get_error (autosave));
  /* Yours is already on disk. */
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), m->id);
  kept = cs_autosave_read_pending (pending, f->path, &kept_base, &kept_revision, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (kept, 0)->gross_kg, ==, gross + 5);
  g_assert_cmpint (kept_revision, ==, 1);
  g_assert_nonnull (kept_base);

  /* More edits while in conflict are not saved. */
  cs_record_set_string (CS_RECORD (m), "reference", "QZH2604-0099");
  cs_autosave_schedule (autosave);
  cs_autosave_save_now (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_CONFLICT);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->reference, !=, "QZH2604-0099");
  g_clear_object (&back);
  /* ... but they reach the copy kept on this computer. */
  wait_kept (autosave);
  g_clear_object (&kept);
  g_clear_object (&kept_base);
  kept = cs_autosave_read_pending (pending, f->path, &kept_base, &kept_revision, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->reference, ==, "QZH2604-0099");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (kept, 0)->gross_kg, ==, gross + 5);

  /* Keep both: the merge is saved over their revision. */
  merged = cs_manifest_merge (cs_autosave_get_base (autosave), m, cs_autosave_get_theirs (autosave),
                              CS_MERGE_PREFER_OURS, &conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  cs_autosave_resolve (autosave, merged);
  g_assert_true (cs_autosave_get_manifest (autosave) == merged);
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, theirs_revision + 1);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "Call before delivery");
  g_assert_cmpstr (back->reference, ==, "QZH2604-0099");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross + 5);
  /* Saved: the copy kept on disk is gone. */
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
}

/* Someone saved the draft again without changing anything we opened (the same note written
 * again): not a conflict, ours is saved over their revision. */
static void
test_conflict_without_changes (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) back = NULL;
  g_autofree char *pending = NULL;
  double gross = CS_MANIFEST_ITEM (m, 0)->gross_kg;
  gint64 theirs_revision;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, 1);

  theirs_revision = other_clerk_saves (f, m->id, m->notes);   /* the same text: a new revision */
  g_assert_cmpint (theirs_revision, ==, 2);
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "gross_kg", gross + 5);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVED);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, 3);
  back = read_back (f, m->id);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross + 5);
  /* nothing waits on disk */
  wait_kept (autosave);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), m->id);
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
}

static void
test_conflict_keep_theirs_and_close (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) kept = NULL;
  g_autoptr(CsManifest) theirs = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  gint64 revision = 0;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  other_clerk_saves (f, m->id, "theirs");
  cs_record_set_string (CS_RECORD (m), "notes", "mine");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_CONFLICT);

  /* An edit after the conflict, then the window closes: yours as it is now stays on disk. */
  cs_record_set_string (CS_RECORD (m), "notes", "mine, later");
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_CONFLICT);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), m->id);
  kept = cs_autosave_read_pending (pending, f->path, NULL, &revision, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->notes, ==, "mine, later");
  g_assert_cmpint (revision, ==, 1);
  /* ... and belongs to this store only. */
  g_assert_null (cs_autosave_read_pending (pending, "/elsewhere.sqlite", NULL, NULL, &error));
  g_assert_no_error (error);

  /* A PostgreSQL store's password is never written into the file. */
  {
    g_autofree char *other = g_build_filename (f->dir, "pg.json", NULL);
    g_autofree char *text = NULL;
    g_autoptr(CsManifest) again = NULL;

    g_assert_true (cs_autosave_write_pending (other, "postgresql://clerk:s3cret@db.example/consign",
                                              m, NULL, 4, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (other, &text, NULL, &error));
    g_assert_null (strstr (text, "s3cret"));
    g_assert_nonnull (strstr (text, "postgresql://clerk@db.example/consign"));
    again = cs_autosave_read_pending (other, "postgresql://clerk:s3cret@db.example/consign",
                                      NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (again);
  }

  /* Keep theirs: nothing is written, the copy on disk is dropped. */
  theirs = g_object_ref (cs_autosave_get_theirs (autosave));
  cs_autosave_resolve (autosave, theirs);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVED);
  wait_kept (autosave);
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, 2);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "theirs");
}

static void
test_unreachable_keeps_and_sends (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) kept = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  gint64 revision = 0;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), m->id);

  /* The server goes away while the clerk types. */
  cs_autosave_set_retry_delay (autosave, 60000);
  cs_autosave_set_test_unreachable (autosave, TRUE);
  cs_record_set_string (CS_RECORD (m), "notes", "typed offline");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_OFFLINE);
  wait_kept (autosave);
  g_assert_nonnull (cs_autosave_get_error (autosave));
  kept = cs_autosave_read_pending (pending, f->path, NULL, &revision, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->notes, ==, "typed offline");
  g_assert_cmpint (revision, ==, 1);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "Seal for the second box is issued at the Qinzhou terminal.");
  g_clear_object (&back);
  /* Typing on refreshes the copy kept on disk. */
  cs_record_set_string (CS_RECORD (m), "notes", "typed offline, more");
  cs_autosave_schedule (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_OFFLINE);
  cs_autosave_save_now (autosave);
  cs_store_thread_wait (f->thread);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  wait_kept (autosave);
  g_clear_object (&kept);
  kept = cs_autosave_read_pending (pending, f->path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->notes, ==, "typed offline, more");

  /* The server is back: the retry sends it (through the revision check) and the file goes. */
  cs_autosave_set_test_unreachable (autosave, FALSE);
  cs_autosave_set_retry_delay (autosave, 1);
  cs_autosave_save_now (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "typed offline, more");
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
}

/* Closing (flush) with the store away writes what was typed since, at once and before
 * returning: the program may end right after. */
static void
test_unreachable_flush_keeps (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;
  gint64 revision = 0;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), m->id);

  cs_autosave_set_retry_delay (autosave, 60000);
  cs_autosave_set_test_unreachable (autosave, TRUE);
  cs_record_set_string (CS_RECORD (m), "notes", "typed offline");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_OFFLINE);
  /* typed after the failed save; no timer gets to run before the window closes */
  cs_record_set_string (CS_RECORD (m), "notes", "typed offline, last words");
  cs_autosave_flush (autosave);
  g_assert_false (cs_autosave_is_keeping (autosave));
  kept = cs_autosave_read_pending (pending, f->path, NULL, &revision, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->notes, ==, "typed offline, last words");
  g_assert_cmpint (revision, ==, 1);
}

static void
test_unreachable_then_conflict (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) back = NULL;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);

  cs_autosave_set_test_unreachable (autosave, TRUE);
  cs_record_set_string (CS_RECORD (m), "reference", "QZH2604-0077");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_OFFLINE);
  /* While we were cut off, someone else saved: coming back is a conflict, not an overwrite. */
  other_clerk_saves (f, m->id, "theirs");
  cs_autosave_set_test_unreachable (autosave, FALSE);
  wait_for_state (autosave, CS_AUTOSAVE_CONFLICT);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "theirs");
  g_assert_cmpstr (back->reference, !=, "QZH2604-0077");
}

static void
test_deleted_meanwhile (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = autosave_in (f);
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending = NULL;

  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), m->id);
  store = cs_store_open (f->path, &error);
  g_assert_no_error (error);

  /* Someone deletes the draft while we edit: a conflict with nothing on their side. */
  g_assert_true (cs_store_delete (store, m->id, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (m), "notes", "mine");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_CONFLICT);
  g_assert_true (cs_autosave_is_deleted (autosave));
  g_assert_null (cs_autosave_get_theirs (autosave));
  g_assert_true (g_file_test (pending, G_FILE_TEST_EXISTS));

  /* Restored: saved anew with our changes. */
  cs_autosave_resolve (autosave, m);
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  back = read_back (f, m->id);
  g_assert_cmpstr (back->notes, ==, "mine");
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));

  /* Deleted again, and this time let go: nothing saved, nothing left on disk. */
  g_assert_true (cs_store_delete (store, m->id, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (m), "notes", "mine again");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_CONFLICT);
  g_assert_true (cs_autosave_is_deleted (autosave));
  cs_autosave_discard (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVED);
  wait_kept (autosave);
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
  cs_autosave_flush (autosave);
  g_assert_null (cs_store_lookup_id (store, m->id, &error));
  g_assert_no_error (error);
}

/* ---- on PostgreSQL: the server really goes away --------------------------------------------- */

/* Runs pg_ctl on the throwaway cluster of tests/pg-cluster.sh (as "postgres" when we are root,
 * as that script does). */
static void
pg_ctl (const char *socket_dir,
        const char *command)
{
  const char *bindir = g_getenv ("PG_BINDIR") ? g_getenv ("PG_BINDIR") : "/usr/lib/postgresql/15/bin";
  g_autofree char *pg_ctl_path = g_build_filename (bindir, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (socket_dir, "data", NULL);
  g_autofree char *log = g_build_filename (socket_dir, "server.log", NULL);
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=off", socket_dir);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (getuid () == 0)
    {
      g_ptr_array_add (argv, (gpointer) "runuser");
      g_ptr_array_add (argv, (gpointer) "-u");
      g_ptr_array_add (argv, (gpointer) "postgres");
      g_ptr_array_add (argv, (gpointer) "--");
    }
  g_ptr_array_add (argv, pg_ctl_path);
  g_ptr_array_add (argv, (gpointer) "-D");
  g_ptr_array_add (argv, data);
  g_ptr_array_add (argv, (gpointer) "-w");
  if (g_strcmp0 (command, "stop") == 0)
    {
      g_ptr_array_add (argv, (gpointer) "-m");
      g_ptr_array_add (argv, (gpointer) "fast");
    }
  else
    {
      g_ptr_array_add (argv, (gpointer) "-l");
      g_ptr_array_add (argv, log);
      g_ptr_array_add (argv, (gpointer) "-o");
      g_ptr_array_add (argv, options);
    }
  g_ptr_array_add (argv, (gpointer) command);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pg_ctl %s: %s\n%s%s", command, error->message, out, err);
}

static void
test_postgresql_server_goes_away (Fixture       *f,
                                  gconstpointer  data)
{
  const char *location = g_getenv ("CONSIGN_TEST_DB");
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(CsStoreThread) thread = cs_store_thread_new (location);
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsAutosave) autosave = cs_autosave_new (thread);
  g_autoptr(CsManifest) kept = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pending_dir = g_build_filename (f->dir, "pending", NULL);
  g_autofree char *pending = NULL;
  const char *socket_dir;

  params = g_uri_parse_params (strchr (location, '?') + 1, -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  socket_dir = g_hash_table_lookup (params, "host");
  g_assert_nonnull (socket_dir);

  cs_autosave_set_pending_dir (autosave, pending_dir);
  cs_autosave_set_delays (autosave, 1, 1);
  cs_autosave_set_retry_delay (autosave, 50);
  cs_autosave_set_manifest (autosave, m, FALSE);
  cs_autosave_schedule (autosave);
  cs_autosave_flush (autosave);
  g_assert_cmpint (cs_autosave_get_state (autosave), ==, CS_AUTOSAVE_SAVED);
  pending = cs_autosave_pending_path (pending_dir, m->id);

  /* The server stops while the clerk types: the edit is kept here, and retried. */
  pg_ctl (socket_dir, "stop");
  cs_record_set_string (CS_RECORD (m), "notes", "Typed while the server was down.");
  cs_autosave_schedule (autosave);
  wait_for_state (autosave, CS_AUTOSAVE_OFFLINE);
  wait_kept (autosave);
  kept = cs_autosave_read_pending (pending, location, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->notes, ==, "Typed while the server was down.");

  /* It comes back: the retry reconnects, and the save passes the revision check. */
  pg_ctl (socket_dir, "start");
  wait_for_state (autosave, CS_AUTOSAVE_SAVED);
  g_assert_cmpint (cs_autosave_get_revision (autosave), ==, 2);
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
  store = cs_store_open (location, &error);
  g_assert_no_error (error);
  back = cs_store_load (store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->notes, ==, "Typed while the server was down.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-thread/jobs", Fixture, NULL, fixture_setup, test_thread_jobs, fixture_teardown);
  g_test_add ("/autosave/edit-reaches-store", Fixture, NULL, fixture_setup, test_edit_reaches_store,
              fixture_teardown);
  g_test_add ("/autosave/burst-and-flush", Fixture, NULL, fixture_setup,
              test_burst_is_one_save_and_flush, fixture_teardown);
  g_test_add ("/autosave/edits-during-save", Fixture, NULL, fixture_setup, test_edits_during_save,
              fixture_teardown);
  g_test_add ("/autosave/failed-save", Fixture, NULL, fixture_setup, test_failed_save_reports,
              fixture_teardown);

  g_test_add ("/autosave/conflict-keeps-both", Fixture, NULL, fixture_setup,
              test_conflict_keeps_both, fixture_teardown);
  g_test_add ("/autosave/conflict-without-changes", Fixture, NULL, fixture_setup,
              test_conflict_without_changes, fixture_teardown);
  g_test_add ("/autosave/conflict-keep-theirs-and-close", Fixture, NULL, fixture_setup,
              test_conflict_keep_theirs_and_close, fixture_teardown);
  g_test_add ("/autosave/unreachable-keeps-and-sends", Fixture, NULL, fixture_setup,
              test_unreachable_keeps_and_sends, fixture_teardown);
  g_test_add ("/autosave/unreachable-flush-keeps", Fixture, NULL, fixture_setup,
              test_unreachable_flush_keeps, fixture_teardown);
  g_test_add ("/autosave/unreachable-then-conflict", Fixture, NULL, fixture_setup,
              test_unreachable_then_conflict, fixture_teardown);
  g_test_add ("/autosave/deleted-meanwhile", Fixture, NULL, fixture_setup,
              test_deleted_meanwhile, fixture_teardown);
  /* Under tests/pg-cluster.sh (the autosave-postgresql test): a real server stops and starts. */
  if (cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB")))
    g_test_add ("/autosave/postgresql/server-goes-away", Fixture, NULL, fixture_setup,
                test_postgresql_server_goes_away, fixture_teardown);

  return g_test_run ();
}
