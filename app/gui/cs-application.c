/* cs-application.c: the desktop application */

#include "config.h"

#include <glib/gi18n.h>

#include "consign-resources.h"
#include "cs-application.h"
#include "cs-window.h"

struct _CsApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CsApplication, cs_application, ADW_TYPE_APPLICATION)

static void
cs_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (cs_window_new (CS_APPLICATION (app)));
  gtk_window_present (window);
}

static void
cs_application_class_init (CsApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = cs_application_activate;
}

static void
cs_application_init (CsApplication *self)
{
  /* The GUI library is static: reference the resource so the linker keeps it. */
  g_resources_register (consign_get_resource ());
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
