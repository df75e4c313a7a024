/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-container-choice.c: a container field that chooses among the manifest's containers */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-checkdigit.h"
#include "cs-container-choice.h"
#include "cs-list.h"
#include "cs-model.h"

static CsManifest *
row_manifest (CsFieldRow *row)
{
  CsRecord *record = cs_field_row_get_record (row);
  CsRecord *root = record ? cs_record_get_root (record) : NULL;

  return CS_IS_MANIFEST (root) ? CS_MANIFEST (root) : NULL;
}

/* The typed text as a container number, upper case and without spaces (g_free), or NULL. */
static char *
typed_number (CsFieldRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, g_ascii_toupper (*p));
  if (!cs_iso6346_well_formed (out->str))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

GStrv
cs_container_choice_list (CsFieldRow  *row,
                          char       **to_add)
{
  CsManifest *manifest = row_manifest (row);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *typed = typed_number (row);
  gboolean known = FALSE;

  for (guint i = 0; manifest != NULL && i < CS_MANIFEST_N_CONTAINERS (manifest); i++)
    {
      const char *number = CS_MANIFEST_CONTAINER (manifest, i)->number;

      if (number == NULL || *number == '\0')
        continue;
      g_strv_builder_add (builder, number);
      known |= g_strcmp0 (number, typed) == 0;
    }
  if (to_add != NULL)
    *to_add = typed != NULL && !known && manifest != NULL ? g_steal_pointer (&typed) : NULL;
  return g_strv_builder_end (builder);
}

gboolean
cs_container_choice_add_typed (CsFieldRow *row)
{
  CsManifest *manifest = row_manifest (row);
  g_autofree char *number = NULL;
  g_auto(GStrv) numbers = cs_container_choice_list (row, &number);
  g_autoptr(CsContainer) box = NULL;

  if (number == NULL)
    return FALSE;
  box = cs_container_new ();
  cs_field_set_string (CS_RECORD (box), cs_record_find_field (CS_RECORD (box), "number"), number);
  cs_list_append (manifest->containers, box);
  /* The field keeps the number, written the way the list has it. */
  gtk_editable_set_text (GTK_EDITABLE (row), number);
  return TRUE;
}

static void
choose_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       row)
{
  gtk_editable_set_text (GTK_EDITABLE (row), g_variant_get_string (param, NULL));
}

static void
add_activated (GSimpleAction *action,
               GVariant      *param,
               gpointer       row)
{
  cs_container_choice_add_typed (CS_FIELD_ROW (row));
}

/* Built each time the list opens: the manifest's containers change. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       row)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) boxes = g_menu_new ();
  g_autofree char *to_add = NULL;
  g_auto(GStrv) numbers = cs_container_choice_list (row, &to_add);

  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (numbers[i], NULL);

      g_menu_item_set_action_and_target (item, "container-choice.choose", "s", numbers[i]);
      g_menu_append_item (boxes, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (boxes));
  if (to_add != NULL)
    {
      /* Translators: a menu item, e.g. "Add TGHU8305127 to the containers" */
      g_autofree char *label = g_strdup_printf (_("Add %s to the containers"), to_add);
      g_autoptr(GMenu) add = g_menu_new ();

      g_menu_append (add, label, "container-choice.add");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
    }
  else if (numbers[0] == NULL)
    {
      g_autoptr(GMenu) none = g_menu_new ();

      g_menu_append (none, _("No containers yet: type a number to add one"), "container-choice.none");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (none));
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* A typed number the manifest does not list: the button says it will add it. */
static void
update_button (GtkMenuButton *button,
               GParamSpec    *pspec,
               CsFieldRow    *row)
{
  g_autofree char *to_add = NULL;
  g_auto(GStrv) numbers = cs_container_choice_list (row, &to_add);

  if (to_add != NULL)
    {
      g_autofree char *tip = g_strdup_printf (_("Add %s to the containers"), to_add);

      gtk_menu_button_set_icon_name (button, "list-add-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (button), tip);
    }
  else
    {
      gtk_menu_button_set_icon_name (button, "pan-down-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Choose one of the manifest's containers (Alt+Down)"));
    }
}

static void
popup_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       button)
{
  gtk_menu_button_popup (button);
}

void
cs_container_choice_attach (CsFieldRow *row)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) choose = g_simple_action_new ("choose", G_VARIANT_TYPE_STRING);
  g_autoptr(GSimpleAction) add = g_simple_action_new ("add", NULL);
  g_autoptr(GSimpleAction) popup = g_simple_action_new ("popup", NULL);
  g_autoptr(GSimpleAction) none = g_simple_action_new ("none", NULL);
  GtkWidget *button = gtk_menu_button_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *toggle;

  g_return_if_fail (CS_IS_FIELD_ROW (row));

  g_simple_action_set_enabled (none, FALSE);
  g_signal_connect_object (choose, "activate", G_CALLBACK (choose_activated), row, 0);
  g_signal_connect_object (add, "activate", G_CALLBACK (add_activated), row, 0);
  g_signal_connect_object (popup, "activate", G_CALLBACK (popup_activated), button, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (choose));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (add));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (popup));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (none));
  gtk_widget_insert_action_group (GTK_WIDGET (row), "container-choice", G_ACTION_GROUP (group));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_popup_cb, row, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a container"), -1);
  /* One Tab stop per row, as for the pickers: the list opens with Alt+Down. */
  if ((toggle = gtk_widget_get_first_child (button)) != NULL)
    gtk_widget_set_focusable (toggle, FALSE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_F4, 0)),
                                                          gtk_named_action_new ("container-choice.popup")));
  gtk_widget_add_controller (GTK_WIDGET (row), shortcuts);
  cs_field_row_add_suffix (row, button);
  g_signal_connect_object (row, "notify::text", G_CALLBACK (update_button), button, G_CONNECT_SWAPPED);
  update_button (GTK_MENU_BUTTON (button), NULL, row);
}
