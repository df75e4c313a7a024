/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-review-page.c: the Review page sums up identical findings, opens them on demand, jumps to
 * a finding's field and keeps the counts (issue 11 items 7 and 8) */

#include "config.h"

#include <string.h>

#include "cs-gui-test.h"
#include "cs-finding-group.h"
#include "cs-finding-row.h"
#include "cs-format.h"
#include "cs-review-page.h"
#include "cs-validator.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

#define N_BARE 12   /* items without a description or an HS code: 12 findings of each */

typedef struct
{
  CsManifest   *manifest;
  CsValidation *validation;
  GtkWidget    *page;
  GtkWidget    *window;
  GListModel   *rows;       /* the list's model: GtkTreeListRow */
  GPtrArray    *activated;  /* paths "finding-activated" carried */
} Fixture;

static void
on_activated_cb (CsReviewPage *page,
                 const char   *path,
                 Fixture      *f)
{
  g_ptr_array_add (f->activated, g_strdup (path));
}

/* The example plus N_BARE items with a line number and nothing else. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!have_display)
    return;
  f->manifest = cs_gui_test_load ("railsea-electronics.json");
  for (guint k = 0; k < N_BARE; k++)
    {
      g_autoptr(CsItem) item = cs_item_new ();

      cs_record_set_number (CS_RECORD (item), "line", 101 + k);
      cs_list_append (f->manifest->items, item);
    }
  f->validation = cs_validation_new (cs_context_get_catalog (store.context));
  cs_validation_set_manifest (f->validation, f->manifest);
  f->page = cs_review_page_new (store.context);
  f->window = cs_gui_test_present (f->page, 1000, 700);
  cs_review_page_set_manifest (CS_REVIEW_PAGE (f->page), f->manifest);
  cs_review_page_set_validation (CS_REVIEW_PAGE (f->page), f->validation);
  f->rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (cs_review_page_get_list_view (CS_REVIEW_PAGE (f->page)))));
  f->activated = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->page, "finding-activated", G_CALLBACK (on_activated_cb), f);
  cs_gui_test_spin ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (!have_display)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  cs_gui_test_spin ();
  g_clear_object (&f->validation);
  g_clear_object (&f->manifest);
  g_clear_pointer (&f->activated, g_ptr_array_unref);
}

static gboolean
shows (GtkWidget  *root,
       const char *text)
{
  g_auto(GStrv) texts = cs_gui_test_collect_texts (root);

  return g_strv_contains ((const char * const *) texts, text);
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

/* Spins until @root shows @text (or a generous number of rounds went by). */
static gboolean
wait_for (GtkWidget  *root,
          const char *text)
{
  for (int i = 0; i < 200 && !shows (root, text); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return shows (root, text);
}

/* Runs the main loop until nothing is pending for a while (the page sums up again when idle). */
static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The row position of the entry whose first finding has @rule and @message prefix. */
static guint
find_entry (Fixture    *f,
            const char *rule,
            const char *message,
            guint      *n_findings)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (f->rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      CsFinding *first;

      if (!CS_IS_FINDING_GROUP (item))
        continue;
      first = cs_finding_group_get_first (CS_FINDING_GROUP (item));
      if (g_strcmp0 (first->rule, rule) == 0 &&
          g_str_has_prefix (cs_finding_get_message (first), message))
        {
          *n_findings = cs_finding_group_get_n_findings (CS_FINDING_GROUP (item));
          return i;
        }
    }
  return G_MAXUINT;
}

/* The shown (mapped) finding row under @root whose label is @label, or NULL. */
static CsFindingRow *
find_row (GtkWidget  *root,
          const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CsFindingRow *found;

      if (CS_IS_FINDING_ROW (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (cs_finding_row_get_label (CS_FINDING_ROW (child)), label) == 0)
        return CS_FINDING_ROW (child);
      if ((found = find_row (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* How many shown labels under @root say @text. */
static guint
count_shown (GtkWidget  *root,
             const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        n++;
      n += count_shown (child, text);
    }
  return n;
}

/* The GtkImage and the two text labels of a finding row (ui/cs-finding-row.ui). */
static void
row_parts (CsFindingRow  *row,
           GtkWidget    **heading,
           GtkWidget    **icon,
           GtkLabel     **message,
           GtkLabel     **detail)
{
  GtkWidget *expander = gtk_widget_get_last_child (GTK_WIDGET (row));
  GtkWidget *line = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *texts = gtk_widget_get_last_child (line);

  *heading = gtk_widget_get_first_child (GTK_WIDGET (row));
  *icon = gtk_widget_get_first_child (line);
  *message = GTK_LABEL (gtk_widget_get_first_child (texts));
  *detail = GTK_LABEL (gtk_widget_get_last_child (texts));
}

/* Twelve lines without an HS code are one row with the count, the first message, the field's name
 * and how to fix it; no line of it is made before it is opened; the counts stay the findings'. */
static void
test_grouped (Fixture       *f,
              gconstpointer  data)
{
  guint n_findings = 0, pos;
  g_autofree char *counts = NULL;
  guint n_errors;

  NEED_DISPLAY ();
  pos = find_entry (f, "item.hs_format", "Line 101 has no HS code", &n_findings);
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  g_assert_cmpuint (n_findings, ==, N_BARE);
  g_assert_cmpuint (find_entry (f, "item.description", "Line 101 has no description", &n_findings), !=, G_MAXUINT);
  g_assert_cmpuint (n_findings, ==, N_BARE);
  /* far fewer rows than findings */
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), <=,
                    g_list_model_get_n_items (G_LIST_MODEL (f->validation)) - 2 * (N_BARE - 1));

  g_assert_true (shows (f->page, "12 lines: Line 101 has no HS code …"));
  g_assert_true (shows (f->page, "12 lines: Line 101 has no description …"));
  g_assert_true (shows_part (f->page, "HS code — Enter the HS code"));
  /* no data path, no separate line before the entry is opened */
  g_assert_false (shows_part (f->page, "Line 102 has no HS code"));
  g_assert_false (shows_part (f->page, "items[3].hs_code"));

  /* the summary counts every finding, not the rows */
  n_errors = cs_validation_count (f->validation, CS_SEVERITY_ERROR);
  g_assert_cmpuint (n_errors, >=, 2 * N_BARE);
  counts = cs_format_finding_counts (n_errors, cs_validation_count (f->validation, CS_SEVERITY_WARNING),
                                     (int) cs_validation_count (f->validation, CS_SEVERITY_INFO));
  g_assert_true (shows (f->page, counts));
}

/* Activating the entry opens its lines (each a row naming its field, made now); a line jumps to
 * its field as a single finding does; activating the entry again closes it. */
static void
test_expand_and_jump (Fixture       *f,
                      gconstpointer  data)
{
  guint n_findings = 0, pos, n_rows;

  NEED_DISPLAY ();
  pos = find_entry (f, "item.hs_format", "Line 101 has no HS code", &n_findings);
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  n_rows = g_list_model_get_n_items (f->rows);

  cs_review_page_activate_row (CS_REVIEW_PAGE (f->page), pos);
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, n_rows + N_BARE);
  for (guint k = 0; k < N_BARE; k++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (f->rows, pos + 1 + k);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      g_autofree char *path = g_strdup_printf ("items[%u].hs_code", 3 + k);

      g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
      g_assert_true (CS_IS_FINDING (item));
      g_assert_cmpstr (CS_FINDING (item)->path, ==, path);
    }
  g_assert_true (wait_for (f->page, "Line 102 has no HS code"));
  g_assert_true (shows (f->page, "Line 102 · HS code"));

  /* a line jumps to its field */
  cs_review_page_activate_row (CS_REVIEW_PAGE (f->page), pos + 2);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, "items[4].hs_code");

  /* so does a single finding (the first row of all) */
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (f->rows, 0);
    g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

    g_assert_true (CS_IS_FINDING_GROUP (item));
    if (cs_finding_group_get_n_findings (CS_FINDING_GROUP (item)) == 1)
      {
        cs_review_page_activate_row (CS_REVIEW_PAGE (f->page), 0);
        g_assert_cmpuint (f->activated->len, ==, 2);
        g_assert_cmpstr (f->activated->pdata[1], ==, cs_finding_group_get_first (CS_FINDING_GROUP (item))->path);
      }
  }

  /* activating the entry again closes it */
  g_ptr_array_set_size (f->activated, 0);
  cs_review_page_activate_row (CS_REVIEW_PAGE (f->page), pos);
  g_assert_cmpuint (f->activated->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, n_rows);

  /* the finding-by-index call (the window's) still names the finding's path */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->validation)); i++)
    {
      g_autoptr(CsFinding) finding = g_list_model_get_item (G_LIST_MODEL (f->validation), i);

      if (g_strcmp0 (finding->path, "items[14].hs_code") == 0)
        {
          cs_review_page_activate_finding (CS_REVIEW_PAGE (f->page), i);
          break;
        }
    }
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (f->activated->pdata[0], ==, "items[14].hs_code");
}

/* Edits re-validate: the entry's count follows, an open entry stays open, and below four findings
 * the lines are rows of their own again. */
static void
test_follows_edits (Fixture       *f,
                    gconstpointer  data)
{
  guint n_findings = 0, pos;

  NEED_DISPLAY ();
  pos = find_entry (f, "item.hs_format", "Line 101 has no HS code", &n_findings);
  cs_review_page_activate_row (CS_REVIEW_PAGE (f->page), pos);

  for (guint k = 0; k < N_BARE - 3; k++)
    {
      CsItem *item = CS_MANIFEST_ITEM (f->manifest, 3 + k);

      cs_record_set_string (CS_RECORD (item), "hs_code", "847130");
      cs_validation_revalidate_field (f->validation, CS_RECORD (item), "hs_code");
      if (k == 0)
        {
          g_assert_true (wait_for (f->page, "11 lines: Line 102 has no HS code …"));
          pos = find_entry (f, "item.hs_format", "Line 102 has no HS code", &n_findings);
          g_assert_cmpuint (pos, !=, G_MAXUINT);
          g_assert_cmpuint (n_findings, ==, 11);
          /* still open */
          {
            g_autoptr(GtkTreeListRow) row = g_list_model_get_item (f->rows, pos);

            g_assert_true (gtk_tree_list_row_get_expanded (row));
          }
        }
    }
  /* three left: each its own row */
  settle ();
  g_assert_cmpuint (find_entry (f, "item.hs_format", "Line 110", &n_findings), !=, G_MAXUINT);
  g_assert_cmpuint (n_findings, ==, 1);
  g_assert_true (shows (f->page, "Line 112 has no HS code"));
  g_assert_false (shows_part (f->page, "lines: Line 110 has no HS code"));
  g_assert_true (shows (f->page, "12 lines: Line 101 has no description …"));
}

/* A page that is not shown does not sum up again on every edit (tens of ms with 66,000
 * findings, on each keystroke typed elsewhere): it does when it is shown again. */
static void
test_hidden_waits (Fixture       *f,
                   gconstpointer  data)
{
  guint n_findings = 0;
  g_autofree char *counts = NULL;

  NEED_DISPLAY ();
  gtk_widget_set_visible (f->page, FALSE);
  cs_gui_test_spin ();
  g_assert_false (gtk_widget_get_mapped (f->page));

  cs_record_set_string (CS_RECORD (CS_MANIFEST_ITEM (f->manifest, 3)), "hs_code", "847130");
  cs_validation_revalidate_field (f->validation, CS_RECORD (CS_MANIFEST_ITEM (f->manifest, 3)), "hs_code");
  settle ();
  /* not summed up again yet */
  g_assert_cmpuint (find_entry (f, "item.hs_format", "Line 101 has no HS code", &n_findings), !=, G_MAXUINT);
  g_assert_cmpuint (n_findings, ==, N_BARE);
  /* the counts are the validation's at once */
  counts = cs_format_finding_counts (cs_validation_count (f->validation, CS_SEVERITY_ERROR),
                                     cs_validation_count (f->validation, CS_SEVERITY_WARNING),
                                     (int) cs_validation_count (f->validation, CS_SEVERITY_INFO));
  g_assert_true (shows (f->page, counts));

  gtk_widget_set_visible (f->page, TRUE);
  settle ();
  g_assert_cmpuint (find_entry (f, "item.hs_format", "Line 101 has no HS code", &n_findings), ==, G_MAXUINT);
  g_assert_cmpuint (find_entry (f, "item.hs_format", "Line 102 has no HS code", &n_findings), !=, G_MAXUINT);
  g_assert_cmpuint (n_findings, ==, N_BARE - 1);
  g_assert_true (wait_for (f->page, "11 lines: Line 102 has no HS code …"));

  /* a validation set while hidden (a draft opened on another page) is summed up when shown */
  {
    g_autoptr(CsValidation) other = cs_validation_new (cs_context_get_catalog (store.context));

    cs_validation_set_manifest (other, f->manifest);
    gtk_widget_set_visible (f->page, FALSE);
    cs_gui_test_spin ();
    cs_review_page_set_validation (CS_REVIEW_PAGE (f->page), other);
    g_assert_cmpuint (g_list_model_get_n_items (f->rows), ==, 0);
    gtk_widget_set_visible (f->page, TRUE);
    settle ();
    g_assert_cmpuint (find_entry (f, "item.hs_format", "Line 102 has no HS code", &n_findings), !=, G_MAXUINT);
    g_assert_cmpuint (n_findings, ==, N_BARE - 1);
    cs_review_page_set_validation (CS_REVIEW_PAGE (f->page), f->validation);
  }
}

/* A row says its message, the field and the fix, the rule and path on demand, and the same to a
 * screen reader; the icon is the severity's, a heading opens each severity once; a line of an
 * opened entry is one line that ellipsizes, its tooltip the whole message. */
static void
test_row_widgets (Fixture       *f,
                  gconstpointer  data)
{
  guint n_findings = 0, pos;
  CsFindingRow *row;
  GtkWidget *heading, *icon;
  GtkLabel *message, *detail;
  const char *tooltip;
  char *failed;

  NEED_DISPLAY ();
  pos = find_entry (f, "item.hs_format", "Line 101 has no HS code", &n_findings);
  g_assert_cmpuint (pos, !=, G_MAXUINT);
  row = find_row (f->page, "12 lines: Line 101 has no HS code …");
  g_assert_nonnull (row);
  row_parts (row, &heading, &icon, &message, &detail);
  g_assert_cmpstr (gtk_label_get_text (message), ==, "12 lines: Line 101 has no HS code …");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (detail), "HS code — "));
  g_assert_cmpstr (gtk_label_get_text (detail), ==, cs_finding_row_get_description (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (detail)));
  g_assert_true (gtk_label_get_wrap (message));
  g_assert_cmpint (gtk_label_get_ellipsize (message), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-error-symbolic");
  g_assert_true (gtk_widget_has_css_class (icon, "error"));
  g_assert_false (gtk_widget_has_css_class (icon, "warning"));
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (row));
  g_assert_cmpstr (tooltip, ==, "Rule item.hs_format at items[3].hs_code, …");
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               "12 lines: Line 101 has no HS code …");
  g_assert_null (failed);
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                               gtk_label_get_text (detail));
  g_assert_null (failed);
  /* one heading per severity, over the first entry of it */
  g_assert_cmpuint (count_shown (f->page, "Errors"), ==, 1);
  g_assert_true (cs_validation_count (f->validation, CS_SEVERITY_WARNING) == 0 ||
                 count_shown (f->page, "Warnings") == 1);

  /* a line */
  cs_review_page_activate_row (CS_REVIEW_PAGE (f->page), pos);
  g_assert_true (wait_for (f->page, "Line 102 has no HS code"));
  row = find_row (f->page, "Line 102 has no HS code");
  g_assert_nonnull (row);
  row_parts (row, &heading, &icon, &message, &detail);
  g_assert_false (gtk_widget_get_visible (heading));
  g_assert_cmpstr (gtk_label_get_text (detail), ==, "Line 102 · HS code");
  g_assert_false (gtk_label_get_wrap (message));
  g_assert_cmpint (gtk_label_get_ellipsize (message), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (gtk_label_get_ellipsize (detail), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), ==,
                   "Line 102 has no HS code\nRule item.hs_format at items[4].hs_code");
  g_assert_true (gtk_widget_has_css_class (icon, "error"));
  /* still one "Errors" heading with the lines open */
  g_assert_cmpuint (count_shown (f->page, "Errors"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-review-XXXXXX");

  g_test_add ("/review-page/grouped", Fixture, NULL, fixture_set_up, test_grouped, fixture_tear_down);
  g_test_add ("/review-page/row-widgets", Fixture, NULL, fixture_set_up, test_row_widgets, fixture_tear_down);
  g_test_add ("/review-page/expand-and-jump", Fixture, NULL, fixture_set_up, test_expand_and_jump,
              fixture_tear_down);
  g_test_add ("/review-page/follows-edits", Fixture, NULL, fixture_set_up, test_follows_edits,
              fixture_tear_down);
  g_test_add ("/review-page/hidden-waits", Fixture, NULL, fixture_set_up, test_hidden_waits,
              fixture_tear_down);

  ret = g_test_run ();
  cs_gui_test_store_close (&store);
  return ret;
}
