/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-containers.c: the rules of one container and the goods stowed in it */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-rules-private.h"

static gboolean
pending (CsContainer *c,
         const char  *field)
{
  return c->pending != NULL && g_strv_contains ((const char * const *) c->pending, field);
}

/* Whether a perishable item needs a reefer: by its band, or because it is frozen. */
static gboolean
needs_reefer (CsEngine           *e,
              CsItem             *item,
              const CsReeferBand *band)
{
  if (item->perishable == NULL)
    return FALSE;
  if (band != NULL)
    return band->reefer;
  return item->perishable->frozen || cs_num_is_set (item->perishable->temp_max_c);
}

static const char *
item_ethylene (CsItem             *item,
               const CsReeferBand *band)
{
  if (item->perishable && item->perishable->ethylene)
    return item->perishable->ethylene;
  return band ? band->ethylene : NULL;
}


/* What the checks of one container share; the survey of the goods inside fills the second part. */
typedef struct
{
  CsContainer      *c;
  ContainerAgg     *agg;
  GPtrArray        *members;       /* ItemState in the container, or NULL */
  guint             n_members;
  const CsSizeType *st;            /* the size type, or NULL when not in the catalog */
  guint             i;
  const char       *num;           /* the number, or the position when there is none yet */

  double            goods;         /* gross of the goods inside */
  double            gross;         /* VGM, else tare + goods; NAN when unknown */
  gboolean          any_reefer_cargo;
  CsItem           *producer, *sensitive;
  CsItem           *warmest_min, *coldest_max;   /* the pair that leaves no common band */
} Box;

/* The number: well formed, right check digit, listed once. */
static void
check_number (CsEngine  *e,
              Box       *b,
              GPtrArray *out)
{
  CsContainer *c = b->c;
  ContainerAgg *agg = b->agg;
  guint i = b->i;
  const char *num = b->num;
  char path[64];

  if (cs_rules_str_empty (c->number))
    cs_rules_emit (e, out, "container.number_format", CS_SEVERITY_ERROR, PATHF ("containers[%u].number", i),
                   CS_TEXT ("Container %u has no number", i + 1),
                   CS_TEXT ("Enter the container number: 4 letters and 7 digits, e.g. CSQU3054383."));
  else if (!cs_iso6346_well_formed (c->number))
    {
      g_autofree char *upper = g_ascii_strup (c->number, -1);

      cs_rules_emit (e, out, "container.number_format", CS_SEVERITY_ERROR, PATHF ("containers[%u].number", i),
                     CS_TEXT ("Container number “%s” is not 3 letters, U, J or Z, and 7 digits", c->number),
                     cs_iso6346_well_formed (upper)
                     ? CS_TEXT ("Write it in capitals: %s.", upper)
                     : CS_TEXT ("Copy the number from the container's door: owner code (3 letters), category "
                                "(U), serial (6 digits) and check digit."));
    }
  else
    {
      int want = cs_iso6346_check_digit (c->number);

      if (want != c->number[10] - '0')
        cs_rules_emit (e, out, "container.check_digit", CS_SEVERITY_ERROR, PATHF ("containers[%u].number", i),
                       CS_TEXT ("Container %s: the check digit should be %d, not %c", c->number, want,
                                c->number[10]),
                       CS_TEXT ("One character is mistyped: compare with the number on the container's door."));
    }
  if (agg != NULL && agg->containers->len > 1)
    {
      guint first = ((ContState *) agg->containers->pdata[0])->index;

      if (first == i)
        first = ((ContState *) agg->containers->pdata[1])->index;
      cs_rules_emit (e, out, "container.duplicate", CS_SEVERITY_ERROR, PATHF ("containers[%u].number", i),
                     CS_TEXT ("Container %s is listed twice (also container %u)", num, first + 1),
                     CS_TEXT ("Remove the duplicate entry, or correct the number."));
    }
}

/* The size/type code and the tare. */
static void
check_size_tare (CsEngine  *e,
                 Box       *b,
                 GPtrArray *out)
{
  CsContainer *c = b->c;
  const CsSizeType *st = b->st;
  guint i = b->i;
  const char *num = b->num;
  char path[64];

  if (cs_rules_str_empty (c->size_type))
    cs_rules_emit (e, out, "container.size_type", CS_SEVERITY_ERROR, PATHF ("containers[%u].size_type", i),
                   CS_TEXT ("Container %s has no size/type code", num),
                   CS_TEXT ("Enter the ISO 6346 size/type code, e.g. 22G1 (20' dry), 45G1 (40' high cube), "
                            "45R1 (40' reefer)."));
  else if (st == NULL)
    cs_rules_emit (e, out, "container.size_type", CS_SEVERITY_ERROR, PATHF ("containers[%u].size_type", i),
                   CS_TEXT ("Container %s: size/type “%s” is not in the catalog", num, c->size_type),
                   CS_TEXT ("Use an ISO 6346 code such as 22G1, 42G1, 45G1, 22R1 or 45R1, or add it to "
                            "size_types.json in your catalog folder."));
  if (!cs_num_is_set (c->tare_kg))
    {
      if (!pending (c, "tare_kg"))
        cs_rules_emit (e, out, "container.tare", CS_SEVERITY_WARNING, PATHF ("containers[%u].tare_kg", i),
                       CS_TEXT ("Container %s has no tare", num),
                       st ? CS_TEXT ("Copy the tare from the CSC plate (a %s typically weighs %.0f kg).",
                                     st->name, st->tare_kg)
                          : CS_TEXT ("Copy the tare from the container's CSC plate."));
    }
  else if (c->tare_kg <= 0)
    cs_rules_emit (e, out, "container.tare", CS_SEVERITY_ERROR, PATHF ("containers[%u].tare_kg", i),
                   CS_TEXT ("Container %s: a tare of %g kg is not above zero", num, c->tare_kg),
                   CS_TEXT ("Copy the tare from the container's CSC plate."));
  else if (st && cs_num_is_set (st->tare_min_kg) && cs_num_is_set (st->tare_max_kg) &&
           (c->tare_kg < st->tare_min_kg || c->tare_kg > st->tare_max_kg))
    cs_rules_emit (e, out, "container.tare", CS_SEVERITY_WARNING, PATHF ("containers[%u].tare_kg", i),
                   CS_TEXT ("Container %s: a tare of %.0f kg is unusual for a %s (%.0f–%.0f kg)",
                            num, c->tare_kg, st->name, st->tare_min_kg, st->tare_max_kg),
                   CS_TEXT ("Check the tare on the CSC plate, and the size/type code."));
}

/* The goods inside: their gross (kept in the container's aggregate too), whether any needs a
 * reefer, the ethylene and temperature extremes; no finding of its own. */
static void
survey_goods (CsEngine *e,
              Box      *b)
{
  ContainerAgg *agg = b->agg;
  GPtrArray *members = b->members;
  guint n_members = b->n_members;
  double goods = 0;
  gboolean any_reefer_cargo = FALSE;
  CsItem *producer = NULL, *sensitive = NULL;
  CsItem *warmest_min = NULL, *coldest_max = NULL;

  for (guint k = 0; k < n_members; k++)
    {
      ItemState *ms = members->pdata[k];
      CsItem *item = ms->item;
      const CsReeferBand *band;
      const char *eth;

      goods += cs_rules_item_gross_in (ms, agg);
      if (item->perishable == NULL)
        continue;
      band = ms->band;
      any_reefer_cargo |= needs_reefer (e, item, band);
      eth = item_ethylene (item, band);
      if (eth && strcmp (eth, "producer") == 0 && producer == NULL)
        producer = item;
      else if (eth && strcmp (eth, "sensitive") == 0 && sensitive == NULL)
        sensitive = item;
      if (cs_num_is_set (item->perishable->temp_min_c) &&
          (warmest_min == NULL || item->perishable->temp_min_c > warmest_min->perishable->temp_min_c))
        warmest_min = item;
      if (cs_num_is_set (item->perishable->temp_max_c) &&
          (coldest_max == NULL || item->perishable->temp_max_c < coldest_max->perishable->temp_max_c))
        coldest_max = item;
    }

  if (agg != NULL)
    agg->goods = goods;
  b->goods = goods;
  b->any_reefer_cargo = any_reefer_cargo;
  b->producer = producer;
  b->sensitive = sensitive;
  b->warmest_min = warmest_min;
  b->coldest_max = coldest_max;
}

/* The seals, and whether the box is empty. */
static void
check_seals (CsEngine  *e,
             Box       *b,
             GPtrArray *out)
{
  CsContainer *c = b->c;
  guint n_members = b->n_members;
  guint i = b->i;
  const char *num = b->num;
  char path[64];

  if (c->seals == NULL || c->seals[0] == NULL)
    {
      if (pending (c, "seals"))
        cs_rules_emit (e, out, "container.seal", CS_SEVERITY_WARNING, PATHF ("containers[%u].seals", i),
                       CS_TEXT ("Container %s: the seal number is still to come", num),
                       CS_TEXT ("Enter the seal number before the manifest is filed."));
      else if (n_members > 0)
        cs_rules_emit (e, out, "container.seal", CS_SEVERITY_ERROR, PATHF ("containers[%u].seals", i),
                       CS_TEXT ("Container %s is packed but has no seal", num),
                       CS_TEXT ("Enter the seal number, or mark the seal as pending if the terminal issues it."));
    }
  else
    for (guint k = 1; c->seals[k]; k++)
      for (guint j = 0; j < k; j++)
        if (strcmp (c->seals[j], c->seals[k]) == 0)
          {
            cs_rules_emit (e, out, "container.seal", CS_SEVERITY_ERROR,
                           PATHF ("containers[%u].seals[%u]", i, k),
                           CS_TEXT ("Container %s lists seal %s twice", num, c->seals[k]),
                           CS_TEXT ("Remove the repeated seal number."));
            break;
          }

  if (n_members == 0)
    {
      cs_rules_emit (e, out, "container.empty", CS_SEVERITY_INFO, PATHF ("containers[%u]", i),
                     CS_TEXT ("No goods are stowed in container %s", num),
                     CS_TEXT ("Assign items to it, or remove it if it travels empty."));
    }
}

/* VGM, maximum gross and the VGM against tare + goods. */
static void
check_weights (CsEngine  *e,
               Box       *b,
               GPtrArray *out)
{
  CsContainer *c = b->c;
  guint n_members = b->n_members;
  const CsSizeType *st = b->st;
  guint i = b->i;
  const char *num = b->num;
  double goods = b->goods, gross, max_gross;
  char path[64];

  if (!cs_num_is_set (c->vgm_kg))
    {
      if (e->mode_used[1] && n_members > 0)
        cs_rules_emit (e, out, "container.vgm_missing", pending (c, "vgm_kg") ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR,
                       PATHF ("containers[%u].vgm_kg", i),
                       CS_TEXT ("Container %s has no verified gross mass, and the route has a sea leg", num),
                       CS_TEXT ("SOLAS VI/2: a packed container without VGM is not loaded. Weigh the packed box "
                                "(method 1) or the contents plus tare (method 2)."));
    }
  else if (c->vgm_kg <= 0)
    {
      cs_rules_emit (e, out, "container.vgm_missing", CS_SEVERITY_ERROR, PATHF ("containers[%u].vgm_kg", i),
                     CS_TEXT ("Container %s: a verified gross mass of %g kg is not above zero", num, c->vgm_kg),
                     CS_TEXT ("SOLAS VI/2: a packed container without VGM is not loaded. Weigh the packed box "
                              "(method 1) or the contents plus tare (method 2)."));
    }
  else if (!cs_num_is_set (c->vgm_method) ||
           (c->vgm_method != CS_VGM_METHOD_WEIGHED && c->vgm_method != CS_VGM_METHOD_CALCULATED))
    {
      cs_rules_emit (e, out, "container.vgm_missing", CS_SEVERITY_WARNING,
                     PATHF ("containers[%u].vgm_method", i),
                     CS_TEXT ("Container %s: the VGM method is not given", num),
                     CS_TEXT ("Say how the VGM was obtained: 1 (packed box weighed) or 2 (contents + tare)."));
    }

  gross = cs_num_is_set (c->vgm_kg) ? c->vgm_kg : (cs_num_is_set (c->tare_kg) ? c->tare_kg + goods : NAN);
  max_gross = cs_num_is_set (c->max_gross_kg) ? c->max_gross_kg
              : (st && cs_num_is_set (st->max_gross_kg) ? st->max_gross_kg : e->default_max_gross);
  if (cs_num_is_set (gross) && gross > max_gross)
    {
      cs_rules_emit (e, out, "container.overweight", CS_SEVERITY_ERROR,
                     PATHF ("containers[%u].%s", i, cs_num_is_set (c->vgm_kg) ? "vgm_kg" : "tare_kg"),
                     CS_TEXT ("Container %s weighs %.0f kg gross, over its maximum of %.0f kg by %.0f kg",
                              num, gross, max_gross, gross - max_gross),
                     CS_TEXT ("Move goods to another container, or check the box's rating on its CSC plate."));
    }
  if (cs_num_is_set (c->vgm_kg) && cs_num_is_set (c->tare_kg) && n_members > 0 && c->vgm_kg > 0)
    {
      double expect = c->tare_kg + goods;
      double pct = fabs (c->vgm_kg - expect) * 100 / c->vgm_kg;

      if (pct > e->vgm_warn_pct)
        {
          cs_rules_emit (e, out, "container.vgm_mismatch", pct > e->vgm_tol_pct ? CS_SEVERITY_ERROR : CS_SEVERITY_WARNING,
                         PATHF ("containers[%u].vgm_kg", i),
                         CS_TEXT ("Container %s: VGM %.0f kg, but tare %.0f kg + goods %.0f kg = %.0f kg "
                                  "(%.1f %% apart)", num, c->vgm_kg, c->tare_kg, goods, expect, pct),
                         CS_TEXT ("Check the VGM, the tare and the gross weights of the goods in this container."));
        }
    }
  b->gross = gross;
}

/* A reefer where the goods need one, its set point, and goods that cannot share a box. */
static void
check_reefer (CsEngine  *e,
              Box       *b,
              GPtrArray *out)
{
  CsContainer *c = b->c;
  GPtrArray *members = b->members;
  guint n_members = b->n_members;
  const CsSizeType *st = b->st;
  guint i = b->i;
  const char *num = b->num;
  gboolean any_reefer_cargo = b->any_reefer_cargo;
  CsItem *producer = b->producer, *sensitive = b->sensitive;
  CsItem *warmest_min = b->warmest_min, *coldest_max = b->coldest_max;
  char path[64];

  if (any_reefer_cargo && st != NULL && !st->reefer)
    {
      cs_rules_emit (e, out, "container.reefer_required", CS_SEVERITY_ERROR,
                     PATHF ("containers[%u].size_type", i),
                     CS_TEXT ("Container %s (%s) is not a reefer, but holds cargo that needs one", num,
                              c->size_type),
                     CS_TEXT ("Use a reefer (e.g. 22R1, 45R1), or move the chilled or frozen goods."));
    }
  /* whatever the box holds: a set point no reefer unit reaches (500 °C) is a typing error */
  if (c->reefer != NULL && cs_num_is_set (c->reefer->setpoint_c) &&
      (c->reefer->setpoint_c < e->reefer_unit_min_c || c->reefer->setpoint_c > e->reefer_unit_max_c))
    cs_rules_emit (e, out, "container.reefer_setpoint", CS_SEVERITY_ERROR,
                   PATHF ("containers[%u].reefer.setpoint_c", i),
                   CS_TEXT ("Reefer %s: a set point of %g °C is beyond what reefer units hold (%g to %g °C)",
                            num, c->reefer->setpoint_c, e->reefer_unit_min_c, e->reefer_unit_max_c),
                   CS_TEXT ("Correct the set point: reefer units hold about −35 to +30 °C."));
  else if (st != NULL && st->reefer && any_reefer_cargo)
    {
      if (c->reefer == NULL || !cs_num_is_set (c->reefer->setpoint_c))
        {
          if (!pending (c, "reefer"))
            cs_rules_emit (e, out, "container.reefer_setpoint", CS_SEVERITY_ERROR,
                           PATHF ("containers[%u].reefer.setpoint_c", i),
                           CS_TEXT ("Reefer %s has no set point", num),
                           warmest_min && coldest_max
                           ? CS_TEXT ("Set it between %g and %g °C for the goods inside.",
                                      warmest_min->perishable->temp_min_c, coldest_max->perishable->temp_max_c)
                           : CS_TEXT ("Enter the temperature the reefer must hold."));
        }
      else
        {
          double sp = c->reefer->setpoint_c;

          if (sp < e->reefer_min_c || sp > e->reefer_max_c)
            cs_rules_emit (e, out, "container.reefer_setpoint", CS_SEVERITY_ERROR,
                           PATHF ("containers[%u].reefer.setpoint_c", i),
                           CS_TEXT ("Reefer %s: a set point of %g °C is beyond a standard reefer (%g to %g °C)",
                                    num, sp, e->reefer_min_c, e->reefer_max_c),
                           CS_TEXT ("Book special equipment, or correct the set point."));
          else
            for (guint k = 0; k < n_members; k++)
              {
                CsItem *item = ((ItemState *) members->pdata[k])->item;
                CsPerishable *p = item->perishable;

                if (p == NULL)
                  continue;
                if ((cs_num_is_set (p->temp_min_c) && sp < p->temp_min_c) ||
                    (cs_num_is_set (p->temp_max_c) && sp > p->temp_max_c))
                  {
                    cs_rules_emit (e, out, "container.reefer_setpoint", CS_SEVERITY_ERROR,
                                   PATHF ("containers[%u].reefer.setpoint_c", i),
                                   CS_TEXT ("Reefer %s is set to %g °C, outside line %g's range (%g to %g °C)",
                                            num, sp, LINE (item), p->temp_min_c, p->temp_max_c),
                                   CS_TEXT ("Set the reefer within the range of every line inside it."));
                    break;
                  }
              }
        }
    }
  if (warmest_min && coldest_max && warmest_min != coldest_max &&
      warmest_min->perishable->temp_min_c > coldest_max->perishable->temp_max_c)
    {
      cs_rules_emit (e, out, "container.mixed_temperature", CS_SEVERITY_ERROR, PATHF ("containers[%u]", i),
                     CS_TEXT ("Container %s holds line %g (%g to %g °C) and line %g (%g to %g °C): no "
                              "temperature suits both", num,
                              LINE (warmest_min), warmest_min->perishable->temp_min_c,
                              warmest_min->perishable->temp_max_c, LINE (coldest_max),
                              coldest_max->perishable->temp_min_c, coldest_max->perishable->temp_max_c),
                     CS_TEXT ("Put goods with different temperature bands in separate reefers."));
    }
  if (producer && sensitive)
    {
      cs_rules_emit (e, out, "container.ethylene_mix", CS_SEVERITY_ERROR, PATHF ("containers[%u]", i),
                     CS_TEXT ("Container %s holds line %g, which gives off ethylene, and line %g, which "
                              "ethylene spoils", num, LINE (producer), LINE (sensitive)),
                     CS_TEXT ("Never stow ethylene producers (e.g. apples) with ethylene-sensitive goods (e.g. "
                              "cut flowers): use separate reefers."));
    }
}

/* The corridor's limits on each leg: weight and reefer power. */
static void
check_corridor_limits (CsEngine  *e,
                       Box       *b,
                       GPtrArray *out)
{
  CsManifest *m = e->manifest;
  const CsSizeType *st = b->st;
  guint i = b->i;
  const char *num = b->num;
  double gross = b->gross;
  gboolean any_reefer_cargo = b->any_reefer_cargo;
  char path[64];

  if (e->corridor != NULL)
    for (guint l = 0; l < e->leg_match->len; l++)
      {
        const CsCorridorLeg *cl = e->leg_match->pdata[l];
        CsLeg *leg = CS_MANIFEST_LEG (m, l);

        if (cl == NULL)
          continue;
        if (cs_num_is_set (cl->max_gross_kg) && cs_num_is_set (gross) && gross > cl->max_gross_kg)
          {
            cs_rules_emit (e, out, "corridor.weight", cl->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR,
                           PATHF ("containers[%u]", i),
                           CS_TEXT ("Container %s weighs %.0f kg gross; leg %u (%s %s → %s) takes at most "
                                    "%.0f kg", num, gross, l + 1, leg->mode, leg->from ? leg->from : "?",
                                    leg->to ? leg->to : "?", cl->max_gross_kg),
                           CS_TEXT ("Lighten the container or choose another route. %s", cl->note ? cl->note : ""));
          }
        if (st != NULL && st->reefer && any_reefer_cargo && !cl->reefer_power)
          {
            cs_rules_emit (e, out, "corridor.reefer_power", cl->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR,
                           PATHF ("containers[%u]", i),
                           CS_TEXT ("Reefer %s has no power on leg %u (%s %s → %s)", num, l + 1, leg->mode,
                                    leg->from ? leg->from : "?", leg->to ? leg->to : "?"),
                           CS_TEXT ("Book a carrier with reefer plugs or a generator set on that leg. %s",
                                    cl->note ? cl->note : ""));
          }
      }
}

void
cs_rules_run_container (CsEngine  *e,
                        ContState *cs,
                        GPtrArray *out)
{
  CsContainer *c = cs->container;
  g_autofree char *unnumbered = NULL;
  Box b = { 0 };

  b.c = c;
  b.agg = cs->agg;
  b.members = b.agg ? b.agg->members : NULL;
  b.n_members = b.members ? b.members->len : 0;
  b.st = cs_catalog_get_size_type (e->catalog, c->size_type);
  b.i = cs->index;
  b.num = c->number;

  /* A container without a number yet is named by its position, as "Container %u has no number"
   * below names it. */
  if (cs_rules_str_empty (b.num))
    /* Translators: stands for the number of a container that has none yet, in messages such as
     * "Container %s has no tare" or "Reefer %s has no set point": its position in the list,
     * counted from 1 (zh_CN could write "（第 %u 个）") */
    b.num = unnumbered = g_strdup_printf (C_("container without a number", "%u"), b.i + 1);

  check_number (e, &b, out);
  check_size_tare (e, &b, out);
  survey_goods (e, &b);
  check_seals (e, &b, out);
  check_weights (e, &b, out);
  check_reefer (e, &b, out);
  check_corridor_limits (e, &b, out);
}
