#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test matrix.
#   scripts/pg.sh start DIR   -> installs PostgreSQL if missing, starts a cluster in DIR on a
#                                free local port, prints its URL on stdout
#   scripts/pg.sh stop DIR    -> stops it and removes DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?cluster folder}
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
case "$cmd" in
start)
  if [ -z "$(pgbin)" ]; then
    echo "installing PostgreSQL from the Debian packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  bin=$(pgbin)
  id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
  mkdir -p "$dir"; chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -U postgres --auth=trust -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
  echo "postgresql://postgres@127.0.0.1:$port/postgres"
  ;;
stop)
  bin=$(pgbin)
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m fast -w stop >/dev/null" || true
  fi
  rm -rf "$dir"
  ;;
esac
