/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-import-table.c: the real binary ($CONSIGN_BIN): consign import FILE.csv|FILE.xlsx --into
 * REF, and consign parties|products import|export|list. Refused imports change nothing (the
 * draft's revision and the directory stay as they were) and exit 2. argv[1] is Debian's python3. */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "cs-directory.h"
#include "cs-test-util.h"

static const char *python;

typedef struct
{
  char  *dir;
  char  *db;
  char  *out;
  char  *err;
  int    status;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "xlsx-fixtures.py", NULL);
  g_autofree char *fx = NULL;

  f->dir = cs_test_make_tmpdir ();
  f->db = g_build_filename (f->dir, "store.sqlite", NULL);
  fx = g_build_filename (f->dir, "fx", NULL);
  {
    const char *cmd[] = { python, script, fx, NULL };

    g_assert_cmpint (cs_test_run (cmd, NULL), ==, 0);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->out);
  g_free (f->err);
}

/* Runs consign --db DB ARGS… ; "@NAME" in an argument stands for DIR/fx/NAME. */
static int
consign (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CONSIGN_BIN");
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (f->db));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, a[0] == '@' ? g_build_filename (f->dir, "fx", a + 1, NULL) : g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &f->out, &f->err, &f->status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", f->out, f->err);
  g_assert_true (WIFEXITED (f->status));
  return WEXITSTATUS (f->status);
}

static gint64
revision_of (Fixture    *f,
             const char *ref)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->db, &error);

  g_assert_no_error (error);
  return cs_store_get_revision (store, ref, &error);
}

static CsManifest *
load (Fixture    *f,
      const char *ref)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->db, &error);
  CsManifest *m;

  g_assert_no_error (error);
  m = cs_store_load (store, ref, &error);
  g_assert_no_error (error);
  return m;
}

#define REF "CQ-EVERY-0001"

static void
import_draft (Fixture *f)
{
  g_autofree char *json = cs_test_fixture_path ("every-field.json");

  g_assert_cmpint (consign (f, "import", json, NULL), ==, 0);
}

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CsManifest) m = NULL;
  guint before;
  CsItem *last;

  import_draft (f);
  m = load (f, REF);
  before = cs_list_length (m->items);
  g_clear_object (&m);

  /* dry run: reported, nothing written */
  g_assert_cmpint (consign (f, "import", "@openpyxl-items.xlsx", "--into", REF, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "3 lines are good"));
  g_assert_cmpint (revision_of (f, REF), ==, 1);

  g_assert_cmpint (consign (f, "import", "@openpyxl-items.xlsx", "--into", REF,
                            "--map", "Packed on=marks", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Added 3 lines"));
  m = load (f, REF);
  g_assert_cmpuint (cs_list_length (m->items), ==, before + 3);
  last = cs_list_index (m->items, before + 2);
  g_assert_cmpstr (last->description, ==, "Tractor parts");
  g_assert_cmpstr (last->marks, ==, "2024-03-07T12:30:00");
  g_assert_cmpfloat (last->line, ==, ((CsItem *) cs_list_index (m->items, before + 1))->line + 1);
  g_assert_cmpint (revision_of (f, REF), ==, 2);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *gb = cs_test_fixture_path ("csv-items-gb18030.csv");

  import_draft (f);
  /* every bad row on stderr, in the file:row: column: what form, exit 2, nothing written */
  g_assert_cmpint (consign (f, "import", "@openpyxl-bad-rows.xlsx", "--into", REF, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "openpyxl-bad-rows.xlsx:5: Quantity: “ten” is not a number\n"));
  g_assert_nonnull (strstr (f->err, "openpyxl-bad-rows.xlsx:6: Gross kg: the cell holds the error value #N/A\n"));
  g_assert_nonnull (strstr (f->err, "openpyxl-bad-rows.xlsx:7: Origin:"));
  g_assert_nonnull (strstr (f->err, "openpyxl-bad-rows.xlsx:8: Description:"));
  g_assert_nonnull (strstr (f->err, "4 problems; nothing was imported"));
  g_assert_cmpint (revision_of (f, REF), ==, 1);

  /* damaged workbooks, a CSV in another encoding, a draft that is not there, usage */
  g_assert_cmpint (consign (f, "import", "@truncated.xlsx", "--into", REF, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "truncated"));
  g_assert_cmpint (consign (f, "import", "@openpyxl-merged.xlsx", "--into", REF, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "A1:C1"));
  g_assert_cmpint (consign (f, "import", "@openpyxl-formula.xlsx", "--into", REF, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "Sheet!C2"));
  g_assert_cmpint (consign (f, "import", gb, "--into", REF, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--encoding"));
  g_assert_cmpint (consign (f, "import", "@openpyxl-items.xlsx", "--into", "NO-SUCH", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "NO-SUCH"));
  g_assert_cmpint (consign (f, "import", "@openpyxl-items.xlsx", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--into"));
  {
    g_autofree char *json = cs_test_fixture_path ("every-field.json");

    g_assert_cmpint (consign (f, "import", json, "--into", REF, NULL), ==, 2);
    g_assert_nonnull (strstr (f->err, "JSON manifest"));
  }
  g_assert_cmpint (consign (f, "import", "@openpyxl-items.xlsx", "--into", REF, "--sheet", "Nope", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "“Items”"));
  g_assert_cmpint (revision_of (f, REF), ==, 1);

  /* with the encoding chosen, the GB18030 file is read; its car's VIN is already in the draft:
   * refused on its row and cell, as a VIN repeated within the file is */
  g_assert_cmpint (consign (f, "import", gb, "--into", REF, "--encoding", "gb18030", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "csv-items-gb18030.csv:3: 车架号: VIN LJCPCBLCX11000237 is "
                                    "already on line 4 of " REF "\n"));
  g_assert_nonnull (strstr (f->err, "1 problem; nothing was imported"));
  g_assert_cmpint (revision_of (f, REF), ==, 1);
  /* without its VIN column it goes in */
  g_assert_cmpint (consign (f, "import", gb, "--into", REF, "--encoding", "gb18030", "--map", "车架号=",
                            NULL), ==, 0);
  g_assert_cmpint (revision_of (f, REF), ==, 2);
}

static void
test_vins (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *vins = g_build_filename (f->dir, "vins.csv", NULL);
  g_autoptr(CsManifest) m = NULL;
  CsItem *car = NULL;

  import_draft (f);
  m = load (f, REF);
  for (guint i = 0; i < cs_list_length (m->items); i++)
    if (g_strcmp0 (((CsItem *) cs_list_index (m->items, i))->category, "vehicle") == 0 && car == NULL)
      car = cs_list_index (m->items, i);
  g_assert_nonnull (car);
  g_assert_true (g_file_set_contents (vins, "车架号\r\nLSGAR5AL2MH123456\r\n", -1, NULL));
  {
    g_autofree char *line = g_strdup_printf ("%g", car->line);
    guint n = g_strv_length (car->vehicle->vins);
    g_autoptr(CsManifest) after = NULL;

    g_assert_cmpint (consign (f, "import", vins, "--into", REF, "--kind", "vins", "--line", line, NULL), ==, 0);
    after = load (f, REF);
    for (guint i = 0; i < cs_list_length (after->items); i++)
      {
        CsItem *it = cs_list_index (after->items, i);

        if (it->line == car->line)
          {
            g_assert_cmpuint (g_strv_length (it->vehicle->vins), ==, n + 1);
            g_assert_cmpstr (it->vehicle->vins[n], ==, "LSGAR5AL2MH123456");
          }
      }
    /* the same VIN again is refused, on its row */
    g_assert_cmpint (consign (f, "import", vins, "--into", REF, "--kind", "vins", "--line", line, NULL), ==, 2);
    {
      g_autofree char *want = g_strdup_printf ("vins.csv:2: 车架号: VIN LSGAR5AL2MH123456 is already on "
                                               "line %s of " REF "\n", line);

      g_assert_nonnull (strstr (f->err, want));
    }
  }
}

static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *parties = g_build_filename (f->dir, "parties.xlsx", NULL);
  g_autofree char *parties_csv = g_build_filename (f->dir, "parties.csv", NULL);
  g_autofree char *products = g_build_filename (f->dir, "products.xlsx", NULL);
  g_autofree char *out = NULL;
  const char *write_parties[] = {
    python, "-c",
    "import sys, openpyxl\n"
    "wb = openpyxl.Workbook(); ws = wb.active\n"
    "ws.append(['名称', 'Latin name', 'Country', '纳税人识别号', 'Phone'])\n"
    "ws.append(['北京汽车进出口有限公司', 'Beijing Auto', 'CN', '91110000600037341L', '+86 10 1'])\n"
    "ws.append([None, 'Almaty Motors LLP', 'KZ', '123456789012', None])\n"
    "wb.save(sys.argv[1])\n", parties, NULL };
  const char *bad_parties[] = {
    python, "-c",
    "import sys, openpyxl\n"
    "wb = openpyxl.Workbook(); ws = wb.active\n"
    "ws.append(['Name', 'Country', 'Tax ID'])\n"
    "ws.append(['Good Co', 'CN', '911100007109288314'])\n"
    "ws.append(['Bad Co', 'CN', '91500000MA60000001'])\n"
    "ws.append(['Twice Co', 'CN', '911100007109288314'])\n"
    "wb.save(sys.argv[1])\n", parties, NULL };

  g_assert_cmpint (cs_test_run (write_parties, NULL), ==, 0);
  g_assert_cmpint (consign (f, "parties", "import", parties, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported 2 parties"));
  g_assert_cmpint (consign (f, "parties", "list", "almaty", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Almaty Motors LLP"));
  g_assert_null (strstr (f->out, "Beijing"));

  /* a refused file: every row, nothing written */
  g_assert_cmpint (cs_test_run (bad_parties, NULL), ==, 0);
  g_assert_cmpint (consign (f, "parties", "import", parties, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "parties.xlsx:3: Tax ID: “91500000MA60000001” is not a unified "
                                    "social credit code: its check character should be D"));
  g_assert_nonnull (strstr (f->err, "parties.xlsx:4: Tax ID: the tax id 911100007109288314 is also on row 2"));
  g_assert_cmpint (consign (f, "parties", "list", NULL), ==, 0);
  g_assert_null (strstr (f->out, "Good Co"));

  g_assert_cmpint (consign (f, "parties", "export", parties_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (parties_csv, &out, NULL, NULL));
  g_assert_nonnull (strstr (out, "Almaty Motors LLP"));
  g_assert_cmpint (consign (f, "parties", "export", "/nonexistent-dir/p.xlsx", NULL), ==, 2);
  g_assert_cmpint (consign (f, "parties", "frobnicate", "x", NULL), ==, 2);

  g_assert_cmpint (consign (f, "products", "export", products, NULL), ==, 0);
  g_assert_cmpint (consign (f, "products", "import", products, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported 0 products"));
}

/* consign parties|products import FILE.csv: a parties CSV as Excel writes it (byte-order mark,
 * CRLF, semicolons), a products CSV in GB18030 with Chinese headers (--encoding), and a refused
 * CSV: every bad row as file:line: column, exit 2, nothing written. */
static void
test_directory_csv (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *parties = g_build_filename (f->dir, "parties.csv", NULL);
  g_autofree char *products = g_build_filename (f->dir, "products.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  const char *write_parties[] = {
    python, "-c",
    "import sys, csv\n"
    "with open(sys.argv[1], 'w', encoding='utf-8-sig', newline='') as f:\n"
    "    w = csv.writer(f, delimiter=';')\n"
    "    w.writerow(['名称', 'Latin name', 'Country', '纳税人识别号', 'Phone'])\n"
    "    w.writerow(['北京汽车进出口有限公司', 'Beijing Auto; Export', 'CN', '91110000600037341L', '+86 10 1'])\n"
    "    w.writerow(['', 'Almaty Motors LLP', 'KZ', '123456789012', ''])\n", parties, NULL };
  const char *write_products[] = {
    python, "-c",
    "import sys\n"
    "open(sys.argv[1], 'wb').write(('货号,英文品名,中文品名,商品编码,单位毛重\\r\\n'\n"
    "    'S07-BEV,Passenger car,纯电动乘用车,870380,1950\\r\\n'\n"
    "    'B8,Bolt,螺栓,731815,0.02\\r\\n').encode('gb18030'))\n", products, NULL };

  g_assert_cmpint (cs_test_run (write_parties, NULL), ==, 0);
  g_assert_cmpint (consign (f, "parties", "import", parties, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported 2 parties"));
  g_assert_cmpint (consign (f, "parties", "list", "beijing", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Beijing Auto; Export"));

  g_assert_cmpint (cs_test_run (write_products, NULL), ==, 0);
  g_assert_cmpint (consign (f, "products", "import", products, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "products.csv"));
  g_assert_cmpint (consign (f, "products", "import", products, "--encoding", "gb18030", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Imported 2 products"));
  g_assert_cmpint (consign (f, "products", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "纯电动乘用车"));

  /* refused: every bad row, nothing written */
  g_assert_true (g_file_set_contents (bad, "\xEF\xBB\xBFName;Country;Tax ID\r\n"
                                           "Good Co;CN;911100007109288314\r\n"
                                           "Bad Co;CN;91500000MA60000001\r\n"
                                           "Twice Co;CN;911100007109288314\r\n", -1, NULL));
  g_assert_cmpint (consign (f, "parties", "import", bad, NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "bad.csv:3: Tax ID: “91500000MA60000001” is not a unified "
                                    "social credit code: its check character should be D"));
  g_assert_nonnull (strstr (f->err, "bad.csv:4: Tax ID: the tax id 911100007109288314 is also on row 2"));
  g_assert_cmpint (consign (f, "parties", "list", NULL), ==, 0);
  g_assert_null (strstr (f->out, "Good Co"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  python = argv[1];

  g_test_add ("/cli-table/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/cli-table/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/cli-table/vins", Fixture, NULL, fixture_set_up, test_vins, fixture_tear_down);
  g_test_add ("/cli-table/directory", Fixture, NULL, fixture_set_up, test_directory, fixture_tear_down);
  g_test_add ("/cli-table/directory-csv", Fixture, NULL, fixture_set_up, test_directory_csv,
              fixture_tear_down);
  return g_test_run ();
}
