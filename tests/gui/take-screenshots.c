/* SPDX-License-Identifier: GPL-3.0-or-later */
/* take-screenshots.c: README screenshots of the real window (run under xvfb-run)
 *
 *   xvfb-run -a -s "-screen 0 1400x900x24" build/tests/gui/take-screenshots OUTDIR
 *
 * Imports the shared example (tests/data/railsea-electronics.json) into a scratch store, opens
 * the main window on it and saves one PNG per editor page, in the light and the dark style,
 * rendered by GTK itself (no screen grabber needed); then the Shipment page of
 * tests/data/perishable-short-shelf-life.json, whose route strip shows a shelf-life margin; then
 * the Directory window (parties and products of tests/data/directory-*.csv) and the import dialog
 * on tests/data/csv-items-gb18030.csv, each at 800x600.
 * Needs GSETTINGS_SCHEMA_DIR pointing at the compiled schema (the build's resources/ folder)
 * and GSETTINGS_BACKEND=memory.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "consign-resources.h"
#include "cs-directory.h"
#include "cs-directory-window.h"
#include "cs-import-dialog.h"
#include "cs-json.h"
#include "cs-window.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  return gdk_texture_save_to_png (texture, path);
}

int
main (int   argc,
      char *argv[])
{
  const char *pages[] = { "shipment", "cargo", "containers", "documents", "review" };
  const char *schemes[] = { "light", "dark" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *fixture = NULL;
  g_autoptr(CsContext) context = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  CsWindow *window;
  const char *outdir = argc > 1 ? argv[1] : ".";

  /* A scratch home, so that files show as "~/…" and nothing of this machine is in a picture. */
  dir = g_dir_make_tmp ("cs-shots-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", dir, TRUE);
  gtk_init ();
  adw_init ();
  g_resources_register (consign_get_resource ());
  {
    /* What AdwApplication does for the app: load style.css from the resource base path. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/cn/consign/Consign/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  db = g_build_filename (dir, "drafts.sqlite", NULL);
  fixture = g_build_filename (SOURCE_ROOT, "tests", "data", "railsea-electronics.json", NULL);
  m = cs_json_load_file (fixture, &error);
  if (m == NULL)
    g_error ("%s", error->message);
  store = cs_store_open (db, &error);
  if (store == NULL || !cs_store_save (store, m, NULL, &error))
    g_error ("%s", error->message);
  {
    g_autofree char *parties = g_build_filename (SOURCE_ROOT, "tests", "data", "directory-parties.csv", NULL);
    g_autofree char *products = g_build_filename (SOURCE_ROOT, "tests", "data", "directory-products.csv", NULL);

    if (!cs_directory_import_parties (store, parties, CS_IMPORT_ENCODING_UTF8, NULL, NULL, &error)
        || !cs_directory_import_products (store, products, CS_IMPORT_ENCODING_UTF8, NULL, NULL, &error))
      g_error ("%s", error->message);
  }
  g_clear_object (&store);

  context = cs_context_new (db, &error);
  if (context == NULL)
    g_error ("%s", error->message);
  g_settings_set_string (cs_context_get_settings (context), "last-draft", m->id);
  g_settings_set_int (cs_context_get_settings (context), "window-width", 1320);
  g_settings_set_int (cs_context_get_settings (context), "window-height", 820);
  g_mkdir_with_parents (outdir, 0755);

  window = cs_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  while (cs_window_get_manifest (window) == NULL)
    g_main_context_iteration (NULL, TRUE);

  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      cs_application_apply_color_scheme (schemes[s]);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("%s-%s.png", pages[p], schemes[s]);
          g_autofree char *path = g_build_filename (outdir, name, NULL);

          cs_window_show_page (window, pages[p]);
          spin (400);
          if (!save_png (GTK_WIDGET (window), path))
            g_error ("could not save %s", path);
          g_print ("%s\n", path);
        }
    }
  /* The route strip with a shelf-life margin: the perishable fixture, whose lettuce expires on
   * the way (shipment-perishable-light.png, -dark.png). */
  {
    g_autofree char *path = g_build_filename (SOURCE_ROOT, "tests", "data",
                                              "perishable-short-shelf-life.json", NULL);
    g_autoptr(CsManifest) fresh = cs_json_load_file (path, &error);

    if (fresh == NULL)
      g_error ("%s", error->message);
    cs_window_set_manifest (window, fresh, FALSE);
    cs_window_show_page (window, "shipment");
    for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
      {
        g_autofree char *name = g_strdup_printf ("shipment-perishable-%s.png", schemes[s]);
        g_autofree char *out = g_build_filename (outdir, name, NULL);

        cs_application_apply_color_scheme (schemes[s]);
        spin (400);
        if (!save_png (GTK_WIDGET (window), out))
          g_error ("could not save %s", out);
        g_print ("%s\n", out);
      }
  }
  /* The Directory window, both pages, and the import dialog, at a laptop's 800x600. */
  {
    GtkWidget *directory = cs_directory_window_new (context);
    const char *dir_pages[] = { "parties", "products" };
    g_autofree char *csv = g_build_filename (SOURCE_ROOT, "tests", "data", "csv-items-gb18030.csv", NULL);
    g_autofree char *copy = g_build_filename (dir, "Downloads", "装箱单.csv", NULL);
    g_autofree char *bytes = NULL;
    gsize len = 0;
    g_autoptr(GFile) file = g_file_new_for_path (copy);
    CsImportDialog *import;

    gtk_window_set_default_size (GTK_WINDOW (directory), 800, 600);
    gtk_window_present (GTK_WINDOW (directory));
    for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
      for (guint p = 0; p < G_N_ELEMENTS (dir_pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("directory-%s-%s.png", dir_pages[p], schemes[s]);
          g_autofree char *out = g_build_filename (outdir, name, NULL);

          cs_application_apply_color_scheme (schemes[s]);
          cs_directory_window_show_page (CS_DIRECTORY_WINDOW (directory), dir_pages[p]);
          spin (300);
          while (cs_directory_window_is_busy (CS_DIRECTORY_WINDOW (directory)))
            g_main_context_iteration (NULL, TRUE);
          spin (400);
          if (!save_png (directory, out))
            g_error ("could not save %s", out);
          g_print ("%s\n", out);
        }
    gtk_window_destroy (GTK_WINDOW (directory));

    {
      g_autofree char *folder = g_path_get_dirname (copy);

      g_mkdir_with_parents (folder, 0755);
    }
    if (!g_file_get_contents (csv, &bytes, &len, &error) || !g_file_set_contents (copy, bytes, len, &error))
      g_error ("%s", error->message);

    import = cs_import_dialog_new (GTK_WINDOW (window), NULL);
    gtk_window_set_default_size (GTK_WINDOW (import), 750, 550);
    gtk_window_present (GTK_WINDOW (import));
    cs_import_dialog_set_file (import, file);
    for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
      {
        g_autofree char *name = g_strdup_printf ("import-dialog-%s.png", schemes[s]);
        g_autofree char *out = g_build_filename (outdir, name, NULL);

        cs_application_apply_color_scheme (schemes[s]);
        spin (300);
        while (cs_import_dialog_is_busy (import))
          g_main_context_iteration (NULL, TRUE);
        spin (400);
        if (!save_png (GTK_WIDGET (import), out))
          g_error ("could not save %s", out);
        g_print ("%s\n", out);
      }
    gtk_window_destroy (GTK_WINDOW (import));
  }
  gtk_window_close (GTK_WINDOW (window));
  spin (100);
  return 0;
}
