/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-gui-test.h: what the widget tests (tests/gui/test-*.c) share
 *
 * Start-up: cs_gui_test_init () opens the display. Without one, every test skips
 * (CS_GUI_TEST_NEED_DISPLAY), except in CI (CI=true), where a GUI test that cannot open a
 * display is a failure, never a skip. Also a scratch draft store with the app's context over
 * it, fixtures from tests/data, a window to show a widget in, and a short main-loop spin.
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>

#include "consign-resources.h"
#include "cs-context.h"
#include "cs-json.h"

G_BEGIN_DECLS

/* In a test function (or fixture set-up) that needs the display. */
#define CS_GUI_TEST_NEED_DISPLAY(have_display) \
  G_STMT_START { if (!(have_display)) { g_test_skip ("no display"); return; } } G_STMT_END

/* A scratch folder with a draft store in it and the app's context over that store. */
typedef struct
{
  char      *dir;
  char      *db;
  CsContext *context;
} CsGuiTestStore;

static inline void
cs_gui_test_store_make_dir (CsGuiTestStore *store,
                            const char     *tmpl)
{
  g_autoptr(GError) error = NULL;

  store->dir = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
}

static inline void
cs_gui_test_store_open_context (CsGuiTestStore *store)
{
  g_autoptr(GError) error = NULL;

  store->db = g_build_filename (store->dir, "drafts.sqlite", NULL);
  store->context = cs_context_new (store->db, &error);
  g_assert_no_error (error);
}

/* @tmpl: a g_dir_make_tmp () template ("cs-window-XXXXXX"). */
static inline void
cs_gui_test_store_open (CsGuiTestStore *store,
                        const char     *tmpl)
{
  cs_gui_test_store_make_dir (store, tmpl);
  cs_gui_test_store_open_context (store);
}

/* Drops the context, deletes the store (with its WAL files) and the folder. */
static inline void
cs_gui_test_store_close (CsGuiTestStore *store)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store->context);
  for (guint i = 0; store->db != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store->db, suffixes[i], NULL);
      g_unlink (path);
    }
  if (store->dir != NULL)
    g_rmdir (store->dir);
  g_clear_pointer (&store->db, g_free);
  g_clear_pointer (&store->dir, g_free);
}

/* g_test_init (), then GTK and libadwaita with the app's resources linked in; TRUE when a
 * display is open. With @store, a scratch store is made first (@tmpl names its folder, which
 * also becomes XDG_CONFIG_HOME and XDG_DATA_HOME), and its context opened when there is a
 * display. Without a display: FALSE locally (the tests skip), a fatal error under CI=true. */
static inline gboolean
cs_gui_test_init (int            *argc,
                  char         ***argv,
                  CsGuiTestStore *store,
                  const char     *tmpl)
{
  g_test_init (argc, argv, NULL);
  if (store != NULL)
    {
      cs_gui_test_store_make_dir (store, tmpl);
      g_setenv ("XDG_CONFIG_HOME", store->dir, TRUE);
      g_setenv ("XDG_DATA_HOME", store->dir, TRUE);
    }
  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        {
          const char *display = g_getenv ("DISPLAY");

          if (store != NULL)
            cs_gui_test_store_close (store);
          g_error ("%s: cannot open a display (DISPLAY=%s): in CI the GUI tests must run, "
                   "under xvfb-run", g_get_prgname (), display ? display : "unset");
        }
      return FALSE;

    }
  adw_init ();
  /* Links the templates into the program (they register themselves). */
  g_assert_nonnull (consign_get_resource ());
  if (store != NULL)
    cs_gui_test_store_open_context (store);
  return TRUE;
}

/* The manifest of tests/data/@name (a fixture). */
static inline CsManifest *
cs_gui_test_load (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  CsManifest *manifest = cs_json_load_file (path, &error);

  g_assert_no_error (error);
  return manifest;
}

/* Runs what is pending in the main loop (a bounded number of iterations, never blocking). */
static inline void
cs_gui_test_spin (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A new window showing @child (@width × @height, or -1 for its natural size). */
static inline GtkWidget *
cs_gui_test_present (GtkWidget *child,
                     int        width,
                     int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static inline void
cs_gui_test_collect_texts_into (GtkWidget *widget,
                                GPtrArray *out)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (out, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (out, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    cs_gui_test_collect_texts_into (child, out);
}

/* The texts of every GtkLabel and GtkInscription under @root, in tree order (NULL-terminated). */
static inline GStrv
cs_gui_test_collect_texts (GtkWidget *root)
{
  GPtrArray *out = g_ptr_array_new ();

  cs_gui_test_collect_texts_into (root, out);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* The first widget of @type under @root (depth first), or NULL. */
static inline GtkWidget *
cs_gui_test_find_widget (GtkWidget *root,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_gui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first button under @root (depth first) whose label is @label, or NULL. */
static inline GtkWidget *
cs_gui_test_find_button (GtkWidget  *root,
                         const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cs_gui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

G_END_DECLS
