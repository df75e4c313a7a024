/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-input.h: what people type or paste, read as the model wants it (no GTK)
 *
 * The editor accepts values as clerks have them at hand: a column of container numbers copied
 * from a booking ("CSQU 305438-3"), dates as 14/05/2026 or 2026/5/14. These functions turn
 * them into the model's forms (ISO 6346 "CSQU3054383", ISO 8601 "2026-05-14").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The ISO 6346-shaped container numbers in @text (owner code of three letters and a category
 * letter U, J or Z, then six digits and the check digit; spaces, hyphens and dots inside a
 * number allowed), upper-cased, in order of appearance, each once. The check digit is not
 * checked here: a wrong one is the validator's to report. GPtrArray of strings, never NULL. */
GPtrArray *cs_container_numbers_in_text (const char *text);

/* A calendar date typed as YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or day first as
 * D/M/YYYY, D.M.YYYY or D-M-YYYY (never month first: 05/06/2026 is 5 June). Returns the ISO
 * form "YYYY-MM-DD" (g_free), or NULL when @text is not such a date or the date does not exist. */
char      *cs_date_from_input           (const char *text);

G_END_DECLS
