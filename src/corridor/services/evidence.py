"""Service functions the CLI and the API call: ingest, list, review. They join the pure
extraction to the evidence store; nothing here formats output."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.evidence.claim import Claim
from corridor.evidence.cluster import Cluster, cluster_claims
from corridor.evidence.document import (
    Document,
    check_uri,
    fetch_document,
    iter_paths,
    make_document,
    read_document,
)
from corridor.evidence.extract.pipeline import extract_claims
from corridor.model import EntityType
from corridor.screening.result import Query
from corridor.services.screening import IndexCache, screen_store
from corridor.store.evidence import EvidenceStore, IngestReport, Review


def link_to_lists(
    engine: Engine,
    claims: list[Claim],
    *,
    threshold: float,
    cache: IndexCache | None = None,
) -> None:
    """Screen operator and person claims against the lists in the store; matches go to
    ``links["lists"]`` and, with their score and source, to ``value["list_hits"]``."""
    wanted = [c for c in claims if c.kind == "entity" and c.type in ("operator", "person")]
    if not wanted:
        return
    queries = [
        Query(
            id=c.id,
            names=tuple(dict.fromkeys([c.value["canonical"], c.text])),
            type=EntityType.PERSON if c.type == "person" else EntityType.ORGANIZATION,
        )
        for c in wanted
    ]
    results = screen_store(engine, queries, threshold=threshold, limit=5, cache=cache)
    for claim, result in zip(wanted, results, strict=True):
        hits = [h for h in result.hits if h.match]
        if not hits:
            continue
        claim.links["lists"] = [h.entity_id for h in hits]
        claim.value["list_hits"] = [
            {"entity_id": h.entity_id, "caption": h.caption, "source": h.source, "score": h.score}
            for h in hits
        ]


def ingest_document(
    engine: Engine,
    document: Document,
    *,
    ner: bool = True,
    threshold: float | None = None,
    cache: IndexCache | None = None,
) -> IngestReport:
    """Extract and store one document; a document already stored is left as it is.

    With a ``threshold``, operators and people are screened against the lists in the store.
    """
    store = EvidenceStore(engine)
    claims = extract_claims(document, ner=ner)
    if threshold is not None:
        link_to_lists(engine, claims, threshold=threshold, cache=cache)
    return store.ingest(document, claims)


def ingest_sources(
    engine: Engine,
    sources: Iterable[str],
    *,
    published: str | date | datetime | None = None,
    publisher: str | None = None,
    title: str | None = None,
    ner: bool = True,
    timeout: float = 60.0,
    threshold: float | None = None,
    folders: list[Path] | None = None,
    cache: IndexCache | None = None,
) -> list[IngestReport]:
    """Ingest files, folders and URLs; each document in its own transaction.

    URLs: http(s) only, never to private, loopback or link-local addresses, redirects
    included. Local files: only under ``folders`` when given (``CORRIDOR_EVIDENCE_DIRS``).
    ``cache`` keeps the screening index for the links to the lists (built here when not given).
    """
    reports = []
    if threshold is not None and cache is None:
        cache = IndexCache(engine)
    for source in sources:
        if "://" in source or source.lower().startswith(("http:", "https:")):
            docs = [
                fetch_document(
                    source, timeout=timeout, title=title, publisher=publisher, published=published
                )
            ]
        else:
            docs = [
                read_document(p, title=title, publisher=publisher, published=published)
                for p in iter_paths(Path(source), folders)
            ]
        for doc in docs:
            reports.append(ingest_document(engine, doc, ner=ner, threshold=threshold, cache=cache))
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
    threshold: float | None = None,
    cache: IndexCache | None = None,
) -> IngestReport:
    """Ingest text given directly (the API's way in); ``threshold`` and ``cache`` as in
    :func:`ingest_document` (a caller that ingests again passes its kept index cache).

    ``uri`` is stored only if it is an http(s) URL or a file name.
    """
    document = make_document(
        text.encode("utf-8"),
        uri=check_uri(uri),
        media_type="text/plain",
        title=title,
        publisher=publisher,
        published=published,
    )
    if threshold is not None and cache is None:
        cache = IndexCache(engine)
    return ingest_document(engine, document, threshold=threshold, cache=cache)


def documents(engine: Engine) -> list[Document]:
    """Every stored document, newest first as the store keeps them."""
    return EvidenceStore(engine).documents()


def document(engine: Engine, document_id: str) -> Document:
    """The document with this id or unique id prefix; raises NotFound."""
    return EvidenceStore(engine).document(document_id)


def claims(
    engine: Engine,
    *,
    document_id: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    type_: str | None = None,
) -> list[Claim]:
    """Claims filtered by document (id or unique prefix), kind, status and type."""
    store = EvidenceStore(engine)
    doc_id = None if document_id is None else store.document(document_id).id
    return store.claims(document_id=doc_id, kind=kind, status=status, type_=type_)


def claim(engine: Engine, claim_id: str) -> Claim:
    """The claim with this id or unique id prefix; raises NotFound."""
    return EvidenceStore(engine).claim(claim_id)


def reviews(engine: Engine, claim_id: str) -> list[Review]:
    """The review decisions on a claim, oldest first."""
    return EvidenceStore(engine).reviews(claim_id)
