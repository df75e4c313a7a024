/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-test-util.h: set-up helpers shared by the core test programs (header-only).
 *
 * Fixtures in tests/data, scratch folders from g_dir_make_tmp and running a command. Every helper
 * asserts what it needs, so a test that uses one fails at the helper, not later. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "cs-json.h"

G_BEGIN_DECLS

/* The path of tests/data/@name; free with g_free(). */
static inline char *
cs_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Loads tests/data/@name; asserts it loads without error. */
static inline CsManifest *
cs_test_load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_fixture_path (name);
  CsManifest *m = cs_json_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

/* A new empty scratch folder named after the test program; remove with cs_test_remove_tree(). */
static inline char *
cs_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (g_get_prgname ());
  g_autofree char *tmpl = g_strdup_printf ("%s-XXXXXX", base);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

/* Removes @path and, for a folder, everything below it (links are removed, not followed). A
 * folder a test made unreadable is made accessible again first. */
static inline void
cs_test_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }
  g_chmod (path, 0700);
  if ((dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          cs_test_remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/* A GTest fixture holding one scratch folder: g_test_add ("/x", CsTestTmp, NULL,
 * cs_test_tmp_setup, test_fn, cs_test_tmp_teardown). */
typedef struct
{
  char *dir;
} CsTestTmp;

static inline void
cs_test_tmp_setup (CsTestTmp     *t,
                   gconstpointer  data)
{
  t->dir = cs_test_make_tmpdir ();
}

static inline void
cs_test_tmp_teardown (CsTestTmp     *t,
                      gconstpointer  data)
{
  cs_test_remove_tree (t->dir);
  g_clear_pointer (&t->dir, g_free);
}

/* How many entries @dir holds (asserts it can be opened). */
static inline guint
cs_test_count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  return n;
}

/* Runs @argv (argv[0] is a path: PATH is not searched); returns 0 if it exited with status 0,
 * else 1. With @output, its stdout followed by its stderr go there (free with g_free()); without, a
 * failure's output goes to the test log. */
static inline int
cs_test_run (const char * const *argv,
             char              **output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
  else if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("%s failed:\n%s%s", argv[0], out, err);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

/* The message function (BGM 1225: 9 original, 5 replacement, 1 cancellation) of the CUSCAR in
 * the file @path; free with g_free(). */
static inline char *
cs_test_edifact_bgm_function (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) segments = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  segments = g_strsplit (text, "'", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_auto(GStrv) elements = g_strsplit (g_strstrip (segments[i]), "+", -1);

      if (g_strcmp0 (elements[0], "BGM") == 0)
        {
          g_assert_cmpuint (g_strv_length (elements), >=, 4);
          return g_strdup (elements[3]);
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static inline gboolean
cs_test_timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds; a guard of 30 s ends a hang as a failure (it is no
 * speed check). */
#define CS_TEST_WAIT_UNTIL(cond) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint guard_ = g_timeout_add_seconds (30, cs_test_timed_out_cb, &timed_out_); \
    while (!(cond) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    if (!timed_out_) \
      g_source_remove (guard_); \
    g_assert_true (cond); \
  } G_STMT_END

G_END_DECLS
