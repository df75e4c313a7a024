/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-catalog.h: the reference data the validator, exporters and pickers rely on
 *
 * Built from resources/catalog/ (one JSON file per list) (compiled into the GResource), Debian's iso-codes JSON
 * (countries, currencies, localised through its gettext domains) and the user's overrides in
 * $XDG_CONFIG_HOME/consign/catalog/ (same file names; entries merge by "id", a member at a time;
 * {"id": X, "remove": true} drops an entry). A broken override file is reported through
 * cs_catalog_get_warnings() (file:line:column) and ignored: never fatal.
 *
 * Typed lookups return structs owned by the catalog (read-only, valid as long as it lives);
 * strings in them are interned, so ids may be compared by pointer after g_intern_string().
 * Numbers are double with NAN = not given (test with cs_num_is_set from cs-record.h).
 * Every entry keeps the "source" of its facts; "verify" marks facts from secondary sources,
 * which the validator reports as warnings.
 */
#pragma once

#include <gio/gio.h>

#include "cs-enums.h"

G_BEGIN_DECLS

#define CS_CATALOG_ERROR (cs_catalog_error_quark ())

typedef enum
{
  CS_CATALOG_ERROR_MISSING,   /* a built-in file or iso-codes could not be read */
  CS_CATALOG_ERROR_INVALID,   /* a built-in file is not valid */
} CsCatalogError;

GQuark cs_catalog_error_quark (void);

#define CS_TYPE_CATALOG (cs_catalog_get_type ())
G_DECLARE_FINAL_TYPE (CsCatalog, cs_catalog, CS, CATALOG, GObject)

#define CS_TYPE_CATALOG_ENTRY (cs_catalog_entry_get_type ())
G_DECLARE_FINAL_TYPE (CsCatalogEntry, cs_catalog_entry, CS, CATALOG_ENTRY, GObject)

/* ---- typed entries (all strings interned; NULL = not given) ------------------------------- */

typedef struct
{
  const char * const *modes;         /* NULL-terminated: rail sea road river */
  const char * const *from;          /* LOCODE alternatives; NULL = any */
  const char * const *to;            /* LOCODE alternatives; NULL = any */
  const double       *to_days;       /* typical days per @to alternative (NAN = use typical_days) */
  double              typical_days;  /* typical transit days of the leg */
  gboolean            reefer_power;  /* reefer containers can be powered on this leg */
  gboolean            dg_allowed;    /* dangerous goods accepted on this leg */
  double              max_gross_kg;  /* container gross limit on this leg; NAN = the box's rating */
  gboolean            optional;      /* the corridor may end before this leg */
  gboolean            verify;        /* facts of this leg are from secondary sources */
  const char         *note;
} CsCorridorLeg;

typedef struct
{
  const char         *id;
  const char         *name;
  const char         *name_zh;
  const char * const *categories;    /* item categories carried; NULL = all */
  const CsCorridorLeg *legs;
  guint               n_legs;
  const char         *note;
  const char         *source;
} CsCorridor;

typedef struct
{
  const char *code;          /* e.g. CNQZH */
  const char *name;
  const char *name_zh;
  const char *country;       /* alpha-2 */
  const char *functions;     /* UN function string, e.g. "123-----" */
  const char * const *extra_modes; /* modes accepted although the function string lacks them */
  gboolean    verify;
  const char *note;
  const char *source;
} CsLocode;

typedef struct
{
  const char *code;          /* Rec 21 / Rec 20 code */
  const char *name;
  const char *name_zh;
  const char *source;
} CsCode;

typedef struct
{
  const char *code;          /* ISO 6346 size/type, e.g. 45R1 */
  const char *name;
  const char *name_zh;
  int         length_ft;     /* 20, 40, 45 */
  gboolean    reefer;
  double      tare_kg;       /* typical */
  double      max_gross_kg;  /* typical rating */
  double      tare_min_kg;   /* plausible band for the declared tare */
  double      tare_max_kg;
  gboolean    verify;
  const char *source;
} CsSizeType;

typedef struct
{
  const char         *id;            /* e.g. "apples" */
  const char         *name;
  const char         *name_zh;
  const char * const *aliases;       /* lower-case names that also mean this product */
  const char * const *hs_prefixes;   /* HS codes that mean this product */
  gboolean            reefer;        /* needs a reefer (FALSE: tea, liquor) */
  gboolean            frozen;
  double              min_c, max_c;  /* carrier guideline band; NAN when open */
  double              humidity_min_pct, humidity_max_pct;
  const char         *ethylene;      /* interned "producer" "sensitive" or NULL */
  gboolean            verify;
  const char         *source;
} CsReeferBand;

typedef struct
{
  const char         *code;          /* 2 digits (chapter), 4 or 6 digits (heading/subheading),
                                      * or a 10-digit Chinese commodity code */
  const char         *title;
  const char         *title_zh;
  const char * const *categories;    /* item categories this code fits; NULL = inherit */
  const char         *note;
  const char         *source;
} CsHsEntry;

typedef struct
{
  const char *id;            /* document kind, e.g. "phytosanitary" */
  const char *title;
  const char *title_zh;
  double      validity_days; /* typical validity when no expiry is written; NAN = none */
  gboolean    verify;
  const char *source;
} CsDocumentKind;

typedef struct
{
  const char *code;          /* EXW ... CIF */
  const char *name;
  const char *name_zh;
  gboolean    sea_only;      /* FAS FOB CFR CIF: sea and inland waterway only */
  const char *source;
} CsIncotermEntry;

typedef struct
{
  const char *code;          /* ISO 4217 alpha-3 */
  const char *name;          /* localised (iso_4217 gettext domain) */
  const char *name_zh;
  int         minor_units;   /* decimal places; -1 when unknown */
} CsCurrency;

typedef struct
{
  const char *code;          /* ISO 3166-1 alpha-2 */
  const char *alpha3;
  const char *name;          /* localised (iso_3166-1 gettext domain) */
  const char *name_en;
  const char *name_zh;
} CsCountry;

/* A document a manifest or an item needs ("requirements.json"). */
typedef enum
{
  CS_REQUIREMENT_MANIFEST,   /* once per manifest */
  CS_REQUIREMENT_ITEM,       /* per matching item; the document must cover its line */
} CsRequirementScope;

typedef struct
{
  const char         *id;
  const char         *rule;          /* the rule id findings carry */
  const char         *document;      /* document kind required */
  CsRequirementScope  scope;
  /* conditions (all given ones must hold) */
  const char         *direction;     /* "export" / "import" / NULL */
  const char         *preference;    /* ACFTA / RCEP / NULL */
  gboolean            dg;            /* the item carries dangerous goods */
  const char * const *categories;
  const char * const *hs_prefixes;   /* digits only */
  const char * const *powertrains;
  const char * const *conditions;    /* vehicle condition new/used */
  const char * const *origin_countries; /* shipper's country / loading country (export) */
  const char         *from_date;     /* YYYY-MM-DD: applies to departures on or after */
  gboolean            verify;
  const char         *title;         /* what is required, for the message (English source) */
  const char         *source;
} CsRequirement;

/* Dangerous-goods facts ("dg.json"). */
typedef struct
{
  const char         *id;
  const char         *kind;          /* "vehicle" or "battery" */
  const char * const *powertrains;   /* vehicle: BEV PHEV ... */
  const char         *battery;       /* battery: contained / packed_with / standalone */
  const char         *chemistry;     /* battery: li_ion li_metal na_ion */
  const char * const *un_numbers;    /* accepted UN numbers (first = the one to use) */
  const char * const *forbidden_un;  /* UN numbers wrong for this cargo (from from_date) */
  const char         *dg_class;
  const char * const *modes;         /* legs the rule applies to; NULL = any */
  const char         *from_date;     /* YYYY-MM-DD: departures on or after; NULL = always */
  const char         *until_date;    /* YYYY-MM-DD: departures on or before; NULL = open */
  gboolean            verify;
  const char         *source;
} CsDgRule;

/* Preference agreements ("preferences.json"). */
typedef struct
{
  const char         *id;            /* ACFTA, RCEP */
  const char         *document;      /* form_e, rcep_origin */
  const char * const *members;       /* alpha-2 */
  const char         *source;
} CsPreference;

/* ---- construction -------------------------------------------------------------------------- */

/* Built-in catalog (GResource) + iso-codes + the user's overrides. */
CsCatalog      *cs_catalog_new_default     (GError     **error);
/* Built-in files from @dir (for tests), iso-codes, no overrides. */
CsCatalog      *cs_catalog_new_from_dir    (const char  *dir,
                                            GError     **error);
/* Everything explicit: @builtin_dir NULL = the GResource; @override_dir NULL = none;
 * @iso_codes_dir NULL = /usr/share/iso-codes/json. */
CsCatalog      *cs_catalog_new_full        (const char  *builtin_dir,
                                            const char  *override_dir,
                                            const char  *iso_codes_dir,
                                            GError     **error);
/* The default override folder: $XDG_CONFIG_HOME/consign/catalog (newly allocated). */
char           *cs_catalog_default_override_dir (void);

/* Problems met in override files, as "FILE:LINE:COL: message" strings (never NULL). */
GPtrArray      *cs_catalog_get_warnings    (CsCatalog   *self);

/* ---- typed lookups (NULL when unknown) ------------------------------------------------------ */

const CsCorridor     *cs_catalog_get_corridor   (CsCatalog *self, const char *id);
/* Corridors in file order; borrowed pointers. */
const CsCorridor    **cs_catalog_get_corridors  (CsCatalog *self, guint *n_corridors);
const CsLocode       *cs_catalog_get_locode     (CsCatalog *self, const char *code);
const CsCode         *cs_catalog_get_package    (CsCatalog *self, const char *code);
const CsCode         *cs_catalog_get_unit       (CsCatalog *self, const char *code);
const CsSizeType     *cs_catalog_get_size_type  (CsCatalog *self, const char *code);
/* By id, alias or name (case-insensitive). */
const CsReeferBand   *cs_catalog_get_reefer_band (CsCatalog *self, const char *product);
/* The band whose hs_prefixes match @hs_digits best (longest prefix), or NULL. */
const CsReeferBand   *cs_catalog_get_reefer_band_for_hs (CsCatalog *self, const char *hs_digits);
/* @chapter: 1..99. */
const CsHsEntry      *cs_catalog_get_hs_chapter (CsCatalog *self, int chapter);
/* The most specific heading/subheading/national code entry that is a prefix of @hs_digits
 * (4 digits or longer), or NULL. */
const CsHsEntry      *cs_catalog_get_hs_heading (CsCatalog *self, const char *hs_digits);
/* The categories @hs_digits fits: the most specific entry that lists categories (heading, then
 * chapter), or NULL when the catalog says nothing. */
const char * const   *cs_catalog_hs_categories  (CsCatalog *self, const char *hs_digits);
const CsDocumentKind *cs_catalog_get_document_kind (CsCatalog *self, const char *id);
const CsIncotermEntry *cs_catalog_get_incoterm  (CsCatalog *self, const char *code);
const CsCurrency     *cs_catalog_get_currency   (CsCatalog *self, const char *code);
const CsCountry      *cs_catalog_get_country    (CsCatalog *self, const char *alpha2);
const CsPreference   *cs_catalog_get_preference (CsCatalog *self, const char *id);
const CsRequirement **cs_catalog_get_requirements (CsCatalog *self, guint *n);
const CsDgRule      **cs_catalog_get_dg_rules   (CsCatalog *self, guint *n);

/* Rule settings ("rules.json"): TRUE and *severity (a CsSeverity, or -1 = "off") when the
 * catalog overrides the rule's severity. */
gboolean              cs_catalog_get_rule_severity (CsCatalog  *self,
                                                    const char *rule,
                                                    int        *severity);
/* Title of a rule (English source string, for lists), or NULL. */
const char           *cs_catalog_get_rule_title (CsCatalog  *self,
                                                 const char *rule);
/* A number from the "params" entry of rules.json (e.g. "shelf_life_margin_days"), or @fallback. */
double                cs_catalog_get_param      (CsCatalog  *self,
                                                 const char *name,
                                                 double      fallback);

/* ---- searchable lists for pickers --------------------------------------------------------- */

/* A GListModel of CsCatalogEntry (new reference; the same list is returned each time). */
GListModel           *cs_catalog_get_list       (CsCatalog     *self,
                                                 CsCatalogList  list);
/* The same by the list's name (CsCatalogList's nick: "corridors" "locodes" "packages" "units"
 * "size_types" "hs_chapters" "hs_headings" "documents" "incoterms" "currencies" "countries"
 * "reefer_bands" "rules"); NULL for an unknown name. */
GListModel           *cs_catalog_list           (CsCatalog  *self,
                                                 const char *kind);

/* CsCatalogEntry: properties "code", "name", "name-zh", "detail" (all strings, read-only). */
const char           *cs_catalog_entry_get_code    (CsCatalogEntry *self);
const char           *cs_catalog_entry_get_name    (CsCatalogEntry *self);
const char           *cs_catalog_entry_get_name_zh (CsCatalogEntry *self);
const char           *cs_catalog_entry_get_detail  (CsCatalogEntry *self);

/* @zh when the current locale's translation is Chinese (g_get_language_names() starts with
 * "zh") and @zh is set, else @en. For the catalog's title/title_zh and name/name_zh pairs. */
const char           *cs_catalog_localized_title   (const char *en,
                                                    const char *zh);

G_END_DECLS
