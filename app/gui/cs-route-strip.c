/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-route-strip.c: the route as a strip of legs, with the shelf-life margin against it */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cs-format.h"
#include "cs-route-strip.h"
#include "cs-validator.h"

typedef struct
{
  const char *mode;    /* interned, may be NULL */
  char       *from;
  char       *to;
  double      days;    /* NAN = unknown */
  double      start;   /* on the axis, 0..1 */
  double      end;
  GtkWidget  *icon;    /* child: the mode's symbolic icon, in the mode's colour (style.css) */
} Segment;

struct _CsRouteStrip
{
  GtkWidget   parent_instance;

  CsManifest *manifest;
  CsCatalog  *catalog;
  gulong      changed_handler;
  guint       update_id;

  GArray     *segments;      /* Segment */
  double      arrival;       /* end of the last leg on the axis, 0..1 */
  double      margin;        /* days; NAN = none */
  double      margin_end;    /* where the shelf life runs out on the axis (may pass 1, or be < 0) */
  char       *margin_text;   /* "Shelf life margin 52 days" */
  char       *label;
};

G_DEFINE_FINAL_TYPE (CsRouteStrip, cs_route_strip, GTK_TYPE_WIDGET)

#define SEGMENT_HEIGHT 48
#define SEGMENT_GAP    3
#define GLYPH_SIZE     16
#define BAR_GAP        12
#define BAR_HEIGHT     8
#define CAPTION_GAP    4
#define MIN_SHARE      0.06   /* a leg of (almost) no days still gets this share of the axis */

/* ---- words ------------------------------------------------------------------------------- */

/* @s with its first character in title case (a new string). */
static char *
capitalize (const char *s)
{
  gunichar c = g_utf8_get_char (s);
  char buf[8];
  int n;

  if (c == 0 || !g_unichar_islower (c))
    return g_strdup (s);
  n = g_unichar_to_utf8 (g_unichar_totitle (c), buf);
  buf[n] = '\0';
  return g_strconcat (buf, g_utf8_next_char (s), NULL);
}

static char *
days_text (double days)
{
  if (!cs_num_is_set (days))
    return g_strdup (_("days unknown"));
  return cs_format_days (days);
}

static char *
margin_phrase (double margin)
{
  gulong n = (gulong) MIN (fabs (margin), G_MAXUINT);

  if (margin < 0)
    return g_strdup_printf (ngettext ("shelf life runs out %lu day before arrival",
                                      "shelf life runs out %lu days before arrival", n), n);
  return g_strdup_printf (ngettext ("shelf life margin %lu day", "shelf life margin %lu days", n), n);
}

static void
build_label (CsRouteStrip *self)
{
  GString *legs = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *s = &g_array_index (self->segments, Segment, i);
      g_autofree char *days = days_text (s->days);

      if (i > 0)
        g_string_append (legs, ", ");
      /* Translators: one leg of the route: mode, from, to, days ("rail CNCQI → CNQZH 2 days") */
      g_string_append_printf (legs, _("%s %s → %s %s"), cs_mode_label (s->mode),
                              s->from ? s->from : "?", s->to ? s->to : "?", days);
    }
  if (legs->len == 0)
    g_string_append (legs, _("No legs yet"));

  g_clear_pointer (&self->margin_text, g_free);
  if (cs_num_is_set (self->margin))
    {
      g_autofree char *phrase = margin_phrase (self->margin);

      self->margin_text = capitalize (phrase);
      /* Translators: the legs of the route, then the shelf-life margin */
      text = g_strdup_printf (_("%s; %s"), legs->str, phrase);
    }
  else
    text = g_strdup (legs->str);
  g_string_free (legs, TRUE);

  g_free (self->label);
  self->label = capitalize (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->label);
}

/* ---- computing --------------------------------------------------------------------------- */

static void
segment_clear (gpointer p)
{
  Segment *s = p;

  g_free (s->from);
  g_free (s->to);
  g_clear_pointer (&s->icon, gtk_widget_unparent);
}

/* The modes with an icon and a colour of their own (style.css: routestrip image.mode-…); any
 * other mode shows the river barge in the default colour. */
static const char * const icon_modes[] = { "rail", "sea", "road", "river", NULL };

static GtkWidget *
mode_icon_new (CsRouteStrip *self,
               const char   *mode)
{
  const char *known = g_strv_contains (icon_modes, mode ? mode : "") ? mode : NULL;
  g_autofree char *icon_name = g_strdup_printf ("consign-mode-%s-symbolic", known ? known : "river");
  g_autofree char *css_class = known ? g_strconcat ("mode-", known, NULL) : NULL;
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), GLYPH_SIZE);
  gtk_widget_add_css_class (icon, "mode");
  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);
  /* the strip's accessible label already names each leg's mode */
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_parent (icon, GTK_WIDGET (self));
  return icon;
}

static void
recompute (CsRouteStrip *self)
{
  g_autoptr(CsRouteTiming) timing = NULL;
  guint n = self->manifest ? CS_MANIFEST_N_LEGS (self->manifest) : 0;
  double known = 0, sum = 0, axis, extra = 0, at = 0;
  guint n_known = 0;

  g_array_set_size (self->segments, 0);
  self->margin = NAN;
  if (self->manifest != NULL && self->catalog != NULL)
    timing = cs_route_timing_new (self->manifest, self->catalog);

  for (guint i = 0; i < n; i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (self->manifest, i);
      Segment s = { leg->mode, g_strdup (leg->from), g_strdup (leg->to), NAN, 0, 0,
                    mode_icon_new (self, leg->mode) };

      if (timing != NULL && i < timing->n_legs)
        s.days = timing->leg_days[i];
      if (cs_num_is_set (s.days))
        {
          known += MAX (s.days, 0);
          n_known++;
        }
      g_array_append_val (self->segments, s);
    }

  /* widths: the days of each leg (an unknown leg counts as the average known one), with a
   * small floor so a leg of no days still shows */
  for (guint i = 0; i < n; i++)
    {
      Segment *s = &g_array_index (self->segments, Segment, i);

      s->end = cs_num_is_set (s->days) ? MAX (s->days, 0) : (n_known > 0 ? known / n_known : 1);
      sum += s->end;
    }
  for (guint i = 0; i < n; i++)
    {
      Segment *s = &g_array_index (self->segments, Segment, i);

      s->end = sum > 0 ? MAX (s->end, MIN_SHARE * sum) : 1;
    }
  sum = 0;
  for (guint i = 0; i < n; i++)
    sum += g_array_index (self->segments, Segment, i).end;

  if (timing != NULL && n > 0 && cs_num_is_set (timing->shelf_margin_days))
    {
      self->margin = timing->shelf_margin_days;
      /* the margin runs on past the arrival, up to the length of the route again */
      extra = self->margin > 0 ? MIN (self->margin, sum) : 0;
    }
  axis = sum + extra;

  for (guint i = 0; i < n; i++)
    {
      Segment *s = &g_array_index (self->segments, Segment, i);
      double w = s->end;

      s->start = axis > 0 ? at / axis : 0;
      at += w;
      s->end = axis > 0 ? at / axis : 0;
    }
  self->arrival = axis > 0 ? sum / axis : 0;
  self->margin_end = cs_num_is_set (self->margin) && axis > 0 ? (sum + self->margin) / axis : 0;

  build_label (self);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
update_cb (gpointer user_data)
{
  CsRouteStrip *self = user_data;

  self->update_id = 0;
  recompute (self);
  return G_SOURCE_REMOVE;
}

static void
on_manifest_changed_cb (CsRouteStrip *self,
                        CsRecord     *origin,
                        const char   *field)
{
  gboolean relevant = CS_IS_LEG (origin) || CS_IS_PERISHABLE (origin);

  if (CS_IS_MANIFEST (origin))
    relevant = g_strcmp0 (field, "legs") == 0 || g_strcmp0 (field, "items") == 0 ||
               g_strcmp0 (field, "corridor") == 0;
  else if (CS_IS_ITEM (origin))
    relevant = g_strcmp0 (field, "perishable") == 0;
  if (relevant && self->update_id == 0)
    self->update_id = g_idle_add (update_cb, self);
}

/* ---- drawing ----------------------------------------------------------------------------- */

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
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             int         width,
             gboolean    bold,
             double      scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  return layout;
}

static void
draw_segment (CsRouteStrip  *self,
              GtkSnapshot   *snapshot,
              Segment       *s,
              float          x,
              float          w,
              const GdkRGBA *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA color, tint;
  GskRoundedRect rr;
  float text_x = x + 10 + GLYPH_SIZE + 8;
  int text_w = (int) (x + w - 8 - text_x);

  /* the leg's colour is its icon's (style.css) */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (s->icon), &color);
G_GNUC_END_IGNORE_DEPRECATIONS
  tint = color;
  tint.alpha = 0.16f;
  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x, 0, w, SEGMENT_HEIGHT), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (x, 0, w, SEGMENT_HEIGHT));
  gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, 0, 4, SEGMENT_HEIGHT));

  if (w >= GLYPH_SIZE + 16)
    gtk_widget_snapshot_child (widget, s->icon, snapshot);
  if (text_w >= 16)
    {
      g_autofree char *places = g_strdup_printf ("%s → %s", s->from ? s->from : "?", s->to ? s->to : "?");
      g_autofree char *word = capitalize (cs_mode_label (s->mode));
      g_autofree char *days = days_text (s->days);
      g_autofree char *detail = g_strdup_printf ("%s · %s", word, days);
      g_autoptr(PangoLayout) top = make_layout (widget, places, text_w, TRUE, 1.0);
      g_autoptr(PangoLayout) bottom = make_layout (widget, detail, text_w, FALSE, 0.85);
      GdkRGBA dim = *fg;
      int h1, h2;

      dim.alpha *= 0.75f;
      pango_layout_get_pixel_size (top, NULL, &h1);
      pango_layout_get_pixel_size (bottom, NULL, &h2);
      append_text (snapshot, top, text_x, (SEGMENT_HEIGHT - h1 - h2) / 2.0f, fg);
      append_text (snapshot, bottom, text_x, (SEGMENT_HEIGHT - h1 - h2) / 2.0f + h1, &dim);
    }
  gtk_snapshot_pop (snapshot);
}

/* Where segment @i is drawn in a strip @w wide. */
static void
segment_span (CsRouteStrip *self,
              guint         i,
              float         w,
              float        *x0,
              float        *x1)
{
  Segment *s = &g_array_index (self->segments, Segment, i);

  *x0 = (float) (s->start * w) + (i > 0 ? SEGMENT_GAP / 2.0f : 0);
  *x1 = (float) (s->end * w) - (i + 1 < self->segments->len ? SEGMENT_GAP / 2.0f : 0);
}

static void
cs_route_strip_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CsRouteStrip *self = CS_ROUTE_STRIP (widget);

  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *s = &g_array_index (self->segments, Segment, i);
      float x0, x1;

      segment_span (self, i, width, &x0, &x1);
      gtk_widget_measure (s->icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (s->icon,
                                &(GtkAllocation) { (int) (x0 + 10), (SEGMENT_HEIGHT - GLYPH_SIZE) / 2,
                                                   GLYPH_SIZE, GLYPH_SIZE }, -1);
    }
}

static void
cs_route_strip_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CsRouteStrip *self = CS_ROUTE_STRIP (widget);
  float w = gtk_widget_get_width (widget);
  GdkRGBA fg;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < self->segments->len; i++)
    {
      Segment *s = &g_array_index (self->segments, Segment, i);
      float x0, x1;

      segment_span (self, i, w, &x0, &x1);
      if (x1 > x0)
        draw_segment (self, snapshot, s, x0, x1 - x0, &fg);
    }

  if (cs_num_is_set (self->margin))
    {
      float y = SEGMENT_HEIGHT + BAR_GAP;
      float arrival = (float) (self->arrival * w);
      float end = (float) (CLAMP (self->margin_end, 0, 1) * w);
      gboolean expired = self->margin < 0;
      GdkRGBA trough = fg, fill = { 0.15, 0.64, 0.41, 1 }, mark = fg, text_color = fg;
      GskRoundedRect rr;
      g_autoptr(PangoLayout) caption = make_layout (widget, self->margin_text, (int) w, expired, 0.85);

      trough.alpha *= 0.12f;
      mark.alpha *= 0.55f;
      lookup (widget, expired ? "error_color" : "success_color", &fill);
      if (expired)
        text_color = fill;
      else
        text_color.alpha *= 0.75f;

      gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (0, y, w, BAR_HEIGHT), BAR_HEIGHT / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &rr);
      gtk_snapshot_append_color (snapshot, &trough, &GRAPHENE_RECT_INIT (0, y, w, BAR_HEIGHT));
      gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (0, y, end, BAR_HEIGHT));
      if (expired)
        {
          /* the part of the way the goods travel spoiled */
          GdkRGBA spoiled = fill;

          spoiled.alpha *= 0.35f;
          gtk_snapshot_append_color (snapshot, &spoiled,
                                     &GRAPHENE_RECT_INIT (end, y, arrival - end, BAR_HEIGHT));
        }
      gtk_snapshot_pop (snapshot);
      /* the arrival: a tick from under the last leg through the bar */
      gtk_snapshot_append_color (snapshot, &mark,
                                 &GRAPHENE_RECT_INIT (MIN (arrival, w - 2), SEGMENT_HEIGHT + 3, 2,
                                                      BAR_GAP - 3 + BAR_HEIGHT + 2));
      append_text (snapshot, caption, 0, y + BAR_HEIGHT + CAPTION_GAP, &text_color);
    }
}

static int
caption_height (CsRouteStrip *self)
{
  g_autoptr(PangoLayout) layout = make_layout (GTK_WIDGET (self), "Ag", 100, FALSE, 0.85);
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static void
cs_route_strip_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CsRouteStrip *self = CS_ROUTE_STRIP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 480;
    }
  else
    {
      *minimum = *natural = SEGMENT_HEIGHT;
      if (cs_num_is_set (self->margin))
        *minimum = *natural = SEGMENT_HEIGHT + BAR_GAP + BAR_HEIGHT + CAPTION_GAP + caption_height (self);
    }
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
cs_route_strip_dispose (GObject *object)
{
  CsRouteStrip *self = CS_ROUTE_STRIP (object);

  cs_route_strip_set_manifest (self, NULL, NULL);
  g_array_set_size (self->segments, 0);   /* unparents the icons */
  G_OBJECT_CLASS (cs_route_strip_parent_class)->dispose (object);
}

static void
cs_route_strip_finalize (GObject *object)
{
  CsRouteStrip *self = CS_ROUTE_STRIP (object);

  g_array_unref (self->segments);
  g_free (self->margin_text);
  g_free (self->label);
  G_OBJECT_CLASS (cs_route_strip_parent_class)->finalize (object);
}

static void
cs_route_strip_class_init (CsRouteStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_route_strip_dispose;
  object_class->finalize = cs_route_strip_finalize;
  widget_class->snapshot = cs_route_strip_snapshot;
  widget_class->measure = cs_route_strip_measure;
  widget_class->size_allocate = cs_route_strip_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "routestrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

/* style.css gives the legs the palette's darker shades on light backgrounds and lighter ones on
 * dark: routestrip.dark. */
static void
on_dark_changed_cb (CsRouteStrip    *self,
                    GParamSpec      *pspec,
                    AdwStyleManager *style)
{
  if (adw_style_manager_get_dark (style))
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
}

static void
cs_route_strip_init (CsRouteStrip *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_dark_changed_cb (self, NULL, style);
  self->segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_array_set_clear_func (self->segments, segment_clear);
  self->margin = NAN;
  build_label (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cs_route_strip_new (void)
{
  return g_object_new (CS_TYPE_ROUTE_STRIP, NULL);
}

void
cs_route_strip_set_manifest (CsRouteStrip *self,
                             CsManifest   *manifest,
                             CsCatalog    *catalog)
{
  g_return_if_fail (CS_IS_ROUTE_STRIP (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));
  g_return_if_fail (catalog == NULL || CS_IS_CATALOG (catalog));

  if (self->manifest != NULL)
    g_clear_signal_handler (&self->changed_handler, self->manifest);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_set_object (&self->manifest, manifest);
  g_set_object (&self->catalog, catalog);
  if (manifest != NULL)
    self->changed_handler = g_signal_connect_object (manifest, "changed",
                                                     G_CALLBACK (on_manifest_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    recompute (self);
}

guint
cs_route_strip_get_n_segments (CsRouteStrip *self)
{
  g_return_val_if_fail (CS_IS_ROUTE_STRIP (self), 0);
  return self->segments->len;
}

gboolean
cs_route_strip_get_segment (CsRouteStrip *self,
                            guint         index,
                            const char  **mode,
                            const char  **from,
                            const char  **to,
                            double       *days,
                            double       *start,
                            double       *end)
{
  Segment *s;

  g_return_val_if_fail (CS_IS_ROUTE_STRIP (self), FALSE);
  if (index >= self->segments->len)
    return FALSE;
  s = &g_array_index (self->segments, Segment, index);
  if (mode)
    *mode = s->mode;
  if (from)
    *from = s->from;
  if (to)
    *to = s->to;
  if (days)
    *days = s->days;
  if (start)
    *start = s->start;
  if (end)
    *end = s->end;
  return TRUE;
}

double
cs_route_strip_get_margin (CsRouteStrip *self,
                           double       *end)
{
  g_return_val_if_fail (CS_IS_ROUTE_STRIP (self), NAN);
  if (end)
    *end = self->margin_end;
  return self->margin;
}

const char *
cs_route_strip_get_label (CsRouteStrip *self)
{
  g_return_val_if_fail (CS_IS_ROUTE_STRIP (self), NULL);
  return self->label;
}
