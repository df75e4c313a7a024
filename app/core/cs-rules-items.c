/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-items.c: the rules of one goods item: line, description, HS code, quantities, weights,
 * value, origin, stowage, corridor and documents; its category block is in cs-rules-goods.c */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-requirements.h"
#include "cs-rules-goods.h"

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

char *
cs_rules_other_lines (DupIndex     *index,
                      gconstpointer key,
                      ItemState    *st)
{
  GPtrArray *group = cs_dup_lookup (index, key, NULL);
  g_autoptr(GArray) lines = NULL;
  GString *s;

  if (group == NULL)
    return NULL;
  lines = g_array_sized_new (FALSE, FALSE, sizeof (double), group->len);
  for (guint i = 0; i < group->len; i++)
    {
      ItemState *o = group->pdata[i];
      double line = LINE (o->item);

      if (o != st)
        g_array_append_val (lines, line);
    }
  g_array_sort (lines, cmp_double);
  s = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0 && g_array_index (lines, double, i) == g_array_index (lines, double, i - 1))
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%g", g_array_index (lines, double, i));
    }
  return g_string_free (s, s->len == 0);
}

static const char * const generic_descriptions[] = {
  "parts", "spare parts", "goods", "general cargo", "cargo", "merchandise", "machine", "machines",
  "machinery", "equipment", "products", "product", "sample", "samples", "various", "misc",
  "miscellaneous", "stc", "said to contain", "freight all kinds", "fak", "consolidated cargo",
  "electronics", "fruit", "vehicles", "accessories", NULL
};

static gboolean
description_generic (const char *d)
{
  char buf[40];
  gsize len = strlen (d);

  if (len >= sizeof buf)   /* every generic description is short */
    return FALSE;
  for (gsize i = 0; i <= len; i++)
    buf[i] = g_ascii_tolower (d[i]);
  g_strstrip (buf);
  return strlen (buf) < 3 || g_strv_contains (generic_descriptions, buf);
}


/* Whether the line goes into container @box: its own container or one of its splits'. */
static gboolean
line_goes_into (CsItem     *item,
                const char *box)
{
  if (g_strcmp0 (item->container, box) == 0)
    return TRUE;
  for (guint k = 0; k < cs_list_length (item->splits); k++)
    if (g_strcmp0 (((CsSplit *) cs_list_index (item->splits, k))->container, box) == 0)
      return TRUE;
  return FALSE;
}

/* A VIN (serial) put in a container the line is not stowed in: the car would be declared in one
 * box and its line in others, and the VIN annex would not match the stowage. */
static void
check_entry_containers (CsEngine           *e,
                        GPtrArray          *out,
                        ItemState          *st,
                        const char         *rule,
                        const char         *field,
                        const char * const *entries,
                        const char * const *boxes)
{
  CsItem *item = st->item;
  char path[80];

  if (entries == NULL || boxes == NULL)
    return;
  for (guint k = 0; entries[k] != NULL; k++)
    {
      const char *box = cs_tagged_container (boxes, k);

      if (box == NULL || line_goes_into (item, box))
        continue;
      cs_rules_emit (e, out, rule, CS_SEVERITY_ERROR,
                     PATHF ("items[%u].%s.%s[%u]", st->index,
                            strcmp (field, "vins") == 0 ? "vehicle" : "machinery", field, k),
                     strcmp (field, "vins") == 0
                     ? CS_TEXT ("VIN %s is put in container %s, but line %g does not go into it",
                                entries[k], box, LINE (item))
                     : CS_TEXT ("Serial %s is put in container %s, but line %g does not go into it",
                                entries[k], box, LINE (item)),
                     CS_TEXT ("Choose one of the line's containers, or add the container to the line's splits."));
    }
}

/* Documents an item needs (requirements.json, scope item). */
static void
check_item_requirements (CsEngine   *e,
                         GPtrArray  *out,
                         ItemState  *st,
                         const char *hs)
{
  CsItem *item = st->item;
  CsManifest *m = e->manifest;
  const CsRequirement **reqs;
  const char *reported[8];     /* documents already asked for: one finding per document */
  guint n, n_reported = 0;
  char path[32];

  reqs = cs_catalog_get_requirements (e->catalog, &n);
  for (guint r = 0; r < n; r++)
    {
      const CsRequirement *q = reqs[r];
      const CsDocumentKind *kind;
      gboolean seen = FALSE;

      if (q->scope != CS_REQUIREMENT_ITEM)
        continue;
      for (guint k = 0; k < n_reported; k++)
        seen |= g_strcmp0 (reported[k], q->document) == 0;
      if (seen)
        continue;
      if (!cs_requirement_applies_to_item (q, m, item, hs, e->date_ref) ||
          cs_rules_doc_covers (e, q->document, item->line) || cs_requirement_met_by_item (q, item))
        continue;
      if (n_reported < G_N_ELEMENTS (reported))
        reported[n_reported++] = q->document;
      kind = cs_catalog_get_document_kind (e->catalog, q->document);
      cs_rules_emit (e, out, q->rule, q->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR,
                     PATHF ("items[%u]", st->index),
                     CS_TEXT ("Line %g (%s) needs %s", LINE (item),
                              item->description ? item->description : (item->hs_code ? item->hs_code : "?"),
                              kind ? cs_catalog_localized_title (q->title ? q->title : kind->title,
                                                                         kind->title_zh)
                                           : (q->title ? q->title : q->document)),
                     q->from_date
                     ? CS_TEXT ("Add the %s to the documents, covering line %g; required for departures "
                                "from %s.",
                                kind ? cs_catalog_localized_title (kind->title, kind->title_zh) : q->document,
                                LINE (item), q->from_date)
                     : CS_TEXT ("Add the %s to the documents, covering line %g.",
                                kind ? cs_catalog_localized_title (kind->title, kind->title_zh) : q->document,
                                LINE (item)));
    }
}

/* The line number: present, in range, used once. */
static void
check_line (CsEngine  *e,
            GPtrArray *out,
            ItemState *st)
{
  CsItem *item = st->item;
  guint i = st->index;
  char path[80];

  if (!cs_num_is_set (item->line))
    {
      cs_rules_emit (e, out, "item.line", CS_SEVERITY_WARNING, PATHF ("items[%u].line", i),
                     CS_TEXT ("Item %u has no line number", i + 1),
                     CS_TEXT ("Number the lines: documents refer to them."));
    }
  else if (st->line_key == NULL)
    cs_rules_emit (e, out, "item.line", CS_SEVERITY_ERROR, PATHF ("items[%u].line", i),
                   CS_TEXT ("Line number %g is out of range (1 to %d)", item->line, G_MAXINT - 1),
                   CS_TEXT ("Number the lines: documents refer to them."));
  else
    {
      g_autofree char *others = cs_rules_other_lines (&e->lines, st->line_key, st);

      if (others)
        {
          cs_rules_emit (e, out, "item.line", CS_SEVERITY_ERROR, PATHF ("items[%u].line", i),
                         CS_TEXT ("Line number %g is used by more than one item", item->line),
                         CS_TEXT ("Give each item its own line number."));
        }
    }
}

/* The description: present and specific. */
static void
check_description (CsEngine  *e,
                   GPtrArray *out,
                   ItemState *st)
{
  CsItem *item = st->item;
  guint i = st->index;
  char path[80];

  if (cs_rules_str_empty (item->description))
    cs_rules_emit (e, out, "item.description", CS_SEVERITY_ERROR, PATHF ("items[%u].description", i),
                   CS_TEXT ("Line %g has no description", LINE (item)),
                   CS_TEXT ("Describe the goods specifically: what they are, model, material, use."));
  else if (description_generic (item->description))
    cs_rules_emit (e, out, "item.description", CS_SEVERITY_ERROR, PATHF ("items[%u].description", i),
                   CS_TEXT ("Line %g: “%s” is too general a description", LINE (item), item->description),
                   CS_TEXT ("China Customs rejects generic descriptions (GACC 2017 No. 56): say what the goods are, "
                            "e.g. “Notebook computers, 14 inch”."));
}

/* The HS code (its digits into @hs, emptied when malformed) and the category; TRUE when the
 * code is well formed and in an existing chapter. */
static gboolean
check_hs (CsEngine  *e,
          GPtrArray *out,
          ItemState *st,
          char      *hs)
{
  CsItem *item = st->item;
  gboolean hs_ok = FALSE;
  guint i = st->index;
  char path[80];

  if (cs_rules_str_empty (item->hs_code))
    cs_rules_emit (e, out, "item.hs_format", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                   CS_TEXT ("Line %g has no HS code", LINE (item)),
                   CS_TEXT ("Enter the HS code: 6 digits, or China's 10 (or 13) digits."));
  else if (!cs_rules_hs_digits (item->hs_code, hs) ||
           (strlen (hs) != 6 && strlen (hs) != 8 && strlen (hs) != 10 && strlen (hs) != 13))
    {
      hs[0] = '\0';
      cs_rules_emit (e, out, "item.hs_format", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                     CS_TEXT ("Line %g: HS code “%s” should have 6, 8, 10 or 13 digits", LINE (item), item->hs_code),
                     CS_TEXT ("Enter digits only (dots and spaces are ignored): 6 international, 8 or 10 for China's "
                              "tariff, 13 with the inspection digits."));
    }
  else
    {
      int chapter = (hs[0] - '0') * 10 + (hs[1] - '0');
      const char * const *cats;

      if (chapter < 1 || chapter > 97 || chapter == 77 || cs_catalog_get_hs_chapter (e->catalog, chapter) == NULL)
        cs_rules_emit (e, out, "item.hs_chapter", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                       CS_TEXT ("Line %g: HS code %s is in chapter %02d, which does not exist",
                                LINE (item), item->hs_code, chapter),
                       CS_TEXT ("HS chapters run from 01 to 97 (77 is reserved): check the first two digits."));
      else
        {
          hs_ok = TRUE;
          cats = cs_catalog_hs_categories (e->catalog, hs);
          if (item->category != NULL && cats != NULL && !g_strv_contains (cats, item->category))
            {
              const CsHsEntry *h = cs_catalog_get_hs_heading (e->catalog, hs);
              g_autofree char *fits = g_strjoinv (", ", (char **) cats);

              if (h == NULL)
                h = cs_catalog_get_hs_chapter (e->catalog, chapter);
              cs_rules_emit (e, out, "item.hs_category", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                             CS_TEXT ("Line %g is %s, but HS %s (%s) is for %s", LINE (item), item->category,
                                      item->hs_code, h ? h->title : "", fits),
                             CS_TEXT ("Correct the HS code or the item's category."));
            }
        }
    }
  if (item->category == NULL)
    {
      cs_rules_emit (e, out, "item.hs_category", CS_SEVERITY_ERROR, PATHF ("items[%u].category", i),
                     CS_TEXT ("Line %g has no category", LINE (item)),
                     CS_TEXT ("Choose vehicle, electronics, machinery, perishable or general."));
    }
  return hs_ok;
}

/* Quantity, unit and packages. */
static void
check_quantity (CsEngine  *e,
                GPtrArray *out,
                ItemState *st)
{
  CsItem *item = st->item;
  guint i = st->index;
  char path[80];

  if (!cs_num_is_set (item->quantity))
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].quantity", i),
                   CS_TEXT ("Line %g has no quantity", LINE (item)),
                   CS_TEXT ("Enter how many units the line holds."));
  else if (item->quantity <= 0)
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].quantity", i),
                   CS_TEXT ("Line %g: a quantity of %g is not above zero", LINE (item), item->quantity),
                   CS_TEXT ("Enter how many units the line holds."));
  if (cs_rules_str_empty (item->unit))
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].unit", i),
                   CS_TEXT ("Line %g has no unit of quantity", LINE (item)),
                   CS_TEXT ("Choose a UN/ECE Rec 20 unit, e.g. PCE (piece), KGM, SET."));
  else if (cs_catalog_get_unit (e->catalog, item->unit) == NULL)
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].unit", i),
                   CS_TEXT ("Line %g: “%s” is not a known UN/ECE Rec 20 unit", LINE (item), item->unit),
                   CS_TEXT ("Use a Rec 20 code, e.g. PCE, KGM, SET, MTQ."));
  if (item->packages == NULL || !cs_num_is_set (item->packages->count))
    cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages", i),
                   CS_TEXT ("Line %g has no number of packages", LINE (item)),
                   CS_TEXT ("Give the package count and type (UN/ECE Rec 21, e.g. 240 CT)."));
  else
    {
      if (item->packages->count <= 0 || item->packages->count != floor (item->packages->count))
        cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages", i),
                       CS_TEXT ("Line %g: %g is not a number of packages", LINE (item), item->packages->count),
                       CS_TEXT ("The package count is a whole number above zero."));
      if (cs_rules_str_empty (item->packages->type))
        cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages.type", i),
                       CS_TEXT ("Line %g has no package type", LINE (item)),
                       CS_TEXT ("Choose a UN/ECE Rec 21 code, e.g. CT carton, PX pallet, VN vehicle."));
      else if (cs_catalog_get_package (e->catalog, item->packages->type) == NULL)
        cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages.type", i),
                       CS_TEXT ("Line %g: “%s” is not a known UN/ECE Rec 21 package type",
                                LINE (item), item->packages->type),
                       CS_TEXT ("Use a Rec 21 code, e.g. CT carton, CS case, PX pallet, CR crate, VN vehicle."));
    }
}

/* Weights, value and origin. */
static void
check_weights (CsEngine  *e,
               GPtrArray *out,
               ItemState *st)
{
  CsItem *item = st->item;
  CsManifest *m = e->manifest;
  guint i = st->index;
  char path[80];

  if (!cs_num_is_set (item->gross_kg))
    cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].gross_kg", i),
                   CS_TEXT ("Line %g has no gross weight", LINE (item)),
                   CS_TEXT ("Enter the gross weight in kg (goods and packing)."));
  else if (item->gross_kg <= 0)
    cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].gross_kg", i),
                   CS_TEXT ("Line %g: a gross weight of %g kg is not above zero", LINE (item), item->gross_kg),
                   CS_TEXT ("Enter the gross weight in kg (goods and packing)."));
  else if (cs_num_is_set (item->net_kg) && item->net_kg < 0)
    cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].net_kg", i),
                   CS_TEXT ("Line %g: a net weight of %g kg is below zero", LINE (item), item->net_kg),
                   CS_TEXT ("Enter the net weight in kg; the export declaration needs it."));
  else if (cs_num_is_set (item->net_kg) && item->net_kg > item->gross_kg)
    {
      cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].net_kg", i),
                     CS_TEXT ("Line %g: net weight %g kg is more than the gross weight %g kg",
                              LINE (item), item->net_kg, item->gross_kg),
                     CS_TEXT ("Gross includes the packing, so it is never below net: check both figures."));
    }
  else if (!cs_num_is_set (item->net_kg))
    {
      cs_rules_emit (e, out, "item.weights", CS_SEVERITY_WARNING, PATHF ("items[%u].net_kg", i),
                     CS_TEXT ("Line %g has no net weight", LINE (item)),
                     CS_TEXT ("Enter the net weight in kg; the export declaration needs it."));
    }
  if (!cs_num_is_set (item->value) || item->value < 0)
    cs_rules_emit (e, out, "item.value", CS_SEVERITY_ERROR, PATHF ("items[%u].value", i),
                   cs_num_is_set (item->value)
                   ? CS_TEXT ("Line %g: a value of %g is below zero", LINE (item), item->value)
                   : CS_TEXT ("Line %g has no value", LINE (item)),
                   CS_TEXT ("Enter the line's invoice value in %s.", m->currency ? m->currency : _("the invoice currency")));
  else if (item->value == 0)
    cs_rules_emit (e, out, "item.value", CS_SEVERITY_WARNING, PATHF ("items[%u].value", i),
                   CS_TEXT ("Line %g has a value of zero", LINE (item)),
                   CS_TEXT ("Customs needs a value even for free samples: give their fair value."));
  if (cs_rules_str_empty (item->origin_country))
    cs_rules_emit (e, out, "item.origin", CS_SEVERITY_ERROR, PATHF ("items[%u].origin_country", i),
                   CS_TEXT ("Line %g has no country of origin", LINE (item)),
                   CS_TEXT ("Enter where the goods were made or grown (ISO 3166-1 code, e.g. CN)."));
  else if (cs_catalog_get_country (e->catalog, item->origin_country) == NULL)
    cs_rules_emit (e, out, "item.origin", CS_SEVERITY_ERROR, PATHF ("items[%u].origin_country", i),
                   CS_TEXT ("Line %g: origin “%s” is not an ISO 3166-1 code", LINE (item), item->origin_country),
                   CS_TEXT ("Use the two-letter code, e.g. CN, TH, VN."));
  else if (m->preference != NULL && m->preference != cs_i.none)
    {
      const CsPreference *pref = cs_catalog_get_preference (e->catalog, m->preference);

      if (pref && (pref->members == NULL || !g_strv_contains (pref->members, item->origin_country)))
        cs_rules_emit (e, out, "origin.certificate", CS_SEVERITY_ERROR, PATHF ("items[%u].origin_country", i),
                       CS_TEXT ("Line %g originates in %s, which is not an %s member", LINE (item),
                                item->origin_country, m->preference),
                       CS_TEXT ("Goods from outside %s get no preference: remove them from the claim or "
                                "ship them without it.", m->preference));
    }
}

/* The containers the line is stowed in (one, or splits), and those its VINs and serials name. */
static void
check_stowage (CsEngine  *e,
               GPtrArray *out,
               ItemState *st)
{
  CsItem *item = st->item;
  CsManifest *m = e->manifest;
  guint n_splits = cs_list_length (item->splits);
  guint i = st->index;
  char path[80];

  if (item->container != NULL && n_splits > 0)
    {
      cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR, PATHF ("items[%u].container", i),
                     CS_TEXT ("Line %g names a container and splits over containers too", LINE (item)),
                     CS_TEXT ("Use either one container or the splits, not both."));
    }
  if (item->container != NULL)
    {
      ContainerAgg *agg = st->n_aggs > 0 ? st->aggs[0] : NULL;

      if (agg == NULL || agg->containers->len == 0)
        {
          cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR, PATHF ("items[%u].container", i),
                         CS_TEXT ("Line %g is stowed in container %s, which is not in the manifest",
                                  LINE (item), item->container),
                         CS_TEXT ("Add the container, or correct the number."));
        }
    }
  else if (n_splits > 0)
    {
      double sum = 0;
      gboolean all = TRUE;

      for (guint k = 0; k < n_splits; k++)
        {
          CsSplit *sp = cs_list_index (item->splits, k);
          gboolean named = !cs_rules_str_empty (sp->container);
          ContainerAgg *agg = named ? g_hash_table_lookup (e->aggs, sp->container) : NULL;

          if (!named)
            cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR,
                           PATHF ("items[%u].splits[%u].container", i, k),
                           /* Translators: a part of a cargo line stowed in one container; %u counts from 1 */
                           CS_TEXT ("Line %g: split %u names no container", LINE (item), k + 1),
                           CS_TEXT ("Choose the container this part of the line is in, or remove the split."));
          else if (agg == NULL || agg->containers->len == 0)
            cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR,
                           PATHF ("items[%u].splits[%u].container", i, k),
                           CS_TEXT ("Line %g is partly stowed in container %s, which is not in the manifest",
                                    LINE (item), sp->container),
                           CS_TEXT ("Add the container, or correct the number."));
          if (cs_num_is_set (sp->packages) && sp->packages <= 0)
            /* −5 and +245 add up to 240 too: each split holds something */
            cs_rules_emit (e, out, "totals.packages", CS_SEVERITY_ERROR,
                           PATHF ("items[%u].splits[%u].packages", i, k),
                           named
                           ? CS_TEXT ("Line %g: the split into container %s holds %g packages",
                                      LINE (item), sp->container, sp->packages)
                           : CS_TEXT ("Line %g: split %u holds %g packages",
                                      LINE (item), k + 1, sp->packages),
                           CS_TEXT ("Each split holds at least one package: correct the count, or remove the split."));
          if (cs_num_is_set (sp->packages))
            sum += sp->packages;
          else
            all = FALSE;
        }
      if (item->packages && cs_num_is_set (item->packages->count) && (!all || sum != item->packages->count))
        {
          cs_rules_emit (e, out, "totals.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].splits", i),
                         CS_TEXT ("Line %g has %g packages, but the splits hold %g", LINE (item),
                                  item->packages->count, sum),
                         CS_TEXT ("Give every split its package count so that they add up to the line's packages."));
        }
    }
  else
    {
      cs_rules_emit (e, out, "item.unassigned", CS_SEVERITY_ERROR, PATHF ("items[%u].container", i),
                     CS_TEXT ("Line %g is not in any container", LINE (item)),
                     CS_MANIFEST_N_CONTAINERS (m) > 0
                     ? CS_TEXT ("Choose the container the goods are stowed in (or split them over several).")
                     : CS_TEXT ("Add the containers first, then stow the goods in them."));
    }

  /* each VIN or serial that names its box must name one the line goes into */
  if (item->vehicle != NULL)
    check_entry_containers (e, out, st, "vehicle.vin_container", "vins",
                            (const char * const *) item->vehicle->vins,
                            (const char * const *) item->vehicle->vin_containers);
  if (item->machinery != NULL)
    check_entry_containers (e, out, st, "machinery.serial_container", "serials",
                            (const char * const *) item->machinery->serials,
                            (const char * const *) item->machinery->serial_containers);
}

/* Whether the corridor carries the line's category. */
static void
check_corridor (CsEngine  *e,
                GPtrArray *out,
                ItemState *st)
{
  CsItem *item = st->item;
  guint i = st->index;
  char path[80];

  if (e->corridor && e->corridor->categories && item->category &&
      !g_strv_contains (e->corridor->categories, item->category))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) e->corridor->categories);

      cs_rules_emit (e, out, "corridor.category", CS_SEVERITY_ERROR, PATHF ("items[%u].category", i),
                     CS_TEXT ("Line %g is %s, which the corridor %s does not carry (it carries %s)",
                              LINE (item), item->category, e->corridor->id, allowed),
                     CS_TEXT ("Ship these goods on another corridor."));
    }
}

void
cs_rules_run_item (CsEngine  *e,
                   ItemState *st,
                   GPtrArray *out)
{
  CsItem *item = st->item;
  char hs[16] = "";
  gboolean hs_ok;

  check_line (e, out, st);
  check_description (e, out, st);
  hs_ok = check_hs (e, out, st, hs);
  check_quantity (e, out, st);
  check_weights (e, out, st);
  check_stowage (e, out, st);
  check_corridor (e, out, st);

  /* category blocks */
  if (item->category == cs_i.vehicle || item->vehicle != NULL)
    cs_rules_check_vehicle (e, out, st);
  if (item->category == cs_i.electronics || item->electronics != NULL || g_str_has_prefix (hs, "8507"))
    cs_rules_check_electronics (e, out, st, hs);
  if (item->category == cs_i.machinery || item->machinery != NULL)
    cs_rules_check_machinery (e, out, st);
  st->band = item->perishable ? cs_rules_item_band (e, item) : NULL;
  if (item->category == cs_i.perishable || item->perishable != NULL)
    cs_rules_check_perishable (e, out, st, st->band);

  check_item_requirements (e, out, st, hs_ok ? hs : "");
}
