/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-context.c: what every widget of the desktop app needs, handed down instead of globals */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-context.h"

struct _CsContext
{
  GObject        parent_instance;

  char          *db_path;
  CsCatalog     *catalog;
  GSettings     *settings;
  CsStoreThread *store_thread;
};

G_DEFINE_FINAL_TYPE (CsContext, cs_context, G_TYPE_OBJECT)

static void
cs_context_dispose (GObject *object)
{
  CsContext *self = CS_CONTEXT (object);

  g_clear_object (&self->store_thread);
  g_clear_object (&self->settings);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (cs_context_parent_class)->dispose (object);
}

static void
cs_context_finalize (GObject *object)
{
  CsContext *self = CS_CONTEXT (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (cs_context_parent_class)->finalize (object);
}

static void
cs_context_class_init (CsContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_context_dispose;
  object_class->finalize = cs_context_finalize;
}

static void
cs_context_init (CsContext *self)
{
}

CsContext *
cs_context_new (const char  *db_path,
                GError     **error)
{
  g_autoptr(CsContext) self = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema %s is not installed (set GSETTINGS_SCHEMA_DIR when "
                     "running from the build folder)"), SCHEMA_ID);
      return NULL;
    }

  self = g_object_new (CS_TYPE_CONTEXT, NULL);
  if (db_path != NULL && *db_path != '\0')
    self->db_path = g_strdup (db_path);
  else if (g_getenv ("CONSIGN_DB") != NULL && *g_getenv ("CONSIGN_DB") != '\0')
    self->db_path = g_strdup (g_getenv ("CONSIGN_DB"));
  else
    self->db_path = cs_store_default_path ();

  self->catalog = cs_catalog_new_default (error);
  if (self->catalog == NULL)
    return NULL;
  self->settings = g_settings_new (SCHEMA_ID);
  self->store_thread = cs_store_thread_new (self->db_path);
  return g_steal_pointer (&self);
}

CsCatalog *
cs_context_get_catalog (CsContext *self)
{
  g_return_val_if_fail (CS_IS_CONTEXT (self), NULL);
  return self->catalog;
}

GSettings *
cs_context_get_settings (CsContext *self)
{
  g_return_val_if_fail (CS_IS_CONTEXT (self), NULL);
  return self->settings;
}

const char *
cs_context_get_db_path (CsContext *self)
{
  g_return_val_if_fail (CS_IS_CONTEXT (self), NULL);
  return self->db_path;
}

CsStoreThread *
cs_context_get_store_thread (CsContext *self)
{
  g_return_val_if_fail (CS_IS_CONTEXT (self), NULL);
  return self->store_thread;
}
