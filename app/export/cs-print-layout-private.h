/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-print-layout-private.h: internals shared by cs-print-layout.c (measuring, pagination,
 * drawing) and cs-print-sections.c (what the manifest's sections say)
 */
#pragma once

#include <glib/gi18n-lib.h>

#include "cs-finding.h"
#include "cs-finding-group.h"
#include "cs-print-layout.h"

G_BEGIN_DECLS

#define BI_CTX        "bilingual print"
/* Chinese first (the labels), then fonts for the other scripts the catalog's countries write
 * (Vietnamese in DejaVu Sans; Thai, Lao, Khmer, Myanmar) and emoji; fontconfig falls back to
 * any other installed font after these. The Debian packages are in build-aux/deps.txt. */
#define FONT_FAMILY   "Noto Sans CJK SC,DejaVu Sans,Loma,Noto Sans Thai,Phetsarath OT,Noto Sans Lao," \
                      "Khmer OS System,Noto Sans Khmer,Padauk,Noto Sans Myanmar,Symbola,Noto Color Emoji,Sans"
#define BODY_SIZE     7.5
#define SMALL_SIZE    6.5
#define TITLE_SIZE    9.5
#define PAGE_TITLE_SIZE 13.0
#define MARGIN        24.0
#define PAD_X         2.5
#define PAD_Y         1.5
#define BOX_PAD       4.0
#define BOX_GAP       6.0
#define SECTION_GAP   8.0
#define PENDING_ZH    "待定"

typedef struct _Table Table;

/* A cell text broken into lines, a few lines at a time (see flow_text()): where each line
 * starts in the text, its length and its top below the first line's top. */
typedef struct
{
  guint  start;
  guint  len;
  double top;
} FlowLine;

typedef struct
{
  GArray *lines;    /* of FlowLine, at least one */
  double  height;   /* of all lines */
} Flow;
typedef void (*CellFunc) (CsPrintLayout *self,
                          const Table   *table,
                          guint          row,
                          guint          col,
                          GString       *out);

typedef struct
{
  const char *zh;       /* fixed Chinese half */
  const char *en;       /* msgid in context "bilingual print" */
  double      weight;   /* share of the content width */
  gboolean    end;      /* right-aligned (numbers) */
} Column;

struct _Table
{
  const Column   *cols;
  guint           n_cols;
  guint           n_rows;
  CellFunc        cell;
  GArray         *map;        /* optional row -> source mapping, owned */
  char          **headers;    /* n_cols texts, or NULL for a table without a header row */
  char          **totals;     /* n_cols texts, or NULL */
  double         *col_x;
  double         *col_w;
  double         *row_h;      /* measured by paginate */
  GHashTable     *flows;      /* row * n_cols + col -> Flow, for cells of more than a few lines */
  PangoTabArray  *tabs;       /* one stop per column, for drawing single-line cells at once */
  double          header_h;
  double          totals_h;
  guint           title_el;   /* element index of the section title */
};

typedef enum
{
  EL_TITLE,
  EL_BOXES,
  EL_TABLE,
} ElementKind;

typedef struct
{
  ElementKind  kind;
  char        *text;      /* EL_TITLE */
  GPtrArray   *boxes;     /* EL_BOXES: pango markup, one per box */
  double       min_h;     /* EL_BOXES */
  double       h;         /* EL_TITLE, EL_BOXES: measured height */
  Table       *table;     /* EL_TABLE */
} Element;

typedef enum
{
  PL_TITLE,
  PL_TITLE_CONT,
  PL_BOXES,
  PL_THEAD,
  PL_ROW,
  PL_TOTALS,
} PlaceKind;

typedef struct
{
  guint  kind : 8;
  guint  el : 24;
  guint  row;
  double y;
  double off;     /* PL_ROW: where this part starts within the row (a row taller than a page) */
  double h;       /* PL_ROW: height of this part (the whole row unless it is split) */
} Placed;

typedef struct
{
  guint  lines;
  double packages;
} ContainerLoad;

typedef struct
{
  guint item;
  guint vin;
} VinRef;

/* A value too long for a box or the page header, printed in full in the long-text annex. */
typedef struct
{
  char *where;    /* "发货人 Shipper · 税号 Tax ID" */
  char *text;
} LongText;

/* Longer values (in characters) go to the long-text annex: boxes never split over pages, and
 * the header repeats on every page. */
#define BOX_TEXT_MAX     400
#define HEADER_TEXT_MAX  80

struct _CsPrintLayout
{
  CsManifest   *m;
  GPtrArray    *finding_groups;   /* of CsFindingGroup, or NULL when not validated */
  GDateTime    *now;
  CsTotals      totals;
  GHashTable   *containers;   /* number -> CsContainer (borrowed) */
  GHashTable   *loads;        /* number -> ContainerLoad */
  GPtrArray    *elements;     /* of Element */
  GPtrArray    *long_texts;   /* of LongText */
  const char   *box_zh;       /* the heading of the box being built */
  const char   *box_en;

  double        page_w, page_h;
  double        x0, content_w;
  double        top, bottom;

  PangoContext *ctx;
  PangoLayout  *body, *bold, *small, *markup, *title, *page_title;
  PangoLayout  *row;          /* body font, no wrapping: a row's single-line cells, tab-separated */
  const Table  *row_tabs;     /* the table whose tab stops `row` carries */
  double        ascii_adv[128]; /* advance of each printable ASCII character in the body font */
  double        line_h, small_line_h, title_h, page_title_h;
  double        em_w;         /* an upper bound of one non-ASCII glyph's advance in the body font */
  double        min_adv;      /* the narrowest printable ASCII advance in the body font */
  guint         n_missing;    /* characters drawn as boxes: no installed font has them */
  gunichar      first_missing;
  GString      *scratch;
  GString      *line;

  GArray       *placed;       /* of Placed */
  GArray       *page_start;   /* guint index into placed, n_pages + 1 entries */
  guint         n_pages;
};

/* The English half of a bilingual label, translated (context "bilingual print"). */
static inline const char *
cs_print_bi_en (const char *msgid)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, BI_CTX, msgid);
}

/* Where @text has more than @max_chars characters, the end of its first @max_chars; NULL when
 * it has no more than that. Reads at most @max_chars + 1 characters. */
static inline const char *
cs_print_cut_after (const char *text,
                    guint       max_chars)
{
  const char *p = text;

  for (guint i = 0; i < max_chars; i++)
    {
      if (*p == '\0')
        return NULL;
      p = g_utf8_next_char (p);
    }
  return *p != '\0' ? p : NULL;
}

/* cs-print-layout.c: adding elements to the flow. */
guint  cs_print_layout_add_title (CsPrintLayout *self,
                                  char          *text);
void   cs_print_layout_add_boxes (CsPrintLayout *self,
                                  double         min_h,
                                  ...) G_GNUC_NULL_TERMINATED;
Table *cs_print_layout_add_table (CsPrintLayout *self,
                                  guint          title_el,
                                  const Column  *cols,
                                  guint          n_cols,
                                  guint          n_rows,
                                  CellFunc       cell,
                                  gboolean       with_header);

/* cs-print-sections.c: indexes the manifest and adds every section, in print order. */
void   cs_print_layout_build     (CsPrintLayout *self);

G_END_DECLS
