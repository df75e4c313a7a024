/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-print-layout.h: the printed cargo manifest / declaration, laid out once with pango
 *
 * One layout serves both the PDF export (cs-export-pdf.c, a cairo PDF surface) and printing
 * from the desktop app (GtkPrintOperation), so a print-out always matches the exported file.
 * No GTK here: the GUI calls cs_print_layout_paginate() from "begin-print" with the print
 * context's PangoContext (gtk_print_context_create_pango_context) and page size in points
 * (use gtk_print_operation_set_unit (op, GTK_UNIT_POINTS)), then cs_print_layout_draw_page()
 * from "draw-page" with the print context's cairo context.
 *
 * Units are PostScript points (1/72 inch). Labels are bilingual: a fixed Chinese half and a
 * translatable English half (message context "bilingual print").
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "cs-export.h"

G_BEGIN_DECLS

/* A4 landscape in points. */
#define CS_PRINT_A4_LANDSCAPE_WIDTH   841.89
#define CS_PRINT_A4_LANDSCAPE_HEIGHT  595.28

typedef struct _CsPrintLayout CsPrintLayout;

/* Takes a reference on @manifest; @options may be NULL (its findings and now are used). */
CsPrintLayout *cs_print_layout_new        (CsManifest            *manifest,
                                           const CsExportOptions *options,
                                           double                 page_width_pt,
                                           double                 page_height_pt);
/* Measures every block with pango and breaks the document into pages; returns the page count
 * (at least 1). @context may be NULL: a 72 dpi context without hinting is then created. A given
 * context is kept (a reference) and set to language zh-cn without glyph-position rounding.
 * Calling it again (e.g. with another context) lays the document out afresh. */
guint          cs_print_layout_paginate   (CsPrintLayout         *self,
                                           PangoContext          *context);
/* Pages counted by the last cs_print_layout_paginate() (0 before it). */
guint          cs_print_layout_get_n_pages (CsPrintLayout        *self);
/* Draws page @page_nr (0-based) at the origin of @cr; paginates first if needed.
 * Does not call cairo_show_page(). */
void           cs_print_layout_draw_page  (CsPrintLayout         *self,
                                           cairo_t               *cr,
                                           guint                  page_nr);
void           cs_print_layout_free       (CsPrintLayout         *self);
/* Characters drawn so far (by cs_print_layout_draw_page) that no installed font has, so they
 * print as boxes ("tofu"); control characters are not counted. @first (may be NULL) receives
 * the first such character, or 0. */
guint          cs_print_layout_get_missing_glyphs (CsPrintLayout *self,
                                                   gunichar      *first);

/* @value with ASCII thousands separators ("," every three digits) and between
 * @min_decimals and @max_decimals decimals (trailing zeros trimmed down to @min_decimals),
 * independent of the locale: 37360 -> "37,360", 36000.5 -> "36,000.5" (0, 3).
 * An absent value (NAN) gives "". */
char          *cs_print_format_decimal    (double                 value,
                                           guint                  min_decimals,
                                           guint                  max_decimals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPrintLayout, cs_print_layout_free)

G_END_DECLS
