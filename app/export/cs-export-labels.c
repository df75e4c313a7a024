/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-labels.c: column labels shared by the spreadsheet exports (CSV, XLSX) */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-export-labels.h"

const CsExportLabel cs_export_item_labels[CS_N_ITEM_LABELS] = {
  [CS_ITEM_LABEL_LINE] = { N_("Line"), "序号" },
  [CS_ITEM_LABEL_CATEGORY] = { N_("Category"), "类别" },
  [CS_ITEM_LABEL_DESCRIPTION] = { N_("Description"), "品名" },
  [CS_ITEM_LABEL_HS_CODE] = { N_("HS code"), "商品编码" },
  [CS_ITEM_LABEL_QUANTITY] = { N_("Quantity"), "数量" },
  [CS_ITEM_LABEL_UNIT] = { N_("Unit"), "单位" },
  [CS_ITEM_LABEL_PACKAGES] = { N_("Packages"), "件数" },
  [CS_ITEM_LABEL_PACKAGE_TYPE] = { N_("Package type"), "包装种类" },
  [CS_ITEM_LABEL_NET_KG] = { N_("Net kg"), "净重" },
  [CS_ITEM_LABEL_GROSS_KG] = { N_("Gross kg"), "毛重" },
  [CS_ITEM_LABEL_VOLUME_M3] = { N_("Volume m³"), "体积" },
  [CS_ITEM_LABEL_VALUE] = { N_("Value"), "金额" },
  [CS_ITEM_LABEL_CURRENCY] = { N_("Currency"), "币制" },
  [CS_ITEM_LABEL_ORIGIN] = { N_("Origin"), "原产国" },
  [CS_ITEM_LABEL_CONTAINER] = { N_("Container"), "集装箱号" },
  [CS_ITEM_LABEL_MARKS] = { N_("Marks"), "唛头" },
  [CS_ITEM_LABEL_UN_NUMBER] = { N_("UN number"), "联合国编号" },
  [CS_ITEM_LABEL_DG_CLASS] = { N_("DG class"), "危险品类别" },
  [CS_ITEM_LABEL_VIN] = { N_("VIN"), "车架号" },
};

/* A header cell: "English/中文" when bilingual, else the label in the user's language. */
char *
cs_export_label_text (const CsExportLabel *label,
                      gboolean             bilingual)
{
  g_return_val_if_fail (label != NULL, NULL);

  if (bilingual)
    return g_strdup_printf ("%s/%s", label->en, label->zh);
  return g_strdup (_(label->en));
}
