/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-edifact-history.c: what the store remembers of the EDIFACT messages sent (see the header) */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-edifact-history.h"
#include "cs-store-private.h"

#define INSTALLATION_KEY "edifact-installation"

static gboolean
installation_well_formed (const char *id)
{
  if (id == NULL || strlen (id) != 4)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'A' && *p <= 'Z'))
      return FALSE;
  return TRUE;
}

char *
cs_edifact_installation_id (CsStore  *store,
                            GError  **error)
{
  static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  char *id;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);

  id = cs_store_get_ui_state (store, INSTALLATION_KEY);
  if (installation_well_formed (id))
    return id;
  g_free (id);

  id = g_malloc (5);
  for (int i = 0; i < 4; i++)
    id[i] = alphabet[g_random_int_range (0, 36)];
  id[4] = '\0';
  if (!cs_store_set_ui_state (store, INSTALLATION_KEY, id, error))
    {
      g_free (id);
      return NULL;
    }
  return id;
}

char *
cs_edifact_interchange_ref (const char *installation,
                            gint64      counter)
{
  if (installation != NULL)
    return g_strdup_printf ("%.4s%010" G_GINT64_FORMAT, installation, counter % 10000000000);
  return g_strdup_printf ("%09" G_GINT64_FORMAT, counter);
}

const char *
cs_edifact_message_function (CsStore     *store,
                             const char  *id_or_reference,
                             const char  *recipient,
                             gboolean     cancel,
                             GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *last = NULL;
  g_autoptr(CsDbStmt) stmt = NULL;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_reference != NULL && recipient != NULL, NULL);

  if ((id = _cs_store_require_id (store, id_or_reference, error)) == NULL)
    return NULL;
  stmt = _cs_store_prepare (store,
                            "SELECT message_function FROM exports WHERE manifest_id = ?1"
                            " AND format = 'edifact' AND recipient = ?2"
                            " AND message_function IS NOT NULL ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  rc = rc ?: cs_db_bind_text (stmt, 2, recipient, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc == CS_DB_ROW)
    last = _cs_store_column_text (store, stmt, 0, id);
  else if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (store, error, rc, _("Could not read the export history"));
      return NULL;
    }

  if (!cancel)
    return last == NULL || strcmp (last, CS_EDIFACT_CANCELLATION) == 0
           ? CS_EDIFACT_ORIGINAL : CS_EDIFACT_REPLACEMENT;
  if (last == NULL || strcmp (last, CS_EDIFACT_CANCELLATION) == 0)
    {
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_INVALID,
                   last == NULL
                   ? _("Nothing to cancel: no CUSCAR of %s was sent to %s")
                   : _("Nothing to cancel: the last CUSCAR of %s sent to %s was a cancellation"),
                   id_or_reference, recipient);
      return NULL;
    }
  return CS_EDIFACT_CANCELLATION;
}

gboolean
cs_edifact_record_sent (CsStore     *store,
                        gint64       export_id,
                        const char  *recipient,
                        const char  *message_function,
                        const char  *interchange,
                        GError     **error)
{
  g_autoptr(CsDbStmt) stmt = NULL;
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (store), FALSE);

  stmt = _cs_store_prepare (store,
                            "UPDATE exports SET recipient = ?2, message_function = ?3,"
                            " interchange = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rc = cs_db_bind_int64 (stmt, 1, export_id);
  rc = rc ?: cs_db_bind_text (stmt, 2, recipient, -1);
  rc = rc ?: cs_db_bind_text (stmt, 3, message_function, -1);
  rc = rc ?: cs_db_bind_text (stmt, 4, interchange, -1);
  if (rc == CS_DB_OK)
    rc = cs_db_step (stmt);
  if (rc != CS_DB_DONE)
    return _cs_store_sql_error (store, error, rc, _("Could not record the export"));
  if (cs_db_changes (store->db) == 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, export_id);
      g_set_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND,
                   _("%s: no export with the id %s"), store->path, id);
      return FALSE;
    }
  return TRUE;
}

void
cs_edifact_sent_free (CsEdifactSent *sent)
{
  if (sent == NULL)
    return;
  g_free (sent->recipient);
  g_free (sent->message_function);
  g_free (sent->interchange);
  g_free (sent->path);
  g_free (sent);
}

GPtrArray *
cs_edifact_list_sent (CsStore     *store,
                      const char  *id_or_reference,
                      GError     **error)
{
  g_autofree char *id = NULL;
  g_autoptr(CsDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_edifact_sent_free);
  CsDbRc rc;

  g_return_val_if_fail (CS_IS_STORE (store), NULL);

  if ((id = _cs_store_require_id (store, id_or_reference, error)) == NULL)
    return NULL;
  stmt = _cs_store_prepare (store,
                            "SELECT id, time, revision, recipient, message_function, interchange, path"
                            " FROM exports WHERE manifest_id = ?1 AND format = 'edifact'"
                            " AND message_function IS NOT NULL ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  rc = cs_db_bind_text (stmt, 1, id, -1);
  while (rc == CS_DB_OK && (rc = cs_db_step (stmt)) == CS_DB_ROW)
    {
      CsEdifactSent *s = g_new0 (CsEdifactSent, 1);

      s->export_id = cs_db_column_int64 (stmt, 0);
      s->time = cs_db_column_int64 (stmt, 1);
      s->revision = cs_db_column_int64 (stmt, 2);
      s->recipient = _cs_store_column_text (store, stmt, 3, id);
      s->message_function = _cs_store_column_text (store, stmt, 4, id);
      s->interchange = _cs_store_column_text (store, stmt, 5, id);
      s->path = _cs_store_column_text (store, stmt, 6, id);
      g_ptr_array_add (out, s);
      rc = CS_DB_OK;
    }
  if (rc != CS_DB_DONE)
    {
      _cs_store_sql_error (store, error, rc, _("Could not read the export history"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

const char *
cs_edifact_function_label (const char *message_function)
{
  if (g_strcmp0 (message_function, CS_EDIFACT_ORIGINAL) == 0)
    return C_("EDIFACT message function", "original");
  if (g_strcmp0 (message_function, CS_EDIFACT_REPLACEMENT) == 0)
    return C_("EDIFACT message function", "replacement");
  if (g_strcmp0 (message_function, CS_EDIFACT_CANCELLATION) == 0)
    return C_("EDIFACT message function", "cancellation");
  return message_function;
}
