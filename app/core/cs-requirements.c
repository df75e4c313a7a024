/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-requirements.c: which documents a manifest needs, which lines each covers, whether present */

#include "config.h"

#include <string.h>

#include "cs-requirements.h"
#include "cs-rules-private.h"

void
cs_needed_document_free (CsNeededDocument *needed)
{
  if (needed == NULL)
    return;
  g_clear_pointer (&needed->items, g_array_unref);
  g_clear_pointer (&needed->missing, g_array_unref);
  g_free (needed);
}

gboolean
cs_requirements_reference_date (CsManifest  *manifest,
                                const GDate *today,
                                char         out[11])
{
  GDate d;
  gboolean departure = CS_MANIFEST_N_LEGS (manifest) > 0 &&
                       cs_rules_parse_date (CS_MANIFEST_LEG (manifest, 0)->etd, &d);

  if (!departure)
    d = *today;
  g_snprintf (out, 11, "%04u-%02u-%02u", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  return departure;
}

gboolean
cs_requirements_item_hs (CsCatalog *catalog,
                         CsItem    *item,
                         char      *buf)
{
  gsize n;
  int chapter;

  buf[0] = '\0';
  if (item->hs_code == NULL || !cs_rules_hs_digits (item->hs_code, buf))
    return FALSE;
  n = strlen (buf);
  chapter = n >= 2 ? (buf[0] - '0') * 10 + (buf[1] - '0') : 0;
  if ((n != 6 && n != 8 && n != 10 && n != 13) || chapter < 1 || chapter > 97 || chapter == 77 ||
      cs_catalog_get_hs_chapter (catalog, chapter) == NULL)
    {
      buf[0] = '\0';
      return FALSE;
    }
  return TRUE;
}

static gboolean
hs_has_prefix (const char * const *prefixes,
               const char         *hs)
{
  for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
    if (g_str_has_prefix (hs, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* What both scopes ask: direction, preference, the shipper's country, the from-date. */
static gboolean
applies_to_shipment (const CsRequirement *q,
                     CsManifest          *m,
                     const char          *date_ref)
{
  CsParty *shipper = m->parties ? m->parties->shipper : NULL;
  const char *shipper_country = shipper ? shipper->country : NULL;

  if (q->direction && g_strcmp0 (q->direction, m->direction) != 0)
    return FALSE;
  if (q->preference && g_strcmp0 (q->preference, m->preference) != 0)
    return FALSE;
  if (q->origin_countries &&
      (shipper_country == NULL || !g_strv_contains (q->origin_countries, shipper_country)))
    return FALSE;
  if (q->from_date && strcmp (date_ref, q->from_date) < 0)
    return FALSE;
  return TRUE;
}

gboolean
cs_requirement_applies_to_manifest (const CsRequirement *q,
                                    CsManifest          *manifest,
                                    const char          *date_ref)
{
  return q->scope == CS_REQUIREMENT_MANIFEST && applies_to_shipment (q, manifest, date_ref);
}

gboolean
cs_requirement_applies_to_item (const CsRequirement *q,
                                CsManifest          *manifest,
                                CsItem              *item,
                                const char          *hs,
                                const char          *date_ref)
{
  if (q->scope != CS_REQUIREMENT_ITEM)
    return FALSE;
  if (q->dg && (item->dg == NULL || cs_rules_str_empty (item->dg->un_number)))
    return FALSE;
  if (q->categories && (item->category == NULL || !g_strv_contains (q->categories, item->category)))
    return FALSE;
  if (q->hs_prefixes && !hs_has_prefix (q->hs_prefixes, hs ? hs : ""))
    return FALSE;
  if (q->powertrains && (item->vehicle == NULL || item->vehicle->powertrain == NULL ||
                         !g_strv_contains (q->powertrains, item->vehicle->powertrain)))
    return FALSE;
  if (q->conditions && (item->vehicle == NULL || item->vehicle->condition == NULL ||
                        !g_strv_contains (q->conditions, item->vehicle->condition)))
    return FALSE;
  return applies_to_shipment (q, manifest, date_ref);
}

gboolean
cs_requirement_met_by_item (const CsRequirement *q,
                            CsItem              *item)
{
  return item->machinery != NULL && !cs_rules_str_empty (item->machinery->licence_no) &&
         strcmp (q->document, "export_licence") == 0;
}

typedef struct
{
  gboolean    whole;     /* a document of this kind without covers: it covers every line */
  GHashTable *lines;     /* cs_rules_line_key () of the lines the documents of this kind cover */
} Cover;

static void
cover_free (Cover *c)
{
  g_clear_pointer (&c->lines, g_hash_table_unref);
  g_free (c);
}

/* kind -> Cover over the attached documents, built once (covers lists may be long). */
static GHashTable *
attached_covers (CsManifest *m)
{
  GHashTable *covers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cover_free);

  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (m, i);
      Cover *c;

      if (d->kind == NULL)
        continue;
      if ((c = g_hash_table_lookup (covers, d->kind)) == NULL)
        {
          c = g_new0 (Cover, 1);
          c->lines = g_hash_table_new (NULL, NULL);
          g_hash_table_insert (covers, (gpointer) d->kind, c);
        }
      if (d->covers == NULL || d->covers->len == 0)
        c->whole = TRUE;
      for (guint k = 0; d->covers != NULL && k < d->covers->len; k++)
        {
          gpointer key = cs_rules_line_key ((double) g_array_index (d->covers, gint64, k));

          if (key != NULL)
            g_hash_table_add (c->lines, key);
        }
    }
  return covers;
}

GPtrArray *
cs_requirements_needed (CsManifest  *manifest,
                        CsCatalog   *catalog,
                        const GDate *today)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) cs_needed_document_free);
  const CsRequirement **reqs;
  char date_ref[11];
  guint n_reqs, n_items;
  g_autofree char *hs = NULL;
  g_autoptr(GHashTable) covers = NULL;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), out);
  g_return_val_if_fail (CS_IS_CATALOG (catalog), out);
  g_return_val_if_fail (today != NULL && g_date_valid (today), out);

  cs_requirements_reference_date (manifest, today, date_ref);
  covers = attached_covers (manifest);
  reqs = cs_catalog_get_requirements (catalog, &n_reqs);
  n_items = CS_MANIFEST_N_ITEMS (manifest);
  hs = g_malloc0 ((gsize) MAX (n_items, 1) * 16);   /* each item's HS digits, worked out once */
  for (guint i = 0; i < n_items; i++)
    cs_requirements_item_hs (catalog, CS_MANIFEST_ITEM (manifest, i), hs + i * 16);

  for (guint r = 0; r < n_reqs; r++)
    {
      const CsRequirement *q = reqs[r];
      CsNeededDocument *need;

      if (cs_requirement_applies_to_manifest (q, manifest, date_ref))
        {
          need = g_new0 (CsNeededDocument, 1);
          need->requirement = q;
          need->document = q->document;
          need->whole = TRUE;
          need->present = g_hash_table_contains (covers, q->document);   /* any of its kind */
          g_ptr_array_add (out, need);
          continue;
        }
      if (q->scope != CS_REQUIREMENT_ITEM)
        continue;
      need = NULL;
      for (guint i = 0; i < n_items; i++)
        {
          CsItem *item = CS_MANIFEST_ITEM (manifest, i);
          Cover *c;
          gpointer key;

          if (!cs_requirement_applies_to_item (q, manifest, item, hs + i * 16, date_ref) ||
              cs_requirement_met_by_item (q, item))
            continue;
          if (need == NULL)
            {
              need = g_new0 (CsNeededDocument, 1);
              need->requirement = q;
              need->document = q->document;
              need->items = g_array_new (FALSE, FALSE, sizeof (guint));
              need->missing = g_array_new (FALSE, FALSE, sizeof (guint));
            }
          g_array_append_val (need->items, i);
          c = g_hash_table_lookup (covers, q->document);
          key = cs_rules_line_key (item->line);
          if (c == NULL || (!c->whole && (key == NULL || !g_hash_table_contains (c->lines, key))))
            g_array_append_val (need->missing, i);
        }
      if (need != NULL)
        {
          need->present = need->missing->len == 0;
          g_ptr_array_add (out, need);
        }
    }
  return out;
}
