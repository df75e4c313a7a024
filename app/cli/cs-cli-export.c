/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-export.c: consign export --format F -o OUT REF|FILE [format options]
 *
 * The manifest comes from the store (a reference) or a JSON file. Findings of the validator go
 * along to writers that show them (the xlsx Validation sheet). When the exported manifest is a
 * draft of the store (by reference, or a file whose content equals the stored draft), the export
 * is recorded in the store's audit (format, path, SHA-256, time, revision) and the draft marked
 * exported, as the editor does: the workflow is CsExportService's (cs-export-service.h).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-catalog.h"
#include "cs-cli-private.h"
#include "cs-edifact-history.h"
#include "cs-export.h"
#include "cs-export-service.h"
#include "cs-json.h"

static char *
format_names (void)
{
  GString *s = g_string_new (NULL);

  for (const CsExportFormat *f = cs_export_formats (); f->name != NULL; f++)
    g_string_append_printf (s, s->len ? ", %s" : "%s", f->name);
  return g_string_free (s, FALSE);
}

int
cs_cli_export (int         argc,
               char      **argv,
               const char *db_path)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *directory = NULL;
  gboolean bilingual = FALSE, bom = FALSE, cancel = FALSE, test = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("The file format: xlsx, csv, xml, edifact, pdf or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("OUT") },
    { "bilingual", 0, 0, G_OPTION_ARG_NONE, &bilingual,
      N_("Chinese and English headings (xlsx, csv, pdf)"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Character encoding of a CSV file: utf-8 (default) or gb18030"), N_("ENCODING") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start a UTF-8 CSV file with a byte-order mark (for Excel)"), NULL },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender,
      N_("EDIFACT interchange sender id (UNB)"), N_("ID") },
    { "recipient", 0, 0, G_OPTION_ARG_STRING, &recipient,
      N_("EDIFACT interchange recipient id (UNB)"), N_("ID") },
    { "directory", 0, 0, G_OPTION_ARG_STRING, &directory,
      N_("EDIFACT directory: D96B (the only one offered)"), N_("DIRECTORY") },
    { "cancel", 0, 0, G_OPTION_ARG_NONE, &cancel,
      N_("EDIFACT: cancel the CUSCAR sent before to this recipient"), NULL },
    { "test", 0, 0, G_OPTION_ARG_NONE, &test,
      N_("EDIFACT: mark the interchange as a test (UNB test indicator)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsCatalog) catalog = NULL;
  g_autoptr(CsExportService) service = NULL;
  g_autoptr(CsExportJob) job = NULL;
  g_autofree char *names = NULL;
  const char *interchange, *message_function;
  gboolean from_file;
  gint64 revision = 0;
  guint n_errors;
  int status = CS_CLI_OK;

  context = _cs_cli_context ("export", N_("REFERENCE|FILE.json"),
                             N_("Write a draft of the store, or a manifest file, in one of the "
                                "export formats. The file is written completely or not at all."),
                             entries);
  if (!_cs_cli_parse (context, "export", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _cs_cli_usage ("export", _("expected one REFERENCE or FILE.json"));
  names = format_names ();
  if (format == NULL)
    return _cs_cli_usage ("export", _("--format is required (one of: %s)"), names);
  if (cs_export_format_find (format) == NULL)
    {
      g_autofree char *quoted = _cs_cli_quote (format);   /* a huge argument is cut */
      return _cs_cli_usage ("export", _("unknown format “%s” (one of: %s)"), quoted, names);
    }
  if (output == NULL || output[0] == '\0')
    return _cs_cli_usage ("export", _("-o OUT is required"));
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") != 0 &&
      g_ascii_strcasecmp (encoding, "gb18030") != 0)
    {
      g_autofree char *quoted = _cs_cli_quote (encoding);
      return _cs_cli_usage ("export", _("unknown encoding “%s” (expected utf-8 or gb18030)"), quoted);
    }
  if (directory != NULL && g_strcmp0 (directory, "D96B") != 0)
    return _cs_cli_usage ("export", _("unknown EDIFACT directory “%s” (expected D96B)"), directory);
  if ((cancel || test) && g_strcmp0 (format, "edifact") != 0)
    return _cs_cli_usage ("export", _("--cancel and --test are for --format edifact"));

  /* The manifest. */
  from_file = _cs_cli_is_file (argv[1]);
  if (from_file)
    {
      if ((m = cs_json_load_file (argv[1], &error)) == NULL)
        {
          _cs_cli_error ("export", "%s", error->message);
          return CS_CLI_BAD_INPUT;
        }
    }
  if ((store = _cs_cli_open_store ("export", db_path, &status)) == NULL)
    return status;
  if (!from_file)
    {
      /* Revision first: a save between the two reads can only make the record say "older". */
      if ((revision = cs_store_get_revision (store, argv[1], &error)) == 0 ||
          (m = cs_store_load (store, argv[1], &error)) == NULL)
        {
          _cs_cli_error ("export", "%s", error->message);
          return _cs_cli_status_for (error);
        }
    }

  /* Findings for writers that include them; a catalog that cannot load only loses those. The
   * command line asks no one to confirm: it warns, and the audit row says not confirmed. */
  catalog = cs_catalog_new_default (NULL);
  service = cs_export_service_new (store, catalog);
  job = cs_export_job_new (format, m, output);
  cs_export_job_set_error_policy (job, CS_EXPORT_ERRORS_ALLOW);
  if (from_file)
    cs_export_job_set_input_file (job, argv[1]);
  else
    cs_export_job_set_revision (job, revision);
  cs_export_job_set_bilingual (job, bilingual);
  cs_export_job_set_csv_encoding (job, encoding, bom);
  cs_export_job_set_edifact (job, sender, recipient, directory, test);
  cs_export_job_set_cancel (job, cancel);
  if (!cs_export_service_run (service, job, NULL, &error))
    {
      if (cs_export_job_get_written (job))
        /* The file is written; only the audit row is missing. Say so, and fail. */
        _cs_cli_error ("export", _("%s was written, but the export could not be recorded: %s"),
                       output, error->message);
      else if (g_error_matches (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_NOT_STORED))
        _cs_cli_error ("export", "%s", _("--cancel needs a draft of the store, whose history says "
                                         "what was sent"));
      else
        _cs_cli_error ("export", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  n_errors = (guint) MAX (cs_export_job_get_n_errors (job), 0);
  interchange = cs_export_job_get_interchange (job);
  message_function = cs_export_job_get_message_function (job);

  if (n_errors > 0)
    _cs_cli_error ("export", ngettext ("warning: the manifest has %u error (run “consign validate”)",
                                       "warning: the manifest has %u errors (run “consign validate”)",
                                       n_errors), n_errors);
  g_print (_("Wrote %s (%s, SHA-256 %s)\n"), output, format, cs_export_job_get_sha256 (job));
  if (interchange != NULL)
    g_print (_("CUSCAR %s (message function %s), interchange reference %s\n"),
             cs_edifact_function_label (message_function ? message_function : "9"),
             message_function ? message_function : "9", interchange);
  return CS_CLI_OK;
}
