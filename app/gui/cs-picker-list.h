/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-picker-list.h: what a searchable picker lists (CsPicker's and CsFieldRow's property) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick is the name a template uses ("locodes", "hs"). */
typedef enum
{
  CS_PICKER_LIST_NONE,
  CS_PICKER_LIST_LOCODES,
  CS_PICKER_LIST_COUNTRIES,
  CS_PICKER_LIST_CURRENCIES,
  CS_PICKER_LIST_INCOTERMS,
  CS_PICKER_LIST_PACKAGES,
  CS_PICKER_LIST_UNITS,
  CS_PICKER_LIST_SIZE_TYPES,
  CS_PICKER_LIST_HS,          /* HS chapters, then headings: a chapter narrows to its headings */
} CsPickerList;

GType cs_picker_list_get_type (void) G_GNUC_CONST;
#define CS_TYPE_PICKER_LIST (cs_picker_list_get_type ())

G_END_DECLS
