/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-rows.c: the column tables of the store, and the SQL built from them
 *
 * Each table lists its columns as (column name, model path); the path names a field of the
 * row's record or of one of its sub-blocks ("reefer.setpoint_c"). The same list builds the
 * INSERT and SELECT statements here and drives binding (cs-store-save.c) and reading
 * (cs-store-load.c), so a column cannot be written without being read back. Vectors that people
 * look up (VINs, serials, seals) and document covers live in child tables.
 */

#include "config.h"

#include <string.h>

#include "cs-store-rows.h"

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
  { "vessel_name", "vessel.name" },
  { "vessel_imo", "vessel.imo" },
  { "vessel_call_sign", "vessel.call_sign" },
  { "vessel_flag", "vessel.flag" },
  { "carrier_code", "carrier_code" },
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
  { "product", "product" },
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

Table _cs_store_tables[N_TABLES] = {
  TABLE ("manifests", cs_manifest_get_type, "id, present, revision, created, updated, n_items, updated_by", 7,
         "present, revision", 2, NULL, manifest_columns, "parties", NULL),
  TABLE ("parties", cs_party_get_type, "manifest_id, role", 2, "role", 1, "role",
         party_columns, NULL, NULL),
  TABLE ("legs", cs_leg_get_type, "manifest_id, pos, present", 3, "pos, present", 2, "pos", leg_columns, NULL,
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

CsStoreFields _cs_store_fields;

/* per engine: [0] SQLite, [1] PostgreSQL */
static char *stmt_sql[2][N_STMTS];

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
              const char  *upsert_tail,
              gboolean     pg)
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
  else if (t->conflict != NULL && pg)
    {
      /* PostgreSQL: TEXT compares bytes already; the old row's columns are named by table */
      g_string_append_printf (s, " ON CONFLICT (%s) DO UPDATE SET ", t->conflict);
      if (has_present)
        g_string_append (s, "present = excluded.present, ");
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, j ? ", %s = excluded.%s" : "%s = excluded.%s",
                                t->columns[j].column, t->columns[j].column);
      g_string_append (s, " WHERE ROW (");
      if (has_present)
        g_string_append_printf (s, "%s.present, ", t->table);
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, j ? ", %s.%s" : "%s.%s", t->table, t->columns[j].column);
      g_string_append (s, ") IS DISTINCT FROM ROW (");
      if (has_present)
        g_string_append (s, "excluded.present, ");
      for (guint j = 0; j < t->n_columns; j++)
        g_string_append_printf (s, j ? ", excluded.%s" : "excluded.%s", t->columns[j].column);
      g_string_append (s, ")");
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
build_vector_insert (CsStoreChild c,
                     gboolean     pg)
{
  const char *t = child_tables[c].table, *p = child_tables[c].parent, *v = child_tables[c].value;

  if (pg)
    return g_strdup_printf ("INSERT INTO %s (manifest_id, %s, pos, %s) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (manifest_id, %s, pos) DO UPDATE SET %s = excluded.%s"
                            " WHERE %s.%s IS DISTINCT FROM excluded.%s",
                            t, p, v, p, v, v, t, v, v);
  return g_strdup_printf ("INSERT INTO %s (manifest_id, %s, pos, %s) VALUES (?1, ?2, ?3, ?4)"
                          " ON CONFLICT (manifest_id, %s, pos) DO UPDATE SET %s = excluded.%s"
                          " WHERE %s COLLATE BINARY IS NOT excluded.%s",
                          t, p, v, p, v, v, v, v);
}

/* VINs and serials also keep the container each travels in (?5, NULL for none) */
static char *
build_tagged_insert (CsStoreChild c,
                     gboolean     pg)
{
  const char *t = child_tables[c].table, *p = child_tables[c].parent, *v = child_tables[c].value;

  if (pg)
    return g_strdup_printf ("INSERT INTO %s (manifest_id, %s, pos, %s, container) VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (manifest_id, %s, pos) DO UPDATE SET %s = excluded.%s,"
                            " container = excluded.container"
                            " WHERE %s.%s IS DISTINCT FROM excluded.%s"
                            " OR %s.container IS DISTINCT FROM excluded.container",
                            t, p, v, p, v, v, t, v, v, t);
  return g_strdup_printf ("INSERT INTO %s (manifest_id, %s, pos, %s, container) VALUES (?1, ?2, ?3, ?4, ?5)"
                          " ON CONFLICT (manifest_id, %s, pos) DO UPDATE SET %s = excluded.%s,"
                          " container = excluded.container"
                          " WHERE %s COLLATE BINARY IS NOT excluded.%s OR container IS NOT excluded.container",
                          t, p, v, p, v, v, v, v);
}

/* @insert (one row of ?1 ... ?W in its VALUES) with @n_rows rows: ?1 ... ?(n_rows * W). */
static char *
build_batch (const char *insert,
             guint       n_rows)
{
  const char *values = strstr (insert, " VALUES (");
  const char *end = values ? strchr (values, ')') : NULL;
  GString *s = g_string_new_len (insert, values ? values - insert : 0);
  guint width = 0;

  g_assert (values != NULL && end != NULL);
  for (const char *p = values; p < end; p++)
    width += *p == '?';
  g_string_append (s, " VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (s, r ? ", (" : "(");
      for (guint j = 1; j <= width; j++)
        g_string_append_printf (s, j > 1 ? ", ?%u" : "?%u", r * width + j);
      g_string_append_c (s, ')');
    }
  g_string_append (s, end + 1);
  return g_string_free (s, FALSE);
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

/* The cached statements' SQL, for PostgreSQL when @pg (the same statements, in its dialect). */
static void
build_statements (char     **sql,
                  gboolean   pg)
{
  static const char * const lists[] = { "legs", "containers", "items", "documents" };

  sql[STMT_FIND_ID] = g_strdup ("SELECT id FROM manifests WHERE id = ?1"
                                " UNION ALL SELECT id FROM manifests WHERE reference = ?1"
                                " LIMIT 1");
  sql[STMT_REF_CLASH] = g_strdup ("SELECT id FROM manifests WHERE reference = ?1 AND id <> ?2");
  /* PostgreSQL: the row stays locked until the save commits (SQLite's write lock covers it) */
  sql[STMT_OLD_REVISION] = g_strdup (pg ? "SELECT revision, created, updated_by, updated FROM manifests"
                                          " WHERE id = ?1 FOR UPDATE"
                                        : "SELECT revision, created, updated_by, updated FROM manifests"
                                          " WHERE id = ?1");
  sql[STMT_UPSERT_MANIFEST] =
    build_insert (&_cs_store_tables[T_MANIFEST],
                  " ON CONFLICT (id) DO UPDATE SET present = excluded.present,"
                  " revision = excluded.revision, updated = excluded.updated,"
                  " n_items = excluded.n_items, updated_by = excluded.updated_by", pg);
  sql[STMT_DELETE_PARTIES] = g_strdup ("DELETE FROM parties WHERE manifest_id = ?1");
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    sql[STMT_TRIM_LEGS + i] = g_strdup_printf ("DELETE FROM %s WHERE manifest_id = ?1 AND pos >= ?2",
                                               lists[i]);
  for (guint c = 0; c < N_CHILDREN; c++)
    {
      const char *t = child_tables[c].table, *p = child_tables[c].parent;

      sql[STMT_COUNT_CHILD + c] =
        g_strdup_printf ("SELECT %s, count(*) FROM %s WHERE manifest_id = ?1 GROUP BY %s", p, t, p);
      sql[STMT_TRIM_CHILD + c] =
        g_strdup_printf ("DELETE FROM %s WHERE manifest_id = ?1 AND %s >= ?2", t, p);
      sql[STMT_TRIM_CHILD_TAIL + c] =
        g_strdup_printf ("DELETE FROM %s WHERE manifest_id = ?1 AND %s = ?2 AND pos >= ?3", t, p);
    }
  sql[STMT_INSERT_PARTY] = build_insert (&_cs_store_tables[T_PARTY], NULL, pg);
  sql[STMT_INSERT_LEG] = build_insert (&_cs_store_tables[T_LEG], NULL, pg);
  sql[STMT_INSERT_CONTAINER] = build_insert (&_cs_store_tables[T_CONTAINER], NULL, pg);
  sql[STMT_INSERT_SEAL] = build_vector_insert (CHILD_SEALS, pg);
  sql[STMT_INSERT_ITEM] = build_insert (&_cs_store_tables[T_ITEM], NULL, pg);
  sql[STMT_INSERT_VIN] = build_tagged_insert (CHILD_VINS, pg);
  sql[STMT_INSERT_SERIAL] = build_tagged_insert (CHILD_SERIALS, pg);
  sql[STMT_INSERT_SPLIT] = build_insert (&_cs_store_tables[T_SPLIT], NULL, pg);
  sql[STMT_INSERT_DOCUMENT] = build_insert (&_cs_store_tables[T_DOCUMENT], NULL, pg);
  sql[STMT_INSERT_COVER] = build_vector_insert (CHILD_COVERS, pg);
  sql[STMT_SELECT_MANIFEST] = build_select (&_cs_store_tables[T_MANIFEST], "id = ?1");
  sql[STMT_SELECT_PARTIES] = build_select (&_cs_store_tables[T_PARTY], "manifest_id = ?1");
  sql[STMT_SELECT_LEGS] = build_select (&_cs_store_tables[T_LEG], "manifest_id = ?1");
  sql[STMT_SELECT_CONTAINERS] = build_select (&_cs_store_tables[T_CONTAINER], "manifest_id = ?1");
  sql[STMT_SELECT_SEALS] =
    g_strdup ("SELECT container_pos, seal FROM seals WHERE manifest_id = ?1 ORDER BY container_pos, pos");
  sql[STMT_SELECT_ITEMS] = build_select (&_cs_store_tables[T_ITEM], "manifest_id = ?1");
  sql[STMT_SELECT_VINS] =
    g_strdup ("SELECT item_pos, vin, container FROM vins WHERE manifest_id = ?1 ORDER BY item_pos, pos");
  sql[STMT_SELECT_SERIALS] =
    g_strdup ("SELECT item_pos, serial, container FROM serials WHERE manifest_id = ?1 ORDER BY item_pos, pos");
  sql[STMT_SELECT_SPLITS] = build_select (&_cs_store_tables[T_SPLIT], "manifest_id = ?1");
  sql[STMT_SELECT_DOCUMENTS] = build_select (&_cs_store_tables[T_DOCUMENT], "manifest_id = ?1");
  sql[STMT_SELECT_COVERS] =
    g_strdup ("SELECT doc_pos, line FROM document_covers WHERE manifest_id = ?1 ORDER BY doc_pos, pos");
  for (guint i = STMT_INSERT_LEG; i <= STMT_INSERT_COVER; i++)
    {
      char *batch = build_batch (sql[i], CS_STORE_BATCH_ROWS);
      const char *upsert = strstr (batch, " ON CONFLICT ");

      sql[STMT_BATCH_INSERT + (i - STMT_INSERT_LEG)] = batch;
      /* a new draft has no rows to update (every table goes with its draft: ON DELETE CASCADE) */
      sql[STMT_BATCH_NEW + (i - STMT_INSERT_LEG)] = upsert ? g_strndup (batch, upsert - batch) : g_strdup (batch);
    }

}

static gpointer
resolve_all (gpointer data)
{
  GType parties_type = cs_parties_get_type ();

  for (guint i = 0; i < N_TABLES; i++)
    resolve_table (&_cs_store_tables[i]);

  _cs_store_fields.manifest_id = class_field (CS_TYPE_MANIFEST, "id");
  _cs_store_fields.manifest_parties = class_field (CS_TYPE_MANIFEST, "parties");
  _cs_store_fields.container_seals = class_field (CS_TYPE_CONTAINER, "seals");
  _cs_store_fields.item_splits = class_field (CS_TYPE_ITEM, "splits");
  _cs_store_fields.vehicle_vins = class_field (CS_TYPE_VEHICLE, "vins");
  _cs_store_fields.machinery_serials = class_field (CS_TYPE_MACHINERY, "serials");
  _cs_store_fields.document_covers = class_field (CS_TYPE_DOCUMENT, "covers");
  for (guint r = 0; r < 5; r++)
    _cs_store_fields.parties_role[r] = class_field (parties_type, cs_party_roles[r]);

  for (guint k = 0; k < 2; k++)
    {
      build_statements (stmt_sql[k], k == 1);
      for (guint i = 0; i < N_STMTS; i++)
        g_assert (stmt_sql[k][i] != NULL);
    }
  return NULL;
}

void
_cs_store_rows_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, resolve_all, NULL);
}

const char *
_cs_store_stmt_sql (CsDbKind    kind,
                    CsStoreStmt which)
{
  g_assert (which < N_STMTS);
  _cs_store_rows_init ();
  return stmt_sql[kind == CS_DB_POSTGRESQL ? 1 : 0][which];
}
