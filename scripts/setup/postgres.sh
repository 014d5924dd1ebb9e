#!/usr/bin/env bash
# A throwaway PostgreSQL server for the library's tests. Source it (`. scripts/setup/postgres.sh`)
# to get YUSUAN_TEST_POSTGRES_URL exported; run it to print the URL.
# Installs the Debian `postgresql` package when no `initdb` is found, creates a cluster in a
# temporary folder owned by the `postgres` OS user (initdb refuses root), trusts loopback
# connections, listens on 127.0.0.1:${YUSUAN_PG_PORT:-54329} and starts it. Idempotent: a server
# already answering on that port is reused.
set -eu
port="${YUSUAN_PG_PORT:-54329}"
dir="${YUSUAN_PG_DIR:-/tmp/yusuan-postgres-$port}"

find_bin() {
  command -v "$1" 2>/dev/null && return 0
  ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(find_bin initdb)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
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

if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "'$bindir/initdb' -D '$dir' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
  fi
  as_pg "'$bindir/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start >/dev/null"
fi

export YUSUAN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL: $YUSUAN_TEST_POSTGRES_URL"
