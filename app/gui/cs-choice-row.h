/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-choice-row.h: a combo row for an enum (or small number) field, and a switch row for a
 * boolean field, with the field's findings as the row's subtitle
 *
 * Both edit through cs_record_set_*() and follow the model (undo, other views). @field may be
 * a dotted path into a sub-block ("electronics.battery"); a missing block is created on the
 * first change the user makes.
 *
 * In a template a CsChoiceRow is configured by properties: "field", "enum-type" (an enum GType
 * from cs-enums.h, whose nicks are the stored values, in order) and "labels" (a GtkStringList
 * of what the user sees for each value; without it the nicks show).
 */
#pragma once

#include <adwaita.h>

#include "cs-field-row.h"

G_BEGIN_DECLS

#define CS_TYPE_CHOICE_ROW (cs_choice_row_get_type ())
G_DECLARE_FINAL_TYPE (CsChoiceRow, cs_choice_row, CS, CHOICE_ROW, AdwComboRow)

/* @values: the stored values (enum strings, or numbers written as text for number fields);
 * @labels: what the user sees, same length (NULL = the values). A first "Not set" entry is
 * added. */
GtkWidget  *cs_choice_row_new      (const char         *title,
                                    const char         *field,
                                    const char * const *values,
                                    const char * const *labels);
void        cs_choice_row_bind     (CsChoiceRow        *self,
                                    CsRecord           *record,
                                    const char         *json_path,
                                    CsValidation       *validation);
/* The field edited ("field"), relative to the bound record. */
const char *cs_choice_row_get_field (CsChoiceRow       *self);
/* The stored value selected, or NULL for "Not set". */
const char *cs_choice_row_get_value (CsChoiceRow       *self);
void        cs_choice_row_set_value (CsChoiceRow       *self,
                                     const char        *value);
const char *cs_choice_row_get_error_text (CsChoiceRow  *self);

#define CS_TYPE_SWITCH_ROW (cs_switch_row_get_type ())
G_DECLARE_FINAL_TYPE (CsSwitchRow, cs_switch_row, CS, SWITCH_ROW, AdwActionRow)

GtkWidget  *cs_switch_row_new      (const char         *title,
                                    const char         *field);
void        cs_switch_row_bind     (CsSwitchRow        *self,
                                    CsRecord           *record,
                                    const char         *json_path,
                                    CsValidation       *validation);
const char *cs_switch_row_get_field (CsSwitchRow       *self);
GtkSwitch  *cs_switch_row_get_switch (CsSwitchRow      *self);
const char *cs_switch_row_get_error_text (CsSwitchRow  *self);

/* The form rows (CsFieldRow, CsChoiceRow, CsSwitchRow) declared under @root, depth first, added
 * to @out. Nothing under a widget of type @skip is taken (0: skip nothing): a party group keeps
 * its own rows. */
void        cs_form_collect_rows   (GtkWidget          *root,
                                    GType               skip,
                                    GPtrArray          *out);

G_END_DECLS
