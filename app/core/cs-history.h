/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-history.h: undo and redo over every edit of a live manifest (no GTK)
 *
 * A CsHistory listens to the manifest's "will-change" (the old value is still in place) and
 * "changed" signals and records, per edit, the field's old and new value: strings, numbers,
 * booleans, string and integer vectors, sub-records (by reference, so later edits of the same
 * sub-record still undo and redo in order) and list splices (only the range that differs, as
 * arrays of references).
 *
 * Edits are grouped into undo steps: every edit made within one main-loop turn goes into one
 * step (a group closes at the next idle), and successive edits of the same text field within
 * "burst-timeout" milliseconds of each other (a typing burst) merge into one step.
 * cs_history_seal() closes the current step and ends any burst (call it when focus moves).
 *
 * Undo and redo apply the values with the notifying setters, so every other observer (views,
 * validation, autosave) hears them; the history ignores its own edits.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_TYPE_HISTORY (cs_history_get_type ())
G_DECLARE_FINAL_TYPE (CsHistory, cs_history, CS, HISTORY, GObject)

CsHistory  *cs_history_new               (CsManifest *manifest);
CsManifest *cs_history_get_manifest      (CsHistory  *self);

gboolean    cs_history_get_can_undo      (CsHistory  *self);
gboolean    cs_history_get_can_redo      (CsHistory  *self);
/* Number of steps on each stack (for tests and the UI). */
guint       cs_history_get_n_undo        (CsHistory  *self);
guint       cs_history_get_n_redo        (CsHistory  *self);

/* Reverts / reapplies one step; FALSE when there is nothing to do. When @origin_out or
 * @field_out are given they receive the record (borrowed) and field name of the step's first
 * edit, so that an editor can show it. */
gboolean    cs_history_undo              (CsHistory  *self,
                                          CsRecord  **origin_out,
                                          const char **field_out);
gboolean    cs_history_redo              (CsHistory  *self,
                                          CsRecord  **origin_out,
                                          const char **field_out);

/* Closes the open step now and ends the current typing burst. */
void        cs_history_seal              (CsHistory  *self);
/* Forgets every step. */
void        cs_history_clear             (CsHistory  *self);

/* Milliseconds between keystrokes that still belong to one typing burst; 0 = never merge. */
guint       cs_history_get_burst_timeout (CsHistory  *self);
void        cs_history_set_burst_timeout (CsHistory  *self,
                                          guint       msec);

G_END_DECLS
