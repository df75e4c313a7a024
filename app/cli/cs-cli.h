/* cs-cli.h: the command line (runs without a display; links only the core) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv[1] names a subcommand (or --help/--version), so main() runs the CLI. */
gboolean cs_cli_wants     (int    argc,
                           char **argv);
/* Runs a subcommand; returns the process exit status (0 ok, 1 findings/refusal, 2 bad input). */
int      cs_cli_run       (int    argc,
                           char **argv);

G_END_DECLS
