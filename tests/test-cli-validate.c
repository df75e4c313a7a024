/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-validate.c: `consign validate` exit status, human and --json output */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static int run_env (const char * const *args, const char *locale, char **out, char **err);

static int
run (const char * const *args,
     char              **out,
     char              **err)
{
  return run_env (args, NULL, out, err);
}

/* @locale: LC_ALL for the child, or NULL to inherit the test's. */
static int
run_env (const char * const *args,
         const char         *locale,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *db_dir = g_dir_make_tmp ("consign-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (db_dir, "drafts.sqlite", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CONSIGN_DB", db, TRUE);
  int status = -1;

  if (locale != NULL)
    envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("CONSIGN_BIN"));
  g_ptr_array_add (argv, (gpointer) "validate");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_remove (db);
  g_rmdir (db_dir);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_exit_and_json (void)
{
  g_autofree char *shared = g_test_build_filename (G_TEST_DIST, "data", "railsea-electronics.json", NULL);
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "every-field.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  /* the shared example: no error, the pending seal is a warning */
  g_assert_cmpint (run ((const char *[]) { "--json", shared, NULL }, &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 1);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autoptr(GList) members = json_object_get_members (o);
      const char *keys[] = { "rule", "severity", "path", "message", "hint" };

      g_assert_cmpuint (g_list_length (members), ==, 5);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (o, keys[k]));
      g_assert_cmpstr (json_object_get_string_member (o, "severity"), !=, "error");
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* errors: exit 1, grouped human output naming paths and rules */
  g_assert_cmpint (run ((const char *[]) { "--today", "2026-03-01", bad, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "errors:"));
  g_assert_nonnull (strstr (out, "[totals.value]"));
  g_assert_nonnull (strstr (out, "invoice.total"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* unreadable input: exit 2 and nothing on stdout, even after a good file */
  g_assert_cmpint (run ((const char *[]) { "--json", shared, "/nonexistent/none.json", NULL }, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "none.json"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a bad --today is a usage error */
  g_assert_cmpint (run ((const char *[]) { "--today", "2026-13-01", shared, NULL }, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* two drafts with the same reference: a duplicate */
  {
    g_autofree char *dir = g_dir_make_tmp ("consign-cli-XXXXXX", NULL);
    g_autofree char *copy = g_build_filename (dir, "copy.json", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *changed = NULL;

    g_assert_true (g_file_get_contents (shared, &text, NULL, NULL));
    parts = g_strsplit (text, "6f1c2a9e-4b7d-4e21-9a55-0c2f8d3e7b10", 2);
    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    changed = g_strjoinv ("7f1c2a9e-4b7d-4e21-9a55-0c2f8d3e7b10", parts);
    g_assert_true (g_file_set_contents (copy, changed, -1, NULL));
    g_assert_cmpint (run ((const char *[]) { "--json", shared, copy, NULL }, &out, &err), ==, 1);
    g_assert_nonnull (strstr (out, "manifest.duplicate_reference"));
    g_remove (copy);
    g_rmdir (dir);
  }
}

/* --json is UTF-8 whatever the locale's charset: in the C locale the curly quotes of messages and
 * a Chinese description must come through, not as "?" */
static void
test_json_utf8_any_locale (void)
{
  g_autofree char *shared = g_test_build_filename (G_TEST_DIST, "data", "railsea-electronics.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("consign-cli-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "zh.json", NULL);
  g_autofree char *text = NULL, *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *changed = NULL;
  JsonArray *array;
  gboolean quoted = FALSE, chinese = FALSE;

  g_assert_true (g_file_get_contents (shared, &text, NULL, NULL));
  parts = g_strsplit (text, "\"country\": \"VN\"", 2);       /* the consignee's */
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strjoinv ("\"country\": \"XX\"", parts);
  g_strfreev (parts);
  parts = g_strsplit (changed, "\"description\": \"Notebook computers", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (changed);
  changed = g_strjoinv ("\"description\": \"笔记本电脑 Notebook computers", parts);
  g_strfreev (parts);
  /* without its DG declaration, line 1 is named with its description in a finding */
  parts = g_strsplit (changed, "\"kind\": \"dg_declaration\"", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_free (changed);
  changed = g_strjoinv ("\"kind\": \"vgm_certificate\"", parts);
  g_assert_true (g_file_set_contents (input, changed, -1, NULL));

  g_assert_cmpint (run_env ((const char *[]) { "--json", "--today", "2026-03-01", input, NULL }, "C", &out, &err),
                   ==, 1);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *msg = json_object_get_string_member (json_array_get_object_element (array, i), "message");

      quoted |= strstr (msg, "“XX”") != NULL;
      chinese |= strstr (msg, "笔记本电脑") != NULL;
    }
  g_assert_true (quoted);
  g_assert_true (chinese);
  g_remove (input);
  g_rmdir (dir);
}

/* Six items without an HS code: the text output sums them up in one entry naming the first paths,
 * --all lists each, --json still has one object per finding. */
static void
test_grouped (void)
{
  g_autofree char *shared = g_test_build_filename (G_TEST_DIST, "data", "railsea-electronics.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("consign-group-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "six.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *all = NULL, *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *items, *array;
  guint n_hs = 0;

  json_parser_load_from_file (parser, shared, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");
  for (guint k = 0; k < 3; k++)
    {
      /* json_node_copy () would share the object: a copy through text is a new one */
      g_autofree char *text = json_to_string (json_array_get_element (items, 0), FALSE);
      JsonNode *copy = json_from_string (text, &error);

      g_assert_no_error (error);

      json_object_set_int_member (json_node_get_object (copy), "line", 101 + k);
      json_array_add_element (items, copy);
    }
  for (guint k = 0; k < json_array_get_length (items); k++)
    json_object_remove_member (json_array_get_object_element (items, k), "hs_code");
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_to_file (gen, path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run ((const char *[]) { path, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "6 findings: Line 1 has no HS code …  [item.hs_format]\n"
                                 "    items[0].hs_code, items[1].hs_code, items[2].hs_code, items[3].hs_code, "
                                 "items[4].hs_code, …\n"));
  g_assert_null (strstr (out, "Line 2 has no HS code"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run ((const char *[]) { "--all", path, NULL }, &all, &err), ==, 1);
  g_assert_null (strstr (all, "findings:"));
  for (guint k = 0; k < 6; k++)
    {
      g_autofree char *want = g_strdup_printf ("  items[%u].hs_code  [item.hs_format]\n", k);

      g_assert_nonnull (strstr (all, want));
    }

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run ((const char *[]) { "--json", path, NULL }, &json, &err), ==, 1);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint k = 0; k < json_array_get_length (array); k++)
    n_hs += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, k), "rule"),
                       "item.hs_format") == 0;
  g_assert_cmpuint (n_hs, ==, 6);

  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/validate", test_exit_and_json);
  g_test_add_func ("/cli/validate-json-utf8", test_json_utf8_any_locale);
  g_test_add_func ("/cli/validate-grouped", test_grouped);
  return g_test_run ();
}
