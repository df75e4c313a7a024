/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-legs.c: rules on each leg's conveyance (vessel) and carrier
 *
 * leg.imo_check_digit  an IMO ship number that is not 7 digits with the right check digit
 *                      (IMO Resolution A.1078(28); cs_imo_valid) is an error: a customs cargo
 *                      report identifies the ship by it.
 * leg.vessel_missing   a sea or river leg that names no vessel (no name, IMO number or call sign)
 *                      is a warning: the CUSCAR main carriage and most manifest systems need the
 *                      conveyance, but it is often known only once the booking is confirmed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-rules-legs.h"

static gboolean
vessel_named (const CsVessel *v)
{
  return v != NULL && (!cs_rules_str_empty (v->name) || !cs_rules_str_empty (v->imo) ||
                       !cs_rules_str_empty (v->call_sign));
}

void
cs_rules_run_legs (CsEngine  *e,
                   GPtrArray *out)
{
  CsManifest *m = e->manifest;

  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);
      CsVessel *v = leg->vessel;
      char path[48];

      if (v != NULL && !cs_rules_str_empty (v->imo) && !cs_imo_valid (v->imo))
        cs_rules_emit (e, out, "leg.imo_check_digit", CS_SEVERITY_ERROR,
                       PATHF ("legs[%u].vessel.imo", i),
                       CS_TEXT ("Leg %u: “%s” is not a valid IMO ship number", i + 1, v->imo),
                       CS_TEXT ("An IMO number has 7 digits, the last one a check digit; copy it "
                                "from the ship's particulars or the booking confirmation."));

      if ((leg->mode == cs_i.sea || leg->mode == cs_i.river) && !vessel_named (v))
        cs_rules_emit (e, out, "leg.vessel_missing", CS_SEVERITY_WARNING,
                       PATHF ("legs[%u].vessel", i),
                       CS_TEXT ("Leg %u goes by water but names no vessel", i + 1),
                       CS_TEXT ("Enter the vessel's name and IMO number once the booking is "
                                "confirmed: customs cargo reports identify the ship by them."));
    }
}
