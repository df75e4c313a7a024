/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-weight-bar.h: a container's gross weight as a bar against its limit
 *
 * Accent colour up to 95 % of the limit, warning colour up to the limit, error colour beyond
 * (the overflow drawn past a limit mark). CSS nodes: weightbar[.within|.near-limit|.over-limit] with
 * children trough, fill and mark; their colours are in style.css (libadwaita's named colours,
 * so the dark style works). Exposed to accessibility as a meter with a text value.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CS_TYPE_WEIGHT_BAR (cs_weight_bar_get_type ())
G_DECLARE_FINAL_TYPE (CsWeightBar, cs_weight_bar, CS, WEIGHT_BAR, GtkWidget)

GtkWidget *cs_weight_bar_new        (void);
/* NAN for either = unknown (an empty bar). */
void       cs_weight_bar_set_values (CsWeightBar *self,
                                     double       gross_kg,
                                     double       limit_kg);
double     cs_weight_bar_get_fraction (CsWeightBar *self);
/* "24,310 of 30,480 kg" style text (also the accessible value text). */
const char *cs_weight_bar_get_text  (CsWeightBar *self);

G_END_DECLS
