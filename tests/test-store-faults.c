/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-faults.c: the draft store under faults: I/O errors and a full disk in the middle of
 * a save, a read-only store, a store locked by another process, two processes importing the same
 * reference at once. Each time: a clear error, the previous draft intact, nothing half-written.
 *
 * Faults come from a small SQLite VFS registered here as the default: it passes everything to
 * the real "unix" VFS and, when armed, fails every write after the first N with the chosen code.
 * The read-only and size-limited cases run the real `consign` in a child process whose
 * capabilities are dropped (so that chmod holds even when the tests run as root, as in CI) or
 * whose file size is limited with RLIMIT_FSIZE.
 *
 * Under tests/pg-cluster.sh (CONSIGN_TEST_DB is a postgresql:// URI: the store-faults-postgresql
 * test) each fault has its server counterpart, on a database of its own: the server reports a
 * full disk or an I/O error in the middle of a save (a trigger of the test raises the server's
 * own error codes after N row writes, as the VFS fails after N writes); the server is stopped
 * while the client is connected, or stopped or the session terminated while a save waits inside
 * its transaction; another connection holds the store's write lock past lock_timeout or
 * statement_timeout; a role without rights; a database that does not exist; a wrong port; the
 * same import race. A SQLite fault without a server meaning is reported as a skip that says why.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cs-json.h"
#include "cs-store.h"
#include "cs-store-thread.h"
#include "cs-test-pg.h"
#include "cs-test-util.h"

/* ---- a VFS that fails writes on demand ---------------------------------------------------- */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;     /* the unix VFS's file, allocated right after this struct */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;
static sqlite3_io_methods fault_io;
static int writes_left = -1;     /* -1: never fail */
static int fault_rc = SQLITE_IOERR_WRITE;
static int n_writes;

#define REAL(f) (((FaultFile *) (f))->real)

static int
fault_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
  n_writes++;
  if (writes_left == 0)
    return fault_rc;
  if (writes_left > 0)
    writes_left--;
  return REAL (f)->pMethods->xWrite (REAL (f), buf, amt, off);
}

static int
fault_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  if (writes_left == 0)
    return SQLITE_IOERR_TRUNCATE;
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
fault_sync (sqlite3_file *f, int flags)
{
  if (writes_left == 0)
    return SQLITE_IOERR_FSYNC;
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
fault_close (sqlite3_file *f)
{
  int rc = REAL (f)->pMethods->xClose (REAL (f));
  return rc;
}

/* Everything else goes straight through. */
static int fault_read (sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return REAL (f)->pMethods->xRead (REAL (f), b, n, o); }
static int fault_size (sqlite3_file *f, sqlite3_int64 *s) { return REAL (f)->pMethods->xFileSize (REAL (f), s); }
static int fault_lock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xLock (REAL (f), l); }
static int fault_unlock (sqlite3_file *f, int l) { return REAL (f)->pMethods->xUnlock (REAL (f), l); }
static int fault_reserved (sqlite3_file *f, int *r) { return REAL (f)->pMethods->xCheckReservedLock (REAL (f), r); }
static int fault_control (sqlite3_file *f, int op, void *a) { return REAL (f)->pMethods->xFileControl (REAL (f), op, a); }
static int fault_sector (sqlite3_file *f) { return REAL (f)->pMethods->xSectorSize (REAL (f)); }
static int fault_device (sqlite3_file *f) { return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f)); }
static int fault_shm_map (sqlite3_file *f, int i, int sz, int w, void volatile **p) { return REAL (f)->pMethods->xShmMap (REAL (f), i, sz, w, p); }
static int fault_shm_lock (sqlite3_file *f, int o, int n, int fl) { return REAL (f)->pMethods->xShmLock (REAL (f), o, n, fl); }
static void fault_shm_barrier (sqlite3_file *f) { REAL (f)->pMethods->xShmBarrier (REAL (f)); }
static int fault_shm_unmap (sqlite3_file *f, int d) { return REAL (f)->pMethods->xShmUnmap (REAL (f), d); }
static int fault_fetch (sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL (f)->pMethods->xFetch (REAL (f), o, n, p); }
static int fault_unfetch (sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL (f)->pMethods->xUnfetch (REAL (f), o, p); }

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultFile *ff = (FaultFile *) file;
  int rc;

  ff->real = (sqlite3_file *) (ff + 1);
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  file->pMethods = ff->real->pMethods != NULL ? &fault_io : NULL;
  return rc;
}

static void
fault_vfs_install (void)
{
  real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (real_vfs);
  g_assert_cmpint (real_vfs->iVersion, >=, 3);
  fault_vfs = *real_vfs;
  fault_vfs.zName = "consign-test-faults";
  fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
  fault_vfs.xOpen = fault_open;
  fault_io = (sqlite3_io_methods) {
    3, fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_size, fault_lock,
    fault_unlock, fault_reserved, fault_control, fault_sector, fault_device, fault_shm_map,
    fault_shm_lock, fault_shm_barrier, fault_shm_unmap, fault_fetch, fault_unfetch
  };
  g_assert_cmpint (sqlite3_vfs_register (&fault_vfs, 1), ==, SQLITE_OK);
}

/* ---- helpers ---------------------------------------------------------------------------------- */

/* every-field.json with @n_items items and @notes. */
static CsManifest *
make_draft (guint       n_items,
            const char *notes)
{
  CsManifest *m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsRecord) first = cs_record_copy (CS_RECORD (CS_MANIFEST_ITEM (m, 0)));

  while (CS_MANIFEST_N_ITEMS (m) < n_items)
    {
      g_autoptr(CsRecord) copy = cs_record_copy (first);
      cs_list_append (m->items, copy);
    }
  cs_record_set_string (CS_RECORD (m), "notes", notes);
  return m;
}

/* The store at @db holds exactly @expected at @revision, and passes integrity_check. */
static void
assert_intact (const char *db,
               CsManifest *expected,
               gint64      revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (db, &error);
  g_autoptr(CsManifest) back = NULL;

  g_assert_no_error (error);
  g_assert_true (cs_store_check (store, TRUE, NULL, &error));
  g_assert_no_error (error);
  /* what a server's client can check: every draft reads back whole */
  g_assert_true (cs_store_check_drafts (store, NULL, NULL, &error));
  g_assert_no_error (error);
  back = cs_store_load (store, expected->reference, &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (expected), CS_RECORD (back)));
  g_assert_cmpint (cs_store_get_revision (store, expected->reference, NULL), ==, revision);
}

static const char *
consign_bin (void)
{
  const char *bin = g_getenv ("CONSIGN_BIN");

  g_assert_nonnull (bin);
  return bin;
}

/* ---- I/O errors and a full disk in the middle of a save ------------------------------------ */

static void
check_failing_saves (int         rc,
                     const char *expected_words)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "drafts.sqlite", NULL);
  g_autoptr(CsManifest) v1 = make_draft (40, "version one");
  g_autoptr(GError) error = NULL;
  int total;

  {
    g_autoptr(CsStore) store = cs_store_open (db, &error);
    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, v1, NULL, &error));
  }

  /* how many writes a whole save of the new version takes */
  {
    g_autofree char *scratch = g_build_filename (dir, "scratch.sqlite", NULL);
    g_autoptr(CsStore) store = NULL;
    g_autoptr(CsManifest) v2 = make_draft (200, "version two");

    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (db, &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (scratch, bytes, len, NULL));
    store = cs_store_open (scratch, &error);
    g_assert_no_error (error);
    cs_record_set_string (CS_RECORD (v2), "id", v1->id);
    n_writes = 0;
    g_assert_true (cs_store_save (store, v2, NULL, &error));
    total = n_writes;
    g_assert_cmpint (total, >, 10);
  }

  /* fail at every point: the first write, the middle, the commit */
  fault_rc = rc;
  for (int n = 0; n < total; n += MAX (1, total / 15))
    {
      g_autoptr(CsManifest) v2 = make_draft (200, "version two");
      g_autoptr(CsStore) store = cs_store_open (db, &error);

      g_assert_no_error (error);
      cs_record_set_string (CS_RECORD (v2), "id", v1->id);
      writes_left = n;
      g_assert_false (cs_store_save (store, v2, NULL, &error));
      writes_left = -1;
      g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
      g_test_message ("after %d of %d writes: %s", n, total, error->message);
      g_assert_nonnull (strstr (error->message, db));
      if (expected_words != NULL)
        g_assert_nonnull (strstr (error->message, expected_words));
      g_clear_error (&error);
      g_clear_object (&store);
      assert_intact (db, v1, 1);
    }
  cs_test_remove_tree (dir);
}

/* A file that cannot be opened while the store is open: UNREACHABLE only when the store's file
 * is gone (its disk or network folder went away), OPEN when it is there (a journal or temporary
 * file of this computer). Nothing is written either way. */
static void
test_cantopen_unreachable (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "drafts.sqlite", NULL);
  g_autofree char *moved = g_build_filename (dir, "moved.sqlite", NULL);
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_draft (10, "version two");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, v1, NULL, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (v2), "id", v1->id);

  fault_rc = SQLITE_CANTOPEN;
  writes_left = 0;
  g_assert_false (cs_store_save (store, v2, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_clear_error (&error);

  g_assert_cmpint (g_rename (db, moved), ==, 0);
  g_assert_false (cs_store_save (store, v2, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cannot be reached any more"));
  g_clear_error (&error);
  writes_left = -1;
  fault_rc = SQLITE_IOERR_WRITE;
  g_clear_object (&store);

  g_assert_cmpint (g_rename (moved, db), ==, 0);
  assert_intact (db, v1, 1);
  cs_test_remove_tree (dir);
}

static void
test_io_error (void)
{
  check_failing_saves (SQLITE_IOERR_WRITE, NULL);
}

static void
test_disk_full (void)
{
  check_failing_saves (SQLITE_FULL, "disk is full");
}

/* The real command under a file-size limit (RLIMIT_FSIZE): the write-ahead log cannot grow. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 256 * 1024, 256 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_size_limited_file (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "drafts.sqlite", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_draft (3000, "version two");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  int status = 0;

  {
    g_autoptr(CsStore) store = cs_store_open (db, &error);
    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, v1, NULL, &error));
  }
  text = cs_json_dump (v2, NULL);
  g_assert_true (g_file_set_contents (big, text, -1, NULL));
  {
    const char *argv[] = { consign_bin (), "--db", db, "import", "--replace", big, NULL };

    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_file_size, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, db));
  assert_intact (db, v1, 1);
  cs_test_remove_tree (dir);
}

/* ---- a read-only store ------------------------------------------------------------------------ */

/* Empties the capability bounding set before the command is executed: root then gets no
 * capabilities from execve(), so that chmod holds for root too (no CAP_DAC_OVERRIDE, no
 * CAP_FOWNER), as it does for everyone else. */
static void
drop_capabilities (gpointer data)
{
  if (geteuid () != 0)
    return;
  for (int cap = 0; prctl (PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
    if (prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
      _exit (99);
}

static void
test_read_only (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "ro", NULL);
  g_autofree char *db = g_build_filename (sub, "drafts.sqlite", NULL);
  g_autofree char *file = g_build_filename (dir, "v2.json", NULL);
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_draft (20, "version two");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  {
    g_autoptr(CsStore) store = cs_store_open (db, &error);
    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, v1, NULL, &error));
  }

  /* SQLite's read-only mode: a save is refused whoever runs it */
  {
    g_autoptr(CsStore) store = cs_store_open_read_only (db, &error);
    g_autoptr(CsManifest) copy = CS_MANIFEST (cs_record_copy (CS_RECORD (v2)));

    g_assert_no_error (error);
    cs_record_set_string (CS_RECORD (copy), "id", v1->id);
    g_assert_false (cs_store_save (store, copy, NULL, &error));
    g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
    g_assert_nonnull (strstr (error->message, db));
    g_assert_nonnull (strstr (error->message, "cannot be written"));
    g_clear_error (&error);
  }
  assert_intact (db, v1, 1);

  /* a read-only file in a read-only folder, for the real command without capabilities */
  text = cs_json_dump (v2, NULL);
  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  g_assert_cmpint (g_chmod (db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (sub, 0555), ==, 0);
  {
    const char *argv[] = { consign_bin (), "--db", db, "import", "--replace", file, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, drop_capabilities, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("%s%s", out, err);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, db));
    g_assert_nonnull (strstr (err, "read"));
  }
  g_assert_cmpint (g_chmod (sub, 0700), ==, 0);
  g_assert_cmpint (g_chmod (db, 0600), ==, 0);
  assert_intact (db, v1, 1);
  cs_test_remove_tree (dir);
}

/* ---- a store locked by another process ------------------------------------------------------ */

/* Child: takes the write lock on @db, says so, holds it for @ms. */
static int
hold_lock (const char *db,
           int         ms)
{
  sqlite3 *conn = NULL;

  if (sqlite3_open (db, &conn) != SQLITE_OK ||
      sqlite3_exec (conn, "BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE 0", NULL, NULL, NULL) != SQLITE_OK)
    return 1;
  g_print ("locked\n");
  fflush (stdout);
  g_usleep (ms * 1000);
  sqlite3_exec (conn, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (conn);
  return 0;
}

static void
test_locked (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "drafts.sqlite", NULL);
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_draft (20, "version two");
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/proc/self/exe", "--hold-lock", db, "3000", NULL };
  GPid pid;
  int out_fd;
  char buf[16] = "";
  gint64 start;

  store = cs_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, v1, NULL, &error));

  g_assert_true (g_spawn_async_with_pipes (dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                           NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (out_fd, buf, 7), ==, 7);
  g_assert_cmpstr (buf, ==, "locked\n");

  cs_store_set_busy_timeout (store, 300);
  cs_record_set_string (CS_RECORD (v2), "id", v1->id);
  start = g_get_monotonic_time ();
  g_assert_false (cs_store_save (store, v2, NULL, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 250 * 1000);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, db));
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_clear_error (&error);

  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  close (out_fd);
  g_clear_object (&store);
  assert_intact (db, v1, 1);
  cs_test_remove_tree (dir);
}

/* ---- two processes import the same reference, 100 rounds ---------------------------------- */

/* Child: for each line "ROUND ID" on stdin, imports every-field.json as RACE-ROUND with that id
 * (not replacing) and answers W (imported), D (refused: the reference or id exists) or E. */
static int
race_child (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (db, &error);
  g_autofree char *every = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "every-field.json", NULL);
  g_autoptr(CsManifest) every_m = cs_json_load_file (every, &error);
  char line[128];

  if (store == NULL || every_m == NULL)
    return 1;
  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (g_strstrip (line), " ", 2);
      g_autoptr(CsManifest) m = CS_MANIFEST (cs_record_copy (CS_RECORD (every_m)));
      g_autofree char *ref = g_strdup_printf ("RACE-%s", parts[0]);
      char answer = 'W';

      cs_record_set_string (CS_RECORD (m), "reference", ref);
      cs_record_set_string (CS_RECORD (m), "id", parts[1]);
      if (!cs_store_import (store, m, FALSE, NULL, &error))
        {
          answer = g_error_matches (error, CS_STORE_ERROR, CS_STORE_ERROR_DUPLICATE) ? 'D' : 'E';
          if (answer == 'E')
            g_printerr ("%s\n", error->message);
          g_clear_error (&error);
        }
      putchar (answer);
      fflush (stdout);
    }
  return 0;
}

/* Two processes import 100 references into the store at @db, each at the same moment. */
static void
run_import_race (const char *dir,
                 const char *db)
{
  const char *argv[] = { "/proc/self/exe", "--race-child", db, NULL };
  g_autoptr(GError) error = NULL;
  GPid pids[2];
  int ins[2], outs[2];
  const guint rounds = 100;

  {
    g_autoptr(CsStore) store = cs_store_open (db, &error);   /* the schema, before the race */
    g_assert_no_error (error);
  }
  for (int k = 0; k < 2; k++)
    {
      g_assert_true (g_spawn_async_with_pipes (dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                               NULL, &pids[k], &ins[k], &outs[k], NULL, &error));
      g_assert_no_error (error);
    }
  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *id_a = g_uuid_string_random ();
      g_autofree char *id_b = g_uuid_string_random ();
      int wins = 0;

      /* even rounds: the same file twice (one id); odd rounds: two files with the reference */
      for (int k = 0; k < 2; k++)
        {
          g_autofree char *line = g_strdup_printf ("%03u %s\n", round,
                                                   k == 1 && round % 2 == 1 ? id_b : id_a);
          g_assert_cmpint (write (ins[k], line, strlen (line)), ==, (gssize) strlen (line));
        }
      for (int k = 0; k < 2; k++)
        {
          char answer = 0;

          g_assert_cmpint (read (outs[k], &answer, 1), ==, 1);
          g_assert_true (answer == 'W' || answer == 'D');
          wins += answer == 'W';
        }
      if (wins != 1)
        g_error ("round %u: %d imports of RACE-%03u succeeded", round, wins, round);
    }
  for (int k = 0; k < 2; k++)
    {
      close (ins[k]);
      close (outs[k]);
      waitpid (pids[k], NULL, 0);
      g_spawn_close_pid (pids[k]);
    }

  /* each reference once, at revision 1 */
  {
    g_autoptr(CsStore) store = cs_store_open (db, &error);
    g_autoptr(GPtrArray) rows = cs_store_list (store, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, rounds);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpint (((CsStoreSummary *) rows->pdata[i])->revision, ==, 1);
  }
}

static void
test_import_race (void)
{
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "drafts.sqlite", NULL);

  run_import_race (dir, db);
  cs_test_remove_tree (dir);
}

/* ---- PostgreSQL: the same faults on a server ---------------------------------------------- */

typedef struct
{
  char *dir;
  char *pg_name;
  char *location;
} PgFixture;

static void
pg_fixture_setup (PgFixture     *f,
                  gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
  f->pg_name = cs_test_pg_create_database ("faults");
  f->location = cs_test_pg_location (f->pg_name);
}

static void
pg_fixture_teardown (PgFixture     *f,
                     gconstpointer  data)
{
  cs_test_pg_drop_database (f->pg_name);
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->pg_name);
  g_free (f->location);
}

/* Saves @m as the first revision of a new draft at @location. */
static void
save_first (const char *location,
            CsManifest *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (location, &error);
  gint64 rev = 0;

  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 1);
}

/* Version two of @v1's draft (@n_items items), every item changed. */
static CsManifest *
make_second (CsManifest *v1,
             guint       n_items)
{
  CsManifest *v2 = make_draft (n_items, "version two");

  cs_record_set_string (CS_RECORD (v2), "id", v1->id);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (v2); i++)
    cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (v2, i)), "description", "changed in version two");
  return v2;
}

/* Installs the test's fault: a row trigger on every table of the store that counts row writes
 * (the sequence consign_test_writes) and, once armed (consign_test_fault.fail_after >= 0), fails
 * every write after the first fail_after with the SQLSTATE consign_test_fault.sqlstate, as the
 * server does when its disk fails. */
static void
install_server_fault (const char *location)
{
  cs_test_sql_exec (location,
                    "CREATE SEQUENCE consign_test_writes;"
                    "CREATE TABLE consign_test_fault (fail_after BIGINT NOT NULL, sqlstate TEXT NOT NULL);"
                    "INSERT INTO consign_test_fault VALUES (-1, '58030');"
                    /* its own search path: it also fires inside the trail's functions, which
                     * search only pg_catalog */
                    "CREATE FUNCTION consign_test_fault () RETURNS trigger LANGUAGE plpgsql"
                    " SET search_path FROM CURRENT AS $$"
                    " DECLARE n BIGINT; f consign_test_fault;"
                    " BEGIN"
                    "  n := nextval ('consign_test_writes');"
                    "  SELECT * INTO f FROM consign_test_fault;"
                    "  IF f.fail_after >= 0 AND n > f.fail_after THEN"
                    "   RAISE EXCEPTION 'test fault after % row writes', f.fail_after USING ERRCODE = f.sqlstate;"
                    "  END IF;"
                    "  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;"
                    "  RETURN NEW;"
                    " END $$;"
                    "DO $$"
                    " DECLARE t TEXT;"
                    " BEGIN"
                    "  FOR t IN SELECT table_name FROM information_schema.tables"
                    "   WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'"
                    "   AND table_name <> 'consign_test_fault' LOOP"
                    "   EXECUTE format ('CREATE TRIGGER consign_test_fault BEFORE INSERT OR UPDATE OR DELETE"
                    " ON %I FOR EACH ROW EXECUTE FUNCTION consign_test_fault ()', t);"
                    "  END LOOP;"
                    " END $$");
}

/* Arms the fault (@fail_after < 0: disarmed) and restarts the count. */
static void
arm_server_fault (const char *location,
                  int         fail_after,
                  const char *sqlstate)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE consign_test_fault SET fail_after = %d, sqlstate = '%s';"
                                          "SELECT setval ('consign_test_writes', 1, false)",
                                          fail_after, sqlstate);

  cs_test_sql_exec (location, sql);
}

static void
check_failing_server_saves (PgFixture  *f,
                            const char *sqlstate,
                            const char *expected_words)
{
  g_autoptr(CsManifest) v1 = make_draft (40, "version one");
  g_autoptr(GError) error = NULL;
  gint64 total;

  save_first (f->location, v1);
  install_server_fault (f->location);

  /* how many row writes a whole save of the new version takes, on a copy of the database */
  {
    g_autofree char *scratch = g_strdup_printf ("%s_scratch", f->pg_name);
    g_autofree char *copy = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", scratch, f->pg_name);
    g_autofree char *scratch_location = cs_test_pg_location (scratch);
    g_autoptr(CsManifest) v2 = make_second (v1, 200);

    cs_test_pg_admin (copy);
    {
      g_autoptr(CsStore) store = cs_store_open (scratch_location, &error);

      g_assert_no_error (error);
      arm_server_fault (scratch_location, -1, sqlstate);
      g_assert_true (cs_store_save (store, v2, NULL, &error));
      g_assert_no_error (error);
    }
    total = cs_test_sql_int (scratch_location, "SELECT last_value FROM consign_test_writes");
    cs_test_pg_drop_database (scratch);
    g_assert_cmpint (total, >, 10);
  }

  /* fail at every point: the first write, the middle, the last */
  for (int n = 0; n < total; n += MAX (1, (int) total / 15))
    {
      g_autoptr(CsManifest) v2 = make_second (v1, 200);
      g_autoptr(CsStore) store = cs_store_open (f->location, &error);

      g_assert_no_error (error);
      arm_server_fault (f->location, n, sqlstate);
      g_assert_false (cs_store_save (store, v2, NULL, &error));
      arm_server_fault (f->location, -1, sqlstate);
      g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
      g_test_message ("after %d of %" G_GINT64_FORMAT " row writes: %s", n, total, error->message);
      g_assert_nonnull (strstr (error->message, cs_store_get_path (store)));
      g_assert_nonnull (strstr (error->message, expected_words));
      g_clear_error (&error);
      g_clear_object (&store);
      assert_intact (f->location, v1, 1);
    }
}

/* The server's disk reports an I/O error (SQLSTATE 58030) in the middle of a save. */
static void
test_pg_io_error (PgFixture     *f,
                  gconstpointer  data)
{
  check_failing_server_saves (f, "58030", "the disk reported an error");
}

/* The server's disk is full (SQLSTATE 53100) in the middle of a save. */
static void
test_pg_disk_full (PgFixture     *f,
                   gconstpointer  data)
{
  check_failing_server_saves (f, "53100", "disk is full");
}

/* The real command when the server's disk fills during the import: exit status 2, nothing on
 * stdout, the store named on stderr, the draft as it was (the counterpart of the file-size limit
 * of SQLite's test: on a server the client writes no file, the server's disk fills). */
static void
test_pg_command_disk_full (PgFixture     *f,
                           gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.json", NULL);
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_draft (3000, "version two");
  g_autofree char *text = cs_json_dump (v2, NULL);
  const char *argv[] = { consign_bin (), "--db", f->location, "import", "--replace", big, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  save_first (f->location, v1);
  install_server_fault (f->location);
  g_assert_true (g_file_set_contents (big, text, -1, NULL));
  arm_server_fault (f->location, 1000, "53100");
  g_assert_true (g_spawn_sync (f->dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  arm_server_fault (f->location, -1, "53100");
  g_test_message ("%s%s", out, err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, f->location));
  g_assert_nonnull (strstr (err, "disk is full"));
  assert_intact (f->location, v1, 1);
}

static void
test_pg_skip_size_limit (PgFixture     *f,
                         gconstpointer  data)
{
  g_test_skip ("a file-size limit (RLIMIT_FSIZE) limits this computer's files: a client of a "
               "database server writes none; the server's full disk is "
               "/store-faults/postgresql/command-disk-full");
}

/* ---- the server goes away -------------------------------------------------------------------- */

typedef struct
{
  CsStore    *store;
  CsManifest *manifest;
  GError     *error;
  gboolean    saved;
} SaveJob;

static gpointer
save_thread (gpointer data)
{
  SaveJob *job = data;

  job->saved = cs_store_save (job->store, job->manifest, NULL, &job->error);
  return NULL;
}

/* A trigger that holds every save at its first statement on the items, inside its transaction
 * and after the draft's header and first rows were written, for as long as the test holds
 * advisory lock 4242 (on the connection returned; close it to let the saves go on). */
static CsDb *
hold_saves_on_items (const char *location)
{
  g_autoptr(GError) error = NULL;
  CsDb *pause;

  cs_test_sql_exec (location,
                    "CREATE FUNCTION consign_test_pause () RETURNS trigger LANGUAGE plpgsql AS $$"
                    " BEGIN PERFORM pg_advisory_xact_lock_shared (4242); RETURN NULL; END $$;"
                    "CREATE TRIGGER items_test_pause AFTER INSERT OR UPDATE OR DELETE ON items"
                    "  FOR EACH STATEMENT EXECUTE FUNCTION consign_test_pause ()");
  pause = cs_db_open (location, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (pause, "SELECT pg_advisory_lock (4242)"), ==, CS_DB_OK);
  return pause;
}

/* Starts saving @job in a thread, and waits until the save is held inside its transaction. */
static GThread *
start_held_save (PgFixture *f,
                 SaveJob   *job)
{
  GThread *thread;
  g_autofree char *wrote = NULL;
  int waiter;

  /* no lock_timeout: the save waits at the pause until the test acts */
  cs_store_set_busy_timeout (job->store, 0);
  thread = g_thread_new ("save", save_thread, job);
  waiter = cs_test_pg_wait_lock_waiter (f->pg_name);
  /* it has written rows (a transaction id is given at the first write) */
  wrote = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE pid = %d"
                           " AND backend_xid IS NOT NULL", waiter);
  g_assert_cmpint (cs_test_sql_int (cs_test_pg_admin_location (), wrote), ==, 1);
  return thread;
}

/* The server stops while a client is connected: its next save is UNREACHABLE, naming the
 * store, and writes nothing; opening meanwhile is UNREACHABLE too. Back again, a new connection
 * finds the previous draft whole, and its next save works. */
static void
test_pg_server_stopped (PgFixture     *f,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_second (v1, 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsStore) again = NULL;
  gint64 rev = 0;

  save_first (f->location, v1);
  store = cs_store_open (f->location, &error);
  g_assert_no_error (error);

  cs_test_pg_ctl ("stop");
  g_assert_false (cs_store_save (store, v2, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, cs_store_get_path (store)));
  g_assert_nonnull (strstr (error->message, "connection to the database server was lost"));
  g_clear_error (&error);
  again = cs_store_open (f->location, &error);
  g_assert_null (again);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->location));
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
  cs_test_pg_ctl ("start");

  assert_intact (f->location, v1, 1);
  g_clear_object (&store);
  store = cs_store_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, v2, &rev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rev, ==, 2);
  g_clear_object (&store);
  assert_intact (f->location, v2, 2);
}

/* The editor's worker thread (CsStoreThread) across a server stop: UNREACHABLE while it is down,
 * and the next save after it is back connects again and goes through. */
static gpointer
save_job (CsStore   *store,
          gpointer   data,
          GError   **error)
{
  return cs_store_save (store, data, NULL, error) ? GINT_TO_POINTER (1) : NULL;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
thread_save (CsStoreThread  *thread,
             CsManifest     *m,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cs_store_thread_run_async (thread, save_job, cs_record_copy (CS_RECORD (m)), g_object_unref, NULL,
                             NULL, got_result, &result);
  CS_TEST_WAIT_UNTIL (result != NULL);
  return cs_store_thread_run_finish (thread, result, error) != NULL;
}

static void
test_pg_server_stopped_thread (PgFixture     *f,
                               gconstpointer  data)
{
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_second (v1, 20);
  g_autoptr(CsStoreThread) thread = cs_store_thread_new (f->location);
  g_autoptr(GError) error = NULL;

  g_assert_true (thread_save (thread, v1, &error));
  g_assert_no_error (error);
  cs_test_pg_ctl ("stop");
  g_assert_false (thread_save (thread, v2, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  cs_test_pg_ctl ("start");
  assert_intact (f->location, v1, 1);
  g_assert_true (thread_save (thread, v2, &error));
  g_assert_no_error (error);
  assert_intact (f->location, v2, 2);
}

/* The server stops (a fast shutdown: sessions ended, transactions rolled back) while a save is
 * inside its transaction, rows written: UNREACHABLE, and nothing of it stays. */
static void
test_pg_server_stopped_mid_save (PgFixture     *f,
                                 gconstpointer  data)
{
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_second (v1, 20);
  g_autoptr(GError) error = NULL;
  SaveJob job = { 0 };
  GThread *thread;
  CsDb *pause;

  save_first (f->location, v1);
  pause = hold_saves_on_items (f->location);
  job.store = cs_store_open (f->location, &error);
  g_assert_no_error (error);
  job.manifest = v2;
  thread = start_held_save (f, &job);

  cs_test_pg_ctl ("stop");
  g_thread_join (thread);
  cs_db_close (pause);
  g_assert_false (job.saved);
  g_assert_error (job.error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", job.error->message);
  g_assert_nonnull (strstr (job.error->message, cs_store_get_path (job.store)));
  g_clear_error (&job.error);
  g_clear_object (&job.store);
  cs_test_pg_ctl ("start");

  cs_test_sql_exec (f->location, "DROP TRIGGER items_test_pause ON items");
  assert_intact (f->location, v1, 1);
  {
    g_autoptr(CsStore) store = cs_store_open (f->location, &error);
    gint64 rev = 0;

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, v2, &rev, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rev, ==, 2);
  }
}

/* The session is terminated (pg_terminate_backend: an administrator, a dropped network) while
 * a save is inside its transaction: UNREACHABLE, nothing of it stays, and the next connection
 * saves. */
static void
test_pg_terminated_mid_save (PgFixture     *f,
                             gconstpointer  data)
{
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_second (v1, 20);
  g_autoptr(GError) error = NULL;
  SaveJob job = { 0 };
  GThread *thread;
  CsDb *pause;
  int waiter;

  save_first (f->location, v1);
  pause = hold_saves_on_items (f->location);
  job.store = cs_store_open (f->location, &error);
  g_assert_no_error (error);
  job.manifest = v2;
  thread = start_held_save (f, &job);

  waiter = cs_test_pg_wait_lock_waiter (f->pg_name);
  cs_test_pg_terminate (waiter);
  g_thread_join (thread);
  cs_db_close (pause);
  g_assert_false (job.saved);
  g_assert_error (job.error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", job.error->message);
  g_assert_nonnull (strstr (job.error->message, cs_store_get_path (job.store)));
  g_assert_nonnull (strstr (job.error->message, "connection to the database server was lost"));
  g_clear_error (&job.error);
  g_clear_object (&job.store);

  cs_test_sql_exec (f->location, "DROP TRIGGER items_test_pause ON items");
  assert_intact (f->location, v1, 1);
  {
    g_autoptr(CsStore) store = cs_store_open (f->location, &error);
    gint64 rev = 0;

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, v2, &rev, &error));
    g_assert_no_error (error);
    g_assert_cmpint (rev, ==, 2);
  }
}

/* ---- another connection holds the store's write lock ------------------------------------------ */

/* Another connection holds the store's write lock (the one every save takes first: a PostgreSQL
 * advisory lock) while a save waits past lock_timeout (cs_store_set_busy_timeout), or past a
 * statement_timeout set on the connection: refused as in use by another program, nothing
 * written. */
static void
test_pg_locked (PgFixture     *f,
                gconstpointer  data)
{
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_second (v1, 20);
  g_autoptr(GError) error = NULL;
  g_autofree char *with_timeout = cs_test_pg_location_with (f->location, "options",
                                                            "-c statement_timeout=300");
  CsDb *holder;

  save_first (f->location, v1);
  holder = cs_db_open (f->location, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_db_begin (holder, CS_DB_WRITE), ==, CS_DB_OK);

  {
    g_autoptr(CsStore) store = cs_store_open (f->location, &error);

    g_assert_no_error (error);
    cs_store_set_busy_timeout (store, 300);
    g_assert_false (cs_store_save (store, v2, NULL, &error));
    g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
    g_test_message ("lock_timeout: %s", error->message);
    g_assert_nonnull (strstr (error->message, cs_store_get_path (store)));
    g_assert_nonnull (strstr (error->message, "in use by another program"));
    g_clear_error (&error);
  }
  {
    g_autoptr(CsStore) store = cs_store_open (with_timeout, &error);

    g_assert_no_error (error);
    g_assert_false (cs_store_save (store, v2, NULL, &error));
    g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
    g_test_message ("statement_timeout: %s", error->message);
    g_assert_nonnull (strstr (error->message, cs_store_get_path (store)));
    g_assert_nonnull (strstr (error->message, "in use by another program"));
    /* the wait was the server's statement_timeout (0.3 s), not this connection's 10 s: the
     * message does not say the other program held the lock for longer than 10 s */
    g_assert_nonnull (strstr (error->message, "statement_timeout"));
    g_clear_error (&error);
  }
  cs_db_rollback (holder);
  cs_db_close (holder);
  assert_intact (f->location, v1, 1);
}

/* ---- who may, and where ------------------------------------------------------------------------ */

/* A role without any right on the store's tables (not a member of consign_clerk or
 * consign_owner): DENIED, naming the role, in the library and in the real command (exit 1, as
 * every refusal); the store is not taken for an empty database (no schema is made for it);
 * a role that may read but not write (a read-only connection) is told the store cannot be
 * written. Nothing is written either way. */
static void
test_pg_denied (PgFixture     *f,
                gconstpointer  data)
{
  g_autoptr(CsManifest) v1 = make_draft (10, "version one");
  g_autoptr(CsManifest) v2 = make_second (v1, 20);
  g_autofree char *as_nobody = cs_test_pg_location_as (f->location, "consign_test_nobody");
  g_autofree char *file = g_build_filename (f->dir, "v2.json", NULL);
  g_autofree char *text = cs_json_dump (v2, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;

  save_first (f->location, v1);
  cs_test_pg_admin ("DO $$ BEGIN"
                    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'consign_test_nobody') THEN"
                    "  CREATE ROLE consign_test_nobody LOGIN; END IF; END $$");

  store = cs_store_open (as_nobody, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_DENIED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, as_nobody));
  g_assert_nonnull (strstr (error->message, "consign_test_nobody"));
  g_assert_nonnull (strstr (error->message, "may not do this"));
  g_assert_null (strstr (error->message, "Upgrading"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  {
    const char *argv[] = { consign_bin (), "--db", as_nobody, "import", "--replace", file, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (f->dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_test_message ("%s%s", out, err);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "consign_test_nobody"));
    g_assert_null (strstr (err, "Upgrading"));
  }

  /* read-only: the server refuses the write */
  store = cs_store_open_read_only (f->location, &error);
  g_assert_no_error (error);
  g_assert_false (cs_store_save (store, v2, NULL, &error));
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, cs_store_get_path (store)));
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_clear_error (&error);
  g_clear_object (&store);

  assert_intact (f->location, v1, 1);
}

/* A database that does not exist: OPEN, naming it (nothing is created); a wrong port (no server
 * listens there): UNREACHABLE. */
static void
test_pg_wrong_place (PgFixture     *f,
                     gconstpointer  data)
{
  g_autofree char *missing = cs_test_pg_location ("consign_test_no_such_database");
  g_autofree char *wrong_port = cs_test_pg_location_with (f->location, "port", "1");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;

  store = cs_store_open (missing, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_OPEN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);
  g_assert_cmpint (cs_test_sql_int (cs_test_pg_admin_location (),
                                    "SELECT count(*) FROM pg_database"
                                    " WHERE datname = 'consign_test_no_such_database'"), ==, 0);

  store = cs_store_open (wrong_port, &error);
  g_assert_null (store);
  g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "port=1"));
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_clear_error (&error);
}

static void
test_pg_import_race (PgFixture     *f,
                     gconstpointer  data)
{
  run_import_race (f->dir, f->location);
}

static void
add_postgresql_tests (void)
{
#define ADD(name, fn) \
  g_test_add ("/store-faults/postgresql/" name, PgFixture, NULL, pg_fixture_setup, fn, pg_fixture_teardown)
  ADD ("io-error", test_pg_io_error);
  ADD ("disk-full", test_pg_disk_full);
  ADD ("command-disk-full", test_pg_command_disk_full);
  ADD ("size-limited-file", test_pg_skip_size_limit);
  ADD ("server-stopped", test_pg_server_stopped);
  ADD ("server-stopped/thread", test_pg_server_stopped_thread);
  ADD ("server-stopped/mid-save", test_pg_server_stopped_mid_save);
  ADD ("terminated/mid-save", test_pg_terminated_mid_save);
  ADD ("locked", test_pg_locked);
  ADD ("denied", test_pg_denied);
  ADD ("wrong-place", test_pg_wrong_place);
  ADD ("import-race", test_pg_import_race);
#undef ADD
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_strcmp0 (argv[1], "--race-child") == 0)
    return race_child (argv[2]);
  if (argc == 4 && g_strcmp0 (argv[1], "--hold-lock") == 0)
    return hold_lock (argv[2], atoi (argv[3]));

  g_test_init (&argc, &argv, NULL);
  if (cs_test_pg_admin_location () != NULL)
    {
      add_postgresql_tests ();
      return g_test_run ();
    }
  fault_vfs_install ();

  g_test_add_func ("/store-faults/io-error", test_io_error);
  g_test_add_func ("/store-faults/disk-full", test_disk_full);
  g_test_add_func ("/store-faults/cantopen-unreachable", test_cantopen_unreachable);
  g_test_add_func ("/store-faults/size-limited-file", test_size_limited_file);
  g_test_add_func ("/store-faults/read-only", test_read_only);
  g_test_add_func ("/store-faults/locked", test_locked);
  g_test_add_func ("/store-faults/import-race", test_import_race);

  return g_test_run ();
}
