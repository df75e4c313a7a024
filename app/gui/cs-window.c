/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-window.c: the main window (drafts sidebar + editor pages)
 *
 * The window owns the editing machinery of the open draft: its CsHistory (undo/redo), its
 * CsValidation (debounced, incremental) and the CsAutosave that sends snapshots to the store
 * thread. It connects the manifest's "changed" signal once and fans it out. Actions live in
 * cs-window-actions.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cs-window-private.h"

#include "cs-autosave.h"
#include "cs-cargo-page.h"
#include "cs-conflict-dialog.h"
#include "cs-containers-page.h"
#include "cs-documents-page.h"
#include "cs-format.h"

G_DEFINE_FINAL_TYPE (CsWindow, cs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MANIFEST,
  N_PROPS
};

enum {
  DRAFT_OPENED,
  EXPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define REVALIDATE_DELAY_MS 120

/* ---- pages ------------------------------------------------------------------------------- */

/* @paths: the JSON paths below this prefix are edited on this page (the Shipment page takes
 * whatever no other page claims). */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
  GType     (*get_type) (void);
  const char *paths;
} page_info[CS_WINDOW_N_PAGES] = {
  { "shipment", N_("Shipment"), "mail-send-symbolic", cs_shipment_page_get_type, NULL },
  { "cargo", N_("Cargo"), "package-x-generic-symbolic", cs_cargo_page_get_type, "items" },
  { "containers", N_("Containers"), "drive-multidisk-symbolic", cs_containers_page_get_type,
    "containers" },
  { "documents", N_("Documents"), "folder-documents-symbolic", cs_documents_page_get_type,
    "documents" },
  { "review", N_("Review"), "emblem-ok-symbolic", cs_review_page_get_type, NULL },
};

static void on_finding_activated_cb (CsWindow   *self,
                                     const char *path);

/* A party group filled from the directory is an undo step of its own, even right after typing
 * in its name (which would otherwise merge with the fill's first edit). */
static void
on_party_filling_cb (CsWindow *self)
{
  if (self->history != NULL)
    cs_history_seal (self->history);
}

static CsEditorPage *
create_page (CsWindow *self,
             guint     index)
{
  CsEditorPage *page = g_object_new (page_info[index].get_type (), "context", self->context, NULL);

  if (CS_IS_REVIEW_PAGE (page))
    g_signal_connect_object (page, "finding-activated", G_CALLBACK (on_finding_activated_cb),
                             self, G_CONNECT_SWAPPED);
  if (CS_IS_SHIPMENT_PAGE (page))
    g_signal_connect_object (page, "party-filling", G_CALLBACK (on_party_filling_cb),
                             self, G_CONNECT_SWAPPED);
  return page;
}

/* The page, built if needed and brought up to date with the open draft. */
static CsEditorPage *
ensure_page (CsWindow *self,
             guint     index)
{
  CsEditorPage *page = self->pages[index];

  if (page == NULL)
    {
      page = self->pages[index] = create_page (self, index);
      adw_bin_set_child (self->page_holders[index], GTK_WIDGET (page));
      self->page_stale[index] = TRUE;
    }
  if (self->page_stale[index])
    {
      self->page_stale[index] = FALSE;
      cs_editor_page_set_validation (page, self->manifest ? self->validation : NULL);
      cs_editor_page_set_manifest (page, self->manifest);
    }
  return page;
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < CS_WINDOW_N_PAGES; i++)
    if (g_strcmp0 (page_info[i].name, name) == 0)
      return i;
  return -1;
}

static void
ensure_visible_page (CsWindow *self)
{
  int index = page_index (adw_view_stack_get_visible_child_name (self->view_stack));

  if (index >= 0 && self->manifest != NULL)
    ensure_page (self, index);
}

static void
add_pages (CsWindow *self)
{
  for (guint i = 0; i < CS_WINDOW_N_PAGES; i++)
    {
      self->page_holders[i] = ADW_BIN (adw_bin_new ());
      adw_view_stack_add_titled_with_icon (self->view_stack, GTK_WIDGET (self->page_holders[i]),
                                           page_info[i].name, _(page_info[i].title),
                                           page_info[i].icon);
    }
}

/* A new draft (or validation): pages that exist get it now if visible, else when next shown. */
static void
update_pages (CsWindow *self)
{
  for (guint i = 0; i < CS_WINDOW_N_PAGES; i++)
    self->page_stale[i] = TRUE;
  ensure_visible_page (self);
}

static void set_manifest_full (CsWindow     *self,
                               CsManifest   *manifest,
                               CsValidation *validation,
                               gboolean      in_store,
                               gint64        revision,
                               CsManifest   *base);
static void run_revalidation  (CsWindow     *self);

/* ---- header: save state, counts, title --------------------------------------------------- */

static void
update_save_state (CsWindow *self)
{
  const char *text;
  const char *icon;
  const char *tooltip = NULL;

  switch (cs_autosave_get_state (self->autosave))
    {
    case CS_AUTOSAVE_UNSAVED:
      text = _("Unsaved");
      icon = "document-edit-symbolic";
      break;
    case CS_AUTOSAVE_SAVING:
      text = _("Saving…");
      icon = "document-save-symbolic";
      break;
    case CS_AUTOSAVE_ERROR:
      text = _("Not saved");
      icon = "dialog-error-symbolic";
      tooltip = cs_autosave_get_error (self->autosave);
      break;
    case CS_AUTOSAVE_CONFLICT:
      /* Translators: the save indicator when another clerk saved the same draft meanwhile. */
      text = _("Changed by someone else");
      icon = "dialog-warning-symbolic";
      tooltip = cs_autosave_get_error (self->autosave);
      break;
    case CS_AUTOSAVE_OFFLINE:
      /* Translators: the save indicator while the store cannot be reached. */
      text = _("Kept on this computer");
      icon = "network-offline-symbolic";
      tooltip = cs_autosave_get_error (self->autosave);
      break;
    case CS_AUTOSAVE_SAVED:
    default:
      text = _("Saved");
      icon = "emblem-ok-symbolic";
      break;
    }
  gtk_label_set_text (self->save_label, text);
  gtk_image_set_from_icon_name (self->save_icon, icon);
  gtk_widget_set_tooltip_text (self->save_box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_box),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  if (cs_autosave_get_state (self->autosave) == CS_AUTOSAVE_ERROR ||
      cs_autosave_get_state (self->autosave) == CS_AUTOSAVE_CONFLICT)
    gtk_widget_add_css_class (self->save_box, "error");
  else
    gtk_widget_remove_css_class (self->save_box, "error");
}

/* The banner over the editor: while in conflict (until the clerk chose), and while the store
 * cannot be reached. */
static void
update_banner (CsWindow *self)
{
  CsAutosaveState state = cs_autosave_get_state (self->autosave);
  g_autofree char *text = NULL;

  if (state == CS_AUTOSAVE_CONFLICT && cs_autosave_is_deleted (self->autosave))
    text = g_strdup (_("Someone else deleted this draft while you were editing. Your version is kept on this computer until you choose."));
  else if (state == CS_AUTOSAVE_CONFLICT)
    {
      CsStoreSummary *summary = cs_autosave_get_their_summary (self->autosave);

      text = cs_conflict_headline (summary != NULL ? summary->updated_by : NULL,
                                   summary != NULL ? summary->updated : 0);
    }
  else if (state == CS_AUTOSAVE_OFFLINE)
    text = g_strdup (_("The store cannot be reached. Your changes are kept on this computer and "
                       "will be sent when it is back."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflict",
                                 state == CS_AUTOSAVE_CONFLICT);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), state == CS_AUTOSAVE_CONFLICT);
  if (text != NULL)
    gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);
  if (state != CS_AUTOSAVE_CONFLICT && self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
}

static void
on_autosave_state_cb (CsWindow *self)
{
  update_save_state (self);
  update_banner (self);
}

/* ---- two clerks, one draft --------------------------------------------------------------- */

/* The clerk chose in the conflict dialog. The result replaces the editor's manifest in place
 * (the page stays; the undo history starts again from it) and is saved over their revision. */
static void
on_conflict_chosen_cb (CsWindow         *self,
                       int               choice,
                       CsConflictDialog *dialog)
{
  CsStoreSummary *summary = cs_autosave_get_their_summary (self->autosave);
  g_autofree char *who = g_strdup (summary != NULL && summary->updated_by != NULL
                                     ? summary->updated_by : NULL);
  g_autoptr(CsManifest) result = NULL;

  if (cs_autosave_get_state (self->autosave) != CS_AUTOSAVE_CONFLICT)
    return;
  switch ((CsConflictChoice) choice)
    {
    case CS_CONFLICT_KEEP_YOURS:
      cs_autosave_resolve (self->autosave, self->manifest);
      _cs_window_toast (self, _("Your version replaced theirs"));
      return;
    case CS_CONFLICT_KEEP_THEIRS:
      result = CS_MANIFEST (cs_record_copy (CS_RECORD (cs_autosave_get_theirs (self->autosave))));
      break;
    case CS_CONFLICT_KEEP_BOTH:
    default:
      result = g_object_ref (cs_conflict_dialog_get_merged (dialog));
      break;
    }
  /* The manifest left behind is finished first (its last edits revalidated, counts handed over). */
  run_revalidation (self);
  cs_autosave_resolve (self->autosave, result);
  set_manifest_full (self, result, NULL, TRUE, 0, NULL);
  if (choice == CS_CONFLICT_KEEP_THEIRS)
    _cs_window_toast (self, _("Their version is kept; your edits were dropped"));
  else if (who != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Merged with %s’s changes"), who);
      _cs_window_toast (self, text);
    }
  else
    _cs_window_toast (self, _("Merged with the other changes"));
}

static void
on_deleted_response_cb (CsWindow         *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (!cs_autosave_is_deleted (self->autosave))
    return;
  if (g_strcmp0 (response, "restore") == 0)
    {
      cs_autosave_resolve (self->autosave, self->manifest);
      _cs_window_toast (self, _("The draft is back, with your changes"));
    }
  else if (g_strcmp0 (response, "let-go") == 0)
    {
      cs_autosave_discard (self->autosave);
      cs_window_set_manifest (self, NULL, FALSE);
      cs_sidebar_reload (CS_SIDEBAR (self->sidebar));
    }
}

/* Deleted by someone else while we edited: bring it back with our changes, or let it go. */
static void
show_deleted (CsWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Deleted by Someone Else"),
                                                       _("Someone else deleted this draft while you were editing. Restore it with your changes, or let it go? Until you choose, your version is kept on this computer.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Not Now"), "let-go", _("_Let It Go"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "let-go", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "cancel");
  self->conflict_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_deleted_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cs_window_show_conflict (CsWindow *self)
{
  CsAutosave *autosave = self->autosave;
  CsStoreSummary *summary = cs_autosave_get_their_summary (autosave);
  g_autoptr(CsManifest) ours = NULL;
  CsConflictDialog *dialog;

  if (self->conflict_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->conflict_dialog));
      return;
    }
  if (cs_autosave_is_deleted (autosave))
    {
      show_deleted (self);
      return;
    }
  if (cs_autosave_get_state (autosave) != CS_AUTOSAVE_CONFLICT ||
      cs_autosave_get_base (autosave) == NULL || cs_autosave_get_theirs (autosave) == NULL)
    return;
  run_revalidation (self);
  ours = CS_MANIFEST (cs_record_copy (CS_RECORD (self->manifest)));
  dialog = cs_conflict_dialog_new (cs_autosave_get_base (autosave), ours,
                                   cs_autosave_get_theirs (autosave),
                                   summary != NULL ? summary->updated_by : NULL,
                                   summary != NULL ? summary->updated : 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  self->conflict_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_conflict_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cs_window_adopt_stored (CsWindow   *self,
                         CsManifest *manifest,
                         gint64      revision)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (CS_IS_MANIFEST (manifest));

  set_manifest_full (self, manifest, NULL, TRUE, revision, NULL);
}

GtkWidget *
_cs_window_get_conflict_dialog (CsWindow *self)
{
  return self->conflict_dialog;
}

static void
resolve_conflict_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _cs_window_show_conflict (CS_WINDOW (widget));
}

static void
on_autosave_revision_cb (CsWindow *self)
{
  gint64 revision = cs_autosave_get_revision (self->autosave);

  /* The store's watch is told this revision is ours: it does not report it back (SQLite), so
   * that typing does not wake every list once a second. */
  if (self->manifest != NULL && self->manifest->id != NULL && revision > 0)
    cs_store_watch_note_own_save (cs_context_get_store_watch (self->context), self->manifest->id,
                                  revision);
  /* The drafts list shows the last change and the badges: refresh it after each save. */
  cs_sidebar_reload (CS_SIDEBAR (self->sidebar));
}

static void
update_counts (CsWindow *self)
{
  guint n_errors = 0, n_warnings = 0;
  g_autofree char *text = NULL;
  g_autofree char *a11y = NULL;

  if (self->manifest != NULL)
    {
      n_errors = cs_validation_count (self->validation, CS_SEVERITY_ERROR);
      n_warnings = cs_validation_count (self->validation, CS_SEVERITY_WARNING);
      /* Counts are only ever of the draft that the validation and the autosave both follow. */
      g_return_if_fail (cs_validation_get_manifest (self->validation) == self->manifest &&
                        cs_autosave_get_manifest (self->autosave) == self->manifest);
      cs_autosave_set_counts (self->autosave, n_errors, n_warnings);
    }
  text = g_strdup_printf ("✖ %u  ⚠ %u", n_errors, n_warnings);
  a11y = cs_format_finding_counts (n_errors, n_warnings, -1);
  gtk_label_set_text (self->counts_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->counts_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, a11y, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->counts_button), self->manifest != NULL);
  if (n_errors > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "error");
}

static void
update_title (CsWindow *self)
{
  const char *reference = NULL;
  g_autofree char *title = NULL;

  if (self->manifest != NULL)
    reference = self->manifest->reference ? self->manifest->reference : _("New draft");
  title = reference ? g_strdup_printf ("%s — %s", reference, _("Consign")) : g_strdup (_("Consign"));
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* Shown in the header instead of the page switcher when the window is narrow. */
  adw_view_switcher_title_set_title (self->switcher_title, reference ? reference : _("Consign"));

  /* The status, in the words the sidebar and the Review page use (cs_format_status). */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), self->manifest != NULL);
  if (self->manifest != NULL)
    cs_format_status_pill (self->status_label, self->manifest->status);
}

/* A ready or exported draft that is edited again is a draft again: what was checked or sent
 * is no longer what the draft holds. The status change joins the edit's undo step (one main
 * loop turn), so undoing the edit restores the status too. */
static void
back_to_draft (CsWindow   *self,
               CsRecord   *origin,
               const char *field)
{
  if (self->replaying)
    return;
  switch (cs_manifest_reopen_after_edit (self->manifest, origin, field))
    {
    case CS_STATUS_READY:
      _cs_window_toast (self, _("Changed after it was marked ready: the draft is a draft again"));
      break;
    case CS_STATUS_EXPORTED:
      _cs_window_toast (self, _("Changed after the export: the draft is a draft again — export it again when done"));
      break;
    case CS_STATUS_UNSET:
    case CS_STATUS_DRAFT:
    case CS_STATUS_ARCHIVED:
    default:
      break;
    }
}

/* ---- validation (debounced, incremental) ------------------------------------------------- */

static void
run_revalidation (CsWindow *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->revalidate_id, g_source_remove);
  if (self->manifest == NULL)
    {
      g_hash_table_remove_all (self->pending_records);
      return;
    }
  g_hash_table_iter_init (&iter, self->pending_records);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CsRecord *record = key;

      /* A record removed from the manifest since: what it affected is the list owner's. */
      if (cs_record_get_root (record) != CS_RECORD (self->manifest))
        record = CS_RECORD (self->manifest);
      if (value != NULL && record == key)
        cs_validation_revalidate_field (self->validation, record, value);
      else
        cs_validation_revalidate (self->validation, record);
    }
  g_hash_table_remove_all (self->pending_records);
  update_counts (self);
}

static gboolean
revalidate_cb (gpointer user_data)
{
  CsWindow *self = user_data;

  self->revalidate_id = 0;
  run_revalidation (self);
  return G_SOURCE_REMOVE;
}

void
cs_window_validate_now (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  run_revalidation (self);
}

/* The one "changed" handler: history listens by itself; here validation and autosave. */
static void
on_manifest_changed_cb (CsWindow   *self,
                        CsRecord   *origin,
                        const char *field)
{
  gpointer old_field;

  g_clear_pointer (&self->untouched_new_id, g_free);
  if (g_hash_table_lookup_extended (self->pending_records, origin, NULL, &old_field))
    {
      if (old_field != NULL && g_strcmp0 (old_field, field) != 0)
        g_hash_table_insert (self->pending_records, g_object_ref (origin), NULL);
    }
  else
    g_hash_table_insert (self->pending_records, g_object_ref (origin),
                         (gpointer) g_intern_string (field));
  if (self->revalidate_id == 0)
    self->revalidate_id = g_timeout_add (REVALIDATE_DELAY_MS, revalidate_cb, self);

  cs_autosave_schedule (self->autosave);
  back_to_draft (self, origin, field);

  if (origin == CS_RECORD (self->manifest) &&
      (g_strcmp0 (field, "reference") == 0 || g_strcmp0 (field, "status") == 0))
    {
      update_title (self);
      _cs_window_update_actions (self);
    }
}

static void
on_history_notify_cb (CsWindow *self)
{
  _cs_window_update_actions (self);
}

/* ---- opening drafts ---------------------------------------------------------------------- */

/* Opens @manifest; @validation (may be NULL) is its validation already run (a loaded draft's,
 * made in the store thread). The draft left behind is finished first — its last edits
 * revalidated and its counts handed to the autosave — with its own validation: only then are
 * the validation and the autosave switched to the new draft, so that no count of one draft is
 * ever stored under the other's id. */
static void
set_manifest_full (CsWindow     *self,
                   CsManifest   *manifest,
                   CsValidation *validation,
                   gboolean      in_store,
                   gint64        revision,
                   CsManifest   *base)
{
  GSettings *settings;
  g_autofree char *discard = NULL;

  if (self->manifest != NULL)
    {
      /* (After a resolved conflict the autosave already follows the new manifest; the one left
       * was finished before that.) */
      if (cs_autosave_get_manifest (self->autosave) == self->manifest)
        run_revalidation (self);
      /* A new draft left without a single edit would only be a stray "New draft" entry. */
      if (manifest != NULL && manifest != self->manifest &&
          g_strcmp0 (self->untouched_new_id, self->manifest->id) == 0)
        discard = g_strdup (self->manifest->id);
    }
  g_clear_pointer (&self->untouched_new_id, g_free);
  g_signal_group_set_target (self->manifest_signals, NULL);
  g_signal_group_set_target (self->history_signals, NULL);
  g_clear_object (&self->history);
  g_hash_table_remove_all (self->pending_records);

  /* Saves what is pending for the previous draft, then follows this one (unless a resolved
   * conflict already made the autosave follow it). */
  cs_autosave_set_manifest_at (self->autosave, manifest, in_store, revision, base);
  if (discard != NULL)
    _cs_window_discard_draft (self, discard);
  g_set_object (&self->manifest, manifest);
  if (validation != NULL)
    g_set_object (&self->validation, validation);
  if (cs_validation_get_manifest (self->validation) != manifest)
    cs_validation_set_manifest (self->validation, manifest);

  if (manifest != NULL)
    {
      self->history = cs_history_new (manifest);
      g_signal_group_set_target (self->history_signals, self->history);
      g_signal_group_set_target (self->manifest_signals, manifest);
      if (!in_store)
        {
          /* A new draft goes into the store at once, so it shows in the list. */
          cs_autosave_schedule (self->autosave);
          cs_autosave_save_now (self->autosave);
        }
      settings = cs_context_get_settings (self->context);
      g_settings_set_string (settings, "last-draft", manifest->id);
      cs_sidebar_select (CS_SIDEBAR (self->sidebar), manifest->id);
      gtk_stack_set_visible_child_name (self->main_stack, "editor");
    }
  else
    {
      cs_sidebar_select (CS_SIDEBAR (self->sidebar), NULL);
      gtk_stack_set_visible_child_name (self->main_stack,
                                        cs_sidebar_store_is_empty (CS_SIDEBAR (self->sidebar))
                                          ? "empty" : "select");
    }

  update_pages (self);
  update_counts (self);
  update_title (self);
  update_save_state (self);
  update_banner (self);
  _cs_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
  if (manifest != NULL)
    g_signal_emit (self, signals[DRAFT_OPENED], 0, manifest->id);
}

void
cs_window_set_manifest (CsWindow   *self,
                        CsManifest *manifest,
                        gboolean    in_store)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));

  set_manifest_full (self, manifest, NULL, in_store, 0, NULL);
}

/* Loading a draft: read it and run the full validation in the store thread, where neither
 * blocks the main loop (100,000 items take seconds); the main thread then only adopts both. */
typedef struct
{
  char      *id;
  CsCatalog *catalog;
  char      *pending_dir;
  char      *store_label;
} LoadArgs;

typedef struct
{
  CsManifest   *manifest;
  CsValidation *validation;
  gint64        revision;   /* the stored revision @base was read at */
  CsManifest   *base;
  gboolean      restored;   /* @manifest is yours, kept on this computer (a pending file) */
} Loaded;

static void
load_args_free (gpointer data)
{
  LoadArgs *a = data;

  g_free (a->id);
  g_clear_object (&a->catalog);
  g_free (a->pending_dir);
  g_free (a->store_label);
  g_free (a);
}

static void
loaded_free (gpointer data)
{
  Loaded *l = data;

  g_clear_object (&l->validation);
  g_clear_object (&l->manifest);
  g_clear_object (&l->base);
  g_free (l);
}

static gpointer
load_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  LoadArgs *a = data;
  Loaded *l;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsManifest) yours = NULL;
  g_autoptr(CsManifest) yours_base = NULL;
  g_autoptr(GError) pending_error = NULL;
  g_autofree char *pending = NULL;
  gint64 revision = 0, yours_revision = 0;

  /* The draft and the revision it was read at, from one snapshot. */
  m = cs_store_load_with_revision (store, a->id, &revision, error);
  if (m == NULL)
    return NULL;
  l = g_new0 (Loaded, 1);
  l->revision = revision;
  /* Edits kept on this computer (the store could not be reached, or the draft was left in
   * conflict) are offered back: they open as yours and are sent through the revision check. */
  pending = cs_autosave_pending_path (a->pending_dir, m->id);
  yours = cs_autosave_read_pending (pending, a->store_label, &yours_base, &yours_revision,
                                    &pending_error);
  if (pending_error != NULL)
    g_message ("Edits kept on this computer could not be read back (left as they are): %s",
               pending_error->message);
  if (yours != NULL && g_strcmp0 (yours->id, m->id) == 0)
    {
      l->restored = TRUE;
      l->manifest = g_steal_pointer (&yours);
      if (yours_base != NULL && yours_revision > 0)
        {
          l->base = g_steal_pointer (&yours_base);
          l->revision = yours_revision;
        }
      else
        l->base = g_steal_pointer (&m);
    }
  else
    {
      l->base = CS_MANIFEST (cs_record_copy (CS_RECORD (m)));
      l->manifest = g_steal_pointer (&m);
    }
  /* (The stored version, when yours and its own base came back instead.) */
  g_clear_object (&m);
  m = l->manifest;
  /* Nobody else sees this manifest yet, and the catalog is only read. */
  l->validation = cs_validation_new (a->catalog);
  cs_validation_set_manifest (l->validation, m);
  m = NULL;
  return l;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = g_steal_pointer (&self->restore_page);
  Loaded *loaded;

  loaded = cs_store_thread_run_finish (cs_context_get_store_thread (self->context), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading_draft = FALSE;
  if (loaded == NULL)
    {
      _cs_window_toast (self, error->message);
      g_settings_set_string (cs_context_get_settings (self->context), "last-draft", "");
      cs_window_set_manifest (self, NULL, FALSE);
      return;
    }
  /* Show the page first, so that only that page is built and bound to the new draft. */
  cs_window_show_page (self, page != NULL && *page != '\0' ? page : "shipment");
  set_manifest_full (self, loaded->manifest, loaded->validation, TRUE, loaded->revision,
                     loaded->base);
  if (loaded->restored)
    {
      /* Sent at once, through the revision check: saved, or a conflict to settle. */
      cs_autosave_schedule (self->autosave);
      cs_autosave_save_now (self->autosave);
      _cs_window_toast (self, _("Your changes kept on this computer were restored"));
    }
  loaded_free (loaded);
}

static void
dispatch_load (CsWindow *self,
               LoadArgs *args)
{
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), load_job, args,
                             load_args_free, loaded_free, self->cancellable, load_done_cb,
                             g_object_ref (self));
}

/* A load waits while a pending file (yours, kept when a draft in conflict or offline was left)
 * is still being written off the main thread: reopening that draft at once must read it. */
static gboolean
load_wait_cb (gpointer data)
{
  CsWindow *self = data;

  if (cs_autosave_is_keeping (self->autosave))
    return G_SOURCE_CONTINUE;
  self->load_wait_id = 0;
  dispatch_load (self, g_steal_pointer (&self->load_waiting));
  return G_SOURCE_REMOVE;
}

static void
clear_load_wait (CsWindow *self)
{
  g_clear_handle_id (&self->load_wait_id, g_source_remove);
  g_clear_pointer (&self->load_waiting, load_args_free);
}

void
cs_window_open_draft (CsWindow   *self,
                      const char *id_or_reference)
{
  LoadArgs *args;

  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (id_or_reference != NULL);

  if (self->manifest != NULL && g_strcmp0 (self->manifest->id, id_or_reference) == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_load_wait (self);
  self->cancellable = g_cancellable_new ();
  /* Anything pending for the draft we leave goes to the store before the next one loads. */
  cs_autosave_save_now (self->autosave);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  self->loading_draft = TRUE;
  args = g_new0 (LoadArgs, 1);
  args->id = g_strdup (id_or_reference);
  args->catalog = g_object_ref (cs_context_get_catalog (self->context));
  args->pending_dir = g_strdup (cs_autosave_get_pending_dir (self->autosave));
  args->store_label = g_strdup (cs_context_get_db_path (self->context));
  if (cs_autosave_is_keeping (self->autosave))
    {
      self->load_waiting = args;
      self->load_wait_id = g_timeout_add (20, load_wait_cb, self);
      return;
    }
  dispatch_load (self, args);
}

static void
on_draft_activated_cb (CsWindow   *self,
                       const char *id)
{
  /* Folded, the sidebar lies over the editor: out of the way once a draft is chosen. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  if (self->restore_page == NULL)
    self->restore_page = g_strdup (cs_window_get_page (self));
  cs_window_open_draft (self, id);
}

/* ---- edits kept on this computer, sent at start ------------------------------------------- */

typedef struct
{
  char *dir;
  char *store_label;
  char *skip_id;     /* the draft about to open (its edits come back with it) */
} SendPendingArgs;

typedef struct
{
  guint n_sent;
  guint n_waiting;   /* conflicts (or unreadable files): left for when the draft is opened */
} SendPendingResult;

static void
send_pending_args_free (gpointer data)
{
  SendPendingArgs *a = data;

  g_free (a->dir);
  g_free (a->store_label);
  g_free (a->skip_id);
  g_free (a);
}

/* Store thread: every pending file of this store goes through the revision check; what saves
 * is removed, a conflict stays for the editor. */
static gpointer
send_pending_job (CsStore  *store,
                  gpointer  data,
                  GError  **error)
{
  SendPendingArgs *a = data;
  SendPendingResult *r = g_new0 (SendPendingResult, 1);
  g_autoptr(GDir) dir = g_dir_open (a->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(CsManifest) yours = NULL;
      g_autoptr(GError) local = NULL;
      gint64 expected = 0;
      gboolean ok;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (a->dir, name, NULL);
      yours = cs_autosave_read_pending (path, a->store_label, NULL, &expected, &local);
      if (yours == NULL)
        {
          if (local != NULL)
            {
              g_message ("%s", local->message);
              r->n_waiting++;
            }
          continue;
        }
      if (g_strcmp0 (yours->id, a->skip_id) == 0)
        continue;
      if (expected > 0)
        ok = cs_store_save_if_revision (store, yours, expected, NULL, &local);
      else
        ok = cs_store_save (store, yours, NULL, &local);
      if (ok)
        {
          r->n_sent++;
          g_unlink (path);
        }
      else if (g_error_matches (local, CS_STORE_ERROR, CS_STORE_ERROR_UNREACHABLE))
        {
          /* Still away: everything stays for the next start (or the draft's opening). */
          g_propagate_error (error, g_steal_pointer (&local));
          g_free (r);
          return NULL;
        }
      else
        {
          g_message ("Edits kept on this computer for draft %s wait for the editor: %s",
                     yours->reference != NULL ? yours->reference : yours->id, local->message);
          r->n_waiting++;
        }
    }
  return r;
}

static void
send_pending_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree SendPendingResult *r = NULL;

  r = cs_store_thread_run_finish (cs_context_get_store_thread (self->context), result, &error);
  if (r == NULL)
    {
      g_debug ("Edits kept on this computer not sent yet: %s", error->message);
      return;
    }
  if (r->n_sent > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("Changes to %u draft kept on this computer were sent to the store",
                                   "Changes to %u drafts kept on this computer were sent to the store",
                                   r->n_sent), r->n_sent);
      _cs_window_toast (self, text);
      cs_sidebar_reload (CS_SIDEBAR (self->sidebar));
    }
  if (r->n_waiting > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u draft has changes kept on this computer that someone else’s changes overtook: open it to choose",
                                   "%u drafts have changes kept on this computer that someone else’s changes overtook: open them to choose",
                                   r->n_waiting), r->n_waiting);
      _cs_window_toast (self, text);
    }
}

static void
send_pending (CsWindow   *self,
              const char *skip_id)
{
  SendPendingArgs *a = g_new0 (SendPendingArgs, 1);

  a->dir = g_strdup (cs_autosave_get_pending_dir (self->autosave));
  a->store_label = g_strdup (cs_context_get_db_path (self->context));
  a->skip_id = g_strdup (skip_id);
  cs_store_thread_run_async (cs_context_get_store_thread (self->context), send_pending_job, a,
                             send_pending_args_free, g_free, self->window_cancellable,
                             send_pending_done_cb, g_object_ref (self));
}

static void
on_sidebar_loaded_cb (CsWindow *self)
{
  GSettings *settings = cs_context_get_settings (self->context);

  if (!self->started)
    {
      g_autofree char *last = g_settings_get_string (settings, "last-draft");

      self->started = TRUE;
      send_pending (self, last);
      if (last != NULL && *last != '\0')
        {
          /* Reopen where the user left: the draft and its page. */
          g_free (self->restore_page);
          self->restore_page = g_settings_get_string (settings, "last-page");
          cs_window_open_draft (self, last);
          return;
        }
    }
  if (self->manifest == NULL && !self->loading_draft)
    gtk_stack_set_visible_child_name (self->main_stack,
                                      cs_sidebar_store_is_empty (CS_SIDEBAR (self->sidebar))
                                        ? "empty" : "select");
}

static void
on_visible_page_cb (CsWindow *self)
{
  const char *page = cs_window_get_page (self);

  ensure_visible_page (self);
  if (self->manifest != NULL && page != NULL)
    g_settings_set_string (cs_context_get_settings (self->context), "last-page", page);
}

static void
on_finding_activated_cb (CsWindow   *self,
                         const char *path)
{
  if (!cs_window_focus_path (self, path))
    _cs_window_toast (self, _("This finding has no field to show"));
}

/* ---- GObject ----------------------------------------------------------------------------- */

static gboolean
cs_window_close_request (GtkWindow *window)
{
  CsWindow *self = CS_WINDOW (window);
  GSettings *settings = cs_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));

  /* Never a "save?" question: whatever is pending is written now. */
  run_revalidation (self);
  cs_autosave_flush (self->autosave);
  _cs_window_flush_pending_delete (self);
  g_cancellable_cancel (self->window_cancellable);

  return GTK_WINDOW_CLASS (cs_window_parent_class)->close_request (window);
}

static void
cs_window_constructed (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);
  GSettings *settings = cs_context_get_settings (self->context);

  G_OBJECT_CLASS (cs_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->validation = cs_validation_new (cs_context_get_catalog (self->context));
  /* The open draft's signals: retargeted when another draft opens, never reconnected by hand. */
  self->manifest_signals = g_signal_group_new (CS_TYPE_MANIFEST);
  g_signal_group_connect_swapped (self->manifest_signals, "changed",
                                  G_CALLBACK (on_manifest_changed_cb), self);
  self->history_signals = g_signal_group_new (CS_TYPE_HISTORY);
  g_signal_group_connect_swapped (self->history_signals, "notify::can-undo",
                                  G_CALLBACK (on_history_notify_cb), self);
  g_signal_group_connect_swapped (self->history_signals, "notify::can-redo",
                                  G_CALLBACK (on_history_notify_cb), self);
  self->autosave = cs_autosave_new (cs_context_get_store_thread (self->context));
  g_signal_connect_object (self->autosave, "notify::state", G_CALLBACK (on_autosave_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->autosave, "notify::revision",
                           G_CALLBACK (on_autosave_revision_cb), self, G_CONNECT_SWAPPED);

  self->sidebar = cs_sidebar_new (self->context);
  adw_bin_set_child (self->sidebar_bin, self->sidebar);
  /* The empty state asks what to start from, with the sidebar's own New menu. */
  gtk_menu_button_set_menu_model (self->empty_new_button,
                                  cs_sidebar_get_new_menu (CS_SIDEBAR (self->sidebar)));
  g_signal_connect_object (self->sidebar, "draft-activated", G_CALLBACK (on_draft_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "loaded", G_CALLBACK (on_sidebar_loaded_cb), self,
                           G_CONNECT_SWAPPED);

  add_pages (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_cb), self, G_CONNECT_SWAPPED);

  update_pages (self);
  update_counts (self);
  update_save_state (self);
  update_banner (self);
  _cs_window_update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  cs_sidebar_reload (CS_SIDEBAR (self->sidebar));
  _cs_window_load_templates (self);
}

static void
cs_window_dispose (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->window_cancellable);
  clear_load_wait (self);
  g_clear_handle_id (&self->revalidate_id, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->manifest_signals);
  g_clear_object (&self->history_signals);
  if (self->pending_records != NULL)
    g_hash_table_remove_all (self->pending_records);
  /* Switchers first: they must let go of the stack before it goes. */
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_WINDOW);
  g_clear_object (&self->history);
  g_clear_object (&self->autosave);
  g_clear_object (&self->validation);
  g_clear_object (&self->manifest);
  g_clear_object (&self->pending_delete_copy);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->window_cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_window_parent_class)->dispose (object);
}

static void
cs_window_finalize (GObject *object)
{
  CsWindow *self = CS_WINDOW (object);

  g_hash_table_unref (self->pending_records);
  g_free (self->restore_page);
  g_free (self->pending_delete_id);
  g_free (self->untouched_new_id);

  G_OBJECT_CLASS (cs_window_parent_class)->finalize (object);
}

static void
cs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsWindow *self = CS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MANIFEST:
      g_value_set_object (value, self->manifest);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CsWindow *self = CS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_window_class_init (CsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_window_constructed;
  object_class->dispose = cs_window_dispose;
  object_class->finalize = cs_window_finalize;
  object_class->get_property = cs_window_get_property;
  object_class->set_property = cs_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = cs_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.resolve-conflict", NULL,
                                   resolve_conflict_action);

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANIFEST] =
    g_param_spec_object ("manifest", NULL, NULL, CS_TYPE_MANIFEST,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsWindow::draft-opened:
   * @id: the draft's id
   */
  signals[DRAFT_OPENED] =
    g_signal_new ("draft-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CsWindow::export-finished:
   * @path: the file written
   * @error_message: NULL on success
   */
  signals[EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, sidebar_bin);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, save_icon);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, save_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, save_box);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, counts_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, empty_new_button);

  _cs_window_class_add_actions (widget_class);
}

static void
cs_window_init (CsWindow *self)
{
  self->pending_records = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->window_cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
#if DEVELOPMENT_PROFILE
  /* libadwaita stripes the header bar of a development build */
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
  _cs_window_init_actions (self);
}

/* ---- public API -------------------------------------------------------------------------- */

CsWindow *
cs_window_new (CsApplication *app,
               CsContext     *context)
{
  g_return_val_if_fail (CS_IS_CONTEXT (context), NULL);

  return g_object_new (CS_TYPE_WINDOW, "application", app, "context", context, NULL);
}

CsContext *
cs_window_get_context (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->context;
}

CsManifest *
cs_window_get_manifest (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->manifest;
}

CsHistory *
cs_window_get_history (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->history;
}

CsAutosave *
cs_window_get_autosave (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->autosave;
}

CsValidation *
cs_window_get_validation (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return self->validation;
}

void
cs_window_show_page (CsWindow   *self,
                     const char *name)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  if (name != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
cs_window_get_page (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

const char *
cs_window_get_view (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

gboolean
cs_window_focus_path (CsWindow   *self,
                      const char *json_path)
{
  guint target = CS_WINDOW_PAGE_SHIPMENT;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  if (json_path == NULL || self->manifest == NULL)
    return FALSE;
  for (guint i = 0; i < CS_WINDOW_N_PAGES; i++)
    if (page_info[i].paths != NULL && g_str_has_prefix (json_path, page_info[i].paths))
      target = i;
  cs_window_show_page (self, page_info[target].name);
  return cs_editor_page_focus_path (ensure_page (self, target), json_path);
}
