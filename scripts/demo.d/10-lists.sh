#!/usr/bin/env bash
# Load the bundled real list excerpts, older snapshots first so that diffs and listing
# histories show, then print what is in force.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== 10 lists: loading the bundled list excerpts (src/corridor/data/lists; eu_fsf files are hand-made SAMPLES, not official) =="

# source | path | date the snapshot was obtained (the folder's date; see src/corridor/data/lists/SOURCES.md)
# Not loaded: ofac_sdn/2026-01-08/consolidated.xml is OFAC's *non-SDN* consolidated list, a
# different list in the same format (it would read as the removal of every SDN entry), and
# ftm/yente-zala is a second, unrelated FtM dataset.
STEPS=(
  "ofac_sdn|src/corridor/data/lists/ofac_sdn/2021-07-07|2021-07-07"
  "ofac_sdn|src/corridor/data/lists/ofac_sdn/2024-05-03|2024-05-03"
  "uk_ofsi|src/corridor/data/lists/uk_ofsi/2016-03-23/ConList.csv|2016-03-23"
  "uk_ofsi|src/corridor/data/lists/uk_ofsi/2025-04-10/ConList.xlsx|2025-04-10"
  "un_sc|src/corridor/data/lists/un_sc/2026-02-27/consolidated.xml|2026-02-27"
  "ca_sema|src/corridor/data/lists/ca_sema/2025-05-25/sema-lmes.xml|2025-05-25"
  "eu_journal|src/corridor/data/lists/eu_journal/2026-08-22/32006R0765.csv|2026-08-22"
  "eu_fsf|src/corridor/data/lists/eu_fsf/sample-2021-12-03/eu_fsf_sample.xml|2021-12-03"
  "eu_fsf|src/corridor/data/lists/eu_fsf/sample-2022-07-20/eu_fsf_sample.xml|2022-07-20"
  "ftm|src/corridor/data/lists/ftm/yente-t1/entities.ftm.json|2024-07-05"
)
for step in "${STEPS[@]}"; do
  IFS='|' read -r source path day <<<"$step"
  if [ ! -e "$path" ]; then
    echo "skip $source: $path not bundled yet"
    continue
  fi
  # --allow-shrink: the bundled files are excerpts of different sizes (the UK 2025 one keeps
  # 5 of the 2016 file's 30 entries), which the guard against truncated downloads would refuse
  corridor lists load "$path" --source "$source" --retrieved-at "$day" --allow-shrink
done
echo
corridor lists status
echo
echo "OFAC's 2024 snapshot against the 2021 one (both are excerpts: every 30th/50th row is"
echo "kept besides the aviation and Belarus records, so part of the churn is the sampling):"
corridor lists diff ofac_sdn --limit 5 || true
echo
echo "Belavia's listing history (OFAC record 44541):"
corridor lists history ofac_sdn-44541 || true
