#!/usr/bin/env bash
# Load harness: N subscribers due at one instant, created and activated through the public API of a Release build
# of src/Functions (standalone mode, a separate process), against a loopback Kestrel fake of Twilio's Messages API
# and, for Table Storage, Azurite behind a counting proxy. Prints a markdown table for docs/benchmarks.md.
# Not part of the test run.
#
#   bash bench/run-load.sh [harness options] [runs...]
#
# A run is sqlite:DUE[/TOTAL] or tables:DUE[/TOTAL] (TOTAL subscribers, DUE of them due at the test instant, the
# rest five hours later). Without runs: the set docs/benchmarks.md reports (takes a long while on 2 cores):
#   sqlite:10000 sqlite:1000/10000 sqlite:1000/100000 tables:1000 tables:3000
# Harness options: --setup-concurrency N (API calls in flight while creating subscribers, default 16),
#                  --rates 10000,1000 (Delivery:MaxMessagesPerSecond values to try, the first the app accepts wins),
#                  --warm N (N other subscribers get a peak a minute or two before the measured one, same process).
# Smoke run: bash bench/run-load.sh sqlite:200 tables:100
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/artifacts/bench"
command="${READY_TO_RUN:+READY_TO_RUN=$READY_TO_RUN }bash bench/run-load.sh${*:+ $*}"

options=()
runs=()
while (($#)); do
  case "$1" in
    --setup-concurrency|--rates|--warm) options+=("$1" "$2"); shift 2 ;;
    *) runs+=("$1"); shift ;;
  esac
done
((${#runs[@]})) || runs=(sqlite:10000 sqlite:1000/10000 sqlite:1000/100000 tables:1000 tables:3000)

azurite="$root/node_modules/azurite/dist/src/table/main.js"
if [[ " ${runs[*]}" == *" tables:"* && ! -f "$azurite" ]]; then
  echo "Table runs need Azurite: run 'npm ci' in $root first." >&2
  exit 2
fi

# The app is the deployment package eng/package.sh builds: ReadyToRun for linux-x64 (READY_TO_RUN=0: portable, JIT
# only), so the peak runs the code a deployment runs, not tier-0 JIT code that is still being recompiled.
bash "$root/eng/package.sh" "$out/load-package" >/dev/null
dotnet build "$root/bench/Load/Reminders.Bench.Load.csproj" -c Release --artifacts-path "$out/build" -nodeReuse:false --nologo >/dev/null

exec dotnet "$out/build/bin/Reminders.Bench.Load/release/Reminders.Bench.Load.dll" \
  --app "$out/load-package/app/Reminders.Functions.dll" --azurite "$azurite" --command "$command" "${options[@]}" "${runs[@]}"
