/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-context.h: what every widget of the desktop app needs, handed down instead of globals
 *
 * One context per application: the catalog (code lists, corridors, rules), the GSettings of
 * cn.consign.Consign, and the path of the draft store. Widgets receive it as a construct-only
 * "context" property. The context holds no database connection on the main thread: store work
 * goes to its CsStoreThread (one SQLite connection, on that thread), or to any worker thread
 * that opens its own connection from cs_context_get_db_path().
 */
#pragma once

#include <gio/gio.h>

#include "cs-catalog.h"
#include "cs-store-thread.h"
#include "cs-store-watch.h"

G_BEGIN_DECLS

#define CS_TYPE_CONTEXT (cs_context_get_type ())
G_DECLARE_FINAL_TYPE (CsContext, cs_context, CS, CONTEXT, GObject)

/* Where the store in use was chosen, strongest first. */
typedef enum
{
  CS_DB_SOURCE_COMMAND_LINE,  /* --db (or the @db_path given to cs_context_new) */
  CS_DB_SOURCE_ENVIRONMENT,   /* $CONSIGN_DB */
  CS_DB_SOURCE_PREFERENCES,   /* the "store-location" setting (Preferences → Store) */
  CS_DB_SOURCE_DEFAULT,       /* the SQLite file in the user data folder */
} CsDbSource;

/* @db_path: the draft store; NULL = $CONSIGN_DB, else the "store-location" setting, else the
 * default in the user data dir. */
CsContext  *cs_context_new          (const char  *db_path,
                                     GError     **error);
CsCatalog  *cs_context_get_catalog  (CsContext   *self);
GSettings  *cs_context_get_settings (CsContext   *self);
const char *cs_context_get_db_path  (CsContext   *self);
CsDbSource  cs_context_get_db_source (CsContext  *self);
/* @location as it may be shown: a PostgreSQL URI without its password. Free with g_free. */
char       *cs_context_display_location (const char *location);
/* Whether @location is a PostgreSQL URI that carries a password (in its user info or its
 * query); such a location is refused in the settings (the password belongs in ~/.pgpass). */
gboolean    cs_context_location_has_password (const char *location);
/* The one thread that talks to the draft store for the GUI (jobs run in order). */
CsStoreThread *cs_context_get_store_thread (CsContext *self);
/* The one watch of the draft store for every window (sidebars, Directory windows): one thread
 * and, on PostgreSQL, one LISTEN connection per application, made when first asked for and
 * stopped with the context. Connect with g_signal_connect_object () and disconnect in dispose:
 * the watch outlives any window. */
CsStoreWatch  *cs_context_get_store_watch  (CsContext *self);

G_END_DECLS
