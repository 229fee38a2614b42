#!/usr/bin/env bash
# Start-up benchmark: time from process start to the first 200 on GET /api/health, for the worker app run
# standalone (the deployment package: ReadyToRun, and the same package without it; the package also with Twilio
# configured, as a deployment runs it, the API never called) and for a bare minimal-API app (plain publish,
# framework-dependent). The ratios are each app's median over the bare app's, from one run.
# Not part of the test run.
#
#   bash bench/run-startup.sh [runs]        (default 20 per app)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-20}
out="$root/artifacts/bench"

bash "$root/eng/package.sh" "$out/package" >/dev/null
READY_TO_RUN=0 bash "$root/eng/package.sh" "$out/package-jit" >/dev/null
dotnet publish "$root/bench/BareApi/Reminders.Bench.BareApi.csproj" -c Release \
  --artifacts-path "$out/build" -o "$out/bare" -nodeReuse:false --nologo >/dev/null
dotnet build "$root/bench/Startup/Reminders.Bench.Startup.csproj" -c Release --artifacts-path "$out/build" -nodeReuse:false --nologo >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Well-formed test credentials; the base URL is the discard port, as nothing is sent before the first 200.
twilio="Twilio__AccountSid=AC$(printf '0%.0s' {1..32}),Twilio__AuthToken=$(printf '0%.0s' {1..32}),Twilio__From=+15005550006"
twilio+=",Twilio__ApiBaseUrl=http://127.0.0.1:9,Program__SupportContact=help@example.org"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet: $(dotnet --version) SDK; runs per app: $runs"
Admin__ApiKeys__0="bench:$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
Storage__Provider=sqlite \
Storage__SqlitePath="$work/reminders.db" \
  dotnet "$out/build/bin/Reminders.Bench.Startup/release/Reminders.Bench.Startup.dll" "$runs" \
    "reminders-standalone=$out/package/app/Reminders.Functions" \
    "reminders-standalone-no-r2r=$out/package-jit/app/Reminders.Functions" \
    "reminders-standalone-twilio=$out/package/app/Reminders.Functions,$twilio" \
    "bare-minimal-api=$out/bare/Reminders.Bench.BareApi"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
