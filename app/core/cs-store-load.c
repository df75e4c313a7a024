/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-load.c: rows to a manifest
 *
 * Loading fills fresh, unobserved objects with the raw cs_field_*() setters and
 * cs_list_append_silent(); the rows below a list row are read alongside it with a merge join in
 * (parent pos, pos) order.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-json.h"
#include "cs-store-rows.h"

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

  if (!cs_json_check_depth (text, -1, 8, NULL, NULL) || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  arr = json_node_get_array (root);
  v = g_new0 (char *, json_array_get_length (arr) + 1);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *element = json_array_get_element (arr, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_strfreev (v);
          return NULL;
        }
      v[i] = g_strdup (json_node_get_string (element));
    }
  return v;
}

/* Fills @rec from the data columns of @t starting at column @first, creating the sub-blocks
 * whose bits are set in @present. */
static gboolean
read_columns (Reader       *r,
              CsDbStmt     *stmt,
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
      int type = cs_db_column_type (stmt, col);

      if (owner == NULL || type == CS_DB_TYPE_NULL)
        continue;
      switch (f->kind)
        {
        case CS_FIELD_ENUM:
          {
            g_autofree char *s = _cs_store_column_text (r->store, stmt, col, r->id);
            if (!cs_field_enum_allows (f, s))
              return damaged (r, t->table, _("column %s has the unknown value “%s”"),
                              t->columns[j].column, s);
            cs_field_set_string (owner, f, s);
          }
          break;
        case CS_FIELD_STRING:
        case CS_FIELD_DATE:
        case CS_FIELD_DATETIME:
          cs_field_take_string (owner, f, _cs_store_column_text (r->store, stmt, col, r->id));
          break;
        case CS_FIELD_NUMBER:
        case CS_FIELD_INTEGER:
          cs_field_set_number (owner, f, cs_db_column_double (stmt, col));
          break;
        case CS_FIELD_BOOLEAN:
          cs_field_set_boolean (owner, f, cs_db_column_int (stmt, col) != 0);
          break;
        case CS_FIELD_STRV:
          {
            g_autofree char *text = _cs_store_column_text (r->store, stmt, col, r->id);
            GStrv v = json_to_strv (text);
            if (v == NULL)
              return damaged (r, t->table, _("column %s is not a list of strings"),
                              t->columns[j].column);
            cs_field_take_strv (owner, f, v);
          }
          break;
        case CS_FIELD_INTV:
        case CS_FIELD_RECORD:
        case CS_FIELD_LIST:
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* A child-table cursor read alongside its parent rows (both in pos order). */
typedef struct
{
  CsDbStmt *stmt;
  CsDbRc    rc;
} Cursor;

static gboolean
cursor_open (Reader     *r,
             Cursor     *c,
             CsStoreStmt which)
{
  if ((c->stmt = _cs_store_stmt (r->store, which, r->error)) == NULL)
    return FALSE;
  c->rc = cs_db_bind_text (c->stmt, 1, r->id, -1);
  if (c->rc == CS_DB_OK)
    c->rc = cs_db_step (c->stmt);
  return TRUE;
}

/* Skips rows of parents before @pos (orphans); TRUE while the current row belongs to @pos. */
static gboolean
cursor_at (Cursor *c,
           gint64  pos)
{
  while (c->rc == CS_DB_ROW && cs_db_column_int64 (c->stmt, 0) < pos)
    c->rc = cs_db_step (c->stmt);
  return c->rc == CS_DB_ROW && cs_db_column_int64 (c->stmt, 0) == pos;
}

/* @boxes: NULL, or for VINs and serials the containers from column 2 (CsTaggedList), in the
 * canonical form (NULL when no row names one, so drafts without boxes load as before). */
static GStrv
cursor_take_tagged (Reader *r,
                    Cursor *c,
                    gint64  pos,
                    GStrv  *boxes)
{
  GPtrArray *v = g_ptr_array_new ();
  GPtrArray *b = g_ptr_array_new_with_free_func (g_free);

  while (cursor_at (c, pos))
    {
      char *text = _cs_store_column_text (r->store, c->stmt, 1, r->id);
      char *box = boxes != NULL ? _cs_store_column_text (r->store, c->stmt, 2, r->id) : NULL;

      g_ptr_array_add (v, text ? text : g_strdup (""));
      g_ptr_array_add (b, box ? box : g_strdup (""));
      c->rc = cs_db_step (c->stmt);
    }
  g_ptr_array_add (v, NULL);
  if (boxes != NULL)
    *boxes = cs_tagged_containers_take (b);
  else
    g_ptr_array_unref (b);
  return (GStrv) g_ptr_array_free (v, FALSE);
}

static GStrv
cursor_take_strv (Reader *r,
                  Cursor *c,
                  gint64  pos)
{
  return cursor_take_tagged (r, c, pos, NULL);
}

/* Resets the cursor; FALSE with the error set if it stopped on an error. */
static gboolean
cursor_close (Reader *r,
              Cursor *c)
{
  CsDbRc rc = c->rc;

  if (c->stmt == NULL)
    return TRUE;
  cs_db_reset (c->stmt);
  c->stmt = NULL;
  if (rc == CS_DB_DONE || rc == CS_DB_ROW)
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
  while (ok && c.rc == CS_DB_ROW)
    {
      g_autoptr(CsRecord) rec = g_object_new (t->type (), NULL);
      guint present = with_present ? (guint) cs_db_column_int64 (c.stmt, 1) : 0;

      if (cs_db_column_int64 (c.stmt, 0) != cs_list_length (list))
        ok = damaged (r, t->table, _("rows are not numbered 0, 1, 2, …"));
      else
        ok = read_columns (r, c.stmt, t->n_select_keys, t, rec, present);
      if (ok)
        {
          cs_list_append_silent (list, rec);
          if (presents != NULL)
            g_array_append_val (presents, present);
          c.rc = cs_db_step (c.stmt);
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
      cs_db_reset (c[i].stmt);
}

CsManifest *
_cs_store_read_manifest (CsStore     *self,
                         const char  *id,
                         GError     **error)
{
  Reader r = { self, id, error };
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GArray) presents = NULL;
  const Table *t = &_cs_store_tables[T_MANIFEST];
  CsDbStmt *stmt;
  Cursor c[3] = { { NULL, 0 } };
  gboolean ok;
  CsDbRc rc;

  _cs_store_rows_init ();

  if ((stmt = _cs_store_stmt (self, STMT_SELECT_MANIFEST, error)) == NULL)
    return NULL;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc == CS_DB_DONE)
    {
      cs_db_reset (stmt);
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                   _("%s: no draft “%s”"), cs_store_get_path (self), id);
      return NULL;
    }
  if (rc != CS_DB_ROW)
    {
      cs_db_reset (stmt);
      _cs_store_sql_error (self, error, rc, _("Could not read the draft"));
      return NULL;
    }
  m = cs_manifest_new ();
  /* the id as stored may be damaged (see _cs_store_find_id()): the manifest gets valid text */
  if (!g_utf8_validate (id, -1, NULL))
    {
      cs_field_take_string (CS_RECORD (m), _cs_store_fields.manifest_id, g_utf8_make_valid (id, -1));
      _cs_store_note_bad_text (self, id);
    }
  else
    cs_field_set_string (CS_RECORD (m), _cs_store_fields.manifest_id, id);
  ok = read_columns (&r, stmt, t->n_select_keys, t, CS_RECORD (m),
                     (guint) cs_db_column_int64 (stmt, 0));
  cs_db_reset (stmt);
  if (!ok)
    return NULL;

  /* Parties */
  if (!cursor_open (&r, &c[0], STMT_SELECT_PARTIES))
    return NULL;
  while (c[0].rc == CS_DB_ROW)
    {
      g_autofree char *role = _cs_store_column_text (self, c[0].stmt, 0, id);
      g_autoptr(CsRecord) party = g_object_new (CS_TYPE_PARTY, NULL);
      guint k;

      for (k = 0; k < G_N_ELEMENTS (_cs_store_fields.parties_role); k++)
        if (g_strcmp0 (role, cs_party_roles[k]) == 0)
          break;
      if (k == G_N_ELEMENTS (_cs_store_fields.parties_role) || m->parties == NULL)
        {
          cursors_close_quietly (c, 1);
          damaged (&r, "parties", _("unexpected party “%s”"), role ? role : "");
          return NULL;
        }
      if (!read_columns (&r, c[0].stmt, 1, &_cs_store_tables[T_PARTY], party, 0))
        {
          cursors_close_quietly (c, 1);
          return NULL;
        }
      cs_field_take_record (CS_RECORD (m->parties), _cs_store_fields.parties_role[k], g_steal_pointer (&party));
      c[0].rc = cs_db_step (c[0].stmt);
    }
  if (!cursor_close (&r, &c[0]))
    return NULL;

  if (!read_rows (&r, STMT_SELECT_LEGS, &_cs_store_tables[T_LEG], m->legs, TRUE, NULL))
    return NULL;

  /* Containers and their seals */
  presents = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!read_rows (&r, STMT_SELECT_CONTAINERS, &_cs_store_tables[T_CONTAINER], m->containers, TRUE, presents))
    return NULL;
  if (!cursor_open (&r, &c[0], STMT_SELECT_SEALS))
    return NULL;
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    if (g_array_index (presents, guint, i) & PRESENT_SEALS)
      cs_field_take_strv (CS_RECORD (CS_MANIFEST_CONTAINER (m, i)), _cs_store_fields.container_seals,
                          cursor_take_strv (&r, &c[0], i));
  if (!cursor_close (&r, &c[0]))
    return NULL;

  /* Items with VINs, serials and splits */
  g_array_set_size (presents, 0);
  if (!read_rows (&r, STMT_SELECT_ITEMS, &_cs_store_tables[T_ITEM], m->items, TRUE, presents))
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
        {
          GStrv boxes = NULL;

          cs_field_take_strv (CS_RECORD (it->vehicle), _cs_store_fields.vehicle_vins,
                              cursor_take_tagged (&r, &c[0], i, &boxes));
          if (boxes != NULL)
            cs_field_take_strv (CS_RECORD (it->vehicle),
                                cs_record_find_field (CS_RECORD (it->vehicle), "vin_containers"), boxes);
        }
      if ((present & PRESENT_SERIALS) && it->machinery != NULL)
        {
          GStrv boxes = NULL;

          cs_field_take_strv (CS_RECORD (it->machinery), _cs_store_fields.machinery_serials,
                              cursor_take_tagged (&r, &c[1], i, &boxes));
          if (boxes != NULL)
            cs_field_take_strv (CS_RECORD (it->machinery),
                                cs_record_find_field (CS_RECORD (it->machinery), "serial_containers"), boxes);
        }
      while (cursor_at (&c[2], i))
        {
          g_autoptr(CsRecord) split = g_object_new (CS_TYPE_SPLIT, NULL);

          if (!read_columns (&r, c[2].stmt, 1, &_cs_store_tables[T_SPLIT], split, 0))
            {
              cursors_close_quietly (c, 3);
              return NULL;
            }
          cs_list_append_silent (it->splits, split);
          c[2].rc = cs_db_step (c[2].stmt);
        }
    }
  ok = cursor_close (&r, &c[0]);
  ok = cursor_close (&r, &c[1]) && ok;
  ok = cursor_close (&r, &c[2]) && ok;
  if (!ok)
    return NULL;

  /* Documents and what they cover */
  g_array_set_size (presents, 0);
  if (!read_rows (&r, STMT_SELECT_DOCUMENTS, &_cs_store_tables[T_DOCUMENT], m->documents, TRUE, presents))
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
          gint64 line = cs_db_column_int64 (c[0].stmt, 1);
          g_array_append_val (covers, line);
          c[0].rc = cs_db_step (c[0].stmt);
        }
      cs_field_take_intv (CS_RECORD (CS_MANIFEST_DOCUMENT (m, i)), _cs_store_fields.document_covers, covers);
    }
  if (!cursor_close (&r, &c[0]))
    return NULL;

  return g_steal_pointer (&m);
}
