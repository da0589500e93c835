"""Service functions the CLI and the API call: ingest, list, review. They join the pure
extraction to the evidence store; nothing here formats output."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.evidence.document import Document, fetch_document, iter_paths, read_document
from corridor.evidence.extraction import extract_claims
from corridor.store.evidence import EvidenceStore, IngestReport


def ingest_document(engine: Engine, document: Document, *, ner: bool = False) -> IngestReport:
    """Extract and store one document; a document already stored is left as it is."""
    store = EvidenceStore(engine)
    claims = extract_claims(document, ner=ner)
    return store.ingest(document, claims)


def ingest_sources(
    engine: Engine,
    sources: Iterable[str],
    *,
    published: str | date | datetime | None = None,
    publisher: str | None = None,
    title: str | None = None,
    ner: bool = False,
    timeout: float = 60.0,
) -> list[IngestReport]:
    """Ingest files, folders and URLs; each document in its own transaction."""
    reports = []
    for source in sources:
        if source.startswith(("http://", "https://")):
            docs = [
                fetch_document(
                    source, timeout=timeout, title=title, publisher=publisher, published=published
                )
            ]
        else:
            docs = [
                read_document(p, title=title, publisher=publisher, published=published)
                for p in iter_paths(Path(source))
            ]
        for doc in docs:
            reports.append(ingest_document(engine, doc, ner=ner))
    return reports
