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

/* Preferences → Store: checks @location (opening it off the main thread; a SQLite file
 * read-only, so that checking creates nothing) and, when it opens, keeps it in the
 * "store-location" setting for the next start; "" = the default store. A SQLite file that is
 * not there is offered for creation (Create Store, cs_preferences_window_create_store ()). */
void        cs_preferences_window_set_store_location (CsPreferencesWindow *self,
                                                      const char          *location);
/* The message under the Store group (NULL when none); @is_error (may be NULL) tells whether
 * it is an error. FALSE while a check runs. */
const char *cs_preferences_window_get_store_status   (CsPreferencesWindow *self,
                                                      gboolean            *is_error);
gboolean    cs_preferences_window_is_checking_store  (CsPreferencesWindow *self);
/* As Create Store: makes the new SQLite store offered after a check found no file there, and
 * keeps it. FALSE when none is offered. */
gboolean    cs_preferences_window_create_store       (CsPreferencesWindow *self);

G_END_DECLS
