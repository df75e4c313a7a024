/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-review-page.h: findings grouped by severity, totals, Mark ready and export */
#pragma once

#include <adwaita.h>

#include "cs-editor-page.h"

G_BEGIN_DECLS

#define CS_TYPE_REVIEW_PAGE (cs_review_page_get_type ())
G_DECLARE_FINAL_TYPE (CsReviewPage, cs_review_page, CS, REVIEW_PAGE, CsEditorPage)

GtkWidget *cs_review_page_new            (CsContext    *context);
void       cs_review_page_set_manifest   (CsReviewPage *self,
                                          CsManifest   *manifest);
void       cs_review_page_set_validation (CsReviewPage *self,
                                          CsValidation *validation);
/* Activates the @position-th finding as a click does (emits "finding-activated"). */
void       cs_review_page_activate_finding (CsReviewPage *self,
                                            guint         position);
/* Activates the @position-th row of the list as a click or Enter does: a summed-up entry opens
 * (or closes) to its lines, a finding or line emits "finding-activated". */
void       cs_review_page_activate_row   (CsReviewPage *self,
                                          guint         position);
/* The findings list (for tests): its model's items are GtkTreeListRow of CsFindingGroup
 * (an entry) and, in open entries, of CsFinding (a line). */
GtkWidget *cs_review_page_get_list_view  (CsReviewPage *self);

G_END_DECLS
