/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-editor-page.h: what the five editor pages share
 *
 * An editor page (Shipment, Cargo, Containers, Documents, Review) edits one manifest and shows
 * its findings. The base class owns the three properties every page has: "context"
 * (construct-only), "manifest" and "validation" (notified only when they change), and tells the
 * subclass of a change through a virtual method, with the value it had before, so the subclass
 * can disconnect from it. The window treats the pages alike through this class.
 */
#pragma once

#include <adwaita.h>

#include "cs-context.h"
#include "cs-model.h"
#include "cs-validator.h"

G_BEGIN_DECLS

#define CS_TYPE_EDITOR_PAGE (cs_editor_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CsEditorPage, cs_editor_page, CS, EDITOR_PAGE, AdwBin)

struct _CsEditorPageClass
{
  AdwBinClass parent_class;

  /* The page has a new manifest (or validation); @old is the one it had (may be NULL), still
   * alive during the call. */
  void     (*manifest_changed)   (CsEditorPage *self,
                                  CsManifest   *old);
  void     (*validation_changed) (CsEditorPage *self,
                                  CsValidation *old);
  /* Shows and focuses the field of @json_path; FALSE when the page has no such field. */
  gboolean (*focus_path)         (CsEditorPage *self,
                                  const char   *json_path);
};

CsContext    *cs_editor_page_get_context    (CsEditorPage *self);
CsManifest   *cs_editor_page_get_manifest   (CsEditorPage *self);
void          cs_editor_page_set_manifest   (CsEditorPage *self,
                                             CsManifest   *manifest);
CsValidation *cs_editor_page_get_validation (CsEditorPage *self);
void          cs_editor_page_set_validation (CsEditorPage *self,
                                             CsValidation *validation);
gboolean      cs_editor_page_focus_path     (CsEditorPage *self,
                                             const char   *json_path);

/* For subclasses, first thing in dispose: the page lets go of its manifest and validation (the
 * virtual methods run while the template still stands), AdwBin drops its pointer to the
 * template's child, and the template of @template_type is disposed. Safe to call twice. */
void          cs_editor_page_dispose_template (CsEditorPage *self,
                                               GType         template_type);

G_END_DECLS
