/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-shipment-page.c: route, places, parties and terms of a manifest */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-choice-row.h"
#include "cs-corridor-apply.h"
#include "cs-editor-page.h"
#include "cs-field-row.h"
#include "cs-leg-row.h"
#include "cs-party-group.h"
#include "cs-picker.h"
#include "cs-route-strip.h"
#include "cs-shipment-page.h"

#define N_PARTY_ROLES 5

struct _CsShipmentPage
{
  CsEditorPage   parent_instance;

  CsPartyGroup  *party_groups[N_PARTY_ROLES];
  /* The open draft's signals, and its legs list's: they follow the draft by themselves. */
  GSignalGroup  *manifest_signals;
  GSignalGroup  *legs_signals;

  /* The template's rows outside the party groups (CsFieldRow, CsChoiceRow), in page order. */
  GPtrArray     *rows;
  GPtrArray     *leg_rows;        /* CsLegRow per leg, in order */
  GPtrArray     *corridor_ids;    /* interned ids; index 0 = none */
  gboolean       syncing;

  /* template */
  GtkScrolledWindow *scroller;
  AdwComboRow   *direction_row;
  AdwComboRow   *corridor_row;
  CsRouteStrip  *route_strip;
  GtkListBox    *legs_list;
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

static const char *
row_field (GtkWidget *row)
{
  return CS_IS_FIELD_ROW (row) ? cs_field_row_get_field (CS_FIELD_ROW (row))
                               : cs_choice_row_get_field (CS_CHOICE_ROW (row));
}

static void
bind_rows (CsShipmentPage *self)
{
  CsManifest *manifest = page_manifest (self);
  CsValidation *validation = cs_editor_page_get_validation (CS_EDITOR_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      bind_row (row, CS_RECORD (manifest), row_field (row), validation);
    }
  for (guint i = 0; i < N_PARTY_ROLES; i++)
    cs_party_group_bind (self->party_groups[i], manifest, validation);
}

static void
on_leg_remove_cb (CsShipmentPage *self,
                  CsLegRow       *row)
{
  CsManifest *manifest = page_manifest (self);
  int index;

  if (manifest == NULL)
    return;
  index = cs_list_find (manifest->legs, cs_leg_row_get_leg (row));
  if (index >= 0)
    cs_list_remove (manifest->legs, index);
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
      GtkWidget *row = cs_leg_row_new (page_catalog (self));

      cs_leg_row_bind (CS_LEG_ROW (row), CS_MANIFEST_LEG (manifest, i), i, validation);
      g_signal_connect_object (row, "remove", G_CALLBACK (on_leg_remove_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->legs_list, row);
      g_ptr_array_add (self->leg_rows, row);
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

/* ---- GObject ----------------------------------------------------------------------------- */

static void
on_party_filling_cb (CsShipmentPage *self,
                     CsPartyGroup   *group)
{
  g_signal_emit (self, signals[PARTY_FILLING], 0,
                 cs_enum_to_string (CS_TYPE_PARTY_ROLE, cs_party_group_get_role (group)));
}

/* What the template cannot say: the catalog of the pickers, the directory of the parties. */
static void
setup_rows (CsShipmentPage *self)
{
  CsContext *context = cs_editor_page_get_context (CS_EDITOR_PAGE (self));

  /* party groups keep their own rows */
  cs_form_collect_rows (GTK_WIDGET (self->scroller), CS_TYPE_PARTY_GROUP, self->rows);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (CS_IS_FIELD_ROW (row) && cs_picker_row_get_picker (CS_FIELD_ROW (row)) != NULL)
        cs_field_row_set_catalog (CS_FIELD_ROW (row), page_catalog (self));
    }
  for (guint i = 0; i < N_PARTY_ROLES; i++)
    {
      if (context != NULL)
        cs_party_group_set_context (self->party_groups[i], context);
      g_signal_connect_object (self->party_groups[i], "party-filling",
                               G_CALLBACK (on_party_filling_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
cs_shipment_page_constructed (GObject *object)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (object);

  G_OBJECT_CLASS (cs_shipment_page_parent_class)->constructed (object);

  fill_corridors (self);
  setup_rows (self);
  bind_rows (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

static void
cs_shipment_page_dispose (GObject *object)
{
  CsShipmentPage *self = CS_SHIPMENT_PAGE (object);

  cs_editor_page_dispose_template (CS_EDITOR_PAGE (object), CS_TYPE_SHIPMENT_PAGE);
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

      leg = (guint) g_ascii_strtoull (json_path + 5, &end, 10);
      if (end == NULL || *end != ']' || leg >= self->leg_rows->len)
        return FALSE;
      return cs_leg_row_focus_path (g_ptr_array_index (self->leg_rows, leg), json_path);
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
        const char *field = row_field (row);

        if (pass == 0 ? g_strcmp0 (field, json_path) == 0
                      : (g_str_has_prefix (field, json_path) && field[strlen (json_path)] == '.'))
          return focus_row (row);
      }
  for (guint i = 0; i < N_PARTY_ROLES; i++)
    if (cs_party_group_focus_path (self->party_groups[i], json_path))
      return TRUE;
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
  /* The party groups forget the directory entries of the draft before and look again. */
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
  g_type_ensure (CS_TYPE_FIELD_ROW);
  g_type_ensure (CS_TYPE_CHOICE_ROW);
  g_type_ensure (CS_TYPE_PARTY_GROUP);
  /* Named by the choice rows' "enum-type". */
  g_type_ensure (CS_TYPE_TARIFF_PREFERENCE);
  g_type_ensure (CS_TYPE_TRANSPORT_DOC_TYPE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-shipment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, direction_row);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, corridor_row);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, route_strip);
  gtk_widget_class_bind_template_child (widget_class, CsShipmentPage, legs_list);
  gtk_widget_class_bind_template_child_full (widget_class, "shipper_group", FALSE,
                                             G_STRUCT_OFFSET (CsShipmentPage, party_groups[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "consignee_group", FALSE,
                                             G_STRUCT_OFFSET (CsShipmentPage, party_groups[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "notify_group", FALSE,
                                             G_STRUCT_OFFSET (CsShipmentPage, party_groups[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "declarant_group", FALSE,
                                             G_STRUCT_OFFSET (CsShipmentPage, party_groups[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "carrier_group", FALSE,
                                             G_STRUCT_OFFSET (CsShipmentPage, party_groups[4]));
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
  self->manifest_signals = g_signal_group_new (CS_TYPE_MANIFEST);
  g_signal_group_connect_swapped (self->manifest_signals, "notify::direction",
                                  G_CALLBACK (on_manifest_notify_cb), self);
  g_signal_group_connect_swapped (self->manifest_signals, "notify::corridor",
                                  G_CALLBACK (on_manifest_notify_cb), self);
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
