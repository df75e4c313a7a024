/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-target.c: what an export may replace, and what it leaves behind
 *
 * Every export goes through cs_export_to_file(); these cases check its promises on the file
 * system, in-process and through the real `consign` binary ($CONSIGN_BIN):
 *   - the draft store, the input file, any SQLite database and its -wal/-shm/-journal files are
 *     never replaced, whatever link or hard link leads there (exit status 2 from the CLI);
 *   - only regular files (or new names) are targets: /dev/null and a FIFO are refused and stay;
 *   - new files honour the umask, a replaced file keeps its mode; names up to NAME_MAX work;
 *   - temporary files of killed exports are removed by the next export into that folder, but
 *     never one a live export holds;
 *   - a full disk (RLIMIT_FSIZE in a child) is a clear error with the previous file intact, no
 *     temporary file left, no history row; xlsx parts cut short are caught by the read-back;
 *   - a FIFO given to `validate` is refused at once, and a huge bad key is quoted only in part.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cs-bench-gen.h"
#include "cs-export.h"
#include "cs-json.h"
#include "cs-store.h"
#include "cs-test-util.h"

typedef CsTestTmp Tmp;

static char *
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
assert_content (const char *path,
                const char *expected)
{
  g_autofree char *text = read_all (path);

  g_assert_cmpstr (text, ==, expected);
}

static void
write_all (const char *path,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static gboolean
export_to (const char          *format,
           const char          *path,
           const char *const   *protect,
           GError             **error)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  CsExportOptions o = { 0 };

  o.protect = protect;
  o.sender = "SENDER";
  o.recipient = "RECIPIENT";
  o.interchange_ref = 1;
  return cs_export_to_file (format, m, &o, path, NULL, error);
}

/* Names in @dir other than @keep (NULL-terminated), joined by spaces. */
static char *
other_entries (const char        *dir,
               const char *const *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GString *s = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_strv_contains (keep, name))
      g_string_append_printf (s, "%s%s", s->len ? " " : "", name);
  return g_string_free (s, FALSE);
}

/* ---- never the store, the input, a database ------------------------------ */

static void
test_protected (Tmp          *t,
                gconstpointer data)
{
  g_autofree char *db = g_build_filename (t->dir, "drafts.db", NULL);
  g_autofree char *input = g_build_filename (t->dir, "in.json", NULL);
  g_autofree char *db_link = g_build_filename (t->dir, "link.xlsx", NULL);
  g_autofree char *hard = g_build_filename (t->dir, "hard.json", NULL);
  g_autofree char *in_link = g_build_filename (t->dir, "in-link.json", NULL);
  g_autofree char *db_before = NULL;
  g_autofree char *in_before = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *protect[] = { db, input, NULL };
  const char *targets[] = { db, input, db_link, hard, in_link };

  store = cs_store_open (db, &error);
  g_assert_no_error (error);
  write_all (input, "{\"reference\": \"IN\"}\n");
  g_assert_cmpint (symlink ("drafts.db", db_link), ==, 0);
  g_assert_cmpint (link (input, hard), ==, 0);
  g_assert_cmpint (symlink (input, in_link), ==, 0);
  db_before = read_all (db);
  in_before = read_all (input);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_assert_false (export_to ("json", targets[i], protect, &error));
      g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
      g_assert_nonnull (strstr (error->message, targets[i]));
      g_clear_error (&error);
    }
  g_assert_true (g_file_test (db_link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (in_link, G_FILE_TEST_IS_SYMLINK));
  assert_content (input, in_before);
  {
    g_autofree char *db_after = read_all (db);
    g_assert_true (memcmp (db_after, db_before, 16) == 0);
  }
  /* Nothing left behind: the store's own files, the input and the links only. */
  {
    const char *keep[] = { "drafts.db", "drafts.db-wal", "drafts.db-shm", "in.json", "link.xlsx",
                           "hard.json", "in-link.json", NULL };
    g_autofree char *rest = other_entries (t->dir, keep);
    g_assert_cmpstr (rest, ==, "");
  }
}

/* Any SQLite database (another process's store, the editor's) and its companion files, even
 * without a protect list. */
static void
test_database_refused (Tmp          *t,
                       gconstpointer data)
{
  g_autofree char *db = g_build_filename (t->dir, "other.sqlite", NULL);
  g_autofree char *sub = g_build_filename (t->dir, "sub", NULL);
  g_autofree char *dir_link = g_build_filename (t->dir, "dirlink", NULL);
  g_autofree char *via_dir = g_build_filename (dir_link, "other.sqlite-wal", NULL);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  store = cs_store_open (db, &error);
  g_assert_no_error (error);
  g_clear_object (&store);   /* closed: only its header says what it is */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *target = g_strconcat (db, suffixes[i], NULL);

      g_assert_false (export_to ("csv", target, NULL, &error));
      g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
      g_clear_error (&error);
      if (i > 0)
        g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
    }
  /* Through a folder link. */
  g_assert_cmpint (symlink (t->dir, dir_link), ==, 0);
  g_assert_false (export_to ("csv", via_dir, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
  g_clear_error (&error);

  /* An ordinary file whose name ends in -wal is fine when no database stands beside it. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  {
    g_autofree char *plain = g_build_filename (sub, "notes-wal", NULL);
    g_assert_true (export_to ("csv", plain, NULL, &error));
    g_assert_no_error (error);
  }
}

/* ---- only regular files ----------------------------------------------------- */

static void
test_not_regular (Tmp          *t,
                  gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (t->dir, "pipe.csv", NULL);
  g_autofree char *null_link = g_build_filename (t->dir, "null-link.csv", NULL);
  g_autofree char *device = g_build_filename (t->dir, "null-device.csv", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  /* As root, `-o /dev/null` replaced /dev/null itself with a regular file. The test never aims
   * at the real /dev/null (a broken build would replace it): a link to it, and as root a device
   * node of its own with the same numbers. */
  g_assert_cmpint (symlink ("/dev/null", null_link), ==, 0);
  g_assert_false (export_to ("csv", null_link, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
  g_assert_nonnull (strstr (error->message, null_link));
  g_clear_error (&error);
  g_assert_true (g_file_test (null_link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_remove (null_link);

  if (mknod (device, S_IFCHR | 0666, st.st_rdev) == 0)
    {
      g_assert_false (export_to ("csv", device, NULL, &error));
      g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
      g_clear_error (&error);
      g_assert_cmpint (stat (device, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
      g_remove (device);
    }
  else
    g_test_message ("not root: no device node of our own (%s); the link case covers devices",
                    g_strerror (errno));

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (export_to ("xlsx", fifo, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
  g_clear_error (&error);
  g_assert_cmpint (stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 1);

  g_assert_false (export_to ("csv", t->dir, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
}

/* ---- modes and names ---------------------------------------------------------- */

static guint
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static void
test_modes (Tmp          *t,
            gconstpointer data)
{
  static const struct { mode_t umask; guint mode; } cases[] = {
    { 077, 0600 }, { 022, 0644 }, { 002, 0664 }, { 027, 0640 },
  };
  const char *formats[] = { "json", "csv", "xml", "edifact", "xlsx", "pdf" };
  g_autoptr(GError) error = NULL;
  mode_t saved = umask (022);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *name = g_strdup_printf ("new-%o.%s", cases[i].umask, formats[f]);
        g_autofree char *path = g_build_filename (t->dir, name, NULL);

        umask (cases[i].umask);
        export_to (formats[f], path, NULL, &error);
        g_assert_no_error (error);
        if (mode_of (path) != cases[i].mode)
          g_error ("%s under umask %03o: mode %04o, expected %04o", formats[f], cases[i].umask,
                   mode_of (path), cases[i].mode);
      }

  /* A replaced file keeps its mode, whatever the umask. */
  umask (022);
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("kept.%s", formats[f]);
      g_autofree char *path = g_build_filename (t->dir, name, NULL);

      write_all (path, "previous");
      g_assert_cmpint (chmod (path, 0600), ==, 0);
      g_assert_true (export_to (formats[f], path, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (mode_of (path), ==, 0600);
      g_assert_cmpint (chmod (path, 0640), ==, 0);
      g_assert_true (export_to (formats[f], path, NULL, &error));
      g_assert_cmpuint (mode_of (path), ==, 0640);
    }
  umask (saved);
}

/* A 250-character name failed: the temporary name was the target's name plus 8 characters. */
static void
test_long_names (Tmp          *t,
                 gconstpointer data)
{
  long name_max = pathconf (t->dir, _PC_NAME_MAX);
  guint lengths[] = { 250, name_max > 0 ? (guint) name_max : 255 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *stem = g_strnfill (lengths[i] - 5, 'n');
      g_autofree char *name = g_strconcat (stem, ".xlsx", NULL);
      g_autofree char *path = g_build_filename (t->dir, name, NULL);

      g_assert_cmpuint (strlen (name), ==, lengths[i]);
      g_assert_true (export_to ("xlsx", path, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 2);
}

/* ---- temporary files of killed exports ------------------------------------------ */

static void
plant (const char *path,
       gint64      age_seconds)
{
  struct timeval tv[2];

  write_all (path, "half an export");
  if (age_seconds != 0)
    {
      gettimeofday (&tv[0], NULL);
      tv[0].tv_sec -= age_seconds;
      tv[1] = tv[0];
      g_assert_cmpint (utimes (path, tv), ==, 0);
    }
}

static void
test_stale_temps (Tmp          *t,
                  gconstpointer data)
{
  g_autofree char *stale1 = g_build_filename (t->dir, ".consign-export-aB3dE9.tmp", NULL);
  g_autofree char *stale2 = g_build_filename (t->dir, ".consign-export-ZZZZZZ.tmp", NULL);
  g_autofree char *live = g_build_filename (t->dir, ".consign-export-Live01.tmp", NULL);
  g_autofree char *fresh = g_build_filename (t->dir, ".consign-export-Fresh1.tmp", NULL);
  g_autofree char *not_ours1 = g_build_filename (t->dir, ".consign-export-abc.tmp", NULL);
  g_autofree char *not_ours2 = g_build_filename (t->dir, "consign-export-aB3dE9.tmp", NULL);
  g_autofree char *not_ours3 = g_build_filename (t->dir, ".out.xlsx.aB3dE9", NULL);
  g_autofree char *out = g_build_filename (t->dir, "out.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  int live_fd;

  plant (stale1, 3600);
  plant (stale2, 60);
  plant (live, 3600);
  plant (fresh, -60);   /* modified after this process started: not known to be stale */
  plant (not_ours1, 3600);
  plant (not_ours2, 3600);
  plant (not_ours3, 3600);
  /* A live export holds the lock on its temporary file, however old the file looks. */
  live_fd = open (live, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (live_fd, >=, 0);
  g_assert_cmpint (flock (live_fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_true (export_to ("xlsx", out, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale1, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale2, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours1, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours2, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours3, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 6);
  close (live_fd);
}

/* ---- the real binary ---------------------------------------------------------------- */

typedef struct
{
  int   status;   /* exit status, or 128 + signal */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static rlim_t child_fsize_limit;

/* In the child before exec: a file size limit stands in for a full disk (writes beyond it fail
 * with EFBIG once SIGXFSZ is ignored). */
static void
limit_file_size (gpointer data)
{
  struct rlimit rl = { child_fsize_limit, child_fsize_limit };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &rl);
}

static void
run_consign (Run                *r,
             rlim_t              fsize_limit,
             const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CONSIGN_BIN");
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "CONSIGN_DB");
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  child_fsize_limit = fsize_limit;
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT,
                               fsize_limit > 0 ? limit_file_size : NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  r->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
}

#define CONSIGN(r, limit, ...) run_consign ((r), (limit), (const char *[]) { __VA_ARGS__, NULL })

static char *
import_fixture (const char *dir)
{
  g_autofree char *fixture = cs_test_fixture_path ("railsea-electronics.json");
  char *db = g_build_filename (dir, "drafts.db", NULL);
  Run r = { 0 };

  CONSIGN (&r, 0, "--db", db, "import", fixture);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  return db;
}

/* `consign export -o` onto its own store replaced the database with the export. */
static void
test_cli_store_and_input (Tmp          *t,
                          gconstpointer data)
{
  g_autofree char *db = import_fixture (t->dir);
  g_autofree char *fixture = cs_test_fixture_path ("railsea-electronics.json");
  g_autofree char *input = g_build_filename (t->dir, "input.json", NULL);
  g_autofree char *link = g_build_filename (t->dir, "store-link.csv", NULL);
  g_autofree char *text = read_all (fixture);
  Run r = { 0 };

  write_all (input, text);
  g_assert_cmpint (symlink (db, link), ==, 0);

  CONSIGN (&r, 0, "--db", db, "export", "-f", "json", "-o", db, "QZH2604-0042");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, db));
  run_clear (&r);
  CONSIGN (&r, 0, "--db", db, "export", "-f", "csv", "-o", link, "QZH2604-0042");
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  CONSIGN (&r, 0, "--db", db, "export", "-f", "json", "-o", input, input);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, input));
  run_clear (&r);
  assert_content (input, text);

  /* The store still holds the draft. */
  CONSIGN (&r, 0, "--db", db, "show", "QZH2604-0042");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
}

/* A full disk: the export fails clearly, the previous file stays, nothing is left behind and no
 * export is recorded. The xlsx parts are libxlsxwriter's temporary files: cut short by the limit
 * they made an archive that read as valid zip and was reported as written. */
static void
test_cli_disk_full (Tmp          *t,
                    gconstpointer data)
{
  g_autofree char *db = import_fixture (t->dir);
  g_autofree char *big = g_build_filename (t->dir, "big.json", NULL);
  const char *formats[] = { "xlsx", "csv", "json", "xml", "pdf" };
  g_autoptr(CsManifest) m = cs_bench_generate (2000, 7);
  gsize len;
  g_autofree char *json = cs_json_dump (m, &len);
  Run r = { 0 };

  write_all (big, json);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", formats[i]);
      g_autofree char *out = g_build_filename (t->dir, name, NULL);
      const char *keep[] = { "drafts.db", "drafts.db-wal", "drafts.db-shm", "big.json", name, NULL };
      g_autofree char *rest = NULL;

      write_all (out, "the previous export");
      /* xlsx: 512 kB, more than the compressed archive (about 150 kB), less than its item sheet
       * (about 1.4 MB); the others' files are larger than 64 kB. */
      CONSIGN (&r, i == 0 ? 512 * 1024 : 64 * 1024, "--db", db, "export", "-f", formats[i],
               "-o", out, big);
      if (r.status != 2)
        g_error ("%s: exit %d, expected 2\n%s%s", formats[i], r.status, r.out, r.err);
      g_assert_nonnull (strstr (r.err, out));
      g_assert_null (strstr (r.err, ".consign-export-"));
      run_clear (&r);
      assert_content (out, "the previous export");
      rest = other_entries (t->dir, keep);
      g_assert_cmpstr (rest, ==, "");
      g_remove (out);
    }

  /* By reference, from the store: no history row for an export that failed. */
  {
    g_autofree char *out = g_build_filename (t->dir, "ref.xlsx", NULL);

    CONSIGN (&r, 0, "--db", db, "import", big);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    CONSIGN (&r, 512 * 1024, "--db", db, "export", "-f", "xlsx", "-o", out, m->reference);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, out));
    run_clear (&r);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    CONSIGN (&r, 0, "--db", db, "history", m->reference);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_null (strstr (r.out, "xlsx"));
    run_clear (&r);
    /* Without the limit it is written and recorded. */
    CONSIGN (&r, 0, "--db", db, "export", "-f", "xlsx", "-o", out, m->reference);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    CONSIGN (&r, 0, "--db", db, "history", m->reference);
    g_assert_nonnull (strstr (r.out, "xlsx"));
    run_clear (&r);
  }
}

/* A killed export left its temporary file (6.6 MB after seven kills); the next export into the
 * folder removes it. */
static void
test_cli_killed_export (Tmp          *t,
                        gconstpointer data)
{
  g_autofree char *db = import_fixture (t->dir);
  g_autofree char *big = g_build_filename (t->dir, "big.json", NULL);
  g_autofree char *out = g_build_filename (t->dir, "big.xlsx", NULL);
  g_autofree char *small = g_build_filename (t->dir, "small.csv", NULL);
  g_autoptr(CsManifest) m = cs_bench_generate (10000, 3);
  const char *keep[] = { "drafts.db", "drafts.db-wal", "drafts.db-shm", "big.json", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  const char *bin = g_getenv ("CONSIGN_BIN");
  const char *argv[] = { bin, "--db", db, "export", "-f", "xlsx", "-o", out, big, NULL };
  gsize len;
  g_autofree char *json = cs_json_dump (m, &len);
  GPid pid;
  int status;
  Run r = { 0 };

  write_all (big, json);
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  /* Killed once its temporary file exists; it must not have finished. (Waiting for any new
   * entry would catch libxlsxwriter's own "tmp.XXXXXXXXXX" parts in the instant between their
   * creation and their unlinking, and a kill just then leaves one that is not ours to remove.) */
  for (;;)
    {
      g_free (rest);
      rest = other_entries (t->dir, keep);
      if (strstr (rest, ".consign-export-") != NULL)
        break;
      g_assert_cmpint (waitpid (pid, &status, WNOHANG), ==, 0);
      g_usleep (2000);
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  /* A later process exports something else into the same folder. */
  CONSIGN (&r, 0, "--db", db, "export", "-f", "csv", "-o", small, "QZH2604-0042");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  g_free (rest);
  rest = other_entries (t->dir, keep);
  g_assert_cmpstr (rest, ==, "small.csv");
}

/* `validate` on a FIFO blocked forever; a 10 MB unknown key gave 20 MB of error output. */
static void
test_cli_inputs (Tmp          *t,
                 gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (t->dir, "pipe.json", NULL);
  g_autofree char *db = g_build_filename (t->dir, "drafts.db", NULL);
  g_autofree char *huge_key = g_build_filename (t->dir, "huge-key.json", NULL);
  g_autofree char *key = g_strnfill (10 * 1024 * 1024, 'k');
  g_autofree char *json = g_strdup_printf ("{\"reference\": \"X\", \"%s\": 1}\n", key);
  const char *commands[] = { "validate", "import", "show", "export" };
  Run r = { 0 };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  write_all (huge_key, json);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *out = g_build_filename (t->dir, "o.json", NULL);

      if (strcmp (commands[i], "export") == 0)
        CONSIGN (&r, 0, "--db", db, "export", "-f", "json", "-o", out, fifo);
      else
        CONSIGN (&r, 0, "--db", db, commands[i], fifo);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "pipe.json"));
      run_clear (&r);

      if (strcmp (commands[i], "export") == 0)
        CONSIGN (&r, 0, "--db", db, "export", "-f", "json", "-o", out, huge_key);
      else
        CONSIGN (&r, 0, "--db", db, commands[i], huge_key);
      g_assert_cmpint (r.status, ==, 2);
      if (strlen (r.out) + strlen (r.err) > 2000)
        g_error ("%s: %zu bytes of output for a bad key", commands[i], strlen (r.out) + strlen (r.err));
      run_clear (&r);
      g_free ((char *) out);
    }

  /* Bad option values are quoted in part too (an argument may be 128 kB long). */
  {
    g_autofree char *long_arg = g_strnfill (100000, 'f');
    g_autofree char *out = g_build_filename (t->dir, "o.csv", NULL);

    CONSIGN (&r, 0, "--db", db, "export", "-f", long_arg, "-o", out, "REF");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (strlen (r.out) + strlen (r.err), <, 2000);
    run_clear (&r);
    CONSIGN (&r, 0, "--db", db, "export", "-f", "csv", "--encoding", long_arg, "-o", out, "REF");
    g_assert_cmpint (r.status, ==, 2);
    g_assert_cmpuint (strlen (r.out) + strlen (r.err), <, 2000);
    run_clear (&r);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/export-target/" name, Tmp, NULL, cs_test_tmp_setup, fn, cs_test_tmp_teardown)
  ADD ("protected", test_protected);
  ADD ("database-refused", test_database_refused);
  ADD ("not-regular", test_not_regular);
  ADD ("modes", test_modes);
  ADD ("long-names", test_long_names);
  ADD ("stale-temps", test_stale_temps);
  ADD ("cli/store-and-input", test_cli_store_and_input);
  ADD ("cli/disk-full", test_cli_disk_full);
  ADD ("cli/killed-export", test_cli_killed_export);
  ADD ("cli/inputs", test_cli_inputs);
#undef ADD

  return g_test_run ();
}
