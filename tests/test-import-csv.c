/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-csv.c: CSV item and VIN import (English and Chinese headers, GB18030, bad rows) */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-import-csv.h"
#include "cs-json.h"

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static void
test_items_english (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize len;
  g_autofree char *data = read_fixture ("csv-items-en.csv", &len);
  g_autoptr(GPtrArray) items = cs_import_csv_items (data, len, "csv-items-en.csv", NULL, &problems, &error);
  CsItem *nb, *car, *apples;

  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_nonnull (items);
  g_assert_cmpuint (items->len, ==, 3);
  nb = g_ptr_array_index (items, 0);
  car = g_ptr_array_index (items, 1);
  apples = g_ptr_array_index (items, 2);

  g_assert_cmpfloat (nb->line, ==, 1);
  g_assert_cmpstr (nb->category, ==, "electronics");
  g_assert_cmpstr (nb->description, ==, "Notebook computers, 14 inch");
  g_assert_cmpstr (nb->hs_code, ==, "847130");
  g_assert_cmpfloat (nb->quantity, ==, 2400);
  g_assert_cmpstr (nb->unit, ==, "PCE");
  g_assert_cmpfloat (nb->packages->count, ==, 240);
  g_assert_cmpstr (nb->packages->type, ==, "CT");
  g_assert_cmpfloat (nb->gross_kg, ==, 6200.5);      /* thousands separator */
  g_assert_cmpfloat (nb->volume_m3, ==, 38.4);
  g_assert_cmpstr (nb->marks, ==, "+NB 1-240");      /* the export's neutralising quote is gone */
  g_assert_cmpstr (nb->container, ==, "OOLU8832107");
  g_assert_cmpstr (nb->dg->un_number, ==, "3481");
  g_assert_cmpstr (nb->dg->dg_class, ==, "9");
  g_assert_null (nb->vehicle);

  g_assert_cmpstr (car->category, ==, "vehicle");     /* from the VINs */
  g_assert_cmpstr (car->hs_code, ==, "8703801090");
  g_assert_cmpstr (car->unit, ==, "PCE");
  g_assert_cmpstr (car->origin_country, ==, "CN");
  g_assert_cmpfloat (car->value, ==, -36000.5);
  g_assert_null (car->container);
  g_assert_cmpuint (cs_list_length (car->splits), ==, 2);
  g_assert_cmpstr (((CsSplit *) cs_list_index (car->splits, 1))->container, ==, "CMAU5120770");
  g_assert_cmpuint (g_strv_length (car->vehicle->vins), ==, 2);
  g_assert_cmpstr (car->vehicle->vins[1], ==, "1M8GDM9AXKP042788");

  g_assert_cmpstr (apples->description, ==, "Fresh apples, \"Fuji\"\n18 kg cartons");
  g_assert_cmpstr (apples->category, ==, "perishable");   /* from HS chapter 08 */
  g_assert_cmpstr (apples->hs_code, ==, "080810");
  g_assert_null (apples->dg);
  g_assert_null (apples->vehicle);
}

static void
test_items_gb18030 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize len;
  g_autofree char *data = read_fixture ("csv-items-gb18030.csv", &len);
  g_autoptr(GPtrArray) items = NULL;
  CsImportMapping map;
  g_auto(GStrv) headers = NULL;
  CsItem *lychee, *car;

  g_autofree char *text = NULL;
  gsize text_len;

  /* really not UTF-8: refused unless the caller chooses GB18030 (no guessing) */
  g_assert_false (g_utf8_validate (data, len, NULL));
  g_assert_false (cs_import_csv_detect (data, len, "lychee.csv", &map, &headers, &error));
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "GB18030 (Chinese): “品名,商品编码,数量"));
  g_clear_error (&error);

  text = cs_import_csv_decode (data, len, "lychee.csv", CS_IMPORT_ENCODING_GB18030, &text_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (text_len, ==, strlen (text));
  g_free (data);
  data = g_steal_pointer (&text);
  len = text_len;

  g_assert_true (cs_import_csv_detect (data, len, "lychee.csv", &map, &headers, &error));
  g_assert_no_error (error);
  g_assert_true (map.has_header);
  g_assert_cmpint (map.column[CS_IMPORT_FIELD_DESCRIPTION], ==, 0);
  g_assert_cmpint (map.column[CS_IMPORT_FIELD_GROSS_KG], ==, 7);
  g_assert_cmpint (map.column[CS_IMPORT_FIELD_VIN], ==, 12);
  g_assert_cmpint (map.column[CS_IMPORT_FIELD_LINE], ==, -1);
  g_assert_cmpstr (headers[6], ==, "净重(千克)");

  items = cs_import_csv_items (data, len, "lychee.csv", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  lychee = g_ptr_array_index (items, 0);
  car = g_ptr_array_index (items, 1);
  g_assert_cmpstr (lychee->description, ==, "新鲜荔枝，妃子笑");
  g_assert_cmpstr (lychee->marks, ==, "荔枝 1-400");
  g_assert_cmpfloat (lychee->net_kg, ==, 800);
  g_assert_cmpfloat (lychee->gross_kg, ==, 870);
  g_assert_false (cs_num_is_set (lychee->line));
  g_assert_cmpstr (lychee->category, ==, "perishable");
  g_assert_cmpstr (car->vehicle->vins[0], ==, "LJCPCBLCX11000237");
  g_assert_cmpstr (car->container, ==, "MWCU6059784");
}

static const char *
find_problem (GPtrArray  *problems,
              guint       line,
              const char *column)
{
  for (guint i = 0; i < problems->len; i++)
    {
      CsImportProblem *p = g_ptr_array_index (problems, i);
      if (p->line == line && g_strcmp0 (p->column, column) == 0)
        return p->message;
    }
  return NULL;
}

/* Every bad row is reported, with file, line and column, and nothing is returned. */
static void
test_items_bad_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize len;
  g_autofree char *data = read_fixture ("csv-items-bad.csv", &len);
  g_autoptr(GPtrArray) items = cs_import_csv_items (data, len, "bad.csv", NULL, &problems, &error);
  g_autofree char *first = NULL;

  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *s = cs_import_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", s);
    }
  g_assert_cmpuint (problems->len, ==, 9);
  g_assert_nonnull (find_problem (problems, 3, "Description"));
  g_assert_nonnull (strstr (find_problem (problems, 4, "HS code"), "84713"));
  g_assert_nonnull (strstr (find_problem (problems, 4, "Gross kg"), "12.5t"));
  g_assert_nonnull (strstr (find_problem (problems, 4, "Origin"), "CHN"));
  g_assert_nonnull (strstr (find_problem (problems, 4, "Container"), "OOLU883210"));
  g_assert_nonnull (strstr (find_problem (problems, 4, "Packages"), "1.5"));
  g_assert_nonnull (strstr (find_problem (problems, 5, "VIN"), "twice"));
  g_assert_nonnull (strstr (find_problem (problems, 6, "Gross kg"), "-5"));
  g_assert_nonnull (strstr (find_problem (problems, 6, "VIN"), "LJCPCBLCX1100023O"));
  g_assert_null (find_problem (problems, 2, "Description"));
  first = cs_import_problem_to_string (g_ptr_array_index (problems, 0));
  g_assert_cmpstr (first, ==, "bad.csv:3: Description: the description is empty");
}

static void
test_vins (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize len, len2;
  g_autofree char *data = read_fixture ("csv-vins.csv", &len);
  g_autofree char *bare = read_fixture ("csv-vins-bare.csv", &len2);
  g_auto(GStrv) vins = cs_import_csv_vins (data, len, "vins.csv", NULL, &problems, &error);
  g_auto(GStrv) vins2 = NULL;
  g_auto(GStrv) none = NULL;
  const char *dup = "车架号\nLJCPCBLCX11000237\n\nljcpcblcx11000237\nABC\n";

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (vins), ==, 2);
  g_assert_cmpstr (vins[1], ==, "1M8GDM9AXKP042788");

  vins2 = cs_import_csv_vins (bare, len2, "bare.csv", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (vins2), ==, 3);
  g_assert_cmpstr (vins2[0], ==, "LJCPCBLCX11000237");

  none = cs_import_csv_vins (dup, strlen (dup), "dup.csv", NULL, &problems, &error);
  g_assert_null (none);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (find_problem (problems, 4, "车架号"), "line 2"));
  g_assert_nonnull (strstr (find_problem (problems, 5, "车架号"), "ABC"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_error (&error);

  /* full-width separators split whole characters: a bad value is quoted intact (a byte-wise split
   * on the bytes of "，" cut "中" and the byte-order mark into invalid UTF-8) */
  dup = "VIN\nLJCPCBLCX11000237，1M8GDM9AXKP042788\n中文；\xEF\xBB\xBF\n";
  none = cs_import_csv_vins (dup, strlen (dup), "fw.csv", NULL, &problems, &error);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (((CsImportProblem *) problems->pdata[0])->message, ==,
                   "“中文” is not a VIN (17 letters and digits, without I, O or Q)");
  g_assert_cmpstr (((CsImportProblem *) problems->pdata[1])->message, ==,
                   "“\xEF\xBB\xBF” is not a VIN (17 letters and digits, without I, O or Q)");
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *unterminated = "Description,HS code\n\"Apples,080810\nPears,080830\n";
  const char *no_desc = "Weight,Colour\n1,red\n";
  const char *not_text = "Description\n\xFF\xFF\xFF\n";
  const char *only_header = "Description,HS code\r\n";
  g_autoptr(GPtrArray) items = NULL;

  items = cs_import_csv_items (unterminated, strlen (unterminated), "u.csv", NULL, &problems, &error);
  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "u.csv:2: a quoted field never ends");
  g_clear_error (&error);

  items = cs_import_csv_items (no_desc, strlen (no_desc), "n.csv", NULL, &problems, &error);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_COLUMNS);
  g_assert_nonnull (strstr (error->message, "Description"));
  g_clear_error (&error);

  items = cs_import_csv_items (not_text, strlen (not_text), "x.csv", NULL, &problems, &error);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "x.csv:2"));
  g_clear_error (&error);

  items = cs_import_csv_items (only_header, strlen (only_header), "h.csv", NULL, &problems, &error);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  items = cs_import_csv_items ("", 0, "e.csv", NULL, &problems, &error);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_EMPTY);
  g_assert_null (problems);
  g_clear_error (&error);

  /* messages quote at most a few hundred bytes: a huge cell, a huge header, many columns */
  {
    g_autoptr(GString) wide = g_string_new ("Gross kg");
    g_autoptr(GString) huge = g_string_new (NULL);
    g_autofree char *big = NULL;
    CsImportProblem *p;

    for (guint c = 1; c < 100; c++)
      g_string_append_printf (wide, ",Note %u", c);
    g_string_append (wide, "\n1\n");
    items = cs_import_csv_items (wide->str, wide->len, "w.csv", NULL, &problems, &error);
    g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_COLUMNS);
    g_assert_nonnull (strstr (error->message, "“Note 11”, and 88 more"));
    g_assert_cmpuint (strlen (error->message), <, 400);
    g_clear_error (&error);

    big = g_strnfill (100000, '9');
    g_string_printf (huge, "Description,Gross kg (%s)\nBolts,%sx\n", big, big);
    items = cs_import_csv_items (huge->str, huge->len, "h.csv", NULL, &problems, &error);
    g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
    p = g_ptr_array_index (problems, 0);
    g_assert_cmpuint (strlen (p->message), <, 300);
    g_assert_cmpuint (strlen (p->column), <, 300);
    g_assert_true (g_str_has_suffix (p->message, "…” is not a number"));
  }
}

/* A caller's mapping (remembered from an earlier import) wins over the header; semicolons. */
static void
test_explicit_mapping (void)
{
  g_autoptr(GError) error = NULL;
  const char *data = "Artikel;Gewicht\nSchrauben;12,5\nMuttern;1.250,0\n";
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  CsImportMapping map;

  cs_import_mapping_init (&map);
  map.column[CS_IMPORT_FIELD_DESCRIPTION] = 0;
  map.column[CS_IMPORT_FIELD_GROSS_KG] = 1;
  /* decimal commas are ambiguous: refused, with the value quoted */
  items = cs_import_csv_items (data, strlen (data), "de.csv", &map, &problems, &error);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (find_problem (problems, 2, "Gewicht"), "12,5"));
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  data = "Artikel;Gewicht\nSchrauben;12.5\n";
  items = cs_import_csv_items (data, strlen (data), "de.csv", &map, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpfloat (((CsItem *) g_ptr_array_index (items, 0))->gross_kg, ==, 12.5);
  g_assert_cmpstr (((CsItem *) g_ptr_array_index (items, 0))->category, ==, "general");
}

/* ---- encodings (issue: no silent guessing) ------------------------------------------------ */

static const char *
preview_of (GPtrArray        *previews,
            CsImportEncoding  encoding)
{
  for (guint i = 0; i < previews->len; i++)
    {
      CsImportPreview *p = g_ptr_array_index (previews, i);

      if (p->encoding == encoding)
        return p->text;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Latin-1 and Shift-JIS are refused without a choice, with the previews in the message; chosen,
 * they decode exactly. */
static void
test_encoding_chosen (void)
{
  static const struct { const char *file; CsImportEncoding encoding; const char *first; const char *label; } cases[] = {
    { "csv-latin1.csv", CS_IMPORT_ENCODING_LATIN1, "Crème brûlée", "Latin-1 (ISO-8859-1): “Crème brûlée,190590,12.5”" },
    { "csv-latin1.csv", CS_IMPORT_ENCODING_WINDOWS_1252, "Crème brûlée", "Windows-1252 (Western European): “Crème brûlée" },
    { "csv-shift-jis.csv", CS_IMPORT_ENCODING_SHIFT_JIS, "緑茶（煎茶）", "Shift-JIS (Japanese): “緑茶（煎茶）,090210”" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GPtrArray) previews = NULL;
      gsize len, text_len;
      g_autofree char *data = read_fixture (cases[c].file, &len);
      g_autofree char *text = NULL;

      items = cs_import_csv_items (data, len, cases[c].file, NULL, &problems, &error);
      g_assert_null (items);
      g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[c].file));
      g_assert_nonnull (strstr (error->message, ":2: "));
      g_assert_nonnull (strstr (error->message, cases[c].label));
      g_assert_nonnull (strstr (error->message, "GB18030"));
      g_assert_nonnull (strstr (error->message, "Shift-JIS"));
      g_assert_nonnull (strstr (error->message, "Latin-1"));
      g_clear_error (&error);

      previews = cs_import_csv_previews (data, len);
      g_assert_cmpuint (previews->len, ==, CS_IMPORT_N_ENCODINGS - 1);
      g_assert_cmpuint (((CsImportPreview *) previews->pdata[0])->line, ==, 2);
      g_assert_true (g_str_has_prefix (preview_of (previews, cases[c].encoding), cases[c].first));

      text = cs_import_csv_decode (data, len, cases[c].file, cases[c].encoding, &text_len, &error);
      g_assert_no_error (error);
      items = cs_import_csv_items (text, text_len, cases[c].file, NULL, &problems, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (((CsItem *) g_ptr_array_index (items, 0))->description, ==, cases[c].first);
    }
}

/* GB18030 bytes that happen to be valid UTF-8 are UTF-8 unless the user says otherwise; chosen,
 * GB18030 reads them right, and the preview shows the difference. */
static void
test_encoding_gb18030_lookalike (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) previews = NULL;
  gsize len, text_len;
  g_autofree char *data = read_fixture ("csv-gb18030-as-utf8.csv", &len);
  g_autofree char *text = NULL;
  CsItem *a, *b;

  g_assert_true (g_utf8_validate (data, len, NULL));
  previews = cs_import_csv_previews (data, len);
  g_assert_cmpstr (preview_of (previews, CS_IMPORT_ENCODING_GB18030), ==, "石墨,木炭");

  text = cs_import_csv_decode (data, len, "g.csv", CS_IMPORT_ENCODING_GB18030, &text_len, &error);
  g_assert_no_error (error);
  items = cs_import_csv_items (text, text_len, "g.csv", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  a = g_ptr_array_index (items, 0);
  b = g_ptr_array_index (items, 1);
  g_assert_cmpstr (a->description, ==, "石墨");
  g_assert_cmpstr (a->marks, ==, "木炭");
  g_assert_cmpstr (b->description, ==, "原木");
  g_assert_cmpstr (b->marks, ==, "毛毯");
}

/* A NUL anywhere, in UTF-8 or in UTF-16, is an error naming its line: no row is lost quietly. */
#define S(literal) literal, sizeof (literal) - 1
static void
test_encoding_nul (void)
{
  static const struct { const char *data; gsize len; const char *where; } cases[] = {
    /* UTF-8 with one trailing NUL (it used to be read as GB18030: "荔枝" became "鑽旀灊") */
    { S ("Description\n荔枝\n\0"), "t.csv:3:" },
    /* a NUL in row 2 of 4 (it used to import 2 of 4 rows without an error) */
    { S ("Description\nApples\nPea\0rs\nPlums\nFigs\n"), "t.csv:3:" },
    /* UTF-16LE with a byte-order mark and U+0000 on line 3 */
    { S ("\xFF\xFE" "D\0\n\0A\0\n\0B\0\0\0C\0\n\0"), "t.csv:3:" },
    /* UTF-16BE: the same */
    { S ("\xFE\xFF" "\0D\0\n\0A\0\n\0B\0\0\0C\0\n"), "t.csv:3:" },
    /* old Mac line ends (CR only), the NUL right after one */
    { S ("Description\rApples\r\0"), "t.csv:3:" },
    /* GB18030 chosen: a NUL is still an error */
    { S ("Description\n\xc0\xf3\xd6\xa6\n\0\n"), "t.csv:3:" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *text = NULL;

      if (c == G_N_ELEMENTS (cases) - 1)
        {
          text = cs_import_csv_decode (cases[c].data, cases[c].len, "t.csv", CS_IMPORT_ENCODING_GB18030, NULL, &error);
          g_assert_null (text);
        }
      else
        items = cs_import_csv_items (cases[c].data, cases[c].len, "t.csv", NULL, &problems, &error);
      g_assert_null (items);
      g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_NUL);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[c].where));
    }
}

/* UTF-16 with a byte-order mark is decoded exactly, both byte orders. */
static void
test_encoding_utf16 (void)
{
  const char *utf8 = "Description,Marks\r\n荔枝,Crème 1-4\r\n";

  for (guint be = 0; be < 2; be++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) items = NULL;
      gsize n = 0;
      g_autofree char *body = g_convert (utf8, -1, be ? "UTF-16BE" : "UTF-16LE", "UTF-8", NULL, &n, &error);
      g_autofree char *data = g_malloc (n + 2);

      g_assert_no_error (error);
      memcpy (data, be ? "\xFE\xFF" : "\xFF\xFE", 2);
      memcpy (data + 2, body, n);
      items = cs_import_csv_items (data, n + 2, "u16.csv", NULL, &problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, ==, 1);
      g_assert_cmpstr (((CsItem *) g_ptr_array_index (items, 0))->description, ==, "荔枝");
      g_assert_cmpstr (((CsItem *) g_ptr_array_index (items, 0))->marks, ==, "Crème 1-4");
    }
}

static void
test_encoding_names (void)
{
  CsImportEncoding e;

  g_assert_true (cs_import_encoding_from_name ("latin-1", &e));
  g_assert_cmpint (e, ==, CS_IMPORT_ENCODING_LATIN1);
  g_assert_true (cs_import_encoding_from_name ("ISO-8859-1", &e));
  g_assert_cmpint (e, ==, CS_IMPORT_ENCODING_LATIN1);
  g_assert_true (cs_import_encoding_from_name ("Shift_JIS", &e));
  g_assert_cmpint (e, ==, CS_IMPORT_ENCODING_SHIFT_JIS);
  g_assert_true (cs_import_encoding_from_name ("cp1252", &e));
  g_assert_cmpint (e, ==, CS_IMPORT_ENCODING_WINDOWS_1252);
  g_assert_true (cs_import_encoding_from_name ("GB18030", &e));
  g_assert_cmpint (e, ==, CS_IMPORT_ENCODING_GB18030);
  g_assert_true (cs_import_encoding_from_name ("utf-8", &e));
  g_assert_cmpint (e, ==, CS_IMPORT_ENCODING_UTF8);
  g_assert_false (cs_import_encoding_from_name ("ebcdic", &e));
  for (guint i = 0; i < CS_IMPORT_N_ENCODINGS; i++)
    g_assert_true (cs_import_encoding_from_name (cs_import_encoding_name (i), &e) && e == i);
}

/* What our own CSV export writes (UTF-8 or GB18030, bilingual headers) comes back the same. */
static void
test_round_trip (gconstpointer data)
{
  const char *encoding = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_test_build_filename (G_TEST_DIST, "data", "xlsx-hostile.json", NULL);
  g_autoptr(CsManifest) m = cs_json_load_file (json, &error);
  g_autofree char *dir = g_dir_make_tmp ("cs-import-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "items.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  CsExportOptions o = { .encoding = encoding, .bilingual = TRUE, .bom = TRUE };
  gsize len;

  g_assert_no_error (error);
  g_assert_true (cs_export_to_file ("csv", m, &o, out, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &text, &len, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (encoding, "gb18030") == 0)
    {
      char *utf8 = cs_import_csv_decode (text, len, "items.csv", CS_IMPORT_ENCODING_GB18030, &len, &error);

      g_assert_no_error (error);
      g_free (text);
      text = utf8;
    }
  items = cs_import_csv_items (text, len, "items.csv", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, CS_MANIFEST_N_ITEMS (m));
  for (guint i = 0; i < items->len; i++)
    {
      CsItem *a = CS_MANIFEST_ITEM (m, i);
      CsItem *b = g_ptr_array_index (items, i);
      g_autofree char *hs = g_strdup (a->hs_code);

      g_strdelimit (hs, ".", ' ');
      g_assert_cmpstr (a->description, ==, b->description);
      g_assert_cmpstr (a->marks, ==, b->marks);
      g_assert_cmpfloat (a->line, ==, b->line);
      g_assert_cmpfloat (a->gross_kg, ==, b->gross_kg);
      g_assert_true (a->value == b->value || (!cs_num_is_set (a->value) && !cs_num_is_set (b->value)));
      g_assert_cmpstr (a->container, ==, b->container);
      g_assert_cmpstr (a->category, ==, b->category);
      if (a->vehicle != NULL)
        g_assert_true (g_strv_equal ((const char * const *) a->vehicle->vins,
                                     (const char * const *) b->vehicle->vins));
    }
  g_unlink (out);
  g_rmdir (dir);
}

/* The public row reader: records with the line each starts on (a quoted line break spans lines),
 * blank records left out, the decoding chosen (GB18030 here), an export's neutralising quote
 * removed; the header table; and the item rules over rows whose lines are a sheet's rows. */
static void
test_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *first = NULL;
  const char *csv = "\xEF\xBB\xBF" "名称;Phone;Note\r\n"
                    "\"A; B\";'+86 1;\"two\r\nlines\"\r\n"
                    ";;\r\n"
                    "\r\n"
                    "C;'Kai;'=SUM(A1)\r\n";
  CsImportRow *r;

  rows = cs_import_csv_rows (csv, strlen (csv), "p.csv", CS_IMPORT_ENCODING_UTF8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  r = rows->pdata[0];
  g_assert_cmpuint (r->line, ==, 1);
  g_assert_cmpstr (r->cells->pdata[0], ==, "名称");       /* no byte-order mark */
  r = rows->pdata[1];
  g_assert_cmpuint (r->line, ==, 2);
  g_assert_cmpuint (r->cells->len, ==, 3);
  g_assert_cmpstr (r->cells->pdata[0], ==, "A; B");
  g_assert_cmpstr (r->cells->pdata[1], ==, "+86 1");      /* the export's quote removed */
  g_assert_cmpstr (r->cells->pdata[2], ==, "two\r\nlines");
  r = rows->pdata[2];
  g_assert_cmpuint (r->line, ==, 6);                      /* lines 4 and 5 are blank */
  g_assert_cmpstr (r->cells->pdata[1], ==, "'Kai");       /* before a letter, data */
  g_assert_cmpstr (r->cells->pdata[2], ==, "=SUM(A1)");    /* text, as exported */
  g_clear_pointer (&rows, g_ptr_array_unref);

  gb = g_convert ("货号,毛重\n甲,1\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  rows = cs_import_csv_rows (gb, strlen (gb), "gb.csv", CS_IMPORT_ENCODING_UTF8, &error);
  g_assert_null (rows);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);
  rows = cs_import_csv_rows (gb, strlen (gb), "gb.csv", CS_IMPORT_ENCODING_GB18030, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((CsImportRow *) rows->pdata[1])->cells->pdata[0], ==, "甲");
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = cs_import_csv_rows ("a,\"b\n", 5, "q.csv", CS_IMPORT_ENCODING_UTF8, &error);
  g_assert_null (rows);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "q.csv:1:"));
  g_clear_error (&error);

  g_assert_cmpint (cs_import_field_for_header ("毛重"), ==, CS_IMPORT_FIELD_GROSS_KG);
  g_assert_cmpint (cs_import_field_for_header ("Gross weight (kg)"), ==, CS_IMPORT_FIELD_GROSS_KG);
  g_assert_cmpint (cs_import_field_for_header ("Description/品名"), ==, CS_IMPORT_FIELD_DESCRIPTION);
  g_assert_cmpint (cs_import_field_for_header ("Colour"), ==, -1);

  /* rows as an xlsx sheet gives them: the problems name the rows' own lines */
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_import_row_free);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const cells[][2] = { { "Description", "Gross kg" }, { "Bolts", "12" },
                                                { "Nuts", "heavy" } };

      r = g_new0 (CsImportRow, 1);
      r->line = 7 + 3 * i;
      r->cells = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (r->cells, g_strdup (cells[i][0]));
      g_ptr_array_add (r->cells, g_strdup (cells[i][1]));
      g_ptr_array_add (rows, r);
    }
  items = cs_import_rows_items (rows, "sheet.xlsx", NULL, &problems, &error);
  g_assert_null (items);
  g_assert_error (error, CS_IMPORT_ERROR, CS_IMPORT_ERROR_ROWS);
  g_assert_cmpuint (problems->len, ==, 1);
  first = cs_import_problem_to_string (problems->pdata[0]);
  g_assert_cmpstr (first, ==, "sheet.xlsx:13: Gross kg: “heavy” is not a number");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/items-english", test_items_english);
  g_test_add_func ("/import/csv/rows", test_rows);
  g_test_add_func ("/import/csv/items-gb18030", test_items_gb18030);
  g_test_add_func ("/import/csv/items-bad-rows", test_items_bad_rows);
  g_test_add_func ("/import/csv/vins", test_vins);
  g_test_add_func ("/import/csv/file-errors", test_file_errors);
  g_test_add_func ("/import/csv/explicit-mapping", test_explicit_mapping);
  g_test_add_func ("/import/csv/encoding-chosen", test_encoding_chosen);
  g_test_add_func ("/import/csv/encoding-gb18030-lookalike", test_encoding_gb18030_lookalike);
  g_test_add_func ("/import/csv/encoding-nul", test_encoding_nul);
  g_test_add_func ("/import/csv/encoding-utf16", test_encoding_utf16);
  g_test_add_func ("/import/csv/encoding-names", test_encoding_names);
  g_test_add_data_func ("/import/csv/round-trip-utf8", "utf-8", test_round_trip);
  g_test_add_data_func ("/import/csv/round-trip-gb18030", "gb18030", test_round_trip);

  return g_test_run ();
}
