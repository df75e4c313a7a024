#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-edifact.py: this project's own checker for UN/EDIFACT CUSCAR interchanges (tests only).

    check-edifact.py FILE.edi          exit 0 = passes, 1 = problems (printed), 2 = could not run

It needs nothing but Python 3 and the data files beside it, which hold the definitions taken
from the UN/EDIFACT directories (each file names its source):

  syntax-v3.json     ISO 9735 syntax version 3 service segments (UNB UNH UNT UNZ) and codes
  d96b-cuscar.json   D.96B: CUSCAR message structure, segment/composite/element definitions,
                     code lists for the codes a CUSCAR of this project can contain

What it checks, independently of the writer (app/export/cs-edifact-*.c):
  - syntax: UNA (exactly 9 characters, first), separators and the release character, segment
    terminators, the character set named in UNB S001 (UNOA, UNOB, UNOC = ISO 8859-1 bytes);
  - every data element and component against its definition: count, mandatory elements, the
    mandatory components of a present composite, format (a / n / an, fixed or maximum length;
    for numbers a leading minus sign and the decimal mark do not count);
  - code lists and patterns (codes and patterns in the data files; ISO 3166 from iso-codes);
  - the message structure of the directory named in UNH S009: segment groups, order, mandatory
    segments and groups, maximum repeats;
  - control counts: UNT 0074 (UNH..UNT), UNT 0062 = UNH 0062, UNZ 0036 = number of messages,
    UNZ 0020 = UNB 0020, UNB/UNZ at the ends;
  - that each message stands alone: every container a goods item is placed in (SGP C237) is
    reported as equipment (EQD C237) in the same message.
"""

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ISO3166 = "/usr/share/iso-codes/json/iso_3166-1.json"

UNOA_EXTRA = set(" .,-()/='+:?!\"%&*;<>")


class Problems(Exception):
    pass


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def directories():
    """Every <dir>-<message>.json beside this script, keyed by (type, version, release, agency)."""
    out = {}
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".json") and name != "syntax-v3.json":
            d = load(name)
            m = d.get("message")
            if m:
                out[(m["type"], m["version"], m["release"], m["agency"])] = d
    return out


# ---------------------------------------------------------------- syntax

def split_interchange(data, errors):
    """Bytes -> list of (segment number, [elements of [components]]) with the release character
    applied, and the separators used."""
    sep = {"component": ord(":"), "element": ord("+"), "decimal": ord("."),
           "release": ord("?"), "segment": ord("'")}
    pos = 0
    if data.startswith(b"UNA"):
        if len(data) < 9:
            raise Problems("UNA: the service string advice needs exactly 9 characters")
        una = data[3:9]
        sep = {"component": una[0], "element": una[1], "decimal": una[2], "release": una[3],
               "segment": una[5]}
        if len(set([una[0], una[1], una[3], una[5]])) != 4:
            raise Problems("UNA: the separators and the release character must differ")
        pos = 9
        while pos < len(data) and data[pos] in (0x0D, 0x0A):
            pos += 1
    elif b"UNA" in data[:200]:
        raise Problems("UNA: must be the first thing in the interchange")
    segments = []
    elements = [[bytearray()]]
    i = pos
    n = len(data)
    while i < n:
        c = data[i]
        if c == sep["release"]:
            if i + 1 >= n:
                raise Problems("the interchange ends with a release character")
            nxt = data[i + 1]
            if nxt not in (sep["component"], sep["element"], sep["release"], sep["segment"]):
                errors.append("segment %d: release character before %r, which is not a separator "
                              "or the release character" % (len(segments) + 1, chr(nxt)))
            elements[-1][-1].append(nxt)
            i += 2
            continue
        if c == sep["segment"]:
            segments.append([[bytes(x) for x in e] for e in elements])
            elements = [[bytearray()]]
            i += 1
            # Line breaks between segments are not data; tolerated only right after a terminator.
            while i < n and data[i] in (0x0D, 0x0A):
                i += 1
            continue
        if c == sep["element"]:
            elements.append([bytearray()])
        elif c == sep["component"]:
            elements[-1].append(bytearray())
        else:
            elements[-1][-1].append(c)
        i += 1
    if elements != [[bytearray()]]:
        raise Problems("the interchange does not end with a segment terminator")
    return segments, sep


def check_charset(charset, value, where, errors):
    for b in value:
        ok = True
        if charset == "UNOC":
            ok = 0x20 <= b < 0x7F or b >= 0xA0
        elif charset == "UNOA":
            ch = chr(b)
            ok = b < 0x80 and (ch.isdigit() or ("A" <= ch <= "Z") or ch in UNOA_EXTRA)
        elif charset == "UNOB":
            ok = 0x20 <= b < 0x7F
        if not ok:
            errors.append("%s: byte 0x%02X is not in the character set %s" % (where, b, charset))
            return


def parse_format(fmt):
    m = re.fullmatch(r"(an|a|n)(\.\.)?(\d+)", fmt)
    if not m:
        raise ValueError("bad format " + fmt)
    return m.group(1), m.group(2) is None, int(m.group(3))


def check_value(value, fmt, where, errors):
    cls, fixed, size = parse_format(fmt)
    text = value.decode("latin-1")
    count = len(text)
    if cls == "n":
        m = re.fullmatch(r"-?(\d*)(?:\.(\d*))?", text)
        if not m or (m.group(1) + (m.group(2) or "")) == "":
            errors.append("%s: “%s” is not a number (format %s)" % (where, text, fmt))
            return
        count = len(m.group(1)) + len(m.group(2) or "")
    elif cls == "a":
        if not all(ch.isalpha() or ch == " " for ch in text):
            errors.append("%s: “%s” has characters other than letters (format %s)" % (where, text, fmt))
            return
    if fixed and count != size:
        errors.append("%s: “%s” has %d %s, format %s needs exactly %d"
                      % (where, text, count, "digits" if cls == "n" else "characters", fmt, size))
    elif count > size:
        errors.append("%s: “%s” has %d %s, format %s allows at most %d"
                      % (where, text, count, "digits" if cls == "n" else "characters", fmt, size))


class Codes:
    def __init__(self, *tables):
        self.values = {}
        self.patterns = {}
        countries = None
        for t in tables:
            for el, spec in t.get("codes", {}).items():
                if spec.get("iso3166"):
                    if countries is None:
                        with open(ISO3166, encoding="utf-8") as f:
                            countries = {c["alpha_2"] for c in json.load(f)["3166-1"]}
                    self.values[el] = countries
                else:
                    self.values[el] = set(spec["values"])
            for el, spec in t.get("patterns", {}).items():
                self.patterns[el] = re.compile(spec["regex"])

    def check(self, el_id, value, where, errors):
        text = value.decode("latin-1")
        allowed = self.values.get(el_id)
        if allowed is not None and text not in allowed:
            errors.append("%s: “%s” is not a code of list %s" % (where, text, el_id))
        pat = self.patterns.get(el_id)
        if pat is not None and not pat.match(text):
            errors.append("%s: “%s” does not have the form of %s" % (where, text, el_id))


def check_segment(num, seg, defs, codes, charset, errors):
    tag = seg[0][0].decode("latin-1")
    where0 = "segment %d (%s)" % (num, tag)
    if len(seg[0]) != 1:
        errors.append("%s: the tag has components" % where0)
    definition = defs.get(tag)
    if definition is None:
        errors.append("%s: no definition of this segment in the directory data" % where0)
        return
    elements = seg[1:]
    if len(elements) > len(definition):
        errors.append("%s: %d data elements, the segment has only %d" % (where0, len(elements), len(definition)))
    if elements and elements[-1] == [b""]:
        errors.append("%s: trailing empty data element (should be truncated)" % where0)
    for i, d in enumerate(definition):
        el = elements[i] if i < len(elements) else [b""]
        present = any(c != b"" for c in el)
        where = "%s element %d (%s)" % (where0, i + 1, d[0])
        if not present:
            if d[1] == "M":
                errors.append("%s: mandatory data element missing" % where)
            continue
        if isinstance(d[2], str):
            if len(el) > 1:
                errors.append("%s: a simple data element with %d components" % (where, len(el)))
            check_charset(charset, el[0], where, errors)
            check_value(el[0], d[2], where, errors)
            codes.check(d[0], el[0], where, errors)
            continue
        comps = d[2]
        if len(el) > len(comps):
            errors.append("%s: %d components, the composite has only %d" % (where, len(el), len(comps)))
        if len(el) > 1 and el[-1] == b"":
            errors.append("%s: trailing empty component (should be truncated)" % where)
        for k, cd in enumerate(comps):
            v = el[k] if k < len(el) else b""
            cwhere = "%s/%s (component %d)" % (where, cd[0], k + 1)
            if v == b"":
                if cd[1] == "M":
                    errors.append("%s: mandatory component missing" % cwhere)
                continue
            check_charset(charset, v, cwhere, errors)
            check_value(v, cd[2], cwhere, errors)
            codes.check(cd[0], v, cwhere, errors)


# ---------------------------------------------------------------- message structure

class Structure:
    """Matches a message's segment tags against a directory's segment table (greedy, as EDIFACT
    groups are entered by their trigger segment)."""

    def __init__(self, tags, numbers, errors):
        self.tags = tags
        self.numbers = numbers
        self.pos = 0
        self.errors = errors

    def at(self):
        return self.tags[self.pos] if self.pos < len(self.tags) else None

    def where(self):
        if self.pos < len(self.tags):
            return "segment %d (%s)" % (self.numbers[self.pos], self.tags[self.pos])
        return "the end of the message"

    def match(self, entries, path, group=False):
        for index, e in enumerate(entries):
            if isinstance(e, list):
                tag, status, limit = e
                n = 0
                if group and index == 0:
                    self.pos += 1      # the trigger, which the caller saw: once per repeat
                    continue
                while self.at() == tag:
                    n += 1
                    if n > limit:
                        self.errors.append("%s: %s repeats more than %d times in %s"
                                           % (self.where(), tag, limit, path))
                    self.pos += 1
                if n == 0 and status == "M":
                    self.errors.append("%s: mandatory segment %s missing in %s" % (self.where(), tag, path))
            else:
                trigger = e["segments"][0][0]
                n = 0
                while self.at() == trigger:
                    n += 1
                    if n > e["repeat"]:
                        self.errors.append("%s: group %s repeats more than %d times in %s"
                                           % (self.where(), e["group"], e["repeat"], path))
                    self.match(e["segments"], path + "/" + e["group"], True)
                if n == 0 and e["status"] == "M":
                    self.errors.append("%s: mandatory group %s (starting with %s) missing in %s"
                                       % (self.where(), e["group"], trigger, path))


def check_structure(directory, tags, numbers, errors):
    s = Structure(tags, numbers, errors)
    s.match(directory["structure"], directory["message"]["type"])
    if s.pos < len(tags):
        errors.append("%s: segment out of place (the %s %s%s structure has no place for it here)"
                      % (s.where(), directory["message"]["type"], directory["message"]["version"],
                         directory["message"]["release"]))


# ---------------------------------------------------------------- interchange

def text(seg, el, comp=0):
    try:
        return seg[el][comp].decode("latin-1")
    except IndexError:
        return ""


def check(data):
    errors = []
    syntax = load("syntax-v3.json")
    dirs = directories()
    segments, _ = split_interchange(data, errors)
    if not segments or text(segments[0], 0) != "UNB":
        raise Problems("the interchange does not start with UNB (after UNA)")
    if text(segments[-1], 0) != "UNZ":
        raise Problems("the interchange does not end with UNZ")

    unb = segments[0]
    charset = text(unb, 1, 0)
    service_codes = Codes(syntax)
    check_segment(1, unb, syntax["segments"], service_codes, "UNOA" if charset == "UNOA" else "UNOC", errors)
    if charset not in ("UNOA", "UNOB", "UNOC"):
        raise Problems("UNB S001: character set “%s” is not one this checker knows" % charset)

    n_messages = 0
    i = 1
    while i < len(segments) - 1:
        seg = segments[i]
        if text(seg, 0) != "UNH":
            errors.append("segment %d (%s): outside a message (UNH expected)" % (i + 1, text(seg, 0)))
            i += 1
            continue
        start = i
        while i < len(segments) - 1 and text(segments[i], 0) != "UNT":
            i += 1
        if text(segments[i], 0) != "UNT":
            errors.append("segment %d (UNH): the message has no UNT" % (start + 1))
            break
        n_messages += 1
        msg = segments[start:i + 1]
        unh = msg[0]
        key = (text(unh, 2, 0), text(unh, 2, 1), text(unh, 2, 2), text(unh, 2, 3))
        directory = dirs.get(key)
        check_segment(start + 1, unh, syntax["segments"], service_codes, charset, errors)
        check_segment(i + 1, msg[-1], syntax["segments"], service_codes, charset, errors)
        if directory is None:
            errors.append("segment %d (UNH): no directory data for message %s" % (start + 1, ":".join(key)))
        else:
            codes = Codes(syntax, directory)
            for k, s in enumerate(msg[1:-1]):
                check_segment(start + 2 + k, s, directory["segments"], codes, charset, errors)
            check_structure(directory, [text(s, 0) for s in msg],
                            list(range(start + 1, i + 2)), errors)
        # each message stands alone: SGP names equipment of its own SG5
        equipment = {text(s, 2) for s in msg if text(s, 0) == "EQD"}
        for k, s in enumerate(msg):
            if text(s, 0) == "SGP" and text(s, 1) not in equipment:
                errors.append("segment %d (SGP): container %s has no EQD in this message"
                              % (start + 1 + k, text(s, 1)))
        # control counts
        count = text(msg[-1], 1)
        if count != str(len(msg)):
            errors.append("segment %d (UNT): segment count %s, the message has %d (UNH to UNT)"
                          % (i + 1, count, len(msg)))
        if text(msg[-1], 2) != text(unh, 1):
            errors.append("segment %d (UNT): reference %s differs from UNH's %s"
                          % (i + 1, text(msg[-1], 2), text(unh, 1)))
        i += 1

    unz = segments[-1]
    check_segment(len(segments), unz, syntax["segments"], service_codes, charset, errors)
    if text(unz, 1) != str(n_messages):
        errors.append("UNZ: message count %s, the interchange has %d" % (text(unz, 1), n_messages))
    if text(unz, 2) != text(unb, 5):
        errors.append("UNZ: reference %s differs from UNB's %s" % (text(unz, 2), text(unb, 5)))
    if n_messages == 0:
        errors.append("the interchange has no message")
    return len(segments), n_messages, errors


def main(argv):
    if len(argv) != 2:
        print("usage: check-edifact.py FILE.edi", file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            data = f.read()
    except OSError as e:
        print("check-edifact: %s" % e, file=sys.stderr)
        return 2
    try:
        n_segments, n_messages, errors = check(data)
    except Problems as e:
        print("%s: %s" % (argv[1], e))
        return 1
    for e in errors:
        print("%s: %s" % (argv[1], e))
    if errors:
        return 1
    print("OK: %d segments, %d messages: syntax, element formats, code lists, message structure "
          "and control counts" % (n_segments, n_messages))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
