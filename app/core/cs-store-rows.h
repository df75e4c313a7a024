/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-rows.h: the column tables shared by the store's writer and reader (internal) */
#pragma once

#include "cs-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *column;
  const char *path;       /* "field" or "block.field" */
} Column;

typedef struct
{
  const char    *table;
  GType        (*type) (void);
  const char    *insert_keys;   /* key columns bound before the data columns */
  guint          n_insert_keys;
  const char    *select_keys;   /* key columns read before the data columns */
  guint          n_select_keys;
  const char    *order_by;
  const Column  *columns;
  guint          n_columns;
  const char    *extra_block;   /* a sub-block with no columns whose presence is recorded */
  const char    *conflict;      /* key of a row: an existing row is updated in place */

  /* resolved once from the model's field tables */
  const CsField **field;
  const CsField **block;        /* NULL: the field belongs to the row's record */
  const CsField  *blocks[8];
  guint           n_blocks;
} Table;

enum { T_MANIFEST, T_PARTY, T_LEG, T_CONTAINER, T_ITEM, T_SPLIT, T_DOCUMENT, N_TABLES };

extern Table _cs_store_tables[N_TABLES];

/* Present bits for vectors kept in child tables (never renumber: they are in stored rows). */
#define PRESENT_SEALS    CS_STORE_PRESENT_VECTOR
#define PRESENT_VINS     CS_STORE_PRESENT_VECTOR
#define PRESENT_SERIALS  CS_STORE_PRESENT_VECTOR2
#define PRESENT_COVERS   CS_STORE_PRESENT_VECTOR

/* Fields reached directly (resolved with the tables). */
typedef struct
{
  const CsField *manifest_id, *manifest_parties;
  const CsField *container_seals, *item_splits, *vehicle_vins, *machinery_serials, *document_covers;
  const CsField *parties_role[5];
} CsStoreFields;

extern CsStoreFields _cs_store_fields;

/* Resolves the tables against the model's field tables and builds the SQL (once, any thread). */
void _cs_store_rows_init (void);

G_END_DECLS
