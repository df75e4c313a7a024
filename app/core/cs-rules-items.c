/* cs-rules-items.c: the rules of one goods item (its category block included) */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-requirements.h"
#include "cs-rules-private.h"

#define LINE(item) (cs_num_is_set ((item)->line) ? (item)->line : 0)

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Other lines sharing a key with @st, as "3, 7" in order (newly allocated), or NULL when none. */
static char *
other_lines (DupIndex     *index,
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

static gboolean
dg_rule_applies (CsEngine       *e,
                 const CsDgRule *r)
{
  if (r->from_date && strcmp (e->date_ref, r->from_date) < 0)
    return FALSE;
  if (r->until_date && strcmp (e->date_ref, r->until_date) > 0)
    return FALSE;
  if (r->modes != NULL)
    {
      gboolean any = FALSE;

      for (guint i = 0; r->modes[i]; i++)
        {
          const char *mode = r->modes[i];

          any |= (strcmp (mode, "rail") == 0 && e->mode_used[0]) || (strcmp (mode, "sea") == 0 && e->mode_used[1]) ||
                 (strcmp (mode, "road") == 0 && e->mode_used[2]) || (strcmp (mode, "river") == 0 && e->mode_used[3]);
        }
      if (!any)
        return FALSE;
    }
  return TRUE;
}

/* Words for the battery codes in the messages ("li_ion" → "lithium-ion"). */
static const char *
chemistry_word (const char *chemistry)
{
  if (g_strcmp0 (chemistry, "li_ion") == 0)
    return C_("battery chemistry", "lithium-ion");
  if (g_strcmp0 (chemistry, "li_metal") == 0)
    return C_("battery chemistry", "lithium metal");
  if (g_strcmp0 (chemistry, "na_ion") == 0)
    return C_("battery chemistry", "sodium-ion");
  return chemistry != NULL ? chemistry : "?";
}

static const char *
battery_word (const char *battery)
{
  if (g_strcmp0 (battery, "contained") == 0)
    return C_("battery", "contained in equipment");
  if (g_strcmp0 (battery, "packed_with") == 0)
    return C_("battery", "packed with equipment");
  if (g_strcmp0 (battery, "standalone") == 0)
    return C_("battery", "on their own");
  return battery != NULL ? battery : "?";
}

/* The item's UN number against a DG rule; emits under @rule. */
static void
check_dg_against (CsEngine       *e,
                  GPtrArray      *out,
                  ItemState      *st,
                  const CsDgRule *r,
                  const char     *rule,
                  const char     *what)
{
  CsItem *item = st->item;
  CsDg *dg = item->dg;
  const char *un = dg ? dg->un_number : NULL;
  CsSeverity sev = r->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR;
  char path[64];

  if (cs_rules_str_empty (un))
    {
      cs_rules_emit (e, out, rule, sev, PATHF ("items[%u].dg.un_number", st->index),
                     g_strdup_printf (_("Line %g: %s travel as dangerous goods UN %s, class %s, but no UN number is given"),
                                      LINE (item), what, r->un_numbers[0], r->dg_class ? r->dg_class : "9"),
                     g_strdup_printf (_("Enter UN %s, class %s in the item's dangerous goods block."),
                                      r->un_numbers[0], r->dg_class ? r->dg_class : "9"));
      return;
    }
  if (r->forbidden_un && g_strv_contains (r->forbidden_un, un))
    {
      cs_rules_emit (e, out, rule, CS_SEVERITY_ERROR, PATHF ("items[%u].dg.un_number", st->index),
                     g_strdup_printf (_("Line %g: UN %s is no longer right for %s departing on %s; it is UN %s"),
                                      LINE (item), un, what, e->date_ref, r->un_numbers[0]),
                     g_strdup_printf (_("Change the UN number to %s."), r->un_numbers[0]));
      return;
    }
  if (r->un_numbers == NULL || !g_strv_contains (r->un_numbers, un))
    cs_rules_emit (e, out, rule, sev, PATHF ("items[%u].dg.un_number", st->index),
                   g_strdup_printf (_("Line %g: %s are UN %s, not UN %s"), LINE (item), what, r->un_numbers[0], un),
                   g_strdup_printf (_("Change the UN number to %s."), r->un_numbers[0]));
  else if (r->dg_class && g_strcmp0 (dg->dg_class, r->dg_class) != 0)
    {
      cs_rules_emit (e, out, rule, CS_SEVERITY_ERROR, PATHF ("items[%u].dg.class", st->index),
                     g_strdup_printf (_("Line %g: UN %s is class %s, not %s"), LINE (item), un, r->dg_class,
                                      dg->dg_class ? dg->dg_class : _("(none)")),
                     g_strdup_printf (_("Set the class to %s."), r->dg_class));
    }
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
                     ? g_strdup_printf (_("VIN %s is put in container %s, but line %g does not go into it"),
                                        entries[k], box, LINE (item))
                     : g_strdup_printf (_("Serial %s is put in container %s, but line %g does not go into it"),
                                        entries[k], box, LINE (item)),
                     g_strdup (_("Choose one of the line's containers, or add the container to the line's splits.")));
    }
}

static void
check_vehicle (CsEngine  *e,
               GPtrArray *out,
               ItemState *st)
{
  CsItem *item = st->item;
  CsVehicle *v = item->vehicle;
  guint n_vins = v && v->vins ? g_strv_length (v->vins) : 0;
  char path[80];
  gboolean year_reported = FALSE;
  const CsDgRule **rules;
  guint n_rules;

  for (guint k = 0; k < n_vins; k++)
    {
      const char *vin = v->vins[k];
      int want;

      if (!cs_vin_well_formed (vin))
        {
          gsize len = strlen (vin);
          const char *bad = strpbrk (vin, "IOQ");

          cs_rules_emit (e, out, "vehicle.vin_format", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                         len != 17
                         ? g_strdup_printf (_("VIN %s has %u characters, not 17"), vin, (guint) len)
                         : bad
                         ? g_strdup_printf (_("VIN %s contains %c, which a VIN never has"), vin, *bad)
                         : g_strdup_printf (_("VIN %s contains characters other than digits and capitals"), vin),
                         g_strdup (_("A VIN has 17 characters, digits and capitals without I, O and Q (often 0 and 1 "
                                     "were meant). Copy it from the vehicle's certificate.")));
          continue;
        }
      want = cs_vin_check_char (vin);
      if (want != vin[8])
        cs_rules_emit (e, out, "vehicle.vin_check_digit",
                       cs_vin_check_required (vin) ? CS_SEVERITY_ERROR : CS_SEVERITY_WARNING, PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                       g_strdup_printf (_("VIN %s: the check digit (9th character) should be %c, not %c"), vin, want, vin[8]),
                       g_strdup (cs_vin_check_required (vin)
                                 ? _("Chinese and North American VINs always carry a check digit: one character is "
                                     "mistyped. Compare with the vehicle's certificate.")
                                 : _("Some European makers do not use the check digit; compare with the vehicle's "
                                     "certificate.")));
      if (cs_vin_check_required (vin) && cs_vin_model_year (vin, 2000) < 0)
        cs_rules_emit (e, out, "vehicle.model_year", CS_SEVERITY_ERROR,
                       PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                       g_strdup_printf (_("VIN %s: the 10th character %c is not a model-year code"), vin, vin[9]),
                       g_strdup (_("Chinese and North American VINs carry the model year in the 10th character (a "
                                   "letter or 1–9, never U, Z or 0): one character is mistyped. Compare with the "
                                   "vehicle's certificate.")));
      {
        g_autofree char *others = other_lines (&e->vins, st->vin_keys ? st->vin_keys[k] : NULL, st);

        if (others != NULL)
          cs_rules_emit (e, out, "vehicle.vin_duplicate", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                         g_strdup_printf (_("VIN %s is also on line %s"), vin, others),
                         g_strdup (_("Each vehicle is declared once: remove the duplicate or correct the VIN.")));
        else
          for (guint j = 0; j < k; j++)
            if (strcmp (v->vins[j], vin) == 0)
              {
                cs_rules_emit (e, out, "vehicle.vin_duplicate", CS_SEVERITY_ERROR,
                               PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                               g_strdup_printf (_("VIN %s appears twice on line %g"), vin, LINE (item)),
                               g_strdup (_("Each vehicle is declared once: remove the duplicate or correct the VIN.")));
                break;
              }
      }
      if (!year_reported && cs_num_is_set (v->model_year))
        {
          int year = cs_vin_model_year (vin, (int) CLAMP (v->model_year, 0, 9999));   /* no cast of 1e15 */

          if (year > 0 && year != (int) v->model_year)
            {
              year_reported = TRUE;
              cs_rules_emit (e, out, "vehicle.model_year", CS_SEVERITY_WARNING,
                             PATHF ("items[%u].vehicle.model_year", st->index),
                             g_strdup_printf (_("Line %g: model year %g, but VIN %s says %d (10th character %c)"),
                                              LINE (item), v->model_year, vin, year, vin[9]),
                             g_strdup (_("Check the model year against the vehicle's certificate.")));
            }
        }
    }

  if (v != NULL && cs_num_is_set (v->model_year) && e->has_departure &&
      v->model_year > g_date_get_year (&e->departure) + 1)
    {
      cs_rules_emit (e, out, "vehicle.model_year", CS_SEVERITY_WARNING,
                     PATHF ("items[%u].vehicle.model_year", st->index),
                     g_strdup_printf (_("Line %g: model year %g is more than a year after the departure"),
                                      LINE (item), v->model_year),
                     g_strdup (_("Check the model year.")));
    }

  if (cs_num_is_set (item->quantity) && (double) n_vins != item->quantity)
    {
      cs_rules_emit (e, out, "vehicle.vin_count", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].vehicle.vins", st->index),
                     g_strdup_printf (_("Line %g declares %g vehicles but lists %u VINs"), LINE (item), item->quantity, n_vins),
                     g_strdup (_("Every vehicle needs its VIN: add the missing ones (Import… takes a list) or correct "
                                 "the quantity.")));
    }

  /* dangerous goods by powertrain (IMDG 42-24) */
  if (v == NULL || v->powertrain == NULL)
    {
      cs_rules_emit (e, out, "vehicle.dg_class", CS_SEVERITY_WARNING,
                     PATHF ("items[%u].vehicle.powertrain", st->index),
                     g_strdup_printf (_("Line %g: the powertrain is not given, so the dangerous goods class cannot "
                                        "be checked"), LINE (item)),
                     g_strdup (_("Choose ICE, HEV, PHEV, BEV or FCEV.")));
      return;
    }
  rules = cs_catalog_get_dg_rules (e->catalog, &n_rules);
  for (guint r = 0; r < n_rules; r++)
    if (g_strcmp0 (rules[r]->kind, "vehicle") == 0 && rules[r]->powertrains && v->powertrain &&
        g_strv_contains (rules[r]->powertrains, v->powertrain) &&
        dg_rule_applies (e, rules[r]))
      {
        g_autofree char *what = g_strdup_printf (_("%s vehicles"), v->powertrain);

        check_dg_against (e, out, st, rules[r], "vehicle.dg_class", what);
        break;
      }
}

static void
check_electronics (CsEngine   *e,
                   GPtrArray  *out,
                   ItemState  *st,
                   const char *hs)
{
  CsItem *item = st->item;
  CsElectronics *el = item->electronics;
  char path[64];
  const CsDgRule **rules;
  guint n_rules;

  if (el == NULL || el->battery == NULL)
    {
      if (g_str_has_prefix (hs, "850760"))
        {
          cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].electronics.battery", st->index),
                         g_strdup_printf (_("Line %g: HS %s is lithium-ion batteries, but no battery is declared"),
                                          LINE (item), item->hs_code),
                         g_strdup (_("Set the battery to standalone, chemistry li-ion, and give UN 3480 class 9.")));
        }
      else if (item->category == cs_i.electronics)
        {
          cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_INFO,
                         PATHF ("items[%u].electronics.battery", st->index),
                         g_strdup_printf (_("Line %g: does the equipment contain batteries?"), LINE (item)),
                         g_strdup (_("Say whether there are batteries (none, contained, packed with, standalone): "
                                     "lithium batteries are dangerous goods.")));
        }
      return;
    }
  if (strcmp (el->battery, "none") == 0)
    {
      if (g_str_has_prefix (hs, "8507"))
        {
          cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].electronics.battery", st->index),
                         g_strdup_printf (_("Line %g: HS %s is accumulators, but the battery is “none”"),
                                          LINE (item), item->hs_code),
                         g_strdup (_("Batteries shipped on their own are “standalone”.")));
        }
      return;
    }
  if (el->chemistry == NULL)
    {
      cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].electronics.chemistry", st->index),
                     g_strdup_printf (_("Line %g: the battery chemistry is not given"), LINE (item)),
                     g_strdup (_("Choose lithium-ion, lithium metal or sodium-ion: the UN number depends on it.")));
      return;
    }
  rules = cs_catalog_get_dg_rules (e->catalog, &n_rules);
  for (guint r = 0; r < n_rules; r++)
    if (g_strcmp0 (rules[r]->kind, "battery") == 0 && g_strcmp0 (rules[r]->battery, el->battery) == 0 &&
        g_strcmp0 (rules[r]->chemistry, el->chemistry) == 0 && dg_rule_applies (e, rules[r]))
      {
        g_autofree char *what = g_strdup_printf (_("batteries (%s, %s)"), chemistry_word (el->chemistry),
                                                 battery_word (el->battery));

        check_dg_against (e, out, st, rules[r], "electronics.battery_dg", what);
        break;
      }
}

static void
check_machinery (CsEngine  *e,
                 GPtrArray *out,
                 ItemState *st)
{
  CsItem *item = st->item;
  CsMachinery *mc = item->machinery;
  char path[80];

  if (mc == NULL)
    return;
  if (mc->dual_use && cs_rules_str_empty (mc->licence_no) &&
      !cs_rules_doc_covers (e, g_intern_static_string ("export_licence"), item->line))
    {
      cs_rules_emit (e, out, "machinery.dual_use_licence", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].machinery.licence_no", st->index),
                     g_strdup_printf (_("Line %g is dual-use machinery without a licence"), LINE (item)),
                     g_strdup (_("Enter the dual-use export licence number, or attach the licence to the documents.")));
    }
  for (guint k = 0; k < st->n_serials; k++)
    {
      g_autofree char *others = other_lines (&e->serials, st->serial_keys[k], st);

      if (others == NULL)
        continue;
      cs_rules_emit (e, out, "machinery.serial_duplicate", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].machinery.serials[%u]", st->index, k),
                     g_strdup_printf (_("Serial number %s is also on line %s"), st->serial_keys[k], others),
                     g_strdup (_("Each machine is declared once: correct the serial number.")));
    }
}

static void
check_perishable (CsEngine           *e,
                  GPtrArray          *out,
                  ItemState          *st,
                  const CsReeferBand *band)
{
  CsItem *item = st->item;
  CsPerishable *p = item->perishable;
  char path[80];
  gboolean frozen;

  if (p == NULL)
    {
      if (item->category == cs_i.perishable)
        {
          cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].perishable", st->index),
                         g_strdup_printf (_("Line %g is perishable but has no cold-chain details"), LINE (item)),
                         g_strdup (_("Give the product, the temperature range, the shelf life and the packing date.")));
        }
      return;
    }
  frozen = p->frozen || (band && band->frozen);

  if (cs_num_is_set (p->temp_min_c) && cs_num_is_set (p->temp_max_c) && p->temp_min_c > p->temp_max_c)
    cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_ERROR,
                   PATHF ("items[%u].perishable.temp_min_c", st->index),
                   g_strdup_printf (_("Line %g: the lowest temperature %g °C is above the highest %g °C"),
                                    LINE (item), p->temp_min_c, p->temp_max_c),
                   g_strdup (_("Swap the two temperatures.")));
  else if ((!cs_num_is_set (p->temp_min_c) || !cs_num_is_set (p->temp_max_c)) && (band == NULL || band->reefer))
    cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_WARNING,
                   PATHF ("items[%u].perishable.temp_min_c", st->index),
                   g_strdup_printf (_("Line %g: the carriage temperature range is incomplete"), LINE (item)),
                   band && cs_num_is_set (band->min_c)
                   ? g_strdup_printf (_("Carriers' guideline for %s is %g to %g °C."), band->name, band->min_c, band->max_c)
                   : g_strdup (_("Give the lowest and highest temperature the goods may see.")));
  else if (cs_num_is_set (p->temp_min_c) && cs_num_is_set (p->temp_max_c))
    {
      if (p->temp_min_c < e->reefer_min_c || p->temp_max_c > e->reefer_max_c)
        cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_ERROR,
                       PATHF ("items[%u].perishable.temp_min_c", st->index),
                       g_strdup_printf (_("Line %g: %g to %g °C is beyond what a standard reefer holds (%g to %g °C)"),
                                        LINE (item), p->temp_min_c, p->temp_max_c, e->reefer_min_c, e->reefer_max_c),
                       g_strdup (_("Book special equipment (super-freezer) or correct the range.")));
      else if (band && band->reefer && cs_num_is_set (band->min_c) && cs_num_is_set (band->max_c) &&
               (p->temp_min_c < band->min_c || p->temp_max_c > band->max_c))
        cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_WARNING,
                       PATHF ("items[%u].perishable.temp_min_c", st->index),
                       g_strdup_printf (_("Line %g: %g to %g °C is outside the carriers' band for %s (%g to %g °C)"),
                                        LINE (item), p->temp_min_c, p->temp_max_c,
                                        cs_catalog_localized_title (band->name, band->name_zh), band->min_c, band->max_c),
                       g_strdup (_("Check the range with the shipper.")));
    }

  if (frozen && cs_num_is_set (p->temp_max_c) && p->temp_max_c > e->frozen_ceiling_c)
    {
      cs_rules_emit (e, out, "perishable.frozen_ceiling", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].perishable.temp_max_c", st->index),
                     g_strdup_printf (_("Line %g is frozen cargo but may reach %g °C; frozen goods stay at %g °C or colder"),
                                      LINE (item), p->temp_max_c, e->frozen_ceiling_c),
                     g_strdup_printf (_("Set the highest temperature to %g °C or lower (carriers run −18 to −23 °C)."),
                                      e->frozen_ceiling_c));
    }

  /* shelf life against packing date + transit */
  if (cs_num_is_set (p->shelf_life_days))
    {
      GDate packed;
      double margin = 0;
      int door_days = 0;

      if (!cs_rules_parse_date (p->packed_on, &packed))
        {
          cs_rules_emit (e, out, "perishable.shelf_life", CS_SEVERITY_WARNING,
                         PATHF ("items[%u].perishable.packed_on", st->index),
                         g_strdup_printf (_("Line %g: the packing date is missing, so the shelf life cannot be "
                                            "checked against the transit time"), LINE (item)),
                         g_strdup (_("Enter the date the goods were packed.")));
        }
      else if (cs_rules_shelf_margin (e, p, &margin, &door_days))
        {
          if (margin < 0)
            cs_rules_emit (e, out, "perishable.shelf_life", CS_SEVERITY_ERROR,
                           PATHF ("items[%u].perishable.shelf_life_days", st->index),
                           g_strdup_printf (_("Line %g: packed on %s with %g days of shelf life, the goods expire "
                                              "%g days before they arrive (%u days door to door)"),
                                            LINE (item), p->packed_on, p->shelf_life_days, -margin,
                                            (guint) door_days),
                           g_strdup (_("Choose a faster corridor or an earlier departure, or do not ship this lot.")));
          else if (margin < e->margin_days)
            cs_rules_emit (e, out, "perishable.shelf_life", CS_SEVERITY_WARNING,
                           PATHF ("items[%u].perishable.shelf_life_days", st->index),
                           g_strdup_printf (_("Line %g: only %g days of shelf life are left on arrival"),
                                            LINE (item), margin),
                           g_strdup (_("Any delay spoils the goods: consider a faster route or an earlier departure.")));
        }
    }
}

gboolean
cs_rules_shelf_margin (CsEngine     *e,
                       CsPerishable *p,
                       double       *margin,
                       int          *door_days)
{
  GDate packed, start, arrival, expiry;

  if (!cs_num_is_set (p->shelf_life_days) || !cs_rules_parse_date (p->packed_on, &packed) ||
      (!cs_num_is_set (e->transit_days) && !e->has_arrival))
    return FALSE;
  /* a known arrival (the last leg's eta) wins; else the goods leave when packed or at
   * departure, whichever is later, and travel the typical days */
  start = e->has_departure && g_date_compare (&e->departure, &packed) > 0 ? e->departure : packed;
  if (e->has_arrival)
    arrival = e->arrival;
  else
    {
      arrival = start;
      g_date_add_days (&arrival, (guint) ceil (e->transit_days));
    }
  /* any shelf life beyond a century cannot run out on the way (and keeps the date valid) */
  expiry = packed;
  g_date_add_days (&expiry, (guint) CLAMP (floor (p->shelf_life_days), 0, 36500));
  *margin = g_date_days_between (&arrival, &expiry);
  if (door_days != NULL)
    *door_days = g_date_days_between (&packed, &arrival);
  return TRUE;
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
                     g_strdup_printf (_("Line %g (%s) needs %s"), LINE (item),
                                      item->description ? item->description : (item->hs_code ? item->hs_code : "?"),
                                      kind ? cs_catalog_localized_title (q->title ? q->title : kind->title,
                                                                         kind->title_zh)
                                           : (q->title ? q->title : q->document)),
                     q->from_date
                     ? g_strdup_printf (_("Add the %s to the documents, covering line %g; required for departures "
                                          "from %s."),
                                        kind ? cs_catalog_localized_title (kind->title, kind->title_zh) : q->document,
                                        LINE (item), q->from_date)
                     : g_strdup_printf (_("Add the %s to the documents, covering line %g."),
                                        kind ? cs_catalog_localized_title (kind->title, kind->title_zh) : q->document,
                                        LINE (item)));
    }
}

void
cs_rules_run_item (CsEngine  *e,
                   ItemState *st,
                   GPtrArray *out)
{
  CsItem *item = st->item;
  CsManifest *m = e->manifest;
  char path[80];
  char hs[16] = "";
  gboolean hs_ok = FALSE;
  guint i = st->index;

  /* line */
  if (!cs_num_is_set (item->line))
    {
      cs_rules_emit (e, out, "item.line", CS_SEVERITY_WARNING, PATHF ("items[%u].line", i),
                     g_strdup_printf (_("Item %u has no line number"), i + 1),
                     g_strdup (_("Number the lines: documents refer to them.")));
    }
  else if (st->line_key == NULL)
    cs_rules_emit (e, out, "item.line", CS_SEVERITY_ERROR, PATHF ("items[%u].line", i),
                   g_strdup_printf (_("Line number %g is out of range (1 to %d)"), item->line, G_MAXINT - 1),
                   g_strdup (_("Number the lines: documents refer to them.")));
  else
    {
      g_autofree char *others = other_lines (&e->lines, st->line_key, st);

      if (others)
        {
          cs_rules_emit (e, out, "item.line", CS_SEVERITY_ERROR, PATHF ("items[%u].line", i),
                         g_strdup_printf (_("Line number %g is used by more than one item"), item->line),
                         g_strdup (_("Give each item its own line number.")));
        }
    }

  /* description */
  if (cs_rules_str_empty (item->description))
    cs_rules_emit (e, out, "item.description", CS_SEVERITY_ERROR, PATHF ("items[%u].description", i),
                   g_strdup_printf (_("Line %g has no description"), LINE (item)),
                   g_strdup (_("Describe the goods specifically: what they are, model, material, use.")));
  else if (description_generic (item->description))
    cs_rules_emit (e, out, "item.description", CS_SEVERITY_ERROR, PATHF ("items[%u].description", i),
                   g_strdup_printf (_("Line %g: “%s” is too general a description"), LINE (item), item->description),
                   g_strdup (_("China Customs rejects generic descriptions (GACC 2017 No. 56): say what the goods are, "
                               "e.g. “Notebook computers, 14 inch”.")));

  /* HS code */
  if (cs_rules_str_empty (item->hs_code))
    cs_rules_emit (e, out, "item.hs_format", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                   g_strdup_printf (_("Line %g has no HS code"), LINE (item)),
                   g_strdup (_("Enter the HS code: 6 digits, or China's 10 (or 13) digits.")));
  else if (!cs_rules_hs_digits (item->hs_code, hs) ||
           (strlen (hs) != 6 && strlen (hs) != 8 && strlen (hs) != 10 && strlen (hs) != 13))
    {
      hs[0] = '\0';
      cs_rules_emit (e, out, "item.hs_format", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                     g_strdup_printf (_("Line %g: HS code “%s” should have 6, 8, 10 or 13 digits"), LINE (item), item->hs_code),
                     g_strdup (_("Enter digits only (dots and spaces are ignored): 6 international, 8 or 10 for China's "
                                 "tariff, 13 with the inspection digits.")));
    }
  else
    {
      int chapter = (hs[0] - '0') * 10 + (hs[1] - '0');
      const char * const *cats;

      if (chapter < 1 || chapter > 97 || chapter == 77 || cs_catalog_get_hs_chapter (e->catalog, chapter) == NULL)
        cs_rules_emit (e, out, "item.hs_chapter", CS_SEVERITY_ERROR, PATHF ("items[%u].hs_code", i),
                       g_strdup_printf (_("Line %g: HS code %s is in chapter %02d, which does not exist"),
                                        LINE (item), item->hs_code, chapter),
                       g_strdup (_("HS chapters run from 01 to 97 (77 is reserved): check the first two digits.")));
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
                             g_strdup_printf (_("Line %g is %s, but HS %s (%s) is for %s"), LINE (item), item->category,
                                              item->hs_code, h ? h->title : "", fits),
                             g_strdup (_("Correct the HS code or the item's category.")));
            }
        }
    }
  if (item->category == NULL)
    {
      cs_rules_emit (e, out, "item.hs_category", CS_SEVERITY_ERROR, PATHF ("items[%u].category", i),
                     g_strdup_printf (_("Line %g has no category"), LINE (item)),
                     g_strdup (_("Choose vehicle, electronics, machinery, perishable or general.")));
    }

  /* quantity, unit, packages */
  if (!cs_num_is_set (item->quantity))
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].quantity", i),
                   g_strdup_printf (_("Line %g has no quantity"), LINE (item)),
                   g_strdup (_("Enter how many units the line holds.")));
  else if (item->quantity <= 0)
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].quantity", i),
                   g_strdup_printf (_("Line %g: a quantity of %g is not above zero"), LINE (item), item->quantity),
                   g_strdup (_("Enter how many units the line holds.")));
  if (cs_rules_str_empty (item->unit))
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].unit", i),
                   g_strdup_printf (_("Line %g has no unit of quantity"), LINE (item)),
                   g_strdup (_("Choose a UN/ECE Rec 20 unit, e.g. PCE (piece), KGM, SET.")));
  else if (cs_catalog_get_unit (e->catalog, item->unit) == NULL)
    cs_rules_emit (e, out, "item.quantity", CS_SEVERITY_ERROR, PATHF ("items[%u].unit", i),
                   g_strdup_printf (_("Line %g: “%s” is not a known UN/ECE Rec 20 unit"), LINE (item), item->unit),
                   g_strdup (_("Use a Rec 20 code, e.g. PCE, KGM, SET, MTQ.")));
  if (item->packages == NULL || !cs_num_is_set (item->packages->count))
    cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages", i),
                   g_strdup_printf (_("Line %g has no number of packages"), LINE (item)),
                   g_strdup (_("Give the package count and type (UN/ECE Rec 21, e.g. 240 CT).")));
  else
    {
      if (item->packages->count <= 0 || item->packages->count != floor (item->packages->count))
        cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages", i),
                       g_strdup_printf (_("Line %g: %g is not a number of packages"), LINE (item), item->packages->count),
                       g_strdup (_("The package count is a whole number above zero.")));
      if (cs_rules_str_empty (item->packages->type))
        cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages.type", i),
                       g_strdup_printf (_("Line %g has no package type"), LINE (item)),
                       g_strdup (_("Choose a UN/ECE Rec 21 code, e.g. CT carton, PX pallet, VN vehicle.")));
      else if (cs_catalog_get_package (e->catalog, item->packages->type) == NULL)
        cs_rules_emit (e, out, "item.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].packages.type", i),
                       g_strdup_printf (_("Line %g: “%s” is not a known UN/ECE Rec 21 package type"),
                                        LINE (item), item->packages->type),
                       g_strdup (_("Use a Rec 21 code, e.g. CT carton, CS case, PX pallet, CR crate, VN vehicle.")));
    }

  /* weights, value, origin */
  if (!cs_num_is_set (item->gross_kg))
    cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].gross_kg", i),
                   g_strdup_printf (_("Line %g has no gross weight"), LINE (item)),
                   g_strdup (_("Enter the gross weight in kg (goods and packing).")));
  else if (item->gross_kg <= 0)
    cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].gross_kg", i),
                   g_strdup_printf (_("Line %g: a gross weight of %g kg is not above zero"), LINE (item), item->gross_kg),
                   g_strdup (_("Enter the gross weight in kg (goods and packing).")));
  else if (cs_num_is_set (item->net_kg) && item->net_kg < 0)
    cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].net_kg", i),
                   g_strdup_printf (_("Line %g: a net weight of %g kg is below zero"), LINE (item), item->net_kg),
                   g_strdup (_("Enter the net weight in kg; the export declaration needs it.")));
  else if (cs_num_is_set (item->net_kg) && item->net_kg > item->gross_kg)
    {
      cs_rules_emit (e, out, "item.weights", CS_SEVERITY_ERROR, PATHF ("items[%u].net_kg", i),
                     g_strdup_printf (_("Line %g: net weight %g kg is more than the gross weight %g kg"),
                                      LINE (item), item->net_kg, item->gross_kg),
                     g_strdup (_("Gross includes the packing, so it is never below net: check both figures.")));
    }
  else if (!cs_num_is_set (item->net_kg))
    {
      cs_rules_emit (e, out, "item.weights", CS_SEVERITY_WARNING, PATHF ("items[%u].net_kg", i),
                     g_strdup_printf (_("Line %g has no net weight"), LINE (item)),
                     g_strdup (_("Enter the net weight in kg; the export declaration needs it.")));
    }
  if (!cs_num_is_set (item->value) || item->value < 0)
    cs_rules_emit (e, out, "item.value", CS_SEVERITY_ERROR, PATHF ("items[%u].value", i),
                   cs_num_is_set (item->value)
                   ? g_strdup_printf (_("Line %g: a value of %g is below zero"), LINE (item), item->value)
                   : g_strdup_printf (_("Line %g has no value"), LINE (item)),
                   g_strdup_printf (_("Enter the line's invoice value in %s."), m->currency ? m->currency : _("the invoice currency")));
  else if (item->value == 0)
    cs_rules_emit (e, out, "item.value", CS_SEVERITY_WARNING, PATHF ("items[%u].value", i),
                   g_strdup_printf (_("Line %g has a value of zero"), LINE (item)),
                   g_strdup (_("Customs needs a value even for free samples: give their fair value.")));
  if (cs_rules_str_empty (item->origin_country))
    cs_rules_emit (e, out, "item.origin", CS_SEVERITY_ERROR, PATHF ("items[%u].origin_country", i),
                   g_strdup_printf (_("Line %g has no country of origin"), LINE (item)),
                   g_strdup (_("Enter where the goods were made or grown (ISO 3166-1 code, e.g. CN).")));
  else if (cs_catalog_get_country (e->catalog, item->origin_country) == NULL)
    cs_rules_emit (e, out, "item.origin", CS_SEVERITY_ERROR, PATHF ("items[%u].origin_country", i),
                   g_strdup_printf (_("Line %g: origin “%s” is not an ISO 3166-1 code"), LINE (item), item->origin_country),
                   g_strdup (_("Use the two-letter code, e.g. CN, TH, VN.")));
  else if (m->preference != NULL && m->preference != cs_i.none)
    {
      const CsPreference *pref = cs_catalog_get_preference (e->catalog, m->preference);

      if (pref && (pref->members == NULL || !g_strv_contains (pref->members, item->origin_country)))
        cs_rules_emit (e, out, "origin.certificate", CS_SEVERITY_ERROR, PATHF ("items[%u].origin_country", i),
                       g_strdup_printf (_("Line %g originates in %s, which is not an %s member"), LINE (item),
                                        item->origin_country, m->preference),
                       g_strdup_printf (_("Goods from outside %s get no preference: remove them from the claim or "
                                          "ship them without it."), m->preference));
    }

  /* container assignment */
  if (item->container != NULL && cs_list_length (item->splits) > 0)
    {
      cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR, PATHF ("items[%u].container", i),
                     g_strdup_printf (_("Line %g names a container and splits over containers too"), LINE (item)),
                     g_strdup (_("Use either one container or the splits, not both.")));
    }
  if (item->container != NULL)
    {
      ContainerAgg *agg = st->n_aggs > 0 ? st->aggs[0] : NULL;

      if (agg == NULL || agg->containers->len == 0)
        {
          cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR, PATHF ("items[%u].container", i),
                         g_strdup_printf (_("Line %g is stowed in container %s, which is not in the manifest"),
                                          LINE (item), item->container),
                         g_strdup (_("Add the container, or correct the number.")));
        }
    }
  else if (cs_list_length (item->splits) > 0)
    {
      double sum = 0;
      gboolean all = TRUE;

      for (guint k = 0; k < cs_list_length (item->splits); k++)
        {
          CsSplit *sp = cs_list_index (item->splits, k);
          ContainerAgg *agg = sp->container ? g_hash_table_lookup (e->aggs, sp->container) : NULL;

          if (agg == NULL || agg->containers->len == 0)
            {
              cs_rules_emit (e, out, "item.container_ref", CS_SEVERITY_ERROR,
                             PATHF ("items[%u].splits[%u].container", i, k),
                             g_strdup_printf (_("Line %g is partly stowed in container %s, which is not in the manifest"),
                                              LINE (item), sp->container ? sp->container : "?"),
                             g_strdup (_("Add the container, or correct the number.")));
            }
          if (cs_num_is_set (sp->packages) && sp->packages <= 0)
            /* −5 and +245 add up to 240 too: each split holds something */
            cs_rules_emit (e, out, "totals.packages", CS_SEVERITY_ERROR,
                           PATHF ("items[%u].splits[%u].packages", i, k),
                           g_strdup_printf (_("Line %g: the split into container %s holds %g packages"),
                                            LINE (item), sp->container ? sp->container : "?", sp->packages),
                           g_strdup (_("Each split holds at least one package: correct the count, or remove the split.")));
          if (cs_num_is_set (sp->packages))
            sum += sp->packages;
          else
            all = FALSE;
        }
      if (item->packages && cs_num_is_set (item->packages->count) && (!all || sum != item->packages->count))
        {
          cs_rules_emit (e, out, "totals.packages", CS_SEVERITY_ERROR, PATHF ("items[%u].splits", i),
                         g_strdup_printf (_("Line %g has %g packages, but the splits hold %g"), LINE (item),
                                          item->packages->count, sum),
                         g_strdup (_("Give every split its package count so that they add up to the line's packages.")));
        }
    }
  else
    {
      cs_rules_emit (e, out, "item.unassigned", CS_SEVERITY_ERROR, PATHF ("items[%u].container", i),
                     g_strdup_printf (_("Line %g is not in any container"), LINE (item)),
                     g_strdup (CS_MANIFEST_N_CONTAINERS (m) > 0
                               ? _("Choose the container the goods are stowed in (or split them over several).")
                               : _("Add the containers first, then stow the goods in them.")));
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

  /* corridor */
  if (e->corridor && e->corridor->categories && item->category &&
      !g_strv_contains (e->corridor->categories, item->category))
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) e->corridor->categories);

      cs_rules_emit (e, out, "corridor.category", CS_SEVERITY_ERROR, PATHF ("items[%u].category", i),
                     g_strdup_printf (_("Line %g is %s, which the corridor %s does not carry (it carries %s)"),
                                      LINE (item), item->category, e->corridor->id, allowed),
                     g_strdup (_("Ship these goods on another corridor.")));
    }

  /* category blocks */
  if (item->category == cs_i.vehicle || item->vehicle != NULL)
    check_vehicle (e, out, st);
  if (item->category == cs_i.electronics || item->electronics != NULL || g_str_has_prefix (hs, "8507"))
    check_electronics (e, out, st, hs);
  if (item->category == cs_i.machinery || item->machinery != NULL)
    check_machinery (e, out, st);
  st->band = item->perishable ? cs_rules_item_band (e, item) : NULL;
  if (item->category == cs_i.perishable || item->perishable != NULL)
    check_perishable (e, out, st, st->band);

  check_item_requirements (e, out, st, hs_ok ? hs : "");
}
