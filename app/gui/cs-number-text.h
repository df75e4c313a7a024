/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-number-text.h: numbers as the field rows show and read them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Formats @value for display (empty string for NAN); free with g_free. */
char       *cs_format_number            (double        value,
                                         gboolean      integer);
/* Parses a number typed in the C locale or the user's locale; empty text gives NAN. */
gboolean    cs_parse_number             (const char   *text,
                                         double       *out);

G_END_DECLS
