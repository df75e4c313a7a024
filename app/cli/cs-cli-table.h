/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-table.h: subcommands for tables and master data (cs-cli-import-table.c,
 * cs-cli-directory.c), dispatched from cs-cli.c and cs-cli-import.c */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when `consign import` was given a table (an argument ending in .csv, .tsv, .txt, .xlsx or
 * .xlsm, or --into) rather than a JSON manifest. */
gboolean    cs_cli_import_wants_table (int          argc,
                                       char       **argv);
/* consign import FILE.csv|FILE.xlsx --into REF [--kind items|vins] [--line N] [--map COLUMN=field …]
 * [--sheet NAME] [--encoding NAME] [--dry-run] */
int         cs_cli_import_table       (int          argc,
                                       char       **argv,
                                       const char  *db_path);
/* consign parties import|export FILE, consign parties list [TEXT] */
int         cs_cli_parties            (int          argc,
                                       char       **argv,
                                       const char  *db_path);
/* consign products import|export FILE, consign products list [TEXT] */
int         cs_cli_products           (int          argc,
                                       char       **argv,
                                       const char  *db_path);
/* consign directory changes [--since TIME] [--json] */
int         cs_cli_directory          (int          argc,
                                       char       **argv,
                                       const char  *db_path);

G_END_DECLS
