/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-leg-row.c: one leg of a manifest's route as an expander row of its fields */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-choice-row.h"
#include "cs-field-row.h"
#include "cs-leg-row.h"

struct _CsLegRow
{
  AdwExpanderRow  parent_instance;

  CsCatalog      *catalog;
  CsLeg          *leg;
  guint           index;
  GPtrArray      *rows;           /* CsFieldRow and CsChoiceRow, in the template's order */

  /* template */
  GtkWidget      *remove_button;
  CsChoiceRow    *mode_row;
  CsFieldRow     *vessel_name_row;
};

G_DEFINE_FINAL_TYPE (CsLegRow, cs_leg_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_field (GtkWidget *row)
{
  return CS_IS_FIELD_ROW (row) ? cs_field_row_get_field (CS_FIELD_ROW (row))
                               : cs_choice_row_get_field (CS_CHOICE_ROW (row));
}

static void
update_title (CsLegRow *self)
{
  g_autofree char *title = NULL;

  if (self->leg == NULL)
    return;
  title = g_strdup_printf (_("Leg %u: %s %s → %s"), self->index + 1,
                           cs_mode_label (self->leg->mode),
                           self->leg->from ? self->leg->from : "?",
                           self->leg->to ? self->leg->to : "?");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
}

static void
on_remove_clicked_cb (CsLegRow *self)
{
  if (self->leg != NULL)
    g_signal_emit (self, signals[REMOVE], 0);
}

static gboolean
str_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* After the user emptied a vessel row: a vessel with no name, number, call sign or flag is no
 * vessel, so the block goes (the file then says "not known" rather than an empty vessel). */
static void
on_vessel_committed_cb (CsLegRow *self)
{
  CsVessel *v = self->leg != NULL ? self->leg->vessel : NULL;

  if (v == NULL)
    return;
  if (!str_set (v->name) && !str_set (v->imo) && !str_set (v->call_sign) && !str_set (v->flag))
    cs_record_set_record (CS_RECORD (self->leg), "vessel", NULL);
}

static void
cs_leg_row_constructed (GObject *object)
{
  CsLegRow *self = CS_LEG_ROW (object);

  G_OBJECT_CLASS (cs_leg_row_parent_class)->constructed (object);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (CS_IS_FIELD_ROW (row))
        cs_field_row_set_catalog (CS_FIELD_ROW (row), self->catalog);
    }
}

static void
cs_leg_row_dispose (GObject *object)
{
  CsLegRow *self = CS_LEG_ROW (object);

  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_LEG_ROW);
  if (self->leg != NULL)
    g_signal_handlers_disconnect_by_data (self->leg, self);
  g_clear_object (&self->leg);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (cs_leg_row_parent_class)->dispose (object);
}

static void
cs_leg_row_finalize (GObject *object)
{
  CsLegRow *self = CS_LEG_ROW (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (cs_leg_row_parent_class)->finalize (object);
}

static void
cs_leg_row_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CsLegRow *self = CS_LEG_ROW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_leg_row_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CsLegRow *self = CS_LEG_ROW (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_leg_row_class_init (CsLegRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cs_leg_row_constructed;
  object_class->dispose = cs_leg_row_dispose;
  object_class->finalize = cs_leg_row_finalize;
  object_class->get_property = cs_leg_row_get_property;
  object_class->set_property = cs_leg_row_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, CS_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The trash button was clicked: the leg should go. */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CS_TYPE_FIELD_ROW);
  g_type_ensure (CS_TYPE_CHOICE_ROW);
  g_type_ensure (CS_TYPE_MODE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-leg-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsLegRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CsLegRow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, CsLegRow, vessel_name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
cs_leg_row_init (CsLegRow *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  cs_form_collect_rows (GTK_WIDGET (self), 0, self->rows);

  /* Words, never bare codes: the mode words are the core's. */
  for (guint i = 0; cs_modes[i] != NULL; i++)
    gtk_string_list_append (modes, cs_mode_label (cs_modes[i]));
  g_object_set (self->mode_row, "labels", modes, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_str_has_prefix (row_field (row), "vessel."))
        g_signal_connect_object (row, "committed", G_CALLBACK (on_vessel_committed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
}

GtkWidget *
cs_leg_row_new (CsCatalog *catalog)
{
  g_return_val_if_fail (catalog == NULL || CS_IS_CATALOG (catalog), NULL);

  return g_object_new (CS_TYPE_LEG_ROW, "catalog", catalog, NULL);
}

void
cs_leg_row_bind (CsLegRow     *self,
                 CsLeg        *leg,
                 guint         index,
                 CsValidation *validation)
{
  g_autofree char *remove_label = NULL;
  g_autofree char *block = NULL;

  g_return_if_fail (CS_IS_LEG_ROW (self));
  g_return_if_fail (leg == NULL || CS_IS_LEG (leg));

  if (self->leg != leg)
    {
      if (self->leg != NULL)
        g_signal_handlers_disconnect_by_data (self->leg, self);
      g_set_object (&self->leg, leg);
      if (leg != NULL)
        g_signal_connect_swapped (leg, "notify", G_CALLBACK (update_title), self);
    }
  self->index = index;
  update_title (self);

  remove_label = g_strdup_printf (_("Remove leg %u"), index + 1);
  gtk_widget_set_tooltip_text (self->remove_button, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      g_autofree char *path = g_strdup_printf ("legs[%u].%s", index, row_field (row));

      if (CS_IS_CHOICE_ROW (row))
        cs_choice_row_bind (CS_CHOICE_ROW (row), CS_RECORD (leg), path, validation);
      else
        cs_field_row_bind (CS_FIELD_ROW (row), CS_RECORD (leg), path, validation);
    }
  /* "No vessel" (legs[i].vessel) shows at the first vessel row. */
  block = g_strdup_printf ("legs[%u].vessel", index);
  cs_field_row_set_block_path (self->vessel_name_row, block);
}

CsLeg *
cs_leg_row_get_leg (CsLegRow *self)
{
  g_return_val_if_fail (CS_IS_LEG_ROW (self), NULL);
  return self->leg;
}

gboolean
cs_leg_row_focus_path (CsLegRow   *self,
                       const char *json_path)
{
  g_autofree char *prefix = NULL;
  const char *rest;

  g_return_val_if_fail (CS_IS_LEG_ROW (self), FALSE);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  prefix = g_strdup_printf ("legs[%u]", self->index);
  rest = g_str_has_prefix (json_path, prefix) ? json_path + strlen (prefix) : NULL;
  /* The row with this exact path, else the first one below it ("legs[0].vessel" → name). */
  for (guint pass = 0; rest != NULL && *rest == '.' && pass < 2; pass++)
    for (guint i = 0; i < self->rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (self->rows, i);
        const char *field = row_field (row);

        if (pass == 0 ? g_strcmp0 (field, rest + 1) == 0
                      : (g_str_has_prefix (field, rest + 1) && field[strlen (rest + 1)] == '.'))
          {
            GtkWidget *text = CS_IS_FIELD_ROW (row) ? cs_field_row_get_text_widget (CS_FIELD_ROW (row))
                                                    : NULL;

            return gtk_widget_grab_focus (text != NULL ? text : row);
          }
      }
  return gtk_widget_grab_focus (GTK_WIDGET (self));
}
