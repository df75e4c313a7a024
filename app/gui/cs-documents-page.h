/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-documents-page.h: the Documents page of the editor
 *
 * A checklist of the documents the cargo and the route require (from the catalog's
 * requirements, the same ones the validator applies), each ticked when the manifest has it,
 * with a button to add a missing one; below, every document with its kind, number, dates,
 * issuer and the lines it covers. Widget actions: "documents.add", "documents.remove".
 */
#pragma once

#include <adwaita.h>

#include "cs-editor-page.h"

G_BEGIN_DECLS

#define CS_TYPE_DOCUMENTS_PAGE (cs_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (CsDocumentsPage, cs_documents_page, CS, DOCUMENTS_PAGE, CsEditorPage)

GtkWidget  *cs_documents_page_new            (CsContext       *context);
void        cs_documents_page_set_manifest   (CsDocumentsPage *self,
                                              CsManifest      *manifest);
CsManifest *cs_documents_page_get_manifest   (CsDocumentsPage *self);
void        cs_documents_page_set_validation (CsDocumentsPage *self,
                                              CsValidation    *validation);
/* "documents[0].expires_on": expands that document and focuses the field. */
gboolean    cs_documents_page_focus_path     (CsDocumentsPage *self,
                                              const char      *json_path);

/* For tests: the checklist as "kind:state" strings ("phytosanitary:missing",
 * "commercial_invoice:present"), in display order; free with g_strfreev. */
GStrv       cs_documents_page_dup_checklist  (CsDocumentsPage *self);
/* Adds a document of @kind covering the lines that need it, as the checklist's Add does. */
CsDocument *cs_documents_page_add_required   (CsDocumentsPage *self,
                                              const char      *kind);
/* The row editing @field ("number", "expires_on", ...) of document @index, or NULL. */
GtkWidget  *cs_documents_page_get_row        (CsDocumentsPage *self,
                                              guint            index,
                                              const char      *field);

G_END_DECLS
