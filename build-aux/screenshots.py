#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helper of build-aux/screenshots.sh: walks the app through AT-SPI and saves PNG screenshots.

Uses the AT-SPI helpers of tests/gui/e2e-editor.py. Expects CONSIGN_BIN, GSETTINGS_SCHEMA_DIR
and SCREENSHOT_TMP (a folder whose drafts.db holds the demo drafts); writes into argv[1].
"""

import importlib.util
import json
import os
import re
import shutil
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


def app_action(name):
    """Activates an action of the application (as its menu or shortcut does) over its D-Bus
    interface: the window's accessible actions list only the window's own."""
    subprocess.run(["gdbus", "call", "--session", "--dest", "cn.consign.Consign",
                    "--object-path", "/cn/consign/Consign", "--method", "org.gtk.Actions.Activate",
                    name, "[]", "{}"], check=True, stdout=subprocess.DEVNULL)


def make_conflict(app, tmp, language, tag):
    """Someone else saves the open draft while the clerk edits it: the consignee's city is
    changed on both sides (and one more field on each), then the banner's Review Changes… opens
    the dialog that shows who changed what."""
    group = "收货人" if language == "zh_CN" else "Consignee"
    city = "城市" if language == "zh_CN" else "City"
    phone = "电话" if language == "zh_CN" else "Phone"
    e2e.set_text(e2e.field(app, phone, group), "+84 225 384 %04d" % tag)
    time.sleep(3.0)   # saved
    env = dict(os.environ, CONSIGN_DB=os.path.join(tmp, "drafts.db"))
    theirs = os.path.join(tmp, "theirs.json")
    subprocess.run([os.environ["CONSIGN_BIN"], "export", "-f", "json", "-o", theirs, DRAFT],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    with open(theirs) as f:
        manifest = json.load(f)
    manifest["parties"]["consignee"]["city"] = "Hai Phong (Dinh Vu %d)" % tag
    manifest["notes"] = "Cut-off moved to Friday 18:%02d" % (tag % 60)
    with open(theirs, "w") as f:
        json.dump(manifest, f, ensure_ascii=False)
    subprocess.run([os.environ["CONSIGN_BIN"], "import", "--replace", theirs],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    e2e.set_text(e2e.field(app, city, group), "Haiphong City %d" % tag)
    review = e2e.find(app.frame, "push button", re.compile(r"(Review Changes…|查看修改\(R\)…)$"), timeout=30)
    e2e.click(review, "Review Changes…")
    time.sleep(2.0)


def open_directory(app):
    """The Directory window over the editor (the primary menu's Directory, Ctrl+Shift+D)."""
    app_action("directory")
    time.sleep(2.0)


# (file name prefix, window width, height, colour scheme, language, pages): the README's set at
# 1280x800, then laptop sizes, dark and Chinese. Each page is shot in a fresh start of the app
# that reopens the draft on that page (settings last-draft and last-page), so no page name has
# to be read in the language shown; "directory" is the Directory window over the Shipment page.
CONFIGS = [
    ("", 1280, 800, "default", "en", ["shipment", "cargo", "containers", "review"]),
    ("laptop-800x600-", 800, 600, "light", "en", ["shipment", "cargo", "containers", "review"]),
    ("laptop-800x600-dark-", 800, 600, "dark", "en", ["shipment", "review"]),
    ("laptop-1024x700-", 1024, 700, "light", "en", ["shipment", "cargo", "review"]),
    ("laptop-1366x768-", 1366, 768, "light", "en", ["shipment", "cargo", "review"]),
    ("laptop-1366x768-dark-", 1366, 768, "dark", "en", ["shipment", "cargo", "review", "directory"]),
    ("laptop-1366x768-zh_CN-", 1366, 768, "light", "zh_CN", ["shipment", "cargo", "review", "directory"]),
    ("laptop-800x600-zh_CN-", 800, 600, "light", "zh_CN", ["shipment", "review", "directory"]),
]
# The dialog a clerk sees when a colleague saved the same draft: sizes, dark, Chinese.
CONFLICT_CONFIGS = [
    ("conflict-800x600-", 800, 600, "light", "en"),
    ("conflict-1366x768-", 1366, 768, "light", "en"),
    ("conflict-1366x768-dark-", 1366, 768, "dark", "en"),
    ("conflict-1366x768-zh_CN-", 1366, 768, "light", "zh_CN"),
]


def main():
    out = sys.argv[1]
    tmp = os.environ["SCREENSHOT_TMP"]
    skip_zh = os.environ.get("SCREENSHOT_NO_ZH") == "1"
    folder = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    only = os.environ.get("SCREENSHOT_ONLY")
    configs = [c for c in CONFIGS if only is None or c[0].startswith(only)]
    configs += [(prefix, w, h, scheme, lang, ["conflict"]) for prefix, w, h, scheme, lang in CONFLICT_CONFIGS
                if only is None or prefix.startswith(only)]
    for prefix, width, height, scheme, language, pages in configs:
        if language != "en" and skip_zh:
            print("skipped %s*: the %s translation is not installed" % (prefix, language))
            continue
        for name in pages:
            with open(os.path.join(folder, "keyfile"), "w") as f:
                f.write("[cn/consign/Consign]\nwindow-width=%d\nwindow-height=%d\n"
                        "color-scheme='%s'\nlast-draft='%s'\nlast-page='%s'\n"
                        % (width, height, scheme, DRAFT, "shipment" if name in ("directory", "conflict") else name))
            if name == "conflict":
                # no edits kept from an earlier conflict: each picture starts clean
                shutil.rmtree(os.path.join(tmp, "state", "consign", "pending"), ignore_errors=True)
            app = e2e.App(tmp, "screenshots.log", language=language)
            try:
                e2e.wait_for("the draft to open", lambda: app.frame.name.startswith(DRAFT))
                if name == "directory":
                    open_directory(app)
                if name == "conflict":
                    make_conflict(app, tmp, language, len(prefix) * 1000 + width + height + (7 if scheme == "dark" else 0))
                shoot(out, "%s%s.png" % (prefix, name) if name != "conflict" else "%sdialog.png" % prefix)
                if name == "directory":
                    app_action("quit")   # closing the editor alone would leave the Directory open
                    app.proc.wait(timeout=60)
                elif name == "conflict":
                    app.kill()           # the dialog waits for a choice; the picture is taken
                else:
                    app.quit()
            except BaseException:
                app.dump(os.path.join(tmp, "screenshots-tree.txt"))
                print(app.log_tail(), file=sys.stderr)
                app.kill()
                raise


if __name__ == "__main__":
    main()
