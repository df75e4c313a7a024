/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-finding-lookup.h: the findings a widget shows for a path, and following a validation */
#pragma once

#include <glib-object.h>

#include "cs-finding.h"

G_BEGIN_DECLS

typedef struct _CsValidation CsValidation;

/* The first finding (most severe first) whose path is @path, or, with @elements_too, one of
 * @path's elements ("path[n]..."); a new reference, or NULL. */
CsFinding  *cs_field_row_lookup_finding (CsValidation *validation,
                                         const char   *path,
                                         gboolean      elements_too);
/* For the widgets that show findings: points *@slot at @validation (a new reference) and moves
 * the "items-changed" handler *@handler (@changed, called swapped on @owner) over from the one
 * before; FALSE when *@slot already was @validation. @validation NULL lets go (dispose). */
gboolean    cs_follow_validation        (CsValidation **slot,
                                         gulong        *handler,
                                         CsValidation  *validation,
                                         GCallback      changed,
                                         gpointer       owner);

G_END_DECLS
