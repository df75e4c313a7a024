/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c: counts read as English plurals and figures are grouped at their unit's precision
 *
 * The helpers of cs-format.h, then where people see them: the Review page's header and totals,
 * the cargo table's cells (the Value column follows the manifest's currency), container
 * weights and the documents checklist's line lists.
 */

#include "config.h"

#include <math.h>

#include "cs-gui-test.h"
#include "cs-cargo-page.h"
#include "cs-documents-page.h"
#include "cs-format.h"
#include "cs-review-page.h"
#include "cs-validator.h"
#include "cs-weight-bar.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static gboolean
shows (GtkWidget  *root,
       const char *text)
{
  g_auto(GStrv) texts = cs_gui_test_collect_texts (root);

  return g_strv_contains ((const char * const *) texts, text);
}

/* Spins the main loop until @root shows @text, for at most ten seconds (pages redraw their
 * totals once per burst of edits, on a timer). */
static gboolean
wait_for_text (GtkWidget  *root,
               const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!shows (root, text) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return shows (root, text);
}

/* The English the header should read, built independently of the code under test. */
static char *
expected_counts (guint n_errors,
                 guint n_warnings,
                 guint n_notes)
{
  return g_strdup_printf ("%u error%s, %u warning%s, %u note%s",
                          n_errors, n_errors == 1 ? "" : "s",
                          n_warnings, n_warnings == 1 ? "" : "s",
                          n_notes, n_notes == 1 ? "" : "s");
}

static void
assert_format (char       *got,
               const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_plurals (void)
{
  assert_format (cs_format_finding_counts (0, 1, 0), "0 errors, 1 warning, 0 notes");
  assert_format (cs_format_finding_counts (1, 2, 1), "1 error, 2 warnings, 1 note");
  assert_format (cs_format_finding_counts (2, 0, 5), "2 errors, 0 warnings, 5 notes");
  assert_format (cs_format_finding_counts (1, 1, -1), "1 error, 1 warning");
  assert_format (cs_format_finding_counts (3, 2, -1), "3 errors, 2 warnings");

  assert_format (cs_format_days (1), "1 day");
  assert_format (cs_format_days (2), "2 days");
  assert_format (cs_format_days (0), "0 days");
  /* whole days, rounded up as the shelf-life rule counts them */
  assert_format (cs_format_days (1.5), "2 days");
  assert_format (cs_format_days (0.2), "1 day");
}

static void
test_numbers (void)
{
  CsCatalog *catalog;

  assert_format (cs_format_decimal (15900, CS_FORMAT_KG_DECIMALS), "15,900.0");
  assert_format (cs_format_decimal (436000, 2), "436,000.00");
  assert_format (cs_format_decimal (72, CS_FORMAT_M3_DECIMALS), "72.000");
  assert_format (cs_format_decimal (-1234.56, 1), "-1,234.6");
  assert_format (cs_format_decimal (999.96, 1), "1,000.0");
  assert_format (cs_format_decimal (12, 0), "12");
  assert_format (cs_format_decimal (NAN, 2), "");
  assert_format (cs_format_quantity (2400), "2,400");
  assert_format (cs_format_quantity (1234567.125), "1,234,567.125");
  assert_format (cs_format_quantity (12.5), "12.5");

  NEED_DISPLAY ();
  catalog = cs_context_get_catalog (store.context);
  g_assert_cmpuint (cs_format_money_decimals (catalog, "USD"), ==, 2);
  g_assert_cmpuint (cs_format_money_decimals (catalog, "VND"), ==, 0);
  g_assert_cmpuint (cs_format_money_decimals (catalog, "KWD"), ==, 3);
  g_assert_cmpuint (cs_format_money_decimals (catalog, "QQQ"), ==, 2);
  g_assert_cmpuint (cs_format_money_decimals (catalog, NULL), ==, 2);
}

static void
test_review_page (void)
{
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsValidation) validation = NULL;
  g_autofree char *counts = NULL;
  GtkWidget *page, *window;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  validation = cs_validation_new (cs_context_get_catalog (store.context));
  cs_validation_set_manifest (validation, m);
  page = cs_review_page_new (store.context);
  window = cs_gui_test_present (page, 1200, 700);
  cs_review_page_set_manifest (CS_REVIEW_PAGE (page), m);
  cs_review_page_set_validation (CS_REVIEW_PAGE (page), validation);
  cs_gui_test_spin ();

  counts = expected_counts (cs_validation_count (validation, CS_SEVERITY_ERROR),
                            cs_validation_count (validation, CS_SEVERITY_WARNING),
                            cs_validation_count (validation, CS_SEVERITY_INFO));
  g_assert_true (shows (page, counts));
  /* The example has exactly one warning: the singular is what this guards. */
  g_assert_cmpuint (cs_validation_count (validation, CS_SEVERITY_WARNING), ==, 1);
  g_assert_false (shows (page, "0 errors, 1 warnings, 0 notes"));

  /* Totals of the example: net 5300 + 8200 + 2400, gross 6200 + 8800 + 2600, volume
   * 38.4 + 24 + 9.6, value 264000 + 142000 + 30000, quantity 2400 + 1 + 2. */
  g_assert_true (shows (page, "15,900.0 kg"));
  g_assert_true (shows (page, "17,600.0 kg"));
  g_assert_true (shows (page, "72.000 m³"));
  g_assert_true (shows (page, "436,000.00 USD"));
  g_assert_true (shows (page, "2,403"));
  g_assert_true (shows (page, "243"));

  /* The value follows the currency's minor units. */
  cs_record_set_string (CS_RECORD (m), "currency", "KWD");
  g_assert_true (wait_for_text (page, "436,000.000 KWD"));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
test_cargo_cells (void)
{
  g_autoptr(CsManifest) m = NULL;
  GtkWidget *page, *window;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  page = cs_cargo_page_new (store.context);
  window = cs_gui_test_present (page, 1400, 700);
  cs_cargo_page_set_manifest (CS_CARGO_PAGE (page), m);
  cs_gui_test_spin ();

  /* line 1: quantity 2400, 240 CT, net 5300, gross 6200, value 264000 USD */
  g_assert_true (shows (page, "2,400"));
  g_assert_true (shows (page, "240 CT"));
  g_assert_true (shows (page, "5,300.0"));
  g_assert_true (shows (page, "6,200.0"));
  g_assert_true (shows (page, "264,000.00"));
  g_assert_false (shows (page, "264000"));
  g_assert_false (shows (page, "5300"));
  /* line numbers are names, not amounts */
  g_assert_true (shows (page, "1"));

  /* A currency without minor units: the Value cells redraw at once. */
  cs_record_set_string (CS_RECORD (m), "currency", "VND");
  cs_gui_test_spin ();
  g_assert_true (shows (page, "264,000"));
  g_assert_false (shows (page, "264,000.00"));

  /* An edit redraws its row with the same format. */
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 0)), "gross_kg", 1234567.5);
  cs_gui_test_spin ();
  g_assert_true (shows (page, "1,234,567.5"));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
test_weight_bar (void)
{
  GtkWidget *bar, *trough, *fill, *mark;

  NEED_DISPLAY ();
  bar = g_object_ref_sink (cs_weight_bar_new ());
  cs_weight_bar_set_values (CS_WEIGHT_BAR (bar), 10140, 32500);
  g_assert_cmpstr (cs_weight_bar_get_text (CS_WEIGHT_BAR (bar)), ==, "10,140 of 32,500 kg");
  g_assert_true (gtk_widget_has_css_class (bar, "within"));
  /* trough, fill, mark: the fill as far as the weight goes, no mark under the limit */
  gtk_widget_size_allocate (bar, &(GtkAllocation) { 0, 0, 325, 12 }, -1);
  trough = gtk_widget_get_first_child (bar);
  fill = gtk_widget_get_next_sibling (trough);
  mark = gtk_widget_get_next_sibling (fill);
  g_assert_cmpstr (gtk_widget_get_css_name (fill), ==, "fill");
  g_assert_cmpint (gtk_widget_get_width (trough), ==, 325);
  g_assert_cmpint (gtk_widget_get_width (fill), ==, 101);
  g_assert_false (gtk_widget_get_child_visible (mark));
  cs_weight_bar_set_values (CS_WEIGHT_BAR (bar), 31000, 32500);
  g_assert_true (gtk_widget_has_css_class (bar, "near-limit"));
  g_assert_false (gtk_widget_has_css_class (bar, "within"));
  /* over the limit: the whole bar is the weight, the limit's mark moves left */
  cs_weight_bar_set_values (CS_WEIGHT_BAR (bar), 65000, 32500);
  g_assert_true (gtk_widget_has_css_class (bar, "over-limit"));
  g_assert_false (gtk_widget_has_css_class (bar, "near-limit"));
  gtk_widget_size_allocate (bar, &(GtkAllocation) { 0, 0, 325, 12 }, -1);
  g_assert_cmpint (gtk_widget_get_width (fill), ==, 325);
  g_assert_true (gtk_widget_get_child_visible (mark));
  cs_weight_bar_set_values (CS_WEIGHT_BAR (bar), 1234567, NAN);
  g_assert_cmpstr (cs_weight_bar_get_text (CS_WEIGHT_BAR (bar)), ==, "1,234,567 kg, limit unknown");
  gtk_widget_size_allocate (bar, &(GtkAllocation) { 0, 0, 325, 12 }, -1);
  g_assert_false (gtk_widget_get_child_visible (fill));
  g_object_unref (bar);
}

static CsItem *
apples (double line)
{
  CsItem *item = cs_item_new ();

  cs_record_set_string (CS_RECORD (item), "category", "perishable");
  cs_record_set_string (CS_RECORD (item), "hs_code", "080810");
  cs_record_set_number (CS_RECORD (item), "line", line);
  return item;
}

static void
test_documents_lines (void)
{
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsItem) first = apples (4);
  g_autoptr(CsItem) second = apples (5);
  GtkWidget *page, *window;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  page = cs_documents_page_new (store.context);
  window = cs_gui_test_present (page, 1000, 900);
  cs_documents_page_set_manifest (CS_DOCUMENTS_PAGE (page), m);
  cs_list_append (m->items, first);
  g_assert_true (wait_for_text (page, "Missing · needed for line 4"));
  cs_list_append (m->items, second);
  g_assert_true (wait_for_text (page, "Missing · needed for lines 4, 5"));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* Files are shown by name and folder, the home folder as "~", never as a long machine path. */
static void
test_file_location (void)
{
  g_autoptr(GFile) in_home = g_file_new_build_filename (g_get_home_dir (), "Downloads", "A&B lines.csv", NULL);
  g_autoptr(GFile) at_home = g_file_new_build_filename (g_get_home_dir (), "lines.xlsx", NULL);
  g_autoptr(GFile) elsewhere = g_file_new_for_path ("/srv/exchange/lines.csv");
  g_autofree char *a = cs_format_file_location (in_home);
  g_autofree char *b = cs_format_file_location (at_home);
  g_autofree char *c = cs_format_file_location (elsewhere);

  g_assert_cmpstr (a, ==, "A&B lines.csv — ~/Downloads");
  g_assert_cmpstr (b, ==, "lines.xlsx — ~");
  g_assert_cmpstr (c, ==, "lines.csv — /srv/exchange");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-format-XXXXXX");
  g_test_add_func ("/format/plurals", test_plurals);
  g_test_add_func ("/format/file-location", test_file_location);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/review-page", test_review_page);
  g_test_add_func ("/format/cargo-cells", test_cargo_cells);
  g_test_add_func ("/format/weight-bar", test_weight_bar);
  g_test_add_func ("/format/documents-lines", test_documents_lines);
  status = g_test_run ();
  cs_gui_test_store_close (&store);
  return status;
}
