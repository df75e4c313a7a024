/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-item-pane.c: the detail pane of one cargo line */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cs-choice-row.h"
#include "cs-container-choice.h"
#include "cs-directory-completion.h"
#include "cs-item-split.h"
#include "cs-item-pane.h"
#include "cs-picker.h"
#include "cs-validator.h"
#include "cs-vin-editor.h"

/* The rows are declared in ui/cs-item-pane.ui, one group per category block; the category
 * decides which groups show (update_visibility). */

struct _CsItemPane
{
  AdwBin         parent_instance;

  GtkStack             *stack;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *general_group;
  AdwPreferencesGroup  *vins_group;
  AdwPreferencesGroup  *vehicle_group;
  AdwPreferencesGroup  *electronics_group;
  AdwPreferencesGroup  *machinery_group;
  AdwPreferencesGroup  *perishable_group;
  AdwPreferencesGroup  *dg_group;
  AdwPreferencesGroup  *splits_group;
  GtkListBox           *splits_list;
  GtkButton            *split_by_containers_button;

  CsFieldRow           *description_row;
  CsFieldRow           *container_row;
  GtkWidget            *vin_editor;
  GtkWidget            *serials_editor;

  CsContext     *context;
  gboolean       product_template;
  GPtrArray     *rows;            /* every row editing a field of the item, in template order */

  CsItem        *item;
  guint          index;
  CsValidation  *validation;
  gulong         item_notify_handler;
  gulong         splits_handler;
  CsRecord      *root;            /* the item's root (its manifest), while bound */
  gulong         root_changed_handler;
};

G_DEFINE_FINAL_TYPE (CsItemPane, cs_item_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PRODUCT_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows a product template (one unit of a catalogue product) has no use for: the product page
 * edits its description, and counts, marks, boxes and identities belong to a cargo line. */
static const char * const template_hidden_rows[] = {
  "description", "quantity", "packages.count", "marks", "container", "machinery.serials",
  "perishable.packed_on",
};

/* The figures of a product template are for one unit. */
static const struct { const char *field; const char *title; } template_titles[] = {
  { "net_kg", N_("Net weight per unit") },
  { "gross_kg", N_("Gross weight per unit") },
  { "volume_m3", N_("Volume per unit") },
  { "value", N_("Value per unit") },
};

/* ---- building ----------------------------------------------------------------------------- */

/* The field @row edits, relative to the item. */
static const char *
row_field (CsItemPane *self,
           GtkWidget  *row)
{
  if (CS_IS_FIELD_ROW (row))
    return cs_field_row_get_field (CS_FIELD_ROW (row));
  if (CS_IS_CHOICE_ROW (row))
    return cs_choice_row_get_field (CS_CHOICE_ROW (row));
  if (CS_IS_SWITCH_ROW (row))
    return cs_switch_row_get_field (CS_SWITCH_ROW (row));
  if (row == self->serials_editor)
    return "machinery.serials";
  return NULL;
}

/* The rows of the template under @widget, in order (a VIN editor's own rows are its own). */
static void
collect_rows (CsItemPane *self,
              GtkWidget  *widget)
{
  if (CS_IS_FIELD_ROW (widget) || CS_IS_CHOICE_ROW (widget) || CS_IS_SWITCH_ROW (widget) ||
      widget == self->serials_editor)
    {
      g_ptr_array_add (self->rows, widget);
      return;
    }
  if (CS_IS_VIN_EDITOR (widget))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_rows (self, c);
}

/* A product the catalog knows (durian, apples, ...) gives its carrier temperature band and
 * humidity where the line has none yet; they stay editable. */
static void
on_product_text_cb (CsItemPane *self)
{
  CsPerishable *p = self->item ? self->item->perishable : NULL;
  const CsReeferBand *band;

  if (p == NULL || p->product == NULL || self->context == NULL)
    return;
  band = cs_catalog_get_reefer_band (cs_context_get_catalog (self->context), p->product);
  if (band == NULL)
    return;
  if (!cs_num_is_set (p->temp_min_c) && cs_num_is_set (band->min_c))
    cs_record_set_number (CS_RECORD (p), "temp_min_c", band->min_c);
  if (!cs_num_is_set (p->temp_max_c) && cs_num_is_set (band->max_c))
    cs_record_set_number (CS_RECORD (p), "temp_max_c", band->max_c);
  if (!cs_num_is_set (p->humidity_pct) && cs_num_is_set (band->humidity_min_pct) &&
      cs_num_is_set (band->humidity_max_pct))
    cs_record_set_number (CS_RECORD (p), "humidity_pct",
                          (band->humidity_min_pct + band->humidity_max_pct) / 2);
}

static CsItem *pane_item_cb (gpointer data) { return cs_item_pane_get_item (CS_ITEM_PANE (data)); }

/* A product template shows only what one unit of a product has. */
static void
apply_product_template (CsItemPane *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (template_hidden_rows); i++)
    gtk_widget_set_visible (cs_item_pane_get_row (self, template_hidden_rows[i]), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (template_titles); i++)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cs_item_pane_get_row (self, template_titles[i].field)),
                                   _(template_titles[i].title));
  gtk_widget_set_visible (GTK_WIDGET (self->splits_group), FALSE);
}

/* What the template cannot say: the switch rows, the pickers' catalog (the context is a
 * construct property, set after the template was built), the container choice, the product
 * completion of the description. */
static void
setup_rows (CsItemPane *self)
{
  CsCatalog *catalog = self->context ? cs_context_get_catalog (self->context) : NULL;

  collect_rows (self, GTK_WIDGET (self->page));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (catalog != NULL && CS_IS_FIELD_ROW (row) && cs_picker_row_get_picker (CS_FIELD_ROW (row)) != NULL)
        cs_field_row_set_catalog (CS_FIELD_ROW (row), catalog);
    }
  cs_container_choice_attach (self->container_row);
  if (self->context != NULL && !self->product_template)
    cs_directory_completion_attach_product (GTK_EDITABLE (self->description_row), self->context,
                                            pane_item_cb, self, NULL);
  if (self->product_template)
    apply_product_template (self);
}

/* ---- binding ------------------------------------------------------------------------------- */

static void
bind_row (CsItemPane    *self,
          GtkWidget     *row,
          CsRecord      *record,
          const char    *item_path)
{
  g_autofree char *path = item_path ? g_strconcat (item_path, ".", row_field (self, row), NULL) : NULL;

  if (CS_IS_FIELD_ROW (row))
    cs_field_row_bind (CS_FIELD_ROW (row), record, path, self->validation);
  else if (CS_IS_CHOICE_ROW (row))
    cs_choice_row_bind (CS_CHOICE_ROW (row), record, path, self->validation);
  else if (CS_IS_SWITCH_ROW (row))
    cs_switch_row_bind (CS_SWITCH_ROW (row), record, path, self->validation);
  else
    cs_vin_editor_bind (CS_VIN_EDITOR (row), CS_ITEM (record), item_path, self->validation);
}

static void
update_visibility (CsItemPane *self)
{
  CsItem *item = self->item;
  const char *cat = item ? item->category : NULL;
  g_autofree char *title = NULL;

  if (item == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->vins_group),
                          !self->product_template &&
                          (g_strcmp0 (cat, "vehicle") == 0 || item->vehicle != NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->vehicle_group),
                          g_strcmp0 (cat, "vehicle") == 0 || item->vehicle != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->electronics_group),
                          g_strcmp0 (cat, "electronics") == 0 || item->electronics != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->machinery_group),
                          g_strcmp0 (cat, "machinery") == 0 || item->machinery != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->perishable_group),
                          g_strcmp0 (cat, "perishable") == 0 || item->perishable != NULL);

  if (self->product_template)
    /* Translators: the figures below are for one piece (unit of measure) of the product */
    title = g_strdup (_("One Unit"));
  else if (cs_num_is_set (item->line))
    title = g_strdup_printf (_("Line %.0f"), item->line);
  else
    title = g_strdup_printf (_("Line %u"), self->index + 1);
  adw_preferences_group_set_title (self->general_group, title);
}

static void
remove_split_clicked_cb (GtkButton  *button,
                         CsItemPane *self)
{
  CsSplit *split = g_object_get_data (G_OBJECT (button), "split");
  int pos;

  if (self->item == NULL)
    return;
  pos = cs_list_find (self->item->splits, split);
  if (pos >= 0)
    cs_list_remove (self->item->splits, pos);
}

static void
rebuild_splits (CsItemPane *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->splits_list))) != NULL)
    gtk_list_box_remove (self->splits_list, child);
  if (self->item == NULL)
    return;

  n = cs_list_length (self->item->splits);
  for (guint i = 0; i < n; i++)
    {
      CsSplit *split = cs_list_index (self->item->splits, i);
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/cs-item-pane-split.ui");
      GtkWidget *expander = GTK_WIDGET (gtk_builder_get_object (builder, "split"));
      GtkWidget *container = GTK_WIDGET (gtk_builder_get_object (builder, "container"));
      GtkWidget *packages = GTK_WIDGET (gtk_builder_get_object (builder, "packages"));
      GtkWidget *remove = GTK_WIDGET (gtk_builder_get_object (builder, "remove"));
      g_autofree char *title = g_strdup_printf (_("Split %u"), i + 1);
      g_autofree char *base = g_strdup_printf ("items[%u].splits[%u]", self->index, i);
      g_autofree char *p1 = g_strconcat (base, ".container", NULL);
      g_autofree char *p2 = g_strconcat (base, ".packages", NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      if (split->container != NULL)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), split->container);
      cs_container_choice_attach (CS_FIELD_ROW (container));
      cs_field_row_bind (CS_FIELD_ROW (container), CS_RECORD (split), p1, self->validation);
      cs_field_row_bind (CS_FIELD_ROW (packages), CS_RECORD (split), p2, self->validation);
      g_object_set_data_full (G_OBJECT (remove), "split", g_object_ref (split), g_object_unref);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_split_clicked_cb), self, 0);
      g_object_set_data (G_OBJECT (expander), "container-row", container);
      gtk_list_box_append (self->splits_list, expander);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->splits_list), n > 0);
}

/* "Split by the VINs' containers": shown for a line with VINs or serials (or of a category that
 * has them), sensitive when cs_item_split_by_containers() would succeed, its tooltip says why
 * not otherwise. */
static void
update_split_button (CsItemPane *self)
{
  CsItem *item = self->item;
  GtkWidget *button = GTK_WIDGET (self->split_by_containers_button);
  g_autoptr(GError) error = NULL;
  gboolean vins, serials;
  const char *label;

  if (item == NULL || self->product_template)
    return;
  vins = item->vehicle != NULL && item->vehicle->vins != NULL && item->vehicle->vins[0] != NULL;
  serials = !vins && item->machinery != NULL && item->machinery->serials != NULL &&
            item->machinery->serials[0] != NULL;
  if (!vins && !serials)
    {
      vins = g_strcmp0 (item->category, "vehicle") == 0;
      serials = g_strcmp0 (item->category, "machinery") == 0;
    }
  label = vins ? _("Split by the VINs’ containers") : _("Split by the serial numbers’ containers");
  gtk_widget_set_visible (button, vins || serials);
  gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_sensitive (button, cs_item_can_split_by_containers (item, &error));
  gtk_widget_set_tooltip_text (button,
                               error != NULL ? error->message
                               : vins ? _("One split for each container the VINs name, with its number of cars")
                                      : _("One split for each container the serial numbers name, with its number of machines"));
}

static void
item_notify_cb (CsItemPane *self,
                GParamSpec *pspec)
{
  update_visibility (self);
}

/* Any change of the item or below it (its VINs, their containers, packages, quantity) may make
 * the split possible or not: the root's "changed" names it as the origin or an ancestor of it, so
 * the button is updated here only, once per edit. */
static void
root_changed_cb (CsItemPane *self,
                 CsRecord   *origin,
                 const char *field)
{
  for (CsRecord *r = origin; r != NULL; r = cs_record_get_parent (r))
    if (r == CS_RECORD (self->item))
      {
        update_split_button (self);
        return;
      }
}

static void
on_split_by_containers_clicked_cb (CsItemPane *self)
{
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return;
  if (!cs_item_split_by_containers (self->item, &error))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->split_by_containers_button), error->message);
}

static void
on_add_split_clicked_cb (CsItemPane *self)
{
  g_autoptr(CsSplit) split = NULL;

  if (self->item == NULL)
    return;
  split = cs_split_new ();
  cs_list_append (self->item->splits, split);
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
unbind_item (CsItemPane *self)
{
  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->item_notify_handler, self->item);
      g_clear_signal_handler (&self->splits_handler, self->item->splits);
    }
  if (self->root != NULL)
    g_clear_signal_handler (&self->root_changed_handler, self->root);
  g_clear_object (&self->root);
  g_clear_object (&self->item);
}

static void
cs_item_pane_dispose (GObject *object)
{
  CsItemPane *self = CS_ITEM_PANE (object);

  unbind_item (self);
  g_clear_object (&self->validation);
  /* AdwBin keeps its own pointer to the child the template made: drop it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_ITEM_PANE);
  g_clear_object (&self->context);
  g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (cs_item_pane_parent_class)->dispose (object);
}

static void
cs_item_pane_finalize (GObject *object)
{
  CsItemPane *self = CS_ITEM_PANE (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (cs_item_pane_parent_class)->finalize (object);
}

static void
cs_item_pane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, CS_ITEM_PANE (object)->context);
      break;
    case PROP_PRODUCT_TEMPLATE:
      g_value_set_boolean (value, CS_ITEM_PANE (object)->product_template);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_item_pane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      CS_ITEM_PANE (object)->context = g_value_dup_object (value);
      break;
    case PROP_PRODUCT_TEMPLATE:
      CS_ITEM_PANE (object)->product_template = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_item_pane_constructed (GObject *object)
{
  CsItemPane *self = CS_ITEM_PANE (object);

  G_OBJECT_CLASS (cs_item_pane_parent_class)->constructed (object);
  setup_rows (self);
  cs_item_pane_set_item (self, NULL, 0, NULL);
}

static void
cs_item_pane_class_init (CsItemPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_item_pane_dispose;
  object_class->finalize = cs_item_pane_finalize;
  object_class->get_property = cs_item_pane_get_property;
  object_class->set_property = cs_item_pane_set_property;
  object_class->constructed = cs_item_pane_constructed;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A product template edits one unit of a catalogue product, not a cargo line: no counts,
   * marks, containers, identities or splits, figures per unit, no product completion. */
  properties[PROP_PRODUCT_TEMPLATE] =
    g_param_spec_boolean ("product-template", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CS_TYPE_FIELD_ROW);
  g_type_ensure (CS_TYPE_CHOICE_ROW);
  g_type_ensure (CS_TYPE_SWITCH_ROW);
  g_type_ensure (CS_TYPE_VIN_EDITOR);
  g_type_ensure (CS_TYPE_CATEGORY);
  g_type_ensure (CS_TYPE_POWERTRAIN);
  g_type_ensure (CS_TYPE_CONDITION);
  g_type_ensure (CS_TYPE_BATTERY_KIND);
  g_type_ensure (CS_TYPE_CHEMISTRY);
  g_type_ensure (CS_TYPE_ETHYLENE_KIND);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-item-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, page);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, general_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, vins_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, vehicle_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, electronics_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, machinery_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, perishable_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, dg_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, splits_group);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, splits_list);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, split_by_containers_button);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, description_row);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, container_row);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, vin_editor);
  gtk_widget_class_bind_template_child (widget_class, CsItemPane, serials_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_add_split_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_split_by_containers_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_product_text_cb);
}

static void
cs_item_pane_init (CsItemPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* ---- public API ------------------------------------------------------------------------------ */

GtkWidget *
cs_item_pane_new (CsContext *context)
{
  return g_object_new (CS_TYPE_ITEM_PANE, "context", context, NULL);
}

GtkWidget *
cs_item_pane_new_product_template (CsContext *context)
{
  return g_object_new (CS_TYPE_ITEM_PANE, "context", context, "product-template", TRUE, NULL);
}

void
cs_item_pane_set_item (CsItemPane   *self,
                       CsItem       *item,
                       guint         index,
                       CsValidation *validation)
{
  g_autofree char *item_path = NULL;

  g_return_if_fail (CS_IS_ITEM_PANE (self));
  g_return_if_fail (item == NULL || CS_IS_ITEM (item));

  unbind_item (self);
  g_set_object (&self->validation, validation);
  self->item = item ? g_object_ref (item) : NULL;
  self->index = index;
  if (item != NULL)
    {
      item_path = g_strdup_printf ("items[%u]", index);
      self->item_notify_handler = g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb),
                                                           self, G_CONNECT_SWAPPED);
      self->splits_handler = g_signal_connect_object (item->splits, "items-changed",
                                                      G_CALLBACK (rebuild_splits), self,
                                                      G_CONNECT_SWAPPED);
      self->root = g_object_ref (cs_record_get_root (CS_RECORD (item)));
      self->root_changed_handler = g_signal_connect_object (self->root, "changed",
                                                            G_CALLBACK (root_changed_cb), self,
                                                            G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < self->rows->len; i++)
    bind_row (self, g_ptr_array_index (self->rows, i), item ? CS_RECORD (item) : NULL, item_path);
  cs_vin_editor_bind (CS_VIN_EDITOR (self->vin_editor), item, item_path, validation);
  rebuild_splits (self);
  update_visibility (self);
  update_split_button (self);
  gtk_stack_set_visible_child_name (self->stack, item ? "item" : "empty");
}

CsItem *
cs_item_pane_get_item (CsItemPane *self)
{
  g_return_val_if_fail (CS_IS_ITEM_PANE (self), NULL);
  return self->item;
}

GtkWidget *
cs_item_pane_get_row (CsItemPane *self,
                      const char *field)
{
  g_return_val_if_fail (CS_IS_ITEM_PANE (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (row_field (self, g_ptr_array_index (self->rows, i)), field) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

GtkWidget *
cs_item_pane_get_vin_editor (CsItemPane *self)
{
  g_return_val_if_fail (CS_IS_ITEM_PANE (self), NULL);
  return self->vin_editor;
}

gboolean
cs_item_pane_focus_path (CsItemPane *self,
                         const char *rel_path)
{
  g_autofree char *field = NULL;
  GtkWidget *row;
  char *bracket;

  g_return_val_if_fail (CS_IS_ITEM_PANE (self), FALSE);

  if (self->item == NULL || rel_path == NULL)
    return FALSE;

  if (g_str_has_prefix (rel_path, "vehicle.vins"))
    {
      const char *b = strchr (rel_path, '[');

      gtk_widget_set_visible (GTK_WIDGET (self->vins_group), TRUE);
      if (b != NULL)
        cs_vin_editor_focus_vin (CS_VIN_EDITOR (self->vin_editor), (guint) strtoul (b + 1, NULL, 10));
      else
        gtk_widget_grab_focus (self->vin_editor);
      return TRUE;
    }

  if (g_str_has_prefix (rel_path, "splits["))
    {
      guint k = (guint) strtoul (rel_path + 7, NULL, 10);
      GtkListBoxRow *r = gtk_list_box_get_row_at_index (self->splits_list, (int) k);

      if (r == NULL)
        return FALSE;
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (r), TRUE);
      return gtk_widget_grab_focus (g_object_get_data (G_OBJECT (r), "container-row"));
    }

  /* "machinery.serials[2]" -> the second serial in the serials editor; "packages" ->
   * "packages.count". */
  field = g_strdup (rel_path);
  if ((bracket = strchr (field, '[')) != NULL)
    *bracket = '\0';
  row = cs_item_pane_get_row (self, field);
  if (row != NULL && CS_IS_VIN_EDITOR (row))
    {
      gtk_widget_set_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP), TRUE);
      if (bracket != NULL)
        cs_vin_editor_focus_vin (CS_VIN_EDITOR (row), (guint) strtoul (bracket + 1, NULL, 10));
      else
        gtk_widget_grab_focus (row);
      return TRUE;
    }
  if (row == NULL)
    {
      g_autofree char *sub = g_strconcat (field, ".count", NULL);
      row = cs_item_pane_get_row (self, sub);
    }
  if (row == NULL)
    return FALSE;
  gtk_widget_set_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP), TRUE);
  return gtk_widget_grab_focus (row);
}
