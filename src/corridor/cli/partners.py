"""``corridor partners load|list|show|timeline|commitments|outcomes|measure|promote``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from corridor.cli.context import get_context
from corridor.cli.output import FORMAT_OPTION, OUTPUT_OPTION, emit, returns_rows

partners_app = typer.Typer(
    help="Partners and outreach: engagements, commitments and whether they held.",
    no_args_is_help=True,
)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _outcome_line(outcome: dict[str, Any]) -> str:
    flag = "FLAGGED " if outcome["flagged"] else ""
    parts = [f"{flag}{outcome['verdict']}: {outcome['reason']}"]
    if outcome["before"] and outcome["after"]:
        parts.append(
            f"{outcome['before']['month']} {outcome['before']['value']:,.0f} -> "
            f"{outcome['after']['month']} {outcome['after']['value']:,.0f}"
        )
    impact = outcome.get("impact")
    if impact:
        parts.append(
            f"ITS level x{impact['level_ratio']:.2f} "
            f"[{impact['level_ratio_low']:.2f}, {impact['level_ratio_high']:.2f}] p={impact['p_value']:.3f}"
        )
    return "; ".join(parts)


@partners_app.command("load")
def load(
    ctx: typer.Context,
    folder: Path | None = typer.Option(
        None, "--dir", help="Folder of the four reviewed CSV files (default: bundled)."
    ),
) -> None:
    """Load the reviewed register files; bad input names file, line and field and writes nothing."""
    from corridor.services import partners as service

    app = get_context(ctx)
    report = service.load_register(app.engine, folder)
    counts = ", ".join(f"{v} {k}" for k, v in report.counts.items())
    app.console.print(f"loaded {counts} from {report.source} (sha256 {report.sha256[:12]})")


@partners_app.command("list")
@returns_rows("partners list")
def list_(
    ctx: typer.Context,
    role: str | None = typer.Option(
        None, help="Only partners with this role (origin, transit, carrier...)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Partners with their roles and how many engagements and commitments each has."""
    from corridor.services import partners as service

    app = get_context(ctx)
    rows = service.list_partners(app.engine, role=role)
    emit(
        app.console,
        rows,
        fmt="json" if as_json and fmt is None else fmt,
        output=output,
        title="partners",
        err=app.err,
    )


@partners_app.command("show")
def show(
    ctx: typer.Context,
    partner: str = typer.Argument(..., help="Partner id: IQ, TR, CA5, IOM, air:TK ..."),
    outcomes: bool = typer.Option(True, help="Compute the outcome indicators (a few seconds)."),
    shared: Path | None = typer.Option(None, help="../shared folder, to print quoted words."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Everything about one partner: engagements, commitments, measures, outcomes, sources."""
    from corridor.services import partner_outcomes
    from corridor.services import partners as service

    app = get_context(ctx)
    found = (
        [o.to_dict() for o in partner_outcomes.outcomes(app.engine, app.settings, partner=partner)]
        if outcomes
        else []
    )
    card = service.partner_card(app.engine, partner, outcomes=found, shared=shared)
    if as_json:
        _print_json(card)
        return
    p = card["partner"]
    app.console.print(f"[bold]{p['name']}[/bold] ({p['id']}, {p['kind']}; {', '.join(p['roles'])})")
    if card["carriers"]:
        app.console.print(
            "carriers: " + ", ".join(f"{c['name']} ({c['id']})" for c in card["carriers"])
        )
    app.console.print(f"\n[bold]engagements[/bold] ({len(card['engagements'])})")
    for e in card["engagements"]:
        day = e["date"][:7] if e["date_precision"] == "month" else e["date"]
        app.console.print(
            f"  {day} {e['id']} {e['kind']}: {e['eu_actor'] or '-'} / {e['counterpart'] or '-'}"
        )
        app.console.print(f"      asked: {e['asked'] or '-'}; outcome: {e['outcome'] or '-'}")
        app.console.print(
            f"      source: {e['source']}"
            + (f"; inferred: {e['inferred']}" if e["inferred"] else "")
        )
    by_id = {o["commitment_id"]: o for o in card["outcomes"]}
    app.console.print(f"\n[bold]commitments[/bold] ({len(card['commitments'])})")
    for c in card["commitments"]:
        when = c["in_effect_from"] or c["announced"] or "?"
        measures = ", ".join(c["measures"]) or "no measure"
        app.console.print(f"  {c['id']} {c['status']} from {when}: {c['summary']} [{measures}]")
        if c.get("words"):
            app.console.print(f'      words: "{c["words"]}" ({c["words_ref"]})')
        app.console.print(f"      source: {c['source']}")
        if c["disputed_by"]:
            app.console.print(f"      sources disagree: see {', '.join(c['disputed_by'])}")
        if c["id"] in by_id:
            app.console.print(f"      held? {_outcome_line(by_id[c['id']])}")
    if card["measures"]:
        app.console.print("\n[bold]route measures[/bold]")
        for m in card["measures"]:
            app.console.print(
                f"  {m['id']} {m['title']} (commitments {', '.join(m['commitments'])})"
            )
    if card["humanitarian"]:
        app.console.print("\n[bold]humanitarian[/bold]")
        for h in card["humanitarian"]:
            value = "" if h["value"] is None else f" {h['value']:,.0f} {h['unit']}"
            app.console.print(
                f"  {h['date']} {h['id']} {h['kind']}{value} at {h['place']} ({h['source']})"
            )
    if card["operators"]:
        app.console.print("\n[bold]blacklist operators registered here[/bold]")
        for o in card["operators"]:
            app.console.print(f"  {o['id']} {o['name']} ({o['role']})")


@partners_app.command("timeline")
@returns_rows("partners timeline")
def timeline(
    ctx: typer.Context,
    partner: str = typer.Argument(..., help="Partner id."),
    chart: Path | None = typer.Option(None, help="Write the Vega-Lite chart (JSON) here."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """A partner's engagements, commitment milestones and humanitarian records by date."""
    from corridor.services import partners as service

    app = get_context(ctx)
    data = service.timeline(app.engine, partner)
    if chart is not None:
        chart.write_text(json.dumps(data["chart"], indent=1), encoding="utf-8")
        app.err.print(f"chart written to {chart}")
    emit(
        app.console,
        data["events"],
        fmt="json" if as_json and fmt is None else fmt,
        output=output,
        title=f"timeline of {partner}",
        err=app.err,
    )


@partners_app.command("commitments")
@returns_rows("partners commitments")
def commitments(
    ctx: typer.Context,
    status: list[str] = typer.Option([], help="announced, in_effect, lapsed, reversed (repeat)."),
    partner: str | None = typer.Option(
        None, help="Only this partner (with its carriers and groups)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Commitments with their status, dates, measures and sources."""
    from corridor.exc import InvalidData
    from corridor.partners.model import CommitmentStatus
    from corridor.services import partners as service

    app = get_context(ctx)
    try:
        wanted = [CommitmentStatus(s) for s in status]
    except ValueError:
        known = ", ".join(s.value for s in CommitmentStatus)
        raise InvalidData.at(
            f"unknown status in {status} (known: {known})", field="status"
        ) from None
    rows = service.list_commitments(app.engine, status=wanted or None, partner=partner)
    emit(
        app.console,
        rows,
        fmt="json" if as_json and fmt is None else fmt,
        output=output,
        title="commitments",
        err=app.err,
    )


@partners_app.command("outcomes")
def outcomes(
    ctx: typer.Context,
    year: int | None = typer.Option(None, help="Only commitments that took effect this year."),
    partner: str | None = typer.Option(None, help="Only this partner."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Did it hold? The indicator in the 30 days after each commitment, with interval and caveats."""
    from corridor.services import partner_outcomes

    app = get_context(ctx)
    found = partner_outcomes.outcomes(app.engine, app.settings, year=year, partner=partner)
    if as_json:
        _print_json(
            {
                "summary": partner_outcomes.outcome_summary(found),
                "outcomes": [o.to_dict() for o in found],
            }
        )
        return
    for outcome in found:
        data = outcome.to_dict()
        app.console.print(f"{data['commitment_id']} {data['effective']} {data['series']}")
        app.console.print(f"    {_outcome_line(data)}")
        for caveat in data["caveats"]:
            app.console.print(f"    - {caveat}")
    summary = partner_outcomes.outcome_summary(found)
    app.console.print(
        f"{summary['commitments']} commitments: {summary['verdicts']}; flagged: {', '.join(summary['flagged']) or 'none'}"
    )


@partners_app.command("measure")
def measure(
    ctx: typer.Context,
    measure_id: str = typer.Argument(..., help="Route measure id (M01 ...)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The commitments a route measure implements."""
    from corridor.services import partners as service

    app = get_context(ctx)
    rows = service.commitments_for_measure(app.engine, measure_id)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        app.console.print(f"no commitment is linked to {measure_id}")
    for c in rows:
        app.console.print(f"{c['id']} {c['partner']} {c['status']}: {c['summary']} ({c['source']})")


@partners_app.command("promote")
def promote(
    ctx: typer.Context,
    claim_id: str | None = typer.Argument(
        None, help="An accepted evidence claim (meeting, commitment, agreement, statement)."
    ),
    all_accepted: bool = typer.Option(
        False, "--all-accepted", help="Promote every accepted or corrected diplomacy claim."
    ),
) -> None:
    """Turn reviewed evidence claims about diplomacy into engagements."""
    from corridor.exc import InvalidData
    from corridor.services import partner_promote

    app = get_context(ctx)
    if (claim_id is None) == (not all_accepted):
        raise InvalidData.at("give a claim id or --all-accepted (not both)", field="claim_id")
    if claim_id is not None:
        done = [partner_promote.promote_claim(app.engine, claim_id)]
        refused: list[Any] = []
    else:
        done, refused = partner_promote.promote_reviewed(app.engine)
    for result in done:
        e = result.engagement
        app.console.print(
            f"{result.status} {e.id} {e.date} {e.kind.value} with {', '.join(e.partners)} "
            f"({e.source.label})"
        )
    for refusal in refused:
        app.console.print(f"refused {refusal.claim_id}: {refusal.reason}")


def register(app: typer.Typer) -> None:
    app.add_typer(partners_app, name="partners")
