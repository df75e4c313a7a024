/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-check.c: consign check [--repair NEW.sqlite]
 *
 * Without --repair: PRAGMA integrity_check on the store, read-only; exit 0 sound, 1 damaged.
 * With --repair: every draft that reads back completely (and the templates, the exports audit and
 * the EDIFACT counter) is copied into a NEW store file; the damaged store is left as it is. Exit
 * 0 when everything was copied, 1 when something could not be (each named).
 *
 * On a PostgreSQL server the server keeps its own pages (Consign cannot run integrity_check
 * there, and says so): check reads every draft back instead (all rows, the item count its header
 * records) and names those that do not read; --repair is SQLite's only.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"

int
cs_cli_check (int         argc,
              char      **argv,
              const char *db_path)
{
  g_autofree char *repair = NULL;
  GOptionEntry entries[] = {
    { "repair", 0, 0, G_OPTION_ARG_FILENAME, &repair,
      N_("Copy every draft that reads cleanly into the new store file NEW (which must not exist); "
         "the store checked is not changed"), N_("NEW") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_auto(GStrv) problems = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) lost = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int status = CS_CLI_OK;

  context = _cs_cli_context ("check", NULL,
                             N_("Check the draft store for damaged pages (PRAGMA integrity_check) "
                                "without changing it. With --repair, copy every draft that reads "
                                "back completely into a new store and name the ones that do not."),
                             entries);
  if (!_cs_cli_parse (context, "check", &argc, &argv, &status))
    return status;
  if (argc != 1)
    return _cs_cli_usage ("check", _("unexpected argument “%s”"), argv[1]);
  if (repair != NULL && repair[0] == '\0')
    return _cs_cli_usage ("check", _("--repair needs the name of a new file"));

  if (repair != NULL && cs_store_location_is_postgresql (db_path))
    return _cs_cli_usage ("check", _("--repair copies a damaged SQLite file; a PostgreSQL server "
                                     "repairs its own pages (see its documentation on backups)"));

  /* Read-only: a damaged store is looked at, never written to. */
  if ((store = cs_store_open_read_only (db_path, &error)) == NULL)
    {
      _cs_cli_error ("check", "%s", error->message);
      return CS_CLI_BAD_INPUT;
    }

  if (repair == NULL && cs_store_is_postgresql (store))
    {
      guint n_drafts = 0;

      if (!cs_store_check_drafts (store, &n_drafts, &problems, &error) &&
          !g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED))
        {
          _cs_cli_error ("check", "%s", error->message);
          return _cs_cli_status_for (error);
        }
      if (problems[0] == NULL)
        {
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                    "%s: the database server checks its own pages (Consign "
                                                    "cannot run integrity_check there); %u draft was read "
                                                    "back whole.\n",
                                                    "%s: the database server checks its own pages (Consign "
                                                    "cannot run integrity_check there); all %u drafts were "
                                                    "read back whole.\n", n_drafts),
                                  cs_store_get_path (store), n_drafts);
          _cs_cli_print (out->str);
          return CS_CLI_OK;
        }
      g_string_append_printf (out, _("%s: some drafts do not read back whole:\n"), cs_store_get_path (store));
      for (guint i = 0; problems[i] != NULL; i++)
        g_string_append_printf (out, "  %s\n", problems[i]);
      _cs_cli_print (out->str);
      return CS_CLI_REFUSED;
    }

  if (repair == NULL)
    {
      if (!cs_store_check (store, TRUE, &problems, &error) &&
          !g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_DAMAGED))
        {
          _cs_cli_error ("check", "%s", error->message);
          return _cs_cli_status_for (error);
        }
      if (problems[0] == NULL)
        {
          g_string_append_printf (out, _("%s: no damage found (integrity_check).\n"), db_path);
          _cs_cli_print (out->str);
          return CS_CLI_OK;
        }
      g_string_append_printf (out, _("%s: the draft store is damaged:\n"), db_path);
      for (guint i = 0; problems[i] != NULL; i++)
        g_string_append_printf (out, "  %s\n", problems[i]);
      g_string_append_printf (out, _("Copy what can still be read with “consign --db %s check "
                                     "--repair NEW.sqlite”.\n"), db_path);
      _cs_cli_print (out->str);
      return CS_CLI_REFUSED;
    }

  if (!cs_store_salvage (store, repair, &saved, &lost, &error))
    {
      _cs_cli_error ("check", "%s", error->message);
      return CS_CLI_BAD_INPUT;
    }
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Copied %u draft into %s:\n",
                                            "Copied %u drafts into %s:\n", saved->len),
                          saved->len, repair);
  for (guint i = 0; i < saved->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) saved->pdata[i]);
  _cs_cli_print (out->str);
  if (lost->len == 0)
    return CS_CLI_OK;
  g_string_truncate (out, 0);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u part could not be read and is not in %s:",
                                            "%u parts could not be read and are not in %s:", lost->len),
                          lost->len, repair);
  for (guint i = 0; i < lost->len; i++)
    g_string_append_printf (out, "\n  %s", (char *) lost->pdata[i]);
  _cs_cli_error ("check", "%s", out->str);
  return CS_CLI_REFUSED;
}
