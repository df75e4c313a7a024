#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-csv.py: read a Consign item CSV back with Python's csv module and compare it with the JSON.

  check-csv.py --json M.json --csv OUT.csv [--encoding utf-8|gb18030] [--bom] [--bilingual]

Checks the bytes (byte-order mark, encoding, CRLF record ends, RFC 4180 quoting via the csv
module), the header, and every item: text exactly as in the JSON except that text starting with
= + - @ tab or CR carries one leading single quote; numbers as numbers (negative ones too).
Exit status 0 when everything matches.
"""

import argparse
import json
import math
import sys

HEADERS = [("Line", "序号"), ("Category", "类别"), ("Description", "品名"), ("HS code", "商品编码"),
           ("Quantity", "数量"), ("Unit", "单位"), ("Packages", "件数"), ("Package type", "包装种类"),
           ("Net kg", "净重"), ("Gross kg", "毛重"), ("Volume m³", "体积"), ("Value", "金额"),
           ("Currency", "币制"), ("Origin", "原产国"), ("Container", "集装箱号"), ("Marks", "唛头"),
           ("UN number", "联合国编号"), ("DG class", "危险品类别"), ("VIN", "车架号")]
NUMERIC = {0, 4, 6, 8, 9, 10, 11}


def fail(msg):
    raise AssertionError(msg)


def neutral(s):
    if s is None or s == "":
        return ""
    return "'" + s if s[0] in "=+-@\t\r" else s


def vin_cell(vins):
    """The VINs cell: VINs separated by spaces, each followed by "(BOX)" when the JSON names its
    container ({"vin", "container"}), so that every car is listed once with its box."""
    out = []
    for v in vins:
        if isinstance(v, dict):
            out.append("%s (%s)" % (v["vin"], v["container"]) if v.get("container") else v["vin"])
        else:
            out.append(v)
    return " ".join(out)


def hs_digits(hs):
    if hs is None:
        return ""
    d = hs.replace(".", "").replace(" ", "")
    return d if d.isdigit() else hs


def main():
    import csv
    import io

    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--bom", action="store_true")
    ap.add_argument("--bilingual", action="store_true")
    args = ap.parse_args()

    with open(args.json, encoding="utf-8") as f:
        m = json.load(f)
    with open(args.csv, "rb") as f:
        raw = f.read()

    has_bom = raw.startswith(b"\xef\xbb\xbf")
    if has_bom != args.bom:
        fail(f"byte-order mark present: {has_bom}, expected {args.bom}")
    if args.encoding == "gb18030":
        try:
            raw.decode("utf-8")
            if any(ord(ch) > 127 for ch in json.dumps(m, ensure_ascii=False)):
                fail("a GB18030 file with Chinese text should not be valid UTF-8")
        except UnicodeDecodeError:
            pass
        text = raw.decode("gb18030")
    else:
        text = raw.decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(text, newline="")))
    # every record ends in CRLF (line breaks inside quoted fields are the data's own)
    if not text.endswith("\r\n"):
        fail("the file does not end in CRLF")
    if text.count("\r\n") < len(rows):
        fail("records are not separated by CRLF")

    want = [f"{en}/{zh}" if args.bilingual else en for en, zh in HEADERS]
    if rows[0] != want:
        fail(f"header {rows[0]} != {want}")
    items = m.get("items", [])
    if len(rows) - 1 != len(items):
        fail(f"{len(rows) - 1} item rows, expected {len(items)}")
    currency = m.get("currency")
    for k, (row, it) in enumerate(zip(rows[1:], items)):
        pk = it.get("packages") or {}
        dg = it.get("dg") or {}
        veh = it.get("vehicle") or {}
        boxes = it.get("container") or " ".join(s["container"] for s in it.get("splits") or [] if "container" in s)
        expected = [it.get("line"), it.get("category"), it.get("description"), hs_digits(it.get("hs_code")),
                    it.get("quantity"), it.get("unit"), pk.get("count"), pk.get("type"), it.get("net_kg"),
                    it.get("gross_kg"), it.get("volume_m3"), it.get("value"),
                    currency if "value" in it else None, it.get("origin_country"), boxes, it.get("marks"),
                    dg.get("un_number"), dg.get("class"), vin_cell(veh.get("vins") or [])]
        if len(row) != len(HEADERS):
            fail(f"row {k + 2}: {len(row)} fields, expected {len(HEADERS)}")
        for c, (a, e) in enumerate(zip(row, expected)):
            where = f"row {k + 2} column {HEADERS[c][0]}"
            if c in NUMERIC:
                if e is None:
                    if a != "":
                        fail(f"{where}: {a!r} should be empty")
                    continue
                try:
                    v = float(a)
                except ValueError:
                    fail(f"{where}: {a!r} is not a number (expected {e})")
                if not math.isclose(v, e, rel_tol=0, abs_tol=0):
                    fail(f"{where}: {v} != {e}")
            elif c == 3:
                if a != (e or ""):
                    fail(f"{where}: {a!r} != {e!r}")
            elif a != neutral(e):
                fail(f"{where}: {a!r} != {neutral(e)!r}")
    print(f"ok: {args.csv} ({args.encoding}) matches {args.json} ({len(items)} items)")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"check-csv: {e}", file=sys.stderr)
        sys.exit(1)
