/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-print-layout.c: the printed cargo manifest / declaration (cairo + pango, no GTK)
 *
 * The document is a flow of elements built once from the manifest: section titles, rows of
 * boxes (parties, terms, declaration) and tables (route, items with totals, containers, VIN
 * annex, cold chain, documents, findings, notes). Pagination measures each element with pango
 * (table rows once each, and only the cells that may wrap), then places them on pages: rows
 * never split (only a row taller than a whole page continues, cut between text lines, rather
 * than lose text), table headers repeat on every page, a section title stays with what
 * follows, and the item totals stay with the last item row. Drawing replays a page's placements.
 *
 * Bilingual labels: the Chinese half is fixed text, the English half is translatable with the
 * message context "bilingual print" (C_ / NC_), so both languages always show on paper.
 * CsExportOptions.bilingual is therefore not consulted: this layout is bilingual by design.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "cs-print-layout-private.h"

/* ---------------------------------------------------------------- elements */

static void
table_free (Table *t)
{
  g_clear_pointer (&t->map, g_array_unref);
  g_strfreev (t->headers);
  g_strfreev (t->totals);
  g_free (t->col_x);
  g_free (t->col_w);
  g_free (t->row_h);
  g_clear_pointer (&t->flows, g_hash_table_unref);
  g_clear_pointer (&t->tabs, pango_tab_array_free);
  g_free (t);
}

static void
element_free (gpointer data)
{
  Element *e = data;

  g_free (e->text);
  g_clear_pointer (&e->boxes, g_ptr_array_unref);
  g_clear_pointer (&e->table, table_free);
  g_free (e);
}

static void
long_text_free (gpointer data)
{
  LongText *lt = data;

  g_free (lt->where);
  g_free (lt->text);
  g_free (lt);
}

guint
cs_print_layout_add_title (CsPrintLayout *self,
           char          *text)
{
  Element *e = g_new0 (Element, 1);

  e->kind = EL_TITLE;
  e->text = text;
  g_ptr_array_add (self->elements, e);
  return self->elements->len - 1;
}

/* Takes the markup strings (NULL-terminated varargs of char *). */
void
cs_print_layout_add_boxes (CsPrintLayout *self,
           double         min_h,
           ...)
{
  Element *e = g_new0 (Element, 1);
  va_list ap;
  char *s;

  e->kind = EL_BOXES;
  e->min_h = min_h;
  e->boxes = g_ptr_array_new_with_free_func (g_free);
  va_start (ap, min_h);
  while ((s = va_arg (ap, char *)) != NULL)
    g_ptr_array_add (e->boxes, s);
  va_end (ap);
  g_ptr_array_add (self->elements, e);
}

Table *
cs_print_layout_add_table (CsPrintLayout *self,
           guint          title_el,
           const Column  *cols,
           guint          n_cols,
           guint          n_rows,
           CellFunc       cell,
           gboolean       with_header)
{
  Element *e = g_new0 (Element, 1);
  Table *t = g_new0 (Table, 1);
  double sum = 0, x;

  t->cols = cols;
  t->n_cols = n_cols;
  t->n_rows = n_rows;
  t->cell = cell;
  t->title_el = title_el;
  t->col_x = g_new (double, n_cols + 1);
  t->col_w = g_new (double, n_cols);
  for (guint c = 0; c < n_cols; c++)
    sum += cols[c].weight;
  x = self->x0;
  for (guint c = 0; c < n_cols; c++)
    {
      t->col_x[c] = x;
      t->col_w[c] = self->content_w * cols[c].weight / sum;
      x += t->col_w[c];
    }
  t->col_x[n_cols] = self->x0 + self->content_w;
  if (with_header)
    {
      t->headers = g_new0 (char *, n_cols + 1);
      for (guint c = 0; c < n_cols; c++)
        t->headers[c] = g_strconcat (cols[c].zh, "\n", cs_print_bi_en (cols[c].en), NULL);
    }

  e->kind = EL_TABLE;
  e->table = t;
  g_ptr_array_add (self->elements, e);
  return t;
}


CsPrintLayout *
cs_print_layout_new (CsManifest            *manifest,
                     const CsExportOptions *options,
                     double                 page_width_pt,
                     double                 page_height_pt)
{
  CsPrintLayout *self;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (page_width_pt > 4 * MARGIN && page_height_pt > 6 * MARGIN, NULL);

  self = g_new0 (CsPrintLayout, 1);
  self->m = g_object_ref (manifest);
  /* identical findings are one entry, as on the Review page (cs-finding-group.h) */
  if (options != NULL && options->findings != NULL)
    self->finding_groups = cs_finding_group_findings ((CsFinding * const *) options->findings->pdata,
                                                      options->findings->len, CS_FINDING_GROUP_MIN);
  if (options != NULL && options->now != NULL)
    self->now = g_date_time_ref (options->now);
  else
    self->now = g_date_time_new_now_local ();
  self->page_w = page_width_pt;
  self->page_h = page_height_pt;
  self->x0 = MARGIN;
  self->content_w = page_width_pt - 2 * MARGIN;
  self->scratch = g_string_sized_new (256);
  self->line = g_string_sized_new (256);
  self->elements = g_ptr_array_new_with_free_func (element_free);
  self->long_texts = g_ptr_array_new_with_free_func (long_text_free);
  self->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  self->page_start = g_array_new (FALSE, FALSE, sizeof (guint));

  cs_manifest_compute_totals (manifest, &self->totals);
  cs_print_layout_build (self);
  return self;
}

void
cs_print_layout_free (CsPrintLayout *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->body);
  g_clear_object (&self->row);
  g_clear_object (&self->bold);
  g_clear_object (&self->small);
  g_clear_object (&self->markup);
  g_clear_object (&self->title);
  g_clear_object (&self->page_title);
  g_clear_object (&self->ctx);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_clear_pointer (&self->long_texts, g_ptr_array_unref);
  g_clear_pointer (&self->containers, g_hash_table_unref);
  g_clear_pointer (&self->loads, g_hash_table_unref);
  g_clear_pointer (&self->placed, g_array_unref);
  g_clear_pointer (&self->page_start, g_array_unref);
  g_clear_pointer (&self->finding_groups, g_ptr_array_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->line, TRUE);
  g_object_unref (self->m);
  g_free (self);
}

/* ---------------------------------------------------------------- measuring */

static PangoLayout *
make_layout (PangoContext *ctx,
             double        size,
             gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (ctx);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_font_description_free (desc);
  return layout;
}

static double
measure (PangoLayout *layout,
         const char  *text,
         gssize       len,
         double       width,
         gboolean     markup)
{
  int w, h;

  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  if (markup)
    pango_layout_set_markup (layout, text, len);
  else
    pango_layout_set_text (layout, text, len);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* TRUE when @text surely fits on one line of @width in the body font, judged without pango:
 * ASCII by its measured advances (with room for kerning), letters and CJK by a generous em,
 * and anything else (control characters, rare scripts, emoji) is left to a real measurement. */
static gboolean
fits_one_line (CsPrintLayout *self,
               const char    *text,
               gsize          len,
               double         width)
{
  const char *p = text;
  const char *end = text + len;
  double w = 0.5;

  while (p < end)
    {
      guchar ch = (guchar) *p;

      if (ch < 0x80)
        {
          if (ch < 0x20 || ch == 0x7f)
            return FALSE;
          w += self->ascii_adv[ch] * 1.03;
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);

          if (u == (gunichar) -1 || u == (gunichar) -2 ||
              !(u < 0x2000 || (u >= 0x2010 && u < 0x2028) || (u >= 0x2030 && u < 0x2400) ||
                (u >= 0x2E80 && u < 0xA000) || (u >= 0xAC00 && u < 0xD7B0) ||
                (u >= 0xF900 && u < 0xFB00) || (u >= 0xFF00 && u < 0xFFF0)))
            return FALSE;
          w += self->em_w;
          p = g_utf8_next_char (p);
        }
      if (w > width)
        return FALSE;
    }
  return TRUE;
}

static void
flow_free (gpointer data)
{
  Flow *f = data;

  g_array_unref (f->lines);
  g_free (f);
}

/* Breaks @text into the lines it takes in @width, giving pango only a few lines' worth of text
 * at a time: pango shapes the rest of a paragraph again for every line it breaks, so one layout
 * of a long text costs the square of its length (a 32,000-character note without spaces took
 * 19 s, a 400,000-character description minutes). Each piece ends where pango's last line
 * starts; that line is laid out again with what follows, so the lines are the ones a single
 * layout gives. WORD_CHAR wrapping breaks anywhere when a word is wider than the column. */
static Flow *
flow_text (CsPrintLayout *self,
           PangoLayout   *layout,
           const char    *text,
           gsize          len,
           double         width)
{
  /* Three lines of the narrowest character: several lines of ordinary text, or of CJK. */
  const gsize piece = 3 * (gsize) (MAX (width, 1) / self->min_adv) + 16;
  Flow *f = g_new0 (Flow, 1);
  gsize pos = 0;
  gsize n = piece;
  double top = 0;

  f->lines = g_array_new (FALSE, FALSE, sizeof (FlowLine));
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  for (;;)
    {
      gsize take = MIN (n, len - pos);
      gboolean last;
      PangoLayoutIter *iter;
      int n_lines;

      /* Cut at a character boundary (at most 3 bytes back: invalid bytes are cut anywhere). */
      for (int k = 0; k < 3 && pos + take < len && take > 1 && ((guchar) text[pos + take] & 0xC0) == 0x80; k++)
        take--;
      last = pos + take == len;
      pango_layout_set_text (layout, text + pos, (int) take);
      n_lines = pango_layout_get_line_count (layout);
      if (!last && n_lines < 2)
        {
          n *= 2;   /* one line (a long grapheme cluster, wide text): take more */
          continue;
        }

      iter = pango_layout_get_iter (layout);
      for (int i = 0; ; i++)
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (!last && i == n_lines - 1)
            {
              /* The last line may end where the piece was cut: it starts the next piece. */
              pos += line->start_index;
              top += (double) logical.y / PANGO_SCALE;
              break;
            }
          g_array_append_vals (f->lines, &(FlowLine) { pos + line->start_index, line->length,
                                                       top + (double) logical.y / PANGO_SCALE }, 1);
          if (!pango_layout_iter_next_line (iter))
            {
              f->height = top + (double) (logical.y + logical.height) / PANGO_SCALE;
              break;
            }
        }
      pango_layout_iter_free (iter);
      if (last)
        break;
      n = piece;
    }
  return f;
}

/* Flows of more lines than this are kept for pagination and drawing. */
#define FLOW_KEEP_LINES 8

static double
cell_height (CsPrintLayout *self,
             PangoLayout   *layout,
             double         line_h,
             const char    *text,
             gsize          len,
             double         col_w,
             Flow         **keep)
{
  double w = col_w - 2 * PAD_X;
  Flow *f;
  double h;

  if (len == 0 || fits_one_line (self, text, len, w))
    return line_h;
  f = flow_text (self, layout, text, len, w);
  h = f->height;
  if (keep != NULL && f->lines->len > FLOW_KEEP_LINES)
    *keep = f;
  else
    flow_free (f);
  return h;
}

static void
measure_table (CsPrintLayout *self,
               Table         *t)
{
  GString *s = self->scratch;

  t->header_h = 0;
  for (guint c = 0; t->headers != NULL && c < t->n_cols; c++)
    {
      double hc = measure (self->small, t->headers[c], -1, t->col_w[c] - 2 * PAD_X, FALSE);

      t->header_h = MAX (t->header_h, hc);
    }
  if (t->headers != NULL)
    t->header_h += 2 * PAD_Y;

  g_clear_pointer (&t->tabs, pango_tab_array_free);
  t->tabs = pango_tab_array_new (t->n_cols, FALSE);
  for (guint c = 0; c < t->n_cols; c++)
    {
      double x = t->cols[c].end ? t->col_x[c] + t->col_w[c] - PAD_X : t->col_x[c] + PAD_X;

      pango_tab_array_set_tab (t->tabs, c, t->cols[c].end ? PANGO_TAB_RIGHT : PANGO_TAB_LEFT,
                               (int) ((x - t->col_x[0]) * PANGO_SCALE));
    }

  g_free (t->row_h);
  t->row_h = g_new (double, MAX (t->n_rows, 1));
  g_clear_pointer (&t->flows, g_hash_table_unref);
  t->flows = g_hash_table_new_full (NULL, NULL, NULL, flow_free);
  for (guint r = 0; r < t->n_rows; r++)
    {
      double h = self->line_h;

      for (guint c = 0; c < t->n_cols; c++)
        {
          Flow *f = NULL;
          double hc;

          g_string_truncate (s, 0);
          t->cell (self, t, r, c, s);
          /* Not inside MAX (): that would measure the cell twice. */
          hc = cell_height (self, self->body, self->line_h, s->str, s->len, t->col_w[c], &f);
          h = MAX (h, hc);
          if (f != NULL)
            g_hash_table_insert (t->flows, GUINT_TO_POINTER (r * t->n_cols + c), f);
        }
      t->row_h[r] = h + 2 * PAD_Y;
    }

  t->totals_h = 0;
  for (guint c = 0; t->totals != NULL && c < t->n_cols; c++)
    {
      double hc = cell_height (self, self->bold, self->line_h, t->totals[c], strlen (t->totals[c]),
                               t->col_w[c], NULL);

      t->totals_h = MAX (t->totals_h, hc);
    }
  if (t->totals != NULL)
    t->totals_h += 2 * PAD_Y;
}

static double
measure_boxes (CsPrintLayout *self,
               Element       *e)
{
  double bw = (self->content_w - (e->boxes->len - 1) * BOX_GAP) / e->boxes->len;
  double h = 0;

  for (guint i = 0; i < e->boxes->len; i++)
    {
      double hb = measure (self->markup, g_ptr_array_index (e->boxes, i), -1, bw - 2 * BOX_PAD, TRUE);

      h = MAX (h, hb);
    }
  return MAX (h + 2 * BOX_PAD, e->min_h);
}

/* Height of the part of element @i that must start on the same page as what precedes it. */
static double
first_chunk (CsPrintLayout *self,
             guint          i)
{
  Element *e;
  Table *t;
  double h;

  if (i >= self->elements->len)
    return 0;
  e = g_ptr_array_index (self->elements, i);
  if (e->kind != EL_TABLE)
    return e->h;
  t = e->table;
  h = t->header_h;
  if (t->n_rows > 0)
    h += t->row_h[0];
  if (t->n_rows <= 1)
    h += t->totals_h;
  /* A first row taller than a whole page is split anyway: a few of its lines are enough. */
  if (h - t->header_h > self->bottom - self->top - t->header_h - self->title_h - 3)
    h = t->header_h + 4 * self->line_h + 2 * PAD_Y;
  return h;
}

/* ---------------------------------------------------------------- pagination */

static void
place (CsPrintLayout *self,
       PlaceKind      kind,
       guint          el,
       guint          row,
       double         y)
{
  Placed p = { kind, el, row, y, 0, 0 };

  g_array_append_val (self->placed, p);
}

static void
place_row (CsPrintLayout *self,
           guint          el,
           guint          row,
           double         y,
           double         off,
           double         h)
{
  Placed p = { PL_ROW, el, row, y, off, h };

  g_array_append_val (self->placed, p);
}

static void
new_page (CsPrintLayout *self,
          double        *y)
{
  guint start = self->placed->len;

  g_array_append_val (self->page_start, start);
  *y = self->top;
}

/* A new page, and the table's title (continued) and header on it. */
static void
continue_table (CsPrintLayout *self,
                Table         *t,
                guint          el,
                double        *y)
{
  new_page (self, y);
  if (t->title_el != G_MAXUINT)
    {
      place (self, PL_TITLE_CONT, t->title_el, 0, *y);
      *y += ((Element *) g_ptr_array_index (self->elements, t->title_el))->h;
    }
  if (t->headers != NULL)
    {
      place (self, PL_THEAD, el, 0, *y);
      *y += t->header_h;
    }
}

static double
flow_line_bottom (const Flow *f,
                  guint       i)
{
  return i + 1 < f->lines->len ? g_array_index (f->lines, FlowLine, i + 1).top : f->height;
}

/* The kept flow of row @r's tallest cell, or NULL. */
static const Flow *
tallest_flow (const Table *t,
              guint        r)
{
  const Flow *tall = NULL;

  for (guint c = 0; c < t->n_cols; c++)
    {
      const Flow *f = g_hash_table_lookup (t->flows, GUINT_TO_POINTER (r * t->n_cols + c));

      if (f != NULL && (tall == NULL || f->height > tall->height))
        tall = f;
    }
  return tall;
}

static void
paginate_table (CsPrintLayout *self,
                guint          el,
                double        *y)
{
  Table *t = ((Element *) g_ptr_array_index (self->elements, el))->table;
  double cont_h = t->header_h;
  double fresh;
  guint rows_here = 0;

  if (t->title_el != G_MAXUINT)
    cont_h += ((Element *) g_ptr_array_index (self->elements, t->title_el))->h;
  fresh = self->bottom - self->top - cont_h;   /* room for rows on a continuation page */

  if (t->headers != NULL)
    {
      place (self, PL_THEAD, el, 0, *y);
      *y += t->header_h;
    }
  for (guint r = 0; r < t->n_rows; r++)
    {
      double h = t->row_h[r];

      if (r + 1 == t->n_rows)
        h += t->totals_h;    /* the totals stay with the last row */

      if (h <= fresh)
        {
          if (*y + h > self->bottom && rows_here > 0)
            {
              continue_table (self, t, el, y);
              rows_here = 0;
            }
          place_row (self, el, r, *y, 0, t->row_h[r]);
          *y += t->row_h[r];
        }
      else
        {
          /* Taller than a page: the one exception to unbroken rows, rather than losing text.
           * The row continues on the next pages, cut between two lines of its tallest cell
           * (measured once, in measure_table). */
          const Flow *tall = tallest_flow (t, r);
          guint next = 0;   /* the first line of `tall` not placed yet */
          double off = 0;

          if (rows_here > 0 && self->bottom - *y < 4 * self->line_h)
            continue_table (self, t, el, y);
          while (off < t->row_h[r])
            {
              double part = t->row_h[r] - off;

              if (*y + part > self->bottom && tall != NULL && next < tall->lines->len)
                {
                  double limit = off + self->bottom - *y;   /* in the row's own coordinates */
                  double cut = off;

                  while (next < tall->lines->len && PAD_Y + flow_line_bottom (tall, next) <= limit)
                    cut = PAD_Y + flow_line_bottom (tall, next++);
                  if (cut <= off)
                    cut = PAD_Y + flow_line_bottom (tall, next++);   /* at least one line a page */
                  part = cut - off;
                }
              else if (*y + part > self->bottom && tall == NULL)
                {
                  part = floor ((self->bottom - *y - (off == 0 ? PAD_Y : 0)) / self->line_h) * self->line_h;
                  part = MAX (part, self->line_h) + (off == 0 ? PAD_Y : 0);
                }
              place_row (self, el, r, *y, off, part);
              *y += part;
              off += part;
              if (off < t->row_h[r])
                continue_table (self, t, el, y);
            }
          if (r + 1 == t->n_rows && *y + t->totals_h > self->bottom)
            continue_table (self, t, el, y);
        }
      rows_here++;
    }
  if (t->totals != NULL)
    {
      place (self, PL_TOTALS, el, 0, *y);
      *y += t->totals_h;
    }
}

guint
cs_print_layout_paginate (CsPrintLayout *self,
                          PangoContext  *context)
{
  double y;
  gboolean page_empty;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), 0);

  g_clear_object (&self->ctx);
  if (context != NULL)
    self->ctx = g_object_ref (context);
  else
    {
      cairo_font_options_t *fo = cairo_font_options_create ();

      self->ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_resolution (self->ctx, 72.0);
      cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->ctx, fo);
      cairo_font_options_destroy (fo);
    }
  pango_context_set_language (self->ctx, pango_language_from_string ("zh-cn"));
  /* Glyphs at their exact positions: rounding them to whole points spaces letters unevenly. */
  pango_context_set_round_glyph_positions (self->ctx, FALSE);

  g_clear_object (&self->body);
  self->body = make_layout (self->ctx, BODY_SIZE, FALSE);
  g_clear_object (&self->row);
  self->row = make_layout (self->ctx, BODY_SIZE, FALSE);
  self->row_tabs = NULL;
  g_clear_object (&self->bold);
  self->bold = make_layout (self->ctx, BODY_SIZE, TRUE);
  g_clear_object (&self->small);
  self->small = make_layout (self->ctx, SMALL_SIZE, FALSE);
  g_clear_object (&self->markup);
  self->markup = make_layout (self->ctx, BODY_SIZE, FALSE);
  g_clear_object (&self->title);
  self->title = make_layout (self->ctx, TITLE_SIZE, TRUE);
  g_clear_object (&self->page_title);
  self->page_title = make_layout (self->ctx, PAGE_TITLE_SIZE, TRUE);

  self->line_h = measure (self->body, "Ag国", -1, -1, FALSE);
  self->small_line_h = measure (self->small, "Ag国", -1, -1, FALSE);
  self->title_h = measure (self->title, "Ag国", -1, -1, FALSE);
  self->page_title_h = measure (self->page_title, "Ag国", -1, -1, FALSE);
  self->em_w = BODY_SIZE * 1.25;
  for (int ch = 0x20; ch < 0x7f; ch++)
    {
      char one = (char) ch;
      int w;

      pango_layout_set_width (self->body, -1);
      pango_layout_set_text (self->body, &one, 1);
      pango_layout_get_size (self->body, &w, NULL);
      self->ascii_adv[ch] = (double) w / PANGO_SCALE;
      if (ch == 0x20 || self->ascii_adv[ch] < self->min_adv)
        self->min_adv = MAX (self->ascii_adv[ch], 0.5);
    }
  self->top = MARGIN + self->page_title_h + self->small_line_h + 8;
  self->bottom = self->page_h - MARGIN - self->small_line_h - 4;

  for (guint i = 0; i < self->elements->len; i++)
    {
      Element *e = g_ptr_array_index (self->elements, i);

      if (e->kind == EL_TITLE)
        e->h = self->title_h + 3;
      else if (e->kind == EL_BOXES)
        e->h = measure_boxes (self, e);
      else
        measure_table (self, e->table);
    }

  g_array_set_size (self->placed, 0);
  g_array_set_size (self->page_start, 0);
  new_page (self, &y);
  for (guint i = 0; i < self->elements->len; i++)
    {
      Element *e = g_ptr_array_index (self->elements, i);

      page_empty = self->placed->len == g_array_index (self->page_start, guint, self->page_start->len - 1);
      switch (e->kind)
        {
        case EL_TITLE:
          /* A title never ends a page: it moves on with the first part of its section. */
          if (y + e->h + first_chunk (self, i + 1) > self->bottom && !page_empty)
            new_page (self, &y);
          place (self, PL_TITLE, i, 0, y);
          y += e->h;
          break;

        case EL_BOXES:
          if (y + e->h > self->bottom && !page_empty &&
              g_array_index (self->placed, Placed, self->placed->len - 1).kind != PL_TITLE)
            new_page (self, &y);
          place (self, PL_BOXES, i, 0, y);
          y += e->h + BOX_GAP;
          break;

        case EL_TABLE:
          if (y + first_chunk (self, i) > self->bottom && !page_empty &&
              g_array_index (self->placed, Placed, self->placed->len - 1).kind != PL_TITLE)
            new_page (self, &y);
          paginate_table (self, i, &y);
          y += SECTION_GAP;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  self->n_pages = self->page_start->len;
  g_array_append_val (self->page_start, self->placed->len);
  return self->n_pages;
}

guint
cs_print_layout_get_n_pages (CsPrintLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

/* ---------------------------------------------------------------- drawing */

/* Counts the characters of @layout that no font has (pango draws them as boxes, "tofu"),
 * except control characters, which have no glyph in any font. */
static void
note_missing_glyphs (CsPrintLayout *self,
                     PangoLayout   *layout)
{
  if (pango_layout_get_unknown_glyphs_count (layout) == 0)
    return;
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      {
        PangoGlyphString *glyphs = ((PangoGlyphItem *) r->data)->glyphs;

        for (int i = 0; i < glyphs->num_glyphs; i++)
          {
            PangoGlyph g = glyphs->glyphs[i].glyph;
            gunichar ch = g & ~PANGO_GLYPH_UNKNOWN_FLAG;

            if ((g & PANGO_GLYPH_UNKNOWN_FLAG) == 0 || g == PANGO_GLYPH_INVALID_INPUT ||
                g_unichar_iscntrl (ch))
              continue;
            if (self->n_missing++ == 0)
              self->first_missing = ch;
          }
      }
}

guint
cs_print_layout_get_missing_glyphs (CsPrintLayout *self,
                                    gunichar      *first)
{
  g_return_val_if_fail (self != NULL, 0);

  if (first != NULL)
    *first = self->n_missing > 0 ? self->first_missing : 0;
  return self->n_missing;
}

static void
show (CsPrintLayout  *self,
      cairo_t        *cr,
      PangoLayout    *layout,
      const char     *text,
      gssize          len,
      double          x,
      double          y,
      double          width,
      PangoAlignment  align)
{
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, len);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  note_missing_glyphs (self, layout);
}

/* The rule under a table row; the frame and column lines of a table's run of rows on a page
 * are drawn once for the run (stroke_columns), not once per row. */
static void
stroke_rule (CsPrintLayout *self,
             cairo_t       *cr,
             double         y)
{
  cairo_move_to (cr, self->x0, y);
  cairo_line_to (cr, self->x0 + self->content_w, y);
  cairo_stroke (cr);
}

static void
stroke_columns (cairo_t     *cr,
                const Table *t,
                double       top,
                double       bottom)
{
  double x1 = t->col_x[t->n_cols];

  cairo_rectangle (cr, t->col_x[0], top, x1 - t->col_x[0], bottom - top);
  for (guint c = 1; c < t->n_cols; c++)
    {
      cairo_move_to (cr, t->col_x[c], top);
      cairo_line_to (cr, t->col_x[c], bottom);
    }
  cairo_stroke (cr);
}

static void
draw_cells (CsPrintLayout *self,
            cairo_t       *cr,
            const Table   *t,
            PangoLayout   *layout,
            guint          row,
            char         **texts,
            double         y)
{
  GString *s = self->scratch;

  for (guint c = 0; c < t->n_cols; c++)
    {
      const char *text;
      gsize len;

      if (texts != NULL)
        {
          text = texts[c];
          len = strlen (text);
        }
      else
        {
          g_string_truncate (s, 0);
          t->cell (self, t, row, c, s);
          text = s->str;
          len = s->len;
        }
      if (len == 0)
        continue;
      show (self, cr, layout, text, len, t->col_x[c] + PAD_X, y + PAD_Y, t->col_w[c] - 2 * PAD_X,
            t->cols[c].end ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    }
}

/* The lines of a flowed cell whose tops lie within [@from, @to) (a row, or the part of a row
 * taller than a page, that is on this page), each drawn from its own short layout. */
static void
draw_flow (CsPrintLayout *self,
           cairo_t       *cr,
           PangoLayout   *layout,
           const Flow    *f,
           const char    *text,
           double         x,
           double         width,
           gboolean       end,
           double         text_top,
           double         from,
           double         to)
{
  guint lo = 0, hi = f->lines->len;

  /* The first line at or below @from. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (text_top + g_array_index (f->lines, FlowLine, mid).top < from - 0.01)
        lo = mid + 1;
      else
        hi = mid;
    }
  pango_layout_set_width (layout, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  for (guint i = lo; i < f->lines->len; i++)
    {
      const FlowLine *fl = &g_array_index (f->lines, FlowLine, i);
      double lx = x;

      if (text_top + fl->top >= to - 0.01)
        break;
      if (fl->len == 0)
        continue;
      pango_layout_set_text (layout, text + fl->start, fl->len);
      if (end)
        {
          int w;

          pango_layout_get_size (layout, &w, NULL);
          lx = x + width - (double) w / PANGO_SCALE;
        }
      cairo_move_to (cr, lx, text_top + fl->top);
      pango_cairo_show_layout (cr, layout);
      note_missing_glyphs (self, layout);
    }
}

/* A table row: cells that fit on one line go into one tab-separated layout (one pango layout
 * per row instead of one per cell, which is most of the drawing time of a long manifest);
 * cells that wrap are drawn on their own. The same fits_one_line() decided the row height. */
static void
draw_row (CsPrintLayout *self,
          cairo_t       *cr,
          const Table   *t,
          const Placed  *p)
{
  GString *s = self->scratch;
  GString *line = self->line;
  guint row = p->row;
  double y = p->y - p->off;    /* top of the whole row */
  gboolean any = FALSE;

  g_string_truncate (line, 0);
  for (guint c = 0; c < t->n_cols; c++)
    {
      double w = t->col_w[c] - 2 * PAD_X;

      g_string_append_c (line, '\t');
      g_string_truncate (s, 0);
      t->cell (self, t, row, c, s);
      if (s->len == 0)
        continue;
      if (fits_one_line (self, s->str, s->len, w))
        {
          g_string_append_len (line, s->str, s->len);
          any = TRUE;
        }
      else
        {
          const Flow *f = g_hash_table_lookup (t->flows, GUINT_TO_POINTER (row * t->n_cols + c));
          gboolean end = t->cols[c].end;

          if (f == NULL && p->off == 0 && p->h >= t->row_h[row])
            show (self, cr, self->body, s->str, s->len, t->col_x[c] + PAD_X, y + PAD_Y, w,
                  end ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          else if (f != NULL)
            draw_flow (self, cr, self->body, f, s->str, t->col_x[c] + PAD_X, w, end, y + PAD_Y,
                       p->y, p->y + p->h);
          else
            {
              /* A few lines, in a row that another cell makes taller than a page. */
              Flow *part = flow_text (self, self->body, s->str, s->len, w);

              draw_flow (self, cr, self->body, part, s->str, t->col_x[c] + PAD_X, w, end, y + PAD_Y,
                         p->y, p->y + p->h);
              flow_free (part);
            }
        }
    }
  if (!any || p->off > 0)
    return;
  if (self->row_tabs != t)
    {
      pango_layout_set_tabs (self->row, t->tabs);
      self->row_tabs = t;
    }
  pango_layout_set_text (self->row, line->str, line->len);
  cairo_move_to (cr, t->col_x[0], y + PAD_Y);
  pango_cairo_show_layout (cr, self->row);
  note_missing_glyphs (self, self->row);
}

static void
draw_placed (CsPrintLayout *self,
             cairo_t       *cr,
             const Placed  *p)
{
  Element *e = g_ptr_array_index (self->elements, p->el);
  Table *t = e->table;

  switch ((PlaceKind) p->kind)
    {
    case PL_TITLE:
      show (self, cr, self->title, e->text, -1, self->x0, p->y, self->content_w, PANGO_ALIGN_LEFT);
      break;

    case PL_TITLE_CONT:
      {
        g_autofree char *text = g_strdup_printf ("%s（续 %s）", e->text, C_ ("bilingual print", "continued"));

        show (self, cr, self->title, text, -1, self->x0, p->y, self->content_w, PANGO_ALIGN_LEFT);
      }
      break;

    case PL_BOXES:
      {
        double bw = (self->content_w - (e->boxes->len - 1) * BOX_GAP) / e->boxes->len;

        for (guint i = 0; i < e->boxes->len; i++)
          {
            double x = self->x0 + i * (bw + BOX_GAP);

            cairo_rectangle (cr, x, p->y, bw, e->h);
            cairo_stroke (cr);
            pango_layout_set_width (self->markup, (int) ((bw - 2 * BOX_PAD) * PANGO_SCALE));
            pango_layout_set_markup (self->markup, g_ptr_array_index (e->boxes, i), -1);
            cairo_move_to (cr, x + BOX_PAD, p->y + BOX_PAD);
            pango_cairo_show_layout (cr, self->markup);
            note_missing_glyphs (self, self->markup);
          }
      }
      break;

    case PL_THEAD:
      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_rectangle (cr, self->x0, p->y, self->content_w, t->header_h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_cells (self, cr, t, self->small, 0, t->headers, p->y);
      stroke_rule (self, cr, p->y + t->header_h);
      break;

    case PL_ROW:
      draw_row (self, cr, t, p);
      stroke_rule (self, cr, p->y + p->h);
      break;

    case PL_TOTALS:
      cairo_set_source_rgb (cr, 0.94, 0.94, 0.94);
      cairo_rectangle (cr, self->x0, p->y, self->content_w, t->totals_h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_cells (self, cr, t, self->bold, 0, t->totals, p->y);
      stroke_rule (self, cr, p->y + t->totals_h);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* A header value, cut after HEADER_TEXT_MAX characters (cs_print_layout_build puts the whole
 * value in the long-text annex). */
static void
append_header_value (GString    *s,
                     const char *value)
{
  const char *cut = cs_print_cut_after (value, HEADER_TEXT_MAX);

  if (cut == NULL)
    g_string_append (s, value);
  else
    {
      g_string_append_len (s, value, cut - value);
      g_string_append (s, "…");
    }
}

static void
draw_frame (CsPrintLayout *self,
            cairo_t       *cr,
            guint          page_nr)
{
  CsManifest *m = self->m;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *printed = g_date_time_format (self->now, "%Y-%m-%d %H:%M");
  double right = self->x0 + self->content_w;
  double y = MARGIN;

  /* Header: title left, page number right; a line of identifiers below. */
  show (self, cr, self->page_title, "Cargo Manifest 货物舱单", -1, self->x0, y, self->content_w, PANGO_ALIGN_LEFT);
  g_string_printf (s, "第 %u / %u 页  ", page_nr + 1, self->n_pages);
  g_string_append_printf (s,
                          /* Translators: the page counter in the header of every printed page,
                           * printed after the fixed Chinese "第 1 / 3 页". */
                          C_ ("bilingual print", "Page %u of %u"),
                          page_nr + 1, self->n_pages);
  show (self, cr, self->body, s->str, s->len, self->x0, y + self->page_title_h - self->line_h,
        self->content_w, PANGO_ALIGN_RIGHT);
  y += self->page_title_h;

  g_string_printf (s, "编号 %s: ", C_ ("bilingual print", "Reference"));
  append_header_value (s, m->reference ? m->reference : "—");
  if (m->transport_document != NULL && m->transport_document->number != NULL)
    {
      g_string_append_printf (s, "    运输单证 %s: %s ", C_ ("bilingual print", "Transport document"),
                              m->transport_document->type ? m->transport_document->type : "");
      append_header_value (s, m->transport_document->number);
    }
  if (m->corridor != NULL)
    {
      g_string_append_printf (s, "    通道 %s: ", C_ ("bilingual print", "Corridor"));
      append_header_value (s, m->corridor);
    }
  show (self, cr, self->small, s->str, s->len, self->x0, y, self->content_w, PANGO_ALIGN_LEFT);
  y += self->small_line_h + 2;

  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, self->x0, y);
  cairo_line_to (cr, right, y);
  cairo_stroke (cr);

  /* Footer: who printed it and when. */
  y = self->page_h - MARGIN - self->small_line_h;
  g_string_printf (s, "Consign · 打印时间 %s: %s", C_ ("bilingual print", "Printed"), printed);
  show (self, cr, self->small, s->str, s->len, self->x0, y, self->content_w, PANGO_ALIGN_LEFT);
  if (m->id != NULL)
    show (self, cr, self->small, m->id, -1, self->x0, y, self->content_w, PANGO_ALIGN_RIGHT);
}

void
cs_print_layout_draw_page (CsPrintLayout *self,
                           cairo_t       *cr,
                           guint          page_nr)
{
  const Table *run_table = NULL;
  double run_top = 0;
  guint start, end;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (self->n_pages == 0)
    cs_print_layout_paginate (self, NULL);
  g_return_if_fail (page_nr < self->n_pages);

  cairo_save (cr);
  pango_cairo_update_context (cr, self->ctx);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_frame (self, cr, page_nr);

  /* A row taller than a whole page is clipped rather than drawn over the footer. */
  cairo_rectangle (cr, self->x0 - 1, self->top - 1, self->content_w + 2, self->bottom - self->top + 2);
  cairo_clip (cr);
  cairo_set_line_width (cr, 0.4);
  start = g_array_index (self->page_start, guint, page_nr);
  end = g_array_index (self->page_start, guint, page_nr + 1);
  for (guint i = start; i < end; i++)
    {
      const Placed *p = &g_array_index (self->placed, Placed, i);
      const Placed *next = i + 1 < end ? &g_array_index (self->placed, Placed, i + 1) : NULL;
      Element *e = g_ptr_array_index (self->elements, p->el);

      draw_placed (self, cr, p);

      /* A run of one table's header and rows ends here: draw its frame and column lines. */
      if (p->kind == PL_THEAD || p->kind == PL_ROW || p->kind == PL_TOTALS)
        {
          if (run_table != e->table)
            {
              run_table = e->table;
              run_top = p->y;
            }
          if (next == NULL || next->el != p->el ||
              (next->kind != PL_ROW && next->kind != PL_TOTALS))
            {
              double h = p->kind == PL_THEAD ? run_table->header_h :
                         p->kind == PL_TOTALS ? run_table->totals_h : p->h;

              stroke_columns (cr, run_table, run_top, p->y + h);
              run_table = NULL;
            }
        }
    }
  cairo_restore (cr);
}
