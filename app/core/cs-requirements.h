/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-requirements.h: which documents a manifest needs (requirements.json), which lines each
 * covers, and whether they are attached
 *
 * One home for the conditions of a requirement: the validator's document rules and the editor's
 * Documents page both ask here. A manifest-scope requirement is needed once for the shipment; an
 * item-scope one for each line it matches (category, HS prefix, dangerous goods, powertrain,
 * vehicle condition). Both are subject to the direction, the preference claimed, the shipper's
 * country and a from-date, compared with the reference date: the first leg's departure date when
 * it has one, else the date the caller gives (today).
 */
#pragma once

#include "cs-catalog.h"
#include "cs-model.h"

G_BEGIN_DECLS

typedef struct
{
  const CsRequirement *requirement;
  const char          *document;    /* the document kind needed (catalog string) */
  gboolean             whole;       /* manifest scope: once for the whole shipment */
  GArray              *items;       /* item scope: guint indexes of the items that need it */
  GArray              *missing;     /* item scope: those of @items no attached document covers */
  gboolean             present;     /* attached: for the shipment, or covering every item */
} CsNeededDocument;

void        cs_needed_document_free           (CsNeededDocument    *needed);

/* The date requirements compare with, YYYY-MM-DD into @out: the first leg's departure date when
 * it has one, else @today. Returns TRUE when it is the departure. */
gboolean    cs_requirements_reference_date    (CsManifest          *manifest,
                                               const GDate         *today,
                                               char                 out[11]);

/* The item's HS code as digits into @buf (16 bytes) when it is well formed (6, 8, 10 or 13
 * digits, dots and spaces ignored) in a chapter the catalog knows; else "" and FALSE. */
gboolean    cs_requirements_item_hs           (CsCatalog           *catalog,
                                               CsItem              *item,
                                               char                *buf);

/* Whether @q (manifest scope) applies to @manifest on @date_ref (YYYY-MM-DD). */
gboolean    cs_requirement_applies_to_manifest (const CsRequirement *q,
                                                CsManifest          *manifest,
                                                const char          *date_ref);
/* Whether @q (item scope) applies to @item, whose HS digits are @hs ("" when unusable). */
gboolean    cs_requirement_applies_to_item    (const CsRequirement *q,
                                               CsManifest          *manifest,
                                               CsItem              *item,
                                               const char          *hs,
                                               const char          *date_ref);
/* Whether the item's own data stands in for the document (a machinery licence number for
 * export_licence). */
gboolean    cs_requirement_met_by_item        (const CsRequirement *q,
                                               CsItem              *item);

/* Every document @manifest needs on the reference date (see above), in requirements.json order,
 * one entry per requirement that applies: CsNeededDocument, free with g_ptr_array_unref (). */
GPtrArray  *cs_requirements_needed            (CsManifest          *manifest,
                                               CsCatalog           *catalog,
                                               const GDate         *today);

G_END_DECLS
