/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-preferences-window.h: defaults and export settings (GSettings cn.consign.Consign) */
#pragma once

#include <adwaita.h>

#include "cs-context.h"

G_BEGIN_DECLS

#define CS_TYPE_PREFERENCES_WINDOW (cs_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, CS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *cs_preferences_window_new (CsContext *context);

/* Focuses the row of GSettings @key (for messages that send the user here to set it). */
void       cs_preferences_window_focus_setting (CsPreferencesWindow *self,
                                                const char          *key);

G_END_DECLS
