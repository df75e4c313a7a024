/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-path-watch.h: hearing every change along a dotted field path ("vehicle.make")
 *
 * Implemented in cs-field-row.c, beside the row's own notify hooks along its path.
 */
#pragma once

#include "cs-path.h"

G_BEGIN_DECLS

typedef struct _CsPathWatch CsPathWatch;
typedef void (*CsPathWatchFunc) (gpointer user_data);

/* Calls @func whenever a field along @dotted changes (the leaf or a block being replaced). */
CsPathWatch   *cs_path_watch_new  (CsRecord        *record,
                                   const char      *dotted,
                                   CsPathWatchFunc  func,
                                   gpointer         user_data);
void           cs_path_watch_free (CsPathWatch     *watch);

G_END_DECLS
