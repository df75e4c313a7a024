/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-documents-page.c: the checklist follows the cargo; documents are edited in place */

#include "config.h"

#include "cs-gui-test.h"
#include "cs-documents-page.h"
#include "cs-field-row.h"
#include "cs-json.h"
#include "cs-validator.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static gboolean
has (GStrv list, const char *entry)
{
  return g_strv_contains ((const char * const *) list, entry);
}

static void
test_checklist (void)
{
  g_autoptr(CsManifest) m = NULL;
  g_auto(GStrv) list = NULL;
  g_autoptr(CsItem) apples = cs_item_new ();
  CsDocumentsPage *page;
  GtkWidget *window;
  CsDocument *phyto;
  guint n_docs;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  page = CS_DOCUMENTS_PAGE (cs_documents_page_new (store.context));
  window = cs_gui_test_present (GTK_WIDGET (page), -1, -1);
  cs_documents_page_set_manifest (page, m);
  cs_gui_test_spin ();

  list = cs_documents_page_dup_checklist (page);
  g_assert_true (has (list, "commercial_invoice:present"));
  g_assert_true (has (list, "packing_list:present"));
  g_assert_false (has (list, "phytosanitary:missing"));

  /* Fresh apples on board: a phytosanitary certificate is now required, and missing. */
  cs_record_set_string (CS_RECORD (apples), "category", "perishable");
  cs_record_set_string (CS_RECORD (apples), "hs_code", "080810");
  cs_record_set_number (CS_RECORD (apples), "line", 4);
  cs_list_append (m->items, apples);
  g_clear_pointer (&list, g_strfreev);
  list = cs_documents_page_dup_checklist (page);
  g_assert_true (has (list, "phytosanitary:missing"));

  /* "Add" creates it, covering the line that needs it; the checklist ticks it. */
  n_docs = CS_MANIFEST_N_DOCUMENTS (m);
  phyto = cs_documents_page_add_required (page, "phytosanitary");
  g_assert_nonnull (phyto);
  g_assert_cmpuint (CS_MANIFEST_N_DOCUMENTS (m), ==, n_docs + 1);
  g_assert_cmpstr (phyto->kind, ==, "phytosanitary");
  g_assert_nonnull (phyto->covers);
  g_assert_cmpuint (phyto->covers->len, ==, 1);
  g_assert_cmpint (g_array_index (phyto->covers, gint64, 0), ==, 4);
  g_clear_pointer (&list, g_strfreev);
  list = cs_documents_page_dup_checklist (page);
  g_assert_true (has (list, "phytosanitary:present"));

  /* Its fields are edited in place. */
  {
    GtkWidget *number = cs_documents_page_get_row (page, n_docs, "number");
    GtkWidget *expires = cs_documents_page_get_row (page, n_docs, "expires_on");

    g_assert_nonnull (number);
    gtk_editable_set_text (GTK_EDITABLE (number), "PHYTO-2026-0815");
    g_assert_cmpstr (phyto->number, ==, "PHYTO-2026-0815");
    gtk_editable_set_text (GTK_EDITABLE (expires), "2026-13-01");
    g_assert_null (phyto->expires_on);
    g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (expires)));
    gtk_editable_set_text (GTK_EDITABLE (expires), "2026-05-01");
    g_assert_cmpstr (phyto->expires_on, ==, "2026-05-01");
  }
  g_assert_true (cs_documents_page_focus_path (page, "documents[0].expires_on"));
  g_assert_false (cs_documents_page_focus_path (page, "documents[40].number"));

  /* Remove (the one last opened) and undo. */
  g_assert_true (cs_documents_page_focus_path (page, "documents[4].number"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "documents.remove", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_DOCUMENTS (m), ==, n_docs);
  g_clear_pointer (&list, g_strfreev);
  list = cs_documents_page_dup_checklist (page);
  g_assert_true (has (list, "phytosanitary:missing"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "documents.undo-remove", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_DOCUMENTS (m), ==, n_docs + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "documents.add", NULL));
  g_assert_cmpuint (CS_MANIFEST_N_DOCUMENTS (m), ==, n_docs + 2);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* Issue 13: the commercial invoice document takes the invoice's number and date. */
static void
test_invoice_carried (void)
{
  g_autoptr(CsManifest) m = NULL;
  CsDocumentsPage *page;
  GtkWidget *window;
  CsDocument *invoice;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  /* Without its invoice document, which the checklist then asks for. */
  for (guint i = CS_MANIFEST_N_DOCUMENTS (m); i > 0; i--)
    if (g_strcmp0 (CS_MANIFEST_DOCUMENT (m, i - 1)->kind, "commercial_invoice") == 0)
      cs_list_remove (m->documents, i - 1);
  page = CS_DOCUMENTS_PAGE (cs_documents_page_new (store.context));
  window = cs_gui_test_present (GTK_WIDGET (page), -1, -1);
  cs_documents_page_set_manifest (page, m);
  cs_gui_test_spin ();
  invoice = cs_documents_page_add_required (page, "commercial_invoice");
  g_assert_nonnull (invoice);
  g_assert_cmpstr (invoice->number, ==, "LJ-EXP-2026-0042");
  g_assert_cmpstr (invoice->issued_on, ==, "2026-04-01");
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* Whether the validator, run on @m, reports @rule. */
static gboolean
validator_reports (CsManifest *m,
                   const char *rule)
{
  g_autoptr(GPtrArray) findings = cs_validate (m, cs_context_get_catalog (store.context), NULL);

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (((CsFinding *) findings->pdata[i])->rule, rule) == 0)
      return TRUE;
  return FALSE;
}

/* The checklist asks for what the validator's document rules ask for (one home for the
 * requirement logic, cs-requirements.h): an HS code too short to classify the goods asks for
 * no certificate on either side (the validator reports the code instead); a well-formed one does,
 * on both. */
static void
test_as_validator (void)
{
  g_autoptr(CsManifest) m = NULL;
  g_auto(GStrv) list = NULL;
  g_autoptr(CsItem) apples = cs_item_new ();
  CsDocumentsPage *page;
  GtkWidget *window;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  page = CS_DOCUMENTS_PAGE (cs_documents_page_new (store.context));
  window = cs_gui_test_present (GTK_WIDGET (page), -1, -1);
  cs_documents_page_set_manifest (page, m);
  cs_gui_test_spin ();

  cs_record_set_string (CS_RECORD (apples), "category", "perishable");
  cs_record_set_string (CS_RECORD (apples), "hs_code", "08");
  cs_record_set_number (CS_RECORD (apples), "line", 4);
  cs_list_append (m->items, apples);
  list = cs_documents_page_dup_checklist (page);
  g_assert_false (validator_reports (m, "perishable.phytosanitary"));
  g_assert_false (has (list, "phytosanitary:missing"));
  g_assert_true (has (list, "commercial_invoice:present"));

  cs_record_set_string (CS_RECORD (apples), "hs_code", "0808.10");
  g_clear_pointer (&list, g_strfreev);
  list = cs_documents_page_dup_checklist (page);
  g_assert_true (validator_reports (m, "perishable.phytosanitary"));
  g_assert_true (has (list, "phytosanitary:missing"));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-documents-XXXXXX");

  g_test_add_func ("/documents-page/checklist", test_checklist);
  g_test_add_func ("/documents-page/invoice-carried", test_invoice_carried);
  g_test_add_func ("/documents-page/as-validator", test_as_validator);

  ret = g_test_run ();
  cs_gui_test_store_close (&store);
  return ret;
}
