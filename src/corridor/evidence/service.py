"""Service functions the CLI and the API call: ingest, list, review. They join the pure
extraction to the evidence store; nothing here formats output."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.evidence.cluster import Cluster, cluster_claims
from corridor.evidence.document import (
    Document,
    fetch_document,
    iter_paths,
    make_document,
    read_document,
)
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


def claim_clusters(engine: Engine, *, kind: str | None = None) -> list[Cluster]:
    """Near-duplicate claims across the stored documents."""
    store = EvidenceStore(engine)
    claims = store.claims(kind=kind)
    texts = {d.id: d.text for d in store.documents()}
    sentences = {
        c.id: texts[c.document_id][c.sentence_start : c.sentence_end]
        for c in claims
        if c.kind in ("quote", "event")
    }
    return cluster_claims(claims, sentences)


def ingest_text(
    engine: Engine,
    text: str,
    *,
    uri: str,
    published: str | date | datetime | None = None,
    publisher: str | None = None,
    title: str | None = None,
) -> IngestReport:
    """Ingest text given directly (the API's way in)."""
    document = make_document(
        text.encode("utf-8"),
        uri=uri,
        media_type="text/plain",
        title=title,
        publisher=publisher,
        published=published,
    )
    return ingest_document(engine, document)
