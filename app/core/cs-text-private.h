/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-text-private.h: what cs-text.c and its tests share */
#pragma once

#include "cs-text.h"

G_BEGIN_DECLS

/* @format (a translation of @self's message id) written out with @self's arguments, which it
 * may take in another order ("%2$s"); NULL when it asks for an argument @self lacks or of
 * another kind. */
char *cs_text_format_with (const CsText *self,
                           const char   *format);

G_END_DECLS
