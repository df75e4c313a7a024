/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-corridor-apply.c: a catalog corridor applied to a manifest */

#include "config.h"

#include "cs-corridor-apply.h"

/* A new leg for corridor leg @cl: its first mode, origin and destination. */
static CsLeg *
leg_from_corridor (const CsCorridorLeg *cl)
{
  CsLeg *leg = cs_leg_new ();

  if (cl->modes != NULL && cl->modes[0] != NULL)
    cs_leg_set_mode (leg, cs_enum_from_string (CS_TYPE_MODE, cl->modes[0]));
  if (cl->from != NULL && cl->from[0] != NULL)
    cs_record_set_string (CS_RECORD (leg), "from", cl->from[0]);
  if (cl->to != NULL && cl->to[0] != NULL)
    cs_record_set_string (CS_RECORD (leg), "to", cl->to[0]);
  return leg;
}

void
cs_corridor_apply (CsManifest *manifest,
                   CsCatalog  *catalog,
                   const char *corridor_id)
{
  const CsCorridor *corridor;
  g_autoptr(GPtrArray) legs = NULL;

  g_return_if_fail (CS_IS_MANIFEST (manifest));

  cs_record_set_string (CS_RECORD (manifest), "corridor", corridor_id);
  corridor = corridor_id != NULL && catalog != NULL ? cs_catalog_get_corridor (catalog, corridor_id)
                                                    : NULL;
  if (corridor == NULL)
    return;

  legs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < corridor->n_legs; i++)
    if (!corridor->legs[i].optional)
      g_ptr_array_add (legs, leg_from_corridor (&corridor->legs[i]));
  cs_list_splice (manifest->legs, 0, CS_MANIFEST_N_LEGS (manifest), legs->pdata, legs->len);
}
