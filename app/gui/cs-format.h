/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-format.h: numbers and counts as the desktop app shows them
 *
 * Amounts go through cs_print_format_decimal () (app/export, the printed manifest's
 * formatter), so the screen, the print-out and the PDF write a figure alike: ASCII grouping
 * ("15,900.0") and the precision of its unit (kg one decimal, m³ three, money the currency's
 * minor units). Counts shown to people are plural-aware (ngettext, one call per noun).
 */
#pragma once

#include <gtk/gtk.h>

#include "cs-catalog.h"

G_BEGIN_DECLS

#define CS_FORMAT_KG_DECIMALS 1
#define CS_FORMAT_M3_DECIMALS 3

/* A file as people read it: its name, then its folder with the home folder written "~"
 * ("lines.csv — ~/Downloads"); plain text (escape it for markup). Free with g_free. */
char *cs_format_file_location   (GFile      *file);

/* @value with grouping and exactly @decimals decimals; "" for NAN. Free with g_free. */
char *cs_format_decimal         (double      value,
                                 guint       decimals);
/* A quantity: grouping, up to three decimals, trailing zeros dropped ("2,400", "12.5"). */
char *cs_format_quantity        (double      value);
/* Decimal places of @currency (ISO 4217) from the catalog; 2 when unknown. */
guint cs_format_money_decimals  (CsCatalog  *catalog,
                                 const char *currency);
/* "0 errors, 1 warning, 0 notes"; without the notes when @n_notes < 0. */
char *cs_format_finding_counts  (guint       n_errors,
                                 guint       n_warnings,
                                 int         n_notes);
/* "1 day", "2 days" (rounded up to whole days, as the shelf-life rule counts them). */
char *cs_format_days            (double      days);
/* A draft's status as every part of the editor shows it: "Draft", "Ready", "Exported",
 * "Archived" (the sidebar, the header and the Review page use this one word list). */
const char *cs_format_status    (const char *status);
/* What an export format is called in menus and dialogs ("xlsx" → "Excel workbook"). */
const char *cs_format_export_title (const char *format);
/* Shows @status in @label (a ".cs-status" pill) with its colour class ".cs-status-STATUS". */
void        cs_format_status_pill (GtkLabel   *label,
                                   const char *status);

G_END_DECLS
