/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-bench-gen.c: realistic synthetic manifests for benchmarks and large-input tests */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cs-bench-gen.h"
#include "cs-checkdigit.h"

#define ITEMS_PER_BOX 25

static void
attach (gpointer    owner,
        const char *field,
        gpointer    sub)
{
  cs_field_take_record (CS_RECORD (owner), cs_record_find_field (CS_RECORD (owner), field), CS_RECORD (sub));
}

static CsParty *
party (const char *name,
       const char *name_latin,
       const char *city,
       const char *country,
       const char *tax_id)
{
  CsParty *p = cs_party_new ();

  p->name = g_strdup (name);
  p->name_latin = g_strdup (name_latin);
  p->address = g_strdup ("1 Example Road");
  p->city = g_strdup (city);
  p->postcode = g_strdup ("400000");
  p->country = g_strdup (country);
  p->tax_id = g_strdup (tax_id);
  p->contact = g_strdup ("Logistics desk");
  p->phone = g_strdup ("+86 23 6000 0000");
  p->email = g_strdup ("desk@example.com");
  return p;
}

static CsLeg *
leg (const char *mode,
     const char *from,
     const char *to,
     const char *etd,
     const char *eta)
{
  CsLeg *l = cs_leg_new ();

  l->mode = g_intern_static_string (mode);
  l->from = g_strdup (from);
  l->to = g_strdup (to);
  l->carrier = g_strdup (g_str_equal (mode, "rail") ? "China Railway" : "Beibu Gulf Shipping");
  l->voyage = g_strdup (g_str_equal (mode, "rail") ? "X8024" : "2615S");
  l->etd = g_strdup (etd);
  l->eta = g_strdup (eta);
  return l;
}

static char *
container_number (guint index)
{
  static const char * const owners[] = { "CSQU", "OOLU", "MSKU", "CMAU" };
  char buf[12];

  g_snprintf (buf, sizeof buf, "%s%06u", owners[index % G_N_ELEMENTS (owners)], (index * 7919u + 100003u) % 1000000u);
  buf[10] = '0' + cs_iso6346_check_digit (buf);
  buf[11] = '\0';
  return g_strdup (buf);
}

static char *
vin (guint serial)
{
  char buf[18];

  /* Chinese WMI (L...), position 9 the check digit, position 10 'T' = 2026. */
  g_snprintf (buf, sizeof buf, "LJCPCBLC0TA%06u", serial % 1000000u);
  buf[8] = (char) cs_vin_check_char (buf);
  return g_strdup (buf);
}

static void
add_document (CsManifest *m,
              const char *kind,
              const char *number,
              gint64      covers_line)
{
  CsDocument *d = cs_document_new ();

  d->kind = g_intern_static_string (kind);
  d->number = g_strdup (number);
  d->issued_on = g_strdup ("2026-04-01");
  d->issuer = g_strdup ("Chongqing Customs");
  if (covers_line > 0)
    {
      d->covers = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (d->covers, covers_line);
    }
  cs_list_append_silent (m->documents, d);
  g_object_unref (d);
}

static void
fill_item (CsItem  *it,
           guint    i,
           gboolean reefer_box,
           GRand   *rand,
           guint   *vin_serial)
{
  CsPackages *pk = g_object_new (CS_TYPE_PACKAGES, NULL);
  double gross;

  it->line = i + 1;
  it->origin_country = g_strdup ("CN");
  it->marks = g_strdup_printf ("SGX/%u", i + 1);
  attach (it, "packages", pk);

  if (reefer_box)
    {
      CsPerishable *p = g_object_new (CS_TYPE_PERISHABLE, NULL);

      it->category = g_intern_static_string ("perishable");
      it->description = g_strdup ("Fresh apples, Fuji, 18 kg cartons");
      it->hs_code = g_strdup ("080810");
      it->quantity = 40 * 18;
      it->unit = g_strdup ("KGM");
      pk->count = 40;
      pk->type = g_strdup ("CT");
      it->net_kg = 720;
      gross = 800;
      it->value = 1080;
      p->product = g_strdup ("apples");
      p->temp_min_c = -1;
      p->temp_max_c = 4;
      p->shelf_life_days = 90;
      p->packed_on = g_strdup ("2026-04-02");
      p->humidity_pct = 92;
      p->ethylene = g_intern_static_string ("producer");
      attach (it, "perishable", p);
    }
  else
    {
      switch (i % 4)
        {
        case 0:
          {
            CsElectronics *e = g_object_new (CS_TYPE_ELECTRONICS, NULL);
            CsDg *dg = g_object_new (CS_TYPE_DG, NULL);

            it->category = g_intern_static_string ("electronics");
            it->description = g_strdup_printf ("Notebook computers, 14 inch, lot %u", g_rand_int_range (rand, 1, 999));
            it->hs_code = g_strdup ("847130");
            it->quantity = 100;
            it->unit = g_strdup ("PCE");
            pk->count = 10;
            pk->type = g_strdup ("CT");
            it->net_kg = 220;
            gross = 260;
            it->value = 11000;
            e->battery = g_intern_static_string ("contained");
            e->chemistry = g_intern_static_string ("li_ion");
            e->wh_per_unit = 56;
            attach (it, "electronics", e);
            dg->un_number = g_strdup ("3481");
            dg->dg_class = g_strdup ("9");
            dg->proper_shipping_name = g_strdup ("LITHIUM ION BATTERIES CONTAINED IN EQUIPMENT");
            attach (it, "dg", dg);
          }
          break;
        case 1:
          {
            CsMachinery *mc = g_object_new (CS_TYPE_MACHINERY, NULL);
            const char *serials[] = { NULL, NULL };

            it->category = g_intern_static_string ("machinery");
            it->description = g_strdup ("Diesel generating set, 100 kVA, open frame");
            it->hs_code = g_strdup ("850212");
            it->quantity = 1;
            it->unit = g_strdup ("PCE");
            pk->count = 1;
            pk->type = g_strdup ("CR");
            it->net_kg = 1200;
            gross = 1300;
            it->value = 15000;
            serials[0] = g_strdup_printf ("GS100-%07u", i);
            mc->serials = g_strdupv ((char **) serials);
            g_free ((char *) serials[0]);
            attach (it, "machinery", mc);
          }
          break;
        case 2:
          {
            CsVehicle *v = g_object_new (CS_TYPE_VEHICLE, NULL);
            const char *vins[] = { NULL, NULL };

            it->category = g_intern_static_string ("vehicle");
            it->description = g_strdup ("Passenger car, petrol engine, 1.5 l, 5 seats");
            it->hs_code = g_strdup ("8703231990");
            it->quantity = 1;
            it->unit = g_strdup ("PCE");
            pk->count = 1;
            pk->type = g_strdup ("VN");
            it->net_kg = 1350;
            gross = 1350;
            it->value = 9800;
            vins[0] = vin ((*vin_serial)++);
            v->vins = g_strdupv ((char **) vins);
            g_free ((char *) vins[0]);
            v->make = g_strdup ("Changan");
            v->model = g_strdup ("CS55");
            v->model_year = 2026;
            v->powertrain = g_intern_static_string ("ICE");
            v->condition = g_intern_static_string ("new");
            attach (it, "vehicle", v);
            {
              CsDg *dg = g_object_new (CS_TYPE_DG, NULL);
              dg->un_number = g_strdup ("3166");
              dg->dg_class = g_strdup ("9");
              dg->proper_shipping_name = g_strdup ("VEHICLE, FLAMMABLE LIQUID POWERED");
              attach (it, "dg", dg);
            }
          }
          break;
        default:
          it->category = g_intern_static_string ("general");
          it->description = g_strdup ("Green tea, in tea-chests, 20 kg");
          it->hs_code = g_strdup ("090210");
          it->quantity = 200;
          it->unit = g_strdup ("KGM");
          pk->count = 10;
          pk->type = g_strdup ("TC");
          it->net_kg = 200;
          gross = 230;
          it->value = 2600;
          break;
        }
    }
  it->gross_kg = gross;
  it->volume_m3 = 1.25;
}

CsManifest *
cs_bench_generate (guint   n_items,
                   guint32 seed)
{
  CsManifest *m = cs_manifest_new_draft ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_boxes = MAX (1, (n_items + ITEMS_PER_BOX - 1) / ITEMS_PER_BOX);
  g_autofree double *box_gross = g_new0 (double, n_boxes);
  CsIncoterm *inc = g_object_new (CS_TYPE_INCOTERM, NULL);
  CsInvoice *inv = g_object_new (CS_TYPE_INVOICE, NULL);
  CsTransportDocument *td = g_object_new (CS_TYPE_TRANSPORT_DOCUMENT, NULL);
  guint vin_serial = seed % 1000;
  CsTotals totals;
  gboolean any_perishable = FALSE;

  g_free (m->id);
  m->id = g_strdup_printf ("%08x-%04x-4%03x-8%03x-%012" G_GINT64_MODIFIER "x", seed, n_items & 0xffff,
                           n_items >> 16 & 0xfff, g_rand_int (rand) & 0xfff,
                           ((gint64) g_rand_int (rand) << 16) & G_GINT64_CONSTANT (0xffffffffffff));
  m->reference = g_strdup_printf ("BENCH-%u-%u", n_items, seed);
  m->corridor = g_strdup ("CQ-QZH-RAILSEA");
  m->place_of_receipt = g_strdup ("CNCQI");
  m->port_of_loading = g_strdup ("CNQZH");
  m->port_of_discharge = g_strdup ("SGSIN");
  m->place_of_delivery = g_strdup ("SGSIN");
  m->currency = g_strdup ("USD");
  m->preference = g_intern_static_string ("ACFTA");
  m->notes = g_strdup ("Synthetic manifest for benchmarks.");

  {
    CsLeg *legs[] = {
      leg ("rail", "CNCQI", "CNQZH", "2026-04-06T09:00:00+08:00", "2026-04-08T07:00:00+08:00"),
      leg ("sea", "CNQZH", "SGSIN", "2026-04-09T16:00:00+08:00", "2026-04-14T10:00:00+08:00"),
    };
    for (guint i = 0; i < G_N_ELEMENTS (legs); i++)
      {
        cs_list_append_silent (m->legs, legs[i]);   /* takes its own reference */
        g_object_unref (legs[i]);
      }
  }

  td->type = g_intern_static_string ("BL");
  td->number = g_strdup ("QZHSIN260409001");
  attach (m, "transport_document", td);
  inc->code = g_strdup ("CIP");
  inc->place = g_strdup ("SGSIN");
  attach (m, "incoterm", inc);
  inv->number = g_strdup_printf ("INV-BENCH-%u", n_items);
  inv->date = g_strdup ("2026-04-01");
  attach (m, "invoice", inv);

  attach (m->parties, "shipper", party ("重庆两江精密机械有限公司", "Chongqing Liangjiang Precision Machinery Co., Ltd.",
                                        "Chongqing", "CN", "91500000MA5UQ8J2KK"));
  attach (m->parties, "consignee", party ("Lion City Trading Pte Ltd", NULL, "Singapore", "SG", "201912345K"));
  attach (m->parties, "notify", party ("Lion City Trading Pte Ltd", NULL, "Singapore", "SG", "201912345K"));
  attach (m->parties, "declarant", party ("重庆陆海通国际货运代理有限公司",
                                          "Chongqing Luhaitong International Freight Forwarding Co., Ltd.",
                                          "Chongqing", "CN", "91500106MA61C3D7X9"));

  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_items, g_object_unref);

    for (guint i = 0; i < n_items; i++)
      {
        CsItem *it = cs_item_new ();
        guint box = i / ITEMS_PER_BOX;
        gboolean reefer = box % 5 == 4;

        fill_item (it, i, reefer, rand, &vin_serial);
        any_perishable |= reefer;
        box_gross[box] += it->gross_kg;
        g_ptr_array_add (items, it);
      }

    for (guint b = 0; b < n_boxes; b++)
      {
        CsContainer *c = cs_container_new ();
        gboolean reefer = b % 5 == 4 && b * ITEMS_PER_BOX < n_items;
        const char *seal[] = { NULL, NULL };

        c->number = container_number (b);
        c->size_type = g_strdup (reefer ? "45R1" : "45G1");
        c->tare_kg = reefer ? 4800 : 3940;
        c->max_gross_kg = 32500;
        seal[0] = g_strdup_printf ("CN%07u", 2600000 + b);
        c->seals = g_strdupv ((char **) seal);
        g_free ((char *) seal[0]);
        c->vgm_kg = c->tare_kg + box_gross[b];
        c->vgm_method = 1;
        if (reefer)
          {
            CsReefer *r = g_object_new (CS_TYPE_REEFER, NULL);
            r->setpoint_c = 1;
            r->humidity_pct = 92;
            r->vent_cmh = 15;
            attach (c, "reefer", r);
          }
        cs_list_append_silent (m->containers, c);
        g_object_unref (c);
      }

    for (guint i = 0; i < n_items; i++)
      {
        CsItem *it = items->pdata[i];
        it->container = g_strdup (CS_MANIFEST_CONTAINER (m, i / ITEMS_PER_BOX)->number);
      }
    g_ptr_array_set_size (cs_list_get_array (m->items), 0);
    for (guint i = 0; i < n_items; i++)
      cs_list_append_silent (m->items, items->pdata[i]);
  }

  cs_manifest_compute_totals (m, &totals);
  inv->total = totals.value;

  add_document (m, "commercial_invoice", "INV-BENCH", 0);
  add_document (m, "packing_list", "PL-BENCH", 0);
  add_document (m, "form_e", "E260000000000001", 0);
  add_document (m, "dg_declaration", "DG-BENCH-01", 0);
  add_document (m, "export_licence", "EL-BENCH-01", 0);
  if (any_perishable)
    add_document (m, "phytosanitary", "PC-BENCH-01", 0);
  return m;
}

void
cs_bench_strip_items (CsManifest *m,
                      guint       every)
{
  g_return_if_fail (every > 0);

  for (guint i = 0; i < CS_MANIFEST_N_ITEMS (m); i += every)
    {
      CsItem *item = CS_MANIFEST_ITEM (m, i);

      g_clear_pointer (&item->description, g_free);
      g_clear_pointer (&item->hs_code, g_free);
    }
}

static gsize
status_kb (const char *key)
{
  g_autofree char *contents = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;
  p = strstr (contents, key);
  if (p == NULL)
    return 0;
  return (gsize) g_ascii_strtoull (p + strlen (key), NULL, 10) * 1024;
}

gsize
cs_bench_rss_now (void)
{
  return status_kb ("VmRSS:");
}

gsize
cs_bench_rss_peak (void)
{
  return status_kb ("VmHWM:");
}
