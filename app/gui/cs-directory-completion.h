/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-directory-completion.h: matches from the party directory or the product catalogue, offered
 * under a text field as the user types
 *
 * A CsDirectoryCompletion is a popover attached to one GtkEditable (an AdwEntryRow, a
 * CsFieldRow, a GtkText). When the user changes the text (and the field has the keyboard
 * focus), it waits ~150 ms for the typing to pause, then searches the directory
 * (cs_directory_search_parties() or cs_directory_search_products(), at most
 * CS_DIRECTORY_COMPLETION_MAX matches) on the context's CsStoreThread; a result that comes back
 * after a newer search was started is dropped. Matches show under the field: a party's name,
 * Latin name, tax id and country; a product's code, English and Chinese description and HS
 * code. The focus stays in the field: Down and Up move through the matches, Enter chooses the
 * selected one, Escape closes the list (a click chooses too). Choosing emits "chosen" with the
 * entry (CsDirectoryParty * or CsProduct *, borrowed for the emission); changes of the text
 * made while "chosen" runs (the field refilled from the model) start no new search.
 */
#pragma once

#include <adwaita.h>

#include "cs-context.h"
#include "cs-directory.h"

G_BEGIN_DECLS

#define CS_DIRECTORY_COMPLETION_MAX 8

typedef enum
{
  CS_DIRECTORY_COMPLETION_PARTIES,
  CS_DIRECTORY_COMPLETION_PRODUCTS,
} CsDirectoryCompletionMode;

#define CS_TYPE_DIRECTORY_COMPLETION (cs_directory_completion_get_type ())
G_DECLARE_FINAL_TYPE (CsDirectoryCompletion, cs_directory_completion, CS, DIRECTORY_COMPLETION,
                      GtkPopover)

/* A completion over @editable (its widget becomes the popover's parent; the popover goes with
 * it). @editable must be a GtkWidget. */
CsDirectoryCompletion *cs_directory_completion_new (CsContext                 *context,
                                                    CsDirectoryCompletionMode  mode,
                                                    GtkEditable               *editable);
GtkEditable *cs_directory_completion_get_editable  (CsDirectoryCompletion *self);
CsDirectoryCompletionMode cs_directory_completion_get_mode (CsDirectoryCompletion *self);

/* The matches shown now (after the last search that came back). */
guint        cs_directory_completion_get_n_matches (CsDirectoryCompletion *self);
/* CsDirectoryParty * or CsProduct * of match @index (borrowed), or NULL. */
gpointer     cs_directory_completion_get_match     (CsDirectoryCompletion *self,
                                                    guint                  index);
/* The selected match (Down and Up move it), -1 when none. */
int          cs_directory_completion_get_selected  (CsDirectoryCompletion *self);
/* Chooses match @index, as a click or Enter does: emits "chosen" and closes the list. */
void         cs_directory_completion_choose        (CsDirectoryCompletion *self,
                                                    guint                  index);
/* Searches for the field's text now (no pause). */
void         cs_directory_completion_search_now    (CsDirectoryCompletion *self);

/* Cargo lines: product completion on @editable (the line's description or product row). On
 * a choice, @get_item gives the line being edited (NULL: nothing is done) and it is filled with
 * cs_directory_fill_item() at its own quantity: per-unit figures × quantity where the user has
 * typed none, and items[].product. When the line's description is the text typed to search
 * (the row writes what is typed), it is replaced by the product's. @destroy frees @user_data
 * with the completion. */
typedef CsItem *(*CsDirectoryItemFunc) (gpointer user_data);

CsDirectoryCompletion *cs_directory_completion_attach_product (GtkEditable         *editable,
                                                               CsContext           *context,
                                                               CsDirectoryItemFunc  get_item,
                                                               gpointer             user_data,
                                                               GDestroyNotify       destroy);

G_END_DECLS
