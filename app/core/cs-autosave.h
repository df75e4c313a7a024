/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-autosave.h: edits reach the draft store within a second, off the main thread (no GTK)
 *
 * The editor calls cs_autosave_schedule() on every change of the manifest. After ~500 ms
 * without changes, or at the latest ~1 s after the first unsaved change, a snapshot of the
 * manifest (cs_record_copy, taken on the main thread) is saved by the store thread in one
 * transaction. At most one save is in flight; changes made meanwhile are saved right after.
 * "state" tells the header bar what to show. cs_autosave_flush() saves what is pending and
 * waits for it (the window calls it when it closes).
 *
 * Two clerks, one draft: the autosave remembers the revision of the draft it follows (as loaded,
 * then as last saved) and a copy of the draft as it was then (the base), and saves with
 * cs_store_save_if_revision(). When someone else saved the draft in between, nothing is written:
 * the state becomes CS_AUTOSAVE_CONFLICT, autosaving of that draft stops, and the draft as stored
 * now (theirs), its summary (who, when) and the base wait for the editor, which settles it with
 * cs_autosave_resolve().
 *
 * The server going away: a save that fails with CS_STORE_ERROR_UNREACHABLE keeps the snapshot in a
 * local pending file (PENDING_DIR/ID.json, written atomically by a worker thread, with the base
 * and the expected revision; the store thread drops its lost connection and opens a new one for
 * the next job) and is retried with backoff (state CS_AUTOSAVE_OFFLINE). When the
 * store answers again, the save goes through the revision check like any other, and the pending
 * file is removed once the draft is in the store. A draft left, or a window closed, while in
 * conflict keeps "yours" the same way: its pending file, offered back when the draft is next
 * opened (see cs_autosave_read_pending()).
 */
#pragma once

#include "cs-store-thread.h"

G_BEGIN_DECLS

typedef enum
{
  CS_AUTOSAVE_SAVED,      /* everything is in the store */
  CS_AUTOSAVE_UNSAVED,    /* changes wait for the next save */
  CS_AUTOSAVE_SAVING,     /* a save is running */
  CS_AUTOSAVE_ERROR,      /* the last save failed (see cs_autosave_get_error); retried on the next change */
  CS_AUTOSAVE_CONFLICT,   /* someone else saved the draft meanwhile; nothing more is saved until resolved */
  CS_AUTOSAVE_OFFLINE,    /* the store cannot be reached: kept in the pending file, retried */
} CsAutosaveState;

#define CS_TYPE_AUTOSAVE_STATE (cs_autosave_state_get_type ())
GType cs_autosave_state_get_type (void);

#define CS_TYPE_AUTOSAVE (cs_autosave_get_type ())
G_DECLARE_FINAL_TYPE (CsAutosave, cs_autosave, CS, AUTOSAVE, GObject)

CsAutosave      *cs_autosave_new          (CsStoreThread *thread);

/* The manifest being edited (may be NULL); pending changes of the previous one are saved first.
 * @in_store: the draft was loaded from the store (FALSE for a new draft not saved yet). */
void             cs_autosave_set_manifest (CsAutosave    *self,
                                           CsManifest    *manifest,
                                           gboolean       in_store);
/* The same, knowing the stored revision @manifest was read at (0: unknown, then saved without a
 * check) and that stored version itself, @base (may be NULL: a copy of @manifest is taken). */
void             cs_autosave_set_manifest_at (CsAutosave *self,
                                              CsManifest *manifest,
                                              gboolean    in_store,
                                              gint64      revision,
                                              CsManifest *base);
CsManifest      *cs_autosave_get_manifest (CsAutosave    *self);
/* The draft as stored at the revision this manifest was opened or last saved at (NULL before). */
CsManifest      *cs_autosave_get_base     (CsAutosave    *self);

/* In CS_AUTOSAVE_CONFLICT: the draft as stored now, its revision, and its summary (updated_by,
 * updated). NULL / 0 otherwise. */
CsManifest      *cs_autosave_get_theirs   (CsAutosave    *self);
gint64           cs_autosave_get_their_revision (CsAutosave *self);
CsStoreSummary  *cs_autosave_get_their_summary  (CsAutosave *self);
/* In CS_AUTOSAVE_CONFLICT: the draft was deleted by someone else meanwhile (theirs is NULL). */
gboolean         cs_autosave_is_deleted   (CsAutosave    *self);
/* Settles the conflict: @result (what the clerk chose; it becomes the manifest followed, and may
 * be the current manifest) is saved over theirs with their revision expected, unless it equals
 * theirs. When the draft was deleted, @result must be the current manifest: it is saved anew. */
void             cs_autosave_resolve      (CsAutosave    *self,
                                           CsManifest    *result);
/* Settles the conflict by dropping yours (its copy on disk too); nothing is saved. For a draft
 * deleted by someone else, when the clerk lets it go. */
void             cs_autosave_discard      (CsAutosave    *self);

/* Something changed: save soon. */
void             cs_autosave_schedule     (CsAutosave    *self);
/* The validator's counts, written with the next save (or on their own when nothing else is due). */
void             cs_autosave_set_counts   (CsAutosave    *self,
                                           guint          n_errors,
                                           guint          n_warnings);
/* Starts a save now if anything is pending (no waiting for quiet). */
void             cs_autosave_save_now     (CsAutosave    *self);
/* Saves what is pending and blocks until the store thread has written it. */
void             cs_autosave_flush        (CsAutosave    *self);

CsAutosaveState  cs_autosave_get_state    (CsAutosave    *self);
/* The message of the last failed save, or NULL. */
const char      *cs_autosave_get_error    (CsAutosave    *self);
/* The store revision of the last successful save of this manifest (0 before any). */
gint64           cs_autosave_get_revision (CsAutosave    *self);

/* Where pending files go (default: cs_autosave_default_pending_dir()). */
void             cs_autosave_set_pending_dir (CsAutosave *self,
                                              const char *dir);
const char      *cs_autosave_get_pending_dir (CsAutosave *self);
/* $XDG_STATE_HOME/consign/pending. Free with g_free. */
char            *cs_autosave_default_pending_dir (void);
/* PENDING_DIR/ID.json. Free with g_free. */
char            *cs_autosave_pending_path (const char    *dir,
                                           const char    *id);
/* Writes a pending file atomically: @ours, @base (may be NULL), the revision expected and the
 * store it belongs to (a PostgreSQL URI is written without its password). Any thread. */
gboolean         cs_autosave_write_pending (const char   *path,
                                            const char   *store,
                                            CsManifest   *ours,
                                            CsManifest   *base,
                                            gint64        expected_revision,
                                            GError      **error);
/* Reads one back: "yours" (NULL with @error set when it cannot be read; NULL without error when
 * there is no such file or it belongs to another store), its base (may be NULL) and revision.
 * Any thread. */
CsManifest      *cs_autosave_read_pending (const char    *path,
                                           const char    *store,
                                           CsManifest   **base_out,
                                           gint64        *expected_revision_out,
                                           GError       **error);

/* Whether a pending file is being written or removed (off the main thread) right now. */
gboolean         cs_autosave_is_keeping   (CsAutosave    *self);

/* Tests: every save fails with CS_STORE_ERROR_UNREACHABLE while @unreachable is set (as if the
 * server had gone away); the first retry waits @retry_ms (doubling up to 30 s). */
void             cs_autosave_set_test_unreachable (CsAutosave *self,
                                                   gboolean    unreachable);
void             cs_autosave_set_retry_delay (CsAutosave *self,
                                              guint       retry_ms);

/* Timings in milliseconds (tests shorten them). */
void             cs_autosave_set_delays   (CsAutosave    *self,
                                           guint          quiet_ms,
                                           guint          max_latency_ms);

G_END_DECLS
