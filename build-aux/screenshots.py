#!/usr/bin/python3
"""Helper of build-aux/screenshots.sh: walks the app through AT-SPI and saves PNG screenshots.

Uses the AT-SPI helpers of tests/gui/e2e-editor.py. Expects CONSIGN_BIN, GSETTINGS_SCHEMA_DIR
and SCREENSHOT_TMP (a folder whose drafts.db holds the demo drafts); writes into argv[1].
"""

import importlib.util
import os
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "e2e", os.path.join(here, "..", "tests", "gui", "e2e-editor.py"))
e2e = importlib.util.module_from_spec(spec)
spec.loader.exec_module(e2e)

DRAFT = "QZH2604-0042"


def shoot(out, name):
    time.sleep(1.0)  # let animations and lazy pages settle
    # The root window is larger than the app; -trim cuts the black around the window.
    path = os.path.join(out, name)
    subprocess.run(["/usr/bin/import", "-window", "root", "-trim", "+repage", "-strip", path], check=True)
    print("wrote", path)


def main():
    out = sys.argv[1]
    tmp = os.environ["SCREENSHOT_TMP"]
    folder = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[cn/consign/Consign]\nwindow-width=1280\nwindow-height=800\n")
    app = e2e.App(tmp, "screenshots.log")
    try:
        row = e2e.row_in_sidebar(app, DRAFT)
        e2e.mouse_click(row, DRAFT)
        e2e.wait_for("the draft to open", lambda: app.frame.name.startswith(DRAFT))
        e2e.page(app, "Shipment")
        e2e.field(app, "Reference")
        shoot(out, "shipment.png")

        e2e.page(app, "Cargo")
        rows = e2e.wait_for("the cargo lines", lambda: [
            r for r in e2e.find_all(app.frame, "table row") if e2e.find_all(r, "table cell")])
        e2e.mouse_click(rows[0], "line 1")
        e2e.wait_for("line 1 in the detail pane", lambda: e2e.find_all(app.frame, "list", "Line 1"))
        shoot(out, "cargo.png")

        e2e.page(app, "Containers")
        bars = e2e.wait_for("the containers", lambda: e2e.find_all(
            app.frame, "level bar", e2e.re.compile(r"^Weight of ")))
        e2e.mouse_click(bars[0], "container 1")
        shoot(out, "containers.png")

        e2e.page(app, "Review")
        e2e.find(app.frame, "list", "Findings")
        shoot(out, "review.png")
        app.quit()
    except BaseException:
        app.dump(os.path.join(tmp, "screenshots-tree.txt"))
        print(app.log_tail(), file=sys.stderr)
        app.kill()
        raise


if __name__ == "__main__":
    main()
