/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-validator.c: the validation engine (full and incremental) and CsValidation */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-rules-private.h"

const char * const cs_rule_ids[] = {
  "manifest.required", "manifest.duplicate_reference", "party.country", "party.tax_id", "party.phone",
  "route.locode", "route.mode_function", "route.continuity", "route.dates", "incoterm.code",
  "incoterm.mode", "currency.code", "currency.minor_units", "totals.value", "totals.gross",
  "totals.packages", "container.number_format", "container.check_digit", "container.duplicate",
  "container.size_type", "container.tare", "container.seal", "container.vgm_missing",
  "container.overweight", "container.vgm_mismatch", "container.reefer_required",
  "container.reefer_setpoint", "container.mixed_temperature", "container.ethylene_mix",
  "container.empty", "item.description", "item.line", "item.hs_format", "item.hs_chapter",
  "item.hs_category", "item.quantity", "item.packages", "item.weights", "item.value", "item.origin",
  "item.container_ref", "item.unassigned", "vehicle.vin_format", "vehicle.vin_check_digit",
  "vehicle.vin_duplicate", "vehicle.vin_count", "vehicle.vin_container", "vehicle.model_year", "vehicle.dg_class",
  "vehicle.export_licence", "electronics.battery_dg", "machinery.dual_use_licence",
  "machinery.serial_duplicate", "machinery.serial_container", "perishable.temperature_range", "perishable.frozen_ceiling",
  "perishable.shelf_life", "perishable.phytosanitary", "perishable.health_certificate",
  "document.missing", "document.expired", "document.expiring", "document.covers",
  "origin.certificate", "corridor.unknown", "corridor.route", "corridor.category", "corridor.dg",
  "corridor.weight", "corridor.reefer_power", "leg.imo_check_digit", "leg.vessel_missing", NULL
};

CsInterned cs_i;

void
cs_rules_intern_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      cs_i.vehicle = g_intern_static_string ("vehicle");
      cs_i.electronics = g_intern_static_string ("electronics");
      cs_i.machinery = g_intern_static_string ("machinery");
      cs_i.perishable = g_intern_static_string ("perishable");
      cs_i.general = g_intern_static_string ("general");
      cs_i.rail = g_intern_static_string ("rail");
      cs_i.sea = g_intern_static_string ("sea");
      cs_i.road = g_intern_static_string ("road");
      cs_i.river = g_intern_static_string ("river");
      cs_i.export_ = g_intern_static_string ("export");
      cs_i.none = g_intern_static_string ("none");
      cs_i.producer = g_intern_static_string ("producer");
      cs_i.sensitive = g_intern_static_string ("sensitive");
      g_once_init_leave (&done, 1);
    }
}

/* ---- helpers shared by the rule files ------------------------------------------------------ */

void
cs_rules_emit (CsEngine    *e,
               GPtrArray   *out,
               const char  *rule,
               CsSeverity   severity,
               const char  *path,
               CsText      *message,
               CsText      *hint)
{
  int override;

  if (cs_catalog_get_rule_severity (e->catalog, rule, &override))
    {
      if (override < 0)
        {
          cs_text_free (message);
          cs_text_free (hint);
          return;
        }
      severity = (CsSeverity) override;
    }
  g_ptr_array_add (out, cs_finding_new_text (rule, severity, path, message, hint));
}

const char *
cs_rules_path (char       *buf,
               gsize       size,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  g_vsnprintf (buf, size, format, args);
  va_end (args);
  return buf;
}

gboolean
cs_rules_parse_date (const char *s,
                     GDate      *out)
{
  int y, m, d;

  if (s == NULL || strlen (s) < 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/* Whether the time part of an ISO 8601 date-time (after "YYYY-MM-DDT") names its zone. */
static gboolean
has_zone (const char *s)
{
  const char *t = s + 11;

  return strchr (t, 'Z') != NULL || strchr (t, 'z') != NULL || strchr (t, '+') != NULL ||
         strchr (t, '-') != NULL;
}

gboolean
cs_rules_compare_when (const char *a,
                       const char *b,
                       int        *cmp)
{
  GDate da, db;

  if (!cs_rules_parse_date (a, &da) || !cs_rules_parse_date (b, &db))
    return FALSE;
  /* both with a time, and both with a zone or both without one: the instants */
  if (strlen (a) > 11 && strlen (b) > 11 && has_zone (a) == has_zone (b))
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) ta = g_date_time_new_from_iso8601 (a, utc);
      g_autoptr(GDateTime) tb = g_date_time_new_from_iso8601 (b, utc);

      if (ta != NULL && tb != NULL)
        {
          *cmp = g_date_time_compare (ta, tb);
          return TRUE;
        }
    }
  *cmp = g_date_compare (&da, &db);
  return TRUE;
}

gboolean
cs_rules_hs_digits (const char *hs,
                    char       *buf)
{
  guint n = 0;

  for (const char *p = hs; *p; p++)
    {
      if (*p == '.' || *p == ' ')
        continue;
      if (!g_ascii_isdigit (*p) || n >= 15)
        {
          buf[0] = '\0';
          return FALSE;
        }
      buf[n++] = *p;
    }
  buf[n] = '\0';
  return TRUE;
}

GPtrArray *
cs_dup_lookup (DupIndex      *index,
               gconstpointer  key,
               ItemState    **single)
{
  GPtrArray *group;

  if (key == NULL)
    {
      if (single)
        *single = NULL;
      return NULL;
    }
  group = g_hash_table_lookup (index->multi, key);
  if (single)
    *single = group ? NULL : g_hash_table_lookup (index->single, key);
  return group;
}

static void
dup_init (DupIndex     *index,
          GHashFunc     hash,
          GEqualFunc    equal)
{
  index->single = g_hash_table_new (hash, equal);
  index->multi = g_hash_table_new_full (hash, equal, NULL, (GDestroyNotify) g_ptr_array_unref);
}

static void
dup_clear (DupIndex *index)
{
  g_hash_table_remove_all (index->single);
  g_hash_table_remove_all (index->multi);
}

static void
dup_destroy (DupIndex *index)
{
  g_hash_table_unref (index->single);
  g_hash_table_unref (index->multi);
}

static void
dup_add (DupIndex  *index,
         gpointer   key,
         ItemState *st)
{
  GPtrArray *group = g_hash_table_lookup (index->multi, key);
  gpointer orig_key, prev;

  if (group != NULL)
    {
      g_ptr_array_add (group, st);
      return;
    }
  if (g_hash_table_lookup_extended (index->single, key, &orig_key, &prev))
    {
      g_hash_table_steal (index->single, key);
      group = g_ptr_array_sized_new (2);
      g_ptr_array_add (group, prev);
      g_ptr_array_add (group, st);
      g_hash_table_insert (index->multi, orig_key, group);
      return;
    }
  g_hash_table_insert (index->single, key, st);
}

static void
dup_remove (DupIndex  *index,
            gpointer   key,
            ItemState *st)
{
  gpointer orig_key, value;

  if (g_hash_table_lookup_extended (index->multi, key, &orig_key, &value))
    {
      GPtrArray *group = value;

      g_ptr_array_remove (group, st);
      if (group->len == 1)
        {
          gpointer last = group->pdata[0];

          g_hash_table_remove (index->multi, key);
          g_hash_table_insert (index->single, orig_key, last);
        }
    }
  else if (g_hash_table_lookup (index->single, key) == st)
    g_hash_table_remove (index->single, key);
}

/* Adds every item of @group (other than @self) to @set. */
static void
dup_collect (DupIndex   *index,
             gconstpointer key,
             GHashTable *set)
{
  GPtrArray *group = cs_dup_lookup (index, key, NULL);

  for (guint i = 0; group && i < group->len; i++)
    g_hash_table_add (set, group->pdata[i]);
}

double
cs_rules_item_gross_in (ItemState    *st,
                        ContainerAgg *agg)
{
  CsItem *item = st->item;
  double gross = cs_num_is_set (item->gross_kg) ? item->gross_kg : 0;
  double count, in = 0;

  if (item->container != NULL || cs_list_length (item->splits) == 0)
    return gross;
  count = item->packages && cs_num_is_set (item->packages->count) ? item->packages->count : 0;
  for (guint k = 0; k < cs_list_length (item->splits); k++)
    {
      CsSplit *sp = cs_list_index (item->splits, k);

      if (sp->container && strcmp (sp->container, agg->number) == 0 && cs_num_is_set (sp->packages))
        in += sp->packages;
    }
  return count > 0 ? gross * in / count : 0;
}

const CsReeferBand *
cs_rules_item_band (CsEngine *e,
                    CsItem   *item)
{
  const CsReeferBand *band = NULL;
  char hs[16];

  if (item->perishable && item->perishable->product)
    band = cs_catalog_get_reefer_band (e->catalog, item->perishable->product);
  if (band == NULL && item->hs_code && cs_rules_hs_digits (item->hs_code, hs))
    band = cs_catalog_get_reefer_band_for_hs (e->catalog, hs);
  return band;
}

/* ---- the engine ---------------------------------------------------------------------------- */

static void
doc_cover_free (gpointer p)
{
  DocCover *dc = p;

  if (dc->lines)
    g_hash_table_unref (dc->lines);
  g_free (dc);
}

static void
agg_free (gpointer p)
{
  ContainerAgg *agg = p;

  g_free (agg->number);
  g_ptr_array_unref (agg->containers);
  g_ptr_array_unref (agg->members);
  g_free (agg);
}

static void
item_state_free (gpointer p)
{
  ItemState *st = p;

  g_clear_pointer (&st->findings, g_ptr_array_unref);
  g_free (st->vin_keys);
  g_free (st->serial_keys);
  if (st->aggs != &st->agg0)
    g_free (st->aggs);
  if (!st->in_slab)
    g_free (st);
}

static void
cont_state_free (gpointer p)
{
  ContState *cs = p;

  g_clear_pointer (&cs->findings, g_ptr_array_unref);
  g_free (cs);
}

static CsEngine *
engine_new (CsCatalog *catalog)
{
  CsEngine *e = g_new0 (CsEngine, 1);

  cs_rules_intern_init ();
  e->catalog = g_object_ref (catalog);
  e->leg_match = g_ptr_array_new ();
  e->doc_cover = g_hash_table_new_full (NULL, NULL, NULL, doc_cover_free);
  e->items = g_ptr_array_new_with_free_func (item_state_free);
  e->item_states = g_hash_table_new (NULL, NULL);
  e->containers = g_ptr_array_new_with_free_func (cont_state_free);
  e->cont_states = g_hash_table_new (NULL, NULL);
  e->aggs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, agg_free);
  dup_init (&e->vins, g_str_hash, g_str_equal);
  dup_init (&e->serials, g_str_hash, g_str_equal);
  dup_init (&e->lines, NULL, NULL);
  e->chunk = g_string_chunk_new (4096);
  e->scratch = g_ptr_array_new ();
  g_date_clear (&e->today, 1);

  e->margin_days = cs_catalog_get_param (catalog, "shelf_life_margin_days", 2);
  e->expiring_days = cs_catalog_get_param (catalog, "document_expiring_days", 30);
  e->vgm_tol_pct = cs_catalog_get_param (catalog, "vgm_tolerance_pct", 5);
  e->vgm_warn_pct = cs_catalog_get_param (catalog, "vgm_warning_pct", 1);
  e->reefer_min_c = cs_catalog_get_param (catalog, "reefer_min_c", -25);
  e->reefer_max_c = cs_catalog_get_param (catalog, "reefer_max_c", 25);
  /* what any reefer unit can hold at all (super-freezers aside): outside it a set point is a typo */
  e->reefer_unit_min_c = cs_catalog_get_param (catalog, "reefer_unit_min_c", -35);
  e->reefer_unit_max_c = cs_catalog_get_param (catalog, "reefer_unit_max_c", 30);
  e->frozen_ceiling_c = cs_catalog_get_param (catalog, "frozen_ceiling_c", -18);
  e->default_max_gross = cs_catalog_get_param (catalog, "default_max_gross_kg", 30480);
  e->totals_tol_pct = cs_catalog_get_param (catalog, "totals_tolerance_pct", 0.5);
  return e;
}

static void
engine_clear_units (CsEngine *e)
{
  g_hash_table_remove_all (e->item_states);
  g_hash_table_remove_all (e->cont_states);
  g_ptr_array_set_size (e->items, 0);
  g_clear_pointer (&e->slab, g_free);
  g_ptr_array_set_size (e->containers, 0);
  g_hash_table_remove_all (e->aggs);
  dup_clear (&e->vins);
  dup_clear (&e->serials);
  dup_clear (&e->lines);
  g_string_chunk_clear (e->chunk);
  g_clear_pointer (&e->header_findings, g_ptr_array_unref);
  e->sum_value = e->sum_gross = 0;
  e->n_dg_items = 0;
}

static void
engine_free (CsEngine *e)
{
  engine_clear_units (e);
  g_clear_object (&e->manifest);
  g_object_unref (e->catalog);
  g_ptr_array_unref (e->leg_match);
  g_hash_table_unref (e->doc_cover);
  g_ptr_array_unref (e->items);
  g_hash_table_unref (e->item_states);
  g_ptr_array_unref (e->containers);
  g_hash_table_unref (e->cont_states);
  g_hash_table_unref (e->aggs);
  dup_destroy (&e->vins);
  dup_destroy (&e->serials);
  dup_destroy (&e->lines);
  g_string_chunk_free (e->chunk);
  g_ptr_array_unref (e->scratch);
  g_free (e);
}

void
cs_validate_default_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (today != NULL);

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
engine_set_today (CsEngine *e,
                  GDate    *today)
{
  if (today != NULL && g_date_valid (today))
    {
      e->today = *today;
      e->today_set = TRUE;
    }
  else
    {
      cs_validate_default_today (&e->today);
      e->today_set = FALSE;
    }
}

static ContainerAgg *
agg_get (CsEngine   *e,
         const char *number)
{
  ContainerAgg *agg = g_hash_table_lookup (e->aggs, number);

  if (agg == NULL)
    {
      agg = g_new0 (ContainerAgg, 1);
      agg->number = g_strdup (number);
      agg->containers = g_ptr_array_sized_new (1);
      agg->members = g_ptr_array_new ();
      g_hash_table_insert (e->aggs, agg->number, agg);
    }
  return agg;
}

static void
agg_maybe_drop (CsEngine     *e,
                ContainerAgg *agg)
{
  if (agg->containers->len == 0 && agg->members->len == 0)
    g_hash_table_remove (e->aggs, agg->number);
}

static gboolean
item_is_dg (CsItem *item)
{
  return item->dg != NULL && !cs_rules_str_empty (item->dg->un_number);
}

static void
index_item (CsEngine  *e,
            ItemState *st)
{
  CsItem *item = st->item;
  guint n_splits = cs_list_length (item->splits);

  if ((st->line_key = cs_rules_line_key (item->line)) != NULL)
    dup_add (&e->lines, st->line_key, st);
  if (item->vehicle && item->vehicle->vins && item->vehicle->vins[0])
    {
      st->n_vins = g_strv_length (item->vehicle->vins);
      st->vin_keys = g_new (const char *, st->n_vins);
      for (guint k = 0; k < st->n_vins; k++)
        {
          st->vin_keys[k] = g_string_chunk_insert (e->chunk, item->vehicle->vins[k]);
          dup_add (&e->vins, (gpointer) st->vin_keys[k], st);
        }
    }
  if (item->machinery && item->machinery->serials && item->machinery->serials[0])
    {
      st->n_serials = g_strv_length (item->machinery->serials);
      st->serial_keys = g_new (const char *, st->n_serials);
      for (guint k = 0; k < st->n_serials; k++)
        {
          st->serial_keys[k] = g_string_chunk_insert (e->chunk, item->machinery->serials[k]);
          dup_add (&e->serials, (gpointer) st->serial_keys[k], st);
        }
    }
  if (item->container != NULL)
    {
      st->agg0 = agg_get (e, item->container);
      st->aggs = &st->agg0;
      st->n_aggs = 1;
      g_ptr_array_add (st->agg0->members, st);
    }
  else if (n_splits > 0)
    {
      st->aggs = g_new (ContainerAgg *, n_splits);
      for (guint k = 0; k < n_splits; k++)
        {
          CsSplit *sp = cs_list_index (item->splits, k);
          ContainerAgg *agg;
          gboolean seen = FALSE;

          if (sp->container == NULL)
            continue;
          agg = agg_get (e, sp->container);
          for (guint j = 0; j < st->n_aggs; j++)
            seen |= st->aggs[j] == agg;
          if (seen)
            continue;
          st->aggs[st->n_aggs++] = agg;
          g_ptr_array_add (agg->members, st);
        }
    }
  st->value = cs_num_is_set (item->value) ? item->value : 0;
  st->gross = cs_num_is_set (item->gross_kg) ? item->gross_kg : 0;
  st->dg = item_is_dg (item);
  e->sum_value += st->value;
  e->sum_gross += st->gross;
  e->n_dg_items += st->dg;
  st->indexed = TRUE;
}

static void
unindex_item (CsEngine  *e,
              ItemState *st)
{
  if (!st->indexed)
    return;
  if (st->line_key)
    dup_remove (&e->lines, st->line_key, st);
  for (guint k = 0; k < st->n_vins; k++)
    dup_remove (&e->vins, (gpointer) st->vin_keys[k], st);
  for (guint k = 0; k < st->n_serials; k++)
    dup_remove (&e->serials, (gpointer) st->serial_keys[k], st);
  for (guint k = 0; k < st->n_aggs; k++)
    {
      g_ptr_array_remove (st->aggs[k]->members, st);
      agg_maybe_drop (e, st->aggs[k]);
    }
  g_clear_pointer (&st->vin_keys, g_free);
  g_clear_pointer (&st->serial_keys, g_free);
  if (st->aggs != &st->agg0)
    g_free (st->aggs);
  st->aggs = NULL;
  st->agg0 = NULL;
  st->n_vins = st->n_serials = st->n_aggs = 0;
  st->line_key = NULL;
  e->sum_value -= st->value;
  e->sum_gross -= st->gross;
  e->n_dg_items -= st->dg;
  st->indexed = FALSE;
}

static void
index_container (CsEngine  *e,
                 ContState *cs)
{
  if (cs->container->number != NULL)
    {
      cs->agg = agg_get (e, cs->container->number);
      g_ptr_array_add (cs->agg->containers, cs);
    }
}

static void
unindex_container (CsEngine  *e,
                   ContState *cs)
{
  if (cs->agg != NULL)
    {
      g_ptr_array_remove (cs->agg->containers, cs);
      agg_maybe_drop (e, cs->agg);
      cs->agg = NULL;
    }
}

/* Runs a unit's rules into the scratch array; a new array only when something was found. */
static GPtrArray *
take_scratch (CsEngine *e)
{
  GPtrArray *out;

  if (e->scratch->len == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);
  out = g_ptr_array_new_full (e->scratch->len, g_object_unref);
  for (guint i = 0; i < e->scratch->len; i++)
    g_ptr_array_add (out, e->scratch->pdata[i]);
  g_ptr_array_set_size (e->scratch, 0);
  return out;
}

static GPtrArray *
run_unit_item (CsEngine  *e,
               ItemState *st)
{
  cs_rules_run_item (e, st, e->scratch);
  return take_scratch (e);
}

static GPtrArray *
run_unit_container (CsEngine  *e,
                    ContState *cs)
{
  cs_rules_run_container (e, cs, e->scratch);
  return take_scratch (e);
}

static GPtrArray *
run_unit_header (CsEngine *e)
{
  cs_rules_run_header (e, e->scratch);
  return take_scratch (e);
}

/* The full run's variant: no array at all for a clean unit. */
static GPtrArray *
run_item_full (CsEngine  *e,
               ItemState *st)
{
  cs_rules_run_item (e, st, e->scratch);
  return e->scratch->len ? take_scratch (e) : NULL;
}

static GPtrArray *
nonempty_or_free (GPtrArray *a)
{
  if (a->len == 0)
    {
      g_ptr_array_unref (a);
      return NULL;
    }
  return a;
}

/* Indexes and validates everything. */
static void
engine_full_run (CsEngine *e)
{
  CsManifest *m = e->manifest;
  guint n_items, n_cont;

  engine_clear_units (e);
  if (m == NULL)
    return;
  n_items = CS_MANIFEST_N_ITEMS (m);
  n_cont = CS_MANIFEST_N_CONTAINERS (m);

  for (guint i = 0; i < n_cont; i++)
    {
      ContState *cs = g_new0 (ContState, 1);

      cs->container = CS_MANIFEST_CONTAINER (m, i);
      cs->index = i;
      g_ptr_array_add (e->containers, cs);
      g_hash_table_insert (e->cont_states, cs->container, cs);
      index_container (e, cs);
    }
  e->slab = g_new0 (ItemState, MAX (n_items, 1));
  for (guint i = 0; i < n_items; i++)
    {
      ItemState *st = &e->slab[i];

      st->item = CS_MANIFEST_ITEM (m, i);
      st->index = i;
      st->in_slab = TRUE;
      g_ptr_array_add (e->items, st);
      if (e->track)
        g_hash_table_insert (e->item_states, st->item, st);
      index_item (e, st);
    }

  cs_rules_prepare_header (e);
  for (guint i = 0; i < n_items; i++)
    {
      ItemState *st = e->items->pdata[i];

      st->findings = run_item_full (e, st);
    }
  for (guint i = 0; i < n_cont; i++)
    {
      ContState *cs = e->containers->pdata[i];

      cs->findings = nonempty_or_free (run_unit_container (e, cs));
    }
  e->header_findings = nonempty_or_free (run_unit_header (e));
}

/* Every finding of the engine, in no particular order (borrowed). */
static void
engine_collect (CsEngine  *e,
                GPtrArray *out)
{
  if (e->header_findings)
    g_ptr_array_extend (out, e->header_findings, NULL, NULL);
  for (guint i = 0; i < e->containers->len; i++)
    {
      ContState *cs = e->containers->pdata[i];

      if (cs->findings)
        g_ptr_array_extend (out, cs->findings, NULL, NULL);
    }
  for (guint i = 0; i < e->items->len; i++)
    {
      ItemState *st = e->items->pdata[i];

      if (st->findings)
        g_ptr_array_extend (out, st->findings, NULL, NULL);
    }
}

/* ---- ordering ------------------------------------------------------------------------------ */

int
cs_path_compare (const char *a,
                 const char *b)
{
  while (*a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea = a, *eb = b;
          int c;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = b; g_ascii_isdigit (*eb); eb++)
            ;
          if (ea - a != eb - b)
            return (ea - a) < (eb - b) ? -1 : 1;
          c = strncmp (a, b, ea - a);
          if (c != 0)
            return c;
          a = ea;
          b = eb;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (guchar) *a - (guchar) *b;
}

static int
finding_cmp (CsFinding *a,
             CsFinding *b)
{
  int c;

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if ((c = cs_path_compare (a->path, b->path)) != 0)
    return c;
  if ((c = strcmp (a->rule, b->rule)) != 0)
    return c;
  /* Rare (one rule, one place, two findings): only then are the messages written out. */
  return strcmp (cs_finding_get_message (a), cs_finding_get_message (b));
}

int
cs_finding_compare (gconstpointer a,
                    gconstpointer b)
{
  return finding_cmp (*(CsFinding **) a, *(CsFinding **) b);
}

/* ---- the pure entry point ------------------------------------------------------------------ */

GPtrArray *
cs_validate_with (CsManifest              *manifest,
                  CsCatalog               *catalog,
                  GDate                   *today,
                  const CsValidateOptions *options)
{
  CsEngine *e;
  GPtrArray *out;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (CS_IS_CATALOG (catalog), NULL);

  e = engine_new (catalog);
  e->manifest = g_object_ref (manifest);
  if (options)
    e->options = *options;
  engine_set_today (e, today);
  engine_full_run (e);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  engine_collect (e, out);
  for (guint i = 0; i < out->len; i++)
    g_object_ref (out->pdata[i]);
  g_ptr_array_sort (out, cs_finding_compare);
  engine_free (e);
  return out;
}

GPtrArray *
cs_validate (CsManifest *manifest,
             CsCatalog  *catalog,
             GDate      *today)
{
  return cs_validate_with (manifest, catalog, today, NULL);
}

/* ---- route timing -------------------------------------------------------------------------- */

CsRouteTiming *
cs_route_timing_new (CsManifest *manifest,
                     CsCatalog  *catalog)
{
  CsEngine *e;
  CsRouteTiming *t;

  g_return_val_if_fail (CS_IS_MANIFEST (manifest), NULL);
  g_return_val_if_fail (CS_IS_CATALOG (catalog), NULL);

  e = engine_new (catalog);
  e->manifest = g_object_ref (manifest);
  engine_set_today (e, NULL);
  cs_rules_prepare_header (e);

  t = g_new0 (CsRouteTiming, 1);
  t->n_legs = CS_MANIFEST_N_LEGS (manifest);
  t->leg_days = g_new (double, MAX (t->n_legs, 1));
  for (guint i = 0; i < t->n_legs; i++)
    t->leg_days[i] = cs_rules_leg_days (e, i);
  t->transit_days = e->transit_days;
  t->shelf_margin_days = NAN;
  t->shelf_item = -1;
  for (guint i = 0; i < cs_list_length (manifest->items); i++)
    {
      CsItem *item = cs_list_index (manifest->items, i);
      double margin;

      if (item->perishable != NULL && cs_rules_shelf_margin (e, item->perishable, &margin, NULL) &&
          (t->shelf_item < 0 || margin < t->shelf_margin_days))
        {
          t->shelf_margin_days = margin;
          t->shelf_item = (int) i;
        }
    }
  engine_free (e);
  return t;
}

void
cs_route_timing_free (CsRouteTiming *timing)
{
  if (timing == NULL)
    return;
  g_free (timing->leg_days);
  g_free (timing);
}

/* ---- CsValidation -------------------------------------------------------------------------- */

struct _CsValidation
{
  GObject    parent_instance;
  CsEngine  *engine;
  GPtrArray *flat;          /* CsFinding, sorted; holds references */
  guint      counts[3];
  GDate      today;         /* invalid = real today */
};

static void cs_validation_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsValidation, cs_validation, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cs_validation_list_model_init))

enum { PROP_0, PROP_N_ERRORS, PROP_N_WARNINGS, PROP_N_INFOS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GType
cs_validation_get_item_type (GListModel *model)
{
  return CS_TYPE_FINDING;
}

static guint
cs_validation_get_n_items (GListModel *model)
{
  return CS_VALIDATION (model)->flat->len;
}

static gpointer
cs_validation_get_item (GListModel *model,
                        guint       position)
{
  CsValidation *self = CS_VALIDATION (model);

  if (position >= self->flat->len)
    return NULL;
  return g_object_ref (self->flat->pdata[position]);
}

static void
cs_validation_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cs_validation_get_item_type;
  iface->get_n_items = cs_validation_get_n_items;
  iface->get_item = cs_validation_get_item;
}

static void
cs_validation_finalize (GObject *object)
{
  CsValidation *self = CS_VALIDATION (object);

  engine_free (self->engine);
  g_ptr_array_unref (self->flat);
  G_OBJECT_CLASS (cs_validation_parent_class)->finalize (object);
}

static void
cs_validation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CsValidation *self = CS_VALIDATION (object);

  switch (prop_id)
    {
    case PROP_N_ERRORS: g_value_set_uint (value, self->counts[CS_SEVERITY_ERROR]); break;
    case PROP_N_WARNINGS: g_value_set_uint (value, self->counts[CS_SEVERITY_WARNING]); break;
    case PROP_N_INFOS: g_value_set_uint (value, self->counts[CS_SEVERITY_INFO]); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_validation_class_init (CsValidationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_validation_finalize;
  object_class->get_property = cs_validation_get_property;
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_INFOS] = g_param_spec_uint ("n-infos", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_validation_init (CsValidation *self)
{
  self->flat = g_ptr_array_new_with_free_func (g_object_unref);
  g_date_clear (&self->today, 1);
}

CsValidation *
cs_validation_new (CsCatalog *catalog)
{
  CsValidation *self;

  g_return_val_if_fail (CS_IS_CATALOG (catalog), NULL);
  self = g_object_new (CS_TYPE_VALIDATION, NULL);
  self->engine = engine_new (catalog);
  self->engine->track = TRUE;
  engine_set_today (self->engine, NULL);
  return self;
}

/* Replaces the flat list with @fresh (sorted, references held) and emits one items-changed
 * over the range that differs, and notifies the counts that changed. */
static void
publish (CsValidation *self,
         GPtrArray    *fresh)
{
  GPtrArray *old = self->flat;
  guint prefix = 0, suffix = 0;
  guint counts[3] = { 0, 0, 0 };

  while (prefix < old->len && prefix < fresh->len && old->pdata[prefix] == fresh->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < fresh->len - prefix &&
         old->pdata[old->len - 1 - suffix] == fresh->pdata[fresh->len - 1 - suffix])
    suffix++;
  self->flat = fresh;
  for (guint i = 0; i < fresh->len; i++)
    counts[((CsFinding *) fresh->pdata[i])->severity]++;
  if (prefix != old->len || prefix != fresh->len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                fresh->len - prefix - suffix);
  g_ptr_array_unref (old);
  for (guint s = 0; s < 3; s++)
    if (counts[s] != self->counts[s])
      {
        self->counts[s] = counts[s];
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS + s]);
      }
}

static void
publish_all (CsValidation *self)
{
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);

  engine_collect (self->engine, fresh);
  for (guint i = 0; i < fresh->len; i++)
    g_object_ref (fresh->pdata[i]);
  g_ptr_array_sort (fresh, cs_finding_compare);
  publish (self, fresh);
}

void
cs_validation_set_today (CsValidation *self,
                         GDate        *today)
{
  g_return_if_fail (CS_IS_VALIDATION (self));

  engine_set_today (self->engine, today);
  if (self->engine->manifest)
    {
      engine_full_run (self->engine);
      publish_all (self);
    }
}

void
cs_validation_get_today (CsValidation *self,
                         GDate        *today)
{
  g_return_if_fail (CS_IS_VALIDATION (self));
  g_return_if_fail (today != NULL);

  if (!self->engine->today_set)
    engine_set_today (self->engine, NULL);   /* the real today, read again */
  *today = self->engine->today;
}

void
cs_validation_set_options (CsValidation            *self,
                           const CsValidateOptions *options)
{
  g_return_if_fail (CS_IS_VALIDATION (self));

  if (options)
    self->engine->options = *options;
  else
    memset (&self->engine->options, 0, sizeof self->engine->options);
}

void
cs_validation_set_manifest (CsValidation *self,
                            CsManifest   *manifest)
{
  g_return_if_fail (CS_IS_VALIDATION (self));
  g_return_if_fail (manifest == NULL || CS_IS_MANIFEST (manifest));

  g_set_object (&self->engine->manifest, manifest);
  if (!self->engine->today_set)
    engine_set_today (self->engine, NULL);
  engine_full_run (self->engine);
  publish_all (self);
}

CsManifest *
cs_validation_get_manifest (CsValidation *self)
{
  g_return_val_if_fail (CS_IS_VALIDATION (self), NULL);
  return self->engine->manifest;
}

guint
cs_validation_count (CsValidation *self,
                     CsSeverity    severity)
{
  g_return_val_if_fail (CS_IS_VALIDATION (self), 0);
  g_return_val_if_fail (severity <= CS_SEVERITY_INFO, 0);
  return self->counts[severity];
}

GPtrArray *
cs_validation_find (CsValidation *self,
                    const char   *path_prefix)
{
  GPtrArray *out;
  gsize len;

  g_return_val_if_fail (CS_IS_VALIDATION (self), NULL);
  g_return_val_if_fail (path_prefix != NULL, NULL);

  out = g_ptr_array_new ();
  len = strlen (path_prefix);
  for (guint i = 0; i < self->flat->len; i++)
    {
      CsFinding *f = self->flat->pdata[i];

      if (strncmp (f->path, path_prefix, len) == 0 &&
          (f->path[len] == '\0' || f->path[len] == '.' || f->path[len] == '[' || len == 0))
        g_ptr_array_add (out, f);
    }
  return out;
}

/* ---- incremental --------------------------------------------------------------------------- */

static gboolean
finding_equal (CsFinding *a,
               CsFinding *b)
{
  return a->rule == b->rule && a->severity == b->severity && strcmp (a->path, b->path) == 0 &&
         cs_finding_message_equal (a, b) && cs_finding_hint_equal (a, b);
}

/* Installs @fresh as a unit's findings, keeping the old objects of findings that did not
 * change; records the old objects that went away in @removed and the new ones in @added. */
static void
reconcile (GPtrArray  **slot,
           GPtrArray   *fresh,
           GHashTable  *removed,
           GPtrArray   *added)
{
  GPtrArray *old = *slot;

  for (guint i = 0; i < fresh->len; i++)
    {
      CsFinding *f = fresh->pdata[i];
      gboolean kept = FALSE;

      for (guint k = 0; old && k < old->len; k++)
        if (old->pdata[k] != NULL && finding_equal (old->pdata[k], f))
          {
            fresh->pdata[i] = old->pdata[k];   /* the old object lives on */
            old->pdata[k] = NULL;
            g_object_unref (f);
            kept = TRUE;
            break;
          }
      if (!kept)
        g_ptr_array_add (added, f);
    }
  for (guint k = 0; old && k < old->len; k++)
    if (old->pdata[k] != NULL)
      {
        g_hash_table_add (removed, old->pdata[k]);
        g_object_ref (old->pdata[k]);   /* kept alive until the flat list lets go */
      }
  if (old)
    {
      /* the slots still referenced were moved to @fresh or recorded in @removed */
      for (guint k = 0; k < old->len; k++)
        if (old->pdata[k] != NULL)
          g_object_unref (old->pdata[k]);
      g_ptr_array_set_free_func (old, NULL);
      g_ptr_array_unref (old);
    }
  *slot = nonempty_or_free (fresh);
}

/* Builds the new flat list: the old one without @removed, merged with @added. */
static void
publish_delta (CsValidation *self,
               GHashTable   *removed,
               GPtrArray    *added)
{
  GPtrArray *fresh;
  guint a = 0;

  if (g_hash_table_size (removed) == 0 && added->len == 0)
    return;
  g_ptr_array_sort (added, cs_finding_compare);
  fresh = g_ptr_array_new_full (self->flat->len + added->len, g_object_unref);
  for (guint i = 0; i < self->flat->len; i++)
    {
      CsFinding *f = self->flat->pdata[i];

      if (g_hash_table_contains (removed, f))
        continue;
      while (a < added->len && finding_cmp (added->pdata[a], f) < 0)
        g_ptr_array_add (fresh, g_object_ref (added->pdata[a++]));
      g_ptr_array_add (fresh, g_object_ref (f));
    }
  while (a < added->len)
    g_ptr_array_add (fresh, g_object_ref (added->pdata[a++]));
  publish (self, fresh);
}

typedef struct
{
  GHashTable *items;        /* ItemState set: rerun */
  GHashTable *containers;   /* ContState set: rerun */
} Affected;

static void
affect_aggs_of (Affected  *aff,
                ItemState *st)
{
  for (guint k = 0; k < st->n_aggs; k++)
    for (guint j = 0; j < st->aggs[k]->containers->len; j++)
      g_hash_table_add (aff->containers, st->aggs[k]->containers->pdata[j]);
}

static void
affect_keys_of (CsEngine  *e,
                Affected  *aff,
                ItemState *st)
{
  if (st->line_key)
    dup_collect (&e->lines, st->line_key, aff->items);
  for (guint k = 0; k < st->n_vins; k++)
    dup_collect (&e->vins, st->vin_keys[k], aff->items);
  for (guint k = 0; k < st->n_serials; k++)
    dup_collect (&e->serials, st->serial_keys[k], aff->items);
  affect_aggs_of (aff, st);
}

/* Takes @st out of the indexes (noting who shared keys with it) and puts it back. */
static void
reindex_item (CsEngine  *e,
              Affected  *aff,
              ItemState *st)
{
  affect_keys_of (e, aff, st);
  unindex_item (e, st);
  index_item (e, st);
  affect_keys_of (e, aff, st);
  g_hash_table_add (aff->items, st);
}

static void
rerun (CsValidation *self,
       Affected     *aff,
       gboolean      header)
{
  CsEngine *e = self->engine;
  g_autoptr(GHashTable) removed = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, aff->items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ItemState *st = key;

      reconcile (&st->findings, run_unit_item (e, st), removed, added);
    }
  g_hash_table_iter_init (&iter, aff->containers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ContState *cs = key;

      reconcile (&cs->findings, run_unit_container (e, cs), removed, added);
    }
  if (header)
    reconcile (&e->header_findings, run_unit_header (e), removed, added);
  publish_delta (self, removed, added);
}

/* The items list changed (insertions, removals, moves): fix indexes without re-running the
 * rules of items that merely moved and have no findings. */
static void
resync_items (CsValidation *self,
              Affected     *aff)
{
  CsEngine *e = self->engine;
  CsManifest *m = e->manifest;
  guint n = CS_MANIFEST_N_ITEMS (m);
  g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
  GPtrArray *fresh = g_ptr_array_new_with_free_func (item_state_free);
  g_autoptr(GHashTable) removed = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_hash_table_add (present, CS_MANIFEST_ITEM (m, i));

  /* items that left: out of the indexes, their findings out of the list */
  for (guint i = 0; i < e->items->len; i++)
    {
      ItemState *st = e->items->pdata[i];

      if (g_hash_table_contains (present, st->item))
        continue;
      affect_keys_of (e, aff, st);
      unindex_item (e, st);
      g_hash_table_remove (aff->items, st);
      g_hash_table_remove (e->item_states, st->item);
      if (st->findings)
        reconcile (&st->findings, g_ptr_array_new_with_free_func (g_object_unref), removed, added);
    }
  /* steal the surviving states into the new order */
  for (guint i = 0; i < n; i++)
    {
      CsItem *item = CS_MANIFEST_ITEM (m, i);
      ItemState *st = g_hash_table_lookup (e->item_states, item);

      if (st == NULL)
        {
          st = g_new0 (ItemState, 1);
          st->item = item;
          g_hash_table_insert (e->item_states, item, st);
          index_item (e, st);
          affect_keys_of (e, aff, st);
          g_hash_table_add (aff->items, st);
        }
      else if (st->index != i && st->findings != NULL)
        g_hash_table_add (aff->items, st);   /* paths name the index: re-derive */
      st->index = i;
      g_ptr_array_add (fresh, st);
    }
  /* free the states of removed items, keep the others (now owned by @fresh) */
  for (guint i = 0; i < e->items->len; i++)
    if (g_hash_table_contains (present, ((ItemState *) e->items->pdata[i])->item))
      e->items->pdata[i] = NULL;
  g_ptr_array_set_free_func (e->items, NULL);
  for (guint i = 0; i < e->items->len; i++)
    if (e->items->pdata[i] != NULL)
      item_state_free (e->items->pdata[i]);
  g_ptr_array_unref (e->items);
  e->items = fresh;
  publish_delta (self, removed, added);
}

void
cs_validation_revalidate_field (CsValidation *self,
                                CsRecord     *changed,
                                const char   *field)
{
  CsEngine *e;
  CsRecord *unit, *parent;
  Affected aff;
  gboolean header = TRUE;

  g_return_if_fail (CS_IS_VALIDATION (self));
  g_return_if_fail (CS_IS_RECORD (changed));

  e = self->engine;
  if (e->manifest == NULL || cs_record_get_root (changed) != CS_RECORD (e->manifest))
    return;

  /* the object directly below the manifest that holds @changed */
  unit = changed;
  while ((parent = cs_record_get_parent (unit)) != NULL && parent != CS_RECORD (e->manifest))
    unit = parent;

  if (!e->today_set)
    engine_set_today (e, NULL);

  aff.items = g_hash_table_new (NULL, NULL);
  aff.containers = g_hash_table_new (NULL, NULL);

  if (CS_IS_ITEM (unit) && g_hash_table_contains (e->item_states, unit))
    {
      ItemState *st = g_hash_table_lookup (e->item_states, unit);

      reindex_item (e, &aff, st);
      rerun (self, &aff, header);
    }
  else if (CS_IS_MANIFEST (unit) && g_strcmp0 (field, "items") == 0)
    {
      resync_items (self, &aff);
      rerun (self, &aff, TRUE);
    }
  else if (CS_IS_CONTAINER (unit) && g_hash_table_contains (e->cont_states, unit))
    {
      ContState *cs = g_hash_table_lookup (e->cont_states, unit);
      CsContainer *c = cs->container;
      g_autofree char *old = cs->agg ? g_strdup (cs->agg->number) : NULL;

      g_hash_table_add (aff.containers, cs);
      if (g_strcmp0 (old, c->number) != 0)
        {
          /* renumbered: the boxes and items on the old and the new number are affected */
          ContainerAgg *aggs[2] = { cs->agg, NULL };

          unindex_container (e, cs);
          index_container (e, cs);
          aggs[1] = cs->agg;
          for (guint a = 0; a < 2; a++)
            {
              ContainerAgg *agg = aggs[a];

              if (agg == NULL || (a == 0 && (old == NULL || g_hash_table_lookup (e->aggs, old) != agg)))
                continue;
              for (guint k = 0; k < agg->containers->len; k++)
                g_hash_table_add (aff.containers, agg->containers->pdata[k]);
              for (guint k = 0; k < agg->members->len; k++)
                g_hash_table_add (aff.items, agg->members->pdata[k]);
            }
        }
      rerun (self, &aff, TRUE);
    }
  else if ((CS_IS_MANIFEST (unit) &&
            (field == NULL || g_str_equal (field, "legs") || g_str_equal (field, "corridor") ||
             g_str_equal (field, "direction") || g_str_equal (field, "preference") ||
             g_str_equal (field, "documents") || g_str_equal (field, "containers") ||
             g_str_equal (field, "currency"))) ||
           CS_IS_LEG (unit) || CS_IS_DOCUMENT (unit) || CS_IS_ITEM (unit) || CS_IS_CONTAINER (unit) ||
           (CS_IS_PARTIES (unit) && (field == NULL || g_str_equal (field, "country") ||
                                     g_str_equal (field, "shipper"))))
    {
      /* the context of every item changed: run everything again */
      engine_full_run (e);
      publish_all (self);
    }
  else
    {
      /* a header field no item depends on */
      rerun (self, &aff, TRUE);
    }

  g_hash_table_unref (aff.items);
  g_hash_table_unref (aff.containers);
}

void
cs_validation_revalidate (CsValidation *self,
                          CsRecord     *changed)
{
  const char *field = NULL;

  g_return_if_fail (CS_IS_VALIDATION (self));
  g_return_if_fail (CS_IS_RECORD (changed));

  /* without a field name a manifest-level change may be anything: treat it as a list change
   * when the item list no longer matches, else as a full change */
  if (CS_IS_MANIFEST (changed) && self->engine->manifest == CS_MANIFEST (changed))
    {
      CsManifest *m = CS_MANIFEST (changed);
      gboolean same = self->engine->items->len == CS_MANIFEST_N_ITEMS (m);

      for (guint i = 0; same && i < self->engine->items->len; i++)
        same = ((ItemState *) self->engine->items->pdata[i])->item == CS_MANIFEST_ITEM (m, i);
      field = same ? NULL : "items";
    }
  cs_validation_revalidate_field (self, changed, field);
}
