#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Screenshots of the app for README.md and the AppStream metainfo:
#
#   build-aux/screenshots.sh [BUILDDIR]        (default: build; run build-aux/setup first)
#
# Imports the example manifests of tests/data/ into a scratch draft store with the CLI, starts
# the app on a private Xvfb display (1280x800) and D-Bus session, walks it through AT-SPI
# (build-aux/screenshots.py) and saves PNG files into resources/screenshots/: the README's set
# at 1280x800, and laptop sizes (800x600, 1366x768) in light, dark and Chinese, and the dialog a
# clerk sees when a colleague saved the same draft (made with the CLI while the app edits it).
# SCREENSHOT_ONLY=PREFIX takes only the pictures whose name starts with PREFIX. ImageMagick's
# `import` takes the pictures; it is installed here when missing (it is not needed by any test,
# so it is not in deps.txt).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(dirname "$here")
builddir=${1:-build}
[[ $builddir == /* ]] || builddir=$src/$builddir
consign=$builddir/app/consign
out=$src/resources/screenshots
[[ -x $consign ]] || { echo "screenshots: no $consign; run build-aux/setup run or test first" >&2; exit 2; }

if [[ ! -x /usr/bin/import ]]; then
  sudo=
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends imagemagick </dev/null
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CONSIGN_DB=$tmp/drafts.db
for f in "$src"/tests/data/railsea-electronics.json "$src"/tests/data/corridors/*.json; do
  "$consign" import "$f" >/dev/null || echo "screenshots: could not import $f" >&2
done
"$consign" list
# The Directory window's pictures show the demo parties and products.
"$consign" parties import "$src/tests/data/directory-parties.csv"
"$consign" products import "$src/tests/data/directory-products.csv"

# The Chinese pictures need the translations where the binary looks for them (meson install).
localedir=$(sed -n 's/^#define LOCALEDIR "\(.*\)"$/\1/p' "$builddir/config.h")
no_zh=0
if [[ ! -f $localedir/zh_CN/LC_MESSAGES/consign.mo ]]; then
  echo "screenshots: no $localedir/zh_CN/LC_MESSAGES/consign.mo (meson install): zh_CN pictures skipped" >&2
  no_zh=1
fi

mkdir -p "$out"
SCREENSHOT_NO_ZH=$no_zh CONSIGN_BIN=$consign GSETTINGS_SCHEMA_DIR=$builddir/resources SCREENSHOT_TMP=$tmp \
  xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- \
  /usr/bin/python3 "$here/screenshots.py" "$out"
ls -l "$out"
