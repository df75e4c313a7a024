#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of the editor: the real consign binary driven through AT-SPI, as a user would.

Run by meson (suite "gui") inside the test command's Xvfb display and private D-Bus session:
creates a manifest from a corridor template, fills the parties, adds a container with a wrong
check digit and reads the error shown at that field, corrects it, adds a battery-electric car
line and finds the dangerous-goods and export-licence findings on Review, exports to .xlsx and
reads the file back with openpyxl, quits, starts again and finds the draft with every edit.

Environment: CONSIGN_BIN (the binary), GSETTINGS_SCHEMA_DIR (the compiled schema). Everything
else the app touches (HOME, XDG dirs, the draft store, settings) lives in a temporary folder.
Prints TAP. Without a display or session bus it skips, except under CI=true, where it fails.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

TIMEOUT = float(os.environ.get("CONSIGN_E2E_TIMEOUT", "20"))

# The manifest the test builds.
REFERENCE = "E2E-2604-0001"
SHIPPER = {
    "Name": "重庆长安汽车出口有限公司",
    "Name in Latin script": "Chongqing Changan Auto Export Co., Ltd.",
    "Address": "260 Jianxin East Road, Jiangbei",
    "City": "Chongqing",
    "Country": "CN",
    "Tax id": "91500000MA5UQ8J2KK",
}
CONSIGNEE = {
    "Name": "Saigon Auto Import JSC",
    "Address": "12 Nguyen Hue, District 1",
    "City": "Ho Chi Minh City",
    "Country": "VN",
}
CONTAINER_WRONG = "OOLU8832108"   # ISO 6346 check digit of OOLU883210 is 7
CONTAINER_RIGHT = "OOLU8832107"
CAR = {
    "Description": "Battery-electric passenger cars",
    "HS code": "870380",
    "Quantity": "2",
}

_tap_count = 0


def tap_ok(what):
    global _tap_count
    _tap_count += 1
    print("ok %d - %s" % (_tap_count, what), flush=True)


def skip_all(reason):
    print("1..0 # SKIP %s" % reason, flush=True)
    sys.exit(0)


def fail_all(reason):
    print("not ok 1 - %s" % reason, flush=True)
    print("1..1", flush=True)
    sys.exit(1)


class StepFailed(Exception):
    pass


# ---- environment -------------------------------------------------------------------------------

def check_environment():
    """Display, session bus and pyatspi: skip without them, but never in CI."""
    in_ci = os.environ.get("CI") == "true"
    missing = None
    if not os.environ.get("DISPLAY"):
        missing = "no X display (run under xvfb-run)"
    elif not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        missing = "no D-Bus session bus (run under dbus-run-session)"
    if missing is None:
        try:
            import pyatspi  # noqa: F401
            import openpyxl  # noqa: F401
        except ImportError as e:
            missing = "python module missing: %s (python3-pyatspi, python3-openpyxl)" % e.name
    if missing is None and not os.environ.get("CONSIGN_BIN"):
        missing = "CONSIGN_BIN is not set (meson sets it)"
    if missing is not None:
        if in_ci:
            fail_all("cannot run the end-to-end test in CI: " + missing)
        skip_all(missing)


# ---- AT-SPI helpers ----------------------------------------------------------------------------

def wait_for(what, fn, timeout=TIMEOUT, interval=0.1):
    """Polls fn until it returns something true; returns it, or raises StepFailed."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = fn()
            if value:
                return value
        except StepFailed:
            raise
        except Exception as e:  # objects vanish while the UI rebuilds: retry
            last_error = e
        if time.monotonic() > deadline:
            detail = " (last error: %s)" % last_error if last_error else ""
            raise StepFailed("timed out after %.0f s waiting for %s%s" % (timeout, what, detail))
        time.sleep(interval)


def role(obj):
    try:
        return obj.getRoleName()
    except Exception:
        return ""


def is_showing(obj):
    # GTK 4.8 sets VISIBLE but not SHOWING on most objects: VISIBLE is what can be relied on.
    import pyatspi
    try:
        return obj.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def children(obj):
    try:
        n = obj.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = obj.getChildAtIndex(i)
        except Exception:
            child = None
        if child is not None:
            yield child


def walk(obj, showing_only=True):
    """Depth-first over the accessible tree; hidden subtrees are pruned when showing_only."""
    stack = [obj]
    while stack:
        o = stack.pop()
        if showing_only and o is not obj and not is_showing(o):
            continue
        yield o
        stack.extend(reversed(list(children(o))))


def matches(obj, role_name=None, name=None):
    if role_name is not None:
        r = role(obj)
        if (role_name.search(r) is None) if hasattr(role_name, "search") else r != role_name:
            return False
    if name is None:
        return True
    try:
        n = obj.name or ""
    except Exception:
        return False
    if hasattr(name, "search"):
        return name.search(n) is not None
    return n == name


def find_all(root, role_name=None, name=None, showing_only=True):
    return [o for o in walk(root, showing_only) if matches(o, role_name, name)]


def find(root, role_name=None, name=None, timeout=TIMEOUT, actionable=False):
    """The first showing object with this role and name (a string, or a compiled regex)."""
    def look():
        for o in walk(root):
            if matches(o, role_name, name) and (not actionable or n_actions(o) > 0):
                return o
        return None
    return wait_for("%s %r" % (getattr(role_name, "pattern", role_name) or "object",
                               getattr(name, "pattern", name)), look,
                    timeout=timeout)


def n_actions(obj):
    try:
        return obj.queryAction().nActions
    except Exception:
        return 0


def click(obj, what=None):
    """Runs the object's first action ("click", "activate")."""
    action = obj.queryAction()
    if action.nActions == 0:
        raise StepFailed("%s has no action" % (what or obj.name))
    action.doAction(0)


def click_named(root, role_name, name):
    """Clicks the first showing object with an action; buttons nest an inner button."""
    obj = find(root, role_name, name, actionable=True)
    click(obj, name)
    return obj


def extents(obj):
    import pyatspi
    # Window coordinates: GTK 4 has no screen coordinates (and warns when asked for them). With
    # no window manager on Xvfb the window sits at the origin, so they are also screen ones.
    return obj.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def scroll_pane_of(obj):
    parent = obj.parent
    while parent is not None and role(parent) != "scroll pane":
        parent = parent.parent
    return parent


def scroll_into_view(obj, what=None):
    """Turns the mouse wheel over the enclosing scroll pane until obj is inside it."""
    import pyatspi
    pane = scroll_pane_of(obj)
    if pane is None:
        return
    for _ in range(200):
        box, view = extents(obj), extents(pane)
        if box.y >= view.y and box.y + box.height <= view.y + view.height:
            return
        button = "b5c" if box.y + box.height > view.y + view.height else "b4c"
        # Near the pane's left edge, in the margin beside the clamped content: a wheel over
        # a nested scrollable (the VIN list) would scroll that instead.
        pyatspi.Registry.generateMouseEvent(view.x + 12, view.y + view.height // 2, button)
        time.sleep(0.1)
    raise StepFailed("could not scroll %s into view" % (what or obj.name))


def mouse_click(obj, what=None):
    """A real pointer click in the middle of obj (for widgets without an AT-SPI action)."""
    import pyatspi
    scroll_into_view(obj, what)
    box = extents(obj)
    pyatspi.Registry.generateMouseEvent(box.x + box.width // 2, box.y + box.height // 2, "b1c")


def choose(root, combo_name, item, what=None):
    """Picks item in a combo row: click it open, then click the item's label in the popover."""
    combo = find(root, "combo box", combo_name)
    mouse_click(combo, what)
    popover = find(combo, "filler", "GtkPopover")
    # The popover is a surface of its own, so its coordinates are not the window's: move with
    # the keyboard from the focused entry to the wanted one.
    items = wait_for("the choices of %s" % (what or combo.name),
                     lambda: find_all(popover, "list item", showing_only=False))
    labels = [[o.name for o in find_all(i, "label", showing_only=False)] for i in items]
    wanted = [n for n, names in enumerate(labels) if item in names]
    if not wanted:
        raise StepFailed("%s offers no %r: %s" % (what or combo.name, item, labels))
    focused = wait_for("a focused choice", lambda: [n for n, o in enumerate(items) if has_state(o, "FOCUSED")])
    steps = wanted[0] - focused[0]
    for _ in range(abs(steps)):
        press("Down" if steps > 0 else "Up")
    press("Return")
    wait_for("%s to show %r" % (what or combo.name, item), lambda: current_choice(combo) == item)
    return combo


KEYSYMS = {"Down": 0xff54, "Up": 0xff52, "Return": 0xff0d, "Tab": 0xff09, "Escape": 0xff1b}


def press(key):
    import pyatspi
    pyatspi.Registry.generateKeyboardEvent(KEYSYMS[key], None, pyatspi.KEY_SYM)
    time.sleep(0.05)


def has_state(obj, name):
    import pyatspi
    try:
        return obj.getState().contains(getattr(pyatspi, "STATE_" + name))
    except Exception:
        return False


def current_choice(combo):
    """The label a combo row shows (outside its popover)."""
    stack = [combo]
    while stack:
        o = stack.pop()
        if role(o) == "filler" and o.name == "GtkPopover":
            continue
        # The entry's label is the list item's child (our choice rows) or grandchild.
        if role(o) == "label" and o.parent is not None and \
                (role(o.parent) == "list item" or role(o.parent.parent) == "list item"):
            return o.name
        stack.extend(children(o))
    return None


def text_of(obj):
    t = obj.queryText()
    return t.getText(0, t.characterCount)


def description(obj):
    try:
        return obj.description or ""
    except Exception:
        return ""


def set_text(obj, value, what=None):
    """Replaces the text of an editable object, then checks that it reads back."""
    editable = obj.queryEditableText()
    editable.setTextContents(value)
    wait_for("%s to read %r" % (what or obj.name, value), lambda: text_of(obj) == value)


# ---- the app -----------------------------------------------------------------------------------

class App:
    def __init__(self, tmp, log_name, language="en"):
        import pyatspi
        self.tmp = tmp
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        env.update({
            "GTK_A11Y": "atspi",
            # The app runs with criticals fatal (the test itself cannot: pyatspi warns).
            "G_DEBUG": os.environ.get("CONSIGN_E2E_APP_G_DEBUG", "fatal-criticals"),
            "HOME": os.path.join(tmp, "home"),
            "XDG_DATA_HOME": os.path.join(tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
            "XDG_STATE_HOME": os.path.join(tmp, "state"),
            "CONSIGN_DB": os.path.join(tmp, "drafts.db"),
            # Settings persist between the two runs, in a key file under XDG_CONFIG_HOME.
            "GSETTINGS_BACKEND": "keyfile",
            "GTK_USE_PORTAL": "0",
            "LANGUAGE": language,
        })
        for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.makedirs(env[key], exist_ok=True)  # Xlib cannot open the display from a missing HOME
        self.log_path = os.path.join(tmp, log_name)
        self.log = open(self.log_path, "w")
        # Bring up the accessibility bus and registry first: when at-spi-bus-launcher starts at
        # the same moment as the app, both talk to the X server at once and GTK can fail to
        # open the display.
        desktop = pyatspi.Registry.getDesktop(0)
        desktop.childCount
        self.proc = subprocess.Popen([os.environ["CONSIGN_BIN"]], env=env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)

        def find_app():
            if self.proc.poll() is not None:
                raise StepFailed("consign exited with status %d at start-up; log: %s"
                                 % (self.proc.returncode, self.log_tail()))
            for a in children(desktop):
                try:
                    if a.get_process_id() == self.proc.pid:
                        return a
                except Exception:
                    pass
            return None
        self.app = wait_for("the app on the accessibility bus", find_app, timeout=3 * TIMEOUT)
        self.frame = find(self.app, "frame")

    def log_tail(self, n=30):
        try:
            with open(self.log_path) as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def quit(self):
        """Ctrl+Q is app.quit: ask the frame's actions for it, else close the window."""
        action = self.frame.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        for wanted in ("app.quit", "window.close"):
            if wanted in names:
                try:
                    action.doAction(names.index(wanted))
                except Exception:
                    pass  # the app may exit before it answers; its exit status tells
                break
        else:
            raise StepFailed("the window offers neither app.quit nor window.close: %s" % names)
        try:
            status = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise StepFailed("consign did not exit after quit")
        self.log.close()
        if status != 0:
            raise StepFailed("consign exited with status %d; log:\n%s" % (status, self.log_tail()))

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()

    def dump(self, path):
        """The showing accessible tree, for the failure report."""
        with open(path, "w") as out:
            def rec(o, depth):
                extra = ""
                try:
                    extra = " text=%r" % text_of(o)[:80]
                except Exception:
                    pass
                d = description(o)
                out.write("%s%s %r%s%s\n" % ("  " * depth, role(o), getattr(o, "name", ""),
                                              " desc=%r" % d if d else "", extra))
                for c in children(o):
                    if is_showing(c):
                        rec(c, depth + 1)
            rec(self.app, 0)


# ---- steps -------------------------------------------------------------------------------------

def page(app, name):
    click_named(app.frame, "page tab", name)


def field(app, name, group=None):
    """An editable row by its accessible name ("Shipper: Name", "Reference")."""
    full = "%s: %s" % (group, name) if group else name
    # A title may carry a hint in brackets ("Country (ISO code)"): match with or without it.
    return find(app.frame, "list item", re.compile(r"^%s( \(.*\))?$" % re.escape(full)))


def fill(app, values, group=None):
    for name, value in values.items():
        set_text(field(app, name, group), value, "%s: %s" % (group, name) if group else name)


def row_in_sidebar(app, reference):
    return find(app.frame, "panel", re.compile(r"^%s\b" % re.escape(reference)))


def findings_text(app):
    """Every finding shown on Review: its message and its line ("field — hint")."""
    lst = find(app.frame, "list", "Findings")
    return [o.name for o in find_all(lst, "label", showing_only=False)]


def all_cells(path):
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True)
    cells = {}
    for sheet in book.worksheets:
        cells[sheet.title] = [str(v) for row in sheet.iter_rows(values_only=True) for v in row
                              if v is not None]
    book.close()
    return cells


def write_settings(tmp, exports):
    """Settings for the keyfile backend: the export dialog opens in our folder."""
    folder = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write("[cn/consign/Consign]\nexport-folder='%s'\n" % exports)


def run(tmp):
    exports = os.path.join(tmp, "exports")
    os.makedirs(exports)
    write_settings(tmp, exports)
    app = App(tmp, "consign-1.log")
    try:
        find(app.frame, "push button", "New manifest", actionable=True)
        tap_ok("the app starts and shows its window on the accessibility bus")

        # A manifest from the corridor template: the legs come from the catalog.
        click_named(app.frame, "push button", "New manifest")
        click_named(app.frame, "menu item", re.compile(r"^CQ-QZH-RAILSEA\b"))
        find(app.frame, "list item", re.compile(r"^Leg 1: rail CNCQI → CNQZH"))
        reference = field(app, "Reference")
        if "no reference" not in description(reference):
            raise StepFailed("a new draft should say at its Reference field that it has none, "
                             "not %r" % description(reference))
        tap_ok("New manifest ▸ CQ-QZH-RAILSEA fills the legs from the corridor template")

        set_text(reference, REFERENCE, "Reference")
        wait_for("the Reference error to go", lambda: description(reference) == "")
        fill(app, SHIPPER, "Shipper")
        fill(app, CONSIGNEE, "Consignee")
        tap_ok("reference and parties typed in")

        page(app, "Containers")
        click_named(app.frame, "push button", re.compile(r"^Add container"))
        number = field(app, "Container number")
        set_text(number, CONTAINER_WRONG, "Container number")
        message = wait_for("the check-digit error at the container number",
                           lambda: description(number) if "check digit" in description(number) else None)
        if "7" not in message or CONTAINER_WRONG not in message:
            raise StepFailed("the error should name the number and the right digit: %r" % message)
        tap_ok("a wrong check digit is shown at its field: %s" % message)

        set_text(number, CONTAINER_RIGHT, "Container number")
        wait_for("the check-digit error to go", lambda: "check digit" not in description(number))
        tap_ok("the corrected container number clears the error")

        # Many boxes at once: numbers pasted as a booking lists them (one already listed).
        click_named(app.frame, "push button", "Paste container numbers")
        view = find(app.app, "text", "Container numbers")
        view.queryEditableText().setTextContents("csqu 305438-3\nMSKU1234565, %s" % CONTAINER_RIGHT)
        click_named(find(app.app, "dialog", "Add Containers"), "push button", re.compile(r"\bAdd$"))
        wait_for("three containers", lambda: len(find_all(app.frame, "level bar",
                                                          re.compile(r"^Weight of "))) == 3)
        tap_ok("pasted container numbers add the two new boxes")

        page(app, "Cargo")
        click_named(app.frame, "push button", re.compile(r"^Add line"))
        choose(app.frame, re.compile(r"^Category$"), "Vehicle", "Category")
        fill(app, CAR)
        set_text(field(app, "Country of origin"), "CN", "Country of origin")
        set_text(field(app, "Container"), CONTAINER_RIGHT, "Container")
        choose(app.frame, re.compile(r"^Powertrain$"), "Battery electric (BEV)",
               "Powertrain")
        page(app, "Review")

        def both_findings():
            text = " ".join(findings_text(app))
            return text if ("UN 3556" in text and "export licence" in text) else None
        text = wait_for("the dangerous-goods and licence findings on Review", both_findings)
        # People read field names there; rule ids and data paths only on demand (tooltip).
        if "vehicle.dg_class" in text or "items[0]" in text:
            raise StepFailed("Review should show field names, not rule ids or paths: %s" % text)
        if "Line 1 · UN number" not in text:
            raise StepFailed("the DG finding should name its field (Line 1 · UN number): %s" % text)
        tap_ok("Review lists the dangerous-goods (UN 3556) and export licence findings for the "
               "BEV line, by field name")

        click_named(app.frame, "push button", "Export Excel workbook")
        # Errors are open: the app asks before writing a customs file, then asks where.
        ask = find(app.app, "dialog", re.compile(r"errors", re.I))
        click_named(ask, "push button", re.compile(r"Export Anyway"))
        chooser = wait_for("the export file dialog", lambda: [
            w for w in children(app.app) if w.name == "Export Manifest"])[0]
        name_entry = wait_for("the file name in the export dialog", lambda: [
            o for o in find_all(chooser, "text") + find_all(chooser, "entry")
            if text_of(o) == REFERENCE + ".xlsx"])
        target = os.path.join(exports, REFERENCE + ".xlsx")
        click_named(chooser, "push button", re.compile(r"^_?Export\b"))
        wait_for("%s to be written" % target, lambda: os.path.exists(target), timeout=3 * TIMEOUT)
        cells = wait_for("a readable workbook", lambda: all_cells(target))
        flat = [v for sheet in cells.values() for v in sheet]
        for expected in (REFERENCE, CONTAINER_RIGHT, CAR["Description"], "vehicle.dg_class",
                         "vehicle.export_licence"):
            if not any(expected in v for v in flat):
                raise StepFailed("%s does not contain %r (sheets: %s)" % (target, expected,
                                                                          ", ".join(cells)))
        tap_ok("Export XLSX wrote %s; openpyxl finds the reference, container, line and findings"
               % os.path.basename(target))

        app.quit()
        tap_ok("the app quits cleanly")
    except BaseException:
        app.dump(os.path.join(tmp, "tree-1.txt"))
        app.kill()
        raise

    app = App(tmp, "consign-2.log")
    try:
        row = row_in_sidebar(app, REFERENCE)
        if not app.frame.name.startswith(REFERENCE):  # the last draft opens again by itself
            mouse_click(row, REFERENCE)
            wait_for("the draft to open", lambda: app.frame.name.startswith(REFERENCE))
        page(app, "Shipment")
        got = field_text(app, "Reference")
        if got != REFERENCE:
            raise StepFailed("Reference reads %r after restart, not %r" % (got, REFERENCE))
        for group, values in (("Shipper", SHIPPER), ("Consignee", CONSIGNEE)):
            for name, value in values.items():
                got = field_text(app, name, group)
                if got != value:
                    raise StepFailed("%s: %s reads %r after restart, not %r" % (group, name, got, value))
        find(app.frame, "list item", re.compile(r"^Leg 1: rail CNCQI → CNQZH"))
        page(app, "Containers")
        wait_for("the container", lambda: find_all(app.frame, "level bar",
                                                    "Weight of %s" % CONTAINER_RIGHT))
        page(app, "Cargo")
        wait_for("line 1 selected", lambda: find_all(app.frame, "list", "Line 1"))
        for name, value in list(CAR.items()) + [("Country of origin", "CN"), ("Container", CONTAINER_RIGHT)]:
            got = field_text(app, name)
            if got != value:
                raise StepFailed("line 1 %s reads %r after restart, not %r" % (name, got, value))
        for combo, value in (("Category", "Vehicle"), ("Powertrain", "Battery electric (BEV)")):
            got = current_choice(find(app.frame, "combo box", re.compile(r"^%s( %s)?$" % (combo, combo))))
            if got != value:
                raise StepFailed("line 1 %s shows %r after restart, not %r" % (combo, got, value))
        tap_ok("after a restart the draft is in the sidebar with every edit")
        app.quit()
    except BaseException:
        app.dump(os.path.join(tmp, "tree-2.txt"))
        app.kill()
        raise


def field_text(app, name, group=None):
    obj = field(app, name, group)
    return text_of(obj)


def main():
    check_environment()
    tmp = tempfile.mkdtemp(prefix="consign-e2e-")
    keep = os.environ.get("CONSIGN_E2E_KEEP") == "1"
    try:
        run(tmp)
    except StepFailed as e:
        print("not ok %d - %s" % (_tap_count + 1, e), flush=True)
        print("# accessible tree and app logs kept in %s" % tmp, flush=True)
        print("1..%d" % (_tap_count + 1), flush=True)
        return 1
    except Exception:
        print("not ok %d - unexpected error" % (_tap_count + 1), flush=True)
        for line in traceback.format_exc().splitlines():
            print("# " + line, flush=True)
        print("# accessible tree and app logs kept in %s" % tmp, flush=True)
        print("1..%d" % (_tap_count + 1), flush=True)
        return 1
    print("1..%d" % _tap_count, flush=True)
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
