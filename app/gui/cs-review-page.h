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
/* The findings list (for tests). */
GtkWidget *cs_review_page_get_list_view  (CsReviewPage *self);

G_END_DECLS
