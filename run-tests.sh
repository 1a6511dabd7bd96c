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
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build MachineActors.sln -c Release -warnaserror --nologo -v quiet
status=0
dotnet test MachineActors.sln -c Release --no-build --nologo --logger "console;verbosity=normal" \
  --results-directory "$results" 2>&1 | tee "$results/output.log" || status=$?

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 11, Skipped: 0, ...").
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results/output.log"
exit $status
