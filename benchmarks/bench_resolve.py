"""Cross-list linking, measured on a labelled set built from the bundled lists.

Run: ``.venv/bin/python benchmarks/bench_resolve.py``. Loads the bundled list excerpts (as the
demo does) and labels pairs of *person* records of different lists by their passport and
national id numbers, which the lists state independently of names and dates: two records
sharing a number are the same person (gold positive); two records that both carry numbers and
share none are different people (gold negative). The resolver's proposals (both rules) and the
name rule alone (same name key + agreeing date of birth, judged on every pair sharing a name
key) are scored on the labelled pairs. A development figure: the lists are the ones corridor was
built on; the set is small (the bundled excerpts hold few numbers). Figures go to stdout and
``benchmarks/results/resolve.json``.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "resolve.json"
STEPS = [
    ("ofac_sdn", "ofac_sdn/2024-05-03"),
    ("uk_ofsi", "uk_ofsi/2025-04-10/ConList.xlsx"),
    ("un_sc", "un_sc/2026-02-27/consolidated.xml"),
    ("ca_sema", "ca_sema/2025-05-25/sema-lmes.xml"),
    ("eu_journal", "eu_journal/2026-08-22/32006R0765.csv"),
    ("eu_fsf", "eu_fsf/sample-2022-07-20/eu_fsf_sample.xml"),
]


def score(proposed: set[tuple[str, str]], gold: set[tuple[str, str]],
          labelled: set[tuple[str, str]]) -> dict[str, float]:  # fmt: skip
    tp = len(proposed & gold)
    fp = len((proposed & labelled) - gold)
    fn = len(gold - proposed)
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0}  # fmt: skip


def main() -> None:
    from corridor.model import EntityType, IdScheme
    from corridor.resources import data_dir
    from corridor.screening.resolve import _name_link, name_keys, pair, propose
    from corridor.services.lists import load_path
    from corridor.store.db import create_schema, make_engine
    from corridor.store.lists import ListStore

    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'r.db'}")
        create_schema(engine)
        for source, rel in STEPS:
            load_path(engine, source, data_dir("lists") / rel)
        people = [e for e in ListStore(engine).entities() if e.type is EntityType.PERSON]
    by = {e.id: e for e in people}
    kinds = (IdScheme.PASSPORT, IdScheme.NATIONAL_ID)
    nums = {e.id: {i.value for i in e.identifiers if i.scheme in kinds} for e in people}
    holders: dict[str, set[str]] = defaultdict(set)
    for e in people:
        for value in nums[e.id]:
            holders[value].add(e.id)
    gold = {pair(a, b) for ids in holders.values() for a, b in combinations(sorted(ids), 2)
            if by[a].source != by[b].source}  # fmt: skip
    numbered = [e.id for e in people if nums[e.id]]
    labelled = {pair(a, b) for a, b in combinations(numbered, 2)
                if by[a].source != by[b].source}  # fmt: skip
    resolver = {link.pair for link in propose(people)}
    keys: dict[str, set[str]] = defaultdict(set)
    for e in people:
        for key in name_keys(e):
            keys[key].add(e.id)
    shared = {pair(a, b) for ids in keys.values() for a, b in combinations(sorted(ids), 2)}
    name_rule = {p for p in shared if _name_link("", by[p[0]], by[p[1]]) is not None}
    figures = {
        "person_records": len(people),
        "labelled_pairs": len(labelled),
        "gold_positive_pairs": len(gold),
        "resolver": score(resolver, gold, labelled),
        "name_rule_alone": score(name_rule, gold, labelled),
        "missed": sorted(
            f"{by[a].caption} ({by[a].birth_dates}) | {by[b].caption} ({by[b].birth_dates})"
            for a, b in gold - resolver
        ),
    }
    sys.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
