#!/usr/bin/env bash
# Partners: load the reviewed register (engagements, commitments, humanitarian records, each with
# its source), open Iraq, and answer "did the 2021 commitments hold?" on the Frontex figures.
set -euo pipefail
echo "== 70 partners: engagements, commitments and whether they held"
corridor partners load
corridor partners list
corridor partners show IQ --no-outcomes
corridor partners timeline UZ --chart "$CORRIDOR_HOME/partner-UZ-timeline.json"
corridor partners outcomes --year 2021
