#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The car exporter's whole task, end to end, counting the clerk's actions.

An end-to-end test (suite gui, like e2e-editor.py) and the measurement the README and the closing
notes quote. Run by meson test, or by hand under a display and a D-Bus session:

    CONSIGN_BIN=build/app/consign GSETTINGS_SCHEMA_DIR=build/resources \\
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- /usr/bin/python3 tests/gui/e2e-car-task.py

It starts a draft to Haiphong from the corridor, enters the ten containers (pasted, one size
type each, tare and maximum gross filled from it) and the car line: its 40 VINs pasted as two
columns (VIN, container) from the booking sheet, the line split over the ten containers (four
cars each) in one click on "Split by the VINs' containers", then exports the Excel workbook and
checks that its Vehicles sheet puts each car in its own box. It counts what a clerk does: a click, a typed or pasted field, a key.
Uses the AT-SPI helpers of tests/gui/e2e-editor.py.
"""

import importlib.util
import os
import re
import shutil
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("e2e", os.path.join(here, "e2e-editor.py"))
e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(e2e)

# Ten valid ISO 6346 numbers (check digits computed per ISO 6346), as a booking lists them.
BOXES = ["CSQU3054383", "MSKU1234565", "TGHU8305127", "OOLU8832107", "CMAU5120770",
         "TCLU1234568", "SEGU2345675", "TRHU3456781", "FCIU4567899", "BMOU5678902"]

actions = {"click": 0, "field": 0, "key": 0}


def vins():
    """The 40 VINs of tests/data/vins-40-boxes.json (valid check digits), four to a box."""
    import json
    with open(os.path.join(here, "..", "data", "vins-40-boxes.json"), encoding="utf-8") as f:
        entries = json.load(f)["items"][0]["vehicle"]["vins"]
    return [v["vin"] if isinstance(v, dict) else v for v in entries]


def act(kind, n=1):
    actions[kind] += n


def main():
    tmp = tempfile.mkdtemp(prefix="consign-car-task-")
    exports = os.path.join(tmp, "exports")
    os.makedirs(exports)
    e2e.write_settings(tmp, exports)
    cars = vins()
    app = e2e.App(tmp, "car-task.log")
    start = time.monotonic()
    try:
        e2e.click_named(app.frame, "push button", "New manifest")
        e2e.click_named(app.frame, "menu item", re.compile(r"^CQ-QZH-RAILSEA\b"))
        act("click", 2)
        reference = e2e.field(app, "Reference")
        e2e.set_text(reference, "QZH2605-0040", "Reference")
        act("field")

        e2e.page(app, "Containers")
        act("click")
        e2e.click_named(app.frame, "push button", "Paste container numbers")
        act("click")
        view = e2e.find(app.app, "text", "Container numbers")
        view.queryEditableText().setTextContents("\n".join(BOXES))
        act("field")
        dialog = e2e.find(app.app, "dialog", "Add Containers")
        e2e.click_named(dialog, "push button", re.compile(r"\bAdd$"))
        act("click")
        bars = e2e.wait_for("ten containers", lambda: [
            b for b in e2e.find_all(app.frame, "level bar", re.compile(r"^Weight of "))
        ] if len(e2e.find_all(app.frame, "level bar", re.compile(r"^Weight of "))) == 10 else None)
        for i in range(10):
            bars = e2e.find_all(app.frame, "level bar", re.compile(r"^Weight of "))
            e2e.mouse_click(bars[i], "container %d" % (i + 1))
            act("click")
            size = e2e.field(app, "Size and type")
            e2e.set_text(size, "45G1", "Size and type")
            act("field")
            tare = e2e.field(app, "Tare")
            e2e.wait_for("the tare of a 45G1", lambda: e2e.text_of(tare) not in ("", None))
        print("# containers: 10 entered, tare and maximum gross filled from the size type")

        e2e.page(app, "Cargo")
        act("click")
        e2e.click_named(app.frame, "push button", re.compile(r"^Add line"))
        act("click")
        e2e.choose(app.frame, re.compile(r"^Category$"), "Vehicle", "Category")
        act("click", 2)
        e2e.fill(app, {"Description": "Battery-electric passenger cars", "HS code": "870380",
                       "Quantity": "40", "Gross weight": "76000"})
        act("field", 4)
        e2e.choose(app.frame, re.compile(r"^Powertrain$"), "Battery electric (BEV)", "Powertrain")
        act("click", 2)

        # The booking sheet's two columns, VIN and container, pasted at once.
        view = e2e.find(app.frame, "text", "VINs")
        view.queryEditableText().setTextContents(
            "\n".join("%s\t%s" % (vin, BOXES[i // 4]) for i, vin in enumerate(cars)))
        act("field")
        e2e.wait_for("40 VINs", lambda: e2e.find_all(app.frame, "label", re.compile(r"^40 VINs")))
        print("# VINs: 40 pasted with their containers")

        # The line over the ten containers: one split per box the VINs name, four cars each.
        e2e.click_named(app.frame, "push button", "Split by the VINs’ containers")
        act("click")
        e2e.wait_for("ten splits", lambda: e2e.find_all(
            app.frame, "list item", re.compile(r"^Split 10\b")))
        print("# splits: 10, four cars each")

        e2e.page(app, "Review")
        act("click")
        e2e.click_named(app.frame, "push button", "Export Excel workbook")
        act("click")
        # With errors open the app asks first; then it asks where.
        first = e2e.wait_for("the question about errors or the export file dialog", lambda: [
            w for w in e2e.children(app.app)
            if w.name == "Export Manifest" or re.search(r"errors", w.name or "", re.I)])[0]
        if first.name != "Export Manifest":
            e2e.click_named(first, "push button", re.compile(r"Export Anyway"))
            act("click")
        chooser = e2e.wait_for("the export file dialog", lambda: [
            w for w in e2e.children(app.app) if w.name == "Export Manifest"])[0]
        e2e.click_named(chooser, "push button", re.compile(r"^_?Export\b"))
        act("click")
        target = os.path.join(exports, "QZH2605-0040.xlsx")
        e2e.wait_for("%s to be written" % target, lambda: os.path.exists(target), timeout=60)
        check_vehicles_sheet(target, cars)
        print("# export: %s, each VIN once with its own container" % os.path.basename(target))
        app.quit()
    except BaseException:
        app.dump(os.path.join(tmp, "car-task-tree.txt"))
        print(app.log_tail(), file=sys.stderr)
        app.kill()
        raise
    total = sum(actions.values())
    print("# time: %.1f min of driving" % ((time.monotonic() - start) / 60))
    print("# actions: %d (%s) in %.0f s of driving" % (
        total, ", ".join("%s %d" % kv for kv in actions.items()), time.monotonic() - start))
    shutil.rmtree(tmp, ignore_errors=True)
    return total


def check_vehicles_sheet(path, cars):
    """Each VIN once in the Vehicles sheet, in the container it was pasted with."""
    import openpyxl
    book = e2e.wait_for("a readable workbook", lambda: openpyxl.load_workbook(path, read_only=True))
    rows = [r for r in book["Vehicles"].iter_rows(values_only=True)]
    book.close()
    boxes = {}
    for row in rows:
        if row and row[0] in cars:
            if row[0] in boxes:
                raise e2e.StepFailed("VIN %s listed twice in the Vehicles sheet" % row[0])
            boxes[row[0]] = row[6]
    want = {vin: BOXES[i // 4] for i, vin in enumerate(cars)}
    if boxes != want:
        raise e2e.StepFailed("Vehicles sheet: %d VINs, boxes differ: %s" % (
            len(boxes), sorted((v, boxes.get(v), b) for v, b in want.items() if boxes.get(v) != b)[:5]))


def run_tap():
    """TAP for meson: one test point, the whole task; the action count in its description."""
    e2e.check_environment()
    try:
        total = main()
    except Exception as e:
        print("not ok 1 - the car task: %s" % e, flush=True)
        print("1..1", flush=True)
        return 1
    print("ok 1 - the car task: 40 cars in 10 containers to Haiphong, exported, in %d actions" % total,
          flush=True)
    print("1..1", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run_tap())
