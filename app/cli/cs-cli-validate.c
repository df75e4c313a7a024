/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-validate.c: consign validate [--json] [--all] [--today YYYY-MM-DD] FILE.json|REF …
 *
 * Exit status: 0 no error, 1 at least one error, 2 an input cannot be read (then nothing is
 * printed on stdout). With several inputs the findings of all of them are reported; a reference
 * used by two inputs (or by another draft in the store) is a manifest.duplicate_reference.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cs-catalog.h"
#include "cs-cli.h"
#include "cs-cli-private.h"
#include "cs-finding-group.h"
#include "cs-json.h"
#include "cs-store.h"
#include "cs-validator.h"

typedef struct
{
  GPtrArray  *manifests;   /* all inputs */
  CsStore    *store;       /* may be NULL */
} RefContext;

/* Another input, or another draft in the store, has the same reference. */
static gboolean
reference_taken_cb (const char *reference,
                    const char *manifest_id,
                    gpointer    user_data)
{
  RefContext *ctx = user_data;

  for (guint i = 0; i < ctx->manifests->len; i++)
    {
      CsManifest *other = ctx->manifests->pdata[i];

      if (g_strcmp0 (other->reference, reference) == 0 && g_strcmp0 (other->id, manifest_id) != 0)
        return TRUE;
    }
  if (ctx->store != NULL)
    {
      g_autofree char *id = cs_store_lookup_id (ctx->store, reference, NULL);

      if (id != NULL && g_strcmp0 (id, manifest_id) != 0)
        return TRUE;
    }
  return FALSE;
}

/* How many paths a summed-up entry names. */
#define GROUP_PATHS 5

static void
print_group (GString        *out,
             CsFindingGroup *group,
             const char     *indent)
{
  CsFinding *first = cs_finding_group_get_first (group);
  guint n = cs_finding_group_get_n_findings (group);

  g_string_append_printf (out, "%s  ", indent);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u findings: %s …", "%u findings: %s …", n),
                          n, cs_finding_get_message (first));
  g_string_append_printf (out, "  [%s]\n%s    ", first->rule, indent);
  for (guint k = 0; k < n && k < GROUP_PATHS; k++)
    {
      CsFinding *f = cs_finding_group_get_finding (group, k);

      g_string_append_printf (out, "%s%s", k ? ", " : "", *f->path ? f->path : "(manifest)");
    }
  if (n > GROUP_PATHS)
    g_string_append (out, ", …");
  g_string_append_c (out, '\n');
  if (*cs_finding_get_hint (first))
    g_string_append_printf (out, "%s    → %s\n", indent, cs_finding_get_hint (first));
}

static void
print_human (const char *name,
             GPtrArray  *findings,
             gboolean    with_name,
             gboolean    all)
{
  guint counts[3] = { 0, 0, 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  /* more than three findings of one rule, severity and hint: one entry (cs-finding-group.h) */
  g_autoptr(GPtrArray) groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len,
                                                           all ? G_MAXUINT : CS_FINDING_GROUP_MIN);
  const char *indent = with_name ? "  " : "";

  for (guint i = 0; i < findings->len; i++)
    counts[((CsFinding *) findings->pdata[i])->severity]++;

  if (with_name)
    g_string_append_printf (out, "%s\n", name);
  if (findings->len == 0)
    g_string_append_printf (out, "%s%s\n", with_name ? "  " : "", _("No problems found."));
  for (int s = CS_SEVERITY_ERROR; s <= CS_SEVERITY_INFO; s++)
    {
      if (counts[s] == 0)
        continue;
      g_string_append_printf (out, "%s", with_name ? "  " : "");
      if (s == CS_SEVERITY_ERROR)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", counts[s]), counts[s]);
      else if (s == CS_SEVERITY_WARNING)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", counts[s]), counts[s]);
      else
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", counts[s]), counts[s]);
      g_string_append (out, ":\n");
      for (guint i = 0; i < groups->len; i++)
        {
          CsFindingGroup *group = groups->pdata[i];
          CsFinding *f = cs_finding_group_get_first (group);

          if ((int) f->severity != s)
            continue;
          if (cs_finding_group_get_n_findings (group) > 1)
            {
              print_group (out, group, indent);
              continue;
            }
          g_string_append_printf (out, "%s  %s  [%s]\n%s    %s\n", indent,
                                  *f->path ? f->path : "(manifest)", f->rule, indent,
                                  cs_finding_get_message (f));
          if (*cs_finding_get_hint (f))
            g_string_append_printf (out, "%s    → %s\n", indent, cs_finding_get_hint (f));
        }
    }
  _cs_cli_print (out->str);
}

static void
add_json (JsonBuilder *b,
          GPtrArray   *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = findings->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, cs_severity_to_string (f->severity));
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, f->path);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, cs_finding_get_message (f));
      json_builder_set_member_name (b, "hint");
      json_builder_add_string_value (b, cs_finding_get_hint (f));
      json_builder_end_object (b);
    }
}

static gboolean
parse_today (const char *s,
             GDate      *out)
{
  int y, m, d;
  char extra;

  if (s == NULL || strlen (s) != 10 || sscanf (s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

int
cs_cli_validate (int    argc,
                 char **argv,
                 const char *db_path)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  g_autofree char *today_str = NULL;
  g_auto(GStrv) inputs = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the findings as a JSON array"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("List every finding; without it, more than three of one rule and hint are summed up"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_str, N_("Reference date for manifests without a departure"),
      N_("YYYY-MM-DD") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inputs, NULL, N_("FILE.json|REF…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCatalog) catalog = NULL;
  g_autoptr(GPtrArray) manifests = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  GDate today;
  gboolean any_error = FALSE;
  RefContext refs;
  CsValidateOptions options;
  int status = 0;

  /* the remaining-arguments entry names FILE.json|REF… in the usage line */
  context = _cs_cli_context ("validate", NULL,
                             N_("Check manifest files or drafts in the store against the rules and "
                                "print what is wrong."),
                             entries);
  if (!_cs_cli_parse (context, "validate", &argc, &argv, &status))
    return status;
  if (inputs == NULL || inputs[0] == NULL)
    {
      g_printerr ("%s\n", _("consign validate: give at least one FILE.json or draft reference"));
      return 2;
    }
  g_date_clear (&today, 1);
  if (today_str != NULL && !parse_today (today_str, &today))
    {
      g_autofree char *quoted = _cs_cli_quote (today_str);
      g_printerr (_("consign validate: --today “%s” is not a date YYYY-MM-DD\n"), quoted);
      return 2;
    }

  catalog = cs_catalog_new_default (&error);
  if (catalog == NULL)
    {
      g_autofree char *safe = _cs_cli_escape (error->message, TRUE);
      g_printerr (_("consign validate: cannot load the catalog: %s\n"), safe);
      return 2;
    }
  for (guint i = 0; i < cs_catalog_get_warnings (catalog)->len; i++)
    {
      g_autofree char *safe = _cs_cli_escape (cs_catalog_get_warnings (catalog)->pdata[i], TRUE);
      g_printerr (_("consign validate: catalog override ignored: %s\n"), safe);
    }

  /* read every input first: a bad one means nothing on stdout; the store is opened once, by the
   * first draft reference */
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      CsManifest *m = NULL;

      if (_cs_cli_is_file (inputs[i]))
        m = cs_json_load_file (inputs[i], &error);
      else if (store != NULL || (store = _cs_cli_store_open ("validate", db_path, &error)) != NULL)
        m = cs_store_load (store, inputs[i], &error);
      if (m == NULL)
        {
          _cs_cli_error ("validate", "%s", error->message);
          return CS_CLI_BAD_INPUT;
        }
      g_ptr_array_add (manifests, m);
    }

  if (store == NULL && db_path != NULL && g_file_test (db_path, G_FILE_TEST_EXISTS))
    store = _cs_cli_store_open ("validate", db_path, NULL);   /* only to look up other drafts' references */
  refs.manifests = manifests;
  refs.store = store;
  options.reference_taken = reference_taken_cb;
  options.user_data = &refs;

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < manifests->len; i++)
    {
      g_autoptr(GPtrArray) findings = cs_validate_with (manifests->pdata[i], catalog,
                                                        g_date_valid (&today) ? &today : NULL, &options);

      for (guint k = 0; k < findings->len; k++)
        any_error |= ((CsFinding *) findings->pdata[k])->severity == CS_SEVERITY_ERROR;
      if (json)
        add_json (builder, findings);
      else
        print_human (inputs[i], findings, manifests->len > 1, all);
    }
  if (json)
    {
      json_builder_end_array (builder);
      _cs_cli_print_json (builder);
    }
  return any_error ? 1 : 0;
}
