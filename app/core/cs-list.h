/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-list.h: an ordered list of records that is a GListModel
 *
 * Backed by a GPtrArray, so reading item i is O(1) and costs no reference (cs_list_index).
 * Every change emits GListModel::items-changed for exactly the range touched, and tells the
 * owning record's root (the manifest) through CsRecord's change bubbling.
 */
#pragma once

#include "cs-record.h"

G_BEGIN_DECLS

#define CS_TYPE_LIST (cs_list_get_type ())
G_DECLARE_FINAL_TYPE (CsList, cs_list, CS, LIST, GObject)

CsList     *cs_list_new            (GType       item_type,
                                    CsRecord   *owner,
                                    const char *field_name);
guint       cs_list_length         (CsList     *self);
/* Borrowed pointer, no reference taken. */
gpointer    cs_list_index          (CsList     *self,
                                    guint       position);
/* Position of @record, or -1. */
int         cs_list_find           (CsList     *self,
                                    gpointer    record);
void        cs_list_append         (CsList     *self,
                                    gpointer    record);
void        cs_list_insert         (CsList     *self,
                                    guint       position,
                                    gpointer    record);
void        cs_list_remove         (CsList     *self,
                                    guint       position);
/* Removes @n_removed at @position and inserts @n_added records from @added, one signal. */
void        cs_list_splice         (CsList     *self,
                                    guint       position,
                                    guint       n_removed,
                                    gpointer   *added,
                                    guint       n_added);
void        cs_list_clear          (CsList     *self);
/* Loader fast path: append without notifying anyone (for objects nobody observes yet). */
void        cs_list_append_silent  (CsList     *self,
                                    gpointer    record);
/* The underlying array; read-only. */
GPtrArray  *cs_list_get_array      (CsList     *self);

G_END_DECLS
