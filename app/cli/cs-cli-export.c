/* cs-cli-export.c: consign export --format F -o OUT REF|FILE [format options]
 *
 * The manifest comes from the store (a reference) or a JSON file. Findings of the validator go
 * along to writers that show them (the xlsx Validation sheet). When the exported manifest is a
 * draft of the store (by reference, or a file whose content equals the stored draft), the export
 * is recorded in the store's audit (format, path, SHA-256, time, revision).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-catalog.h"
#include "cs-cli-private.h"
#include "cs-edifact-history.h"
#include "cs-export.h"
#include "cs-json.h"
#include "cs-validator.h"

static char *
format_names (void)
{
  GString *s = g_string_new (NULL);

  for (const CsExportFormat *f = cs_export_formats (); f->name != NULL; f++)
    g_string_append_printf (s, s->len ? ", %s" : "%s", f->name);
  return g_string_free (s, FALSE);
}

/* The draft this file is, if the store holds exactly this content; its revision or 0. */
static gint64
stored_revision_of (CsStore    *store,
                    CsManifest *m)
{
  g_autoptr(CsManifest) stored = NULL;

  if (m->id == NULL || (stored = cs_store_load (store, m->id, NULL)) == NULL)
    return 0;
  if (!cs_record_equal (CS_RECORD (stored), CS_RECORD (m)))
    return 0;
  return cs_store_get_revision (store, m->id, NULL);
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
  g_autofree char *installation = NULL;
  g_autofree char *interchange = NULL;
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
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *names = NULL;
  CsExportOptions options = { 0 };
  const char *protect[3] = { NULL };
  gboolean from_file;
  gint64 revision = 0;
  guint n_errors = 0, n_warnings = 0;
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
  else
    revision = stored_revision_of (store, m);

  /* Findings for writers that include them; a catalog that cannot load only loses those. */
  catalog = cs_catalog_new_default (NULL);
  if (catalog != NULL)
    {
      findings = cs_validate (m, catalog, NULL);
      for (guint i = 0; i < findings->len; i++)
        {
          CsFinding *f = findings->pdata[i];
          n_errors += f->severity == CS_SEVERITY_ERROR;
          n_warnings += f->severity == CS_SEVERITY_WARNING;
        }
    }

  options.catalog = catalog;
  options.findings = findings;
  options.bilingual = bilingual;
  options.encoding = encoding ? g_ascii_strdown (encoding, -1) : NULL;
  options.bom = bom;
  options.sender = sender;
  options.recipient = recipient;
  options.directory = directory;
  /* -o onto the store or the input replaced it with the export (every draft gone). */
  protect[0] = cs_store_get_path (store);
  protect[1] = from_file ? argv[1] : NULL;
  options.protect = protect;
  if (g_strcmp0 (format, "edifact") == 0 &&
      (options.interchange_ref = cs_store_next_interchange_ref (store, &error)) == 0)
    {
      _cs_cli_error ("export", "%s", error->message);
      g_free ((char *) options.encoding);
      return _cs_cli_status_for (error);
    }
  /* EDIFACT: the message function from what was sent to this recipient before (the history of
   * a draft of the store), and this installation's part of the interchange reference. */
  if (g_strcmp0 (format, "edifact") == 0)
    {
      options.test_indicator = test;
      if (cancel && revision == 0)
        error = g_error_new_literal (CS_STORE_ERROR, CS_STORE_ERROR_INVALID,
                                     _("--cancel needs a draft of the store, whose history says what "
                                       "was sent"));
      else if (revision > 0 && recipient != NULL && recipient[0] != '\0')
        options.message_function = cs_edifact_message_function (store, m->reference != NULL &&
                                                                m->reference[0] != '\0'
                                                                ? m->reference : m->id,
                                                                recipient, cancel, &error);
      if (error == NULL)
        options.installation = installation = cs_edifact_installation_id (store, &error);
      if (error != NULL)
        {
          _cs_cli_error ("export", "%s", error->message);
          g_free ((char *) options.encoding);
          return _cs_cli_status_for (error);
        }
      interchange = cs_edifact_interchange_ref (installation, options.interchange_ref);
    }

  if (!cs_export_to_file (format, m, &options, output, &sha256, &error))
    {
      _cs_cli_error ("export", "%s", error->message);
      g_free ((char *) options.encoding);
      return _cs_cli_status_for (error);
    }
  g_free ((char *) options.encoding);

  if (revision > 0)
    {
      g_autofree char *absolute = g_canonicalize_filename (output, NULL);

      /* The audit row says what the validator found; the command line asks no one to confirm. */
      gint64 row = cs_store_record_export_full (store, m->id, format, absolute, sha256, revision,
                                                catalog != NULL ? (int) n_errors : -1, FALSE,
                                                &error);

      if (row != 0 && interchange != NULL && options.message_function != NULL &&
          !cs_edifact_record_sent (store, row, recipient, options.message_function, interchange,
                                   &error))
        row = 0;
      if (row == 0)
        {
          /* The file is written; only the audit row is missing. Say so, and fail. */
          _cs_cli_error ("export", _("%s was written, but the export could not be recorded: %s"),
                         output, error->message);
          return _cs_cli_status_for (error);
        }
      if (catalog != NULL)
        cs_store_set_counts (store, m->id, n_errors, n_warnings, NULL);
    }

  if (n_errors > 0)
    _cs_cli_error ("export", ngettext ("warning: the manifest has %u error (run “consign validate”)",
                                       "warning: the manifest has %u errors (run “consign validate”)",
                                       n_errors), n_errors);
  g_print (_("Wrote %s (%s, SHA-256 %s)\n"), output, format, sha256);
  if (interchange != NULL)
    g_print (_("CUSCAR %s (message function %s), interchange reference %s\n"),
             cs_edifact_function_label (options.message_function ? options.message_function : "9"),
             options.message_function ? options.message_function : "9", interchange);
  return CS_CLI_OK;
}
