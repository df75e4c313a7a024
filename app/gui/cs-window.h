/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-window.h: the main window (drafts sidebar + editor pages) */
#pragma once

#include <adwaita.h>

#include "cs-application.h"
#include "cs-context.h"
#include "cs-history.h"
#include "cs-autosave.h"
#include "cs-validator.h"

G_BEGIN_DECLS

#define CS_TYPE_WINDOW (cs_window_get_type ())
G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

CsWindow     *cs_window_new            (CsApplication *app,
                                        CsContext     *context);
CsContext    *cs_window_get_context    (CsWindow      *self);

/* Loads the draft in the store thread and shows it ("draft-opened" when shown). */
void          cs_window_open_draft     (CsWindow      *self,
                                        const char    *id_or_reference);
/* Shows @manifest (a new draft when @in_store is FALSE: it is saved at once). */
void          cs_window_set_manifest   (CsWindow      *self,
                                        CsManifest    *manifest,
                                        gboolean       in_store);
CsManifest   *cs_window_get_manifest   (CsWindow      *self);
CsHistory    *cs_window_get_history    (CsWindow      *self);
CsAutosave   *cs_window_get_autosave   (CsWindow      *self);
CsValidation *cs_window_get_validation (CsWindow      *self);

/* "shipment" "cargo" "containers" "documents" "review" */
void          cs_window_show_page      (CsWindow      *self,
                                        const char    *name);
const char   *cs_window_get_page       (CsWindow      *self);
/* Shows the page of @json_path and focuses its field; FALSE when no page has it. */
gboolean      cs_window_focus_path     (CsWindow      *self,
                                        const char    *json_path);
/* Runs pending validation now (normally ≤150 ms after an edit). */
void          cs_window_validate_now   (CsWindow      *self);

/* Name of the visible main view: "empty" (no drafts yet), "select", "loading", "editor". */
const char   *cs_window_get_view       (CsWindow      *self);

/* Exports the open manifest to @path in a worker thread (no questions asked; for the Export
 * menu after its dialogs, and for tests); "export-finished" reports the result. */
void          cs_window_export_to      (CsWindow      *self,
                                        const char    *format,
                                        const char    *path);

/* Writes to @path an EDIFACT cancellation of the CUSCAR last sent to the EDIFACT recipient (no
 * questions asked; for the Export menu after its dialog, and for tests); "export-finished"
 * reports the result, an error when nothing was sent that could be cancelled. */
void          cs_window_cancel_cuscar_to (CsWindow    *self,
                                          const char  *path);

/* Preferences, in front of this window; @key (may be NULL) names the setting to focus. */
void          cs_window_open_preferences (CsWindow    *self,
                                          const char  *key);

/* Shows the print preview of the open draft (a CsPrintPreview window), or NULL without one. */
GtkWidget    *cs_window_print_preview    (CsWindow    *self);

G_END_DECLS
