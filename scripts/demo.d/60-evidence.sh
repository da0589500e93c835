#!/usr/bin/env bash
# Ingest the seed news articles (../shared/seeds) as evidence, then show the claims extracted
# from them, review two, promote an accepted figure to flows, and score the extractor against
# the hand-made gold file.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== 60 evidence: claims from news articles, with offsets, review and evaluation =="
SEEDS=../shared/seeds
if [ ! -d "$SEEDS" ]; then
  echo "(skipped: $SEEDS is not beside the project)"
  exit 0
fi

# file | publication date (from the weekday+date mentions in each article) | publisher
ARTICLES=(
  "000_8b3d7feb0f5053f4.txt|2021-11-24|EURACTIV"
  "002_ee5d216e05f61da1.txt|2021-11-14|European Commission (Commissioner's blog)"
  "003_7d418e37fb22db1c.txt|2021-11-09|Anadolu Agency"
)
export COLUMNS=160
for entry in "${ARTICLES[@]}"; do
  IFS='|' read -r file published publisher <<<"$entry"
  corridor evidence ingest "$SEEDS/$file" --published "$published" --publisher "$publisher"
done
echo "-- again: re-ingesting changes nothing"
corridor evidence ingest "$SEEDS/003_7d418e37fb22db1c.txt"

echo "-- figures (totals link to parts; relative periods resolved against the publication date)"
corridor evidence claims --kind figure
echo "-- events"
corridor evidence claims --kind event
echo "-- operators and people, linked to the register and to list entries by screening"
corridor evidence claims --kind entity | grep -E "operator|person|━|┃" || true
echo "-- quotes and their speakers"
corridor evidence claims --kind quote

first=$(corridor evidence claims --kind figure --json | python3 -c 'import json,sys; print(json.loads(sys.stdin.read().splitlines()[0])["id"])')
corridor evidence review "$first" accept --by demo --note "checked against the article"
corridor evidence show "$first"
echo "-- an accepted figure goes to flows as a news figure (reporter news:PL, source evidence:<claim>)"
pl=$(corridor evidence claims --kind figure --json | python3 -c 'import json,sys; claims = [json.loads(line) for line in sys.stdin]; print(next(c["id"] for c in claims if c["value"].get("place") == "Poland"))')
corridor evidence review "$pl" accept --by demo --note "figure as printed in the article"
corridor evidence promote "$pl"
echo "-- again: promoting the same claim changes nothing"
corridor evidence promote "$pl"
echo "-- in flows: the news total set against the official Polish figures inside its period"
corridor flows reconcile --reporter news:PL
echo "-- evaluation against tests/evidence/gold.json"
corridor eval evidence --gold tests/evidence/gold.json --seeds "$SEEDS"
