/* cs-cli.c: subcommand dispatch */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-cli.h"

gboolean
cs_cli_wants (int    argc,
              char **argv)
{
  return argc > 1 && argv[1][0] != '-';
}

int
cs_cli_run (int    argc,
            char **argv)
{
  g_printerr (_("consign: unknown command “%s”\n"), argv[1]);
  return 2;
}
