/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-private.h: the validation engine shared by cs-validator.c and cs-rules-*.c
 *
 * The engine splits a manifest into units whose findings are kept apart: the header (manifest
 * fields, parties, legs, documents, totals, corridor-wide rules), each container and each item.
 * Cross-object facts (VINs, serials and line numbers seen, which items are in which container,
 * running totals) live in indexes that an item's change updates in place, so re-validating one
 * item re-runs only that item, the items sharing a key with it, its containers and the header.
 */
#pragma once

#include "cs-catalog.h"
#include "cs-checkdigit.h"
#include "cs-finding.h"
#include "cs-model.h"
#include "cs-validator.h"

G_BEGIN_DECLS

typedef struct _CsEngine     CsEngine;
typedef struct _ItemState    ItemState;
typedef struct _ContState    ContState;
typedef struct _ContainerAgg ContainerAgg;

/* Items that share a key (a VIN, a serial, a line number). Single owners sit in @single; a key
 * with more than one owner moves to @multi (key -> GPtrArray of ItemState). */
typedef struct
{
  GHashTable *single;
  GHashTable *multi;
} DupIndex;

struct _ItemState
{
  CsItem        *item;
  guint          index;
  GPtrArray     *findings;     /* CsFinding; NULL when none */
  /* what the item put into the indexes, to take it out again after an edit */
  const char   **vin_keys;     /* chunk strings */
  guint          n_vins;
  const char   **serial_keys;
  guint          n_serials;
  gpointer       line_key;     /* GINT_TO_POINTER (line + 1); NULL = none */
  ContainerAgg **aggs;         /* containers the item is in (container, or each split) */
  guint          n_aggs;
  ContainerAgg  *agg0;         /* storage for the common single-container case */
  double         value, gross;
  gboolean       dg;
  gboolean       indexed;
  gboolean       in_slab;      /* allocated in CsEngine.slab (freed with it) */
  const CsReeferBand *band;    /* the item's reefer band, as its rules last found it */
};

struct _ContainerAgg
{
  char      *number;           /* key */
  GPtrArray *containers;       /* ContState with this number (more than one = duplicate) */
  GPtrArray *members;          /* ItemState in this container */
  double     goods;            /* gross of the goods inside, as the container's rules last saw it */
};

struct _ContState
{
  CsContainer  *container;
  guint         index;
  GPtrArray    *findings;
  ContainerAgg *agg;           /* NULL when the container has no number */
};

typedef struct
{
  gboolean    whole;           /* a document of this kind covers the whole manifest */
  GHashTable *lines;           /* GINT_TO_POINTER (line + 1) set */
} DocCover;

struct _CsEngine
{
  CsCatalog         *catalog;
  CsManifest        *manifest;
  GDate              today;
  gboolean           today_set;
  CsValidateOptions  options;

  /* derived from the header (cs_rules_prepare_header) */
  char               date_ref[11];    /* departure date, else today: YYYY-MM-DD */
  gboolean           has_departure;
  GDate              departure;       /* valid when has_departure */
  gboolean           has_arrival;
  GDate              arrival;         /* last leg's eta, or departure + typical days */
  double             transit_days;    /* NAN when unknown */
  gboolean           mode_used[4];    /* rail sea road river */
  const CsCorridor  *corridor;
  GPtrArray         *leg_match;       /* per manifest leg: const CsCorridorLeg * or NULL */
  gboolean           is_export;
  const char        *shipper_country;
  GHashTable        *doc_cover;       /* kind (interned) -> DocCover */

  /* units */
  GPtrArray         *items;           /* ItemState, manifest order */
  ItemState         *slab;            /* the states of a full run, in one block */
  gboolean           track;           /* keep item_states (live validation only) */
  GHashTable        *item_states;     /* CsItem -> ItemState, when tracking */
  GPtrArray         *containers;      /* ContState, manifest order */
  GHashTable        *cont_states;     /* CsContainer -> ContState */
  GHashTable        *aggs;            /* number -> ContainerAgg */
  GPtrArray         *header_findings;
  GPtrArray         *scratch;         /* rules write here; copied out only when not empty */

  /* indexes */
  DupIndex           vins, serials, lines;
  GStringChunk      *chunk;
  double             sum_value, sum_gross;
  guint              n_dg_items;

  /* cached catalog numbers and overrides */
  double             margin_days, expiring_days, vgm_tol_pct, vgm_warn_pct, reefer_min_c,
                     reefer_max_c, frozen_ceiling_c, default_max_gross, totals_tol_pct,
                     reefer_unit_min_c, reefer_unit_max_c;
};

/* Interned enum values (pointer comparison with the model's interned strings). */
typedef struct
{
  const char *vehicle, *electronics, *machinery, *perishable, *general;
  const char *rail, *sea, *road, *river;
  const char *export_, *none, *producer, *sensitive;
} CsInterned;

extern CsInterned cs_i;
void        cs_rules_intern_init       (void);


/* Adds a finding to @out (or drops it when the catalog turns the rule off). @rule is a static
 * string (a rule id of cs_rule_ids). Takes @message and @hint (hint may be NULL), made with
 * CS_TEXT (N_-style message id, arguments): nothing is formatted until someone reads it. */
void        cs_rules_emit              (CsEngine    *e,
                                        GPtrArray   *out,
                                        const char  *rule,
                                        CsSeverity   severity,
                                        const char  *path,
                                        CsText      *message,
                                        CsText      *hint);

/* Formats a finding's path into @buf; rules call it only when they emit (through PATHF, with a
 * local `char path[N]`), so that clean objects cost no formatting. */
const char *cs_rules_path              (char        *buf,
                                        gsize        size,
                                        const char  *format,
                                        ...) G_GNUC_PRINTF (3, 4);
#define PATHF(...) cs_rules_path (path, sizeof path, __VA_ARGS__)

/* Helpers */
/* An item's line number in messages (0 when absent). */
#define LINE(item) (cs_num_is_set ((item)->line) ? (item)->line : 0)

/* The index key of an item line number (duplicates, document covers): NULL when absent or out of
 * the range 1 .. G_MAXINT - 1 (item.line reports those), so no two lines ever share a key. */
static inline gpointer
cs_rules_line_key (double line)
{
  if (!cs_num_is_set (line) || line < 1 || line >= G_MAXINT)
    return NULL;
  return GINT_TO_POINTER ((int) line + 1);
}

gboolean    cs_rules_parse_date        (const char  *s,
                                        GDate       *out);
/* Orders two ETD/ETA values into *@cmp (< 0: @a is earlier). When both carry a time, and both or
 * neither carry a UTC offset, the instants are compared (2026-04-06T23:30-12:00 is after
 * 2026-04-07T00:10+14:00); otherwise the dates as written. FALSE when either is not a date. */
gboolean    cs_rules_compare_when      (const char  *a,
                                        const char  *b,
                                        int         *cmp);
/* NULL, "" or only spaces and tabs. Inline: the rules ask it hundreds of thousands of times. */
static inline gboolean
cs_rules_str_empty (const char *s)
{
  if (s == NULL)
    return TRUE;
  while (*s == ' ' || *s == '\t')
    s++;
  return *s == '\0';
}
/* HS code without dots and spaces into @buf (16 bytes); FALSE when it holds anything but digits. */
gboolean    cs_rules_hs_digits         (const char  *hs,
                                        char        *buf);
GPtrArray  *cs_dup_lookup              (DupIndex    *index,
                                        gconstpointer key,
                                        ItemState  **single);
/* Other lines sharing @key with @st in @index, as "3, 7" in order (newly allocated), or NULL
 * when none. */
char       *cs_rules_other_lines       (DupIndex    *index,
                                        gconstpointer key,
                                        ItemState   *st);
/* Gross of @st's goods in @agg (split items count in proportion to packages). */
double      cs_rules_item_gross_in     (ItemState   *st,
                                        ContainerAgg *agg);
/* The reefer band of a perishable item (by product, then by HS), or NULL. */
const CsReeferBand *cs_rules_item_band (CsEngine    *e,
                                        CsItem      *item);
/* Whether a document of @kind covers @line. */
gboolean    cs_rules_doc_covers        (CsEngine    *e,
                                        const char  *kind,
                                        double       line);

/* After cs_rules_prepare_header: the days of manifest leg @i (its own etd → eta, else the typical
 * days of the corridor leg it matches, 0 when an earlier leg matched the same one); NAN when
 * unknown. */
double      cs_rules_leg_days          (CsEngine    *e,
                                        guint        i);
/* After cs_rules_prepare_header: days of shelf life @p has left on arrival (negative: it expires
 * on the way) and, optionally, its days from packing to arrival; FALSE when the shelf life, the
 * packing date or the transit is unknown. */
gboolean    cs_rules_shelf_margin      (CsEngine    *e,
                                        CsPerishable *p,
                                        double      *margin,
                                        int         *door_days);

/* The rules of each unit. */
void        cs_rules_prepare_header    (CsEngine    *e);
void        cs_rules_run_header        (CsEngine    *e,
                                        GPtrArray   *out);
void        cs_rules_run_item          (CsEngine    *e,
                                        ItemState   *st,
                                        GPtrArray   *out);
void        cs_rules_run_container     (CsEngine    *e,
                                        ContState   *cs,
                                        GPtrArray   *out);

G_END_DECLS
