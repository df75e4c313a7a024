/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-goods.h: the category blocks of a goods item and their dangerous goods rules */
#pragma once

#include "cs-rules-private.h"

G_BEGIN_DECLS

/* Parts of the item unit, called from cs_rules_run_item in this order for the blocks that apply. */
void cs_rules_check_vehicle     (CsEngine           *e,
                                 GPtrArray          *out,
                                 ItemState          *st);
/* @hs: the item's HS digits ("" when not valid). */
void cs_rules_check_electronics (CsEngine           *e,
                                 GPtrArray          *out,
                                 ItemState          *st,
                                 const char         *hs);
void cs_rules_check_machinery   (CsEngine           *e,
                                 GPtrArray          *out,
                                 ItemState          *st);
/* @band: the item's reefer band, or NULL. */
void cs_rules_check_perishable  (CsEngine           *e,
                                 GPtrArray          *out,
                                 ItemState          *st,
                                 const CsReeferBand *band);

G_END_DECLS
