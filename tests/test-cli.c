/* test-cli.c: the real `consign` binary ($CONSIGN_BIN): exit codes, output, errors, --db */

#include "config.h"

#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cs-export.h"
#include "cs-json.h"
#include "cs-store.h"
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
#undef ADD

  return g_test_run ();
}
