/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-pdf.c: the printable cargo manifest, read back with poppler's own tools
 *
 * Every PDF is written through cs_export_to_file() and checked with independent readers:
 * pdftotext (every container number, VIN and total is in the text; labels in Chinese too),
 * pdfinfo (page count and metadata) and pdftoppm (page 1 renders).
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "cs-export.h"
#include "cs-field-label.h"
#include "cs-finding.h"
#include "cs-json.h"
#include "cs-print-layout.h"
#include "cs-test-util.h"

#define PDFTOTEXT "/usr/bin/pdftotext"
#define PDFINFO   "/usr/bin/pdfinfo"
#define PDFTOPPM  "/usr/bin/pdftoppm"
#define PDFFONTS  "/usr/bin/pdffonts"

/* Runs a tool and returns its standard output; the tool must succeed. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { PDFTOTEXT, "-layout", "-enc", "UTF-8", pdf, "-", NULL };

  return run_tool (argv);
}

static char *
pdf_info_field (const char *pdf,
                const char *field)
{
  const char *argv[] = { PDFINFO, pdf, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

typedef struct
{
  char *dir;
  char *pdf;
  char *text;
  char **pages;     /* text split at form feeds, one per page */
  guint n_pages;    /* from pdfinfo */
} Exported;

static void
exported_clear (Exported *e)
{
  if (e->pdf != NULL)
    g_unlink (e->pdf);
  if (e->dir != NULL)
    g_rmdir (e->dir);
  g_free (e->dir);
  g_free (e->pdf);
  g_free (e->text);
  g_strfreev (e->pages);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Exported, exported_clear)

static void
export_pdf (CsManifest            *m,
            const CsExportOptions *opts,
            Exported              *e)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *pages = NULL;

  memset (e, 0, sizeof *e);
  e->dir = g_dir_make_tmp ("consign-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  e->pdf = g_build_filename (e->dir, "manifest.pdf", NULL);
  g_assert_true (cs_export_to_file ("pdf", m, opts, e->pdf, &sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sha), ==, 64);

  e->text = pdf_text (e->pdf);
  e->pages = g_strsplit (e->text, "\f", -1);
  pages = pdf_info_field (e->pdf, "Pages");
  g_assert_nonnull (pages);
  e->n_pages = (guint) g_ascii_strtoull (pages, NULL, 10);
  g_assert_cmpuint (e->n_pages, >=, 1);
  /* pdftotext ends every page with a form feed. */
  g_assert_cmpuint (g_strv_length (e->pages), ==, e->n_pages + 1);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in the PDF text", needle);
}

/* What every exported manifest must show, whatever its content. */
static void
check_common (CsManifest            *m,
              const CsExportOptions *opts,
              Exported              *e)
{
  g_autoptr(CsPrintLayout) layout = cs_print_layout_new (m, opts, CS_PRINT_A4_LANDSCAPE_WIDTH,
                                                         CS_PRINT_A4_LANDSCAPE_HEIGHT);
  guint n = cs_print_layout_paginate (layout, NULL);
  CsTotals totals;
  g_autofree char *gross = NULL;
  g_autofree char *net = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *last_page = NULL;

  /* The page count the layout computes is what the PDF has. */
  g_assert_cmpuint (n, ==, e->n_pages);
  g_assert_cmpuint (cs_print_layout_get_n_pages (layout), ==, n);

  /* Every page carries the header with its own number and the total. */
  for (guint p = 0; p < e->n_pages; p++)
    {
      g_autofree char *page = g_strdup_printf ("Page %u of %u", p + 1, e->n_pages);

      assert_contains (e->pages[p], page);
      assert_contains (e->pages[p], "Cargo Manifest");
      assert_contains (e->pages[p], "货物舱单");
      assert_contains (e->pages[p], m->reference);
    }
  last_page = g_strdup_printf ("Page %u of %u", e->n_pages, e->n_pages);
  assert_contains (e->pages[e->n_pages - 1], last_page);

  /* Bilingual labels. */
  assert_contains (e->text, "品名");
  assert_contains (e->text, "Description");
  assert_contains (e->text, "发货人");
  assert_contains (e->text, "Shipper");
  assert_contains (e->text, "申报声明");

  /* Every container number and every VIN. */
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    assert_contains (e->text, CS_MANIFEST_CONTAINER (m, i)->number);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);

      for (guint v = 0; it->vehicle != NULL && it->vehicle->vins != NULL && it->vehicle->vins[v] != NULL; v++)
        assert_contains (e->text, it->vehicle->vins[v]);
    }

  /* Totals and the item count. */
  cs_manifest_compute_totals (m, &totals);
  gross = cs_print_format_decimal (totals.gross_kg, 0, 3);
  net = cs_print_format_decimal (totals.net_kg, 0, 3);
  lines = g_strdup_printf ("Lines: %u", totals.n_items);
  assert_contains (e->text, gross);
  assert_contains (e->text, net);
  assert_contains (e->text, lines);

  /* The declaration closes the document, on the last page. */
  assert_contains (e->pages[e->n_pages - 1], "Signature");
}

static void
check_renders_page_one (Exported *e)
{
  g_autofree char *prefix = g_build_filename (e->dir, "page1", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { PDFTOPPM, "-r", "50", "-f", "1", "-l", "1", "-png", "-singlefile", e->pdf, prefix, NULL };
  g_autofree char *out = run_tool (argv);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  guint32 width, height;

  g_assert_true (g_file_get_contents (png, &data, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  /* IHDR: landscape A4 at 50 dpi is about 585 x 413 pixels. */
  width = GUINT32_FROM_BE (*(guint32 *) (data + 16));
  height = GUINT32_FROM_BE (*(guint32 *) (data + 20));
  g_assert_cmpuint (width, >, height);
  g_assert_cmpuint (width, >=, 580);
  g_assert_cmpuint (width, <=, 590);
  g_unlink (png);
}

static void
test_every_field (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 4, 5, 8, 30, 0);
  CsExportOptions opts = { 0 };
  g_auto(Exported) e = { 0 };
  g_autofree char *title = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *created = NULL;
  g_autofree char *size = NULL;

  opts.now = now;
  export_pdf (m, &opts, &e);
  check_common (m, &opts, &e);

  /* Pending seals and VGM are said so, in both languages. */
  assert_contains (e.text, "pending / 待定");
  /* Cold chain: product, range, set-point of its reefer, shelf life, packing date, use-by. */
  assert_contains (e.text, "冷链");
  assert_contains (e.text, "apples");
  assert_contains (e.text, "-1 °C … +4 °C");
  assert_contains (e.text, "+1.5 °C");
  assert_contains (e.text, "2026-04-02");
  assert_contains (e.text, "2026-06-01");
  /* Money with two decimals and the currency in the column header. */
  assert_contains (e.text, "36,000.50");
  assert_contains (e.text, "Value (USD)");
  /* Chinese party names, documents and notes. */
  assert_contains (e.text, "重庆两江精密机械有限公司");
  assert_contains (e.text, "E263300012345678");
  assert_contains (e.text, "备注");
  assert_contains (e.text, "Printed: 2026-04-05 08:30");

  title = pdf_info_field (e.pdf, "Title");
  creator = pdf_info_field (e.pdf, "Creator");
  created = pdf_info_field (e.pdf, "CreationDate");
  size = pdf_info_field (e.pdf, "Page size");
  g_assert_cmpstr (title, ==, "Cargo Manifest 货物舱单 CQ-EVERY-0001");
  g_assert_cmpstr (creator, ==, "Consign");
  g_assert_nonnull (created);
  g_assert_nonnull (strstr (created, "2026"));
  g_assert_nonnull (strstr (size, "(A4)"));
  g_assert_nonnull (strstr (size, "841.89 x 595.28"));

  check_renders_page_one (&e);
}

static void
test_shared_example (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_auto(Exported) e = { 0 };

  export_pdf (m, NULL, &e);
  check_common (m, NULL, &e);
  check_renders_page_one (&e);
}

/* A manifest of @n items built as JSON: every fourth a vehicle with two VINs, perishables,
 * split items, and long descriptions that wrap over several lines. */
static CsManifest *
build_large (guint n)
{
  g_autoptr(GString) j = g_string_new ("{\"reference\": \"PDF-LARGE-1\", \"currency\": \"CNY\", \"containers\": [");
  g_autoptr(GError) error = NULL;
  const guint n_boxes = 24;
  CsManifest *m;

  for (guint c = 0; c < n_boxes; c++)
    g_string_append_printf (j, "%s{\"number\": \"PDFU%06u%u\", \"size_type\": \"45G1\", \"seals\": [\"S%05u\"]}",
                            c ? ", " : "", 100000 + c, c % 10, c);
  g_string_append (j, "], \"items\": [");
  for (guint i = 1; i <= n; i++)
    {
      guint box = i % n_boxes;

      g_string_append_printf (j, "%s{\"line\": %u, \"description\": \"Goods TOK%04uX", i > 1 ? ", " : "", i, i);
      if (i % 7 == 0)
        for (guint k = 0; k < 12; k++)
          g_string_append (j, " with a long description that has to wrap inside its cell");
      g_string_append_printf (j, "\", \"hs_code\": \"847130\", \"quantity\": %u, \"unit\": \"PCE\","
                              " \"packages\": {\"count\": %u, \"type\": \"CT\"},"
                              " \"net_kg\": %u.25, \"gross_kg\": %u.5, \"value\": %u.75",
                              i, i % 9 + 1, i, i + 1, i * 10);
      if (i % 50 == 0)
        g_string_append_printf (j, ", \"splits\": [{\"container\": \"PDFU%06u%u\", \"packages\": 1},"
                                " {\"container\": \"PDFU%06u%u\", \"packages\": 1}]",
                                100000 + box, box % 10, 100000 + (box + 1) % n_boxes, (box + 1) % n_boxes % 10);
      else
        g_string_append_printf (j, ", \"container\": \"PDFU%06u%u\"", 100000 + box, box % 10);
      if (i % 4 == 0)
        g_string_append_printf (j, ", \"category\": \"vehicle\", \"vehicle\": {\"vins\": [\"LPDFA%012u\", \"LPDFB%012u\"],"
                                " \"make\": \"Make\", \"model\": \"M%u\"}", i, i, i);
      else if (i % 4 == 1)
        g_string_append_printf (j, ", \"category\": \"perishable\", \"perishable\": {\"product\": \"fruit %u\","
                                " \"temp_min_c\": 0, \"temp_max_c\": 4, \"shelf_life_days\": 30, \"packed_on\": \"2026-03-01\"}", i);
      else
        g_string_append (j, ", \"category\": \"general\"");
      g_string_append_c (j, '}');
    }
  g_string_append (j, "]}");

  m = cs_json_load_data (j->str, j->len, "large", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (CS_MANIFEST_N_ITEMS (m), ==, n);
  return m;
}

static void
test_large (void)
{
  const guint n = 600;
  g_autoptr(CsManifest) m = build_large (n);
  g_auto(Exported) e = { 0 };
  const char *pos;
  guint item_pages = 0;

  export_pdf (m, NULL, &e);
  check_common (m, NULL, &e);
  g_assert_cmpuint (e.n_pages, >, 10);

  /* Every row is there exactly once, in order, across all pages. */
  pos = e.text;
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *tok = g_strdup_printf ("TOK%04uX", i);
      const char *at = strstr (pos, tok);

      if (at == NULL)
        g_error ("item %u missing or out of order", i);
      g_assert_cmpuint (count_occurrences (e.text, tok), ==, 1);
      pos = at;
    }

  /* Each page with item rows repeats the table header; pages after the first say "continued". */
  for (guint p = 0; p < e.n_pages; p++)
    if (strstr (e.pages[p], "TOK") != NULL)
      {
        item_pages++;
        assert_contains (e.pages[p], "品名");
        assert_contains (e.pages[p], "Gross (kg)");
        if (item_pages > 1)
          assert_contains (e.pages[p], "continued");
      }
  g_assert_cmpuint (item_pages, >, 5);

  /* The totals sit on the last page of the item table. */
  for (guint p = 0; p < e.n_pages; p++)
    if (strstr (e.pages[p], "Lines: 600") != NULL)
      g_assert_nonnull (strstr (e.pages[p], "TOK0600X"));

  check_renders_page_one (&e);
}

static void
test_findings_section (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  CsExportOptions opts = { 0 };
  g_auto(Exported) e = { 0 };
  g_autofree char *label = NULL;

  g_ptr_array_add (findings, cs_finding_new ("container.seal", CS_SEVERITY_WARNING, "containers[1].seals",
                                             "Container CMAU5120770 has no seal yet", "Add the seal number"));
  opts.findings = findings;
  export_pdf (m, &opts, &e);
  assert_contains (e.text, "校验结果");
  assert_contains (e.text, "has no seal yet");
  /* The field by its name, not its data path; the rule id only as a reference. */
  label = cs_field_label (m, "containers[1].seals");
  g_assert_cmpstr (label, !=, "containers[1].seals");
  assert_contains (e.text, label);
  g_assert_null (strstr (e.text, "containers[1].seals"));
  assert_contains (e.text, "container.seal");
}

/* Four or more identical findings print as one entry naming its first fields; three stay three. */
static void
test_findings_grouped (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  CsExportOptions opts = { 0 };
  g_auto(Exported) e = { 0 };
  g_autofree char *first = NULL, *fourth = NULL;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *path = g_strdup_printf ("items[%u].hs_code", i % CS_MANIFEST_N_ITEMS (m));
      g_autofree char *msg = g_strdup_printf ("Item %u has no tariff number", i + 1);

      g_ptr_array_add (findings, cs_finding_new ("item.hs_missing", CS_SEVERITY_ERROR, path, msg, NULL));
      if (i < 3)
        g_ptr_array_add (findings, cs_finding_new ("container.seal", CS_SEVERITY_WARNING, "containers[1].seals",
                                                   "Seal missing here", NULL));
    }
  opts.findings = findings;
  export_pdf (m, &opts, &e);
  assert_contains (e.text, "400 findings: Item 1 has no tariff number");
  g_assert_null (strstr (e.text, "Item 2 has no tariff number"));
  g_assert_null (strstr (e.text, "Item 400 has no tariff number"));
  first = cs_field_label (m, "items[0].hs_code");
  assert_contains (e.text, first);
  /* three of one shape: each printed */
  g_assert_nonnull (strstr (strstr (strstr (e.text, "Seal missing here") + 1, "Seal missing here") + 1,
                            "Seal missing here"));
  /* the entry fits on the first pages: 400 rows would have taken several */
  g_assert_cmpuint (e.n_pages, <, 6);
}

/* Nothing set at all: still a complete document with header, totals and declaration. */
static void
test_empty_manifest (void)
{
  g_autoptr(CsManifest) m = cs_manifest_new ();
  g_auto(Exported) e = { 0 };

  export_pdf (m, NULL, &e);
  g_assert_cmpuint (e.n_pages, ==, 1);
  assert_contains (e.text, "Page 1 of 1");
  assert_contains (e.text, "Lines: 0");
  assert_contains (e.text, "Signature");
}

/* Markup characters in names are text; a description longer than a whole page is the one row
 * that continues over pages, every text line printed exactly once; the rest still follows. */
static void
test_hostile_text (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GString) huge = g_string_new ("HUGESTART ");
  g_autoptr(CsPrintLayout) layout = NULL;
  g_auto(Exported) e = { 0 };
  CsItem *first = CS_MANIFEST_ITEM (m, 0);
  CsParty *shipper = cs_manifest_get_party (m, "shipper");

  for (guint i = 0; i < 2000; i++)
    g_string_append (huge, "very long description ");
  cs_record_set_string (CS_RECORD (first), "description", huge->str);
  cs_record_set_string (CS_RECORD (shipper), "name", "A <b>&amp; “B” Ltd. <i>");
  cs_record_set_string (CS_RECORD (first), "marks", "<span>\tTAB&</span>");
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 1)), "description", "SECONDLINE");

  layout = cs_print_layout_new (m, NULL, CS_PRINT_A4_LANDSCAPE_WIDTH, CS_PRINT_A4_LANDSCAPE_HEIGHT);
  export_pdf (m, NULL, &e);
  g_assert_cmpuint (cs_print_layout_paginate (layout, NULL), ==, e.n_pages);
  assert_contains (e.text, "A <b>&amp; “B” Ltd. <i>");
  assert_contains (e.text, "HUGESTART");
  g_assert_cmpuint (count_occurrences (e.text, "description"), ==, 2000);
  g_assert_cmpuint (e.n_pages, >, 10);
  assert_contains (e.text, "TAB&");
  /* Line 2 follows the giant line 1, on a later page. */
  assert_contains (e.text, "SECONDLINE");
  g_assert_null (strstr (e.pages[0], "SECONDLINE"));
  check_common (m, NULL, &e);
}

/* The sanitizer build (ASan with full stack unwinding at every allocation) runs the same code
 * about ten times slower; the limits below tell linear from quadratic either way (the quadratic
 * layout took minutes for these texts without a sanitizer). */
#if defined(__SANITIZE_ADDRESS__)
#define TIME_FACTOR 10.0
#else
#define TIME_FACTOR 1.0
#endif

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Exports @m, asserting the processor time it took stays under @max_cpu_s: the cost of text
 * layout must grow with the length of the text, not its square. */
static void
export_pdf_timed (CsManifest *m,
                  double      max_cpu_s,
                  Exported   *e)
{
  double t0 = cpu_seconds ();
  double took;

  export_pdf (m, NULL, e);
  took = cpu_seconds () - t0;
  g_test_message ("export took %.2f s of processor time, %u pages", took, e->n_pages);
  if (took > max_cpu_s * TIME_FACTOR)
    g_error ("the export took %.1f s of processor time (at most %.1f s expected)", took, max_cpu_s * TIME_FACTOR);
}

/* Asserts that the words @prefix @i @suffix, @i from 0 to @n - 1 with @digits digits, are all
 * in @text, in order, the first and the last once. */
static void
assert_words_in_order (const char *text,
                       const char *prefix,
                       int         digits,
                       const char *suffix,
                       guint       n)
{
  const char *pos = text;
  char word[64];

  for (guint i = 0; i < n; i++)
    {
      const char *at;

      g_snprintf (word, sizeof word, "%s%0*u%s", prefix, digits, i, suffix);
      at = strstr (pos, word);
      if (at == NULL)
        g_error ("word %u (%s) of %u missing from the PDF or out of order", i + 1, word, n);
      pos = at + strlen (word);
    }
  g_snprintf (word, sizeof word, "%s%0*u%s", prefix, digits, 0, suffix);
  g_assert_cmpuint (count_occurrences (text, word), ==, 1);
  g_snprintf (word, sizeof word, "%s%0*u%s", prefix, digits, n - 1, suffix);
  g_assert_cmpuint (count_occurrences (text, word), ==, 1);
}

static guint
count_char (const char *text,
            gunichar    ch)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == ch)
      n++;
  return n;
}

/* Notes of 600,000 characters (50,000 words on one line): every word on paper, the notes
 * flowing over as many pages as they need (it was 3 pages and 17 words). */
static void
test_long_notes (void)
{
  g_autoptr(CsManifest) m = build_large (3);
  g_autoptr(GString) notes = g_string_sized_new (600000);
  g_auto(Exported) e = { 0 };

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (notes, "%snote%06uz", i > 0 ? " " : "", i);
  g_assert_cmpuint (notes->len, ==, 50000 * 12 - 1);
  cs_record_set_string (CS_RECORD (m), "notes", notes->str);

  export_pdf_timed (m, 30, &e);
  g_assert_cmpuint (e.n_pages, >, 30);
  assert_words_in_order (e.text, "note", 6, "z", 50000);
  check_common (m, NULL, &e);
}

/* An item description of 485,000 characters is one row, taller than many pages: it continues
 * page after page, each word once, and the next item follows it (it took 186 s). */
static void
test_long_description (void)
{
  g_autoptr(CsManifest) m = build_large (3);
  g_autoptr(GString) desc = g_string_sized_new (485000);
  g_auto(Exported) e = { 0 };
  const char *last;

  for (guint i = 0; i < 45000; i++)
    g_string_append_printf (desc, "%sdesc%04uy", i > 0 ? " " : "", i);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", desc->str);

  export_pdf_timed (m, 30, &e);
  g_assert_cmpuint (e.n_pages, >, 100);
  assert_words_in_order (e.text, "desc", 4, "y", 45000);
  last = strstr (e.text, "desc44999y");
  g_assert_nonnull (strstr (last, "TOK0002X"));
  g_assert_null (g_strstr_len (e.text, last - e.text, "TOK0002X"));
  check_common (m, NULL, &e);
}

/* 300,000 Chinese characters of notes, no spaces: every one on paper. */
static void
test_long_cjk (void)
{
  g_autoptr(CsManifest) m = build_large (3);
  g_autoptr(GString) notes = g_string_sized_new (900000);
  g_auto(Exported) plain = { 0 };
  g_auto(Exported) e = { 0 };
  guint total = 0;

  /* Fifty characters (U+9F00 鼀 .. U+9F31) that no label of the document uses. */
  export_pdf (m, NULL, &plain);
  for (gunichar ch = 0x9F00; ch < 0x9F32; ch++)
    g_assert_cmpuint (count_char (plain.text, ch), ==, 0);
  for (guint i = 0; i < 300000; i++)
    g_string_append_unichar (notes, 0x9F00 + i % 50);
  cs_record_set_string (CS_RECORD (m), "notes", notes->str);

  export_pdf_timed (m, 30, &e);
  for (gunichar ch = 0x9F00; ch < 0x9F32; ch++)
    {
      guint n = count_char (e.text, ch);

      g_assert_cmpuint (n, ==, 6000);
      total += n;
    }
  g_assert_cmpuint (total, ==, 300000);
  check_common (m, NULL, &e);
}

/* Texts with no break opportunity are broken anywhere, quickly: a 32,000-character note
 * without spaces took 19 s; the same in the narrow marks column of an item. */
static void
test_unbroken_text (void)
{
  g_autoptr(CsManifest) m = build_large (3);
  g_autoptr(GString) note = g_string_sized_new (64000);
  g_autoptr(GString) marks = g_string_sized_new (20000);
  g_auto(Exported) e = { 0 };

  for (guint i = 0; i < 32000; i++)
    g_string_append_unichar (note, 0x0436);   /* ж: no label uses it */
  for (guint i = 0; i < 10000; i++)
    g_string_append_unichar (marks, 0x044E);  /* ю */
  cs_record_set_string (CS_RECORD (m), "notes", note->str);
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 1)), "marks", marks->str);

  export_pdf_timed (m, 15, &e);
  g_assert_cmpuint (count_char (e.text, 0x0436), ==, 32000);
  g_assert_cmpuint (count_char (e.text, 0x044E), ==, 10000);
  check_common (m, NULL, &e);
}

/* Values too long for a box or the page header (a shipper's address of 200,000 characters, a
 * reference of 5,000) print in full in the long-text annex, flowing over pages; the boxes and
 * the header show their start. Before, a box taller than a page was cut at the page's end. */
static void
test_long_box_values (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GString) address = g_string_sized_new (200000);
  g_autoptr(GString) reference = g_string_sized_new (5000);
  CsParty *shipper = cs_manifest_get_party (m, "shipper");
  g_auto(Exported) e = { 0 };
  const char *annex;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (address, "%saddr%04uq", i > 0 ? " " : "", i);
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (reference, "R%08u-", i);
  g_assert_nonnull (shipper);
  cs_record_set_string (CS_RECORD (shipper), "address", address->str);
  cs_record_set_string (CS_RECORD (m), "reference", reference->str);

  export_pdf_timed (m, 30, &e);
  /* The box shows the start, then the annex all of it. */
  annex = strstr (e.text, "Full text");
  g_assert_nonnull (annex);
  g_assert_nonnull (g_strstr_len (e.text, annex - e.text, "addr0000q"));
  g_assert_null (g_strstr_len (e.text, annex - e.text, "addr0100q"));
  assert_words_in_order (annex, "addr", 4, "q", 20000);
  assert_contains (e.text, "长文本");
  assert_contains (e.text, "Long texts");
  /* The whole reference is in the annex; every page header shows its start. */
  assert_contains (e.text, "R00000499-");
  for (guint p = 0; p < e.n_pages; p++)
    assert_contains (e.pages[p], "R00000000-");
  assert_contains (e.pages[e.n_pages - 1], "Signature");
}

/* Line numbers of up to seven digits stay on one line (five-digit ones wrapped, which
 * doubled the pages of a 100,000-item manifest). */
static void
test_wide_line_numbers (void)
{
  g_autoptr(CsManifest) m = build_large (3);
  g_auto(Exported) e = { 0 };

  CS_MANIFEST_ITEM (m, 0)->line = 1234567;
  CS_MANIFEST_ITEM (m, 1)->line = 100000;
  export_pdf (m, NULL, &e);
  assert_contains (e.text, "1234567 ");
  assert_contains (e.text, "100000 ");
}

/* @text without spaces and line breaks. */
static char *
without_spaces (const char *text)
{
  char *out = g_strdup (text);
  char *w = out;

  for (const char *r = text; *r != '\0'; r++)
    if (*r != ' ' && *r != '\n')
      *w++ = *r;
  *w = '\0';
  return out;
}

/* Text in every script the catalog's countries write, and emoji, prints with a font that has
 * it: no box (pango's unknown glyph), an embedded font for it, and the text reads back. */
static void
test_scripts (void)
{
  /* own_font: the Chinese font has no glyphs for it (it has Vietnamese letters). */
  static const struct { const char *name; const char *text; gboolean own_font; } samples[] = {
    { "Thai", "ทุเรียนหมอนทอง", TRUE },
    { "Vietnamese", "Thanh long ruột đỏ, Việt Nam", FALSE },
    { "Lao", "ສາທາລະນະລັດ ປະຊາທິປະໄຕ", TRUE },
    { "Khmer", "ព្រះរាជាណាចក្រកម្ពុជា", TRUE },
    { "Myanmar", "မြန်မာနိုင်ငံ", TRUE },
    { "emoji", "🍈🚢📦", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(CsManifest) m = build_large (2);
      g_autoptr(CsPrintLayout) layout = NULL;
      g_autofree char *fonts = NULL;
      g_autofree char *squeezed = NULL;
      g_autofree char *want = NULL;
      g_auto(GStrv) lines = NULL;
      g_auto(Exported) e = { 0 };
      const char *argv[] = { PDFFONTS, NULL, NULL };
      cairo_surface_t *surface;
      cairo_t *cr;
      gunichar first = 1;
      guint n, other_fonts = 0;

      g_test_message ("%s", samples[i].name);
      cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "description", samples[i].text);
      cs_record_set_string (CS_RECORD (m), "notes", samples[i].text);

      /* No missing glyph on any page. */
      layout = cs_print_layout_new (m, NULL, CS_PRINT_A4_LANDSCAPE_WIDTH, CS_PRINT_A4_LANDSCAPE_HEIGHT);
      n = cs_print_layout_paginate (layout, NULL);
      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (surface);
      for (guint p = 0; p < n; p++)
        cs_print_layout_draw_page (layout, cr, p);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      if (cs_print_layout_get_missing_glyphs (layout, &first) != 0)
        g_error ("%s prints as boxes (U+%04X): no font for it", samples[i].name, first);
      g_assert_cmpuint (first, ==, 0);

      /* The text reads back (pdftotext may space out clusters), twice: item and notes. */
      export_pdf (m, NULL, &e);
      squeezed = without_spaces (e.text);
      want = without_spaces (samples[i].text);
      if (count_occurrences (squeezed, want) < 2)
        g_error ("%s: “%s” does not read back from the PDF", samples[i].name, samples[i].text);

      /* A font besides the Chinese one (and the hex-box font of missing glyphs) is embedded. */
      argv[1] = e.pdf;
      fonts = run_tool (argv);
      lines = g_strsplit (fonts, "\n", -1);
      for (guint l = 2; lines[l] != NULL; l++)
        if (*lines[l] != '\0' && strstr (lines[l], "NotoSansCJK") == NULL &&
            strstr (lines[l], "Mono") == NULL)
          {
            g_assert_nonnull (strstr (lines[l], " yes "));
            other_fonts++;
          }
      if (samples[i].own_font && other_fonts == 0)
        g_error ("%s: no font for it embedded:\n%s", samples[i].name, fonts);
    }
}

/* The counter of missing glyphs sees a character no font has (an unassigned code point). */
static void
test_missing_glyph_counted (void)
{
  g_autoptr(CsManifest) m = build_large (2);
  g_autoptr(CsPrintLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gunichar first = 0;
  guint n;

  cs_record_set_string (CS_RECORD (m), "notes", "unassigned \xcd\xb8 here\x01");
  layout = cs_print_layout_new (m, NULL, CS_PRINT_A4_LANDSCAPE_WIDTH, CS_PRINT_A4_LANDSCAPE_HEIGHT);
  n = cs_print_layout_paginate (layout, NULL);
  g_assert_cmpuint (cs_print_layout_get_missing_glyphs (layout, NULL), ==, 0);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint p = 0; p < n; p++)
    cs_print_layout_draw_page (layout, cr, p);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  /* U+0378 once; the control character U+0001 is not a font's business. */
  g_assert_cmpuint (cs_print_layout_get_missing_glyphs (layout, &first), ==, 1);
  g_assert_cmpuint (first, ==, 0x0378);
}

/* 40 cars of one line split over 10 containers: the VIN annex lists each VIN once, on one
 * page (it printed every VIN against all ten containers, 4 VINs a page). */
static CsManifest *
build_cars_40 (gboolean boxes)
{
  g_autoptr(GString) j = g_string_new ("{\"reference\": \"PDF-CARS-40\", \"containers\": [");
  g_autoptr(GError) error = NULL;
  CsManifest *m;

  for (guint c = 0; c < 10; c++)
    g_string_append_printf (j, "%s{\"number\": \"CARU%06u%u\", \"size_type\": \"45G1\"}",
                            c ? ", " : "", 200000 + c, c);
  g_string_append (j, "], \"items\": [{\"line\": 1, \"description\": \"Battery-electric cars\","
                      " \"category\": \"vehicle\", \"quantity\": 40, \"unit\": \"PCE\","
                      " \"vehicle\": {\"make\": \"BYD\", \"model\": \"Atto 3\", \"vins\": [");
  for (guint v = 0; v < 40; v++)
    if (boxes)   /* car v in box v / 4 */
      g_string_append_printf (j, "%s{\"vin\": \"LVINCAR%010u\", \"container\": \"CARU%06u%u\"}",
                              v ? ", " : "", 7000000 + v, 200000 + v / 4, v / 4);
    else
      g_string_append_printf (j, "%s\"LVINCAR%010u\"", v ? ", " : "", 7000000 + v);
  g_string_append (j, "]}, \"splits\": [");
  for (guint c = 0; c < 10; c++)
    g_string_append_printf (j, "%s{\"container\": \"CARU%06u%u\", \"packages\": 4}",
                            c ? ", " : "", 200000 + c, c);
  g_string_append (j, "]}]}");
  m = cs_json_load_data (j->str, j->len, "cars", &error);
  g_assert_no_error (error);
  return m;
}

static void
test_vin_annex_dense (void)
{
  g_autoptr(CsManifest) m = build_cars_40 (FALSE);
  g_auto(Exported) e = { 0 };
  guint annex_page = G_MAXUINT;

  export_pdf (m, NULL, &e);
  check_common (m, NULL, &e);
  for (guint v = 0; v < 40; v++)
    {
      g_autofree char *vin = g_strdup_printf ("LVINCAR%010u", 7000000 + v);

      g_assert_cmpuint (count_occurrences (e.text, vin), ==, 1);
      for (guint p = 0; p < e.n_pages; p++)
        if (strstr (e.pages[p], vin) != NULL)
          {
            if (annex_page == G_MAXUINT)
              annex_page = p;
            g_assert_cmpuint (p, ==, annex_page);
          }
    }
  /* The vehicles table names the line's ten containers once; the VIN rows do not repeat them. */
  assert_contains (e.pages[annex_page], "BYD Atto 3");
  for (guint c = 0; c < 10; c++)
    {
      g_autofree char *box = g_strdup_printf ("CARU%06u%u", 200000 + c, c);

      /* item table, containers table, vehicles table */
      g_assert_cmpuint (count_occurrences (e.text, box), ==, 3);
    }
}

/* The same 40 cars, each naming its container: every VIN row shows its own box (it said
 * "split" for all 40), so each box is printed 4 times more, once by each of its cars. */
static void
test_vin_annex_boxes (void)
{
  g_autoptr(CsManifest) m = build_cars_40 (TRUE);
  g_auto(Exported) e = { 0 };

  export_pdf (m, NULL, &e);
  check_common (m, NULL, &e);
  g_assert_null (strstr (e.text, "分箱"));
  for (guint v = 0; v < 40; v++)
    {
      g_autofree char *vin = g_strdup_printf ("LVINCAR%010u", 7000000 + v);
      g_autofree char *box = g_strdup_printf ("CARU%06u%u", 200000 + v / 4, v / 4);
      const char *at = strstr (e.text, vin);
      const char *next, *found;

      g_assert_cmpuint (count_occurrences (e.text, vin), ==, 1);
      next = strstr (at + 1, "LVINCAR");
      found = strstr (at, box);
      g_assert_nonnull (found);
      if (next != NULL)
        g_assert_true (found < next);   /* the box follows its own VIN, before the next VIN */
    }
  for (guint c = 0; c < 10; c++)
    {
      g_autofree char *box = g_strdup_printf ("CARU%06u%u", 200000 + c, c);

      g_assert_cmpuint (count_occurrences (e.text, box), ==, 3 + 4);
    }
}

static void
test_layout_api (void)
{
  g_autoptr(CsManifest) small = cs_test_load_fixture ("every-field.json");
  g_autoptr(CsManifest) large = build_large (150);
  g_autoptr(CsPrintLayout) a = cs_print_layout_new (small, NULL, CS_PRINT_A4_LANDSCAPE_WIDTH,
                                                    CS_PRINT_A4_LANDSCAPE_HEIGHT);
  g_autoptr(CsPrintLayout) b = cs_print_layout_new (large, NULL, CS_PRINT_A4_LANDSCAPE_WIDTH,
                                                    CS_PRINT_A4_LANDSCAPE_HEIGHT);
  /* Portrait pages hold fewer rows than landscape ones. */
  g_autoptr(CsPrintLayout) c = cs_print_layout_new (large, NULL, CS_PRINT_A4_LANDSCAPE_HEIGHT,
                                                    CS_PRINT_A4_LANDSCAPE_WIDTH);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint na, nb, nc;

  g_assert_cmpuint (cs_print_layout_get_n_pages (a), ==, 0);
  na = cs_print_layout_paginate (a, NULL);
  g_assert_cmpuint (na, >=, 1);
  /* Paginating again gives the same answer. */
  g_assert_cmpuint (cs_print_layout_paginate (a, NULL), ==, na);
  nb = cs_print_layout_paginate (b, NULL);
  nc = cs_print_layout_paginate (c, NULL);
  g_assert_cmpuint (nb, >, na);
  g_assert_cmpuint (nc, >, nb);

  /* Drawing on another kind of surface works the same way (as GtkPrintOperation will). */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint p = 0; p < nb; p++)
    cs_print_layout_draw_page (b, cr, p);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_format_decimal (void)
{
  struct { double v; guint min, max; const char *want; } cases[] = {
    { 37360, 0, 3, "37,360" },
    { 36000.5, 0, 3, "36,000.5" },
    { 36000.5, 2, 2, "36,000.50" },
    { 1234567.891, 0, 2, "1,234,567.89" },
    { 999.9996, 0, 3, "1,000" },
    { 100, 0, 3, "100" },
    { 0, 2, 2, "0.00" },
    { -0.0001, 0, 3, "0" },
    { -1234.5, 2, 2, "-1,234.50" },
    { 0.125, 0, 3, "0.125" },
    { 12.0, 1, 3, "12.0" },
  };
  g_autofree char *absent = cs_print_format_decimal (NAN, 0, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cs_print_format_decimal (cases[i].v, cases[i].min, cases[i].max);

      g_assert_cmpstr (got, ==, cases[i].want);
    }
  g_assert_cmpstr (absent, ==, "");
}

static void
test_unwritable (void)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("every-field.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("consign-pdf-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *is_dir = g_build_filename (dir, "taken", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint entries = 0;

  g_assert_no_error (error);

  /* The writer itself, on a path it cannot create. */
  g_assert_false (cs_export_pdf_write (m, NULL, missing, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A device that refuses the bytes: the error comes from flushing and names the path. */
  g_assert_false (cs_export_pdf_write (m, NULL, "/dev/full", &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/dev/full"));
  g_clear_error (&error);

  /* Through the registry: a folder that does not exist... */
  g_assert_false (cs_export_to_file ("pdf", m, NULL, missing, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* ...and a target that is a directory: refused, and no temporary file is left behind. */
  g_assert_cmpint (g_mkdir (is_dir, 0755), ==, 0);
  g_assert_false (cs_export_to_file ("pdf", m, NULL, is_dir, NULL, &error));
  g_assert_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, is_dir));
  g_clear_error (&error);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_cmpstr (name, ==, "taken");
      entries++;
    }
  g_assert_cmpuint (entries, ==, 1);
  g_rmdir (is_dir);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-pdf/format-decimal", test_format_decimal);
  g_test_add_func ("/export-pdf/every-field", test_every_field);
  g_test_add_func ("/export-pdf/shared-example", test_shared_example);
  g_test_add_func ("/export-pdf/large", test_large);
  g_test_add_func ("/export-pdf/findings", test_findings_section);
  g_test_add_func ("/export-pdf/findings-grouped", test_findings_grouped);
  g_test_add_func ("/export-pdf/empty", test_empty_manifest);
  g_test_add_func ("/export-pdf/hostile-text", test_hostile_text);
  g_test_add_func ("/export-pdf/layout-api", test_layout_api);
  g_test_add_func ("/export-pdf/unwritable", test_unwritable);
  g_test_add_func ("/export-pdf/long-notes", test_long_notes);
  g_test_add_func ("/export-pdf/long-description", test_long_description);
  g_test_add_func ("/export-pdf/long-cjk", test_long_cjk);
  g_test_add_func ("/export-pdf/unbroken-text", test_unbroken_text);
  g_test_add_func ("/export-pdf/wide-line-numbers", test_wide_line_numbers);
  g_test_add_func ("/export-pdf/long-box-values", test_long_box_values);
  g_test_add_func ("/export-pdf/scripts", test_scripts);
  g_test_add_func ("/export-pdf/missing-glyph-counted", test_missing_glyph_counted);
  g_test_add_func ("/export-pdf/vin-annex-dense", test_vin_annex_dense);
  g_test_add_func ("/export-pdf/vin-annex-boxes", test_vin_annex_boxes);

  return g_test_run ();
}
