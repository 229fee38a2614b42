#!/usr/bin/env bash
# Azurite's own CPU per request for the point requests of a nudge, by row-key layout: a row key every partition shares
# (subscriber RK "sub", delivery RK "{date}", the layout before issue 13) against a row key of the row's own (RK phone,
# RK "{phone}|{date}"), beside the small insert the load runs' raw ceiling is made of. Prints a markdown table for
# docs/benchmarks.md. Not part of the test run; needs `npm ci` once for Azurite.
#
#   bash bench/run-rowkeys.sh [rows per table, default 3000]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/artifacts/bench"
rows=${1:-3000}
azurite="$root/node_modules/azurite/dist/src/table/main.js"
[[ -f "$azurite" ]] || { echo "Needs Azurite: run 'npm ci' in $root first." >&2; exit 2; }

dotnet build "$root/bench/Load/Reminders.Bench.Load.csproj" -c Release --artifacts-path "$out/build" -nodeReuse:false --nologo >/dev/null
exec dotnet "$out/build/bin/Reminders.Bench.Load/release/Reminders.Bench.Load.dll" \
  --azurite "$azurite" --row-keys "$rows" --command "bash bench/run-rowkeys.sh${1:+ $1}"
