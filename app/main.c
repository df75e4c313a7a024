/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: a subcommand runs the command line; otherwise the desktop app starts */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cs-application.h"
#include "cs-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CsApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (cs_cli_wants (argc, argv))
    return cs_cli_run (argc, argv);

  cs_application_pick_renderer ();
  app = cs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
