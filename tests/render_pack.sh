#!/usr/bin/env bash
# Renders the review pack of every bundled scenario in a real browser, to look at: a screenshot at
# 1,280 px and at phone width, and the pages "Print to PDF" gives, as PNG. Needs Debian's chromium
# (and poppler-utils for the pages); says it skipped otherwise. Not part of `cargo test` (CI does not
# install a browser: it would add minutes and hundreds of MB for pictures nobody looks at there).
# usage: tests/render_pack.sh [OUT_DIR]   (default target/pack-render)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/pack-render}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "skipped: no chromium (apt-get install chromium poppler-utils)"
  exit 0
fi
mkdir -p "$out"
cargo build --release --quiet
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync "--user-data-dir=$out/profile")
for file in scenarios/*.ron; do
  name=$(basename "$file" .ron)
  target/release/inference-roi pack "$file" --out "$out/$name.html" > /dev/null
  page="file://$(realpath "$out/$name.html")"
  "$browser" "${flags[@]}" --window-size=1280,4000 --screenshot="$out/$name-1280.png" "$page" 2> /dev/null
  "$browser" "${flags[@]}" --window-size=390,4000 --screenshot="$out/$name-phone.png" "$page" 2> /dev/null
  "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "$page" 2> /dev/null
  if command -v pdftoppm > /dev/null; then
    pdftoppm -r 60 -png "$out/$name.pdf" "$out/$name-page"
  fi
  echo "$name: $out/$name.html, screenshots and $(ls "$out/$name"-page-*.png 2> /dev/null | wc -l) printed pages"
done
