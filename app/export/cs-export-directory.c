/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-directory.c: the party directory and the product catalogue as .csv or .xlsx */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "cs-export.h"
#include "cs-export-directory.h"
#include "cs-table-import.h"

/* Into the temporary file itself (cs_export_write_file() reads back that very file). */
static gboolean
write_all (const char *tmp,
           GString    *out,
           GError    **error)
{
  FILE *f = fopen (tmp, "wb");
  gboolean ok;

  if (f == NULL)
    {
      int saved = errno;

      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO, _("Cannot write %s: %s"), tmp,
                   g_strerror (saved));
      return FALSE;
    }
  ok = fwrite (out->str, 1, out->len, f) == out->len;
  ok = fclose (f) == 0 && ok;
  if (!ok)
    {
      int saved = errno;

      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO, _("Cannot write %s: %s"), tmp,
                   g_strerror (saved));
    }
  return ok;
}

static gboolean
fill_csv (const char *tmp,
          gpointer    user_data,
          GError    **error)
{
  const CsDirectoryTable *t = user_data;
  guint n_columns = cs_directory_table_get_n_columns (t);
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");   /* Excel recognises UTF-8 by it */

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *h = cs_directory_table_get_header (t, c);

      if (c > 0)
        g_string_append_c (out, ',');
      cs_export_csv_append_text (out, h);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < cs_directory_table_get_n_rows (t); r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          double n;
          g_autofree char *text = cs_directory_table_get_cell (t, r, c, &n);

          if (c > 0)
            g_string_append_c (out, ',');
          if (cs_num_is_set (n))
            g_string_append (out, text);   /* numbers we wrote: never neutralised */
          else
            cs_export_csv_append_text (out, text);
        }
      g_string_append (out, "\r\n");
    }
  return write_all (tmp, out, error);
}

static gboolean
fill_xlsx (const char *tmp,
           gpointer    user_data,
           GError    **error)
{
  const CsDirectoryTable *t = user_data;
  g_autofree char *dir = g_path_get_dirname (tmp);
  /* libxlsxwriter's parts in a scratch folder of ours, never among the user's files */
  g_autoptr(CsExportScratch) scratch = cs_export_scratch_new (dir, error);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  gboolean products = cs_directory_table_get_kind (t) == CS_DIRECTORY_PRODUCTS;
  guint n_columns = cs_directory_table_get_n_columns (t);
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *bold;
  lxw_error err = LXW_NO_ERROR;

  if (scratch == NULL)
    return FALSE;
  options.tmpdir = (char *) cs_export_scratch_get_path (scratch);
  wb = workbook_new_opt (tmp, &options);
  if (wb == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO, _("Cannot write %s"), tmp);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, products ? "Products" : "Parties");
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  for (guint c = 0; c < n_columns && err == LXW_NO_ERROR; c++)
    {
      g_autofree char *h = cs_directory_table_get_header (t, c);

      err = worksheet_write_string (ws, 0, c, h, bold);
    }
  worksheet_freeze_panes (ws, 1, 0);
  for (guint r = 0; r < cs_directory_table_get_n_rows (t) && err == LXW_NO_ERROR; r++)
    for (guint c = 0; c < n_columns && err == LXW_NO_ERROR; c++)
      {
        double n;
        g_autofree char *text = cs_directory_table_get_cell (t, r, c, &n);

        /* text as strings, never formulas (a cell starting with = is not run) */
        if (cs_num_is_set (n))
          err = worksheet_write_number (ws, r + 1, c, n, NULL);
        else if (text != NULL)
          err = worksheet_write_string (ws, r + 1, c, text, NULL);
      }
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO, _("Cannot write %s: %s"), tmp,
                   lxw_strerror (err));
      workbook_close (wb);
      return FALSE;
    }
  if ((err = workbook_close (wb)) != LXW_NO_ERROR)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO, _("Cannot write %s: %s"), tmp,
                   lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_table (CsStore         *store,
              CsDirectoryKind  kind,
              const char      *path,
              GError         **error)
{
  g_autoptr(CsDirectoryTable) t = NULL;
  /* never over the draft store itself */
  const char *protect[2] = { cs_store_get_path (store), NULL };
  CsTableFormat format;

  if (!cs_table_format_for_name (path, &format))
    {
      g_set_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_FORMAT,
                   _("%s: give the file the extension .csv or .xlsx"), path);
      return FALSE;
    }
  if ((t = cs_directory_table_read (store, kind, error)) == NULL)
    return FALSE;
  return format == CS_TABLE_FORMAT_XLSX
    ? cs_export_write_file (path, "xlsx", protect, fill_xlsx, t, NULL, error)
    : cs_export_write_file (path, "csv", protect, fill_csv, t, NULL, error);
}

gboolean
cs_directory_export_parties (CsStore    *store,
                             const char *path,
                             GError    **error)
{
  return export_table (store, CS_DIRECTORY_PARTIES, path, error);
}

gboolean
cs_directory_export_products (CsStore    *store,
                              const char *path,
                              GError    **error)
{
  return export_table (store, CS_DIRECTORY_PRODUCTS, path, error);
}
