"""``corridor evidence ingest|claims|review|show|attach|promote|figures`` and
``corridor eval evidence`` (registered by :mod:`corridor.cli.eval`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corridor.cli.context import get_context
from corridor.cli.output import (
    FORMAT_OPTION,
    OUTPUT_OPTION,
    Format,
    emit,
    progress,
    resolve,
    returns_rows,
)
from corridor.exc import InvalidData, NotFound

if TYPE_CHECKING:
    from corridor.services.promote import Promotion

evidence_app = typer.Typer(
    help="Claims from articles and official texts, and their review.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")


@evidence_app.command("ingest")
def ingest(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(..., help="Files, folders or URLs (text, HTML, PDF)."),
    published: str | None = typer.Option(None, help="Publication date when the page has none."),
    publisher: str | None = typer.Option(None, help="Publisher name."),
    title: str | None = typer.Option(None, help="Title, overriding the page's."),
    ner: bool = typer.Option(
        True,
        "--ner/--no-ner",
        help="spaCy NER for people and the parse for event roles (on; --no-ner: rules only).",
    ),
    screen: bool = typer.Option(
        True, "--screen/--no-screen", help="Link operators and people to the lists loaded."
    ),
) -> None:
    """Read documents, extract their claims and store both; known documents are unchanged."""
    from corridor.services.evidence import ingest_sources
    from corridor.services.screening import index_cache

    app = get_context(ctx)
    cache = index_cache(app.settings, app.engine) if screen else None
    reports = []
    with progress(app.err, f"ingesting {len(sources)} source(s)", len(sources)) as advance:
        for item in sources:  # one argument at a time so the bar moves
            reports += ingest_sources(
                app.engine,
                [item],
                published=published,
                publisher=publisher,
                title=title,
                ner=ner,
                timeout=app.settings.http_timeout,
                threshold=app.settings.screen_threshold if screen else None,
                cache=cache,
                folders=app.settings.evidence_folders or None,
            )
            advance(1)
    for r in reports:
        state = "unchanged" if r.unchanged else "new"
        app.console.print(f"{r.document_id[:12]}  {state:9}  {r.claims:4} claims  {r.uri}")


@evidence_app.command("claims")
@returns_rows("evidence claims")
def list_claims(
    ctx: typer.Context,
    document: str | None = typer.Option(None, help="Only this document (id or prefix)."),
    kind: str | None = typer.Option(None, help="figure, event, quote or entity."),
    status: str | None = typer.Option(None, help="pending, accepted, corrected or rejected."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format jsonl."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """List claims with their document, offsets, confidence and status."""
    from corridor.services import evidence as evidence_service

    app = get_context(ctx)
    claims = evidence_service.claims(app.engine, document_id=document, kind=kind, status=status)
    if as_json and fmt is None:
        fmt = "jsonl"
    rows = [
        {"id": c.id, "document_id": c.document_id, "kind": c.kind, "type": c.type,
         "span_start": c.start, "span_end": c.end, "text": c.text, "value": _summary(c.value),
         "confidence": round(c.confidence, 2), "status": c.status}
        for c in claims
    ]  # fmt: skip
    emit(app.console, rows, fmt=fmt, output=output, title=f"{len(claims)} claims", err=app.err,
         records_for_json=[c.to_dict() for c in claims])  # fmt: skip


def _summary(value: dict[str, object]) -> str:
    keys = ("value", "metric", "place", "actor", "target", "speaker", "role", "canonical")
    parts = []
    for k in keys:
        v = value.get(k)
        if v not in (None, "", []):
            parts.append(f"{k}={v}")
    hits = value.get("list_hits")
    if isinstance(hits, list) and hits:
        parts.append("lists=" + "; ".join(f"{h['caption']} ({h['source']})" for h in hits[:2]))
    period = value.get("period") or value.get("date")
    if isinstance(period, dict):
        parts.append(f"period={period['start_date']}..{period['end_date']} ({period['rule']})")
    return " ".join(parts)


@evidence_app.command("review")
def review(
    ctx: typer.Context,
    claim: str = typer.Argument(..., help="Claim id (or unique prefix)."),
    action: str = typer.Argument(..., help="accept, correct or reject."),
    reviewer: str | None = typer.Option(
        None, "--by", help="Who decides (without --token: recorded as given)."
    ),
    value: str | None = typer.Option(None, help="Corrected fields as JSON (for correct)."),
    note: str | None = typer.Option(None, help="Why."),
    token: str | None = typer.Option(
        None, "--token", envvar="CORRIDOR_TOKEN", help="API token of an analyst: the reviewer."
    ),
) -> None:
    """Accept, correct or reject a pending claim.

    With a token (``--token`` or ``CORRIDOR_TOKEN``) the reviewer is the token's user, whose role
    must allow reviewing, as over the API; without one, ``--by`` names the reviewer.
    """
    from corridor.services.review import review_claim

    app = get_context(ctx)
    if token is not None:
        from corridor.blacklist.roles import ACTION_ROLES
        from corridor.services.blacklist import authenticate

        user = authenticate(app.engine, token, app.settings.secret)
        user.require(ACTION_ROLES["review_claim"], "review claims")
        reviewer = user.name
    if not reviewer:
        raise InvalidData.at("give --token (or CORRIDOR_TOKEN) or --by NAME", field="by")
    parsed = None
    if value is not None:
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError as exc:
            raise InvalidData.at(f"not JSON: {exc}", field="value") from exc
        if not isinstance(parsed, dict):
            raise InvalidData.at("the corrected value must be a JSON object", field="value")
    result = review_claim(app.engine, claim, action, reviewer=reviewer, value=parsed, note=note)
    app.console.print(f"{result.id}  {result.status}  {_summary(result.value)}")


@evidence_app.command("show")
def show(
    ctx: typer.Context,
    ident: str = typer.Argument(..., help="A claim id or a document id (or unique prefix)."),
) -> None:
    """Show a claim with its sentence and source, or a document's summary."""
    from corridor.services import evidence as evidence_service
    from corridor.services.promote import promoted_figure
    from corridor.services.review import as_evidence

    app = get_context(ctx)
    try:
        claim = evidence_service.claim(app.engine, ident)
    except NotFound:  # not a claim: try a document, which raises NotFound itself
        doc = evidence_service.document(app.engine, ident)
        app.console.print_json(json.dumps(doc.summary()))
        return
    document = evidence_service.document(app.engine, claim.document_id)
    app.console.print_json(json.dumps(claim.to_dict()))
    app.console.print(
        f"[bold]sentence[/bold]: {document.text[claim.sentence_start : claim.sentence_end]}"
    )
    app.console.print(
        f"[bold]source[/bold]: {document.title} ({document.publisher}) {document.uri}"
    )
    if claim.status in ("accepted", "corrected"):
        app.console.print_json(json.dumps(as_evidence(app.engine, claim.id)["reviews"]))
    promoted = promoted_figure(app.settings, claim.id) if claim.kind == "figure" else None
    if promoted is not None:
        app.console.print(
            f"in flows: {promoted.label} {promoted.value:,.0f} (dataset {promoted.dataset})",
            highlight=False,
            markup=False,
        )


@evidence_app.command("attach")
def attach(
    ctx: typer.Context,
    claim: str = typer.Argument(..., help="A reviewed claim (accepted or corrected)."),
    case: str = typer.Argument(..., help="The blacklist case to attach it to."),
    token: str | None = typer.Option(
        None, "--token", envvar="CORRIDOR_TOKEN", help="API token of an analyst."
    ),
    note: str | None = typer.Option(None, help="Why the claim belongs in the case."),
) -> None:
    """Attach a reviewed claim to a blacklist case, keeping its document and span."""
    from corridor.services.blacklist import authenticate
    from corridor.services.review import attach_to_case

    app = get_context(ctx)
    user = authenticate(app.engine, token, app.settings.secret)
    item = attach_to_case(app.engine, user, claim, case, note=note)
    app.console.print(f"evidence item {item} added to case {case}")


def _print_promotion(app_console: Console, promotion: Promotion) -> None:
    fig = promotion.figure
    doc = promotion.provenance["document"]
    app_console.print(
        f"{promotion.claim_id[:10]}  {promotion.status:9}  {fig.label}  {fig.value:,.0f}"
        f"{' ~' if fig.approximate else ''}  dataset {fig.dataset}",
        highlight=False,
        markup=False,
    )
    app_console.print(
        f"  from {doc['title'] or doc['uri']} ({doc['publisher'] or 'publisher unknown'}) "
        f"sha256 {doc['sha256'][:12]} chars {promotion.provenance['span']}, "
        f"{promotion.provenance['review']['status']} by "
        f"{promotion.provenance['review']['reviewer']}; period: {fig.resolved}",
        highlight=False,
        markup=False,
    )


@evidence_app.command("promote")
def promote(
    ctx: typer.Context,
    claim: str | None = typer.Argument(None, help="A reviewed figure claim (id or prefix)."),
    all_reviewed: bool = typer.Option(
        False, "--all-accepted", help="Every accepted or corrected figure claim."
    ),
) -> None:
    """Write reviewed figure claims to flows as news figures (reporter news:XX), keeping the
    claim, document, span and reviewer; promoting a claim again changes nothing."""
    from corridor.services.promote import promote_claim, promote_reviewed

    app = get_context(ctx)
    if (claim is None) == (not all_reviewed):
        raise InvalidData.at("give a CLAIM or --all-accepted (not both)", field="claim")
    if claim is not None:
        _print_promotion(app.console, promote_claim(app.engine, app.settings, claim))
        return
    done, refused = promote_reviewed(app.engine, app.settings)
    for promotion in done:
        _print_promotion(app.console, promotion)
    for refusal in refused:
        app.console.print(
            f"{refusal.claim_id[:10]}  refused    {refusal.reason}", highlight=False, markup=False
        )
    written = sum(p.status != "unchanged" for p in done)
    app.console.print(
        f"{len(done)} figures in flows ({written} written, {len(done) - written} unchanged), "
        f"{len(refused)} refused"
    )


@evidence_app.command("figures")
@returns_rows("evidence figures")
def figures(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """The flows figures that came from evidence claims, with their source."""
    from corridor.services.promote import evidence_figures

    app = get_context(ctx)
    found = evidence_figures(app.settings)
    rows = [f.to_row() for f in found]
    keys = ("reporter", "metric", "border", "period_start", "period_end", "value", "source")
    columns = keys if resolve(fmt, output).format is Format.TABLE else None
    emit(app.console, rows, fmt=fmt, output=output, err=app.err, columns=columns,
         title=f"{len(found)} figures from evidence")  # fmt: skip


@evidence_app.command("clusters")
@returns_rows("evidence clusters")
def clusters(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, help="figure, event, quote or entity."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Near-duplicate claims across documents, with all their sources (one row per claim)."""
    from corridor.services import evidence as evidence_service
    from corridor.services.evidence import claim_clusters

    app = get_context(ctx)
    titles = {d.id: d.title or d.uri for d in evidence_service.documents(app.engine)}
    found = claim_clusters(app.engine, kind=kind)
    rows = [
        {"cluster": number, "kind": cluster.kind, "type": cluster.type, "claim_id": claim.id,
         "status": claim.status, "text": claim.text, "document_id": claim.document_id,
         "source": titles[claim.document_id]}
        for number, cluster in enumerate(found, start=1)
        for claim in cluster.claims
    ]  # fmt: skip
    emit(app.console, rows, fmt=fmt, output=output, title=f"{len(found)} clusters", err=app.err)


def eval_evidence(
    ctx: typer.Context,
    split: str | None = typer.Option(
        None, "--split", help="Score on the real-article corpus: dev or blind (#12)."
    ),
    corpus: Path = typer.Option(
        Path("../shared/evidence_corpus"), help="Folder of the corpus articles (with --split)."
    ),
    record_first_run: bool = typer.Option(
        False,
        "--record-first-run",
        help="Keep this run as the split's first run (never overwritten).",
    ),
    results: Path = typer.Option(Path("benchmarks/results"), help="Where first runs are kept."),
    misses: bool = typer.Option(False, "--misses", help="Also print what was missed or wrong."),
    gold: Path = typer.Option(Path("tests/evidence/gold.json"), help="Gold annotations."),
    seeds: Path = typer.Option(Path("../shared/seeds"), help="Folder of the annotated articles."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of a table."),
) -> None:
    """Precision, recall and F1 per claim type: on the corpus's dev or blind part with
    ``--split``, else against the seed articles' gold file."""
    app = get_context(ctx)
    if split is not None:
        from corridor.services import evidence_eval

        report = evidence_eval.evaluate_corpus(split, corpus)
        if record_first_run:
            path = evidence_eval.record_first_run(report, results)
            app.console.print(f"first run recorded: {path}")
    else:
        from corridor.evidence.evaluate import evaluate_gold
        from corridor.evidence.patterns import FIRST_VOCABULARY

        # the seed articles' gold is written in the first ten event types
        report = evaluate_gold(gold, seeds, event_types=FIRST_VOCABULARY)
    if as_json:
        app.console.print_json(json.dumps(report if misses else {**report, "misses": None}))
        return
    _print_scores(app.console, report)
    if misses:
        for row in report.get("misses") or []:
            app.console.print(escape(json.dumps(row, ensure_ascii=False)))


def _print_scores(console: Console, report: dict[str, object]) -> None:
    title = f"{report.get('split', 'seeds')} part, {report['documents']} documents"
    table = Table("claims", "gold", "found", "tp", "precision", "recall", "F1", title=title)
    rows = dict(report["scores"])  # type: ignore[call-overload]
    for kind, by_type in dict(report.get("event_types") or {}).items():  # type: ignore[call-overload]
        rows[f"  event {kind}"] = by_type
    for name, row in rows.items():
        table.add_row(
            name,
            str(row["gold"]),
            str(row["found"]),
            str(row["tp"]),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
        )
    console.print(table)
    for name, acc in dict(report.get("accuracy") or {}).items():  # type: ignore[call-overload]
        console.print(f"{name}: {acc['correct']}/{acc['total']} = {acc['accuracy']:.3f}")
