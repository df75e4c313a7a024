/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-application.h: the desktop application */
#pragma once

#include <adwaita.h>

#include "cs-context.h"

G_BEGIN_DECLS

#define CS_TYPE_APPLICATION (cs_application_get_type ())
G_DECLARE_FINAL_TYPE (CsApplication, cs_application, CS, APPLICATION, AdwApplication)

CsApplication *cs_application_new         (void);
/* The context made at startup (NULL before, or when it could not be made). */
CsContext     *cs_application_get_context (CsApplication *self);
/* Before GTK starts: without a GPU, draw with GTK's cairo renderer instead of software OpenGL. */
void           cs_application_pick_renderer (void);
/* Follows the "color-scheme" setting: "default", "light" or "dark". */
void           cs_application_apply_color_scheme (const char *scheme);

G_END_DECLS
