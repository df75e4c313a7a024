/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-vin-editor.h: the VIN list of a vehicle line, edited as text (one VIN per line)
 *
 * Paste hundreds of VINs at once (one per line; spaces, tabs, commas and semicolons also
 * separate them). Each VIN is checked as you type (ISO 3779 shape, check digit where the
 * maker's region requires it) and marked: invalid ones are underlined and listed with the
 * reason, with the validator's findings for them (duplicates across lines, ...).
 * A container number (ISO 6346 form) after a VIN on its line, as pasted from two columns
 * ("VIN<Tab>container", "VIN,container"), is that car's box: item.vehicle.vin_containers.
 * The list is stored upper-cased in item.vehicle.vins through cs_record_set_strv().
 *
 * With "serials" set (cs_vin_editor_new_serials ()) it edits a machinery line's serial numbers
 * instead, item.machinery.serials with item.machinery.serial_containers: the same one-a-line
 * text, two-column paste and range assignment, but a serial number is any text, kept as typed
 * and never checked as a VIN.
 */
#pragma once

#include <adwaita.h>

#include "cs-field-row.h"
#include "cs-model.h"

G_BEGIN_DECLS

typedef enum
{
  CS_VIN_OK,
  CS_VIN_WARNING,   /* check digit wrong where it is only recommended */
  CS_VIN_INVALID,   /* not a VIN, or check digit wrong where it is required */
} CsVinStatus;

/* Status of one VIN and, when not OK, a translated reason (free with g_free). */
CsVinStatus cs_vin_status (const char  *vin,
                           char       **reason);

#define CS_TYPE_VIN_EDITOR (cs_vin_editor_get_type ())
G_DECLARE_FINAL_TYPE (CsVinEditor, cs_vin_editor, CS, VIN_EDITOR, GtkWidget)

GtkWidget   *cs_vin_editor_new            (void);
/* An editor of item.machinery.serials (the "serials" property). */
GtkWidget   *cs_vin_editor_new_serials    (void);
/* @item NULL = unbound. @item_path: "items[4]". */
void         cs_vin_editor_bind           (CsVinEditor  *self,
                                           CsItem       *item,
                                           const char   *item_path,
                                           CsValidation *validation);
guint        cs_vin_editor_get_n_vins     (CsVinEditor  *self);
CsVinStatus  cs_vin_editor_get_status     (CsVinEditor  *self,
                                           guint         index);
guint        cs_vin_editor_get_n_invalid  (CsVinEditor  *self);
/* Inserts @text at the cursor, as a paste from the clipboard does. */
void         cs_vin_editor_paste_text     (CsVinEditor  *self,
                                           const char   *text);
/* Selects the @index-th VIN and focuses the text. */
void         cs_vin_editor_focus_vin      (CsVinEditor  *self,
                                           guint         index);
/* Puts cars @first..@last (1-based, inclusive) in @container ("" takes them out of any box), as
 * the editor's "Cars … to … in container … Assign" row does; FALSE when the range is not within
 * the list. */
gboolean     cs_vin_editor_assign_range   (CsVinEditor  *self,
                                           guint         first,
                                           guint         last,
                                           const char   *container);
GtkTextView *cs_vin_editor_get_text_view  (CsVinEditor  *self);

G_END_DECLS
