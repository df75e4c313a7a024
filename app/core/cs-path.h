/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-path.h: the JSON paths of fields inside a record ("items[3].vehicle.vins[2]")
 *
 * Findings, field rows and the history name a field by its path from the manifest: dotted field
 * names, a list element or a vector entry in brackets. These functions take such paths apart,
 * put them together and find what they name; cs_field_path (cs-field-label.h) gives the path of
 * a record's field.
 */
#pragma once

#include "cs-record.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;     /* the field's JSON name */
  int   index;    /* the element in brackets, or -1 */
} CsPathStep;

/* The steps of @path (an array of CsPathStep that frees its names), or NULL when @path is
 * malformed: an empty step, an index that is not a decimal number up to G_MAXINT in brackets,
 * or anything after the "]" but a dot. */
GArray        *cs_path_parse      (const char        *path);
/* The path of @n_steps @steps: the inverse of cs_path_parse. Free with g_free. */
char          *cs_path_build      (const CsPathStep  *steps,
                                   guint              n_steps);
/* Whether @path starts with element @index of the list @list ("items[3]…" for "items"); then
 * *@rest (may be NULL) points at what follows the element ("vehicle.vins[2]", "" for none). */
gboolean       cs_path_element    (const char        *path,
                                   const char        *list,
                                   guint             *index,
                                   const char       **rest);
/* What @path names inside @root: the record holding the last step's field (*@record), that field
 * (*@field) and the element the last step's brackets give (*@index, -1 without brackets): for
 * "items[3].vehicle.vins[2]" the vehicle block, its "vins" field and 2; for "items[3]" @root, its
 * "items" list and 3. FALSE when @path is malformed, names a field its record does not have,
 * passes through a block that is absent, or gives an index past the end of its list or vector. */
gboolean       cs_path_lookup     (CsRecord          *root,
                                   const char        *path,
                                   CsRecord         **record,
                                   const CsField    **field,
                                   int               *index);

/* Dotted field paths relative to a record without brackets ("vehicle.make"), as the field rows
 * take them. */

/* The leaf field of @dotted for records of @type (blocks need not exist), or NULL. */
const CsField *cs_path_leaf_field (GType              type,
                                   const char        *dotted);
/* The record holding the leaf, or NULL while a block on the way is absent. */
CsRecord      *cs_path_resolve    (CsRecord          *record,
                                   const char        *dotted);
/* Creates the missing blocks on the way (notifying) and returns the leaf's record. */
CsRecord      *cs_path_ensure     (CsRecord          *record,
                                   const char        *dotted);

G_END_DECLS
