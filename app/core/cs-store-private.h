/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-private.h: shared between the cs-store*.c files (not installed, not for other modules) */
#pragma once

#include "cs-db.h"

#include "cs-store.h"

G_BEGIN_DECLS

/* Tables of rows below a list row (vectors and splits), in this order. */
typedef enum
{
  CHILD_SEALS,
  CHILD_VINS,
  CHILD_SERIALS,
  CHILD_SPLITS,
  CHILD_COVERS,
  N_CHILDREN
} CsStoreChild;

/* Statements prepared once per connection (persistent) and reused. */
typedef enum
{
  STMT_FIND_ID,
  STMT_REF_CLASH,
  STMT_OLD_REVISION,
  STMT_UPSERT_MANIFEST,
  STMT_DELETE_PARTIES,
  /* list rows past the new end: pos >= ?2 */
  STMT_TRIM_LEGS,
  STMT_TRIM_CONTAINERS,
  STMT_TRIM_ITEMS,
  STMT_TRIM_DOCUMENTS,
  /* per child table (CsStoreChild order): rows per parent, rows of parents >= ?2, rows of
   * parent ?2 from pos ?3 on */
  STMT_COUNT_CHILD,
  STMT_TRIM_CHILD = STMT_COUNT_CHILD + N_CHILDREN,
  STMT_TRIM_CHILD_TAIL = STMT_TRIM_CHILD + N_CHILDREN,
  STMT_INSERT_PARTY = STMT_TRIM_CHILD_TAIL + N_CHILDREN,
  STMT_INSERT_LEG,
  STMT_INSERT_CONTAINER,
  STMT_INSERT_SEAL,
  STMT_INSERT_ITEM,
  STMT_INSERT_VIN,
  STMT_INSERT_SERIAL,
  STMT_INSERT_SPLIT,
  STMT_INSERT_DOCUMENT,
  STMT_INSERT_COVER,
  STMT_SELECT_MANIFEST,
  STMT_SELECT_PARTIES,
  STMT_SELECT_LEGS,
  STMT_SELECT_CONTAINERS,
  STMT_SELECT_SEALS,
  STMT_SELECT_ITEMS,
  STMT_SELECT_VINS,
  STMT_SELECT_SERIALS,
  STMT_SELECT_SPLITS,
  STMT_SELECT_DOCUMENTS,
  STMT_SELECT_COVERS,
  /* PostgreSQL: STMT_INSERT_LEG ... STMT_INSERT_COVER with CS_STORE_BATCH_ROWS rows each, at
   * STMT_BATCH_INSERT + (insert - STMT_INSERT_LEG) (cs-store-save.c); the same as plain INSERTs
   * (no ON CONFLICT) for the rows of a new draft at STMT_BATCH_NEW + ... */
  STMT_BATCH_INSERT,
  STMT_BATCH_NEW = STMT_BATCH_INSERT + (STMT_INSERT_COVER - STMT_INSERT_LEG) + 1,
  N_STMTS = STMT_BATCH_NEW + (STMT_INSERT_COVER - STMT_INSERT_LEG) + 1
} CsStoreStmt;

#define CS_STORE_BATCH_ROWS 64

struct _CsStore
{
  GObject       parent_instance;
  CsDb         *db;
  char         *path;
  CsDbStmt     *stmts[N_STMTS];
  GHashTable   *bad_text;      /* draft ids ("" = no draft) whose text was not valid UTF-8 */
  guint         busy_ms;
  gint64        version;       /* user_version as opened (older only when opened read-only) */
  char         *user;          /* cs_store_get_user() */
  gboolean      opened;        /* open finished: a lost connection or file is now UNREACHABLE */
};

/* Bit in a row's `present` column for child-table vectors that may be absent (NULL) or empty. */
#define CS_STORE_PRESENT_VECTOR (1 << 16)
#define CS_STORE_PRESENT_VECTOR2 (1 << 17)

/* cs-store.c */
gboolean      _cs_store_sql_error     (CsStore      *self,
                                       GError      **error,
                                       int           rc,
                                       const char   *what);
gboolean      _cs_store_exec          (CsStore      *self,
                                       const char   *sql,
                                       GError      **error);
/* BEGIN: a read snapshot or the write lock (SQLite: BEGIN IMMEDIATE). */
gboolean      _cs_store_begin         (CsStore         *self,
                                       CsDbTransaction  kind,
                                       GError         **error);
/* @sqlite, or @postgresql on a PostgreSQL store (for statements whose dialects differ). */
static inline const char *
_cs_store_sql (CsStore    *self,
               const char *sqlite,
               const char *postgresql)
{
  return cs_db_get_kind (self->db) == CS_DB_POSTGRESQL ? postgresql : sqlite;
}
CsDbStmt     *_cs_store_stmt          (CsStore      *self,
                                       CsStoreStmt   which,
                                       GError      **error);
/* A one-off statement (not cached); finalize it (g_autoptr works). */
CsDbStmt     *_cs_store_prepare       (CsStore      *self,
                                       const char   *sql,
                                       GError      **error);
/* The text of column @col as valid UTF-8, newly allocated (NULL for SQL NULL). Bytes that are not
 * UTF-8 (a damaged disk, a hand edit, another program) become U+FFFD and @draft_id (NULL: no
 * particular draft) is remembered for cs_store_get_text_warnings(); nothing past the column's
 * bytes is ever read. */
char         *_cs_store_column_text   (CsStore      *self,
                                       CsDbStmt     *stmt,
                                       int           col,
                                       const char   *draft_id);
/* Remembers that text of draft @draft_id (may be damaged itself; NULL: no draft) was not UTF-8. */
void          _cs_store_note_bad_text (CsStore      *self,
                                       const char   *draft_id);
/* Finds the id of a draft by id or reference; NULL when none (no error). The id is the stored
 * bytes, for binding: it may not be valid UTF-8. */
char         *_cs_store_find_id       (CsStore      *self,
                                       const char   *id_or_reference,
                                       GError      **error);
/* Same, but a missing draft is CS_STORE_ERROR_NOT_FOUND. */
char         *_cs_store_require_id    (CsStore      *self,
                                       const char   *id_or_reference,
                                       GError      **error);

/* cs-store-schema.c: step N turns schema version N into N + 1, in each engine's DDL */
typedef struct
{
  const char *sqlite;
  const char *postgresql;
} CsStoreMigration;

extern const CsStoreMigration _cs_store_migrations[];
extern const guint            _cs_store_n_migrations;

/* cs-store-rows.c: manifest <-> rows */
/* SQL text of each cached statement for an engine (built from the column tables on first use). */
const char   *_cs_store_stmt_sql      (CsDbKind      kind,
                                       CsStoreStmt   which);
/* @existed: the draft is already in the store (stale rows may need removing). */
gboolean      _cs_store_write_manifest (CsStore     *self,
                                        CsManifest  *manifest,
                                        gboolean     existed,
                                        gint64       revision,
                                        gint64       created,
                                        gint64       now_us,
                                        GError     **error);
CsManifest   *_cs_store_read_manifest  (CsStore     *self,
                                        const char  *id,
                                        GError     **error);

G_END_DECLS
