/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-conflict-dialog.h: someone else saved the draft while you were editing — who changed what
 *
 * Shown by the window when the autosave finds the stored draft moved past the revision it was
 * opened at (CS_AUTOSAVE_CONFLICT). Lists their changes and yours (as field labels, the way the
 * Review page names fields) and the places both changed, with both values, and offers: keep
 * theirs (your edits are dropped), keep yours (your version replaces theirs), keep both (the
 * three-way merge, offered only when the two edits touch no field in common; otherwise disabled
 * with the reason). The choice is given by the "chosen" signal; the window applies it.
 *
 * The comparison (what each changed, and the merge: over a second for 100,000 lines) runs on a
 * worker thread as soon as the dialog is made; until it is done the dialog says it is comparing
 * and Keep Both waits (:ready turns TRUE). Closing the dialog cancels it. The merge is made once
 * and kept for Keep Both.
 */
#pragma once

#include <adwaita.h>

#include "cs-model.h"

G_BEGIN_DECLS

typedef enum
{
  CS_CONFLICT_KEEP_THEIRS,
  CS_CONFLICT_KEEP_YOURS,
  CS_CONFLICT_KEEP_BOTH,
} CsConflictChoice;

#define CS_TYPE_CONFLICT_DIALOG (cs_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CsConflictDialog, cs_conflict_dialog, CS, CONFLICT_DIALOG, AdwWindow)

/* @who (may be NULL: "Someone else") saved @theirs at @when (Unix time, 0 = unknown). */
CsConflictDialog *cs_conflict_dialog_new        (CsManifest       *base,
                                                 CsManifest       *ours,
                                                 CsManifest       *theirs,
                                                 const char       *who,
                                                 gint64            when);
/* "Li Wei saved this draft at 14:02 while you were editing." Free with g_free. */
char             *cs_conflict_headline          (const char       *who,
                                                 gint64            when);
/* TRUE once the comparison is done (the lists, and Keep Both when it can be offered). */
gboolean          cs_conflict_dialog_is_ready   (CsConflictDialog *self);
/* FALSE until ready, and when both changed the same fields. */
gboolean          cs_conflict_dialog_can_keep_both (CsConflictDialog *self);
/* The merge of both (NULL when they touch the same fields). */
CsManifest       *cs_conflict_dialog_get_merged (CsConflictDialog *self);
/* Paths changed by them, by you, and by both (for tests; arrays of char *; NULL until ready). */
GPtrArray        *cs_conflict_dialog_get_changes (CsConflictDialog *self,
                                                  CsConflictChoice  whose);
/* As if the button was pressed: emits "chosen" and closes. */
void              cs_conflict_dialog_choose     (CsConflictDialog *self,
                                                 CsConflictChoice  choice);

G_END_DECLS
