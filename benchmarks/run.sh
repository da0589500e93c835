#!/usr/bin/env bash
# `make bench`: every benchmarks/bench_*.py in turn; each prints its figures beside its
# baseline's and writes them as JSON under benchmarks/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/results
for b in benchmarks/bench_*.py; do
  [ -n "${BENCH:-}" ] && [[ "$b" != *"$BENCH"* ]] && continue
  echo "== $b"
  .venv/bin/python "$b"
done
