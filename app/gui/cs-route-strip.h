/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-route-strip.h: the route as a picture
 *
 * One segment per leg (a glyph of its mode, the mode word, "FROM → TO" and its days), each as
 * wide as its share of the transit time; under it, when the manifest carries perishable goods,
 * a bar of the tightest shelf life against the same time axis (red when the goods expire on the
 * way). Days and margin come from cs_route_timing_new (), so the picture counts as the
 * shelf-life rule does: a leg's own etd → eta, else the corridor's typical days.
 *
 * Accessible as an image whose label says the whole route in words ("Rail CNCQI → CNQZH
 * 2 days, sea CNQZH → VNHPH 2 days; shelf life margin 52 days"). Follows the manifest's
 * "changed" signal (legs, items and corridor only) and redraws once per burst of edits.
 */
#pragma once

#include <gtk/gtk.h>

#include "cs-catalog.h"
#include "cs-model.h"

G_BEGIN_DECLS

#define CS_TYPE_ROUTE_STRIP (cs_route_strip_get_type ())
G_DECLARE_FINAL_TYPE (CsRouteStrip, cs_route_strip, CS, ROUTE_STRIP, GtkWidget)

GtkWidget  *cs_route_strip_new             (void);
/* @manifest and @catalog may be NULL (nothing to show). Computes at once. */
void        cs_route_strip_set_manifest    (CsRouteStrip *self,
                                            CsManifest   *manifest,
                                            CsCatalog    *catalog);

/* What the picture shows (for tests and the accessible label). */
guint       cs_route_strip_get_n_segments  (CsRouteStrip *self);
/* Segment @index: its leg's mode (interned, may be NULL), from, to (may be NULL), days (NAN
 * when unknown) and where it sits on the time axis, as fractions of the strip's width. */
gboolean    cs_route_strip_get_segment     (CsRouteStrip *self,
                                            guint         index,
                                            const char  **mode,
                                            const char  **from,
                                            const char  **to,
                                            double       *days,
                                            double       *start,
                                            double       *end);
/* The tightest shelf-life margin in days (negative: expired on arrival); NAN when there is none
 * to show. @end: where the shelf life runs out on the axis (fraction; may pass 1 or be 0). */
double      cs_route_strip_get_margin      (CsRouteStrip *self,
                                            double       *end);
const char *cs_route_strip_get_label       (CsRouteStrip *self);

G_END_DECLS
