/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-field-row.h: a boxed-list row that edits one field of a record, with its own error under it
 *
 * The row shows a title, an editable text and, directly below, the message of the first
 * validation finding whose path is the row's JSON path (or a local parse error, such as text
 * that is not a number). Every change of the text is committed to the model through
 * cs_record_set_*(), so history, autosave and validation hear it; text that cannot be parsed
 * is not committed.
 *
 * @field is relative to the bound record and may name a sub-block: "gross_kg",
 * "vehicle.make", "incoterm.code", "parties.shipper.name". A missing sub-block is created
 * (cs_record_ensure_record) the first time the user types into the row, not before.
 *
 * Kinds handled: string, enum (typed value must be one of the choices), date (YYYY-MM-DD),
 * date-time (ISO 8601), number and integer (C locale or the user's locale), string vectors and
 * integer vectors (comma-separated). The row implements GtkEditable (delegating to its text).
 * "committed" is emitted after text typed into the row was written to the model.
 *
 * In a template a row is configured by its properties: "title", "field", "unit",
 * "placeholder", and "picker-list" for a code from a catalog list (the page sets "catalog").
 */
#pragma once

#include <adwaita.h>

#include "cs-catalog.h"
#include "cs-picker-list.h"
#include "cs-record.h"

/* The helpers this header used to declare too; include them directly where they are used. */
#include "cs-finding-lookup.h"
#include "cs-number-text.h"
#include "cs-path-watch.h"

G_BEGIN_DECLS

typedef struct _CsValidation CsValidation;

#define CS_TYPE_FIELD_ROW (cs_field_row_get_type ())
G_DECLARE_FINAL_TYPE (CsFieldRow, cs_field_row, CS, FIELD_ROW, AdwPreferencesRow)

GtkWidget  *cs_field_row_new            (const char   *title,
                                         const char   *field);
/* @record NULL = unbound (insensitive, empty). @json_path is the path findings use for this
 * field, e.g. "items[4].gross_kg". @validation may be NULL. */
void        cs_field_row_bind           (CsFieldRow   *self,
                                         CsRecord     *record,
                                         const char   *json_path,
                                         CsValidation *validation);
/* Findings on the block holding the field ("legs[0].vessel" for the vessel's name row) show
 * here too when the field has none of its own: a missing block has no row of its own. */
void        cs_field_row_set_block_path (CsFieldRow   *self,
                                         const char   *block_path);
/* Changes the field (rebinding to the same record); for rows whose field is chosen late. */
void        cs_field_row_set_field      (CsFieldRow   *self,
                                         const char   *field);
const char *cs_field_row_get_field      (CsFieldRow   *self);
CsRecord   *cs_field_row_get_record     (CsFieldRow   *self);
const char *cs_field_row_get_json_path  (CsFieldRow   *self);
/* The text shown under the field (parse error or finding message), or NULL. */
const char *cs_field_row_get_error_text (CsFieldRow   *self);
/* "error", "warning", "info" or NULL. */
const char *cs_field_row_get_error_severity (CsFieldRow *self);
/* A widget after the text: a unit label, a picker button. */
void        cs_field_row_add_suffix     (CsFieldRow   *self,
                                         GtkWidget    *widget);
void        cs_field_row_set_placeholder (CsFieldRow  *self,
                                          const char  *text);
/* "unit": a dimmed label after the text ("kg"); NULL or "" hides it. */
void        cs_field_row_set_unit       (CsFieldRow   *self,
                                         const char   *unit);
const char *cs_field_row_get_unit       (CsFieldRow   *self);
/* "picker-list": a searchable picker over that list after the text (set once; cs-picker.h). */
void        cs_field_row_set_picker_list (CsFieldRow  *self,
                                          CsPickerList list);
/* "catalog": the catalog the picker lists from (a row declared in a template gets it late). */
void        cs_field_row_set_catalog    (CsFieldRow   *self,
                                         CsCatalog    *catalog);
/* The text widget (a GtkText), for focus and accessibility tests. */
GtkWidget  *cs_field_row_get_text_widget (CsFieldRow  *self);

G_END_DECLS
