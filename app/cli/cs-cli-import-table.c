/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-import-table.c: consign import FILE.csv|FILE.xlsx --into REF: cargo lines or a VIN list
 * from a table into a draft, all or nothing */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"
#include "cs-cli-table.h"
#include "cs-list.h"
#include "cs-table-import.h"

gboolean
cs_cli_import_wants_table (int    argc,
                           char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--into") == 0 || g_str_has_prefix (argv[i], "--into="))
        return TRUE;
      if (argv[i][0] != '-' && cs_table_format_for_name (argv[i], NULL))
        return TRUE;
    }
  return FALSE;
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *s = cs_import_problem_to_string (problems->pdata[i]);
      g_autofree char *safe = _cs_cli_escape (s, FALSE);   /* cell text may hold terminal controls */

      g_printerr ("%s\n", safe);
    }
}

/* The line numbers the new items get: after the draft's highest, unless the file gave them. */
static void
number_lines (CsManifest *m,
              GPtrArray  *items)
{
  double next = 1;

  for (guint i = 0; i < cs_list_length (m->items); i++)
    {
      CsItem *it = cs_list_index (m->items, i);

      if (cs_num_is_set (it->line) && it->line >= next)
        next = it->line + 1;
    }
  for (guint i = 0; i < items->len; i++)
    {
      CsItem *it = items->pdata[i];

      if (!cs_num_is_set (it->line))
        cs_field_set_number (CS_RECORD (it), cs_record_find_field (CS_RECORD (it), "line"), next++);
      else if (it->line >= next)
        next = it->line + 1;
    }
}

/* The vehicle line a VIN list goes to: --line N, or the draft's only vehicle line. */
static CsItem *
vehicle_line (CsManifest  *m,
              int          line,
              const char  *ref,
              int         *status)
{
  CsItem *found = NULL;
  guint n = 0;

  for (guint i = 0; i < cs_list_length (m->items); i++)
    {
      CsItem *it = cs_list_index (m->items, i);

      if (line > 0 && cs_num_is_set (it->line) && it->line == line)
        return it;
      if (line <= 0 && g_strcmp0 (it->category, "vehicle") == 0)
        {
          found = it;
          n++;
        }
    }
  if (line > 0)
    _cs_cli_error ("import", _("%s has no line %d"), ref, line);
  else if (n == 0)
    _cs_cli_error ("import", _("%s has no vehicle line for the VINs; add one, or give the line "
                               "with --line N"), ref);
  else if (n > 1)
    _cs_cli_error ("import", _("%s has %u vehicle lines; choose the one the VINs belong to with "
                               "--line N"), ref, n);
  else
    return found;
  *status = CS_CLI_BAD_INPUT;
  return NULL;
}

int
cs_cli_import_table (int         argc,
                     char      **argv,
                     const char *db_path)
{
  g_autofree char *into = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *encoding_name = NULL;
  g_auto(GStrv) map = NULL;
  gboolean dry_run = FALSE;
  int line = 0;
  GOptionEntry entries[] = {
    { "into", 0, 0, G_OPTION_ARG_STRING, &into, N_("The draft (reference or id) to add to"), N_("REF") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("What the rows are: items (cargo lines, the default) or vins (a VIN list)"), N_("KIND") },
    { "line", 0, 0, G_OPTION_ARG_INT, &line,
      N_("With --kind vins: the vehicle line the VINs go to (needed when the draft has several)"),
      N_("N") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &map,
      N_("Take a field from a column (header text, letter or number); an empty field leaves the "
         "column out; may be repeated"), N_("COLUMN=field") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet,
      N_("The sheet of a workbook to read (default: the first visible one)"), N_("NAME") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The encoding of a CSV file that is not UTF-8: gb18030, latin1, windows-1252, shift-jis"),
      N_("NAME") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and report, but change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsTable) table = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) vins = NULL;
  CsImportEncoding encoding = CS_IMPORT_ENCODING_UTF8;
  CsTableKind kind = CS_TABLE_KIND_ITEMS;
  CsImportMapping mapping;
  const char *file, *ref;
  int status = CS_CLI_OK;
  gint64 revision = 0;
  guint n;

  context = _cs_cli_context ("import", N_("FILE.csv|FILE.xlsx --into REF"),
                             N_("Add the cargo lines (or the VINs) of a CSV file or an Excel "
                                "workbook to a draft. Columns are found from the header row in "
                                "English or Chinese. Every bad row is reported and nothing is "
                                "imported unless every row is good."),
                             entries);
  if (!_cs_cli_parse (context, "import", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _cs_cli_usage ("import", _("expected one FILE.csv or FILE.xlsx"));
  if (into == NULL || *into == '\0')
    return _cs_cli_usage ("import", _("--into REF is needed: the draft to add the rows to"));
  if (kind_name != NULL && strcmp (kind_name, "vins") == 0)
    kind = CS_TABLE_KIND_VINS;
  else if (kind_name != NULL && strcmp (kind_name, "items") != 0)
    return _cs_cli_usage ("import", _("--kind is items or vins, not “%s”"), kind_name);
  if (encoding_name != NULL && !cs_import_encoding_from_name (encoding_name, &encoding))
    return _cs_cli_usage ("import", _("unknown encoding “%s” (gb18030, latin1, windows-1252, "
                                      "shift-jis or utf-8)"), encoding_name);
  if (line != 0 && kind != CS_TABLE_KIND_VINS)
    return _cs_cli_usage ("import", _("--line goes with --kind vins"));
  file = argv[1];
  ref = into;
  if (g_str_has_suffix (file, ".json") || g_str_has_suffix (file, ".JSON"))
    return _cs_cli_usage ("import", _("%s is a JSON manifest: it is imported as a draft of its own, "
                                      "without --into"), file);

  if ((table = cs_table_open (file, encoding, sheet, &error)) == NULL
      || !cs_table_mapping (table, (const char * const *) map, &mapping, &error))
    {
      _cs_cli_error ("import", "%s", error->message);
      if (g_error_matches (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING) && encoding_name == NULL)
        g_printerr ("%s\n", _("Give the file's encoding with --encoding (for Chinese Excel: "
                              "--encoding gb18030)."));
      return CS_CLI_BAD_INPUT;
    }

  if ((store = _cs_cli_open_store ("import", db_path, &status)) == NULL)
    return status;
  if ((m = cs_store_load (store, ref, &error)) == NULL)
    {
      _cs_cli_error ("import", "%s", error->message);
      return g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_FOUND) ? CS_CLI_BAD_INPUT
                                                                             : _cs_cli_status_for (error);
    }

  /* VINs already in the draft are refused on their rows: the same vehicle cannot ship twice */
  cs_table_take_draft_vins (table, cs_import_draft_vins_new (m));
  if (kind == CS_TABLE_KIND_ITEMS)
    items = cs_table_import_items (table, &mapping, &problems, &error);
  else
    vins = cs_table_import_vins (table, &mapping, &problems, &error);
  if (error != NULL)
    {
      print_problems (problems);
      _cs_cli_error ("import", "%s", error->message);
      return CS_CLI_BAD_INPUT;
    }

  if (kind == CS_TABLE_KIND_ITEMS)
    {
      n = items->len;
      number_lines (m, items);
      cs_list_splice (m->items, cs_list_length (m->items), 0, items->pdata, items->len);
    }
  else
    {
      CsItem *target = vehicle_line (m, line, ref, &status);
      GStrv old;
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) all = NULL;

      if (target == NULL)
        return status;
      if (target->category != NULL && strcmp (target->category, "vehicle") != 0)
        {
          _cs_cli_error ("import", _("line %g of %s is not a vehicle line"), target->line, ref);
          return CS_CLI_BAD_INPUT;
        }
      old = target->vehicle ? target->vehicle->vins : NULL;
      if (old != NULL)
        g_strv_builder_addv (b, (const char **) old);
      g_strv_builder_addv (b, (const char **) vins);
      all = g_strv_builder_end (b);
      cs_record_set_strv (cs_record_ensure_record (CS_RECORD (target), "vehicle"), "vins",
                          (const char * const *) all);
      n = g_strv_length (vins);
    }

  if (dry_run)
    {
      g_autofree char *text = NULL;

      if (kind == CS_TABLE_KIND_ITEMS)
        text = g_strdup_printf (ngettext ("%s: %u line is good and would be added to %s; nothing "
                                          "was written (--dry-run).\n",
                                          "%s: %u lines are good and would be added to %s; nothing "
                                          "was written (--dry-run).\n", n), file, n, ref);
      else
        text = g_strdup_printf (ngettext ("%s: %u VIN is good and would be added to %s; nothing "
                                          "was written (--dry-run).\n",
                                          "%s: %u VINs are good and would be added to %s; nothing "
                                          "was written (--dry-run).\n", n), file, n, ref);
      _cs_cli_print (text);
      return CS_CLI_OK;
    }
  if (!cs_store_save (store, m, &revision, &error))
    {
      _cs_cli_error ("import", "%s: %s", ref, error->message);
      return _cs_cli_status_for (error);
    }
  {
    g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
    g_autofree char *text = NULL;

    if (kind == CS_TABLE_KIND_ITEMS)
      text = g_strdup_printf (ngettext ("Added %u line from %s to %s, revision %s.\n",
                                        "Added %u lines from %s to %s, revision %s.\n", n),
                              n, file, ref, rev);
    else
      text = g_strdup_printf (ngettext ("Added %u VIN from %s to %s, revision %s.\n",
                                        "Added %u VINs from %s to %s, revision %s.\n", n),
                              n, file, ref, rev);
    _cs_cli_print (text);
  }
  return CS_CLI_OK;
}
