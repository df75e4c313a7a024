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

  double     gross;
  double     limit;
  char      *text;
};

G_DEFINE_FINAL_TYPE (CsWeightBar, cs_weight_bar, GTK_TYPE_WIDGET)

#define BAR_HEIGHT 8

static gboolean
lookup (GtkWidget  *widget,
        const char *name,
        GdkRGBA    *out)
{
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out);
G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
cs_weight_bar_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CsWeightBar *self = CS_WEIGHT_BAR (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  float y = (h - BAR_HEIGHT) / 2.0f;
  GdkRGBA trough = { 0.5, 0.5, 0.5, 0.2 };
  GdkRGBA fill = { 0.21, 0.52, 0.89, 1 };
  GdkRGBA mark = { 0.5, 0.5, 0.5, 0.8 };
  double frac = cs_weight_bar_get_fraction (self);
  double scale = MAX (1.0, frac);   /* overweight: the limit moves left */
  GskRoundedRect rr;

  if (lookup (widget, "window_fg_color", &trough))
    trough.alpha = 0.15;
  if (frac > 1.0)
    lookup (widget, "error_bg_color", &fill);
  else if (frac > 0.95)
    lookup (widget, "warning_bg_color", &fill);
  else
    lookup (widget, "accent_bg_color", &fill);
  if (lookup (widget, "window_fg_color", &mark))
    mark.alpha = 0.6;

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (0, y, w, BAR_HEIGHT), BAR_HEIGHT / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &trough, &GRAPHENE_RECT_INIT (0, y, w, BAR_HEIGHT));
  if (frac > 0)
    gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (0, y, (float) (w * frac / scale), BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);
  if (frac > 1.0)
    gtk_snapshot_append_color (snapshot, &mark,
                               &GRAPHENE_RECT_INIT ((float) (w / scale) - 1, 0, 2, h));
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
cs_weight_bar_finalize (GObject *object)
{
  g_free (CS_WEIGHT_BAR (object)->text);
  G_OBJECT_CLASS (cs_weight_bar_parent_class)->finalize (object);
}

static void
cs_weight_bar_class_init (CsWeightBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cs_weight_bar_finalize;
  widget_class->snapshot = cs_weight_bar_snapshot;
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
cs_weight_bar_get_text (CsWeightBar *self)
{
  g_return_val_if_fail (CS_IS_WEIGHT_BAR (self), NULL);
  return self->text;
}
