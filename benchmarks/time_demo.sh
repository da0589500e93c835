#!/usr/bin/env bash
# Time `make demo`'s steps (after install): wall and CPU seconds (user, sys) of each
# scripts/demo.d step and of the whole, for a checkout ROOT with its .venv, in a fresh HOME.
#   bash benchmarks/time_demo.sh [ROOT] [HOME]
# Used for the #11 demo figures (benchmarks/results/startup_demo.json), the baseline being the
# pre-#11 checkout that benchmarks/bench_startup.py makes (with a .venv link to its venv and
# ../shared beside it).
set -euo pipefail
ROOT="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
HOME_DIR="${2:-$(mktemp -d /tmp/corridor-demo-time.XXXXXX)}"
cd "$ROOT"
export CORRIDOR_HOME="$HOME_DIR"
rm -rf "$CORRIDOR_HOME"; mkdir -p "$CORRIDOR_HOME"
export PATH="$ROOT/.venv/bin:$PATH"
start=$(date +%s.%N)
for step in scripts/demo.d/*.sh; do
  log="$CORRIDOR_HOME/$(basename "$step").log"
  /usr/bin/time -f "STEP $step wall %e user %U sys %S" -o "$log.time" bash "$step" >"$log" 2>&1 \
    || echo "STEP $step FAILED (see $log)"
  cat "$log.time"
done
total=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
echo "TOTAL wall $total s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
