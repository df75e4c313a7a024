/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db-sqlite.h: what only the SQLite engine of cs-db.h offers (internal to the core) */
#pragma once

#include <sqlite3.h>

#include "cs-db.h"

G_BEGIN_DECLS

/* The connection's sqlite3 handle, for what only SQLite has (salvaging a damaged file, the
 * fault-injection tests); NULL when @db is not a SQLite connection. */
sqlite3 *cs_db_sqlite_get_handle (CsDb           *db);

CsDb    *_cs_db_sqlite_open      (const char     *path,
                                  CsDbOpenFlags   flags,
                                  GError        **error);

G_END_DECLS
