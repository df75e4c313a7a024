/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-directory.c: the party directory and the product catalogue (store tables, search, tax id
 * checks and clashes, filling a party group and a cargo line, export read back by openpyxl,
 * all-or-nothing import). argv[1] is Debian's python3. With CONSIGN_TEST_DB (a postgresql://
 * URI), the same tests run on PostgreSQL. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "cs-db.h"
#include "cs-directory.h"
#include "cs-export.h"
#include "cs-export-directory.h"
#include "cs-test-util.h"

static const char *python;

/* With CONSIGN_TEST_DB set to a postgresql:// URI (tests/pg-cluster.sh), the store of each
 * fixture is a new database on that server instead of a SQLite file. */
static const char *pg_admin_location;

typedef struct
{
  char    *dir;
  char    *pg_name;
  CsStore *store;
} Fixture;

static void
pg_admin (const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *admin = cs_db_open (pg_admin_location, 0, &error);

  g_assert_no_error (error);
  if (cs_db_exec (admin, sql) != CS_DB_OK)
    g_error ("%s: %s", sql, cs_db_errmsg (admin));
  cs_db_close (admin);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = cs_test_make_tmpdir ();
  if (pg_admin_location != NULL)
    {
      static guint n;
      g_autofree char *create = NULL;
      const char *slash = strchr (strstr (pg_admin_location, "://") + 3, '/');
      const char *query = strchr (slash, '?');

      f->pg_name = g_strdup_printf ("consign_test_directory_%d_%u", (int) getpid (), ++n);
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_name);
      pg_admin (create);
      path = g_strdup_printf ("%.*s/%s%s", (int) (slash - pg_admin_location), pg_admin_location,
                              f->pg_name, query ? query : "");
    }
  else
    path = g_build_filename (f->dir, "store.sqlite", NULL);
  f->store = cs_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  if (f->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->pg_name);
      pg_admin (drop);
    }
  cs_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->pg_name);
}

static CsParty *
party (const char *name,
       const char *latin,
       const char *country,
       const char *tax_id)
{
  CsParty *p = cs_party_new ();

  cs_record_set_string (CS_RECORD (p), "name", name);
  cs_record_set_string (CS_RECORD (p), "name_latin", latin);
  cs_record_set_string (CS_RECORD (p), "country", country);
  cs_record_set_string (CS_RECORD (p), "tax_id", tax_id);
  return p;
}

static void
test_tax_id (void)
{
  g_autofree char *ok = cs_directory_check_tax_id ("CN", "91110000600037341L");
  g_autofree char *bad = cs_directory_check_tax_id ("cn", "91500000MA60000001");
  g_autofree char *shorter = cs_directory_check_tax_id ("CN", "9111000060003734");
  g_autofree char *letters = cs_directory_check_tax_id ("CN", "91110000600037341I");
  g_autofree char *foreign = cs_directory_check_tax_id ("DE", "DE811115368");
  g_autofree char *spaced = cs_directory_check_tax_id ("DE", "DE 811115368");
  /* 18 characters, one a full-width digit (3 bytes): the wrong character, not the wrong length */
  g_autofree char *wide = cs_directory_check_tax_id ("CN", "9111000060003７341L");
  g_autofree char *wide_last = cs_directory_check_tax_id ("CN", "91110000600037341Ｌ");

  g_assert_null (ok);
  g_assert_nonnull (strstr (bad, "should be D"));
  g_assert_nonnull (strstr (shorter, "16 characters"));
  g_assert_nonnull (letters);
  g_assert_null (foreign);
  g_assert_nonnull (spaced);
  g_assert_nonnull (strstr (wide, "outside digits"));
  g_assert_null (strstr (wide, "18 characters"));
  g_assert_nonnull (strstr (wide_last, "outside digits"));
}

static void
test_parties (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsParty) a = party ("北京汽车进出口有限公司", "Beijing Auto Import & Export Co., Ltd.", "CN",
                                "91110000600037341L");
  g_autoptr(CsParty) b = party (NULL, "Almaty Motors LLP", "KZ", "123456789012");
  g_autoptr(CsParty) c = party ("北京汽车销售公司", NULL, "CN", "91110000600037341l");
  g_autoptr(CsParty) bad = party ("坏公司", NULL, "CN", "91500000MA60000001");
  g_autoptr(CsParty) nameless = party (NULL, NULL, "DE", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) dups = NULL;
  gint64 ida, idb, idc;

  cs_record_set_string (CS_RECORD (a), "address", "北京市朝阳区");
  cs_record_set_string (CS_RECORD (a), "email", "export@bjauto.example");
  ida = cs_directory_add_party (f->store, a, &error);
  g_assert_no_error (error);
  idb = cs_directory_add_party (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ida, >, 0);
  g_assert_cmpint (idb, >, ida);

  g_assert_cmpint (cs_directory_add_party (f->store, bad, &error), ==, 0);
  g_assert_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cs_directory_add_party (f->store, nameless, &error), ==, 0);
  g_assert_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_INVALID);
  g_clear_error (&error);

  /* by part of the name, of the Latin name (case ignored), by the start of the tax id */
  found = cs_directory_search_parties (f->store, "汽车", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (cs_record_equal (CS_RECORD (((CsDirectoryParty *) found->pdata[0])->party),
                                  CS_RECORD (a)));   /* every field came back */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cs_directory_search_parties (f->store, "almaty", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((CsDirectoryParty *) found->pdata[0])->id, ==, idb);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cs_directory_search_parties (f->store, "9111", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cs_directory_search_parties (f->store, "100%", 0, &error);   /* wildcards are text */
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* the same tax id (case ignored) again: stored, and reported */
  idc = cs_directory_add_party (f->store, c, &error);
  g_assert_no_error (error);
  found = cs_directory_party_tax_id_clashes (f->store, "91110000600037341L", idc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((CsDirectoryParty *) found->pdata[0])->id, ==, ida);
  g_clear_pointer (&found, g_ptr_array_unref);
  dups = cs_directory_tax_id_duplicates (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (dups), ==, 1);
  g_assert_cmpstr (dups[0], ==, "91110000600037341L");
  /* an exact tax id comes first */
  found = cs_directory_search_parties (f->store, "91110000600037341L", 0, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  cs_record_set_string (CS_RECORD (c), "tax_id", "911100007109288314");
  g_assert_true (cs_directory_update_party (f->store, idc, c, &error));
  g_assert_no_error (error);
  g_strfreev (dups);
  dups = cs_directory_tax_id_duplicates (f->store, &error);
  g_assert_cmpuint (g_strv_length (dups), ==, 0);

  g_assert_true (cs_directory_delete_party (f->store, idb, &error));
  g_assert_false (cs_directory_delete_party (f->store, idb, &error));
  g_assert_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND);
}

static guint changes;

static void
count_change (CsRecord   *root,
              CsRecord   *origin,
              const char *field,
              gpointer    data)
{
  changes++;
}

static void
test_fill_party (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsParty) entry = party ("北京汽车进出口有限公司", "Beijing Auto", "CN", "91110000600037341L");
  CsParty *consignee = m->parties->consignee;
  g_autoptr(CsRecord) before = cs_record_copy (CS_RECORD (entry));

  g_assert_nonnull (consignee);
  g_signal_connect (m, "changed", G_CALLBACK (count_change), NULL);
  changes = 0;
  cs_directory_fill_party (consignee, entry);
  g_assert_cmpuint (changes, >, 0);
  g_assert_true (cs_record_equal (CS_RECORD (consignee), CS_RECORD (entry)));
  /* the draft keeps its own copy: editing it does not touch the entry */
  cs_record_set_string (CS_RECORD (consignee), "phone", "+86 10 1234 5678");
  g_assert_true (cs_record_equal (before, CS_RECORD (entry)));
}

static CsProduct *
make_product (void)
{
  CsProduct *p = cs_product_new ();
  CsRecord *it = CS_RECORD (p->item);
  CsRecord *veh;

  p->code = g_strdup ("S07-BEV");
  p->description = g_strdup ("Battery electric passenger car, Deepal S07");
  p->description_zh = g_strdup ("纯电动乘用车");
  p->currency = g_strdup ("USD");
  p->units_per_package = 1;
  cs_record_set_string (it, "hs_code", "8703801090");
  cs_record_set_string (it, "unit", "PCE");
  cs_record_set_string (it, "category", "vehicle");
  cs_record_set_number (it, "net_kg", 1900);
  cs_record_set_number (it, "gross_kg", 1950);
  cs_record_set_number (it, "volume_m3", 12.5);
  cs_record_set_number (it, "value", 18000);
  cs_record_set_string (it, "origin_country", "CN");
  cs_record_set_string (cs_record_ensure_record (it, "packages"), "type", "VN");
  veh = cs_record_ensure_record (it, "vehicle");
  cs_record_set_string (veh, "make", "Changan");
  cs_record_set_string (veh, "model", "Deepal S07");
  cs_record_set_number (veh, "model_year", 2024);
  cs_record_set_string (veh, "powertrain", "BEV");
  cs_record_set_number (veh, "battery_kwh", 66.8);
  cs_record_set_string (veh, "condition", "new");
  cs_record_set_string (cs_record_ensure_record (it, "dg"), "un_number", "3171");
  return p;
}

static void
test_products (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsProduct) p = make_product ();
  g_autoptr(CsProduct) same = make_product ();
  g_autoptr(CsProduct) got = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(CsItem) line = cs_item_new ();

  g_assert_true (cs_directory_add_product (f->store, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  g_free (same->code);
  same->code = g_strdup ("s07-bev");   /* codes are unique whatever the case */
  g_assert_false (cs_directory_add_product (f->store, same, &error));
  g_assert_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_DUPLICATE);
  g_clear_error (&error);

  got = cs_directory_get_product (f->store, "S07-bev", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->description_zh, ==, "纯电动乘用车");
  g_assert_cmpstr (got->currency, ==, "USD");
  g_assert_cmpfloat (got->units_per_package, ==, 1);
  g_assert_true (cs_record_equal (CS_RECORD (got->item), CS_RECORD (p->item)));

  for (guint i = 0; i < 4; i++)
    {
      static const char *queries[] = { "s07", "Deepal", "电动", "870380" };

      found = cs_directory_search_products (f->store, queries[i], 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_clear_pointer (&found, g_ptr_array_unref);
    }
  found = cs_directory_search_products (f->store, "8471", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* a line with its own gross weight: quantity × per unit fills the rest */
  cs_record_set_number (CS_RECORD (line), "gross_kg", 10000);
  /* chosen before: another product; choosing this one replaces the line's product code */
  cs_record_set_string (CS_RECORD (line), "product", "S05-ICE");
  cs_directory_fill_item (line, got, 5);
  g_assert_cmpstr (line->description, ==, "Battery electric passenger car, Deepal S07");
  g_assert_cmpstr (line->product, ==, "S07-BEV");   /* the line keeps its product code */
  g_assert_cmpstr (line->hs_code, ==, "8703801090");
  g_assert_cmpstr (line->category, ==, "vehicle");
  g_assert_cmpfloat (line->quantity, ==, 5);
  g_assert_cmpfloat (line->net_kg, ==, 9500);
  g_assert_cmpfloat (line->gross_kg, ==, 10000);   /* typed: kept */
  g_assert_cmpfloat (line->volume_m3, ==, 62.5);
  g_assert_cmpfloat (line->value, ==, 90000);
  g_assert_cmpfloat (line->packages->count, ==, 5);
  g_assert_cmpstr (line->packages->type, ==, "VN");
  g_assert_cmpstr (line->vehicle->model, ==, "Deepal S07");
  g_assert_cmpfloat (line->vehicle->battery_kwh, ==, 66.8);
  g_assert_cmpstr (line->dg->un_number, ==, "3171");

  /* packages round up */
  got->units_per_package = 12;
  g_clear_object (&line);
  line = cs_item_new ();
  cs_directory_fill_item (line, got, 25);
  g_assert_cmpfloat (line->packages->count, ==, 3);

  g_assert_true (cs_directory_delete_product (f->store, got->id, &error));
  g_assert_null (cs_directory_get_product (f->store, "S07-BEV", &error));
  g_assert_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND);
}

static char *
run_python (const char *code,
            const char *arg)
{
  const char *argv[] = { python, "-c", code, arg, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (cs_test_run (argv, &out), ==, 0);
  return g_steal_pointer (&out);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsParty) a = party ("北京汽车进出口有限公司", "Beijing Auto", "CN", "91110000600037341L");
  g_autoptr(CsParty) b = party (NULL, "=HYPERLINK(\"x\")", "KZ", NULL);
  g_autoptr(CsProduct) p = make_product ();
  g_autofree char *xlsx = g_build_filename (f->dir, "parties.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "parties.csv", NULL);
  g_autofree char *prod = g_build_filename (f->dir, "products.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *csv_text = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n = 0;

  g_assert_cmpint (cs_directory_add_party (f->store, a, &error), >, 0);
  g_assert_cmpint (cs_directory_add_party (f->store, b, &error), >, 0);
  g_assert_true (cs_directory_add_product (f->store, p, &error));

  g_assert_true (cs_directory_export_parties (f->store, xlsx, &error));
  g_assert_no_error (error);
  out = run_python ("import sys, openpyxl\n"
                    "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
                    "for row in ws.iter_rows(values_only=True):\n"
                    "    print('|'.join('' if v is None else str(v) for v in row))\n", xlsx);
  g_assert_nonnull (strstr (out, "ID / 编号|Name / 名称|Latin name / 英文名称|"));
  g_assert_nonnull (strstr (out, "1|北京汽车进出口有限公司|Beijing Auto||||CN|91110000600037341L|||"));
  g_assert_nonnull (strstr (out, "2||=HYPERLINK(\"x\")||||KZ||||"));   /* a string, not a formula */

  g_assert_true (cs_directory_export_parties (f->store, csv, &error));
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBFID / 编号,Name / 名称,"));
  g_assert_nonnull (strstr (csv_text, "\r\n2,,\"'=HYPERLINK(\"\"x\"\")\","));

  /* the export imports again as updates (its ID column), not as new entries */
  g_assert_true (cs_directory_import_parties (f->store, xlsx, CS_IMPORT_ENCODING_UTF8, &n, &problems,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  all = cs_directory_search_parties (f->store, NULL, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_clear_pointer (&all, g_ptr_array_unref);

  g_assert_true (cs_directory_export_products (f->store, prod, &error));
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = run_python ("import sys, openpyxl\n"
                    "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
                    "rows = list(ws.iter_rows(values_only=True))\n"
                    "d = dict(zip(rows[0], rows[1]))\n"
                    "print(d['Product code / 货号'], d['Chinese description / 中文品名'],\n"
                    "      d['Gross kg per unit / 单位毛重'], d['Battery kWh / 电池容量'],\n"
                    "      d['UN number / 联合国编号'], d['Package type / 包装种类'])\n", prod);
  g_assert_cmpstr (out, ==, "S07-BEV 纯电动乘用车 1950 66.8 3171 VN\n");
  g_assert_true (cs_directory_import_products (f->store, prod, CS_IMPORT_ENCODING_UTF8, &n, NULL,
                                               &error));
  g_assert_no_error (error);
  all = cs_directory_search_products (f->store, NULL, 0, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (cs_record_equal (CS_RECORD (((CsProduct *) all->pdata[0])->item), CS_RECORD (p->item)));
}

/* A directory file is written as every export is: never over the draft store, never over a
 * folder, and nothing of ours left beside the target (libxlsxwriter's parts, temporary files). */
static void
test_export_target (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsParty) a = party ("Almaty Trade", "Almaty Trade", "KZ", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "out", NULL);
  g_autofree char *xlsx = g_build_filename (folder, "parties.xlsx", NULL);
  g_autofree char *csv = g_build_filename (folder, "products.csv", NULL);
  g_autofree char *dir_as_target = g_build_filename (folder, "taken.xlsx", NULL);
  const char *store_path = cs_store_get_path (f->store);

  g_assert_cmpint (cs_directory_add_party (f->store, a, &error), >, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (cs_directory_export_parties (f->store, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (cs_directory_export_products (f->store, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cs_test_count_entries (folder), ==, 2);

  g_assert_cmpint (g_mkdir (dir_as_target, 0755), ==, 0);
  g_assert_false (cs_directory_export_parties (f->store, dir_as_target, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (cs_test_count_entries (folder), ==, 3);

  if (f->pg_name == NULL)
    {
      g_autofree char *over = g_strconcat (store_path, ".xlsx", NULL);
      g_autoptr(GPtrArray) all = NULL;

      /* the store under another name (a link ending in .xlsx) is still the store */
      g_assert_cmpint (symlink (store_path, over), ==, 0);
      g_assert_false (cs_directory_export_parties (f->store, over, &error));
      g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_TARGET);
      g_clear_error (&error);
      all = cs_directory_search_parties (f->store, NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, 1);
    }
}

static void
test_import_bad (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, "products.xlsx", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  guint n = 99;

  /* written by openpyxl, Chinese headers only */
  out = run_python ("import sys, openpyxl\n"
                    "wb = openpyxl.Workbook(); ws = wb.active\n"
                    "ws.append(['货号', '中文品名', '商品编码', '单位毛重', '动力类型', '原产国', '两用物项'])\n"
                    "ws.append(['P1', '螺栓', '731815', 0.02, None, 'CN', '否'])\n"
                    "ws.append(['P2', '汽车', '8703', 1500, 'diesel', 'CN', None])\n"
                    "ws.append([None, '无编号', '731816', 'heavy', None, 'China', 'maybe'])\n"
                    "ws.append(['p1', '重复', '731815', 1, None, 'CN', None])\n"
                    "wb.save(sys.argv[1])\n", path);
  g_assert_false (cs_directory_import_products (f->store, path, CS_IMPORT_ENCODING_UTF8, &n,
                                                &problems, &error));
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *s = cs_import_problem_to_string (problems->pdata[i]);
      g_string_append_printf (text, "%s\n", s);
    }
  expected = g_strdup_printf (
    "%1$s:3: 商品编码: “8703” is not an HS code (6, 8 or 10 digits)\n"
    "%1$s:3: 动力类型: “diesel” is not one of ICE, HEV, PHEV, BEV, FCEV\n"
    "%1$s:4: 单位毛重: “heavy” is not a number\n"
    "%1$s:4: 原产国: “China” is not a two-letter country code (ISO 3166)\n"
    "%1$s:4: 两用物项: “maybe” is neither yes nor no\n"
    "%1$s:4: the row has no product code\n"
    "%1$s:5: the product code p1 is also on row 2\n", path);
  g_assert_cmpstr (text->str, ==, expected);
  g_assert_cmpuint (n, ==, 99);
  all = cs_directory_search_products (f->store, NULL, 0, &error);
  g_assert_cmpuint (all->len, ==, 0);   /* nothing written */
  g_clear_pointer (&all, g_ptr_array_unref);
  g_clear_error (&error);

  /* an unknown column is an error of the whole file */
  g_clear_pointer (&out, g_free);
  out = run_python ("import sys, openpyxl\n"
                    "wb = openpyxl.Workbook(); ws = wb.active\n"
                    "ws.append(['Name', 'Colour'])\n"
                    "ws.append(['ACME', 'red'])\n"
                    "wb.save(sys.argv[1])\n", path);
  g_assert_false (cs_directory_import_parties (f->store, path, CS_IMPORT_ENCODING_UTF8, NULL, NULL,
                                               &error));
  g_assert_error (error, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“Colour”"));
}

/* CSV files as other programs write them: parties as Excel saves "CSV UTF-8" in a locale whose
 * list separator is the semicolon (byte-order mark, CRLF; written here by Python's csv module),
 * products in GB18030 with Chinese headers (Chinese Excel's plain CSV); bad rows are all reported
 * as file:line: column, the line being where the record starts, and nothing is written. */
static void
test_import_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *parties = g_build_filename (f->dir, "parties.csv", NULL);
  g_autofree char *again = g_build_filename (f->dir, "parties-export.csv", NULL);
  g_autofree char *products = g_build_filename (f->dir, "products.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autofree char *raw = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  CsParty *got;
  CsProduct *prod;
  guint n = 0;

  out = run_python ("import sys, csv\n"
                    "with open(sys.argv[1], 'w', encoding='utf-8-sig', newline='') as f:\n"
                    "    w = csv.writer(f, delimiter=';')\n"
                    "    w.writerow(['Name / 名称', 'Latin name', '国家', '纳税人识别号', 'Address', 'Phone'])\n"
                    "    w.writerow(['北京汽车进出口有限公司', 'Beijing Auto; Export', 'CN',\n"
                    "                '91110000600037341L', 'Line 1\\nLine 2', \"'+86 10 1234 5678\"])\n"
                    "    w.writerow([])\n"
                    "    w.writerow(['', 'Almaty Motors LLP', 'KZ', '123456789012', '', ''])\n",
                    parties);
  g_assert_true (g_file_get_contents (parties, &raw, NULL, NULL));
  g_assert_true (g_str_has_prefix (raw, "\xEF\xBB\xBFName / 名称;Latin name;"));
  g_assert_nonnull (strstr (raw, ";\"Beijing Auto; Export\";CN;"));
  g_assert_nonnull (strstr (raw, "Phone\r\n"));

  g_assert_true (cs_directory_import_parties (f->store, parties, CS_IMPORT_ENCODING_UTF8, &n,
                                              &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (n, ==, 2);
  found = cs_directory_search_parties (f->store, "Beijing", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  got = ((CsDirectoryParty *) found->pdata[0])->party;
  g_assert_cmpstr (got->name, ==, "北京汽车进出口有限公司");
  g_assert_cmpstr (got->name_latin, ==, "Beijing Auto; Export");
  g_assert_cmpstr (got->country, ==, "CN");
  g_assert_cmpstr (got->tax_id, ==, "91110000600037341L");
  g_assert_cmpstr (got->address, ==, "Line 1\nLine 2");
  g_assert_cmpstr (got->phone, ==, "+86 10 1234 5678");   /* the neutralising quote removed */
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cs_directory_search_parties (f->store, "Almaty", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_null (((CsDirectoryParty *) found->pdata[0])->party->name);
  g_assert_cmpstr (((CsDirectoryParty *) found->pdata[0])->party->country, ==, "KZ");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* our own CSV export (its ID column, the quote before "+86") imports as updates, unchanged */
  g_assert_true (cs_directory_export_parties (f->store, again, &error));
  g_assert_true (cs_directory_import_parties (f->store, again, CS_IMPORT_ENCODING_UTF8, &n, NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  found = cs_directory_search_parties (f->store, NULL, 0, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = cs_directory_search_parties (f->store, "Beijing", 0, &error);
  g_assert_cmpstr (((CsDirectoryParty *) found->pdata[0])->party->phone, ==, "+86 10 1234 5678");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* GB18030, Chinese headers: refused as UTF-8 (nothing written), read when the user says so */
  g_clear_pointer (&out, g_free);
  out = run_python ("import sys\n"
                    "open(sys.argv[1], 'wb').write(('货号,中文品名,商品编码,单位毛重,原产国\\r\\n'\n"
                    "    'P1,螺栓,731815,0.02,CN\\r\\n'\n"
                    "    'P2,\"汽车,纯电动\",870380,1950,CN\\r\\n').encode('gb18030'))\n", products);
  g_assert_false (cs_directory_import_products (f->store, products, CS_IMPORT_ENCODING_UTF8, &n,
                                                NULL, &error));
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);
  found = cs_directory_search_products (f->store, NULL, 0, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_true (cs_directory_import_products (f->store, products, CS_IMPORT_ENCODING_GB18030, &n,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  found = cs_directory_search_products (f->store, "纯电动", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  prod = found->pdata[0];
  g_assert_cmpstr (prod->code, ==, "P2");
  g_assert_cmpstr (prod->description_zh, ==, "汽车,纯电动");
  g_assert_cmpstr (prod->item->hs_code, ==, "870380");
  g_assert_cmpfloat (prod->item->gross_kg, ==, 1950);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* every bad row, at the line where its record starts; nothing written */
  g_assert_true (g_file_set_contents (bad, "Product code,Description,HS code,Gross kg per unit\n"
                                           "P3,\"Bolt,\nM8\",731815,heavy\n"
                                           "P4,Nut,12,1\n"
                                           "P5,Washer,731822,0.001\n", -1, NULL));
  g_assert_false (cs_directory_import_products (f->store, bad, CS_IMPORT_ENCODING_UTF8, &n,
                                                &problems, &error));
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *s = cs_import_problem_to_string (problems->pdata[i]);
      g_string_append_printf (text, "%s\n", s);
    }
  expected = g_strdup_printf ("%1$s:2: Gross kg per unit: “heavy” is not a number\n"
                              "%1$s:4: HS code: “12” is not an HS code (6, 8 or 10 digits)\n", bad);
  g_assert_cmpstr (text->str, ==, expected);
  found = cs_directory_search_products (f->store, NULL, 0, &error);
  g_assert_cmpuint (found->len, ==, 2);   /* P1 and P2 only */
}

/* One way to name a party in one line, and one sentence for a tax id other entries have. */
static void
test_display_names (void)
{
  g_autoptr(CsParty) p = cs_party_new ();
  g_autoptr(GPtrArray) clashes = g_ptr_array_new ();
  CsDirectoryParty a = { 0 }, b = { 0 };
  g_autoptr(CsParty) pa = cs_party_new ();
  g_autoptr(CsParty) pb = cs_party_new ();
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  g_assert_cmpstr (cs_party_display_name (p), ==, "");
  cs_record_set_string (CS_RECORD (p), "name_latin", "Hanoi Motors JSC");
  g_assert_cmpstr (cs_party_display_name (p), ==, "Hanoi Motors JSC");
  cs_record_set_string (CS_RECORD (p), "name", "");
  g_assert_cmpstr (cs_party_display_name (p), ==, "Hanoi Motors JSC");   /* empty is no name */
  cs_record_set_string (CS_RECORD (p), "name", "河内汽车");
  g_assert_cmpstr (cs_party_display_name (p), ==, "河内汽车");

  cs_record_set_string (CS_RECORD (pa), "name", "广西北部湾贸易有限公司");
  cs_record_set_string (CS_RECORD (pb), "name_latin", "Beibu Gulf Trading");
  a.party = pa;
  b.party = pb;
  g_ptr_array_add (clashes, &a);
  one = cs_directory_clash_text (clashes);
  g_assert_cmpstr (one, ==, "This tax id is also in the directory as “广西北部湾贸易有限公司”.");
  g_ptr_array_add (clashes, &b);
  two = cs_directory_clash_text (clashes);
  g_assert_cmpstr (two, ==, "This tax id is also in the directory as “广西北部湾贸易有限公司”, "
                            "“Beibu Gulf Trading”.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  python = argv[1];
  if (cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB")))
    pg_admin_location = g_getenv ("CONSIGN_TEST_DB");

  g_test_add_func ("/directory/tax-id", test_tax_id);
  g_test_add_func ("/directory/fill-party", test_fill_party);
  g_test_add_func ("/directory/display-names", test_display_names);
  g_test_add ("/directory/parties", Fixture, NULL, fixture_set_up, test_parties, fixture_tear_down);
  g_test_add ("/directory/products", Fixture, NULL, fixture_set_up, test_products, fixture_tear_down);
  g_test_add ("/directory/export-import", Fixture, NULL, fixture_set_up, test_export_import,
              fixture_tear_down);
  g_test_add ("/directory/export-target", Fixture, NULL, fixture_set_up, test_export_target,
              fixture_tear_down);
  g_test_add ("/directory/import-bad", Fixture, NULL, fixture_set_up, test_import_bad,
              fixture_tear_down);
  g_test_add ("/directory/import-csv", Fixture, NULL, fixture_set_up, test_import_csv,
              fixture_tear_down);
  return g_test_run ();
}
