#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, builds once in
# Release, runs every test project, and ends with one line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# ippeveprinter lives in /usr/sbin, which a non-login shell may not have on PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

# Real peers the tests start privately on loopback, and the browser the dashboard test drives (Debian packages).
missing=()
command -v ippeveprinter >/dev/null 2>&1 || missing+=(cups-ipp-utils)
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need Debian packages: ${missing[*]}. Run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The package may create and start a system cluster (port 5432); the tests never use it.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1, $2 }' | while read -r version cluster; do
      pg_ctlcluster "$version" "$cluster" stop || true
    done
  fi
fi
results=$(mktemp -d)
pgdir=""
trap '[ -z "$pgdir" ] || scripts/private-postgres.sh stop "$pgdir"; rm -rf "$results"' EXIT

dotnet build MachineActors.sln -c Release -warnaserror --nologo -v quiet
# One private PostgreSQL for the whole run, stopped on exit (its watchdog also stops it if this
# script is killed); the PostgreSQL tests create their own database on it.
server=$(scripts/private-postgres.sh start --owner-pid $$)
pgdir=$(sed -n "s/^PGDIR='\\(.*\\)'$/\\1/p" <<<"$server")
MACHINEACTORS_TEST_POSTGRES=$(sed -n "s/^CONNECTION_STRING='\\(.*\\)'$/\\1/p" <<<"$server")
export MACHINEACTORS_TEST_POSTGRES

status=0
dotnet test MachineActors.sln -c Release --no-build --nologo --logger "console;verbosity=normal" \
  --results-directory "$results" 2>&1 | tee "$results/output.log" || status=$?

# Why each failed test failed (its message and the top of its stack), here at the end where a
# truncated CI log still shows it.
awk '/^[[:space:]]+(Passed|Skipped) [A-Za-z_]/ { showing = 0 }
     /^[[:space:]]+Failed [A-Za-z_]/ { print "---"; showing = 1; shown = 0; stack = -1 }
     showing && /Stack Trace:/ { stack = 0 }
     showing { print; shown++; if (stack >= 0) stack++ }
     showing && (stack > 5 || shown > 40) { showing = 0 }' "$results/output.log" | cut -c1-400

# Sum the per-assembly summaries ("Total tests: N" followed by "Passed: N", "Failed: N", "Skipped: N").
awk '/^Total tests:/ { counting = 1; next }
     counting && $1 == "Passed:" { p += $2 }
     counting && $1 == "Failed:" { f += $2 }
     counting && $1 == "Skipped:" { s += $2 }
     /Total time:/ { counting = 0 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results/output.log"
grep -E '^[[:space:]]+Failed [A-Za-z_]' "$results/output.log" | sed 's/^[[:space:]]*/failed: /' || true
exit $status
