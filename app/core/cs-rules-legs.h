/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-legs.h: rules on each leg's conveyance (vessel) and carrier */
#pragma once

#include "cs-rules-private.h"

G_BEGIN_DECLS

/* Part of the header unit: called from cs_rules_run_header. */
void cs_rules_run_legs (CsEngine  *e,
                        GPtrArray *out);

G_END_DECLS
