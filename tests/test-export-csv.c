/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-csv.c: the item CSV, read back by Python's csv module (tests/check-csv.py)
 *
 * Usage: test-export-csv PYTHON3 (meson passes debian_python).
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-export-labels.h"
#include "cs-import-csv.h"
#include "cs-json.h"
#include "cs-test-util.h"

static const char *python = "/usr/bin/python3";

typedef struct
{
  const char *fixture;
  const char *encoding;
  gboolean    bom;
  gboolean    bilingual;
} Case;

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = cs_test_fixture_path (c->fixture);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-csv.py", NULL);
  g_autoptr(CsManifest) m = cs_test_load_fixture (c->fixture);
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "items.csv", NULL);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  CsExportOptions o = { .encoding = c->encoding, .bom = c->bom, .bilingual = c->bilingual };
  const char *argv[12];
  int i = 0, status = -1;

  g_assert_true (cs_export_to_file ("csv", m, &o, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_test_count_entries (dir), ==, 1);

  argv[i++] = python;
  argv[i++] = script;
  argv[i++] = "--json";
  argv[i++] = json;
  argv[i++] = "--csv";
  argv[i++] = out;
  argv[i++] = "--encoding";
  argv[i++] = c->encoding ? c->encoding : "utf-8";
  if (c->bom && g_strcmp0 (c->encoding, "gb18030") != 0)
    argv[i++] = "--bom";
  if (c->bilingual)
    argv[i++] = "--bilingual";
  argv[i] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &stdout_text, &stderr_text, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", stdout_text, stderr_text);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("check-csv.py refused %s: %s\n%s", out, error->message, stderr_text);
  cs_test_remove_tree (dir);
}

/* Formula-looking text gets its quote; a negative value stays a bare number. */
static void
test_neutralised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("xlsx-hostile.json");
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "items.csv", NULL);
  g_autofree char *text = NULL;

  g_assert_true (cs_export_csv_write (m, NULL, out, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click me\"\")\""));
  g_assert_nonnull (strstr (text, ",'-5 degrees,"));
  g_assert_nonnull (strstr (text, ",-120,JPY,"));
  g_assert_null (strstr (text, ",=HYPERLINK"));
  cs_test_remove_tree (dir);
}

/* 40 cars in 10 containers on one line: the VIN cell names each car once with its own box,
 * read back with the core's RFC 4180 reader (the Container column still lists the line's boxes). */
static void
test_vin_boxes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("vins-40-boxes.json");
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "items.csv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) per_box = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) words = NULL;
  CsImportRow *row;
  const char *cell, *boxes;
  guint n_vins = 0;
  gsize len = 0;

  g_assert_true (cs_export_csv_write (m, NULL, out, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &data, &len, &error);
  g_assert_no_error (error);
  rows = cs_import_csv_rows (data, len, out, CS_IMPORT_ENCODING_UTF8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);                 /* the header and the one line */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (row->cells->len, ==, CS_N_ITEM_LABELS);
  boxes = g_ptr_array_index (row->cells, CS_ITEM_LABEL_CONTAINER);
  g_assert_cmpstr (boxes, ==, "TGHU8305127 FSCU4719060 CSQU3054383 CMAU5120770 OOLU8832107 "
                              "TCLU1234560 MSKU9070323 TRLU4849690 GESU5630211 SEGU2841175");
  cell = g_ptr_array_index (row->cells, CS_ITEM_LABEL_VIN);
  g_assert_true (g_str_has_prefix (cell, "LC0CE4CB0TC312001 (TGHU8305127) LC0CE4CB1TC312002 (TGHU8305127) "));
  g_assert_nonnull (strstr (cell, " LC0CE4CB4TC312005 (FSCU4719060) "));
  g_assert_true (g_str_has_suffix (cell, " (SEGU2841175)"));

  /* pairs "VIN (BOX)": every VIN of the file once, in its box, four to a box */
  words = g_strsplit (cell, " ", -1);
  for (guint k = 0; words[k] != NULL; k += 2)
    {
      CsVehicle *v = CS_MANIFEST_ITEM (m, 0)->vehicle;
      const char *box = words[k + 1];
      gsize blen;

      g_assert_nonnull (box);
      blen = strlen (box);
      g_assert_true (box[0] == '(' && box[blen - 1] == ')');
      g_assert_cmpstr (words[k], ==, v->vins[n_vins]);
      g_assert_cmpint (strncmp (box + 1, v->vin_containers[n_vins], blen - 2), ==, 0);
      g_assert_nonnull (strstr (boxes, v->vin_containers[n_vins]));
      g_hash_table_insert (per_box, v->vin_containers[n_vins],
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (per_box, v->vin_containers[n_vins])) + 1));
      n_vins++;
    }
  g_assert_cmpuint (n_vins, ==, 40);
  g_assert_cmpuint (g_hash_table_size (per_box), ==, 10);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_box, "GESU5630211")), ==, 4);

  /* and our own file imports again with every car in its box */
  {
    CsImportMapping mapping;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) items = NULL;
    CsVehicle *orig = CS_MANIFEST_ITEM (m, 0)->vehicle, *back;

    g_assert_true (cs_import_csv_detect (data, len, out, &mapping, NULL, &error));
    g_assert_no_error (error);
    items = cs_import_csv_items (data, len, out, &mapping, &problems, &error);
    g_assert_no_error (error);
    g_assert_nonnull (items);
    g_assert_cmpuint (items->len, ==, 1);
    back = CS_ITEM (g_ptr_array_index (items, 0))->vehicle;
    g_assert_nonnull (back);
    g_assert_cmpstrv (back->vins, orig->vins);
    g_assert_cmpstrv (back->vin_containers, orig->vin_containers);
  }
  cs_test_remove_tree (dir);
}

/* "VIN (BOX)" cells from other hands: a box that is no container number, and a box that follows
 * no VIN, are problems naming the row; nothing is dropped. */
static void
test_vin_box_errors (void)
{
  static const char csv[] =
    "Description,Quantity,Unit,VINs\n"
    "Sedans,2,PCE,LC0CE4CB0TC312001 (TGHU8305127) LC0CE4CB1TC312002 (NOT-A-BOX)\n"
    "Sedans,1,PCE,(TGHU8305127) LC0CE4CB3TC312004\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  CsImportMapping mapping;
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_true (cs_import_csv_detect (csv, sizeof csv - 1, "boxes.csv", &mapping, NULL, &error));
  g_assert_no_error (error);
  items = cs_import_csv_items (csv, sizeof csv - 1, "boxes.csv", &mapping, &problems, &error);
  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = cs_import_problem_to_string (g_ptr_array_index (problems, i));
      g_string_append_printf (all, "%s\n", text);
    }
  g_assert_nonnull (strstr (all->str, "boxes.csv:2:"));
  g_assert_nonnull (strstr (all->str, "NOT-A-BOX"));
  g_assert_nonnull (strstr (all->str, "boxes.csv:3:"));
  g_assert_nonnull (strstr (all->str, "(TGHU8305127)"));
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autofree char *dir = cs_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "items.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "items.csv", NULL);
  CsExportOptions latin1 = { .encoding = "latin1" };

  g_assert_false (cs_export_to_file ("csv", m, &latin1, out, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "latin1"));
  g_clear_error (&error);
  g_assert_cmpuint (cs_test_count_entries (dir), ==, 0);

  g_assert_false (cs_export_csv_write (m, NULL, missing, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_false (cs_export_to_file ("csv", m, NULL, missing, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_cmpuint (cs_test_count_entries (dir), ==, 0);
  cs_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { "railsea-electronics.json", NULL, FALSE, FALSE },
    { "every-field.json", "utf-8", TRUE, FALSE },
    { "every-field.json", "gb18030", FALSE, TRUE },
    { "xlsx-hostile.json", "utf-8", FALSE, FALSE },
    { "xlsx-hostile.json", "gb18030", TRUE, FALSE },   /* no BOM in GB18030 even when asked */
  };

  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    python = argv[1];

  g_test_add_data_func ("/export/csv/railsea-utf8", &cases[0], test_case);
  g_test_add_data_func ("/export/csv/every-field-bom", &cases[1], test_case);
  g_test_add_data_func ("/export/csv/every-field-gb18030-bilingual", &cases[2], test_case);
  g_test_add_data_func ("/export/csv/hostile-utf8", &cases[3], test_case);
  g_test_add_data_func ("/export/csv/hostile-gb18030", &cases[4], test_case);
  g_test_add_func ("/export/csv/neutralised", test_neutralised);
  g_test_add_func ("/export/csv/errors", test_errors);
  g_test_add_func ("/export/csv/vin-boxes", test_vin_boxes);
  g_test_add_func ("/export/csv/vin-box-errors", test_vin_box_errors);

  return g_test_run ();
}
