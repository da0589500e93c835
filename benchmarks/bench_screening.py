"""Screening benchmark: quality, batch speed, API latency and memory on the five full lists.

Run: ``.venv/bin/python benchmarks/bench_screening.py`` (needs ``../shared`` beside the repo).
Loads the full OFAC SDN, UN, Canada, UK and EU (journal transcription) files from
``../shared/data/lists`` with the project's parsers, builds the index, evaluates it on the
evaluation set built from the lists plus the hand-made cases, and measures:

- precision, recall, top-1 accuracy (threshold from settings, 0.8);
- batch queries per second on one core;
- API p50/p99 for single queries (``POST /screen`` through FastAPI's TestClient);
- peak memory (``ru_maxrss``).

The baseline, measured in the same run on the same sample of cases: rapidfuzz
``token_sort_ratio`` over every name, brute force (``process.extract``).

Codes typed with their scheme (``IMO 9421960``, ``reg EW-301PJ``, ``MSN 8057``; see
:func:`corridor.screening.evaluate.code_cases`) are measured apart, against the scheme-less
comparison screening made before it read schemes (letters and digits of the whole code).
Figures go to stdout and to ``benchmarks/results/screening.json``.
"""

from __future__ import annotations

import json
import logging
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "lists"
RESULTS = ROOT / "benchmarks" / "results" / "screening.json"
LISTS = {
    "ofac_sdn": "ofac_sdn/2024-05-03",
    "un_sc": "un_sc/2026-02-27/consolidated.xml",
    "ca_sema": "ca_sema/2025-05-25/sema-lmes.xml",
    "uk_ofsi": "uk_ofsi/2025-04-10/ConList.xlsx",
    "eu_journal": "eu_journal/2026-08-22/32006R0765.csv",
}
THRESHOLD = 0.8
BASELINE_SAMPLE = 300
CODE_CASES = 1000
CODE_NEGATIVES = 300
API_REQUESTS = 300


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def load_entities() -> tuple[list[Any], dict[str, Any]]:
    from corridor.model import utcnow
    from corridor.sources.context import SourceContext, file_sha256, iter_parsed
    from corridor.sources.registry import load_registry

    registry = load_registry()
    entities: list[Any] = []
    loaded: dict[str, Any] = {}
    for source, rel in LISTS.items():
        path = SHARED / rel
        started = time.perf_counter()
        try:
            spec = registry.lookup(source)
            context = SourceContext(
                source=source, path=path, snapshot=file_sha256(path), retrieved_at=utcnow()
            )
            got = list(iter_parsed(spec.load_parser(), context))
        except Exception as exc:  # noqa: BLE001 - a missing parser must not stop the run
            out(f"  {source}: NOT LOADED ({type(exc).__name__}: {str(exc)[:120]})")
            loaded[source] = {"loaded": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
            continue
        seconds = time.perf_counter() - started
        names = sum(len(e.names) for e in got)
        out(f"  {source}: {len(got)} entities, {names} names ({seconds:.1f} s)")
        loaded[source] = {"loaded": True, "entities": len(got), "names": names}
        entities += got
    return entities, loaded


def api_latency(index: Any, queries: list[Any]) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from corridor.api.app import create_app
    from corridor.services.screening import IndexCache
    from corridor.settings import Settings

    class Prebuilt(IndexCache):
        def get(self, sources: Any = None, as_of: Any = None) -> Any:
            return index, {}

    with tempfile.TemporaryDirectory() as home:
        app = create_app(Settings(home=Path(home)))
        app.state.screening_cache = Prebuilt(app.state.engine)
        client = TestClient(app)
        timings = []
        for query in queries[:API_REQUESTS]:
            body = {"queries": [{"names": list(query.names)}], "limit": 5}
            started = time.perf_counter()
            resp = client.post("/screen", json=body)
            timings.append((time.perf_counter() - started) * 1000)
            assert resp.status_code == 200, resp.text
    timings.sort()
    return {
        "requests": len(timings),
        "p50_ms": timings[len(timings) // 2],
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
    }


def main() -> int:
    logging.disable(logging.WARNING)
    if not SHARED.is_dir():
        out(f"skipped: {SHARED} not found (the full lists live in ../shared)")
        return 0
    from rapidfuzz import fuzz, process, utils

    from corridor.screening.evaluate import (
        cases_from_entities,
        code_cases,
        evaluate,
        hand_cases,
        index_matcher,
    )
    from corridor.screening.index import ScreeningIndex, normalise_code

    out("loading the five lists (full files)")
    entities, loaded = load_entities()
    memory_before_index = peak_mb()
    started = time.perf_counter()
    index = ScreeningIndex.build(entities)
    build_s = time.perf_counter() - started
    out(f"index: {len(index)} entities, {len(index.names)} names, built in {build_s:.1f} s, "
        f"peak RSS {peak_mb():.0f} MB")  # fmt: skip

    cases = cases_from_entities(entities, positives=2000, negatives=600)
    cases += hand_cases(entities)
    matcher = index_matcher(index, THRESHOLD)
    started = time.perf_counter()
    report = evaluate(cases, matcher, THRESHOLD)
    batch_s = time.perf_counter() - started
    qps = len(cases) / batch_s
    figures = report.figures()
    out(f"corridor: {len(cases)} cases  precision {report.precision:.3f}  "
        f"recall {report.recall:.3f}  top-1 {report.top1_accuracy:.3f}  {qps:.0f} q/s")  # fmt: skip
    for line in report.failures[:15]:
        out(f"    miss: {line}")

    rng = random.Random(11)
    sample = rng.sample(cases, min(BASELINE_SAMPLE, len(cases)))
    names = [n.norm.original for n in index.names]
    owners = [index.entities[n.entity].id for n in index.names]

    def baseline(query: Any) -> list[tuple[str, float]]:
        found = process.extract(
            query.names[0], names, scorer=fuzz.token_sort_ratio,
            processor=utils.default_process, limit=5,
        )  # fmt: skip
        return [(owners[pos], score / 100.0) for _, score, pos in found]

    started = time.perf_counter()
    base = evaluate(sample, baseline, THRESHOLD)
    base_qps = len(sample) / (time.perf_counter() - started)
    started = time.perf_counter()
    ours_sample = evaluate(sample, matcher, THRESHOLD)
    ours_sample_qps = len(sample) / (time.perf_counter() - started)
    out(f"same {len(sample)}-case sample: corridor precision {ours_sample.precision:.3f} "
        f"recall {ours_sample.recall:.3f} top-1 {ours_sample.top1_accuracy:.3f} "
        f"{ours_sample_qps:.0f} q/s")  # fmt: skip
    out(f"baseline token_sort_ratio brute force: precision {base.precision:.3f} "
        f"recall {base.recall:.3f} top-1 {base.top1_accuracy:.3f} {base_qps:.1f} q/s")  # fmt: skip

    codes = code_cases(entities, limit=CODE_CASES, negatives=CODE_NEGATIVES)

    def schemeless(query: Any) -> list[tuple[str, float]]:
        found: list[str] = []
        for code in query.identifiers:
            for e_idx in index.by_code.get(normalise_code(code), ()):
                if index.entities[e_idx].id not in found:
                    found.append(index.entities[e_idx].id)
        return [(eid, 1.0) for eid in found]

    started = time.perf_counter()
    code_report = evaluate(codes, matcher, THRESHOLD)
    code_qps = len(codes) / (time.perf_counter() - started)
    before = evaluate(codes, schemeless, THRESHOLD)
    out(f"codes with their scheme: {len(codes)} cases  precision {code_report.precision:.3f} "
        f"recall {code_report.recall:.3f}  {code_qps:.0f} q/s")  # fmt: skip
    for line in code_report.failures[:10]:
        out(f"    miss: {line}")
    out(f"before (scheme-less comparison): precision {before.precision:.3f} "
        f"recall {before.recall:.3f}")  # fmt: skip

    api = api_latency(index, [c.query for c in cases])
    out(f"API POST /screen single query: p50 {api['p50_ms']:.1f} ms  p99 {api['p99_ms']:.1f} ms")
    peak = peak_mb()
    out(f"peak RSS {peak:.0f} MB (after parsing, before index: {memory_before_index:.0f} MB)")

    result = {
        "lists": loaded,
        "threshold": THRESHOLD,
        "index": {"entities": len(index), "names": len(index.names), "build_s": build_s},
        "corridor": {**figures, "queries_per_second": qps},
        "sample": {
            "cases": len(sample),
            "corridor": {**ours_sample.figures(), "queries_per_second": ours_sample_qps},
            "baseline_token_sort_ratio": {**base.figures(), "queries_per_second": base_qps},
        },
        "codes": {
            "cases": len(codes),
            "corridor": {**code_report.figures(), "queries_per_second": code_qps},
            "before_schemeless": before.figures(),
        },
        "api": api,
        "peak_rss_mb": peak,
        "targets": {
            "recall>=0.97": report.recall >= 0.97,
            "precision>=0.95": report.precision >= 0.95,
            "qps>=2000": qps >= 2000,
            "p99<50ms": api["p99_ms"] < 50,
            "memory<1.5GB": peak < 1536,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    out(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
