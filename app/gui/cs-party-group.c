/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-party-group.c: the ten rows of one party of a manifest, with what the directory knows of it */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-directory.h"
#include "cs-directory-completion.h"
#include "cs-field-row.h"
#include "cs-party-group.h"
#include "cs-path.h"
#include "cs-store-thread.h"

/* Milliseconds after the last edit of the party before the directory is asked about it. */
#define PARTY_CHECK_DELAY_MS 300
#define N_ROWS 10

struct _CsPartyGroup
{
  AdwPreferencesGroup parent_instance;

  CsPartyRole    role;
  CsContext     *context;
  CsManifest    *manifest;
  GSignalGroup  *manifest_signals;
  GCancellable  *cancellable;
  guint          check_id;

  gint64         entry_id;      /* directory entry the group was filled from or saved to; 0: none */
  gint64         linked_id;     /* that entry, or the one entry with the group's tax id; 0: none */
  guint          generation;    /* of the newest question to the directory */

  CsFieldRow    *rows[N_ROWS];  /* in the template's order */
  char          *leaves[N_ROWS];/* each row's field in the party ("tax_id") */
  GtkWidget     *tax_icon;      /* on the tax id row: cs_directory_check_tax_id() objects */

  /* template */
  GtkWidget     *save_button;
  GtkWidget     *refresh_button;
  GtkWidget     *hint;          /* "this tax id is also in the directory as …" */
  CsFieldRow    *name_row;
  CsFieldRow    *name_latin_row;
  CsFieldRow    *address_row;
  CsFieldRow    *city_row;
  CsFieldRow    *postcode_row;
  CsFieldRow    *country_row;
  CsFieldRow    *tax_id_row;
  CsFieldRow    *contact_row;
  CsFieldRow    *phone_row;
  CsFieldRow    *email_row;
};

G_DEFINE_FINAL_TYPE (CsPartyGroup, cs_party_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PARTY_FILLING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
role_name (CsPartyGroup *self)
{
  return cs_enum_to_string (CS_TYPE_PARTY_ROLE, self->role);
}

static gboolean
str_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The group's party in the manifest, or NULL while it has none. */
static CsParty *
group_party (CsPartyGroup *self)
{
  return self->manifest != NULL ? cs_manifest_get_party (self->manifest, role_name (self)) : NULL;
}

/* The group's party, made when missing (notifying). */
static CsParty *
group_ensure_party (CsPartyGroup *self)
{
  g_autofree char *path = g_strdup_printf ("parties.%s.name", role_name (self));

  return CS_PARTY (cs_path_ensure (CS_RECORD (self->manifest), path));
}

static CsStoreThread *
store_thread (CsPartyGroup *self)
{
  return cs_context_get_store_thread (self->context);
}

static void
set_note (CsPartyGroup *self,
          const char   *note)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), note);
}

/* ---- accessible names --------------------------------------------------------------------- */

static void
button_set_name (GtkWidget  *button,
                 const char *role_title)
{
  /* Translators: accessible name of a button of a party group: "Save to Directory: Consignee" */
  g_autofree char *name = g_strdup_printf (C_("party group button", "%s: %s"),
                                           gtk_button_get_label (GTK_BUTTON (button)), role_title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Rows of five parties share titles: their accessible names say whose they are. */
static void
update_accessible_names (CsPartyGroup *self)
{
  const char *role_title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self));

  role_title = role_title != NULL ? role_title : "";
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *label =
        g_strdup_printf ("%s: %s", role_title,
                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->rows[i])));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  button_set_name (self->refresh_button, role_title);
  button_set_name (self->save_button, role_title);
}

/* ---- store jobs ---------------------------------------------------------------------------- */

/* What a store job's callback gets: the group by weak reference and its question. */
typedef struct
{
  GWeakRef ref;
  guint    generation;
} PartyReply;

static PartyReply *
party_reply_new (CsPartyGroup *self)
{
  PartyReply *reply = g_new0 (PartyReply, 1);

  g_weak_ref_init (&reply->ref, self);
  reply->generation = ++self->generation;
  return reply;
}

/* The group (a new reference) when it is still there and asked nothing since, else NULL;
 * @alive_out: the group when it is still there at all. */
static CsPartyGroup *
party_reply_take (PartyReply    *reply,
                  CsPartyGroup **alive_out)
{
  CsPartyGroup *self = g_weak_ref_get (&reply->ref);
  gboolean current = self != NULL && self->generation == reply->generation;

  g_weak_ref_clear (&reply->ref);
  g_free (reply);
  *alive_out = self;
  return current ? self : NULL;
}

typedef struct
{
  CsParty *party;      /* may be NULL */
  gint64   entry_id;
} PartyJob;

static void
party_job_free (gpointer data)
{
  PartyJob *job = data;

  g_clear_object (&job->party);
  g_free (job);
}

/* A copy of the group's party for a job (jobs touch only what they were given). */
static PartyJob *
party_job_new (CsPartyGroup *self,
               gint64        entry_id)
{
  PartyJob *job = g_new0 (PartyJob, 1);
  CsParty *party = group_party (self);

  job->party = party != NULL ? CS_PARTY (cs_record_copy (CS_RECORD (party))) : NULL;
  job->entry_id = entry_id;
  return job;
}

/* Directory facts of the group: the entry it is linked to and the other entries with its tax id. */
typedef struct
{
  CsDirectoryParty *linked;
  GPtrArray        *clashes;   /* of CsDirectoryParty; NULL when the party has no tax id */
} CheckResult;

static void
check_result_free (gpointer data)
{
  CheckResult *r = data;

  g_clear_pointer (&r->linked, cs_directory_party_free);
  g_clear_pointer (&r->clashes, g_ptr_array_unref);
  g_free (r);
}

/* On the store thread. */
static gpointer
check_job (CsStore  *store,
           gpointer  data,
           GError  **error)
{
  PartyJob *job = data;
  CheckResult *r = g_new0 (CheckResult, 1);
  const char *tax_id = job->party != NULL ? job->party->tax_id : NULL;

  if (job->entry_id > 0)
    {
      g_autoptr(GError) local = NULL;

      r->linked = cs_directory_get_party (store, job->entry_id, &local);
      /* An entry deleted from the directory since: no longer linked. */
      if (r->linked == NULL && !g_error_matches (local, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          check_result_free (r);
          return NULL;
        }
    }
  if (str_set (tax_id))
    {
      r->clashes = cs_directory_party_tax_id_clashes (store, tax_id, r->linked ? r->linked->id : 0,
                                                      error);
      if (r->clashes == NULL)
        {
          check_result_free (r);
          return NULL;
        }
      /* A party typed in whose tax id exactly one entry has is that entry. */
      if (r->linked == NULL && r->clashes->len == 1)
        r->linked = g_ptr_array_steal_index (r->clashes, 0);
    }
  return r;
}

static void
show_check (CsPartyGroup *self,
            CheckResult  *r)
{
  CsParty *party = group_party (self);
  gboolean differs;

  self->linked_id = r->linked != NULL ? r->linked->id : 0;
  differs = r->linked != NULL && party != NULL
            && !cs_record_equal (CS_RECORD (r->linked->party), CS_RECORD (party));
  gtk_widget_set_visible (self->refresh_button, differs);
  if (r->linked != NULL)
    {
      g_autofree char *tip = g_strdup_printf (_("Updates “%s” in the directory"),
                                              cs_party_display_name (r->linked->party));

      gtk_widget_set_tooltip_text (self->save_button, tip);
    }
  else
    gtk_widget_set_tooltip_text (self->save_button, _("Adds this party to the directory"));

  if (r->clashes != NULL && r->clashes->len > 0)
    {
      g_autofree char *text = cs_directory_clash_text (r->clashes);

      gtk_label_set_text (GTK_LABEL (self->hint), text);
      gtk_widget_set_visible (self->hint, TRUE);
    }
  else
    gtk_widget_set_visible (self->hint, FALSE);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CsPartyGroup) alive = NULL;
  CsPartyGroup *self = party_reply_take (user_data, &alive);
  g_autoptr(GError) error = NULL;
  CheckResult *r = NULL;

  /* A stale answer is not taken: the store thread frees it. */
  if (self == NULL)
    return;
  if (!cs_store_thread_run_finish_ok (store_thread (self), result, (gpointer *) &r, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look the %s up in the directory: %s", role_name (self), error->message);
      return;
    }
  show_check (self, r);
  check_result_free (r);
}

/* The tax id as typed, checked at once (no store needed). */
static void
update_tax_icon (CsPartyGroup *self)
{
  CsParty *party = group_party (self);
  g_autofree char *reason = party != NULL ? cs_directory_check_tax_id (party->country, party->tax_id)
                                          : NULL;

  gtk_widget_set_visible (self->tax_icon, reason != NULL);
  gtk_widget_set_tooltip_text (self->tax_icon, reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tax_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reason != NULL ? reason : "", -1);
}

/* Looks at the party again: its tax id, and what the directory knows of it. */
static void
check_group (CsPartyGroup *self)
{
  CsParty *party = group_party (self);
  CheckResult none = { NULL, NULL };

  g_clear_handle_id (&self->check_id, g_source_remove);
  update_tax_icon (self);
  gtk_widget_set_sensitive (self->save_button,
                            party != NULL && (str_set (party->name) || str_set (party->name_latin)));
  if (self->entry_id == 0 && (party == NULL || !str_set (party->tax_id)))
    {
      self->generation++;   /* an answer on its way is stale */
      show_check (self, &none);
      return;
    }
  cs_store_thread_run_async (store_thread (self), check_job, party_job_new (self, self->entry_id),
                             party_job_free, check_result_free, self->cancellable,
                             check_done_cb, party_reply_new (self));
}

static gboolean
check_timeout_cb (gpointer data)
{
  CsPartyGroup *self = data;

  self->check_id = 0;
  check_group (self);
  return G_SOURCE_REMOVE;
}

static void
on_manifest_changed_cb (CsPartyGroup *self,
                        CsRecord     *origin,
                        const char   *field)
{
  CsParty *party;

  if (!CS_IS_PARTY (origin) && !CS_IS_PARTIES (origin) && g_strcmp0 (field, "parties") != 0)
    return;
  /* Only a change of this group's party (or of the parties themselves) is looked at again: the
   * tax id at once, the directory after a pause. */
  party = group_party (self);
  if (party != NULL && origin != CS_RECORD (party) && CS_IS_PARTY (origin))
    return;
  /* A "saved" or "not saved" note is about the party as it was. */
  set_note (self, NULL);
  update_tax_icon (self);
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (PARTY_CHECK_DELAY_MS, check_timeout_cb, self);
}

/* Fills the group from directory entry @entry: one undo step (one main-loop turn), of its own
 * (the history's owner hears "party-filling" first and closes the step typed before). */
static void
fill_group (CsPartyGroup     *self,
            CsDirectoryParty *entry)
{
  if (self->manifest == NULL)
    return;
  g_signal_emit (self, signals[PARTY_FILLING], 0);
  cs_directory_fill_party (group_ensure_party (self), entry->party);
  self->entry_id = entry->id;
  self->linked_id = entry->id;
  set_note (self, NULL);
  check_group (self);
}

static void
on_party_chosen_cb (CsPartyGroup          *self,
                    CsDirectoryParty      *entry,
                    CsDirectoryCompletion *completion)
{
  fill_group (self, entry);
}

/* On the store thread: updates the linked entry (or adds one when it has gone); the id. */
static gpointer
save_job (CsStore  *store,
          gpointer  data,
          GError  **error)
{
  PartyJob *job = data;
  g_autoptr(GError) local = NULL;
  gint64 id = job->entry_id;

  if (id > 0 && !cs_directory_update_party (store, id, job->party, &local))
    {
      if (!g_error_matches (local, CS_DIRECTORY_ERROR, CS_DIRECTORY_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      id = 0;
    }
  if (id == 0)
    id = cs_directory_add_party (store, job->party, error);
  return id > 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

/* The value a save or refresh job answered, or NULL: the group has gone or asked again since
 * (a stale value is freed here), or the job failed, which the group then says. */
static gpointer
take_answer (GAsyncResult   *result,
             gpointer        user_data,
             gboolean        saving,
             GDestroyNotify  value_free,
             CsPartyGroup  **group_out)
{
  g_autoptr(CsPartyGroup) alive = NULL;
  CsPartyGroup *self = party_reply_take (user_data, &alive);
  g_autoptr(GError) error = NULL;
  gpointer value;
  g_autofree char *text = NULL;

  *group_out = self;
  if (alive == NULL)
    return NULL;
  value = cs_store_thread_run_finish (store_thread (alive), result, &error);
  if (self == NULL)
    {
      g_clear_pointer (&value, value_free);
      return NULL;
    }
  if (value != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return value;
  text = saving ? g_strdup_printf (_("Not saved to the directory: %s"), error->message)
                : g_strdup_printf (_("Not refreshed from the directory: %s"), error->message);
  set_note (self, text);
  check_group (self);
  return NULL;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CsPartyGroup *self;
  g_autofree gint64 *id = take_answer (result, user_data, TRUE, g_free, &self);

  if (id == NULL)
    return;
  self->entry_id = *id;
  self->linked_id = *id;
  set_note (self, _("Saved to the directory"));
  check_group (self);
}

static void
on_save_clicked_cb (CsPartyGroup *self)
{
  if (group_party (self) == NULL || self->context == NULL)
    return;
  cs_store_thread_run_async (store_thread (self), save_job, party_job_new (self, self->linked_id),
                             party_job_free, g_free, self->cancellable, save_done_cb,
                             party_reply_new (self));
}

/* On the store thread: the entry as the directory has it now. */
static gpointer
get_entry_job (CsStore  *store,
               gpointer  data,
               GError  **error)
{
  return cs_directory_get_party (store, ((PartyJob *) data)->entry_id, error);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CsPartyGroup *self;
  g_autoptr(CsDirectoryParty) entry = take_answer (result, user_data, FALSE,
                                                   (GDestroyNotify) cs_directory_party_free, &self);

  if (entry != NULL)
    fill_group (self, entry);
}

static void
on_refresh_clicked_cb (CsPartyGroup *self)
{
  PartyJob *job;

  if (self->linked_id == 0 || self->context == NULL)
    return;
  job = g_new0 (PartyJob, 1);
  job->entry_id = self->linked_id;
  cs_store_thread_run_async (store_thread (self), get_entry_job, job, party_job_free,
                             (GDestroyNotify) cs_directory_party_free, self->cancellable,
                             refresh_done_cb, party_reply_new (self));
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
update_fields (CsPartyGroup *self)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *field = g_strdup_printf ("parties.%s.%s", role_name (self), self->leaves[i]);

      cs_field_row_set_field (self->rows[i], field);
    }
}

static void
cs_party_group_dispose (GObject *object)
{
  CsPartyGroup *self = CS_PARTY_GROUP (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  self->generation++;   /* no answer on its way is taken */
  if (self->manifest_signals != NULL)
    g_signal_group_set_target (self->manifest_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PARTY_GROUP);
  g_clear_object (&self->manifest_signals);
  g_clear_object (&self->manifest);

  G_OBJECT_CLASS (cs_party_group_parent_class)->dispose (object);
}

static void
cs_party_group_finalize (GObject *object)
{
  CsPartyGroup *self = CS_PARTY_GROUP (object);

  for (guint i = 0; i < N_ROWS; i++)
    g_free (self->leaves[i]);
  g_clear_object (&self->cancellable);
  /* Kept until here: an answer of the store thread that arrives after dispose is taken from it
   * (take_answer) and dropped. */
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cs_party_group_parent_class)->finalize (object);
}

static void
cs_party_group_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CsPartyGroup *self = CS_PARTY_GROUP (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_party_group_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CsPartyGroup *self = CS_PARTY_GROUP (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      cs_party_group_set_role (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_party_group_class_init (CsPartyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_party_group_dispose;
  object_class->finalize = cs_party_group_finalize;
  object_class->get_property = cs_party_group_get_property;
  object_class->set_property = cs_party_group_set_property;

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, CS_TYPE_PARTY_ROLE, CS_PARTY_ROLE_SHIPPER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsPartyGroup::party-filling:
   *
   * The group is about to be filled from a directory entry; see cs-party-group.h.
   */
  signals[PARTY_FILLING] =
    g_signal_new ("party-filling", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CS_TYPE_FIELD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-party-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, save_button);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, hint);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, name_latin_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, address_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, city_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, country_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CsPartyGroup, email_row);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked_cb);
}

static void
cs_party_group_init (CsPartyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows[0] = self->name_row;
  self->rows[1] = self->name_latin_row;
  self->rows[2] = self->address_row;
  self->rows[3] = self->city_row;
  self->rows[4] = self->postcode_row;
  self->rows[5] = self->country_row;
  self->rows[6] = self->tax_id_row;
  self->rows[7] = self->contact_row;
  self->rows[8] = self->phone_row;
  self->rows[9] = self->email_row;
  for (guint i = 0; i < N_ROWS; i++)
    self->leaves[i] = g_strdup (cs_field_row_get_field (self->rows[i]));

  self->role = CS_PARTY_ROLE_SHIPPER;
  self->cancellable = g_cancellable_new ();
  self->manifest_signals = g_signal_group_new (CS_TYPE_MANIFEST);
  g_signal_group_connect_swapped (self->manifest_signals, "changed",
                                  G_CALLBACK (on_manifest_changed_cb), self);

  self->tax_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->tax_icon, "warning");
  gtk_widget_set_visible (self->tax_icon, FALSE);
  cs_field_row_add_suffix (self->tax_id_row, self->tax_icon);

  update_fields (self);
  update_accessible_names (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (update_accessible_names), NULL);
}

/* ---- public API ---------------------------------------------------------------------------- */

CsPartyRole
cs_party_group_get_role (CsPartyGroup *self)
{
  g_return_val_if_fail (CS_IS_PARTY_GROUP (self), CS_PARTY_ROLE_UNSET);
  return self->role;
}

void
cs_party_group_set_role (CsPartyGroup *self,
                         CsPartyRole   role)
{
  g_return_if_fail (CS_IS_PARTY_GROUP (self));
  g_return_if_fail (cs_enum_to_string (CS_TYPE_PARTY_ROLE, role) != NULL);

  if (self->role == role)
    return;
  self->role = role;
  self->entry_id = 0;
  self->linked_id = 0;
  self->generation++;
  update_fields (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

void
cs_party_group_set_context (CsPartyGroup *self,
                            CsContext    *context)
{
  CsFieldRow *completed[3];

  g_return_if_fail (CS_IS_PARTY_GROUP (self));
  g_return_if_fail (CS_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  /* The rows the directory completes: name, Latin name and tax id. */
  completed[0] = self->name_row;
  completed[1] = self->name_latin_row;
  completed[2] = self->tax_id_row;
  self->context = g_object_ref (context);
  cs_field_row_set_catalog (self->country_row, cs_context_get_catalog (context));
  for (guint i = 0; i < G_N_ELEMENTS (completed); i++)
    {
      CsDirectoryCompletion *completion =
        cs_directory_completion_new (context, CS_DIRECTORY_COMPLETION_PARTIES, GTK_EDITABLE (completed[i]));

      g_signal_connect_object (completion, "chosen", G_CALLBACK (on_party_chosen_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

void
cs_party_group_bind (CsPartyGroup *self,
                     CsManifest   *manifest,
                     CsValidation *validation)
{
  g_return_if_fail (CS_IS_PARTY_GROUP (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));

  if (self->manifest != manifest)
    {
      /* Another draft: its party comes from no entry we know of (until its tax id says so). */
      g_set_object (&self->manifest, manifest);
      g_signal_group_set_target (self->manifest_signals, manifest);
      self->entry_id = 0;
      self->linked_id = 0;
      self->generation++;
      set_note (self, NULL);
      g_clear_handle_id (&self->check_id, g_source_remove);
      if (manifest != NULL && self->context != NULL)
        check_group (self);
    }
  for (guint i = 0; i < N_ROWS; i++)
    cs_field_row_bind (self->rows[i], CS_RECORD (manifest), cs_field_row_get_field (self->rows[i]),
                       validation);
}

gboolean
cs_party_group_focus_path (CsPartyGroup *self,
                           const char   *json_path)
{
  g_return_val_if_fail (CS_IS_PARTY_GROUP (self), FALSE);

  /* The row with this exact path, else the first one below it ("parties.shipper" → name). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < N_ROWS; i++)
      {
        const char *field = cs_field_row_get_field (self->rows[i]);

        if (pass == 0 ? g_strcmp0 (field, json_path) == 0
                      : (g_str_has_prefix (field, json_path) && field[strlen (json_path)] == '.'))
          return gtk_widget_grab_focus (cs_field_row_get_text_widget (self->rows[i]));
      }
  return FALSE;
}
