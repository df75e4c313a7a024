#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench-xlsx-openpyxl.py JSON OUT: what a user would otherwise script with openpyxl.

Writes the same 17 item cells per row as bench-xlsx.c's floor loop, in openpyxl's write-only
(streaming) mode with plain values, and prints the wall and CPU seconds spent building and
saving the workbook (reading the JSON is not timed).
"""

import json
import sys
import time

import openpyxl


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        m = json.load(f)
    items = m.get("items", [])

    t0 = time.monotonic()
    c0 = time.process_time()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Items")
    ws.append(["Line", "Category", "Description", "HS code", "Quantity", "Unit", "Packages",
               "Package type", "Net kg", "Gross kg", "Volume m³", "Value", "Origin", "Container",
               "Marks", "UN number", "DG class"])
    for it in items:
        pk = it.get("packages") or {}
        dg = it.get("dg") or {}
        ws.append([it.get("line"), it.get("category"), it.get("description"), it.get("hs_code"),
                   it.get("quantity"), it.get("unit"), pk.get("count"), pk.get("type"),
                   it.get("net_kg"), it.get("gross_kg"), it.get("volume_m3"), it.get("value"),
                   it.get("origin_country"), it.get("container"), it.get("marks"),
                   dg.get("un_number"), dg.get("class")])
    wb.save(sys.argv[2])
    print(f"{time.monotonic() - t0:.3f} {time.process_time() - c0:.3f}")


if __name__ == "__main__":
    main()
