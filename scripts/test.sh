#!/usr/bin/env bash
# The whole suite: ruff, mypy --strict, then pytest against SQLite and a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# One command per line: under `set -e` a failure inside `a && b` would not stop the script.
echo "== ruff"; $BIN/ruff check .
$BIN/ruff format --check .
echo "== mypy --strict"; $BIN/mypy
echo "== import contracts (lint-imports)"; $BIN/lint-imports --no-cache
echo "== chromium (browser tests)"; bash scripts/chromium.sh
pgdir=$(mktemp -d /tmp/corridor-pg.XXXXXX)
cleanup() { bash scripts/pg.sh stop "$pgdir" || true; }
trap cleanup EXIT
if url=$(bash scripts/pg.sh start "$pgdir"); then
  export CORRIDOR_TEST_PG_URL="$url"
  echo "== PostgreSQL at $url"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL could not be started on CI" >&2; exit 1
else
  echo "== PostgreSQL unavailable: postgres-marked tests will skip"
fi
echo "== pytest"
# Hypothesis without deadlines, derandomised (tests/conftest.py): timing belongs to benchmarks.
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
set +e
$BIN/pytest "$@"
rc=$?
set -e
# pytest exits 5 when nothing was collected: that is a failure here.
if [ $rc -eq 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit $rc
