/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-choice-row.c: combo and switch rows bound to one field of a record */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cs-choice-row.h"
#include "cs-finding-lookup.h"
#include "cs-number-text.h"
#include "cs-path-watch.h"
#include "cs-validator.h"

/* ---- shared: the bound field and its findings as subtitle ------------------------------ */

typedef struct
{
  char          *field;
  const CsField *leaf;
  CsRecord      *record;
  char          *json_path;
  CsValidation  *validation;
  gulong         validation_handler;
  CsPathWatch   *watch;
  char          *message;
  gboolean       updating;
} Binding;

/* Shows the finding of the bound field (or nothing) as the subtitle of @row. */
static void
binding_show_finding (Binding   *b,
                      GtkWidget *row)
{
  g_autoptr(CsFinding) f = b->record ? cs_field_row_lookup_finding (b->validation, b->json_path, FALSE)
                                     : NULL;

  g_clear_pointer (&b->message, g_free);
  gtk_widget_remove_css_class (row, "field-error");
  gtk_widget_remove_css_class (row, "field-warning");
  if (f == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cs_finding_get_message (f));
  gtk_widget_add_css_class (row, f->severity == CS_SEVERITY_ERROR ? "field-error" : "field-warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  cs_finding_get_message (f), -1);
  b->message = g_strdup (cs_finding_get_message (f));
}

/* The part of binding a row both kinds share: record, JSON path, findings followed (through
 * @validation_changed, called on @row) and the leaf field resolved; the caller checks the leaf
 * and starts its watch. */
static void
binding_set (Binding      *b,
             gpointer      row,
             CsRecord     *record,
             const char   *json_path,
             CsValidation *validation,
             GCallback     validation_changed)
{
  g_clear_pointer (&b->watch, cs_path_watch_free);
  g_set_object (&b->record, record);
  g_free (b->json_path);
  b->json_path = g_strdup (json_path);
  cs_follow_validation (&b->validation, &b->validation_handler, validation, validation_changed, row);
  b->leaf = record ? cs_path_leaf_field (G_OBJECT_TYPE (record), b->field) : NULL;
}

static void
binding_dispose (Binding  *b,
                 gpointer  row)
{
  g_clear_pointer (&b->watch, cs_path_watch_free);
  cs_follow_validation (&b->validation, &b->validation_handler, NULL, NULL, row);
  g_clear_object (&b->record);
}

static void
binding_finalize (Binding *b)
{
  g_free (b->field);
  g_free (b->json_path);
  g_free (b->message);
}

/* ---- CsChoiceRow ------------------------------------------------------------------------ */

struct _CsChoiceRow
{
  AdwComboRow    parent_instance;

  Binding        b;
  GPtrArray     *values;      /* index 0 = NULL ("Not set") */
  GType          enum_type;   /* "enum-type": the values are its nicks; 0 for explicit values */
  GListModel    *labels;      /* "labels": a GtkStringList, one per value; NULL = the values */
};

G_DEFINE_FINAL_TYPE (CsChoiceRow, cs_choice_row, ADW_TYPE_COMBO_ROW)

enum {
  CHOICE_PROP_0,
  CHOICE_PROP_FIELD,
  CHOICE_PROP_ENUM_TYPE,
  CHOICE_PROP_LABELS,
  CHOICE_N_PROPS
};

static GParamSpec *choice_properties[CHOICE_N_PROPS];

static char *
choice_model_value (CsChoiceRow *self)
{
  CsRecord *rec = self->b.record ? cs_path_resolve (self->b.record, self->b.field) : NULL;
  gpointer slot;

  if (rec == NULL || self->b.leaf == NULL)
    return NULL;
  slot = CS_FIELD_SLOT (rec, self->b.leaf);
  if (self->b.leaf->kind == CS_FIELD_NUMBER || self->b.leaf->kind == CS_FIELD_INTEGER)
    return cs_num_is_set (*(double *) slot) ? cs_format_number (*(double *) slot, FALSE) : NULL;
  return g_strdup (*(const char **) slot);
}

static void
choice_refresh (gpointer data)
{
  CsChoiceRow *self = data;
  g_autofree char *value = choice_model_value (self);

  self->b.updating = TRUE;
  cs_choice_row_set_value (self, value);
  self->b.updating = FALSE;
}

static void
choice_refresh_finding (CsChoiceRow *self)
{
  binding_show_finding (&self->b, GTK_WIDGET (self));
}

static void
choice_selected_cb (CsChoiceRow *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  const char *value = i < self->values->len ? g_ptr_array_index (self->values, i) : NULL;
  CsRecord *rec;

  if (self->b.updating || self->b.record == NULL || self->b.leaf == NULL)
    return;
  rec = cs_path_resolve (self->b.record, self->b.field);
  if (rec == NULL && value == NULL)
    return;
  rec = cs_path_ensure (self->b.record, self->b.field);
  if (self->b.leaf->kind == CS_FIELD_NUMBER || self->b.leaf->kind == CS_FIELD_INTEGER)
    cs_record_set_number (rec, self->b.leaf->name, value ? g_ascii_strtod (value, NULL) : NAN);
  else
    cs_record_set_string (rec, self->b.leaf->name, value);
}

static void
cs_choice_row_dispose (GObject *object)
{
  CsChoiceRow *self = CS_CHOICE_ROW (object);

  binding_dispose (&self->b, self);

  G_OBJECT_CLASS (cs_choice_row_parent_class)->dispose (object);
}

static void
cs_choice_row_finalize (GObject *object)
{
  CsChoiceRow *self = CS_CHOICE_ROW (object);

  binding_finalize (&self->b);
  g_ptr_array_unref (self->values);
  g_clear_object (&self->labels);

  G_OBJECT_CLASS (cs_choice_row_parent_class)->finalize (object);
}

/* The combo's model: "Not set", then @values (NULL-terminated) shown as @labels. */
static void
choice_set_choices (CsChoiceRow        *self,
                    const char * const *values,
                    const char * const *labels)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->values, 0);
  g_ptr_array_add (self->values, NULL);
  gtk_string_list_append (model, _("Not set"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_ptr_array_add (self->values, g_strdup (values[i]));
      gtk_string_list_append (model, labels && labels[i] ? labels[i] : values[i]);
    }
  self->b.updating = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), 0);
  self->b.updating = FALSE;
  if (self->b.record != NULL)
    choice_refresh (self);
}

/* The choices from "enum-type" and "labels" (a row declared in a template). */
static void
choice_rebuild_from_enum (CsChoiceRow *self)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_labels = self->labels ? g_list_model_get_n_items (self->labels) : 0;

  if (self->enum_type == 0)
    return;
  klass = g_type_class_ref (self->enum_type);
  for (guint i = 0; i < klass->n_values; i++)
    {
      g_ptr_array_add (values, (gpointer) klass->values[i].value_nick);
      g_ptr_array_add (labels, i < n_labels ? (gpointer) gtk_string_list_get_string (GTK_STRING_LIST (self->labels), i)
                                            : (gpointer) klass->values[i].value_nick);
    }
  if (n_labels != 0 && n_labels != klass->n_values)
    g_critical ("CsChoiceRow: %u labels for the %u values of %s", n_labels, klass->n_values,
                g_type_name (self->enum_type));
  g_ptr_array_add (values, NULL);
  g_ptr_array_add (labels, NULL);
  choice_set_choices (self, (const char * const *) values->pdata, (const char * const *) labels->pdata);
}

static void
cs_choice_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsChoiceRow *self = CS_CHOICE_ROW (object);

  switch (prop_id)
    {
    case CHOICE_PROP_FIELD:
      g_value_set_string (value, self->b.field);
      break;
    case CHOICE_PROP_ENUM_TYPE:
      g_value_set_gtype (value, self->enum_type);
      break;
    case CHOICE_PROP_LABELS:
      g_value_set_object (value, self->labels);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_choice_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsChoiceRow *self = CS_CHOICE_ROW (object);

  switch (prop_id)
    {
    case CHOICE_PROP_FIELD:
      if (g_strcmp0 (self->b.field, g_value_get_string (value)) != 0)
        {
          g_free (self->b.field);
          self->b.field = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case CHOICE_PROP_ENUM_TYPE:
      if (self->enum_type != g_value_get_gtype (value))
        {
          self->enum_type = g_value_get_gtype (value);
          choice_rebuild_from_enum (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case CHOICE_PROP_LABELS:
      if (g_set_object (&self->labels, g_value_get_object (value)))
        {
          choice_rebuild_from_enum (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_choice_row_class_init (CsChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_choice_row_dispose;
  object_class->finalize = cs_choice_row_finalize;
  object_class->get_property = cs_choice_row_get_property;
  object_class->set_property = cs_choice_row_set_property;

  /* The field edited, relative to the bound record ("transport_document.type"); set before
   * the row is bound. */
  choice_properties[CHOICE_PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* An enum GType (cs-enums.h): its values' nicks, in order, are the choices. */
  choice_properties[CHOICE_PROP_ENUM_TYPE] =
    g_param_spec_gtype ("enum-type", NULL, NULL, G_TYPE_ENUM,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the user sees for each value of "enum-type", in its order (NULL: the nicks). */
  choice_properties[CHOICE_PROP_LABELS] =
    g_param_spec_object ("labels", NULL, NULL, GTK_TYPE_STRING_LIST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CHOICE_N_PROPS, choice_properties);
}

static void
cs_choice_row_init (CsChoiceRow *self)
{
  g_autoptr(GtkListItemFactory) factory =
    gtk_builder_list_item_factory_new_from_resource (NULL, RESOURCE_BASE "/ui/cs-choice-item.ui");

  self->values = g_ptr_array_new_with_free_func (g_free);
  adw_combo_row_set_factory (ADW_COMBO_ROW (self), factory);
  choice_set_choices (self, NULL, NULL);
  g_signal_connect (self, "notify::selected", G_CALLBACK (choice_selected_cb), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  /* No accessible label of our own: AdwComboRow names itself after its title, and a label on
   * top made screen readers say "Preference Preference". */
}

GtkWidget *
cs_choice_row_new (const char         *title,
                   const char         *field,
                   const char * const *values,
                   const char * const *labels)
{
  CsChoiceRow *self;

  g_return_val_if_fail (field != NULL && values != NULL, NULL);

  self = g_object_new (CS_TYPE_CHOICE_ROW, "title", title, "field", field, NULL);
  choice_set_choices (self, values, labels);
  return GTK_WIDGET (self);
}

static void
choice_validation_changed_cb (CsChoiceRow *self)
{
  choice_refresh_finding (self);
}

void
cs_choice_row_bind (CsChoiceRow  *self,
                    CsRecord     *record,
                    const char   *json_path,
                    CsValidation *validation)
{
  g_return_if_fail (CS_IS_CHOICE_ROW (self));

  binding_set (&self->b, self, record, json_path, validation, G_CALLBACK (choice_validation_changed_cb));
  if (record != NULL && self->b.leaf == NULL)
    g_critical ("%s has no field '%s'", G_OBJECT_TYPE_NAME (record), self->b.field);
  if (record != NULL && self->b.leaf != NULL)
    self->b.watch = cs_path_watch_new (record, self->b.field, choice_refresh, self);
  choice_refresh (self);
  choice_refresh_finding (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->b.leaf != NULL);
}

const char *
cs_choice_row_get_field (CsChoiceRow *self)
{
  g_return_val_if_fail (CS_IS_CHOICE_ROW (self), NULL);
  return self->b.field;
}

const char *
cs_choice_row_get_value (CsChoiceRow *self)
{
  guint i;

  g_return_val_if_fail (CS_IS_CHOICE_ROW (self), NULL);
  i = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  return i < self->values->len ? g_ptr_array_index (self->values, i) : NULL;
}

void
cs_choice_row_set_value (CsChoiceRow *self,
                         const char  *value)
{
  guint pos = 0;

  g_return_if_fail (CS_IS_CHOICE_ROW (self));
  for (guint i = 1; value != NULL && i < self->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->values, i), value) == 0)
      pos = i;
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self)) != pos)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self), pos);
}

const char *
cs_choice_row_get_error_text (CsChoiceRow *self)
{
  g_return_val_if_fail (CS_IS_CHOICE_ROW (self), NULL);
  return self->b.message;
}

/* ---- CsSwitchRow ------------------------------------------------------------------------ */

struct _CsSwitchRow
{
  AdwActionRow   parent_instance;

  Binding        b;
  GtkWidget     *toggle;
};

G_DEFINE_FINAL_TYPE (CsSwitchRow, cs_switch_row, ADW_TYPE_ACTION_ROW)

enum {
  SWITCH_PROP_0,
  SWITCH_PROP_FIELD,
  SWITCH_N_PROPS
};

static GParamSpec *switch_properties[SWITCH_N_PROPS];

static void
switch_refresh (gpointer data)
{
  CsSwitchRow *self = data;
  CsRecord *rec = self->b.record ? cs_path_resolve (self->b.record, self->b.field) : NULL;
  gboolean on = rec != NULL && self->b.leaf != NULL && *(gboolean *) CS_FIELD_SLOT (rec, self->b.leaf);

  self->b.updating = TRUE;
  if (gtk_switch_get_active (GTK_SWITCH (self->toggle)) != on)
    gtk_switch_set_active (GTK_SWITCH (self->toggle), on);
  self->b.updating = FALSE;
}

static void
switch_active_cb (CsSwitchRow *self)
{
  gboolean on = gtk_switch_get_active (GTK_SWITCH (self->toggle));
  CsRecord *rec;

  if (self->b.updating || self->b.record == NULL || self->b.leaf == NULL)
    return;
  rec = cs_path_resolve (self->b.record, self->b.field);
  if (rec == NULL && !on)
    return;
  rec = cs_path_ensure (self->b.record, self->b.field);
  cs_record_set_boolean (rec, self->b.leaf->name, on);
}

static void
switch_validation_changed_cb (CsSwitchRow *self)
{
  binding_show_finding (&self->b, GTK_WIDGET (self));
}

static void
cs_switch_row_dispose (GObject *object)
{
  CsSwitchRow *self = CS_SWITCH_ROW (object);

  binding_dispose (&self->b, self);

  G_OBJECT_CLASS (cs_switch_row_parent_class)->dispose (object);
}

static void
cs_switch_row_finalize (GObject *object)
{
  CsSwitchRow *self = CS_SWITCH_ROW (object);

  binding_finalize (&self->b);

  G_OBJECT_CLASS (cs_switch_row_parent_class)->finalize (object);
}

static void
cs_switch_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsSwitchRow *self = CS_SWITCH_ROW (object);

  switch (prop_id)
    {
    case SWITCH_PROP_FIELD:
      g_value_set_string (value, self->b.field);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_switch_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CsSwitchRow *self = CS_SWITCH_ROW (object);

  switch (prop_id)
    {
    case SWITCH_PROP_FIELD:
      if (g_strcmp0 (self->b.field, g_value_get_string (value)) != 0)
        {
          g_free (self->b.field);
          self->b.field = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The switch is named by the row's title (a template sets the title after init). */
static void
switch_title_cb (CsSwitchRow *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)), -1);
}

static void
cs_switch_row_class_init (CsSwitchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_switch_row_dispose;
  object_class->finalize = cs_switch_row_finalize;
  object_class->get_property = cs_switch_row_get_property;
  object_class->set_property = cs_switch_row_set_property;

  /* The dotted path of the boolean this row edits, relative to the record given to
   * cs_switch_row_bind(), e.g. "perishable.frozen". */
  switch_properties[SWITCH_PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SWITCH_N_PROPS, switch_properties);
}

static void
cs_switch_row_init (CsSwitchRow *self)
{
  self->toggle = gtk_switch_new ();
  gtk_widget_set_valign (self->toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->toggle);
  g_signal_connect_swapped (self->toggle, "notify::active", G_CALLBACK (switch_active_cb), self);
  g_signal_connect (self, "notify::title", G_CALLBACK (switch_title_cb), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cs_switch_row_new (const char *title,
                   const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return g_object_new (CS_TYPE_SWITCH_ROW, "title", title, "field", field, NULL);
}

const char *
cs_switch_row_get_field (CsSwitchRow *self)
{
  g_return_val_if_fail (CS_IS_SWITCH_ROW (self), NULL);
  return self->b.field;
}

void
cs_switch_row_bind (CsSwitchRow  *self,
                    CsRecord     *record,
                    const char   *json_path,
                    CsValidation *validation)
{
  g_return_if_fail (CS_IS_SWITCH_ROW (self));

  binding_set (&self->b, self, record, json_path, validation, G_CALLBACK (switch_validation_changed_cb));
  if (record != NULL && (self->b.leaf == NULL || self->b.leaf->kind != CS_FIELD_BOOLEAN))
    {
      g_critical ("%s has no boolean field '%s'", G_OBJECT_TYPE_NAME (record), self->b.field);
      self->b.leaf = NULL;
    }
  if (self->b.leaf != NULL)
    self->b.watch = cs_path_watch_new (record, self->b.field, switch_refresh, self);
  switch_refresh (self);
  switch_validation_changed_cb (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->b.leaf != NULL);
}

GtkSwitch *
cs_switch_row_get_switch (CsSwitchRow *self)
{
  g_return_val_if_fail (CS_IS_SWITCH_ROW (self), NULL);
  return GTK_SWITCH (self->toggle);
}

const char *
cs_switch_row_get_error_text (CsSwitchRow *self)
{
  g_return_val_if_fail (CS_IS_SWITCH_ROW (self), NULL);
  return self->b.message;
}

void
cs_form_collect_rows (GtkWidget *root,
                      GType      skip,
                      GPtrArray *out)
{
  if (skip != 0 && G_TYPE_CHECK_INSTANCE_TYPE (root, skip))
    return;
  if (CS_IS_FIELD_ROW (root) || CS_IS_CHOICE_ROW (root) || CS_IS_SWITCH_ROW (root))
    {
      g_ptr_array_add (out, root);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    cs_form_collect_rows (c, skip, out);
}
