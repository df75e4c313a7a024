/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-shipment-page.c: the Shipment page (issue 11 item 8) with the party directory (issue 10)
 *
 * Over a scratch store: choosing a corridor fills the legs (cs_corridor_apply) and the combo
 * follows the manifest; the direction combo shows and writes the manifest's CsDirection; typing in a party's name offers directory matches and choosing one
 * fills the whole group in one undo step; "Refresh from Directory" shows when the entry changed
 * and fills the group again; "Save to Directory" adds a party and then updates that entry; a
 * tax id is checked as it is typed (USCI for CN) and another entry with the same tax id is
 * named under the group. Only the group whose party changed is looked at again.
 *
 * The page's form is declared in templates: the rows of the page and of its five CsPartyGroup
 * widgets (one per CsPartyRole, in the manifest's order) get their pickers' catalog, their
 * choices and their fields from properties; the Reference row comes first in the Tab order.
 */

#include "config.h"

#include "cs-checkdigit.h"
#include "cs-choice-row.h"
#include "cs-directory-completion.h"
#include "cs-field-row.h"
#include "cs-gui-test.h"
#include "cs-history.h"
#include "cs-leg-row.h"
#include "cs-party-group.h"
#include "cs-path.h"
#include "cs-picker.h"
#include "cs-shipment-page.h"
#include "cs-test-util.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

/* Runs the main loop for @ms milliseconds. */
static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, cs_test_timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static CsStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  CsStore *s = cs_store_open (store.db, &error);

  g_assert_no_error (error);
  return s;
}

static CsParty *
party (const char *name,
       const char *country,
       const char *tax_id,
       const char *phone)
{
  CsParty *p = cs_party_new ();

  cs_record_set_string (CS_RECORD (p), "name", name);
  cs_record_set_string (CS_RECORD (p), "address", "12 Ton Duc Thang");
  cs_record_set_string (CS_RECORD (p), "city", "Hanoi");
  cs_record_set_string (CS_RECORD (p), "country", country);
  cs_record_set_string (CS_RECORD (p), "tax_id", tax_id);
  cs_record_set_string (CS_RECORD (p), "phone", phone);
  return p;
}

static gint64
add_party (CsParty *p)
{
  g_autoptr(CsStore) s = open_store ();
  g_autoptr(GError) error = NULL;
  gint64 id = cs_directory_add_party (s, p, &error);

  g_assert_no_error (error);
  return id;
}

/* A valid USCI: @first17 and its check character. */
static char *
usci (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, cs_usci_check_char (first17));
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *field)
{
  if (CS_IS_FIELD_ROW (root) && g_strcmp0 (cs_field_row_get_field (CS_FIELD_ROW (root)), field) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, field);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible label under @root whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_warning_icon (GtkWidget *root)
{
  if (GTK_IS_IMAGE (root) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)),
                                        "dialog-warning-symbolic") == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_warning_icon (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Down in @row, through the key controller the completion added to it (the last one). */
static gboolean
press_down (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GtkEventController *keys = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        keys = c;
    }
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  return handled;
}

static GtkWidget *
group_of (GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);
  return group;
}

/* The note under the group's title ("Saved to the directory"), NULL when there is none. */
static const char *
group_note (GtkWidget *group)
{
  const char *note = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

  return note != NULL && *note != '\0' ? note : NULL;
}

static gboolean
hint_shows (GtkWidget  *group,
            const char *text)
{
  GtkLabel *hint = find_label (group, "This tax id is also in the directory as");

  return hint != NULL && gtk_widget_get_visible (GTK_WIDGET (hint))
         && g_strcmp0 (gtk_label_get_text (hint), text) == 0;
}

typedef struct
{
  CsManifest *m;
  GtkWidget  *page;
  GtkWidget  *window;
} Page;

static void
page_open (Page       *p,
           CsManifest *m)
{
  p->m = m;
  p->page = cs_shipment_page_new (store.context);
  p->window = cs_gui_test_present (p->page, 1000, 800);
  cs_shipment_page_set_manifest (CS_SHIPMENT_PAGE (p->page), m);
  cs_gui_test_spin ();
  /* On the screen and laid out before anything opens a list under a field: a list placed
   * while its window is not shown yet (a busy machine) would be off the screen, a GDK critical. */
  CS_TEST_WAIT_UNTIL (gtk_widget_get_mapped (p->page) && gtk_widget_get_height (p->page) > 0);
}

static void
page_close (Page *p)
{
  gtk_window_destroy (GTK_WINDOW (p->window));
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_spin ();
  g_clear_object (&p->m);
}

/* ---- corridor ------------------------------------------------------------------------------ */

static GtkWidget *
find_combo (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_COMBO_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_combo (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
corridor_position (AdwComboRow *combo,
                   const char  *id)
{
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), id))
      return i;
  g_assert_not_reached ();
}

static void
test_corridor (void)
{
  Page p;
  AdwComboRow *combo;
  CsLeg *leg;

  NEED_DISPLAY ();
  page_open (&p, cs_manifest_new ());
  combo = ADW_COMBO_ROW (find_combo (p.page, "Corridor"));
  g_assert_nonnull (combo);
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);   /* None */

  adw_combo_row_set_selected (combo, corridor_position (combo, "CQ-QZH-RAILSEA"));
  cs_gui_test_spin ();
  g_assert_cmpstr (p.m->corridor, ==, "CQ-QZH-RAILSEA");
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (p.m), ==, 2);
  leg = CS_MANIFEST_LEG (p.m, 1);
  g_assert_cmpstr (leg->mode, ==, "sea");
  g_assert_cmpstr (leg->from, ==, "CNQZH");
  g_assert_cmpstr (leg->to, ==, "SGSIN");
  /* The legs show as rows. */
  g_assert_nonnull (find_label (p.page, "Leg 1: "));
  g_assert_nonnull (find_label (p.page, "Leg 2: "));

  /* Another corridor replaces the legs (optional ones left out). */
  adw_combo_row_set_selected (combo, corridor_position (combo, "CQ-VTE-RAIL"));
  cs_gui_test_spin ();
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (p.m), ==, 1);
  g_assert_cmpstr (CS_MANIFEST_LEG (p.m, 0)->to, ==, "CNMHN");
  g_assert_null (find_label (p.page, "Leg 2: "));

  /* The combo follows the manifest (undo, another window); that applies nothing. */
  cs_record_set_string (CS_RECORD (p.m), "corridor", "CQ-HAN-ROAD");
  cs_gui_test_spin ();
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, corridor_position (combo, "CQ-HAN-ROAD"));
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (p.m), ==, 1);
  g_assert_cmpstr (CS_MANIFEST_LEG (p.m, 0)->to, ==, "CNMHN");

  /* None keeps the legs. */
  adw_combo_row_set_selected (combo, 0);
  cs_gui_test_spin ();
  g_assert_null (p.m->corridor);
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (p.m), ==, 1);
  page_close (&p);
}

/* ---- direction ------------------------------------------------------------------------------ */

/* The Direction combo lists Export, Import; it shows the manifest's CsDirection (an absent one
 * as Export) and writes the one chosen through cs_manifest_set_direction. */
static void
test_direction (void)
{
  Page p;
  AdwComboRow *combo;

  NEED_DISPLAY ();
  page_open (&p, cs_manifest_new_draft ());
  combo = ADW_COMBO_ROW (find_combo (p.page, "Direction"));
  g_assert_nonnull (combo);
  g_assert_cmpint (cs_manifest_get_direction (p.m), ==, CS_DIRECTION_EXPORT);
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);

  adw_combo_row_set_selected (combo, 1);
  cs_gui_test_spin ();
  g_assert_cmpint (cs_manifest_get_direction (p.m), ==, CS_DIRECTION_IMPORT);
  g_assert_cmpstr (p.m->direction, ==, "import");

  adw_combo_row_set_selected (combo, 0);
  cs_gui_test_spin ();
  g_assert_cmpint (cs_manifest_get_direction (p.m), ==, CS_DIRECTION_EXPORT);
  g_assert_cmpstr (p.m->direction, ==, "export");

  /* The combo follows the manifest; following writes nothing back. */
  cs_manifest_set_direction (p.m, CS_DIRECTION_IMPORT);
  cs_gui_test_spin ();
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 1);
  cs_manifest_set_direction (p.m, CS_DIRECTION_UNSET);
  cs_gui_test_spin ();
  g_assert_cmpuint (adw_combo_row_get_selected (combo), ==, 0);
  g_assert_null (p.m->direction);
  page_close (&p);
}

/* ---- parties --------------------------------------------------------------------------------- */

static void
record_role_cb (GtkWidget  *page,
                const char *role,
                char      **out)
{
  g_free (*out);
  *out = g_strdup (role);
}

static void
test_party_completion (void)
{
  Page p;
  g_autoptr(CsParty) hanoi = party ("Hanoi Motors JSC", "VN", "0101234567", "+84 24 1111 2222");
  g_autoptr(CsHistory) history = NULL;
  g_autoptr(CsDirectoryParty) changed = NULL;
  g_autoptr(CsStore) s = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *group, *refresh;
  CsDirectoryCompletion *completion;
  CsParty *consignee;
  gint64 id;
  guint n_undo;
  g_autofree char *filled_role = NULL;

  NEED_DISPLAY ();
  id = add_party (hanoi);
  page_open (&p, cs_manifest_new ());
  history = cs_history_new (p.m);
  cs_history_set_burst_timeout (history, 0);   /* every edit a step of its own */

  row = find_row (p.page, "parties.consignee.name");
  group = group_of (row);
  completion = CS_DIRECTORY_COMPLETION (cs_gui_test_find_widget (row, CS_TYPE_DIRECTORY_COMPLETION));
  g_assert_nonnull (completion);
  /* The Latin name and the tax id offer matches too; the address does not. */
  g_assert_nonnull (cs_gui_test_find_widget (find_row (p.page, "parties.consignee.name_latin"),
                                             CS_TYPE_DIRECTORY_COMPLETION));
  g_assert_nonnull (cs_gui_test_find_widget (find_row (p.page, "parties.consignee.tax_id"),
                                             CS_TYPE_DIRECTORY_COMPLETION));
  g_assert_null (cs_gui_test_find_widget (find_row (p.page, "parties.consignee.address"),
                                          CS_TYPE_DIRECTORY_COMPLETION));

  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "hanoi");
  g_assert_nonnull (p.m->parties->consignee);
  g_assert_cmpstr (p.m->parties->consignee->name, ==, "hanoi");   /* the row writes what is typed */
  CS_TEST_WAIT_UNTIL (cs_directory_completion_get_n_matches (completion) == 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (completion)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The page scrolls: the list, which would stay behind, closes; Down opens it again. */
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW)));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) > 40 ? 0 : 40);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (completion)));
    g_assert_true (press_down (row));
    CS_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (completion)));
    g_assert_cmpuint (cs_directory_completion_get_n_matches (completion), ==, 1);
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  n_undo = cs_history_get_n_undo (history);

  g_signal_connect (p.page, "party-filling", G_CALLBACK (record_role_cb), &filled_role);
  cs_directory_completion_choose (completion, 0);
  /* The window hears which party is filled, to seal its undo step. */
  g_assert_cmpstr (filled_role, ==, "consignee");
  consignee = p.m->parties->consignee;
  g_assert_true (cs_record_equal (CS_RECORD (consignee), CS_RECORD (hanoi)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Hanoi Motors JSC");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (p.page, "parties.consignee.phone"))),
                   ==, "+84 24 1111 2222");
  /* The draft keeps its own copy. */
  g_assert_true (consignee != hanoi);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (cs_history_get_n_undo (history), ==, n_undo + 1);
  g_assert_true (cs_history_undo (history, NULL, NULL));
  g_assert_cmpstr (p.m->parties->consignee->name, ==, "hanoi");
  g_assert_null (p.m->parties->consignee->tax_id);
  g_assert_null (p.m->parties->consignee->phone);
  g_assert_true (cs_history_redo (history, NULL, NULL));
  g_assert_cmpstr (p.m->parties->consignee->phone, ==, "+84 24 1111 2222");

  /* Same as its entry: nothing to refresh. */
  refresh = cs_gui_test_find_button (group, "Refresh from Directory");
  g_assert_nonnull (refresh);
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_spin ();
  g_assert_false (gtk_widget_get_visible (refresh));

  /* The entry changes in the directory; the draft opened again finds it by its tax id. */
  s = open_store ();
  changed = cs_directory_get_party (s, id, &error);
  g_assert_no_error (error);
  cs_record_set_string (CS_RECORD (changed->party), "phone", "+84 24 3333 4444");
  g_assert_true (cs_directory_update_party (s, id, changed->party, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p.m->parties->consignee->phone, ==, "+84 24 1111 2222");   /* its own copy */
  gtk_root_set_focus (GTK_ROOT (p.window), NULL);
  cs_shipment_page_set_manifest (CS_SHIPMENT_PAGE (p.page), NULL);
  cs_shipment_page_set_manifest (CS_SHIPMENT_PAGE (p.page), p.m);
  CS_TEST_WAIT_UNTIL (gtk_widget_get_visible (refresh));

  g_signal_emit_by_name (refresh, "clicked");
  CS_TEST_WAIT_UNTIL (g_strcmp0 (p.m->parties->consignee->phone, "+84 24 3333 4444") == 0);
  g_assert_true (cs_record_equal (CS_RECORD (p.m->parties->consignee), CS_RECORD (changed->party)));
  CS_TEST_WAIT_UNTIL (!gtk_widget_get_visible (refresh));

  cs_directory_delete_party (s, id, &error);
  g_assert_no_error (error);
  page_close (&p);
}

static void
test_save_to_directory (void)
{
  Page p;
  g_autoptr(CsStore) s = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *tax_id = usci ("91500000MA5U00001");
  GtkWidget *row, *group, *save;
  CsDirectoryParty *entry;

  NEED_DISPLAY ();
  page_open (&p, cs_manifest_new ());
  /* A consignee before the shipper is saved (the consignee's party is made here, which
   * concerns every group). */
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.consignee.name")), "Hai Phong");
  row = find_row (p.page, "parties.shipper.name");
  group = group_of (row);
  save = cs_gui_test_find_button (group, "Save to Directory");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (save));   /* no name yet */

  gtk_editable_set_text (GTK_EDITABLE (row), "重庆长安汽车股份有限公司");
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.shipper.name_latin")),
                         "Chongqing Changan Automobile");
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.shipper.tax_id")), tax_id);
  cs_record_set_string (CS_RECORD (p.m->parties->shipper), "country", "CN");
  CS_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (save));

  g_signal_emit_by_name (save, "clicked");
  CS_TEST_WAIT_UNTIL (g_strcmp0 (group_note (group), "Saved to the directory") == 0);
  found = cs_directory_search_parties (s, tax_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  entry = g_ptr_array_index (found, 0);
  g_assert_true (cs_record_equal (CS_RECORD (entry->party), CS_RECORD (p.m->parties->shipper)));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Another party typed in: this group is not looked at again, its note stays. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.consignee.name")), "Hai Phong Trading");
  g_assert_cmpstr (p.m->parties->consignee->name, ==, "Hai Phong Trading");
  wait_ms (600);   /* past the pause before the directory is asked */
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_spin ();
  g_assert_cmpstr (group_note (group), ==, "Saved to the directory");

  /* Saved again after an edit: that entry is updated, not a second one added. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.shipper.phone")), "+86 23 6759 4008");
  g_assert_null (group_note (group));
  g_signal_emit_by_name (save, "clicked");
  CS_TEST_WAIT_UNTIL (g_strcmp0 (group_note (group), "Saved to the directory") == 0);
  found = cs_directory_search_parties (s, "Changan", 0, &error);
  g_assert_cmpuint (found->len, ==, 1);
  entry = g_ptr_array_index (found, 0);
  g_assert_cmpstr (entry->party->phone, ==, "+86 23 6759 4008");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A tax id the directory refuses: the group says why, nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.declarant.name")), "Bad Declarant");
  cs_record_set_string (CS_RECORD (p.m->parties->declarant), "country", "CN");
  cs_record_set_string (CS_RECORD (p.m->parties->declarant), "tax_id", "91500000MA60000001");
  save = cs_gui_test_find_button (group_of (find_row (p.page, "parties.declarant.name")), "Save to Directory");
  CS_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  CS_TEST_WAIT_UNTIL (group_note (group_of (save)) != NULL);
  g_assert_true (g_str_has_prefix (group_note (group_of (save)), "Not saved to the directory: "));
  found = cs_directory_search_parties (s, "Bad Declarant", 0, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = cs_directory_search_parties (s, "Changan", 0, &error);
  cs_directory_delete_party (s, ((CsDirectoryParty *) g_ptr_array_index (found, 0))->id, &error);
  g_assert_no_error (error);
  page_close (&p);
}

static void
test_tax_id (void)
{
  Page p;
  g_autoptr(CsParty) a = party ("Hanoi Motors JSC", "VN", "0101234567", NULL);
  g_autoptr(CsParty) b = party ("Hanoi Motors (old address)", "VN", "0101234567", NULL);
  g_autoptr(CsStore) s = open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *good = usci ("91500000MA5U00001");
  GtkWidget *tax_row, *icon, *group, *row;
  CsDirectoryCompletion *completion;
  gint64 ida, idb;

  NEED_DISPLAY ();
  ida = add_party (a);
  idb = add_party (b);
  page_open (&p, cs_manifest_new ());

  /* Checked as typed: a Chinese tax id is a USCI. */
  tax_row = find_row (p.page, "parties.consignee.tax_id");
  icon = find_warning_icon (tax_row);
  g_assert_nonnull (icon);
  g_assert_false (gtk_widget_get_visible (icon));
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.consignee.name")), "某公司");
  cs_record_set_string (CS_RECORD (p.m->parties->consignee), "country", "CN");
  gtk_editable_set_text (GTK_EDITABLE (tax_row), "91500000MA60000001");
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (icon),
                                   "“91500000MA60000001” is not a unified social credit code"));
  gtk_editable_set_text (GTK_EDITABLE (tax_row), good);
  g_assert_false (gtk_widget_get_visible (icon));
  /* Not China: only spaces inside are wrong. */
  cs_record_set_string (CS_RECORD (p.m->parties->consignee), "country", "VN");
  gtk_editable_set_text (GTK_EDITABLE (tax_row), "0101 234567");
  g_assert_true (gtk_widget_get_visible (icon));

  /* Two entries have one tax id: a party typed with it is linked to neither, both are named. */
  row = find_row (p.page, "parties.notify.name");
  group = group_of (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Hanoi Motors");
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.notify.tax_id")), "0101234567");
  CS_TEST_WAIT_UNTIL (find_label (group, "This tax id is also in the directory as") != NULL
              && gtk_widget_get_visible (GTK_WIDGET (find_label (group, "This tax id"))));
  g_assert_true (hint_shows (group, "This tax id is also in the directory as “Hanoi Motors (old address)”, “Hanoi Motors JSC”.")
                 || hint_shows (group, "This tax id is also in the directory as “Hanoi Motors JSC”, “Hanoi Motors (old address)”."));

  /* Chosen from the directory: the other entry is the clash. */
  completion = CS_DIRECTORY_COMPLETION (cs_gui_test_find_widget (row, CS_TYPE_DIRECTORY_COMPLETION));
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "Hanoi Motors JSC");
  CS_TEST_WAIT_UNTIL (cs_directory_completion_get_n_matches (completion) > 0);
  for (guint i = 0; i < cs_directory_completion_get_n_matches (completion); i++)
    if (((CsDirectoryParty *) cs_directory_completion_get_match (completion, i))->id == ida)
      cs_directory_completion_choose (completion, i);
  g_assert_cmpstr (p.m->parties->notify->name, ==, "Hanoi Motors JSC");
  CS_TEST_WAIT_UNTIL (hint_shows (group, "This tax id is also in the directory as “Hanoi Motors (old address)”."));

  /* A tax id no one else has: no hint. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.notify.tax_id")), "0109999999");
  CS_TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (find_label (group, "This tax id"))));

  cs_directory_delete_party (s, ida, &error);
  cs_directory_delete_party (s, idb, &error);
  g_assert_no_error (error);
  page_close (&p);
}

/* ---- the form in templates ------------------------------------------------------------------ */

static void
collect_groups (GtkWidget *root,
                GPtrArray *out)
{
  if (CS_IS_PARTY_GROUP (root))
    {
      g_ptr_array_add (out, root);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_groups (c, out);
}

static CsChoiceRow *
find_choice (GtkWidget  *root,
             const char *field)
{
  if (CS_IS_CHOICE_ROW (root) && g_strcmp0 (cs_choice_row_get_field (CS_CHOICE_ROW (root)), field) == 0)
    return CS_CHOICE_ROW (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      CsChoiceRow *found = find_choice (c, field);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The picker of the row of @field lists @list from the catalog (which the page gave it). */
static void
assert_picker (GtkWidget    *root,
               const char   *field,
               CsPickerList  list)
{
  GtkWidget *row = find_row (root, field);
  CsPicker *picker;

  g_assert_nonnull (row);
  picker = cs_picker_row_get_picker (CS_FIELD_ROW (row));
  g_assert_nonnull (picker);
  g_assert_cmpint (cs_picker_get_list (picker), ==, list);
  cs_picker_set_search_text (picker, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cs_picker_get_results (picker)), >, 0);
}

static const char * const party_fields[] = {
  "name", "name_latin", "address", "city", "postcode", "country", "tax_id", "contact", "phone", "email",
};

static void
test_template (void)
{
  Page p;
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  const char *titles[] = { "Shipper", "Consignee", "Notify party", "Declarant", "Carrier" };
  CsChoiceRow *preference, *transport;
  GListModel *model;
  CsRecord *doc;

  NEED_DISPLAY ();
  page_open (&p, cs_manifest_new ());

  /* Five party groups, one per role in the manifest's order, each with its ten rows. */
  collect_groups (p.page, groups);
  g_assert_cmpuint (groups->len, ==, 5);
  for (guint i = 0; i < groups->len; i++)
    {
      CsPartyGroup *group = g_ptr_array_index (groups, i);
      const char *role = cs_enum_to_string (CS_TYPE_PARTY_ROLE, cs_party_group_get_role (group));

      g_assert_cmpint (cs_party_group_get_role (group), ==, (CsPartyRole) i);
      g_assert_cmpstr (role, ==, cs_party_roles[i]);
      g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, titles[i]);
      for (guint f = 0; f < G_N_ELEMENTS (party_fields); f++)
        {
          g_autofree char *field = g_strdup_printf ("parties.%s.%s", role, party_fields[f]);
          GtkWidget *row = find_row (GTK_WIDGET (group), field);

          g_assert_nonnull (row);
          g_assert_true (gtk_widget_get_sensitive (row));   /* bound */
        }
      g_assert_nonnull (cs_gui_test_find_button (GTK_WIDGET (group), "Save to Directory"));
    }
  /* Typed into a group, written to its party. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (p.page, "parties.declarant.city")), "Pingxiang");
  g_assert_cmpstr (p.m->parties->declarant->city, ==, "Pingxiang");

  /* A group's role chooses its party's fields. */
  {
    CsPartyGroup *group = g_object_ref_sink (g_object_new (CS_TYPE_PARTY_GROUP, "role", CS_PARTY_ROLE_NOTIFY, NULL));

    g_assert_nonnull (find_row (GTK_WIDGET (group), "parties.notify.tax_id"));
    cs_party_group_set_role (group, CS_PARTY_ROLE_CARRIER);
    g_assert_nonnull (find_row (GTK_WIDGET (group), "parties.carrier.tax_id"));
    g_assert_null (find_row (GTK_WIDGET (group), "parties.notify.tax_id"));
    g_object_unref (group);
  }

  /* Pickers over the catalog's lists. */
  assert_picker (p.page, "place_of_receipt", CS_PICKER_LIST_LOCODES);
  assert_picker (p.page, "port_of_loading", CS_PICKER_LIST_LOCODES);
  assert_picker (p.page, "port_of_discharge", CS_PICKER_LIST_LOCODES);
  assert_picker (p.page, "place_of_delivery", CS_PICKER_LIST_LOCODES);
  assert_picker (p.page, "incoterm.code", CS_PICKER_LIST_INCOTERMS);
  assert_picker (p.page, "currency", CS_PICKER_LIST_CURRENCIES);
  assert_picker (p.page, "parties.carrier.country", CS_PICKER_LIST_COUNTRIES);
  g_assert_null (cs_picker_row_get_picker (CS_FIELD_ROW (find_row (p.page, "reference"))));
  g_assert_null (cs_picker_row_get_picker (CS_FIELD_ROW (find_row (p.page, "invoice.total"))));

  /* Choices in words, stored as the enum's nicks. */
  preference = find_choice (p.page, "preference");
  g_assert_nonnull (preference);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (preference));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "No preference claimed");
  adw_combo_row_set_selected (ADW_COMBO_ROW (preference), 2);
  g_assert_cmpstr (p.m->preference, ==, "ACFTA");
  transport = find_choice (p.page, "transport_document.type");
  g_assert_nonnull (transport);
  doc = cs_path_ensure (CS_RECORD (p.m), "transport_document.type");
  cs_record_set_string (doc, "type", "CIM");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (transport)), ==, 3);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (transport));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 3), ==, "Rail consignment note (CIM)");

  /* Tab from nowhere starts at the Reference. */
  gtk_root_set_focus (GTK_ROOT (p.window), NULL);
  g_assert_true (gtk_widget_child_focus (p.window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p.window))
                 == cs_field_row_get_text_widget (CS_FIELD_ROW (find_row (p.page, "reference"))));

  /* Findings' paths lead to their rows, in the groups too. */
  g_assert_true (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "parties.notify"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p.window))
                 == cs_field_row_get_text_widget (CS_FIELD_ROW (find_row (p.page, "parties.notify.name"))));
  g_assert_true (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "parties.declarant.tax_id"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p.window))
                 == cs_field_row_get_text_widget (CS_FIELD_ROW (find_row (p.page, "parties.declarant.tax_id"))));
  g_assert_true (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "currency"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (p.window))
                 == cs_field_row_get_text_widget (CS_FIELD_ROW (find_row (p.page, "currency"))));
  g_assert_true (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "transport_document.type"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (p.window)), GTK_WIDGET (transport))
                 || gtk_root_get_focus (GTK_ROOT (p.window)) == GTK_WIDGET (transport));
  g_assert_false (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "parties.nobody"));

  /* A leg's rows: the mode in words, the places from the LOCODE list. */
  {
    g_autoptr(CsLeg) leg = cs_leg_new ();
    CsChoiceRow *mode;

    cs_list_append (p.m->legs, leg);
    cs_gui_test_spin ();
    mode = find_choice (p.page, "mode");
    g_assert_nonnull (mode);
    adw_combo_row_set_selected (ADW_COMBO_ROW (mode), 1 + 1);   /* Not set, rail, sea */
    g_assert_cmpstr (leg->mode, ==, "sea");
    assert_picker (p.page, "from", CS_PICKER_LIST_LOCODES);
    assert_picker (p.page, "vessel.flag", CS_PICKER_LIST_COUNTRIES);
  }
  page_close (&p);
}

/* ---- legs --------------------------------------------------------------------------------- */

static void
collect_leg_rows (GtkWidget *root,
                  GPtrArray *out)
{
  if (CS_IS_LEG_ROW (root))
    {
      g_ptr_array_add (out, root);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_leg_rows (c, out);
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_tooltip (c, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static CsLeg *
make_leg (const char *mode,
          const char *from,
          const char *to)
{
  CsLeg *leg = cs_leg_new ();

  cs_record_set_string (CS_RECORD (leg), "mode", mode);
  cs_record_set_string (CS_RECORD (leg), "from", from);
  cs_record_set_string (CS_RECORD (leg), "to", to);
  return leg;
}

/* Each leg is a CsLegRow: its title follows the leg, its rows edit it, a vessel emptied goes,
 * a finding's path opens it at its field, the trash button takes the leg out. */
static void
test_legs (void)
{
  Page p;
  CsManifest *m = cs_manifest_new ();
  g_autoptr(CsLeg) rail = make_leg ("rail", "CNCQI", "CNQZH");
  g_autoptr(CsLeg) sea = make_leg ("sea", "CNQZH", "VNHPH");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  CsLegRow *second;
  GtkWidget *row, *remove, *focus;
  CsChoiceRow *mode;
  GListModel *labels;

  NEED_DISPLAY ();
  cs_list_append (m->legs, rail);
  cs_list_append (m->legs, sea);
  page_open (&p, m);
  collect_leg_rows (p.page, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  second = g_ptr_array_index (rows, 1);
  g_assert_true (cs_leg_row_get_leg (second) == sea);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)), ==, "Leg 2: sea CNQZH → VNHPH");

  /* The mode in the core's words, written as the enum's nick; the title follows. */
  mode = find_choice (GTK_WIDGET (second), "mode");
  g_assert_nonnull (mode);
  labels = adw_combo_row_get_model (ADW_COMBO_ROW (mode));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 2), ==, cs_mode_label ("sea"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mode)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode), 4);
  g_assert_cmpstr (sea->mode, ==, "river");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second)), ==, "Leg 2: river CNQZH → VNHPH");

  /* A vessel typed in, then emptied: no vessel block is left. */
  row = find_row (GTK_WIDGET (second), "vessel.name");
  g_assert_nonnull (row);
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (row)), ==, "legs[1].vessel.name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Hai Phong Express");
  g_assert_nonnull (sea->vessel);
  g_assert_cmpstr (sea->vessel->name, ==, "Hai Phong Express");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_null (sea->vessel);
  assert_picker (GTK_WIDGET (second), "to", CS_PICKER_LIST_LOCODES);

  /* A finding's path opens the leg at its field; the block's path at its first row. */
  g_assert_true (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "legs[1].eta"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (second)));
  focus = gtk_root_get_focus (GTK_ROOT (p.window));
  g_assert_true (focus == cs_field_row_get_text_widget (CS_FIELD_ROW (find_row (GTK_WIDGET (second), "eta"))));
  g_assert_true (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "legs[1].vessel"));
  focus = gtk_root_get_focus (GTK_ROOT (p.window));
  g_assert_true (focus == cs_field_row_get_text_widget (CS_FIELD_ROW (row)));
  g_assert_false (cs_shipment_page_focus_path (CS_SHIPMENT_PAGE (p.page), "legs[2].eta"));

  /* The first leg's trash button: the second leg is the first now. */
  remove = find_by_tooltip (GTK_WIDGET (g_ptr_array_index (rows, 0)), "Remove leg 1");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  cs_gui_test_spin ();
  g_assert_cmpuint (CS_MANIFEST_N_LEGS (p.m), ==, 1);
  g_assert_true (CS_MANIFEST_LEG (p.m, 0) == sea);
  g_ptr_array_set_size (rows, 0);
  collect_leg_rows (p.page, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (g_ptr_array_index (rows, 0))), ==,
                   "Leg 1: river CNQZH → VNHPH");
  g_assert_cmpstr (cs_field_row_get_json_path (CS_FIELD_ROW (find_row (p.page, "vessel.name"))), ==,
                   "legs[0].vessel.name");
  page_close (&p);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-shipment-page-XXXXXX");
  /* No cursor blinking, no animations: their timers would make the runs differ (a focused row
   * is scrolled to at once, not over frames, before its completion opens). */
  if (have_display)
    g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE,
                  "gtk-enable-animations", FALSE, NULL);
  g_test_add_func ("/shipment-page/corridor", test_corridor);
  g_test_add_func ("/shipment-page/direction", test_direction);
  g_test_add_func ("/shipment-page/party-completion", test_party_completion);
  g_test_add_func ("/shipment-page/save-to-directory", test_save_to_directory);
  g_test_add_func ("/shipment-page/tax-id", test_tax_id);
  g_test_add_func ("/shipment-page/template", test_template);
  g_test_add_func ("/shipment-page/legs", test_legs);
  status = g_test_run ();
  cs_gui_test_store_close (&store);
  return status;
}
