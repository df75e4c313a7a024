/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-directory.h: the party directory and the product catalogue written to a file
 *
 * One column per field with a bilingual header, the file an import of the same kind reads back
 * (cs_directory_import_*): CSV (UTF-8 with a byte-order mark, so that Excel shows Chinese) or
 * xlsx, chosen by the extension of @path. The file is written as every export is
 * (cs_export_write_file()): never over the draft store or a database, a temporary file read back
 * before it replaces the target, nothing half-written left behind. No GTK.
 */
#pragma once

#include "cs-directory.h"

G_BEGIN_DECLS

gboolean cs_directory_export_parties  (CsStore    *store,
                                       const char *path,
                                       GError    **error);
gboolean cs_directory_export_products (CsStore    *store,
                                       const char *path,
                                       GError    **error);

G_END_DECLS
