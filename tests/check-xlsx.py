#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-xlsx.py: read a Consign workbook back with openpyxl and compare it with the manifest JSON.

Independent of the C code: the expected values come from the JSON file (read here with the json
module), the actual ones from the .xlsx file (read with Debian's python3-openpyxl).

  check-xlsx.py --json M.json --xlsx OUT.xlsx [--bilingual] [--findings F.json | --not-validated]
                [--created 2026-04-05T08:00:00Z] [--read-only]

--read-only streams the workbook (openpyxl read-only mode, as for a 100,000-item export) and
checks every value; the full mode also checks formats, panes, filters, print setup, widths and
document properties. Exit status 0 when everything matches; any difference is an AssertionError.
"""

import argparse
import datetime
import json
import math
import re
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import get_column_letter

SHEETS = ["Manifest", "Containers", "Vehicles", "Cold chain", "Documents", "Validation"]
ITEM_HEADERS = [("Line", "序号"), ("Category", "类别"), ("Description", "品名"),
                ("HS code", "商品编码"), ("Quantity", "数量"), ("Unit", "单位"),
                ("Packages", "件数"), ("Package type", "包装种类"), ("Net kg", "净重"),
                ("Gross kg", "毛重"), ("Volume m³", "体积"), ("Value", "金额"),
                ("Origin", "原产国"), ("Container", "集装箱号"), ("Marks", "唛头"),
                ("UN number", "联合国编号"), ("DG class", "危险品类别")]
MINOR = {"JPY": 0, "KRW": 0, "VND": 0, "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3}


def fail(msg):
    raise AssertionError(msg)


def eq(actual, expected, where):
    if isinstance(expected, float) or isinstance(actual, float):
        if expected is None or actual is None or not math.isclose(actual, expected, rel_tol=1e-12, abs_tol=1e-9):
            fail(f"{where}: got {actual!r}, expected {expected!r}")
    elif actual != expected:
        fail(f"{where}: got {actual!r}, expected {expected!r}")


# Identical findings (same rule, severity and hint), four or more of them, are one entry at the
# place of the first: "N findings: <first message> …" with all their paths joined by ", " in the
# Path column, continued on rows of their own (severity and rule repeated) when longer than the
# 32,767 characters of a cell. Everything else is one row per finding. An empty text is an empty cell.
GROUP_MIN = 4
CELL_MAX = 32767


def validation_rows(findings):
    def shape(f):
        return (f["rule"], f["severity"], f.get("hint") or "")

    members = {}
    for f in findings:
        members.setdefault(shape(f), []).append(f)
    rows, done = [], set()
    for f in findings:
        group = members[shape(f)]
        if len(group) < GROUP_MIN:
            rows.append([f["severity"], f["rule"], f["path"] or None, f["message"] or None, f.get("hint") or None])
            continue
        if shape(f) in done:
            continue
        done.add(shape(f))
        cells, cell = [], ""
        for g in group:
            if cell and len(cell) + 2 + len(g["path"]) > CELL_MAX:
                cells.append(cell)
                cell = ""
            cell = g["path"] if not cell else cell + ", " + g["path"]
        cells.append(cell)
        rows.append([f["severity"], f["rule"], cells[0] or None,
                     f"{len(group)} findings: {f['message']} …", f.get("hint") or None])
        rows.extend([f["severity"], f["rule"], c, None, None] for c in cells[1:])
    return rows


def is_text(v, where):
    if v is not None and not isinstance(v, str):
        fail(f"{where}: {v!r} should be text, is {type(v).__name__}")


def is_number(v, where):
    if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
        fail(f"{where}: {v!r} should be a number, is {type(v).__name__}")


def hs_digits(hs):
    if hs is None:
        return None
    d = hs.replace(".", "").replace(" ", "")
    return d if d.isdigit() else hs


def containers_of(item, sep):
    if "container" in item:
        return item["container"]
    splits = item.get("splits") or []
    return sep.join(s["container"] for s in splits if "container" in s) or None


def header(en, zh, bilingual):
    return f"{en}/{zh}" if bilingual else en


def parse_iso(s):
    """The wall-clock date-time written in the string (Excel has no time zones)."""
    if len(s) == 10:
        return datetime.datetime.strptime(s, "%Y-%m-%d")
    dt = datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return dt.replace(tzinfo=None)


def money_format(currency):
    minor = MINOR.get(currency, 2)
    return "#,##0" if minor == 0 else "#,##0." + "0" * minor


def display_width(s):
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in str(s).split("\n")), default=0)


def rows_of(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def cells_of(ws):
    return [list(r) for r in ws.iter_rows()]


def pad(row, n):
    row = list(row)
    return row + [None] * (n - len(row))


# ---- the Manifest sheet -------------------------------------------------------------------------

def check_header_block(block, m, full):
    flat = [v for row in block for v in row if v is not None]
    flat_text = [v for v in flat if isinstance(v, str)]
    eq(block[0][2], m.get("reference"), "Manifest!C1 reference")
    for key in ("place_of_receipt", "port_of_loading", "port_of_discharge", "place_of_delivery", "corridor"):
        if m.get(key) is not None and m[key] not in flat_text:
            fail(f"header block lacks {key} {m[key]!r} as a text cell")
    for i, leg in enumerate(m.get("legs", [])):
        for key in ("from", "to", "carrier", "voyage"):
            if key in leg and leg[key] not in flat_text:
                fail(f"header block lacks legs[{i}].{key} {leg[key]!r}")
        for key in ("etd", "eta"):
            if key in leg:
                want = parse_iso(leg[key])
                if want not in [v for v in flat if isinstance(v, datetime.datetime)]:
                    fail(f"header block lacks legs[{i}].{key} as the date-time {want}")
    td = m.get("transport_document") or {}
    for key in ("type", "number"):
        if key in td and td[key] not in flat_text:
            fail(f"header block lacks transport_document.{key} {td[key]!r} as text")
    inv = m.get("invoice") or {}
    if "number" in inv and inv["number"] not in flat_text:
        fail(f"header block lacks invoice.number {inv['number']!r} as text")
    if "date" in inv and parse_iso(inv["date"]) not in flat:
        fail("header block lacks invoice.date as a real date")
    if "total" in inv and not any(isinstance(v, (int, float)) and not isinstance(v, bool)
                                  and math.isclose(v, inv["total"]) for v in flat):
        fail("header block lacks invoice.total as a number")
    if m.get("currency") and m["currency"] not in flat_text:
        fail("header block lacks the currency")
    for role, p in (m.get("parties") or {}).items():
        for key in ("name", "name_latin", "tax_id"):
            if key in p and not any(p[key] in t for t in flat_text):
                fail(f"header block lacks parties.{role}.{key} {p[key]!r}")


def check_manifest(ws, m, args, cells):
    rows = [[c.value for c in r] for r in cells] if cells else rows_of(ws)
    want = [header(en, zh, args.bilingual) for en, zh in ITEM_HEADERS]
    want[11] += f" ({m['currency']})" if m.get("currency") else ""
    hr = None
    for i, r in enumerate(rows):
        if pad(r, 17)[:17] == want:
            hr = i
            break
    if hr is None:
        fail(f"Manifest: no item header row {want}")
    check_header_block(rows[:hr], m, cells is not None)

    items = m.get("items", [])
    n = len(items)
    for k, it in enumerate(items):
        r = pad(rows[hr + 1 + k], 17)
        where = f"Manifest row {hr + 2 + k} (items[{k}])"
        pk = it.get("packages") or {}
        dg = it.get("dg") or {}
        expected = [it.get("line"), it.get("category"), it.get("description"), hs_digits(it.get("hs_code")),
                    it.get("quantity"), it.get("unit"), pk.get("count"), pk.get("type"), it.get("net_kg"),
                    it.get("gross_kg"), it.get("volume_m3"), it.get("value"), it.get("origin_country"),
                    containers_of(it, ", "), it.get("marks"), dg.get("un_number") or None,
                    dg.get("class") or None]
        for c, (a, e) in enumerate(zip(r, expected)):
            eq(a, e, f"{where} column {ITEM_HEADERS[c][0]}")
            if c in (1, 2, 3, 5, 7, 12, 13, 14, 15, 16):
                is_text(a, f"{where} column {ITEM_HEADERS[c][0]}")
            else:
                is_number(a, f"{where} column {ITEM_HEADERS[c][0]}")

    # Totals: a SUM formula over the item rows in each total column.
    tr = hr + 1 + n
    total = pad(rows[tr], 17)
    first, last = hr + 2, hr + 1 + n
    for c in (6, 8, 9, 10, 11):
        col = get_column_letter(c + 1)
        formula = f"=SUM({col}{first}:{col}{last})" if n else "=0"
        eq(total[c], formula, f"Manifest total {ITEM_HEADERS[c][0]}")
    eq(total[2], header("Total", "合计", args.bilingual), "Manifest total label")

    if cells is None:
        return hr
    # Formats
    fmt = {8: "#,##0.0", 9: "#,##0.0", 10: "#,##0.000", 11: money_format(m.get("currency")), 6: "#,##0"}
    for k in range(n):
        r = cells[hr + 1 + k]
        for c, f in fmt.items():
            if r[c].value is not None:
                eq(r[c].number_format, f, f"Manifest {r[c].coordinate} number format")
        for c in (1, 2, 3, 5, 7, 12, 13, 14, 15, 16):
            if r[c].value is not None:
                eq(r[c].data_type, "s", f"Manifest {r[c].coordinate} cell type (text, never a formula)")
    for c, f in fmt.items():
        eq(cells[tr][c].number_format, f, f"Manifest total {ITEM_HEADERS[c][0]} format")
    eq(ws.freeze_panes, f"A{hr + 2}", "Manifest frozen panes")
    eq(ws.auto_filter.ref, f"A{hr + 1}:Q{hr + 1 + max(n, 1)}", "Manifest autofilter")
    eq(ws.print_title_rows, f"${hr + 1}:${hr + 1}", "Manifest repeated print row")
    # Column widths fit the content (capped at 60 characters).
    for c in range(17):
        letter = get_column_letter(c + 1)
        widest = max([display_width(cells[r][c].value) for r in range(hr + 1, hr + 1 + n)
                      if isinstance(cells[r][c].value, str)] + [0])
        have = ws.column_dimensions[letter].width
        if have + 0.01 < min(widest, 60):
            fail(f"Manifest column {letter} is {have} wide, its text needs {widest}")
    return hr


def check_cached_totals(path, m, hr):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Manifest"]
    items = m.get("items", [])
    total = pad([c.value for c in ws[hr + 2 + len(items)]], 17)

    def s(get):
        return sum(get(it) or 0 for it in items)
    eq(total[6], s(lambda it: (it.get("packages") or {}).get("count")), "cached total packages")
    eq(float(total[8]), float(s(lambda it: it.get("net_kg"))), "cached total net kg")
    eq(float(total[9]), float(s(lambda it: it.get("gross_kg"))), "cached total gross kg")
    eq(float(total[10]), float(s(lambda it: it.get("volume_m3"))), "cached total volume")
    eq(float(total[11]), float(s(lambda it: it.get("value"))), "cached total value")


# ---- the other sheets ---------------------------------------------------------------------------

def check_table(rows, headers, expected, sheet, args, text_cols):
    want = [header(en, zh, args.bilingual) for en, zh in headers]
    eq(pad(rows[0], len(want))[:len(want)], want, f"{sheet} header row")
    body = [r for r in rows[1:] if any(v is not None for v in r)]
    eq(len(body), len(expected), f"{sheet} number of rows")
    for k, (r, e) in enumerate(zip(body, expected)):
        r = pad(r, len(want))
        for c, (a, x) in enumerate(zip(r, e)):
            where = f"{sheet} row {k + 2} column {headers[c][0]}"
            eq(a, x, where)
            if not isinstance(a, (bool, datetime.datetime)):
                (is_text if c in text_cols else is_number)(a, where)


def check_sheet_setup(ws, n_cols, n_rows, sheet):
    eq(ws.freeze_panes, "A2", f"{sheet} frozen panes")
    eq(ws.auto_filter.ref, f"A1:{get_column_letter(n_cols)}{1 + max(n_rows, 1)}", f"{sheet} autofilter")
    eq(ws.print_title_rows, "$1:$1", f"{sheet} repeated print row")
    eq(ws.page_setup.orientation, "landscape", f"{sheet} orientation")
    eq(ws.sheet_properties.pageSetUpPr.fitToPage, True, f"{sheet} fit to page")
    eq(ws.page_setup.fitToHeight, 0, f"{sheet} fit to width only")
    if ws.page_setup.fitToWidth not in (None, 1):
        fail(f"{sheet}: fit to {ws.page_setup.fitToWidth} pages wide")


def by_number(m):
    return {c["number"]: c for c in m.get("containers", []) if "number" in c}


def setpoint(m, it):
    boxes = by_number(m)
    names = [it["container"]] if "container" in it else [s.get("container") for s in it.get("splits") or []]
    sps = {boxes[n]["reefer"]["setpoint_c"] for n in names
           if n in boxes and "setpoint_c" in (boxes[n].get("reefer") or {})}
    return sps.pop() if len(sps) == 1 else None


def check_others(wb, m, args, full):
    cont = [[c.get("number"), c.get("size_type"), ", ".join(c["seals"]) if c.get("seals") else None,
             c.get("tare_kg"), c.get("vgm_kg"), c.get("vgm_method"), c.get("max_gross_kg"),
             (c.get("reefer") or {}).get("setpoint_c"), (c.get("reefer") or {}).get("humidity_pct"),
             (c.get("reefer") or {}).get("vent_cmh"), ", ".join(c["pending"]) if c.get("pending") else None]
            for c in m.get("containers", [])]
    check_table(rows_of(wb["Containers"]),
                [("Container", "集装箱号"), ("Size-type", "箱型"), ("Seals", "封志号"), ("Tare kg", "皮重"),
                 ("VGM kg", "核实总重"), ("VGM method", "称重方法"), ("Max gross kg", "最大总重"),
                 ("Set-point °C", "设定温度"), ("Humidity %", "湿度"), ("Vent m³/h", "通风量"),
                 ("Pending", "待补")], cont, "Containers", args, {0, 1, 2, 10})

    vins = []
    for it in m.get("items", []):
        v = it.get("vehicle")
        for vin in (v or {}).get("vins") or []:
            # an entry {"vin", "container"} is listed with its own box, a plain VIN with the line's
            own = vin.get("container") if isinstance(vin, dict) else None
            vins.append([vin["vin"] if isinstance(vin, dict) else vin, v.get("make"), v.get("model"),
                         v.get("model_year"), v.get("powertrain"), it.get("line"),
                         own or containers_of(it, ", ")])
    check_table(rows_of(wb["Vehicles"]),
                [("VIN", "车架号"), ("Make", "品牌"), ("Model", "型号"), ("Model year", "年款"),
                 ("Powertrain", "动力类型"), ("Line", "序号"), ("Container", "集装箱号")],
                vins, "Vehicles", args, {0, 1, 2, 4, 6})

    cold = []
    for it in m.get("items", []):
        p = it.get("perishable")
        if p is None:
            continue
        cold.append([it.get("line"), p.get("product"), p.get("temp_min_c"),
                     p.get("temp_max_c"), setpoint(m, it), p.get("frozen", False), p.get("shelf_life_days"),
                     parse_iso(p["packed_on"]) if "packed_on" in p else None,
                     p.get("ethylene"), containers_of(it, ", ")])
    check_table(rows_of(wb["Cold chain"]),
                [("Line", "序号"), ("Product", "产品"), ("Min °C", "最低温度"),
                 ("Max °C", "最高温度"), ("Set-point °C", "设定温度"), ("Frozen", "冷冻"),
                 ("Shelf life days", "保质期(天)"), ("Packing date", "包装日期"),
                 ("Ethylene", "乙烯"), ("Container", "集装箱号")], cold, "Cold chain", args, {1, 8, 9})

    docs = []
    for d in m.get("documents", []):
        covers = d.get("covers") or []
        docs.append([d.get("kind"), d.get("number"),
                     parse_iso(d["issued_on"]) if "issued_on" in d else None,
                     parse_iso(d["expires_on"]) if "expires_on" in d else None, d.get("issuer"),
                     ", ".join(str(c) for c in covers) if covers else header("all", "全部", args.bilingual)])
    check_table(rows_of(wb["Documents"]),
                [("Document", "单证种类"), ("Number", "编号"), ("Issued", "签发日期"), ("Expires", "有效期至"),
                 ("Issuer", "签发机构"), ("Covers lines", "适用项号")], docs, "Documents", args, {0, 1, 4, 5})

    val = rows_of(wb["Validation"])
    if args.findings is None:
        eq([v for r in val for v in r if v is not None], [header("Not validated", "未校验", args.bilingual)],
           "Validation sheet without findings")
    else:
        with open(args.findings, encoding="utf-8") as f:
            findings = json.load(f)
        exp = validation_rows(findings)
        if not exp:
            exp = [[header("No findings", "未发现问题", args.bilingual), None, None, None, None]]
        check_table(val, [("Severity", "级别"), ("Rule", "规则"), ("Path", "位置"), ("Message", "问题"),
                          ("Hint", "建议")], exp, "Validation", args, {0, 1, 2, 3, 4})

    if full:
        check_sheet_setup(wb["Containers"], 11, len(cont), "Containers")
        check_sheet_setup(wb["Vehicles"], 7, len(vins), "Vehicles")
        check_sheet_setup(wb["Cold chain"], 10, len(cold), "Cold chain")
        check_sheet_setup(wb["Documents"], 6, len(docs), "Documents")
        for ws, col in ((wb["Cold chain"], 7), (wb["Documents"], 2), (wb["Documents"], 3)):
            for r in ws.iter_rows(min_row=2):
                if r[col].value is not None:
                    eq(r[col].number_format, "yyyy-mm-dd", f"{ws.title}!{r[col].coordinate} date format")
                    eq(r[col].is_date, True, f"{ws.title}!{r[col].coordinate} is a date")


def check_properties(path, m, args):
    wb = openpyxl.load_workbook(path)
    title = wb.properties.title or ""
    if m.get("reference") and m["reference"] not in title:
        fail(f"document title {title!r} lacks the reference")
    if args.created:
        want = datetime.datetime.fromisoformat(args.created.replace("Z", "+00:00")).replace(tzinfo=None)
        eq(wb.properties.created, want, "document created")
    with zipfile.ZipFile(path) as z:
        app = ET.fromstring(z.read("docProps/app.xml"))
    company = [e.text for e in app.iter() if e.tag.endswith("Company")]
    parties = m.get("parties") or {}
    who = parties.get("declarant") or parties.get("shipper") or {}
    if "name" in who:
        eq(company, [who["name"]], "document company")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--xlsx", required=True)
    ap.add_argument("--bilingual", action="store_true")
    ap.add_argument("--findings")
    ap.add_argument("--created")
    ap.add_argument("--read-only", action="store_true")
    args = ap.parse_args()

    with open(args.json, encoding="utf-8") as f:
        m = json.load(f)

    if args.read_only:
        wb = openpyxl.load_workbook(args.xlsx, read_only=True)
        eq(wb.sheetnames, SHEETS, "sheet names")
        check_manifest(wb["Manifest"], m, args, None)
        check_others(wb, m, args, False)
        wb.close()
    else:
        wb = openpyxl.load_workbook(args.xlsx)
        eq(wb.sheetnames, SHEETS, "sheet names")
        ws = wb["Manifest"]
        cells = cells_of(ws)
        hr = check_manifest(ws, m, args, cells)
        eq(ws.page_setup.orientation, "landscape", "Manifest orientation")
        eq(ws.sheet_properties.pageSetUpPr.fitToPage, True, "Manifest fit to page")
        eq(ws.page_setup.fitToHeight, 0, "Manifest fit to width only")
        check_others(wb, m, args, True)
        check_cached_totals(args.xlsx, m, hr)
        check_properties(args.xlsx, m, args)
    print(f"ok: {args.xlsx} matches {args.json} ({len(m.get('items', []))} items)")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"check-xlsx: {e}", file=sys.stderr)
        sys.exit(1)
