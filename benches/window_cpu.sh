#!/usr/bin/env bash
# CPU per mouse move of the planner in a real X window (Xvfb, software-rendered: Mesa's
# llvmpipe), beside a bare eframe + egui_plot window (examples/bare_plot.rs) measured in the same
# run with the same renderer: the floor our own content is compared with.
#
# usage: bash benches/window_cpu.sh [glow|wgpu|auto ...]     (default: all three)
#
# auto leaves INFERENCE_ROI_RENDERER unset: the renderer each program picks on its own (glow under
# a software rasteriser such as this one, see src/app/renderer.rs).
#
# For each renderer it starts a fresh X server (1440x900; 1920x1080 for presentation mode) with a
# window manager, starts the program, lets it settle, then moves the mouse across the chart 50
# times in about 6 seconds and reads the process's own CPU time (user + system, from
# /proc/PID/stat) before and after. Cases: the bare window; the planner on each chart tab
# (ROI multiple, Cost per inference, Cost & value, Frontier, Energy & carbon, Over time); dragging
# on the chart (which moves the current volume); presentation mode at 1920x1080. Idle CPU over
# 3 seconds is reported too. Installs xvfb, xdotool and openbox with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
renderers=("$@")
[[ ${#renderers[@]} -gt 0 ]] || renderers=(wgpu glow auto)
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v openbox >/dev/null || need+=(openbox)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --locked --bin inference-roi --example bare_plot >/dev/null 2>&1 \
  || cargo build --release --locked --bin inference-roi --example bare_plot
# The programs run with a home of their own: a measurement never touches the user's settings,
# recent files or recovery copy (the drag below leaves unsaved changes behind).
home=$(mktemp -d)
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
export INFERENCE_ROI_DATA_DIR=$home/data
planner=target/release/inference-roi
bare=target/release/examples/bare_plot
scenario=scenarios/search-summaries.ron
tick=$(getconf CLK_TCK)
moves=50

display=""
xpid="" wpid="" apid=""
stop_all() {
  for p in $apid $wpid $xpid; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  apid="" wpid="" xpid=""
}
trap 'stop_all; rm -rf "$home"' EXIT

# start_x WxH: a fresh X server and window manager.
start_x() {
  local n=70
  while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
  display=":$n"
  Xvfb "$display" -screen 0 "${1}x24" -nolisten tcp >/dev/null 2>&1 &
  xpid=$!
  sleep 1
  DISPLAY=$display openbox >/dev/null 2>&1 &
  wpid=$!
  sleep 1
}

# cpu_ms: the program's CPU time so far, in milliseconds.
cpu_ms() {
  local fields
  read -r -a fields <"/proc/$apid/stat"
  # utime and stime are fields 14 and 15 (after a "(comm)" without spaces).
  echo $(((fields[13] + fields[14]) * 1000 / tick))
}

x() { DISPLAY=$display xdotool "$@"; }

# sweep X0 X1 Y: the mouse across the chart, $moves moves in about 6 s; prints CPU ms per move.
sweep() {
  local x0=$1 x1=$2 y=$3 before after i
  x mousemove "$x0" "$y"
  sleep 1
  before=$(cpu_ms)
  for ((i = 0; i < moves; i++)); do
    x mousemove $((x0 + (x1 - x0) * i / moves)) $((y + (i % 5) * 12))
    sleep 0.12
  done
  sleep 0.5
  after=$(cpu_ms)
  echo $(((after - before) / moves))
}

# drag X0 X1 Y: a drag across the chart (the planner moves the current volume with it).
drag() {
  local x0=$1 x1=$2 y=$3 before after i
  x mousemove "$x0" "$y"
  sleep 1
  before=$(cpu_ms)
  x mousedown 1
  for ((i = 0; i < moves; i++)); do
    x mousemove $((x0 + (x1 - x0) * i / moves)) "$y"
    sleep 0.12
  done
  x mouseup 1
  sleep 0.5
  after=$(cpu_ms)
  echo $(((after - before) / moves))
}

idle() {
  local before after
  before=$(cpu_ms)
  sleep 3
  after=$(cpu_ms)
  echo $((after - before))
}

row() { printf '| %-7s | %-44s | %8s |\n' "$1" "$2" "$3"; }

echo "| renderer | what | CPU per move (ms) |"
echo "|---|---|---|"
for r in "${renderers[@]}"; do
  if [[ $r == auto ]]; then
    unset INFERENCE_ROI_RENDERER
  else
    export INFERENCE_ROI_RENDERER=$r
  fi
  start_x 1440x900
  DISPLAY=$display "$bare" >/dev/null 2>&1 &
  apid=$!
  sleep 5
  row "$r" "bare eframe window, one plot of 3 × 1,000 points" "$(sweep 300 1200 450)"
  stop_all

  start_x 1440x900
  DISPLAY=$display "$planner" "$scenario" >/dev/null 2>&1 &
  apid=$!
  sleep 8
  row "$r" "planner idle, 3 s (ms in all)" "$(idle)"
  # The tabs along the top of the centre (1440x900, openbox's title bar included).
  for tab in "ROI multiple:395" "Cost per inference:505" "Cost & value:614" "Frontier:693" \
    "Energy & carbon:784" "Over time:890"; do
    name=${tab%%:*} at=${tab##*:}
    x mousemove "$at" 87 click 1
    sleep 2
    row "$r" "planner, $name tab: hover" "$(sweep 450 1000 400)"
  done
  x mousemove 395 87 click 1
  sleep 2
  row "$r" "planner, ROI multiple tab: drag on the chart" "$(drag 450 1000 400)"
  stop_all

  start_x 1920x1080
  DISPLAY=$display "$planner" "$scenario" >/dev/null 2>&1 &
  apid=$!
  sleep 8
  x key F11
  sleep 3
  row "$r" "planner, presentation mode 1920×1080: hover" "$(sweep 300 1600 500)"
  stop_all
done
