/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli.h: the command line (runs without a display; links only the core)
 *
 * cs-cli.c parses the global options (--db PATH, CONSIGN_DB, --help, --version) and dispatches
 * to one function per subcommand. Each subcommand gets argv with argv[0] = its own name and the
 * resolved database path, prints errors on stderr naming the place, and returns the exit
 * status: 0 ok, 1 findings or refusal, 2 bad input or usage.
 */
#pragma once

#include "cs-model.h"

G_BEGIN_DECLS

/* TRUE when argv[1] names a subcommand (or --help/--version), so main() runs the CLI. */
gboolean    cs_cli_wants          (int          argc,
                                   char       **argv);
/* Runs the command line; returns the process exit status. */
int         cs_cli_run            (int          argc,
                                   char       **argv);

/* Shared helpers for subcommands (cs-cli.c). */

/* FILE.json (a path that exists or ends in .json) or a draft reference in the store at @db_path. */
CsManifest *cs_cli_open_manifest  (const char  *file_or_ref,
                                   const char  *db_path,
                                   GError     **error);

/* Subcommands (one file each: cs-cli-NAME.c). */
int         cs_cli_import         (int argc, char **argv, const char *db_path);
int         cs_cli_list           (int argc, char **argv, const char *db_path);
int         cs_cli_show           (int argc, char **argv, const char *db_path);
int         cs_cli_export         (int argc, char **argv, const char *db_path);
int         cs_cli_history        (int argc, char **argv, const char *db_path);
int         cs_cli_validate       (int argc, char **argv, const char *db_path);
int         cs_cli_check          (int argc, char **argv, const char *db_path);

G_END_DECLS
