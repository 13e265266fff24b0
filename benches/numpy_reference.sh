#!/usr/bin/env bash
# Times the numpy reference of the Monte Carlo benchmark (benches/mc_numpy.py) on this machine, for
# the comparison in docs/performance.md. numpy is taken from python3 when it has it, else installed
# with pip into a throwaway virtualenv under target/, never into the system.
#
#   bash benches/numpy_reference.sh [SAMPLES]          numpy alone (default 5,000 samples)
#   bash benches/numpy_reference.sh --with-engine      numpy, then the engine's bench, and the ratio
#
# Run on a quiet machine: the two are compared one right after the other.
set -euo pipefail
cd "$(dirname "$0")/.."

with_engine=false
if [[ ${1:-} == --with-engine ]]; then
  with_engine=true
  shift
fi
samples=${1:-5000}

python=python3
if ! python3 -c 'import numpy' 2>/dev/null; then
  venv=target/numpy-venv
  if ! "$venv/bin/python" -c 'import numpy' 2>/dev/null; then
    echo "== installing numpy with pip into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy
  fi
  python=$venv/bin/python
fi

numpy_line=$("$python" benches/mc_numpy.py "$samples")
echo "$numpy_line"
$with_engine || exit 0

# criterion prints "time:   [low median high]"; the middle figure is its estimate.
# awk reads to the end, so cargo never writes into a closed pipe.
engine_line=$(cargo bench --locked --no-default-features --bench engine -- \
  "monte carlo/10 designs × 5,000 samples × 100 volumes$" 2>/dev/null | awk '/time:/ && !seen { print; seen = 1 }')
echo "engine (cargo bench): $engine_line"
to_ms() { awk -v x="$1" -v unit="$2" 'BEGIN { f = (unit == "s") ? 1000 : (unit == "ms") ? 1 : (unit == "µs" || unit == "us") ? 0.001 : 0.000001; printf "%.3f", x * f }'; }
read -r engine_value engine_unit < <(echo "$engine_line" | sed 's/.*\[//; s/\].*//' | awk '{ print $3, $4 }')
engine_ms=$(to_ms "$engine_value" "$engine_unit")
numpy_ms=$(echo "$numpy_line" | sed 's/.*median \([0-9.]*\) ms.*/\1/')
awk -v n="$numpy_ms" -v e="$engine_ms" 'BEGIN { printf "numpy median %.1f ms / engine %.2f ms = %.1fx\n", n, e, n / e }'
