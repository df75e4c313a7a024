/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export.c: format registry and safe, atomic, verified file output
 *
 * Every file we export goes through cs_export_write_file() (manifests through cs_export_to_file(),
 * the party and product directory through cs-export-directory.c):
 *   1. The target is checked: only a regular file (or a new name) is ever replaced, never the
 *      draft store, the input, a SQLite database (another process's store) or its -wal, -shm or
 *      -journal file, whatever symbolic or hard links lead there.
 *   2. Temporary files of exports killed earlier in that folder are removed (only ours: the
 *      TEMP_PREFIX…TEMP_SUFFIX names, not locked by a live export, older than this process).
 *   3. The writer fills a temporary file beside the target, created with 0666 & ~umask (the mode
 *      and owner of a file being replaced are kept) and locked while we work on it.
 *   4. What was written is read back: its size, its SHA-256, the end of the format (a truncated
 *      file does not end the way the format ends) and, for xlsx, every entry of the zip archive
 *      inflated and checked against its CRC-32.
 *   5. The file is synced and renamed over the target, and the folder synced.
 * Any failure removes the temporary file and leaves the target as it was.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gio.h>
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

/* Writes all of @data to @path (a temporary file cs_export_to_file made): no second temporary
 * file and rename as g_file_set_contents() does, which would replace the file whose mode, owner
 * and lock cs_export_to_file keeps. */
gboolean
cs_export_json_write (CsManifest            *m,
                      const CsExportOptions *o,
                      const char            *path,
                      GError               **error)
{
  gsize len;
  g_autofree char *data = cs_json_dump (m, &len);
  FILE *fp = g_fopen (path, "wb");
  gboolean ok;
  int saved;

  if (fp == NULL)
    {
      saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  ok = fwrite (data, 1, len, fp) == len;
  saved = errno;
  if (fclose (fp) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  if (!ok)
    g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                 _("Cannot write %s: %s"), path, g_strerror (saved));
  return ok;
}

/* ---- the target ------------------------------------------------------------ */

/* TRUE when @path (a regular file) starts with the SQLite header: a database, perhaps the draft
 * store of another process or of the editor. A file that cannot be read is refused too: it cannot
 * be told apart from one. */
static gboolean
is_database (const char  *path,
             gboolean    *is_db,
             GError     **error)
{
  static const char magic[16] = "SQLite format 3";   /* with its NUL: 16 bytes */
  char head[16];
  gssize n;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET,
                   _("Cannot check %s before replacing it: %s"), path, g_strerror (saved));
      return FALSE;
    }
  do
    n = read (fd, head, sizeof head);
  while (n < 0 && errno == EINTR);
  close (fd);
  *is_db = n == sizeof head && memcmp (head, magic, sizeof head) == 0;
  return TRUE;
}

/* @name ends in a suffix SQLite gives the files beside a database: the database it belongs to
 * (the name without the suffix), or NULL. */
static char *
database_of_sibling (const char *name)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]) && strlen (name) > strlen (suffixes[i]))
      return g_strndup (name, strlen (name) - strlen (suffixes[i]));
  return NULL;
}

static gboolean
same_file (const struct stat *a,
           const char        *path)
{
  struct stat b;

  return g_stat (path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* Refuses @name (as given, or what a link there resolves to) when it is a database's -wal,
 * -shm or -journal file, or would become one: never written even when it does not exist yet. */
static gboolean
check_sibling (const char         *name,
               const char         *path,
               const char *const  *protect,
               GError            **error)
{
  g_autofree char *db = database_of_sibling (name);
  struct stat st;
  gboolean is_db = FALSE;

  if (db == NULL || g_stat (db, &st) != 0 || !S_ISREG (st.st_mode))
    return TRUE;
  for (guint i = 0; protect != NULL && protect[i] != NULL; i++)
    if (same_file (&st, protect[i]))
      is_db = TRUE;
  if (!is_db && !is_database (db, &is_db, error))
    return FALSE;
  if (is_db)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET,
                   _("%s belongs to a database (it is its -wal, -shm or -journal file); an export "
                     "never replaces it, choose another name"), path);
      return FALSE;
    }
  return TRUE;
}

/* Whether @path may receive an export: a new name, or a regular file that is none of @protect,
 * no database and no database's companion file (links followed). *@existing receives the stat of
 * the file there, st_mode 0 for a new name. */
static gboolean
check_target (const char         *path,
              const char *const  *protect,
              struct stat        *existing,
              GError            **error)
{
  g_autofree char *resolved = NULL;
  gboolean is_db = FALSE;

  memset (existing, 0, sizeof *existing);
  if (!check_sibling (path, path, protect, error))
    return FALSE;
  if (g_stat (path, existing) != 0)
    {
      int saved = errno;

      memset (existing, 0, sizeof *existing);
      if (saved != ENOENT)
        {
          g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                       _("Cannot write %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;   /* a new name (or a link to nothing: the rename replaces the link) */
    }
  if (S_ISDIR (existing->st_mode))
    {
      /* CS_EXPORT_ERROR_IO, as the rename onto it used to report */
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("%s is a folder; give the name of the file to write"), path);
      return FALSE;
    }
  if (!S_ISREG (existing->st_mode))
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET,
                   _("%s is not a regular file (a device, pipe or socket); an export only creates "
                     "or replaces regular files"), path);
      return FALSE;
    }
  for (guint i = 0; protect != NULL && protect[i] != NULL; i++)
    if (same_file (existing, protect[i]))
      {
        if (strcmp (path, protect[i]) == 0)
          g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET,
                       _("%s is the draft store or the input of this export; an export never "
                         "replaces it, choose another name"), path);
        else
          g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET,
                       _("%s is the same file as %s, the draft store or the input of this "
                         "export; an export never replaces it, choose another name"),
                       path, protect[i]);
        return FALSE;
      }
  if (!is_database (path, &is_db, error))
    return FALSE;
  if (is_db)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET,
                   _("%s is a database (perhaps a draft store); an export never replaces one, "
                     "choose another name"), path);
      return FALSE;
    }
  /* A link (or a folder link on the way) may lead to a database's companion file. */
  resolved = realpath (path, NULL);
  if (resolved != NULL && g_strcmp0 (resolved, path) != 0 &&
      !check_sibling (resolved, path, protect, error))
    return FALSE;
  return TRUE;
}

/* ---- temporary files ------------------------------------------------------- */

/* Short and fixed-length, so that any target name up to the file system's limit works, and
 * distinctive, so that only our own are ever removed. */
#define TEMP_PREFIX ".consign-export-"
#define TEMP_SUFFIX ".tmp"
#define TEMP_RANDOM 6   /* g_mkstemp's XXXXXX */

static gint64 process_start_usec;

/* When this process started, near enough: when its export code was loaded. */
__attribute__ ((constructor)) static void
record_process_start (void)
{
  process_start_usec = g_get_real_time ();
}

static gboolean
is_our_temp_name (const char *name)
{
  gsize plen = strlen (TEMP_PREFIX);

  if (strlen (name) != plen + TEMP_RANDOM + strlen (TEMP_SUFFIX) ||
      !g_str_has_prefix (name, TEMP_PREFIX) || !g_str_has_suffix (name, TEMP_SUFFIX))
    return FALSE;
  for (gsize i = plen; i < plen + TEMP_RANDOM; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}

/* Removes the regular files in @path (a scratch folder: flat, our writers' files only), then
 * the folder. */
static void
remove_scratch_folder (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      if (!g_file_test (file, G_FILE_TEST_IS_SYMLINK) && g_file_test (file, G_FILE_TEST_IS_REGULAR))
        g_unlink (file);
    }
  g_rmdir (path);
}

struct _CsExportScratch
{
  char *path;
  int   lock_fd;
};

CsExportScratch *
cs_export_scratch_new (const char  *dir,
                       GError     **error)
{
  g_autofree char *tmpl = g_build_filename (dir, TEMP_PREFIX "XXXXXX" TEMP_SUFFIX, NULL);
  CsExportScratch *self;

  if (g_mkdtemp_full (tmpl, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write in folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  self = g_new0 (CsExportScratch, 1);
  self->path = g_steal_pointer (&tmpl);
  /* the lock tells other exports' clean-up that the folder is alive (as for the temporary file) */
  self->lock_fd = g_open (self->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (self->lock_fd >= 0)
    flock (self->lock_fd, LOCK_EX | LOCK_NB);
  return self;
}

const char *
cs_export_scratch_get_path (CsExportScratch *self)
{
  return self->path;
}

void
cs_export_scratch_free (CsExportScratch *self)
{
  if (self == NULL)
    return;
  remove_scratch_folder (self->path);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_free (self->path);
  g_free (self);
}

/* Removes temporary files that exports killed earlier (SIGKILL, a power cut) left in @dir: only
 * our names, only regular files older than this process, only when no live export holds its
 * lock on them. Failures are not reported: this is housekeeping, the export goes on. */
static void
remove_stale_temps (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (!is_our_temp_name (name))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && (S_ISREG (st.st_mode) || S_ISDIR (st.st_mode)) &&
          (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000 < process_start_usec &&
          flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (S_ISDIR (st.st_mode))
            remove_scratch_folder (path);   /* a killed writer's part files (a scratch folder) */
          else
            g_unlink (path);
        }
      close (fd);   /* also drops the lock */
    }
}

/* A new locked temporary file in @dir with mode 0666 & ~umask; -1 with @error set. */
static int
make_temp (const char  *dir,
           char       **path_out,
           GError     **error)
{
  for (int attempt = 0; attempt < 10; attempt++)
    {
      g_autofree char *tmpl = g_build_filename (dir, TEMP_PREFIX "XXXXXX" TEMP_SUFFIX, NULL);
      struct stat st;
      int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);

      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                       _("Cannot write in folder %s: %s"), dir, g_strerror (saved));
          return -1;
        }
      /* The lock tells other exports' clean-up that the file is alive. Another clean-up may
       * have removed it between the creation and the lock: then it has no name any more, or
       * that clean-up still holds the lock. A file system without locks (some network ones)
       * gets no lock: the clean-up there cannot lock either, so it removes nothing. */
      if ((flock (fd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK) &&
          fstat (fd, &st) == 0 && st.st_nlink > 0)
        {
          *path_out = g_steal_pointer (&tmpl);
          return fd;
        }
      close (fd);
    }
  g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
               _("Cannot write in folder %s: a temporary file could not be kept"), dir);
  return -1;
}

/* ---- verification ---------------------------------------------------------- */

#define CHUNK (64 * 1024)

static gboolean
verify_error (GError    **error,
              const char *path,
              const char *what)
{
  g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
               _("The export to %s did not write a complete file (%s); nothing was replaced. "
                 "Is the disk full?"), path, what);
  return FALSE;
}

static gboolean
pread_all (int      fd,
           void    *buf,
           gsize    len,
           goffset  offset)
{
  gsize got = 0;

  while (got < len)
    {
      gssize n = pread (fd, (char *) buf + got, len - got, offset + got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      got += n;
    }
  return TRUE;
}

static guint32
le32 (const guchar *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guchar *p)
{
  return p[0] | (p[1] << 8);
}

static guint64
le64 (const guchar *p)
{
  return le32 (p) | ((guint64) le32 (p + 4) << 32);
}

/* One zip entry: inflates its data and lets zlib check the CRC-32 and size the central directory
 * records (the raw deflate data is wrapped in a gzip header and trailer carrying them, so
 * GZlibDecompressor does the checking). An XML part must also be whole: it starts with the XML
 * declaration and ends with the end tag of its root element. */
static gboolean
check_zip_entry (int           fd,
                 goffset       data_at,
                 guint64       csize,
                 guint64       usize,
                 guint32       crc,
                 const char   *name,
                 const char   *path,
                 GError      **error)
{
  g_autoptr(GConverter) z = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  static const guchar gzip_head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff };
  guchar trailer[8];
  g_autofree guchar *in = g_malloc (CHUNK);
  g_autofree guchar *out = g_malloc (CHUNK);
  char head[256], tail[256];
  gsize head_len = 0, tail_len = 0, in_len = 0, in_pos = 0;
  guint64 fed = 0, total = sizeof gzip_head + csize + sizeof trailer, produced = 0;
  gboolean xml = g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels");

  for (int i = 0; i < 4; i++)
    {
      trailer[i] = (crc >> (8 * i)) & 0xff;
      trailer[4 + i] = ((guint32) usize >> (8 * i)) & 0xff;
    }

  for (;;)
    {
      GConverterResult r;
      gsize nread = 0, nwritten = 0;
      g_autoptr(GError) local = NULL;

      /* Keep the input buffer filled from the virtual stream head + data + trailer. */
      if (in_len - in_pos < CHUNK / 2 && fed < total)
        {
          memmove (in, in + in_pos, in_len - in_pos);
          in_len -= in_pos;
          in_pos = 0;
          while (in_len < CHUNK && fed < total)
            {
              gsize n;

              if (fed < sizeof gzip_head)
                {
                  n = MIN (sizeof gzip_head - fed, CHUNK - in_len);
                  memcpy (in + in_len, gzip_head + fed, n);
                }
              else if (fed < sizeof gzip_head + csize)
                {
                  guint64 at = fed - sizeof gzip_head;
                  n = MIN (csize - at, (guint64) (CHUNK - in_len));
                  if (!pread_all (fd, in + in_len, n, data_at + at))
                    return verify_error (error, path, name);
                }
              else
                {
                  guint64 at = fed - sizeof gzip_head - csize;
                  n = MIN (sizeof trailer - at, CHUNK - in_len);
                  memcpy (in + in_len, trailer + at, n);
                }
              in_len += n;
              fed += n;
            }
        }

      r = g_converter_convert (z, in + in_pos, in_len - in_pos, out, CHUNK,
                               fed == total ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                               &nread, &nwritten, &local);
      if (r == G_CONVERTER_ERROR)
        return verify_error (error, path, name);
      in_pos += nread;
      produced += nwritten;
      if (xml && nwritten > 0)
        {
          gsize take = MIN (sizeof head - head_len, nwritten);

          memcpy (head + head_len, out, take);
          head_len += take;
          if (nwritten >= sizeof tail)
            {
              memcpy (tail, out + nwritten - sizeof tail, sizeof tail);
              tail_len = sizeof tail;
            }
          else
            {
              gsize keep = MIN (tail_len, sizeof tail - nwritten);

              memmove (tail, tail + tail_len - keep, keep);
              memcpy (tail + keep, out, nwritten);
              tail_len = keep + nwritten;
            }
        }
      if (r == G_CONVERTER_FINISHED)
        break;
      if (nread == 0 && nwritten == 0 && fed == total)
        return verify_error (error, path, name);
    }
  if (in_pos != in_len || fed != total || produced != usize)
    return verify_error (error, path, name);

  if (xml)
    {
      const char *root, *root_end, *end = tail + tail_len;
      g_autofree char *close_tag = NULL;

      if (head_len < 5 || memcmp (head, "<?xml", 5) != 0)
        return verify_error (error, path, name);
      root = head;
      while ((root = memchr (root + 1, '<', head + head_len - root - 1)) != NULL &&
             (root[1] == '?' || root[1] == '!'))
        ;
      if (root == NULL)
        return verify_error (error, path, name);
      for (root_end = root + 1;
           root_end < head + head_len && !strchr (" \t\r\n/>", *root_end); root_end++)
        ;
      close_tag = g_strdup_printf ("</%.*s>", (int) (root_end - root - 1), root + 1);
      while (end > tail && g_ascii_isspace (end[-1]))
        end--;
      if ((gsize) (end - tail) < strlen (close_tag) ||
          memcmp (end - strlen (close_tag), close_tag, strlen (close_tag)) != 0)
        return verify_error (error, path, name);
    }
  return TRUE;
}

/* The whole zip archive: its end record, every central directory entry, each entry's local
 * header and data (zip64 records as libxlsxwriter writes them with use_zip64). */
static gboolean
check_zip (int          fd,
           goffset      size,
           const char  *path,
           GError     **error)
{
  static const char *const required[] = { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml" };
  guint found[G_N_ELEMENTS (required)] = { 0 };
  gsize tail_len = (gsize) MIN (size, (goffset) (22 + 65535));
  g_autofree guchar *tail = g_malloc (tail_len);
  g_autofree guchar *cd = NULL;
  const guchar *eocd = NULL;
  goffset eocd_at, cd_at, cd_end;
  guint64 n_entries, cd_size;
  gsize pos = 0;

  if (size < 22 || !pread_all (fd, tail, tail_len, size - tail_len))
    return verify_error (error, path, _("no zip archive"));
  for (gsize i = tail_len - 22 + 1; i-- > 0;)
    if (le32 (tail + i) == 0x06054b50 && i + 22 + le16 (tail + i + 20) == tail_len)
      {
        eocd = tail + i;
        break;
      }
  if (eocd == NULL)
    return verify_error (error, path, _("the zip archive has no end record"));
  eocd_at = size - tail_len + (eocd - tail);
  n_entries = le16 (eocd + 10);
  cd_size = le32 (eocd + 12);
  cd_at = le32 (eocd + 16);
  cd_end = eocd_at;
  if (n_entries == 0xffff || cd_size == 0xffffffff || cd_at == 0xffffffff)
    {
      guchar loc[20], rec[56];
      goffset rec_at;

      if (eocd_at < 20 || !pread_all (fd, loc, sizeof loc, eocd_at - 20) ||
          le32 (loc) != 0x07064b50)
        return verify_error (error, path, _("the zip64 end record is missing"));
      rec_at = (goffset) le64 (loc + 8);
      if (rec_at < 0 || rec_at + 56 > eocd_at - 20 || !pread_all (fd, rec, sizeof rec, rec_at) ||
          le32 (rec) != 0x06064b50)
        return verify_error (error, path, _("the zip64 end record is missing"));
      n_entries = le64 (rec + 32);
      cd_size = le64 (rec + 40);
      cd_at = (goffset) le64 (rec + 48);
      cd_end = rec_at;
    }
  if (n_entries == 0 || cd_at < 0 || (guint64) cd_at + cd_size != (guint64) cd_end ||
      cd_size > 256 * 1024 * 1024)
    return verify_error (error, path, _("the zip central directory is damaged"));
  cd = g_malloc (cd_size);
  if (!pread_all (fd, cd, cd_size, cd_at))
    return verify_error (error, path, _("the zip central directory is damaged"));

  for (guint64 i = 0; i < n_entries; i++)
    {
      g_autofree char *name = NULL;
      guint16 method, name_len, extra_len, comment_len;
      guint64 csize, usize, local_at;
      guint32 crc;
      guchar local[30];
      goffset data_at;

      if (pos + 46 > cd_size || le32 (cd + pos) != 0x02014b50)
        return verify_error (error, path, _("the zip central directory is damaged"));
      method = le16 (cd + pos + 10);
      crc = le32 (cd + pos + 16);
      csize = le32 (cd + pos + 20);
      usize = le32 (cd + pos + 24);
      name_len = le16 (cd + pos + 28);
      extra_len = le16 (cd + pos + 30);
      comment_len = le16 (cd + pos + 32);
      local_at = le32 (cd + pos + 42);
      if (pos + 46 + name_len + extra_len + comment_len > cd_size)
        return verify_error (error, path, _("the zip central directory is damaged"));
      name = g_strndup ((const char *) cd + pos + 46, name_len);

      /* zip64 sizes and offset, in this order, for the fields that hold 0xffffffff */
      for (gsize e = pos + 46 + name_len; e + 4 <= pos + 46 + name_len + extra_len;)
        {
          guint16 id = le16 (cd + e), len = le16 (cd + e + 2);
          gsize v = e + 4, v_end = e + 4 + len;

          if (v_end > pos + 46 + name_len + extra_len)
            break;
          if (id == 0x0001)
            {
              if (usize == 0xffffffff && v + 8 <= v_end)
                usize = le64 (cd + v), v += 8;
              if (csize == 0xffffffff && v + 8 <= v_end)
                csize = le64 (cd + v), v += 8;
              if (local_at == 0xffffffff && v + 8 <= v_end)
                local_at = le64 (cd + v), v += 8;
            }
          e = v_end;
        }
      pos += 46 + name_len + extra_len + comment_len;

      if (method != 8 || local_at + 30 > (guint64) cd_at ||
          !pread_all (fd, local, sizeof local, (goffset) local_at) || le32 (local) != 0x04034b50 ||
          le16 (local + 26) != name_len)
        return verify_error (error, path, name);
      data_at = (goffset) local_at + 30 + name_len + le16 (local + 28);
      if ((guint64) data_at + csize > (guint64) cd_at ||
          !check_zip_entry (fd, data_at, csize, usize, crc, name, path, error))
        return FALSE;
      for (guint r = 0; r < G_N_ELEMENTS (required); r++)
        found[r] += strcmp (name, required[r]) == 0;
    }
  if (pos != cd_size)
    return verify_error (error, path, _("the zip central directory is damaged"));
  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    if (found[r] != 1)
      return verify_error (error, path, required[r]);
  return TRUE;
}

/* The ends of a text format: a file cut short does not end the way the format ends. */
static gboolean
check_ends (int          fd,
            goffset      size,
            const char  *format,
            const char  *path,
            GError     **error)
{
  char head[16] = { 0 }, tail[64] = { 0 };
  gsize head_len = MIN (sizeof head, (gsize) size), tail_len = MIN (sizeof tail, (gsize) size);
  char *end;
  gboolean ok;

  if (!pread_all (fd, head, head_len, 0) || !pread_all (fd, tail, tail_len, size - tail_len))
    return verify_error (error, path, _("it cannot be read back"));
  end = tail + tail_len;
  if (strcmp (format, "csv") == 0)
    return end[-1] == '\n' ? TRUE : verify_error (error, path, _("the last line is cut"));
  while (end > tail && g_ascii_isspace (end[-1]))
    end--;
  if (strcmp (format, "json") == 0)
    ok = end > tail && end[-1] == '}';
  else if (strcmp (format, "xml") == 0)
    ok = head_len >= 5 && memcmp (head, "<?xml", 5) == 0 && end > tail && end[-1] == '>';
  else if (strcmp (format, "pdf") == 0)
    ok = head_len >= 5 && memcmp (head, "%PDF-", 5) == 0 && end - tail >= 5 &&
         memcmp (end - 5, "%%EOF", 5) == 0;
  else if (strcmp (format, "edifact") == 0)
    /* UNA gives the segment terminator as its ninth character; ' by default */
    ok = end > tail && end[-1] == (head_len >= 9 && memcmp (head, "UNA", 3) == 0 ? head[8] : '\'');
  else
    ok = TRUE;
  return ok ? TRUE : verify_error (error, path, _("it ends too early"));
}

/* Reads back what the writer left in @fd: a non-empty file, every byte readable (its SHA-256
 * into @sha256_out), then the format's own check. */
static gboolean
verify_output (int          fd,
               const char  *tmp,
               const char  *format,
               const char  *path,
               char       **sha256_out,
               GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (CHUNK);
  struct stat st;
  goffset at = 0;

  if (fstat (fd, &st) != 0 || !same_file (&st, tmp))
    return verify_error (error, path, _("the writer replaced its file"));
  if (st.st_size == 0)
    return verify_error (error, path, _("the file is empty"));
  while (at < st.st_size)
    {
      gssize n = pread (fd, buf, CHUNK, at);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return verify_error (error, path, _("it cannot be read back"));
      g_checksum_update (sum, buf, n);
      at += n;
    }
  if (pread (fd, buf, 1, at) != 0)
    return verify_error (error, path, _("its size changed"));
  if (strcmp (format, "xlsx") == 0 ? !check_zip (fd, st.st_size, path, error)
                                   : !check_ends (fd, st.st_size, format, path, error))
    return FALSE;
  *sha256_out = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}

/* ---- the whole export ------------------------------------------------------ */

/* Makes the data (and a folder's entries) durable: a power cut after the rename then finds the
 * whole new file, not an empty one. */
static gboolean
sync_fd (int          fd,
         const char  *path,
         GError     **error)
{
  int saved;

  if (fsync (fd) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
               _("Cannot write %s: %s"), path, g_strerror (saved));
  return FALSE;
}

static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Some file systems cannot sync a folder; the data itself is on disk then. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Writers name the file they were given; the user knows the target, not our temporary name. */
static void
name_target (GError     *error,
             const char *tmp,
             const char *path)
{
  g_autoptr(GString) s = NULL;

  if (error == NULL || strstr (error->message, tmp) == NULL)
    return;
  s = g_string_new (error->message);
  g_string_replace (s, tmp, path, 0);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
cs_export_write_file (const char         *path,
                      const char         *format,
                      const char * const *protect,
                      CsExportFillFunc    fill,
                      gpointer            user_data,
                      char              **sha256_out,
                      GError            **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *digest = NULL;
  struct stat existing, again;
  GError *local = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL && fill != NULL, FALSE);

  if (!check_target (path, protect, &existing, error))
    return FALSE;

  /* The temporary file goes in the target folder, so the final rename stays on one file system
   * (and libxlsxwriter's own temporary files go there too, never to a full /tmp). */
  dir = g_path_get_dirname (path);
  remove_stale_temps (dir);
  if ((fd = make_temp (dir, &tmp, error)) < 0)
    return FALSE;
  if (existing.st_mode != 0)
    {
      /* Replacing a file keeps its owner (when we may: as root) and its permissions. */
      if (existing.st_uid != geteuid () || existing.st_gid != getegid ())
        {
          G_GNUC_UNUSED int ignored = fchown (fd, existing.st_uid, existing.st_gid);
        }
      fchmod (fd, existing.st_mode & 0777);
    }

  if (!fill (tmp, user_data, &local) ||
      !verify_output (fd, tmp, format, path, &digest, &local) ||
      !sync_fd (fd, path, &local) ||
      /* Checked again: the target may have changed while we wrote (another store opened there). */
      !check_target (path, protect, &again, &local))
    {
      name_target (local, tmp, path);
      g_propagate_error (error, local);
      g_unlink (tmp);
      close (fd);
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      close (fd);
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  sync_dir (dir);

  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&digest);
  return TRUE;
}

typedef struct
{
  const CsExportFormat  *format;
  CsManifest            *manifest;
  const CsExportOptions *options;
} ManifestFill;

static gboolean
fill_manifest (const char *tmp,
               gpointer    user_data,
               GError    **error)
{
  ManifestFill *mf = user_data;

  return mf->format->write (mf->manifest, mf->options, tmp, error);
}

gboolean
cs_export_to_file (const char             *format,
                   CsManifest             *manifest,
                   const CsExportOptions  *options,
                   const char             *path,
                   char                  **sha256_out,
                   GError                **error)
{
  static const CsExportOptions defaults = { 0 };
  ManifestFill mf = { NULL, manifest, options != NULL ? options : &defaults };

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  mf.format = cs_export_format_find (format);
  if (mf.format == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_FORMAT,
                   _("Unknown export format “%s”"), format);
      return FALSE;
    }
  return cs_export_write_file (path, format, mf.options->protect, fill_manifest, &mf, sha256_out, error);
}
