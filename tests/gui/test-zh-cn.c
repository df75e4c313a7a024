/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-zh-cn.c: under zh_CN the editor shows no English word lists (issue 13.6)
 *
 * The program runs with LANGUAGE=zh_CN and the translations built in this build tree
 * (po/zh_CN/LC_MESSAGES/consign.mo). Mode words, corridor names (the catalog has Chinese
 * names) and the Export menu must appear in Chinese, or at least not as English word lists:
 * every label, drop-down entry and menu item of the window is checked.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cs-gui-test.h"
#include "cs-sidebar.h"
#include "cs-window.h"

static gboolean have_display;
static CsGuiTestStore store;
static GPtrArray *problems;   /* every English text found, reported together at the end */

/* Words that must not be shown under zh_CN, whole words, case-insensitively. */
static const char * const english_modes[] = { "sea", "rail", "road", "river", NULL };

/* @word (lower case) in @text as a word in any case but capitals only: "CQ-HAN-ROAD" is a
 * corridor's id, a code like a UN/LOCODE, not a word shown to be read. */
static gboolean
has_word (const char *text,
          const char *word)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  size_t n = strlen (word);

  for (const char *p = lower; (p = strstr (p, word)) != NULL; p++)
    {
      const char *orig = text + (p - lower);
      gboolean start = p == lower || !g_ascii_isalpha (p[-1]);
      gboolean end = !g_ascii_isalpha (p[n]);
      gboolean code = TRUE;

      for (size_t i = 0; i < n; i++)
        code &= g_ascii_isupper (orig[i]);
      if (start && end && !code)
        return TRUE;
    }
  return FALSE;
}

/* Fails naming @where when @text shows an English mode word or an English corridor name that
 * has a Chinese one in the catalog. */
static void
check_text (CsCatalog  *catalog,
            const char *text,
            const char *where)
{
  const CsCorridor **corridors;
  guint n = 0;

  if (text == NULL)
    return;
  for (guint i = 0; english_modes[i] != NULL; i++)
    if (has_word (text, english_modes[i]))
      g_ptr_array_add (problems, g_strdup_printf ("%s shows the English mode word '%s': %s",
                                                  where, english_modes[i], text));
  corridors = cs_catalog_get_corridors (catalog, &n);
  for (guint i = 0; i < n; i++)
    if (corridors[i]->name_zh != NULL && corridors[i]->name != NULL &&
        strstr (text, corridors[i]->name) != NULL)
      g_ptr_array_add (problems, g_strdup_printf ("%s shows the English corridor name '%s': %s",
                                                  where, corridors[i]->name, text));
}

static void
check_widgets (CsCatalog *catalog,
               GtkWidget *widget,
               guint     *n_checked)
{
  if (GTK_IS_LABEL (widget))
    {
      check_text (catalog, gtk_label_get_text (GTK_LABEL (widget)), "a label");
      (*n_checked)++;
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (catalog, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "a row title");
  if (ADW_IS_COMBO_ROW (widget) && GTK_IS_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (widget))))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          check_text (catalog, gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
          (*n_checked)++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widgets (catalog, child, n_checked);
}

static void
check_menu (CsCatalog  *catalog,
            GMenuModel *menu,
            const char *where,
            guint      *n_checked)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          g_autofree char *action = NULL;

          check_text (catalog, label, where);
          (*n_checked)++;
          /* An export item is named by what the file is, not "xlsx (.xlsx)". */
          if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
              g_strcmp0 (action, "win.export") == 0)
            {
              g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i,
                                                                                  G_MENU_ATTRIBUTE_TARGET,
                                                                                  G_VARIANT_TYPE_STRING);
              const char *format = target ? g_variant_get_string (target, NULL) : "";

              if (g_str_has_prefix (label, format))
                g_ptr_array_add (problems, g_strdup_printf ("%s: the item '%s' repeats the format name",
                                                            where, label));
            }
        }
      if (section != NULL)
        {
          check_menu (catalog, section, where, n_checked);
          g_object_unref (section);
        }
    }
}

static gboolean
is_settled (gpointer data)
{
  return g_strcmp0 (cs_window_get_view (data), "loading") != 0;
}

static void
test_no_english_word_lists (void)
{
  CsCatalog *catalog;
  CsWindow *window;
  GtkWidget *sidebar;
  const char *pages[] = { "shipment", "cargo", "containers", "documents", "review" };
  guint n_checked = 0;

  CS_GUI_TEST_NEED_DISPLAY (have_display);
  problems = g_ptr_array_new_with_free_func (g_free);
  /* The translations are there: otherwise this test would check nothing. */
  g_assert_cmpstr (_("Shipment"), !=, "Shipment");
  g_assert_cmpstr (C_("transport mode", "rail"), !=, "rail");

  catalog = cs_context_get_catalog (store.context);
  window = cs_window_new (NULL, store.context);
  gtk_window_present (GTK_WINDOW (window));
  while (!is_settled (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-on-corridor", "s",
                                             "CQ-QZH-RAILSEA"));
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      cs_window_show_page (window, pages[p]);
      for (int i = 0; i < 20; i++)
        cs_gui_test_spin ();
      check_widgets (catalog, GTK_WIDGET (window), &n_checked);
    }

  sidebar = cs_gui_test_find_widget (GTK_WIDGET (window), CS_TYPE_SIDEBAR);
  g_assert_nonnull (sidebar);
  check_menu (catalog, cs_sidebar_get_new_menu (CS_SIDEBAR (sidebar)), "the New menu", &n_checked);

  {
    /* Every menu button's menu: the Export menu, the main menu, the empty state's New. */
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, window);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w)) != NULL)
          check_menu (catalog, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w)), "a menu",
                      &n_checked);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
  }
  g_test_message ("%u texts checked", n_checked);
  g_assert_cmpuint (n_checked, >, 100);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("under zh_CN: %s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_ptr_array_unref (problems);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *po = NULL;
  int status;

  /* Before anything is translated: Chinese, from this build tree's catalogs. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-zh-cn-XXXXXX");
  po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/zh-cn/no-english-word-lists", test_no_english_word_lists);

  status = g_test_run ();
  cs_gui_test_store_close (&store);
  return status;
}
