/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-import.c: consign import FILE.json [--replace] */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"
#include "cs-cli-table.h"
#include "cs-json.h"

int
cs_cli_import (int         argc,
               char      **argv,
               const char *db_path)
{
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Overwrite the draft that has the same reference (its export history is kept); the "
         "store is integrity-checked first"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsStore) store = NULL;
  int status = CS_CLI_OK;
  gint64 revision = 0;
  g_autofree char *rev = NULL;
  g_autofree char *text = NULL;

  /* A CSV file or a workbook goes into an existing draft (cs-cli-import-table.c). */
  if (cs_cli_import_wants_table (argc, argv))
    return cs_cli_import_table (argc, argv, db_path);

  context = _cs_cli_context ("import", N_("FILE.json"),
                             N_("Import a manifest in the JSON interchange format into the draft "
                                "store. A manifest whose reference is already in the store is "
                                "refused unless --replace is given; so is a manifest whose id "
                                "belongs to a draft with another reference."),
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

  /* The store decides inside the save's transaction: two imports at once cannot both pass. */
  if (!cs_store_import (store, m, replace, &revision, &error))
    {
      g_autofree char *file = _cs_cli_quote (argv[1]);

      if (!replace && g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE))
        _cs_cli_error ("import", _("%s: %s; use --replace to overwrite it"), file, error->message);
      else
        _cs_cli_error ("import", "%s: %s", file, error->message);
      return _cs_cli_status_for (error);
    }
  rev = g_strdup_printf ("%" G_GINT64_FORMAT, revision);
  text = g_strdup_printf (ngettext ("Imported “%s” (%u item) into %s, revision %s.\n",
                                    "Imported “%s” (%u items) into %s, revision %s.\n",
                                    CS_MANIFEST_N_ITEMS (m)),
                          m->reference ? m->reference : m->id, CS_MANIFEST_N_ITEMS (m), db_path, rev);
  _cs_cli_print (text);
  return CS_CLI_OK;
}
