#!/usr/bin/env bash
# Flows: load the bundled border figures, Frontex detections and Minsk flights; show a series,
# the surge alerts, a reconciliation, the impact of Turkey's boarding ban, and write the report.
set -euo pipefail
DATA="$(cd "$(dirname "$0")/../.." && pwd)/src/corridor/data/flows"
echo "== 50 flows: border attempts, Frontex detections, flights into Minsk"
corridor flows load "$DATA/border_flows.csv"
corridor flows load "$DATA/frontex.rda"
corridor flows load "$DATA/opensky_minsk_week14_2021.csv"
corridor flows series --metric attempt --reporter PL --freq month
corridor flows surge --metric attempt --reporter PL
corridor flows reconcile --reporter PL
corridor flows impact --measure M07
corridor report flows --out "$CORRIDOR_HOME/flows-report.html"
