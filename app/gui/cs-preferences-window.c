/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-preferences-window.c: defaults and export settings (GSettings cn.consign.Consign) */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-json.h"
#include "cs-preferences-window.h"

struct _CsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  CsContext   *context;
  gboolean     loading;

  AdwEntryRow *currency_row;
  AdwEntryRow *corridor_row;
  AdwEntryRow *shipper_name_row;
  AdwEntryRow *shipper_country_row;
  AdwEntryRow *shipper_tax_row;
  AdwEntryRow *sender_row;
  AdwEntryRow *recipient_row;
  AdwEntryRow *folder_row;
  GtkSwitch   *bilingual_switch;
  AdwComboRow *style_row;
};

G_DEFINE_FINAL_TYPE (CsPreferencesWindow, cs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const schemes[] = { "default", "light", "dark" };

/* The default shipper is a party as JSON: three rows edit its main fields. */
static void
load_shipper (CsPreferencesWindow *self)
{
  g_autofree char *json = g_settings_get_string (cs_context_get_settings (self->context),
                                                 "default-shipper");
  g_autoptr(CsRecord) party = NULL;

  if (json != NULL && *json != '\0')
    party = cs_json_record_from_data (json, -1, CS_TYPE_PARTY, NULL, "default-shipper", NULL);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->shipper_name_row),
                         party && CS_PARTY (party)->name ? CS_PARTY (party)->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->shipper_country_row),
                         party && CS_PARTY (party)->country ? CS_PARTY (party)->country : "");
  gtk_editable_set_text (GTK_EDITABLE (self->shipper_tax_row),
                         party && CS_PARTY (party)->tax_id ? CS_PARTY (party)->tax_id : "");
  self->loading = FALSE;
}

static void
set_or_clear (CsRecord   *party,
              const char *field,
              const char *text)
{
  cs_field_set_string (party, cs_record_find_field (party, field),
                       text != NULL && *text != '\0' ? text : NULL);
}

static void
on_shipper_changed_cb (CsPreferencesWindow *self)
{
  g_autoptr(CsParty) party = cs_party_new ();
  g_autoptr(GString) json = g_string_new (NULL);

  if (self->loading)
    return;
  set_or_clear (CS_RECORD (party), "name", gtk_editable_get_text (GTK_EDITABLE (self->shipper_name_row)));
  set_or_clear (CS_RECORD (party), "country", gtk_editable_get_text (GTK_EDITABLE (self->shipper_country_row)));
  set_or_clear (CS_RECORD (party), "tax_id", gtk_editable_get_text (GTK_EDITABLE (self->shipper_tax_row)));
  if (!cs_record_is_empty (CS_RECORD (party)))
    cs_json_append_record (json, CS_RECORD (party), 0);
  g_settings_set_string (cs_context_get_settings (self->context), "default-shipper", json->str);
}

static void
on_style_selected_cb (CsPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->style_row);

  if (!self->loading && i < G_N_ELEMENTS (schemes))
    g_settings_set_string (cs_context_get_settings (self->context), "color-scheme", schemes[i]);
}

static void
cs_preferences_window_constructed (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);
  GSettings *settings = cs_context_get_settings (self->context);
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->constructed (object);

  g_settings_bind (settings, "default-currency", self->currency_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "default-corridor", self->corridor_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "edifact-sender", self->sender_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "edifact-recipient", self->recipient_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "export-folder", self->folder_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "bilingual-exports", self->bilingual_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  load_shipper (self);

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_strcmp0 (scheme, schemes[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);
  self->loading = FALSE;

  g_signal_connect_swapped (self->shipper_name_row, "changed", G_CALLBACK (on_shipper_changed_cb), self);
  g_signal_connect_swapped (self->shipper_country_row, "changed", G_CALLBACK (on_shipper_changed_cb), self);
  g_signal_connect_swapped (self->shipper_tax_row, "changed", G_CALLBACK (on_shipper_changed_cb), self);
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (on_style_selected_cb), self);
}

static void
cs_preferences_window_dispose (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_preferences_window_parent_class)->dispose (object);
}

static void
cs_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      CS_PREFERENCES_WINDOW (object)->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, CS_PREFERENCES_WINDOW (object)->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_preferences_window_class_init (CsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_preferences_window_constructed;
  object_class->dispose = cs_preferences_window_dispose;
  object_class->get_property = cs_preferences_window_get_property;
  object_class->set_property = cs_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, corridor_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, shipper_name_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, shipper_country_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, shipper_tax_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, sender_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, bilingual_switch);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, style_row);
}

static void
cs_preferences_window_init (CsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cs_preferences_window_new (CsContext *context)
{
  g_return_val_if_fail (CS_IS_CONTEXT (context), NULL);
  return g_object_new (CS_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}

void
cs_preferences_window_focus_setting (CsPreferencesWindow *self,
                                     const char          *key)
{
  g_return_if_fail (CS_IS_PREFERENCES_WINDOW (self));

  if (g_strcmp0 (key, "edifact-sender") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->sender_row));
  else if (g_strcmp0 (key, "edifact-recipient") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->recipient_row));
}
