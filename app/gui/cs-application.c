/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-application.c: the desktop application */

#include "config.h"

#include <glib/gi18n.h>

#include "consign-resources.h"
#include "cs-application.h"
#include "cs-directory-window.h"
#include "cs-preferences-window.h"
#include "cs-window.h"

struct _CsApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  CsContext      *context;
  GtkWindow      *directory;    /* weak: the one Directory window */
};

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

void
cs_application_apply_color_scheme (const char *scheme)
{
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    value = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
on_color_scheme_changed_cb (GSettings  *settings,
                            const char *key,
                            gpointer    user_data)
{
  g_autofree char *scheme = g_settings_get_string (settings, key);

  cs_application_apply_color_scheme (scheme);
}

/* ---- actions ----------------------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closing each window flushes its autosave; never a "save?" question. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "Consign contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Consign"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Consign contributors"),
                         "developers", developers,
                         "comments", _("Shipment manifests for the New International Land–Sea Trade Corridor: "
                                       "drafts, live validation, customs exports and print."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  CsApplication *self = user_data;
  GtkWidget *prefs;

  if (self->context == NULL)
    return;
  prefs = cs_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

/* One Directory window; asking again brings it to the front. */
static void
directory_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  CsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL)
    return;
  if (self->directory == NULL)
    {
      GtkWidget *window = cs_directory_window_new (self->context);

      /* without the application it would not keep the app running, nor use its accels */
      gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
      g_set_weak_pointer (&self->directory, GTK_WINDOW (window));
    }
  if (parent != NULL && parent != self->directory)
    gtk_window_set_transient_for (self->directory, parent);
  gtk_window_present (self->directory);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "directory", directory_activated },
};

/* ---- GApplication ------------------------------------------------------------------------ */

static int
cs_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CsApplication *self = CS_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_free (self->db_path);
      /* A PostgreSQL URI is not a file name. */
      if (g_str_has_prefix (db, "postgresql://") || g_str_has_prefix (db, "postgres://"))
        self->db_path = g_strdup (db);
      else
        self->db_path = g_canonicalize_filename (db, NULL);
    }
  return G_APPLICATION_CLASS (cs_application_parent_class)->handle_local_options (app, options);
}

static void
cs_application_startup (GApplication *app)
{
  CsApplication *self = CS_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.directory", { "<Control><Shift>d", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.duplicate", { "<Control>d", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.export-menu", { "<Control>e", NULL } },
    { "win.print", { "<Control>p", NULL } },
  };

  G_APPLICATION_CLASS (cs_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  self->context = cs_context_new (self->db_path, &error);
  if (self->context == NULL)
    {
      g_printerr ("consign: %s\n", error->message);
      return;
    }
  g_signal_connect_object (cs_context_get_settings (self->context), "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self, 0);
  on_color_scheme_changed_cb (cs_context_get_settings (self->context), "color-scheme", NULL);
}

static void
cs_application_activate (GApplication *app)
{
  CsApplication *self = CS_APPLICATION (app);
  GtkWindow *window = NULL;

  if (self->context == NULL)
    {
      g_application_quit (app);
      return;
    }
  /* the editor window, not the Directory when that one was used last */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL && window == NULL;
       l = l->next)
    if (CS_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL)
    window = GTK_WINDOW (cs_window_new (self, self->context));
  gtk_window_present (window);
}

static void
cs_application_dispose (GObject *object)
{
  CsApplication *self = CS_APPLICATION (object);

  g_clear_weak_pointer (&self->directory);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_application_parent_class)->dispose (object);
}

static void
cs_application_finalize (GObject *object)
{
  CsApplication *self = CS_APPLICATION (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (cs_application_parent_class)->finalize (object);
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_application_dispose;
  G_OBJECT_CLASS (klass)->finalize = cs_application_finalize;
  app_class->handle_local_options = cs_application_handle_local_options;
  app_class->startup = cs_application_startup;
  app_class->activate = cs_application_activate;
}

static void
cs_application_init (CsApplication *self)
{
  /* The GUI library is static: reference the resource so the linker keeps it. */
  g_resources_register (consign_get_resource ());
  g_application_add_main_option (G_APPLICATION (self), "db", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("Use the draft store at PATH (default: $CONSIGN_DB, else the user data folder)"),
                                 _("PATH"));
}

/* GTK 4.8 draws with OpenGL. On a machine without a GPU driver (no DRM render node: a virtual
 * machine, a remote or virtual X display) that OpenGL is Mesa's software rasteriser, which spends
 * several frame budgets per frame on a long item list; GTK's cairo renderer keeps scrolling and
 * typing fluid there. A renderer the user chose with GSK_RENDERER always wins. */
void
cs_application_pick_renderer (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  if ((dri = g_dir_open ("/dev/dri", 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dri)) != NULL)
      if (g_str_has_prefix (name, "renderD"))
        return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

CsApplication *
cs_application_new (void)
{
  return g_object_new (CS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

CsContext *
cs_application_get_context (CsApplication *self)
{
  g_return_val_if_fail (CS_IS_APPLICATION (self), NULL);
  return self->context;
}
