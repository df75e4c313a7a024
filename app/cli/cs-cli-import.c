/* cs-cli-import.c: consign import FILE.json [--replace] */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"
#include "cs-json.h"

int
cs_cli_import (int         argc,
               char      **argv,
               const char *db_path)
{
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Overwrite the draft that has the same reference (its export history is kept)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autofree char *by_ref = NULL;
  g_autofree char *by_id = NULL;
  int status = CS_CLI_OK;
  gint64 revision = 0;
  g_autofree char *rev = NULL;

  context = _cs_cli_context ("import", N_("FILE.json"),
                             N_("Import a manifest in the JSON interchange format into the draft "
                                "store. A manifest whose reference is already in the store is "
                                "refused unless --replace is given."),
                             entries);
  if (!_cs_cli_parse (context, "import", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _cs_cli_usage ("import", _("expected one FILE.json"));

  if ((m = cs_json_load_file (argv[1], &error)) == NULL)
    {
      _cs_cli_error ("import", "%s", error->message);
      return CS_CLI_BAD_INPUT;
    }
  if ((store = _cs_cli_open_store ("import", db_path, &status)) == NULL)
    return status;

  if (m->reference != NULL && (by_ref = cs_store_lookup_id (store, m->reference, &error)) == NULL &&
      error != NULL)
    {
      _cs_cli_error ("import", "%s", error->message);
      return _cs_cli_status_for (error);
    }
  if (m->id != NULL && (by_id = cs_store_lookup_id (store, m->id, &error)) == NULL && error != NULL)
    {
      _cs_cli_error ("import", "%s", error->message);
      return _cs_cli_status_for (error);
    }

  if (!replace && by_ref != NULL)
    {
      _cs_cli_error ("import", _("%s: a draft with the reference “%s” is already in %s; "
                                 "use --replace to overwrite it"),
                     argv[1], m->reference, db_path);
      return CS_CLI_REFUSED;
    }
  if (!replace && by_id != NULL)
    {
      g_autoptr(CsStoreSummary) other = cs_store_get_summary (store, by_id, NULL);

      _cs_cli_error ("import", _("%s: a draft with the same id (%s, reference “%s”) is already in "
                                 "%s; use --replace to overwrite it"),
                     argv[1], m->id, other && other->reference ? other->reference : "",
                     db_path);
      return CS_CLI_REFUSED;
    }
  /* Replacing keeps the existing draft's id, so that its export history stays with it. */
  if (by_ref != NULL && g_strcmp0 (by_ref, m->id) != 0)
    cs_field_set_string (CS_RECORD (m), cs_record_find_field (CS_RECORD (m), "id"), by_ref);

  if (!cs_store_save (store, m, &revision, &error))
    {
      _cs_cli_error ("import", "%s: %s", argv[1], error->message);
      return _cs_cli_status_for (error);
    }
  rev = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  g_print (ngettext ("Imported “%s” (%u item) into %s, revision %s.\n",
                     "Imported “%s” (%u items) into %s, revision %s.\n",
                     CS_MANIFEST_N_ITEMS (m)),
           m->reference ? m->reference : m->id, CS_MANIFEST_N_ITEMS (m), db_path, rev);
  return CS_CLI_OK;
}
