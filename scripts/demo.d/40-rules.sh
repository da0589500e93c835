#!/usr/bin/env bash
# Route measures of November 2021 as rules: list and lint them, check one booking with the
# reasons and sources, then check a batch of synthetic 2021 bookings into Minsk.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== 40 rules: the 2021 route measures checked against bookings =="
corridor rules list
corridor rules lint | tail -n 4
echo "-- one booking: transit via Tashkent on 20 Nov 2021 (M15 Uzbek transit ban, M16 Belavia)"
corridor check src/corridor/data/rules/examples/transit-tashkent.json
echo "-- the same with the other reading of Turkish Airlines' measure (M06=b) is available: --variant M06=b"
echo "-- bookings as nested JSON lines (one PNR per line; lower-case codes read as upper case)"
corridor check --input src/corridor/data/rules/examples/bookings.jsonl --output "$CORRIDOR_HOME/pnr.csv" >/dev/null
echo "decisions:" && cat "$CORRIDOR_HOME/pnr.csv"
echo "rejected:" && cat "$CORRIDOR_HOME/pnr.rejects.csv"
echo "(each rule id is explained, with its sources, in $CORRIDOR_HOME/pnr.rules.json)"
echo "-- a batch: 20,000 synthetic bookings (Jul-Dec 2021 route mix into Minsk)"
corridor bookings synth --n 20000 --output "$CORRIDOR_HOME/bookings.parquet"
corridor check --input "$CORRIDOR_HOME/bookings.parquet" --output "$CORRIDOR_HOME/decisions.parquet"
echo "Decisions: $CORRIDOR_HOME/decisions.parquet (rejects beside it)"
echo
