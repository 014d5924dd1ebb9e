#!/usr/bin/env bash
# A throwaway PostgreSQL server for the library's tests. Source it (`. scripts/setup/postgres.sh`)
# to get YUSUAN_TEST_POSTGRES_URL exported; run it to print the URL.
# Installs the Debian `postgresql` package (as root or through sudo) when no `initdb` is found,
# creates a cluster in a temporary folder owned by the `postgres` OS user (initdb refuses root),
# trusts loopback connections, listens on 127.0.0.1:${YUSUAN_PG_PORT:-54329} and starts it.
# Idempotent: a server already answering on that port is reused.
#
# YUSUAN_PG_PORT=free picks a free port and starts a server of its own (never reusing another);
# then, when sourced, `yusuan_pg_stop` stops that server and removes its folder (scripts/test.sh
# calls it on exit).
set -eu
. "$(dirname "${BASH_SOURCE[0]:-$0}")/apt.sh"
port="${YUSUAN_PG_PORT:-54329}"
own_server=""
if [ "$port" = free ]; then
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  own_server=1
fi
if [ -n "$own_server" ]; then
  dir="${YUSUAN_PG_DIR:-$(mktemp -d /tmp/yusuan-postgres.XXXXXX)}"
else
  dir="${YUSUAN_PG_DIR:-/tmp/yusuan-postgres-$port}"
fi

find_bin() {
  command -v "$1" 2>/dev/null && return 0
  ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(find_bin initdb)" ]; then
  apt_install postgresql
fi
initdb="$(find_bin initdb)"
bindir="$(dirname "$(readlink -f "$initdb")")"
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ -n "$own_server" ]; then
  YUSUAN_PG_STARTED_DIR="$dir"
  # Stops the server this script started (YUSUAN_PG_PORT=free) and removes its folder.
  yusuan_pg_stop() {
    [ -n "${YUSUAN_PG_STARTED_DIR:-}" ] || return 0
    as_pg "'$bindir/pg_ctl' -D '$YUSUAN_PG_STARTED_DIR' -m fast -w stop >/dev/null" || true
    rm -rf "$YUSUAN_PG_STARTED_DIR"
    YUSUAN_PG_STARTED_DIR=""
  }
fi

if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  if [ -n "$own_server" ]; then
    echo "error: a server took port $port meanwhile; run again" >&2
    return 2 2>/dev/null || exit 2
  fi
else
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "'$bindir/initdb' -D '$dir' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  as_pg "'$bindir/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
fi

export YUSUAN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL: $YUSUAN_TEST_POSTGRES_URL"
