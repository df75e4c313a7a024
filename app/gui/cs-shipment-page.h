/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-shipment-page.h: route, places, parties and terms of a manifest */
#pragma once

#include <adwaita.h>

#include "cs-editor-page.h"

G_BEGIN_DECLS

#define CS_TYPE_SHIPMENT_PAGE (cs_shipment_page_get_type ())
G_DECLARE_FINAL_TYPE (CsShipmentPage, cs_shipment_page, CS, SHIPMENT_PAGE, CsEditorPage)

/* Signal "party-filling" (role): a party group is about to be filled from the directory; the
 * owner of the undo history seals it there, so that the fill is an undo step of its own. */

GtkWidget *cs_shipment_page_new        (CsContext      *context);
void       cs_shipment_page_set_manifest   (CsShipmentPage *self,
                                            CsManifest     *manifest);
void       cs_shipment_page_set_validation (CsShipmentPage *self,
                                            CsValidation   *validation);
/* Shows and focuses the field of @json_path ("legs[1].eta", "parties.consignee.tax_id",
 * "incoterm.code"); FALSE when this page has no such field. */
gboolean   cs_shipment_page_focus_path (CsShipmentPage *self,
                                        const char     *json_path);

G_END_DECLS
