/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-container-row.c: one row of the Containers page's list */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-checkdigit.h"
#include "cs-container-row.h"
#include "cs-weight-bar.h"

struct _CsContainerRow
{
  GtkBox       parent_instance;

  GtkLabel    *number;
  GtkLabel    *size;
  GtkWidget   *badge;
  CsWeightBar *bar;
  GtkLabel    *text;
};

G_DEFINE_FINAL_TYPE (CsContainerRow, cs_container_row, GTK_TYPE_BOX)

static void
cs_container_row_class_init (CsContainerRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (CS_TYPE_WEIGHT_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/cn/consign/Consign/ui/cs-container-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CsContainerRow, number);
  gtk_widget_class_bind_template_child (widget_class, CsContainerRow, size);
  gtk_widget_class_bind_template_child (widget_class, CsContainerRow, badge);
  gtk_widget_class_bind_template_child (widget_class, CsContainerRow, bar);
  gtk_widget_class_bind_template_child (widget_class, CsContainerRow, text);
}

static void
cs_container_row_init (CsContainerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cs_container_row_new (void)
{
  return g_object_new (CS_TYPE_CONTAINER_ROW, NULL);
}

void
cs_container_row_show (CsContainerRow *self,
                       CsContainer    *c,
                       double          gross,
                       double          limit,
                       guint           n_lines)
{
  g_autofree char *lines = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (CS_IS_CONTAINER_ROW (self));
  g_return_if_fail (CS_IS_CONTAINER (c));

  gtk_label_set_text (self->number, c->number ? c->number : _("New container"));
  gtk_label_set_text (self->size, c->size_type ? c->size_type : "");
  cs_weight_bar_set_values (self->bar, gross, limit);
  lines = g_strdup_printf (ngettext ("%s · %u line", "%s · %u lines", n_lines),
                           cs_weight_bar_get_text (self->bar), n_lines);
  gtk_label_set_text (self->text, lines);
  name = g_strdup_printf (_("Weight of %s"), c->number ? c->number : _("new container"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_visible (self->badge, c->number != NULL && !cs_iso6346_valid (c->number));
}
