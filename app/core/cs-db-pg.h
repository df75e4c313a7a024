/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-db-pg.h: what only the PostgreSQL engine of cs-db.h offers (internal to the core) */
#pragma once

#include <libpq-fe.h>

#include "cs-db.h"

G_BEGIN_DECLS

/* The connection's libpq handle (LISTEN/NOTIFY and the like); NULL for another engine. */
PGconn  *cs_db_pg_get_connection   (CsDb       *db);

/* @location as it may be shown or logged: a postgresql:// URI without its password (neither
 * user:password@ nor a password= parameter); sslmode and the other parameters stay. */
char    *cs_db_pg_redact_location  (const char *location);
/* @message (a libpq message about @location) with every password written in @location, as
 * written and percent-decoded, replaced by "***": libpq repeats a badly encoded one. */
char    *cs_db_pg_redact_message   (const char *location,
                                    const char *message);

/* FALSE when no server answers at @location (down, unreachable, wrong host or port), as
 * opposed to one that answers but refuses the connection (no such database, login refused). */
gboolean cs_db_pg_server_answers   (const char *location);

/* A SQLSTATE (five characters; NULL: no result, the connection failed) as a CsDbRc. */
CsDbRc   _cs_db_pg_rc_from_sqlstate (const char *state);

CsDb    *_cs_db_pg_open            (const char     *location,
                                    CsDbOpenFlags   flags,
                                    GError        **error);

G_END_DECLS
