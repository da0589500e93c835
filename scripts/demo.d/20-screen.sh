#!/usr/bin/env bash
# Screen the bundled demo names (operators, airlines, people in several scripts) against the
# lists loaded by 10-lists, print the hits with their reasons, and write them as CSV.
set -euo pipefail
cd "$(dirname "$0")/../.."
export COLUMNS="${COLUMNS:-200}"
echo "== 20 screen: src/corridor/data/demo/names.csv against the loaded lists =="
corridor screen --input src/corridor/data/demo/names.csv --limit 2
corridor screen --input src/corridor/data/demo/names.csv --output "$CORRIDOR_HOME/hits.csv" --limit 3
corridor screen "EW 78843" --identifier EW78843 --limit 1
echo "-- codes typed with their scheme: a tanker by its IMO number, an aircraft by its registration"
corridor screen "IMO 9421960" --limit 1
corridor screen "Unknown aircraft" --identifier "reg EW-301PJ" --limit 1
echo "Hits as CSV: $CORRIDOR_HOME/hits.csv; try: corridor screen 'Белавиа' --as-of 2021-01-01"
echo
