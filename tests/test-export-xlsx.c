/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-xlsx.c: the Excel export, read back by an independent reader (openpyxl)
 *
 * Each case writes a workbook into a fresh temporary folder through cs_export_to_file (the
 * path every caller uses), then runs tests/check-xlsx.py with Debian's python3, which compares
 * every sheet with the manifest's JSON on its own. Any difference, or openpyxl failing to read
 * the file, fails the test. Usage: test-export-xlsx PYTHON3 (meson passes debian_python).
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cs-bench-gen.h"
#include "cs-catalog.h"
#include "cs-export.h"
#include "cs-finding.h"
#include "cs-json.h"
#include "cs-test-util.h"

static const char *python = "/usr/bin/python3";

typedef CsTestTmp Tmp;

static CsManifest *
load_fixture (const char *name,
              char      **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  CsManifest *m = cs_json_load_file (path, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return m;
}

/* Writes @m as JSON into @dir, for the checker to compare against. */
static char *
dump_json (CsManifest *m,
           const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  char *path = g_build_filename (dir, "expected.json", NULL);
  gsize len;

  data = cs_json_dump (m, &len);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
dump_findings (GPtrArray  *findings,
               const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) s = g_string_new ("[");
  char *path = g_build_filename (dir, "findings.json", NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = g_ptr_array_index (findings, i);

      g_string_append (s, i ? ",\n {" : "\n {");
      g_string_append (s, "\"severity\": ");
      cs_json_append_string (s, cs_severity_to_string (f->severity));
      g_string_append (s, ", \"rule\": ");
      cs_json_append_string (s, f->rule);
      g_string_append (s, ", \"path\": ");
      cs_json_append_string (s, f->path);
      g_string_append (s, ", \"message\": ");
      cs_json_append_string (s, cs_finding_get_message (f));
      g_string_append (s, ", \"hint\": ");
      if (cs_finding_get_hint (f) != NULL)
        cs_json_append_string (s, cs_finding_get_hint (f));
      else
        g_string_append (s, "null");
      g_string_append (s, "}");
    }
  g_string_append (s, "\n]\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs check-xlsx.py; its verdict (and openpyxl's ability to read the file) decides the test. */
static void
run_checker (const char *json,
             const char *xlsx,
             const char *extra1,
             const char *extra2)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-xlsx.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[10];
  int i = 0, status = -1;

  argv[i++] = python;
  argv[i++] = script;
  argv[i++] = "--json";
  argv[i++] = json;
  argv[i++] = "--xlsx";
  argv[i++] = xlsx;
  if (extra1 != NULL)
    argv[i++] = extra1;
  if (extra2 != NULL)
    argv[i++] = extra2;
  argv[i] = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("check-xlsx.py refused %s: %s\n%s", xlsx, error->message, err);
}

static void
export_ok (CsManifest            *m,
           const CsExportOptions *o,
           const char            *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  g_assert_true (cs_export_to_file ("xlsx", m, o, path, &sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha), ==, 64);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_fixture (Tmp          *t,
              gconstpointer data)
{
  g_autofree char *json = NULL;
  g_autoptr(CsManifest) m = load_fixture (data, &json);
  g_autofree char *out = g_build_filename (t->dir, "out.xlsx", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-04-05T08:00:00Z", NULL);
  CsExportOptions o = { .now = now };

  export_ok (m, &o, out);
  run_checker (json, out, "--created", "2026-04-05T08:00:00Z");
  /* and the same file streamed, as for a large export */
  run_checker (json, out, "--read-only", NULL);
  /* nothing else is left in the folder: no temporary file */
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 1);
}

static void
test_bilingual_findings (Tmp          *t,
                         gconstpointer data)
{
  g_autofree char *json = NULL;
  g_autoptr(CsManifest) m = load_fixture ("every-field.json", &json);
  g_autofree char *out = g_build_filename (t->dir, "bilingual.xlsx", NULL);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *fjson = NULL;
  g_autofree char *findings_arg = NULL;
  CsExportOptions o = { .bilingual = TRUE, .findings = findings };

  g_ptr_array_add (findings, cs_finding_new ("container.vgm_missing", CS_SEVERITY_ERROR,
                                             "containers[2].vgm_kg",
                                             "Container CSQU3054383 has no verified gross mass",
                                             "=Weigh the packed box (method 1) or add the contents to the tare (method 2)"));
  g_ptr_array_add (findings, cs_finding_new ("document.expiring", CS_SEVERITY_WARNING,
                                             "documents[4].expires_on",
                                             "植物检疫证书将在运输期间到期", NULL));
  fjson = dump_findings (findings, t->dir);
  findings_arg = g_strdup_printf ("--findings=%s", fjson);
  export_ok (m, &o, out);
  run_checker (json, out, "--bilingual", findings_arg);
}

/* Identical findings are one entry: four of a shape are grouped, three stay one row each, and a
 * group whose paths do not fit in one cell (32,767 characters) goes on in the rows below. The
 * checker works out the expected rows from the findings on its own. */
static void
test_grouped_findings (Tmp          *t,
                       gconstpointer data)
{
  g_autofree char *json = NULL;
  g_autoptr(CsManifest) m = load_fixture ("every-field.json", &json);
  g_autofree char *out = g_build_filename (t->dir, "grouped.xlsx", NULL);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *fjson = NULL;
  g_autofree char *findings_arg = NULL;
  CsExportOptions o = { .findings = findings };

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *path = g_strdup_printf ("items[%u].hs_code", i * 3);
      g_autofree char *msg = g_strdup_printf ("Line %u has no HS code", i * 3 + 1);

      g_ptr_array_add (findings, cs_finding_new ("item.hs_missing", CS_SEVERITY_ERROR, path, msg,
                                                 "Look the goods up in the tariff"));
      if (i < 4)
        {
          g_autofree char *p2 = g_strdup_printf ("documents[%u].number", i);

          g_ptr_array_add (findings, cs_finding_new ("document.number_missing", CS_SEVERITY_WARNING,
                                                     p2, "A document has no number", NULL));
        }
      if (i < 3)
        {
          g_autofree char *p3 = g_strdup_printf ("containers[%u].seal", i);

          g_ptr_array_add (findings, cs_finding_new ("container.seal_missing", CS_SEVERITY_WARNING,
                                                     p3, "A container has no seal", NULL));
        }
    }
  fjson = dump_findings (findings, t->dir);
  findings_arg = g_strdup_printf ("--findings=%s", fjson);
  export_ok (m, &o, out);
  run_checker (json, out, findings_arg, NULL);
}

static void
test_no_findings (Tmp          *t,
                  gconstpointer data)
{
  g_autofree char *json = NULL;
  g_autoptr(CsManifest) m = load_fixture ("railsea-electronics.json", &json);
  g_autofree char *out = g_build_filename (t->dir, "clean.xlsx", NULL);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *fjson = dump_findings (findings, t->dir);
  g_autofree char *findings_arg = g_strdup_printf ("--findings=%s", fjson);
  CsExportOptions o = { .findings = findings };

  export_ok (m, &o, out);
  run_checker (json, out, findings_arg, NULL);
}

/* Money follows the currency's minor units: KWD has three decimals (from the built-in table, and
 * from the catalog's iso-codes data when a catalog is passed). */
static void
test_currency_kwd (Tmp          *t,
                   gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = load_fixture ("every-field.json", NULL);
  g_autofree char *out = g_build_filename (t->dir, "kwd.xlsx", NULL);
  g_autofree char *json = NULL;
  g_autoptr(CsCatalog) catalog = cs_catalog_new_full (NULL, NULL, NULL, &error);
  CsExportOptions o = { .catalog = catalog };

  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (m), "currency", "KWD");
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "value", 1234.567);
  json = dump_json (m, t->dir);
  export_ok (m, NULL, out);
  run_checker (json, out, NULL, NULL);
  export_ok (m, &o, out);
  run_checker (json, out, NULL, NULL);
}

static void
test_empty_manifest (Tmp          *t,
                     gconstpointer data)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autofree char *out = g_build_filename (t->dir, "empty.xlsx", NULL);
  g_autofree char *json = dump_json (m, t->dir);

  export_ok (m, NULL, out);
  run_checker (json, out, NULL, NULL);
}

/* 100,000 items in constant-memory mode, read back in openpyxl's read-only mode. */
static void
test_large (Tmp          *t,
            gconstpointer data)
{
  g_autoptr(CsManifest) m = cs_bench_generate (100000, 7);
  g_autofree char *out = g_build_filename (t->dir, "large.xlsx", NULL);
  g_autofree char *json = dump_json (m, t->dir);
  CsTotals totals;

  cs_manifest_compute_totals (m, &totals);
  g_assert_cmpuint (totals.n_items, ==, 100000);
  g_assert_cmpuint (totals.n_vins, >, 0);
  export_ok (m, NULL, out);
  run_checker (json, out, "--read-only", NULL);
}

static void
test_unwritable_folder (Tmp          *t,
                        gconstpointer data)
{
  g_autoptr(CsManifest) m = load_fixture ("railsea-electronics.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (t->dir, "no-such-folder", "out.xlsx", NULL);
  g_autofree char *file = g_build_filename (t->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "out.xlsx", NULL);

  /* Through the atomic path: refused before anything is written. */
  g_assert_false (cs_export_to_file ("xlsx", m, NULL, missing, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 0);
  g_clear_error (&error);

  /* The writer on its own: libxlsxwriter's failure at workbook_close becomes a GError. */
  g_assert_false (cs_export_xlsx_write (m, NULL, missing, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_file_set_contents (file, "x", 1, &error);
  g_assert_no_error (error);
  g_assert_false (cs_export_xlsx_write (m, NULL, under_file, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (cs_export_to_file ("xlsx", m, NULL, under_file, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 1);
}

/* A cell longer than Excel allows is refused with the place named; nothing is left behind and an
 * earlier file at the target survives untouched. */
static void
test_text_too_long (Tmp          *t,
                    gconstpointer data)
{
  g_autoptr(CsManifest) m = load_fixture ("railsea-electronics.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (t->dir, "out.xlsx", NULL);
  g_autofree char *huge = g_strnfill (40000, 'x');
  g_autofree char *before = NULL;
  gsize len;

  g_file_set_contents (out, "previous export", -1, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 1)), "description", huge);
  g_assert_false (cs_export_to_file ("xlsx", m, NULL, out, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "items[1]"));
  g_assert_nonnull (strstr (error->message, "32767"));
  g_assert_cmpuint (cs_test_count_entries (t->dir), ==, 1);
  g_file_get_contents (out, &before, &len, NULL);
  g_assert_cmpstr (before, ==, "previous export");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    python = argv[1];

  g_test_add ("/export/xlsx/railsea", Tmp, "railsea-electronics.json", cs_test_tmp_setup, test_fixture, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/every-field", Tmp, "every-field.json", cs_test_tmp_setup, test_fixture, cs_test_tmp_teardown);
  /* 40 cars over 10 containers: each VIN once, on the row of its own box */
  g_test_add ("/export/xlsx/vins-in-boxes", Tmp, "vins-40-boxes.json", cs_test_tmp_setup, test_fixture, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/hostile-text", Tmp, "xlsx-hostile.json", cs_test_tmp_setup, test_fixture, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/bilingual-findings", Tmp, NULL, cs_test_tmp_setup, test_bilingual_findings, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/grouped-findings", Tmp, NULL, cs_test_tmp_setup, test_grouped_findings, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/no-findings", Tmp, NULL, cs_test_tmp_setup, test_no_findings, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/currency-kwd", Tmp, NULL, cs_test_tmp_setup, test_currency_kwd, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/empty", Tmp, NULL, cs_test_tmp_setup, test_empty_manifest, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/unwritable", Tmp, NULL, cs_test_tmp_setup, test_unwritable_folder, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/too-long", Tmp, NULL, cs_test_tmp_setup, test_text_too_long, cs_test_tmp_teardown);
  g_test_add ("/export/xlsx/large-100k", Tmp, NULL, cs_test_tmp_setup, test_large, cs_test_tmp_teardown);

  return g_test_run ();
}
