/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-picker.h: a searchable picker over a catalog code list
 *
 * A button showing the current code's name; it opens a popover with a search entry and a list
 * filtered by keywords in English and Chinese (every word must appear in the code, the name,
 * the Chinese name or the detail; dots in digit groups are ignored, so "0808.10" finds 080810).
 * The chosen code is the "code" property, which can be bound to a model field.
 *
 * The picker lists one CsPickerList ("list"): a catalog list, or for HS codes the chapters and
 * the headings together (a chapter chosen narrows the list to its headings). The catalog can be
 * given late ("catalog", cs_picker_set_catalog), so that a picker row can be declared in a
 * template and get the application's catalog when its page has it.
 *
 * The row form is a CsFieldRow whose text is the code, with the picker as its suffix: the
 * user may type a code or search for it, and the field's findings show under it. In a template
 * it is a CsFieldRow with "picker-list" set (and "catalog" set by the page in C).
 */
#pragma once

#include <adwaita.h>

#include "cs-catalog.h"
#include "cs-field-row.h"

G_BEGIN_DECLS

#define CS_TYPE_PICKER (cs_picker_get_type ())
G_DECLARE_FINAL_TYPE (CsPicker, cs_picker, CS, PICKER, GtkWidget)

/* @kind: a CsPickerList nick ("locodes", "hs"). */
GtkWidget      *cs_picker_new             (CsCatalog   *catalog,
                                           const char  *kind);
GtkWidget      *cs_picker_new_for_list    (CsCatalog   *catalog,
                                           CsPickerList list);
CsPickerList    cs_picker_get_list        (CsPicker    *self);
/* The catalog whose list is shown (NULL: none yet, the picker lists nothing). */
void            cs_picker_set_catalog     (CsPicker    *self,
                                           CsCatalog   *catalog);
/* Any GListModel of CsCatalogEntry instead of a catalog kind. */
void            cs_picker_set_model       (CsPicker    *self,
                                           GListModel  *model);
const char     *cs_picker_get_code        (CsPicker    *self);
void            cs_picker_set_code        (CsPicker    *self,
                                           const char  *code);
/* The accessible name of the button is derived from this ("Choose: Port of loading"). */
void            cs_picker_set_title       (CsPicker    *self,
                                           const char  *title);
/* The entry for @code (for HS kinds the longest listed prefix), or NULL. Borrowed. */
CsCatalogEntry *cs_picker_lookup          (CsPicker    *self,
                                           const char  *code);
/* Search as the popover's entry does; the filtered list (borrowed) shows the result. */
void            cs_picker_set_search_text (CsPicker    *self,
                                           const char  *text);
GListModel     *cs_picker_get_results     (CsPicker    *self);
/* Choose the @position-th result, as a click on it does. */
void            cs_picker_choose_result   (CsPicker    *self,
                                           guint        position);
void            cs_picker_popup           (CsPicker    *self);
void            cs_picker_popdown         (CsPicker    *self);

/* TRUE when every word of @query occurs in the entry (case-insensitive). */
gboolean        cs_picker_entry_matches   (CsCatalogEntry *entry,
                                           const char     *query);

/* Row form: a CsFieldRow with "picker-list" set. @kind as for cs_picker_new(). */
GtkWidget      *cs_picker_row_new         (const char  *title,
                                           CsCatalog   *catalog,
                                           const char  *kind);
void            cs_picker_row_bind        (CsFieldRow  *row,
                                           CsRecord    *record,
                                           const char  *field,
                                           const char  *json_path,
                                           CsValidation *validation);
/* The row's picker, or NULL when @row has none. */
CsPicker       *cs_picker_row_get_picker  (CsFieldRow  *row);
/* For CsFieldRow's "picker-list": gives @row a picker over @list (once). */
CsPicker       *cs_picker_row_attach      (CsFieldRow  *row,
                                           CsCatalog   *catalog,
                                           CsPickerList list);

G_END_DECLS
