#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the workbooks test-xlsx-read and test-table-import read: good ones with openpyxl (a
writer that is not ours) and damaged ones derived from them with Python's zipfile.

Usage: xlsx-fixtures.py OUTDIR [ROWS]   (ROWS: also write big.xlsx with that many item rows)
"""

import datetime
import os
import random
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def items_book(path):
    wb = openpyxl.Workbook()
    lookup = wb.active
    lookup.title = "Lookup"
    lookup["A1"] = "hidden helper sheet"
    lookup.sheet_state = "hidden"
    ws = wb.create_sheet("Items")
    ws.append(["品名 / Description", "HS code", "数量", "Unit", "毛重", "Net kg", "件数",
               "包装种类", "价值", "原产国", "Packed on", "Checked"])
    ws.append(["Notebook computers 笔记本电脑", "847130", 2400, "PCE", 6200.5, 5800, 240,
               "CT", 480000, "CN", datetime.date(2024, 3, 5), True])
    ws.append(["Frozen shrimp 冻虾", "030617", 1000, "KGM", 1100, 1000, 100,
               "BX", 9000.25, "VN", "2024-03-06", False])
    ws.append([])  # a blank row is skipped
    ws.append(["Tractor parts", 870899, 3, "SET", 10.125, None, 1, "PK", 1e-07, "DE",
               datetime.datetime(2024, 3, 7, 12, 30), None])
    for row in ws.iter_rows(min_row=2, min_col=11, max_col=11):
        for c in row:
            if isinstance(c.value, (datetime.date, datetime.datetime)):
                c.number_format = "yyyy-mm-dd" if not isinstance(c.value, datetime.datetime) \
                    else "yyyy-mm-dd hh:mm"
    other = wb.create_sheet("Other")
    other["B2"] = "second sheet"
    wb.save(path)


def book_1904(path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Dates"
    ws["A1"] = "Packed on"
    ws["A2"] = datetime.date(2024, 3, 5)
    ws["A2"].number_format = "yyyy-mm-dd"
    wb.save(path)


def formula_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Description", "Quantity", "Value"])
    ws.append(["Bolts", 10, "=B2*3"])   # openpyxl saves formulas without a value
    wb.save(path)


def merged_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Packing list"
    ws.merge_cells("A1:C1")
    ws.append(["Description", "Quantity", "Gross kg"])
    ws.append(["Bolts", 10, 5])
    wb.save(path)


def bad_rows_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cargo"
    ws["A1"] = "Packing list 2024-118"   # a title above the header, not merged
    ws.append([])
    ws.append(["Description", "Quantity", "Gross kg", "Origin", "Remarks"])
    ws.append(["Bolts", 10, 5, "CN", "#DIV/0!"])   # an error value in a column not imported
    ws.append(["Nuts", "ten", 5, "CN"])
    ws.append(["Washers", 10, "#N/A", "CN"])       # openpyxl writes "#N/A" as an error value
    ws.append(["Screws", 10, 5, "China"])
    ws.append([None, 10, 5, "CN"])
    wb.save(path)


def big_book(path, rows):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Items")
    ws.append(["Line", "Description", "HS code", "Quantity", "Unit", "Packages", "Package type",
               "Net kg", "Gross kg", "Volume m3", "Value", "Origin"])
    for i in range(1, rows + 1):
        ws.append([i, "Spare part %d" % i, "848180", i % 50 + 1, "PCE", i % 7 + 1, "CT",
                   10.5 + i % 3, 12.25 + i % 3, 0.5, 100 + i % 1000, "CN"])
    wb.save(path)


def rewrite(src, dst, replace=None, drop=()):
    """Copies the zip src to dst, replacing member contents (dict name -> bytes) and dropping
    members."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = replace.get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)

    items_book(p("openpyxl-items.xlsx"))
    book_1904(p("openpyxl-1904.xlsx"))
    formula_book(p("openpyxl-formula.xlsx"))
    merged_book(p("openpyxl-merged.xlsx"))
    bad_rows_book(p("openpyxl-bad-rows.xlsx"))

    # Items is the second sheet: sheet2.xml
    rewrite(p("openpyxl-items.xlsx"), p("not-xml.xlsx"),
            replace={"xl/worksheets/sheet2.xml": b"Description,Quantity\nBolts,10\n"})
    rewrite(p("openpyxl-items.xlsx"), p("doctype.xlsx"),
            replace={"xl/worksheets/sheet2.xml":
                     b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
                     b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row>'
                     b'</sheetData></worksheet>'})
    rewrite(p("openpyxl-items.xlsx"), p("missing-sheet.xlsx"), drop=("xl/worksheets/sheet2.xml",))
    with zipfile.ZipFile(p("no-workbook.xlsx"), "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with open(p("openpyxl-items.xlsx"), "rb") as f:
        data = f.read()
    with open(p("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) * 2 // 3])
    with open(p("old.xls"), "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)
    with open(p("text.xlsx"), "w") as f:
        f.write("Description,Quantity\nBolts,10\n")

    # Mutants: each part of a good workbook with random bytes changed, inserted or deleted (a
    # fixed seed, so that a failure can be reproduced); readers must refuse or read, not crash.
    rng = random.Random(20261206)
    with zipfile.ZipFile(p("openpyxl-items.xlsx")) as z:
        names = [i.filename for i in z.infolist()]
    for n in range(60):
        name = names[n % len(names)]
        with zipfile.ZipFile(p("openpyxl-items.xlsx")) as z:
            data = bytearray(z.read(name))
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data)) if data else 0
            what = rng.randrange(3)
            if what == 0 and data:
                data[at] = rng.choice(b'<>"&=/ 0123456789abcrtsvx\x00\xff\xe4')
            elif what == 1:
                data[at:at] = bytes([rng.randrange(256)])
            elif data:
                del data[at]
        rewrite(p("openpyxl-items.xlsx"), p("mutant-%02d.xlsx" % n), replace={name: bytes(data)})

    if len(sys.argv) > 2:
        big_book(p("big.xlsx"), int(sys.argv[2]))


if __name__ == "__main__":
    main()
