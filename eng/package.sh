#!/usr/bin/env bash
# Builds the Azure Functions deployment package.
#
#   bash eng/package.sh [output-dir]        (default output-dir: dist)
#
# Produces
#   <output-dir>/app/                        ready to deploy or to run with `func start`:
#     host.json                              from the repository root
#     <Function>/function.json               one folder per function, from src/Functions/FunctionApp
#     handler/Reminders.Functions            self-contained linux-x64 build (no .NET needed on the host)
#   <output-dir>/reminders-functions.zip     the same tree, zipped with Unix modes kept (handler executable bit)
#
# Needs the .NET 10 SDK and python3. Intermediate files go to artifacts/package, so the package build
# never touches the bin/obj folders of a normal `dotnet build`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-$root/dist}")
app="$out/app"
zip="$out/reminders-functions.zip"

rm -rf "$app" "$zip"
mkdir -p "$app"

dotnet publish "$root/src/Functions/Reminders.Functions.csproj" \
  --configuration Release \
  --runtime linux-x64 \
  --self-contained true \
  --artifacts-path "$root/artifacts/package" \
  --output "$app/handler" \
  -p:PublishDocumentationFile=false \
  -p:PublishReferencesDocumentationFiles=false \
  -nodeReuse:false \
  --nologo

cp "$root/host.json" "$app/host.json"
for definition in "$root"/src/Functions/FunctionApp/*/function.json; do
  name=$(basename "$(dirname "$definition")")
  mkdir -p "$app/$name"
  cp "$definition" "$app/$name/function.json"
done

handler="$app/handler/Reminders.Functions"
if [ ! -x "$handler" ]; then
  echo "package: $handler is missing or not executable" >&2
  exit 1
fi

# Zip with each file's Unix mode in the entry's external attributes, then read it back to prove the bit survived.
python3 - "$app" "$zip" <<'PY'
import os, stat, sys, zipfile

app, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for directory, subdirectories, files in os.walk(app):
        subdirectories.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, app))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read())

with zipfile.ZipFile(target) as archive:
    mode = archive.getinfo("handler/Reminders.Functions").external_attr >> 16
    if not mode & stat.S_IXUSR:
        sys.exit(f"package: the zip lost the handler's executable bit (mode {oct(mode)})")
PY

echo "package: $app"
echo "package: $zip ($(du -h "$zip" | cut -f1))"
