#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Independent reader for Consign's XML export: rebuilds the JSON manifest from the XML and compares.

Usage: check-xml.py EXPORT.xml MANIFEST.json
Exit 0 when every value of the JSON (every key, at every depth, strings byte for byte, numbers
exactly) is in the XML and the XML holds nothing else; otherwise prints each difference, exit 1.
Only the Python standard library (xml.etree), none of the C writer's code.
"""
import json
import sys
import xml.etree.ElementTree as ET

NS = "{urn:consign:manifest:1}"

# JSON key -> (XML element, kind, sub-table or unit). Kinds: s string, n number, b boolean,
# r record, l list of records (repeated element), v vector (wrapper element, entry element).
PARTY = {k: (e, "s", None) for k, e in [
    ("name", "Name"), ("name_latin", "LatinName"), ("address", "AddressLine"),
    ("city", "CityName"), ("postcode", "PostcodeID"), ("country", "CountryCode"),
    ("tax_id", "ID"), ("contact", "ContactName"), ("phone", "TelephoneID"), ("email", "EmailID")]}
LEG = {"mode": ("ModeCode", "s", None), "from": ("DepartureLocationID", "s", None),
       "to": ("ArrivalLocationID", "s", None), "carrier": ("CarrierName", "s", None),
       "voyage": ("ConveyanceReferenceID", "s", None), "etd": ("DepartureDateTime", "s", None),
       "eta": ("ArrivalDateTime", "s", None),
       "vessel": ("TransportMeans", "r", {"name": ("Name", "s", None), "imo": ("IMOID", "s", None),
                                          "call_sign": ("CallSignID", "s", None),
                                          "flag": ("NationalityCode", "s", None)}),
       "carrier_code": ("CarrierID", "s", None)}
REEFER = {"setpoint_c": ("SetpointTemperatureMeasure", "n", "CEL"),
          "humidity_pct": ("RelativeHumidityMeasure", "n", "P1"),
          "vent_cmh": ("VentilationRateMeasure", "n", "MQH")}
CONTAINER = {"number": ("ID", "s", None), "size_type": ("CharacteristicCode", "s", None),
             "tare_kg": ("TareMassMeasure", "n", "KGM"),
             "max_gross_kg": ("MaximumGrossMassMeasure", "n", "KGM"),
             "seals": ("Seals", "v", "Seal"), "vgm_kg": ("VerifiedGrossMassMeasure", "n", "KGM"),
             "vgm_method": ("VerifiedGrossMassMethodCode", "n", None),
             "reefer": ("Reefer", "r", REEFER), "pending": ("PendingFields", "v", "FieldName")}
ITEM = {
    "line": ("SequenceNumeric", "n", None), "category": ("CategoryCode", "s", None),
    "description": ("Description", "s", None), "hs_code": ("Classification", "s", None),
    "product": ("ProductID", "s", None),
    "quantity": ("Quantity", "n", None), "unit": ("QuantityUnitCode", "s", None),
    "packages": ("Packaging", "r", {"count": ("QuantityQuantity", "n", None),
                                    "type": ("TypeCode", "s", None)}),
    "net_kg": ("NetNetWeightMeasure", "n", "KGM"), "gross_kg": ("GrossMassMeasure", "n", "KGM"),
    "volume_m3": ("GrossVolumeMeasure", "n", "MTQ"), "value": ("ValueAmount", "n", None),
    "origin_country": ("OriginCountryCode", "s", None), "marks": ("MarksNumbersID", "s", None),
    "container": ("TransportEquipmentID", "s", None),
    "splits": ("SplitGoodsPlacement", "l", {"container": ("TransportEquipmentID", "s", None),
                                            "packages": ("PackageQuantity", "n", None)}),
    "dg": ("DangerousGoods", "r", {"un_number": ("UNDGID", "s", None),
                                   "class": ("HazardClassCode", "s", None),
                                   "packing_group": ("PackingGroupCode", "s", None),
                                   "proper_shipping_name": ("ProperShippingName", "s", None)}),
    "vehicle": ("Vehicle", "r", {"vins": ("VehicleIdentificationNumbers", "v", "VIN"),
                                 "make": ("MakeName", "s", None), "model": ("ModelName", "s", None),
                                 "model_year": ("ModelYear", "n", None),
                                 "powertrain": ("PowertrainCode", "s", None),
                                 "condition": ("ConditionCode", "s", None),
                                 "battery_kwh": ("BatteryCapacityMeasure", "n", "KWH")}),
    "electronics": ("Electronics", "r", {"battery": ("BatteryPackingCode", "s", None),
                                         "chemistry": ("BatteryChemistryCode", "s", None),
                                         "wh_per_unit": ("BatteryEnergyMeasure", "n", "WHR")}),
    "machinery": ("Machinery", "r", {"serials": ("SerialNumbers", "v", "SerialID"),
                                     "dual_use": ("DualUseIndicator", "b", None),
                                     "licence_no": ("LicenceID", "s", None)}),
    "perishable": ("Perishable", "r", {
        "product": ("ProductName", "s", None),
        "temp_min_c": ("MinimumTemperatureMeasure", "n", "CEL"),
        "temp_max_c": ("MaximumTemperatureMeasure", "n", "CEL"),
        "frozen": ("FrozenIndicator", "b", None), "shelf_life_days": ("ShelfLifeDays", "n", None),
        "packed_on": ("PackingDate", "s", None),
        "humidity_pct": ("RelativeHumidityMeasure", "n", "P1"),
        "ethylene": ("EthyleneCode", "s", None)}),
}
DOCUMENT = {"kind": ("TypeCode", "s", None), "number": ("ID", "s", None),
            "issued_on": ("IssueDate", "s", None), "expires_on": ("ExpiryDate", "s", None),
            "issuer": ("IssuingAuthorityName", "s", None),
            "covers": ("CoveredGoodsItems", "v", "SequenceNumeric")}
CONSIGNMENT = {
    "place_of_receipt": ("ReceiptLocationID", "s", None),
    "port_of_loading": ("LoadingLocationID", "s", None),
    "port_of_discharge": ("UnloadingLocationID", "s", None),
    "place_of_delivery": ("DeliveryLocationID", "s", None),
    "transport_document": ("TransportContractDocument", "r", {"type": ("TypeCode", "s", None),
                                                              "number": ("ID", "s", None)}),
    "incoterm": ("TradeTerms", "r", {"code": ("ConditionCode", "s", None),
                                     "place": ("LocationName", "s", None)}),
    "currency": ("CurrencyCode", "s", None),
    "invoice": ("Invoice", "r", {"number": ("ID", "s", None), "date": ("IssueDate", "s", None),
                                 "total": ("TotalAmount", "n", None)}),
    "preference": ("PreferenceCode", "s", None),
    "parties": ("Parties", "r", {"shipper": ("Consignor", "r", PARTY),
                                 "consignee": ("Consignee", "r", PARTY),
                                 "notify": ("NotifyParty", "r", PARTY),
                                 "declarant": ("Declarant", "r", PARTY),
                                 "carrier": ("Carrier", "r", PARTY)}),
    "containers": ("TransportEquipment", "l", CONTAINER),
    "items": ("GoodsItem", "l", ITEM),
    "documents": ("AdditionalDocument", "l", DOCUMENT),
}
MANIFEST = {"id": ("ID", "s", None), "reference": ("FunctionalReferenceID", "s", None),
            "status": ("StatusCode", "s", None), "direction": ("DirectionCode", "s", None),
            "corridor": ("CorridorID", "s", None), "legs": ("TransportMovement", "l", LEG),
            "notes": ("Remarks", "s", None)}


# Vector entries that may carry the container they travel in (transportEquipmentID attribute).
TAGGED_ENTRY = {"VIN": "vin", "SerialID": "serial"}


def text(el):
    return el.text if el.text is not None else ""


def number(el, path, unit, problems):
    if unit is not None and el.get("unitCode") != unit:
        problems.append(f"{path}: unitCode {el.get('unitCode')!r}, expected {unit!r}")
    return float(text(el))


def read_record(el, table, path, problems):
    """Rebuild a JSON object from element @el using @table; report unknown children."""
    out = {}
    by_element = {}
    for key, (name, kind, sub) in table.items():
        by_element.setdefault(name, []).append((key, kind, sub))
    children = list(el)
    seen = set()
    for child in children:
        tag = child.tag[len(NS):] if child.tag.startswith(NS) else child.tag
        if tag not in by_element:
            problems.append(f"{path}: unexpected element {tag}")
            continue
        key, kind, sub = by_element[tag][0]
        where = f"{path}.{key}" if path else key
        if kind == "l":
            out.setdefault(key, []).append(
                read_record(child, sub, f"{where}[{len(out.get(key, []))}]", problems))
            continue
        if tag in seen:
            problems.append(f"{where}: element {tag} repeated")
        seen.add(tag)
        if kind == "s":
            out[key] = text(child)
        elif kind == "n":
            out[key] = number(child, where, sub, problems)
        elif kind == "b":
            out[key] = {"true": True, "false": False}.get(text(child), text(child))
        elif kind == "r":
            out[key] = read_record(child, sub, where, problems)
        elif kind == "v":
            vals = []
            for entry in child:
                etag = entry.tag[len(NS):]
                if etag != sub:
                    problems.append(f"{where}: unexpected entry {etag}")
                box = entry.get("transportEquipmentID")
                if box is None:
                    vals.append(text(entry))
                elif etag in TAGGED_ENTRY:
                    # JSON writes an entry with its container as {"vin": ..., "container": ...}
                    vals.append({TAGGED_ENTRY[etag]: text(entry), "container": box})
                else:
                    problems.append(f"{where}: {etag} cannot name a container")
            out[key] = vals
    return out


def same(a, b, path, problems):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            where = f"{path}.{k}" if path else k
            if k not in a:
                problems.append(f"{where}: in the XML but not in the JSON")
            elif k not in b:
                problems.append(f"{where}: in the JSON but missing from the XML")
            else:
                same(a[k], b[k], where, problems)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{path}: {len(a)} entries in the JSON, {len(b)} in the XML")
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]", problems)
    elif isinstance(a, bool) or isinstance(b, bool):
        if a is not b:
            problems.append(f"{path}: JSON {a!r}, XML {b!r}")
    elif isinstance(a, (int, float)) and not isinstance(a, bool):
        # Vector entries (covers) are read as text; compare whole numbers by value.
        if isinstance(b, str):
            try:
                b = float(b)
            except ValueError:
                pass
        if not isinstance(b, (int, float)) or float(a) != float(b):
            problems.append(f"{path}: JSON {a!r}, XML {b!r}")
    elif a != b:
        problems.append(f"{path}: JSON {a!r}, XML {b!r}")


def main():
    xml_path, json_path = sys.argv[1:3]
    with open(json_path, encoding="utf-8") as f:
        expected = json.load(f)
    root = ET.parse(xml_path).getroot()
    problems = []
    if root.tag != NS + "Manifest":
        problems.append(f"root element is {root.tag}, expected {NS}Manifest")
    table = dict(MANIFEST)
    table["__consignment"] = ("Consignment", "r", CONSIGNMENT)
    got = read_record(root, table, "", problems)
    got.update(got.pop("__consignment", {}))
    same(expected, got, "", problems)
    count = sum(1 for _ in root.iter())
    if problems:
        print("\n".join(problems))
        return 1
    print(f"OK: {count} elements, every JSON value found in the XML and nothing else")
    return 0


if __name__ == "__main__":
    sys.exit(main())
