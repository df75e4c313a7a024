#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli-postgresql.sh: the command line on a PostgreSQL draft store, as a clerk would use it.
#
# Run by pg-cluster.sh (meson test cli-postgresql), which starts a throwaway cluster and names it
# in CONSIGN_TEST_DB. The same commands as on a SQLite file: import, list, a refused second import,
# validate, show, an Excel export read back with openpyxl, the export history (with who exported),
# check (which says what a client can check on a server), a foreign database refused, and an error
# that does not show the password given. Prints TAP.
set -u

consign=${CONSIGN_BIN:?CONSIGN_BIN names the consign binary}
src=$(cd "$(dirname "$0")" && pwd)
db=${CONSIGN_TEST_DB:?run through pg-cluster.sh}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/consign-cli-pg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

check () {   # check DESCRIPTION COMMAND...: one TAP line
  what=$1
  shift
  n=$((n + 1))
  if "$@" >"$tmp/out" 2>"$tmp/err"; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what"
    sed -e 's/^/# /' "$tmp/out" "$tmp/err"
    failed=1
  fi
}

echo "1..18"
check "import into the server's store" \
  sh -c '"$0" --db "$1" import "$2" | grep -q "revision 1"' "$consign" "$db" "$src/data/railsea-electronics.json"
check "list shows the draft" \
  sh -c '"$0" --db "$1" list | grep -q "^QZH2604-0042 .*CQ-QZH-RAILSEA .* 3 "' "$consign" "$db"
check "list --json names who saved: the server's role" \
  sh -c '"$0" --db "$1" list --json | /usr/bin/python3 -c "
import json, sys
rows = json.load(sys.stdin)
assert [(r[\"reference\"], r[\"revision\"], r[\"updated_by\"]) for r in rows] == [(\"QZH2604-0042\", 1, \"consign\")], rows
"' "$consign" "$db"
check "a second import of the same reference is refused, nothing written" \
  sh -c '! "$0" --db "$1" import "$2" 2>&1 && test "$("$0" --db "$1" list | grep -c QZH2604-0042)" -eq 1' \
  "$consign" "$db" "$src/data/railsea-electronics.json"
check "validate reads it from the server" \
  sh -c '"$0" --db "$1" validate --json QZH2604-0042 | grep -q "\"container.seal\""' "$consign" "$db"
check "show --json gives back the manifest imported" \
  sh -c '"$0" --db "$1" show --json QZH2604-0042 > "$2/back.json" &&
         /usr/bin/python3 - "$3" "$2/back.json" <<PY
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
for m in (a, b):
    for k in ("id", "status"):
        m.pop(k, None)
assert a == b, (a, b)
PY' "$consign" "$db" "$tmp" "$src/data/railsea-electronics.json"
check "export to Excel, read back with openpyxl" \
  sh -c '"$0" --db "$1" export QZH2604-0042 --format xlsx -o "$2/out.xlsx" &&
         /usr/bin/python3 - "$2/out.xlsx" <<PY
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
assert "Validation" in wb.sheetnames, wb.sheetnames
text = [str(c) for row in wb[wb.sheetnames[0]].iter_rows(values_only=True) for c in row if c is not None]
assert any("QZH2604-0042" in t for t in text), text[:20]
PY' "$consign" "$db" "$tmp"
check "the export is in the server's history" \
  sh -c '"$0" --db "$1" history QZH2604-0042 | grep -q " xlsx .*out.xlsx"' "$consign" "$db"
check "history names who exported: the server's role" \
  sh -c '"$0" --db "$1" history QZH2604-0042 > "$2/history.out" && grep -q "EXPORTED BY" "$2/history.out" &&
         grep -q " xlsx .* consign .*out.xlsx" "$2/history.out"' "$consign" "$db" "$tmp"
check "check on a server reads every draft back and does not claim integrity_check ran" \
  sh -c '"$0" --db "$1" check > "$2/check.out" &&
         grep -q "checks its own pages" "$2/check.out" && grep -q "1 draft was read back whole" "$2/check.out" &&
         ! grep -q "no damage found" "$2/check.out"' "$consign" "$db" "$tmp"
check "check --repair is refused on a server, with the reason" \
  sh -c '"$0" --db "$1" check --repair "$2/new.sqlite" 2> "$2/repair.err"; test $? -eq 2 &&
         grep -q "SQLite file" "$2/repair.err" && ! test -e "$2/new.sqlite"' "$consign" "$db" "$tmp"
# a database of another program: refused, untouched, and not called a SQLite database
other=$(printf '%s' "$db" | sed -e 's|^postgresql:///postgres?|postgresql:///other_app?|')
check "a database with other tables is refused as a PostgreSQL database, untouched" \
  sh -c '/usr/bin/psql -q "$1" -c "CREATE DATABASE other_app" &&
         /usr/bin/psql -q "$3" -c "CREATE TABLE invoices (id int)" &&
         ! "$0" --db "$3" list > "$2/other.out" 2>&1 &&
         grep -q "this PostgreSQL database holds tables of something else" "$2/other.out" &&
         ! grep -q SQLite "$2/other.out" &&
         test "$(/usr/bin/psql -qtA "$3" -c "SELECT count(*) FROM pg_tables WHERE schemaname = '"'"'public'"'"'")" -eq 1' \
  "$consign" "$db" "$tmp" "$other"
# a clerk (README: roles): imports a draft, may not change the party directory (refused, exit 1)
clerk=$(printf '%s' "$db" | sed -e 's|user=consign|user=alice|')
check "a clerk's role imports a draft, saved under the clerk's name" \
  sh -c '/usr/bin/psql -q "$1" -c "CREATE ROLE alice LOGIN IN ROLE consign_clerk" &&
         "$0" --db "$2" import "$3" | grep -q "revision 1" &&
         "$0" --db "$2" list --json | grep -q "\"updated_by\" : \"alice\""' \
  "$consign" "$db" "$clerk" "$src/data/perishable-short-shelf-life.json"
check "a clerk's role may not change the party directory: refused, saying why" \
  sh -c '"$0" --db "$1" parties import "$2" 2> "$3/clerk.err"; test $? -eq 1 &&
         grep -q "only an owner may change the directory of parties and products (you are connected as alice)" "$3/clerk.err"' \
  "$consign" "$clerk" "$src/data/directory-parties.csv" "$tmp"
# the trail of changes (schema 10): who, as the server says, whatever the client sends
check "history --changes: the clerk who created and saved the draft, even when the client sends another name" \
  sh -c '/usr/bin/psql -q "$1" -c "UPDATE manifests SET updated_by = '"'"'consign'"'"', revision = revision + 1
                                   WHERE reference = '"'"'QZH2604-0077'"'"'" &&
         "$0" --db "$1" history --changes QZH2604-0077 > "$2/changes.out" &&
         grep -q "^.\{16\}  alice  saved revision 2\$" "$2/changes.out" &&
         grep -q "^.\{16\}  alice  created (revision 1)\$" "$2/changes.out" &&
         "$0" --db "$1" history --changes --json QZH2604-0077 | grep -q "\"changed_by\" : \"alice\""' \
  "$consign" "$clerk" "$tmp"
check "a clerk's role may neither rewrite the trail of changes nor the schema version" \
  sh -c '! /usr/bin/psql -q "$0" -c "UPDATE draft_changes SET changed_by = '"'"'olga'"'"'" 2> "$1/trail.err" &&
         grep -q "permission denied for table draft_changes" "$1/trail.err" &&
         ! /usr/bin/psql -q "$0" -c "DELETE FROM draft_changes" 2> "$1/trail.err" &&
         grep -q "permission denied for table draft_changes" "$1/trail.err" &&
         ! /usr/bin/psql -q "$0" -c "UPDATE meta SET value = 1 WHERE key = '"'"'schema_version'"'"'" 2> "$1/meta.err" &&
         grep -q "permission denied for table meta" "$1/meta.err"' \
  "$clerk" "$tmp"
# the directory's trail (schema 11): who added the entries, as the server says; read-only to a clerk
check "directory changes: the owner's role that imported the parties, listed to a clerk, who may not rewrite it" \
  sh -c '"$0" --db "$1" parties import "$3" > /dev/null &&
         "$0" --db "$2" directory changes > "$4/directory.out" &&
         grep -q "^.\{16\}  party [0-9]*  .*  consign  added\$" "$4/directory.out" &&
         "$0" --db "$2" directory changes --json | grep -q "\"changed_by\" : \"consign\"" &&
         ! /usr/bin/psql -q "$2" -c "DELETE FROM directory_changes" 2> "$4/directory.err" &&
         grep -q "permission denied for table directory_changes" "$4/directory.err"' \
  "$consign" "$db" "$clerk" "$src/data/directory-parties.csv" "$tmp"
# a database that does not exist, with a password in the location: an error, never the password
bad=$(printf '%s' "$db" | sed -e 's|^postgresql:///postgres?|postgresql://consign:s3cret-word@/no_such_db?|')
check "a wrong location is an error that does not show its password" \
  sh -c '! "$0" --db "$1" list > "$2/bad.out" 2>&1 && ! grep -q s3cret-word "$2/bad.out" && grep -q "no_such_db" "$2/bad.out"' \
  "$consign" "$bad" "$tmp"
exit $failed
