/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-weight-bar.c: a container's gross weight as a bar against its limit */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cs-format.h"
#include "cs-weight-bar.h"

struct _CsWeightBar
{
  GtkWidget  parent_instance;

  GtkWidget *trough;   /* css nodes; their colours are style.css's (weightbar > …) */
  GtkWidget *fill;
  GtkWidget *mark;

  double     gross;
  double     limit;
  char      *text;
};

G_DEFINE_FINAL_TYPE (CsWeightBar, cs_weight_bar, GTK_TYPE_WIDGET)

#define BAR_HEIGHT 8

/* The bar's state as a style class (not libadwaita's .warning and .error, which colour text):
 * "within" up to 95 % of the limit, "near-limit" up to the limit, "over-limit" beyond. */
static const char * const state_classes[] = { "within", "near-limit", "over-limit" };

static const char *
state_class (double frac)
{
  return state_classes[frac > 1.0 ? 2 : frac > 0.95 ? 1 : 0];
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height,
                int        baseline)
{
  int min_w, min_h;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, MAX (width, min_w), MAX (height, min_h) },
                            baseline);
}

/* The trough across the width, the fill from the left as far as the weight goes and, when the
 * weight is over the limit, the limit's mark (the limit moves left: the bar is the weight). */
static void
cs_weight_bar_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CsWeightBar *self = CS_WEIGHT_BAR (widget);
  double frac = cs_weight_bar_get_fraction (self);
  double scale = MAX (1.0, frac);
  int y = (height - BAR_HEIGHT) / 2;
  int fill_w = (int) round (width * frac / scale);

  allocate_child (self->trough, 0, y, width, BAR_HEIGHT, baseline);
  gtk_widget_set_child_visible (self->fill, fill_w > 0);
  if (fill_w > 0)
    allocate_child (self->fill, 0, y, fill_w, BAR_HEIGHT, baseline);
  gtk_widget_set_child_visible (self->mark, frac > 1.0);
  if (frac > 1.0)
    allocate_child (self->mark, (int) round (width / scale) - 1, 0, 2, height, baseline);
}

static void
cs_weight_bar_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 40;
      *natural = 160;
    }
  else
    *minimum = *natural = BAR_HEIGHT + 4;
}

static void
cs_weight_bar_dispose (GObject *object)
{
  CsWeightBar *self = CS_WEIGHT_BAR (object);

  g_clear_pointer (&self->trough, gtk_widget_unparent);
  g_clear_pointer (&self->fill, gtk_widget_unparent);
  g_clear_pointer (&self->mark, gtk_widget_unparent);
  G_OBJECT_CLASS (cs_weight_bar_parent_class)->dispose (object);
}

static void
cs_weight_bar_finalize (GObject *object)
{
  g_free (CS_WEIGHT_BAR (object)->text);
  G_OBJECT_CLASS (cs_weight_bar_parent_class)->finalize (object);
}

static void
cs_weight_bar_class_init (CsWeightBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cs_weight_bar_dispose;
  G_OBJECT_CLASS (klass)->finalize = cs_weight_bar_finalize;
  widget_class->size_allocate = cs_weight_bar_size_allocate;
  widget_class->measure = cs_weight_bar_measure;
  gtk_widget_class_set_css_name (widget_class, "weightbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
cs_weight_bar_init (CsWeightBar *self)
{
  self->gross = NAN;
  self->limit = NAN;
  self->text = g_strdup ("");
  /* plain css nodes: AdwBin is the smallest widget GTK 4.8 lets us make with a css name */
  self->trough = g_object_new (ADW_TYPE_BIN, "css-name", "trough", NULL);
  self->fill = g_object_new (ADW_TYPE_BIN, "css-name", "fill", NULL);
  self->mark = g_object_new (ADW_TYPE_BIN, "css-name", "mark", NULL);
  gtk_widget_set_parent (self->trough, GTK_WIDGET (self));
  gtk_widget_set_parent (self->fill, GTK_WIDGET (self));
  gtk_widget_set_parent (self->mark, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), state_class (0));
}

GtkWidget *
cs_weight_bar_new (void)
{
  return g_object_new (CS_TYPE_WEIGHT_BAR, NULL);
}

double
cs_weight_bar_get_fraction (CsWeightBar *self)
{
  g_return_val_if_fail (CS_IS_WEIGHT_BAR (self), 0);
  if (!(self->gross == self->gross) || !(self->limit == self->limit) || self->limit <= 0)
    return 0;
  return MAX (0, self->gross / self->limit);
}

void
cs_weight_bar_set_values (CsWeightBar *self,
                          double       gross_kg,
                          double       limit_kg)
{
  g_return_if_fail (CS_IS_WEIGHT_BAR (self));

  if ((gross_kg == self->gross || (isnan (gross_kg) && isnan (self->gross))) &&
      (limit_kg == self->limit || (isnan (limit_kg) && isnan (self->limit))))
    return;
  self->gross = gross_kg;
  self->limit = limit_kg;
  g_free (self->text);
  if (isnan (gross_kg))
    self->text = g_strdup (_("Weight unknown"));
  else
    {
      g_autofree char *gross = cs_format_decimal (gross_kg, 0);
      g_autofree char *limit = cs_format_decimal (limit_kg, 0);

      if (isnan (limit_kg))
        /* Translators: a container's gross weight when its limit is unknown */
        self->text = g_strdup_printf (_("%s kg, limit unknown"), gross);
      else
        /* Translators: a container's gross weight against its limit, e.g. "24,310 of 30,480 kg" */
        self->text = g_strdup_printf (_("%s of %s kg"), gross, limit);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, isnan (limit_kg) ? 0.0 : limit_kg,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, isnan (gross_kg) ? 0.0 : gross_kg,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->text);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self), state_class (cs_weight_bar_get_fraction (self)));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

const char *
cs_weight_bar_get_text (CsWeightBar *self)
{
  g_return_val_if_fail (CS_IS_WEIGHT_BAR (self), NULL);
  return self->text;
}
