/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-validator.h: the corridor and customs rules, over a manifest and the catalog
 *
 * cs_validate() is pure: manifest + catalog + reference date in, findings out (sorted by
 * severity, then path in natural order, then rule). Date rules use the manifest's departure
 * (the first leg's etd); the reference date only stands in where there is no departure.
 *
 * CsValidation keeps the findings of one live manifest as a GListModel of CsFinding and can
 * re-validate one changed record without re-running the rules of every item.
 */
#pragma once

#include "cs-catalog.h"
#include "cs-finding.h"
#include "cs-model.h"

G_BEGIN_DECLS

/* Rule ids (stable). Each names one rule; a catalog may change its severity or turn it off. */
extern const char * const cs_rule_ids[];   /* NULL-terminated, for listings and tests */

/* TRUE when some other draft already uses @reference (for manifest.duplicate_reference);
 * @manifest_id is the id of the manifest being validated (may be NULL). */
typedef gboolean (*CsReferenceTakenFunc) (const char *reference,
                                          const char *manifest_id,
                                          gpointer    user_data);

typedef struct
{
  CsReferenceTakenFunc reference_taken;   /* may be NULL: the rule then stays silent */
  gpointer             user_data;
} CsValidateOptions;

/* Findings (CsFinding, full references) sorted by severity, then path. @today NULL = real
 * today (local time). */
GPtrArray    *cs_validate          (CsManifest              *manifest,
                                    CsCatalog               *catalog,
                                    GDate                   *today);
GPtrArray    *cs_validate_with     (CsManifest              *manifest,
                                    CsCatalog               *catalog,
                                    GDate                   *today,
                                    const CsValidateOptions *options);

/* The reference date a validation without one takes: today, local time, as of this call. */
void          cs_validate_default_today  (GDate                   *today);

/* Orders two findings as cs_validate() does (for GCompareFunc over CsFinding **). */
int           cs_finding_compare   (gconstpointer a,
                                    gconstpointer b);
/* strcmp with digit runs compared as numbers ("items[9]" < "items[10]"). */
int           cs_path_compare      (const char *a,
                                    const char *b);

/* The route's timing as the rules count it (for the route picture on the Shipment page). */
typedef struct
{
  guint   n_legs;
  double *leg_days;           /* per leg: its etd → eta, else the corridor's typical days; NAN = unknown */
  double  transit_days;       /* the whole route as the shelf-life rule counts it; NAN = unknown */
  double  shelf_margin_days;  /* least shelf life left on arrival over the perishable items
                               * (negative: expired on the way); NAN = none to compute */
  int     shelf_item;         /* index in items of that item; -1 = none */
} CsRouteTiming;

CsRouteTiming *cs_route_timing_new  (CsManifest    *manifest,
                                     CsCatalog     *catalog);
void           cs_route_timing_free (CsRouteTiming *timing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsRouteTiming, cs_route_timing_free)

#define CS_TYPE_VALIDATION (cs_validation_get_type ())
G_DECLARE_FINAL_TYPE (CsValidation, cs_validation, CS, VALIDATION, GObject)

/* A GListModel of CsFinding, sorted as cs_validate() sorts. Properties "n-errors",
 * "n-warnings", "n-infos" (guint, notify on change). */
CsValidation *cs_validation_new          (CsCatalog     *catalog);
void          cs_validation_set_today    (CsValidation  *self,
                                          GDate         *today);
/* The date the rules compare with where the manifest has no departure date (the reference
 * date of cs_requirements_reference_date): the one set with cs_validation_set_today(), else
 * cs_validate_default_today(). */
void          cs_validation_get_today    (CsValidation  *self,
                                          GDate         *today);
void          cs_validation_set_options  (CsValidation  *self,
                                          const CsValidateOptions *options);
/* Full run; NULL clears. Holds a reference to @manifest. */
void          cs_validation_set_manifest (CsValidation  *self,
                                          CsManifest    *manifest);
CsManifest   *cs_validation_get_manifest (CsValidation  *self);
/* Incremental: @changed is any record inside the manifest (or the manifest itself, e.g. after
 * items were inserted or removed, or a header field changed). Re-runs only the rules of the
 * object it belongs to and the cross-object rules that depend on it; emits items-changed only
 * for findings that changed. */
void          cs_validation_revalidate   (CsValidation  *self,
                                          CsRecord      *changed);
/* Like revalidate, with the field name the manifest's "changed" signal carried (lets header
 * edits that affect no item skip the items). */
void          cs_validation_revalidate_field (CsValidation *self,
                                              CsRecord     *changed,
                                              const char   *field);
guint         cs_validation_count        (CsValidation  *self,
                                          CsSeverity     severity);
/* Findings whose path equals @path_prefix or continues it with '.' or '['; borrowed
 * references in a new array. */
GPtrArray    *cs_validation_find         (CsValidation  *self,
                                          const char    *path_prefix);

G_END_DECLS
