/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-window-actions.c: the window's actions (undo, new, duplicate, delete, export, print, ...) */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-corridor-apply.h"
#include "cs-edifact-history.h"
#include "cs-export.h"
#include "cs-export-service.h"
#include "cs-field-label.h"
#include "cs-json.h"
#include "cs-format.h"
#include "cs-preferences-window.h"
#include "cs-print-preview.h"
#include "cs-print-layout.h"
#include "cs-window-private.h"

void
_cs_window_toast (CsWindow   *self,
                  const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
_cs_window_update_actions (CsWindow *self)
{
  gboolean open = self->manifest != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.undo",
                                 self->history != NULL && cs_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 self->history != NULL && cs_history_get_can_redo (self->history));
  gtk_widget_action_set_enabled (widget, "win.duplicate", open);
  gtk_widget_action_set_enabled (widget, "win.archive",
                                 open && cs_manifest_get_status (self->manifest) != CS_STATUS_ARCHIVED);
  gtk_widget_action_set_enabled (widget, "win.delete", open);
  gtk_widget_action_set_enabled (widget, "win.export", open);
  gtk_widget_action_set_enabled (widget, "win.export-menu", open);
  gtk_widget_action_set_enabled (widget, "win.cancel-cuscar", open);
  gtk_widget_action_set_enabled (widget, "win.print", open);
  gtk_widget_action_set_enabled (widget, "win.print-preview", open);
  gtk_widget_action_set_enabled (widget, "win.mark-ready",
                                 open && cs_manifest_get_status (self->manifest) == CS_STATUS_DRAFT);
  gtk_widget_action_set_enabled (widget, "win.show-page", open);
  gtk_widget_action_set_enabled (widget, "win.focus-path", open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), open);
}

/* ---- store-thread jobs ------------------------------------------------------------------- */

/* The result of a store-thread job (owned by the caller), or NULL once its error is toasted. */
static gpointer
finish_job (CsWindow     *self,
            GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  gpointer value = cs_store_thread_run_finish (cs_context_get_store_thread (self->context),
                                               result, &error);

  if (value == NULL)
    _cs_window_toast (self, error->message);
  return value;
}

/* For jobs that return a plain flag and need nothing done after them but telling a failure
 * (delete, the export's audit row). */
static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;

  finish_job (self, result);
}

/* ---- undo / redo ------------------------------------------------------------------------- */

/* Undo or redo one step, then show what it changed: its page, and the field focused. */
static void
replay (CsWindow *self,
        gboolean  redo)
{
  CsRecord *origin = NULL;
  const char *field = NULL;
  gboolean done;
  g_autofree char *path = NULL;

  if (self->history == NULL)
    return;
  self->replaying = TRUE;
  done = redo ? cs_history_redo (self->history, &origin, &field)
              : cs_history_undo (self->history, &origin, &field);
  self->replaying = FALSE;
  if (!done || origin == NULL || self->manifest == NULL)
    return;
  /* The status has no field of its own: the header shows it. */
  if (origin == CS_RECORD (self->manifest) && g_strcmp0 (field, "status") == 0)
    return;
  path = cs_field_path (origin, field);
  if (path != NULL)
    cs_window_focus_path (self, path);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  replay (CS_WINDOW (widget), FALSE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  replay (CS_WINDOW (widget), TRUE);
}

/* ---- new, duplicate, templates ----------------------------------------------------------- */

static void
apply_defaults (CsWindow   *self,
                CsManifest *m)
{
  GSettings *settings = cs_context_get_settings (self->context);
  g_autofree char *currency = g_settings_get_string (settings, "default-currency");
  g_autofree char *shipper = g_settings_get_string (settings, "default-shipper");

  if (currency != NULL && *currency != '\0' && m->currency == NULL)
    cs_field_set_string (CS_RECORD (m), cs_record_find_field (CS_RECORD (m), "currency"), currency);
  if (shipper != NULL && *shipper != '\0' && cs_manifest_get_party (m, "shipper") == NULL)
    {
      g_autoptr(GError) error = NULL;
      CsRecord *party = cs_json_record_from_data (shipper, -1, CS_TYPE_PARTY, _("Preferences"),
                                                  "default-shipper", &error);

      if (party != NULL)
        cs_field_take_record (CS_RECORD (m->parties),
                              cs_record_find_field (CS_RECORD (m->parties), "shipper"), party);
      else
        g_debug ("Ignoring the default shipper: %s", error->message);
    }
}

/* A new draft opens on the Shipment page, at its top, in its first field (Reference). */
static void
show_new (CsWindow   *self,
          CsManifest *m,
          gboolean    in_store)
{
  cs_window_set_manifest (self, m, in_store);
  /* A duplicate was asked for as such; a fresh draft is only kept once it is edited. */
  if (!in_store)
    self->untouched_new_id = g_strdup (m->id);
  cs_window_focus_path (self, "reference");
}

static gpointer
template_job (CsStore  *store,
              gpointer  data,
              GError  **error)
{
  return cs_store_new_from_template (store, data, NULL, error);
}

static void
template_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(CsManifest) m = finish_job (self, result);

  if (m != NULL)
    show_new (self, m, FALSE);
}

/* A new draft with the user's defaults and @corridor (NULL or "": none) applied. Not observed
 * yet: filling it now makes no undo step and no extra save. */
static void
new_with_corridor (CsWindow   *self,
                   const char *corridor)
{
  g_autoptr(CsManifest) m = cs_manifest_new_draft ();

  apply_defaults (self, m);
  if (corridor != NULL && *corridor != '\0')
    cs_corridor_apply (m, cs_context_get_catalog (self->context), corridor);
  show_new (self, m, FALSE);
}

/* win.new: a new draft on the preferred corridor (Ctrl+N, the main menu). */
static void
new_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autofree char *corridor = g_settings_get_string (cs_context_get_settings (self->context),
                                                     "default-corridor");

  new_with_corridor (self, corridor);
}

/* win.new-blank: blank means blank, whatever the default corridor preference says. */
static void
new_blank_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  new_with_corridor (CS_WINDOW (widget), NULL);
}

/* win.new-on-corridor ('ID'): the corridor's legs and places filled in. */
static void
new_on_corridor_activated (GtkWidget  *widget,
                           const char *action,
                           GVariant   *param)
{
  new_with_corridor (CS_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* win.new-from-template ('NAME'): a copy of the saved template, read on the store thread. */
static void
new_from_template_activated (GtkWidget  *widget,
                             const char *action,
                             GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  cs_store_thread_run_async (cs_context_get_store_thread (self->context), template_job,
                             g_variant_dup_string (param, NULL), g_free, g_object_unref,
                             NULL, template_done_cb, g_object_ref (self));
}

typedef struct
{
  CsManifest *manifest;
  gint64      revision;   /* the revision the copy was stored at */
} Duplicated;

static void
duplicated_free (gpointer data)
{
  Duplicated *d = data;

  g_clear_object (&d->manifest);
  g_free (d);
}

/* The copy is stored by the duplication (a new draft, revision 1); its revision is read right
 * after, in the same job, so that the editor's first save of it is checked against it like any
 * later one (nobody else knows the new draft's id yet). */
static gpointer
duplicate_job (CsStore  *store,
               gpointer  data,
               GError  **error)
{
  g_autoptr(CsManifest) m = cs_store_duplicate_as_new (store, data, NULL, error);
  g_autoptr(CsStoreSummary) summary = NULL;
  Duplicated *d;

  if (m == NULL)
    return NULL;
  summary = cs_store_get_summary (store, m->id, error);
  if (summary == NULL)
    return NULL;
  d = g_new0 (Duplicated, 1);
  d->manifest = g_steal_pointer (&m);
  d->revision = summary->revision;
  return d;
}

static void
duplicate_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  Duplicated *d = finish_job (self, result);

  if (d == NULL)
    return;
  _cs_window_adopt_stored (self, d->manifest, d->revision);
  cs_window_focus_path (self, "reference");
  cs_sidebar_reload (CS_SIDEBAR (self->sidebar));
  _cs_window_toast (self, _("Duplicated as a new draft: numbers, dates and VINs were cleared"));
  duplicated_free (d);
}

static void
duplicate_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->manifest == NULL)
    return;
  /* The store thread runs jobs in order: the pending save lands before the copy is made. */
  cs_autosave_save_now (self->autosave);
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), duplicate_job,
                             g_strdup (self->manifest->id), g_free, duplicated_free, NULL,
                             duplicate_done_cb, g_object_ref (self));
}

static gpointer
list_templates_job (CsStore  *store,
                    gpointer  data,
                    GError  **error)
{
  return cs_store_list_templates (store, error);
}

static void
templates_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = cs_store_thread_run_finish (cs_context_get_store_thread (self->context),
                                                     result, &error);

  if (self->sidebar != NULL && names != NULL)
    cs_sidebar_set_templates (CS_SIDEBAR (self->sidebar), (const char * const *) names);
}

void
_cs_window_load_templates (CsWindow *self)
{
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), list_templates_job,
                             NULL, NULL, (GDestroyNotify) g_strfreev, self->window_cancellable,
                             templates_done_cb, g_object_ref (self));
}

/* ---- status: mark ready, archive --------------------------------------------------------- */

static void
on_status_undo_cb (AdwToast *toast,
                   CsWindow *self)
{
  CsManifest *m = g_object_get_data (G_OBJECT (toast), "cs-manifest");
  CsStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "cs-status"));

  if (m != NULL && m == self->manifest)
    cs_manifest_set_status (m, status);
}

static void
set_status_with_toast (CsWindow   *self,
                       CsStatus    status,
                       const char *message)
{
  AdwToast *toast;
  CsStatus old = cs_manifest_get_status (self->manifest);

  cs_manifest_set_status (self->manifest, status);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("Undo"));
  g_object_set_data_full (G_OBJECT (toast), "cs-manifest", g_object_ref (self->manifest),
                          g_object_unref);
  g_object_set_data (G_OBJECT (toast), "cs-status", GINT_TO_POINTER (old));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_status_undo_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* At most this many errors are named in the "not ready" message; the Review page has them all. */
#define MARK_READY_NAMED_ERRORS 3

static void
on_not_ready_response_cb (CsWindow   *self,
                          const char *response)
{
  if (g_strcmp0 (response, "review") == 0)
    cs_window_show_page (self, "review");
}

static void
mark_ready_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autoptr(GString) body = NULL;
  guint n_errors, n, named = 0;
  GtkWidget *dialog;

  if (self->manifest == NULL)
    return;
  cs_window_validate_now (self);
  n_errors = cs_validation_count (self->validation, CS_SEVERITY_ERROR);
  if (n_errors == 0)
    {
      set_status_with_toast (self, CS_STATUS_READY, _("Marked ready"));
      return;
    }

  /* Ready means checked: a draft with errors is refused, saying which. */
  body = g_string_new (NULL);
  g_string_append_printf (body,
                          g_dngettext (NULL,
                                       "%u error must be corrected first:",
                                       "%u errors must be corrected first:", n_errors),
                          n_errors);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->validation));
  for (guint i = 0; i < n && named < MARK_READY_NAMED_ERRORS; i++)
    {
      g_autoptr(CsFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->validation), i);
      g_autofree char *label = NULL;

      if (finding->severity != CS_SEVERITY_ERROR)
        continue;
      label = finding->path != NULL && *finding->path != '\0'
                ? cs_field_label (self->manifest, finding->path) : NULL;
      if (label != NULL)
        g_string_append_printf (body, "\n• %s: %s", label, cs_finding_get_message (finding));
      else
        g_string_append_printf (body, "\n• %s", cs_finding_get_message (finding));
      named++;
    }
  if (n_errors > named)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body,
                              g_dngettext (NULL, "…and %u more on the Review page.",
                                           "…and %u more on the Review page.", n_errors - named),
                              n_errors - named);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Not Ready Yet"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "review", _("_Review Errors"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_not_ready_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
archive_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (self->manifest == NULL)
    return;
  set_status_with_toast (self, CS_STATUS_ARCHIVED, _("Archived"));
}

/* ---- delete with Undo -------------------------------------------------------------------- */

static gpointer
delete_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  if (!cs_store_delete (store, data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
discard_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;

  if (finish_job (self, result) != NULL && self->sidebar != NULL)
    cs_sidebar_reload (CS_SIDEBAR (self->sidebar));
}

void
_cs_window_discard_draft (CsWindow   *self,
                          const char *id)
{
  /* Queued after the autosave's last write of it: the store thread runs jobs in order. */
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), delete_job,
                             g_strdup (id), g_free, NULL, NULL, discard_done_cb,
                             g_object_ref (self));
}

void
_cs_window_flush_pending_delete (CsWindow *self)
{
  g_autofree char *id = g_steal_pointer (&self->pending_delete_id);

  g_clear_object (&self->pending_delete_copy);
  if (id == NULL)
    return;
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), delete_job,
                             g_strdup (id), g_free, NULL, NULL, job_done_cb, g_object_ref (self));
}

static void
on_delete_dismissed_cb (AdwToast *toast,
                        CsWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "cs-id");

  /* Only if this toast's deletion is still the pending one (not undone, not flushed). */
  if (g_strcmp0 (id, self->pending_delete_id) == 0)
    _cs_window_flush_pending_delete (self);
}

static void
on_delete_undo_cb (AdwToast *toast,
                   CsWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "cs-id");
  g_autoptr(CsManifest) copy = NULL;

  if (g_strcmp0 (id, self->pending_delete_id) != 0)
    return;
  g_clear_pointer (&self->pending_delete_id, g_free);
  copy = g_steal_pointer (&self->pending_delete_copy);
  cs_sidebar_unhide_draft (CS_SIDEBAR (self->sidebar), id);
  /* Nothing was deleted yet: the draft comes back as the store holds it (read with its
   * revision, so that a save over a colleague's is refused), with its undo history gone. */
  cs_window_open_draft (self, id);
}

static void delete_activated (GtkWidget  *widget,
                              const char *action,
                              GVariant   *param);

/* Ctrl+Delete: in a text field it deletes the next word, as in every GTK text field; only
 * elsewhere does it delete the draft (with its Undo toast). */
static void
delete_key_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (GTK_IS_TEXT (focus))
    {
      g_signal_emit_by_name (focus, "delete-from-cursor", GTK_DELETE_WORD_ENDS, 1);
      return;
    }
  if (GTK_IS_TEXT_VIEW (focus))
    {
      g_signal_emit_by_name (focus, "delete-from-cursor", GTK_DELETE_WORD_ENDS, 1);
      return;
    }
  delete_activated (widget, "win.delete", NULL);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autofree char *message = NULL;
  AdwToast *toast;
  CsManifest *m = self->manifest;

  if (m == NULL)
    return;
  /* One deletion waits at a time: an earlier one is carried out now. */
  _cs_window_flush_pending_delete (self);
  cs_autosave_save_now (self->autosave);

  self->pending_delete_id = g_strdup (m->id);
  self->pending_delete_copy = g_object_ref (m);
  message = g_strdup_printf (_("Deleted %s"), m->reference ? m->reference : _("new draft"));
  cs_sidebar_hide_draft (CS_SIDEBAR (self->sidebar), m->id);
  g_settings_set_string (cs_context_get_settings (self->context), "last-draft", "");
  cs_window_set_manifest (self, NULL, FALSE);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "cs-id", g_strdup (self->pending_delete_id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_delete_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- navigation -------------------------------------------------------------------------- */

static void
find_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  cs_sidebar_focus_search (CS_SIDEBAR (self->sidebar));
}

static void
toggle_sidebar_activated (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);

  /* Side by side the sidebar always shows; folded it slides in and out. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
show_page_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  cs_window_show_page (CS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
focus_path_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  cs_window_focus_path (CS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
export_menu_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  gtk_menu_button_popup (CS_WINDOW (widget)->export_button);
}

/* ---- preferences ------------------------------------------------------------------------- */

void
cs_window_open_preferences (CsWindow   *self,
                            const char *key)
{
  GtkWidget *prefs;

  g_return_if_fail (CS_IS_WINDOW (self));

  prefs = cs_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (prefs));
  if (key != NULL && *key != '\0')
    cs_preferences_window_focus_setting (CS_PREFERENCES_WINDOW (prefs), key);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  cs_window_open_preferences (CS_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* ---- export ------------------------------------------------------------------------------ */

static gboolean
pulse_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  gtk_progress_bar_pulse (self->export_progress);
  return G_SOURCE_CONTINUE;
}

static void
exports_running (CsWindow *self,
                 int       delta)
{
  self->n_exports += delta;
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), self->n_exports > 0);
  if (self->n_exports > 0 && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  else if (self->n_exports == 0)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

/* "Exported NAME" with Open (the file, in its default application) and Show in Folder. */
static void
toast_exported (CsWindow   *self,
                const char *message,
                const char *path)
{
  AdwToast *toast = adw_toast_new (message);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (message);
  GtkWidget *folder = gtk_button_new_with_mnemonic (_("Show in _Folder"));

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (folder, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (folder), "win.show-in-folder");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (folder), "s", path);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), folder);
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target (toast, "s", path);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the file: %s"), error->message);
      _cs_window_toast (self, message);
    }
}

static void
open_file_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_done_cb, g_object_ref (self));
}

static void open_parent_folder (GTask *task);

static void
show_items_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             &error);

  if (reply == NULL)
    {
      /* No file manager on the bus: open the folder itself. */
      g_debug ("FileManager1.ShowItems: %s", error->message);
      open_parent_folder (task);
    }
}

static void
open_parent_folder (GTask *task)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_task_get_task_data (task));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (parent);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, launch_done_cb,
                                           g_object_ref (g_task_get_source_object (task)));
}

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);
  g_autoptr(GFile) file = g_file_new_for_path (g_task_get_task_data (task));
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      open_parent_folder (task);
      return;
    }
  /* The freedesktop file manager interface: the folder opens with the file selected. */
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                          NULL, show_items_done_cb, g_steal_pointer (&task));
}

static void
show_in_folder_activated (GtkWidget  *widget,
                          const char *action,
                          GVariant   *param)
{
  GTask *task = g_task_new (widget, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (g_variant_get_string (param, NULL)), g_free);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, bus_ready_cb, task);
}

static const char *
no_recipient_message (void)
{
  return _("A cancellation goes to the recipient of the CUSCAR it cancels: set the EDIFACT "
           "recipient in Preferences");
}

/* What the end of an export needs: the job and, weakly, the window (the worker holds no
 * widget; a window closed meanwhile is simply not told). */
typedef struct
{
  GWeakRef     window;
  CsExportJob *job;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_weak_ref_clear (&call->window);
  g_object_unref (call->job);
  g_free (call);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportCall *call = user_data;
  g_autoptr(CsWindow) self = g_weak_ref_get (&call->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path = cs_export_job_get_path (call->job);
  CsManifest *exported = cs_export_job_get_manifest (call->job);
  g_autofree char *name = g_path_get_basename (path);
  gboolean ok = cs_export_service_run_finish (CS_EXPORT_SERVICE (source), result, &error);

  if (self == NULL)
    {
      export_call_free (call);
      return;
    }
  exports_running (self, -1);
  if (!ok && !cs_export_job_get_written (call->job))
    {
      message = g_strdup_printf (_("Export failed: %s"), error->message);
      _cs_window_toast (self, message);
      g_signal_emit_by_name (self, "export-finished", path, error->message);
      export_call_free (call);
      return;
    }
  if (g_strcmp0 (cs_export_job_get_message_function (call->job), CS_EDIFACT_CANCELLATION) == 0)
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Exported %s, a cancellation of the CUSCAR sent before"), name);
  else
    message = g_strdup_printf (_("Exported %s"), name);
  toast_exported (self, message, path);
  /* Written, but its audit row is missing. */
  if (!ok)
    _cs_window_toast (self, error->message);
  /* The service marked the stored draft exported; the open one shows it too. */
  if (self->manifest != NULL && g_strcmp0 (self->manifest->id, exported->id) == 0 &&
      cs_manifest_get_status (self->manifest) != CS_STATUS_ARCHIVED)
    cs_manifest_set_status (self->manifest, CS_STATUS_EXPORTED);
  g_signal_emit_by_name (self, "export-finished", path, NULL);
  export_call_free (call);
}

/* Exports a snapshot of the open draft with the findings shown, through the export service on
 * a worker thread (its store work queued on the store thread, behind the save below).
 * @csv_encoding: the CSV file dialog's choice ("utf-8", "utf-8-bom", "gb18030") or NULL;
 * @cancel: EDIFACT, a cancellation of the CUSCAR sent before to the recipient;
 * @confirmed_errors: > 0 when the user confirmed exporting with this many errors. */
static void
export_with (CsWindow   *self,
             const char *format,
             const char *path,
             const char *csv_encoding,
             gboolean    cancel,
             guint       confirmed_errors)
{
  GSettings *settings = cs_context_get_settings (self->context);
  g_autofree char *sender = g_settings_get_string (settings, "edifact-sender");
  g_autofree char *recipient = g_settings_get_string (settings, "edifact-recipient");
  g_autoptr(CsManifest) snapshot = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(CsExportService) service = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->validation));
  ExportCall *call;

  /* A cancellation without a recipient (Preferences changed after the menu checked it) is
   * refused by the export service, before any file is written. */
  snapshot = CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)));
  findings = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (findings, g_list_model_get_item (G_LIST_MODEL (self->validation), i));

  call = g_new0 (ExportCall, 1);
  g_weak_ref_init (&call->window, self);
  call->job = cs_export_job_new (format, snapshot, path);
  cs_export_job_set_findings (call->job, findings);
  cs_export_job_set_error_policy (call->job, confirmed_errors > 0 ? CS_EXPORT_ERRORS_CONFIRMED
                                             : cancel ? CS_EXPORT_ERRORS_ALLOW
                                             : CS_EXPORT_ERRORS_REFUSE);
  cs_export_job_set_bilingual (call->job, g_settings_get_boolean (settings, "bilingual-exports"));
  cs_export_job_set_csv_encoding (call->job,
                                  g_strcmp0 (csv_encoding, "gb18030") == 0 ? "gb18030" : "utf-8",
                                  g_strcmp0 (csv_encoding, "utf-8-bom") == 0);
  cs_export_job_set_edifact (call->job, sender, recipient, NULL, FALSE);
  cs_export_job_set_cancel (call->job, cancel);

  /* The audit row names the revision exported, the history is of the stored draft: the pending
   * edits go into the store first (the service's store work is queued after this save). */
  cs_autosave_save_now (self->autosave);
  exports_running (self, +1);
  service = cs_export_service_new_for_thread (cs_context_get_store_thread (self->context),
                                              cs_context_get_catalog (self->context));
  cs_export_service_run_async (service, call->job, self->window_cancellable, export_done_cb, call);
}

void
cs_window_export_to (CsWindow   *self,
                     const char *format,
                     const char *path)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (format != NULL && path != NULL);

  if (self->manifest == NULL)
    return;
  cs_window_validate_now (self);
  export_with (self, format, path, NULL, FALSE,
               cs_validation_count (self->validation, CS_SEVERITY_ERROR));
}

void
cs_window_cancel_cuscar_to (CsWindow   *self,
                            const char *path)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->manifest == NULL)
    return;
  export_with (self, "edifact", path, NULL, TRUE, 0);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CsWindow        *self)
{
  const char *format = g_object_get_data (G_OBJECT (dialog), "cs-format");
  guint confirmed = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "cs-confirmed"));
  gboolean cancel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cs-cancel"));

  if (response == GTK_RESPONSE_ACCEPT && self->manifest != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *folder_path = folder ? g_file_get_path (folder) : NULL;

      if (folder_path != NULL)
        g_settings_set_string (cs_context_get_settings (self->context), "export-folder", folder_path);
      if (path != NULL)
        export_with (self, format, path,
                     gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "encoding"), cancel,
                     confirmed);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* @cancel: an EDIFACT cancellation of the CUSCAR sent before. */
static void
choose_file (CsWindow   *self,
             const char *format,
             gboolean    cancel,
             guint       confirmed_errors)
{
  const CsExportFormat *f = cs_export_format_find (format);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (f == NULL || f->write == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Manifest"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s%s.%s", self->manifest->reference ? self->manifest->reference : "manifest",
                          cancel ? "-cancel" : "", f->extension);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  folder = g_settings_get_string (cs_context_get_settings (self->context), "export-folder");
  if (folder != NULL && *folder != '\0')
    {
      g_autoptr(GFile) dir = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), dir, NULL);
    }
  gtk_file_filter_add_mime_type (filter, f->mime_type);
  gtk_file_filter_set_name (filter, cs_format_export_title (f->name));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (g_strcmp0 (format, "csv") == 0)
    {
      /* Excel opens UTF-8 CSV as Chinese only with a byte-order mark, or as GB18030. */
      const char *ids[] = { "utf-8", "utf-8-bom", "gb18030", NULL };
      const char *labels[] = { _("UTF-8"), _("UTF-8 with byte-order mark (Excel)"),
                               _("GB18030 (Chinese Excel)"), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "encoding", _("Encoding"), ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "encoding", "utf-8-bom");
    }
  g_object_set_data_full (G_OBJECT (dialog), "cs-format", g_strdup (format), g_free);
  g_object_set_data (G_OBJECT (dialog), "cs-confirmed", GUINT_TO_POINTER (confirmed_errors));
  g_object_set_data (G_OBJECT (dialog), "cs-cancel", GINT_TO_POINTER (cancel));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CsWindow         *self)
{
  const char *format = g_object_get_data (G_OBJECT (dialog), "cs-format");
  guint n_errors = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "cs-errors"));

  if (g_strcmp0 (response, "export") == 0 && self->manifest != NULL)
    choose_file (self, format, FALSE, n_errors);
}

static void
on_open_sender_cb (CsWindow *self)
{
  cs_window_open_preferences (self, "edifact-sender");
}

/* FALSE (after telling the user, with a way to Preferences) when @format cannot be written
 * with the current preferences. */
static gboolean
export_set_up (CsWindow   *self,
               const char *format)
{
  GSettings *settings = cs_context_get_settings (self->context);
  g_autofree char *sender = g_settings_get_string (settings, "edifact-sender");
  GtkWidget *dialog;

  if (g_strcmp0 (format, "edifact") != 0 || g_strstrip (sender)[0] != '\0')
    return TRUE;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Your EDIFACT Sender Id Is Missing"),
                                   _("Customs identifies who sends a cargo manifest message by "
                                     "the sender id your customs broker or the customs authority "
                                     "gave you. Enter it once in Preferences, then export again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "preferences", _("Open _Preferences"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "preferences",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "preferences");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::preferences", G_CALLBACK (on_open_sender_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  const char *format = g_variant_get_string (param, NULL);
  guint n_errors;
  GtkWidget *dialog;

  if (self->manifest == NULL)
    return;
  /* What the format needs from the set-up is asked for before any file is chosen. */
  if (!export_set_up (self, format))
    return;
  cs_window_validate_now (self);
  n_errors = cs_validation_count (self->validation, CS_SEVERITY_ERROR);
  if (n_errors == 0)
    {
      choose_file (self, format, FALSE, 0);
      return;
    }
  /* Irreversible enough to ask: a customs file with known errors. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export a manifest with errors?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (NULL,
                                               "The manifest has %u error. Customs may reject the file. "
                                               "Your confirmation is recorded with the export.",
                                               "The manifest has %u errors. Customs may reject the file. "
                                               "Your confirmation is recorded with the export.",
                                               n_errors),
                                  n_errors);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "review", _("_Review Errors"),
                                    "export", _("_Export Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-format", g_strdup (format), g_free);
  g_object_set_data (G_OBJECT (dialog), "cs-errors", GUINT_TO_POINTER (n_errors));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  g_signal_connect_object (dialog, "response::review", G_CALLBACK (cs_window_show_page), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cancel_cuscar_response_cb (CsWindow *self)
{
  if (self->manifest != NULL)
    choose_file (self, "edifact", TRUE, 0);
}

/* Export ▸ Cancel CUSCAR…: withdraws the cargo report sent before to the recipient (a CUSCAR
 * with message function 1), after asking; the store's history says whether there is one. */
static void
cancel_cuscar_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  g_autofree char *recipient = NULL;
  GtkWidget *dialog;

  if (self->manifest == NULL || !export_set_up (self, "edifact"))
    return;
  recipient = g_settings_get_string (cs_context_get_settings (self->context), "edifact-recipient");
  if (recipient[0] == '\0')
    {
      _cs_window_toast (self, no_recipient_message ());
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cancel the Cargo Report?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("A cancellation message (CUSCAR) tells %s to withdraw the "
                                    "cargo report of %s sent before. Send it only when the goods "
                                    "will not travel as reported; a corrected report is sent with "
                                    "a normal EDIFACT export instead."),
                                  recipient,
                                  self->manifest->reference != NULL &&
                                  self->manifest->reference[0] != '\0'
                                  ? self->manifest->reference : _("this manifest"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep It"),
                                    "cancel-cuscar", _("_Write Cancellation…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-cuscar",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response::cancel-cuscar",
                           G_CALLBACK (on_cancel_cuscar_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build_export_menu (CsWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) formats = g_menu_new ();
  g_autoptr(GMenu) edifact = g_menu_new ();

  for (const CsExportFormat *f = cs_export_formats (); f->name != NULL; f++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (f->write == NULL)
        continue;   /* not available yet */
      /* Translators: an Export menu item, e.g. "Excel workbook (.xlsx)…" */
      label = g_strdup_printf (_("%s (.%s)…"), cs_format_export_title (f->name), f->extension);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.export", "s", f->name);
      g_menu_append_item (formats, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (formats));
  g_menu_append (edifact, _("Cancel CUSCAR…"), "win.cancel-cuscar");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edifact));
  gtk_menu_button_set_menu_model (self->export_button, G_MENU_MODEL (menu));
}

/* ---- print ------------------------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                CsManifest        *snapshot)
{
  CsExportOptions options = { 0 };
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  CsPrintLayout *layout;

  options.bilingual = TRUE;
  layout = cs_print_layout_new (snapshot, &options, gtk_print_context_get_width (context),
                                gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (op, cs_print_layout_paginate (layout, pango));
  g_object_unref (pango);
  g_object_set_data_full (G_OBJECT (op), "cs-layout", layout,
                          (GDestroyNotify) cs_print_layout_free);
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  CsPrintLayout *layout = g_object_get_data (G_OBJECT (op), "cs-layout");

  if (layout != NULL)
    cs_print_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
print_done_cb (GtkPrintOperation       *op,
               GtkPrintOperationResult  result,
               CsWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      gtk_print_operation_get_error (op, &error);
      _cs_window_toast (self, error ? error->message : _("Printing failed"));
    }
}

static void
on_preview_print_cb (CsWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.print", NULL);
}

/* Our own preview window (the same layout as the PDF export), instead of GTK's, which writes
 * a file for an external viewer that may not be installed and otherwise shows nothing. */
GtkWidget *
cs_window_print_preview (CsWindow *self)
{
  g_autoptr(CsManifest) snapshot = NULL;
  GtkWidget *preview;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  if (self->manifest == NULL)
    return NULL;
  snapshot = CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)));
  preview = cs_print_preview_new (snapshot);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (self));
  g_signal_connect_object (preview, "print", G_CALLBACK (on_preview_print_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preview));
  return preview;
}

static gboolean
on_print_preview_cb (GtkPrintOperation        *op,
                     GtkPrintOperationPreview *preview,
                     GtkPrintContext          *context,
                     GtkWindow                *parent,
                     CsWindow                 *self)
{
  /* The print dialog's Preview button: GTK's own preview ends here, ours shows. */
  gtk_print_operation_preview_end_preview (preview);
  cs_window_print_preview (self);
  return TRUE;
}

static void
print_preview_activated (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  cs_window_print_preview (CS_WINDOW (widget));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  GtkPrintOperation *op;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  CsManifest *snapshot;

  if (self->manifest == NULL)
    return;
  snapshot = CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)));
  op = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (op, TRUE);
  gtk_print_operation_set_job_name (op, self->manifest->reference ? self->manifest->reference
                                                                  : _("Manifest"));
  g_object_set_data_full (G_OBJECT (op), "cs-snapshot", snapshot, g_object_unref);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), snapshot);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), NULL);
  g_signal_connect_object (op, "done", G_CALLBACK (print_done_cb), self, 0);
  g_signal_connect_object (op, "preview", G_CALLBACK (on_print_preview_cb), self, 0);
  /* The window keeps the operation (and its snapshot) until the next print. */
  g_object_set_data_full (G_OBJECT (self), "cs-print-operation", op, g_object_unref);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _cs_window_toast (self, error->message);
}

/* ---- import a JSON manifest -------------------------------------------------------------- */

static gpointer
import_job (CsStore  *store,
            gpointer  data,
            GError  **error)
{
  g_autoptr(CsManifest) m = cs_json_load_file (data, error);

  if (m == NULL || !cs_store_save (store, m, NULL, error))
    return NULL;
  return g_strdup (m->id);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autofree char *id = finish_job (self, result);

  if (id == NULL)
    return;
  cs_sidebar_reload
 (CS_SIDEBAR (self->sidebar));
  cs_window_open_draft (self, id);
}

static void
on_open_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *path = g_file_get_path (file);

      if (path != NULL)
        cs_store_thread_run_async (cs_context_get_store_thread (self->context), import_job, path,
                                   g_free, g_free, NULL, import_done_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_json_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  CsWindow *self = CS_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Manifest"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_set_name (filter, _("JSON manifests"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- registration ------------------------------------------------------------------------ */

void
_cs_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.new-blank", NULL, new_blank_activated);
  gtk_widget_class_install_action (widget_class, "win.new-on-corridor", "s", new_on_corridor_activated);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", "s", new_from_template_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "win.archive", NULL, archive_activated);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-key", NULL, delete_key_activated);
  gtk_widget_class_install_action (widget_class, "win.mark-ready", NULL, mark_ready_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-menu", NULL, export_menu_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-cuscar", NULL, cancel_cuscar_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_preview_activated);
  gtk_widget_class_install_action (widget_class, "win.import-json", NULL, import_json_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", "s", preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_activated);
  gtk_widget_class_install_action (widget_class, "win.show-in-folder", "s", show_in_folder_activated);
  gtk_widget_class_install_action (widget_class, "win.focus-path", "s", focus_path_activated);

  /* Undo/redo act on the manifest even while a text field has the focus (the field's own
   * undo would only know its text): bound in the capture phase, in cs_window_init. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "win.delete-key", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "shipment");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "cargo");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "containers");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "documents");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.show-page", "s", "review");
}

void
_cs_window_init_actions (CsWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "win.redo" },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  build_export_menu (self);
}
