/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-model.h: the shipment manifest, its parts, and the JSON field names they carry
 *
 * The field tables in cs-model.c are the single description of the domain model (which is
 * also the JSON interchange format). Read the public struct
 * fields directly; change a live manifest with cs_record_set_*() (see cs-record.h) or the
 * helpers below, so that the editor, autosave and validation hear of it.
 *
 * Conventions: strings NULL = absent; numbers NAN = absent (cs_num_is_set); enum strings are
 * interned (compare with g_strcmp0 or, after g_intern_string, by pointer). Each enum string field
 * has a C enum in cs-enums.h; the typed accessors below read and write through it.
 */
#pragma once

#include "cs-enums.h"
#include "cs-list.h"
#include "cs-record.h"

G_BEGIN_DECLS

#define CS_TYPE_PARTY               (cs_party_get_type ())
#define CS_TYPE_PARTIES             (cs_parties_get_type ())
#define CS_TYPE_VESSEL              (cs_vessel_get_type ())
#define CS_TYPE_LEG                 (cs_leg_get_type ())
#define CS_TYPE_TRANSPORT_DOCUMENT  (cs_transport_document_get_type ())
#define CS_TYPE_INCOTERM            (cs_incoterm_get_type ())
#define CS_TYPE_INVOICE             (cs_invoice_get_type ())
#define CS_TYPE_REEFER              (cs_reefer_get_type ())
#define CS_TYPE_CONTAINER           (cs_container_get_type ())
#define CS_TYPE_PACKAGES            (cs_packages_get_type ())
#define CS_TYPE_SPLIT               (cs_split_get_type ())
#define CS_TYPE_DG                  (cs_dg_get_type ())
#define CS_TYPE_VEHICLE             (cs_vehicle_get_type ())
#define CS_TYPE_ELECTRONICS         (cs_electronics_get_type ())
#define CS_TYPE_MACHINERY           (cs_machinery_get_type ())
#define CS_TYPE_PERISHABLE          (cs_perishable_get_type ())
#define CS_TYPE_ITEM                (cs_item_get_type ())
#define CS_TYPE_DOCUMENT            (cs_document_get_type ())
#define CS_TYPE_MANIFEST            (cs_manifest_get_type ())

G_DECLARE_FINAL_TYPE (CsParty, cs_party, CS, PARTY, CsRecord)
G_DECLARE_FINAL_TYPE (CsParties, cs_parties, CS, PARTIES, CsRecord)
G_DECLARE_FINAL_TYPE (CsVessel, cs_vessel, CS, VESSEL, CsRecord)
G_DECLARE_FINAL_TYPE (CsLeg, cs_leg, CS, LEG, CsRecord)
G_DECLARE_FINAL_TYPE (CsTransportDocument, cs_transport_document, CS, TRANSPORT_DOCUMENT, CsRecord)
G_DECLARE_FINAL_TYPE (CsIncoterm, cs_incoterm, CS, INCOTERM, CsRecord)
G_DECLARE_FINAL_TYPE (CsInvoice, cs_invoice, CS, INVOICE, CsRecord)
G_DECLARE_FINAL_TYPE (CsReefer, cs_reefer, CS, REEFER, CsRecord)
G_DECLARE_FINAL_TYPE (CsContainer, cs_container, CS, CONTAINER, CsRecord)
G_DECLARE_FINAL_TYPE (CsPackages, cs_packages, CS, PACKAGES, CsRecord)
G_DECLARE_FINAL_TYPE (CsSplit, cs_split, CS, SPLIT, CsRecord)
G_DECLARE_FINAL_TYPE (CsDg, cs_dg, CS, DG, CsRecord)
G_DECLARE_FINAL_TYPE (CsVehicle, cs_vehicle, CS, VEHICLE, CsRecord)
G_DECLARE_FINAL_TYPE (CsVinEntry, cs_vin_entry, CS, VIN_ENTRY, CsRecord)
G_DECLARE_FINAL_TYPE (CsSerialEntry, cs_serial_entry, CS, SERIAL_ENTRY, CsRecord)
G_DECLARE_FINAL_TYPE (CsElectronics, cs_electronics, CS, ELECTRONICS, CsRecord)
G_DECLARE_FINAL_TYPE (CsMachinery, cs_machinery, CS, MACHINERY, CsRecord)
G_DECLARE_FINAL_TYPE (CsPerishable, cs_perishable, CS, PERISHABLE, CsRecord)
G_DECLARE_FINAL_TYPE (CsItem, cs_item, CS, ITEM, CsRecord)
G_DECLARE_FINAL_TYPE (CsDocument, cs_document, CS, DOCUMENT, CsRecord)
G_DECLARE_FINAL_TYPE (CsManifest, cs_manifest, CS, MANIFEST, CsRecord)

/* Enum values, NULL-terminated, as written in JSON: the nicks of the cs-enums.h enum named
 * alongside, in its order (test-enums checks that they agree). */
extern const char * const cs_manifest_statuses[];     /* draft ready exported archived */
extern const char * const cs_directions[];            /* export import */
extern const char * const cs_preferences[];           /* none ACFTA RCEP */
extern const char * const cs_modes[];                 /* rail sea road river */
extern const char * const cs_transport_doc_types[];   /* BL SWB CIM SMGS CMR */
extern const char * const cs_categories[];            /* vehicle electronics machinery perishable general */
extern const char * const cs_powertrains[];           /* ICE HEV PHEV BEV FCEV */
extern const char * const cs_conditions[];            /* new used */
extern const char * const cs_battery_kinds[];         /* none contained packed_with standalone */
extern const char * const cs_chemistries[];           /* li_ion li_metal na_ion */
extern const char * const cs_ethylene_kinds[];        /* producer sensitive none */
extern const char * const cs_document_kinds[];        /* phytosanitary ... packing_list */
extern const char * const cs_party_roles[];           /* shipper consignee notify declarant carrier */

struct _CsParty
{
  CsRecord parent_instance;
  char *name, *name_latin, *address, *city, *postcode, *country, *tax_id, *contact, *phone, *email;
};

struct _CsParties
{
  CsRecord parent_instance;
  CsParty *shipper, *consignee, *notify, *declarant, *carrier;
};

/* The conveyance of a leg: the ship (or train, truck) that carries it. */
struct _CsVessel
{
  CsRecord parent_instance;
  char *name;
  char *imo;                /* IMO ship identification number, 7 digits */
  char *call_sign;          /* radio call sign */
  char *flag;               /* nationality, ISO 3166-1 alpha-2 */
};

struct _CsLeg
{
  CsRecord parent_instance;
  const char *mode;
  char *from, *to, *carrier, *voyage;
  char *etd, *eta;          /* ISO 8601 */
  CsVessel *vessel;         /* NULL = not known */
  char *carrier_code;       /* the carrier's code (SCAC or the line's code) */
};

struct _CsTransportDocument
{
  CsRecord parent_instance;
  const char *type;
  char *number;
};

struct _CsIncoterm
{
  CsRecord parent_instance;
  char *code, *place;
};

struct _CsInvoice
{
  CsRecord parent_instance;
  char *number, *date;
  double total;
};

struct _CsReefer
{
  CsRecord parent_instance;
  double setpoint_c, humidity_pct, vent_cmh;
};

struct _CsContainer
{
  CsRecord parent_instance;
  char *number, *size_type;
  double tare_kg, max_gross_kg;
  GStrv seals;
  double vgm_kg;
  double vgm_method;        /* 1 or 2 */
  CsReefer *reefer;
  GStrv pending;            /* names of fields still to come, e.g. "seals" */
};

struct _CsPackages
{
  CsRecord parent_instance;
  double count;
  char *type;               /* UN/ECE Rec 21 */
};

struct _CsSplit
{
  CsRecord parent_instance;
  char *container;
  double packages;
};

struct _CsDg
{
  CsRecord parent_instance;
  char *un_number, *dg_class, *packing_group, *proper_shipping_name;   /* JSON: class */
};

struct _CsVehicle
{
  CsRecord parent_instance;
  GStrv vins;
  GStrv vin_containers;     /* parallel to vins (see CsTaggedList): the container of vins[i] */
  char *make, *model;
  double model_year;
  const char *powertrain, *condition;
  double battery_kwh;
};

struct _CsElectronics
{
  CsRecord parent_instance;
  const char *battery, *chemistry;
  double wh_per_unit;
};

/* One entry of a tagged list as JSON writes it when it names a container: {"vin", "container"}.
 * Only the JSON reader uses these; the model keeps the two parallel vectors. */
struct _CsVinEntry
{
  CsRecord parent_instance;
  char *vin, *container;
};

struct _CsSerialEntry
{
  CsRecord parent_instance;
  char *serial, *container;
};

struct _CsMachinery
{
  CsRecord parent_instance;
  GStrv serials;
  GStrv serial_containers;  /* parallel to serials (see CsTaggedList) */
  gboolean dual_use;
  char *licence_no;
};

struct _CsPerishable
{
  CsRecord parent_instance;
  char *product;
  double temp_min_c, temp_max_c;
  gboolean frozen;
  double shelf_life_days;
  char *packed_on;
  double humidity_pct;
  const char *ethylene;
};

struct _CsItem
{
  CsRecord parent_instance;
  double line;
  const char *category;
  char *description, *hs_code;
  char *product;            /* product code of the catalogue entry the line came from */
  double quantity;
  char *unit;               /* UN/ECE Rec 20 */
  CsPackages *packages;
  double net_kg, gross_kg, volume_m3, value;
  char *origin_country, *marks;
  char *container;          /* container number, or NULL when splits are used */
  CsList *splits;           /* of CsSplit */
  CsDg *dg;
  CsVehicle *vehicle;
  CsElectronics *electronics;
  CsMachinery *machinery;
  CsPerishable *perishable;
};

struct _CsDocument
{
  CsRecord parent_instance;
  const char *kind;
  char *number, *issued_on, *expires_on, *issuer;
  GArray *covers;           /* gint64 item lines; NULL or empty = whole manifest */
};

struct _CsManifest
{
  CsRecord parent_instance;
  char *id, *reference;
  const char *status, *direction;
  char *corridor;
  CsList *legs;             /* of CsLeg */
  char *place_of_receipt, *port_of_loading, *port_of_discharge, *place_of_delivery;
  CsTransportDocument *transport_document;
  CsIncoterm *incoterm;
  char *currency;
  CsInvoice *invoice;
  const char *preference;
  CsParties *parties;
  CsList *containers;       /* of CsContainer */
  CsList *items;            /* of CsItem */
  CsList *documents;        /* of CsDocument */
  char *notes;
};

#define CS_MANIFEST_N_ITEMS(m)      (cs_list_length ((m)->items))
#define CS_MANIFEST_ITEM(m, i)      ((CsItem *) cs_list_index ((m)->items, (i)))
#define CS_MANIFEST_N_CONTAINERS(m) (cs_list_length ((m)->containers))
#define CS_MANIFEST_CONTAINER(m, i) ((CsContainer *) cs_list_index ((m)->containers, (i)))
#define CS_MANIFEST_N_LEGS(m)       (cs_list_length ((m)->legs))
#define CS_MANIFEST_LEG(m, i)       ((CsLeg *) cs_list_index ((m)->legs, (i)))
#define CS_MANIFEST_N_DOCUMENTS(m)  (cs_list_length ((m)->documents))
#define CS_MANIFEST_DOCUMENT(m, i)  ((CsDocument *) cs_list_index ((m)->documents, (i)))

/* What a party is called where one name is shown: its name, else its Latin name, else "". */
const char   *cs_party_display_name (const CsParty *party);

/* An empty object of each kind (no parent). */
CsParty      *cs_party_new      (void);
CsLeg        *cs_leg_new        (void);
CsContainer  *cs_container_new  (void);
CsItem       *cs_item_new       (void);
CsSplit      *cs_split_new      (void);
CsDocument   *cs_document_new   (void);
/* An empty manifest with nothing set. */
CsManifest   *cs_manifest_new   (void);
/* A fresh draft: a new UUID, status draft, direction export, empty parties block. */
CsManifest   *cs_manifest_new_draft (void);

/* Party by role name (shipper, consignee, notify, declarant, carrier); NULL when absent. */
CsParty      *cs_manifest_get_party (CsManifest *self,
                                     const char *role);

/* The category block of an item that matches its category, or NULL. */
CsRecord     *cs_item_get_category_block (CsItem *self);

/* Forgets what must stay unique to one cargo line: its VINs and machine serials, and the
 * containers they name. For a copy that becomes a new line or a new draft (not yet in a
 * manifest: nothing is notified). */
void          cs_item_forget_identities (CsItem *self);

/* Container by number (first match), or NULL. Linear; callers with many lookups build a hash. */
CsContainer  *cs_manifest_find_container (CsManifest *self,
                                          const char *number);

typedef struct
{
  double   net_kg;
  double   gross_kg;
  double   volume_m3;
  double   value;
  double   quantity;
  gint64   packages;
  guint    n_items;
  guint    n_vins;
} CsTotals;

/* Sums over all items; absent numbers count as 0. The package total saturates at ±2^53. */
void          cs_manifest_compute_totals (CsManifest *self,
                                          CsTotals   *totals);

/* Departure: the first leg's etd (or NULL). */
const char   *cs_manifest_get_departure (CsManifest *self);

/* A string list whose entries may each name the container they travel in (VINs, machinery
 * serials). The container of entry i is slot i of a parallel string-vector field, so copying,
 * comparing, undo and the GObject properties need nothing of their own; a missing slot or ""
 * means no container. JSON has no key for the parallel field: an entry with a container is
 * written as an object {"vin": "…", "container": "…"}, one without as the plain string. */
typedef struct
{
  const char *list;         /* "vins" */
  const char *containers;   /* "vin_containers" */
  const char *key;          /* "vin": the entry's own key inside its JSON object */
  GType     (*entry_type) (void);
} CsTaggedList;

/* The tagged list that field @name of @record_type is (the list itself, or with @is_containers
 * set, its parallel container field); NULL for any other field. */
const CsTaggedList *cs_tagged_list_find (GType       record_type,
                                         const char *name,
                                         gboolean   *is_containers);

/* The container of entry @i given the parallel vector @containers; NULL when none. */
const char   *cs_tagged_container (const char * const *containers,
                                   guint               i);

/* The canonical parallel vector from the boxes read for each entry (a GPtrArray of strings
 * freeing them, taken): trailing entries without a box are dropped, and NULL when none is left,
 * so the JSON reader and the store load the same record. */
GStrv         cs_tagged_containers_take (GPtrArray *boxes);

/* Typed access to the enum fields. A getter returns the UNSET value (-1) when the field is absent;
 * a setter notifies exactly like cs_record_set_string() with the value's JSON string (live
 * manifests, history, undo, autosave hear of it), and UNSET clears the field. */
CsStatus      cs_manifest_get_status     (CsManifest  *self);
void          cs_manifest_set_status     (CsManifest  *self,
                                          CsStatus     status);
/* The status rule for edits: a change of anything but the status itself (@origin, a record of
 * the manifest, and its @field, as "changed" gives them) returns a ready or exported draft to
 * draft, since what was checked or sent is no longer what is there. Returns the status it left
 * (CS_STATUS_READY or CS_STATUS_EXPORTED), else CS_STATUS_UNSET and nothing changes. */
CsStatus      cs_manifest_reopen_after_edit (CsManifest *self,
                                             CsRecord   *origin,
                                             const char *field);
CsDirection   cs_manifest_get_direction  (CsManifest  *self);
void          cs_manifest_set_direction  (CsManifest  *self,
                                          CsDirection  direction);
CsTariffPreference cs_manifest_get_preference (CsManifest         *self);
void          cs_manifest_set_preference (CsManifest         *self,
                                          CsTariffPreference  preference);
CsMode        cs_leg_get_mode            (CsLeg       *self);
void          cs_leg_set_mode            (CsLeg       *self,
                                          CsMode       mode);
CsCategory    cs_item_get_category       (CsItem      *self);
void          cs_item_set_category       (CsItem      *self,
                                          CsCategory   category);
CsDocKind     cs_document_get_kind       (CsDocument  *self);
void          cs_document_set_kind       (CsDocument  *self,
                                          CsDocKind    kind);

/* Translated words for enum values (mode "rail" → "rail"/"铁路", status, direction); an
 * unknown value comes back as it is, NULL as "—". */
const char   *cs_mode_label      (const char *mode);
const char   *cs_status_label    (const char *status);
const char   *cs_direction_label (const char *direction);

G_END_DECLS
