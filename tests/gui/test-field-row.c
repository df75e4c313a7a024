/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-field-row.c: CsFieldRow edits the model, refuses bad numbers, shows findings */

#include "config.h"

#include <math.h>

#include "cs-gui-test.h"
#include "cs-field-row.h"
#include "cs-model.h"
#include "cs-number-text.h"

static gboolean have_display;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static GtkWidget *
row_for (CsRecord   *record,
         const char *title,
         const char *field,
         const char *path,
         GListModel *validation)
{
  GtkWidget *row = cs_field_row_new (title, field);

  g_object_ref_sink (row);
  cs_field_row_bind (CS_FIELD_ROW (row), record, path, (CsValidation *) validation);
  return row;
}

static void
test_string (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) row = NULL;

  NEED_DISPLAY ();
  cs_record_set_string (CS_RECORD (item), "description", "Tea");
  row = row_for (CS_RECORD (item), "Description", "description", "items[0].description", NULL);
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Tea");

  gtk_editable_set_text (GTK_EDITABLE (row), "Notebook computers");
  g_assert_cmpstr (item->description, ==, "Notebook computers");

  /* Emptied text means absent. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_null (item->description);

  /* The model speaks back. */
  cs_record_set_string (CS_RECORD (item), "description", "Green tea");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cs_field_row_get_text_widget (CS_FIELD_ROW (row)))),
                   ==, "Green tea");
}

static void
test_number (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) row = NULL;

  NEED_DISPLAY ();
  row = row_for (CS_RECORD (item), "Gross weight", "gross_kg", "items[0].gross_kg", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (row), "6200.5");
  g_assert_cmpfloat (item->gross_kg, ==, 6200.5);
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (row)));

  /* Not a number: error shown, model untouched. */
  gtk_editable_set_text (GTK_EDITABLE (row), "62OO");
  g_assert_cmpfloat (item->gross_kg, ==, 6200.5);
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (row)));
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (row)), ==, "error");

  gtk_editable_set_text (GTK_EDITABLE (row), " 7100 ");
  g_assert_cmpfloat (item->gross_kg, ==, 7100);
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (row)));

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_false (cs_num_is_set (item->gross_kg));

  cs_record_set_number (CS_RECORD (item), "gross_kg", 42.25);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "42.25");

  /* Integer fields refuse fractions. */
  {
    g_autoptr(GtkWidget) line = row_for (CS_RECORD (item), "Line", "line", "items[0].line", NULL);

    gtk_editable_set_text (GTK_EDITABLE (line), "3.5");
    g_assert_false (cs_num_is_set (item->line));
    g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (line)));
    gtk_editable_set_text (GTK_EDITABLE (line), "3");
    g_assert_cmpfloat (item->line, ==, 3);
  }
}

static void
test_parse_number (void)
{
  double v;

  g_assert_true (cs_parse_number ("1e3", &v));
  g_assert_cmpfloat (v, ==, 1000);
  g_assert_true (cs_parse_number ("-18", &v));
  g_assert_cmpfloat (v, ==, -18);
  g_assert_true (cs_parse_number ("", &v));
  g_assert_false (cs_num_is_set (v));
  g_assert_false (cs_parse_number ("inf", &v));
  g_assert_false (cs_parse_number ("nan", &v));
  g_assert_false (cs_parse_number ("0x10", &v));
  g_assert_false (cs_parse_number ("12 kg", &v));
}

static void
test_sub_block (void)
{
  g_autoptr(CsItem) item = cs_item_new ();
  g_autoptr(GtkWidget) row = NULL;

  NEED_DISPLAY ();
  row = row_for (CS_RECORD (item), "Make", "vehicle.make", "items[0].vehicle.make", NULL);
  g_assert_null (item->vehicle);
  g_assert_true (gtk_widget_get_sensitive (row));

  gtk_editable_set_text (GTK_EDITABLE (row), "BYD");
  g_assert_nonnull (item->vehicle);
  g_assert_cmpstr (item->vehicle->make, ==, "BYD");

  /* A change through the block reaches the row, and so does a replaced block. */
  cs_record_set_string (CS_RECORD (item->vehicle), "make", "Changan");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Changan");
  cs_record_set_record (CS_RECORD (item), "vehicle", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
}

static void
test_vectors_and_dates (void)
{
  g_autoptr(CsContainer) box = cs_container_new ();
  g_autoptr(CsDocument) doc = cs_document_new ();
  g_autoptr(GtkWidget) seals = NULL;
  g_autoptr(GtkWidget) date = NULL;
  g_autoptr(GtkWidget) covers = NULL;

  NEED_DISPLAY ();
  seals = row_for (CS_RECORD (box), "Seals", "seals", "containers[0].seals", NULL);
  gtk_editable_set_text (GTK_EDITABLE (seals), "SL123, SL124;");
  g_assert_nonnull (box->seals);
  g_assert_cmpuint (g_strv_length (box->seals), ==, 2);
  g_assert_cmpstr (box->seals[1], ==, "SL124");

  date = row_for (CS_RECORD (doc), "Expires on", "expires_on", "documents[0].expires_on", NULL);
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-02-30");
  g_assert_null (doc->expires_on);
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (date)));
  gtk_editable_set_text (GTK_EDITABLE (date), "2026-02-28");
  g_assert_cmpstr (doc->expires_on, ==, "2026-02-28");
  /* Dates as clerks have them (issue 13): day first, or year first with slashes or in
   * Chinese, all stored in ISO form; month first is never assumed. */
  gtk_editable_set_text (GTK_EDITABLE (date), "14/05/2026");
  g_assert_cmpstr (doc->expires_on, ==, "2026-05-14");
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (date)));
  gtk_editable_set_text (GTK_EDITABLE (date), "2026/5/15");
  g_assert_cmpstr (doc->expires_on, ==, "2026-05-15");
  gtk_editable_set_text (GTK_EDITABLE (date), "2026年5月16日");
  g_assert_cmpstr (doc->expires_on, ==, "2026-05-16");
  gtk_editable_set_text (GTK_EDITABLE (date), "17.5.2026");
  g_assert_cmpstr (doc->expires_on, ==, "2026-05-17");
  gtk_editable_set_text (GTK_EDITABLE (date), "05/14/2026");
  g_assert_cmpstr (doc->expires_on, ==, "2026-05-17");
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (date)));
  gtk_editable_set_text (GTK_EDITABLE (date), "2026/5/14/3");
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (date)));

  covers = row_for (CS_RECORD (doc), "Covers lines", "covers", "documents[0].covers", NULL);
  gtk_editable_set_text (GTK_EDITABLE (covers), "1, 3");
  g_assert_nonnull (doc->covers);
  g_assert_cmpuint (doc->covers->len, ==, 2);
  g_assert_cmpint (g_array_index (doc->covers, gint64, 1), ==, 3);
  gtk_editable_set_text (GTK_EDITABLE (covers), "1, x");
  g_assert_cmpuint (doc->covers->len, ==, 2);
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (covers)));
}

static void
test_findings (void)
{
  g_autoptr(CsContainer) box = cs_container_new ();
  g_autoptr(GListStore) findings = g_list_store_new (CS_TYPE_FINDING);
  g_autoptr(GtkWidget) row = NULL;
  g_autoptr(GtkWidget) seals = NULL;
  g_autoptr(CsFinding) other = cs_finding_new ("container.vgm_missing", CS_SEVERITY_WARNING,
                                               "containers[0].vgm_kg", "No VGM", "Weigh it");
  g_autoptr(CsFinding) warn = cs_finding_new ("container.duplicate", CS_SEVERITY_WARNING,
                                              "containers[0].number", "Listed twice", "");
  g_autoptr(CsFinding) err = cs_finding_new ("container.check_digit", CS_SEVERITY_ERROR,
                                             "containers[0].number", "Check digit should be 3", "");
  g_autoptr(CsFinding) seal = cs_finding_new ("container.seal", CS_SEVERITY_WARNING,
                                              "containers[0].seals[1]", "Seal repeated", "");

  NEED_DISPLAY ();
  row = row_for (CS_RECORD (box), "Container number", "number", "containers[0].number",
                 G_LIST_MODEL (findings));
  seals = row_for (CS_RECORD (box), "Seals", "seals", "containers[0].seals",
                   G_LIST_MODEL (findings));
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (row)));

  g_list_store_append (findings, other);
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (row)));

  g_list_store_append (findings, warn);
  g_assert_cmpstr (cs_field_row_get_error_text (CS_FIELD_ROW (row)), ==, "Listed twice");
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (row)), ==, "warning");

  /* The error wins over the warning. */
  g_list_store_append (findings, err);
  g_assert_cmpstr (cs_field_row_get_error_text (CS_FIELD_ROW (row)), ==, "Check digit should be 3");
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (row)), ==, "error");

  /* Vector rows show their elements' findings. */
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (seals)));
  g_list_store_append (findings, seal);
  g_assert_cmpstr (cs_field_row_get_error_text (CS_FIELD_ROW (seals)), ==, "Seal repeated");

  g_list_store_remove_all (findings);
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (row)));
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (seals)));

  /* Unbinding makes the row insensitive and empty. */
  cs_field_row_bind (CS_FIELD_ROW (row), NULL, NULL, NULL);
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  have_display = cs_gui_test_init (&argc, &argv, NULL, NULL);

  g_test_add_func ("/field-row/string", test_string);
  g_test_add_func ("/field-row/number", test_number);
  g_test_add_func ("/field-row/parse-number", test_parse_number);
  g_test_add_func ("/field-row/sub-block", test_sub_block);
  g_test_add_func ("/field-row/vectors-and-dates", test_vectors_and_dates);
  g_test_add_func ("/field-row/findings", test_findings);

  return g_test_run ();
}
