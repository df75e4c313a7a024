/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the real `consign` binary ($CONSIGN_BIN): exit codes, output, errors, --db */

#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "cs-catalog.h"
#include "cs-directory.h"
#include "cs-export.h"
#include "cs-json.h"
#include "cs-store.h"
#include "cs-validator.h"
#include "cs-test-util.h"

typedef struct
{
  char  *dir;
  char  *db;         /* a store path inside dir */
  char  *data_home;  /* XDG_DATA_HOME for the child: never the real one */
  GStrv  env;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cs_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "drafts.sqlite", NULL);
  f->data_home = g_build_filename (f->dir, "data-home", NULL);
  f->env = g_get_environ ();
  f->env = g_environ_unsetenv (f->env, "CONSIGN_DB");
  f->env = g_environ_setenv (f->env, "XDG_DATA_HOME", f->data_home, TRUE);
  f->env = g_environ_setenv (f->env, "XDG_CONFIG_HOME", f->dir, TRUE);
  f->env = g_environ_setenv (f->env, "LC_ALL", "C.UTF-8", TRUE);
  f->env = g_environ_unsetenv (f->env, "LANGUAGE");
  f->env = g_environ_unsetenv (f->env, "DISPLAY");
  f->env = g_environ_unsetenv (f->env, "WAYLAND_DISPLAY");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->data_home);
  g_strfreev (f->env);
}

static const char *
consign_bin (void)
{
  const char *bin = g_getenv ("CONSIGN_BIN");

  g_assert_nonnull (bin);
  return bin;
}

/* Runs consign with @args (NULL-terminated) in @f's environment (plus @extra_env "K=V" or NULL). */
static void
run_env (Fixture     *f,
         const char  *extra_env,
         Run         *r,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_strdupv (f->env);
  const char *a;
  va_list args;
  int wait_status = 0;

  if (extra_env != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (extra_env, "=", 2);
      env = g_environ_setenv (env, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (gpointer) consign_bin ());
  va_start (args, first);
  for (a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);
}

#define RUN(f, r, ...) run_env (f, NULL, r, __VA_ARGS__, NULL)

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack);
}

/* ---- help and usage ------------------------------------------------------------------------ */

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const commands[] = { "import", "list", "show", "export", "history", NULL };
  g_auto(Run) r = { 0 };

  RUN (f, &r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; commands[i] != NULL; i++)
    assert_contains (r.out, commands[i]);
  assert_contains (r.out, "--db");
  run_clear (&r);

  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autofree char *usage = g_strdup_printf ("consign %s", commands[i]);

      RUN (f, &r, commands[i], "--help");
      g_assert_cmpint (r.status, ==, 0);
      assert_contains (r.out, "Usage:");
      assert_contains (r.out, usage);
      g_assert_cmpstr (r.err, ==, "");
      run_clear (&r);
    }

  RUN (f, &r, "export", "--help");
  assert_contains (r.out, "--format");
  assert_contains (r.out, "--encoding");
  assert_contains (r.out, "--sender");
  assert_contains (r.out, "--directory");
  run_clear (&r);

  RUN (f, &r, "help", "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "--search");
  run_clear (&r);

  RUN (f, &r, "--version");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, PACKAGE_VERSION);
  /* Nothing of this touched a store. */
  g_assert_false (g_file_test (f->data_home, G_FILE_TEST_EXISTS));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) r = { 0 };

#define EXPECT(status_, err_, ...) \
  G_STMT_START { \
    RUN (f, &r, __VA_ARGS__); \
    g_assert_cmpint (r.status, ==, status_); \
    assert_contains (r.err, err_); \
    g_assert_cmpstr (r.out, ==, ""); \
    run_clear (&r); \
  } G_STMT_END

  EXPECT (2, "unknown command “frobnicate”", "frobnicate");
  EXPECT (2, "--db needs a PATH", "list", "--db");
  EXPECT (2, "consign list: unexpected argument “x”", "--db", f->db, "list", "x");
  EXPECT (2, "consign list", "--db", f->db, "list", "--no-such-option");
  EXPECT (2, "unknown status “lost”", "--db", f->db, "list", "--status", "lost");
  EXPECT (2, "consign import: expected one FILE.json", "--db", f->db, "import");
  EXPECT (2, "--format is required", "--db", f->db, "export", "-o", "x.json", "REF");
  EXPECT (2, "unknown format “docx”", "--db", f->db, "export", "--format", "docx", "-o", "x", "REF");
  EXPECT (2, "-o OUT is required", "--db", f->db, "export", "--format", "json", "REF");
  EXPECT (2, "unknown encoding", "--db", f->db, "export", "--format", "csv", "--encoding", "latin1",
          "-o", "x.csv", "REF");
  EXPECT (2, "unknown EDIFACT directory", "--db", f->db, "export", "--format", "edifact",
          "--directory", "D01B", "-o", "x.edi", "REF");
  EXPECT (2, "consign show: expected one REFERENCE", "--db", f->db, "show");
  EXPECT (2, "consign history: expected one REFERENCE", "--db", f->db, "history");
#undef EXPECT
}

/* ---- the store through the command line --------------------------------------------------- */

static void
test_import_list_show (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autoptr(CsManifest) expected = cs_json_load_file (every, NULL);
  g_autoptr(CsManifest) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };

  RUN (f, &r, "--db", f->db, "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No drafts");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "import", every);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "CQ-EVERY-0001");
  assert_contains (r.out, "revision 1");
  run_clear (&r);

  /* The same reference again: refused, with the way out. */
  RUN (f, &r, "--db", f->db, "import", every);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.err, "CQ-EVERY-0001");
  assert_contains (r.err, "--replace");
  assert_contains (r.err, every);
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "import", "--replace", every);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "revision 2");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "list");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "REFERENCE");
  assert_contains (r.out, "CQ-EVERY-0001");
  assert_contains (r.out, "Hai Phong Industrial Equipment JSC");
  assert_contains (r.out, "CQ-QZH-RAILSEA");
  assert_contains (r.out, "ready");
  run_clear (&r);

  RUN (f, &r, "list", "--db", f->db, "--search", "1m8gdm9axkp042788");   /* --db after the command */
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "CQ-EVERY-0001");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "list", "--search", "nothing-like-this");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No drafts match");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "list", "--status", "archived");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No drafts match");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "show", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "CQ-EVERY-0001");
  assert_contains (r.out, "Consignee");
  assert_contains (r.out, "重庆两江精密机械有限公司");
  assert_contains (r.out, "CSQU3054383");
  assert_contains (r.out, "Revision           2");
  run_clear (&r);

  /* --json is the interchange format, byte for byte what the library writes. */
  RUN (f, &r, "--db", f->db, "show", "--json", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  shown = cs_json_load_data (r.out, -1, "stdout", &error);
  g_assert_no_error (error);
  g_assert_true (cs_record_equal (CS_RECORD (expected), CS_RECORD (shown)));
  {
    g_autofree char *dump = cs_json_dump (expected, NULL);
    g_assert_cmpstr (r.out, ==, dump);
  }
  run_clear (&r);

  /* A file works where a reference does. */
  RUN (f, &r, "--db", f->db, "show", every);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "CQ-EVERY-0001");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "show", "NO-SUCH-REF");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "NO-SUCH-REF");
  assert_contains (r.err, f->db);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "broken.json", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong.json", NULL);
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.sqlite", NULL);
  g_autofree char *blocker = g_build_filename (f->dir, "blocker", NULL);
  g_autofree char *below = g_build_filename (blocker, "x.sqlite", NULL);
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_auto(Run) r = { 0 };

  RUN (f, &r, "--db", f->db, "import", missing);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, missing);
  run_clear (&r);

  g_assert_true (g_file_set_contents (broken, "{\n  \"reference\": \"X\",\n  \"items\": [\n", -1, NULL));
  RUN (f, &r, "--db", f->db, "import", broken);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "broken.json:");
  run_clear (&r);

  g_assert_true (g_file_set_contents (wrong, "{\"reference\": \"X\", \"items\": [{\"quantity\": \"two\"}]}",
                                      -1, NULL));
  RUN (f, &r, "--db", f->db, "import", wrong);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "items[0].quantity");
  run_clear (&r);
  /* Nothing was imported by the failures. */
  RUN (f, &r, "--db", f->db, "list");
  assert_contains (r.out, "No drafts");
  run_clear (&r);

  /* Stores that cannot be used. */
  g_assert_true (g_file_set_contents (garbage, "this is not a database, not at all....", -1, NULL));
  RUN (f, &r, "--db", garbage, "list");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, garbage);
  assert_contains (r.err, "not a Consign draft store");
  run_clear (&r);

  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));
  RUN (f, &r, "--db", below, "import", every);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, below);
  run_clear (&r);

  {
    g_autofree char *future = g_build_filename (f->dir, "future.sqlite", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize n_before, n_after;
    g_autoptr(CsStore) store = cs_store_open (future, NULL);

    g_assert_nonnull (store);
    g_clear_object (&store);
    {
      /* Mark it as written by a newer version (what a newer Consign would leave). */
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (future, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
    g_assert_true (g_file_get_contents (future, &before, &n_before, NULL));
    RUN (f, &r, "--db", future, "import", every);
    g_assert_cmpint (r.status, ==, 1);
    assert_contains (r.err, "newer version");
    assert_contains (r.err, future);
    g_assert_true (g_file_get_contents (future, &after, &n_after, NULL));
    g_assert_cmpmem (before, n_before, after, n_after);
  }
}

static void
test_db_choice (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autofree char *env_db = g_build_filename (f->dir, "from-env.sqlite", NULL);
  g_autofree char *env_kv = g_strdup_printf ("CONSIGN_DB=%s", env_db);
  g_autofree char *default_db = g_build_filename (f->data_home, "consign", "consign.sqlite", NULL);
  g_auto(Run) r = { 0 };

  /* Neither --db nor CONSIGN_DB: $XDG_DATA_HOME/consign/consign.sqlite, created on first use. */
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
  RUN (f, &r, "import", every);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, default_db);
  g_assert_true (g_file_test (default_db, G_FILE_TEST_IS_REGULAR));
  run_clear (&r);

  /* CONSIGN_DB. */
  run_env (f, env_kv, &r, "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No drafts");
  assert_contains (r.out, env_db);
  g_assert_true (g_file_test (env_db, G_FILE_TEST_IS_REGULAR));
  run_clear (&r);

  /* --db beats CONSIGN_DB. */
  run_env (f, env_kv, &r, "--db", default_db, "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "CQ-EVERY-0001");
  run_clear (&r);
  run_env (f, env_kv, &r, "--db=", "list", NULL);
  g_assert_cmpint (r.status, ==, 2);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
test_export_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autofree char *out = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out2 = g_build_filename (f->dir, "out2.json", NULL);
  g_autofree char *changed = g_build_filename (f->dir, "changed.json", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "dir", "x.json", NULL);
  g_autofree char *sha = NULL;
  g_autoptr(CsManifest) written = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(Run) r = { 0 };

  RUN (f, &r, "--db", f->db, "import", every);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "history", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No exports");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "history", "NOPE");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "NOPE");
  run_clear (&r);

  /* From the store, by reference. */
  RUN (f, &r, "--db", f->db, "export", "--format", "json", "-o", out, "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  sha = sha256_of (out);
  assert_contains (r.out, sha);
  written = cs_json_load_file (out, &error);
  g_assert_no_error (error);
  m = cs_json_load_file (every, &error);
  g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (written)));
  run_clear (&r);

  /* From a file that is the stored draft: recorded too. */
  RUN (f, &r, "--db", f->db, "export", "-f", "json", "-o", out2, every);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  /* From a file that differs from the draft with its id: written, not recorded. */
  cs_record_set_string (CS_RECORD (m), "notes", "changed since import");
  {
    g_autofree char *text = cs_json_dump (m, NULL);
    g_assert_true (g_file_set_contents (changed, text, -1, NULL));
  }
  RUN (f, &r, "--db", f->db, "export", "--format", "json", "-o", out2, changed);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  /* A place that cannot be written: an error naming it, no file. */
  RUN (f, &r, "--db", f->db, "export", "--format", "json", "-o", nowhere, "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "no/such/dir");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "history", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, sha);
  assert_contains (r.out, out);
  assert_contains (r.out, out2);
  run_clear (&r);

  /* The audit rows themselves, read with the library. */
  store = cs_store_open (f->db, &error);
  g_assert_no_error (error);
  rows = cs_store_list_exports (store, "CQ-EVERY-0001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((CsStoreExport *) rows->pdata[0])->sha256, ==, sha);
  g_assert_cmpstr (((CsStoreExport *) rows->pdata[0])->path, ==, out);
  g_assert_cmpstr (((CsStoreExport *) rows->pdata[0])->format, ==, "json");
  g_assert_cmpint (((CsStoreExport *) rows->pdata[0])->revision, ==, 1);

  /* Every registered format can be asked for by name; EDIFACT takes a fresh control reference. */
  if (cs_export_format_find ("edifact") != NULL)
    {
      g_autofree char *edi = g_build_filename (f->dir, "out.edi", NULL);
      gint64 before = cs_store_next_interchange_ref (store, &error);

      g_assert_no_error (error);
      g_clear_object (&store);
      RUN (f, &r, "--db", f->db, "export", "--format", "edifact", "--sender", "SENDER",
           "--recipient", "RECIPIENT", "-o", edi, "CQ-EVERY-0001");
      /* A refusal (e.g. text UNOC cannot carry) is exit 1 with a message; anything else is 0. */
      g_assert_true (r.status == 0 || (r.status == 1 && r.err[0] != '\0'));
      if (r.status == 0)
        {
          store = cs_store_open (f->db, &error);
          g_assert_cmpint (cs_store_next_interchange_ref (store, &error), ==, before + 2);
        }
    }
}


/* ---- hostile stores and data ---------------------------------------------------------------- */

static void
sql_exec (const char *db,
          const char *sql)
{
  sqlite3 *conn = NULL;
  char *msg = NULL;

  g_assert_cmpint (sqlite3_open (db, &conn), ==, SQLITE_OK);
  if (sqlite3_exec (conn, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
  g_assert_cmpint (sqlite3_close (conn), ==, SQLITE_OK);
}

/* A copy of every-field.json with its own id and reference and @n_items items. */
static CsManifest *
make_draft (const char *reference,
            guint       n_items)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  CsManifest *m = cs_json_load_file (every, NULL);
  g_autofree char *id = g_uuid_string_random ();
  CsRecord *first;

  g_assert_nonnull (m);
  cs_record_set_string (CS_RECORD (m), "id", id);
  cs_record_set_string (CS_RECORD (m), "reference", reference);
  first = cs_record_copy (CS_RECORD (CS_MANIFEST_ITEM (m, 0)));
  while (CS_MANIFEST_N_ITEMS (m) < n_items)
    {
      g_autoptr(CsRecord) copy = cs_record_copy (first);
      cs_list_append (m->items, copy);
    }
  g_object_unref (first);
  return m;
}

/* Exactly one of two imports of the same reference at the same moment wins, every round: the
 * loser is told the reference exists (it used to replace the winner's draft, revision 2). The
 * real command end to end, a few rounds; test-store-faults runs 100 rounds on the store. */
static void
test_import_race (Fixture       *f,
                  gconstpointer  data)
{
  const guint rounds = 12;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(CsManifest) m = make_draft (NULL, 1);
      g_autofree char *ref = g_strdup_printf ("RACE-%03u", round);
      g_autofree char *file = g_build_filename (f->dir, "race.json", NULL);
      g_autofree char *file2 = g_build_filename (f->dir, "race2.json", NULL);
      g_autofree char *text = NULL;
      GPid pids[2];
      int outs[2], errs[2], statuses[2];
      char *outs_text[2];
      int wins = 0;

      /* even rounds: the same file twice (same id); odd rounds: two files, two ids */
      cs_record_set_string (CS_RECORD (m), "reference", ref);
      text = cs_json_dump (m, NULL);
      g_assert_true (g_file_set_contents (file, text, -1, NULL));
      if (round % 2 == 1)
        {
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *text2 = NULL;

          cs_record_set_string (CS_RECORD (m), "id", id);
          text2 = cs_json_dump (m, NULL);
          g_assert_true (g_file_set_contents (file2, text2, -1, NULL));
        }
      for (int k = 0; k < 2; k++)
        {
          const char *argv[] = { consign_bin (), "--db", f->db, "import",
                                 k == 1 && round % 2 == 1 ? file2 : file, NULL };
          g_autoptr(GError) error = NULL;

          g_assert_true (g_spawn_async_with_pipes (f->dir, (char **) argv, f->env,
                                                   G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[k],
                                                   NULL, &outs[k], &errs[k], &error));
          g_assert_no_error (error);
        }
      for (int k = 0; k < 2; k++)
        {
          g_autoptr(GIOChannel) out_ch = g_io_channel_unix_new (outs[k]);
          g_autoptr(GIOChannel) err_ch = g_io_channel_unix_new (errs[k]);
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int wait_status = 0;

          g_io_channel_set_close_on_unref (out_ch, TRUE);
          g_io_channel_set_close_on_unref (err_ch, TRUE);
          g_io_channel_read_to_end (out_ch, &out, NULL, NULL);
          g_io_channel_read_to_end (err_ch, &err, NULL, NULL);
          g_assert_cmpint (waitpid (pids[k], &wait_status, 0), ==, pids[k]);
          g_spawn_close_pid (pids[k]);
          g_assert_true (WIFEXITED (wait_status));
          statuses[k] = WEXITSTATUS (wait_status);
          wins += statuses[k] == 0;
          outs_text[k] = g_strconcat (out, err, NULL);
        }
      if (wins != 1)
        g_error ("round %u: %d imports of %s succeeded:\n%s\n%s", round, wins, ref, outs_text[0],
                 outs_text[1]);
      for (int k = 0; k < 2; k++)
        {
          if (statuses[k] == 0)
            assert_contains (outs_text[k], "revision 1");
          else
            {
              g_assert_cmpint (statuses[k], ==, 1);
              assert_contains (outs_text[k], ref);
              assert_contains (outs_text[k], "exists");
            }
          g_free (outs_text[k]);
        }
    }

  /* and the store holds each reference once, at revision 1 */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);
    g_autoptr(GPtrArray) rows = cs_store_list (store, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, rounds);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpint (((CsStoreSummary *) rows->pdata[i])->revision, ==, 1);
  }
}

/* Two files that share an id but not a reference: --replace replaces only the draft with the
 * same reference; the id of another draft is an error naming both references. */
static void
test_import_id_collision (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autofree char *railsea = cs_test_fixture_path ("railsea-electronics.json");
  g_autoptr(CsManifest) expected = cs_json_load_file (every, NULL);
  g_autoptr(CsManifest) other = cs_json_load_file (railsea, NULL);
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };

  g_assert_cmpstr (expected->id, ==, other->id);
  g_assert_cmpstr (expected->reference, !=, other->reference);

  RUN (f, &r, "--db", f->db, "import", every);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "export", "-f", "json", "-o", "out.json", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  for (int replace = 0; replace < 2; replace++)
    {
      if (replace)
        RUN (f, &r, "--db", f->db, "import", "--replace", railsea);
      else
        RUN (f, &r, "--db", f->db, "import", railsea);
      g_assert_cmpint (r.status, ==, 1);
      assert_contains (r.err, "CQ-EVERY-0001");
      assert_contains (r.err, "QZH2604-0042");
      assert_contains (r.err, expected->id);
      run_clear (&r);
    }

  /* the first draft, its items and its history are untouched; the other was not added */
  store = cs_store_open (f->db, &error);
  g_assert_no_error (error);
  back = cs_store_load (store, "CQ-EVERY-0001", &error);
  g_assert_no_error (error);
  /* the export marked it exported, as the editor does (one export service for both) */
  cs_record_set_string (CS_RECORD (expected), "status", "exported");
  g_assert_true (cs_record_equal (CS_RECORD (expected), CS_RECORD (back)));
  g_assert_cmpint (cs_store_get_revision (store, "CQ-EVERY-0001", NULL), ==, 1);
  rows = cs_store_list_exports (store, "CQ-EVERY-0001", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cs_store_list (store, NULL, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 1);
}


/* Overwrites @n bytes at @offset of @path with a pattern (a damaged disk). */
static void
damage_file (const char *path,
             goffset     offset,
             gsize       n)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (offset + n, <=, len);
  for (gsize i = 0; i < n; i++)
    data[offset + i] = (char) (0x5a ^ (i * 37));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

/* A store with damaged pages: every command refuses it, loudly, and writes nothing; `check` says
 * what is wrong; `check --repair` copies every draft that reads cleanly into a new store and
 * names the others. */
static void
test_damaged_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autofree char *repaired = g_build_filename (f->dir, "repaired.sqlite", NULL);
  g_autofree char *out_csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  gsize len = 0;
  guint n_copied = 0;

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 12; i++)
      {
        g_autofree char *ref = g_strdup_printf ("DAMAGE-%02u", i);
        CsManifest *m = make_draft (ref, 150);

        g_assert_true (cs_store_save (store, m, NULL, &error));
        g_assert_no_error (error);
        g_ptr_array_add (drafts, m);
      }
  }
  /* closed: the WAL is checkpointed into the file; damage three pages in its middle */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 40 * 4096);
    damage_file (f->db, (len / 4096 / 3) * 4096 + 100, 3000);
    damage_file (f->db, (len / 4096 / 2) * 4096 + 8, 4000);
    damage_file (f->db, (len / 4096 * 3 / 4) * 4096 + 2000, 1500);
  }
  before = sha256_of (f->db);

  {
    const char *commands[][8] = {
      { "list", NULL },
      { "list", "--search", "DAMAGE", NULL },
      { "show", "DAMAGE-05", NULL },
      { "show", "--json", "DAMAGE-05", NULL },
      { "validate", "DAMAGE-05", NULL },
      { "history", "DAMAGE-05", NULL },
      { "export", "-f", "csv", "-o", out_csv, "DAMAGE-05", NULL },
      { "import", every, NULL },
      { "import", "--replace", every, NULL },
    };

    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        RUN (f, &r, "--db", f->db, commands[c][0], commands[c][1], commands[c][2], commands[c][3],
             commands[c][4], commands[c][5], commands[c][6]);
        if (r.status != 2)
          g_error ("%s on a damaged store: exit %d\n%s%s", commands[c][0], r.status, r.out, r.err);
        g_assert_cmpstr (r.out, ==, "");
        assert_contains (r.err, "damaged");
        assert_contains (r.err, "check --repair");
        run_clear (&r);
      }
    g_assert_false (g_file_test (out_csv, G_FILE_TEST_EXISTS));
  }
  /* not one byte written to it */
  {
    g_autofree char *after = sha256_of (f->db);
    g_assert_cmpstr (before, ==, after);
  }

  RUN (f, &r, "--db", f->db, "check");
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.out, "damaged");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "check", "--repair", repaired);
  g_assert_cmpint (r.status, ==, 1);
  assert_contains (r.out, repaired);
  {
    g_autoptr(CsStore) store = cs_store_open (repaired, &error);

    g_assert_no_error (error);
    g_assert_true (cs_store_check (store, TRUE, NULL, &error));
    g_assert_no_error (error);
    /* every draft is either copied whole (equal to what was saved) or named as lost */
    for (guint i = 0; i < drafts->len; i++)
      {
        CsManifest *m = drafts->pdata[i];
        g_autoptr(CsManifest) back = cs_store_load (store, m->id, NULL);

        if (back != NULL)
          {
            g_assert_true (cs_record_equal (CS_RECORD (m), CS_RECORD (back)));
            assert_contains (r.out, m->reference);
            n_copied++;
          }
        else if (strstr (r.err, m->reference) == NULL)
          assert_contains (r.err, m->id);   /* its header row, with the reference, is lost */
      }
  }
  g_test_message ("%u of %u drafts copied", n_copied, drafts->len);
  g_assert_cmpuint (n_copied, >, 0);
  g_assert_cmpuint (n_copied, <, drafts->len);
  run_clear (&r);

  RUN (f, &r, "--db", repaired, "check");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  /* the repaired store is a store like any other; and the new file is never overwritten */
  RUN (f, &r, "--db", f->db, "check", "--repair", repaired);
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "already exists");
  run_clear (&r);
}

/* Rows a damaged page lost without SQLite noticing (37 of 100 items): the draft does not load,
 * so no command reports or exports part of it as the whole. */
static void
test_short_draft (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *short_csv = g_build_filename (f->dir, "short.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);
    g_autoptr(CsManifest) m = make_draft ("SHORT-1", 100);

    g_assert_true (cs_store_save (store, m, NULL, &error));
  }
  sql_exec (f->db, "DELETE FROM items WHERE pos >= 37");

  RUN (f, &r, "--db", f->db, "export", "-f", "csv", "-o", short_csv, "SHORT-1");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "37 of 100 items");
  g_assert_false (g_file_test (short_csv, G_FILE_TEST_EXISTS));
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "show", "SHORT-1");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "37 of 100 items");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "validate", "SHORT-1");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "37 of 100 items");
  run_clear (&r);
}


/* Bytes that are not UTF-8: a stray byte, a bad continuation, and a sequence cut off at the end
 * (what made `list` read past the end of a heap buffer). */
#define BAD_UTF8 "X'FF78C328E282'"

static gboolean
is_valid_output (const char *text)
{
  return g_utf8_validate (text, -1, NULL);
}

/* consign_user() for a connection of the test's own (the directory's triggers call it) */
static void
test_user_cb (sqlite3_context  *ctx,
              int               argc,
              sqlite3_value   **argv)
{
  sqlite3_result_text (ctx, "test", -1, SQLITE_STATIC);
}

/* Plants BAD_UTF8 in every TEXT column of every table on the rows of draft @id (every row of
 * tables without a manifest_id), except the columns in @skip and those that cannot hold it
 * (status and role: CHECK constraints; the ids, done separately). Returns how many. */
static guint
plant_bad_text (const char *db,
                const char *id,
                GHashTable *skip)
{
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  sqlite3 *conn = NULL;
  sqlite3_stmt *tables = NULL;
  char *msg = NULL;
  guint n_columns = 0;

  g_assert_cmpint (sqlite3_open (db, &conn), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_create_function (conn, "consign_user", 0, SQLITE_UTF8, NULL, test_user_cb,
                                            NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT name FROM sqlite_schema WHERE type = 'table'", -1,
                                       &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
      sqlite3_stmt *info = NULL;
      gboolean has_manifest = FALSE;
      g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);

      g_assert_cmpint (sqlite3_prepare_v2 (conn, info_sql, -1, &info, NULL), ==, SQLITE_OK);
      while (sqlite3_step (info) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (info, 1);
          const char *type = (const char *) sqlite3_column_text (info, 2);
          g_autofree char *qualified = g_strdup_printf ("%s.%s", table, column);

          has_manifest |= g_strcmp0 (column, "manifest_id") == 0;
          if (g_ascii_strcasecmp (type, "TEXT") != 0 || g_strcmp0 (column, "id") == 0 ||
              g_strcmp0 (column, "manifest_id") == 0 || g_strcmp0 (column, "status") == 0 ||
              g_strcmp0 (column, "role") == 0 || g_strcmp0 (table, "meta") == 0 ||
              /* the trail's words (CHECK constraints) */
              g_strcmp0 (qualified, "draft_changes.kind") == 0 || g_str_has_suffix (column, "_status") ||
              g_strcmp0 (qualified, "directory_changes.what") == 0 ||
              g_strcmp0 (qualified, "directory_changes.action") == 0 ||
              g_strcmp0 (column, "sha256") == 0 || g_hash_table_contains (skip, qualified))
            continue;
          g_ptr_array_add (columns, g_strdup (column));
        }
      sqlite3_finalize (info);
      for (guint i = 0; i < columns->len; i++)
        {
          const char *c = columns->pdata[i];

          /* inside a JSON list's last string, so that the list still parses; else at the end */
          g_string_append_printf (sql, "UPDATE %s SET %s = CAST (CASE WHEN %s LIKE '[%%\"]'"
                                  " THEN substr (%s, 1, length (%s) - 2) || " BAD_UTF8 " || substr (%s, -2)"
                                  " WHEN %s = '[]' OR %s IS NULL THEN %s"
                                  " ELSE %s || " BAD_UTF8 " END AS TEXT)",
                                  table, c, c, c, c, c, c, c, c, c);
          if (g_strcmp0 (table, "manifests") == 0)
            g_string_append_printf (sql, " WHERE id = '%s';", id);
          else if (has_manifest)
            g_string_append_printf (sql, " WHERE manifest_id = '%s';", id);
          else
            g_string_append (sql, ";");
          n_columns++;
        }
    }
  sqlite3_finalize (tables);
  g_string_append (sql, "COMMIT;");
  if (sqlite3_exec (conn, sql->str, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);
  g_assert_cmpint (sqlite3_close (conn), ==, SQLITE_OK);
  return n_columns;
}

#define UTF8_C_ID "00000000-0000-4000-8000-00000000000c"

/* A store with draft A (every-field.json, one export recorded), B and C (copies), a template and
 * a UI state row; @skip as for plant_bad_text() on A. */
static void
build_utf8_store (Fixture    *f,
                  CsManifest *a,
                  GHashTable *skip,
                  guint      *n_columns)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) b = make_draft ("UTF8-B", 3);
  g_autoptr(CsManifest) c = make_draft ("UTF8-C", 3);
  g_autoptr(CsManifest) copy = CS_MANIFEST (cs_record_copy (CS_RECORD (a)));

  cs_record_set_string (CS_RECORD (c), "id", UTF8_C_ID);

  cs_test_remove_tree (f->db);
  {
    g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  store = cs_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, copy, NULL, &error));
  g_assert_cmpint (cs_store_record_export (store, a->id, "json", "/tmp/x.json",
                                           "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                           1, &error), >, 0);
  g_assert_true (cs_store_save (store, b, NULL, &error));
  g_assert_true (cs_store_save (store, c, NULL, &error));
  g_assert_true (cs_store_save_template (store, "tpl", b, &error));
  g_assert_true (cs_store_set_ui_state (store, "last-page", "items", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  *n_columns = plant_bad_text (f->db, a->id, skip);
  {
    g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
    plant_bad_text (f->db, c->id, none);   /* C: enumerations too */
  }
  /* the exports audit's digest: same length, one byte not UTF-8; and B's id wherever it is */
  sql_exec (f->db, "BEGIN;"
            "UPDATE exports SET sha256 = CAST (substr (sha256, 1, 63) || X'FF' AS TEXT);"
            "CREATE TEMP TABLE b AS SELECT id FROM manifests WHERE reference = 'UTF8-B';"
            "UPDATE parties SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE legs SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE containers SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE seals SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE items SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE vins SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE serials SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE splits SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE documents SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE document_covers SET manifest_id = CAST (manifest_id || X'FF' AS TEXT) WHERE manifest_id = (SELECT id FROM b);"
            "UPDATE manifests SET id = CAST (id || X'FF' AS TEXT) WHERE id = (SELECT id FROM b);"
            "COMMIT;");
}

/* Invalid UTF-8 planted in every text column of every table that can hold it, and in one
 * draft's id: every command shows U+FFFD, warns once per draft, and never reads past the text
 * (the ASan build runs this same test). A column that holds one of a fixed set of words (an
 * enumeration) cannot be shown with U+FFFD: the draft is refused, naming the column (draft C). */
static void
test_invalid_utf8 (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autoptr(CsManifest) a = cs_json_load_file (every, NULL);
  g_autoptr(GHashTable) enums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  guint n_columns = 0;

  /* find the enumeration columns: the load names each */
  for (;;)
    {
      g_autoptr(CsStore) store = NULL;
      g_autoptr(CsManifest) back = NULL;
      const char *table, *column, *end;

      build_utf8_store (f, a, enums, &n_columns);
      store = cs_store_open (f->db, &error);
      g_assert_no_error (error);
      if ((back = cs_store_load (store, a->id, &error)) != NULL)
        break;
      g_assert_error (error, CS_STORE_ERROR, CS_STORE_ERROR_NOT_DATABASE);
      g_assert_nonnull ((table = strstr (error->message, "table ")));
      g_assert_nonnull ((column = strstr (error->message, ": column ")));
      if ((end = strstr (column, " has the unknown value")) == NULL)
        g_error ("%s", error->message);
      g_hash_table_add (enums, g_strdup_printf ("%.*s.%.*s", (int) (column - table - 6), table + 6,
                                                (int) (end - column - 9), column + 9));
      g_test_message ("enumeration column: %s", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (g_hash_table_size (enums), <, 40);
    }
  g_test_message ("%u columns planted, %u enumeration columns", n_columns, g_hash_table_size (enums));
  g_assert_cmpuint (n_columns, >, 60);

  {
    g_autofree char *xlsx = g_build_filename (f->dir, "a.xlsx", NULL);
    const char *commands[][8] = {
      { "list", NULL },
      { "list", "--search", "CQ", NULL },
      { "list", "--search", "1m8gdm9axkp042788", NULL },
      { "show", a->id, NULL },
      { "show", "--json", a->id, NULL },
      { "show", "UTF8-B", NULL },
      { "validate", a->id, NULL },
      { "validate", "--json", a->id, NULL },
      { "history", a->id, NULL },
      { "export", "-f", "xlsx", "-o", xlsx, a->id, NULL },
      { "export", "-f", "csv", "-o", "a.csv", a->id, NULL },
      { "export", "-f", "xml", "-o", "a.xml", a->id, NULL },
      { "export", "-f", "edifact", "-o", "a.edi", a->id, NULL },
      { "export", "-f", "pdf", "-o", "a.pdf", a->id, NULL },
      { "export", "-f", "json", "-o", "a.json", a->id, NULL },
      { "export", "-f", "json", "-o", "b.json", "UTF8-B", NULL },
      { "show", UTF8_C_ID, NULL },
      { "export", "-f", "csv", "-o", "c.csv", UTF8_C_ID, NULL },
    };

    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        const char *warning = "not valid UTF-8";
        const char *first;
        gboolean draft_c = g_strcmp0 (commands[c][1], UTF8_C_ID) == 0 ||
                           g_strcmp0 (commands[c][5], UTF8_C_ID) == 0;

        RUN (f, &r, "--db", f->db, commands[c][0], commands[c][1], commands[c][2], commands[c][3],
             commands[c][4], commands[c][5], commands[c][6]);
        g_assert_true (is_valid_output (r.out));
        g_assert_true (is_valid_output (r.err));
        if (draft_c)
          {
            /* refused, naming the draft and the column */
            g_assert_cmpint (r.status, ==, 2);
            assert_contains (r.err, "unknown value");
            run_clear (&r);
            continue;
          }
        /* B's id itself is damaged: its export is written, but the audit row cannot name it */
        if (g_strcmp0 (commands[c][5], "UTF8-B") == 0 && r.status == 2)
          assert_contains (r.err, "could not be recorded");
        /* 0, or 1 for findings and refusals (EDIFACT's character set has no U+FFFD) */
        else if (r.status > 1)
          g_error ("%s %s: exit %d\n%s%s", commands[c][0], commands[c][1], r.status, r.out, r.err);
        /* reported, and once per draft */
        first = strstr (r.err, warning);
        g_assert_nonnull (first);
        if (g_strcmp0 (commands[c][0], "list") != 0)
          g_assert_null (strstr (first + 1, warning));
        if ((g_strcmp0 (commands[c][0], "list") == 0 && commands[c][1] == NULL) ||
            g_strcmp0 (commands[c][0], "show") == 0)
          assert_contains (r.out, "\xef\xbf\xbd");
        run_clear (&r);
      }
  }
}

/* Terminal controls in data (ESC[2J, an OSC 8 link, CR, a C1 CSI) are shown escaped in text
 * output; --json stays exact; a huge bad value is quoted, not copied, in an error. */
static void
test_terminal_escapes (Fixture       *f,
                       gconstpointer  data)
{
  static const char ref[] = "EVIL\x1b[2J\rREF";
  static const char name[] = "\x1b]8;;http://example.invalid/\x07" "Click\x1b]8;;\x07 Ltd\xc2\x9b" "31m";
  g_autoptr(CsManifest) m = make_draft (ref, 2);
  g_autofree char *file = g_build_filename (f->dir, "evil.json", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge-key.json", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) r = { 0 };

  cs_record_set_string (CS_RECORD (cs_manifest_get_party (m, "consignee")), "name", name);
  cs_record_set_string (CS_RECORD (m), "notes", "line one\nline two\r\x1b[1A");
  text = cs_json_dump (m, NULL);
  g_assert_true (g_file_set_contents (file, text, -1, NULL));

  {
    const char *commands[][6] = {
      { "import", file, NULL },
      { "list", NULL },
      { "list", "--search", "EVIL", NULL },
      { "show", ref, NULL },
      { "show", file, NULL },
      { "validate", ref, NULL },
      { "validate", file, NULL },
      { "history", ref, NULL },
      { "import", file, NULL },     /* refused: the error names the reference */
      { "show", "NO\x1b[2JSUCH", NULL },
    };

    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        RUN (f, &r, "--db", f->db, commands[c][0], commands[c][1], commands[c][2], commands[c][3]);
        g_assert_true (WIFEXITED (0) && r.status <= 2);
        if (strpbrk (r.out, "\x1b\r\x07") != NULL || strpbrk (r.err, "\x1b\r\x07") != NULL ||
            strstr (r.out, "\xc2\x9b") != NULL || strstr (r.err, "\xc2\x9b") != NULL)
          g_error ("%s %s: a terminal control reached the output:\n%s%s", commands[c][0],
                   commands[c][1], r.out, r.err);
        run_clear (&r);
      }
  }
  RUN (f, &r, "--db", f->db, "list");
  assert_contains (r.out, "EVIL\\x1b[2J\\x0dREF");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "show", ref);
  assert_contains (r.out, "\\x1b]8;;http://example.invalid/\\x07Click");
  assert_contains (r.out, "\\u009b31m");
  run_clear (&r);

  /* --json is the interchange format, exactly */
  RUN (f, &r, "--db", f->db, "show", "--json", ref);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *dump = cs_json_dump (m, NULL);
    g_assert_cmpstr (r.out, ==, dump);
  }
  run_clear (&r);

  /* a 10 MB unknown key: the error quotes a little of it */
  {
    GString *big = g_string_new ("{\"");

    for (guint i = 0; i < 10 * 1024 * 1024; i++)
      g_string_append_c (big, 'k');
    g_string_append (big, "\": 1}");
    g_assert_true (g_file_set_contents (huge, big->str, big->len, NULL));
    g_string_free (big, TRUE);
  }
  RUN (f, &r, "--db", f->db, "validate", huge);
  g_assert_cmpint (r.status, ==, 2);
  g_test_message ("%zu bytes of error output", strlen (r.err));
  g_assert_cmpuint (strlen (r.out) + strlen (r.err), <, 8 * 1024);
  assert_contains (r.err, "huge-key.json");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "import", huge);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpuint (strlen (r.out) + strlen (r.err), <, 8 * 1024);
  run_clear (&r);
}


/* list --json: every draft with its revision and who saved it (null when unknown). */
static void
test_list_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CsManifest) m = make_draft ("JSON-1", 2);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  g_autofree char *user = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rows;
  JsonObject *row;

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    g_assert_no_error (error);
    user = g_strdup (cs_store_get_user (store));
    g_assert_true (cs_store_save (store, m, NULL, &error));
    g_assert_true (cs_store_save (store, m, NULL, &error));
    g_assert_no_error (error);
  }
  RUN (f, &r, "--db", f->db, "list", "--json");
  g_assert_cmpint (r.status, ==, 0);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "reference"), ==, "JSON-1");
  g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, m->id);
  g_assert_cmpint (json_object_get_int_member (row, "revision"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (row, "items"), ==, CS_MANIFEST_N_ITEMS (m));
  g_assert_cmpint (json_object_get_int_member (row, "errors"), ==, -1);
  g_assert_cmpstr (json_object_get_string_member (row, "updated_by"), ==, user);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (row, "updated"), "Z"));
}

/* history shows what the validator found in each export, and a confirmation, and who exported. */
static void
test_history_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = make_draft ("HIST-1", 2);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  g_autofree char *user = NULL;
  static const char sha[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    user = g_strdup (cs_store_get_user (store));

    g_assert_true (cs_store_save (store, m, NULL, &error));
    g_assert_cmpint (cs_store_record_export (store, m->id, "csv", "/a.csv", sha, 1, &error), >, 0);
    g_assert_cmpint (cs_store_record_export_full (store, m->id, "pdf", "/a.pdf", sha, 1, 3, TRUE, &error), >, 0);
    g_assert_no_error (error);
  }
  RUN (f, &r, "--db", f->db, "history", "HIST-1");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "ERRORS");
  assert_contains (r.out, "3 (confirmed)");
  assert_contains (r.out, "/a.pdf");
  assert_contains (r.out, "  -  ");
  assert_contains (r.out, "EXPORTED BY");
  {
    g_autofree char *by = g_strdup_printf ("  %s  ", user);
    assert_contains (r.out, by);
  }
}

/* consign export records what the validator found in the manifest it exported, as the editor
 * does: the audit row holds the error count (it used to hold -1, "not recorded"). */
static void
test_export_records_errors (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CsManifest) m = make_draft ("HIST-2", 2);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  g_autofree char *out = g_build_filename (f->dir, "hist-2.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  CsStoreExport *row;
  int expected;

  /* Line 1 loses its description: at least one error. */
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", NULL);
  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, m, NULL, &error));
  }
  {
    g_autoptr(CsCatalog) catalog = cs_catalog_new_default (&error);
    g_autoptr(GPtrArray) findings = NULL;

    g_assert_no_error (error);
    findings = cs_validate (m, catalog, NULL);
    expected = 0;
    for (guint i = 0; i < findings->len; i++)
      expected += ((CsFinding *) findings->pdata[i])->severity == CS_SEVERITY_ERROR;
  }
  g_assert_cmpint (expected, >, 0);

  RUN (f, &r, "--db", f->db, "export", "-f", "csv", "-o", out, "HIST-2");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    rows = cs_store_list_exports (store, "HIST-2", &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpint (row->n_errors, ==, expected);
  g_assert_false (row->errors_confirmed);
}

/* The line of @text (one of history's rows) holding @needle, or fails. */
static char *
line_with (const char *text,
           const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  g_error ("expected a line with “%s” in:\n%s", needle, text);
  return NULL;
}

/* The interchange reference `consign export -f edifact` says it sent. */
static char *
interchange_of (const char *out)
{
  const char *p = strstr (out, "interchange reference ");

  g_assert_nonnull (p);
  p += strlen ("interchange reference ");
  return g_strndup (p, strcspn (p, "\n"));
}

/* history shows, for EDIFACT exports, the recipient, the message function and the interchange
 * reference sent; other exports show "-" there. */
static void
test_history_edifact (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *edi1 = g_build_filename (f->dir, "first.edi", NULL);
  g_autofree char *edi2 = g_build_filename (f->dir, "second.edi", NULL);
  g_autofree char *ref1 = NULL;
  g_autofree char *ref2 = NULL;
  g_autofree char *row_json = NULL;
  g_autofree char *row1 = NULL;
  g_autofree char *row2 = NULL;
  g_auto(Run) r = { 0 };

  RUN (f, &r, "--db", f->db, "import", every);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  /* no EDIFACT export yet: the columns are not shown */
  RUN (f, &r, "--db", f->db, "export", "-f", "json", "-o", json, "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "history", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "RECIPIENT"));
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "export", "-f", "edifact", "--sender", "SENDER", "--recipient",
       "CNQZH-CUSTOMS", "-o", edi1, "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  ref1 = interchange_of (r.out);
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "export", "-f", "edifact", "--sender", "SENDER", "--recipient",
       "CNQZH-CUSTOMS", "-o", edi2, "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  ref2 = interchange_of (r.out);
  run_clear (&r);
  g_assert_cmpstr (ref1, !=, ref2);

  RUN (f, &r, "--db", f->db, "history", "CQ-EVERY-0001");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "RECIPIENT");
  assert_contains (r.out, "MESSAGE");
  assert_contains (r.out, "INTERCHANGE");
  row_json = line_with (r.out, json);
  row1 = line_with (r.out, edi1);
  row2 = line_with (r.out, edi2);
  /* oldest first: the original, then the replacement, each with what it sent */
  g_assert_true (strstr (r.out, row1) < strstr (r.out, row2));
  assert_contains (row1, "CNQZH-CUSTOMS");
  assert_contains (row1, " original ");
  assert_contains (row1, ref1);
  assert_contains (row2, "CNQZH-CUSTOMS");
  assert_contains (row2, " replacement ");
  assert_contains (row2, ref2);
  g_assert_null (strstr (row_json, "CNQZH-CUSTOMS"));
  g_assert_null (strstr (row_json, "original"));
}

/* consign list --search finds a draft by a part of a VIN, of a container number or of an item's
 * description (issue 13: "312017", "CSNU832" and "榴莲" found nothing). */
static void
test_list_search_parts (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *every = cs_test_fixture_path ("every-field.json");
  g_autofree char *cold = cs_test_fixture_path ("corridors/ASEAN-CQ-COLDCHAIN.json");
  g_autofree char *durian = g_build_filename (f->dir, "durian.json", NULL);
  g_autoptr(CsManifest) m = cs_json_load_file (cold, NULL);
  g_autofree char *text = NULL;
  g_auto(Run) r = { 0 };

  g_assert_nonnull (m);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", "泰国金枕榴莲（鲜） Fresh durian");
  text = cs_json_dump (m, NULL);
  g_assert_true (g_file_set_contents (durian, text, -1, NULL));
  RUN (f, &r, "--db", f->db, "import", every);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "import", durian);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "list", "--search", "042788");         /* a VIN's tail */
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "CQ-EVERY-0001");
  g_assert_null (strstr (r.out, m->reference));
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "list", "--search", "segu912");        /* a container's prefix */
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, m->reference);
  g_assert_null (strstr (r.out, "CQ-EVERY-0001"));
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "list", "--search", "榴莲");           /* a word of a description */
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, m->reference);
  g_assert_null (strstr (r.out, "CQ-EVERY-0001"));
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "list", "--search", "0%");             /* % is a character here */
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No drafts match");
}

/* history --changes: when, who and what, newest first, for a draft and for one that was deleted
 * (by id or last reference); --json; --since for every draft. */
static void
test_history_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) m = make_draft ("CHG-1", 2);
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  g_autofree char *user = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *since = g_date_time_format (yesterday, "%Y-%m-%d");
  g_auto(GStrv) lines = NULL;
  JsonArray *rows;
  JsonObject *row;

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    g_assert_no_error (error);
    user = g_strdup (cs_store_get_user (store));
    g_assert_true (cs_store_save (store, m, NULL, &error));
    g_assert_true (cs_store_save (store, m, NULL, &error));
    g_assert_true (cs_store_set_status (store, "CHG-1", "archived", &error));
    g_assert_no_error (error);
  }
  RUN (f, &r, "--db", f->db, "history", "--changes", "CHG-1");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* header, three changes, "" */
  assert_contains (lines[0], "TIME");
  assert_contains (lines[0], "BY");
  assert_contains (lines[0], "CHANGE");
  assert_contains (lines[1], "status ready → archived");
  assert_contains (lines[1], user);
  assert_contains (lines[2], "saved revision 2");
  assert_contains (lines[3], "created (revision 1)");
  run_clear (&r);

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_true (cs_store_delete (store, "CHG-1", &error));
    g_assert_no_error (error);
  }
  RUN (f, &r, "--db", f->db, "history", "--changes", m->id);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "deleted (revision 2, status archived)");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "history", "--changes", "--json", "CHG-1");
  g_assert_cmpint (r.status, ==, 0);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "deleted");
  g_assert_cmpstr (json_object_get_string_member (row, "manifest_id"), ==, m->id);
  g_assert_cmpstr (json_object_get_string_member (row, "reference"), ==, "CHG-1");
  g_assert_cmpstr (json_object_get_string_member (row, "old_status"), ==, "archived");
  g_assert_true (json_object_get_null_member (row, "new_status"));
  g_assert_cmpstr (json_object_get_string_member (row, "changed_by"), ==, user);
  g_assert_cmpint (json_object_get_int_member (row, "revision"), ==, 2);
  g_assert_false (json_object_get_boolean_member (row, "reconstructed"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (row, "changed_at"), "Z"));
  row = json_array_get_object_element (rows, 3);
  g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "created");
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "history", "--changes", "--since", since);
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "DRAFT");
  assert_contains (r.out, "CHG-1");
  assert_contains (r.out, "deleted");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "history", "--changes", "--since", "2999-01-01");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No changes recorded since then");
  run_clear (&r);

  /* what cannot be answered */
  RUN (f, &r, "--db", f->db, "history", "--changes", "NEVER-THERE");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "NEVER-THERE");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "history", "--changes", "--since", "yesterday");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "“yesterday” is not a time");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "history", "--json", "CHG-1");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "--changes");
  run_clear (&r);

  /* a store from before the trail: each draft's begins with its last save as the store knew it
   * (here by someone unknown), and says so, claiming no status change */
  {
    g_autofree char *v1_sql = cs_test_fixture_path ("store-v1.sql");
    g_autofree char *v1 = g_build_filename (f->dir, "v1.sqlite", NULL);
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (v1_sql, &text, NULL, NULL));
    sql_exec (v1, text);
    RUN (f, &r, "--db", v1, "history", "--changes", "V1-0001");
    g_assert_cmpint (r.status, ==, 0);
    assert_contains (r.out, "  -   saved revision 4, the last change known when the trail began\n");
    g_assert_null (strstr (r.out, "status"));
  }
}

/* directory changes: when, which entry, who and what, newest first; --json; --since. */
static void
test_directory_changes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) r = { 0 };
  g_autofree char *user = NULL;
  g_autofree char *party_entry = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *since = g_date_time_format (yesterday, "%Y-%m-%d");
  g_auto(GStrv) lines = NULL;
  JsonArray *rows;
  JsonObject *row;
  gint64 party_id;

  {
    g_autoptr(CsStore) store = cs_store_open (f->db, &error);
    g_autoptr(CsParty) party = cs_party_new ();
    g_autoptr(CsProduct) product = cs_product_new ();

    g_assert_no_error (error);
    user = g_strdup (cs_store_get_user (store));
    cs_record_set_string (CS_RECORD (party), "name", "Railsea Electronics");
    party_id = cs_directory_add_party (store, party, &error);
    g_assert_no_error (error);
    product->code = g_strdup ("RS-100");
    g_assert_true (cs_directory_add_product (store, product, &error));
    g_assert_no_error (error);
    cs_record_set_string (CS_RECORD (party), "name", "Railsea");
    g_assert_true (cs_directory_update_party (store, party_id, party, &error));
    g_assert_no_error (error);
    g_assert_true (cs_directory_delete_product (store, product->id, &error));
    g_assert_no_error (error);
  }
  party_entry = g_strdup_printf ("party %" G_GINT64_FORMAT, party_id);

  RUN (f, &r, "--db", f->db, "directory", "changes");
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* header, four changes, "" */
  assert_contains (lines[0], "TIME");
  assert_contains (lines[0], "ENTRY");
  assert_contains (lines[0], "BY");
  assert_contains (lines[0], "CHANGE");
  assert_contains (lines[1], "product");
  assert_contains (lines[1], "RS-100");
  assert_contains (lines[1], user);
  g_assert_true (g_str_has_suffix (lines[1], "deleted"));
  assert_contains (lines[2], party_entry);
  assert_contains (lines[2], "Railsea ");
  g_assert_true (g_str_has_suffix (lines[2], "changed"));
  g_assert_true (g_str_has_suffix (lines[3], "added"));
  assert_contains (lines[4], "Railsea Electronics");
  g_assert_true (g_str_has_suffix (lines[4], "added"));
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "directory", "changes", "--json", "--since", since);
  g_assert_cmpint (r.status, ==, 0);
  root = json_from_string (r.out, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  row = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "what"), ==, "party");
  g_assert_cmpint (json_object_get_int_member (row, "entry_id"), ==, party_id);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Railsea");
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (row, "changed_by"), ==, user);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (row, "changed_at"), "Z"));
  run_clear (&r);

  RUN (f, &r, "--db", f->db, "directory", "changes", "--since", "2999-01-01");
  g_assert_cmpint (r.status, ==, 0);
  assert_contains (r.out, "No changes of the directory recorded since then");
  run_clear (&r);

  /* what cannot be answered */
  RUN (f, &r, "--db", f->db, "directory", "changes", "--since", "yesterday");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "“yesterday” is not a time");
  run_clear (&r);
  RUN (f, &r, "--db", f->db, "directory", "list");
  g_assert_cmpint (r.status, ==, 2);
  assert_contains (r.err, "expected changes");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/cli/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("help", test_help);
  ADD ("usage-errors", test_usage_errors);
  ADD ("import-list-show", test_import_list_show);
  ADD ("bad-input", test_bad_input);
  ADD ("db-choice", test_db_choice);
  ADD ("export-history", test_export_history);
  ADD ("import-race", test_import_race);
  ADD ("import-id-collision", test_import_id_collision);
  ADD ("damaged-store", test_damaged_store);
  ADD ("short-draft", test_short_draft);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("terminal-escapes", test_terminal_escapes);
  ADD ("history-errors", test_history_errors);
  ADD ("list-json", test_list_json);
  ADD ("export-records-errors", test_export_records_errors);
  ADD ("history-edifact", test_history_edifact);
  ADD ("list-search-parts", test_list_search_parts);
  ADD ("history-changes", test_history_changes);
  ADD ("directory-changes", test_directory_changes);
#undef ADD

  return g_test_run ();
}
