#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for tests: its own data folder under $TMPDIR (/tmp), a free
# loopback port, a random password, a Unix socket inside that folder. Never touches the system cluster.
#
#   scripts/private-postgres.sh start [--owner-pid PID]
#       Starts a server and prints shell-quoted KEY='value' lines (also kept in $PGDIR/env):
#       PGDIR PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE CONNECTION_STRING (Npgsql form).
#       With --owner-pid, a watchdog stops the server and removes its folder once that process has
#       exited, so a crashed or killed test run leaves nothing behind.
#   scripts/private-postgres.sh stop PGDIR
#       Stops the server started in PGDIR and removes the folder (a no-op when it is already gone).
#   scripts/private-postgres.sh pause PGDIR
#       Stops the server (pg_ctl stop -m fast: clients are disconnected) but keeps its folder and data, so
#       tests can see the database go away. The watchdog keeps watching.
#   scripts/private-postgres.sh resume PGDIR
#       Starts a paused server again on the same data folder, port and socket folder.
#
# Binaries: only $PRIVATE_POSTGRES_BIN when it is set; else /usr/lib/postgresql/15/bin, else the
# newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`. Exit code 3: no server binaries installed.
# initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser);
# otherwise it runs as the current user.
set -euo pipefail

self=$(readlink -f "$0")
marker=.private-postgres
# Room for several test projects' node processes at once (each node pools up to 20 connections).
max_connections=300

die() { echo "private-postgres: $1" >&2; exit "${2:-1}"; }

find_bin() {
  local candidates=()
  if [ -n "${PRIVATE_POSTGRES_BIN:-}" ]; then
    candidates=("$PRIVATE_POSTGRES_BIN")
  else
    candidates+=(/usr/lib/postgresql/15/bin)
    candidates+=($(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r))
    command -v pg_config >/dev/null 2>&1 && candidates+=("$(pg_config --bindir)")
  fi
  local dir
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# Runs a command as the server's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local owner_pid=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --owner-pid) owner_pid="${2:?--owner-pid needs a process id}"; shift 2 ;;
      *) die "unknown argument '$1'" ;;
    esac
  done

  local bin
  bin=$(find_bin) || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed: looked in ${PRIVATE_POSTGRES_BIN:-/usr/lib/postgresql/*/bin and pg_config}. Install them with: apt-get update && apt-get install -y postgresql-15 (Debian 12), or set PRIVATE_POSTGRES_BIN." 3
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (the postgresql-15 package creates it): initdb refuses to run as root."
    command -v runuser >/dev/null 2>&1 || die "running as root needs runuser (package util-linux) to run initdb as 'postgres'."
  fi

  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/private-postgres.XXXXXX")
  touch "$dir/$marker"
  local password
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"

  # Local socket connections are trusted (only the owner can reach the socket folder); TCP needs the password.
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed (log above)."
  fi
  rm -f "$dir/pwfile"

  # A free port: skip ports something listens on, and retry when another process wins the race to bind.
  local port="" attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    local candidate=$(( (RANDOM * 32768 + RANDOM) % 30000 + 20000 ))
    if ss -Hltn "sport = :$candidate" 2>/dev/null | grep -q .; then
      continue
    fi
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -s \
        -o "-p $candidate -k $dir -c listen_addresses=127.0.0.1 -c max_connections=$max_connections" start >>"$dir/pg_ctl.log" 2>&1; then
      port=$candidate
      break
    fi
    if ! grep -q -i -E 'could not bind|address already in use|could not create any TCP/IP sockets' "$dir/server.log" 2>/dev/null; then
      break
    fi
  done
  if [ -z "$port" ]; then
    cat "$dir/pg_ctl.log" "$dir/server.log" >&2 2>/dev/null || true
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -s stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    die "the server did not start (log above)."
  fi

  local database=machineactors
  if ! as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -Atq \
      -c "CREATE DATABASE $database" >>"$dir/pg_ctl.log" 2>&1; then
    if ! as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres "$database" >>"$dir/pg_ctl.log" 2>&1; then
      cat "$dir/pg_ctl.log" >&2
      stop "$dir"
      die "could not create database $database."
    fi
  fi

  {
    echo "PGDIR='$dir'"
    echo "PGHOST='127.0.0.1'"
    echo "PGPORT='$port'"
    echo "PGUSER='postgres'"
    echo "PGPASSWORD='$password'"
    echo "PGDATABASE='$database'"
    echo "CONNECTION_STRING='Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=$database'"
  } >"$dir/env"
  chmod 600 "$dir/env"

  if [ -n "$owner_pid" ]; then
    # Detached from our stdout/stderr, so whoever reads this script's output is not kept waiting.
    setsid nohup bash -c 'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done; [ ! -d "$2" ] || exec "$0" stop "$2"' \
      "$self" "$owner_pid" "$dir" </dev/null >/dev/null 2>&1 &
  fi
  cat "$dir/env"
}

stop() {
  local dir="${1:?stop needs the PGDIR printed by start}"
  [ -d "$dir" ] || return 0
  [ -f "$dir/$marker" ] || die "$dir was not made by this script; not touching it."
  if [ -f "$dir/data/postmaster.pid" ]; then
    local bin
    bin=$(find_bin) || bin=""
    if [ -z "$bin" ] || ! as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 20 -s stop >/dev/null 2>&1; then
      local pid
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

# The folder of a running or paused server made by start, and its binaries.
made_here() {
  local dir="${1:?$2 needs the PGDIR printed by start}"
  [ -d "$dir" ] && [ -f "$dir/$marker" ] && [ -f "$dir/env" ] || die "$dir is not a server folder made by this script."
}

pause() {
  local dir="${1:-}"
  made_here "$dir" pause
  local bin
  bin=$(find_bin) || die "PostgreSQL server binaries are not installed." 3
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 20 -s stop >>"$dir/pg_ctl.log" 2>&1 || die "the server did not stop (see $dir/pg_ctl.log)."
}

resume() {
  local dir="${1:-}"
  made_here "$dir" resume
  local bin port
  bin=$(find_bin) || die "PostgreSQL server binaries are not installed." 3
  [ -f "$dir/data/postmaster.pid" ] && return 0
  port=$(sed -n "s/^PGPORT='\(.*\)'$/\1/p" "$dir/env")
  [ -n "$port" ] || die "$dir/env names no port."
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -s \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=$max_connections" start >>"$dir/pg_ctl.log" 2>&1 \
    || { tail -n 20 "$dir/server.log" >&2; die "the server did not start again on port $port (log above)."; }
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  pause) shift; pause "$@" ;;
  resume) shift; resume "$@" ;;
  *) echo "usage: $0 start [--owner-pid PID] | stop PGDIR | pause PGDIR | resume PGDIR" >&2; exit 2 ;;
esac
