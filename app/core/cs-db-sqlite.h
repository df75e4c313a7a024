/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db-sqlite.h: what only the SQLite engine of cs-db.h offers (internal to the core) */
#pragma once

#include <sqlite3.h>

#include "cs-db.h"

G_BEGIN_DECLS

/* The connection's sqlite3 handle, for what only SQLite has (salvaging a damaged file, the
 * fault-injection tests); NULL when @db is not a SQLite connection. */
sqlite3 *cs_db_sqlite_get_handle (CsDb           *db);

/* Who the person running Consign is, as the store records them on SQLite: g_get_real_name(), or
 * g_get_user_name() when the account has no real name. The one source of that name: the store's
 * cs_store_get_user() and the SQL function consign_user() (below) both return it. */
const char *cs_db_sqlite_user_name (void);

/* Opens @path. Every connection has the SQL function consign_user() (no arguments: the text of
 * cs_db_sqlite_user_name()), which the schema's triggers call to record who changed a draft
 * (schema 10, draft_changes) or the directory (schema 11, directory_changes); a program that opens
 * the file without it can write neither. */
CsDb    *_cs_db_sqlite_open      (const char     *path,
                                  CsDbOpenFlags   flags,
                                  GError        **error);

G_END_DECLS
