/* cs-context.h: what every widget of the desktop app needs, handed down instead of globals
 *
 * One context per application: the catalog (code lists, corridors, rules), the GSettings of
 * cn.consign.Consign, and the path of the draft store. Widgets receive it as a construct-only
 * "context" property. The context holds no database connection: the store is opened by each
 * worker thread that needs it (one SQLite connection per thread), from cs_context_get_db_path().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CsCatalog CsCatalog;

#define CS_TYPE_CONTEXT (cs_context_get_type ())
G_DECLARE_FINAL_TYPE (CsContext, cs_context, CS, CONTEXT, GObject)

/* @db_path: the draft store; NULL = $CONSIGN_DB, else the default in the user data dir. */
CsContext  *cs_context_new          (const char  *db_path,
                                     GError     **error);
CsCatalog  *cs_context_get_catalog  (CsContext   *self);
GSettings  *cs_context_get_settings (CsContext   *self);
const char *cs_context_get_db_path  (CsContext   *self);

G_END_DECLS
