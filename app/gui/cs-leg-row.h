/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-leg-row.h: one leg of a manifest's route as an expander row of its fields
 *
 * The title says which leg and where it goes ("Leg 2: sea CNQZH → VNHPH") and follows the leg;
 * expanded, the row shows the leg's mode, places, carrier, voyage, dates and vessel, each with
 * its own findings (paths "legs[1].eta"). A vessel emptied of every field goes, so that the
 * file says "no vessel" rather than an empty one. The trash button emits "remove"; whoever
 * holds the manifest takes the leg out of it.
 */
#pragma once

#include <adwaita.h>

#include "cs-catalog.h"
#include "cs-model.h"
#include "cs-validator.h"

G_BEGIN_DECLS

#define CS_TYPE_LEG_ROW (cs_leg_row_get_type ())
G_DECLARE_FINAL_TYPE (CsLegRow, cs_leg_row, CS, LEG_ROW, AdwExpanderRow)

/* @catalog: where the places and the flag are picked from (may be NULL). */
GtkWidget *cs_leg_row_new        (CsCatalog    *catalog);
/* Shows @leg, the @index-th of its manifest (0-based); @validation may be NULL. */
void       cs_leg_row_bind       (CsLegRow     *self,
                                  CsLeg        *leg,
                                  guint         index,
                                  CsValidation *validation);
CsLeg     *cs_leg_row_get_leg    (CsLegRow     *self);
/* Expands the row and focuses the field of @json_path ("legs[1].eta"), or the first one
 * below it ("legs[1].vessel": the vessel's name), else the row itself. */
gboolean   cs_leg_row_focus_path (CsLegRow     *self,
                                  const char   *json_path);

G_END_DECLS
