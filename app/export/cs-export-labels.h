/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-labels.h: column labels shared by the spreadsheet exports (CSV, XLSX) */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *en;   /* translatable (marked N_) */
  const char *zh;   /* fixed Chinese label for bilingual headers */
} CsExportLabel;

/* The item columns, in the order the CSV export writes them. */
typedef enum
{
  CS_ITEM_LABEL_LINE,
  CS_ITEM_LABEL_CATEGORY,
  CS_ITEM_LABEL_DESCRIPTION,
  CS_ITEM_LABEL_HS_CODE,
  CS_ITEM_LABEL_QUANTITY,
  CS_ITEM_LABEL_UNIT,
  CS_ITEM_LABEL_PACKAGES,
  CS_ITEM_LABEL_PACKAGE_TYPE,
  CS_ITEM_LABEL_NET_KG,
  CS_ITEM_LABEL_GROSS_KG,
  CS_ITEM_LABEL_VOLUME_M3,
  CS_ITEM_LABEL_VALUE,
  CS_ITEM_LABEL_CURRENCY,
  CS_ITEM_LABEL_ORIGIN,
  CS_ITEM_LABEL_CONTAINER,
  CS_ITEM_LABEL_MARKS,
  CS_ITEM_LABEL_UN_NUMBER,
  CS_ITEM_LABEL_DG_CLASS,
  CS_ITEM_LABEL_VIN,
  CS_N_ITEM_LABELS
} CsItemLabel;

extern const CsExportLabel cs_export_item_labels[CS_N_ITEM_LABELS];

char *cs_export_label_text (const CsExportLabel *label,
                            gboolean             bilingual);

G_END_DECLS
