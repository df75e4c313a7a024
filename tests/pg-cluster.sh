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
# A test that stops and starts the server while it runs (a server going away under a connected
# client) runs "/bin/sh $CONSIGN_TEST_PG_CTL stop" (fast shutdown: sessions are ended, their
# transactions rolled back) and "/bin/sh $CONSIGN_TEST_PG_CTL start" (the same server again,
# same data, same socket); each waits until it is done and fails when pg_ctl does.
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
server_options="-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off"
if ! $as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "$server_options" start >/dev/null; then
  cat "$dir/server.log" >&2
  echo "pg-cluster.sh: the server did not start" >&2
  exit 1
fi

# The server's stop and start for tests (see the top of this file), written out with this
# cluster's folder, options and user.
cat >"$dir/pg-ctl" <<EOF
#!/bin/sh
# pg-ctl stop|start: the throwaway cluster in $dir (written by tests/pg-cluster.sh)
set -eu
case "\${1:-}" in
  stop)
    exec $as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ;;
  start)
    exec $as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \\
      -o "$server_options" start >/dev/null ;;
  *)
    echo "usage: pg-ctl stop|start" >&2
    exit 2 ;;
esac
EOF
CONSIGN_TEST_PG_CTL="$dir/pg-ctl"
export CONSIGN_TEST_PG_CTL

CONSIGN_TEST_DB="postgresql:///postgres?host=$dir&user=consign"
export CONSIGN_TEST_DB
status=0
"$@" || status=$?
exit $status
