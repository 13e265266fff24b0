#!/usr/bin/env bash
# Re-takes the bundled price map from the litellm package on PyPI (the registry, not the web):
#   bash assets/price-map/update.sh 1.110.2
# It downloads the wheel with pip, extracts the price map and the licence next to this script,
# and prints the metadata to put in README.md (package, version, path in the wheel, sha256,
# date). Then set SNAPSHOT_VERSION and SNAPSHOT_TAKEN in src/io/pricemap/mod.rs and run
# `cargo test --locked --test pricemap`.
set -euo pipefail
version=${1:?usage: update.sh LITELLM_VERSION}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pip download "litellm==$version" --no-deps --only-binary=:all: -d "$work" >&2
wheel=$(ls "$work"/litellm-"$version"-*.whl | head -n 1)
# The wheel holds the map as the "backup" copy litellm falls back to offline.
inner=litellm/model_prices_and_context_window_backup.json
python3 - "$wheel" "$inner" "$version" "$here" <<'PY'
import sys, zipfile
wheel, inner, version, here = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    data = z.read(inner)
    licence = z.read(f"litellm-{version}.dist-info/licenses/LICENSE")
open(f"{here}/model_prices_and_context_window.json", "wb").write(data)
open(f"{here}/LICENSE", "wb").write(licence)
PY
echo "package: litellm $version ($(basename "$wheel"))"
echo "path in the wheel: $inner"
echo "sha256: $(sha256sum "$here/model_prices_and_context_window.json" | cut -d' ' -f1)"
echo "taken: $(date -u +%Y-%m-%d)"
