#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1, in a directory of its own, for tests and benchmarks.
#
#   url=$(scripts/ci/postgres.sh start [DIR])   starts it; prints postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/ci/postgres.sh stop DIR             stops it and deletes DIR (start tells you DIR)
#
# Or source this file and call pg_ci_start [DIR] / pg_ci_stop; they set PG_CI_DIR, PG_CI_PORT, PG_CI_URL.
# As root the server runs as the `postgres` user (initdb refuses root); otherwise as you.
# PG_CI_VERSION (15) picks /usr/lib/postgresql/<version>/bin; PG_CI_PORT fixes the port (default: a free
# one between 40000 and 59999). Trust authentication, no fsync: never put data you need in it.

# shellcheck source=scripts/ci/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_CI_MARKER=.weerbaar-throwaway-postgres

# Prints the bin directory: the wanted version, else the newest installed, else nothing.
pg_ci_bindir() {
  local wanted=/usr/lib/postgresql/${PG_CI_VERSION:-15}/bin candidate
  if [[ -x $wanted/initdb ]]; then
    printf '%s\n' "$wanted"
    return 0
  fi
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $candidate/initdb ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
}

# Installs the server with apt-get when it is missing; sets PG_CI_BIN.
pg_ci_ensure_installed() {
  PG_CI_BIN=$(pg_ci_bindir)
  if [[ -z $PG_CI_BIN ]]; then
    ci_say "no PostgreSQL server binaries in /usr/lib/postgresql; installing"
    # Only the binaries: no 'main' cluster on 5432 next to ours.
    if ci_is_root; then
      mkdir -p /etc/postgresql-common/createcluster.d
      echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/weerbaar-ci.conf
    fi
    ci_apt_install "postgresql-${PG_CI_VERSION:-15}" || ci_apt_install postgresql || return 1
    PG_CI_BIN=$(pg_ci_bindir)
    [[ -n $PG_CI_BIN ]] || ci_die "PostgreSQL was installed but no initdb was found" || return 1
  fi
  if ci_is_root && ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
  fi
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
pg_ci_as_owner() {
  if ci_is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ci_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_ci_start() {
  local dir=${1:-} port attempt
  pg_ci_ensure_installed || return 1
  if [[ -z $dir ]]; then
    # Under /tmp (not $TMPDIR): the postgres user must be able to reach it.
    dir=$(mktemp -d /tmp/weerbaar-pg.XXXXXX)
  else
    mkdir -p "$dir"
    [[ -z $(ls -A "$dir") ]] || ci_die "$dir is not empty" || return 1
    dir=$(cd "$dir" && pwd)
  fi
  touch "$dir/$PG_CI_MARKER"
  if ci_is_root; then chown -R postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  pg_ci_as_owner test -w "$dir" || ci_die "the server's owner cannot write $dir" || return 1

  pg_ci_as_owner "$PG_CI_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync \
    >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    ci_die "initdb failed (log above)"
    return 1
  }

  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=${PG_CI_PORT:-$((40000 + RANDOM % 20000))}
    if pg_ci_port_in_use "$port"; then
      [[ -z ${PG_CI_PORT:-} ]] || ci_die "port $port is in use" || return 1
      continue
    fi
    if pg_ci_as_owner "$PG_CI_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      break
    fi
    # Lost a race for the port? Try another one; anything else is a real failure.
    if [[ -n ${PG_CI_PORT:-} ]] || ! grep -q 'could not bind\|already in use' "$dir/server.log" 2>/dev/null; then
      tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
      ci_die "PostgreSQL did not start (log above)"
      return 1
    fi
    port=''
  done
  [[ -n ${port:-} ]] || ci_die "no free port found" || return 1

  for attempt in $(seq 1 60); do
    if "$PG_CI_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then break; fi
    ((attempt < 60)) || {
      ci_die "PostgreSQL on port $port is not ready after 30 s"
      return 1
    }
    sleep 0.5
  done

  PG_CI_DIR=$dir
  PG_CI_PORT=$port
  PG_CI_URL="postgres://postgres@127.0.0.1:$port/postgres"
  printf '%s\n' "$PG_CI_URL" >"$dir/url"
  ci_say "PostgreSQL $("$PG_CI_BIN/postgres" --version | awk '{print $3}') ready at $PG_CI_URL (data in $dir)"
}

pg_ci_stop() {
  local dir=${1:-${PG_CI_DIR:-}} bin
  [[ -n $dir ]] || ci_die "which server? give its directory" || return 1
  # Refuse to delete anything pg_ci_start did not make.
  [[ -f $dir/$PG_CI_MARKER ]] || ci_die "$dir was not made by pg_ci_start; not touching it" || return 1
  bin=${PG_CI_BIN:-$(pg_ci_bindir)}
  if [[ -f $dir/data/postmaster.pid && -n $bin ]]; then
    pg_ci_as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 30 -m fast stop >/dev/null ||
      pg_ci_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null ||
      ci_say "warning: could not stop the server in $dir"
  fi
  rm -rf "$dir"
  ci_say "PostgreSQL in $dir stopped and removed"
  if [[ $dir == "${PG_CI_DIR:-}" ]]; then unset PG_CI_DIR PG_CI_PORT PG_CI_URL; fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
  start)
    pg_ci_start "${2:-}"
    ci_say "stop it with: $0 stop $PG_CI_DIR"
    printf '%s\n' "$PG_CI_URL"
    ;;
  stop)
    [[ $# -eq 2 ]] || ci_die "usage: $0 stop DIR"
    pg_ci_stop "$2"
    ;;
  *)
    ci_say "usage: $0 start [DIR] | stop DIR"
    exit 2
    ;;
  esac
fi
