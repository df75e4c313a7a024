/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sidebar.c: the drafts list: a new draft, a renamed one, status and its filter, the
 * validation badges, search, activation (issue 11 item 8); drafts another client saves or
 * deletes appear and go without anyone reloading (issue 12 §2) */

#include "config.h"

#include <string.h>

#include "cs-gui-test.h"
#include "cs-test-util.h"
#include "cs-draft-row.h"
#include "cs-format.h"
#include "cs-sidebar.h"
#include "cs-store.h"

#include <sqlite3.h>
#include <unistd.h>

#include "cs-db.h"

static gboolean have_display;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

typedef struct
{
  CsGuiTestStore store;
  CsStore       *db;          /* a second connection, as another window or the CLI writes */
  GtkWidget     *sidebar;
  GtkWidget     *window;
  guint          n_loaded;
  GPtrArray     *activated;   /* ids */
  char          *pg_name;     /* the PostgreSQL database of the test, or NULL (SQLite) */
} Fixture;

static void
on_loaded_cb (CsSidebar *sidebar,
              Fixture   *f)
{
  f->n_loaded++;
}

static void
on_activated_cb (CsSidebar  *sidebar,
                 const char *id,
                 Fixture    *f)
{
  g_ptr_array_add (f->activated, g_strdup (id));
}

/* Spins until the sidebar has shown a load that started after now. */
static void
wait_loaded (Fixture *f)
{
  guint before = f->n_loaded;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (f->n_loaded == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (f->n_loaded, >, before);
  cs_gui_test_spin ();
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_count_cb (gpointer  instance,
             guint    *n)
{
  (*n)++;
}

/* Runs the main loop until *@n reaches @want (a guard ends a hang as a failure; it is no
 * speed check). */
static void
wait_count (guint *n,
            guint  want)
{
  gboolean timed_out = FALSE;
  guint guard = g_timeout_add_seconds (30, timed_out_cb, &timed_out);

  while (*n < want && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);
}

/* Lets every store read started so far come back and be shown. */
static void
settle (Fixture *f)
{
  cs_store_thread_wait (cs_context_get_store_thread (f->store.context));
  cs_gui_test_spin ();
}

static void
reload (Fixture *f)
{
  cs_sidebar_reload (CS_SIDEBAR (f->sidebar));
  wait_loaded (f);
}

static void
pg_admin (const char *sql)
{
  g_autoptr(GError) error = NULL;
  CsDb *db = cs_db_open (g_getenv ("CONSIGN_TEST_DB"), 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cs_db_exec (db, sql), ==, CS_DB_OK);
  cs_db_close (db);
}

/* With @data TRUE, the store is a new database on the PostgreSQL server of CONSIGN_TEST_DB. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_display)
    return;
  if (GPOINTER_TO_INT (data))
    {
      const char *admin = g_getenv ("CONSIGN_TEST_DB");
      const char *path = strchr (strstr (admin, "://") + 3, '/');
      const char *query = strchr (path, '?');
      g_autofree char *create = NULL;

      f->pg_name = g_strdup_printf ("consign_test_sidebar_%d", (int) getpid ());
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_name);
      pg_admin (create);
      cs_gui_test_store_make_dir (&f->store, "cs-test-sidebar-XXXXXX");
      f->store.db = g_strdup_printf ("%.*s/%s%s", (int) (path - admin), admin, f->pg_name,
                                     query ? query : "");
      f->store.context = cs_context_new (f->store.db, &error);
      g_assert_no_error (error);
    }
  else
    cs_gui_test_store_open (&f->store, "cs-test-sidebar-XXXXXX");
  f->db = cs_store_open (f->store.db, &error);
  g_assert_no_error (error);
  f->activated = g_ptr_array_new_with_free_func (g_free);
  f->sidebar = cs_sidebar_new (f->store.context);
  g_signal_connect (f->sidebar, "loaded", G_CALLBACK (on_loaded_cb), f);
  g_signal_connect (f->sidebar, "draft-activated", G_CALLBACK (on_activated_cb), f);
  f->window = cs_gui_test_present (f->sidebar, 360, 600);
  reload (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  cs_gui_test_spin ();
  g_clear_object (&f->db);
  if (f->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->pg_name);

      g_clear_object (&f->store.context);
      pg_admin (drop);
      g_clear_pointer (&f->pg_name, g_free);
    }
  cs_gui_test_store_close (&f->store);
  g_clear_pointer (&f->activated, g_ptr_array_unref);
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (cs_sidebar_get_model (CS_SIDEBAR (f->sidebar)));
}

static CsStoreSummary *
row (Fixture *f,
     guint    i)
{
  return g_list_model_get_item (cs_sidebar_get_model (CS_SIDEBAR (f->sidebar)), i);
}

/* The label under @root whose text is @text, if shown (visible and mapped), else NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0 &&
          gtk_widget_get_mapped (child))
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
shows_part (GtkWidget  *root,
            const char *part)
{
  g_auto(GStrv) texts = cs_gui_test_collect_texts (root);

  for (guint i = 0; texts[i] != NULL; i++)
    if (strstr (texts[i], part) != NULL)
      return TRUE;
  return FALSE;
}

/* The GtkListView under @root that shows @drafts. */
static GtkWidget *
find_drafts_list (GtkWidget  *root,
                  GListModel *drafts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child))
        {
          GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (child));

          if (GTK_IS_SINGLE_SELECTION (model) &&
              gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == drafts)
            return child;
        }
      if ((found = find_drafts_list (child, drafts)) != NULL)
        return found;
    }
  return NULL;
}

static char *
save (Fixture    *f,
      CsManifest *m)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cs_store_save (f->db, m, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (m->id);
}

/* An empty store says so; a new draft without a reference is "New draft"; giving it a reference
 * renames the same row. */
static void
test_new_and_rename (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CsManifest) m = NULL;
  g_autofree char *id = NULL;

  NEED_DISPLAY ();
  g_assert_true (cs_sidebar_is_loaded (CS_SIDEBAR (f->sidebar)));
  g_assert_true (cs_sidebar_store_is_empty (CS_SIDEBAR (f->sidebar)));
  g_assert_cmpuint (n_rows (f), ==, 0);

  m = cs_manifest_new_draft ();
  id = save (f, m);
  reload (f);
  g_assert_false (cs_sidebar_store_is_empty (CS_SIDEBAR (f->sidebar)));
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_nonnull (find_label (f->sidebar, "New draft"));
  /* nothing set yet, and the list says so rather than showing blanks */
  g_assert_true (shows_part (f->sidebar, "no consignee · no corridor · Draft · today "));

  cs_record_set_string (CS_RECORD (m), "reference", "CQ-SG-0001");
  save (f, m);
  reload (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  {
    g_autoptr(CsStoreSummary) s = row (f, 0);

    g_assert_cmpstr (s->id, ==, id);
    g_assert_cmpstr (s->reference, ==, "CQ-SG-0001");
  }
  g_assert_nonnull (find_label (f->sidebar, "CQ-SG-0001"));
  g_assert_null (find_label (f->sidebar, "New draft"));
}

/* The badges show the stored counts (hidden at zero, and before any validation); the accessible
 * label says them in words, or that the draft was not validated yet. */
static void
test_badges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_gui_test_load ("railsea-electronics.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = save (f, m);
  g_autofree char *counts = NULL;
  g_autofree char *want = NULL;
  GtkWidget *reference, *box, *subtitle;
  char *failed;

  NEED_DISPLAY ();
  reload (f);
  g_assert_nonnull (find_label (f->sidebar, "QZH2604-0042"));
  /* never validated (-1): no badge */
  g_assert_null (find_label (f->sidebar, "✖ -1"));
  g_assert_null (find_label (f->sidebar, "⚠ -1"));
  reference = find_label (f->sidebar, "QZH2604-0042");
  box = gtk_widget_get_parent (gtk_widget_get_parent (reference));
  subtitle = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (subtitle)),
                                   "Hai Phong Industrial Equipment JSC · CQ-QZH-RAILSEA · Draft · "));
  /* the row (ui/cs-draft-row.ui) is the draft's */
  g_assert_true (CS_IS_DRAFT_ROW (box));
  {
    g_autoptr(CsStoreSummary) s = row (f, 0);

    g_assert_true (cs_draft_row_get_summary (CS_DRAFT_ROW (box)) == s);
  }
  want = g_strdup_printf ("QZH2604-0042, %s, not validated yet", gtk_label_get_text (GTK_LABEL (subtitle)));
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, want);
  g_assert_null (failed);

  g_assert_true (cs_store_set_counts (f->db, id, 3, 1, &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_nonnull (find_label (f->sidebar, "✖ 3"));
  g_assert_nonnull (find_label (f->sidebar, "⚠ 1"));
  reference = find_label (f->sidebar, "QZH2604-0042");
  box = gtk_widget_get_parent (gtk_widget_get_parent (reference));
  subtitle = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  counts = cs_format_finding_counts (3, 1, -1);
  g_clear_pointer (&want, g_free);
  want = g_strdup_printf ("QZH2604-0042, %s, %s", gtk_label_get_text (GTK_LABEL (subtitle)), counts);
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, want);
  g_assert_null (failed);

  /* fixed: no badge at all */
  /* big counts are grouped as every figure on screen is */
  g_assert_true (cs_store_set_counts (f->db, id, 12345, 1000, &error));
  g_assert_no_error (error);
  reload (f);
  g_assert_nonnull (find_label (f->sidebar, "✖ 12,345"));
  g_assert_nonnull (find_label (f->sidebar, "⚠ 1,000"));

  g_assert_true (cs_store_set_counts (f->db, id, 0, 0, &error));
  reload (f);
  g_assert_null (find_label (f->sidebar, "✖ 0"));
  g_assert_null (find_label (f->sidebar, "⚠ 0"));
  g_assert_null (find_label (f->sidebar, "✖ 3"));
}

/* The status shows in each row; the filter lists one status; archived drafts are left out of
 * "All drafts" and listed under Archived. */
static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_gui_test_load ("railsea-electronics.json");
  g_autoptr(CsManifest) b = cs_manifest_new_draft ();
  g_autoptr(CsManifest) c = cs_manifest_new_draft ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id_a = save (f, a);
  g_autofree char *id_b = NULL, *id_c = NULL;

  NEED_DISPLAY ();
  cs_record_set_string (CS_RECORD (b), "reference", "B-READY");
  cs_record_set_string (CS_RECORD (c), "reference", "C-ARCHIVED");
  id_b = save (f, b);
  id_c = save (f, c);
  g_assert_true (cs_store_set_status_value (f->db, id_b, CS_STATUS_READY, &error));
  g_assert_true (cs_store_set_status_value (f->db, id_c, CS_STATUS_ARCHIVED, &error));
  g_assert_no_error (error);

  reload (f);
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_null (find_label (f->sidebar, "C-ARCHIVED"));
  g_assert_true (shows_part (f->sidebar, " · Ready · "));

  cs_sidebar_set_status (CS_SIDEBAR (f->sidebar), CS_STATUS_READY);
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  {
    g_autoptr(CsStoreSummary) s = row (f, 0);

    g_assert_cmpstr (s->id, ==, id_b);
  }

  cs_sidebar_set_status (CS_SIDEBAR (f->sidebar), CS_STATUS_ARCHIVED);
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_nonnull (find_label (f->sidebar, "C-ARCHIVED"));

  cs_sidebar_set_status (CS_SIDEBAR (f->sidebar), CS_STATUS_UNSET);
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_false (cs_sidebar_store_is_empty (CS_SIDEBAR (f->sidebar)));

  /* A value that is no status is the caller's mistake: said, and the filter stays. */
  g_test_expect_message ("Consign", G_LOG_LEVEL_CRITICAL, "*cs_sidebar_set_status*");
  cs_sidebar_set_status (CS_SIDEBAR (f->sidebar), (CsStatus) 42);
  g_test_assert_expected_messages ();
  settle (f);
  g_assert_cmpuint (n_rows (f), ==, 2);
  (void) id_a;
}

/* Search matches a part of the reference or of the consignee's name, case-insensitively; an
 * empty search lists everything again; no match is not an empty store. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_gui_test_load ("railsea-electronics.json");
  g_autoptr(CsManifest) b = cs_manifest_new_draft ();
  g_autofree char *id_a = save (f, a);
  g_autofree char *id_b = NULL;

  NEED_DISPLAY ();
  cs_record_set_string (CS_RECORD (b), "reference", "SG-7788");
  id_b = save (f, b);
  reload (f);
  g_assert_cmpuint (n_rows (f), ==, 2);

  cs_sidebar_set_search (CS_SIDEBAR (f->sidebar), "sg-77");
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  g_assert_nonnull (find_label (f->sidebar, "SG-7788"));
  g_assert_null (find_label (f->sidebar, "QZH2604-0042"));

  cs_sidebar_set_search (CS_SIDEBAR (f->sidebar), "hai phong");
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  {
    g_autoptr(CsStoreSummary) s = row (f, 0);

    g_assert_cmpstr (s->id, ==, id_a);
  }

  cs_sidebar_set_search (CS_SIDEBAR (f->sidebar), "nothing like this");
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 0);
  g_assert_false (cs_sidebar_store_is_empty (CS_SIDEBAR (f->sidebar)));

  cs_sidebar_set_search (CS_SIDEBAR (f->sidebar), "");
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 2);
  (void) id_b;
}

/* Setting the search reads the store once: the entry's own "search-changed" (150 ms later, or
 * at once for an empty text) does not read it again. */
static void
test_search_reads_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_gui_test_load ("railsea-electronics.json");
  g_autofree char *id_a = save (f, a);
  GtkWidget *entry;
  guint n_search_changed = 0, before;

  NEED_DISPLAY ();
  reload (f);
  entry = cs_gui_test_find_widget (f->sidebar, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_count_cb), &n_search_changed);

  before = f->n_loaded;
  cs_sidebar_set_search (CS_SIDEBAR (f->sidebar), "hai phong");
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  wait_count (&n_search_changed, 1);
  settle (f);
  g_assert_cmpuint (f->n_loaded, ==, before + 1);

  before = f->n_loaded;
  cs_sidebar_set_search (CS_SIDEBAR (f->sidebar), "");
  wait_loaded (f);
  wait_count (&n_search_changed, 2);
  settle (f);
  g_assert_cmpuint (f->n_loaded, ==, before + 1);
  g_assert_cmpuint (n_rows (f), ==, 1);

  /* Typing still searches, once, after the pause. */
  before = f->n_loaded;
  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like this");
  wait_count (&n_search_changed, 3);
  settle (f);
  g_assert_cmpuint (f->n_loaded, ==, before + 1);
  g_assert_cmpuint (n_rows (f), ==, 0);
  (void) id_a;
}

/* Choosing a row activates its draft; selecting from code does not; a hidden draft (waiting for
 * its Undo toast) leaves the list until it is unhidden. */
static void
test_activate_and_hide (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_gui_test_load ("railsea-electronics.json");
  g_autofree char *id_a = save (f, a);
  GtkWidget *list;

  NEED_DISPLAY ();
  reload (f);
  cs_sidebar_select (CS_SIDEBAR (f->sidebar), id_a);
  g_assert_cmpuint (f->activated->len, ==, 0);

  cs_sidebar_select (CS_SIDEBAR (f->sidebar), NULL);
  /* the drafts list (the status drop-down has a list of its own in its popover) */
  list = find_drafts_list (f->sidebar, cs_sidebar_get_model (CS_SIDEBAR (f->sidebar)));
  g_assert_nonnull (list);
  /* a click selects the row: that opens the draft */
  gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (list)), 0, TRUE);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, id_a);
  /* Enter on the row opens it again (e.g. after the window showed another draft) */
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_cmpuint (f->activated->len, ==, 2);
  g_assert_cmpstr (f->activated->pdata[1], ==, id_a);

  cs_sidebar_hide_draft (CS_SIDEBAR (f->sidebar), id_a);
  g_assert_cmpuint (n_rows (f), ==, 0);
  reload (f);
  g_assert_cmpuint (n_rows (f), ==, 0);
  cs_sidebar_unhide_draft (CS_SIDEBAR (f->sidebar), id_a);
  wait_loaded (f);
  g_assert_cmpuint (n_rows (f), ==, 1);
  /* It was selected when hidden; back in the list, it is not (nothing opened it again). */
  g_assert_cmpuint (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)))),
                    ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (f->activated->len, ==, 2);
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

/* The row item of draft @id (borrowed), or NULL. */
static CsStoreSummary *
row_of (Fixture    *f,
        const char *id)
{
  for (guint i = 0; i < n_rows (f); i++)
    {
      g_autoptr(CsStoreSummary) s = row (f, i);

      if (strcmp (s->id, id) == 0)
        return s;
    }
  return NULL;
}

/* TRUE when draft @id is listed (at @revision, unless 0). */
static gboolean
lists_id (Fixture    *f,
          const char *id,
          gint64      revision)
{
  CsStoreSummary *s = row_of (f, id);

  return s != NULL && (revision == 0 || s->revision == revision);
}


/* Another client (here a second connection) saves a new draft, changes one and deletes one: the
 * list follows with no reload asked for; the selection stays, and rows that did not change
 * keep their item (only the changed range of the list is replaced). */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CsManifest) a = cs_manifest_new_draft ();
  g_autoptr(CsManifest) b = cs_manifest_new_draft ();
  g_autoptr(CsManifest) c = cs_manifest_new_draft ();
  g_autoptr(CsStoreSummary) row_a = NULL;
  g_autoptr(CsStoreSummary) row_b = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  g_autofree char *id_a = NULL, *id_b = NULL, *id_c = NULL;
  CsStoreWatch *watch;
  GtkWidget *list;
  GtkSingleSelection *selection;
  gint64 revision;

  NEED_DISPLAY ();
  watch = cs_sidebar_get_watch (CS_SIDEBAR (f->sidebar));
  g_assert_nonnull (watch);
  cs_store_watch_set_poll_ms (watch, 50);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (watch));

  cs_record_set_string (CS_RECORD (a), "reference", "LIVE-A");
  cs_record_set_string (CS_RECORD (b), "reference", "LIVE-B");
  cs_record_set_string (CS_RECORD (c), "reference", "LIVE-C");
  id_a = save (f, a);
  id_b = save (f, b);
  reload (f);
  g_assert_cmpuint (n_rows (f), ==, 2);
  cs_sidebar_select (CS_SIDEBAR (f->sidebar), id_a);
  list = find_drafts_list (f->sidebar, cs_sidebar_get_model (CS_SIDEBAR (f->sidebar)));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  row_a = g_object_ref (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpstr (row_a->id, ==, id_a);
  row_b = g_object_ref (row_of (f, id_b));
  g_signal_connect (cs_sidebar_get_model (CS_SIDEBAR (f->sidebar)), "items-changed",
                    G_CALLBACK (on_items_changed_cb), changes);

  /* a new draft appears (one row inserted, nothing else replaced); the two others keep their
   * row items, and A stays selected */
  id_c = save (f, c);
  CS_TEST_WAIT_UNTIL (lists_id (f, id_c, 0));
  g_assert_cmpuint (n_rows (f), ==, 3);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes, Change, 0).removed, ==, 0);
  g_assert_cmpuint (g_array_index (changes, Change, 0).added, ==, 1);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) row_a);
  g_assert_true (row_of (f, id_a) == row_a);
  g_assert_true (row_of (f, id_b) == row_b);
  g_assert_nonnull (find_label (f->sidebar, "LIVE-C"));

  /* a draft changed elsewhere shows its new state */
  cs_record_set_string (CS_RECORD (b), "reference", "LIVE-B2");
  g_assert_true (cs_store_save (f->db, b, &revision, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (lists_id (f, id_b, revision));
  g_assert_cmpstr (row_of (f, id_b)->reference, ==, "LIVE-B2");
  g_assert_nonnull (find_label (f->sidebar, "LIVE-B2"));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) row_a);

  /* a draft deleted elsewhere goes */
  g_assert_true (cs_store_delete (f->db, id_c, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (!lists_id (f, id_c, 0));
  g_assert_cmpuint (n_rows (f), ==, 2);
  g_assert_null (find_label (f->sidebar, "LIVE-C"));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) row_a);
  g_signal_handlers_disconnect_by_func (cs_sidebar_get_model (CS_SIDEBAR (f->sidebar)),
                                        on_items_changed_cb, changes);
}

/* The label under @root whose text starts with @prefix, if shown, else NULL. */
static GtkWidget *
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix) &&
          gtk_widget_get_mapped (child))
        return child;
      if ((found = find_label_prefix (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

/* consign_user() of another clerk's connection */
static void
li_wei_cb (sqlite3_context  *context,
           int               argc G_GNUC_UNUSED,
           sqlite3_value   **argv G_GNUC_UNUSED)
{
  sqlite3_result_text (context, "Li Wei", -1, SQLITE_STATIC);
}

/* A draft we saved says nothing of who saved it; one that someone else (here a raw SQLite
 * connection writing another author, as schema 8 records them) saved last says who and when,
 * on screen and to a screen reader, as soon as the watch has seen it. */
static void
test_saved_by (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autofree char *id = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *when = NULL;
  g_autofree char *want = NULL;
  g_autoptr(GDateTime) now = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GtkWidget *label, *box;
  const char *user;
  char *failed;

  NEED_DISPLAY ();
  cs_store_watch_set_poll_ms (cs_sidebar_get_watch (CS_SIDEBAR (f->sidebar)), 50);
  cs_record_set_string (CS_RECORD (m), "reference", "WHO-1");
  id = save (f, m);
  reload (f);
  CS_TEST_WAIT_UNTIL (cs_sidebar_get_user (CS_SIDEBAR (f->sidebar)) != NULL);
  user = cs_sidebar_get_user (CS_SIDEBAR (f->sidebar));
  g_assert_cmpstr (user, ==, cs_store_get_user (f->db));
  {
    g_autoptr(CsStoreSummary) s = row (f, 0);

    g_assert_cmpstr (s->updated_by, ==, user);
  }
  mine = g_strdup_printf ("%s · ", user);
  g_assert_null (find_label_prefix (f->sidebar, mine));

  /* someone else saves it */
  now = g_date_time_new_now_local ();
  g_assert_cmpint (sqlite3_open (f->store.db, &db), ==, SQLITE_OK);
  /* Li Wei's Consign: the trail's triggers (schema 10) ask every connection who it is */
  g_assert_cmpint (sqlite3_create_function (db, "consign_user", 0, SQLITE_UTF8, NULL, li_wei_cb, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE manifests SET updated_by = 'Li Wei', updated = ?1,"
                                           " revision = revision + 1 WHERE id = ?2", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (now) * G_USEC_PER_SEC);   /* stored in µs */
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  when = g_date_time_format (now, "%H:%M");
  theirs = g_strdup_printf ("Li Wei · %s", when);
  CS_TEST_WAIT_UNTIL (find_label (f->sidebar, theirs) != NULL);
  label = find_label (f->sidebar, theirs);
  box = gtk_widget_get_parent (label);
  g_assert_true (CS_IS_DRAFT_ROW (box));
  want = g_strdup_printf ("WHO-1, %s, not validated yet, last saved by Li Wei at %s",
                          gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (
                            gtk_widget_get_first_child (box)))), when);
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, want);
  g_assert_null (failed);

  /* saved again by us: the author line goes */
  save (f, m);
  CS_TEST_WAIT_UNTIL (find_label (f->sidebar, theirs) == NULL);
  g_assert_null (find_label_prefix (f->sidebar, mine));
}

/* Every sidebar of the application follows the store through the context's one watch (one
 * thread, one connection); a sidebar that goes leaves it running for the others. */
static void
test_shared_watch (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();
  g_autofree char *id = NULL;
  CsStoreWatch *watch;
  GtkWidget *other, *other_window;

  NEED_DISPLAY ();
  watch = cs_sidebar_get_watch (CS_SIDEBAR (f->sidebar));
  g_assert_true (watch == cs_context_get_store_watch (f->store.context));
  other = cs_sidebar_new (f->store.context);
  other_window = cs_gui_test_present (other, 360, 600);
  g_assert_true (cs_sidebar_get_watch (CS_SIDEBAR (other)) == watch);

  gtk_window_destroy (GTK_WINDOW (other_window));
  cs_gui_test_spin ();
  cs_store_watch_set_poll_ms (watch, 50);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (watch));
  cs_record_set_string (CS_RECORD (m), "reference", "SHARED-1");
  id = save (f, m);
  CS_TEST_WAIT_UNTIL (lists_id (f, id, 0));
}

static void
on_watch_drafts_cb (CsStoreWatch *watch,
                    GStrv         ids,
                    GPtrArray    *seen)
{
  if (ids == NULL)
    g_ptr_array_add (seen, g_strdup ("*"));   /* everything */
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (seen, g_strdup (ids[i]));
}

static gboolean
has_string (GPtrArray  *strings,
            const char *s)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (strings->pdata[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* On SQLite the watch says which drafts changed, and not our own saves (noted with the revision
 * they wrote): our autosave does not wake the lists; a colleague's status change or save of the
 * same draft after ours is reported. */
static void
test_own_saves_quiet (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CsManifest) ours = cs_manifest_new_draft ();
  g_autoptr(CsManifest) theirs = cs_manifest_new_draft ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  CsStoreWatch *watch;
  gint64 revision = 0;

  NEED_DISPLAY ();
  watch = cs_context_get_store_watch (f->store.context);
  cs_store_watch_set_poll_ms (watch, 50);
  CS_TEST_WAIT_UNTIL (cs_store_watch_get_connected (watch));
  g_signal_connect (watch, "drafts-changed", G_CALLBACK (on_watch_drafts_cb), seen);

  /* ours, noted before it is written (the revision a new draft gets is 1), then theirs */
  cs_record_set_string (CS_RECORD (ours), "reference", "OWN-1");
  cs_store_watch_note_own_save (watch, ours->id, 1);
  g_assert_true (cs_store_save (f->db, ours, &revision, &error));
  g_assert_no_error (error);
  g_assert_cmpint (revision, ==, 1);
  cs_record_set_string (CS_RECORD (theirs), "reference", "THEIRS-1");
  save (f, theirs);
  CS_TEST_WAIT_UNTIL (has_string (seen, theirs->id));
  g_assert_false (has_string (seen, ours->id));
  g_assert_false (has_string (seen, "*"));

  /* someone marks ours ready: the same revision as our save, still reported (only a draft moving
   * to the revision we wrote is ours) */
  g_assert_true (cs_store_set_status_value (f->db, ours->id, CS_STATUS_READY, &error));
  g_assert_no_error (error);
  CS_TEST_WAIT_UNTIL (has_string (seen, ours->id));
  g_ptr_array_set_size (seen, 0);

  /* someone else saves ours again: a revision that is not ours, reported */
  cs_record_set_string (CS_RECORD (ours), "notes", "Changed by a colleague");
  save (f, ours);
  CS_TEST_WAIT_UNTIL (has_string (seen, ours->id));
  g_signal_handlers_disconnect_by_func (watch, on_watch_drafts_cb, seen);
}

int
main (int   argc,
      char *argv[])
{
  have_display = cs_gui_test_init (&argc, &argv, NULL, NULL);

  /* on the PostgreSQL server of CONSIGN_TEST_DB (tests/pg-cluster.sh; meson test
   * sidebar-postgresql): drafts of another client reach the list through LISTEN/NOTIFY */
  if (cs_db_location_is_postgresql (g_getenv ("CONSIGN_TEST_DB")))
    {
      g_test_add ("/sidebar/postgresql/live", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up, test_live,
                  fixture_tear_down);
      return g_test_run ();
    }

  g_test_add ("/sidebar/new-and-rename", Fixture, NULL, fixture_set_up, test_new_and_rename, fixture_tear_down);
  g_test_add ("/sidebar/badges", Fixture, NULL, fixture_set_up, test_badges, fixture_tear_down);
  g_test_add ("/sidebar/status", Fixture, NULL, fixture_set_up, test_status, fixture_tear_down);
  g_test_add ("/sidebar/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/sidebar/search-reads-once", Fixture, NULL, fixture_set_up, test_search_reads_once,
              fixture_tear_down);
  g_test_add ("/sidebar/activate-and-hide", Fixture, NULL, fixture_set_up, test_activate_and_hide,
              fixture_tear_down);
  g_test_add ("/sidebar/live", Fixture, NULL, fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/sidebar/saved-by", Fixture, NULL, fixture_set_up, test_saved_by, fixture_tear_down);
  g_test_add ("/sidebar/shared-watch", Fixture, NULL, fixture_set_up, test_shared_watch, fixture_tear_down);
  g_test_add ("/sidebar/own-saves-quiet", Fixture, NULL, fixture_set_up, test_own_saves_quiet,
              fixture_tear_down);
  return g_test_run ();
}
