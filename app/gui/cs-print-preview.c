/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-print-preview.c: the pages of the printed declaration, shown before printing */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-print-layout.h"
#include "cs-print-preview.h"

/* Pages rendered at this many pixels per point: A4 landscape is then 1,053 × 744 px. */
#define PREVIEW_SCALE 1.25
/* A preview shows the start of a long document; the print-out has every page. */
#define PREVIEW_MAX_PAGES 20

struct _CsPrintPreview
{
  AdwWindow       parent_instance;

  GCancellable   *cancellable;
  guint           n_pages;
  guint           n_shown;

  /* template */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkBox         *pages_box;
};

G_DEFINE_FINAL_TYPE (CsPrintPreview, cs_print_preview, ADW_TYPE_WINDOW)

enum {
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  guint      n_pages;
  GPtrArray *textures;   /* GdkTexture, one per page shown */
} Rendered;

static void
rendered_free (gpointer data)
{
  Rendered *r = data;

  g_ptr_array_unref (r->textures);
  g_free (r);
}

/* In a worker: lay out (the same options as printing) and draw the first pages. The snapshot
 * is a copy only this job reads. */
static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  CsManifest *snapshot = data;
  CsExportOptions options = { 0 };
  g_autoptr(CsPrintLayout) layout = NULL;
  Rendered *r = g_new0 (Rendered, 1);
  int width = (int) (CS_PRINT_A4_LANDSCAPE_WIDTH * PREVIEW_SCALE);
  int height = (int) (CS_PRINT_A4_LANDSCAPE_HEIGHT * PREVIEW_SCALE);

  options.bilingual = TRUE;
  layout = cs_print_layout_new (snapshot, &options, CS_PRINT_A4_LANDSCAPE_WIDTH,
                                CS_PRINT_A4_LANDSCAPE_HEIGHT);
  r->n_pages = cs_print_layout_paginate (layout, NULL);
  r->textures = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < MIN (r->n_pages, PREVIEW_MAX_PAGES); i++)
    {
      cairo_surface_t *surface;
      cairo_t *cr;
      g_autoptr(GBytes) bytes = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, PREVIEW_SCALE, PREVIEW_SCALE);
      cs_print_layout_draw_page (layout, cr, i);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * height);
      /* Cairo's ARGB32 is GDK's default memory format (premultiplied, native endian). */
      g_ptr_array_add (r->textures,
                       gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                               cairo_image_surface_get_stride (surface)));
      cairo_surface_destroy (surface);
    }
  g_task_return_pointer (task, r, rendered_free);
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Rendered *r = g_task_propagate_pointer (G_TASK (result), &error);
  CsPrintPreview *self;
  g_autofree char *subtitle = NULL;

  if (r == NULL)
    return;   /* cancelled: the window is gone */
  self = CS_PRINT_PREVIEW (source);
  self->n_pages = r->n_pages;
  self->n_shown = r->textures->len;
  for (guint i = 0; i < r->textures->len; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (r->textures, i));
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, r->n_pages);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_add_css_class (picture, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_box_append (self->pages_box, picture);
    }
  if (self->n_shown < self->n_pages)
    subtitle = g_strdup_printf (g_dngettext (NULL, "The first %u of %u page", "The first %u of %u pages",
                                             self->n_pages),
                                self->n_shown, self->n_pages);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u page", "%u pages", self->n_pages),
                                self->n_pages);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, "pages");
  rendered_free (r);
}

static void
on_print_clicked_cb (CsPrintPreview *self)
{
  g_signal_emit (self, signals[PRINT], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
cs_print_preview_dispose (GObject *object)
{
  CsPrintPreview *self = CS_PRINT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PRINT_PREVIEW);

  G_OBJECT_CLASS (cs_print_preview_parent_class)->dispose (object);
}

static void
cs_print_preview_class_init (CsPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_print_preview_dispose;

  /**
   * CsPrintPreview::print:
   *
   * The user wants the print dialog (the window closes itself).
   */
  signals[PRINT] = g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPrintPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, CsPrintPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, CsPrintPreview, pages_box);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cs_print_preview_init (CsPrintPreview *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cs_print_preview_new (CsManifest *snapshot)
{
  CsPrintPreview *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (CS_IS_MANIFEST (snapshot), NULL);

  self = g_object_new (CS_TYPE_PRINT_PREVIEW, NULL);
  task = g_task_new (self, self->cancellable, render_done_cb, NULL);
  g_task_set_source_tag (task, cs_print_preview_new);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, g_object_ref (snapshot), g_object_unref);
  g_task_run_in_thread (task, render_thread);
  return GTK_WIDGET (self);
}

guint
cs_print_preview_get_n_pages (CsPrintPreview *self)
{
  g_return_val_if_fail (CS_IS_PRINT_PREVIEW (self), 0);
  return self->n_pages;
}

guint
cs_print_preview_get_n_shown (CsPrintPreview *self)
{
  g_return_val_if_fail (CS_IS_PRINT_PREVIEW (self), 0);
  return self->n_shown;
}
