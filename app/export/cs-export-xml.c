/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cs-export-xml.c: the manifest as XML under our own schema (resources/schema/consign-manifest.xsd)
 *
 * The writer walks the model's own field tables (cs-model.c), so it carries every field the JSON
 * interchange format carries; the table below only gives each field its XML element name, after
 * the WCO Data Model where one exists. A model field without an XML name is refused with an error
 * rather than silently dropped, so the round-trip test fails the day someone adds a field here
 * and not there.
 *
 * Representation (the schema says the same):
 *  - absent fields (NULL / NAN) are left out; "" is written as an empty element;
 *  - sub-blocks are elements with children; lists repeat their element (empty lists are absent,
 *    as in JSON); string and number vectors have a wrapper element so [] stays distinct from
 *    absent;
 *  - numbers are xs:decimal in their shortest exact form, measures carry a unitCode (UN/ECE
 *    Rec 20); booleans are true/false; date-times are written as xs:dateTime.
 *  - text is UTF-8 with & < > " escaped and CR as &#13; (so it survives parsing); other control
 *    characters cannot appear in XML 1.0 and are refused with the field's JSON path.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "cs-export.h"
#include "cs-export-number.h"

#define CS_XML_NAMESPACE "urn:consign:manifest:1"

typedef struct
{
  const char *field;       /* model field name (JSON key) */
  const char *element;     /* XML element */
  const char *group;       /* consecutive fields sharing a group are wrapped in it */
  const char *open;        /* "<Element>", with unitCode="..." for measures (UN/ECE Rec 20) */
  guint       open_len;
  const char *close;       /* "</Element>" */
  guint       close_len;
  const char *entry_open;  /* vectors: each entry inside the wrapper element */
  guint       entry_open_len;
  const char *entry_close;
  guint       entry_close_len;
} XmlName;

#define TAG(e)           "<" e ">", sizeof ("<" e ">") - 1, "</" e ">", sizeof ("</" e ">") - 1
#define NO_ENTRY         NULL, 0, NULL, 0
#define N(f, e)          { f, e, NULL, TAG (e), NO_ENTRY }
#define V(f, e, entry)   { f, e, NULL, TAG (e), TAG (entry) }
#define G(f, e, group)   { f, e, group, TAG (e), NO_ENTRY }
#define U(f, e, unit)    { f, e, NULL, "<" e " unitCode=\"" unit "\">",                        \
                           sizeof ("<" e " unitCode=\"" unit "\">") - 1,                        \
                           "</" e ">", sizeof ("</" e ">") - 1, NO_ENTRY }

static const XmlName manifest_names[] = {
  N ("id", "ID"),
  N ("reference", "FunctionalReferenceID"),
  N ("status", "StatusCode"),
  N ("direction", "DirectionCode"),
  N ("corridor", "CorridorID"),
  N ("legs", "TransportMovement"),
  G ("place_of_receipt", "ReceiptLocationID", "Consignment"),
  G ("port_of_loading", "LoadingLocationID", "Consignment"),
  G ("port_of_discharge", "UnloadingLocationID", "Consignment"),
  G ("place_of_delivery", "DeliveryLocationID", "Consignment"),
  G ("transport_document", "TransportContractDocument", "Consignment"),
  G ("incoterm", "TradeTerms", "Consignment"),
  G ("currency", "CurrencyCode", "Consignment"),
  G ("invoice", "Invoice", "Consignment"),
  G ("preference", "PreferenceCode", "Consignment"),
  G ("parties", "Parties", "Consignment"),
  G ("containers", "TransportEquipment", "Consignment"),
  G ("items", "GoodsItem", "Consignment"),
  G ("documents", "AdditionalDocument", "Consignment"),
  N ("notes", "Remarks"),
};

static const XmlName leg_names[] = {
  N ("mode", "ModeCode"),
  N ("from", "DepartureLocationID"),
  N ("to", "ArrivalLocationID"),
  N ("carrier", "CarrierName"),
  N ("voyage", "ConveyanceReferenceID"),
  N ("etd", "DepartureDateTime"),
  N ("eta", "ArrivalDateTime"),
  N ("vessel", "TransportMeans"),
  N ("carrier_code", "CarrierID"),
};

static const XmlName vessel_names[] = {
  N ("name", "Name"),
  N ("imo", "IMOID"),
  N ("call_sign", "CallSignID"),
  N ("flag", "NationalityCode"),
};

static const XmlName transport_document_names[] = {
  N ("type", "TypeCode"),
  N ("number", "ID"),
};

static const XmlName incoterm_names[] = {
  N ("code", "ConditionCode"),
  N ("place", "LocationName"),
};

static const XmlName invoice_names[] = {
  N ("number", "ID"),
  N ("date", "IssueDate"),
  N ("total", "TotalAmount"),
};

static const XmlName parties_names[] = {
  N ("shipper", "Consignor"),
  N ("consignee", "Consignee"),
  N ("notify", "NotifyParty"),
  N ("declarant", "Declarant"),
  N ("carrier", "Carrier"),
};

static const XmlName party_names[] = {
  N ("name", "Name"),
  N ("name_latin", "LatinName"),
  N ("address", "AddressLine"),
  N ("city", "CityName"),
  N ("postcode", "PostcodeID"),
  N ("country", "CountryCode"),
  N ("tax_id", "ID"),
  N ("contact", "ContactName"),
  N ("phone", "TelephoneID"),
  N ("email", "EmailID"),
};

static const XmlName container_names[] = {
  N ("number", "ID"),
  N ("size_type", "CharacteristicCode"),
  U ("tare_kg", "TareMassMeasure", "KGM"),
  U ("max_gross_kg", "MaximumGrossMassMeasure", "KGM"),
  V ("seals", "Seals", "Seal"),
  U ("vgm_kg", "VerifiedGrossMassMeasure", "KGM"),
  N ("vgm_method", "VerifiedGrossMassMethodCode"),
  N ("reefer", "Reefer"),
  V ("pending", "PendingFields", "FieldName"),
};

static const XmlName reefer_names[] = {
  U ("setpoint_c", "SetpointTemperatureMeasure", "CEL"),
  U ("humidity_pct", "RelativeHumidityMeasure", "P1"),
  U ("vent_cmh", "VentilationRateMeasure", "MQH"),
};

static const XmlName item_names[] = {
  N ("line", "SequenceNumeric"),
  N ("category", "CategoryCode"),
  N ("description", "Description"),
  N ("hs_code", "Classification"),
  N ("product", "ProductID"),
  N ("quantity", "Quantity"),
  N ("unit", "QuantityUnitCode"),
  N ("packages", "Packaging"),
  U ("net_kg", "NetNetWeightMeasure", "KGM"),
  U ("gross_kg", "GrossMassMeasure", "KGM"),
  U ("volume_m3", "GrossVolumeMeasure", "MTQ"),
  N ("value", "ValueAmount"),
  N ("origin_country", "OriginCountryCode"),
  N ("marks", "MarksNumbersID"),
  N ("container", "TransportEquipmentID"),
  N ("splits", "SplitGoodsPlacement"),
  N ("dg", "DangerousGoods"),
  N ("vehicle", "Vehicle"),
  N ("electronics", "Electronics"),
  N ("machinery", "Machinery"),
  N ("perishable", "Perishable"),
};

static const XmlName packages_names[] = {
  N ("count", "QuantityQuantity"),
  N ("type", "TypeCode"),
};

static const XmlName split_names[] = {
  N ("container", "TransportEquipmentID"),
  N ("packages", "PackageQuantity"),
};

static const XmlName dg_names[] = {
  N ("un_number", "UNDGID"),
  N ("class", "HazardClassCode"),
  N ("packing_group", "PackingGroupCode"),
  N ("proper_shipping_name", "ProperShippingName"),
};

static const XmlName vehicle_names[] = {
  V ("vins", "VehicleIdentificationNumbers", "VIN"),
  N ("make", "MakeName"),
  N ("model", "ModelName"),
  N ("model_year", "ModelYear"),
  N ("powertrain", "PowertrainCode"),
  N ("condition", "ConditionCode"),
  U ("battery_kwh", "BatteryCapacityMeasure", "KWH"),
};

static const XmlName electronics_names[] = {
  N ("battery", "BatteryPackingCode"),
  N ("chemistry", "BatteryChemistryCode"),
  U ("wh_per_unit", "BatteryEnergyMeasure", "WHR"),
};

static const XmlName machinery_names[] = {
  V ("serials", "SerialNumbers", "SerialID"),
  N ("dual_use", "DualUseIndicator"),
  N ("licence_no", "LicenceID"),
};

static const XmlName perishable_names[] = {
  N ("product", "ProductName"),
  U ("temp_min_c", "MinimumTemperatureMeasure", "CEL"),
  U ("temp_max_c", "MaximumTemperatureMeasure", "CEL"),
  N ("frozen", "FrozenIndicator"),
  N ("shelf_life_days", "ShelfLifeDays"),
  N ("packed_on", "PackingDate"),
  U ("humidity_pct", "RelativeHumidityMeasure", "P1"),
  N ("ethylene", "EthyleneCode"),
};

static const XmlName document_names[] = {
  N ("kind", "TypeCode"),
  N ("number", "ID"),
  N ("issued_on", "IssueDate"),
  N ("expires_on", "ExpiryDate"),
  N ("issuer", "IssuingAuthorityName"),
  V ("covers", "CoveredGoodsItems", "SequenceNumeric"),
};

#undef N
#undef V
#undef U
#undef G
#undef NO_ENTRY

typedef struct
{
  GType        (*type) (void);
  const XmlName *names;
  guint          n_names;
} XmlClass;

#define C(fn, names) { fn, names, G_N_ELEMENTS (names) }
static const XmlClass xml_classes[] = {
  C (cs_manifest_get_type, manifest_names),
  C (cs_leg_get_type, leg_names),
  C (cs_vessel_get_type, vessel_names),
  C (cs_transport_document_get_type, transport_document_names),
  C (cs_incoterm_get_type, incoterm_names),
  C (cs_invoice_get_type, invoice_names),
  C (cs_parties_get_type, parties_names),
  C (cs_party_get_type, party_names),
  C (cs_container_get_type, container_names),
  C (cs_reefer_get_type, reefer_names),
  C (cs_item_get_type, item_names),
  C (cs_packages_get_type, packages_names),
  C (cs_split_get_type, split_names),
  C (cs_dg_get_type, dg_names),
  C (cs_vehicle_get_type, vehicle_names),
  C (cs_electronics_get_type, electronics_names),
  C (cs_machinery_get_type, machinery_names),
  C (cs_perishable_get_type, perishable_names),
  C (cs_document_get_type, document_names),
};
#undef C

/* Output goes through a buffer written to the file in large blocks. */
#define FLUSH_AT (1024 * 1024)
#define MAX_FRAMES 16

typedef struct
{
  const char *field;
  int         index;        /* list position, or -1 */
} Frame;

typedef struct
{
  FILE       *fp;
  const char *path;
  char       *buf;
  gsize       len;
  gsize       cap;
  Frame       frames[MAX_FRAMES];   /* where we are, for messages (JSON path) */
  guint       n_frames;
  GError     *error;
} XmlWriter;

static void
grow (XmlWriter *w,
      gsize      need)
{
  while (w->len + need > w->cap)
    w->cap *= 2;
  w->buf = g_realloc (w->buf, w->cap);
}

static inline void
put (XmlWriter  *w,
     const char *s,
     gsize       n)
{
  if (G_UNLIKELY (w->len + n > w->cap))
    grow (w, n);
  memcpy (w->buf + w->len, s, n);
  w->len += n;
}

static gboolean
writer_flush (XmlWriter *w)
{
  if (w->len > 0 && fwrite (w->buf, 1, w->len, w->fp) != w->len)
    {
      int saved = errno;
      if (w->error == NULL)
        g_set_error (&w->error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                     _("Cannot write %s: %s"), w->path, g_strerror (saved));
      return FALSE;
    }
  w->len = 0;
  return TRUE;
}

static inline void
indent (XmlWriter *w,
        guint      depth)
{
  static const char spaces[] = "\n                                                                ";

  put (w, spaces, 1 + 2 * MIN (depth, (sizeof spaces - 2) / 2));
}

static void
push (XmlWriter  *w,
      const char *field,
      int         index)
{
  if (w->n_frames < MAX_FRAMES)
    w->frames[w->n_frames] = (Frame) { field, index };
  w->n_frames++;
}

static void
pop (XmlWriter *w)
{
  w->n_frames--;
}

/* The JSON path of @field (list position @index, or -1) in the current record. */
static char *
path_of (XmlWriter  *w,
         const char *field,
         int         index)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < MIN (w->n_frames, MAX_FRAMES); i++)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, w->frames[i].field);
      if (w->frames[i].index >= 0)
        g_string_append_printf (path, "[%d]", w->frames[i].index);
    }
  if (field != NULL)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, field);
      if (index >= 0)
        g_string_append_printf (path, "[%d]", index);
    }
  return g_string_free (path, FALSE);
}

G_GNUC_PRINTF (5, 6)
static gboolean
fail (XmlWriter  *w,
      gint        code,
      const char *field,
      int         index,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;
  g_autofree char *path = NULL;

  if (w->error != NULL)
    return FALSE;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  path = path_of (w, field, index);
  if (path[0] != '\0')
    g_set_error (&w->error, CS_EXPORT_ERROR, code, "%s: %s", path, msg);
  else
    g_set_error_literal (&w->error, CS_EXPORT_ERROR, code, msg);
  return FALSE;
}

/* Bytes that need attention in element content: markup, CR, other C0 controls, and 0xEF (the
 * first byte of U+FFFE / U+FFFF, which are not XML characters). */
static const guint8 special[256] = {
  [0x00 ... 0x1F] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, [0xEF] = 1,
};

/* Appends @s as element content. Refuses what XML 1.0 cannot carry. */
static gboolean
append_text (XmlWriter  *w,
             const char *s,
             const char *field,
             int         index)
{
  const guchar *p = (const guchar *) s;
  const guchar *run = p;
  const char *end;

  if (!g_utf8_validate (s, -1, &end))
    return fail (w, CS_EXPORT_ERROR_ENCODING, field, index,
                 _("the text is not valid UTF-8 (byte %d)"), (int) (end - s));

  for (;; p++)
    {
      const char *rep;
      gsize rep_len;

      while (!special[*p])
        p++;
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '&': rep = "&amp;"; rep_len = 5; break;
        case '<': rep = "&lt;"; rep_len = 4; break;
        case '>': rep = "&gt;"; rep_len = 4; break;
        case '"': rep = "&quot;"; rep_len = 6; break;
        case '\r': rep = "&#13;"; rep_len = 5; break;
        case '\n':
        case '\t':
          continue;
        case 0xEF:
          if (p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            return fail (w, CS_EXPORT_ERROR_ENCODING, field, index,
                         _("the text contains U+%04X, which XML cannot carry"),
                         p[2] == 0xBE ? 0xFFFE : 0xFFFF);
          continue;
        default:
          return fail (w, CS_EXPORT_ERROR_ENCODING, field, index,
                       _("the text contains the control character U+%04X, which XML cannot "
                         "carry; remove it"), *p);
        }
      put (w, (const char *) run, p - run);
      put (w, rep, rep_len);
      run = p + 1;
    }
  put (w, (const char *) run, p - run);
  return TRUE;
}

/* Digits an xs:decimal may have here: XML Schema guarantees 18; libxml2 (xmllint) takes 24. */
#define XML_DECIMAL_MAX_DIGITS 24

/* Shortest decimal (no exponent: xs:decimal has none) that reads back as @v (cs_number_decimal).
 * FALSE (nothing written) when the plain form would need more than XML_DECIMAL_MAX_DIGITS digits
 * (1e300, 1e-300), which schema validators refuse. */
static gboolean
append_decimal (XmlWriter *w,
                double     v)
{
  char buf[CS_DECIMAL_BUF];
  gsize len = cs_number_decimal (buf, v);

  {
    const char *p = buf + (buf[0] == '-');
    guint n_digits = 0;

    if (p[0] == '0' && p[1] == '.')
      p++;
    for (; *p; p++)
      n_digits += g_ascii_isdigit (*p) != 0;
    if (n_digits > XML_DECIMAL_MAX_DIGITS)
      return FALSE;
  }
  put (w, buf, len);
  return TRUE;
}

static gboolean
is_digits (const char *s,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* xs:date lexical form YYYY-MM-DD. */
static gboolean
is_xs_date (const char *s)
{
  return strlen (s) == 10 && is_digits (s, 4) && s[4] == '-' && is_digits (s + 5, 2) &&
         s[7] == '-' && is_digits (s + 8, 2);
}

static gboolean
is_valid_date (const char *s)
{
  return is_xs_date (s) &&
         g_date_valid_dmy (atoi (s + 8), atoi (s + 5), atoi (s));
}

/* xs:dateTime lexical form YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)? */
static gboolean
is_xs_datetime (const char *s)
{
  const char *p;

  if (strlen (s) < 19 || !is_digits (s, 4) || s[4] != '-' || !is_digits (s + 5, 2) ||
      s[7] != '-' || !is_digits (s + 8, 2) || s[10] != 'T' || !is_digits (s + 11, 2) ||
      s[13] != ':' || !is_digits (s + 14, 2) || s[16] != ':' || !is_digits (s + 17, 2))
    return FALSE;
  p = s + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == '\0')
    return TRUE;
  if (*p == 'Z')
    return p[1] == '\0';
  return (*p == '+' || *p == '-') && is_digits (p + 1, 2) && p[3] == ':' &&
         is_digits (p + 4, 2) && p[6] == '\0';
}

/* Whether an ISO 8601 time ends in a zone designator (Z, ±hh, ±hhmm, ±hh:mm). */
static gboolean
has_zone (const char *s)
{
  const char *t = strchr (s, 'T');
  const char *z;
  gsize n;

  if (t == NULL)
    t = strchr (s, ' ');
  if (t == NULL)
    return FALSE;
  if (g_str_has_suffix (t, "Z"))
    return TRUE;
  z = strpbrk (t, "+-");
  if (z == NULL)
    return FALSE;
  n = strlen (z + 1);
  return (n == 2 && is_digits (z + 1, 2)) || (n == 4 && is_digits (z + 1, 4)) ||
         (n == 5 && is_digits (z + 1, 2) && z[3] == ':' && is_digits (z + 4, 2));
}

/* Date-times already in xs:dateTime form are written as they are; other ISO 8601 forms the
 * model accepts (2026-04-06 09:00:00+0800, basic format, ...) are rewritten as the same time in
 * xs:dateTime form, with the same UTC offset when they had one. */
static gboolean
append_datetime (XmlWriter  *w,
                 const char *s,
                 const char *field)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (is_valid_date (s))
    return append_text (w, s, field, -1);

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (s, utc);
  if (dt == NULL)
    return fail (w, CS_EXPORT_ERROR_INVALID, field, -1,
                 _("“%s” is not an ISO 8601 date or time"), s);
  if (is_xs_datetime (s))
    return append_text (w, s, field, -1);

  text = g_date_time_format (dt, g_date_time_get_microsecond (dt) != 0
                                  ? "%Y-%m-%dT%H:%M:%S.%f" : "%Y-%m-%dT%H:%M:%S");
  if (has_zone (s))
    {
      g_autofree char *zone = g_date_time_format (dt, "%:z");
      char *joined = g_strconcat (text, zone, NULL);
      g_free (text);
      text = joined;
    }
  return append_text (w, text, field, -1);
}

static const XmlClass *
find_class (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (xml_classes); i++)
    if (xml_classes[i].type () == type)
      return &xml_classes[i];
  return NULL;
}

static const XmlName *
find_name (const XmlClass *xc,
           guint           hint,
           const char     *field)
{
  /* The tables follow the model's field order, so the hint is nearly always right. The field
   * name strings are the model's own, compared by pointer first. */
  if (hint < xc->n_names &&
      (xc->names[hint].field == field || strcmp (xc->names[hint].field, field) == 0))
    return &xc->names[hint];
  for (guint i = 0; i < xc->n_names; i++)
    if (strcmp (xc->names[i].field, field) == 0)
      return &xc->names[i];
  return NULL;
}

static gboolean write_record (XmlWriter  *w,
                              CsRecord   *rec,
                              const char *open,
                              guint       open_len,
                              const char *close,
                              guint       close_len,
                              guint       depth);

static gboolean
write_number (XmlWriter     *w,
              const CsField *f,
              double         v)
{
  if (isinf (v))
    return fail (w, CS_EXPORT_ERROR_INVALID, f->name, -1, _("the number is infinite"));
  if (f->kind == CS_FIELD_INTEGER && v != floor (v))
    return fail (w, CS_EXPORT_ERROR_INVALID, f->name, -1, _("%g is not a whole number"), v);
  if (!append_decimal (w, v))
    return fail (w, CS_EXPORT_ERROR_INVALID, f->name, -1,
                 _("%g is too large or too fine for an XML decimal (at most %d digits)"), v,
                 XML_DECIMAL_MAX_DIGITS);
  return TRUE;
}

static gboolean
write_field (XmlWriter     *w,
             CsRecord      *rec,
             const CsField *f,
             const XmlName *name,
             guint          depth)
{
  gpointer slot = CS_FIELD_SLOT (rec, f);
  gboolean ok = TRUE;

  switch (f->kind)
    {
    case CS_FIELD_STRING:
      indent (w, depth);
      put (w, name->open, name->open_len);
      ok = append_text (w, *(const char **) slot, f->name, -1);
      put (w, name->close, name->close_len);
      break;

    case CS_FIELD_ENUM:
      if (!cs_field_enum_allows (f, *(const char **) slot))
        return fail (w, CS_EXPORT_ERROR_INVALID, f->name, -1,
                     _("“%s” is not one of the allowed values"), *(const char **) slot);
      indent (w, depth);
      put (w, name->open, name->open_len);
      put (w, *(const char **) slot, strlen (*(const char **) slot));   /* plain ASCII words */
      put (w, name->close, name->close_len);
      break;

    case CS_FIELD_DATE:
      if (!is_valid_date (*(const char **) slot))
        return fail (w, CS_EXPORT_ERROR_INVALID, f->name, -1,
                     _("“%s” is not a date of the form YYYY-MM-DD"), *(const char **) slot);
      indent (w, depth);
      put (w, name->open, name->open_len);
      put (w, *(const char **) slot, 10);
      put (w, name->close, name->close_len);
      break;

    case CS_FIELD_DATETIME:
      indent (w, depth);
      put (w, name->open, name->open_len);
      ok = append_datetime (w, *(const char **) slot, f->name);
      put (w, name->close, name->close_len);
      break;

    case CS_FIELD_NUMBER:
    case CS_FIELD_INTEGER:
      indent (w, depth);
      put (w, name->open, name->open_len);
      ok = write_number (w, f, *(double *) slot);
      put (w, name->close, name->close_len);
      break;

    case CS_FIELD_BOOLEAN:
      indent (w, depth);
      put (w, name->open, name->open_len);
      if (*(gboolean *) slot)
        put (w, "true", 4);
      else
        put (w, "false", 5);
      put (w, name->close, name->close_len);
      break;

    case CS_FIELD_STRV:
      {
        GStrv v = *(GStrv *) slot;
        const CsTaggedList *tagged = cs_tagged_list_find (G_OBJECT_TYPE (rec), f->name, NULL);
        const char * const *boxes = NULL;

        if (tagged != NULL)
          boxes = *(const char * const **) CS_FIELD_SLOT (rec, cs_record_find_field (rec, tagged->containers));
        indent (w, depth);
        put (w, name->open, name->open_len);
        for (guint j = 0; ok && v[j] != NULL; j++)
          {
            const char *box = cs_tagged_container (boxes, j);

            indent (w, depth + 1);
            if (box == NULL)
              put (w, name->entry_open, name->entry_open_len);
            else
              {
                /* <VIN transportEquipmentID="CSQU3054383">: the container this entry travels in */
                put (w, name->entry_open, name->entry_open_len - 1);
                put (w, " transportEquipmentID=\"", 23);
                ok = append_text (w, box, f->name, (int) j);
                put (w, "\">", 2);
              }
            ok = ok && append_text (w, v[j], f->name, (int) j);
            put (w, name->entry_close, name->entry_close_len);
          }
        if (v[0] != NULL)
          indent (w, depth);
        put (w, name->close, name->close_len);
      }
      break;

    case CS_FIELD_INTV:
      {
        GArray *a = *(GArray **) slot;

        indent (w, depth);
        put (w, name->open, name->open_len);
        for (guint j = 0; j < a->len; j++)
          {
            char digits[24];
            gint64 n = g_array_index (a, gint64, j);

            indent (w, depth + 1);
            put (w, name->entry_open, name->entry_open_len);
            if (n < 0)
              put (w, "-", 1);
            put (w, digits, cs_number_uint (digits, n < 0 ? -(guint64) n : (guint64) n));
            put (w, name->entry_close, name->entry_close_len);
          }
        if (a->len > 0)
          indent (w, depth);
        put (w, name->close, name->close_len);
      }
      break;

    case CS_FIELD_RECORD:
      push (w, f->name, -1);
      ok = write_record (w, *(CsRecord **) slot, name->open, name->open_len, name->close,
                         name->close_len, depth);
      pop (w);
      break;

    case CS_FIELD_LIST:
      {
        GPtrArray *arr = cs_list_get_array (*(CsList **) slot);

        for (guint j = 0; ok && j < arr->len; j++)
          {
            push (w, f->name, (int) j);
            ok = write_record (w, arr->pdata[j], name->open, name->open_len, name->close,
                               name->close_len, depth);
            pop (w);
            if (ok && w->len >= FLUSH_AT)
              ok = writer_flush (w);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return ok && w->error == NULL;
}

static void
put_group (XmlWriter  *w,
           const char *group,
           gboolean    closing,
           guint       depth)
{
  indent (w, depth);
  put (w, closing ? "</" : "<", closing ? 2 : 1);
  put (w, group, strlen (group));
  put (w, ">", 1);
}

static gboolean
write_record (XmlWriter  *w,
              CsRecord   *rec,
              const char *open,
              guint       open_len,
              const char *close,
              guint       close_len,
              guint       depth)
{
  CsRecordClass *klass = CS_RECORD_GET_CLASS (rec);
  const XmlClass *xc = find_class (G_OBJECT_TYPE (rec));
  const char *group = NULL;
  gboolean any = FALSE;

  if (xc == NULL)
    return fail (w, CS_EXPORT_ERROR_INVALID, NULL, -1,
                 _("XML export: no element names for records of type %s"),
                 G_OBJECT_TYPE_NAME (rec));

  indent (w, depth);
  put (w, open, open_len);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const CsField *f = &klass->fields[i];
      const XmlName *name = find_name (xc, i, f->name);
      guint field_depth = depth + 1;
      gboolean is_containers = FALSE;

      /* a tagged list's containers are attributes of its entries (write_field) */
      if (f->kind == CS_FIELD_STRV && cs_tagged_list_find (G_OBJECT_TYPE (rec), f->name, &is_containers) != NULL
          && is_containers)
        continue;
      if (name == NULL)
        return fail (w, CS_EXPORT_ERROR_INVALID, NULL, -1,
                     _("XML export: the field “%s” of %s has no XML element name"),
                     f->name, G_OBJECT_TYPE_NAME (rec));
      if (!cs_field_is_set (rec, f))
        continue;

      if (group != name->group && g_strcmp0 (group, name->group) != 0)
        {
          if (group != NULL)
            put_group (w, group, TRUE, depth + 1);
          group = name->group;
          if (group != NULL)
            put_group (w, group, FALSE, depth + 1);
        }
      if (group != NULL)
        field_depth++;

      any = TRUE;
      if (!write_field (w, rec, f, name, field_depth))
        return FALSE;
    }
  if (group != NULL)
    put_group (w, group, TRUE, depth + 1);
  if (any)
    indent (w, depth);
  put (w, close, close_len);
  return TRUE;
}

gboolean
cs_export_xml_write (CsManifest            *m,
                     const CsExportOptions *o,
                     const char            *path,
                     GError               **error)
{
  static const char root_open[] = "<Manifest xmlns=\"" CS_XML_NAMESPACE "\">";
  static const char root_close[] = "</Manifest>";
  static const char declaration[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  XmlWriter w = { 0 };
  gboolean ok;

  g_return_val_if_fail (CS_IS_MANIFEST (m), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w.path = path;
  w.fp = g_fopen (path, "wb");
  if (w.fp == NULL)
    {
      int saved = errno;
      g_set_error (error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  w.cap = FLUSH_AT + 256 * 1024;
  w.buf = g_malloc (w.cap);

  put (&w, declaration, sizeof declaration - 1);
  ok = write_record (&w, CS_RECORD (m), root_open, sizeof root_open - 1,
                     root_close, sizeof root_close - 1, 0);
  if (ok)
    {
      put (&w, "\n", 1);
      ok = writer_flush (&w);
    }
  if (fclose (w.fp) != 0 && ok)
    {
      int saved = errno;
      g_set_error (&w.error, CS_EXPORT_ERROR, CS_EXPORT_ERROR_IO,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }

  g_free (w.buf);
  if (!ok)
    {
      g_assert (w.error != NULL);
      g_propagate_error (error, w.error);
      return FALSE;
    }
  return TRUE;
}
