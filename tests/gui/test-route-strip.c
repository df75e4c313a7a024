/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-route-strip.c: the route picture's segments, days, shelf-life margin and words
 *
 * The shared example (rail CNCQI → CNQZH and sea CNQZH → VNHPH, two days each by their dates),
 * the corridor's typical days when a leg has no dates, the perishable fixture whose lettuce
 * expires on the way (checked against the validator's own finding), the bar drawn red in the
 * light and the dark style, and the Shipment page keeping the strip in step with its legs.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cs-gui-test.h"
#include "cs-route-strip.h"
#include "cs-shipment-page.h"
#include "cs-validator.h"

static gboolean have_display;
static CsGuiTestStore store;

#define NEED_DISPLAY() CS_GUI_TEST_NEED_DISPLAY (have_display)

static CsCatalog *
catalog (void)
{
  return cs_context_get_catalog (store.context);
}

static void
assert_segment (CsRouteStrip *strip,
                guint         index,
                const char   *mode,
                const char   *from,
                const char   *to,
                double        days)
{
  const char *m, *f, *t;
  double d, start, end;

  g_assert_true (cs_route_strip_get_segment (strip, index, &m, &f, &t, &d, &start, &end));
  g_assert_cmpstr (m, ==, mode);
  g_assert_cmpstr (f, ==, from);
  g_assert_cmpstr (t, ==, to);
  if (isnan (days))
    g_assert_true (isnan (d));
  else
    g_assert_cmpfloat (d, ==, days);
  g_assert_cmpfloat (start, <, end);
}

static double
segment_width (CsRouteStrip *strip,
               guint         index)
{
  double start, end;

  g_assert_true (cs_route_strip_get_segment (strip, index, NULL, NULL, NULL, NULL, &start, &end));
  return end - start;
}

static void
test_example_route (void)
{
  g_autoptr(CsManifest) m = NULL;
  CsRouteStrip *strip;
  CsLeg *sea;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  strip = CS_ROUTE_STRIP (g_object_ref_sink (cs_route_strip_new ()));
  cs_route_strip_set_manifest (strip, m, catalog ());

  /* 2026-04-06 → 04-08 by rail, 04-09 → 04-11 by sea */
  g_assert_cmpuint (cs_route_strip_get_n_segments (strip), ==, 2);
  assert_segment (strip, 0, "rail", "CNCQI", "CNQZH", 2);
  assert_segment (strip, 1, "sea", "CNQZH", "VNHPH", 2);
  g_assert_cmpfloat_with_epsilon (segment_width (strip, 0), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (segment_width (strip, 1), 0.5, 1e-9);
  g_assert_true (isnan (cs_route_strip_get_margin (strip, NULL)));
  g_assert_cmpstr (cs_route_strip_get_label (strip), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → VNHPH 2 days");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (strip)));

  /* Without its dates, the sea leg takes the corridor's typical days to its port: VNHPH is
   * two days, Singapore five; the widths follow (2 : 5). */
  sea = CS_MANIFEST_LEG (m, 1);
  cs_record_set_string (CS_RECORD (sea), "etd", NULL);
  cs_record_set_string (CS_RECORD (sea), "eta", NULL);
  cs_gui_test_spin ();
  assert_segment (strip, 1, "sea", "CNQZH", "VNHPH", 2);
  cs_record_set_string (CS_RECORD (sea), "to", "SGSIN");
  cs_gui_test_spin ();
  assert_segment (strip, 1, "sea", "CNQZH", "SGSIN", 5);
  g_assert_cmpfloat_with_epsilon (segment_width (strip, 0), 2.0 / 7, 1e-9);
  g_assert_cmpfloat_with_epsilon (segment_width (strip, 1), 5.0 / 7, 1e-9);
  g_assert_cmpstr (cs_route_strip_get_label (strip), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → SGSIN 5 days");

  /* Off the corridor, nobody knows the days: said so, and the leg still shows. */
  cs_record_set_string (CS_RECORD (m), "corridor", NULL);
  cs_gui_test_spin ();
  assert_segment (strip, 0, "rail", "CNCQI", "CNQZH", 2);
  g_assert_true (cs_route_strip_get_segment (strip, 1, NULL, NULL, NULL, NULL, NULL, NULL));
  g_assert_cmpstr (cs_route_strip_get_label (strip), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → SGSIN days unknown");
  g_assert_cmpfloat (segment_width (strip, 1), >, 0);

  /* No legs: nothing to show. */
  cs_list_remove (m->legs, 1);
  cs_list_remove (m->legs, 0);
  cs_gui_test_spin ();
  g_assert_cmpuint (cs_route_strip_get_n_segments (strip), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (strip)));

  cs_route_strip_set_manifest (strip, NULL, NULL);
  g_object_unref (strip);
}

/* The validator's shelf-life finding for items[@index], or NULL. */
static CsFinding *
shelf_finding (CsManifest *m,
               guint       index)
{
  g_autoptr(GPtrArray) findings = cs_validate (m, catalog (), NULL);
  g_autofree char *path = g_strdup_printf ("items[%u].perishable.shelf_life_days", index);

  for (guint i = 0; i < findings->len; i++)
    {
      CsFinding *f = findings->pdata[i];

      if (g_strcmp0 (f->rule, "perishable.shelf_life") == 0 && g_strcmp0 (f->path, path) == 0)
        return g_object_ref (f);
    }
  return NULL;
}

/* The colour at (@x, @y) of @widget as drawn (8-bit RGB). */
static void
pixel_at (GtkWidget *widget,
          int        x,
          int        y,
          guint8     rgb[3])
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autofree guchar *data = NULL;
  guint32 argb;

  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* After a change the widget has nothing to draw until the next frame lays it out. */
  while (node == NULL && g_get_monotonic_time () < deadline)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_main_context_iteration (NULL, FALSE);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  g_assert_cmpint (x, <, w);
  g_assert_cmpint (y, <, h);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, (gsize) w * 4);
  memcpy (&argb, data + ((gsize) y * w + x) * 4, 4);   /* CAIRO_FORMAT_ARGB32, native endian */
  rgb[0] = (argb >> 16) & 0xff;
  rgb[1] = (argb >> 8) & 0xff;
  rgb[2] = argb & 0xff;
}

/* Where the margin bar is drawn (the strip's own layout: 48 px of legs, 12 px gap, 8 px bar). */
#define BAR_X 6
#define BAR_Y (48 + 12 + 4)

static void
assert_bar_red (GtkWidget *strip)
{
  guint8 rgb[3];

  pixel_at (strip, BAR_X, BAR_Y, rgb);
  g_test_message ("bar colour %u %u %u", rgb[0], rgb[1], rgb[2]);
  g_assert_cmpint (rgb[0], >, rgb[1] + 60);
  g_assert_cmpint (rgb[0], >, rgb[2] + 60);
}

static void
test_perishable_margin (void)
{
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsFinding) finding = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *strip, *window;
  double end;
  guint8 rgb[3];

  NEED_DISPLAY ();
  m = cs_gui_test_load ("perishable-short-shelf-life.json");
  strip = cs_route_strip_new ();
  window = cs_gui_test_present (strip, 600, -1);
  cs_route_strip_set_manifest (CS_ROUTE_STRIP (strip), m, catalog ());
  cs_gui_test_spin ();

  /* Lettuce packed 2026-04-06 with 3 days of shelf life arrives 04-11: 2 days too late. The
   * mandarins (60 days from 04-01) have 50 to spare; the tighter one is shown. */
  g_assert_cmpfloat (cs_route_strip_get_margin (CS_ROUTE_STRIP (strip), &end), ==, -2);
  g_assert_cmpfloat (end, <, 1);
  finding = shelf_finding (m, 0);
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, CS_SEVERITY_ERROR);
  g_assert_nonnull (strstr (cs_finding_get_message (finding), "expire 2 days before they arrive"));
  g_assert_cmpstr (cs_route_strip_get_label (CS_ROUTE_STRIP (strip)), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → VNHPH 2 days; "
                   "shelf life runs out 2 days before arrival");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (strip), ==, cs_route_strip_get_label (CS_ROUTE_STRIP (strip)));

  /* The bar is red, in the light and the dark style. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  cs_gui_test_spin ();
  assert_bar_red (strip);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  cs_gui_test_spin ();
  assert_bar_red (strip);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* A longer shelf life: the lettuce now has 30 - 5 = 25 days left, still the tightest; the
   * validator agrees there is nothing to report, and the bar turns green. */
  cs_record_set_number (CS_RECORD (CS_MANIFEST_ITEM (m, 0)->perishable), "shelf_life_days", 30);
  cs_gui_test_spin ();
  g_assert_cmpfloat (cs_route_strip_get_margin (CS_ROUTE_STRIP (strip), &end), ==, 25);
  g_assert_cmpfloat (end, >, 1);   /* runs past the end of the axis */
  g_clear_object (&finding);
  g_assert_null (shelf_finding (m, 0));
  g_assert_cmpstr (cs_route_strip_get_label (CS_ROUTE_STRIP (strip)), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → VNHPH 2 days; shelf life margin 25 days");
  cs_gui_test_spin ();
  pixel_at (strip, BAR_X, BAR_Y, rgb);
  g_assert_cmpint (rgb[1], >, rgb[0] + 40);

  /* Without the lettuce line the mandarins' 50 days are the margin; without any perishable
   * line there is none. */
  cs_list_remove (m->items, 0);
  cs_gui_test_spin ();
  g_assert_cmpfloat (cs_route_strip_get_margin (CS_ROUTE_STRIP (strip), NULL), ==, 50);
  cs_list_remove (m->items, 0);
  cs_gui_test_spin ();
  g_assert_true (isnan (cs_route_strip_get_margin (CS_ROUTE_STRIP (strip), NULL)));
  g_assert_cmpstr (cs_route_strip_get_label (CS_ROUTE_STRIP (strip)), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → VNHPH 2 days");

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

static void
test_shipment_page (void)
{
  g_autoptr(CsManifest) m = NULL;
  GtkWidget *page, *window;
  CsRouteStrip *strip;

  NEED_DISPLAY ();
  m = cs_gui_test_load ("railsea-electronics.json");
  page = cs_shipment_page_new (store.context);
  window = cs_gui_test_present (page, 1000, 800);
  cs_shipment_page_set_manifest (CS_SHIPMENT_PAGE (page), m);
  cs_gui_test_spin ();

  strip = CS_ROUTE_STRIP (cs_gui_test_find_widget (page, CS_TYPE_ROUTE_STRIP));
  g_assert_nonnull (strip);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (strip)));
  g_assert_cmpuint (cs_route_strip_get_n_segments (strip), ==, 2);
  g_assert_cmpstr (cs_route_strip_get_label (strip), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → VNHPH 2 days");

  /* A leg added to the manifest shows in the strip (trucked on from Hai Phong, days unknown:
   * no corridor leg goes by road); another manifest replaces the route. */
  {
    g_autoptr(CsLeg) road = cs_leg_new ();

    cs_record_set_string (CS_RECORD (road), "mode", "road");
    cs_record_set_string (CS_RECORD (road), "from", "VNHPH");
    cs_record_set_string (CS_RECORD (road), "to", "VNHAN");
    cs_list_append (m->legs, road);
  }
  cs_gui_test_spin ();
  g_assert_cmpuint (cs_route_strip_get_n_segments (strip), ==, 3);
  assert_segment (strip, 2, "road", "VNHPH", "VNHAN", NAN);
  g_assert_cmpstr (cs_route_strip_get_label (strip), ==,
                   "Rail CNCQI → CNQZH 2 days, sea CNQZH → VNHPH 2 days, road VNHPH → VNHAN days unknown");

  {
    g_autoptr(CsManifest) other = cs_gui_test_load ("perishable-short-shelf-life.json");

    cs_shipment_page_set_manifest (CS_SHIPMENT_PAGE (page), other);
    cs_gui_test_spin ();
    g_assert_cmpfloat (cs_route_strip_get_margin (strip, NULL), ==, -2);
    cs_shipment_page_set_manifest (CS_SHIPMENT_PAGE (page), NULL);
    cs_gui_test_spin ();
    g_assert_cmpuint (cs_route_strip_get_n_segments (strip), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
}

/* The named colour @name of libadwaita's palette. */
static GdkRGBA
palette (GtkWidget  *widget,
         const char *name)
{
  GdkRGBA c = { 0, 0, 0, 0 };

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &c));
G_GNUC_END_IGNORE_DEPRECATIONS
  return c;
}

static void
assert_rgb (const guint8   rgb[3],
            const GdkRGBA *want)
{
  g_assert_cmpint (abs (rgb[0] - (int) (want->red * 255 + 0.5)), <=, 2);
  g_assert_cmpint (abs (rgb[1] - (int) (want->green * 255 + 0.5)), <=, 2);
  g_assert_cmpint (abs (rgb[2] - (int) (want->blue * 255 + 0.5)), <=, 2);
}

/* Segment @i's icon shows @mode's symbolic icon and has its colour (style.css), and the leg
 * is drawn in that colour: its edge and its icon's body. */
static void
assert_mode_look (GtkWidget  *strip,
                  GtkWidget  *icon,
                  const char *mode,
                  const char *colour)
{
  g_autofree char *icon_name = g_strdup_printf ("consign-mode-%s-symbolic", mode);
  g_autofree char *css_class = g_strconcat ("mode-", mode, NULL);
  g_autofree char *resource = g_strdup_printf (RESOURCE_BASE "/icons/scalable/actions/%s.svg", icon_name);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (strip));
  GdkRGBA want = palette (strip, colour), got;
  graphene_rect_t bounds, box;
  guint8 rgb[3];

  g_test_message ("%s: %s", mode, colour);
  g_assert_true (GTK_IS_IMAGE (icon));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, icon_name);
  g_assert_true (gtk_icon_theme_has_icon (theme, icon_name));
  g_assert_true (g_resources_get_info (resource, 0, NULL, NULL, NULL));
  g_assert_true (gtk_widget_has_css_class (icon, "mode"));
  g_assert_true (gtk_widget_has_css_class (icon, css_class));
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (icon), &got);
G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_true (gdk_rgba_equal (&got, &want));

  /* the pixels: the leg's edge (4 px wide, 10 px before the icon) and the icon's body. The
   * strip is drawn with its border box (the style sheet's padding) scaled to its content size. */
  g_assert_true (gtk_widget_compute_bounds (icon, strip, &bounds));
  g_assert_true (gtk_widget_compute_bounds (strip, strip, &box));
  pixel_at (strip,
            (int) ((bounds.origin.x - box.origin.x - 8) * gtk_widget_get_width (strip) / box.size.width),
            (int) ((bounds.origin.y - box.origin.y + 8) * gtk_widget_get_height (strip) / box.size.height),
            rgb);
  assert_rgb (rgb, &want);
  pixel_at (icon, 4, 9, rgb);   /* the railcar's body, the ship's hull, the truck's box */
  assert_rgb (rgb, &want);
}

static void
test_mode_classes_and_icons (void)
{
  static const struct {
    AdwColorScheme scheme;
    gboolean       dark;
    const char    *rail, *sea, *road;
  } looks[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE, "purple_3", "blue_3", "orange_4" },
    { ADW_COLOR_SCHEME_FORCE_DARK, TRUE, "purple_2", "blue_2", "orange_2" },
  };
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  GdkDisplay *display = gdk_display_get_default ();
  GtkWidget *strip, *window, *rail, *sea, *road;

  NEED_DISPLAY ();
  /* What the application does for the app's windows (resource base path): its style sheet and
   * icons. */
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display), RESOURCE_BASE "/icons");

  m = cs_gui_test_load ("railsea-electronics.json");
  {
    g_autoptr(CsLeg) leg = cs_leg_new ();

    cs_record_set_string (CS_RECORD (leg), "mode", "road");
    cs_record_set_string (CS_RECORD (leg), "from", "VNHPH");
    cs_record_set_string (CS_RECORD (leg), "to", "VNHAN");
    cs_list_append (m->legs, leg);
  }
  strip = cs_route_strip_new ();
  window = cs_gui_test_present (strip, 900, -1);
  cs_route_strip_set_manifest (CS_ROUTE_STRIP (strip), m, catalog ());
  cs_gui_test_spin ();
  g_assert_cmpuint (cs_route_strip_get_n_segments (CS_ROUTE_STRIP (strip)), ==, 3);

  /* One icon child per leg, in order. */
  rail = gtk_widget_get_first_child (strip);
  sea = rail ? gtk_widget_get_next_sibling (rail) : NULL;
  road = sea ? gtk_widget_get_next_sibling (sea) : NULL;
  g_assert_nonnull (road);
  g_assert_null (gtk_widget_get_next_sibling (road));

  /* The palette's darker shades in the light style, lighter ones in the dark. */
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    {
      adw_style_manager_set_color_scheme (style, looks[i].scheme);
      cs_gui_test_spin ();
      g_assert_true (gtk_widget_has_css_class (strip, "dark") == looks[i].dark);
      assert_mode_look (strip, rail, "rail", looks[i].rail);
      assert_mode_look (strip, sea, "sea", looks[i].sea);
      assert_mode_look (strip, road, "road", looks[i].road);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* A route changed: the icons follow (the river leg's barge). */
  cs_record_set_string (CS_RECORD (CS_MANIFEST_LEG (m, 2)), "mode", "river");
  cs_gui_test_spin ();
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_last_child (strip))), ==,
                   "consign-mode-river-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
  cs_gui_test_spin ();
  gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (css));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  have_display = cs_gui_test_init (&argc, &argv, &store, "cs-test-route-XXXXXX");
  g_test_add_func ("/route-strip/example-route", test_example_route);
  g_test_add_func ("/route-strip/perishable-margin", test_perishable_margin);
  g_test_add_func ("/route-strip/shipment-page", test_shipment_page);
  g_test_add_func ("/route-strip/mode-classes-and-icons", test_mode_classes_and_icons);
  status = g_test_run ();
  cs_gui_test_store_close (&store);
  return status;
}
