/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-directory-completion.c: directory matches under a text field (CsDirectoryCompletion)
 *
 * On a bare AdwEntryRow over a scratch store with two products and two parties: typing shows
 * the matches after the pause (code, English and Chinese description and HS code; name, Latin
 * name, tax id and country), Down, Up and Enter choose with the focus left in the field, Escape
 * closes, a stale answer is dropped, and product completion fills a cargo line with quantity ×
 * the per-unit figures while the weight the user typed stays.
 */

#include "config.h"

#include <math.h>

#include "cs-directory-completion.h"
#include "cs-gui-test.h"
#include "cs-test-util.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

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

static CsProduct *
product (const char *code,
         const char *en,
         const char *zh,
         const char *hs,
         double      net_kg,
         double      gross_kg)
{
  CsProduct *p = cs_product_new ();
  CsRecord *it = CS_RECORD (p->item);

  p->code = g_strdup (code);
  p->description = g_strdup (en);
  p->description_zh = g_strdup (zh);
  p->units_per_package = 1;
  cs_record_set_string (it, "hs_code", hs);
  cs_record_set_string (it, "unit", "PCE");
  cs_record_set_string (it, "category", "vehicle");
  cs_record_set_number (it, "net_kg", net_kg);
  cs_record_set_number (it, "gross_kg", gross_kg);
  cs_record_set_number (it, "value", 18000);
  return p;
}

/* The directory of every test: written through a connection of the test's own. */
static void
fill_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) s = cs_store_open (store.db, &error);
  g_autoptr(CsParty) a = party ("北京汽车进出口有限公司", "Beijing Auto Import Export", "CN",
                                "91110000600037341L");
  g_autoptr(CsParty) b = party ("Hanoi Motors JSC", NULL, "VN", "0101234567");
  g_autoptr(CsProduct) p1 = product ("S07-BEV", "Battery electric passenger car, Deepal S07",
                                     "纯电动乘用车", "8703801090", 1900, 1950);
  g_autoptr(CsProduct) p2 = product ("S05-ICE", "Passenger car, petrol, Deepal S05",
                                     "汽油乘用车", "8703231990", 1500, 1560);

  g_assert_no_error (error);
  g_assert_cmpint (cs_directory_add_party (s, a, &error), >, 0);
  g_assert_cmpint (cs_directory_add_party (s, b, &error), >, 0);
  g_assert_true (cs_directory_add_product (s, p1, &error));
  g_assert_true (cs_directory_add_product (s, p2, &error));
  g_assert_no_error (error);
}

/* Runs the main loop until the completion shows @n matches (the pause, the search on the store
 * thread and the answer); a guard ends a hang. */
static void
wait_for_matches (CsDirectoryCompletion *c,
                  guint                  n)
{
  CS_TEST_WAIT_UNTIL (cs_directory_completion_get_n_matches (c) == n);
}

/* The title of the first match: a party's name or a product's code. */
static const char *
first_title (CsDirectoryCompletion *c)
{
  gpointer match = cs_directory_completion_get_match (c, 0);

  if (match == NULL)
    return NULL;
  if (cs_directory_completion_get_mode (c) == CS_DIRECTORY_COMPLETION_PARTIES)
    return ((CsDirectoryParty *) match)->party->name;
  return ((CsProduct *) match)->code;
}

/* Runs the main loop until the first match is @title (a newer search has answered). */
static void
wait_for_first (CsDirectoryCompletion *c,
                const char            *title)
{
  CS_TEST_WAIT_UNTIL (g_strcmp0 (first_title (c), title) == 0);
}

/* Runs the main loop past twice the typing pause, then until every search queued has answered:
 * a search the pause would have started has shown by then. */
static void
run_past_pause (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, cs_test_timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_spin ();
}

/* Types @text into @row (the focus is in it, as when the user types). */
static void
type_text (GtkWidget  *row,
           const char *text)
{
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The key controller the completion added to the field (the last one). */
static GtkEventController *
completion_keys (GtkWidget *row)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GtkEventController *keys = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        keys = c;
    }
  g_assert_nonnull (keys);
  return keys;
}

static gboolean
press (GtkWidget *row,
       guint      keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (completion_keys (row), "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

static gboolean
has_text (GtkWidget  *root,
          const char *text)
{
  g_auto(GStrv) texts = cs_gui_test_collect_texts (root);

  return g_strv_contains ((const char * const *) texts, text);
}

static CsItem *
get_line (gpointer data)
{
  return data;
}

static void
test_product_fills_line (void)
{
  GtkWidget *row, *window;
  CsDirectoryCompletion *c;
  g_autoptr(CsItem) line = cs_item_new ();
  CsProduct *first;

  NEED_DISPLAY ();
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Description");
  window = cs_gui_test_present (row, 600, 400);
  c = cs_directory_completion_attach_product (GTK_EDITABLE (row), store.context, get_line,
                                              g_object_ref (line), g_object_unref);
  g_assert_true (cs_directory_completion_get_editable (c) == GTK_EDITABLE (row));
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (c)) == row);
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_AUTOCOMPLETE,
                                       GTK_ACCESSIBLE_AUTOCOMPLETE_LIST);

  /* The user has typed a quantity and the gross weight of the line. */
  cs_record_set_number (CS_RECORD (line), "quantity", 10);
  cs_record_set_number (CS_RECORD (line), "gross_kg", 20000);
  /* What the description row does: the typed text is the line's description. */
  type_text (row, "deepal");
  cs_record_set_string (CS_RECORD (line), "description", "deepal");
  wait_for_matches (c, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (c)));
  gtk_test_accessible_assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
  g_assert_true (has_text (GTK_WIDGET (c), "S07-BEV") || has_text (GTK_WIDGET (c), "S05-ICE"));
  g_assert_true (has_text (GTK_WIDGET (c),
                           "Battery electric passenger car, Deepal S07 · 纯电动乘用车 · HS 8703801090"));
  g_assert_true (has_text (GTK_WIDGET (c),
                           "Passenger car, petrol, Deepal S05 · 汽油乘用车 · HS 8703231990"));

  /* Down, Down, Up: the second match and back to the first; the focus never leaves the field. */
  g_assert_cmpint (cs_directory_completion_get_selected (c), ==, -1);
  g_assert_true (press (row, GDK_KEY_Down));
  g_assert_cmpint (cs_directory_completion_get_selected (c), ==, 0);
  g_assert_true (press (row, GDK_KEY_Down));
  g_assert_cmpint (cs_directory_completion_get_selected (c), ==, 1);
  g_assert_true (press (row, GDK_KEY_Down));   /* stays on the last */
  g_assert_cmpint (cs_directory_completion_get_selected (c), ==, 1);
  g_assert_true (press (row, GDK_KEY_Up));
  g_assert_cmpint (cs_directory_completion_get_selected (c), ==, 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), row));
  first = cs_directory_completion_get_match (c, 0);

  g_assert_true (press (row, GDK_KEY_Return));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));
  gtk_test_accessible_assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
  g_assert_cmpstr (line->product, ==, first->code);
  g_assert_cmpstr (line->description, ==, first->description);   /* the typed search text goes */
  g_assert_cmpstr (line->hs_code, ==, first->item->hs_code);
  g_assert_cmpfloat (line->quantity, ==, 10);
  g_assert_cmpfloat (line->net_kg, ==, 10 * first->item->net_kg);
  g_assert_cmpfloat (line->gross_kg, ==, 20000);                   /* typed: kept */
  g_assert_cmpfloat (line->value, ==, 180000);
  g_assert_cmpfloat (line->packages->count, ==, 10);

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static CsDirectoryParty *chosen_party;

static void
on_chosen_cb (CsDirectoryCompletion *c,
              CsDirectoryParty      *entry,
              gpointer               data)
{
  g_clear_pointer (&chosen_party, cs_directory_party_free);
  chosen_party = cs_directory_party_new (entry->party);
  chosen_party->id = entry->id;
  /* What a party group does: the field is refilled from the entry (no new search). */
  gtk_editable_set_text (cs_directory_completion_get_editable (c), entry->party->name);
}

static void
test_parties_keyboard (void)
{
  GtkWidget *row, *window;
  CsDirectoryCompletion *c;

  NEED_DISPLAY ();
  row = adw_entry_row_new ();
  window = cs_gui_test_present (row, 600, 400);
  c = cs_directory_completion_new (store.context, CS_DIRECTORY_COMPLETION_PARTIES,
                                   GTK_EDITABLE (row));
  g_assert_cmpint (cs_directory_completion_get_mode (c), ==, CS_DIRECTORY_COMPLETION_PARTIES);
  g_signal_connect (c, "chosen", G_CALLBACK (on_chosen_cb), NULL);

  /* The start of a tax id. */
  type_text (row, "911100");
  wait_for_matches (c, 1);
  g_assert_true (has_text (GTK_WIDGET (c), "北京汽车进出口有限公司"));
  g_assert_true (has_text (GTK_WIDGET (c), "Beijing Auto Import Export · 91110000600037341L · CN"));

  /* Enter with nothing selected is the field's own; Escape closes the list. */
  g_assert_false (press (row, GDK_KEY_Return));
  g_assert_null (chosen_party);
  g_assert_true (press (row, GDK_KEY_Escape));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));
  g_assert_false (press (row, GDK_KEY_Escape));   /* closed: the key goes on */

  /* Down asks again at once; a part of a name. */
  gtk_editable_set_text (GTK_EDITABLE (row), "motors");
  g_assert_true (press (row, GDK_KEY_Down));
  wait_for_first (c, "Hanoi Motors JSC");
  g_assert_cmpuint (cs_directory_completion_get_n_matches (c), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (c)));
  g_assert_true (has_text (GTK_WIDGET (c), "0101234567 · VN"));
  g_assert_true (press (row, GDK_KEY_Down));
  g_assert_true (press (row, GDK_KEY_KP_Enter));
  g_assert_nonnull (chosen_party);
  g_assert_cmpstr (chosen_party->party->name, ==, "Hanoi Motors JSC");
  g_assert_cmpint (chosen_party->id, >, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Hanoi Motors JSC");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));
  /* The refilled field asks nothing. */
  run_past_pause ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));

  /* Text set while the focus is elsewhere (a draft opened) searches nothing. */
  gtk_widget_grab_focus (GTK_WIDGET (window));
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "北京");
  run_past_pause ();
  g_assert_cmpstr (first_title (c), ==, "Hanoi Motors JSC");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));

  g_clear_pointer (&chosen_party, cs_directory_party_free);
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* A field whose window is not on screen yet (a page built before the window is shown) gets its
 * matches but opens no list: GDK has no monitor to place it on (it was a fatal critical). */
static void
test_not_on_screen (void)
{
  GtkWidget *row, *window;
  CsDirectoryCompletion *c;

  NEED_DISPLAY ();
  row = adw_entry_row_new ();
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), row);
  c = cs_directory_completion_new (store.context, CS_DIRECTORY_COMPLETION_PARTIES,
                                   GTK_EDITABLE (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "motors");
  g_assert_true (press (row, GDK_KEY_Down));
  wait_for_first (c, "Hanoi Motors JSC");
  cs_gui_test_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));
  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
count_shown_cb (GtkWidget  *popover,
                GParamSpec *pspec,
                guint      *n_shown)
{
  if (gtk_widget_get_visible (popover))
    (*n_shown)++;
}

static void
test_stale_answer_dropped (void)
{
  GtkWidget *row, *window;
  CsDirectoryCompletion *c;
  guint n_shown = 0;

  NEED_DISPLAY ();
  row = adw_entry_row_new ();
  window = cs_gui_test_present (row, 600, 400);
  c = cs_directory_completion_new (store.context, CS_DIRECTORY_COMPLETION_PRODUCTS,
                                   GTK_EDITABLE (row));
  g_signal_connect (c, "notify::visible", G_CALLBACK (count_shown_cb), &n_shown);

  /* Two searches queued; the first, which has matches, answers while the second is on its way. */
  type_text (row, "S0");
  cs_directory_completion_search_now (c);
  gtk_editable_set_text (GTK_EDITABLE (row), "nothing like it");
  cs_directory_completion_search_now (c);
  cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_spin ();
  g_assert_cmpuint (n_shown, ==, 0);
  g_assert_cmpuint (cs_directory_completion_get_n_matches (c), ==, 0);

  /* Only the newest: the codes' start, then a Chinese word. */
  gtk_editable_set_text (GTK_EDITABLE (row), "s07");
  cs_directory_completion_search_now (c);
  wait_for_first (c, "S07-BEV");
  g_assert_cmpuint (cs_directory_completion_get_n_matches (c), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (row), "汽油");
  wait_for_first (c, "S05-ICE");
  g_assert_cmpuint (cs_directory_completion_get_n_matches (c), ==, 1);
  g_assert_cmpuint (n_shown, ==, 1);

  /* Emptied: the list closes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  wait_for_matches (c, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (c)));

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-directory-completion-XXXXXX");
  /* No cursor blinking: its timer would make the runs differ. */
  if (have_display)
    g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  if (have_display)
    fill_directory ();
  g_test_add_func ("/directory-completion/product-fills-line", test_product_fills_line);
  g_test_add_func ("/directory-completion/parties-keyboard", test_parties_keyboard);
  g_test_add_func ("/directory-completion/stale-answer-dropped", test_stale_answer_dropped);
  g_test_add_func ("/directory-completion/not-on-screen", test_not_on_screen);
  status = g_test_run ();
  if (have_display)
    cs_store_thread_wait (cs_context_get_store_thread (store.context));
  cs_gui_test_store_close (&store);
  return status;
}
