#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pg-cluster.sh COMMAND [ARG...]: runs COMMAND against a throwaway PostgreSQL cluster.
#
# The cluster (Debian's postgresql package, version 15 unless PG_BINDIR says otherwise) is made
# with initdb in a new temporary folder, listens only on a Unix socket in that folder, and is
# stopped and removed when COMMAND ends, however it ends. COMMAND finds the server in
# CONSIGN_TEST_DB, a postgresql:// URI of the cluster's "postgres" database with the trusted
# superuser "consign" (tests make their own databases beside it).
#
# Run as root, the server runs as the unprivileged "postgres" user (which owns the folder):
# PostgreSQL refuses to run as root. A missing PostgreSQL is an error, not a skip.
set -eu

bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ $# -eq 0 ]; then
  echo "usage: pg-cluster.sh COMMAND [ARG...]" >&2
  exit 2
fi
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "pg-cluster.sh: no PostgreSQL server in $bindir (Debian: apt install postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/consign-pg.XXXXXX")
as_server=""
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "pg-cluster.sh: running as root needs the unprivileged user \"postgres\" (Debian's postgresql package makes it)" >&2
    rm -rf "$dir"
    exit 1
  fi
  chown postgres: "$dir"
  as_server="runuser -u postgres --"
fi

stop_cluster () {
  if [ -f "$dir/data/postmaster.pid" ]; then
    $as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! $as_server "$bindir/initdb" -D "$dir/data" -U consign --auth=trust -E UTF8 --locale=C.UTF-8 \
       >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2
  echo "pg-cluster.sh: initdb failed" >&2
  exit 1
fi
# no TCP at all; fsync off: a test cluster is thrown away, and its speed is all that matters
if ! $as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null; then
  cat "$dir/server.log" >&2
  echo "pg-cluster.sh: the server did not start" >&2
  exit 1
fi

CONSIGN_TEST_DB="postgresql:///postgres?host=$dir&user=consign"
export CONSIGN_TEST_DB
status=0
"$@" || status=$?
exit $status
