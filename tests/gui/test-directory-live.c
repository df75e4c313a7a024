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

#include <sqlite3.h>

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

/* Runs @sql on the SQLite file @path through a connection of its own, as another program would. */
static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* TRUE when a message dialog is open over @window. */
static gboolean
has_dialog (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == window)
        return TRUE;
    }
  return FALSE;
}

/* A refresh no one asked for that cannot read the store (here the directory's table is away, as
 * a server restarting would answer) opens no dialog: a status line says so, and it is tried
 * again until the store answers, then the line goes and the list is current. */
static void
test_live_failure_quiet (void)
{
  CsGuiTestStore store = { 0 };
  g_autoptr(CsStore) other = NULL;
  g_autoptr(CsParty) party = cs_party_new ();
  g_autoptr(GError) error = NULL;
  CsDirectoryWindow *window;

  NEED_DISPLAY ();
  cs_gui_test_store_open (&store, "cs-test-directory-live-XXXXXX");
  other = cs_store_open (store.db, &error);
  g_assert_no_error (error);
  window = CS_DIRECTORY_WINDOW (cs_directory_window_new (store.context));
  gtk_window_present (GTK_WINDOW (window));
  cs_store_watch_set_poll_ms (cs_context_get_store_watch (store.context), 50);
  while (cs_directory_window_is_busy (window))
    g_main_context_iteration (NULL, TRUE);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (cs_context_get_store_watch (store.context)));
  g_assert_null (cs_directory_window_get_status (window));

  exec_raw (store.db, "ALTER TABLE directory_parties RENAME TO directory_parties_away");
  CS_TEST_WAIT_UNTIL (cs_directory_window_get_status (window) != NULL);
  g_assert_false (has_dialog (GTK_WINDOW (window)));

  /* back, with a party added meanwhile: read again without anyone asking */
  exec_raw (store.db, "ALTER TABLE directory_parties_away RENAME TO directory_parties");
  cs_record_set_string (CS_RECORD (party), "name", "Quiet Retry Trading");
  cs_record_set_string (CS_RECORD (party), "country", "VN");
  cs_directory_add_party (other, party, &error);
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (lists (window, "Quiet Retry Trading"));
  CS_TEST_WAIT_UNTIL (cs_directory_window_get_status (window) == NULL);
  g_assert_false (has_dialog (GTK_WINDOW (window)));

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
  g_test_add_func ("/directory-live/failure-is-quiet", test_live_failure_quiet);
  return g_test_run ();
}
