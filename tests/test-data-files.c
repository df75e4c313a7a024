/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-data-files.c: the desktop integration files say what the app relies on
 *
 * The GUI reads its preferences through GSettings keys of cn.consign.Consign: a key that is
 * renamed, retyped or dropped from the schema would only show up as a crash at start-up, so the
 * contract is checked here against the schema compiled into the build tree. The desktop entry
 * must launch the binary that `meson install` installs, with the app icon.
 */

#include <string.h>

#include <gio/gio.h>

typedef struct
{
  const char *key;
  const char *type;
  const char *default_text; /* the default, printed as GVariant text */
} ExpectedKey;

static const ExpectedKey expected_keys[] = {
  { "default-currency", "s", "'USD'" },
  { "default-corridor", "s", "'CQ-QZH-RAILSEA'" },
  { "default-shipper", "s", "''" },
  { "edifact-sender", "s", "''" },
  { "edifact-recipient", "s", "''" },
  { "export-folder", "s", "''" },
  { "bilingual-exports", "b", "true" },
  { "window-width", "i", "1200" },
  { "window-height", "i", "760" },
  { "window-maximized", "b", "false" },
  { "last-draft", "s", "''" },
  { "last-page", "s", "'shipment'" },
  { "color-scheme", "s", "'default'" },
};

static GSettingsSchema *
load_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  const char *dir = g_test_get_dir (G_TEST_BUILT);

  /* Only the schema compiled into the build tree: never one installed on the machine. */
  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  return g_settings_schema_source_lookup (source, "cn.consign.Consign", FALSE);
}

static void
test_schema_keys (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();

  g_assert_nonnull (schema);
  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, "/cn/consign/Consign/");

  for (gsize i = 0; i < G_N_ELEMENTS (expected_keys); i++)
    {
      const ExpectedKey *e = &expected_keys[i];
      g_autoptr(GSettingsSchemaKey) key = NULL;
      g_autoptr(GVariant) value = NULL;
      g_autofree char *text = NULL;

      g_test_message ("key %s", e->key);
      g_assert_true (g_settings_schema_has_key (schema, e->key));
      key = g_settings_schema_get_key (schema, e->key);
      g_assert_cmpstr (g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)), ==,
                       e->type);
      value = g_settings_schema_key_get_default_value (key);
      text = g_variant_print (value, FALSE);
      g_assert_cmpstr (text, ==, e->default_text);
      /* Summaries are shown by dconf-editor and translated: never empty. */
      g_assert_nonnull (g_settings_schema_key_get_summary (key));
      g_assert_cmpuint (strlen (g_settings_schema_key_get_summary (key)), >, 0);
    }
}

static void
test_schema_color_scheme_choices (void)
{
  g_autoptr(GSettingsSchema) schema = load_schema ();
  g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, "color-scheme");
  g_autoptr(GVariant) dark = g_variant_new_string ("dark");
  g_autoptr(GVariant) bogus = g_variant_new_string ("purple");

  g_variant_ref_sink (dark);
  g_variant_ref_sink (bogus);
  g_assert_true (g_settings_schema_key_range_check (key, dark));
  g_assert_false (g_settings_schema_key_range_check (key, bogus));
}

static void
test_desktop_entry (void)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_auto(GStrv) categories = NULL;
  const char *path = g_test_get_filename (G_TEST_BUILT, "cn.consign.Consign.desktop", NULL);

  g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  exec = g_key_file_get_string (kf, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "consign");

  icon = g_key_file_get_string (kf, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, "cn.consign.Consign");

  categories = g_key_file_get_string_list (kf, G_KEY_FILE_DESKTOP_GROUP,
                                           G_KEY_FILE_DESKTOP_KEY_CATEGORIES, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) categories, "Office"));
}

static void
test_icons_present (void)
{
  static const char *icons[] = {
    "icons/hicolor/scalable/apps/cn.consign.Consign.svg",
    "icons/hicolor/symbolic/apps/cn.consign.Consign-symbolic.svg",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;
      const char *path = g_test_get_filename (G_TEST_DIST, icons[i], NULL);

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (contents, "<svg"));
      g_assert_nonnull (strstr (contents, "viewBox="));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/schema/keys", test_schema_keys);
  g_test_add_func ("/data/schema/color-scheme-choices", test_schema_color_scheme_choices);
  g_test_add_func ("/data/desktop-entry", test_desktop_entry);
  g_test_add_func ("/data/icons", test_icons_present);

  return g_test_run ();
}
