/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-directory-live.c: the Directory window follows the store (issue 12 §2): parties added,
 * renamed and deleted by another client appear, change and go without anyone searching again */

#include "config.h"

#include <string.h>

#include "cs-gui-test.h"
#include "cs-test-util.h"
#include "cs-directory.h"
#include "cs-directory-window.h"
#include "cs-store.h"

static gboolean have_display;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)


/* TRUE when the parties page lists an entry titled @title. */
static gboolean
lists (CsDirectoryWindow *window,
       const char        *title)
{
  GListModel *model = cs_directory_window_get_model (window, "parties");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CsDirectoryItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (cs_directory_item_get_title (item), title) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_other_client (void)
{
  CsGuiTestStore store = { 0 };
  g_autoptr(CsStore) other = NULL;
  g_autoptr(CsParty) party = cs_party_new ();
  g_autoptr(GError) error = NULL;
  CsDirectoryWindow *window;
  gint64 id;

  NEED_DISPLAY ();
  cs_gui_test_store_open (&store, "cs-test-directory-live-XXXXXX");
  other = cs_store_open (store.db, &error);
  g_assert_no_error (error);
  window = CS_DIRECTORY_WINDOW (cs_directory_window_new (store.context));
  gtk_window_present (GTK_WINDOW (window));
  while (cs_directory_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (lists (window, "Hai Phong Live Trading"));

  cs_record_set_string (CS_RECORD (party), "name", "Hai Phong Live Trading");
  cs_record_set_string (CS_RECORD (party), "country", "VN");
  id = cs_directory_add_party (other, party, &error);
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (lists (window, "Hai Phong Live Trading"));

  cs_record_set_string (CS_RECORD (party), "name", "Hai Phong Live Trading JSC");
  g_assert_true (cs_directory_update_party (other, id, party, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (lists (window, "Hai Phong Live Trading JSC"));
  g_assert_false (lists (window, "Hai Phong Live Trading"));

  g_assert_true (cs_directory_delete_party (other, id, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (!lists (window, "Hai Phong Live Trading JSC"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&other);
  cs_gui_test_store_close (&store);
}

int
main (int   argc,
      char *argv[])
{
  have_display = cs_gui_test_init (&argc, &argv, NULL, NULL);

  g_test_add_func ("/directory-live/other-client", test_other_client);
  return g_test_run ();
}
