/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-cli-show.c: consign show REF|FILE [--json] */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cs-cli-private.h"
#include "cs-json.h"

static void
line (GString    *out,
      const char *label,
      const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  g_string_append (out, "  ");
  _cs_cli_pad (out, label, 18);
  g_string_append_c (out, ' ');
  /* one line each: a newline in a value is shown escaped */
  _cs_cli_pad (out, value, _cs_cli_width (value));
  g_string_append_c (out, '\n');
}

static char *
num (double v,
     int    digits)
{
  return cs_num_is_set (v) ? g_strdup_printf ("%.*f", digits, v) : NULL;
}

static void
show_party (GString    *out,
            CsManifest *m,
            const char *role,
            const char *label)
{
  CsParty *p = cs_manifest_get_party (m, role);
  g_autofree char *text = NULL;

  if (p == NULL)
    return;
  if (p->name_latin != NULL && g_strcmp0 (p->name_latin, p->name) != 0)
    text = g_strdup_printf ("%s (%s)%s%s", p->name ? p->name : "", p->name_latin,
                            p->country ? ", " : "", p->country ? p->country : "");
  else
    text = g_strdup_printf ("%s%s%s", p->name ? p->name : "", p->country ? ", " : "",
                            p->country ? p->country : "");
  line (out, label, text);
}

static void
show_manifest (GString        *out,
               CsManifest     *m,
               CsStoreSummary *summary,
               guint           n_exports)
{
  CsTotals totals;
  g_autofree char *terms = NULL;
  g_autofree char *invoice = NULL;

  cs_manifest_compute_totals (m, &totals);

  g_string_append_printf (out, "%s\n", m->reference ? m->reference : _("(no reference)"));
  line (out, _("Id"), m->id);
  line (out, _("Status"), m->status ? cs_status_label (m->status) : NULL);
  line (out, _("Direction"), m->direction ? cs_direction_label (m->direction) : NULL);
  line (out, _("Corridor"), m->corridor);
  if (summary != NULL)
    {
      g_autofree char *rev = g_strdup_printf ("%" G_GINT64_FORMAT, summary->revision);
      g_autofree char *updated = _cs_cli_format_time (summary->updated);
      g_autofree char *exports = g_strdup_printf ("%u", n_exports);

      line (out, _("Revision"), rev);
      line (out, _("Saved"), updated);
      line (out, _("Exports"), exports);
    }

  g_string_append_printf (out, "\n%s\n", _("Route"));
  line (out, _("Receipt"), m->place_of_receipt);
  line (out, _("Loading"), m->port_of_loading);
  line (out, _("Discharge"), m->port_of_discharge);
  line (out, _("Delivery"), m->place_of_delivery);
  for (guint i = 0; i < CS_MANIFEST_N_LEGS (m); i++)
    {
      CsLeg *l = CS_MANIFEST_LEG (m, i);
      g_autofree char *label = g_strdup_printf (_("Leg %u"), i + 1);
      g_autofree char *text = g_strdup_printf ("%s %s → %s%s%s%s%s", l->mode ? l->mode : "?",
                                               l->from ? l->from : "?", l->to ? l->to : "?",
                                               l->etd ? "  " : "", l->etd ? l->etd : "",
                                               l->eta ? " → " : "", l->eta ? l->eta : "");
      line (out, label, text);
    }

  g_string_append_printf (out, "\n%s\n", _("Parties"));
  show_party (out, m, "shipper", _("Shipper"));
  show_party (out, m, "consignee", _("Consignee"));
  show_party (out, m, "notify", _("Notify"));
  show_party (out, m, "declarant", _("Declarant"));
  show_party (out, m, "carrier", _("Carrier"));

  g_string_append_printf (out, "\n%s\n", _("Terms"));
  if (m->incoterm != NULL)
    terms = g_strdup_printf ("%s %s", m->incoterm->code ? m->incoterm->code : "",
                             m->incoterm->place ? m->incoterm->place : "");
  line (out, _("Incoterm"), terms);
  line (out, _("Currency"), m->currency);
  if (m->invoice != NULL)
    {
      g_autofree char *total = num (m->invoice->total, 2);
      invoice = g_strdup_printf ("%s %s %s", m->invoice->number ? m->invoice->number : "",
                                 m->invoice->date ? m->invoice->date : "", total ? total : "");
    }
  line (out, _("Invoice"), invoice);
  line (out, _("Preference"), m->preference);
  if (m->transport_document != NULL)
    {
      g_autofree char *td = g_strdup_printf ("%s %s",
                                             m->transport_document->type ? m->transport_document->type : "",
                                             m->transport_document->number ? m->transport_document->number : "");
      line (out, _("Transport doc."), td);
    }

  g_string_append_printf (out, "\n%s\n", _("Cargo"));
  {
    g_autofree char *items = g_strdup_printf ("%u", totals.n_items);
    g_autofree char *packages = g_strdup_printf ("%" G_GINT64_FORMAT, totals.packages);
    g_autofree char *gross = g_strdup_printf ("%.1f kg", totals.gross_kg);
    g_autofree char *net = g_strdup_printf ("%.1f kg", totals.net_kg);
    g_autofree char *volume = g_strdup_printf ("%.2f m³", totals.volume_m3);
    g_autofree char *value = g_strdup_printf ("%.2f %s", totals.value, m->currency ? m->currency : "");
    g_autofree char *vins = g_strdup_printf ("%u", totals.n_vins);

    line (out, _("Items"), items);
    line (out, _("Packages"), packages);
    line (out, _("Gross weight"), gross);
    line (out, _("Net weight"), net);
    line (out, _("Volume"), volume);
    line (out, _("Value"), value);
    if (totals.n_vins > 0)
      line (out, _("VINs"), vins);
  }

  if (CS_MANIFEST_N_CONTAINERS (m) > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Containers"));
      for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (m); i++)
        {
          CsContainer *c = CS_MANIFEST_CONTAINER (m, i);
          g_autofree char *seals = c->seals ? g_strjoinv (", ", c->seals) : NULL;
          g_autofree char *vgm = num (c->vgm_kg, 0);

          g_string_append_printf (out, "  %-12s %-5s", c->number ? c->number : "?",
                                  c->size_type ? c->size_type : "");
          if (vgm != NULL)
            g_string_append_printf (out, "  %s %s kg", _("VGM"), vgm);
          if (seals != NULL && seals[0] != '\0')
            g_string_append_printf (out, "  %s %s", _("seals"), seals);
          if (c->reefer != NULL && cs_num_is_set (c->reefer->setpoint_c))
            g_string_append_printf (out, "  %s %.1f °C", _("reefer"), c->reefer->setpoint_c);
          g_string_append_c (out, '\n');
        }
    }

  if (CS_MANIFEST_N_DOCUMENTS (m) > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Documents"));
      for (guint i = 0; i < CS_MANIFEST_N_DOCUMENTS (m); i++)
        {
          CsDocument *d = CS_MANIFEST_DOCUMENT (m, i);

          g_string_append_printf (out, "  %-20s %s%s%s\n", d->kind ? d->kind : "?",
                                  d->number ? d->number : "",
                                  d->expires_on ? _("  expires ") : "",
                                  d->expires_on ? d->expires_on : "");
        }
    }
  if (m->notes != NULL && m->notes[0] != '\0')
    g_string_append_printf (out, "\n%s\n  %s\n", _("Notes"), m->notes);
}

int
cs_cli_show (int         argc,
             char      **argv,
             const char *db_path)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the manifest in the JSON interchange format"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsManifest) m = NULL;
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsStoreSummary) summary = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  int status = CS_CLI_OK;

  context = _cs_cli_context ("show", N_("REFERENCE|FILE.json"),
                             N_("Show a draft of the store, or a manifest file, as a readable "
                                "summary or as JSON."), entries);
  if (!_cs_cli_parse (context, "show", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return _cs_cli_usage ("show", _("expected one REFERENCE or FILE.json"));

  if (_cs_cli_is_file (argv[1]))
    m = cs_json_load_file (argv[1], &error);
  else if ((store = _cs_cli_open_store ("show", db_path, &status)) == NULL)
    return status;
  else if ((m = cs_store_load (store, argv[1], &error)) != NULL)
    {
      summary = cs_store_get_summary (store, m->id, NULL);
      exports = cs_store_list_exports (store, m->id, NULL);
    }
  if (m == NULL)
    {
      _cs_cli_error ("show", "%s", error->message);
      return _cs_cli_status_for (error);
    }

  if (json)
    {
      gsize len;
      g_autofree char *text = cs_json_dump (m, &len);

      if (!_cs_cli_write_stdout (text, len))
        {
          _cs_cli_error ("show", _("cannot write to standard output"));
          return CS_CLI_BAD_INPUT;
        }
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      show_manifest (out, m, summary, exports ? exports->len : 0);
      _cs_cli_print (out->str);
    }
  return CS_CLI_OK;
}
