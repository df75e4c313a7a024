/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-rules-header.c: rules over the manifest header, parties, route, terms, documents, totals */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-checkdigit.h"
#include "cs-requirements.h"
#include "cs-rules-private.h"
#include "cs-rules-legs.h"

static const char * const party_roles[] = { "shipper", "consignee", "notify", "declarant", "carrier" };

/* ---- header context ------------------------------------------------------------------------ */

static int
mode_slot (const char *mode)
{
  if (mode == cs_i.rail)
    return 0;
  if (mode == cs_i.sea)
    return 1;
  if (mode == cs_i.road)
    return 2;
  if (mode == cs_i.river)
    return 3;
  return -1;
}

static double
corridor_leg_days (const CsCorridorLeg *cl,
                   const char          *to)
{
  for (guint k = 0; cl->to != NULL && cl->to[k] != NULL; k++)
    if (to != NULL && strcmp (cl->to[k], to) == 0 && cs_num_is_set (cl->to_days[k]))
      return cl->to_days[k];
  return cl->typical_days;
}

/* Matches each manifest leg to a corridor leg, in order. */
static void
match_legs (CsEngine *e)
{
  CsManifest *m = e->manifest;
  guint n = CS_MANIFEST_N_LEGS (m);
  guint next = 0;

  g_ptr_array_set_size (e->leg_match, 0);
  for (guint i = 0; i < n; i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);
      const CsCorridorLeg *found = NULL;

      for (int pass = 0; pass < 2 && found == NULL && e->corridor != NULL; pass++)
        for (guint k = next; k < e->corridor->n_legs; k++)
          {
            const CsCorridorLeg *cl = &e->corridor->legs[k];
            gboolean from_ok = cl->from == NULL || (leg->from && g_strv_contains (cl->from, leg->from));
            gboolean to_ok = cl->to == NULL || (leg->to && g_strv_contains (cl->to, leg->to));

            if (cl->modes == NULL || leg->mode == NULL || !g_strv_contains (cl->modes, leg->mode))
              continue;
            if ((pass == 0 && from_ok && to_ok) || (pass == 1 && (from_ok || to_ok)))
              {
                found = cl;
                next = k;
                break;
              }
          }
      g_ptr_array_add (e->leg_match, (gpointer) found);
    }
}

double
cs_rules_leg_days (CsEngine *e,
                   guint     i)
{
  CsLeg *leg = CS_MANIFEST_LEG (e->manifest, i);
  const CsCorridorLeg *cl = i < e->leg_match->len ? e->leg_match->pdata[i] : NULL;
  GDate etd, eta;
  int order;

  /* a leg's own dates win; else the corridor's typical days (counted once per corridor leg) */
  if (cs_rules_compare_when (leg->etd, leg->eta, &order) && order <= 0 &&
      cs_rules_parse_date (leg->etd, &etd) && cs_rules_parse_date (leg->eta, &eta))
    return MAX (g_date_days_between (&etd, &eta), 0);
  if (cl == NULL)
    return NAN;
  for (guint j = 0; j < i; j++)
    if (e->leg_match->pdata[j] == cl)
      return 0;
  return corridor_leg_days (cl, leg->to);
}

void
cs_rules_prepare_header (CsEngine *e)
{
  CsManifest *m = e->manifest;
  guint n_legs = CS_MANIFEST_N_LEGS (m);
  CsParty *shipper = m->parties ? m->parties->shipper : NULL;
  double days = 0;
  gboolean days_known = TRUE;
  GDate first_etd, last_eta;
  gboolean have_first_etd = FALSE, have_last_eta = FALSE;
  int order;

  memset (e->mode_used, 0, sizeof e->mode_used);
  e->corridor = cs_catalog_get_corridor (e->catalog, m->corridor);
  match_legs (e);

  for (guint i = 0; i < n_legs; i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);
      int slot = mode_slot (leg->mode);
      GDate etd, eta;
      gboolean has_etd = cs_rules_parse_date (leg->etd, &etd);
      gboolean has_eta = cs_rules_parse_date (leg->eta, &eta);
      double leg_days = cs_rules_leg_days (e, i);

      if (slot >= 0)
        e->mode_used[slot] = TRUE;
      if (i == 0 && has_etd)
        {
          first_etd = etd;
          have_first_etd = TRUE;
        }
      if (i == n_legs - 1 && has_eta)
        {
          last_eta = eta;
          have_last_eta = TRUE;
        }
      if (cs_num_is_set (leg_days))
        days += leg_days;
      else
        days_known = FALSE;
    }

  e->has_departure = have_first_etd;
  if (have_first_etd)
    e->departure = first_etd;
  if (have_first_etd && have_last_eta &&
      cs_rules_compare_when (CS_MANIFEST_LEG (m, 0)->etd, CS_MANIFEST_LEG (m, n_legs - 1)->eta, &order) &&
      order <= 0)
    e->transit_days = MAX (g_date_days_between (&first_etd, &last_eta), 0);
  else
    e->transit_days = (days_known && n_legs > 0) ? days : NAN;

  e->has_arrival = FALSE;
  if (have_last_eta)
    {
      e->arrival = last_eta;
      e->has_arrival = TRUE;
    }
  else if (have_first_etd && cs_num_is_set (e->transit_days))
    {
      e->arrival = first_etd;
      g_date_add_days (&e->arrival, (guint) ceil (e->transit_days));
      e->has_arrival = TRUE;
    }

  cs_requirements_reference_date (m, &e->today, e->date_ref);

  e->is_export = m->direction == cs_i.export_;
  e->shipper_country = shipper ? shipper->country : NULL;

  /* which item lines each document kind covers */
  g_hash_table_remove_all (e->doc_cover);
  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (m, i);
      DocCover *dc;

      if (d->kind == NULL)
        continue;
      dc = g_hash_table_lookup (e->doc_cover, d->kind);
      if (dc == NULL)
        {
          dc = g_new0 (DocCover, 1);
          g_hash_table_insert (e->doc_cover, (gpointer) d->kind, dc);
        }
      if (d->covers == NULL || d->covers->len == 0)
        dc->whole = TRUE;
      else
        for (guint k = 0; k < d->covers->len; k++)
          {
            gpointer key = cs_rules_line_key ((double) g_array_index (d->covers, gint64, k));

            if (key == NULL)
              continue;
            if (dc->lines == NULL)
              dc->lines = g_hash_table_new (NULL, NULL);
            g_hash_table_add (dc->lines, key);
          }
    }
}

gboolean
cs_rules_doc_covers (CsEngine   *e,
                     const char *kind,
                     double      line)
{
  DocCover *dc = g_hash_table_lookup (e->doc_cover, kind);

  if (dc == NULL)
    return FALSE;
  if (dc->whole)
    return TRUE;
  return cs_rules_line_key (line) != NULL && dc->lines != NULL &&
         g_hash_table_contains (dc->lines, cs_rules_line_key (line));
}

/* ---- parties ------------------------------------------------------------------------------- */

static const char *
role_label (const char *role)
{
  if (strcmp (role, "shipper") == 0)
    return _("shipper");
  if (strcmp (role, "consignee") == 0)
    return _("consignee");
  if (strcmp (role, "notify") == 0)
    return _("notify party");
  if (strcmp (role, "declarant") == 0)
    return _("declarant");
  return _("carrier");
}

static void
check_party (CsEngine   *e,
             GPtrArray  *out,
             const char *role,
             CsParty    *p)
{
  gboolean key_party = strcmp (role, "shipper") == 0 || strcmp (role, "consignee") == 0 ||
                       strcmp (role, "notify") == 0;
  char path[64];
  const CsCountry *country;
  const char *label = role_label (role);

  if (cs_rules_str_empty (p->name))
    {
      g_snprintf (path, sizeof path, "parties.%s.name", role);
      cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, path,
                     CS_TEXT ("The %s has no name", label),
                     CS_TEXT ("Enter the party's registered name."));
    }

  g_snprintf (path, sizeof path, "parties.%s.country", role);
  country = cs_catalog_get_country (e->catalog, p->country);
  if (cs_rules_str_empty (p->country))
    cs_rules_emit (e, out, "party.country", key_party ? CS_SEVERITY_ERROR : CS_SEVERITY_WARNING, path,
                   CS_TEXT ("The %s has no country", label),
                   CS_TEXT ("Pick the country of the party's address (ISO 3166-1 code, e.g. CN, VN)."));
  else if (country == NULL)
    cs_rules_emit (e, out, "party.country", CS_SEVERITY_ERROR, path,
                   CS_TEXT ("The %s's country “%s” is not an ISO 3166-1 code", label, p->country),
                   CS_TEXT ("Use the two-letter code, e.g. CN for China, VN for Viet Nam, LA for Laos."));

  g_snprintf (path, sizeof path, "parties.%s.tax_id", role);
  if (cs_rules_str_empty (p->tax_id))
    {
      if (key_party)
        cs_rules_emit (e, out, "party.tax_id",
                       g_strcmp0 (p->country, "CN") == 0 ? CS_SEVERITY_ERROR : CS_SEVERITY_WARNING, path,
                       CS_TEXT ("The %s has no enterprise code", label),
                       CS_TEXT ("China's manifest rules (GACC 2017 No. 56) need an enterprise code for the "
                                "shipper, consignee and notify party: the 18-character USCI for Chinese "
                                "companies, the local tax or company number elsewhere."));
    }
  else if (g_strcmp0 (p->country, "CN") == 0)
    {
      gsize len = strlen (p->tax_id);
      char want = len >= 17 ? cs_usci_check_char (p->tax_id) : 0;

      if (len != 18)
        cs_rules_emit (e, out, "party.tax_id", CS_SEVERITY_ERROR, path,
                       CS_TEXT ("The %s's USCI %s has %u characters, not 18", label, p->tax_id, (guint) len),
                       CS_TEXT ("Copy the unified social credit code from the business licence: 18 characters."));
      else if (want == 0)
        cs_rules_emit (e, out, "party.tax_id", CS_SEVERITY_ERROR, path,
                       CS_TEXT ("The %s's USCI %s contains characters a USCI never has", label, p->tax_id),
                       CS_TEXT ("A USCI uses digits and the capitals A–Y without I, O, S, V and Z."));
      else if (want != p->tax_id[17])
        cs_rules_emit (e, out, "party.tax_id", CS_SEVERITY_ERROR, path,
                       CS_TEXT ("The %s's USCI %s: the check character should be %c, not %c",
                                label, p->tax_id, want, p->tax_id[17]),
                       CS_TEXT ("One of the 18 characters is mistyped: compare with the business licence."));
    }

  if (key_party && cs_rules_str_empty (p->phone))
    {
      g_snprintf (path, sizeof path, "parties.%s.phone", role);
      cs_rules_emit (e, out, "party.phone", CS_SEVERITY_ERROR, path,
                     CS_TEXT ("The %s has no phone number", label),
                     CS_TEXT ("China's manifest rules (GACC 2017 No. 56) need a phone number for the shipper, "
                              "consignee and notify party."));
    }
}

/* ---- route --------------------------------------------------------------------------------- */

/* Checks one place; returns the catalog entry when known. */
static const CsLocode *
check_locode (CsEngine   *e,
              GPtrArray  *out,
              const char *path,
              const char *what,
              const char *code,
              gboolean    required)
{
  const CsLocode *l;
  char cc[3];

  if (cs_rules_str_empty (code))
    {
      if (required)
        cs_rules_emit (e, out, "route.locode", CS_SEVERITY_ERROR, path,
                       CS_TEXT ("The %s is missing", what),
                       CS_TEXT ("Enter the UN/LOCODE of the place, e.g. CNQZH for Qinzhou."));
      return NULL;
    }
  if (!cs_locode_well_formed (code))
    {
      cs_rules_emit (e, out, "route.locode", CS_SEVERITY_ERROR, path,
                     CS_TEXT ("The %s “%s” is not a UN/LOCODE", what, code),
                     CS_TEXT ("A UN/LOCODE is 5 capitals: the country code and 3 letters or digits 2–9, "
                              "e.g. CNCQI, VNHPH."));
      return NULL;
    }
  cc[0] = code[0];
  cc[1] = code[1];
  cc[2] = '\0';
  if (cs_catalog_get_country (e->catalog, cc) == NULL)
    {
      cs_rules_emit (e, out, "route.locode", CS_SEVERITY_ERROR, path,
                     CS_TEXT ("The %s %s starts with %s, which is not a country code", what, code, cc),
                     CS_TEXT ("The first two letters of a UN/LOCODE are the ISO 3166-1 country code."));
      return NULL;
    }
  l = cs_catalog_get_locode (e->catalog, code);
  if (l == NULL)
    cs_rules_emit (e, out, "route.locode", CS_SEVERITY_INFO, path,
                   CS_TEXT ("The %s %s is not in the catalog", what, code),
                   CS_TEXT ("Check the code against the UN/LOCODE list, or add it to your catalog "
                            "(locodes.json in the catalog folder)."));
  return l;
}

static void
check_mode_function (CsEngine       *e,
                     GPtrArray      *out,
                     const char     *path,
                     const CsLocode *l,
                     const char     *mode)
{
  int pos;
  char digit;
  const char *word;

  if (l == NULL || mode == NULL)
    return;
  if (mode == cs_i.rail)
    pos = 1, digit = '2';
  else if (mode == cs_i.road)
    pos = 2, digit = '3';
  else
    pos = 0, digit = '1';
  if (strlen (l->functions) > (gsize) pos && l->functions[pos] == digit)
    return;
  if (l->extra_modes && g_strv_contains (l->extra_modes, mode))
    return;
  word = cs_mode_label (mode);
  cs_rules_emit (e, out, "route.mode_function", l->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR, path,
                 CS_TEXT ("%s (%s) has no %s function (UN function %s), but the leg goes by %s",
                          l->code, cs_catalog_localized_title (l->name, l->name_zh), word, l->functions, word),
                 CS_TEXT ("Use the LOCODE of the %s terminal or station, or change the leg's mode.", word));
}

/* The legs: modes, places, dates, order; returns whether a leg goes by rail or road. */
static gboolean
check_route (CsEngine  *e,
             GPtrArray *out)
{
  CsManifest *m = e->manifest;
  guint n = CS_MANIFEST_N_LEGS (m);
  char path[64];
  gboolean water = FALSE, dry = FALSE;

  for (guint i = 0; i < n; i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);
      const CsLocode *from, *to;
      GDate etd;
      gboolean has_etd;
      int order;

      if (leg->mode == NULL)
        {
          g_snprintf (path, sizeof path, "legs[%u].mode", i);
          cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, path,
                         CS_TEXT ("Leg %u has no mode", i + 1),
                         CS_TEXT ("Choose rail, sea, road or river."));
        }
      else if (leg->mode == cs_i.sea || leg->mode == cs_i.river)
        water = TRUE;
      else
        dry = TRUE;

      g_snprintf (path, sizeof path, "legs[%u].from", i);
      from = check_locode (e, out, path, _("leg's place of departure"), leg->from, TRUE);
      check_mode_function (e, out, path, from, leg->mode);
      g_snprintf (path, sizeof path, "legs[%u].to", i);
      to = check_locode (e, out, path, _("leg's destination"), leg->to, TRUE);
      check_mode_function (e, out, path, to, leg->mode);

      if (i > 0)
        {
          CsLeg *prev = CS_MANIFEST_LEG (m, i - 1);

          if (prev->to && leg->from && strcmp (prev->to, leg->from) != 0)
            {
              g_snprintf (path, sizeof path, "legs[%u].from", i);
              cs_rules_emit (e, out, "route.continuity", CS_SEVERITY_ERROR, path,
                             CS_TEXT ("Leg %u starts at %s, but leg %u ends at %s",
                                      i + 1, leg->from, i, prev->to),
                             CS_TEXT ("Each leg starts where the one before it ends: add the missing leg or "
                                      "correct the place."));
            }
          if (cs_rules_compare_when (leg->etd, prev->eta, &order) && order < 0)
            {
              g_snprintf (path, sizeof path, "legs[%u].etd", i);
              cs_rules_emit (e, out, "route.dates", CS_SEVERITY_WARNING, path,
                             CS_TEXT ("Leg %u departs on %s, before leg %u arrives (%s)",
                                      i + 1, leg->etd, i, prev->eta),
                             CS_TEXT ("Check the dates of the connecting legs."));
            }
        }
      has_etd = cs_rules_parse_date (leg->etd, &etd);
      if (cs_rules_compare_when (leg->eta, leg->etd, &order) && order < 0)
        {
          g_snprintf (path, sizeof path, "legs[%u].eta", i);
          cs_rules_emit (e, out, "route.dates", CS_SEVERITY_ERROR, path,
                         CS_TEXT ("Leg %u arrives (%s) before it departs (%s)", i + 1, leg->eta, leg->etd),
                         CS_TEXT ("Swap or correct the departure and arrival dates."));
        }
      if (i == 0 && !has_etd)
        {
          g_snprintf (path, sizeof path, "legs[%u].etd", i);
          cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_WARNING, path,
                         CS_TEXT ("The first leg has no departure date"),
                         CS_TEXT ("Date rules (dangerous goods, licences, document validity, shelf life) "
                                  "use the departure; until it is known they use today's date."));
        }
    }

  if (n > 0)
    {
      CsLeg *first = CS_MANIFEST_LEG (m, 0), *last = CS_MANIFEST_LEG (m, n - 1);
      struct { const char *field, *what, *value; } places[] = {
        { "place_of_receipt", _("place of receipt"), m->place_of_receipt },
        { "port_of_loading", _("port of loading"), m->port_of_loading },
        { "port_of_discharge", _("port of discharge"), m->port_of_discharge },
        { "place_of_delivery", _("place of delivery"), m->place_of_delivery },
      };

      for (guint k = 0; k < G_N_ELEMENTS (places); k++)
        {
          gboolean on_route = FALSE;

          check_locode (e, out, places[k].field, places[k].what, places[k].value, k == 1 || k == 2);
          if (places[k].value == NULL)
            continue;
          for (guint i = 0; i < n; i++)
            {
              CsLeg *leg = CS_MANIFEST_LEG (m, i);

              on_route |= g_strcmp0 (leg->from, places[k].value) == 0 || g_strcmp0 (leg->to, places[k].value) == 0;
            }
          if ((k == 0 && g_strcmp0 (first->from, places[k].value) != 0) ||
              (k == 3 && g_strcmp0 (last->to, places[k].value) != 0) ||
              ((k == 1 || k == 2) && !on_route))
            cs_rules_emit (e, out, "route.continuity", CS_SEVERITY_WARNING, places[k].field,
                           CS_TEXT ("The %s %s is not where the legs %s", places[k].what, places[k].value,
                                    k == 0 ? _("start") : k == 3 ? _("end") : _("pass")),
                           CS_TEXT ("Make the header places agree with the legs."));
        }
    }
  (void) water;
  return dry;
}

/* The Incoterms rule and its named place; @dry: the route has rail or road legs. */
static void
check_incoterm (CsEngine  *e,
                GPtrArray *out,
                gboolean   dry)
{
  CsManifest *m = e->manifest;

  if (m->incoterm == NULL || cs_rules_str_empty (m->incoterm->code))
    cs_rules_emit (e, out, "incoterm.code", CS_SEVERITY_WARNING, "incoterm.code",
                   CS_TEXT ("No Incoterm"),
                   CS_TEXT ("Give the Incoterms 2020 rule and its named place, e.g. FCA CNCQI or CIP VNHPH."));
  else
    {
      const CsIncotermEntry *inc = cs_catalog_get_incoterm (e->catalog, m->incoterm->code);

      if (inc == NULL)
        cs_rules_emit (e, out, "incoterm.code", CS_SEVERITY_ERROR, "incoterm.code",
                       CS_TEXT ("“%s” is not an Incoterms 2020 rule", m->incoterm->code),
                       CS_TEXT ("Use one of EXW FCA CPT CIP DAP DPU DDP (any mode) or FAS FOB CFR CIF (sea)."));
      else if (inc->sea_only && dry)
        cs_rules_emit (e, out, "incoterm.mode", CS_SEVERITY_WARNING, "incoterm.code",
                       CS_TEXT ("%s is for sea and inland waterway transport, but the route includes rail "
                                "or road legs", inc->code),
                       CS_TEXT ("ICC recommends FCA, CPT or CIP instead of %s for containers moved by rail "
                                "or road.", inc->code));
      if (cs_rules_str_empty (m->incoterm->place))
        cs_rules_emit (e, out, "incoterm.code", CS_SEVERITY_WARNING, "incoterm.place",
                       CS_TEXT ("The Incoterm %s has no named place", m->incoterm->code),
                       CS_TEXT ("A named place or port follows the rule, e.g. FCA Chongqing (CNCQI)."));
    }
}

/* ---- documents ----------------------------------------------------------------------------- */

static void
check_documents (CsEngine  *e,
                 GPtrArray *out)
{
  CsManifest *m = e->manifest;
  const CsRequirement **reqs;
  guint n_reqs;
  char path[64];
  GDate ref;

  cs_rules_parse_date (e->date_ref, &ref);

  for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
    {
      CsDocument *d = CS_MANIFEST_DOCUMENT (m, i);
      const CsDocumentKind *kind = cs_catalog_get_document_kind (e->catalog, d->kind);
      const char *title = kind ? cs_catalog_localized_title (kind->title, kind->title_zh)
                                : (d->kind ? d->kind : _("document"));
      GDate exp, issued;
      gboolean has_exp = cs_rules_parse_date (d->expires_on, &exp);
      gboolean derived = FALSE;

      if (cs_rules_str_empty (d->number))
        {
          g_snprintf (path, sizeof path, "documents[%u].number", i);
          cs_rules_emit (e, out, "document.missing", CS_SEVERITY_WARNING, path,
                         CS_TEXT ("The %s has no number", title),
                         CS_TEXT ("Enter the document's number as issued."));
        }
      if (!has_exp && kind && cs_num_is_set (kind->validity_days) && cs_rules_parse_date (d->issued_on, &issued))
        {
          exp = issued;
          g_date_add_days (&exp, (guint) kind->validity_days);
          has_exp = TRUE;
          derived = TRUE;
        }
      g_snprintf (path, sizeof path, "documents[%u].%s", i, derived ? "issued_on" : "expires_on");
      if (has_exp && g_date_compare (&exp, &ref) < 0)
        {
          char when[16];

          g_date_strftime (when, sizeof when, "%Y-%m-%d", &exp);
          cs_rules_emit (e, out, "document.expired", derived ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR, path,
                         derived
                         ? CS_TEXT ("The %s %s issued on %s is usually valid until %s, before the %s (%s)",
                                    title, d->number ? d->number : "", d->issued_on, when,
                                    e->has_departure ? _("departure") : _("reference date"), e->date_ref)
                         : CS_TEXT ("The %s %s expired on %s, before the %s (%s)",
                                    title, d->number ? d->number : "", when,
                                    e->has_departure ? _("departure") : _("reference date"), e->date_ref),
                         CS_TEXT ("Have the document renewed or reissued before the goods leave."));
        }
      else if (has_exp)
        {
          GDate soon = ref;
          gboolean before_arrival = e->has_arrival && g_date_compare (&exp, &e->arrival) < 0;

          g_date_add_days (&soon, (guint) MAX (e->expiring_days, 0));
          if (before_arrival || g_date_compare (&exp, &soon) < 0)
            {
              char when[16];

              g_date_strftime (when, sizeof when, "%Y-%m-%d", &exp);
              cs_rules_emit (e, out, "document.expiring", CS_SEVERITY_WARNING, path,
                             before_arrival
                             ? CS_TEXT ("The %s %s expires on %s, before the goods arrive",
                                        title, d->number ? d->number : "", when)
                             : CS_TEXT ("The %s %s expires on %s, within %g days of the %s",
                                        title, d->number ? d->number : "", when, e->expiring_days,
                                        e->has_departure ? _("departure") : _("reference date")),
                             CS_TEXT ("Check that it stays valid for customs clearance at destination."));
            }
        }
      for (guint k = 0; d->covers && k < d->covers->len; k++)
        {
          gint64 line = g_array_index (d->covers, gint64, k);
          ItemState *single = NULL;
          char line_str[24];

          g_snprintf (line_str, sizeof line_str, "%" G_GINT64_FORMAT, line);
          if (cs_dup_lookup (&e->lines, cs_rules_line_key ((double) line), &single) == NULL && single == NULL)
            {
              g_snprintf (path, sizeof path, "documents[%u].covers[%u]", i, k);
              cs_rules_emit (e, out, "document.covers", CS_SEVERITY_ERROR, path,
                             CS_TEXT ("The %s %s covers line %s, but there is no such line",
                                      title, d->number ? d->number : "", line_str),
                             CS_TEXT ("Correct the line numbers the document covers."));
            }
        }
    }

  reqs = cs_catalog_get_requirements (e->catalog, &n_reqs);
  for (guint r = 0; r < n_reqs; r++)
    {
      const CsRequirement *q = reqs[r];
      const CsDocumentKind *kind;
      const char *needed, *kind_title;

      if (!cs_requirement_applies_to_manifest (q, m, e->date_ref))
        continue;
      if (g_hash_table_contains (e->doc_cover, q->document))
        continue;
      kind = cs_catalog_get_document_kind (e->catalog, q->document);
      /* requirements.json has English titles only: in Chinese, the document kind's title */
      kind_title = kind ? cs_catalog_localized_title (kind->title, kind->title_zh) : q->document;
      needed = kind ? cs_catalog_localized_title (q->title ? q->title : kind->title, kind->title_zh)
                    : (q->title ? q->title : q->document);
      cs_rules_emit (e, out, q->rule, q->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR, "documents",
                     CS_TEXT ("The shipment needs %s", needed),
                     CS_TEXT ("Add the %s to the documents.", kind_title));
    }
}

/* A preference claim: the destination must be a member too; a certificate of origin without a
 * claim is pointed out. */
static void
check_preference (CsEngine  *e,
                  GPtrArray *out)
{
  CsManifest *m = e->manifest;

  if (m->preference != NULL && m->preference != cs_i.none)
    {
      const CsPreference *pref = cs_catalog_get_preference (e->catalog, m->preference);
      CsParty *consignee = m->parties ? m->parties->consignee : NULL;

      if (pref && consignee && consignee->country &&
          (pref->members == NULL || !g_strv_contains (pref->members, consignee->country)))
        cs_rules_emit (e, out, "origin.certificate", CS_SEVERITY_ERROR, "preference",
                       CS_TEXT ("%s preference is claimed, but the consignee's country %s is not a member",
                                m->preference, consignee->country),
                       CS_TEXT ("Remove the preference claim, or check the consignee."));
    }
  else if (g_hash_table_contains (e->doc_cover, g_intern_static_string ("form_e")) ||
           g_hash_table_contains (e->doc_cover, g_intern_static_string ("rcep_origin")))
    cs_rules_emit (e, out, "origin.certificate", CS_SEVERITY_INFO, "preference",
                   CS_TEXT ("A certificate of origin is attached, but no preference is claimed"),
                   CS_TEXT ("Set the preference (ACFTA or RCEP) to claim the lower duty rate."));
}

/* ---- corridor, totals, seals --------------------------------------------------------------- */

static void
check_corridor (CsEngine  *e,
                GPtrArray *out)
{
  CsManifest *m = e->manifest;
  char path[64];

  if (cs_rules_str_empty (m->corridor))
    {
      cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_WARNING, "corridor",
                     CS_TEXT ("No corridor is chosen"),
                     CS_TEXT ("Choose the corridor: its legs, transit days and limits feed the route, "
                              "weight, reefer and shelf-life checks."));
      return;
    }
  if (e->corridor == NULL)
    {
      cs_rules_emit (e, out, "corridor.unknown", CS_SEVERITY_ERROR, "corridor",
                     CS_TEXT ("The corridor “%s” is not in the catalog", m->corridor),
                     CS_TEXT ("Pick one of the catalog's corridors, or add it to corridors.json in your "
                              "catalog folder."));
      return;
    }
  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    {
      CsLeg *leg = CS_MANIFEST_LEG (m, i);
      const CsCorridorLeg *cl = e->leg_match->pdata[i];

      g_snprintf (path, sizeof path, "legs[%u]", i);
      if (cl == NULL)
        cs_rules_emit (e, out, "corridor.route", CS_SEVERITY_WARNING, path,
                       CS_TEXT ("Leg %u (%s %s → %s) is not part of the corridor %s", i + 1,
                                cs_mode_label (leg->mode), leg->from ? leg->from : "?",
                                leg->to ? leg->to : "?", e->corridor->id),
                       CS_TEXT ("Check the legs, or choose the corridor the goods really take; transit "
                                "days, reefer power and weight limits come from it."));
      else if (e->n_dg_items > 0 && !cl->dg_allowed)
        cs_rules_emit (e, out, "corridor.dg", cl->verify ? CS_SEVERITY_WARNING : CS_SEVERITY_ERROR, path,
                       CS_TEXT_PLURAL ("Leg %u (%s %s → %s) does not accept dangerous goods, and %u "
                                       "item is dangerous goods",
                                       "Leg %u (%s %s → %s) does not accept dangerous goods, and %u "
                                       "items are dangerous goods", e->n_dg_items,
                                       i + 1, cs_mode_label (leg->mode), leg->from ? leg->from : "?",
                                       leg->to ? leg->to : "?", e->n_dg_items),
                       CS_TEXT ("Ship the dangerous goods by another route, or confirm acceptance with "
                                "the carrier. %s", cl->note ? cl->note : ""));
    }
}

static void
check_totals (CsEngine  *e,
              GPtrArray *out)
{
  CsManifest *m = e->manifest;
  const CsCurrency *cur = cs_catalog_get_currency (e->catalog, m->currency);
  int minor = cur && cur->minor_units >= 0 ? cur->minor_units : 2;
  double unit = pow (10, -minor);

  if (cs_rules_str_empty (m->currency))
    cs_rules_emit (e, out, "currency.code", CS_SEVERITY_ERROR, "currency",
                   CS_TEXT ("No currency"),
                   CS_TEXT ("Give the invoice currency as an ISO 4217 code, e.g. USD, CNY."));
  else if (cur == NULL)
    cs_rules_emit (e, out, "currency.code", CS_SEVERITY_ERROR, "currency",
                   CS_TEXT ("“%s” is not an ISO 4217 currency", m->currency),
                   CS_TEXT ("Use the three-letter code, e.g. USD, CNY, VND."));

  if (m->invoice && cs_num_is_set (m->invoice->total))
    {
      double total = m->invoice->total;

      if (cur && cur->minor_units >= 0 && fabs (total / unit - round (total / unit)) > 1e-6)
        cs_rules_emit (e, out, "currency.minor_units", CS_SEVERITY_WARNING, "invoice.total",
                       CS_TEXT ("The invoice total %.*f has more decimals than %s has (%d)",
                                minor + 3, total, cur->code, cur->minor_units),
                       CS_TEXT ("Round the amount to %d decimal places.", cur->minor_units));
      if (CS_MANIFEST_N_ITEMS (m) > 0 && fabs (e->sum_value - total) >= unit / 2)
        cs_rules_emit (e, out, "totals.value", CS_SEVERITY_ERROR, "invoice.total",
                       CS_TEXT ("The items are worth %.*f %s in total, the invoice says %.*f",
                                minor, e->sum_value, m->currency ? m->currency : "", minor, total),
                       CS_TEXT ("Correct the item values or the invoice total so that they agree."));
    }
  else if (CS_MANIFEST_N_ITEMS (m) > 0)
    cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_WARNING, "invoice.total",
                   CS_TEXT ("The invoice total is missing"),
                   CS_TEXT ("Enter the commercial invoice's number, date and total."));

  /* goods gross against the containers' VGM less tare, over the whole manifest */
  {
    double cargo = 0, goods = 0;
    gboolean complete = CS_MANIFEST_N_CONTAINERS (m) > 0;

    for (guint i = 0; i < e->containers->len && complete; i++)
      {
        ContState *cs = e->containers->pdata[i];
        CsContainer *c = cs->container;

        if (!cs_num_is_set (c->vgm_kg) || !cs_num_is_set (c->tare_kg) || cs->agg == NULL ||
            cs->agg->containers->len > 1)
          complete = FALSE;
        else
          {
            cargo += c->vgm_kg - c->tare_kg;
            goods += cs->agg->goods;   /* computed by the container's rules */
          }
      }
    if (complete && cargo > 0 && fabs (cargo - goods) > cargo * e->totals_tol_pct / 100)
      cs_rules_emit (e, out, "totals.gross", CS_SEVERITY_WARNING, "containers",
                     CS_TEXT ("The goods weigh %.0f kg gross in total, but the containers' VGM less "
                              "tare comes to %.0f kg", goods, cargo),
                     CS_TEXT ("Check the items' gross weights and the containers' VGM and tare."));
  }

  /* seals are unique across containers */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    char path[64];

    for (guint i = 0; i < e->containers->len; i++)
      {
        CsContainer *c = ((ContState *) e->containers->pdata[i])->container;

        for (guint k = 0; c->seals && c->seals[k]; k++)
          {
            gpointer prev;

            if (*c->seals[k] == '\0')
              continue;
            if (g_hash_table_lookup_extended (seen, c->seals[k], NULL, &prev))
              {
                /* the other box by its number, or by its position while it has none */
                guint other = GPOINTER_TO_UINT (prev) - 1;
                CsContainer *oc = ((ContState *) e->containers->pdata[other])->container;
                g_autofree char *unnumbered = NULL;
                const char *name = oc->number;

                if (cs_rules_str_empty (name))
                  name = unnumbered = g_strdup_printf (C_("container without a number", "%u"),
                                                       other + 1);
                g_snprintf (path, sizeof path, "containers[%u].seals[%u]", i, k);
                cs_rules_emit (e, out, "container.seal", CS_SEVERITY_ERROR, path,
                               CS_TEXT ("Seal %s is also on container %s", c->seals[k], name),
                               CS_TEXT ("Each seal number is used once: check the seal records."));
              }
            else
              g_hash_table_insert (seen, c->seals[k], GUINT_TO_POINTER (i + 1));
          }
      }
  }
}

void
cs_rules_run_header (CsEngine  *e,
                     GPtrArray *out)
{
  CsManifest *m = e->manifest;

  if (cs_rules_str_empty (m->reference))
    cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, "reference",
                   CS_TEXT ("The manifest has no reference"),
                   CS_TEXT ("Give it a reference unique among your drafts, e.g. QZH2604-0042."));
  else if (e->options.reference_taken &&
           e->options.reference_taken (m->reference, m->id, e->options.user_data))
    cs_rules_emit (e, out, "manifest.duplicate_reference", CS_SEVERITY_ERROR, "reference",
                   CS_TEXT ("Another draft already uses the reference %s", m->reference),
                   CS_TEXT ("Give this manifest a new reference."));
  if (m->direction == NULL)
    cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, "direction",
                   CS_TEXT ("The manifest has no direction"),
                   CS_TEXT ("Choose export or import."));
  if (CS_MANIFEST_N_LEGS (m) == 0)
    cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, "legs",
                   CS_TEXT ("The manifest has no legs"),
                   CS_TEXT ("Add the route leg by leg: mode, from, to, dates."));
  if (m->transport_document == NULL || cs_rules_str_empty (m->transport_document->number))
    cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_WARNING, "transport_document.number",
                   CS_TEXT ("No transport document number (B/L, waybill or consignment note)"),
                   CS_TEXT ("Enter it once the carrier has issued the booking or bill."));
  if (CS_MANIFEST_N_ITEMS (m) == 0)
    cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, "items",
                   CS_TEXT ("The manifest has no goods items"),
                   CS_TEXT ("Add at least one item."));

  for (guint r = 0; r < G_N_ELEMENTS (party_roles); r++)
    {
      CsParty *p = cs_manifest_get_party (m, party_roles[r]);

      if (p != NULL)
        check_party (e, out, party_roles[r], p);
      else if (r < 2)
        {
          char path[32];

          g_snprintf (path, sizeof path, "parties.%s", party_roles[r]);
          cs_rules_emit (e, out, "manifest.required", CS_SEVERITY_ERROR, path,
                         CS_TEXT ("The manifest has no %s", role_label (party_roles[r])),
                         CS_TEXT ("Enter the party's name, address, country, enterprise code and phone."));
        }
    }

  check_incoterm (e, out, check_route (e, out));
  cs_rules_run_legs (e, out);
  check_corridor (e, out);
  check_documents (e, out);
  check_preference (e, out);
  check_totals (e, out);
}
