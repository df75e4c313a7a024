/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding-group.h: identical findings summed up where people read them
 *
 * A 100,000-line manifest can have tens of thousands of findings that say the same thing of
 * different lines ("Line 7 has no HS code", "Line 10 has no HS code", …). Findings of one rule,
 * severity and hint are one problem; with at least CS_FINDING_GROUP_MIN of them people read one
 * entry ("33,334 lines: …") and open the lines on demand. `consign validate` and the editor's
 * Review page both group with this, so they always agree.
 */
#pragma once

#include "cs-finding.h"

G_BEGIN_DECLS

/* Fewer findings of one shape than this stay one entry each. */
#define CS_FINDING_GROUP_MIN 4

/* An entry: a GListModel of its CsFinding, in their given order (at least one); it never
 * changes after cs_finding_group_findings() made it. */
#define CS_TYPE_FINDING_GROUP (cs_finding_group_get_type ())
G_DECLARE_FINAL_TYPE (CsFindingGroup, cs_finding_group, CS, FINDING_GROUP, GObject)

/* TRUE when @a and @b are the same problem: same rule, severity and hint. */
gboolean        cs_finding_same_shape             (const CsFinding *a,
                                                   const CsFinding *b);

CsFinding      *cs_finding_group_get_first        (CsFindingGroup *self);
guint           cs_finding_group_get_n_findings   (CsFindingGroup *self);
CsFinding      *cs_finding_group_get_finding      (CsFindingGroup *self,
                                                   guint           index);

/* Sums up @n_findings @findings (in the order they are to be read, e.g. cs_validate()'s):
 * returns a GPtrArray of CsFindingGroup, one entry per shape with at least @min findings (at the
 * place of its first finding) and one entry of one finding for each of the others, in order.
 * @min 0 or 1 never leaves a finding alone; G_MAXUINT groups nothing. Holds references. */
GPtrArray      *cs_finding_group_findings         (CsFinding * const *findings,
                                                   guint              n_findings,
                                                   guint              min);

G_END_DECLS
