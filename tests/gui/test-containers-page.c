/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-containers-page.c: the Containers page edits boxes and shows the validator's word under the field */

#include "config.h"

#include "cs-gui-test.h"
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "consign-resources.h"
#include "cs-container-row.h"
#include "cs-containers-page.h"
#include "cs-field-row.h"
#include "cs-json.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

typedef struct
{
  CsManifest       *manifest;
  CsValidation     *validation;
  GtkWidget        *window;
  CsContainersPage *page;
} Fixture;

/* What the window does after each edit (debounced there): re-run the rules of what changed. */
static void
revalidate_cb (CsManifest *manifest,
               CsRecord   *origin,
               const char *field,
               Fixture    *f)
{
  cs_validation_revalidate_field (f->validation, origin, field);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  if (!have_display)
    return;
  f->manifest = cs_gui_test_load ("railsea-electronics.json");
  f->validation = cs_validation_new (cs_context_get_catalog (store.context));
  cs_validation_set_manifest (f->validation, f->manifest);
  g_signal_connect (f->manifest, "changed", G_CALLBACK (revalidate_cb), f);

  f->page = CS_CONTAINERS_PAGE (cs_containers_page_new (store.context));
  f->window = cs_gui_test_present (GTK_WIDGET (f->page), 1000, 700);
  g_object_set (f->page, "manifest", f->manifest, "validation", f->validation, NULL);
  cs_gui_test_spin ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  cs_gui_test_spin ();
  g_signal_handlers_disconnect_by_data (f->manifest, f);
  g_clear_object (&f->validation);
  g_clear_object (&f->manifest);
}

static const char *
finding_message (CsValidation *v,
                 const char   *path,
                 const char   *rule)
{
  g_autoptr(GPtrArray) found = cs_validation_find (v, path);

  for (guint i = 0; i < found->len; i++)
    {
      CsFinding *f = g_ptr_array_index (found, i);
      if (g_strcmp0 (f->path, path) == 0 && g_strcmp0 (f->rule, rule) == 0)
        return cs_finding_get_message (f);
    }
  return NULL;
}

static void
test_check_digit (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *number, *list_row, *badge, *label;
  const char *expected;

  NEED_DISPLAY ();
  g_assert_true (cs_containers_page_get_selected (f->page) == CS_MANIFEST_CONTAINER (f->manifest, 0));
  /* The list's first row (ui/cs-container-row.ui) shows the number; its badge is hidden. */
  list_row = cs_gui_test_find_widget (GTK_WIDGET (f->page), CS_TYPE_CONTAINER_ROW);
  g_assert_nonnull (list_row);
  badge = cs_gui_test_find_widget (list_row, GTK_TYPE_IMAGE);
  label = cs_gui_test_find_widget (list_row, GTK_TYPE_LABEL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "OOLU8832107");
  g_assert_false (gtk_widget_get_visible (badge));
  number = cs_containers_page_get_row (f->page, "number");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (number)), ==, "containers[0].number");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "OOLU8832107");
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (number)));

  /* Type a number with a wrong check digit: the model takes it, the validator objects, and
   * the row shows the validator's own message under the field. */
  gtk_editable_set_text (GTK_EDITABLE (number), "CSQU3054384");
  g_assert_cmpstr (CS_MANIFEST_CONTAINER (f->manifest, 0)->number, ==, "CSQU3054384");
  expected = finding_message (f->validation, "containers[0].number", "container.check_digit");
  g_assert_nonnull (expected);
  g_assert_cmpstr (cs_field_row_get_error_text (CS_FIELD_ROW (number)), ==, expected);
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (number)), ==, "error");
  g_assert_cmpstr (cs_containers_page_get_check_note (f->page), ==, "Should end in 3");
  /* The list row follows: its number, and the badge of a failed check digit. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "CSQU3054384");
  g_assert_true (gtk_widget_get_visible (badge));

  /* Half typed: the live note gives the digit to come. */
  gtk_editable_set_text (GTK_EDITABLE (number), "CSQU305438");
  g_assert_cmpstr (cs_containers_page_get_check_note (f->page), ==, "Check digit: 3");

  /* Corrected: the error goes away. */
  gtk_editable_set_text (GTK_EDITABLE (number), "CSQU3054383");
  g_assert_null (finding_message (f->validation, "containers[0].number", "container.check_digit"));
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (number)));
  g_assert_cmpstr (cs_containers_page_get_check_note (f->page), ==, "Check digit correct");
  g_assert_false (gtk_widget_get_visible (badge));
}

static void
test_fields_and_load (Fixture       *f,
                      gconstpointer  data)
{
  CsContainer *box;
  double gross, limit, goods = 0;
  guint n_lines, expect_lines = 0;

  NEED_DISPLAY ();
  box = CS_MANIFEST_CONTAINER (f->manifest, 1);

  g_assert_true (cs_containers_page_focus_path (f->page, "containers[1].seals[0]"));
  g_assert_true (cs_containers_page_get_selected (f->page) == box);

  gtk_editable_set_text (GTK_EDITABLE (cs_containers_page_get_row (f->page, "seals")), "SL0001, SL0002");
  g_assert_cmpuint (g_strv_length (box->seals), ==, 2);
  g_assert_cmpstr (box->seals[1], ==, "SL0002");

  gtk_editable_set_text (GTK_EDITABLE (cs_containers_page_get_row (f->page, "tare_kg")), "3800");
  g_assert_cmpfloat (box->tare_kg, ==, 3800);
  gtk_editable_set_text (GTK_EDITABLE (cs_containers_page_get_row (f->page, "reefer.setpoint_c")), "-18");
  g_assert_nonnull (box->reefer);
  g_assert_cmpfloat (box->reefer->setpoint_c, ==, -18);

  /* The load: tare plus the gross of the lines packed in the box, against its limit. */
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (f->manifest); i++)
    if (g_strcmp0 (CS_MANIFEST_ITEM (f->manifest, i)->container, box->number) == 0)
      {
        goods += CS_MANIFEST_ITEM (f->manifest, i)->gross_kg;
        expect_lines++;
      }
  g_assert_cmpuint (expect_lines, >, 0);
  cs_containers_page_get_load (f->page, &gross, &limit, &n_lines);
  g_assert_cmpfloat (gross, ==, 3800 + goods);
  g_assert_cmpuint (n_lines, ==, expect_lines);
  gtk_editable_set_text (GTK_EDITABLE (cs_containers_page_get_row (f->page, "max_gross_kg")), "12000");
  cs_containers_page_get_load (f->page, &gross, &limit, &n_lines);
  g_assert_cmpfloat (limit, ==, 12000);

  /* A line moved into the box counts at once (after the page's short delay). */
  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (f->manifest, 0)), "container", box->number);
  cs_containers_page_get_load (f->page, &gross, &limit, &n_lines);
  g_assert_cmpuint (n_lines, ==, expect_lines + 1);
  g_assert_cmpfloat (gross, ==, 3800 + goods + CS_MANIFEST_ITEM (f->manifest, 0)->gross_kg);
}

static void
test_add_remove (Fixture       *f,
                 gconstpointer  data)
{
  guint n;
  CsContainer *added;

  NEED_DISPLAY ();
  n = CS_MANIFEST_N_CONTAINERS (f->manifest);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "containers.add", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_CONTAINERS (f->manifest), ==, n + 1);
  added = CS_MANIFEST_CONTAINER (f->manifest, n);
  g_assert_true (cs_containers_page_get_selected (f->page) == added);
  gtk_editable_set_text (GTK_EDITABLE (cs_containers_page_get_row (f->page, "number")), "MWCU6059784");
  g_assert_cmpstr (added->number, ==, "MWCU6059784");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (cs_containers_page_get_row (f->page, "number"))),
                   ==, "containers[2].number");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "containers.remove", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_CONTAINERS (f->manifest), ==, n);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "containers.undo-remove", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_CONTAINERS (f->manifest), ==, n + 1);
  g_assert_true (CS_MANIFEST_CONTAINER (f->manifest, n) == added);
  g_assert_false (cs_containers_page_focus_path (f->page, "containers[7].number"));
}

/* Issue 13.3: many numbers pasted at once; the size type fills tare and maximum gross where
 * empty (still editable); a dry box has no Reefer section. */
static void
test_paste_and_size_defaults (Fixture       *f,
                              gconstpointer  data)
{
  guint before, added, known = 0;
  CsContainer *box;
  GtkWidget *reefer_row;

  NEED_DISPLAY ();
  before = CS_MANIFEST_N_CONTAINERS (f->manifest);
  g_assert_cmpuint (before, >, 0);
  added = cs_containers_page_add_numbers (f->page,
                                          "Booking 4471:\n"
                                          "csqu 305438-3\tOOLU8832107\n"
                                          "MSKU1234565, MSKU1234565; XXXX12345678 ABCU1234567890\n"
                                          "see CSQU3054383 again",
                                          &known);
  /* CSQU3054383 and MSKU1234565 are new (once each); OOLU8832107 is in the fixture; the rest
   * are not container numbers. */
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpuint (known, >=, 1);
  g_assert_cmpuint (CS_MANIFEST_N_CONTAINERS (f->manifest), ==, before + 2);
  box = CS_MANIFEST_CONTAINER (f->manifest, before);
  g_assert_cmpstr (box->number, ==, "CSQU3054383");
  g_assert_cmpstr (CS_MANIFEST_CONTAINER (f->manifest, before + 1)->number, ==, "MSKU1234565");

  g_assert_true (cs_containers_page_select (f->page, before));
  cs_gui_test_spin ();
  g_assert_false (cs_num_is_set (box->tare_kg));
  cs_record_set_string (CS_RECORD (box), "size_type", "45G1");
  g_assert_cmpfloat (box->tare_kg, ==, 3940);
  g_assert_cmpfloat (box->max_gross_kg, ==, 30480);
  /* A value the user gave stays. */
  cs_record_set_number (CS_RECORD (box), "tare_kg", 3900);
  cs_record_set_string (CS_RECORD (box), "size_type", "42G1");
  g_assert_cmpfloat (box->tare_kg, ==, 3900);

  reefer_row = cs_containers_page_get_row (f->page, "reefer.setpoint_c");
  g_assert_nonnull (reefer_row);
  cs_gui_test_spin ();
  g_assert_false (gtk_widget_is_visible (reefer_row));
  cs_record_set_string (CS_RECORD (box), "size_type", "45R1");
  cs_gui_test_spin ();
  g_assert_true (gtk_widget_is_visible (reefer_row));
}

static void
collect_cut_labels (GtkWidget *widget,
                    GPtrArray *out)
{
  /* What the row shows, not the entries of its (closed) drop-down list. */
  if (GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut_labels (c, out);
}

/* Issue 13: the VGM method choices were cut ("Method 1: the packed bo…"). */
static void
test_vgm_method_whole (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *row;

  NEED_DISPLAY ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  g_assert_true (cs_containers_page_select (f->page, 0));
  for (guint method = 1; method <= 2; method++)
    {
      g_autoptr(GPtrArray) cut = g_ptr_array_new ();

      cs_record_set_number (CS_RECORD (CS_MANIFEST_CONTAINER (f->manifest, 0)), "vgm_method", method);
      for (int i = 0; i < 20; i++)
        cs_gui_test_spin ();
      row = cs_containers_page_get_row (f->page, "vgm_method");
      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_mapped (row));
      collect_cut_labels (row, cut);
      for (guint i = 0; i < cut->len; i++)
        g_test_message ("cut: %s", (const char *) cut->pdata[i]);
      g_assert_cmpuint (cut->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-containers-XXXXXX");

  g_test_add ("/containers-page/check-digit", Fixture, NULL, fixture_setup, test_check_digit, fixture_teardown);
  g_test_add ("/containers-page/fields-and-load", Fixture, NULL, fixture_setup, test_fields_and_load, fixture_teardown);
  g_test_add ("/containers-page/add-remove", Fixture, NULL, fixture_setup, test_add_remove, fixture_teardown);
  g_test_add ("/containers-page/vgm-method-whole", Fixture, NULL, fixture_setup,
              test_vgm_method_whole, fixture_teardown);
  g_test_add ("/containers-page/paste-and-size-defaults", Fixture, NULL, fixture_setup,
              test_paste_and_size_defaults, fixture_teardown);

  ret = g_test_run ();
  cs_gui_test_store_close (&store);
  return ret;
}
