/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-model.c: the field tables of the domain model */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cs-model.h"

const char * const cs_manifest_statuses[] = { "draft", "ready", "exported", "archived", NULL };
const char * const cs_directions[] = { "export", "import", NULL };
const char * const cs_preferences[] = { "none", "ACFTA", "RCEP", NULL };
const char * const cs_modes[] = { "rail", "sea", "road", "river", NULL };
const char * const cs_transport_doc_types[] = { "BL", "SWB", "CIM", "SMGS", "CMR", NULL };
const char * const cs_categories[] = { "vehicle", "electronics", "machinery", "perishable", "general", NULL };
const char * const cs_powertrains[] = { "ICE", "HEV", "PHEV", "BEV", "FCEV", NULL };
const char * const cs_conditions[] = { "new", "used", NULL };
const char * const cs_battery_kinds[] = { "none", "contained", "packed_with", "standalone", NULL };
const char * const cs_chemistries[] = { "li_ion", "li_metal", "na_ion", NULL };
const char * const cs_ethylene_kinds[] = { "producer", "sensitive", "none", NULL };
const char * const cs_document_kinds[] = {
  "phytosanitary", "health_certificate", "form_e", "rcep_origin", "export_licence",
  "dg_declaration", "vgm_certificate", "commercial_invoice", "packing_list", NULL
};
const char * const cs_party_roles[] = { "shipper", "consignee", "notify", "declarant", "carrier", NULL };

#define F(T, name, kind, member)          { name, kind, G_STRUCT_OFFSET (T, member), NULL, NULL }
#define E(T, name, member, choices)       { name, CS_FIELD_ENUM, G_STRUCT_OFFSET (T, member), choices, NULL }
#define R(T, name, member, type_fn)       { name, CS_FIELD_RECORD, G_STRUCT_OFFSET (T, member), NULL, type_fn }
#define L(T, name, member, type_fn)       { name, CS_FIELD_LIST, G_STRUCT_OFFSET (T, member), NULL, type_fn }

/* Each record type: final GType, a field table, and class_init installing it. */
#define CS_DEFINE_RECORD(TN, t_n)                                                  \
  G_DEFINE_FINAL_TYPE (TN, t_n, CS_TYPE_RECORD)                                    \
  static void t_n##_class_init (TN##Class *klass)                                  \
  {                                                                                \
    cs_record_class_install_fields (CS_RECORD_CLASS (klass), t_n##_fields,         \
                                    G_N_ELEMENTS (t_n##_fields));                  \
  }                                                                                \
  static void t_n##_init (TN *self) { }

static const CsField cs_party_fields[] = {
  F (CsParty, "name", CS_FIELD_STRING, name),
  F (CsParty, "name_latin", CS_FIELD_STRING, name_latin),
  F (CsParty, "address", CS_FIELD_STRING, address),
  F (CsParty, "city", CS_FIELD_STRING, city),
  F (CsParty, "postcode", CS_FIELD_STRING, postcode),
  F (CsParty, "country", CS_FIELD_STRING, country),
  F (CsParty, "tax_id", CS_FIELD_STRING, tax_id),
  F (CsParty, "contact", CS_FIELD_STRING, contact),
  F (CsParty, "phone", CS_FIELD_STRING, phone),
  F (CsParty, "email", CS_FIELD_STRING, email),
};
CS_DEFINE_RECORD (CsParty, cs_party)

static const CsField cs_parties_fields[] = {
  R (CsParties, "shipper", shipper, cs_party_get_type),
  R (CsParties, "consignee", consignee, cs_party_get_type),
  R (CsParties, "notify", notify, cs_party_get_type),
  R (CsParties, "declarant", declarant, cs_party_get_type),
  R (CsParties, "carrier", carrier, cs_party_get_type),
};
CS_DEFINE_RECORD (CsParties, cs_parties)

static const CsField cs_vessel_fields[] = {
  F (CsVessel, "name", CS_FIELD_STRING, name),
  F (CsVessel, "imo", CS_FIELD_STRING, imo),
  F (CsVessel, "call_sign", CS_FIELD_STRING, call_sign),
  F (CsVessel, "flag", CS_FIELD_STRING, flag),
};
CS_DEFINE_RECORD (CsVessel, cs_vessel)

static const CsField cs_leg_fields[] = {
  E (CsLeg, "mode", mode, cs_modes),
  F (CsLeg, "from", CS_FIELD_STRING, from),
  F (CsLeg, "to", CS_FIELD_STRING, to),
  F (CsLeg, "carrier", CS_FIELD_STRING, carrier),
  F (CsLeg, "voyage", CS_FIELD_STRING, voyage),
  F (CsLeg, "etd", CS_FIELD_DATETIME, etd),
  F (CsLeg, "eta", CS_FIELD_DATETIME, eta),
  R (CsLeg, "vessel", vessel, cs_vessel_get_type),
  F (CsLeg, "carrier_code", CS_FIELD_STRING, carrier_code),
};
CS_DEFINE_RECORD (CsLeg, cs_leg)

static const CsField cs_transport_document_fields[] = {
  E (CsTransportDocument, "type", type, cs_transport_doc_types),
  F (CsTransportDocument, "number", CS_FIELD_STRING, number),
};
CS_DEFINE_RECORD (CsTransportDocument, cs_transport_document)

static const CsField cs_incoterm_fields[] = {
  F (CsIncoterm, "code", CS_FIELD_STRING, code),
  F (CsIncoterm, "place", CS_FIELD_STRING, place),
};
CS_DEFINE_RECORD (CsIncoterm, cs_incoterm)

static const CsField cs_invoice_fields[] = {
  F (CsInvoice, "number", CS_FIELD_STRING, number),
  F (CsInvoice, "date", CS_FIELD_DATE, date),
  F (CsInvoice, "total", CS_FIELD_NUMBER, total),
};
CS_DEFINE_RECORD (CsInvoice, cs_invoice)

static const CsField cs_reefer_fields[] = {
  F (CsReefer, "setpoint_c", CS_FIELD_NUMBER, setpoint_c),
  F (CsReefer, "humidity_pct", CS_FIELD_NUMBER, humidity_pct),
  F (CsReefer, "vent_cmh", CS_FIELD_NUMBER, vent_cmh),
};
CS_DEFINE_RECORD (CsReefer, cs_reefer)

static const CsField cs_container_fields[] = {
  F (CsContainer, "number", CS_FIELD_STRING, number),
  F (CsContainer, "size_type", CS_FIELD_STRING, size_type),
  F (CsContainer, "tare_kg", CS_FIELD_NUMBER, tare_kg),
  F (CsContainer, "max_gross_kg", CS_FIELD_NUMBER, max_gross_kg),
  F (CsContainer, "seals", CS_FIELD_STRV, seals),
  F (CsContainer, "vgm_kg", CS_FIELD_NUMBER, vgm_kg),
  F (CsContainer, "vgm_method", CS_FIELD_INTEGER, vgm_method),
  R (CsContainer, "reefer", reefer, cs_reefer_get_type),
  F (CsContainer, "pending", CS_FIELD_STRV, pending),
};
CS_DEFINE_RECORD (CsContainer, cs_container)

static const CsField cs_packages_fields[] = {
  F (CsPackages, "count", CS_FIELD_INTEGER, count),
  F (CsPackages, "type", CS_FIELD_STRING, type),
};
CS_DEFINE_RECORD (CsPackages, cs_packages)

static const CsField cs_split_fields[] = {
  F (CsSplit, "container", CS_FIELD_STRING, container),
  F (CsSplit, "packages", CS_FIELD_INTEGER, packages),
};
CS_DEFINE_RECORD (CsSplit, cs_split)

static const CsField cs_dg_fields[] = {
  F (CsDg, "un_number", CS_FIELD_STRING, un_number),
  F (CsDg, "class", CS_FIELD_STRING, dg_class),
  F (CsDg, "packing_group", CS_FIELD_STRING, packing_group),
  F (CsDg, "proper_shipping_name", CS_FIELD_STRING, proper_shipping_name),
};
CS_DEFINE_RECORD (CsDg, cs_dg)

static const CsField cs_vehicle_fields[] = {
  F (CsVehicle, "vins", CS_FIELD_STRV, vins),
  F (CsVehicle, "vin_containers", CS_FIELD_STRV, vin_containers),
  F (CsVehicle, "make", CS_FIELD_STRING, make),
  F (CsVehicle, "model", CS_FIELD_STRING, model),
  F (CsVehicle, "model_year", CS_FIELD_INTEGER, model_year),
  E (CsVehicle, "powertrain", powertrain, cs_powertrains),
  E (CsVehicle, "condition", condition, cs_conditions),
  F (CsVehicle, "battery_kwh", CS_FIELD_NUMBER, battery_kwh),
};
G_DEFINE_FINAL_TYPE (CsVehicle, cs_vehicle, CS_TYPE_RECORD)

/* Emptying a tagged list through the notifying setters (deleting every VIN in the editor) also
 * drops its containers: boxes of no entry would survive in memory but not in the store, and make
 * a saved draft compare unequal to itself. */
static void
tagged_list_notify (GObject    *object,
                    GParamSpec *pspec)
{
  CsRecord *rec = CS_RECORD (object);
  const CsTaggedList *t = cs_tagged_list_find (G_OBJECT_TYPE (object), pspec->name, NULL);

  if (t != NULL && strcmp (pspec->name, t->list) == 0)
    {
      const char * const *list = *(const char * const **) CS_FIELD_SLOT (rec, cs_record_find_field (rec, t->list));

      if (list == NULL || list[0] == NULL)
        cs_field_take_strv (rec, cs_record_find_field (rec, t->containers), NULL);
    }
  if (G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->notify != NULL)
    G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->notify (object, pspec);
}

static void
cs_vehicle_class_init (CsVehicleClass *klass)
{
  cs_record_class_install_fields (CS_RECORD_CLASS (klass), cs_vehicle_fields, G_N_ELEMENTS (cs_vehicle_fields));
  G_OBJECT_CLASS (klass)->notify = tagged_list_notify;
}

static void cs_vehicle_init (CsVehicle *self) { }

static const CsField cs_vin_entry_fields[] = {
  F (CsVinEntry, "vin", CS_FIELD_STRING, vin),
  F (CsVinEntry, "container", CS_FIELD_STRING, container),
};
CS_DEFINE_RECORD (CsVinEntry, cs_vin_entry)

static const CsField cs_serial_entry_fields[] = {
  F (CsSerialEntry, "serial", CS_FIELD_STRING, serial),
  F (CsSerialEntry, "container", CS_FIELD_STRING, container),
};
CS_DEFINE_RECORD (CsSerialEntry, cs_serial_entry)

static const CsField cs_electronics_fields[] = {
  E (CsElectronics, "battery", battery, cs_battery_kinds),
  E (CsElectronics, "chemistry", chemistry, cs_chemistries),
  F (CsElectronics, "wh_per_unit", CS_FIELD_NUMBER, wh_per_unit),
};
CS_DEFINE_RECORD (CsElectronics, cs_electronics)

static const CsField cs_machinery_fields[] = {
  F (CsMachinery, "serials", CS_FIELD_STRV, serials),
  F (CsMachinery, "serial_containers", CS_FIELD_STRV, serial_containers),
  F (CsMachinery, "dual_use", CS_FIELD_BOOLEAN, dual_use),
  F (CsMachinery, "licence_no", CS_FIELD_STRING, licence_no),
};
G_DEFINE_FINAL_TYPE (CsMachinery, cs_machinery, CS_TYPE_RECORD)

static void
cs_machinery_class_init (CsMachineryClass *klass)
{
  cs_record_class_install_fields (CS_RECORD_CLASS (klass), cs_machinery_fields, G_N_ELEMENTS (cs_machinery_fields));
  G_OBJECT_CLASS (klass)->notify = tagged_list_notify;
}

static void cs_machinery_init (CsMachinery *self) { }

static const CsField cs_perishable_fields[] = {
  F (CsPerishable, "product", CS_FIELD_STRING, product),
  F (CsPerishable, "temp_min_c", CS_FIELD_NUMBER, temp_min_c),
  F (CsPerishable, "temp_max_c", CS_FIELD_NUMBER, temp_max_c),
  F (CsPerishable, "frozen", CS_FIELD_BOOLEAN, frozen),
  F (CsPerishable, "shelf_life_days", CS_FIELD_INTEGER, shelf_life_days),
  F (CsPerishable, "packed_on", CS_FIELD_DATE, packed_on),
  F (CsPerishable, "humidity_pct", CS_FIELD_NUMBER, humidity_pct),
  E (CsPerishable, "ethylene", ethylene, cs_ethylene_kinds),
};
CS_DEFINE_RECORD (CsPerishable, cs_perishable)

static const CsField cs_item_fields[] = {
  F (CsItem, "line", CS_FIELD_INTEGER, line),
  E (CsItem, "category", category, cs_categories),
  F (CsItem, "description", CS_FIELD_STRING, description),
  F (CsItem, "hs_code", CS_FIELD_STRING, hs_code),
  F (CsItem, "product", CS_FIELD_STRING, product),
  F (CsItem, "quantity", CS_FIELD_NUMBER, quantity),
  F (CsItem, "unit", CS_FIELD_STRING, unit),
  R (CsItem, "packages", packages, cs_packages_get_type),
  F (CsItem, "net_kg", CS_FIELD_NUMBER, net_kg),
  F (CsItem, "gross_kg", CS_FIELD_NUMBER, gross_kg),
  F (CsItem, "volume_m3", CS_FIELD_NUMBER, volume_m3),
  F (CsItem, "value", CS_FIELD_NUMBER, value),
  F (CsItem, "origin_country", CS_FIELD_STRING, origin_country),
  F (CsItem, "marks", CS_FIELD_STRING, marks),
  F (CsItem, "container", CS_FIELD_STRING, container),
  L (CsItem, "splits", splits, cs_split_get_type),
  R (CsItem, "dg", dg, cs_dg_get_type),
  R (CsItem, "vehicle", vehicle, cs_vehicle_get_type),
  R (CsItem, "electronics", electronics, cs_electronics_get_type),
  R (CsItem, "machinery", machinery, cs_machinery_get_type),
  R (CsItem, "perishable", perishable, cs_perishable_get_type),
};
CS_DEFINE_RECORD (CsItem, cs_item)

static const CsField cs_document_fields[] = {
  E (CsDocument, "kind", kind, cs_document_kinds),
  F (CsDocument, "number", CS_FIELD_STRING, number),
  F (CsDocument, "issued_on", CS_FIELD_DATE, issued_on),
  F (CsDocument, "expires_on", CS_FIELD_DATE, expires_on),
  F (CsDocument, "issuer", CS_FIELD_STRING, issuer),
  F (CsDocument, "covers", CS_FIELD_INTV, covers),
};
CS_DEFINE_RECORD (CsDocument, cs_document)

static const CsField cs_manifest_fields[] = {
  F (CsManifest, "id", CS_FIELD_STRING, id),
  F (CsManifest, "reference", CS_FIELD_STRING, reference),
  E (CsManifest, "status", status, cs_manifest_statuses),
  E (CsManifest, "direction", direction, cs_directions),
  F (CsManifest, "corridor", CS_FIELD_STRING, corridor),
  L (CsManifest, "legs", legs, cs_leg_get_type),
  F (CsManifest, "place_of_receipt", CS_FIELD_STRING, place_of_receipt),
  F (CsManifest, "port_of_loading", CS_FIELD_STRING, port_of_loading),
  F (CsManifest, "port_of_discharge", CS_FIELD_STRING, port_of_discharge),
  F (CsManifest, "place_of_delivery", CS_FIELD_STRING, place_of_delivery),
  R (CsManifest, "transport_document", transport_document, cs_transport_document_get_type),
  R (CsManifest, "incoterm", incoterm, cs_incoterm_get_type),
  F (CsManifest, "currency", CS_FIELD_STRING, currency),
  R (CsManifest, "invoice", invoice, cs_invoice_get_type),
  E (CsManifest, "preference", preference, cs_preferences),
  R (CsManifest, "parties", parties, cs_parties_get_type),
  L (CsManifest, "containers", containers, cs_container_get_type),
  L (CsManifest, "items", items, cs_item_get_type),
  L (CsManifest, "documents", documents, cs_document_get_type),
  F (CsManifest, "notes", CS_FIELD_STRING, notes),
};
CS_DEFINE_RECORD (CsManifest, cs_manifest)

CsParty *
cs_party_new (void)
{
  return g_object_new (CS_TYPE_PARTY, NULL);
}

CsLeg *
cs_leg_new (void)
{
  return g_object_new (CS_TYPE_LEG, NULL);
}

CsContainer *
cs_container_new (void)
{
  return g_object_new (CS_TYPE_CONTAINER, NULL);
}

CsItem *
cs_item_new (void)
{
  return g_object_new (CS_TYPE_ITEM, NULL);
}

CsSplit *
cs_split_new (void)
{
  return g_object_new (CS_TYPE_SPLIT, NULL);
}

CsDocument *
cs_document_new (void)
{
  return g_object_new (CS_TYPE_DOCUMENT, NULL);
}

CsManifest *
cs_manifest_new (void)
{
  return g_object_new (CS_TYPE_MANIFEST, NULL);
}

CsManifest *
cs_manifest_new_draft (void)
{
  CsManifest *self = cs_manifest_new ();
  CsRecord *rec = CS_RECORD (self);

  cs_field_take_string (rec, cs_record_find_field (rec, "id"), g_uuid_string_random ());
  cs_manifest_set_status (self, CS_STATUS_DRAFT);
  cs_manifest_set_direction (self, CS_DIRECTION_EXPORT);
  cs_field_take_record (rec, cs_record_find_field (rec, "parties"),
                        g_object_new (CS_TYPE_PARTIES, NULL));
  return self;
}

CsParty *
cs_manifest_get_party (CsManifest *self,
                       const char *role)
{
  const CsField *field;

  g_return_val_if_fail (CS_IS_MANIFEST (self), NULL);

  if (self->parties == NULL)
    return NULL;
  field = cs_record_find_field (CS_RECORD (self->parties), role);
  g_return_val_if_fail (field != NULL, NULL);
  return *(CsParty **) CS_FIELD_SLOT (self->parties, field);
}

CsRecord *
cs_item_get_category_block (CsItem *self)
{
  g_return_val_if_fail (CS_IS_ITEM (self), NULL);

  switch (cs_item_get_category (self))
    {
    case CS_CATEGORY_VEHICLE:
      return CS_RECORD (self->vehicle);
    case CS_CATEGORY_ELECTRONICS:
      return CS_RECORD (self->electronics);
    case CS_CATEGORY_MACHINERY:
      return CS_RECORD (self->machinery);
    case CS_CATEGORY_PERISHABLE:
      return CS_RECORD (self->perishable);
    case CS_CATEGORY_GENERAL:
    case CS_CATEGORY_UNSET:
    default:
      return NULL;
    }
}

void
cs_item_forget_identities (CsItem *self)
{
  static const struct { gsize block; const char *names[2]; } vectors[] = {
    { G_STRUCT_OFFSET (CsItem, vehicle), { "vins", "vin_containers" } },
    { G_STRUCT_OFFSET (CsItem, machinery), { "serials", "serial_containers" } },
  };

  g_return_if_fail (CS_IS_ITEM (self));

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      CsRecord *block = G_STRUCT_MEMBER (CsRecord *, self, vectors[i].block);

      if (block == NULL)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (vectors[i].names); k++)
        cs_field_take_strv (block, cs_record_find_field (block, vectors[i].names[k]), NULL);
    }
}

CsContainer *
cs_manifest_find_container (CsManifest *self,
                            const char *number)
{
  g_return_val_if_fail (CS_IS_MANIFEST (self), NULL);

  if (number == NULL)
    return NULL;
  for (guint i = 0; i < CS_MANIFEST_N_CONTAINERS (self); i++)
    {
      CsContainer *c = CS_MANIFEST_CONTAINER (self, i);
      if (g_strcmp0 (c->number, number) == 0)
        return c;
    }
  return NULL;
}

static inline double
or_zero (double v)
{
  return cs_num_is_set (v) ? v : 0.0;
}

void
cs_manifest_compute_totals (CsManifest *self,
                            CsTotals   *totals)
{
  double packages = 0;

  g_return_if_fail (CS_IS_MANIFEST (self));

  memset (totals, 0, sizeof *totals);
  totals->n_items = CS_MANIFEST_N_ITEMS (self);
  for (guint i = 0; i < totals->n_items; i++)
    {
      CsItem *it = CS_MANIFEST_ITEM (self, i);

      totals->net_kg += or_zero (it->net_kg);
      totals->gross_kg += or_zero (it->gross_kg);
      totals->volume_m3 += or_zero (it->volume_m3);
      totals->value += or_zero (it->value);
      totals->quantity += or_zero (it->quantity);
      if (it->packages != NULL)
        packages += or_zero (it->packages->count);
      if (it->vehicle != NULL && it->vehicle->vins != NULL)
        totals->n_vins += g_strv_length (it->vehicle->vins);
    }
  /* summed as doubles and clamped: an absurd count (1e300) must not overflow the integer */
  totals->packages = (gint64) CLAMP (packages, -9007199254740992.0, 9007199254740992.0);
}

const char *
cs_manifest_get_departure (CsManifest *self)
{
  g_return_val_if_fail (CS_IS_MANIFEST (self), NULL);

  if (CS_MANIFEST_N_LEGS (self) == 0)
    return NULL;
  return CS_MANIFEST_LEG (self, 0)->etd;
}

/* ---- lists whose entries name their container ---------------------------------------------- */

const CsTaggedList *
cs_tagged_list_find (GType       record_type,
                     const char *name,
                     gboolean   *is_containers)
{
  static const CsTaggedList vins = { "vins", "vin_containers", "vin", cs_vin_entry_get_type };
  static const CsTaggedList serials = { "serials", "serial_containers", "serial", cs_serial_entry_get_type };
  const CsTaggedList *t;

  if (record_type == CS_TYPE_VEHICLE)
    t = &vins;
  else if (record_type == CS_TYPE_MACHINERY)
    t = &serials;
  else
    return NULL;
  if (is_containers != NULL)
    *is_containers = strcmp (name, t->containers) == 0;
  if (strcmp (name, t->list) == 0 || strcmp (name, t->containers) == 0)
    return t;
  return NULL;
}

const char *
cs_tagged_container (const char * const *containers,
                     guint               i)
{
  if (containers == NULL)
    return NULL;
  for (guint j = 0; j < i; j++)
    if (containers[j] == NULL)
      return NULL;
  return containers[i] != NULL && containers[i][0] != '\0' ? containers[i] : NULL;
}

GStrv
cs_tagged_containers_take (GPtrArray *boxes)
{
  while (boxes->len > 0 && ((const char *) boxes->pdata[boxes->len - 1])[0] == '\0')
    g_ptr_array_remove_index (boxes, boxes->len - 1);
  if (boxes->len == 0)
    {
      g_ptr_array_unref (boxes);
      return NULL;
    }
  g_ptr_array_add (boxes, NULL);
  return (GStrv) g_ptr_array_free (boxes, FALSE);
}

/* ---- translated enum words ------------------------------------------------------------------ */

/* ---- typed access to the enum fields ----------------------------------------------------- */

/* Every typed setter: the value's JSON string through the notifying string setter. */
static void
set_enum (gpointer    record,
          const char *field,
          GType       enum_type,
          int         value)
{
  const char *s = cs_enum_to_string (enum_type, value);

  g_return_if_fail (value < 0 || s != NULL);
  cs_record_set_string (CS_RECORD (record), field, s);
}

CsStatus
cs_manifest_get_status (CsManifest *self)
{
  g_return_val_if_fail (CS_IS_MANIFEST (self), CS_STATUS_UNSET);
  return cs_enum_from_string (CS_TYPE_STATUS, self->status);
}

void
cs_manifest_set_status (CsManifest *self,
                        CsStatus    status)
{
  g_return_if_fail (CS_IS_MANIFEST (self));
  set_enum (self, "status", CS_TYPE_STATUS, status);
}

CsStatus
cs_manifest_reopen_after_edit (CsManifest *self,
                               CsRecord   *origin,
                               const char *field)
{
  CsStatus status;

  g_return_val_if_fail (CS_IS_MANIFEST (self), CS_STATUS_UNSET);
  if (origin == CS_RECORD (self) && g_strcmp0 (field, "status") == 0)
    return CS_STATUS_UNSET;
  status = cs_manifest_get_status (self);
  if (status != CS_STATUS_READY && status != CS_STATUS_EXPORTED)
    return CS_STATUS_UNSET;
  cs_manifest_set_status (self, CS_STATUS_DRAFT);
  return status;
}

CsDirection
cs_manifest_get_direction (CsManifest *self)
{
  g_return_val_if_fail (CS_IS_MANIFEST (self), CS_DIRECTION_UNSET);
  return cs_enum_from_string (CS_TYPE_DIRECTION, self->direction);
}

void
cs_manifest_set_direction (CsManifest  *self,
                           CsDirection  direction)
{
  g_return_if_fail (CS_IS_MANIFEST (self));
  set_enum (self, "direction", CS_TYPE_DIRECTION, direction);
}

CsTariffPreference
cs_manifest_get_preference (CsManifest *self)
{
  g_return_val_if_fail (CS_IS_MANIFEST (self), CS_TARIFF_PREFERENCE_UNSET);
  return cs_enum_from_string (CS_TYPE_TARIFF_PREFERENCE, self->preference);
}

void
cs_manifest_set_preference (CsManifest         *self,
                            CsTariffPreference  preference)
{
  g_return_if_fail (CS_IS_MANIFEST (self));
  set_enum (self, "preference", CS_TYPE_TARIFF_PREFERENCE, preference);
}

CsMode
cs_leg_get_mode (CsLeg *self)
{
  g_return_val_if_fail (CS_IS_LEG (self), CS_MODE_UNSET);
  return cs_enum_from_string (CS_TYPE_MODE, self->mode);
}

void
cs_leg_set_mode (CsLeg  *self,
                 CsMode  mode)
{
  g_return_if_fail (CS_IS_LEG (self));
  set_enum (self, "mode", CS_TYPE_MODE, mode);
}

CsCategory
cs_item_get_category (CsItem *self)
{
  g_return_val_if_fail (CS_IS_ITEM (self), CS_CATEGORY_UNSET);
  return cs_enum_from_string (CS_TYPE_CATEGORY, self->category);
}

void
cs_item_set_category (CsItem     *self,
                      CsCategory  category)
{
  g_return_if_fail (CS_IS_ITEM (self));
  set_enum (self, "category", CS_TYPE_CATEGORY, category);
}

CsDocKind
cs_document_get_kind (CsDocument *self)
{
  g_return_val_if_fail (CS_IS_DOCUMENT (self), CS_DOC_KIND_UNSET);
  return cs_enum_from_string (CS_TYPE_DOC_KIND, self->kind);
}

void
cs_document_set_kind (CsDocument *self,
                      CsDocKind   kind)
{
  g_return_if_fail (CS_IS_DOCUMENT (self));
  set_enum (self, "kind", CS_TYPE_DOC_KIND, kind);
}

const char *
cs_mode_label (const char *mode)
{
  switch ((CsMode) cs_enum_from_string (CS_TYPE_MODE, mode))
    {
    case CS_MODE_RAIL:
      return C_("transport mode", "rail");
    case CS_MODE_SEA:
      return C_("transport mode", "sea");
    case CS_MODE_ROAD:
      return C_("transport mode", "road");
    case CS_MODE_RIVER:
      return C_("transport mode", "river");
    case CS_MODE_UNSET:
    default:
      return mode != NULL ? mode : "—";
    }
}

const char *
cs_status_label (const char *status)
{
  switch ((CsStatus) cs_enum_from_string (CS_TYPE_STATUS, status))
    {
    case CS_STATUS_DRAFT:
      return C_("status", "draft");
    case CS_STATUS_READY:
      return C_("status", "ready");
    case CS_STATUS_EXPORTED:
      return C_("status", "exported");
    case CS_STATUS_ARCHIVED:
      return C_("status", "archived");
    case CS_STATUS_UNSET:
    default:
      return status != NULL ? status : "—";
    }
}

const char *
cs_direction_label (const char *direction)
{
  switch ((CsDirection) cs_enum_from_string (CS_TYPE_DIRECTION, direction))
    {
    case CS_DIRECTION_EXPORT:
      return C_("direction", "export");
    case CS_DIRECTION_IMPORT:
      return C_("direction", "import");
    case CS_DIRECTION_UNSET:
    default:
      return direction != NULL ? direction : "—";
    }
}

const char *
cs_party_display_name (const CsParty *party)
{
  g_return_val_if_fail (party != NULL, "");

  if (party->name != NULL && party->name[0] != '\0')
    return party->name;
  return party->name_latin != NULL ? party->name_latin : "";
}
