/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-goods.c: the category blocks of a goods item (vehicle, electronics, machinery,
 * perishable) and the dangerous goods rules they lead to
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-rules-goods.h"

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

/* What the goods of a DG rule are in its messages ("BEV vehicles", "batteries (lithium-ion,
 * on their own)"): made only when a message is, most items passing. */
static char *
dg_what (CsItem     *item,
         const char *rule)
{
  if (strcmp (rule, "vehicle.dg_class") == 0)
    return g_strdup_printf (_("%s vehicles"), item->vehicle->powertrain);
  return g_strdup_printf (_("batteries (%s, %s)"), chemistry_word (item->electronics->chemistry),
                          battery_word (item->electronics->battery));
}

/* The item's UN number against a DG rule; emits under @rule ("vehicle.dg_class" for a vehicle
 * rule, "electronics.battery_dg" for a battery rule). */
static void
check_dg_against (CsEngine       *e,
                  GPtrArray      *out,
                  ItemState      *st,
                  const CsDgRule *r,
                  const char     *rule)
{
  CsItem *item = st->item;
  CsDg *dg = item->dg;
  const char *un = dg ? dg->un_number : NULL;
  CsSeverity sev = r->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR;
  char path[64];

  if (cs_rules_str_empty (un))
    {
      g_autofree char *what = dg_what (item, rule);

      cs_rules_emit (e, out, rule, sev, PATHF ("items[%u].dg.un_number", st->index),
                     CS_TEXT ("Line %g: %s travel as dangerous goods UN %s, class %s, but no UN number is given",
                              LINE (item), what, r->un_numbers[0], r->dg_class ? r->dg_class : "9"),
                     CS_TEXT ("Enter UN %s, class %s in the item's dangerous goods block.",
                              r->un_numbers[0], r->dg_class ? r->dg_class : "9"));
      return;
    }
  if (r->forbidden_un && g_strv_contains (r->forbidden_un, un))
    {
      g_autofree char *what = dg_what (item, rule);

      cs_rules_emit (e, out, rule, CS_SEVERITY_ERROR, PATHF ("items[%u].dg.un_number", st->index),
                     CS_TEXT ("Line %g: UN %s is no longer right for %s departing on %s; it is UN %s",
                              LINE (item), un, what, e->date_ref, r->un_numbers[0]),
                     CS_TEXT ("Change the UN number to %s.", r->un_numbers[0]));
      return;
    }
  if (r->un_numbers == NULL || !g_strv_contains (r->un_numbers, un))
    {
      g_autofree char *what = dg_what (item, rule);

      cs_rules_emit (e, out, rule, sev, PATHF ("items[%u].dg.un_number", st->index),
                     CS_TEXT ("Line %g: %s are UN %s, not UN %s", LINE (item), what, r->un_numbers[0], un),
                     CS_TEXT ("Change the UN number to %s.", r->un_numbers[0]));
    }
  else if (r->dg_class && g_strcmp0 (dg->dg_class, r->dg_class) != 0)
    {
      cs_rules_emit (e, out, rule, CS_SEVERITY_ERROR, PATHF ("items[%u].dg.class", st->index),
                     CS_TEXT ("Line %g: UN %s is class %s, not %s", LINE (item), un, r->dg_class,
                              dg->dg_class ? dg->dg_class : _("(none)")),
                     CS_TEXT ("Set the class to %s.", r->dg_class));
    }
}

void
cs_rules_check_vehicle (CsEngine  *e,
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
                         ? CS_TEXT ("VIN %s has %u characters, not 17", vin, (guint) len)
                         : bad
                         ? CS_TEXT ("VIN %s contains %c, which a VIN never has", vin, *bad)
                         : CS_TEXT ("VIN %s contains characters other than digits and capitals", vin),
                         CS_TEXT ("A VIN has 17 characters, digits and capitals without I, O and Q (often 0 and 1 "
                                  "were meant). Copy it from the vehicle's certificate."));
          continue;
        }
      want = cs_vin_check_char (vin);
      if (want != vin[8])
        cs_rules_emit (e, out, "vehicle.vin_check_digit",
                       cs_vin_check_required (vin) ? CS_SEVERITY_ERROR : CS_SEVERITY_WARNING, PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                       CS_TEXT ("VIN %s: the check digit (9th character) should be %c, not %c", vin, want, vin[8]),
                       cs_vin_check_required (vin)
                       ? CS_TEXT ("Chinese and North American VINs always carry a check digit: one character is "
                                  "mistyped. Compare with the vehicle's certificate.")
                       : CS_TEXT ("Some European makers do not use the check digit; compare with the vehicle's "
                                  "certificate."));
      if (cs_vin_check_required (vin) && cs_vin_model_year (vin, 2000) < 0)
        cs_rules_emit (e, out, "vehicle.model_year", CS_SEVERITY_ERROR,
                       PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                       CS_TEXT ("VIN %s: the 10th character %c is not a model-year code", vin, vin[9]),
                       CS_TEXT ("Chinese and North American VINs carry the model year in the 10th character (a "
                                "letter or 1–9, never U, Z or 0): one character is mistyped. Compare with the "
                                "vehicle's certificate."));
      {
        g_autofree char *others = cs_rules_other_lines (&e->vins, st->vin_keys ? st->vin_keys[k] : NULL, st);

        if (others != NULL)
          cs_rules_emit (e, out, "vehicle.vin_duplicate", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                         CS_TEXT ("VIN %s is also on line %s", vin, others),
                         CS_TEXT ("Each vehicle is declared once: remove the duplicate or correct the VIN."));
        else
          for (guint j = 0; j < k; j++)
            if (strcmp (v->vins[j], vin) == 0)
              {
                cs_rules_emit (e, out, "vehicle.vin_duplicate", CS_SEVERITY_ERROR,
                               PATHF ("items[%u].vehicle.vins[%u]", st->index, k),
                               CS_TEXT ("VIN %s appears twice on line %g", vin, LINE (item)),
                               CS_TEXT ("Each vehicle is declared once: remove the duplicate or correct the VIN."));
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
                             CS_TEXT ("Line %g: model year %g, but VIN %s says %d (10th character %c)",
                                      LINE (item), v->model_year, vin, year, vin[9]),
                             CS_TEXT ("Check the model year against the vehicle's certificate."));
            }
        }
    }

  if (v != NULL && cs_num_is_set (v->model_year) && e->has_departure &&
      v->model_year > g_date_get_year (&e->departure) + 1)
    {
      cs_rules_emit (e, out, "vehicle.model_year", CS_SEVERITY_WARNING,
                     PATHF ("items[%u].vehicle.model_year", st->index),
                     CS_TEXT ("Line %g: model year %g is more than a year after the departure",
                              LINE (item), v->model_year),
                     CS_TEXT ("Check the model year."));
    }

  if (cs_num_is_set (item->quantity) && (double) n_vins != item->quantity)
    {
      cs_rules_emit (e, out, "vehicle.vin_count", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].vehicle.vins", st->index),
                     CS_TEXT ("Line %g declares %g vehicles but lists %u VINs", LINE (item), item->quantity, n_vins),
                     CS_TEXT ("Every vehicle needs its VIN: add the missing ones (Import… takes a list) or correct "
                              "the quantity."));
    }

  /* dangerous goods by powertrain (IMDG 42-24) */
  if (v == NULL || v->powertrain == NULL)
    {
      cs_rules_emit (e, out, "vehicle.dg_class", CS_SEVERITY_WARNING,
                     PATHF ("items[%u].vehicle.powertrain", st->index),
                     CS_TEXT ("Line %g: the powertrain is not given, so the dangerous goods class cannot "
                              "be checked", LINE (item)),
                     CS_TEXT ("Choose ICE, HEV, PHEV, BEV or FCEV."));
      return;
    }
  rules = cs_catalog_get_dg_rules (e->catalog, &n_rules);
  for (guint r = 0; r < n_rules; r++)
    if (g_strcmp0 (rules[r]->kind, "vehicle") == 0 && rules[r]->powertrains && v->powertrain &&
        g_strv_contains (rules[r]->powertrains, v->powertrain) &&
        dg_rule_applies (e, rules[r]))
      {
        check_dg_against (e, out, st, rules[r], "vehicle.dg_class");
        break;
      }
}

void
cs_rules_check_electronics (CsEngine   *e,
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
                         CS_TEXT ("Line %g: HS %s is lithium-ion batteries, but no battery is declared",
                                  LINE (item), item->hs_code),
                         CS_TEXT ("Set the battery to standalone, chemistry li-ion, and give UN 3480 class 9."));
        }
      else if (item->category == cs_i.electronics)
        {
          cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_INFO,
                         PATHF ("items[%u].electronics.battery", st->index),
                         CS_TEXT ("Line %g: does the equipment contain batteries?", LINE (item)),
                         CS_TEXT ("Say whether there are batteries (none, contained, packed with, standalone): "
                                  "lithium batteries are dangerous goods."));
        }
      return;
    }
  if (strcmp (el->battery, "none") == 0)
    {
      if (g_str_has_prefix (hs, "8507"))
        {
          cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_ERROR,
                         PATHF ("items[%u].electronics.battery", st->index),
                         CS_TEXT ("Line %g: HS %s is accumulators, but the battery is “none”",
                                  LINE (item), item->hs_code),
                         CS_TEXT ("Batteries shipped on their own are “standalone”."));
        }
      return;
    }
  if (el->chemistry == NULL)
    {
      cs_rules_emit (e, out, "electronics.battery_dg", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].electronics.chemistry", st->index),
                     CS_TEXT ("Line %g: the battery chemistry is not given", LINE (item)),
                     CS_TEXT ("Choose lithium-ion, lithium metal or sodium-ion: the UN number depends on it."));
      return;
    }
  rules = cs_catalog_get_dg_rules (e->catalog, &n_rules);
  for (guint r = 0; r < n_rules; r++)
    if (g_strcmp0 (rules[r]->kind, "battery") == 0 && g_strcmp0 (rules[r]->battery, el->battery) == 0 &&
        g_strcmp0 (rules[r]->chemistry, el->chemistry) == 0 && dg_rule_applies (e, rules[r]))
      {
        check_dg_against (e, out, st, rules[r], "electronics.battery_dg");
        break;
      }
}

void
cs_rules_check_machinery (CsEngine  *e,
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
                     CS_TEXT ("Line %g is dual-use machinery without a licence", LINE (item)),
                     CS_TEXT ("Enter the dual-use export licence number, or attach the licence to the documents."));
    }
  for (guint k = 0; k < st->n_serials; k++)
    {
      g_autofree char *others = cs_rules_other_lines (&e->serials, st->serial_keys[k], st);

      if (others == NULL)
        continue;
      cs_rules_emit (e, out, "machinery.serial_duplicate", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].machinery.serials[%u]", st->index, k),
                     CS_TEXT ("Serial number %s is also on line %s", st->serial_keys[k], others),
                     CS_TEXT ("Each machine is declared once: correct the serial number."));
    }
}

void
cs_rules_check_perishable (CsEngine           *e,
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
                         CS_TEXT ("Line %g is perishable but has no cold-chain details", LINE (item)),
                         CS_TEXT ("Give the product, the temperature range, the shelf life and the packing date."));
        }
      return;
    }
  frozen = p->frozen || (band && band->frozen);

  if (cs_num_is_set (p->temp_min_c) && cs_num_is_set (p->temp_max_c) && p->temp_min_c > p->temp_max_c)
    cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_ERROR,
                   PATHF ("items[%u].perishable.temp_min_c", st->index),
                   CS_TEXT ("Line %g: the lowest temperature %g °C is above the highest %g °C",
                            LINE (item), p->temp_min_c, p->temp_max_c),
                   CS_TEXT ("Swap the two temperatures."));
  else if ((!cs_num_is_set (p->temp_min_c) || !cs_num_is_set (p->temp_max_c)) && (band == NULL || band->reefer))
    cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_WARNING,
                   PATHF ("items[%u].perishable.temp_min_c", st->index),
                   CS_TEXT ("Line %g: the carriage temperature range is incomplete", LINE (item)),
                   band && cs_num_is_set (band->min_c)
                   ? CS_TEXT ("Carriers' guideline for %s is %g to %g °C.", band->name, band->min_c, band->max_c)
                   : CS_TEXT ("Give the lowest and highest temperature the goods may see."));
  else if (cs_num_is_set (p->temp_min_c) && cs_num_is_set (p->temp_max_c))
    {
      if (p->temp_min_c < e->reefer_min_c || p->temp_max_c > e->reefer_max_c)
        cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_ERROR,
                       PATHF ("items[%u].perishable.temp_min_c", st->index),
                       CS_TEXT ("Line %g: %g to %g °C is beyond what a standard reefer holds (%g to %g °C)",
                                LINE (item), p->temp_min_c, p->temp_max_c, e->reefer_min_c, e->reefer_max_c),
                       CS_TEXT ("Book special equipment (super-freezer) or correct the range."));
      else if (band && band->reefer && cs_num_is_set (band->min_c) && cs_num_is_set (band->max_c) &&
               (p->temp_min_c < band->min_c || p->temp_max_c > band->max_c))
        cs_rules_emit (e, out, "perishable.temperature_range", CS_SEVERITY_WARNING,
                       PATHF ("items[%u].perishable.temp_min_c", st->index),
                       CS_TEXT ("Line %g: %g to %g °C is outside the carriers' band for %s (%g to %g °C)",
                                LINE (item), p->temp_min_c, p->temp_max_c,
                                cs_catalog_localized_title (band->name, band->name_zh), band->min_c, band->max_c),
                       CS_TEXT ("Check the range with the shipper."));
    }

  if (frozen && cs_num_is_set (p->temp_max_c) && p->temp_max_c > e->frozen_ceiling_c)
    {
      cs_rules_emit (e, out, "perishable.frozen_ceiling", CS_SEVERITY_ERROR,
                     PATHF ("items[%u].perishable.temp_max_c", st->index),
                     CS_TEXT ("Line %g is frozen cargo but may reach %g °C; frozen goods stay at %g °C or colder",
                              LINE (item), p->temp_max_c, e->frozen_ceiling_c),
                     CS_TEXT ("Set the highest temperature to %g °C or lower (carriers run −18 to −23 °C).",
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
                         CS_TEXT ("Line %g: the packing date is missing, so the shelf life cannot be "
                                  "checked against the transit time", LINE (item)),
                         CS_TEXT ("Enter the date the goods were packed."));
        }
      else if (cs_rules_shelf_margin (e, p, &margin, &door_days))
        {
          if (margin < 0)
            cs_rules_emit (e, out, "perishable.shelf_life", CS_SEVERITY_ERROR,
                           PATHF ("items[%u].perishable.shelf_life_days", st->index),
                           CS_TEXT ("Line %g: packed on %s with %g days of shelf life, the goods expire "
                                    "%g days before they arrive (%u days door to door)",
                                    LINE (item), p->packed_on, p->shelf_life_days, -margin,
                                    (guint) door_days),
                           CS_TEXT ("Choose a faster corridor or an earlier departure, or do not ship this lot."));
          else if (margin < e->margin_days)
            cs_rules_emit (e, out, "perishable.shelf_life", CS_SEVERITY_WARNING,
                           PATHF ("items[%u].perishable.shelf_life_days", st->index),
                           CS_TEXT ("Line %g: only %g days of shelf life are left on arrival",
                                    LINE (item), margin),
                           CS_TEXT ("Any delay spoils the goods: consider a faster route or an earlier departure."));
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
