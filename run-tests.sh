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

# Real peers the tests start privately on loopback (Debian packages).
missing=()
command -v ippeveprinter >/dev/null 2>&1 || missing+=(cups-ipp-utils)
command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need Debian packages: ${missing[*]}. Run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build MachineActors.sln -c Release -warnaserror --nologo -v quiet
status=0
dotnet test MachineActors.sln -c Release --no-build --nologo --logger "console;verbosity=normal" \
  --results-directory "$results" 2>&1 | tee "$results/output.log" || status=$?

# Sum the per-assembly summaries ("Total tests: N" followed by "Passed: N", "Failed: N", "Skipped: N").
awk '/^Total tests:/ { counting = 1; next }
     counting && $1 == "Passed:" { p += $2 }
     counting && $1 == "Failed:" { f += $2 }
     counting && $1 == "Skipped:" { s += $2 }
     /Total time:/ { counting = 0 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results/output.log"
grep -E '^[[:space:]]+Failed [A-Za-z_]' "$results/output.log" | sed 's/^[[:space:]]*/failed: /' || true
exit $status
