#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-complete.sh SRCROOT: is every translation in po/LINGUAS complete for the current sources?
#
# Extracts a fresh template from po/POTFILES.in (the xgettext keywords and flags of meson's i18n
# "glib" preset, plus our own from po/xgettext-keywords, which po/meson.build reads too), merges
# it into a scratch copy of each LANG.po, and fails when any message is untranslated or fuzzy, or
# when msgfmt --check finds an error (printf placeholders, plural header, markup of the header).
# Prints TAP.
# Fix a failure with:  ninja -C <builddir> consign-update-po  and translate the new entries.

set -u

src=${1:?usage: check-complete.sh SRCROOT}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/consign-po.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

langs=$(sed -e 's/#.*//' "$src/po/LINGUAS" | tr -s ' \t' '\n\n' | sed -e '/^$/d')
n=1
for lang in $langs; do
  n=$((n + 1))
done
echo "1..$n"

cd "$src" || exit 1
if xgettext --package-name=consign --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
     --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     $(sed -e '/^#/d' po/xgettext-keywords) \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format --flag=g_print:1:c-format \
     --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
     --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
     --files-from=po/POTFILES.in --output="$tmp/consign.pot" 2>"$tmp/xgettext.log"; then
  echo "ok 1 - template extracted from po/POTFILES.in"
else
  echo "not ok 1 - xgettext failed"
  sed -e 's/^/# /' "$tmp/xgettext.log"
  exit 1
fi
sed -e 's/^/# /' "$tmp/xgettext.log"

status=0
i=1
for lang in $langs; do
  i=$((i + 1))
  po="$src/po/$lang.po"
  if ! msgmerge --quiet --no-wrap --output-file="$tmp/$lang.po" "$po" "$tmp/consign.pot" 2>"$tmp/merge.log"; then
    echo "not ok $i - $lang.po: msgmerge failed"
    sed -e 's/^/# /' "$tmp/merge.log"
    status=1
    continue
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  rc=$?
  untranslated=$(LC_ALL=C msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" |
                   grep -c '^msgid ' || true)
  fuzzy=$(LC_ALL=C msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when it prints anything
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ $rc -eq 0 ] && [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then
    echo "ok $i - $lang.po complete: $stats"
  else
    echo "not ok $i - $lang.po: $untranslated untranslated, $fuzzy fuzzy, msgfmt status $rc"
    echo "$stats" | sed -e 's/^/# /'
    for what in --only-fuzzy --untranslated; do
      LC_ALL=C msgattrib $what --no-obsolete --no-wrap "$tmp/$lang.po" 2>/dev/null |
        grep -E '^(msgctxt|msgid) "[^"]' | sed -e "s/^/# ${what#--}: /" | head -n 40
    done
    status=1
  fi
done
exit $status
