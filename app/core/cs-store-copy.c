/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-store-copy.c: "duplicate as new" and templates
 *
 * A copy keeps what a shipper repeats from one shipment to the next (parties, route, terms,
 * the goods, container types) and drops what identifies one shipment (as
 * HMRC's copy-declaration does). Templates are stored as JSON text: they are few and small.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "cs-json.h"
#include "cs-store-private.h"

static void
clear_field (CsRecord   *rec,
             const char *name)
{
  const CsField *f;

  if (rec == NULL)
    return;
  f = cs_record_find_field (rec, name);
  g_assert (f != NULL);
  switch (f->kind)
    {
    case CS_FIELD_STRING:
    case CS_FIELD_ENUM:
    case CS_FIELD_DATE:
    case CS_FIELD_DATETIME:
      cs_field_set_string (rec, f, NULL);
      break;
    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      cs_field_set_number (rec, f, NAN);
      break;
    case CS_FIELD_STRV:
      cs_field_take_strv (rec, f, NULL);
      break;
    case CS_FIELD_BOOLEAN:
    case CS_FIELD_INTV:
    case CS_FIELD_RECORD:
    case CS_FIELD_LIST:
    default:
      g_assert_not_reached ();
    }
}

void
cs_manifest_reset_for_copy (CsManifest *m)
{
  CsRecord *rec;

  g_return_if_fail (CS_IS_MANIFEST (m));

  rec = CS_RECORD (m);
  cs_field_take_string (rec, cs_record_find_field (rec, "id"), g_uuid_string_random ());
  clear_field (rec, "reference");
  cs_manifest_set_status (m, CS_STATUS_DRAFT);
  clear_field (CS_RECORD (m->transport_document), "number");
  clear_field (CS_RECORD (m->invoice), "number");
  clear_field (CS_RECORD (m->invoice), "date");

  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    {
      clear_field (CS_RECORD (CS_MANIFEST_LEG (m, i)), "etd");
      clear_field (CS_RECORD (CS_MANIFEST_LEG (m, i)), "eta");
    }

  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    {
      CsRecord *c = CS_RECORD (CS_MANIFEST_CONTAINER (m, i));

      clear_field (c, "number");
      clear_field (c, "seals");
      clear_field (c, "vgm_kg");
      clear_field (c, "vgm_method");
      clear_field (c, "pending");
    }

  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);

      /* The containers are new boxes: no item can still point at the old numbers. */
      clear_field (CS_RECORD (it), "container");
      if (cs_list_length (it->splits) > 0)
        cs_list_clear (it->splits);
      cs_item_forget_identities (it);
      clear_field (CS_RECORD (it->machinery), "licence_no");
      clear_field (CS_RECORD (it->perishable), "packed_on");
    }

  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    {
      CsRecord *d = CS_RECORD (CS_MANIFEST_DOCUMENT (m, i));

      clear_field (d, "number");
      clear_field (d, "issued_on");
      clear_field (d, "expires_on");
    }
}

CsManifest *
cs_store_duplicate_as_new (CsStore     *self,
                           const char  *id_or_reference,
                           const char  *new_reference,
                           GError     **error)
{
  g_autoptr(CsManifest) m = NULL;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_reference != NULL, NULL);

  if ((m = cs_store_load (self, id_or_reference, error)) == NULL)
    return NULL;
  cs_manifest_reset_for_copy (m);
  cs_field_set_string (CS_RECORD (m), cs_record_find_field (CS_RECORD (m), "reference"),
                       new_reference);
  if (!cs_store_save (self, m, NULL, error))
    return NULL;
  return g_steal_pointer (&m);
}

gboolean
cs_store_save_template (CsStore     *self,
                        const char  *name,
                        CsManifest  *manifest,
                        GError     **error)
{
  g_autoptr(CsManifest) copy = NULL;
  g_autoptr(CsDbStmt) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *trimmed = name ? g_strstrip (g_strdup (name)) : NULL;
  gsize len;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (CS_IS_MANIFEST (manifest), FALSE);

  if (trimmed == NULL || trimmed[0] == '\0')
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID, _("A template needs a name"));
      return FALSE;
    }
  copy = CS_MANIFEST (cs_record_copy (CS_RECORD (manifest)));
  cs_manifest_reset_for_copy (copy);
  json = cs_json_dump (copy, &len);

  stmt = _cs_store_prepare (self,
                            "INSERT INTO templates (name, manifest, updated) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT (name) DO UPDATE SET manifest = excluded.manifest,"
                            " updated = excluded.updated", error);
  if (stmt == NULL)
    return FALSE;
  rc = cs_db_bind_text (stmt, 1, name, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_bind_text (stmt, 2, json, (int) len);
  if (rc == CS_DB_OK)
    rc = cs_db_bind_int64 (stmt, 3, g_get_real_time ());
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (self, error, rc, _("Could not save the template"));
  return TRUE;
}

GStrv
cs_store_list_templates (CsStore  *self,
                         GError  **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);

  if ((stmt = _cs_store_prepare (self, "SELECT name FROM templates ORDER BY name", error)) == NULL)
    return NULL;
  while ((rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      g_autofree char *name = _cs_store_column_text (self, stmt, 0, NULL);
      g_strv_builder_add (names, name);
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (self, error, rc, _("Could not list the templates"));
      return NULL;
    }
  return g_strv_builder_end (names);
}

static gboolean
template_not_found (CsStore     *self,
                    const char  *name,
                    GError     **error)
{
  g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
               _("%s: no template named “%s”"), self->path, name);
  return FALSE;
}

gboolean
cs_store_delete_template (CsStore     *self,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((stmt = _cs_store_prepare (self, "DELETE FROM templates WHERE name = ?1", error)) == NULL)
    return FALSE;
  rc = cs_db_bind_text (stmt, 1, name, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (self, error, rc, _("Could not delete the template"));
  if (cs_db_changes (self->db) == 0)
    return template_not_found (self, name, error);
  return TRUE;
}

CsManifest *
cs_store_new_from_template (CsStore     *self,
                            const char  *name,
                            const char  *new_reference,
                            GError     **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;
  CsRecord *rec;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if ((stmt = _cs_store_prepare (self, "SELECT manifest FROM templates WHERE name = ?1", error)) == NULL)
    return NULL;
  rc = cs_db_bind_text (stmt, 1, name, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc == CS_DB_DONE)
    {
      template_not_found (self, name, error);
      return NULL;
    }
  if (rc != CS_DB_ROW)
    {
      _cs_store_sql_error (self, error, rc, _("Could not read the template"));
      return NULL;
    }
  /* TRANSLATORS: names the input in error messages: "FILE: template NAME" */
  source = g_strdup_printf (_("%s: template %s"), self->path, name);
  text = _cs_store_column_text (self, stmt, 0, NULL);
  m = cs_json_load_data (text ? text : "", -1, source, error);
  if (m == NULL)
    return NULL;
  rec = CS_RECORD (m);
  cs_field_take_string (rec, cs_record_find_field (rec, "id"), g_uuid_string_random ());
  cs_manifest_set_status (m, CS_STATUS_DRAFT);
  cs_field_set_string (rec, cs_record_find_field (rec, "reference"), new_reference);
  return g_steal_pointer (&m);
}
