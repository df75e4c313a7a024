/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c: the main window end to end (sidebar, new from a corridor, edit → autosave,
 * undo, export in a thread, reopen where the user left, delete) under Xvfb */

#include "config.h"

#include "cs-gui-test.h"
#include "cs-test-util.h"
#include "cs-directory-completion.h"
#include "cs-edifact-history.h"
#include "cs-field-label.h"
#include "cs-field-row.h"
#include "cs-picker.h"
#include "cs-preferences-window.h"
#include "cs-print-preview.h"
#include "cs-json.h"
#include "cs-review-page.h"
#include "cs-sidebar.h"
#include "cs-window.h"
#include "cs-window-private.h"
#include "cs-conflict-dialog.h"

static gboolean have_display;

typedef struct
{
  CsGuiTestStore store;
  CsWindow      *window;
} Fixture;

static void
reset_settings (GSettings *settings)
{
  const char *keys[] = { "last-draft", "last-page", "default-currency", "default-corridor",
                         "default-shipper", "window-width", "window-height",
                         "store-location" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  if (!have_display)
    return;
  cs_gui_test_store_open (&f->store, "cs-window-XXXXXX");
  reset_settings (cs_context_get_settings (f->store.context));
}

static void
destroy_window (Fixture *f)
{
  if (f->window == NULL)
    return;
  /* Closing runs the window's close-request (flush) and destroys it. */
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (!have_display)
    return;
  destroy_window (f);
  cs_gui_test_store_close (&f->store);
}

/* ---- helpers ----------------------------------------------------------------------------- */

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @cond(@data) holds (a generous watchdog turns a hang into a
 * failure; it is not a speed check). */
static void
wait_until (gboolean  (*cond) (gpointer),
            gpointer    data,
            const char *what)
{
  guint watchdog = g_timeout_add_seconds (30, timeout_cb, (gpointer) what);

  while (!cond (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

static gboolean
view_is_settled (gpointer data)
{
  const char *view = cs_window_get_view (data);

  return g_strcmp0 (view, "loading") != 0;
}

static gboolean
is_saved (gpointer data)
{
  CsWindow *window = data;

  return cs_autosave_get_state (cs_window_get_autosave (window)) == CS_AUTOSAVE_SAVED;
}

static CsWindow *
open_window (Fixture *f)
{
  f->window = cs_window_new (NULL, f->store.context);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (view_is_settled, f->window, "the window to settle");
  return f->window;
}

static CsManifest *
read_back (Fixture    *f,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  CsManifest *m;

  g_assert_no_error (error);
  m = cs_store_load (store, id, &error);
  g_assert_no_error (error);
  return m;
}

/* The first widget below @root (depth first) for which @match holds. */
static GtkWidget *
find_widget (GtkWidget     *root,
             gboolean     (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer  data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_field_row (GtkWidget     *widget,
              gconstpointer  field)
{
  return CS_IS_FIELD_ROW (widget) && g_strcmp0 (cs_field_row_get_field (CS_FIELD_ROW (widget)), field) == 0;
}

static GtkWidget *
find_field_row (GtkWidget  *root,
                const char *field)
{
  return find_widget (root, is_field_row, field);
}

static gboolean
is_sidebar (GtkWidget     *widget,
            gconstpointer  data)
{
  return CS_IS_SIDEBAR (widget);
}

/* Activates the item of the sidebar's "New" menu with @action and @target, as a click on it
 * does; FALSE when the menu has no such item. */
static gboolean
activate_new_menu_item (CsWindow   *window,
                        const char *action,
                        const char *target)
{
  GtkWidget *sidebar = find_widget (GTK_WIDGET (window), is_sidebar, NULL);
  GMenuModel *menu = cs_sidebar_get_new_menu (CS_SIDEBAR (sidebar));

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *name = NULL;
          g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                                             NULL);

          if (!g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &name) ||
              g_strcmp0 (name, action) != 0)
            continue;
          if ((target == NULL) != (value == NULL) ||
              (target != NULL && g_strcmp0 (g_variant_get_string (value, NULL), target) != 0))
            continue;
          return gtk_widget_activate_action_variant (GTK_WIDGET (window), name, value);
        }
    }
  return FALSE;
}

/* A new draft as the user makes one: "" with Ctrl+N's action (the preferred corridor),
 * "blank" or "corridor:ID" from the sidebar's "New" menu. */
static void
new_draft (CsWindow   *window,
           const char *what)
{
  if (g_str_has_prefix (what, "corridor:"))
    g_assert_true (activate_new_menu_item (window, "win.new-on-corridor", what + strlen ("corridor:")));
  else if (g_str_equal (what, "blank"))
    g_assert_true (activate_new_menu_item (window, "win.new-blank", NULL));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  g_assert_nonnull (cs_window_get_manifest (window));
  wait_until (is_saved, window, "the new draft to be saved");
}

/* ---- tests ------------------------------------------------------------------------------- */

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return find_widget (root, is_of_type, &type);
}

static gboolean
is_mapped_status_page (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

static GtkWidget *
find_mapped_status_page (GtkWidget  *root,
                         const char *title)
{
  return find_widget (root, is_mapped_status_page, title);
}

static void
test_empty_store (Fixture       *f,
                  gconstpointer  data)
{
  CsWindow *window;
  GtkWidget *sidebar, *status;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  g_assert_cmpstr (cs_window_get_view (window), ==, "empty");
  g_assert_null (cs_window_get_manifest (window));
  sidebar = find_type (GTK_WIDGET (window), CS_TYPE_SIDEBAR);
  g_assert_nonnull (sidebar);
  g_assert_true (cs_sidebar_store_is_empty (CS_SIDEBAR (sidebar)));
  g_assert_cmpuint (g_list_model_get_n_items (cs_sidebar_get_model (CS_SIDEBAR (sidebar))), ==, 0);
  /* The status page the user sees says so. */
  status = find_mapped_status_page (GTK_WIDGET (window), "No drafts yet");
  g_assert_nonnull (status);
}

static void
test_new_from_corridor (Fixture       *f,
                        gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  const CsCorridor *corridor;
  g_autoptr(CsManifest) back = NULL;
  guint expected = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  corridor = cs_catalog_get_corridor (cs_context_get_catalog (f->store.context), "CQ-QZH-RAILSEA");
  g_assert_nonnull (corridor);
  for (guint i = 0; i < corridor->n_legs; i++)
    expected += corridor->legs[i].optional ? 0 : 1;
  g_assert_cmpuint (expected, >, 0);

  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  m = cs_window_get_manifest (window);
  g_assert_cmpstr (cs_window_get_view (window), ==, "editor");
  g_assert_cmpstr (cs_window_get_page (window), ==, "shipment");
  g_assert_cmpstr (m->corridor, ==, "CQ-QZH-RAILSEA");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, expected);
  g_assert_cmpstr (CS_MANIFEST_LEG (m, 0)->from, ==, corridor->legs[0].from[0]);
  g_assert_cmpstr (CS_MANIFEST_LEG (m, 0)->mode, ==, corridor->legs[0].modes[0]);
  /* Filling a new draft is not an undo step. */
  g_assert_false (cs_history_get_can_undo (cs_window_get_history (window)));

  back = read_back (f, m->id);
  g_assert_true (cs_record_equal (CS_RECORD (back), CS_RECORD (m)));
}

static void
test_edit_saves_and_undo (Fixture       *f,
                          gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  GtkWidget *row;
  g_autoptr(CsManifest) after_edit = NULL;
  g_autoptr(CsManifest) after_undo = NULL;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "");
  m = cs_window_get_manifest (window);

  row = find_field_row (GTK_WIDGET (window), "parties.consignee.name");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Hai Phong Industrial Equipment JSC");
  g_assert_nonnull (m->parties->consignee);
  g_assert_cmpstr (m->parties->consignee->name, ==, "Hai Phong Industrial Equipment JSC");
  g_assert_cmpint (cs_autosave_get_state (cs_window_get_autosave (window)), ==, CS_AUTOSAVE_UNSAVED);
  g_assert_true (cs_history_get_can_undo (cs_window_get_history (window)));

  wait_until (is_saved, window, "the edit to be saved");
  after_edit = read_back (f, m->id);
  g_assert_cmpstr (after_edit->parties->consignee->name, ==, "Hai Phong Industrial Equipment JSC");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (m->parties->consignee == NULL || m->parties->consignee->name == NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (cs_history_get_can_redo (cs_window_get_history (window)));
  wait_until (is_saved, window, "the undo to be saved");
  after_undo = read_back (f, m->id);
  g_assert_true (after_undo->parties == NULL || after_undo->parties->consignee == NULL ||
                 after_undo->parties->consignee->name == NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (m->parties->consignee->name, ==, "Hai Phong Industrial Equipment JSC");
}

typedef struct
{
  char     *path;
  char     *error;
  gboolean  done;
} ExportResult;

static void
on_export_finished (CsWindow     *window,
                    const char   *path,
                    const char   *error,
                    ExportResult *r)
{
  r->path = g_strdup (path);
  r->error = g_strdup (error);
  r->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportResult *) data)->done;
}

typedef struct
{
  Fixture    *f;
  const char *id;
} ExportsQuery;

static gboolean
export_recorded (gpointer data)
{
  ExportsQuery *q = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (q->f->store.db, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  rows = cs_store_list_exports (store, q->id, &error);
  g_assert_no_error (error);
  if (rows->len == 0)
    {
      g_usleep (2000);
      return FALSE;
    }
  return TRUE;
}

static void
test_export_in_thread (Fixture       *f,
                       gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  ExportResult r = { 0 };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) back = NULL;
  ExportsQuery q;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  m = cs_window_get_manifest (window);
  cs_record_set_string (CS_RECORD (m), "reference", "QZH2604-0042");

  out = g_build_filename (f->store.dir, "out.json", NULL);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &r);
  cs_window_export_to (window, "json", out);
  /* The export runs in a worker thread: nothing is written before the main loop runs again. */
  g_assert_false (r.done);
  wait_until (export_done, &r, "the export");
  g_assert_null (r.error);
  g_assert_cmpstr (r.path, ==, out);

  back = cs_json_load_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->reference, ==, "QZH2604-0042");
  g_assert_cmpstr (back->id, ==, m->id);
  g_assert_cmpstr (m->status, ==, "exported");

  q.f = f;
  q.id = m->id;
  wait_until (export_recorded, &q, "the export audit row");
  g_free (r.path);
  g_free (r.error);
}

/* Exporting a draft with errors records how many and that someone chose to export anyway, in
 * the exports table (not as JSON in ui_state). */
static void
test_export_confirmed_recorded (Fixture       *f,
                                gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  ExportResult r = { 0 };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CsStoreExport *row;
  guint n_errors;
  ExportsQuery q;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  m = cs_window_get_manifest (window);
  cs_window_validate_now (window);
  n_errors = cs_validation_count (cs_window_get_validation (window), CS_SEVERITY_ERROR);
  /* A new draft lacks its parties: the export below is one in spite of errors. */
  g_assert_cmpuint (n_errors, >, 0);

  out = g_build_filename (f->store.dir, "confirmed.json", NULL);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &r);
  cs_window_export_to (window, "json", out);
  wait_until (export_done, &r, "the export");
  g_assert_null (r.error);
  q.f = f;
  q.id = m->id;
  wait_until (export_recorded, &q, "the export audit row");

  store = cs_store_open (f->store.db, &error);
  g_assert_no_error (error);
  rows = cs_store_list_exports (store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->n_errors, ==, (int) n_errors);
  g_assert_true (row->errors_confirmed);
  g_free (r.path);
  g_free (r.error);
}

static void
test_reopen_where_left (Fixture       *f,
                        gconstpointer  data)
{
  CsWindow *window;
  g_autofree char *id = NULL;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  id = g_strdup (cs_window_get_manifest (window)->id);
  cs_window_show_page (window, "review");
  destroy_window (f);

  window = open_window (f);
  g_assert_cmpstr (cs_window_get_view (window), ==, "editor");
  g_assert_nonnull (cs_window_get_manifest (window));
  g_assert_cmpstr (cs_window_get_manifest (window)->id, ==, id);
  g_assert_cmpstr (cs_window_get_page (window), ==, "review");
}

static void
test_focus_path (Fixture       *f,
                 gconstpointer  data)
{
  CsWindow *window;
  GtkWidget *focus;
  GtkWidget *row;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  cs_window_show_page (window, "review");

  g_assert_true (cs_window_focus_path (window, "parties.consignee.tax_id"));
  g_assert_cmpstr (cs_window_get_page (window), ==, "shipment");
  row = find_field_row (GTK_WIDGET (window), "parties.consignee.tax_id");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));

  g_assert_true (cs_window_focus_path (window, "legs[1].eta"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_false (gtk_widget_is_ancestor (focus, row));
}

static void
test_review_activation (Fixture       *f,
                        gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  CsValidation *validation;
  GtkWidget *review, *row, *focus;
  CsRecord *shipper;
  guint n, found = G_MAXUINT;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  m = cs_window_get_manifest (window);
  shipper = CS_RECORD (g_object_new (CS_TYPE_PARTY, NULL));
  cs_record_set_record (CS_RECORD (m->parties), "shipper", shipper);
  g_object_unref (shipper);
  cs_record_set_string (shipper, "country", "CN");
  /* a USCI whose check character is wrong (GB 32100-2015) */
  cs_record_set_string (shipper, "tax_id", "91500000MA60000001");
  cs_window_validate_now (window);

  validation = cs_window_get_validation (window);
  n = g_list_model_get_n_items (G_LIST_MODEL (validation));
  for (guint i = 0; i < n && found == G_MAXUINT; i++)
    {
      g_autoptr(CsFinding) finding = g_list_model_get_item (G_LIST_MODEL (validation), i);

      if (g_strcmp0 (finding->path, "parties.shipper.tax_id") == 0)
        found = i;
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  g_assert_cmpuint (cs_validation_count (validation, CS_SEVERITY_ERROR), >=, 1);

  cs_window_show_page (window, "review");
  review = find_type (GTK_WIDGET (window), CS_TYPE_REVIEW_PAGE);
  g_assert_nonnull (review);
  /* People read field names there, not data paths or rule ids (those are in the tooltip). */
  {
    g_auto(GStrv) texts = NULL;
    gboolean named = FALSE;

    for (int i = 0; i < 20; i++)
      cs_gui_test_spin ();
    texts = cs_gui_test_collect_texts (review);
    for (guint i = 0; texts[i] != NULL; i++)
      {
        g_assert_null (strstr (texts[i], "parties.shipper.tax_id"));
        g_assert_null (strstr (texts[i], "party.tax_id"));
        named |= g_str_has_prefix (texts[i], "Shipper · Tax id (USCI for China)");
      }
    g_assert_true (named);
  }
  cs_review_page_activate_finding (CS_REVIEW_PAGE (review), found);
  g_assert_cmpstr (cs_window_get_page (window), ==, "shipment");
  row = find_field_row (GTK_WIDGET (window), "parties.shipper.tax_id");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  /* The field shows its own error. */
  g_assert_nonnull (cs_field_row_get_error_text (CS_FIELD_ROW (row)));
}

static gboolean
draft_gone (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  const char *id = ((gpointer *) data)[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  g_autofree char *found = NULL;

  g_assert_no_error (error);
  found = cs_store_lookup_id (store, id, &error);
  g_assert_no_error (error);
  if (found != NULL)
    g_usleep (2000);
  return found == NULL;
}

static void
test_delete_waits_for_toast (Fixture       *f,
                             gconstpointer  data)
{
  CsWindow *window;
  g_autofree char *id = NULL;
  g_autoptr(CsManifest) still = NULL;
  gpointer query[2];

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "");
  id = g_strdup (cs_window_get_manifest (window)->id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  g_assert_null (cs_window_get_manifest (window));
  /* Still in the store while the Undo toast shows. */
  still = read_back (f, id);
  g_assert_cmpstr (still->id, ==, id);

  /* Closing the window carries the deletion out. */
  destroy_window (f);
  query[0] = f;
  query[1] = id;
  wait_until (draft_gone, query, "the deletion");
}

/* Issue 13.1: the counts of the draft left behind stay its own. Draft A is clean, draft B has
 * errors; opening A and then B must not store B's counts under A. */
static CsStoreSummary *
summary_of (Fixture    *f,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  CsStoreSummary *s;

  g_assert_no_error (error);
  s = cs_store_get_summary (store, id, &error);
  g_assert_no_error (error);
  return s;
}

typedef struct
{
  Fixture    *f;
  const char *id;
} SummaryQuery;

static gboolean
counts_stored (gpointer data)
{
  SummaryQuery *q = data;
  g_autoptr(CsStoreSummary) s = summary_of (q->f, q->id);

  if (s->n_errors < 0)
    g_usleep (2000);
  return s->n_errors >= 0;
}

static gboolean
is_settled_and_saved (gpointer data)
{
  return view_is_settled (data) && is_saved (data);
}

static void
test_counts_stay_with_their_draft (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_gui_test_load ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(CsManifest) b = cs_gui_test_load ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(CsStoreSummary) sa = NULL;
  g_autoptr(CsStoreSummary) sb = NULL;
  g_autoptr(GError) error = NULL;
  CsWindow *window;
  SummaryQuery q;
  guint b_errors, a_warnings;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  {
    g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);

    g_assert_no_error (error);
    cs_record_set_string (CS_RECORD (b), "id", "00000000-0000-4000-8000-00000000000b");
    cs_record_set_string (CS_RECORD (b), "reference", "B-WITH-ERRORS");
    /* a USCI whose check character is wrong, and a container number with a bad
     * check digit. */
    cs_record_set_string (CS_RECORD (b->parties->shipper), "tax_id", "91500000MA60000001");
    cs_record_set_string (CS_RECORD (CS_MANIFEST_CONTAINER (b, 0)), "number", "CSQU3054380");
    g_assert_true (cs_store_save (store, a, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, b, NULL, &error));
    g_assert_no_error (error);
  }

  window = open_window (f);
  cs_window_open_draft (window, a->id);
  wait_until (is_settled_and_saved, window, "draft A to open");
  g_assert_cmpstr (cs_window_get_manifest (window)->id, ==, a->id);
  q.f = f;
  q.id = a->id;
  wait_until (counts_stored, &q, "draft A's counts");
  sa = summary_of (f, a->id);
  g_assert_cmpint (sa->n_errors, ==, 0);
  a_warnings = cs_validation_count (cs_window_get_validation (window), CS_SEVERITY_WARNING);
  g_assert_cmpint (sa->n_warnings, ==, (int) a_warnings);
  g_clear_object (&sa);

  cs_window_open_draft (window, b->id);
  wait_until (is_settled_and_saved, window, "draft B to open");
  g_assert_cmpstr (cs_window_get_manifest (window)->id, ==, b->id);
  b_errors = cs_validation_count (cs_window_get_validation (window), CS_SEVERITY_ERROR);
  g_assert_cmpuint (b_errors, >=, 2);
  q.id = b->id;
  wait_until (counts_stored, &q, "draft B's counts");

  sa = summary_of (f, a->id);
  sb = summary_of (f, b->id);
  g_assert_cmpint (sa->n_errors, ==, 0);
  g_assert_cmpint (sa->n_warnings, ==, (int) a_warnings);
  g_assert_cmpint (sb->n_errors, ==, (int) b_errors);
}

/* ---- status (issue 13.2) ----------------------------------------------------------------- */

static gboolean
is_status_pill (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "cs-status") &&
         gtk_widget_get_mapped (widget);
}

/* The status the header (and the Review page, when shown) displays. */
static const char *
shown_status (CsWindow *window)
{
  GtkWidget *pill = find_widget (GTK_WIDGET (window), is_status_pill, NULL);

  g_assert_nonnull (pill);
  return gtk_label_get_text (GTK_LABEL (pill));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_mark_ready_refuses_errors (Fixture       *f,
                                gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  AdwMessageDialog *dialog;
  g_autofree char *count = NULL;
  g_autoptr(CsFinding) first = NULL;
  guint n_errors;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  m = cs_window_get_manifest (window);
  cs_window_validate_now (window);
  n_errors = cs_validation_count (cs_window_get_validation (window), CS_SEVERITY_ERROR);
  g_assert_cmpuint (n_errors, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-ready", NULL));
  g_assert_cmpstr (m->status, ==, "draft");
  g_assert_cmpstr (shown_status (window), ==, "Draft");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* It says how many, and names the first error with its field. */
  count = g_strdup_printf ("%u errors must be corrected first", n_errors);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), count));
  first = g_list_model_get_item (G_LIST_MODEL (cs_window_get_validation (window)), 0);
  g_assert_cmpint (first->severity, ==, CS_SEVERITY_ERROR);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), cs_finding_get_message (first)));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), first->path));
  adw_message_dialog_response (dialog, "review");
  g_assert_cmpstr (cs_window_get_page (window), ==, "review");
}

static void
test_edit_returns_to_draft (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CsManifest) clean = cs_gui_test_load ("corridors/CQ-QZH-RAILSEA.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  ExportResult r = { 0 };
  CsWindow *window;
  CsManifest *m;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  {
    g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);

    g_assert_no_error (error);
    g_assert_true (cs_store_save (store, clean, NULL, &error));
    g_assert_no_error (error);
  }
  window = open_window (f);
  cs_window_open_draft (window, clean->id);
  wait_until (is_settled_and_saved, window, "the clean draft to open");
  m = cs_window_get_manifest (window);
  cs_window_validate_now (window);
  g_assert_cmpuint (cs_validation_count (cs_window_get_validation (window), CS_SEVERITY_ERROR), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-ready", NULL));
  g_assert_cmpstr (m->status, ==, "ready");
  g_assert_cmpstr (shown_status (window), ==, "Ready");
  g_assert_null (find_message_dialog ());

  /* An edit after "ready": a draft again. */
  cs_record_set_string (CS_RECORD (m), "notes", "changed after ready");
  cs_history_seal (cs_window_get_history (window));
  g_assert_cmpstr (m->status, ==, "draft");
  g_assert_cmpstr (shown_status (window), ==, "Draft");

  out = g_build_filename (f->store.dir, "out.json", NULL);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &r);
  cs_window_export_to (window, "json", out);
  wait_until (export_done, &r, "the export");
  g_assert_null (r.error);
  g_assert_cmpstr (m->status, ==, "exported");
  cs_history_seal (cs_window_get_history (window));
  cs_window_show_page (window, "review");
  g_assert_cmpstr (shown_status (window), ==, "Exported");

  /* An edit after the export: a draft again, on every page that shows the status. */
  cs_record_set_string (CS_RECORD (m), "notes", "changed after the export");
  g_assert_cmpstr (m->status, ==, "draft");
  g_assert_cmpstr (shown_status (window), ==, "Draft");
  /* Undoing that edit gives back the exported content, and its status. */
  cs_history_seal (cs_window_get_history (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (m->notes, ==, "changed after ready");
  g_assert_cmpstr (m->status, ==, "exported");
  wait_until (is_saved, window, "the last save");
  {
    g_autoptr(CsManifest) back = read_back (f, m->id);

    g_assert_cmpstr (back->status, ==, "exported");
  }
  g_free (r.path);
  g_free (r.error);
}

/* ---- undo shows what it changes (issue 13.10) ---------------------------------------------- */

static void
test_undo_shows_field (Fixture       *f,
                       gconstpointer  data)
{
  CsWindow *window;
  GtkWidget *row, *focus;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "");
  row = find_field_row (GTK_WIDGET (window), "parties.consignee.name");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Hai Phong Industrial Equipment JSC");
  cs_history_seal (cs_window_get_history (window));

  cs_window_show_page (window, "review");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (cs_window_get_page (window), ==, "shipment");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));

  cs_window_show_page (window, "containers");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (cs_window_get_page (window), ==, "shipment");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Hai Phong Industrial Equipment JSC");
}

/* ---- a party from the directory is an undo step of its own ------------------------------- */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_height (data) > 0;
}

/* TRUE when the widget is shown on the screen, laid out wholly inside its scrolled window's
 * visible part. */
static gboolean
is_in_view (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t top, bottom;

  return is_mapped (widget) &&
         gtk_widget_compute_point (widget, scroller, &GRAPHENE_POINT_INIT (0, 0), &top) &&
         gtk_widget_compute_point (widget, scroller,
                                   &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (widget)), &bottom) &&
         top.y >= 0 && bottom.y <= gtk_widget_get_height (scroller);
}

static gboolean
has_matches (gpointer data)
{
  return cs_directory_completion_get_n_matches (data) > 0;
}

/* A name typed, then an entry chosen from the completion at once (well within the typing
 * burst): Undo takes back the fill and gives the typed name back, not what came before it. */
static void
test_party_fill_undo_step (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CsParty) entry = cs_party_new ();
  g_autoptr(GError) error = NULL;
  CsDirectoryCompletion *completion;
  CsWindow *window;
  CsManifest *m;
  GtkWidget *row;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  cs_record_set_string (CS_RECORD (entry), "name", "Hanoi Motors JSC");
  cs_record_set_string (CS_RECORD (entry), "country", "VN");
  cs_record_set_string (CS_RECORD (entry), "phone", "+84 24 1111 2222");
  {
    g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (cs_directory_add_party (store, entry, &error), >, 0);
    g_assert_no_error (error);
  }
  window = open_window (f);
  new_draft (window, "");
  m = cs_window_get_manifest (window);
  /* However long the search takes here, the name and the choice are one typing burst. */
  cs_history_set_burst_timeout (cs_window_get_history (window), 60000);

  row = find_field_row (GTK_WIDGET (window), "parties.consignee.name");
  completion = CS_DIRECTORY_COMPLETION (cs_gui_test_find_widget (row, CS_TYPE_DIRECTORY_COMPLETION));
  g_assert_nonnull (completion);
  /* The window on the screen and the row scrolled to the top, laid out there: the list opens
   * under it, and a list placed off the screen would be a GDK critical. */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW));
    graphene_point_t at;

    wait_until (is_mapped, row, "the name row to be shown");
    g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (scroller),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), at.y);
    wait_until (is_in_view, row, "the name row to be scrolled into view");
  }
  g_assert_true (gtk_widget_grab_focus (row));
  /* The first letter makes the consignee (a step of its own); the rest is typing. */
  gtk_editable_set_text (GTK_EDITABLE (row), "H");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_editable_set_text (GTK_EDITABLE (row), "Hanoi");
  wait_until (has_matches, completion, "the directory's matches");
  cs_directory_completion_choose (completion, 0);
  g_assert_cmpstr (m->parties->consignee->name, ==, "Hanoi Motors JSC");
  g_assert_cmpstr (m->parties->consignee->phone, ==, "+84 24 1111 2222");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (m->parties->consignee->name, ==, "Hanoi");
  g_assert_null (m->parties->consignee->phone);
  g_assert_null (m->parties->consignee->country);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Hanoi");
  /* The typing is a step of its own, before it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (m->parties->consignee->name, ==, "H");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (m->parties->consignee->phone, ==, "+84 24 1111 2222");
}

/* ---- new drafts (issue 13.8) --------------------------------------------------------------- */

static guint
n_drafts_stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_no_error (error);
  rows = cs_store_list (store, NULL, NULL, &error);
  g_assert_no_error (error);
  return rows->len;
}

typedef struct
{
  Fixture *f;
  guint    n;
} CountQuery;

static gboolean
n_drafts_is (gpointer data)
{
  CountQuery *q = data;
  guint n = n_drafts_stored (q->f);

  if (n != q->n)
    g_usleep (2000);
  return n == q->n;
}

static gboolean
is_scrolled_window (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

static void
test_blank_is_blank (Fixture       *f,
                     gconstpointer  data)
{
  GSettings *settings = cs_context_get_settings (f->store.context);
  CsWindow *window;
  CsManifest *m;
  GtkWidget *reference, *focus, *scroller;
  GtkAdjustment *adj;
  CountQuery q = { f, 0 };

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  g_settings_set_string (settings, "default-corridor", "CQ-QZH-RAILSEA");
  window = open_window (f);

  /* "Blank manifest" applies no corridor, whatever the preference says. */
  new_draft (window, "blank");
  m = cs_window_get_manifest (window);
  g_assert_null (m->corridor);
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (m), ==, 0);

  /* It opens in its first field, Reference. */
  reference = find_field_row (GTK_WIDGET (window), "reference");
  g_assert_nonnull (reference);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == reference || gtk_widget_is_ancestor (focus, reference));

  /* Left without an edit, for another new one: no stray "New draft" stays behind. */
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  q.n = 1;
  wait_until (n_drafts_is, &q, "the untouched blank draft to go");

  /* An edited one stays; the next new draft opens at the top of the page, not where the
   * last one was scrolled to. */
  cs_record_set_string (CS_RECORD (cs_window_get_manifest (window)), "notes", "kept");
  scroller = find_widget (GTK_WIDGET (window), is_scrolled_window, NULL);
  g_assert_nonnull (scroller);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  for (int i = 0; i < 20 && gtk_adjustment_get_upper (adj) <= gtk_adjustment_get_page_size (adj); i++)
    cs_gui_test_spin ();
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  new_draft (window, "blank");
  q.n = 2;
  wait_until (n_drafts_is, &q, "the edited draft and the new one");
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
}

/* The sidebar's "New" menu lists the store's templates; choosing one opens a new draft made from
 * it (on the store thread), with the template's content. */
static gboolean
has_template_item (gpointer data)
{
  return activate_new_menu_item (data, "win.new-from-template", "Haiphong rail");
}

static gboolean
has_manifest (gpointer data)
{
  return cs_window_get_manifest (data) != NULL;
}

static void
test_new_from_template (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) tmpl = cs_manifest_new_draft ();
  CsWindow *window;
  CsManifest *m;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  {
    g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);

    g_assert_no_error (error);
    cs_record_set_string (CS_RECORD (tmpl), "notes", "Reefer plugs booked at Qinzhou");
    cs_record_set_string (CS_RECORD (tmpl), "currency", "USD");
    g_assert_true (cs_store_save_template (store, "Haiphong rail", tmpl, &error));
    g_assert_no_error (error);
  }
  window = open_window (f);
  g_assert_null (cs_window_get_manifest (window));
  /* the template list arrives from the store thread; the item is activated as soon as it shows */
  wait_until (has_template_item, window, "the template's menu item");
  wait_until (has_manifest, window, "the draft from the template");
  wait_until (is_saved, window, "the draft from the template to be saved");
  m = cs_window_get_manifest (window);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->notes, ==, "Reefer plugs booked at Qinzhou");
  g_assert_cmpstr (m->currency, ==, "USD");
  g_assert_cmpstr (m->status, ==, "draft");
}

/* ---- fits a laptop (issue 13.4) ------------------------------------------------------------ */

static void
collect_ellipsized (GtkWidget *widget,
                    GPtrArray *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ellipsized (child, out);
}

static gboolean
is_view_switcher (GtkWidget     *widget,
                  gconstpointer  data)
{
  return (ADW_IS_VIEW_SWITCHER (widget) || ADW_IS_VIEW_SWITCHER_BAR (widget)) &&
         gtk_widget_get_mapped (widget) && gtk_widget_get_child_visible (widget);
}

static void
test_fits_a_laptop (Fixture       *f,
                    gconstpointer  data)
{
  const int sizes[][2] = { { 800, 600 }, { 1024, 700 } };
  const char *pages[] = { "shipment", "cargo", "containers", "documents", "review" };
  GSettings *settings = cs_context_get_settings (f->store.context);
  CsWindow *window;
  int min = 0, nat = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  cs_record_set_string (CS_RECORD (cs_window_get_manifest (window)), "reference", "QZH2604-0042");
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("window width: minimum %d, natural %d", min, nat);
  g_assert_cmpint (min, <=, 800);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      /* A window opened at that size (and the draft reopened in it). */
      destroy_window (f);
      g_settings_set_int (settings, "window-width", sizes[s][0]);
      g_settings_set_int (settings, "window-height", sizes[s][1]);
      window = open_window (f);
      g_assert_nonnull (cs_window_get_manifest (window));
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autoptr(GPtrArray) cut = g_ptr_array_new ();
          g_autoptr(GPtrArray) switcher_cut = g_ptr_array_new ();
          GtkWidget *switcher;

          cs_window_show_page (window, pages[p]);
          for (int i = 0; i < 10; i++)
            {
              cs_gui_test_spin ();
              g_usleep (5000);
            }
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, sizes[s][0]);
          /* The pages can always be switched: in the header, or in the bar below. */
          switcher = find_widget (GTK_WIDGET (window), is_view_switcher, NULL);
          g_assert_nonnull (switcher);
          collect_ellipsized (GTK_WIDGET (window), cut);
          for (guint i = 0; i < cut->len; i++)
            g_test_message ("%dx%d %s: ellipsized: %s", sizes[s][0], sizes[s][1], pages[p],
                            (const char *) cut->pdata[i]);
          /* Page titles are never cut. */
          collect_ellipsized (switcher, switcher_cut);
          g_assert_cmpuint (switcher_cut->len, ==, 0);
        }
    }
}

/* ---- export set-up, export toast, print preview (issue 13.5, 13.10) ------------------------ */

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static void
test_export_set_up_first (Fixture       *f,
                          gconstpointer  data)
{
  CsWindow *window;
  AdwMessageDialog *dialog;
  GtkWindow *prefs;
  GtkWidget *focus;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  g_settings_reset (cs_context_get_settings (f->store.context), "edifact-sender");
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "edifact"));
  /* Asked before any file is chosen, in the user's words, with the way to fix it. */
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "--sender"));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Sender"));
  g_assert_true (adw_message_dialog_has_response (dialog, "preferences"));
  adw_message_dialog_response (dialog, "preferences");
  cs_gui_test_spin ();
  prefs = find_toplevel (CS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (window));
  focus = gtk_root_get_focus (GTK_ROOT (prefs));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW))),
                   ==, "EDIFACT sender id");
  gtk_window_destroy (prefs);
}

typedef struct
{
  const char *action;
  const char *target;
} ActionQuery;

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  const ActionQuery *q = data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), q->action) != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
         g_strcmp0 (g_variant_get_string (target, NULL), q->target) == 0;
}

static void
test_export_toast_opens (Fixture       *f,
                         gconstpointer  data)
{
  CsWindow *window;
  ExportResult r = { 0 };
  g_autofree char *out = NULL;
  ActionQuery open_q, folder_q;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  out = g_build_filename (f->store.dir, "toast.json", NULL);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &r);
  cs_window_export_to (window, "json", out);
  wait_until (export_done, &r, "the export");
  g_assert_null (r.error);
  cs_gui_test_spin ();

  /* The toast offers the file and its folder. */
  open_q.action = "win.open-file";
  open_q.target = out;
  folder_q.action = "win.show-in-folder";
  folder_q.target = out;
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_action_button, &open_q));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_action_button, &folder_q));
  g_free (r.path);
  g_free (r.error);
}

static gboolean
preview_rendered (gpointer data)
{
  return cs_print_preview_get_n_pages (data) > 0;
}

static void
test_print_preview_shows_pages (Fixture       *f,
                                gconstpointer  data)
{
  CsWindow *window;
  GtkWidget *preview;
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();
  GtkWidget *picture;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-preview", NULL));
  preview = GTK_WIDGET (find_toplevel (CS_TYPE_PRINT_PREVIEW));
  g_assert_nonnull (preview);
  wait_until (preview_rendered, preview, "the preview pages");
  g_assert_cmpuint (cs_print_preview_get_n_shown (CS_PRINT_PREVIEW (preview)), >=, 1);
  /* The pages are shown: pictures of A4 landscape pages. */
  picture = cs_gui_test_find_widget (preview, GTK_TYPE_PICTURE);
  g_assert_nonnull (picture);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (gtk_picture_get_paintable (GTK_PICTURE (picture))), >,
                   gdk_paintable_get_intrinsic_height (gtk_picture_get_paintable (GTK_PICTURE (picture))));
  gtk_window_destroy (GTK_WINDOW (preview));
}

/* Issue 13: Ctrl+Delete in a field deletes a word there, never the draft. */
static void
test_ctrl_delete_in_field (Fixture       *f,
                           gconstpointer  data)
{
  CsWindow *window;
  GtkWidget *row, *text;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "");
  row = find_field_row (GTK_WIDGET (window), "parties.consignee.name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Hai Phong Industrial Equipment JSC");
  text = cs_field_row_get_text_widget (CS_FIELD_ROW (row));
  g_assert_true (gtk_widget_grab_focus (text));
  gtk_editable_set_position (GTK_EDITABLE (text), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-key", NULL));
  g_assert_nonnull (cs_window_get_manifest (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, " Phong Industrial Equipment JSC");
  g_assert_cmpstr (cs_window_get_manifest (window)->parties->consignee->name, ==,
                   " Phong Industrial Equipment JSC");
}

static gboolean
is_row_at_path (GtkWidget     *widget,
                gconstpointer  json_path)
{
  return CS_IS_FIELD_ROW (widget) &&
         g_strcmp0 (cs_field_row_get_json_path (CS_FIELD_ROW (widget)), json_path) == 0;
}

/* The form row of leg @leg's @field ("vessel.imo"). */
static GtkWidget *
leg_row (CsWindow   *window,
         guint       leg,
         const char *field)
{
  g_autofree char *path = g_strdup_printf ("legs[%u].%s", leg, field);
  GtkWidget *row = find_widget (GTK_WIDGET (window), is_row_at_path, path);

  g_assert_nonnull (row);
  return row;
}

static void
assert_focus_in (CsWindow  *window,
                 GtkWidget *row)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* Issue 9: each leg's conveyance (vessel name, IMO number, call sign, flag) and carrier code
 * are edited on the Shipment page; the IMO check digit and the missing vessel show at, and
 * focus, these rows; emptying the vessel's rows removes the vessel block. */
static void
test_leg_conveyance (Fixture       *f,
                     gconstpointer  data)
{
  CsWindow *window;
  CsManifest *m;
  CsLeg *leg = NULL;
  GtkWidget *name, *imo, *call_sign, *flag, *carrier_code;
  g_autofree char *block = NULL;
  g_autofree char *label = NULL;
  guint sea = G_MAXUINT;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  cs_window_show_page (window, "shipment");
  m = cs_window_get_manifest (window);
  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m) && sea == G_MAXUINT; i++)
    if (g_strcmp0 (CS_MANIFEST_LEG (m, i)->mode, "sea") == 0)
      sea = i, leg = CS_MANIFEST_LEG (m, i);
  g_assert_nonnull (leg);
  g_assert_null (leg->vessel);

  name = leg_row (window, sea, "vessel.name");
  imo = leg_row (window, sea, "vessel.imo");
  call_sign = leg_row (window, sea, "vessel.call_sign");
  flag = leg_row (window, sea, "vessel.flag");
  carrier_code = leg_row (window, sea, "carrier_code");
  /* The flag is chosen from the ISO 3166 list, like a party's country. */
  g_assert_nonnull (cs_picker_row_get_picker (CS_FIELD_ROW (flag)));

  /* A sea leg without a vessel: the warning shows at the vessel's first row, and focusing the
   * finding's path lands there. */
  cs_window_validate_now (window);
  block = g_strdup_printf ("Leg %u goes by water but names no vessel", sea + 1);
  g_assert_cmpstr (cs_field_row_get_error_text (CS_FIELD_ROW (name)), ==, block);
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (name)), ==, "warning");
  g_clear_pointer (&block, g_free);
  block = g_strdup_printf ("legs[%u].vessel", sea);
  cs_window_show_page (window, "review");
  g_assert_true (cs_window_focus_path (window, block));
  g_assert_cmpstr (cs_window_get_page (window), ==, "shipment");
  assert_focus_in (window, name);

  gtk_editable_set_text (GTK_EDITABLE (name), "BEIBU GULF 7");
  gtk_editable_set_text (GTK_EDITABLE (imo), "9074728");
  gtk_editable_set_text (GTK_EDITABLE (call_sign), "3FXY7");
  gtk_editable_set_text (GTK_EDITABLE (flag), "PA");
  gtk_editable_set_text (GTK_EDITABLE (carrier_code), "BGSC");
  g_assert_nonnull (leg->vessel);
  g_assert_cmpstr (leg->vessel->name, ==, "BEIBU GULF 7");
  g_assert_cmpstr (leg->vessel->imo, ==, "9074728");
  g_assert_cmpstr (leg->vessel->call_sign, ==, "3FXY7");
  g_assert_cmpstr (leg->vessel->flag, ==, "PA");
  g_assert_cmpstr (leg->carrier_code, ==, "BGSC");

  /* A wrong check digit is an error at the IMO row, which its path focuses. */
  cs_window_validate_now (window);
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (name)));
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (imo)), ==, "error");
  g_clear_pointer (&block, g_free);
  block = g_strdup_printf ("Leg %u: “9074728” is not a valid IMO ship number", sea + 1);
  g_assert_cmpstr (cs_field_row_get_error_text (CS_FIELD_ROW (imo)), ==, block);
  g_clear_pointer (&block, g_free);
  block = g_strdup_printf ("legs[%u].vessel.imo", sea);
  g_assert_true (cs_window_focus_path (window, block));
  assert_focus_in (window, imo);
  /* The Review page and toasts name the field as the row does. */
  label = cs_field_label (m, block);
  g_clear_pointer (&block, g_free);
  block = g_strdup_printf ("Leg %u · IMO number", sea + 1);
  g_assert_cmpstr (label, ==, block);
  gtk_editable_set_text (GTK_EDITABLE (imo), "9074729");
  cs_window_validate_now (window);
  g_assert_null (cs_field_row_get_error_text (CS_FIELD_ROW (imo)));

  /* Emptying the four vessel rows removes the block (the carrier code is the leg's own). */
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  gtk_editable_set_text (GTK_EDITABLE (imo), "");
  gtk_editable_set_text (GTK_EDITABLE (call_sign), "");
  g_assert_nonnull (leg->vessel);
  gtk_editable_set_text (GTK_EDITABLE (flag), "");
  g_assert_null (leg->vessel);
  g_assert_cmpstr (leg->carrier_code, ==, "BGSC");
  cs_window_validate_now (window);
  g_assert_cmpstr (cs_field_row_get_error_severity (CS_FIELD_ROW (name)), ==, "warning");

  /* Showing an empty vessel block (as a file may hold one) changes nothing. */
  cs_record_ensure_record (CS_RECORD (leg), "vessel");
  cs_window_show_page (window, "cargo");
  cs_window_show_page (window, "shipment");
  cs_gui_test_spin ();
  g_assert_nonnull (leg->vessel);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) name = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_ACTION,
                                                                       G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if ((name != NULL && g_strcmp0 (g_variant_get_string (name, NULL), action) == 0) ||
          menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_menu_button_with (GtkWidget     *widget,
                     gconstpointer  action)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), action);
}

/* Exports @format (or, with @cancel, an EDIFACT cancellation) to @name in the store's folder
 * and waits for it to be written and recorded; returns the path, or NULL with *@error_out. */
static char *
export_and_wait (Fixture    *f,
                 const char *name,
                 gboolean    cancel,
                 char      **error_out)
{
  ExportResult r = { 0 };
  char *out = g_build_filename (f->store.dir, name, NULL);
  CsWindow *window = f->window;
  gulong handler = g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &r);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  const char *id = cs_window_get_manifest (window)->id;

  g_assert_no_error (error);
  before = cs_edifact_list_sent (store, id, &error);
  g_assert_no_error (error);
  if (cancel)
    cs_window_cancel_cuscar_to (window, out);
  else
    cs_window_export_to (window, "edifact", out);
  wait_until (export_done, &r, "the EDIFACT export");
  g_signal_handler_disconnect (window, handler);
  g_free (r.path);
  if (r.error != NULL)
    {
      *error_out = r.error;
      g_free (out);
      return NULL;
    }
  /* Its history row is written on the store thread after the file. */
  for (guint tries = 0; tries < 5000; tries++)
    {
      g_autoptr(GPtrArray) sent = cs_edifact_list_sent (store, id, &error);

      g_assert_no_error (error);
      if (sent->len > before->len)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return out;
}

/* Issue 9: the editor's EDIFACT export follows the draft's history per recipient, as the
 * command line's does: original, then replacement; Export ▸ Cancel CUSCAR… asks, then sends a
 * cancellation; with nothing left to cancel it refuses. */
static void
test_edifact_history (Fixture       *f,
                      gconstpointer  data)
{
  GSettings *settings;
  CsWindow *window;
  g_autoptr(CsManifest) m = NULL;
  g_autofree char *first = NULL, *second = NULL, *cancel = NULL, *function = NULL;
  char *error_text = NULL;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GPtrArray) sent = NULL;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  settings = cs_context_get_settings (f->store.context);
  g_settings_set_string (settings, "edifact-sender", "QZHFWD");
  g_settings_set_string (settings, "edifact-recipient", "CNQZHCUS");
  window = open_window (f);
  m = cs_gui_test_load ("railsea-electronics.json");
  cs_window_set_manifest (window, m, FALSE);
  wait_until (is_saved, window, "the draft to be saved");

  first = export_and_wait (f, "first.edi", FALSE, &error_text);
  g_assert_cmpstr (error_text, ==, NULL);
  function = cs_test_edifact_bgm_function (first);
  g_assert_cmpstr (function, ==, "9");
  g_clear_pointer (&function, g_free);

  second = export_and_wait (f, "second.edi", FALSE, &error_text);
  g_assert_cmpstr (error_text, ==, NULL);
  function = cs_test_edifact_bgm_function (second);
  g_assert_cmpstr (function, ==, "5");
  g_clear_pointer (&function, g_free);

  /* The menu item asks first; keeping it writes nothing. */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_menu_button_with, "win.cancel-cuscar"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-cuscar", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "CNQZHCUS"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel-cuscar"));
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  cs_gui_test_spin ();

  cancel = export_and_wait (f, "cancel.edi", TRUE, &error_text);
  g_assert_cmpstr (error_text, ==, NULL);
  function = cs_test_edifact_bgm_function (cancel);
  g_assert_cmpstr (function, ==, "1");

  /* The history the CLI shows: newest first, each with its own interchange reference. */
  store = cs_store_open (f->store.db, &error);
  g_assert_no_error (error);
  sent = cs_edifact_list_sent (store, cs_window_get_manifest (window)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sent->len, ==, 3);
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[0])->message_function, ==, "1");
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[1])->message_function, ==, "5");
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[2])->message_function, ==, "9");
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[0])->recipient, ==, "CNQZHCUS");
  g_assert_cmpstr (((CsEdifactSent *) sent->pdata[0])->interchange, !=,
                   ((CsEdifactSent *) sent->pdata[1])->interchange);

  /* Nothing left to cancel: refused, no file. */
  g_assert_null (export_and_wait (f, "again.edi", TRUE, &error_text));
  g_assert_nonnull (strstr (error_text, "Nothing to cancel"));
  g_free (error_text);
  {
    g_autofree char *again = g_build_filename (f->store.dir, "again.edi", NULL);

    g_assert_false (g_file_test (again, G_FILE_TEST_EXISTS));
  }
  /* Without a recipient there is no one to send a cancellation to: said at once, no dialog. */
  g_settings_reset (settings, "edifact-recipient");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-cuscar", NULL));
  g_assert_null (find_message_dialog ());
  for (const char *const *p = (const char *const[]) { first, second, cancel, NULL }; *p; p++)
    g_unlink (*p);
}

/* An export whose target is the draft store itself is refused, and the store is intact. */
static void
test_export_refuses_store (Fixture       *f,
                           gconstpointer  data)
{
  CsWindow *window;
  ExportResult r = { 0 };
  g_autoptr(CsManifest) back = NULL;
  g_autofree char *id = NULL;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  window = open_window (f);
  new_draft (window, "corridor:CQ-QZH-RAILSEA");
  id = g_strdup (cs_window_get_manifest (window)->id);
  g_signal_connect (window, "export-finished", G_CALLBACK (on_export_finished), &r);
  cs_window_export_to (window, "json", f->store.db);
  wait_until (export_done, &r, "the export");
  g_assert_nonnull (r.error);
  back = read_back (f, id);
  g_assert_cmpstr (back->id, ==, id);
  g_free (r.path);
  g_free (r.error);
}

/* ---- two clerks, one draft; the server going away ---------------------------------------- */

#define THEIR_NOTES "Call the consignee before delivery."

typedef struct
{
  CsWindow   *window;
  const char *id;
} DraftWait;

static gboolean
draft_is_open (gpointer data)
{
  DraftWait *w = data;
  CsManifest *m = cs_window_get_manifest (w->window);

  return m != NULL && g_strcmp0 (m->id, w->id) == 0 &&
         g_strcmp0 (cs_window_get_view (w->window), "editor") == 0;
}

static gboolean
is_in_conflict (gpointer data)
{
  return cs_autosave_get_state (cs_window_get_autosave (data)) == CS_AUTOSAVE_CONFLICT;
}

static gboolean
is_offline (gpointer data)
{
  return cs_autosave_get_state (cs_window_get_autosave (data)) == CS_AUTOSAVE_OFFLINE;
}

/* The draft is in the store (revision 1) and open in the window on the Cargo page. */
static char *
open_stored_draft (Fixture *f)
{
  g_autoptr(CsManifest) m = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  DraftWait w;

  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, m, NULL, &error));
  g_assert_no_error (error);
  open_window (f);
  w.window = f->window;
  w.id = m->id;
  cs_window_open_draft (f->window, m->id);
  wait_until (draft_is_open, &w, "the draft to open");
  cs_window_show_page (f->window, "cargo");
  return g_strdup (m->id);
}

/* Another clerk (another connection to the same store) saves a change of @field. */
static void
other_clerk_saves (Fixture    *f,
                   const char *id,
                   const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_open (f->store.db, &error);
  g_autoptr(CsManifest) theirs = NULL;

  g_assert_no_error (error);
  theirs = cs_store_load (store, id, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (theirs), "notes", notes);
  g_assert_true (cs_store_save (store, theirs, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
banner_is_revealed (CsWindow *window)
{
  return gtk_revealer_get_reveal_child (window->banner_revealer);
}

/* They change the notes, we change line 1's gross weight (or the notes too, @same_field). */
static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
dialog_is_ready (gpointer data)
{
  return cs_conflict_dialog_is_ready (data);
}

/* The dialog compares on a worker: until its answer is back (never before the main loop runs
 * again) it says so, and Keep Both waits. */
static void
wait_comparison (CsConflictDialog *dialog)
{
  GtkWidget *both = find_widget (GTK_WIDGET (dialog), is_button_labelled, "Keep _Both");

  g_assert_false (cs_conflict_dialog_is_ready (dialog));
  g_assert_null (cs_conflict_dialog_get_changes (dialog, CS_CONFLICT_KEEP_THEIRS));
  g_assert_false (cs_conflict_dialog_can_keep_both (dialog));
  g_assert_false (gtk_widget_is_sensitive (both));
  wait_until (dialog_is_ready, dialog, "the comparison");
}

static CsConflictDialog *
make_conflict (Fixture  *f,
               const char *id,
               gboolean  same_field,
               double   *gross_out)
{
  CsManifest *ours = cs_window_get_manifest (f->window);
  CsConflictDialog *dialog;
  double gross = CS_MANIFEST_ITEM (ours, 0)->gross_kg;

  other_clerk_saves (f, id, THEIR_NOTES);
  if (same_field)
    cs_record_set_string (CS_RECORD (ours), "notes", "Our note.");
  else
    cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (ours, 0)), "gross_kg", gross + 5);
  wait_until (is_in_conflict, f->window, "the conflict");
  if (gross_out != NULL)
    *gross_out = gross;

  /* The banner says who saved, and offers the review. */
  g_assert_true (banner_is_revealed (f->window));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->banner_label),
                            "saved this draft"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->banner_button)));
  g_assert_null (_cs_window_get_conflict_dialog (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflict", NULL));
  dialog = CS_CONFLICT_DIALOG (_cs_window_get_conflict_dialog (f->window));
  g_assert_nonnull (dialog);
  wait_comparison (dialog);
  return dialog;
}

static gboolean
has_path (GPtrArray  *paths,
          const char *path)
{
  for (guint i = 0; i < paths->len; i++)
    if (g_strcmp0 (g_ptr_array_index (paths, i), path) == 0)
      return TRUE;
  return FALSE;
}

static void
click (CsConflictDialog *dialog,
       const char       *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
test_conflict_choices (Fixture       *f,
                       gconstpointer  data)
{
  CsConflictChoice choice = GPOINTER_TO_INT (data);
  g_autofree char *id = NULL;
  g_autoptr(CsManifest) back = NULL;
  CsConflictDialog *dialog;
  CsManifest *shown;
  const char *our_notes;
  double gross = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  our_notes = "Seal for the second box is issued at the Qinzhou terminal.";
  g_assert_cmpstr (cs_window_get_manifest (f->window)->notes, ==, our_notes);
  dialog = make_conflict (f, id, FALSE, &gross);

  /* Who changed what, field by field. */
  g_assert_true (has_path (cs_conflict_dialog_get_changes (dialog, CS_CONFLICT_KEEP_THEIRS), "notes"));
  g_assert_true (has_path (cs_conflict_dialog_get_changes (dialog, CS_CONFLICT_KEEP_YOURS),
                           "items[0].gross_kg"));
  g_assert_false (has_path (cs_conflict_dialog_get_changes (dialog, CS_CONFLICT_KEEP_YOURS), "notes"));
  g_assert_cmpuint (cs_conflict_dialog_get_changes (dialog, CS_CONFLICT_KEEP_BOTH)->len, ==, 0);
  g_assert_true (cs_conflict_dialog_can_keep_both (dialog));

  switch (choice)
    {
    case CS_CONFLICT_KEEP_THEIRS:
      click (dialog, "Keep _Theirs");
      break;
    case CS_CONFLICT_KEEP_YOURS:
      click (dialog, "Keep _Yours");
      break;
    case CS_CONFLICT_KEEP_BOTH:
    default:
      click (dialog, "Keep _Both");
      break;
    }
  g_assert_null (_cs_window_get_conflict_dialog (f->window));
  wait_until (is_saved, f->window, "the resolution to be saved");
  g_assert_false (banner_is_revealed (f->window));
  /* The page stays. */
  g_assert_cmpstr (cs_window_get_page (f->window), ==, "cargo");

  back = read_back (f, id);
  shown = cs_window_get_manifest (f->window);
  switch (choice)
    {
    case CS_CONFLICT_KEEP_THEIRS:
      g_assert_cmpstr (back->notes, ==, THEIR_NOTES);
      g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross);
      break;
    case CS_CONFLICT_KEEP_YOURS:
      g_assert_cmpstr (back->notes, ==, our_notes);
      g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross + 5);
      break;
    case CS_CONFLICT_KEEP_BOTH:
    default:
      g_assert_cmpstr (back->notes, ==, THEIR_NOTES);
      g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross + 5);
      break;
    }
  /* The editor shows what was saved, and the next edit saves on top of it. */
  g_assert_true (cs_record_equal (CS_RECORD (shown), CS_RECORD (back)));
  cs_record_set_string (CS_RECORD (shown), "reference", "QZH2604-0101");
  wait_until (is_saved, f->window, "the next edit to be saved");
  g_clear_object (&back);
  back = read_back (f, id);
  g_assert_cmpstr (back->reference, ==, "QZH2604-0101");
}

static void
test_conflict_same_field (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  CsConflictDialog *dialog;
  GtkWidget *both;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  dialog = make_conflict (f, id, TRUE, NULL);
  /* Both changed the notes: shown with both values, and "Keep Both" is not offered. */
  g_assert_true (has_path (cs_conflict_dialog_get_changes (dialog, CS_CONFLICT_KEEP_BOTH), "notes"));
  g_assert_false (cs_conflict_dialog_can_keep_both (dialog));
  both = find_widget (GTK_WIDGET (dialog), is_button_labelled, "Keep _Both");
  g_assert_false (gtk_widget_is_sensitive (both));
  /* Closing the dialog decides nothing: the banner stays until the clerk chooses. */
  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (is_in_conflict (f->window));
  g_assert_true (banner_is_revealed (f->window));
}

static void
test_close_in_conflict_keeps_yours (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *pending = NULL;
  g_autoptr(CsManifest) back = NULL;
  CsConflictDialog *dialog;
  DraftWait w;
  double gross = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (cs_window_get_autosave (f->window)), id);
  dialog = make_conflict (f, id, FALSE, &gross);
  gtk_window_close (GTK_WINDOW (dialog));
  /* The window closes in conflict: yours stays on this computer, theirs in the store. */
  destroy_window (f);
  g_assert_true (g_file_test (pending, G_FILE_TEST_EXISTS));
  back = read_back (f, id);
  g_assert_cmpstr (back->notes, ==, THEIR_NOTES);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross);
  g_clear_object (&back);

  /* Opened again: yours comes back, is sent through the revision check, and is a conflict
   * again (theirs moved on); keep both, and both are in the store. */
  open_window (f);
  w.window = f->window;
  w.id = id;
  cs_window_open_draft (f->window, id);
  wait_until (draft_is_open, &w, "the draft to open");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (cs_window_get_manifest (f->window), 0)->gross_kg, ==, gross + 5);
  wait_until (is_in_conflict, f->window, "the conflict again");
  /* Closed while it compares: the comparison is dropped (its answer finds no dialog). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflict", NULL));
  dialog = CS_CONFLICT_DIALOG (_cs_window_get_conflict_dialog (f->window));
  g_assert_false (cs_conflict_dialog_is_ready (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (_cs_window_get_conflict_dialog (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflict", NULL));
  dialog = CS_CONFLICT_DIALOG (_cs_window_get_conflict_dialog (f->window));
  wait_comparison (dialog);
  click (dialog, "Keep _Both");
  wait_until (is_saved, f->window, "the merge to be saved");
  back = read_back (f, id);
  g_assert_cmpstr (back->notes, ==, THEIR_NOTES);
  g_assert_cmpfloat (CS_MANIFEST_ITEM (back, 0)->gross_kg, ==, gross + 5);
  cs_store_thread_wait (cs_context_get_store_thread (f->store.context));
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
}

/* A draft left in conflict is kept on this computer by a worker; opened again at once, it must
 * come back with yours (the load waits for that file to land instead of racing it). */
static void
test_conflict_reopen_at_once (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(CsManifest) other = cs_manifest_new_draft ();
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CsConflictDialog *dialog;
  DraftWait w;
  double gross = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  dialog = make_conflict (f, id, FALSE, &gross);
  gtk_window_destroy (GTK_WINDOW (dialog));
  store = cs_store_open (f->store.db, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (other), "reference", "OTHER-0001");
  g_assert_true (cs_store_save (store, other, NULL, &error));
  g_assert_no_error (error);

  /* another draft: the one in conflict is left, and yours starts being written */
  w.window = f->window;
  w.id = other->id;
  cs_window_open_draft (f->window, other->id);
  wait_until (draft_is_open, &w, "the other draft to open");
  if (!cs_autosave_is_keeping (cs_window_get_autosave (f->window)))
    g_test_message ("yours was written before the draft was opened again: no race this time");
  /* and back at once */
  w.id = id;
  cs_window_open_draft (f->window, id);
  wait_until (draft_is_open, &w, "the draft in conflict to open again");
  g_assert_cmpfloat (CS_MANIFEST_ITEM (cs_window_get_manifest (f->window), 0)->gross_kg, ==, gross + 5);
  wait_until (is_in_conflict, f->window, "the conflict again");
}

static gboolean
is_other_draft (gpointer data)
{
  DraftWait *w = data;
  CsManifest *m = cs_window_get_manifest (w->window);

  return m != NULL && g_strcmp0 (m->id, w->id) != 0;
}

/* A duplicate is stored at revision 1 by the duplication; the editor's saves of it are checked
 * against that from the first one: a colleague's save of the new draft is not overwritten. */
static void
test_duplicate_checked (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *dup_id = NULL;
  g_autoptr(CsManifest) back = NULL;
  CsManifest *shown;
  DraftWait w;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  w.window = f->window;
  w.id = id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.duplicate", NULL));
  wait_until (is_other_draft, &w, "the duplicate to open");
  shown = cs_window_get_manifest (f->window);
  dup_id = g_strdup (shown->id);
  g_assert_cmpint (cs_autosave_get_revision (cs_window_get_autosave (f->window)), ==, 1);

  other_clerk_saves (f, dup_id, THEIR_NOTES);
  cs_record_set_string (CS_RECORD (shown), "notes", "Our note on the copy.");
  wait_until (is_in_conflict, f->window, "the conflict on the duplicate");
  back = read_back (f, dup_id);
  g_assert_cmpstr (back->notes, ==, THEIR_NOTES);
}

static void
test_offline_banner (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *pending = NULL;
  g_autoptr(CsManifest) back = NULL;
  CsAutosave *autosave;
  CsManifest *ours;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  autosave = cs_window_get_autosave (f->window);
  pending = cs_autosave_pending_path (cs_autosave_get_pending_dir (autosave), id);
  ours = cs_window_get_manifest (f->window);
  g_assert_false (banner_is_revealed (f->window));

  cs_autosave_set_retry_delay (autosave, 60000);
  cs_autosave_set_test_unreachable (autosave, TRUE);
  cs_record_set_string (CS_RECORD (ours), "notes", "Typed while the server was away.");
  wait_until (is_offline, f->window, "the store to be unreachable");
  while (cs_autosave_is_keeping (autosave))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (banner_is_revealed (f->window));
  g_assert_cmpstr (gtk_label_get_text (f->window->banner_label), ==,
                   "The store cannot be reached. Your changes are kept on this computer and "
                   "will be sent when it is back.");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->banner_button)));
  g_assert_true (g_file_test (pending, G_FILE_TEST_EXISTS));

  /* Back: sent, banner gone, nothing left on disk. */
  cs_autosave_set_test_unreachable (autosave, FALSE);
  cs_autosave_save_now (autosave);
  wait_until (is_saved, f->window, "the save once the store is back");
  g_assert_false (banner_is_revealed (f->window));
  back = read_back (f, id);
  g_assert_cmpstr (back->notes, ==, "Typed while the server was away.");
  cs_store_thread_wait (cs_context_get_store_thread (f->store.context));
  g_assert_false (g_file_test (pending, G_FILE_TEST_EXISTS));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
store_checked (gpointer data)
{
  return !cs_preferences_window_is_checking_store (data);
}

static void
test_preferences_store (Fixture       *f,
                        gconstpointer  data)
{
  GSettings *settings;
  CsPreferencesWindow *prefs;
  g_autofree char *garbage = NULL;
  g_autofree char *other = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsContext) context = NULL;
  const char *status;
  gboolean is_error = FALSE;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  settings = cs_context_get_settings (f->store.context);
  prefs = CS_PREFERENCES_WINDOW (cs_preferences_window_new (f->store.context));
  gtk_window_present (GTK_WINDOW (prefs));

  /* The store in use, and that --db chose it. */
  g_assert_cmpint (cs_context_get_db_source (f->store.context), ==, CS_DB_SOURCE_COMMAND_LINE);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              find_widget (GTK_WIDGET (prefs), is_row_titled, "In use"))),
                            f->store.db));

  /* A password in the URI is refused at once, with the hint. */
  cs_preferences_window_set_store_location (prefs, "postgresql://clerk:secret@db.example/consign");
  status = cs_preferences_window_get_store_status (prefs, &is_error);
  g_assert_true (is_error);
  g_assert_nonnull (strstr (status, "~/.pgpass"));
  shown = g_settings_get_string (settings, "store-location");
  g_assert_cmpstr (shown, ==, "");
  g_clear_pointer (&shown, g_free);
  cs_preferences_window_set_store_location (prefs, "postgresql://db.example/consign?password=secret");
  cs_preferences_window_get_store_status (prefs, &is_error);
  g_assert_true (is_error);

  /* A file that is no database: checked off the main thread, the error shown, nothing kept. */
  garbage = g_build_filename (f->store.dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (garbage, "not a database, just some text to fail on", -1, &error));
  g_assert_no_error (error);
  cs_preferences_window_set_store_location (prefs, garbage);
  g_assert_true (cs_preferences_window_is_checking_store (prefs));
  wait_until (store_checked, prefs, "the store check");
  status = cs_preferences_window_get_store_status (prefs, &is_error);
  g_assert_true (is_error);
  g_assert_nonnull (strstr (status, "notes.txt"));
  shown = g_settings_get_string (settings, "store-location");
  g_assert_cmpstr (shown, ==, "");
  g_clear_pointer (&shown, g_free);

  /* A SQLite file that is not there: checking creates nothing, keeps nothing, and offers to
   * create it; created when the clerk asks, and kept for the next start. */
  other = g_build_filename (f->store.dir, "team.sqlite", NULL);
  cs_preferences_window_set_store_location (prefs, other);
  wait_until (store_checked, prefs, "the store check");
  status = cs_preferences_window_get_store_status (prefs, &is_error);
  g_assert_true (is_error);
  g_assert_nonnull (strstr (status, "There is no draft store at"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  shown = g_settings_get_string (settings, "store-location");
  g_assert_cmpstr (shown, ==, "");
  g_clear_pointer (&shown, g_free);
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (prefs), is_button_labelled, "_Create Store")));
  g_assert_true (cs_preferences_window_create_store (prefs));
  wait_until (store_checked, prefs, "the store to be created");
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_false (cs_preferences_window_create_store (prefs));
  status = cs_preferences_window_get_store_status (prefs, &is_error);
  g_assert_false (is_error);
  g_assert_nonnull (status);
  shown = g_settings_get_string (settings, "store-location");
  g_assert_cmpstr (shown, ==, other);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Next start: without --db and CONSIGN_DB, the setting wins. */
  g_unsetenv ("CONSIGN_DB");
  context = cs_context_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cs_context_get_db_source (context), ==, CS_DB_SOURCE_PREFERENCES);
  g_assert_cmpstr (cs_context_get_db_path (context), ==, other);
  g_clear_object (&context);
  g_setenv ("CONSIGN_DB", f->store.db, TRUE);
  context = cs_context_new (NULL, &error);
  g_assert_cmpint (cs_context_get_db_source (context), ==, CS_DB_SOURCE_ENVIRONMENT);
  g_assert_cmpstr (cs_context_get_db_path (context), ==, f->store.db);
  g_unsetenv ("CONSIGN_DB");
  g_clear_object (&context);

  /* Shown without the password. */
  g_clear_pointer (&shown, g_free);
  shown = cs_context_display_location ("postgresql://clerk:secret@db.example:5432/consign");
  g_assert_cmpstr (shown, ==, "postgresql://clerk@db.example:5432/consign");
  g_assert_false (cs_context_location_has_password ("postgresql://clerk@db.example/consign?sslmode=require"));
  g_assert_true (cs_context_location_has_password ("postgres://clerk:pw@db.example/consign"));
  g_unlink (other);
  g_unlink (garbage);
}

typedef struct
{
  Fixture    *f;
  const char *id;
  const char *notes;
} NotesWait;

static gboolean
store_has_notes (gpointer data)
{
  NotesWait *w = data;
  g_autoptr(CsManifest) back = read_back (w->f, w->id);

  return g_strcmp0 (back->notes, w->notes) == 0;
}

static void
test_pending_sent_at_start (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_test_load_fixture ("railsea-electronics.json");
  g_autoptr(CsManifest) b = cs_manifest_new_draft ();
  g_autoptr(CsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autofree char *dir = cs_autosave_default_pending_dir ();
  g_autofree char *path_a = NULL, *path_b = NULL;
  NotesWait w;
  gint64 revision = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  store = cs_store_open (f->store.db, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_save (store, a, &revision, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (b), "reference", "QZH2604-0200");
  g_assert_true (cs_store_save (store, b, NULL, &error));
  g_assert_no_error (error);

  /* A was edited on this computer while the store was away; B too, but someone else saved B
   * since (its edit is a conflict, left for when B is opened). */
  cs_record_set_string (CS_RECORD (a), "notes", "Kept while the server was away.");
  path_a = cs_autosave_pending_path (dir, a->id);
  g_assert_true (cs_autosave_write_pending (path_a, f->store.db, a, NULL, revision, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (b), "notes", "Mine.");
  path_b = cs_autosave_pending_path (dir, b->id);
  g_assert_true (cs_autosave_write_pending (path_b, f->store.db, b, NULL, 1, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (b), "notes", "Theirs.");
  g_assert_true (cs_store_save (store, b, NULL, &error));
  g_assert_no_error (error);

  open_window (f);
  w.f = f;
  w.id = a->id;
  w.notes = "Kept while the server was away.";
  wait_until (store_has_notes, &w, "the kept edit to be sent");
  cs_store_thread_wait (cs_context_get_store_thread (f->store.context));
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));
  /* B's is not sent over theirs. */
  g_assert_true (g_file_test (path_b, G_FILE_TEST_EXISTS));
  back = read_back (f, b->id);
  g_assert_cmpstr (back->notes, ==, "Theirs.");
  g_unlink (path_b);
}

static void
test_deleted_meanwhile (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsManifest) back = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  id = open_stored_draft (f);
  store = cs_store_open (f->store.db, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_delete (store, id, &error));
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (cs_window_get_manifest (f->window)), "notes", "Still needed.");
  wait_until (is_in_conflict, f->window, "the conflict");
  g_assert_true (banner_is_revealed (f->window));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->banner_label), "deleted this draft"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.resolve-conflict", NULL));
  dialog = _cs_window_get_conflict_dialog (f->window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_until (is_saved, f->window, "the draft to be saved anew");
  g_assert_false (banner_is_revealed (f->window));
  back = read_back (f, id);
  g_assert_cmpstr (back->notes, ==, "Still needed.");
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *overlay;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_dir = g_dir_make_tmp ("cs-window-state-XXXXXX", NULL);
  int status;

  /* Edits kept on this computer (conflicts, an unreachable store) go here, not into the
   * user's own state folder. */
  g_assert_nonnull (state_dir);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);
  have_display = cs_gui_test_init (&argc, &argv, NULL, NULL);

  g_test_add ("/window/empty-store", Fixture, NULL, fixture_setup, test_empty_store, fixture_teardown);
  g_test_add ("/window/new-from-corridor", Fixture, NULL, fixture_setup, test_new_from_corridor,
              fixture_teardown);
  g_test_add ("/window/edit-saves-and-undo", Fixture, NULL, fixture_setup, test_edit_saves_and_undo,
              fixture_teardown);
  g_test_add ("/window/export-confirmed-recorded", Fixture, NULL, fixture_setup,
              test_export_confirmed_recorded, fixture_teardown);
  g_test_add ("/window/export-in-thread", Fixture, NULL, fixture_setup, test_export_in_thread,
              fixture_teardown);
  g_test_add ("/window/reopen-where-left", Fixture, NULL, fixture_setup, test_reopen_where_left,
              fixture_teardown);
  g_test_add ("/window/review-activation", Fixture, NULL, fixture_setup, test_review_activation,
              fixture_teardown);
  g_test_add ("/window/focus-path", Fixture, NULL, fixture_setup, test_focus_path, fixture_teardown);
  g_test_add ("/window/delete-waits-for-toast", Fixture, NULL, fixture_setup,
              test_delete_waits_for_toast, fixture_teardown);

  g_test_add ("/window/counts-stay-with-their-draft", Fixture, NULL, fixture_setup,
              test_counts_stay_with_their_draft, fixture_teardown);

  g_test_add ("/window/mark-ready-refuses-errors", Fixture, NULL, fixture_setup,
              test_mark_ready_refuses_errors, fixture_teardown);
  g_test_add ("/window/edit-returns-to-draft", Fixture, NULL, fixture_setup,
              test_edit_returns_to_draft, fixture_teardown);
  g_test_add ("/window/undo-shows-field", Fixture, NULL, fixture_setup, test_undo_shows_field,
              fixture_teardown);
  g_test_add ("/window/party-fill-undo-step", Fixture, NULL, fixture_setup,
              test_party_fill_undo_step, fixture_teardown);

  g_test_add ("/window/blank-is-blank", Fixture, NULL, fixture_setup, test_blank_is_blank,
              fixture_teardown);
  g_test_add ("/window/new-from-template", Fixture, NULL, fixture_setup, test_new_from_template,
              fixture_teardown);

  g_test_add ("/window/fits-a-laptop", Fixture, NULL, fixture_setup, test_fits_a_laptop,
              fixture_teardown);

  g_test_add ("/window/export-set-up-first", Fixture, NULL, fixture_setup,
              test_export_set_up_first, fixture_teardown);
  g_test_add ("/window/export-toast-opens", Fixture, NULL, fixture_setup,
              test_export_toast_opens, fixture_teardown);
  g_test_add ("/window/print-preview-shows-pages", Fixture, NULL, fixture_setup,
              test_print_preview_shows_pages, fixture_teardown);

  g_test_add ("/window/ctrl-delete-in-field", Fixture, NULL, fixture_setup,
              test_ctrl_delete_in_field, fixture_teardown);

  g_test_add ("/window/export-refuses-store", Fixture, NULL, fixture_setup,
              test_export_refuses_store, fixture_teardown);

  g_test_add ("/window/leg-conveyance", Fixture, NULL, fixture_setup, test_leg_conveyance,
              fixture_teardown);
  g_test_add ("/window/edifact-history", Fixture, NULL, fixture_setup, test_edifact_history,
              fixture_teardown);
  g_test_add_func ("/window/help-overlay", test_help_overlay);
  g_test_add ("/window/conflict/keep-theirs", Fixture, GINT_TO_POINTER (CS_CONFLICT_KEEP_THEIRS),
              fixture_setup, test_conflict_choices, fixture_teardown);
  g_test_add ("/window/conflict/keep-yours", Fixture, GINT_TO_POINTER (CS_CONFLICT_KEEP_YOURS),
              fixture_setup, test_conflict_choices, fixture_teardown);
  g_test_add ("/window/conflict/keep-both", Fixture, GINT_TO_POINTER (CS_CONFLICT_KEEP_BOTH),
              fixture_setup, test_conflict_choices, fixture_teardown);
  g_test_add ("/window/conflict/same-field", Fixture, NULL, fixture_setup,
              test_conflict_same_field, fixture_teardown);
  g_test_add ("/window/conflict/close-keeps-yours", Fixture, NULL, fixture_setup,
              test_close_in_conflict_keeps_yours, fixture_teardown);
  g_test_add ("/window/preferences-store", Fixture, NULL, fixture_setup, test_preferences_store,
              fixture_teardown);
  g_test_add ("/window/pending-sent-at-start", Fixture, NULL, fixture_setup,
              test_pending_sent_at_start, fixture_teardown);
  g_test_add ("/window/conflict/reopen-at-once", Fixture, NULL, fixture_setup,
              test_conflict_reopen_at_once, fixture_teardown);
  g_test_add ("/window/conflict/duplicate-checked", Fixture, NULL, fixture_setup,
              test_duplicate_checked, fixture_teardown);
  g_test_add ("/window/conflict/deleted-meanwhile", Fixture, NULL, fixture_setup,
              test_deleted_meanwhile, fixture_teardown);
  g_test_add ("/window/offline-banner", Fixture, NULL, fixture_setup, test_offline_banner,
              fixture_teardown);

  status = g_test_run ();
  cs_test_remove_tree (state_dir);
  return status;
}
