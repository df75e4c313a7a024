/* cs-export.c: format registry and atomic file output */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "cs-export.h"
#include "cs-json.h"

G_DEFINE_QUARK (cs-export-error-quark, cs_export_error)

/* Formats whose writer is not built yet have write == NULL and are refused by name. */
static const CsExportFormat formats[] = {
  { "json",    "json", "application/json", cs_export_json_write },
  { "xlsx",    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", cs_export_xlsx_write },
  { "csv",     "csv",  "text/csv", cs_export_csv_write },
  { "xml",     "xml",  "application/xml", cs_export_xml_write },
  { "edifact", "edi",  "application/EDIFACT", cs_export_edifact_write },
  { "pdf",     "pdf",  "application/pdf", cs_export_pdf_write },
  { NULL }
};

const CsExportFormat *
cs_export_formats (void)
{
  return formats;
}

const CsExportFormat *
cs_export_format_find (const char *name)
{
  for (const CsExportFormat *f = formats; f->name != NULL; f++)
    if (g_strcmp0 (f->name, name) == 0 && f->write != NULL)
      return f;
  return NULL;
}

gboolean
cs_export_json_write (CsManifest            *m,
                      const CsExportOptions *o,
                      const char            *path,
                      GError               **error)
{
  gsize len;
  g_autofree char *data = cs_json_dump (m, &len);

  return g_file_set_contents (path, data, len, error);
}

static char *
sha256_file (const char  *path,
             GError     **error)
{
  g_autoptr(GMappedFile) map = g_mapped_file_new (path, FALSE, error);

  if (map == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) g_mapped_file_get_contents (map),
                                      g_mapped_file_get_length (map));
}

/* Flushes @path's data (or a folder's entries) to the disk, so that a power cut after the rename
 * finds the whole new file, not an empty one. */
static gboolean
sync_path (const char  *path,
           gboolean     is_dir,
           GError     **error)
{
  int fd = open (path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  if (is_dir && (saved == EINVAL || saved == EBADF))
    return TRUE;   /* some file systems cannot sync a folder; the data itself is on disk */
  g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
               _("Cannot write %s: %s"), path, g_strerror (saved));
  return FALSE;
}

gboolean
cs_export_to_file (const char             *format,
                   CsManifest             *manifest,
                   const CsExportOptions  *options,
                   const char             *path,
                   char                  **sha256_out,
                   GError                **error)
{
  const CsExportFormat *f;
  CsExportOptions defaults = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  g_autofree char *digest = NULL;
  int fd;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  f = cs_export_format_find (format);
  if (f == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_FORMAT,
                   _("Unknown export format “%s”"), format);
      return FALSE;
    }
  if (options == NULL)
    options = &defaults;

  /* A hidden temporary file in the target folder, so the final rename stays on one file system. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write in folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  fchmod (fd, 0644);
  close (fd);

  if (!f->write (manifest, options, tmpl, error))
    {
      g_unlink (tmpl);
      return FALSE;
    }

  if ((sha256_out != NULL && (digest = sha256_file (tmpl, error)) == NULL) ||
      !sync_path (tmpl, FALSE, error))
    {
      g_unlink (tmpl);
      return FALSE;
    }

  if (g_rename (tmpl, path) != 0)
    {
      int saved = errno;
      g_unlink (tmpl);
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  /* The rename itself is durable once the folder is synced; a failure here changes nothing the
   * user can act on, so it is not reported. */
  sync_path (dir, TRUE, NULL);

  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&digest);
  return TRUE;
}
