/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-field-label.c: data paths as people read them (no GTK)
 *
 * The labels are the titles the editor's form rows carry (the same msgids, so one translation
 * serves both), keyed by the kind of record holding the field and the field's dotted name
 * below it, without list indices.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cs-field-label.h"
#include "cs-list.h"

/* ---- record + field → path ---------------------------------------------------------------- */

/* Prepends to @out how @parent reaches @child: ".name" or ".name[n]". */
static gboolean
prepend_step (GString  *out,
              CsRecord *parent,
              CsRecord *child)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (parent);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];

      if (f->kind == CS_FIELD_RECORD && *(CsRecord **) CS_FIELD_SLOT (parent, f) == child)
        {
          g_string_prepend (out, f->name);
          g_string_prepend_c (out, '.');
          return TRUE;
        }
      if (f->kind == CS_FIELD_LIST)
        {
          int index = cs_list_find (*(CsList **) CS_FIELD_SLOT (parent, f), child);

          if (index >= 0)
            {
              g_autofree char *step = g_strdup_printf (".%s[%d]", f->name, index);

              g_string_prepend (out, step);
              return TRUE;
            }
        }
    }
  return FALSE;
}

char *
cs_field_path (CsRecord   *record,
               const char *field)
{
  g_autoptr(GString) out = g_string_new (NULL);
  CsRecord *child = record;

  g_return_val_if_fail (CS_IS_RECORD (record), NULL);

  if (field != NULL)
    {
      g_string_append_c (out, '.');
      g_string_append (out, field);
    }
  for (CsRecord *parent = cs_record_get_parent (child); parent != NULL;
       child = parent, parent = cs_record_get_parent (child))
    if (!prepend_step (out, parent, child))
      return NULL;
  if (!CS_IS_MANIFEST (child))
    return NULL;
  if (out->len == 0)
    return g_strdup ("");
  return g_strdup (out->str + 1);
}

/* ---- path → label ------------------------------------------------------------------------- */

typedef enum
{
  IN_MANIFEST,
  IN_PARTY,
  IN_LEG,
  IN_CONTAINER,
  IN_ITEM,
  IN_SPLIT,
  IN_DOCUMENT,
} Holder;

static const struct
{
  Holder      holder;
  const char *dotted;   /* below the holder, without indices */
  const char *label;
} labels[] = {
  { IN_MANIFEST, "reference", N_("Reference") },
  { IN_MANIFEST, "status", N_("Status") },
  { IN_MANIFEST, "direction", N_("Direction") },
  { IN_MANIFEST, "corridor", N_("Corridor") },
  { IN_MANIFEST, "place_of_receipt", N_("Place of receipt") },
  { IN_MANIFEST, "port_of_loading", N_("Port of loading") },
  { IN_MANIFEST, "port_of_discharge", N_("Port of discharge") },
  { IN_MANIFEST, "place_of_delivery", N_("Place of delivery") },
  { IN_MANIFEST, "incoterm", N_("Incoterm") },
  { IN_MANIFEST, "incoterm.code", N_("Incoterm") },
  { IN_MANIFEST, "incoterm.place", N_("Incoterm place") },
  { IN_MANIFEST, "currency", N_("Currency") },
  { IN_MANIFEST, "invoice", N_("Invoice") },
  { IN_MANIFEST, "invoice.number", N_("Invoice number") },
  { IN_MANIFEST, "invoice.date", N_("Invoice date") },
  { IN_MANIFEST, "invoice.total", N_("Invoice total") },
  { IN_MANIFEST, "preference", N_("Preference") },
  { IN_MANIFEST, "transport_document", N_("Transport document") },
  { IN_MANIFEST, "transport_document.type", N_("Transport document") },
  { IN_MANIFEST, "transport_document.number", N_("Transport document number") },
  { IN_MANIFEST, "notes", N_("Notes") },
  { IN_MANIFEST, "parties", N_("Parties") },
  { IN_MANIFEST, "legs", N_("Route") },
  { IN_MANIFEST, "containers", N_("Containers") },
  { IN_MANIFEST, "items", N_("Cargo") },
  { IN_MANIFEST, "documents", N_("Documents") },

  { IN_PARTY, "name", N_("Name") },
  { IN_PARTY, "name_latin", N_("Name in Latin script") },
  { IN_PARTY, "address", N_("Address") },
  { IN_PARTY, "city", N_("City") },
  { IN_PARTY, "postcode", N_("Postcode") },
  { IN_PARTY, "country", N_("Country") },
  { IN_PARTY, "tax_id", N_("Tax id (USCI for China)") },
  { IN_PARTY, "contact", N_("Contact") },
  { IN_PARTY, "phone", N_("Phone") },
  { IN_PARTY, "email", N_("Email") },

  { IN_LEG, "mode", N_("Mode") },
  { IN_LEG, "from", N_("From") },
  { IN_LEG, "to", N_("To") },
  { IN_LEG, "carrier", N_("Carrier") },
  { IN_LEG, "voyage", N_("Voyage or train number") },
  { IN_LEG, "etd", N_("Departure (ETD)") },
  { IN_LEG, "eta", N_("Arrival (ETA)") },
  { IN_LEG, "vessel", N_("Vessel") },
  { IN_LEG, "vessel.name", N_("Vessel name") },
  { IN_LEG, "vessel.imo", N_("IMO number") },
  { IN_LEG, "vessel.call_sign", N_("Call sign") },
  { IN_LEG, "vessel.flag", N_("Flag") },
  { IN_LEG, "carrier_code", N_("Carrier code") },

  { IN_CONTAINER, "number", N_("Container number") },
  { IN_CONTAINER, "size_type", N_("Size and type") },
  { IN_CONTAINER, "tare_kg", N_("Tare") },
  { IN_CONTAINER, "max_gross_kg", N_("Maximum gross") },
  { IN_CONTAINER, "seals", N_("Seals") },
  { IN_CONTAINER, "vgm_kg", N_("Verified gross mass (VGM)") },
  { IN_CONTAINER, "vgm_method", N_("VGM method") },
  { IN_CONTAINER, "pending", N_("Numbers to follow") },
  { IN_CONTAINER, "reefer", N_("Reefer") },
  { IN_CONTAINER, "reefer.setpoint_c", N_("Reefer set point") },
  { IN_CONTAINER, "reefer.humidity_pct", N_("Reefer humidity") },
  { IN_CONTAINER, "reefer.vent_cmh", N_("Reefer ventilation") },

  { IN_ITEM, "line", N_("Line number") },
  { IN_ITEM, "category", N_("Category") },
  { IN_ITEM, "description", N_("Description") },
  { IN_ITEM, "hs_code", N_("HS code") },
  { IN_ITEM, "quantity", N_("Quantity") },
  { IN_ITEM, "unit", N_("Unit") },
  { IN_ITEM, "packages", N_("Packages") },
  { IN_ITEM, "packages.count", N_("Packages") },
  { IN_ITEM, "packages.type", N_("Package type") },
  { IN_ITEM, "net_kg", N_("Net weight") },
  { IN_ITEM, "gross_kg", N_("Gross weight") },
  { IN_ITEM, "volume_m3", N_("Volume") },
  { IN_ITEM, "value", N_("Value") },
  { IN_ITEM, "origin_country", N_("Country of origin") },
  { IN_ITEM, "marks", N_("Marks and numbers") },
  { IN_ITEM, "container", N_("Container") },
  { IN_ITEM, "splits", N_("Split over containers") },
  { IN_ITEM, "dg", N_("Dangerous goods") },
  { IN_ITEM, "dg.un_number", N_("UN number") },
  { IN_ITEM, "dg.class", N_("Hazard class") },
  { IN_ITEM, "dg.packing_group", N_("Packing group") },
  { IN_ITEM, "dg.proper_shipping_name", N_("Proper shipping name") },
  { IN_ITEM, "vehicle", N_("Vehicle") },
  { IN_ITEM, "vehicle.vins", N_("VINs") },
  { IN_ITEM, "vehicle.make", N_("Make") },
  { IN_ITEM, "vehicle.model", N_("Model") },
  { IN_ITEM, "vehicle.model_year", N_("Model year") },
  { IN_ITEM, "vehicle.powertrain", N_("Powertrain") },
  { IN_ITEM, "vehicle.condition", N_("Condition") },
  { IN_ITEM, "vehicle.battery_kwh", N_("Battery capacity") },
  { IN_ITEM, "electronics", N_("Electronics") },
  { IN_ITEM, "electronics.battery", N_("Battery") },
  { IN_ITEM, "electronics.chemistry", N_("Battery chemistry") },
  { IN_ITEM, "electronics.wh_per_unit", N_("Energy per unit") },
  { IN_ITEM, "machinery", N_("Machinery") },
  { IN_ITEM, "machinery.serials", N_("Serial numbers") },
  { IN_ITEM, "machinery.dual_use", N_("Dual-use item") },
  { IN_ITEM, "machinery.licence_no", N_("Export licence number") },
  { IN_ITEM, "perishable", N_("Perishable") },
  { IN_ITEM, "perishable.product", N_("Product") },
  { IN_ITEM, "perishable.temp_min_c", N_("Lowest temperature") },
  { IN_ITEM, "perishable.temp_max_c", N_("Highest temperature") },
  { IN_ITEM, "perishable.frozen", N_("Frozen") },
  { IN_ITEM, "perishable.shelf_life_days", N_("Shelf life") },
  { IN_ITEM, "perishable.packed_on", N_("Packed on") },
  { IN_ITEM, "perishable.humidity_pct", N_("Relative humidity") },
  { IN_ITEM, "perishable.ethylene", N_("Ethylene") },

  { IN_SPLIT, "container", N_("Container") },
  { IN_SPLIT, "packages", N_("Packages") },

  { IN_DOCUMENT, "kind", N_("Document type") },
  { IN_DOCUMENT, "number", N_("Document number") },
  { IN_DOCUMENT, "issued_on", N_("Issued on") },
  { IN_DOCUMENT, "expires_on", N_("Expires on") },
  { IN_DOCUMENT, "issuer", N_("Issued by") },
  { IN_DOCUMENT, "covers", N_("Covers lines") },
};

static const char *
lookup_label (Holder      holder,
              const char *dotted)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (labels[i].holder == holder && strcmp (labels[i].dotted, dotted) == 0)
      return _(labels[i].label);
  return NULL;
}

static const char *
party_label (const char *role)
{
  if (g_strcmp0 (role, "shipper") == 0)
    return _("Shipper");
  if (g_strcmp0 (role, "consignee") == 0)
    return _("Consignee");
  if (g_strcmp0 (role, "notify") == 0)
    return _("Notify party");
  if (g_strcmp0 (role, "declarant") == 0)
    return _("Declarant");
  if (g_strcmp0 (role, "carrier") == 0)
    return _("Carrier");
  return NULL;
}

/* The label of element @index of list @name (held by a @holder), and the holder of its
 * fields; NULL for a list of plain values whose elements need no label of their own. */
static char *
element_label (CsManifest *manifest,
               CsItem     *item,
               Holder      holder,
               const char *name,
               guint       index,
               Holder     *inner)
{
  if (holder == IN_MANIFEST && strcmp (name, "containers") == 0)
    {
      CsContainer *c = NULL;

      *inner = IN_CONTAINER;
      if (manifest != NULL && index < CS_MANIFEST_N_CONTAINERS (manifest))
        c = CS_MANIFEST_CONTAINER (manifest, index);
      if (c != NULL && c->number != NULL && *c->number != '\0')
        /* Translators: a container named by its number, e.g. "Container TGHU8305127" */
        return g_strdup_printf (_("Container %s"), c->number);
      /* Translators: the n-th container of the manifest, counted from 1 */
      return g_strdup_printf (_("Container %u"), index + 1);
    }
  if (holder == IN_MANIFEST && strcmp (name, "items") == 0)
    {
      guint line = index + 1;

      *inner = IN_ITEM;
      if (item != NULL && isfinite (item->line) && item->line >= 1)
        line = (guint) item->line;
      /* Translators: a cargo line, by its line number */
      return g_strdup_printf (_("Line %u"), line);
    }
  if (holder == IN_MANIFEST && strcmp (name, "legs") == 0)
    {
      *inner = IN_LEG;
      /* Translators: the n-th leg of the route, counted from 1 */
      return g_strdup_printf (_("Leg %u"), index + 1);
    }
  if (holder == IN_MANIFEST && strcmp (name, "documents") == 0)
    {
      *inner = IN_DOCUMENT;
      /* Translators: the n-th document of the manifest, counted from 1 */
      return g_strdup_printf (_("Document %u"), index + 1);
    }
  if (holder == IN_ITEM && strcmp (name, "splits") == 0)
    {
      *inner = IN_SPLIT;
      /* Translators: the n-th container share of a cargo line, counted from 1 */
      return g_strdup_printf (_("Split %u"), index + 1);
    }
  *inner = holder;
  if (strcmp (name, "vehicle.vins") == 0)
    /* Translators: the n-th VIN of a cargo line, counted from 1 */
    return g_strdup_printf (_("VIN %u"), index + 1);
  if (strcmp (name, "machinery.serials") == 0)
    /* Translators: the n-th serial number of a cargo line, counted from 1 */
    return g_strdup_printf (_("Serial number %u"), index + 1);
  if (strcmp (name, "seals") == 0)
    /* Translators: the n-th seal of a container, counted from 1 */
    return g_strdup_printf (_("Seal %u"), index + 1);
  return NULL;
}

char *
cs_field_label (CsManifest *manifest,
                const char *path)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) dotted = g_string_new (NULL);
  g_auto(GStrv) steps = NULL;
  Holder holder = IN_MANIFEST;
  CsItem *item = NULL;
  const char *leaf = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    return g_strdup ("");
  steps = g_strsplit (path, ".", -1);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      char *bracket = strchr (steps[i], '[');
      guint64 index = 0;
      Holder inner;
      char *element;

      if (bracket != NULL)
        {
          char *end = NULL;

          index = g_ascii_strtoull (bracket + 1, &end, 10);
          if (end == bracket + 1 || *end != ']' || end[1] != '\0' || index > G_MAXUINT)
            return g_strdup (path);
          *bracket = '\0';
        }

      /* parties.<role>: the role is the label, the party's fields follow */
      if (holder == IN_MANIFEST && dotted->len == 0 && strcmp (steps[i], "parties") == 0 &&
          bracket == NULL && steps[i + 1] != NULL)
        {
          const char *role = party_label (steps[i + 1]);

          if (role == NULL)
            return g_strdup (path);
          g_ptr_array_add (parts, g_strdup (role));
          holder = IN_PARTY;
          i++;
          continue;
        }

      if (dotted->len > 0)
        g_string_append_c (dotted, '.');
      g_string_append (dotted, steps[i]);
      if (bracket == NULL)
        continue;

      if (holder == IN_MANIFEST && strcmp (steps[i], "items") == 0 && manifest != NULL &&
          index < CS_MANIFEST_N_ITEMS (manifest))
        item = CS_MANIFEST_ITEM (manifest, index);
      element = element_label (manifest, item, holder, dotted->str, (guint) index, &inner);
      if (element == NULL)
        {
          /* a plain value in a list (a document's covered line): the list's label says it */
          continue;
        }
      g_ptr_array_add (parts, element);
      if (inner != holder)
        {
          holder = inner;
          g_string_truncate (dotted, 0);
        }
      else
        {
          /* a VIN, seal or serial: the element label is the field's label */
          if (steps[i + 1] != NULL)
            return g_strdup (path);
          g_string_truncate (dotted, 0);
        }
    }

  if (dotted->len > 0)
    {
      leaf = lookup_label (holder, dotted->str);
      if (leaf == NULL)
        return g_strdup (path);
      g_ptr_array_add (parts, g_strdup (leaf));
    }
  if (parts->len == 0)
    return g_strdup (path);
  g_ptr_array_add (parts, NULL);
  /* Translators: joins the parts of a field's name, e.g. "Line 4 · Make" */
  return g_strjoinv (C_("field label separator", " · "), (GStrv) parts->pdata);
}
