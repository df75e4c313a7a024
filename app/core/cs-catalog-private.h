/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-catalog-private.h: the catalog's instance struct, shared by cs-catalog.c (object, lookups,
 * lists) and cs-catalog-load.c (reading the JSON files, iso-codes and overrides) */
#pragma once

#include "cs-catalog.h"

G_BEGIN_DECLS

typedef struct
{
  int    severity;     /* CsSeverity or -1 = off */
  gboolean has_severity;
  const char *title;
} RuleSetting;

struct _CsCatalog
{
  GObject     parent_instance;

  GPtrArray  *warnings;          /* char * */
  GPtrArray  *allocs;            /* freed at finalize */

  GHashTable *rules;             /* id -> RuleSetting */
  GHashTable *params;            /* name -> double * */
  GHashTable *locodes, *corridors_by_id, *packages, *units, *size_types, *bands_by_name,
             *bands_by_hs, *hs_headings, *documents, *incoterms, *currencies, *countries,
             *preferences;
  GPtrArray  *corridors;         /* CsCorridor *, file order */
  GPtrArray  *requirements, *dg_rules;
  GPtrArray  *locode_list, *package_list, *unit_list, *size_type_list, *band_list,
             *heading_list, *document_list, *incoterm_list, *currency_list, *country_list,
             *rule_ids;
  const CsHsEntry *chapters[100];

  GHashTable *lists;             /* kind -> GListStore, built on first request */
  GMutex      lists_lock;        /* guards @lists: pickers and worker threads may ask at once */
};

gpointer  cs_catalog_alloc           (CsCatalog   *self,
                                      gsize        size);
#define CATALOG_NEW(self, T) ((T *) cs_catalog_alloc ((self), sizeof (T)))

/* One catalog file: the built-in copy (from @builtin_dir, or the GResource when NULL) merged with
 * the user's copy in @override_dir (may be NULL). */
gboolean  cs_catalog_load_file       (CsCatalog   *self,
                                      const char  *name,
                                      const char  *builtin_dir,
                                      const char  *override_dir,
                                      GError     **error);
/* Countries and currencies from iso-codes' JSON in @dir. */
gboolean  cs_catalog_load_iso_codes  (CsCatalog   *self,
                                      const char  *dir,
                                      GError     **error);

G_END_DECLS
