/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-party-group.h: the ten rows of one party of a manifest, with what the directory knows of it
 *
 * An AdwPreferencesGroup whose "role" (CsPartyRole) says which party of the manifest its rows
 * edit ("parties.consignee.name" …). Its title is the role's name, set where the group is
 * declared. Besides the rows it has what the party directory offers: matches from the directory
 * under the name, Latin name and tax id rows (choosing one fills the whole group), "Save to
 * Directory" and "Refresh from Directory" buttons in its header, a warning icon on the tax id
 * row when the tax id is malformed (checked as typed), and a note under the rows naming the
 * other directory entries with the same tax id. Only a change of this group's party makes it
 * look at the directory again, after a pause in typing.
 *
 * Signal "party-filling": the group is about to be filled from a directory entry (chosen from
 * the completion, or "Refresh from Directory"); the owner of the undo history seals the open
 * step there, so that the fill is an undo step of its own.
 */
#pragma once

#include <adwaita.h>

#include "cs-context.h"
#include "cs-model.h"
#include "cs-validator.h"

G_BEGIN_DECLS

#define CS_TYPE_PARTY_GROUP (cs_party_group_get_type ())
G_DECLARE_FINAL_TYPE (CsPartyGroup, cs_party_group, CS, PARTY_GROUP, AdwPreferencesGroup)

CsPartyRole cs_party_group_get_role       (CsPartyGroup *self);
void        cs_party_group_set_role       (CsPartyGroup *self,
                                           CsPartyRole   role);
/* The context whose directory (store thread) and catalog the group uses; set once, before the
 * group is bound. */
void        cs_party_group_set_context    (CsPartyGroup *self,
                                           CsContext    *context);
/* Binds the rows to @manifest (NULL: none) and its findings. Another manifest than before
 * forgets the directory entry the group was filled from; the directory is asked at once. */
void        cs_party_group_bind           (CsPartyGroup *self,
                                           CsManifest   *manifest,
                                           CsValidation *validation);
/* Focuses the row of @json_path ("parties.notify.tax_id"), or the first row below it
 * ("parties.notify"); FALSE when the group has no such row. */
gboolean    cs_party_group_focus_path     (CsPartyGroup *self,
                                           const char   *json_path);

G_END_DECLS
