/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-merge.h: two clerks' edits of one draft put together (a three-way merge)
 *
 * When a draft is saved by someone who opened it at revision N while a colleague saved N+1, the
 * colleague's work must not be overwritten. cs_manifest_merge () takes the draft as both opened
 * it (base), as this clerk has it (ours) and as it is stored now (theirs), and keeps every change
 * either made: a value changed on one side only takes that side's value; a value both changed to
 * different values is a conflict, settled by @prefer and reported, so that the editor can show
 * who changed what and let the clerk choose.
 *
 * Records merge field by field, on the model (no JSON is written or read: a 100,000-line draft
 * merges in about a second). Lists of records merge element by element, matched by what
 * identifies an element rather than its position: cargo lines by their line number, containers by
 * their number, documents by kind and number (legs and the rest by position). A line added on one
 * side is kept, in that side's order; a line deleted on one side and left alone on the other is
 * deleted; deleted on one side and changed on the other is a conflict. Lists of plain values
 * (VINs with their containers, seals) merge as one value each.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

typedef enum
{
  CS_MERGE_PREFER_OURS,
  CS_MERGE_PREFER_THEIRS,
} CsMergePrefer;

/* One place both sides changed differently. The values are JSON text; NULL = absent there
 * (deleted, or never there). */
typedef struct
{
  char *path;     /* JSON path as in findings, e.g. "items[3].gross_kg" (positions of the result) */
  char *base;
  char *ours;
  char *theirs;
} CsMergeConflict;

void        cs_merge_conflict_free (CsMergeConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsMergeConflict, cs_merge_conflict_free)

/* The merged manifest (a new, unobserved one; @error is never set, it is kept for callers).
 * @conflicts_out (may be NULL) receives the conflicts, in document order (GPtrArray of
 * CsMergeConflict, free function set; empty when the two edits did not touch the same values). */
CsManifest *cs_manifest_merge      (CsManifest     *base,
                                    CsManifest     *ours,
                                    CsManifest     *theirs,
                                    CsMergePrefer   prefer,
                                    GPtrArray     **conflicts_out,
                                    GError        **error);

typedef enum
{
  CS_CHANGE_CHANGED,   /* a value (a field, or a list of plain values) differs */
  CS_CHANGE_ADDED,     /* an element of a list of records that only the newer side has */
  CS_CHANGE_REMOVED,   /* an element only the older side has */
} CsChangeKind;

/* One place where two versions differ. @path is written as findings write it, with the
 * positions of the newer version; a removed element is named by its position in the older. */
typedef struct
{
  char         *path;
  CsChangeKind  kind;
} CsChange;

void        cs_change_free         (CsChange       *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsChange, cs_change_free)

/* Where @b (newer) differs from @a (older), in document order, at most @max, compared field by
 * field on the model. Elements of lists of records are matched as the merge matches them (cargo
 * lines by line number, containers by number, documents by kind and number, others by
 * position), so a line inserted at the top is one change, not one per line after it.
 * GPtrArray of CsChange (free function set). */
GPtrArray  *cs_manifest_diff       (CsManifest     *a,
                                    CsManifest     *b,
                                    guint           max);

/* The paths of cs_manifest_diff () alone: GPtrArray of char * (free function set). */
GPtrArray  *cs_manifest_changed_paths (CsManifest     *a,
                                       CsManifest     *b,
                                       guint           max);

G_END_DECLS
