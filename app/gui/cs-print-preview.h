/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-print-preview.h: the pages of the printed declaration, shown before printing
 *
 * The same layout as the PDF export and the print-out (cs-print-layout), A4 landscape,
 * rendered off the main thread and shown page under page. "Print…" asks for the print dialog.
 */
#pragma once

#include <adwaita.h>

#include "cs-model.h"

G_BEGIN_DECLS

#define CS_TYPE_PRINT_PREVIEW (cs_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (CsPrintPreview, cs_print_preview, CS, PRINT_PREVIEW, AdwWindow)

/* Renders @snapshot (a copy nobody edits; a reference is taken). */
GtkWidget *cs_print_preview_new          (CsManifest     *snapshot);
/* Pages of the document (0 while rendering), and how many of them are shown. */
guint      cs_print_preview_get_n_pages  (CsPrintPreview *self);
guint      cs_print_preview_get_n_shown  (CsPrintPreview *self);

G_END_DECLS
