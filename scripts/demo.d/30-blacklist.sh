#!/usr/bin/env bash
# The operator blacklist: seed the register, run one case through the COM(2021) 753 procedure,
# publish, show the partners' matrix on 3 Dec 2021 and verify the audit chain.
set -euo pipefail
echo "== 30 blacklist: operators, a case, publication, partners' matrix, audit"
corridor operators seed
ANA=$(corridor operators users add demo-analyst --role analyst)
DORA=$(corridor operators users add demo-decider --role decision_maker)
CEM=$(corridor operators users add demo-committee --role committee_member)
today=$(date -u +%F)
in5=$(date -u -d "+5 days" +%F)
in11m=$(date -u -d "+11 months" +%F)
case_id=$(corridor cases open "Cham Wings Airlines" --reason "charter flights Damascus-Minsk, autumn 2021" --token "$ANA" | cut -d' ' -f1)
corridor cases evidence "$case_id" --token "$ANA" --claim "extra Damascus-Minsk flights in Oct-Nov 2021" \
  --document "src/corridor/data/operators/operators_listings.csv" --span "line 4" \
  --url "https://al-monitor.com/originals/2022/07/eu-lifts-sanctions-syrias-cham-wings-airline"
echo "-- trying to adopt before the operator is heard (refused):"
corridor cases act "$case_id" adopt --reason "too early" --token "$DORA" || true
corridor cases act "$case_id" gather_evidence --reason "flight data and bookings" --token "$ANA"
corridor cases act "$case_id" notify --reason "letter sent" --deadline "$in5" --token "$ANA"
corridor cases act "$case_id" hear --reason "reply received" --token "$ANA"
corridor cases act "$case_id" propose --reason "suspend operations into the Union" --token "$ANA" \
  --kind suspend_operations --kind ban_technical_stops --start "$today" --end "$in11m" --route DAM-MSQ
corridor cases act "$case_id" adopt --reason "Commission decision" --token "$DORA"
corridor cases act "$case_id" endorse --reason "committee opinion" --token "$CEM"
corridor cases due --within 400d
corridor blacklist publish --token "$DORA"
corridor blacklist show 1 --format csv
echo "-- partners' matrix on 2021-12-03:"
COLUMNS=${COLUMNS:-140} corridor matrix --as-of 2021-12-03
corridor audit verify
