#!/usr/bin/env bash
# The first frame's time, as docs/STARTUP.md measures it: launches the app N times in a virtual X
# display (Xvfb), each with a fresh data folder, and reads "first frame shown N ms after start"
# from its log; prints each launch, the median and spread, and the median of each start-up step.
#
# usage: benches/first_frame.sh [BINARY] [LAUNCHES] [WxH]
#   BINARY    default: $CARGO_TARGET_DIR/release/resistance-atlas (or target/release/…)
#   LAUNCHES  default 5
#   WxH       the virtual screen, default 1280x720
# Variants can be compared in interleaved launches with VARIANTS="name:ENV=1 name2:ENV=2"
# (space-separated; each launch of a round runs every variant once, so load drifts alike).
set -euo pipefail
bin=${1:-${CARGO_TARGET_DIR:-target}/release/resistance-atlas}
launches=${2:-5}
size=${3:-1280x720}
variants=${VARIANTS:-"app:_=1"}
[[ -x $bin ]] || { echo "first_frame.sh: no binary at $bin (cargo build --release)" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "first_frame.sh: Xvfb is not installed" >&2; exit 2; }

disp=90; while [[ -e /tmp/.X11-unix/X$disp || -e /tmp/.X$disp-lock ]]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
out=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$out"' EXIT
sleep 1
export DISPLAY=":$disp"

for _ in $(seq 1 "$launches"); do
  for variant in $variants; do
    name=${variant%%:*}
    data=$(mktemp -d)
    # shellcheck disable=SC2086 # the variant's settings are words on purpose
    env XDG_DATA_HOME="$data" RUST_LOG=resistance_atlas::startup=debug ${variant#*:} "$bin" >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 1 150); do
      grep -qs "first frame shown" "$data"/resistance-atlas/*.log && break
      sleep 0.1
    done
    sleep 0.2
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    grep -hs -E "startup|first frame shown" "$data"/resistance-atlas/*.log | sed 's/^.*\] //' >>"$out/$name"
    echo "---" >>"$out/$name"
    rm -rf "$data"
    sleep 0.3
  done
done

for variant in $variants; do
  name=${variant%%:*}
  python3 - "$name" "$out/$name" <<'PY'
import re, statistics, sys
name, path = sys.argv[1], sys.argv[2]
shown, steps, order, last = [], {}, [], 0.0
after_layout = "the first frame tessellated, painted, swapped; the second begun"
for line in open(path):
    line = line.strip()
    m = re.match(r"first frame shown ([\d.]+) ms", line)
    if m:
        shown.append(float(m.group(1)))
        steps.setdefault(after_layout, []).append(float(m.group(1)) - last)
    m = re.match(r"(.*): done ([\d.]+) ms after start \(\+([\d.]+) ms\)", line)
    if m:
        if m.group(1) not in steps:
            order.append(m.group(1))
        steps.setdefault(m.group(1), []).append(float(m.group(3)))
        last = float(m.group(2))
order.append(after_layout)
if not shown:
    print(f"{name}: no launch logged its first frame")
    sys.exit(0)
print(f"{name}: first frame shown, median {statistics.median(shown):.0f} ms "
      f"({min(shown):.0f}-{max(shown):.0f}) over {len(shown)} launches: "
      + " ".join(f"{s:.0f}" for s in shown))
for step in order:
    if step in steps:
            print(f"  {statistics.median(steps[step]):7.1f} ms  {step}")
PY
done
