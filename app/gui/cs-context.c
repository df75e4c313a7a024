/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-context.c: what every widget of the desktop app needs, handed down instead of globals */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-context.h"

struct _CsContext
{
  GObject        parent_instance;

  char          *db_path;
  CsDbSource     db_source;
  CsCatalog     *catalog;
  GSettings     *settings;
  CsStoreThread *store_thread;
  CsStoreWatch  *store_watch;    /* made when first asked for */
};

G_DEFINE_FINAL_TYPE (CsContext, cs_context, G_TYPE_OBJECT)

static void
cs_context_dispose (GObject *object)
{
  CsContext *self = CS_CONTEXT (object);

  if (self->store_watch != NULL)
    cs_store_watch_stop (self->store_watch);
  g_clear_object (&self->store_watch);
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
  self->settings = g_settings_new (SCHEMA_ID);
  if (db_path != NULL && *db_path != '\0')
    {
      self->db_path = g_strdup (db_path);
      self->db_source = CS_DB_SOURCE_COMMAND_LINE;
    }
  else if (g_getenv ("CONSIGN_DB") != NULL && *g_getenv ("CONSIGN_DB") != '\0')
    {
      self->db_path = g_strdup (g_getenv ("CONSIGN_DB"));
      self->db_source = CS_DB_SOURCE_ENVIRONMENT;
    }
  else
    {
      g_autofree char *chosen = g_settings_get_string (self->settings, "store-location");

      if (chosen != NULL && *chosen != '\0' && !cs_context_location_has_password (chosen))
        {
          self->db_path = g_steal_pointer (&chosen);
          self->db_source = CS_DB_SOURCE_PREFERENCES;
        }
      else
        {
          self->db_path = cs_store_default_path ();
          self->db_source = CS_DB_SOURCE_DEFAULT;
        }
    }

  self->catalog = cs_catalog_new_default (error);
  if (self->catalog == NULL)
    return NULL;
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

CsStoreWatch *
cs_context_get_store_watch (CsContext *self)
{
  g_return_val_if_fail (CS_IS_CONTEXT (self), NULL);

  if (self->store_watch == NULL)
    self->store_watch = cs_store_watch_new (self->db_path);
  return self->store_watch;
}

CsDbSource
cs_context_get_db_source (CsContext *self)
{
  g_return_val_if_fail (CS_IS_CONTEXT (self), CS_DB_SOURCE_DEFAULT);
  return self->db_source;
}

static gboolean
is_postgresql_uri (const char *location)
{
  return location != NULL && (g_str_has_prefix (location, "postgresql://") ||
                              g_str_has_prefix (location, "postgres://"));
}

gboolean
cs_context_location_has_password (const char *location)
{
  g_autoptr(GUri) uri = NULL;
  const char *query;

  if (!is_postgresql_uri (location))
    return FALSE;
  uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    /* Not a URI GLib reads: look for "user:secret@" the plain way. */
    {
      const char *at = strchr (location + strlen ("postgres://"), '@');
      const char *colon = strchr (location + strlen ("postgres://") + 1, ':');
      return at != NULL && colon != NULL && colon < at;
    }
  if (g_uri_get_password (uri) != NULL)
    return TRUE;
  query = g_uri_get_query (uri);
  return query != NULL && (g_str_has_prefix (query, "password=") || strstr (query, "&password=") != NULL);
}

char *
cs_context_display_location (const char *location)
{
  g_autoptr(GUri) uri = NULL;

  if (location == NULL)
    return g_strdup ("");
  if (!is_postgresql_uri (location))
    return g_strdup (location);
  uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup (location);
  if (g_uri_get_query (uri) != NULL && strstr (g_uri_get_query (uri), "password=") != NULL)
    return g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD | G_URI_HIDE_QUERY);
  return g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
}
