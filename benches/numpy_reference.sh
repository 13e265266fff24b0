#!/usr/bin/env bash
# Runs the numpy counterpart of the Monte Carlo benchmark (../shared/bench/mc_numpy.py) on this
# machine, for the ratio the README reports: numpy is installed into a throwaway virtualenv under
# target/, never into the system. Run it right before or after
#   cargo bench --bench engine -- "monte carlo/10 designs × 5,000"
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/numpy-venv
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet numpy
fi
"$venv/bin/python" ../shared/bench/mc_numpy.py "${1:-5000}"
