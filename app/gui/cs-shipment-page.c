/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-shipment-page.c: route, places, parties and terms of a manifest */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-choice-row.h"
#include "cs-corridor-apply.h"
#include "cs-directory-completion.h"
#include "cs-editor-page.h"
#include "cs-field-row.h"
#include "cs-picker.h"
#include "cs-route-strip.h"
#include "cs-shipment-page.h"

/* Milliseconds after the last edit of a party before the directory is asked about it. */
#define PARTY_CHECK_DELAY_MS 300
#define N_PARTY_ROLES 5

/* One party group and what the directory knows of it. */
typedef struct
{
  CsShipmentPage *page;          /* borrowed: the page holds the group */
  const char     *role;
  GtkWidget      *group;         /* AdwPreferencesGroup */
  GtkWidget      *tax_icon;      /* on the tax id row: cs_directory_check_tax_id() objects */
  GtkWidget      *hint;          /* "this tax id is also in the directory as …" */
  GtkWidget      *save_button;
  GtkWidget      *refresh_button;
  gint64          entry_id;      /* directory entry the group was filled from or saved to; 0: none */
  gint64          linked_id;     /* that entry, or the one entry with the group's tax id; 0: none */
  guint           generation;    /* of the newest question to the directory */
  gboolean        unchecked;     /* changed since the directory was last asked about it */
} PartyGroup;

struct _CsShipmentPage
{
  CsEditorPage   parent_instance;

  PartyGroup     party_groups[N_PARTY_ROLES];
  guint          party_check_id;
  GCancellable  *party_cancellable;
  /* The open draft's signals, and its legs list's: they follow the draft by themselves. */
  GSignalGroup  *manifest_signals;
  GSignalGroup  *legs_signals;

  GPtrArray     *rows;            /* CsFieldRow bound to the manifest (fixed set) */
  GPtrArray     *leg_rows;        /* AdwExpanderRow per leg, in order */
  GPtrArray     *corridor_ids;    /* interned ids; index 0 = none */
  gboolean       syncing;

  /* template */
  GtkScrolledWindow *scroller;
  AdwPreferencesGroup *reference_group;
  AdwComboRow   *direction_row;
  AdwComboRow   *corridor_row;
  CsRouteStrip  *route_strip;
  GtkListBox    *legs_list;
  AdwPreferencesGroup *places_group;
  GtkBox        *parties_box;
  AdwPreferencesGroup *terms_group;
};

G_DEFINE_FINAL_TYPE (CsShipmentPage, cs_shipment_page, CS_TYPE_EDITOR_PAGE)

enum {
  PARTY_FILLING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CsManifest *
page_manifest (CsShipmentPage *self)
{
  return cs_editor_page_get_manifest (CS_EDITOR_PAGE (self));
}

static CsCatalog *
page_catalog (CsShipmentPage *self)
{
  return cs_context_get_catalog (cs_editor_page_get_context (CS_EDITOR_PAGE (self)));
}

/* Labels of cs_preferences and cs_transport_doc_types, in their order. "none" is a choice made
 * (no preferential origin claimed), unlike "Not set". */
static const char * const preference_labels[] = {
  N_("No preference claimed"), N_("ACFTA (China–ASEAN)"), N_("RCEP"), NULL
};
static const char * const transport_doc_labels[] = {
  N_("Bill of lading (B/L)"), N_("Sea waybill (SWB)"), N_("Rail consignment note (CIM)"),
  N_("Rail waybill (SMGS)"), N_("Road consignment note (CMR)"), NULL
};

/* kind: a catalog list for a searchable picker; "choice:" + a model enum for a drop-down. */
typedef struct { const char *field; const char *title; const char *kind; } FieldSpec;

static const FieldSpec place_fields[] = {
  { "place_of_receipt", N_("Place of receipt"), "locodes" },
  { "port_of_loading", N_("Port of loading"), "locodes" },
  { "port_of_discharge", N_("Port of discharge"), "locodes" },
  { "place_of_delivery", N_("Place of delivery"), "locodes" },
};

static const FieldSpec party_fields[] = {
  { "name", N_("Name"), NULL },
  { "name_latin", N_("Name in Latin script"), NULL },
  { "address", N_("Address"), NULL },
  { "city", N_("City"), NULL },
  { "postcode", N_("Postcode"), NULL },
  { "country", N_("Country"), "countries" },
  { "tax_id", N_("Tax id (USCI for China)"), NULL },
  { "contact", N_("Contact"), NULL },
  { "phone", N_("Phone"), NULL },
  { "email", N_("Email"), NULL },
};

static const struct { const char *role; const char *title; } party_roles[] = {
  { "shipper", N_("Shipper") },
  { "consignee", N_("Consignee") },
  { "notify", N_("Notify party") },
  { "declarant", N_("Declarant") },
  { "carrier", N_("Carrier") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (party_roles) == N_PARTY_ROLES);

/* First on the page, so that a new draft starts there (and Tab reaches it at once). */
static const FieldSpec reference_field = { "reference", N_("Reference"), NULL };

static const FieldSpec term_fields[] = {
  { "incoterm.code", N_("Incoterm"), "incoterms" },
  { "incoterm.place", N_("Incoterm place"), NULL },
  { "currency", N_("Currency"), "currencies" },
  { "invoice.number", N_("Invoice number"), NULL },
  { "invoice.date", N_("Invoice date"), NULL },
  { "invoice.total", N_("Invoice total"), NULL },
  { "preference", N_("Preference"), "choice:preference" },
  { "transport_document.type", N_("Transport document"), "choice:transport" },
  { "transport_document.number", N_("Transport document number"), NULL },
  { "notes", N_("Notes"), NULL },
};

static const FieldSpec leg_fields[] = {
  { "mode", N_("Mode"), "choice:mode" },
  { "from", N_("From"), "locodes" },
  { "to", N_("To"), "locodes" },
  { "carrier", N_("Carrier"), NULL },
  { "voyage", N_("Voyage or train number"), NULL },
  { "etd", N_("Departure (ETD)"), NULL },
  { "eta", N_("Arrival (ETA)"), NULL },
  /* The conveyance (issue 9): what CUSCAR's TDT names, for a sea leg above all. */
  { "vessel.name", N_("Vessel name"), NULL },
  { "vessel.imo", N_("IMO number"), NULL },
  { "vessel.call_sign", N_("Call sign"), NULL },
  { "vessel.flag", N_("Flag"), "countries" },
  { "carrier_code", N_("Carrier code"), NULL },
};

/* A row for @spec: a searchable picker, a drop-down of the enum's values, or a text field. */
static GtkWidget *
make_row (CsShipmentPage  *self,
          const FieldSpec *spec,
          const char      *field)
{
  GtkWidget *row;

  if (spec->kind == NULL)
    return cs_field_row_new (_(spec->title), field);
  if (g_str_has_prefix (spec->kind, "choice:"))
    {
      const char * const *values = cs_modes;
      const char * const *msgids = NULL;
      const char *labels[8] = { NULL };

      if (g_str_equal (spec->kind, "choice:preference"))
        values = cs_preferences, msgids = preference_labels;
      else if (g_str_equal (spec->kind, "choice:transport"))
        values = cs_transport_doc_types, msgids = transport_doc_labels;
      /* Words, never bare codes: the mode words are the core's (cs_mode_label). */
      for (guint i = 0; values[i] != NULL && i < G_N_ELEMENTS (labels) - 1; i++)
        labels[i] = msgids != NULL ? _(msgids[i]) : cs_mode_label (values[i]);
      return cs_choice_row_new (_(spec->title), field, values, labels);
    }
  row = cs_picker_row_new (_(spec->title), page_catalog (self), spec->kind);
  cs_field_row_set_field (CS_FIELD_ROW (row), field);
  return row;
}

static void
bind_row (GtkWidget    *row,
          CsRecord     *record,
          const char   *json_path,
          CsValidation *validation)
{
  if (CS_IS_CHOICE_ROW (row))
    cs_choice_row_bind (CS_CHOICE_ROW (row), record, json_path, validation);
  else
    cs_field_row_bind (CS_FIELD_ROW (row), record, json_path, validation);
}


/* ---- rows -------------------------------------------------------------------------------- */

static GtkWidget *
add_field_row (CsShipmentPage  *self,
               GtkWidget       *parent,
               const FieldSpec *spec,
               const char      *field)
{
  GtkWidget *row = make_row (self, spec, field);

  g_object_set_data_full (G_OBJECT (row), "cs-field", g_strdup (field), g_free);
  if (ADW_IS_PREFERENCES_GROUP (parent))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (parent), row);
  else if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
bind_rows (CsShipmentPage *self)
{
  CsManifest *manifest = page_manifest (self);
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const char *field = g_object_get_data (G_OBJECT (row), "cs-field");

      bind_row (row, CS_RECORD (manifest), field, validation);
    }
}

static char *
leg_title (CsLeg *leg,
           guint  index)
{
  return g_strdup_printf (_("Leg %u: %s %s → %s"), index + 1,
                          cs_mode_label (leg->mode),
                          leg->from ? leg->from : "?",
                          leg->to ? leg->to : "?");
}

static void
on_leg_notify_cb (CsLeg      *leg,
                  GParamSpec *pspec,
                  AdwExpanderRow *expander)
{
  CsShipmentPage *self = g_object_get_data (G_OBJECT (expander), "cs-page");
  int index = cs_list_find (page_manifest (self)->legs, leg);
  g_autofree char *title = NULL;

  if (index < 0)
    return;
  title = leg_title (leg, index);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
}

static void
on_remove_leg_clicked_cb (GtkButton      *button,
                          CsShipmentPage *self)
{
  CsLeg *leg = g_object_get_data (G_OBJECT (button), "cs-leg");
  CsManifest *manifest = page_manifest (self);
  int index;

  if (manifest == NULL)
    return;
  index = cs_list_find (manifest->legs, leg);
  if (index >= 0)
    cs_list_remove (manifest->legs, index);
}

/* After the user emptied a vessel row: a vessel with no name, number, call sign or flag is no
 * vessel, so the block goes (the file then says "not known" rather than an empty vessel). */
static void
on_vessel_committed_cb (GtkWidget *row,
                        CsLeg     *leg)
{
  CsVessel *v = leg->vessel;

  if (v == NULL)
    return;
  if ((v->name == NULL || *v->name == '\0') && (v->imo == NULL || *v->imo == '\0') &&
      (v->call_sign == NULL || *v->call_sign == '\0') && (v->flag == NULL || *v->flag == '\0'))
    cs_record_set_record (CS_RECORD (leg), "vessel", NULL);
}

static void
rebuild_legs (CsShipmentPage *self)
{
  GtkWidget *child;
  CsManifest *manifest = page_manifest (self);
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));
  guint n = manifest ? CS_MANIFEST_N_LEGS (manifest) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legs_list))) != NULL)
    gtk_list_box_remove (self->legs_list, child);
  g_ptr_array_set_size (self->leg_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (manifest, i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = leg_title (leg, i);
      g_autofree char *remove_label = g_strdup_printf (_("Remove leg %u"), i + 1);
      GPtrArray *rows;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      g_object_set_data (G_OBJECT (expander), "cs-page", self);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      g_object_set_data (G_OBJECT (remove), "cs-leg", leg);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_leg_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (expander), "cs-rows", rows,
                              (GDestroyNotify) g_ptr_array_unref);

      for (guint f = 0; f < G_N_ELEMENTS (leg_fields); f++)
        {
          GtkWidget *row = make_row (self, &leg_fields[f], leg_fields[f].field);
          g_autofree char *path = g_strdup_printf ("legs[%u].%s", i, leg_fields[f].field);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          bind_row (row, CS_RECORD (leg), path, validation);
          if (g_str_has_prefix (leg_fields[f].field, "vessel."))
            {
              g_signal_connect_object (row, "committed", G_CALLBACK (on_vessel_committed_cb), leg, 0);
              /* "No vessel" (legs[i].vessel) shows at the first vessel row. */
              if (g_str_equal (leg_fields[f].field, "vessel.name"))
                {
                  g_autofree char *block = g_strdup_printf ("legs[%u].vessel", i);

                  cs_field_row_set_block_path (CS_FIELD_ROW (row), block);
                }
            }
          g_object_set_data_full (G_OBJECT (row), "cs-path", g_steal_pointer (&path), g_free);
          g_ptr_array_add (rows, row);
        }
      g_signal_connect_object (leg, "notify", G_CALLBACK (on_leg_notify_cb), expander, 0);
      gtk_list_box_append (self->legs_list, expander);
      g_ptr_array_add (self->leg_rows, expander);
    }
}

static void
on_legs_changed_cb (CsShipmentPage *self)
{
  rebuild_legs (self);
}

static void
on_add_leg_clicked_cb (CsShipmentPage *self)
{
  CsManifest *manifest = page_manifest (self);
  g_autoptr(CsLeg) leg = NULL;
  guint n;

  if (manifest == NULL)
    return;
  leg = cs_leg_new ();
  n = CS_MANIFEST_N_LEGS (manifest);
  /* A new leg starts where the last one ended. */
  if (n > 0 && CS_MANIFEST_LEG (manifest, n - 1)->to != NULL)
    cs_field_set_string (CS_RECORD (leg), cs_record_find_field (CS_RECORD (leg), "from"),
                         CS_MANIFEST_LEG (manifest, n - 1)->to);
  cs_list_append (manifest->legs, leg);
}

/* ---- direction and corridor combos ------------------------------------------------------- */

/* The direction combo lists the CsDirection values in their order (ui/cs-shipment-page.ui:
 * Export, Import), so its index is the value; an absent direction shows as export. */
G_STATIC_ASSERT (CS_DIRECTION_EXPORT == 0 && CS_DIRECTION_IMPORT == 1);

static CsDirection
direction_or_export (guint value)
{
  return value == CS_DIRECTION_IMPORT ? CS_DIRECTION_IMPORT : CS_DIRECTION_EXPORT;
}

static void
sync_combos (CsShipmentPage *self)
{
  CsManifest *manifest = page_manifest (self);
  guint corridor = 0;

  self->syncing = TRUE;
  adw_combo_row_set_selected (self->direction_row,
                              manifest ? direction_or_export (cs_manifest_get_direction (manifest))
                                       : CS_DIRECTION_EXPORT);
  if (manifest != NULL && manifest->corridor != NULL)
    {
      const char *id = g_intern_string (manifest->corridor);

      for (guint i = 1; i < self->corridor_ids->len; i++)
        if (self->corridor_ids->pdata[i] == id)
          corridor = i;
    }
  adw_combo_row_set_selected (self->corridor_row, corridor);
  self->syncing = FALSE;
}

static void
on_direction_selected_cb (CsShipmentPage *self)
{
  if (self->syncing || page_manifest (self) == NULL)
    return;
  cs_manifest_set_direction (page_manifest (self),
                             direction_or_export (adw_combo_row_get_selected (self->direction_row)));
}

static void
on_corridor_selected_cb (CsShipmentPage *self)
{
  guint i = adw_combo_row_get_selected (self->corridor_row);

  if (self->syncing || page_manifest (self) == NULL || i >= self->corridor_ids->len)
    return;
  cs_corridor_apply (page_manifest (self), page_catalog (self), self->corridor_ids->pdata[i]);
}

static void
on_manifest_notify_cb (CsShipmentPage *self,
                       GParamSpec     *pspec)
{
  sync_combos (self);
}

static void
fill_corridors (CsShipmentPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  CsCatalog *catalog = page_catalog (self);
  const CsCorridor **corridors;
  guint n = 0;

  g_ptr_array_add (self->corridor_ids, NULL);
  gtk_string_list_append (names, _("None"));
  corridors = catalog ? cs_catalog_get_corridors (catalog, &n) : NULL;
  for (guint i = 0; i < n; i++)
    {
      const char *name = cs_catalog_localized_title (corridors[i]->name, corridors[i]->name_zh);
      g_autofree char *label = g_strdup_printf ("%s — %s", corridors[i]->id, name ? name : "");
      g_ptr_array_add (self->corridor_ids, (gpointer) g_intern_string (corridors[i]->id));
      gtk_string_list_append (names, label);
    }
  adw_combo_row_set_model (self->corridor_row, G_LIST_MODEL (names));
}

/* ---- parties and the directory ----------------------------------------------------------- */

/* The group's party in the manifest, or NULL while it has none. */
static CsParty *
group_party (PartyGroup *g)
{
  CsManifest *manifest = page_manifest (g->page);
  g_autofree char *path = g_strdup_printf ("parties.%s.name", g->role);
  CsRecord *party = manifest != NULL ? cs_path_resolve (CS_RECORD (manifest), path) : NULL;

  return party != NULL ? CS_PARTY (party) : NULL;
}

/* The group's party, made when missing (notifying). */
static CsParty *
group_ensure_party (PartyGroup *g)
{
  g_autofree char *path = g_strdup_printf ("parties.%s.name", g->role);

  return CS_PARTY (cs_path_ensure (CS_RECORD (page_manifest (g->page)), path));
}

static gboolean
str_set (const char *s)
{
  return s != NULL && *s != '\0';
}

static CsStoreThread *
page_store_thread (CsShipmentPage *self)
{
  return cs_context_get_store_thread (cs_editor_page_get_context (CS_EDITOR_PAGE (self)));
}

/* What a store job's callback gets: the page by weak reference, the group and the question. */
typedef struct
{
  GWeakRef ref;
  guint    index;
  guint    generation;
} PartyReply;

static PartyReply *
party_reply_new (PartyGroup *g)
{
  PartyReply *reply = g_new0 (PartyReply, 1);

  g_weak_ref_init (&reply->ref, g->page);
  reply->index = g - g->page->party_groups;
  reply->generation = ++g->generation;
  return reply;
}

/* The group the reply is for, or NULL when the page has gone or asked again since. */
static PartyGroup *
party_reply_take (PartyReply      *reply,
                  CsShipmentPage **page_out)
{
  CsShipmentPage *self = g_weak_ref_get (&reply->ref);
  PartyGroup *g = NULL;

  if (self != NULL && self->party_groups[reply->index].generation == reply->generation)
    g = &self->party_groups[reply->index];
  g_weak_ref_clear (&reply->ref);
  g_free (reply);
  *page_out = self;
  return g;
}

/* A copy of the group's party for a job (jobs touch only what they were given). */
static CsParty *
party_snapshot (PartyGroup *g)
{
  CsParty *party = group_party (g);

  return party != NULL ? CS_PARTY (cs_record_copy (CS_RECORD (party))) : NULL;
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

static PartyJob *
party_job_new (PartyGroup *g,
               gint64      entry_id)
{
  PartyJob *job = g_new0 (PartyJob, 1);

  job->party = party_snapshot (g);
  job->entry_id = entry_id;
  return job;
}

/* Directory facts of one group: the entry it is linked to and the other entries with its tax id. */
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
show_check (PartyGroup  *g,
            CheckResult *r)
{
  CsParty *party = group_party (g);
  gboolean differs;

  g->linked_id = r->linked != NULL ? r->linked->id : 0;
  differs = r->linked != NULL && party != NULL
            && !cs_record_equal (CS_RECORD (r->linked->party), CS_RECORD (party));
  gtk_widget_set_visible (g->refresh_button, differs);
  if (r->linked != NULL)
    {
      g_autofree char *tip = g_strdup_printf (_("Updates “%s” in the directory"),
                                              cs_party_display_name (r->linked->party));

      gtk_widget_set_tooltip_text (g->save_button, tip);
    }
  else
    gtk_widget_set_tooltip_text (g->save_button, _("Adds this party to the directory"));

  if (r->clashes != NULL && r->clashes->len > 0)
    {
      g_autofree char *text = cs_directory_clash_text (r->clashes);

      gtk_label_set_text (GTK_LABEL (g->hint), text);
      gtk_widget_set_visible (g->hint, TRUE);
    }
  else
    gtk_widget_set_visible (g->hint, FALSE);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CsShipmentPage) self = NULL;
  PartyGroup *g = party_reply_take (user_data, &self);
  g_autoptr(GError) error = NULL;
  CheckResult *r = NULL;

  /* A stale answer is not taken: the store thread frees it. */
  if (g == NULL)
    return;
  if (!cs_store_thread_run_finish_ok (page_store_thread (self), result, (gpointer *) &r, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look the %s up in the directory: %s", g->role, error->message);
      return;
    }
  show_check (g, r);
  check_result_free (r);
}

/* The tax id as typed, checked at once (no store needed). */
static void
update_tax_icon (PartyGroup *g)
{
  CsParty *party = group_party (g);
  g_autofree char *reason = party != NULL ? cs_directory_check_tax_id (party->country, party->tax_id)
                                          : NULL;

  gtk_widget_set_visible (g->tax_icon, reason != NULL);
  gtk_widget_set_tooltip_text (g->tax_icon, reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (g->tax_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reason != NULL ? reason : "", -1);
}

static void
check_group (PartyGroup *g)
{
  CsParty *party = group_party (g);
  CheckResult none = { NULL, NULL };

  g->unchecked = FALSE;
  update_tax_icon (g);
  gtk_widget_set_sensitive (g->save_button,
                            party != NULL && (str_set (party->name) || str_set (party->name_latin)));
  if (g->entry_id == 0 && (party == NULL || !str_set (party->tax_id)))
    {
      g->generation++;   /* an answer on its way is stale */
      show_check (g, &none);
      return;
    }
  cs_store_thread_run_async (page_store_thread (g->page), check_job, party_job_new (g, g->entry_id),
                             party_job_free, check_result_free, g->page->party_cancellable,
                             check_done_cb, party_reply_new (g));
}

static gboolean
party_check_cb (gpointer data)
{
  CsShipmentPage *self = data;

  self->party_check_id = 0;
  for (guint i = 0; i < N_PARTY_ROLES; i++)
    if (self->party_groups[i].unchecked)
      check_group (&self->party_groups[i]);
  return G_SOURCE_REMOVE;
}

static void
schedule_party_check (CsShipmentPage *self)
{
  g_clear_handle_id (&self->party_check_id, g_source_remove);
  self->party_check_id = g_timeout_add (PARTY_CHECK_DELAY_MS, party_check_cb, self);
}

static void
on_party_changed_cb (CsShipmentPage *self,
                     CsRecord       *origin,
                     const char     *field)
{
  if (!CS_IS_PARTY (origin) && !CS_IS_PARTIES (origin) && g_strcmp0 (field, "parties") != 0)
    return;
  /* Only the group whose party changed (every group when the parties themselves were replaced)
   * is looked at again: its tax id at once, the directory after a pause. */
  for (guint i = 0; i < N_PARTY_ROLES; i++)
    {
      PartyGroup *g = &self->party_groups[i];
      CsParty *party = group_party (g);

      if (party != NULL && origin != CS_RECORD (party) && CS_IS_PARTY (origin))
        continue;
      /* A "saved" or "not saved" note is about the party as it was. */
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g->group), NULL);
      update_tax_icon (g);
      g->unchecked = TRUE;
    }
  schedule_party_check (self);
}

/* Fills the group from directory entry @entry: one undo step (one main-loop turn), of its own
 * (the history's owner hears "party-filling" first and closes the step typed before). */
static void
fill_group (PartyGroup       *g,
            CsDirectoryParty *entry)
{
  if (page_manifest (g->page) == NULL)
    return;
  g_signal_emit (g->page, signals[PARTY_FILLING], 0, g->role);
  cs_directory_fill_party (group_ensure_party (g), entry->party);
  g->entry_id = entry->id;
  g->linked_id = entry->id;
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g->group), NULL);
  check_group (g);
}

static void
on_party_chosen_cb (CsDirectoryCompletion *completion,
                    CsDirectoryParty      *entry,
                    PartyGroup            *g)
{
  fill_group (g, entry);
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

/* The value a save or refresh job answered for its group, or NULL: the page has gone or asked
 * again since (a stale value is freed here), or the job failed, which the group then says. */
static gpointer
take_answer (GAsyncResult    *result,
             gpointer         user_data,
             gboolean         saving,
             GDestroyNotify   value_free,
             PartyGroup     **group_out)
{
  g_autoptr(CsShipmentPage) self = NULL;
  PartyGroup *g = party_reply_take (user_data, &self);
  g_autoptr(GError) error = NULL;
  gpointer value;
  g_autofree char *text = NULL;

  *group_out = g;
  if (self == NULL)
    return NULL;
  value = cs_store_thread_run_finish (page_store_thread (self), result, &error);
  if (g == NULL)
    {
      g_clear_pointer (&value, value_free);
      return NULL;
    }
  if (value != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return value;
  text = saving ? g_strdup_printf (_("Not saved to the directory: %s"), error->message)
                : g_strdup_printf (_("Not refreshed from the directory: %s"), error->message);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g->group), text);
  check_group (g);
  return NULL;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PartyGroup *g;
  g_autofree gint64 *id = take_answer (result, user_data, TRUE, g_free, &g);

  if (id == NULL)
    return;
  g->entry_id = *id;
  g->linked_id = *id;
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g->group),
                                         _("Saved to the directory"));
  check_group (g);
}

static void
on_save_clicked_cb (GtkButton  *button,
                    PartyGroup *g)
{
  if (group_party (g) == NULL)
    return;
  cs_store_thread_run_async (page_store_thread (g->page), save_job, party_job_new (g, g->linked_id),
                             party_job_free, g_free, g->page->party_cancellable, save_done_cb,
                             party_reply_new (g));
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
  PartyGroup *g;
  g_autoptr(CsDirectoryParty) entry = take_answer (result, user_data, FALSE,
                                                   (GDestroyNotify) cs_directory_party_free, &g);

  if (entry != NULL)
    fill_group (g, entry);
}

static void
on_refresh_clicked_cb (GtkButton  *button,
                       PartyGroup *g)
{
  PartyJob *job;

  if (g->linked_id == 0)
    return;
  job = g_new0 (PartyJob, 1);
  job->entry_id = g->linked_id;
  cs_store_thread_run_async (page_store_thread (g->page), get_entry_job, job, party_job_free,
                             (GDestroyNotify) cs_directory_party_free, g->page->party_cancellable,
                             refresh_done_cb, party_reply_new (g));
}

static GtkWidget *
header_button (const char *label,
               const char *role_title,
               GCallback   callback,
               PartyGroup *g)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  /* Translators: accessible name of a button of a party group: "Save to Directory: Consignee" */
  g_autofree char *name = g_strdup_printf (C_("party group button", "%s: %s"), label, role_title);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect (button, "clicked", callback, g);
  return button;
}

/* The directory's part of party group @g: header buttons, tax id icon, the clash hint, and
 * completion on the name, Latin name and tax id rows. */
static void
setup_party_group (CsShipmentPage *self,
                   PartyGroup     *g,
                   const char     *role_title,
                   GPtrArray      *rows)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  g->page = self;
  g->refresh_button = header_button (_("Refresh from Directory"), role_title,
                                     G_CALLBACK (on_refresh_clicked_cb), g);
  gtk_widget_set_tooltip_text (g->refresh_button,
                               _("The directory's entry differs from this party: fill the group from it again"));
  gtk_widget_set_visible (g->refresh_button, FALSE);
  g->save_button = header_button (_("Save to Directory"), role_title,
                                  G_CALLBACK (on_save_clicked_cb), g);
  gtk_widget_set_tooltip_text (g->save_button, _("Adds this party to the directory"));
  gtk_box_append (GTK_BOX (suffix), g->refresh_button);
  gtk_box_append (GTK_BOX (suffix), g->save_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (g->group), suffix);

  g->hint = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (g->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (g->hint), 0);
  gtk_widget_set_margin_top (g->hint, 6);
  gtk_widget_add_css_class (g->hint, "warning");
  gtk_widget_add_css_class (g->hint, "caption");
  gtk_widget_set_visible (g->hint, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g->group), g->hint);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *field = strrchr (g_object_get_data (G_OBJECT (row), "cs-field"), '.') + 1;
      CsDirectoryCompletion *completion;

      if (g_str_equal (field, "tax_id"))
        {
          g->tax_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_add_css_class (g->tax_icon, "warning");
          gtk_widget_set_visible (g->tax_icon, FALSE);
          cs_field_row_add_suffix (CS_FIELD_ROW (row), g->tax_icon);
        }
      if (!g_str_equal (field, "name") && !g_str_equal (field, "name_latin")
          && !g_str_equal (field, "tax_id"))
        continue;
      completion = cs_directory_completion_new (context, CS_DIRECTORY_COMPLETION_PARTIES,
                                                GTK_EDITABLE (row));
      g_signal_connect (completion, "chosen", G_CALLBACK (on_party_chosen_cb), g);
    }
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
build_rows (CsShipmentPage *self)
{
  add_field_row (self, GTK_WIDGET (self->reference_group), &reference_field, reference_field.field);
  for (guint i = 0; i < G_N_ELEMENTS (place_fields); i++)
    add_field_row (self, GTK_WIDGET (self->places_group), &place_fields[i], place_fields[i].field);

  for (guint r = 0; r < G_N_ELEMENTS (party_roles); r++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(party_roles[r].title));
      gtk_box_append (self->parties_box, group);
      for (guint f = 0; f < G_N_ELEMENTS (party_fields); f++)
        {
          g_autofree char *field = g_strdup_printf ("parties.%s.%s", party_roles[r].role,
                                                    party_fields[f].field);
          g_autofree char *title = g_strdup_printf ("%s: %s", _(party_roles[r].title),
                                                    _(party_fields[f].title));
          GtkWidget *row = add_field_row (self, group, &party_fields[f], field);

          /* Rows of five parties share titles: their accessible names say whose they are. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          g_ptr_array_add (rows, row);
        }
      self->party_groups[r].role = party_roles[r].role;
      self->party_groups[r].group = group;
      setup_party_group (self, &self->party_groups[r], _(party_roles[r].title), rows);
    }

  for (guint i = 0; i < G_N_ELEMENTS (term_fields); i++)
    add_field_row (self, GTK_WIDGET (self->terms_group), &term_fields[i], term_fields[i].field);
}

static void
cs_shipment_page_constructed (GObject *object)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (object);

  G_OBJECT_CLASS (cs_shipment_page_parent_class)->constructed (object);

  fill_corridors (self);
  build_rows (self);
  bind_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

static void
cs_shipment_page_dispose (GObject *object)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (object);

  g_clear_handle_id (&self->party_check_id, g_source_remove);
  g_cancellable_cancel (self->party_cancellable);
  cs_editor_page_dispose_template (CS_EDITOR_PAGE (object), CS_TYPE_SHIPMENT_PAGE);
  g_clear_handle_id (&self->party_check_id, g_source_remove);
  g_clear_object (&self->manifest_signals);
  g_clear_object (&self->legs_signals);

  G_OBJECT_CLASS (cs_shipment_page_parent_class)->dispose (object);
}

static void
cs_shipment_page_finalize (GObject *object)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->leg_rows);
  g_ptr_array_unref (self->corridor_ids);
  g_clear_object (&self->party_cancellable);

  G_OBJECT_CLASS (cs_shipment_page_parent_class)->finalize (object);
}

static gboolean
focus_row (GtkWidget *row)
{
  GtkWidget *text = CS_IS_FIELD_ROW (row) ? cs_field_row_get_text_widget (CS_FIELD_ROW (row)) : NULL;

  return gtk_widget_grab_focus (text != NULL ? text : row);
}

static gboolean
cs_shipment_page_real_focus_path (CsEditorPage *page,
                                  const char   *json_path)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (page);
  guint leg;

  if (g_str_has_prefix (json_path, "legs["))
    {
      char *end = NULL;
      AdwExpanderRow *expander;
      GPtrArray *rows;

      leg = (guint) g_ascii_strtoull (json_path + 5, &end, 10);
      if (end == NULL || *end != ']' || leg >= self->leg_rows->len)
        return FALSE;
      expander = g_ptr_array_index (self->leg_rows, leg);
      adw_expander_row_set_expanded (expander, TRUE);
      rows = g_object_get_data (G_OBJECT (expander), "cs-rows");
      /* The row with this exact path, else the first one below it ("legs[0].vessel" → name). */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; rows != NULL && i < rows->len; i++)
          {
            GtkWidget *row = g_ptr_array_index (rows, i);
            const char *path = g_object_get_data (G_OBJECT (row), "cs-path");

            if (pass == 0 ? g_strcmp0 (path, json_path) == 0
                          : (g_str_has_prefix (path, json_path) && path[strlen (json_path)] == '.'))
              return focus_row (row);
          }
      return gtk_widget_grab_focus (GTK_WIDGET (expander));
    }

  if (g_strcmp0 (json_path, "direction") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->direction_row));
  if (g_strcmp0 (json_path, "corridor") == 0 || g_strcmp0 (json_path, "legs") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->corridor_row));

  /* The row with this exact path, else the first one below it ("parties.shipper" → name). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (self->rows, i);
        const char *field = g_object_get_data (G_OBJECT (row), "cs-field");

        if (pass == 0 ? g_strcmp0 (field, json_path) == 0
                      : (g_str_has_prefix (field, json_path) && field[strlen (json_path)] == '.'))
          return focus_row (row);
      }
  return FALSE;
}

static void
cs_shipment_page_manifest_changed (CsEditorPage *page,
                                   CsManifest   *old)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (page);
  CsManifest *manifest = cs_editor_page_get_manifest (page);

  g_signal_group_set_target (self->manifest_signals, manifest);
  g_signal_group_set_target (self->legs_signals, manifest != NULL ? manifest->legs : NULL);
  /* Another draft: its groups come from no entry we know of (until their tax ids say so). */
  if (manifest != old)
    for (guint i = 0; i < N_PARTY_ROLES; i++)
      {
        PartyGroup *g = &self->party_groups[i];

        g->entry_id = 0;
        g->linked_id = 0;
        g->generation++;
        if (g->group != NULL)
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (g->group), NULL);
      }
  g_clear_handle_id (&self->party_check_id, g_source_remove);
  for (guint i = 0; i < N_PARTY_ROLES; i++)
    self->party_groups[i].unchecked = TRUE;
  if (manifest != NULL && self->party_groups[0].group != NULL)
    party_check_cb (self);
  if (self->rows->len > 0)
    bind_rows (self);
  rebuild_legs (self);
  cs_route_strip_set_manifest (self->route_strip, manifest, manifest ? page_catalog (self) : NULL);
  sync_combos (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), manifest != NULL);
  /* Another draft opens at the top, not at the scroll position of the one before. */
  if (manifest != old)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
cs_shipment_page_validation_changed (CsEditorPage *page,
                                     CsValidation *old)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (page);

  if (self->rows->len > 0)
    bind_rows (self);
  rebuild_legs (self);
}

static void
cs_shipment_page_class_init (CsShipmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CsEditorPageClass *page_class = CS_EDITOR_PAGE_CLASS (klass);

  object_class->constructed = cs_shipment_page_constructed;
  object_class->dispose = cs_shipment_page_dispose;
  object_class->finalize = cs_shipment_page_finalize;
  page_class->manifest_changed = cs_shipment_page_manifest_changed;
  page_class->validation_changed = cs_shipment_page_validation_changed;
  page_class->focus_path = cs_shipment_page_real_focus_path;

  g_type_ensure (CS_TYPE_ROUTE_STRIP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-shipment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, reference_group);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, direction_row);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, corridor_row);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, route_strip);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, legs_list);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, places_group);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, parties_box);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, terms_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_leg_clicked_cb);

  /**
   * CsShipmentPage::party-filling:
   * @role: the party's role ("consignee")
   *
   * A party group is about to be filled from a directory entry (chosen from the completion,
   * or "Refresh from Directory"). The fill is an undo step of its own: whoever keeps the
   * history closes the open step here (cs_history_seal ()), so that a name typed just before
   * is not merged into the fill and Undo gives it back.
   */
  signals[PARTY_FILLING] =
    g_signal_new ("party-filling", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
cs_shipment_page_init (CsShipmentPage *self)
{
  self->rows = g_ptr_array_new ();
  self->leg_rows = g_ptr_array_new ();
  self->corridor_ids = g_ptr_array_new ();
  self->party_cancellable = g_cancellable_new ();
  self->manifest_signals = g_signal_group_new (CS_TYPE_MANIFEST);
  g_signal_group_connect_swapped (self->manifest_signals, "notify::direction",
                                  G_CALLBACK (on_manifest_notify_cb), self);
  g_signal_group_connect_swapped (self->manifest_signals, "notify::corridor",
                                  G_CALLBACK (on_manifest_notify_cb), self);
  g_signal_group_connect_swapped (self->manifest_signals, "changed",
                                  G_CALLBACK (on_party_changed_cb), self);
  self->legs_signals = g_signal_group_new (CS_TYPE_LIST);
  g_signal_group_connect_swapped (self->legs_signals, "items-changed",
                                  G_CALLBACK (on_legs_changed_cb), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->direction_row, "notify::selected",
                            G_CALLBACK (on_direction_selected_cb), self);
  g_signal_connect_swapped (self->corridor_row, "notify::selected",
                            G_CALLBACK (on_corridor_selected_cb), self);
}

GtkWidget *
cs_shipment_page_new (CsContext *context)
{
  return g_object_new (CS_TYPE_SHIPMENT_PAGE, "context", context, NULL);
}

void
cs_shipment_page_set_manifest (CsShipmentPage *self,
                               CsManifest     *manifest)
{
  g_return_if_fail (CS_IS_SHIPMENT_PAGE (self));
  cs_editor_page_set_manifest (CS_EDITOR_PAGE (self), manifest);
}

void
cs_shipment_page_set_validation (CsShipmentPage *self,
                                 CsValidation   *validation)
{
  g_return_if_fail (CS_IS_SHIPMENT_PAGE (self));
  cs_editor_page_set_validation (CS_EDITOR_PAGE (self), validation);
}

gboolean
cs_shipment_page_focus_path (CsShipmentPage *self,
                             const char     *json_path)
{
  g_return_val_if_fail (CS_IS_SHIPMENT_PAGE (self), FALSE);
  return cs_editor_page_focus_path (CS_EDITOR_PAGE (self), json_path);
}
