/* cs-store-rows.c: a manifest to rows and back, driven by column tables
 *
 * Each table lists its columns as (column name, model path); the path names a field of the
 * row's record or of one of its sub-blocks ("reefer.setpoint_c"). The same list builds the
 * INSERT and SELECT statements and drives binding and reading, so a column cannot be written
 * without being read back. Vectors that people look up (VINs, serials, seals) and document
 * covers live in child tables, read back with a merge join in (parent pos, pos) order.
 *
 * Saving writes every row with an upsert keyed by (manifest, pos) that only writes when a value
 * differs, then deletes the rows past the new ends, all in the caller's transaction. Deleting
 * and re-inserting everything was measured 40% slower than a first save at 100k items; with
 * in-place updates an unchanged re-save mostly reads (rows are in WITHOUT ROWID tables, in key
 * order, so that is sequential work). Loading fills fresh, unobserved objects
 * with the raw cs_field_*() setters and cs_list_append_silent().
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-json.h"
#include "cs-store-private.h"

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

static const Column manifest_columns[] = {
  { "reference", "reference" },
  { "status", "status" },
  { "direction", "direction" },
  { "corridor", "corridor" },
  { "place_of_receipt", "place_of_receipt" },
  { "port_of_loading", "port_of_loading" },
  { "port_of_discharge", "port_of_discharge" },
  { "place_of_delivery", "place_of_delivery" },
  { "td_type", "transport_document.type" },
  { "td_number", "transport_document.number" },
  { "incoterm_code", "incoterm.code" },
  { "incoterm_place", "incoterm.place" },
  { "currency", "currency" },
  { "invoice_number", "invoice.number" },
  { "invoice_date", "invoice.date" },
  { "invoice_total", "invoice.total" },
  { "preference", "preference" },
  { "notes", "notes" },
};

static const Column party_columns[] = {
  { "name", "name" },
  { "name_latin", "name_latin" },
  { "address", "address" },
  { "city", "city" },
  { "postcode", "postcode" },
  { "country", "country" },
  { "tax_id", "tax_id" },
  { "contact", "contact" },
  { "phone", "phone" },
  { "email", "email" },
};

static const Column leg_columns[] = {
  { "mode", "mode" },
  { "from_locode", "from" },
  { "to_locode", "to" },
  { "carrier", "carrier" },
  { "voyage", "voyage" },
  { "etd", "etd" },
  { "eta", "eta" },
};

static const Column container_columns[] = {
  { "number", "number" },
  { "size_type", "size_type" },
  { "tare_kg", "tare_kg" },
  { "max_gross_kg", "max_gross_kg" },
  { "vgm_kg", "vgm_kg" },
  { "vgm_method", "vgm_method" },
  { "reefer_setpoint_c", "reefer.setpoint_c" },
  { "reefer_humidity_pct", "reefer.humidity_pct" },
  { "reefer_vent_cmh", "reefer.vent_cmh" },
  { "pending", "pending" },
};

static const Column item_columns[] = {
  { "line", "line" },
  { "category", "category" },
  { "description", "description" },
  { "hs_code", "hs_code" },
  { "quantity", "quantity" },
  { "unit", "unit" },
  { "pkg_count", "packages.count" },
  { "pkg_type", "packages.type" },
  { "net_kg", "net_kg" },
  { "gross_kg", "gross_kg" },
  { "volume_m3", "volume_m3" },
  { "value", "value" },
  { "origin_country", "origin_country" },
  { "marks", "marks" },
  { "container", "container" },
  { "dg_un_number", "dg.un_number" },
  { "dg_class", "dg.class" },
  { "dg_packing_group", "dg.packing_group" },
  { "dg_proper_shipping_name", "dg.proper_shipping_name" },
  { "veh_make", "vehicle.make" },
  { "veh_model", "vehicle.model" },
  { "veh_model_year", "vehicle.model_year" },
  { "veh_powertrain", "vehicle.powertrain" },
  { "veh_condition", "vehicle.condition" },
  { "veh_battery_kwh", "vehicle.battery_kwh" },
  { "el_battery", "electronics.battery" },
  { "el_chemistry", "electronics.chemistry" },
  { "el_wh_per_unit", "electronics.wh_per_unit" },
  { "mach_dual_use", "machinery.dual_use" },
  { "mach_licence_no", "machinery.licence_no" },
  { "per_product", "perishable.product" },
  { "per_temp_min_c", "perishable.temp_min_c" },
  { "per_temp_max_c", "perishable.temp_max_c" },
  { "per_frozen", "perishable.frozen" },
  { "per_shelf_life_days", "perishable.shelf_life_days" },
  { "per_packed_on", "perishable.packed_on" },
  { "per_humidity_pct", "perishable.humidity_pct" },
  { "per_ethylene", "perishable.ethylene" },
};

static const Column split_columns[] = {
  { "container", "container" },
  { "packages", "packages" },
};

static const Column document_columns[] = {
  { "kind", "kind" },
  { "number", "number" },
  { "issued_on", "issued_on" },
  { "expires_on", "expires_on" },
  { "issuer", "issuer" },
};

#define TABLE(name, type_fn, ikeys, n_ikeys, skeys, n_skeys, order, cols, extra, conflict) \
  { name, type_fn, ikeys, n_ikeys, skeys, n_skeys, order, cols, G_N_ELEMENTS (cols), extra, \
    conflict, NULL, NULL, { NULL }, 0 }

enum { T_MANIFEST, T_PARTY, T_LEG, T_CONTAINER, T_ITEM, T_SPLIT, T_DOCUMENT, N_TABLES };

static Table tables[N_TABLES] = {
  TABLE ("manifests", cs_manifest_get_type, "id, present, revision, created, updated, n_items", 6,
         "present, revision", 2, NULL, manifest_columns, "parties", NULL),
  TABLE ("parties", cs_party_get_type, "manifest_id, role", 2, "role", 1, "role",
         party_columns, NULL, NULL),
  TABLE ("legs", cs_leg_get_type, "manifest_id, pos", 2, "pos", 1, "pos", leg_columns, NULL,
         "manifest_id, pos"),
  TABLE ("containers", cs_container_get_type, "manifest_id, pos, present", 3, "pos, present", 2,
         "pos", container_columns, NULL, "manifest_id, pos"),
  TABLE ("items", cs_item_get_type, "manifest_id, pos, present", 3, "pos, present", 2, "pos",
         item_columns, NULL, "manifest_id, pos"),
  TABLE ("splits", cs_split_get_type, "manifest_id, item_pos, pos", 3, "item_pos", 1,
         "item_pos, pos", split_columns, NULL, "manifest_id, item_pos, pos"),
  TABLE ("documents", cs_document_get_type, "manifest_id, pos, present", 3, "pos, present", 2,
         "pos", document_columns, NULL, "manifest_id, pos"),
};

/* Child tables (rows below a list row): table, parent column, value column. */
static const struct
{
  const char *table;
  const char *parent;
  const char *value;
} child_tables[N_CHILDREN] = {
  [CHILD_SEALS] = { "seals", "container_pos", "seal" },
  [CHILD_VINS] = { "vins", "item_pos", "vin" },
  [CHILD_SERIALS] = { "serials", "item_pos", "serial" },
  [CHILD_SPLITS] = { "splits", "item_pos", NULL },
  [CHILD_COVERS] = { "document_covers", "doc_pos", "line" },
};

/* Present bits for vectors kept in child tables. */
#define PRESENT_SEALS    CS_STORE_PRESENT_VECTOR
#define PRESENT_VINS     CS_STORE_PRESENT_VECTOR
#define PRESENT_SERIALS  CS_STORE_PRESENT_VECTOR2
#define PRESENT_COVERS   CS_STORE_PRESENT_VECTOR

/* Fields reached directly (resolved with the tables). */
static struct
{
  const CsField *manifest_id, *manifest_parties;
  const CsField *container_seals, *item_splits, *vehicle_vins, *machinery_serials, *document_covers;
  const CsField *parties_role[5];
} F;

static char *stmt_sql[N_STMTS];

static guint
add_block (Table         *t,
           const CsField *block)
{
  for (guint b = 0; b < t->n_blocks; b++)
    if (t->blocks[b] == block)
      return b;
  g_assert (t->n_blocks < G_N_ELEMENTS (t->blocks));
  t->blocks[t->n_blocks] = block;
  return t->n_blocks++;
}

static const CsField *
class_field (GType       type,
             const char *name)
{
  CsRecordClass *klass = g_type_class_ref (type);
  const CsField *f = cs_record_class_find_field (klass, name);

  g_type_class_unref (klass);   /* static types: the class stays */
  g_assert (f != NULL);
  return f;
}

static void
resolve_table (Table *t)
{
  GType type = t->type ();

  t->field = g_new0 (const CsField *, t->n_columns);
  t->block = g_new0 (const CsField *, t->n_columns);
  for (guint j = 0; j < t->n_columns; j++)
    {
      const char *path = t->columns[j].path;
      const char *dot = strchr (path, '.');

      if (dot == NULL)
        {
          t->field[j] = class_field (type, path);
        }
      else
        {
          g_autofree char *head = g_strndup (path, dot - path);
          const CsField *block = class_field (type, head);

          g_assert (block->kind == CS_FIELD_RECORD);
          add_block (t, block);
          t->block[j] = block;
          t->field[j] = class_field (block->type (), dot + 1);
        }
      g_assert (t->field[j]->kind != CS_FIELD_RECORD && t->field[j]->kind != CS_FIELD_LIST &&
                t->field[j]->kind != CS_FIELD_INTV);
    }
  if (t->extra_block != NULL)
    add_block (t, class_field (type, t->extra_block));
}

/* INSERT of one row. With @t->conflict, an existing row with the same key is updated in place,
 * and only when a value differs (compared byte for byte: some columns are NOCASE for look-ups,
 * but a changed letter case must still be saved), so that re-saving an unchanged draft reads
 * its rows but writes almost nothing. */
static char *
build_insert (const Table *t,
              const char  *upsert_tail)
{
  GString *s = g_string_new (NULL);
  guint n = t->n_insert_keys + t->n_columns;
  gboolean has_present = strstr (t->insert_keys, "present") != NULL;

  g_string_append_printf (s, "INSERT INTO %s (%s", t->table, t->insert_keys);
  for (guint j = 0; j < t->n_columns; j++)
    g_string_append_printf (s, ", %s", t->columns[j].column);
  g_string_append (s, ") VALUES (");
  for (guint j = 1; j <= n; j++)
    g_string_append_printf (s, j > 1 ? ", ?%u" : "?%u", j);
  g_string_append (s, ")");
  if (upsert_tail != NULL)
    {
      g_string_append (s, upsert_tail);
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, ", %s = excluded.%s", t->columns[j].column, t->columns[j].column);
    }
  else if (t->conflict != NULL)
    {
      g_string_append_printf (s, " ON CONFLICT (%s) DO UPDATE SET ", t->conflict);
      if (has_present)
        g_string_append (s, "present = excluded.present, ");
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, j ? ", %s = excluded.%s" : "%s = excluded.%s",
                                t->columns[j].column, t->columns[j].column);
      g_string_append (s, " WHERE (");
      if (has_present)
        g_string_append (s, "present, ");
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, j ? ", %s COLLATE BINARY" : "%s COLLATE BINARY",
                                t->columns[j].column);
      g_string_append (s, ") IS NOT (");
      if (has_present)
        g_string_append (s, "excluded.present, ");
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, j ? ", excluded.%s" : "excluded.%s", t->columns[j].column);
      g_string_append (s, ")");
    }
  return g_string_free (s, FALSE);
}

static char *
build_vector_insert (CsStoreChild c)
{
  const char *t = child_tables[c].table, *p = child_tables[c].parent, *v = child_tables[c].value;

  return g_strdup_printf ("INSERT INTO %s (manifest_id, %s, pos, %s) VALUES (?1, ?2, ?3, ?4)"
                          " ON CONFLICT (manifest_id, %s, pos) DO UPDATE SET %s = excluded.%s"
                          " WHERE %s COLLATE BINARY IS NOT excluded.%s",
                          t, p, v, p, v, v, v, v);
}

static char *
build_select (const Table *t,
              const char  *where)
{
  GString *s = g_string_new ("SELECT ");

  g_string_append (s, t->select_keys);
  for (guint j = 0; j < t->n_columns; j++)
    g_string_append_printf (s, ", %s", t->columns[j].column);
  g_string_append_printf (s, " FROM %s WHERE %s", t->table, where);
  if (t->order_by != NULL)
    g_string_append_printf (s, " ORDER BY %s", t->order_by);
  return g_string_free (s, FALSE);
}

static gpointer
resolve_all (gpointer data)
{
  static const char * const lists[] = { "legs", "containers", "items", "documents" };
  GType parties_type = cs_parties_get_type ();

  for (guint i = 0; i < N_TABLES; i++)
    resolve_table (&tables[i]);

  F.manifest_id = class_field (CS_TYPE_MANIFEST, "id");
  F.manifest_parties = class_field (CS_TYPE_MANIFEST, "parties");
  F.container_seals = class_field (CS_TYPE_CONTAINER, "seals");
  F.item_splits = class_field (CS_TYPE_ITEM, "splits");
  F.vehicle_vins = class_field (CS_TYPE_VEHICLE, "vins");
  F.machinery_serials = class_field (CS_TYPE_MACHINERY, "serials");
  F.document_covers = class_field (CS_TYPE_DOCUMENT, "covers");
  for (guint r = 0; r < 5; r++)
    F.parties_role[r] = class_field (parties_type, cs_party_roles[r]);

  stmt_sql[STMT_FIND_ID] = g_strdup ("SELECT id FROM manifests WHERE id = ?1"
                                     " UNION ALL SELECT id FROM manifests WHERE reference = ?1"
                                     " LIMIT 1");
  stmt_sql[STMT_REF_CLASH] = g_strdup ("SELECT id FROM manifests WHERE reference = ?1 AND id <> ?2");
  stmt_sql[STMT_OLD_REVISION] = g_strdup ("SELECT revision, created FROM manifests WHERE id = ?1");
  stmt_sql[STMT_UPSERT_MANIFEST] =
    build_insert (&tables[T_MANIFEST],
                  " ON CONFLICT (id) DO UPDATE SET present = excluded.present,"
                  " revision = excluded.revision, updated = excluded.updated,"
                  " n_items = excluded.n_items");
  stmt_sql[STMT_DELETE_PARTIES] = g_strdup ("DELETE FROM parties WHERE manifest_id = ?1");
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    stmt_sql[STMT_TRIM_LEGS + i] = g_strdup_printf ("DELETE FROM %s WHERE manifest_id = ?1 AND pos >= ?2",
                                                    lists[i]);
  for (guint c = 0; c < N_CHILDREN; c++)
    {
      const char *t = child_tables[c].table, *p = child_tables[c].parent;

      stmt_sql[STMT_COUNT_CHILD + c] =
        g_strdup_printf ("SELECT %s, count(*) FROM %s WHERE manifest_id = ?1 GROUP BY %s", p, t, p);
      stmt_sql[STMT_TRIM_CHILD + c] =
        g_strdup_printf ("DELETE FROM %s WHERE manifest_id = ?1 AND %s >= ?2", t, p);
      stmt_sql[STMT_TRIM_CHILD_TAIL + c] =
        g_strdup_printf ("DELETE FROM %s WHERE manifest_id = ?1 AND %s = ?2 AND pos >= ?3", t, p);
    }
  stmt_sql[STMT_INSERT_PARTY] = build_insert (&tables[T_PARTY], NULL);
  stmt_sql[STMT_INSERT_LEG] = build_insert (&tables[T_LEG], NULL);
  stmt_sql[STMT_INSERT_CONTAINER] = build_insert (&tables[T_CONTAINER], NULL);
  stmt_sql[STMT_INSERT_SEAL] = build_vector_insert (CHILD_SEALS);
  stmt_sql[STMT_INSERT_ITEM] = build_insert (&tables[T_ITEM], NULL);
  stmt_sql[STMT_INSERT_VIN] = build_vector_insert (CHILD_VINS);
  stmt_sql[STMT_INSERT_SERIAL] = build_vector_insert (CHILD_SERIALS);
  stmt_sql[STMT_INSERT_SPLIT] = build_insert (&tables[T_SPLIT], NULL);
  stmt_sql[STMT_INSERT_DOCUMENT] = build_insert (&tables[T_DOCUMENT], NULL);
  stmt_sql[STMT_INSERT_COVER] = build_vector_insert (CHILD_COVERS);
  stmt_sql[STMT_SELECT_MANIFEST] = build_select (&tables[T_MANIFEST], "id = ?1");
  stmt_sql[STMT_SELECT_PARTIES] = build_select (&tables[T_PARTY], "manifest_id = ?1");
  stmt_sql[STMT_SELECT_LEGS] = build_select (&tables[T_LEG], "manifest_id = ?1");
  stmt_sql[STMT_SELECT_CONTAINERS] = build_select (&tables[T_CONTAINER], "manifest_id = ?1");
  stmt_sql[STMT_SELECT_SEALS] =
    g_strdup ("SELECT container_pos, seal FROM seals WHERE manifest_id = ?1 ORDER BY container_pos, pos");
  stmt_sql[STMT_SELECT_ITEMS] = build_select (&tables[T_ITEM], "manifest_id = ?1");
  stmt_sql[STMT_SELECT_VINS] =
    g_strdup ("SELECT item_pos, vin FROM vins WHERE manifest_id = ?1 ORDER BY item_pos, pos");
  stmt_sql[STMT_SELECT_SERIALS] =
    g_strdup ("SELECT item_pos, serial FROM serials WHERE manifest_id = ?1 ORDER BY item_pos, pos");
  stmt_sql[STMT_SELECT_SPLITS] = build_select (&tables[T_SPLIT], "manifest_id = ?1");
  stmt_sql[STMT_SELECT_DOCUMENTS] = build_select (&tables[T_DOCUMENT], "manifest_id = ?1");
  stmt_sql[STMT_SELECT_COVERS] =
    g_strdup ("SELECT doc_pos, line FROM document_covers WHERE manifest_id = ?1 ORDER BY doc_pos, pos");

  for (guint i = 0; i < N_STMTS; i++)
    g_assert (stmt_sql[i] != NULL);
  return NULL;
}

static void
ensure_resolved (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, resolve_all, NULL);
}

const char *
_cs_store_stmt_sql (CsStoreStmt which)
{
  g_assert (which < N_STMTS);
  ensure_resolved ();
  return stmt_sql[which];
}

/* ---- writing ----------------------------------------------------------------------------- */

static guint
row_present (const Table *t,
             CsRecord    *rec)
{
  guint present = 0;

  for (guint b = 0; b < t->n_blocks; b++)
    if (*(gpointer *) CS_FIELD_SLOT (rec, t->blocks[b]) != NULL)
      present |= 1u << b;
  return present;
}

static char *
strv_to_json (const char * const *strv)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      cs_json_append_string (s, strv[i]);
    }
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Binds the data columns of @t from @rec at parameters @first, @first + 1, ... */
static int
bind_columns (sqlite3_stmt *stmt,
              int           first,
              const Table  *t,
              CsRecord     *rec)
{
  int rc = SQLITE_OK;

  for (guint j = 0; j < t->n_columns && rc == SQLITE_OK; j++)
    {
      const CsField *f = t->field[j];
      CsRecord *owner = t->block[j] ? *(CsRecord **) CS_FIELD_SLOT (rec, t->block[j]) : rec;
      int idx = first + (int) j;
      gpointer slot;

      if (owner == NULL)
        {
          rc = f->kind == CS_FIELD_BOOLEAN ? sqlite3_bind_int (stmt, idx, 0)
                                           : sqlite3_bind_null (stmt, idx);
          continue;
        }
      slot = CS_FIELD_SLOT (owner, f);
      switch (f->kind)
        {
        case CS_FIELD_STRING:
        case CS_FIELD_ENUM:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          {
            const char *s = *(const char **) slot;
            rc = s ? sqlite3_bind_text (stmt, idx, s, -1, SQLITE_STATIC) : sqlite3_bind_null (stmt, idx);
          }
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          {
            double d = *(double *) slot;
            rc = cs_num_is_set (d) ? sqlite3_bind_double (stmt, idx, d) : sqlite3_bind_null (stmt, idx);
          }
          break;
        case CS_FIELD_BOOLEAN:
          rc = sqlite3_bind_int (stmt, idx, *(gboolean *) slot ? 1 : 0);
          break;
        case CS_FIELD_STRV:
          {
            const char * const *v = *(const char * const **) slot;
            rc = v ? sqlite3_bind_text (stmt, idx, strv_to_json (v), -1, g_free)
                   : sqlite3_bind_null (stmt, idx);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return rc;
}

typedef struct
{
  CsStore    *store;
  const char *id;
  gboolean    existed;                    /* old rows may have to go */
  GArray     *old_counts[N_CHILDREN];     /* existed: child rows per parent pos (guint) */
  GError    **error;
} Writer;

static sqlite3_stmt *
writer_stmt (Writer     *w,
             CsStoreStmt which)
{
  return _cs_store_stmt (w->store, which, w->error);
}

/* Steps @stmt once (expecting no row), resets it; FALSE with the error set on failure. */
static gboolean
writer_step (Writer       *w,
             sqlite3_stmt *stmt,
             int           bind_rc)
{
  int rc = bind_rc;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  return _cs_store_sql_error (w->store, w->error, rc, _("Could not save the draft"));
}

/* DELETE ... WHERE manifest_id = ?1 AND <key> >= ?2 [AND pos >= ?3] */
static gboolean
writer_trim (Writer      *w,
             CsStoreStmt  which,
             gint64       from,
             gint64       tail_from)
{
  sqlite3_stmt *stmt = writer_stmt (w, which);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK && sqlite3_bind_parameter_count (stmt) >= 2)
    rc = sqlite3_bind_int64 (stmt, 2, from);
  if (rc == SQLITE_OK && tail_from >= 0)
    rc = sqlite3_bind_int64 (stmt, 3, tail_from);
  return writer_step (w, stmt, rc);
}

static gboolean
load_old_counts (Writer *w)
{
  for (guint c = 0; c < N_CHILDREN; c++)
    {
      sqlite3_stmt *stmt = writer_stmt (w, STMT_COUNT_CHILD + c);
      GArray *counts = g_array_new (FALSE, TRUE, sizeof (guint));
      int rc;

      w->old_counts[c] = counts;
      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
      while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 parent = sqlite3_column_int64 (stmt, 0);

          if (parent >= 0 && parent < G_MAXINT)
            {
              if ((guint) parent >= counts->len)
                g_array_set_size (counts, (guint) parent + 1);
              g_array_index (counts, guint, parent) = (guint) sqlite3_column_int64 (stmt, 1);
            }
          rc = SQLITE_OK;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _cs_store_sql_error (w->store, w->error, rc, _("Could not save the draft"));
    }
  return TRUE;
}

/* After writing @n_new child rows of @parent: drop the old ones past them. */
static gboolean
trim_child_tail (Writer      *w,
                 CsStoreChild c,
                 guint        parent,
                 guint        n_new)
{
  GArray *counts = w->old_counts[c];

  if (!w->existed || parent >= counts->len || g_array_index (counts, guint, parent) <= n_new)
    return TRUE;
  return writer_trim (w, STMT_TRIM_CHILD_TAIL + c, parent, n_new);
}

/* After the last parent: drop child rows of parents that are gone. */
static gboolean
trim_child_parents (Writer      *w,
                    CsStoreChild c,
                    guint        n_parents)
{
  if (!w->existed || w->old_counts[c]->len <= n_parents)
    return TRUE;
  return writer_trim (w, STMT_TRIM_CHILD + c, n_parents, -1);
}

static gboolean
write_vector (Writer             *w,
              CsStoreChild        c,
              CsStoreStmt         which,
              guint               parent_pos,
              const char * const *strv)
{
  sqlite3_stmt *stmt;
  guint k = 0;

  if (strv != NULL && strv[0] != NULL)
    {
      if ((stmt = writer_stmt (w, which)) == NULL)
        return FALSE;
      for (; strv[k] != NULL; k++)
        {
          int rc = sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
          rc = rc ?: sqlite3_bind_int64 (stmt, 2, parent_pos);
          rc = rc ?: sqlite3_bind_int64 (stmt, 3, k);
          rc = rc ?: sqlite3_bind_text (stmt, 4, strv[k], -1, SQLITE_STATIC);
          if (!writer_step (w, stmt, rc))
            return FALSE;
        }
    }
  return trim_child_tail (w, c, parent_pos, k);
}

/* Rows of one list (legs, containers, items, documents) with their present bits; then the old
 * rows past the new end. */
static gboolean
write_rows (Writer      *w,
            CsStoreStmt  which,
            CsStoreStmt  trim,
            const Table *t,
            CsList      *list,
            gboolean     with_present,
            guint      (*extra_present) (CsRecord *rec))
{
  GPtrArray *arr = cs_list_get_array (list);
  sqlite3_stmt *stmt;

  if (arr->len > 0 && (stmt = writer_stmt (w, which)) == NULL)
    return FALSE;
  for (guint i = 0; i < arr->len; i++)
    {
      CsRecord *rec = arr->pdata[i];
      int rc = sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
      int first = 3;

      rc = rc ?: sqlite3_bind_int64 (stmt, 2, i);
      if (with_present)
        {
          guint present = row_present (t, rec) | (extra_present ? extra_present (rec) : 0);
          rc = rc ?: sqlite3_bind_int64 (stmt, 3, present);
          first = 4;
        }
      rc = rc ?: bind_columns (stmt, first, t, rec);
      if (!writer_step (w, stmt, rc))
        return FALSE;
    }
  if (!w->existed)
    return TRUE;
  return writer_trim (w, trim, arr->len, -1);
}

static guint
container_present (CsRecord *rec)
{
  return CS_CONTAINER (rec)->seals != NULL ? PRESENT_SEALS : 0;
}

static guint
item_present (CsRecord *rec)
{
  CsItem *it = CS_ITEM (rec);
  guint present = 0;

  if (it->vehicle != NULL && it->vehicle->vins != NULL)
    present |= PRESENT_VINS;
  if (it->machinery != NULL && it->machinery->serials != NULL)
    present |= PRESENT_SERIALS;
  return present;
}

static guint
document_present (CsRecord *rec)
{
  return CS_DOCUMENT (rec)->covers != NULL ? PRESENT_COVERS : 0;
}

static gboolean
write_splits (Writer *w,
              CsItem *it,
              guint   item_pos)
{
  GPtrArray *splits = cs_list_get_array (it->splits);
  sqlite3_stmt *stmt;

  if (splits->len > 0 && (stmt = writer_stmt (w, STMT_INSERT_SPLIT)) == NULL)
    return FALSE;
  for (guint k = 0; k < splits->len; k++)
    {
      int rc = sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
      rc = rc ?: sqlite3_bind_int64 (stmt, 2, item_pos);
      rc = rc ?: sqlite3_bind_int64 (stmt, 3, k);
      rc = rc ?: bind_columns (stmt, 4, &tables[T_SPLIT], splits->pdata[k]);
      if (!writer_step (w, stmt, rc))
        return FALSE;
    }
  return trim_child_tail (w, CHILD_SPLITS, item_pos, splits->len);
}

static gboolean
write_covers (Writer *w,
              GArray *covers,
              guint   doc_pos)
{
  sqlite3_stmt *stmt;
  guint n = covers ? covers->len : 0;

  if (n > 0 && (stmt = writer_stmt (w, STMT_INSERT_COVER)) == NULL)
    return FALSE;
  for (guint k = 0; k < n; k++)
    {
      int rc = sqlite3_bind_text (stmt, 1, w->id, -1, SQLITE_STATIC);
      rc = rc ?: sqlite3_bind_int64 (stmt, 2, doc_pos);
      rc = rc ?: sqlite3_bind_int64 (stmt, 3, k);
      rc = rc ?: sqlite3_bind_int64 (stmt, 4, g_array_index (covers, gint64, k));
      if (!writer_step (w, stmt, rc))
        return FALSE;
    }
  return trim_child_tail (w, CHILD_COVERS, doc_pos, n);
}

static gboolean
write_all (Writer     *w,
           CsManifest *m,
           gint64      revision,
           gint64      created,
           gint64      now_us)
{
  const Table *t = &tables[T_MANIFEST];
  sqlite3_stmt *stmt;
  int rc;

  if (w->existed && !load_old_counts (w))
    return FALSE;

  /* The header row (updated in place, so that rows referring to the draft stay). */
  if ((stmt = writer_stmt (w, STMT_UPSERT_MANIFEST)) == NULL)
    return FALSE;
  rc = sqlite3_bind_text (stmt, 1, m->id, -1, SQLITE_STATIC);
  rc = rc ?: sqlite3_bind_int64 (stmt, 2, row_present (t, CS_RECORD (m)));
  rc = rc ?: sqlite3_bind_int64 (stmt, 3, revision);
  rc = rc ?: sqlite3_bind_int64 (stmt, 4, created);
  rc = rc ?: sqlite3_bind_int64 (stmt, 5, now_us);
  rc = rc ?: sqlite3_bind_int64 (stmt, 6, CS_MANIFEST_N_ITEMS (m));
  rc = rc ?: bind_columns (stmt, 7, t, CS_RECORD (m));
  if (!writer_step (w, stmt, rc))
    return FALSE;

  /* Parties: at most five rows, simply replaced. */
  if (w->existed && !writer_trim (w, STMT_DELETE_PARTIES, 0, -1))
    return FALSE;
  if (m->parties != NULL)
    {
      if ((stmt = writer_stmt (w, STMT_INSERT_PARTY)) == NULL)
        return FALSE;
      for (guint r = 0; r < G_N_ELEMENTS (F.parties_role); r++)
        {
          CsRecord *party = *(CsRecord **) CS_FIELD_SLOT (m->parties, F.parties_role[r]);

          if (party == NULL)
            continue;
          rc = sqlite3_bind_text (stmt, 1, m->id, -1, SQLITE_STATIC);
          rc = rc ?: sqlite3_bind_text (stmt, 2, cs_party_roles[r], -1, SQLITE_STATIC);
          rc = rc ?: bind_columns (stmt, 3, &tables[T_PARTY], party);
          if (!writer_step (w, stmt, rc))
            return FALSE;
        }
    }

  if (!write_rows (w, STMT_INSERT_LEG, STMT_TRIM_LEGS, &tables[T_LEG], m->legs, FALSE, NULL))
    return FALSE;

  if (!write_rows (w, STMT_INSERT_CONTAINER, STMT_TRIM_CONTAINERS, &tables[T_CONTAINER],
                   m->containers, TRUE, container_present))
    return FALSE;
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    if (!write_vector (w, CHILD_SEALS, STMT_INSERT_SEAL, i,
                       (const char * const *) CS_MANIFEST_CONTAINER (m, i)->seals))
      return FALSE;
  if (!trim_child_parents (w, CHILD_SEALS, CS_MANIFEST_N_CONTAINERS (m)))
    return FALSE;

  if (!write_rows (w, STMT_INSERT_ITEM, STMT_TRIM_ITEMS, &tables[T_ITEM], m->items, TRUE,
                   item_present))
    return FALSE;
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);

      if (!write_vector (w, CHILD_VINS, STMT_INSERT_VIN, i,
                         it->vehicle ? (const char * const *) it->vehicle->vins : NULL) ||
          !write_vector (w, CHILD_SERIALS, STMT_INSERT_SERIAL, i,
                         it->machinery ? (const char * const *) it->machinery->serials : NULL) ||
          !write_splits (w, it, i))
        return FALSE;
    }
  if (!trim_child_parents (w, CHILD_VINS, CS_MANIFEST_N_ITEMS (m)) ||
      !trim_child_parents (w, CHILD_SERIALS, CS_MANIFEST_N_ITEMS (m)) ||
      !trim_child_parents (w, CHILD_SPLITS, CS_MANIFEST_N_ITEMS (m)))
    return FALSE;

  if (!write_rows (w, STMT_INSERT_DOCUMENT, STMT_TRIM_DOCUMENTS, &tables[T_DOCUMENT], m->documents,
                   TRUE, document_present))
    return FALSE;
  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    if (!write_covers (w, CS_MANIFEST_DOCUMENT (m, i)->covers, i))
      return FALSE;
  return trim_child_parents (w, CHILD_COVERS, CS_MANIFEST_N_DOCUMENTS (m));
}

/* Writes every row of @m inside the caller's transaction. A re-save updates rows in place where
 * something changed, inserts what is new and deletes only what is gone. */
gboolean
_cs_store_write_manifest (CsStore     *self,
                          CsManifest  *m,
                          gboolean     existed,
                          gint64       revision,
                          gint64       created,
                          gint64       now_us,
                          GError     **error)
{
  Writer w = { self, m->id, existed, { NULL }, error };
  gboolean ok;

  ensure_resolved ();
  ok = write_all (&w, m, revision, created, now_us);
  for (guint c = 0; c < N_CHILDREN; c++)
    g_clear_pointer (&w.old_counts[c], g_array_unref);
  return ok;
}

/* ---- reading ----------------------------------------------------------------------------- */

typedef struct
{
  CsStore    *store;
  const char *id;
  GError    **error;
} Reader;

G_GNUC_PRINTF (3, 4)
static gboolean
damaged (Reader     *r,
         const char *table,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "FILE: draft ID, table items: what is wrong" */
  g_set_error (r->error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE,
               _("%s: draft %s, table %s: %s"), cs_store_get_path (r->store), r->id, table, what);
  return FALSE;
}

static GStrv
json_to_strv (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *arr;
  GStrv v;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  arr = json_node_get_array (root);
  v = g_new0 (char *, json_array_get_length (arr) + 1);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      const char *s = json_array_get_string_element (arr, i);
      if (s == NULL)
        {
          g_strfreev (v);
          return NULL;
        }
      v[i] = g_strdup (s);
    }
  return v;
}

/* Fills @rec from the data columns of @t starting at column @first, creating the sub-blocks
 * whose bits are set in @present. */
static gboolean
read_columns (Reader       *r,
              sqlite3_stmt *stmt,
              int           first,
              const Table  *t,
              CsRecord     *rec,
              guint         present)
{
  for (guint b = 0; b < t->n_blocks; b++)
    if (present & (1u << b))
      cs_field_take_record (rec, t->blocks[b], g_object_new (t->blocks[b]->type (), NULL));

  for (guint j = 0; j < t->n_columns; j++)
    {
      const CsField *f = t->field[j];
      CsRecord *owner = t->block[j] ? *(CsRecord **) CS_FIELD_SLOT (rec, t->block[j]) : rec;
      int col = first + (int) j;
      int type = sqlite3_column_type (stmt, col);

      if (owner == NULL || type == SQLITE_NULL)
        continue;
      switch (f->kind)
        {
        case CS_FIELD_ENUM:
          {
            const char *s = (const char *) sqlite3_column_text (stmt, col);
            if (!cs_field_enum_allows (f, s))
              return damaged (r, t->table, _("column %s has the unknown value “%s”"),
                              t->columns[j].column, s);
            cs_field_set_string (owner, f, s);
          }
          break;
        case CS_FIELD_STRING:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          cs_field_take_string (owner, f,
                                g_strndup ((const char *) sqlite3_column_text (stmt, col),
                                           sqlite3_column_bytes (stmt, col)));
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          cs_field_set_number (owner, f, sqlite3_column_double (stmt, col));
          break;
        case CS_FIELD_BOOLEAN:
          cs_field_set_boolean (owner, f, sqlite3_column_int (stmt, col) != 0);
          break;
        case CS_FIELD_STRV:
          {
            GStrv v = json_to_strv ((const char *) sqlite3_column_text (stmt, col));
            if (v == NULL)
              return damaged (r, t->table, _("column %s is not a list of strings"),
                              t->columns[j].column);
            cs_field_take_strv (owner, f, v);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* A child-table cursor read alongside its parent rows (both in pos order). */
typedef struct
{
  sqlite3_stmt *stmt;
  int           rc;
} Cursor;

static gboolean
cursor_open (Reader     *r,
             Cursor     *c,
             CsStoreStmt which)
{
  if ((c->stmt = _cs_store_stmt (r->store, which, r->error)) == NULL)
    return FALSE;
  c->rc = sqlite3_bind_text (c->stmt, 1, r->id, -1, SQLITE_STATIC);
  if (c->rc == SQLITE_OK)
    c->rc = sqlite3_step (c->stmt);
  return TRUE;
}

/* Skips rows of parents before @pos (orphans); TRUE while the current row belongs to @pos. */
static gboolean
cursor_at (Cursor *c,
           gint64  pos)
{
  while (c->rc == SQLITE_ROW && sqlite3_column_int64 (c->stmt, 0) < pos)
    c->rc = sqlite3_step (c->stmt);
  return c->rc == SQLITE_ROW && sqlite3_column_int64 (c->stmt, 0) == pos;
}

static GStrv
cursor_take_strv (Cursor *c,
                  gint64  pos)
{
  GPtrArray *v = g_ptr_array_new ();

  while (cursor_at (c, pos))
    {
      g_ptr_array_add (v, g_strndup ((const char *) sqlite3_column_text (c->stmt, 1),
                                     sqlite3_column_bytes (c->stmt, 1)));
      c->rc = sqlite3_step (c->stmt);
    }
  g_ptr_array_add (v, NULL);
  return (GStrv) g_ptr_array_free (v, FALSE);
}

/* Resets the cursor; FALSE with the error set if it stopped on an error. */
static gboolean
cursor_close (Reader *r,
              Cursor *c)
{
  int rc = c->rc;

  if (c->stmt == NULL)
    return TRUE;
  sqlite3_reset (c->stmt);
  c->stmt = NULL;
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return _cs_store_sql_error (r->store, r->error, rc, _("Could not read the draft"));
}

/* Reads the rows of one list table into @list (each row: pos[, present], columns). */
static gboolean
read_rows (Reader      *r,
           CsStoreStmt  which,
           const Table *t,
           CsList      *list,
           gboolean     with_present,
           GArray      *presents)
{
  Cursor c = { NULL, 0 };
  gboolean ok = TRUE;

  if (!cursor_open (r, &c, which))
    return FALSE;
  while (ok && c.rc == SQLITE_ROW)
    {
      g_autoptr(CsRecord) rec = g_object_new (t->type (), NULL);
      guint present = with_present ? (guint) sqlite3_column_int64 (c.stmt, 1) : 0;

      if (sqlite3_column_int64 (c.stmt, 0) != cs_list_length (list))
        ok = damaged (r, t->table, _("rows are not numbered 0, 1, 2, …"));
      else
        ok = read_columns (r, c.stmt, t->n_select_keys, t, rec, present);
      if (ok)
        {
          cs_list_append_silent (list, rec);
          if (presents != NULL)
            g_array_append_val (presents, present);
          c.rc = sqlite3_step (c.stmt);
        }
    }
  return cursor_close (r, &c) && ok;
}

static void
cursors_close_quietly (Cursor *c,
                       guint   n)
{
  for (guint i = 0; i < n; i++)
    if (c[i].stmt != NULL)
      sqlite3_reset (c[i].stmt);
}

CsManifest *
_cs_store_read_manifest (CsStore     *self,
                         const char  *id,
                         GError     **error)
{
  Reader r = { self, id, error };
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GArray) presents = NULL;
  const Table *t = &tables[T_MANIFEST];
  sqlite3_stmt *stmt;
  Cursor c[3] = { { NULL, 0 } };
  gboolean ok;
  int rc;

  ensure_resolved ();

  if ((stmt = _cs_store_stmt (self, STMT_SELECT_MANIFEST, error)) == NULL)
    return NULL;
  rc = sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                   _("%s: no draft “%s”"), cs_store_get_path (self), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _cs_store_sql_error (self, error, rc, _("Could not read the draft"));
      return NULL;
    }
  m = cs_manifest_new ();
  cs_field_set_string (CS_RECORD (m), F.manifest_id, id);
  ok = read_columns (&r, stmt, t->n_select_keys, t, CS_RECORD (m),
                     (guint) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (!ok)
    return NULL;

  /* Parties */
  if (!cursor_open (&r, &c[0], STMT_SELECT_PARTIES))
    return NULL;
  while (c[0].rc == SQLITE_ROW)
    {
      const char *role = (const char *) sqlite3_column_text (c[0].stmt, 0);
      g_autoptr(CsRecord) party = g_object_new (CS_TYPE_PARTY, NULL);
      guint k;

      for (k = 0; k < G_N_ELEMENTS (F.parties_role); k++)
        if (g_strcmp0 (role, cs_party_roles[k]) == 0)
          break;
      if (k == G_N_ELEMENTS (F.parties_role) || m->parties == NULL)
        {
          cursors_close_quietly (c, 1);
          damaged (&r, "parties", _("unexpected party “%s”"), role ? role : "");
          return NULL;
        }
      if (!read_columns (&r, c[0].stmt, 1, &tables[T_PARTY], party, 0))
        {
          cursors_close_quietly (c, 1);
          return NULL;
        }
      cs_field_take_record (CS_RECORD (m->parties), F.parties_role[k], g_steal_pointer (&party));
      c[0].rc = sqlite3_step (c[0].stmt);
    }
  if (!cursor_close (&r, &c[0]))
    return NULL;

  if (!read_rows (&r, STMT_SELECT_LEGS, &tables[T_LEG], m->legs, FALSE, NULL))
    return NULL;

  /* Containers and their seals */
  presents = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!read_rows (&r, STMT_SELECT_CONTAINERS, &tables[T_CONTAINER], m->containers, TRUE, presents))
    return NULL;
  if (!cursor_open (&r, &c[0], STMT_SELECT_SEALS))
    return NULL;
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    if (g_array_index (presents, guint, i) & PRESENT_SEALS)
      cs_field_take_strv (CS_RECORD (CS_MANIFEST_CONTAINER (m, i)), F.container_seals,
                          cursor_take_strv (&c[0], i));
  if (!cursor_close (&r, &c[0]))
    return NULL;

  /* Items with VINs, serials and splits */
  g_array_set_size (presents, 0);
  if (!read_rows (&r, STMT_SELECT_ITEMS, &tables[T_ITEM], m->items, TRUE, presents))
    return NULL;
  if (!cursor_open (&r, &c[0], STMT_SELECT_VINS) ||
      !cursor_open (&r, &c[1], STMT_SELECT_SERIALS) ||
      !cursor_open (&r, &c[2], STMT_SELECT_SPLITS))
    {
      cursors_close_quietly (c, 3);
      return NULL;
    }
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);
      guint present = g_array_index (presents, guint, i);

      if ((present & PRESENT_VINS) && it->vehicle != NULL)
        cs_field_take_strv (CS_RECORD (it->vehicle), F.vehicle_vins, cursor_take_strv (&c[0], i));
      if ((present & PRESENT_SERIALS) && it->machinery != NULL)
        cs_field_take_strv (CS_RECORD (it->machinery), F.machinery_serials,
                            cursor_take_strv (&c[1], i));
      while (cursor_at (&c[2], i))
        {
          g_autoptr(CsRecord) split = g_object_new (CS_TYPE_SPLIT, NULL);

          if (!read_columns (&r, c[2].stmt, 1, &tables[T_SPLIT], split, 0))
            {
              cursors_close_quietly (c, 3);
              return NULL;
            }
          cs_list_append_silent (it->splits, split);
          c[2].rc = sqlite3_step (c[2].stmt);
        }
    }
  ok = cursor_close (&r, &c[0]);
  ok = cursor_close (&r, &c[1]) && ok;
  ok = cursor_close (&r, &c[2]) && ok;
  if (!ok)
    return NULL;

  /* Documents and what they cover */
  g_array_set_size (presents, 0);
  if (!read_rows (&r, STMT_SELECT_DOCUMENTS, &tables[T_DOCUMENT], m->documents, TRUE, presents))
    return NULL;
  if (!cursor_open (&r, &c[0], STMT_SELECT_COVERS))
    return NULL;
  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    {
      GArray *covers;

      if (!(g_array_index (presents, guint, i) & PRESENT_COVERS))
        continue;
      covers = g_array_new (FALSE, FALSE, sizeof (gint64));
      while (cursor_at (&c[0], i))
        {
          gint64 line = sqlite3_column_int64 (c[0].stmt, 1);
          g_array_append_val (covers, line);
          c[0].rc = sqlite3_step (c[0].stmt);
        }
      cs_field_take_intv (CS_RECORD (CS_MANIFEST_DOCUMENT (m, i)), F.document_covers, covers);
    }
  if (!cursor_close (&r, &c[0]))
    return NULL;

  return g_steal_pointer (&m);
}
