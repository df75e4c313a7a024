/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-preferences-window.c: defaults and export settings (GSettings cn.consign.Consign) */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-db.h"
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
  AdwActionRow *store_in_use_row;
  AdwEntryRow  *store_row;
  GtkLabel     *store_status_label;
  GtkButton    *store_create_button;

  GCancellable *store_check;      /* the store being checked (NULL when none) */
  gboolean      store_error;
  char         *store_missing;    /* a SQLite file not there yet, offered for creation */
  GtkFileChooserNative *store_chooser;
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

/* ---- Store ------------------------------------------------------------------------------ */

static void
set_store_status (CsPreferencesWindow *self,
                  const char          *text,
                  gboolean             is_error)
{
  self->store_error = is_error;
  gtk_label_set_text (self->store_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->store_status_label), text != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->store_status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->store_row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->store_status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->store_row), "error");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->store_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "", -1);
}

static void
show_store_in_use (CsPreferencesWindow *self)
{
  g_autofree char *location = cs_context_display_location (cs_context_get_db_path (self->context));
  g_autofree char *subtitle = NULL;
  const char *how;

  switch (cs_context_get_db_source (self->context))
    {
    case CS_DB_SOURCE_COMMAND_LINE:
      how = _("Chosen with --db for this run: the setting below applies when Consign starts without it.");
      break;
    case CS_DB_SOURCE_ENVIRONMENT:
      how = _("Chosen with the CONSIGN_DB environment variable: the setting below applies when it is not set.");
      break;
    case CS_DB_SOURCE_PREFERENCES:
      how = _("Chosen here.");
      break;
    case CS_DB_SOURCE_DEFAULT:
    default:
      how = _("The default store on this computer.");
      break;
    }
  subtitle = g_strdup_printf ("%s\n%s", location, how);
  adw_action_row_set_subtitle (self->store_in_use_row, subtitle);
}

typedef struct
{
  char     *location;
  gboolean  create;     /* the clerk asked for a new SQLite file there */
} StoreCheck;

static void
store_check_free (gpointer data)
{
  StoreCheck *c = data;

  g_free (c->location);
  g_free (c);
}

/* Runs in a worker thread: the store is opened and let go. A SQLite file is only looked at
 * (read-only: a mistyped path creates nothing), and one that is not there is reported as
 * G_IO_ERROR_NOT_FOUND, to be offered for creation; it is made only when @create. */
static void
check_store_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  StoreCheck *c = task_data;
  GError *error = NULL;
  g_autoptr(CsStore) store = NULL;
  gboolean server = cs_db_location_is_postgresql (c->location);

  if (!server && !c->create && !g_file_test (c->location, G_FILE_TEST_EXISTS))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", c->location);
      return;
    }
  store = server || c->create ? cs_store_open (c->location, &error)
                              : cs_store_open_read_only (c->location, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
check_store_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;
  StoreCheck *c = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->store_check);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *text =
            /* Translators: %s is a file name the clerk typed in Preferences → Draft Store */
            g_strdup_printf (_("There is no draft store at %s. Check the name, or create a new, empty store there."),
                             c->location);

          g_free (self->store_missing);
          self->store_missing = g_strdup (c->location);
          set_store_status (self, text, TRUE);
          gtk_widget_set_visible (GTK_WIDGET (self->store_create_button), TRUE);
          return;
        }
      set_store_status (self, error->message, TRUE);
      return;
    }
  g_clear_object (&self->store_check);
  g_settings_set_string (cs_context_get_settings (self->context), "store-location", c->location);
  switch (cs_context_get_db_source (self->context))
    {
    case CS_DB_SOURCE_COMMAND_LINE:
    case CS_DB_SOURCE_ENVIRONMENT:
      set_store_status (self, _("The store opens. It will be used when Consign next starts without --db or CONSIGN_DB."), FALSE);
      break;
    case CS_DB_SOURCE_PREFERENCES:
    case CS_DB_SOURCE_DEFAULT:
    default:
      set_store_status (self, _("The store opens. It will be used the next time Consign starts."), FALSE);
      break;
    }
}

static void
start_store_check (CsPreferencesWindow *self,
                   char                *location,
                   gboolean             create)
{
  g_autoptr(GTask) task = NULL;
  StoreCheck *c = g_new0 (StoreCheck, 1);

  c->location = location;
  c->create = create;
  set_store_status (self, NULL, FALSE);
  gtk_label_set_text (self->store_status_label, create ? _("Creating…") : _("Checking…"));
  gtk_widget_set_visible (GTK_WIDGET (self->store_status_label), TRUE);
  self->store_check = g_cancellable_new ();
  task = g_task_new (self, self->store_check, check_store_done_cb, NULL);
  g_task_set_source_tag (task, start_store_check);
  g_task_set_task_data (task, c, store_check_free);
  g_task_run_in_thread (task, check_store_thread);
}

/* Forgets a check under way and an offer to create a file. */
static void
reset_store_check (CsPreferencesWindow *self)
{
  if (self->store_check != NULL)
    {
      g_cancellable_cancel (self->store_check);
      g_clear_object (&self->store_check);
    }
  g_clear_pointer (&self->store_missing, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->store_create_button), FALSE);
}

void
cs_preferences_window_set_store_location (CsPreferencesWindow *self,
                                          const char          *location)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CS_IS_PREFERENCES_WINDOW (self));

  text = g_strstrip (g_strdup (location != NULL ? location : ""));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->store_row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->store_row), text);
  reset_store_check (self);
  if (*text == '\0')
    {
      g_settings_set_string (cs_context_get_settings (self->context), "store-location", "");
      set_store_status (self, _("The default store will be used the next time Consign starts."), FALSE);
      return;
    }
  if (cs_context_location_has_password (text))
    {
      set_store_status (self, _("Leave the password out of the address: put it in ~/.pgpass, the password file PostgreSQL's client reads, so that it is never kept in the settings."), TRUE);
      return;
    }
  if (!cs_db_location_is_postgresql (text))
    {
      char *absolute = g_canonicalize_filename (text, NULL);
      g_free (text);
      text = absolute;
    }
  start_store_check (self, g_steal_pointer (&text), FALSE);
}

gboolean
cs_preferences_window_create_store (CsPreferencesWindow *self)
{
  char *location;

  g_return_val_if_fail (CS_IS_PREFERENCES_WINDOW (self), FALSE);

  if (self->store_missing == NULL || self->store_check != NULL)
    return FALSE;
  location = g_steal_pointer (&self->store_missing);
  gtk_widget_set_visible (GTK_WIDGET (self->store_create_button), FALSE);
  start_store_check (self, location, TRUE);
  return TRUE;
}

static void
on_store_create_clicked_cb (CsPreferencesWindow *self)
{
  cs_preferences_window_create_store (self);
}

const char *
cs_preferences_window_get_store_status (CsPreferencesWindow *self,
                                        gboolean            *is_error)
{
  g_return_val_if_fail (CS_IS_PREFERENCES_WINDOW (self), NULL);

  if (is_error != NULL)
    *is_error = self->store_error;
  if (self->store_check != NULL || !gtk_widget_get_visible (GTK_WIDGET (self->store_status_label)))
    return NULL;
  return gtk_label_get_text (self->store_status_label);
}

gboolean
cs_preferences_window_is_checking_store (CsPreferencesWindow *self)
{
  g_return_val_if_fail (CS_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->store_check != NULL;
}

static void
on_store_apply_cb (CsPreferencesWindow *self)
{
  cs_preferences_window_set_store_location (self, gtk_editable_get_text (GTK_EDITABLE (self->store_row)));
}

static void
on_store_default_clicked_cb (CsPreferencesWindow *self)
{
  cs_preferences_window_set_store_location (self, "");
}

static void
on_store_chooser_response_cb (CsPreferencesWindow  *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cs_preferences_window_set_store_location (self, path);
    }
  g_clear_object (&self->store_chooser);
}

static void
on_store_choose_clicked_cb (CsPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->store_chooser != NULL)
    return;
  self->store_chooser = gtk_file_chooser_native_new (_("Choose a Draft Store"), GTK_WINDOW (self),
                                                     GTK_FILE_CHOOSER_ACTION_OPEN, _("_Use"),
                                                     _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->store_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("SQLite databases"));
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.sqlite3");
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->store_chooser), filter);
  g_signal_connect_object (self->store_chooser, "response", G_CALLBACK (on_store_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->store_chooser));
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

  {
    g_autofree char *chosen = g_settings_get_string (settings, "store-location");
    gtk_editable_set_text (GTK_EDITABLE (self->store_row), chosen);
  }
  show_store_in_use (self);
}

static void
cs_preferences_window_dispose (GObject *object)
{
  CsPreferencesWindow *self = CS_PREFERENCES_WINDOW (object);

  if (self->store_check != NULL)
    g_cancellable_cancel (self->store_check);
  g_clear_object (&self->store_check);
  g_clear_pointer (&self->store_missing, g_free);
  if (self->store_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->store_chooser));
  g_clear_object (&self->store_chooser);
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
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, store_in_use_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, store_row);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, store_status_label);
  gtk_widget_class_bind_template_child (widget_class, CsPreferencesWindow, store_create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_store_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_store_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_store_default_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_store_choose_clicked_cb);
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
