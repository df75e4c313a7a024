/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-xlsx.c: the Excel workbook a broker loads as it is
 *
 * Sheets: Manifest (header block, then the item table with totals by formula), Containers,
 * Vehicles (one row per VIN), Cold chain, Documents, Validation.
 *
 * The workbook is always written in libxlsxwriter's constant-memory mode: every sheet is
 * written strictly row by row, top to bottom, so a 100,000-item manifest costs no more memory
 * than a small one and small files exercise the same code path as big ones. Everything that
 * libxlsxwriter wants before the rows (autofilter ranges, panes, print titles) is set when a
 * sheet is started; column widths are measured while writing and set when a sheet is done.
 *
 * User text is only ever written with worksheet_write_string(), so a description such as
 * "=HYPERLINK(...)" stays text; codes (HS, VIN, container, LOCODE) are strings too.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "cs-catalog.h"
#include "cs-export.h"
#include "cs-export-labels.h"
#include "cs-finding.h"
#include "cs-finding-group.h"

#define MAX_COLS       20
#define MAX_WIDTH      60.0
#define MIN_WIDTH      4.0
#define EXCEL_MAX_TEXT 32767
#define EXCEL_MAX_ROWS 1048576

typedef struct
{
  lxw_worksheet *ws;
  const char    *name;
  lxw_row_t      row;               /* next row to write */
  double         width[MAX_COLS];
  double         span_ab;           /* labels that spill from column A over B */
  guint          n_cols;            /* columns used */
  /* The model object of the row being written, for error messages (built only on error):
   * "<what>[<index>]" and, when @sub is set, ".<sub>[<sub_index>]" (or ".<sub>" if < 0). */
  const char    *what;
  guint          index;
  const char    *sub;
  int            sub_index;
} Sheet;

typedef struct
{
  CsManifest            *m;
  const CsExportOptions *o;
  lxw_workbook          *wb;
  GError                *error;     /* the first failure; later writes are skipped */
  CsTotals               totals;

  lxw_format *header, *label, *title, *bold, *text, *integer, *count, *kg, *m3, *money;
  lxw_format *celsius, *pct, *date, *datetime, *total_label, *total_count, *total_kg;
  lxw_format *total_m3, *total_money;
} Ctx;

/* ---- small helpers ------------------------------------------------------ */

static int
currency_minor_units (Ctx        *ctx,
                      const char *code)
{
  /* ISO 4217 exponents that differ from 2, for when no catalog is passed or it does not know the
   * currency (the catalog reads them from iso-codes). */
  static const struct { const char *code; int minor; } table[] = {
    { "JPY", 0 }, { "KRW", 0 }, { "VND", 0 }, { "CLP", 0 }, { "ISK", 0 }, { "PYG", 0 },
    { "UGX", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "KMF", 0 }, { "RWF", 0 }, { "VUV", 0 },
    { "KWD", 3 }, { "BHD", 3 }, { "OMR", 3 }, { "JOD", 3 }, { "IQD", 3 }, { "LYD", 3 },
    { "TND", 3 },
  };

  if (code != NULL && ctx->o->catalog != NULL)
    {
      const CsCurrency *c = cs_catalog_get_currency (ctx->o->catalog, code);

      if (c != NULL && c->minor_units >= 0)
        return c->minor_units;
    }
  if (code != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (table); i++)
      if (g_ascii_strcasecmp (table[i].code, code) == 0)
        return table[i].minor;
  return 2;
}

/* Display width of @s in Excel "characters": East Asian wide characters count twice. */
static double
text_width (const char *s)
{
  double w = 0, line = 0;

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0x80 && *p != '\n')
        {
          line += 1.0;
          if (line > MAX_WIDTH && w == 0)
            return line;   /* wider than any column gets: stop counting */
          continue;
        }
      c = g_utf8_get_char (p);
      if (c == '\n')
        {
          w = MAX (w, line);
          line = 0;
          continue;
        }
      line += g_unichar_iswide (c) ? 2.0 : 1.0;
    }
  return MAX (w, line);
}

static double
number_width (double v,
              int    decimals)
{
  double a = fabs (v), digits = 1;

  for (double limit = 10; a >= limit && digits < 16; limit *= 10)
    digits++;

  /* digits, thousands separators, sign, point and decimals */
  return digits + floor ((digits - 1) / 3) + (v < 0 ? 1 : 0) + (decimals > 0 ? decimals + 1 : 0);
}

/* Parses "YYYY-MM-DD" or an ISO 8601 date-time. Excel has no time zones: a date-time is written
 * as the wall-clock time in the offset it was given in (a departure at 09:00 +08:00 shows 09:00). */
static gboolean
parse_iso_datetime (const char   *s,
                    lxw_datetime *out,
                    gboolean     *has_time)
{
  int y, mo, d;
  char tail;

  memset (out, 0, sizeof *out);
  if (s == NULL)
    return FALSE;
  if (strlen (s) == 10 && sscanf (s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3)
    {
      if (!g_date_valid_dmy (d, mo, y) || y < 1900)
        return FALSE;
      out->year = y;
      out->month = mo;
      out->day = d;
      *has_time = FALSE;
      return TRUE;
    }
  else
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (s, utc);

      if (dt == NULL || g_date_time_get_year (dt) < 1900)
        return FALSE;
      out->year = g_date_time_get_year (dt);
      out->month = g_date_time_get_month (dt);
      out->day = g_date_time_get_day_of_month (dt);
      out->hour = g_date_time_get_hour (dt);
      out->min = g_date_time_get_minute (dt);
      out->sec = g_date_time_get_seconds (dt);
      *has_time = TRUE;
      return TRUE;
    }
}

/* HS codes are written as digits only ("0808.10" -> "080810"), the form customs systems load;
 * anything that is not digits after dropping dots and spaces is written as given. */
static const char *
hs_for_cell (const char *hs,
             char        buf[32])
{
  guint n = 0;

  if (hs == NULL)
    return NULL;
  for (const char *p = hs; *p; p++)
    {
      if (*p == '.' || *p == ' ')
        continue;
      if (!g_ascii_isdigit (*p) || n >= 31)
        return hs;
      buf[n++] = *p;
    }
  buf[n] = '\0';
  return buf;
}

static gboolean
ctx_failed (Ctx *ctx)
{
  return ctx->error != NULL;
}

static void
fail_lxw (Ctx        *ctx,
          Sheet      *sh,
          lxw_row_t   row,
          lxw_col_t   col,
          lxw_error   err)
{
  char cell[16];

  if (ctx->error != NULL)
    return;
  lxw_rowcol_to_cell (cell, row, col);
  g_set_error (&ctx->error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
               _("Excel export failed on sheet “%s”, cell %s: %s"),
               sh->name, cell, lxw_strerror (err));
}

/* ---- cells -------------------------------------------------------------- */

/* Text. @path names the model field for error messages. @spill: the cell's text may run over
 * the empty cells to its right, so it does not widen its column. */
static void
put_text (Ctx        *ctx,
          Sheet      *sh,
          lxw_col_t   col,
          const char *text,
          lxw_format *fmt,
          const char *path,
          gboolean    spill)
{
  lxw_error err;
  size_t len;

  if (ctx_failed (ctx) || text == NULL || *text == '\0')
    return;
  len = strlen (text);
  if (len > EXCEL_MAX_TEXT)
    {
      g_autofree char *where = NULL;
      char cell[16];

      if (path == NULL && sh->what != NULL)
        where = sh->sub == NULL
          ? g_strdup_printf ("%s[%u]", sh->what, sh->index)
          : sh->sub_index < 0
            ? g_strdup_printf ("%s[%u].%s", sh->what, sh->index, sh->sub)
            : g_strdup_printf ("%s[%u].%s[%d]", sh->what, sh->index, sh->sub, sh->sub_index);
      lxw_rowcol_to_cell (cell, sh->row, col);
      g_set_error (&ctx->error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                   _("%s (sheet “%s”, cell %s) is longer than the %d characters an Excel cell can hold"),
                   path ? path : where ? where : _("A text"), sh->name, cell, EXCEL_MAX_TEXT);
      return;
    }
  err = worksheet_write_string (sh->ws, sh->row, col, text, fmt);
  if (err != LXW_NO_ERROR)
    {
      fail_lxw (ctx, sh, sh->row, col, err);
      return;
    }
  sh->n_cols = MAX (sh->n_cols, (guint) col + 1);
  /* A column already as wide as finish_sheet() makes any column needs no more measuring (the
   * Validation sheet's messages and hints reach it within a few rows). Columns A and B are
   * always measured: the labels spilling over them compare with their true widths. No text is
   * wider than its length in bytes (a wide character takes 3 or 4 bytes of UTF-8), so a text no
   * longer than the column's width so far cannot widen it. */
  if (!spill && col < MAX_COLS && (col < 2 || sh->width[col] + 1.0 < MAX_WIDTH) &&
      (double) len > sh->width[col])
    sh->width[col] = MAX (sh->width[col], text_width (text));
}

static void
put_number (Ctx        *ctx,
            Sheet      *sh,
            lxw_col_t   col,
            double      v,
            lxw_format *fmt,
            int         decimals)
{
  lxw_error err;

  if (ctx_failed (ctx) || !cs_num_is_set (v))
    return;
  err = worksheet_write_number (sh->ws, sh->row, col, v, fmt);
  if (err != LXW_NO_ERROR)
    fail_lxw (ctx, sh, sh->row, col, err);
  else if (col < MAX_COLS)
    sh->width[col] = MAX (sh->width[col], number_width (v, decimals));
}

static void
put_sum (Ctx        *ctx,
         Sheet      *sh,
         lxw_col_t   col,
         lxw_row_t   first,
         lxw_row_t   last,
         double      cached,
         lxw_format *fmt,
         int         decimals)
{
  g_autofree char *formula = NULL;
  char name[8];
  lxw_error err;

  if (ctx_failed (ctx))
    return;
  lxw_col_to_name (name, col, 0);
  if (last < first)
    formula = g_strdup ("=0");
  else
    formula = g_strdup_printf ("=SUM(%s%u:%s%u)", name, (guint) first + 1, name, (guint) last + 1);
  err = worksheet_write_formula_num (sh->ws, sh->row, col, formula, fmt, cached);
  if (err != LXW_NO_ERROR)
    fail_lxw (ctx, sh, sh->row, col, err);
  else if (col < MAX_COLS)
    sh->width[col] = MAX (sh->width[col], number_width (cached, decimals));
}

/* A real Excel date (or date-time); text that is not a date is kept as text, never dropped. */
static void
put_date (Ctx        *ctx,
          Sheet      *sh,
          lxw_col_t   col,
          const char *iso,
          const char *path)
{
  lxw_datetime dt;
  gboolean has_time = FALSE;
  lxw_error err;

  if (ctx_failed (ctx) || iso == NULL || *iso == '\0')
    return;
  if (!parse_iso_datetime (iso, &dt, &has_time))
    {
      put_text (ctx, sh, col, iso, ctx->text, path, FALSE);
      return;
    }
  err = worksheet_write_datetime (sh->ws, sh->row, col, &dt, has_time ? ctx->datetime : ctx->date);
  if (err != LXW_NO_ERROR)
    fail_lxw (ctx, sh, sh->row, col, err);
  else if (col < MAX_COLS)
    sh->width[col] = MAX (sh->width[col], has_time ? 16 : 10);
}

static void
put_bool (Ctx      *ctx,
          Sheet    *sh,
          lxw_col_t col,
          gboolean  v)
{
  lxw_error err;

  if (ctx_failed (ctx))
    return;
  err = worksheet_write_boolean (sh->ws, sh->row, col, v ? 1 : 0, NULL);
  if (err != LXW_NO_ERROR)
    fail_lxw (ctx, sh, sh->row, col, err);
  else if (col < MAX_COLS)
    sh->width[col] = MAX (sh->width[col], 5);
}

static void
next_row (Ctx   *ctx,
          Sheet *sh)
{
  if (sh->row + 1 >= EXCEL_MAX_ROWS && ctx->error == NULL)
    g_set_error (&ctx->error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_INVALID,
                 _("Sheet “%s” needs more than the %d rows Excel allows"), sh->name, EXCEL_MAX_ROWS);
  sh->row++;
}

/* ---- sheets ------------------------------------------------------------- */

static void
print_setup (Ctx        *ctx,
             Sheet      *sh,
             lxw_row_t   header_row)
{
  g_auto(GStrv) parts = g_strsplit (ctx->m->reference ? ctx->m->reference : "", "&", -1);
  g_autofree char *ref = g_strjoinv ("&&", parts);
  g_autofree char *head = NULL;

  worksheet_set_landscape (sh->ws);
  worksheet_set_paper (sh->ws, 9);   /* A4 */
  worksheet_fit_to_pages (sh->ws, 1, 0);
  worksheet_repeat_rows (sh->ws, header_row, header_row);
  /* '&' starts a code in Excel headers, so user text has it doubled; headers hold 255 bytes. */
  head = g_strdup_printf ("&L%s&C%s&R%s", ref, sh->name, _("Page &P of &N"));
  if (strlen (head) <= 255)
    worksheet_set_header (sh->ws, head);
}

static void
start_sheet (Ctx        *ctx,
             Sheet      *sh,
             const char *name)
{
  memset (sh, 0, sizeof *sh);
  sh->name = name;
  sh->ws = workbook_add_worksheet (ctx->wb, name);
  for (guint i = 0; i < MAX_COLS; i++)
    sh->width[i] = MIN_WIDTH;
}

/* Header row of a table at the current row; the rows below it up to @n_rows are filtered and
 * scroll under the frozen header. Call before writing any row below. */
static void
table_header (Ctx                 *ctx,
              Sheet               *sh,
              const CsExportLabel *labels,
              guint                n_labels,
              guint                n_rows,
              const char          *money_suffix)
{
  lxw_row_t hr = sh->row;
  lxw_error err;

  g_assert (n_labels <= MAX_COLS);
  err = worksheet_autofilter (sh->ws, hr, 0, hr + MAX (n_rows, 1), n_labels - 1);
  if (err != LXW_NO_ERROR)
    fail_lxw (ctx, sh, hr, 0, err);
  worksheet_freeze_panes (sh->ws, hr + 1, 0);
  print_setup (ctx, sh, hr);
  for (guint c = 0; c < n_labels; c++)
    {
      g_autofree char *h = cs_export_label_text (&labels[c], ctx->o->bilingual);

      if (money_suffix != NULL && strcmp (labels[c].en, N_("Value")) == 0)
        {
          char *t = g_strdup_printf ("%s (%s)", h, money_suffix);
          g_free (h);
          h = t;
        }
      put_text (ctx, sh, c, h, ctx->header, NULL, FALSE);
      /* room for the autofilter button */
      sh->width[c] = MAX (sh->width[c], text_width (h) + 2);
    }
  next_row (ctx, sh);
}

static void
finish_sheet (Ctx   *ctx,
              Sheet *sh)
{
  if (sh->span_ab > sh->width[0] + sh->width[1])
    sh->width[1] = sh->span_ab - sh->width[0];
  for (guint c = 0; c < MIN (sh->n_cols, MAX_COLS); c++)
    worksheet_set_column (sh->ws, c, c, MIN (sh->width[c] + 1.0, MAX_WIDTH), NULL);
}

/* ---- Manifest ----------------------------------------------------------- */

enum { I_LINE, I_CATEGORY, I_DESCRIPTION, I_HS, I_QUANTITY, I_UNIT, I_PACKAGES, I_PACKAGE_TYPE,
       I_NET, I_GROSS, I_VOLUME, I_VALUE, I_ORIGIN, I_CONTAINER, I_MARKS, I_UN, I_CLASS, N_I };

/* The item labels of the I_* columns (the CSV's without currency and VIN). */
static const CsItemLabel item_columns[N_I] = {
  CS_ITEM_LABEL_LINE, CS_ITEM_LABEL_CATEGORY, CS_ITEM_LABEL_DESCRIPTION, CS_ITEM_LABEL_HS_CODE,
  CS_ITEM_LABEL_QUANTITY, CS_ITEM_LABEL_UNIT, CS_ITEM_LABEL_PACKAGES, CS_ITEM_LABEL_PACKAGE_TYPE,
  CS_ITEM_LABEL_NET_KG, CS_ITEM_LABEL_GROSS_KG, CS_ITEM_LABEL_VOLUME_M3, CS_ITEM_LABEL_VALUE,
  CS_ITEM_LABEL_ORIGIN, CS_ITEM_LABEL_CONTAINER, CS_ITEM_LABEL_MARKS, CS_ITEM_LABEL_UN_NUMBER,
  CS_ITEM_LABEL_DG_CLASS,
};

static void
put_label (Ctx                 *ctx,
           Sheet               *sh,
           const CsExportLabel *l,
           lxw_format          *fmt)
{
  g_autofree char *t = cs_export_label_text (l, ctx->o->bilingual);

  put_text (ctx, sh, 0, t, fmt, NULL, TRUE);
  sh->span_ab = MAX (sh->span_ab, text_width (t));
}

/* "name / name_latin · address, city postcode, country · tax id · contact, phone, email" */
static char *
party_line (CsParty *p)
{
  GString *s = g_string_new (NULL);
  const char *sep = "";

#define ADD(sep_, v) G_STMT_START { if ((v) != NULL && *(v) != '\0') { g_string_append_printf (s, "%s%s", *s->str ? (sep_) : "", (v)); } } G_STMT_END
  ADD ("", p->name);
  ADD (" / ", p->name_latin);
  sep = " · ";
  ADD (sep, p->address);
  ADD (", ", p->city);
  ADD (" ", p->postcode);
  ADD (", ", p->country);
  if (p->tax_id != NULL && *p->tax_id)
    g_string_append_printf (s, "%s%s %s", *s->str ? sep : "", _("Tax ID"), p->tax_id);
  ADD (sep, p->contact);
  ADD (", ", p->phone);
  ADD (", ", p->email);
#undef ADD
  return g_string_free (s, FALSE);
}

static void
write_header_block (Ctx   *ctx,
                    Sheet *sh)
{
  CsManifest *m = ctx->m;
  static const CsExportLabel l_title = { N_("Cargo manifest"), "货物舱单" };
  static const CsExportLabel l_corridor = { N_("Corridor"), "通道" };
  static const CsExportLabel l_route = { N_("Route"), "路线" };
  static const CsExportLabel l_doc = { N_("Transport document"), "运输单证" };
  static const CsExportLabel l_terms = { N_("Terms"), "贸易条款" };
  static const CsExportLabel l_invoice = { N_("Invoice"), "发票" };
  static const CsExportLabel l_notes = { N_("Notes"), "备注" };
  static const CsExportLabel l_roles[] = {
    { N_("Shipper"), "发货人" }, { N_("Consignee"), "收货人" }, { N_("Notify party"), "通知人" },
    { N_("Declarant"), "申报人" }, { N_("Carrier"), "承运人" },
  };

  put_label (ctx, sh, &l_title, ctx->title);
  put_text (ctx, sh, I_DESCRIPTION, m->reference, ctx->title, "reference", FALSE);
  put_text (ctx, sh, I_HS, m->status, ctx->text, "status", FALSE);
  put_text (ctx, sh, I_QUANTITY, m->direction, ctx->text, "direction", TRUE);
  next_row (ctx, sh);

  put_label (ctx, sh, &l_corridor, ctx->label);
  put_text (ctx, sh, I_DESCRIPTION, m->corridor, ctx->text, "corridor", FALSE);
  next_row (ctx, sh);

  put_label (ctx, sh, &l_route, ctx->label);
  put_text (ctx, sh, I_DESCRIPTION, m->place_of_receipt, ctx->text, "place_of_receipt", FALSE);
  put_text (ctx, sh, I_HS, m->port_of_loading, ctx->text, "port_of_loading", FALSE);
  put_text (ctx, sh, I_QUANTITY, m->port_of_discharge, ctx->text, "port_of_discharge", FALSE);
  put_text (ctx, sh, I_UNIT, m->place_of_delivery, ctx->text, "place_of_delivery", FALSE);
  next_row (ctx, sh);

  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);
      g_autofree char *label = NULL;
      g_autofree char *path = g_strdup_printf ("legs[%u]", i);

      if (ctx->o->bilingual)
        label = g_strdup_printf ("Leg %u/第%u程%s%s", i + 1, i + 1, leg->mode ? " · " : "",
                                 leg->mode ? leg->mode : "");
      else
        label = g_strdup_printf (_("Leg %u%s%s"), i + 1, leg->mode ? " · " : "", leg->mode ? leg->mode : "");
      put_text (ctx, sh, 0, label, ctx->label, path, TRUE);
      sh->span_ab = MAX (sh->span_ab, text_width (label));
      put_text (ctx, sh, I_DESCRIPTION, leg->carrier, ctx->text, path, FALSE);
      put_text (ctx, sh, I_HS, leg->voyage, ctx->text, path, FALSE);
      put_text (ctx, sh, I_QUANTITY, leg->from, ctx->text, path, FALSE);
      put_text (ctx, sh, I_UNIT, leg->to, ctx->text, path, FALSE);
      put_date (ctx, sh, I_PACKAGES, leg->etd, path);
      put_date (ctx, sh, I_PACKAGE_TYPE, leg->eta, path);
      next_row (ctx, sh);
    }

  if (m->transport_document != NULL)
    {
      put_label (ctx, sh, &l_doc, ctx->label);
      put_text (ctx, sh, I_DESCRIPTION, m->transport_document->number, ctx->text,
                "transport_document.number", FALSE);
      put_text (ctx, sh, I_HS, m->transport_document->type, ctx->text, "transport_document.type", FALSE);
      next_row (ctx, sh);
    }

  put_label (ctx, sh, &l_terms, ctx->label);
  if (m->incoterm != NULL)
    {
      g_autofree char *term = g_strdup_printf ("%s%s%s", m->incoterm->code ? m->incoterm->code : "",
                                               m->incoterm->place ? " " : "",
                                               m->incoterm->place ? m->incoterm->place : "");
      put_text (ctx, sh, I_DESCRIPTION, g_strstrip (term), ctx->text, "incoterm", FALSE);
    }
  put_text (ctx, sh, I_HS, m->currency, ctx->text, "currency", FALSE);
  put_text (ctx, sh, I_QUANTITY, m->preference, ctx->text, "preference", FALSE);
  next_row (ctx, sh);

  if (m->invoice != NULL)
    {
      put_label (ctx, sh, &l_invoice, ctx->label);
      put_text (ctx, sh, I_DESCRIPTION, m->invoice->number, ctx->text, "invoice.number", FALSE);
      put_date (ctx, sh, I_HS, m->invoice->date, "invoice.date");
      put_number (ctx, sh, I_QUANTITY, m->invoice->total, ctx->money,
                  currency_minor_units (ctx, m->currency));
      next_row (ctx, sh);
    }

  for (guint r = 0; cs_party_roles[r] != NULL; r++)
    {
      CsParty *p = cs_manifest_get_party (m, cs_party_roles[r]);
      g_autofree char *line = NULL;
      g_autofree char *path = NULL;

      if (p == NULL)
        continue;
      line = party_line (p);
      path = g_strdup_printf ("parties.%s", cs_party_roles[r]);
      put_label (ctx, sh, &l_roles[r], ctx->label);
      put_text (ctx, sh, I_DESCRIPTION, line, ctx->text, path, TRUE);
      next_row (ctx, sh);
    }

  if (m->notes != NULL && *m->notes)
    {
      put_label (ctx, sh, &l_notes, ctx->label);
      put_text (ctx, sh, I_DESCRIPTION, m->notes, ctx->text, "notes", TRUE);
      next_row (ctx, sh);
    }

  next_row (ctx, sh);   /* one empty row before the table */
}

/* The container of an item, or its split containers joined (then *@owned holds the string). */
static const char *
item_containers (CsItem  *it,
                 char   **owned)
{
  GString *s;

  *owned = NULL;
  if (it->container != NULL)
    return it->container;
  if (it->splits == NULL || cs_list_length (it->splits) == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < cs_list_length (it->splits); i++)
    {
      CsSplit *sp = cs_list_index (it->splits, i);

      if (sp->container == NULL)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, sp->container);
    }
  return *owned = g_string_free (s, FALSE);
}

static void
write_manifest_sheet (Ctx *ctx)
{
  CsManifest *m = ctx->m;
  guint n = CS_MANIFEST_N_ITEMS (m);
  int minor = currency_minor_units (ctx, m->currency);
  lxw_row_t first, last;
  const CsTotals *totals = &ctx->totals;
  Sheet sh;
  static const CsExportLabel l_total = { N_("Total"), "合计" };
  CsExportLabel item_labels[N_I];

  start_sheet (ctx, &sh, "Manifest");
  write_header_block (ctx, &sh);
  for (guint c = 0; c < N_I; c++)
    item_labels[c] = cs_export_item_labels[item_columns[c]];
  table_header (ctx, &sh, item_labels, N_I, n, m->currency);

  first = sh.row;
  for (guint i = 0; i < n && !ctx_failed (ctx); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);
      char hs_buf[32];
      g_autofree char *owned = NULL;
      const char *boxes = item_containers (it, &owned);
      const char *path = NULL;

      sh.what = "items";
      sh.index = i;
      put_number (ctx, &sh, I_LINE, it->line, ctx->integer, 0);
      put_text (ctx, &sh, I_CATEGORY, it->category, NULL, path, FALSE);
      put_text (ctx, &sh, I_DESCRIPTION, it->description, NULL, path, FALSE);
      put_text (ctx, &sh, I_HS, hs_for_cell (it->hs_code, hs_buf), ctx->text, path, FALSE);
      put_number (ctx, &sh, I_QUANTITY, it->quantity, NULL, 0);
      put_text (ctx, &sh, I_UNIT, it->unit, ctx->text, path, FALSE);
      if (it->packages != NULL)
        {
          put_number (ctx, &sh, I_PACKAGES, it->packages->count, ctx->count, 0);
          put_text (ctx, &sh, I_PACKAGE_TYPE, it->packages->type, ctx->text, path, FALSE);
        }
      put_number (ctx, &sh, I_NET, it->net_kg, ctx->kg, 1);
      put_number (ctx, &sh, I_GROSS, it->gross_kg, ctx->kg, 1);
      put_number (ctx, &sh, I_VOLUME, it->volume_m3, ctx->m3, 3);
      put_number (ctx, &sh, I_VALUE, it->value, ctx->money, minor);
      put_text (ctx, &sh, I_ORIGIN, it->origin_country, ctx->text, path, FALSE);
      put_text (ctx, &sh, I_CONTAINER, boxes, ctx->text, path, FALSE);
      put_text (ctx, &sh, I_MARKS, it->marks, NULL, path, FALSE);
      if (it->dg != NULL)
        {
          put_text (ctx, &sh, I_UN, it->dg->un_number, ctx->text, path, FALSE);
          put_text (ctx, &sh, I_CLASS, it->dg->dg_class, ctx->text, path, FALSE);
        }
      next_row (ctx, &sh);
    }
  last = sh.row - 1;
  sh.what = NULL;

  /* Totals by formula, with the model's totals as the cached results. */
  {
    g_autofree char *t = cs_export_label_text (&l_total, ctx->o->bilingual);
    put_text (ctx, &sh, I_DESCRIPTION, t, ctx->total_label, NULL, FALSE);
  }
  put_sum (ctx, &sh, I_PACKAGES, first, last, (double) totals->packages, ctx->total_count, 0);
  put_sum (ctx, &sh, I_NET, first, last, totals->net_kg, ctx->total_kg, 1);
  put_sum (ctx, &sh, I_GROSS, first, last, totals->gross_kg, ctx->total_kg, 1);
  put_sum (ctx, &sh, I_VOLUME, first, last, totals->volume_m3, ctx->total_m3, 3);
  put_sum (ctx, &sh, I_VALUE, first, last, totals->value, ctx->total_money, minor);
  next_row (ctx, &sh);

  finish_sheet (ctx, &sh);
  worksheet_activate (sh.ws);
}

/* ---- Containers --------------------------------------------------------- */

static void
write_containers_sheet (Ctx *ctx)
{
  static const CsExportLabel labels[] = {
    { N_("Container"), "集装箱号" }, { N_("Size-type"), "箱型" }, { N_("Seals"), "封志号" },
    { N_("Tare kg"), "皮重" }, { N_("VGM kg"), "核实总重" }, { N_("VGM method"), "称重方法" },
    { N_("Max gross kg"), "最大总重" }, { N_("Set-point °C"), "设定温度" },
    { N_("Humidity %"), "湿度" }, { N_("Vent m³/h"), "通风量" }, { N_("Pending"), "待补" },
  };
  guint n = CS_MANIFEST_N_CONTAINERS (ctx->m);
  Sheet sh;

  start_sheet (ctx, &sh, "Containers");
  table_header (ctx, &sh, labels, G_N_ELEMENTS (labels), n, NULL);
  for (guint i = 0; i < n && !ctx_failed (ctx); i++)
    {
      CsContainer *c = CS_MANIFEST_CONTAINER (ctx->m, i);
      const char *path = NULL;

      sh.what = "containers";
      sh.index = i;
      put_text (ctx, &sh, 0, c->number, ctx->text, path, FALSE);
      put_text (ctx, &sh, 1, c->size_type, ctx->text, path, FALSE);
      if (c->seals != NULL)
        {
          g_autofree char *seals = g_strjoinv (", ", c->seals);
          put_text (ctx, &sh, 2, seals, ctx->text, path, FALSE);
        }
      put_number (ctx, &sh, 3, c->tare_kg, ctx->kg, 1);
      put_number (ctx, &sh, 4, c->vgm_kg, ctx->kg, 1);
      put_number (ctx, &sh, 5, c->vgm_method, ctx->integer, 0);
      put_number (ctx, &sh, 6, c->max_gross_kg, ctx->kg, 1);
      if (c->reefer != NULL)
        {
          put_number (ctx, &sh, 7, c->reefer->setpoint_c, ctx->celsius, 1);
          put_number (ctx, &sh, 8, c->reefer->humidity_pct, ctx->pct, 1);
          put_number (ctx, &sh, 9, c->reefer->vent_cmh, ctx->integer, 0);
        }
      if (c->pending != NULL)
        {
          g_autofree char *pending = g_strjoinv (", ", c->pending);
          put_text (ctx, &sh, 10, pending, ctx->text, path, FALSE);
        }
      next_row (ctx, &sh);
    }
  finish_sheet (ctx, &sh);
}

/* ---- Vehicles (VIN annex) ----------------------------------------------- */

static void
write_vehicles_sheet (Ctx *ctx)
{
  static const CsExportLabel labels[] = {
    { N_("VIN"), "车架号" }, { N_("Make"), "品牌" }, { N_("Model"), "型号" },
    { N_("Model year"), "年款" }, { N_("Powertrain"), "动力类型" }, { N_("Line"), "序号" },
    { N_("Container"), "集装箱号" },
  };
  CsManifest *m = ctx->m;
  Sheet sh;

  start_sheet (ctx, &sh, "Vehicles");
  table_header (ctx, &sh, labels, G_N_ELEMENTS (labels), ctx->totals.n_vins, NULL);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m) && !ctx_failed (ctx); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);
      CsVehicle *v = it->vehicle;
      g_autofree char *owned = NULL;
      const char *boxes;

      if (v == NULL || v->vins == NULL)
        continue;
      boxes = item_containers (it, &owned);
      sh.what = "items";
      sh.index = i;
      sh.sub = "vehicle.vins";
      for (guint k = 0; v->vins[k] != NULL && !ctx_failed (ctx); k++)
        {
          const char *path = NULL;
          const char *own = cs_tagged_container ((const char * const *) v->vin_containers, k);

          sh.sub_index = k;
          put_text (ctx, &sh, 0, v->vins[k], ctx->text, path, FALSE);
          put_text (ctx, &sh, 1, v->make, NULL, path, FALSE);
          put_text (ctx, &sh, 2, v->model, NULL, path, FALSE);
          put_number (ctx, &sh, 3, v->model_year, ctx->integer, 0);
          put_text (ctx, &sh, 4, v->powertrain, NULL, path, FALSE);
          put_number (ctx, &sh, 5, it->line, ctx->integer, 0);
          /* the VIN's own box when it names one, else every box of its line */
          put_text (ctx, &sh, 6, own != NULL ? own : boxes, ctx->text, path, FALSE);
          next_row (ctx, &sh);
        }
    }
  finish_sheet (ctx, &sh);
}

/* ---- Cold chain --------------------------------------------------------- */

/* The set-point of the reefer(s) an item travels in, when they agree. */
static double
item_setpoint (CsManifest *m,
               CsItem     *it,
               GHashTable *by_number)
{
  double sp = NAN;

  if (it->container != NULL)
    {
      CsContainer *c = g_hash_table_lookup (by_number, it->container);
      return (c != NULL && c->reefer != NULL) ? c->reefer->setpoint_c : NAN;
    }
  for (guint i = 0; it->splits != NULL && i < cs_list_length (it->splits); i++)
    {
      CsSplit *s = cs_list_index (it->splits, i);
      CsContainer *c = s->container ? g_hash_table_lookup (by_number, s->container) : NULL;
      double v = (c != NULL && c->reefer != NULL) ? c->reefer->setpoint_c : NAN;

      if (!cs_num_is_set (v))
        continue;
      if (cs_num_is_set (sp) && sp != v)
        return NAN;
      sp = v;
    }
  return sp;
}

static void
write_cold_chain_sheet (Ctx *ctx)
{
  static const CsExportLabel labels[] = {
    { N_("Line"), "序号" }, { N_("Product"), "产品" }, { N_("Min °C"), "最低温度" }, { N_("Max °C"), "最高温度" }, { N_("Set-point °C"), "设定温度" },
    { N_("Frozen"), "冷冻" }, { N_("Shelf life days"), "保质期(天)" },
    { N_("Packing date"), "包装日期" }, { N_("Ethylene"), "乙烯" },
    { N_("Container"), "集装箱号" },
  };
  CsManifest *m = ctx->m;
  g_autoptr(GHashTable) by_number = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = 0;
  Sheet sh;

  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
    {
      CsContainer *c = CS_MANIFEST_CONTAINER (m, i);
      if (c->number != NULL && !g_hash_table_contains (by_number, c->number))
        g_hash_table_insert (by_number, c->number, c);
    }
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i++)
    if (CS_MANIFEST_ITEM (m, i)->perishable != NULL)
      n_rows++;

  start_sheet (ctx, &sh, "Cold chain");
  table_header (ctx, &sh, labels, G_N_ELEMENTS (labels), n_rows, NULL);
  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m) && !ctx_failed (ctx); i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (m, i);
      CsPerishable *p = it->perishable;
      g_autofree char *owned = NULL;
      const char *boxes;
      const char *path = NULL;

      if (p == NULL)
        continue;
      sh.what = "items";
      sh.index = i;
      sh.sub = "perishable";
      sh.sub_index = -1;
      boxes = item_containers (it, &owned);
      put_number (ctx, &sh, 0, it->line, ctx->integer, 0);
      put_text (ctx, &sh, 1, p->product, NULL, path, FALSE);
      put_number (ctx, &sh, 2, p->temp_min_c, ctx->celsius, 1);
      put_number (ctx, &sh, 3, p->temp_max_c, ctx->celsius, 1);
      put_number (ctx, &sh, 4, item_setpoint (m, it, by_number), ctx->celsius, 1);
      put_bool (ctx, &sh, 5, p->frozen);
      put_number (ctx, &sh, 6, p->shelf_life_days, ctx->integer, 0);
      put_date (ctx, &sh, 7, p->packed_on, path);
      put_text (ctx, &sh, 8, p->ethylene, NULL, path, FALSE);
      put_text (ctx, &sh, 9, boxes, ctx->text, path, FALSE);
      next_row (ctx, &sh);
    }
  finish_sheet (ctx, &sh);
}

/* ---- Documents ---------------------------------------------------------- */

static void
write_documents_sheet (Ctx *ctx)
{
  static const CsExportLabel labels[] = {
    { N_("Document"), "单证种类" }, { N_("Number"), "编号" }, { N_("Issued"), "签发日期" },
    { N_("Expires"), "有效期至" }, { N_("Issuer"), "签发机构" }, { N_("Covers lines"), "适用项号" },
  };
  guint n = CS_MANIFEST_N_DOCUMENTS (ctx->m);
  Sheet sh;

  start_sheet (ctx, &sh, "Documents");
  table_header (ctx, &sh, labels, G_N_ELEMENTS (labels), n, NULL);
  for (guint i = 0; i < n && !ctx_failed (ctx); i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (ctx->m, i);
      GString *covers = g_string_new (NULL);
      const char *path = NULL;

      sh.what = "documents";
      sh.index = i;
      put_text (ctx, &sh, 0, d->kind, ctx->text, path, FALSE);
      put_text (ctx, &sh, 1, d->number, ctx->text, path, FALSE);
      put_date (ctx, &sh, 2, d->issued_on, path);
      put_date (ctx, &sh, 3, d->expires_on, path);
      put_text (ctx, &sh, 4, d->issuer, ctx->text, path, FALSE);
      if (d->covers == NULL || d->covers->len == 0)
        g_string_append (covers, ctx->o->bilingual ? "all/全部" : _("all"));
      for (guint k = 0; d->covers != NULL && k < d->covers->len; k++)
        g_string_append_printf (covers, "%s%" G_GINT64_FORMAT, k ? ", " : "",
                                g_array_index (d->covers, gint64, k));
      put_text (ctx, &sh, 5, covers->str, ctx->text, path, FALSE);
      g_string_free (covers, TRUE);
      next_row (ctx, &sh);
    }
  finish_sheet (ctx, &sh);
}

/* ---- Validation --------------------------------------------------------- */

/* One finding, or the first row of a group: severity, rule, path(s), message, hint. */
static void
put_finding (Ctx        *ctx,
             Sheet      *sh,
             CsFinding  *f,
             const char *path,
             const char *message)
{
  put_text (ctx, sh, 0, cs_severity_to_string (f->severity), NULL, NULL, FALSE);
  put_text (ctx, sh, 1, f->rule, NULL, NULL, FALSE);
  put_text (ctx, sh, 2, path, NULL, NULL, FALSE);
  put_text (ctx, sh, 3, message, NULL, NULL, FALSE);
  put_text (ctx, sh, 4, cs_finding_get_hint (f), NULL, NULL, FALSE);
  next_row (ctx, sh);
}

/* Identical findings (cs-finding-group.h) are one entry, as on the Review page and in `consign
 * validate`: "33,334 findings: Line 7 has no HS code …" with every path of the group in the Path
 * column. A list longer than a cell holds goes on in the Path cell of the rows below (severity
 * and rule repeated, so that a filter on them keeps the whole list); no path is cut in two.
 *
 * next_paths() puts into @paths the paths of @group from *@k on that fit in one cell, moves *@k
 * past them and returns FALSE when none were left. */
static gboolean
next_paths (CsFindingGroup *group,
            guint          *k,
            GString        *paths)
{
  guint n = cs_finding_group_get_n_findings (group);

  g_string_truncate (paths, 0);
  if (*k >= n)
    return FALSE;
  for (; *k < n; (*k)++)
    {
      const char *path = cs_finding_group_get_finding (group, *k)->path;

      if (paths->len > 0 && paths->len + 2 + strlen (path) > EXCEL_MAX_TEXT)
        break;
      if (paths->len > 0)
        g_string_append (paths, ", ");
      g_string_append (paths, path);
    }
  return TRUE;
}

/* The rows an entry takes. */
static guint
group_rows (CsFindingGroup *group)
{
  g_autoptr(GString) paths = g_string_new (NULL);
  guint k = 0, rows = 0;

  if (cs_finding_group_get_n_findings (group) == 1)
    return 1;
  while (next_paths (group, &k, paths))
    rows++;
  return rows;
}

static void
put_group (Ctx            *ctx,
           Sheet          *sh,
           CsFindingGroup *group)
{
  CsFinding *first = cs_finding_group_get_first (group);
  guint n = cs_finding_group_get_n_findings (group);
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u findings: %s …",
                                                           "%u findings: %s …", n),
                                              n, cs_finding_get_message (first));
  g_autoptr(GString) paths = g_string_new (NULL);
  guint k = 0;

  if (n == 1)
    {
      put_finding (ctx, sh, first, first->path, cs_finding_get_message (first));
      return;
    }
  next_paths (group, &k, paths);
  put_finding (ctx, sh, first, paths->str, message);
  while (!ctx_failed (ctx) && next_paths (group, &k, paths))
    {
      put_text (ctx, sh, 0, cs_severity_to_string (first->severity), NULL, NULL, FALSE);
      put_text (ctx, sh, 1, first->rule, NULL, NULL, FALSE);
      put_text (ctx, sh, 2, paths->str, NULL, NULL, FALSE);
      next_row (ctx, sh);
    }
}

static void
write_validation_sheet (Ctx *ctx)
{
  static const CsExportLabel labels[] = {
    { N_("Severity"), "级别" }, { N_("Rule"), "规则" }, { N_("Path"), "位置" },
    { N_("Message"), "问题" }, { N_("Hint"), "建议" },
  };
  static const CsExportLabel l_not_validated = { N_("Not validated"), "未校验" };
  static const CsExportLabel l_clean = { N_("No findings"), "未发现问题" };
  GPtrArray *findings = ctx->o->findings;
  g_autoptr(GPtrArray) groups = NULL;
  guint rows = 0;
  Sheet sh;

  start_sheet (ctx, &sh, "Validation");
  if (findings == NULL)
    {
      g_autofree char *t = cs_export_label_text (&l_not_validated, ctx->o->bilingual);
      put_text (ctx, &sh, 0, t, ctx->bold, NULL, FALSE);
      next_row (ctx, &sh);
      finish_sheet (ctx, &sh);
      return;
    }
  groups = cs_finding_group_findings ((CsFinding * const *) findings->pdata, findings->len,
                                      CS_FINDING_GROUP_MIN);
  for (guint i = 0; i < groups->len; i++)
    rows += group_rows (g_ptr_array_index (groups, i));
  table_header (ctx, &sh, labels, G_N_ELEMENTS (labels), MAX (rows, 1), NULL);
  if (findings->len == 0)
    {
      g_autofree char *t = cs_export_label_text (&l_clean, ctx->o->bilingual);
      put_text (ctx, &sh, 0, t, ctx->text, NULL, TRUE);
      next_row (ctx, &sh);
    }
  for (guint i = 0; i < groups->len && !ctx_failed (ctx); i++)
    put_group (ctx, &sh, g_ptr_array_index (groups, i));
  finish_sheet (ctx, &sh);
}

/* ---- formats and properties --------------------------------------------- */

static lxw_format *
new_format (Ctx        *ctx,
            const char *num_format,
            gboolean    bold)
{
  lxw_format *f = workbook_add_format (ctx->wb);

  if (num_format != NULL)
    format_set_num_format (f, num_format);
  if (bold)
    format_set_bold (f);
  return f;
}

static void
make_formats (Ctx *ctx)
{
  int minor = currency_minor_units (ctx, ctx->m->currency);
  g_autofree char *money = minor > 0
    ? g_strdup_printf ("#,##0.%.*s", minor, "000000")
    : g_strdup ("#,##0");

  ctx->header = new_format (ctx, NULL, TRUE);
  format_set_bg_color (ctx->header, 0xDDE5F0);
  format_set_bottom (ctx->header, LXW_BORDER_THIN);
  format_set_text_wrap (ctx->header);
  format_set_align (ctx->header, LXW_ALIGN_VERTICAL_TOP);
  ctx->label = new_format (ctx, NULL, TRUE);
  ctx->title = new_format (ctx, NULL, TRUE);
  format_set_font_size (ctx->title, 14);
  ctx->bold = new_format (ctx, NULL, TRUE);
  ctx->text = new_format (ctx, "@", FALSE);
  ctx->integer = new_format (ctx, "0", FALSE);
  ctx->count = new_format (ctx, "#,##0", FALSE);
  ctx->kg = new_format (ctx, "#,##0.0", FALSE);
  ctx->m3 = new_format (ctx, "#,##0.000", FALSE);
  ctx->money = new_format (ctx, money, FALSE);
  ctx->celsius = new_format (ctx, "0.0", FALSE);
  ctx->pct = new_format (ctx, "0.0", FALSE);
  ctx->date = new_format (ctx, "yyyy-mm-dd", FALSE);
  ctx->datetime = new_format (ctx, "yyyy-mm-dd hh:mm", FALSE);
  ctx->total_label = new_format (ctx, "@", TRUE);
  format_set_top (ctx->total_label, LXW_BORDER_THIN);
  ctx->total_count = new_format (ctx, "#,##0", TRUE);
  format_set_top (ctx->total_count, LXW_BORDER_THIN);
  ctx->total_kg = new_format (ctx, "#,##0.0", TRUE);
  format_set_top (ctx->total_kg, LXW_BORDER_THIN);
  ctx->total_m3 = new_format (ctx, "#,##0.000", TRUE);
  format_set_top (ctx->total_m3, LXW_BORDER_THIN);
  ctx->total_money = new_format (ctx, money, TRUE);
  format_set_top (ctx->total_money, LXW_BORDER_THIN);
}

static void
set_properties (Ctx *ctx)
{
  CsManifest *m = ctx->m;
  CsParty *company = cs_manifest_get_party (m, "declarant");
  g_autofree char *title = NULL;
  g_autofree char *comments = NULL;
  lxw_doc_properties props = { 0 };

  if (company == NULL || company->name == NULL)
    company = cs_manifest_get_party (m, "shipper");
  title = g_strdup_printf ("%s %s", _("Cargo manifest"), m->reference ? m->reference : "");
  comments = g_strdup_printf ("Consign %s", PACKAGE_VERSION);
  props.title = g_strstrip (title);
  props.subject = m->corridor;
  props.company = company != NULL ? company->name : NULL;
  props.author = (char *) "Consign";
  props.comments = comments;
  props.created = ctx->o->now != NULL ? (time_t) g_date_time_to_unix (ctx->o->now) : time (NULL);
  workbook_set_properties (ctx->wb, &props);
}

gboolean
cs_export_xlsx_write (CsManifest            *m,
                      const CsExportOptions *o,
                      const char            *path,
                      GError               **error)
{
  CsExportOptions defaults = { 0 };
  g_autofree char *dir = g_path_get_dirname (path);
  /* libxlsxwriter's own temporary files (one per sheet part) beside the file, not in /tmp (a
   * full /tmp made it write empty parts and report success), in a scratch folder of ours (a
   * process killed between their creation and their unlinking left them among the user's files) */
  g_autoptr(GError) scratch_error = NULL;
  g_autoptr(CsExportScratch) scratch = cs_export_scratch_new (dir, &scratch_error);
  lxw_workbook_options wopts = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE, .tmpdir = NULL };
  lxw_error err;
  Ctx ctx = { 0 };

  g_return_val_if_fail (CS_IS_MANIFEST (m), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  if (scratch == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO, _("Cannot write the Excel file %s: %s"),
                   path, scratch_error->message);
      return FALSE;
    }
  wopts.tmpdir = (char *) cs_export_scratch_get_path (scratch);

  ctx.m = m;
  ctx.o = o != NULL ? o : &defaults;
  cs_manifest_compute_totals (m, &ctx.totals);
  ctx.wb = workbook_new_opt (path, &wopts);
  if (ctx.wb == NULL)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot start the Excel file %s"), path);
      return FALSE;
    }
  make_formats (&ctx);
  set_properties (&ctx);

  write_manifest_sheet (&ctx);
  write_containers_sheet (&ctx);
  write_vehicles_sheet (&ctx);
  write_cold_chain_sheet (&ctx);
  write_documents_sheet (&ctx);
  write_validation_sheet (&ctx);

  /* Always close: it frees the workbook. Its file is then discarded by the caller on failure. */
  err = workbook_close (ctx.wb);
  if (ctx.error != NULL)
    {
      g_propagate_error (error, ctx.error);
      return FALSE;
    }
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write the Excel file %s: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}
