/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-autosave.h: edits reach the draft store within a second, off the main thread (no GTK)
 *
 * The editor calls cs_autosave_schedule() on every change of the manifest. After ~500 ms
 * without changes, or at the latest ~1 s after the first unsaved change, a snapshot of the
 * manifest (cs_record_copy, taken on the main thread) is saved by the store thread in one
 * transaction. At most one save is in flight; changes made meanwhile are saved right after.
 * "state" tells the header bar what to show. cs_autosave_flush() saves what is pending and
 * waits for it (the window calls it when it closes).
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
CsManifest      *cs_autosave_get_manifest (CsAutosave    *self);

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

/* Timings in milliseconds (tests shorten them). */
void             cs_autosave_set_delays   (CsAutosave    *self,
                                           guint          quiet_ms,
                                           guint          max_latency_ms);

G_END_DECLS
