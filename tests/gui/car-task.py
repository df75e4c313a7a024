#!/usr/bin/python3
"""The car exporter's task of issue 13, as far as this script drives it, counting actions.

Not a test (nothing registers it): a measurement. Run under a display and a D-Bus session,
like the end-to-end test:

    CONSIGN_BIN=build/app/consign GSETTINGS_SCHEMA_DIR=build/resources \\
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- /usr/bin/python3 tests/gui/car-task.py

It starts a draft to Haiphong from the corridor, enters the ten containers (pasted, one size
type each, tare and maximum gross filled from it) and the car line with its container chosen
from the manifest's list, counting what a clerk does: a click, a typed or pasted field, a key.
Uses the AT-SPI helpers of tests/gui/e2e-editor.py.
"""

import importlib.util
import os
import re
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


def act(kind, n=1):
    actions[kind] += n


def main():
    tmp = tempfile.mkdtemp(prefix="consign-car-task-")
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
                       "Quantity": "40"})
        act("field", 3)
        container = e2e.field(app, "Container")
        e2e.set_text(container, BOXES[0], "Container")
        act("field")
        e2e.choose(app.frame, re.compile(r"^Powertrain$"), "Battery electric (BEV)", "Powertrain")
        act("click", 2)
        app.quit()
    except BaseException:
        app.dump(os.path.join(tmp, "car-task-tree.txt"))
        print(app.log_tail(), file=sys.stderr)
        app.kill()
        raise
    total = sum(actions.values())
    print("# actions: %d (%s) in %.0f s of driving" % (
        total, ", ".join("%s %d" % kv for kv in actions.items()), time.monotonic() - start))


if __name__ == "__main__":
    main()
