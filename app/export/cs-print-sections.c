/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-print-sections.c: the sections of the printed manifest and what each cell says
 *
 * Parties and terms, route, cargo items with totals, containers (seals, VGM, reefer), VIN
 * annex, cold chain, documents, validation findings, notes, declaration and signature.
 * Chinese label halves are fixed text; English halves carry the context "bilingual print".
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cs-field-label.h"
#include "cs-print-layout-private.h"

/* ---------------------------------------------------------------- text helpers */

char *
cs_print_format_decimal (double value,
                         guint  min_decimals,
                         guint  max_decimals)
{
  GString *s = g_string_new (NULL);
  char fmt[16];
  char buf[512];
  const char *p, *dot, *end, *int_end;
  gboolean zero = TRUE;

  if (!cs_num_is_set (value))
    return g_string_free (s, FALSE);

  max_decimals = MIN (max_decimals, 9);
  min_decimals = MIN (min_decimals, max_decimals);
  g_snprintf (fmt, sizeof fmt, "%%.%uf", max_decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, value);

  end = buf + strlen (buf);
  dot = strchr (buf, '.');
  if (dot != NULL)
    {
      while (end > dot + 1 + min_decimals && end[-1] == '0')
        end--;
      if (end == dot + 1)
        end = dot;
    }
  int_end = dot != NULL ? dot : end;

  p = buf;
  if (*p == '-')
    p++;
  for (const char *q = p; q < end; q++)
    if (*q != '0' && *q != '.')
      zero = FALSE;
  if (p != buf && !zero)
    g_string_append_c (s, '-');

  for (const char *q = p; q < int_end; q++)
    {
      gsize left = int_end - q;

      if (q != p && left % 3 == 0 && g_ascii_isdigit (*q))
        g_string_append_c (s, ',');
      g_string_append_c (s, *q);
    }
  if (int_end < end)
    g_string_append_len (s, int_end, end - int_end);

  return g_string_free (s, FALSE);
}

static void
append_decimal (GString *out,
                double   value,
                guint    min_decimals,
                guint    max_decimals)
{
  g_autofree char *s = cs_print_format_decimal (value, min_decimals, max_decimals);

  g_string_append (out, s);
}

/* Whole numbers that are names rather than quantities (line numbers, model years): no grouping. */
static void
append_plain (GString *out,
              double   value)
{
  if (cs_num_is_set (value))
    g_string_append_printf (out, "%.0f", value);
}

static void
append_str (GString    *out,
            const char *s)
{
  if (s != NULL)
    g_string_append (out, s);
}

static void
append_sep (GString    *out,
            const char *sep)
{
  if (out->len > 0)
    g_string_append (out, sep);
}

/* "zh en", the English half already translated. */
static char *
bi (const char *zh,
    const char *en)
{
  return g_strconcat (zh, " ", en, NULL);
}

static void
append_pending (GString *out)
{
  append_sep (out, " ");
  g_string_append (out, C_ ("bilingual print", "pending"));
  g_string_append (out, " / " PENDING_ZH);
}

typedef struct
{
  const char *value;
  const char *zh;
  const char *en;
} EnumLabel;

static const EnumLabel enum_labels[] = {
  /* Translators: every string with the context "bilingual print" is the English half of a
   * label on the printed manifest; the Chinese half is printed beside it as fixed text. For a
   * Chinese translation keep the English (customs abroad read it); for another language,
   * translate it into the second language the document should carry. */
  { "rail", "铁路", NC_ ("bilingual print", "rail") },
  { "sea", "海运", NC_ ("bilingual print", "sea") },
  { "road", "公路", NC_ ("bilingual print", "road") },
  { "river", "内河", NC_ ("bilingual print", "river") },
  { "export", "出口", NC_ ("bilingual print", "export") },
  { "import", "进口", NC_ ("bilingual print", "import") },
  { "draft", "草稿", NC_ ("bilingual print", "draft") },
  { "ready", "就绪", NC_ ("bilingual print", "ready") },
  { "exported", "已导出", NC_ ("bilingual print", "exported") },
  { "archived", "已归档", NC_ ("bilingual print", "archived") },
  { "new", "新车", NC_ ("bilingual print", "new") },
  { "used", "二手", NC_ ("bilingual print", "used") },
  { "producer", "释放乙烯", NC_ ("bilingual print", "ethylene producer") },
  { "sensitive", "乙烯敏感", NC_ ("bilingual print", "ethylene sensitive") },
  { "phytosanitary", "植物检疫证书", NC_ ("bilingual print", "Phytosanitary certificate") },
  { "health_certificate", "卫生证书", NC_ ("bilingual print", "Health certificate") },
  { "form_e", "中国—东盟原产地证书", NC_ ("bilingual print", "Certificate of origin Form E") },
  { "rcep_origin", "RCEP 原产地证书", NC_ ("bilingual print", "RCEP certificate of origin") },
  { "export_licence", "出口许可证", NC_ ("bilingual print", "Export licence") },
  { "dg_declaration", "危险货物申报单", NC_ ("bilingual print", "Dangerous goods declaration") },
  { "vgm_certificate", "VGM 证明", NC_ ("bilingual print", "VGM certificate") },
  { "commercial_invoice", "商业发票", NC_ ("bilingual print", "Commercial invoice") },
  { "packing_list", "装箱单", NC_ ("bilingual print", "Packing list") },
};

/* Enum values print bilingual; values this table does not know print as they are. */
static void
append_enum (GString    *out,
             const char *value)
{
  if (value == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    if (strcmp (enum_labels[i].value, value) == 0)
      {
        g_string_append (out, enum_labels[i].zh);
        g_string_append_c (out, ' ');
        g_string_append (out, cs_print_bi_en (enum_labels[i].en));
        return;
      }
  g_string_append (out, value);
}

/* ISO 8601 date-time with zone as "2026-04-06 09:00 +08:00"; anything else as written. */
static void
append_datetime (GString    *out,
                 const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *s = NULL;

  if (iso == NULL)
    return;
  if (strchr (iso, 'T') != NULL)
    dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    {
      g_string_append (out, iso);
      return;
    }
  s = g_date_time_format (dt, "%Y-%m-%d %H:%M %:z");
  g_string_append (out, s);
}

static void
append_celsius (GString *out,
                double   c)
{
  if (!cs_num_is_set (c))
    return;
  if (c > 0)
    g_string_append_c (out, '+');
  append_decimal (out, c, 0, 1);
  g_string_append (out, " °C");
}

static gboolean
strv_has (GStrv       v,
          const char *s)
{
  return v != NULL && g_strv_contains ((const char * const *) v, s);
}

static void
box_heading (CsPrintLayout *self,
             GString       *s,
             const char    *zh,
             const char    *en)
{
  g_autofree char *esc = g_markup_printf_escaped ("<b>%s %s</b>", zh, en);

  self->box_zh = zh;
  self->box_en = en;

  g_string_append (s, esc);
}

/* Records @value in the long-text annex when it is longer than @max_chars (once, however many
 * places show it); returns what @where prints: @value, or its start and the annex entry. */
static char *
short_value (CsPrintLayout *self,
             const char    *where,
             const char    *value,
             guint          max_chars)
{
  const char *cut = cs_print_cut_after (value, max_chars);
  guint i;

  if (cut == NULL)
    return g_strdup (value);
  for (i = 0; i < self->long_texts->len; i++)
    if (strcmp (((LongText *) g_ptr_array_index (self->long_texts, i))->text, value) == 0)
      break;
  if (i == self->long_texts->len)
    {
      LongText *lt = g_new0 (LongText, 1);

      lt->where = g_strdup (where);
      lt->text = g_strdup (value);
      g_ptr_array_add (self->long_texts, lt);
    }
  cut = g_utf8_offset_to_pointer (value, MIN (max_chars, 160));   /* within the first cut */
  return g_strdup_printf ("%.*s … [长文本 %s %u]", (int) (cut - value), value,
                          C_ ("bilingual print", "Long texts"), i + 1);
}

/* A line of the box being built: "label: value", or the value alone (@zh NULL), in bold. */
static void
box_line_full (CsPrintLayout *self,
               GString       *s,
               const char    *zh,
               const char    *en,
               const char    *value,
               gboolean       bold)
{
  g_autofree char *where = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *esc = NULL;

  if (value == NULL || *value == '\0')
    return;
  if (zh != NULL)
    where = g_strdup_printf ("%s %s · %s %s", self->box_zh, self->box_en, zh, en);
  else
    where = g_strdup_printf ("%s %s", self->box_zh, self->box_en);
  shown = short_value (self, where, value, BOX_TEXT_MAX);
  if (zh != NULL)
    esc = g_markup_printf_escaped ("\n<span foreground=\"#505050\">%s %s:</span> %s", zh, en, shown);
  else if (bold)
    esc = g_markup_printf_escaped ("\n<b>%s</b>", shown);
  else
    esc = g_markup_printf_escaped ("\n%s", shown);
  g_string_append (s, esc);
}

static void
box_line (CsPrintLayout *self,
          GString       *s,
          const char    *zh,
          const char    *en,
          const char    *value)
{
  box_line_full (self, s, zh, en, value, FALSE);
}

static char *
party_markup (CsPrintLayout *self,
              CsParty       *p,
              const char    *zh,
              const char    *en)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GString) place = g_string_new (NULL);
  g_autoptr(GString) contact = g_string_new (NULL);

  box_heading (self, s, zh, en);
  if (p == NULL)
    {
      g_string_append (s, "\n—");
      return g_string_free (s, FALSE);
    }
  box_line_full (self, s, NULL, NULL, p->name, TRUE);
  box_line (self, s, NULL, NULL, p->name_latin);
  box_line (self, s, NULL, NULL, p->address);
  append_str (place, p->postcode);
  if (p->city != NULL)
    {
      append_sep (place, " ");
      g_string_append (place, p->city);
    }
  if (p->country != NULL)
    {
      append_sep (place, ", ");
      g_string_append (place, p->country);
    }
  box_line (self, s, NULL, NULL, place->str);
  box_line (self, s, "税号", C_ ("bilingual print", "Tax ID"), p->tax_id);
  append_str (contact, p->contact);
  if (p->phone != NULL)
    {
      append_sep (contact, " · ");
      g_string_append (contact, p->phone);
    }
  if (p->email != NULL)
    {
      append_sep (contact, " · ");
      g_string_append (contact, p->email);
    }
  box_line (self, s, "联系人", C_ ("bilingual print", "Contact"), contact->str);
  return g_string_free (s, FALSE);
}

static char *
terms_markup (CsPrintLayout *self)
{
  CsManifest *m = self->m;
  GString *s = g_string_new (NULL);
  g_autoptr(GString) v = g_string_new (NULL);

  box_heading (self, s, "条款", C_ ("bilingual print", "Terms"));
  if (m->transport_document != NULL)
    {
      append_str (v, m->transport_document->type);
      if (m->transport_document->number != NULL)
        {
          append_sep (v, " ");
          g_string_append (v, m->transport_document->number);
        }
      box_line (self, s, "运输单证", C_ ("bilingual print", "Transport document"), v->str);
    }
  if (m->incoterm != NULL)
    {
      g_string_truncate (v, 0);
      append_str (v, m->incoterm->code);
      if (m->incoterm->place != NULL)
        {
          append_sep (v, " ");
          g_string_append (v, m->incoterm->place);
        }
      box_line (self, s, "成交方式", C_ ("bilingual print", "Incoterm"), v->str);
    }
  box_line (self, s, "币制", C_ ("bilingual print", "Currency"), m->currency);
  if (m->invoice != NULL)
    {
      g_string_truncate (v, 0);
      append_str (v, m->invoice->number);
      if (m->invoice->date != NULL)
        {
          append_sep (v, " · ");
          g_string_append (v, m->invoice->date);
        }
      if (cs_num_is_set (m->invoice->total))
        {
          append_sep (v, " · ");
          append_str (v, m->currency);
          append_sep (v, " ");
          append_decimal (v, m->invoice->total, 2, 2);
        }
      box_line (self, s, "发票", C_ ("bilingual print", "Invoice"), v->str);
    }
  box_line (self, s, "优惠贸易", C_ ("bilingual print", "Preference"), m->preference);
  box_line (self, s, "通道", C_ ("bilingual print", "Corridor"), m->corridor);
  g_string_truncate (v, 0);
  append_enum (v, m->direction);
  box_line (self, s, "进出口", C_ ("bilingual print", "Direction"), v->str);
  g_string_truncate (v, 0);
  append_enum (v, m->status);
  box_line (self, s, "状态", C_ ("bilingual print", "Status"), v->str);
  return g_string_free (s, FALSE);
}

static char *
place_markup (CsPrintLayout *self,
              const char    *zh,
              const char    *en,
              const char    *value)
{
  GString *s = g_string_new (NULL);

  box_heading (self, s, zh, en);
  box_line (self, s, NULL, NULL, value != NULL ? value : "—");
  return g_string_free (s, FALSE);
}

/* ---------------------------------------------------------------- tables */

static const Column leg_cols[] = {
  { "序号", NC_ ("bilingual print", "No."), 3, TRUE },
  { "运输方式", NC_ ("bilingual print", "Mode"), 7, FALSE },
  { "起运地", NC_ ("bilingual print", "From"), 6, FALSE },
  { "到达地", NC_ ("bilingual print", "To"), 6, FALSE },
  { "承运人", NC_ ("bilingual print", "Carrier"), 16, FALSE },
  { "航次/车次", NC_ ("bilingual print", "Voyage / train no."), 9, FALSE },
  { "预计离开", NC_ ("bilingual print", "ETD"), 12, FALSE },
  { "预计到达", NC_ ("bilingual print", "ETA"), 12, FALSE },
};

static void
leg_cell (CsPrintLayout *self,
          const Table   *t,
          guint          row,
          guint          col,
          GString       *out)
{
  CsLeg *leg = CS_MANIFEST_LEG (self->m, row);

  switch (col)
    {
    case 0: g_string_append_printf (out, "%u", row + 1); break;
    case 1: append_enum (out, leg->mode); break;
    case 2: append_str (out, leg->from); break;
    case 3: append_str (out, leg->to); break;
    case 4: append_str (out, leg->carrier); break;
    case 5: append_str (out, leg->voyage); break;
    case 6: append_datetime (out, leg->etd); break;
    case 7: append_datetime (out, leg->eta); break;
    default: g_assert_not_reached ();
    }
}

enum { ITEM_COL_DESCRIPTION = 1, ITEM_COL_VALUE = 8 };

static const Column item_cols[] = {
  { "项号", NC_ ("bilingual print", "Line"), 5, TRUE },   /* 7 digits on one line */
  { "品名", NC_ ("bilingual print", "Description"), 19.2, FALSE },
  { "商品编码", NC_ ("bilingual print", "HS code"), 6.5, FALSE },
  { "数量", NC_ ("bilingual print", "Quantity"), 7, TRUE },
  { "件数", NC_ ("bilingual print", "Packages"), 6.5, TRUE },
  { "净重 (kg)", NC_ ("bilingual print", "Net (kg)"), 6.5, TRUE },
  { "毛重 (kg)", NC_ ("bilingual print", "Gross (kg)"), 6.5, TRUE },
  { "体积 (m³)", NC_ ("bilingual print", "Volume (m³)"), 5.5, TRUE },
  { "货值", NC_ ("bilingual print", "Value"), 8, TRUE },
  { "原产国", NC_ ("bilingual print", "Origin"), 4, FALSE },
  { "危险品", NC_ ("bilingual print", "Dangerous goods"), 7.5, FALSE },
  { "集装箱", NC_ ("bilingual print", "Container"), 9, FALSE },
  { "唛头", NC_ ("bilingual print", "Marks"), 8, FALSE },
};

/* An item's containers, one per line; split shares show their package count. */
static void
append_item_containers (GString *out,
                        CsItem  *it,
                        gboolean with_packages)
{
  if (it->container != NULL)
    {
      g_string_append (out, it->container);
      return;
    }
  for (guint i = 0; i < cs_list_length (it->splits); i++)
    {
      CsSplit *sp = cs_list_index (it->splits, i);

      if (sp->container == NULL)
        continue;
      append_sep (out, "\n");
      g_string_append (out, sp->container);
      if (with_packages && cs_num_is_set (sp->packages))
        {
          g_string_append (out, " (");
          append_decimal (out, sp->packages, 0, 3);
          g_string_append_c (out, ')');
        }
    }
}

static void
item_cell (CsPrintLayout *self,
           const Table   *t,
           guint          row,
           guint          col,
           GString       *out)
{
  CsItem *it = CS_MANIFEST_ITEM (self->m, row);

  switch (col)
    {
    case 0: append_plain (out, it->line); break;
    case 1: append_str (out, it->description); break;
    case 2: append_str (out, it->hs_code); break;
    case 3:
      append_decimal (out, it->quantity, 0, 3);
      if (it->unit != NULL)
        {
          append_sep (out, " ");
          g_string_append (out, it->unit);
        }
      break;
    case 4:
      if (it->packages != NULL)
        {
          append_decimal (out, it->packages->count, 0, 3);
          if (it->packages->type != NULL)
            {
              append_sep (out, " ");
              g_string_append (out, it->packages->type);
            }
        }
      break;
    case 5: append_decimal (out, it->net_kg, 0, 3); break;
    case 6: append_decimal (out, it->gross_kg, 0, 3); break;
    case 7: append_decimal (out, it->volume_m3, 0, 3); break;
    case 8: append_decimal (out, it->value, 2, 2); break;
    case 9: append_str (out, it->origin_country); break;
    case 10:
      if (it->dg != NULL)
        {
          if (it->dg->un_number != NULL && *it->dg->un_number != '\0')
            g_string_append_printf (out, "UN %s", it->dg->un_number);
          if (it->dg->dg_class != NULL && *it->dg->dg_class != '\0')
            {
              append_sep (out, " ");
              g_string_append_printf (out, "%s %s", C_ ("bilingual print", "class"), it->dg->dg_class);
            }
          if (it->dg->packing_group != NULL && *it->dg->packing_group != '\0')
            {
              append_sep (out, " ");
              g_string_append_printf (out, "PG %s", it->dg->packing_group);
            }
        }
      break;
    case 11: append_item_containers (out, it, TRUE); break;
    case 12: append_str (out, it->marks); break;
    default: g_assert_not_reached ();
    }
}

static const Column container_cols[] = {
  { "序号", NC_ ("bilingual print", "No."), 3, TRUE },
  { "箱号", NC_ ("bilingual print", "Container no."), 10, FALSE },
  { "箱型", NC_ ("bilingual print", "Size/type"), 6, FALSE },
  { "封志号", NC_ ("bilingual print", "Seals"), 13, FALSE },
  { "皮重 (kg)", NC_ ("bilingual print", "Tare (kg)"), 7, TRUE },
  { "最大总重 (kg)", NC_ ("bilingual print", "Max gross (kg)"), 8, TRUE },
  { "核实总重 (kg)", NC_ ("bilingual print", "VGM (kg)"), 11, TRUE },
  { "称重方法", NC_ ("bilingual print", "VGM method"), 6, TRUE },
  { "冷藏设定", NC_ ("bilingual print", "Reefer settings"), 14, FALSE },
  { "项数/件数", NC_ ("bilingual print", "Lines / packages"), 8, TRUE },
};

/* A value, or "pending / 待定" when the container marks the field as still to come. */
static void
append_pending_number (GString     *out,
                       CsContainer *c,
                       const char  *field,
                       double       v,
                       guint        max_decimals)
{
  append_decimal (out, v, 0, max_decimals);
  if (strv_has (c->pending, field))
    append_pending (out);
}

static void
container_cell (CsPrintLayout *self,
                const Table   *t,
                guint          row,
                guint          col,
                GString       *out)
{
  CsContainer *c = CS_MANIFEST_CONTAINER (self->m, row);

  switch (col)
    {
    case 0: g_string_append_printf (out, "%u", row + 1); break;
    case 1: append_str (out, c->number); break;
    case 2:
      append_str (out, c->size_type);
      if (strv_has (c->pending, "size_type"))
        append_pending (out);
      break;
    case 3:
      for (guint i = 0; c->seals != NULL && c->seals[i] != NULL; i++)
        {
          append_sep (out, ", ");
          g_string_append (out, c->seals[i]);
        }
      if (strv_has (c->pending, "seals"))
        append_pending (out);
      break;
    case 4: append_pending_number (out, c, "tare_kg", c->tare_kg, 3); break;
    case 5: append_pending_number (out, c, "max_gross_kg", c->max_gross_kg, 3); break;
    case 6: append_pending_number (out, c, "vgm_kg", c->vgm_kg, 3); break;
    case 7: append_pending_number (out, c, "vgm_method", c->vgm_method, 0); break;
    case 8:
      if (c->reefer != NULL)
        {
          append_celsius (out, c->reefer->setpoint_c);
          if (cs_num_is_set (c->reefer->humidity_pct))
            {
              append_sep (out, " · ");
              append_decimal (out, c->reefer->humidity_pct, 0, 1);
              g_string_append (out, " % RH");
            }
          if (cs_num_is_set (c->reefer->vent_cmh))
            {
              append_sep (out, " · ");
              append_decimal (out, c->reefer->vent_cmh, 0, 1);
              g_string_append (out, " m³/h");
            }
        }
      if (strv_has (c->pending, "reefer"))
        append_pending (out);
      break;
    case 9:
      {
        ContainerLoad *load = c->number != NULL ? g_hash_table_lookup (self->loads, c->number) : NULL;

        g_string_append_printf (out, "%u / ", load != NULL ? load->lines : 0);
        append_decimal (out, load != NULL ? load->packages : 0, 0, 3);
      }
      break;
    default: g_assert_not_reached ();
    }
}

/* The VIN annex is two tables: the vehicles, one row per line (what the cars are and which
 * containers the line fills), then every VIN once in a dense grid of VIN_GROUPS VINs a row,
 * each with its line and container, so that a page holds a hundred VINs. */
static const Column vehicle_cols[] = {
  { "项号", NC_ ("bilingual print", "Line"), 5, TRUE },
  { "品牌型号", NC_ ("bilingual print", "Make and model"), 16, FALSE },
  { "年款", NC_ ("bilingual print", "Model year"), 5, TRUE },
  { "动力", NC_ ("bilingual print", "Powertrain"), 6, FALSE },
  { "新旧", NC_ ("bilingual print", "Condition"), 6, FALSE },
  { "电池 (kWh)", NC_ ("bilingual print", "Battery (kWh)"), 6, TRUE },
  { "车架号数", NC_ ("bilingual print", "VINs"), 5, TRUE },
  { "集装箱", NC_ ("bilingual print", "Containers"), 40, FALSE },
};

static void
vehicle_cell (CsPrintLayout *self,
              const Table   *t,
              guint          row,
              guint          col,
              GString       *out)
{
  CsItem *it = CS_MANIFEST_ITEM (self->m, g_array_index (t->map, guint, row));
  CsVehicle *v = it->vehicle;

  switch (col)
    {
    case 0: append_plain (out, it->line); break;
    case 1:
      append_str (out, v->make);
      if (v->model != NULL)
        {
          append_sep (out, " ");
          g_string_append (out, v->model);
        }
      break;
    case 2: append_plain (out, v->model_year); break;
    case 3: append_str (out, v->powertrain); break;
    case 4: append_enum (out, v->condition); break;
    case 5: append_decimal (out, v->battery_kwh, 0, 2); break;
    case 6: g_string_append_printf (out, "%u", v->vins != NULL ? g_strv_length (v->vins) : 0); break;
    case 7:
      if (it->container != NULL)
        g_string_append (out, it->container);
      for (guint i = 0; it->container == NULL && i < cs_list_length (it->splits); i++)
        {
          CsSplit *sp = cs_list_index (it->splits, i);

          if (sp->container == NULL)
            continue;
          append_sep (out, ", ");
          g_string_append (out, sp->container);
        }
      break;
    default: g_assert_not_reached ();
    }
}

#define VIN_GROUPS 3
#define VIN_GROUP_COLS 4

static const Column vin_cols[VIN_GROUPS * VIN_GROUP_COLS] = {
#define VIN_GROUP \
  { "序号", NC_ ("bilingual print", "No."), 4.5, TRUE }, \
  { "车架号", NC_ ("bilingual print", "VIN"), 13, FALSE }, \
  { "项号", NC_ ("bilingual print", "Line"), 4.5, TRUE }, \
  { "集装箱", NC_ ("bilingual print", "Container"), 10, FALSE }
  VIN_GROUP, VIN_GROUP, VIN_GROUP,
#undef VIN_GROUP
};

static void
vin_cell (CsPrintLayout *self,
          const Table   *t,
          guint          row,
          guint          col,
          GString       *out)
{
  guint i = row * VIN_GROUPS + col / VIN_GROUP_COLS;
  const VinRef *ref;
  const char *own;
  CsItem *it;

  if (i >= t->map->len)
    return;
  ref = &g_array_index (t->map, VinRef, i);
  it = CS_MANIFEST_ITEM (self->m, ref->item);
  switch (col % VIN_GROUP_COLS)
    {
    case 0: g_string_append_printf (out, "%u", i + 1); break;
    case 1: g_string_append (out, it->vehicle->vins[ref->vin]); break;
    case 2: append_plain (out, it->line); break;
    case 3:
      /* The car's own box when its VIN names one; otherwise a line split over several
       * containers does not say which car is in which: the vehicles table lists them. */
      own = cs_tagged_container ((const char * const *) it->vehicle->vin_containers, ref->vin);
      if (own != NULL)
        g_string_append (out, own);
      else if (it->container != NULL)
        g_string_append (out, it->container);
      else if (cs_list_length (it->splits) == 1)
        append_str (out, ((CsSplit *) cs_list_index (it->splits, 0))->container);
      else if (cs_list_length (it->splits) > 1)
        g_string_append_printf (out, "分箱 %s", C_ ("bilingual print", "split"));
      break;
    default: g_assert_not_reached ();
    }
}

static const Column cold_cols[] = {
  { "项号", NC_ ("bilingual print", "Line"), 5, TRUE },
  { "产品", NC_ ("bilingual print", "Product"), 12.2, FALSE },
  { "温度范围", NC_ ("bilingual print", "Temperature range"), 10, FALSE },
  { "设定温度", NC_ ("bilingual print", "Set-point"), 7, FALSE },
  { "集装箱", NC_ ("bilingual print", "Container"), 10, FALSE },
  { "湿度 (%)", NC_ ("bilingual print", "Humidity (%)"), 5.5, TRUE },
  { "保质期 (天)", NC_ ("bilingual print", "Shelf life (days)"), 6, TRUE },
  { "包装日期", NC_ ("bilingual print", "Packed on"), 7, FALSE },
  { "到期日", NC_ ("bilingual print", "Use by"), 7, FALSE },
  { "乙烯", NC_ ("bilingual print", "Ethylene"), 9, FALSE },
};

static void
append_setpoint (CsPrintLayout *self,
                 GString       *out,
                 const char    *number)
{
  CsContainer *c = number != NULL ? g_hash_table_lookup (self->containers, number) : NULL;

  append_sep (out, "\n");
  if (c != NULL && c->reefer != NULL && cs_num_is_set (c->reefer->setpoint_c))
    append_celsius (out, c->reefer->setpoint_c);
  else
    g_string_append (out, "—");
}

static void
cold_cell (CsPrintLayout *self,
           const Table   *t,
           guint          row,
           guint          col,
           GString       *out)
{
  CsItem *it = CS_MANIFEST_ITEM (self->m, g_array_index (t->map, guint, row));
  CsPerishable *p = it->perishable;

  switch (col)
    {
    case 0: append_plain (out, it->line); break;
    case 1: append_str (out, p->product != NULL ? p->product : it->description); break;
    case 2:
      if (cs_num_is_set (p->temp_min_c) || cs_num_is_set (p->temp_max_c))
        {
          append_celsius (out, p->temp_min_c);
          g_string_append (out, " … ");
          append_celsius (out, p->temp_max_c);
        }
      if (p->frozen)
        {
          append_sep (out, "\n");
          g_string_append_printf (out, "冷冻 %s", C_ ("bilingual print", "frozen"));
        }
      break;
    case 3:
      if (it->container != NULL)
        append_setpoint (self, out, it->container);
      for (guint i = 0; it->container == NULL && i < cs_list_length (it->splits); i++)
        append_setpoint (self, out, ((CsSplit *) cs_list_index (it->splits, i))->container);
      break;
    case 4: append_item_containers (out, it, FALSE); break;
    case 5: append_decimal (out, p->humidity_pct, 0, 1); break;
    case 6: append_decimal (out, p->shelf_life_days, 0, 0); break;
    case 7: append_str (out, p->packed_on); break;
    case 8:
      {
        guint y, mo, d;

        if (p->packed_on != NULL && cs_num_is_set (p->shelf_life_days) && p->shelf_life_days >= 0 &&
            p->shelf_life_days < 100000 && sscanf (p->packed_on, "%4u-%2u-%2u", &y, &mo, &d) == 3 &&
            g_date_valid_dmy (d, mo, y))
          {
            GDate date;

            g_date_clear (&date, 1);
            g_date_set_dmy (&date, d, mo, y);
            g_date_add_days (&date, (guint) p->shelf_life_days);
            g_string_append_printf (out, "%04u-%02u-%02u", g_date_get_year (&date),
                                    g_date_get_month (&date), g_date_get_day (&date));
          }
      }
      break;
    case 9: append_enum (out, p->ethylene); break;
    default: g_assert_not_reached ();
    }
}

static const Column doc_cols[] = {
  { "单证", NC_ ("bilingual print", "Document"), 18, FALSE },
  { "编号", NC_ ("bilingual print", "Number"), 12, FALSE },
  { "签发日期", NC_ ("bilingual print", "Issued on"), 7, FALSE },
  { "有效期至", NC_ ("bilingual print", "Expires on"), 7, FALSE },
  { "签发机构", NC_ ("bilingual print", "Issuer"), 14, FALSE },
  { "适用项号", NC_ ("bilingual print", "Covers lines"), 10, FALSE },
};

static void
doc_cell (CsPrintLayout *self,
          const Table   *t,
          guint          row,
          guint          col,
          GString       *out)
{
  CsDocument *d = CS_MANIFEST_DOCUMENT (self->m, row);

  switch (col)
    {
    case 0: append_enum (out, d->kind); break;
    case 1: append_str (out, d->number); break;
    case 2: append_str (out, d->issued_on); break;
    case 3: append_str (out, d->expires_on); break;
    case 4: append_str (out, d->issuer); break;
    case 5:
      if (d->covers == NULL || d->covers->len == 0)
        g_string_append_printf (out, "全部 %s", C_ ("bilingual print", "all"));
      for (guint i = 0; d->covers != NULL && i < d->covers->len; i++)
        {
          append_sep (out, ", ");
          g_string_append_printf (out, "%" G_GINT64_FORMAT, g_array_index (d->covers, gint64, i));
        }
      break;
    default: g_assert_not_reached ();
    }
}

/* People read the field's name ("Container CMAU5120770 · Seals"), not its data path; the rule
 * id stays in the last column, for whoever looks the rule up. */
static const Column finding_cols[] = {
  { "级别", NC_ ("bilingual print", "Severity"), 6, FALSE },
  { "字段", NC_ ("bilingual print", "Field"), 17, FALSE },
  { "说明", NC_ ("bilingual print", "Message"), 30, FALSE },
  { "建议", NC_ ("bilingual print", "Hint"), 30, FALSE },
  { "规则", NC_ ("bilingual print", "Rule"), 10, FALSE },
};

#define GROUP_LABELS 3

static void
finding_cell (CsPrintLayout *self,
              const Table   *t,
              guint          row,
              guint          col,
              GString       *out)
{
  CsFindingGroup *group = g_ptr_array_index (self->finding_groups, row);
  CsFinding *f = cs_finding_group_get_first (group);
  guint n = cs_finding_group_get_n_findings (group);

  switch (col)
    {
    case 0:
      if (f->severity == CS_SEVERITY_ERROR)
        g_string_append_printf (out, "错误 %s", C_ ("bilingual print", "error"));
      else if (f->severity == CS_SEVERITY_WARNING)
        g_string_append_printf (out, "警告 %s", C_ ("bilingual print", "warning"));
      else
        g_string_append_printf (out, "提示 %s", C_ ("bilingual print", "info"));
      break;
    case 1:
      /* a group names its first few fields; the whole list is in the xlsx and JSON exports */
      for (guint k = 0; k < MIN (n, GROUP_LABELS); k++)
        {
          CsFinding *fk = cs_finding_group_get_finding (group, k);
          g_autofree char *label = fk->path != NULL ? cs_field_label (self->m, fk->path) : NULL;

          if (k > 0)
            g_string_append (out, "; ");
          append_str (out, label);
        }
      if (n > GROUP_LABELS)
        g_string_append (out, "; …");
      break;
    case 2:
      if (n > 1)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u findings: %s …", "%u findings: %s …", n),
                                n, cs_finding_get_message (f));
      else
        append_str (out, cs_finding_get_message (f));
      break;
    case 3: append_str (out, cs_finding_get_hint (f)); break;
    case 4: append_str (out, f->rule); break;
    default: g_assert_not_reached ();
    }
}

static const Column note_cols[] = {
  { "备注", NC_ ("bilingual print", "Notes"), 1, FALSE },
};

static void
note_cell (CsPrintLayout *self,
           const Table   *t,
           guint          row,
           guint          col,
           GString       *out)
{
  const char *start = self->m->notes + g_array_index (t->map, guint, row);
  const char *nl = strchr (start, '\n');

  g_string_append_len (out, start, nl != NULL ? nl - start : (gssize) strlen (start));
}

/* ---------------------------------------------------------------- building */

static void
index_containers (CsPrintLayout *self)
{
  CsManifest *m = self->m;

  self->containers = g_hash_table_new (g_str_hash, g_str_equal);
  self->loads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    {
      CsContainer *c = CS_MANIFEST_CONTAINER (m, i);

      if (c->number != NULL && !g_hash_table_contains (self->containers, c->number))
        {
          g_hash_table_insert (self->containers, c->number, c);
          g_hash_table_insert (self->loads, c->number, g_new0 (ContainerLoad, 1));
        }
    }
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);
      ContainerLoad *load;

      if (it->container != NULL && (load = g_hash_table_lookup (self->loads, it->container)) != NULL)
        {
          load->lines++;
          if (it->packages != NULL && cs_num_is_set (it->packages->count))
            load->packages += it->packages->count;
        }
      for (guint s = 0; it->container == NULL && s < cs_list_length (it->splits); s++)
        {
          CsSplit *sp = cs_list_index (it->splits, s);

          if (sp->container == NULL || (load = g_hash_table_lookup (self->loads, sp->container)) == NULL)
            continue;
          load->lines++;
          if (cs_num_is_set (sp->packages))
            load->packages += sp->packages;
        }
    }
}

static void
build_items (CsPrintLayout *self)
{
  CsManifest *m = self->m;
  CsTotals *tot = &self->totals;
  guint title;
  Table *t;
  GString *s;

  title = cs_print_layout_add_title (self, bi ("货物明细", C_ ("bilingual print", "Cargo items")));
  t = cs_print_layout_add_table (self, title, item_cols, G_N_ELEMENTS (item_cols), CS_MANIFEST_N_ITEMS (m), item_cell, TRUE);
  if (m->currency != NULL)
    {
      g_free (t->headers[ITEM_COL_VALUE]);
      t->headers[ITEM_COL_VALUE] = g_strdup_printf ("货值 (%s)\n%s (%s)", m->currency,
                                                    C_ ("bilingual print", "Value"), m->currency);
    }

  t->totals = g_new0 (char *, t->n_cols + 1);
  for (guint c = 0; c < t->n_cols; c++)
    t->totals[c] = g_strdup ("");
  s = g_string_new (NULL);
  g_string_append_printf (s, "合计 %s\n项数 %s: %u", C_ ("bilingual print", "Total"),
                          C_ ("bilingual print", "Lines"), tot->n_items);
  if (tot->n_vins > 0)
    g_string_append_printf (s, " · 车架号 %s: %u", C_ ("bilingual print", "VINs"), tot->n_vins);
  g_free (t->totals[ITEM_COL_DESCRIPTION]);
  t->totals[ITEM_COL_DESCRIPTION] = g_string_free (s, FALSE);
  g_free (t->totals[4]);
  t->totals[4] = cs_print_format_decimal ((double) tot->packages, 0, 0);
  g_free (t->totals[5]);
  t->totals[5] = cs_print_format_decimal (tot->net_kg, 0, 3);
  g_free (t->totals[6]);
  t->totals[6] = cs_print_format_decimal (tot->gross_kg, 0, 3);
  g_free (t->totals[7]);
  t->totals[7] = cs_print_format_decimal (tot->volume_m3, 0, 3);
  g_free (t->totals[ITEM_COL_VALUE]);
  t->totals[ITEM_COL_VALUE] = cs_print_format_decimal (tot->value, 2, 2);
}

static void
build_annexes (CsPrintLayout *self)
{
  CsManifest *m = self->m;
  g_autoptr(GArray) vins = g_array_new (FALSE, FALSE, sizeof (VinRef));
  g_autoptr(GArray) vehicles = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (guint));
  guint title;
  Table *t;

  if (CS_MANIFEST_N_CONTAINERS (m) > 0)
    {
      title = cs_print_layout_add_title (self, bi ("集装箱", C_ ("bilingual print", "Containers")));
      cs_print_layout_add_table (self, title, container_cols, G_N_ELEMENTS (container_cols),
                 CS_MANIFEST_N_CONTAINERS (m), container_cell, TRUE);
    }

  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);

      for (guint v = 0; it->vehicle != NULL && it->vehicle->vins != NULL && it->vehicle->vins[v] != NULL; v++)
        {
          VinRef ref = { i, v };
          g_array_append_val (vins, ref);
          if (v == 0)
            g_array_append_val (vehicles, i);
        }
      if (it->perishable != NULL)
        g_array_append_val (cold, i);
    }
  if (vins->len > 0)
    {
      title = cs_print_layout_add_title (self, bi ("车架号附录", C_ ("bilingual print", "VIN annex")));
      t = cs_print_layout_add_table (self, title, vehicle_cols, G_N_ELEMENTS (vehicle_cols), vehicles->len,
                                     vehicle_cell, TRUE);
      t->map = g_steal_pointer (&vehicles);
      t = cs_print_layout_add_table (self, title, vin_cols, G_N_ELEMENTS (vin_cols),
                                     (vins->len + VIN_GROUPS - 1) / VIN_GROUPS, vin_cell, TRUE);
      t->map = g_steal_pointer (&vins);
    }
  if (cold->len > 0)
    {
      title = cs_print_layout_add_title (self, bi ("冷链", C_ ("bilingual print", "Cold chain")));
      t = cs_print_layout_add_table (self, title, cold_cols, G_N_ELEMENTS (cold_cols), cold->len, cold_cell, TRUE);
      t->map = g_steal_pointer (&cold);
    }
  if (CS_MANIFEST_N_DOCUMENTS (m) > 0)
    {
      title = cs_print_layout_add_title (self, bi ("随附单证", C_ ("bilingual print", "Documents")));
      cs_print_layout_add_table (self, title, doc_cols, G_N_ELEMENTS (doc_cols), CS_MANIFEST_N_DOCUMENTS (m), doc_cell, TRUE);
    }
  if (self->finding_groups != NULL && self->finding_groups->len > 0)
    {
      title = cs_print_layout_add_title (self, bi ("校验结果", C_ ("bilingual print", "Validation findings")));
      cs_print_layout_add_table (self, title, finding_cols, G_N_ELEMENTS (finding_cols), self->finding_groups->len,
                 finding_cell, TRUE);
    }
  if (m->notes != NULL && *m->notes != '\0')
    {
      GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));

      for (const char *p = m->notes; p != NULL; p = strchr (p, '\n'))
        {
          guint off;

          if (*p == '\n')
            p++;
          off = p - m->notes;
          g_array_append_val (starts, off);
        }
      title = cs_print_layout_add_title (self, bi ("备注", C_ ("bilingual print", "Notes")));
      t = cs_print_layout_add_table (self, title, note_cols, 1, starts->len, note_cell, FALSE);
      t->map = starts;
    }
}

/* The declaration's three boxes (its text, the declarant's signature, the stamp), built before
 * the long-text annex that a long declarant name goes to, added after it. */
static GPtrArray *
declaration_boxes (CsPrintLayout *self)
{
  GPtrArray *boxes = g_ptr_array_new_with_free_func (g_free);
  CsParty *declarant = cs_manifest_get_party (self->m, "declarant");
  GString *text = g_string_new (NULL);
  GString *sign = g_string_new (NULL);
  GString *stamp = g_string_new (NULL);
  g_autofree char *esc = NULL;

  esc = g_markup_printf_escaped ("兹申明：本舱单所列各项内容真实、准确、完整，如有不实，申报人愿承担相应法律责任。\n\n%s",
                                 C_ ("bilingual print",
                                     "We declare that the particulars given in this manifest are true, "
                                     "correct and complete, and accept legal responsibility for them."));
  g_string_append (text, esc);

  box_heading (self, sign, "申报人", C_ ("bilingual print", "Declarant"));
  if (declarant != NULL)
    {
      box_line (self, sign, NULL, NULL, declarant->name);
      box_line (self, sign, NULL, NULL, declarant->name_latin);
    }
  g_string_append_printf (sign, "\n\n签字 %s: ________________________", C_ ("bilingual print", "Signature"));
  g_string_append_printf (sign, "\n\n地点及日期 %s: ________________", C_ ("bilingual print", "Place and date"));

  box_heading (self, stamp, "单位盖章", C_ ("bilingual print", "Company stamp"));

  g_ptr_array_add (boxes, g_string_free (text, FALSE));
  g_ptr_array_add (boxes, g_string_free (sign, FALSE));
  g_ptr_array_add (boxes, g_string_free (stamp, FALSE));
  return boxes;
}

static const Column long_cols[] = {
  { "序号", NC_ ("bilingual print", "No."), 4, TRUE },
  { "字段", NC_ ("bilingual print", "Field"), 20, FALSE },
  { "全文", NC_ ("bilingual print", "Full text"), 76, FALSE },
};

static void
long_cell (CsPrintLayout *self,
           const Table   *t,
           guint          row,
           guint          col,
           GString       *out)
{
  LongText *lt = g_ptr_array_index (self->long_texts, row);

  switch (col)
    {
    case 0: g_string_append_printf (out, "%u", row + 1); break;
    case 1: g_string_append (out, lt->where); break;
    case 2: g_string_append (out, lt->text); break;
    default: g_assert_not_reached ();
    }
}

void
cs_print_layout_build (CsPrintLayout *self)
{
  CsManifest *m = self->m;
  CsParties *p = m->parties;
  g_autoptr(GPtrArray) decl = NULL;

  index_containers (self);
  /* The page header shows the first HEADER_TEXT_MAX characters of these (draw_frame). */
  if (m->reference != NULL)
    g_free (short_value (self, "编号 Reference", m->reference, HEADER_TEXT_MAX));
  if (m->transport_document != NULL && m->transport_document->number != NULL)
    g_free (short_value (self, "运输单证 Transport document", m->transport_document->number, HEADER_TEXT_MAX));
  if (m->corridor != NULL)
    g_free (short_value (self, "通道 Corridor", m->corridor, HEADER_TEXT_MAX));
  cs_print_layout_add_title (self, bi ("当事方与条款", C_ ("bilingual print", "Parties and terms")));
  cs_print_layout_add_boxes (self, 0,
             party_markup (self, p ? p->shipper : NULL, "发货人", C_ ("bilingual print", "Shipper")),
             party_markup (self, p ? p->consignee : NULL, "收货人", C_ ("bilingual print", "Consignee")),
             party_markup (self, p ? p->notify : NULL, "通知人", C_ ("bilingual print", "Notify party")),
             NULL);
  cs_print_layout_add_boxes (self, 0,
             party_markup (self, p ? p->declarant : NULL, "申报人", C_ ("bilingual print", "Declarant")),
             party_markup (self, p ? p->carrier : NULL, "承运人", C_ ("bilingual print", "Carrier")),
             terms_markup (self),
             NULL);

  cs_print_layout_add_title (self, bi ("运输路线", C_ ("bilingual print", "Route")));
  cs_print_layout_add_boxes (self, 0,
             place_markup (self, "收货地", C_ ("bilingual print", "Place of receipt"), m->place_of_receipt),
             place_markup (self, "装货港", C_ ("bilingual print", "Port of loading"), m->port_of_loading),
             place_markup (self, "卸货港", C_ ("bilingual print", "Port of discharge"), m->port_of_discharge),
             place_markup (self, "交货地", C_ ("bilingual print", "Place of delivery"), m->place_of_delivery),
             NULL);
  if (CS_MANIFEST_N_LEGS (m) > 0)
    cs_print_layout_add_table (self, G_MAXUINT, leg_cols, G_N_ELEMENTS (leg_cols), CS_MANIFEST_N_LEGS (m), leg_cell, TRUE);

  build_items (self);
  build_annexes (self);

  decl = declaration_boxes (self);
  if (self->long_texts->len > 0)
    {
      guint title = cs_print_layout_add_title (self, bi ("长文本", C_ ("bilingual print", "Long texts")));

      cs_print_layout_add_table (self, title, long_cols, G_N_ELEMENTS (long_cols), self->long_texts->len,
                                 long_cell, TRUE);
    }
  cs_print_layout_add_title (self, bi ("申报声明", C_ ("bilingual print", "Declaration")));
  cs_print_layout_add_boxes (self, 96.0, g_strdup (g_ptr_array_index (decl, 0)),
                             g_strdup (g_ptr_array_index (decl, 1)), g_strdup (g_ptr_array_index (decl, 2)), NULL);
}
