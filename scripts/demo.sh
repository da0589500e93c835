#!/usr/bin/env bash
# `make demo`: a fresh embedded store in .corridor/demo, loaded with the bundled real data, and
# each part of corridor run end to end. Steps live in scripts/demo.d/, run in name order.
set -euo pipefail
cd "$(dirname "$0")/.."
export CORRIDOR_HOME="${CORRIDOR_HOME:-$PWD/.corridor/demo}"
rm -rf "$CORRIDOR_HOME"; mkdir -p "$CORRIDOR_HOME"
export PATH="$PWD/.venv/bin:$PATH"
for step in scripts/demo.d/*.sh; do
  bash "$step"
done
echo
echo "Store: $CORRIDOR_HOME. 'corridor --help' for the command line."
cat "$CORRIDOR_HOME/console.txt"
