"""``corridor operators|cases|blacklist|matrix``: the transport-operator blacklist.

Writes need an API token (``--token`` or ``CORRIDOR_TOKEN``) whose user's role allows them;
``operators seed`` and ``operators users add`` are installation steps run by whoever holds the
registry itself (logged as ``local-admin``).
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import typer

from corridor.blacklist.roles import Role, User
from corridor.cli.context import AppContext, get_context
from corridor.cli.output import FORMAT_OPTION, OUTPUT_OPTION, Format, emit, resolve, returns_rows
from corridor.exc import InvalidData

operators_app = typer.Typer(help="Transport operators and facilitators in the register.")
users_app = typer.Typer(help="Users, roles and API tokens.")
cases_app = typer.Typer(help="Cases against operators under COM(2021) 753.")
blacklist_app = typer.Typer(help="Publish and compare versions of the public blacklist.")
operators_app.add_typer(users_app, name="users")

TOKEN = typer.Option(None, "--token", envvar="CORRIDOR_TOKEN", help="API token of the user.")


def _user(app: AppContext, token: str | None) -> User:
    from corridor.services import blacklist as service

    return service.authenticate(app.engine, token, app.settings.secret)


def _json(app: AppContext, data: Any) -> None:
    app.console.print_json(json.dumps(data, ensure_ascii=False, default=str))


# -- operators -------------------------------------------------------------------------------


@operators_app.command("seed")
def seed_cmd(
    ctx: typer.Context,
    path: Path | None = typer.Argument(None, help="Seed CSV; the bundled one by default."),
) -> None:
    """Load operators and curated listing records from the seed CSV."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    report = service.seed_operators(app.engine, path)
    app.console.print(
        f"seeded {report.operators} operators ({report.changed} new or changed) and "
        f"{report.curated} curated listing records from {Path(report.path).name} "
        f"sha256 {report.sha256[:12]}"
    )


@operators_app.command("list")
@returns_rows("operators list")
def list_cmd(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """Operators in the register."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    rows = [
        {
            "id": op.id,
            "name": op.name,
            "role": op.role,
            "country": op.country or "",
            "identifiers": [f"{i.scheme.value}:{i.value}" for i in op.identifiers],
        }
        for op in service.list_operators(app.engine)
    ]
    emit(app.console, rows, fmt=fmt, output=output, title="operators", err=app.err)


@operators_app.command("show")
def show_cmd(ctx: typer.Context, ref: str = typer.Argument(..., help="Id or name.")) -> None:
    """One operator: names, identifiers, fleet, curated records, links and cases (JSON)."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    _json(app, service.get_operator(app.engine, ref))


@operators_app.command("link")
def link_cmd(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Operator id or name."),
    entity_id: str = typer.Argument(..., help="List entry id (e.g. ofac_sdn-44541)."),
    confirm: bool = typer.Option(True, "--confirm/--reject", help="Confirm or reject the match."),
    reason: str = typer.Option(..., help="Why."),
    token: str | None = TOKEN,
) -> None:
    """Record a person's review of a list entry matched to an operator."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    service.review_link(
        app.engine, _user(app, token), ref, entity_id, confirm=confirm, reason=reason
    )
    app.console.print(f"{'confirmed' if confirm else 'rejected'}: {entity_id} is {ref}")


@users_app.command("add")
def user_add_cmd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user's name, as the audit log will show it."),
    role: Role = typer.Option(..., help="analyst, decision_maker, committee_member, auditor..."),
) -> None:
    """Create a user; prints the API token once (only its hash is stored)."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    token = service.add_user(app.engine, name, role, app.settings.secret)
    app.console.print(token, highlight=False)


@users_app.command("list")
@returns_rows("operators users list")
def user_list_cmd(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """Users and their roles (tokens are never shown again)."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    rows = [{"name": u.name, "role": u.role.value} for u in service.list_users(app.engine)]
    emit(app.console, rows, fmt=fmt, output=output, title="users", err=app.err)


# -- cases -----------------------------------------------------------------------------------


@cases_app.command("open")
def case_open_cmd(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Operator id or name."),
    reason: str = typer.Option(..., help="Why the case is opened (kept in the audit log)."),
    when: str | None = typer.Option(None, help="Date of the step (ISO); default now."),
    token: str | None = TOKEN,
) -> None:
    """Open a case against an operator."""
    from corridor.services import cases

    app = get_context(ctx)
    at = None if when is None else cases.parse_when(when)
    case = cases.open_case(app.engine, _user(app, token), ref, reason, when=at)
    app.console.print(f"{case.id} opened against {ref} (version {case.version})")


@cases_app.command("act")
def case_act_cmd(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., help="The case, e.g. case-00001."),
    action: str = typer.Argument(..., help="gather_evidence, notify, hear, propose, adopt..."),
    reason: str = typer.Option(..., help="Why this step (kept in the audit log)."),
    version: int | None = typer.Option(None, help="The version you read (optimistic check)."),
    when: str | None = typer.Option(None, help="Date of the step (ISO); default now."),
    deadline: str | None = typer.Option(None, help="Reply deadline (notify)."),
    kind: list[str] = typer.Option([], "--kind", help="Measure kind (propose/renew), repeatable."),
    start: str | None = typer.Option(None, help="Measure start (propose/renew)."),
    end: str | None = typer.Option(None, help="Measure end, exclusive (propose/renew)."),
    place: list[str] = typer.Option([], "--place", help="Airport or port in scope."),
    route: list[str] = typer.Option([], "--route", help="Route in scope, e.g. IST-MSQ."),
    mode: list[str] = typer.Option([], "--mode", help="Transport mode (default air)."),
    token: str | None = TOKEN,
) -> None:
    """Move a case one step through the procedure."""
    from corridor.blacklist.measure import Measure
    from corridor.services import cases

    app = get_context(ctx)
    measure = None
    if kind:
        if start is None or end is None:
            raise InvalidData.at("a measure needs --start and --end", field="measure")
        data = {"kinds": kind, "start": start, "end": end, "places": place, "routes": route}
        measure = Measure.from_dict({**data, "modes": mode or ["air"]})
    case = cases.transition(
        app.engine,
        _user(app, token),
        case_id,
        action,
        reason,
        expected_version=version,
        when=None if when is None else cases.parse_when(when),
        reply_deadline=None if deadline is None else cases.parse_when(deadline),
        measure=measure,
    )
    app.console.print(f"{case.id}: {action} -> {case.state.value} (version {case.version})")


@cases_app.command("show")
def case_show_cmd(
    ctx: typer.Context, case_id: str = typer.Argument(..., help="The case, e.g. case-00001.")
) -> None:
    """The case file: state, measure, history, evidence chain and audit entries (JSON)."""
    from corridor.services import cases

    app = get_context(ctx)
    _json(app, cases.case_file(app.engine, case_id))


@cases_app.command("list")
@returns_rows("cases list")
def case_list_cmd(
    ctx: typer.Context, fmt: str | None = FORMAT_OPTION, output: Path | None = OUTPUT_OPTION
) -> None:
    """Every case with its operator, state, version and measure."""
    from corridor.services import cases

    app = get_context(ctx)
    rows = [
        {
            "case_id": case.id,
            "operator_id": case.operator_id,
            "state": case.state.value,
            "version": case.version,
            "measure": "" if case.measure is None else ",".join(case.measure.kinds),
            "measure_start": None if case.measure is None else case.measure.start.date(),
            "measure_end": None if case.measure is None else case.measure.end.date(),
        }
        for case in cases.list_cases(app.engine)
    ]
    emit(app.console, rows, fmt=fmt, output=output, title="cases", err=app.err)


@cases_app.command("evidence")
def case_evidence_cmd(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., help="The case, e.g. case-00001."),
    claim: str = typer.Option(..., help="What the evidence shows."),
    document: str = typer.Option(..., help="The document (file, article, snapshot hash)."),
    span: str | None = typer.Option(None, help="Where in the document."),
    url: str | None = typer.Option(None, help="Where the document can be read."),
    token: str | None = TOKEN,
) -> None:
    """Attach an evidence item to a case, reviewed by you."""
    from corridor.services import cases

    app = get_context(ctx)
    item = cases.add_evidence(
        app.engine, _user(app, token), case_id, claim=claim, document=document, span=span, url=url
    )
    app.console.print(f"evidence {item} attached to {case_id}")


def parse_within(text: str) -> timedelta:
    """``30d``, ``6w``, ``12h`` or a number of days."""
    match = re.fullmatch(r"\s*(\d+)\s*([dwh]?)\s*", text)
    if match is None:
        raise InvalidData.at(f"cannot read {text!r}; use e.g. 30d, 6w", field="within")
    number, unit = int(match.group(1)), match.group(2) or "d"
    return {
        "d": timedelta(days=number),
        "w": timedelta(weeks=number),
        "h": timedelta(hours=number),
    }[unit]


@cases_app.command("due")
@returns_rows("cases due")
def case_due_cmd(
    ctx: typer.Context,
    within: str = typer.Option("30d", help="Horizon, e.g. 30d."),
    now: str | None = typer.Option(None, help="Reference date (ISO); default now."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Measures about to expire and reply deadlines about to pass (or passed)."""
    from corridor.services import cases

    app = get_context(ctx)
    at = None if now is None else cases.parse_when(now)
    items = cases.due(app.engine, parse_within(within), now=at)
    emit(app.console, items, fmt=fmt, output=output, title="due", err=app.err)


# -- blacklist, matrix ----------------------------------------------------------------


@blacklist_app.command("publish")
def publish_cmd(
    ctx: typer.Context,
    out: Path | None = typer.Option(None, help="Write CSV, JSON, FtM and HTML files here."),
    token: str | None = TOKEN,
) -> None:
    """Publish the next numbered version of the blacklist, with its diff."""
    from corridor.blacklist.publication import FORMATS, render
    from corridor.services import blacklist as service

    app = get_context(ctx)
    content = service.publish(
        app.engine, _user(app, token), official=app.settings.env == "production"
    )
    number, d = content["number"], content["diff"]
    app.console.print(
        f"published version {number}{'' if content['official'] else ' (DEMO, not official)'}: "
        f"{len(content['entries'])} operators; "
        f"{len(d['added'])} added, {len(d['removed'])} removed, {len(d['changed'])} changed"
    )
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        suffix = {"csv": "csv", "json": "json", "ftm": "ftm.jsonl", "html": "html"}
        for fmt in FORMATS:
            path = out / f"blacklist-v{number}.{suffix[fmt]}"
            path.write_text(render(content, fmt), encoding="utf-8")
            app.console.print(f"  wrote {path}")


@blacklist_app.command("show")
def blacklist_show_cmd(
    ctx: typer.Context,
    number: int | None = typer.Argument(None, help="Version; the latest by default."),
    fmt: str = typer.Option("json", "--format", help="csv, json, ftm or html."),
) -> None:
    """A published version of the blacklist, in one of its formats."""
    from corridor.blacklist.publication import FORMATS, render
    from corridor.services import blacklist as service

    app = get_context(ctx)
    if fmt not in FORMATS:
        raise InvalidData.at(f"unknown format {fmt!r}", field="format")
    text = render(service.get_publication(app.engine, number), fmt)
    app.console.out(text, end="", highlight=False)


@blacklist_app.command("diff")
@returns_rows("blacklist diff")
def diff_cmd(
    ctx: typer.Context,
    a: int = typer.Argument(..., help="The earlier version."),
    b: int = typer.Argument(..., help="The later version."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Operators added, removed and changed between versions A and B (one row each)."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    result = service.diff(app.engine, a, b)
    rows = [
        {"from_version": a, "to_version": b, "change": key, "operator": name}
        for key in ("added", "removed", "changed")
        for name in result[key]
    ]
    notes = [f"{key}: {', '.join(result[key]) or '-'}" for key in ("added", "removed", "changed")]
    emit(
        app.console,
        rows,
        fmt=fmt,
        output=output,
        title=f"version {a} -> {b}",
        notes=notes,
        err=app.err,
    )


def matrix_cmd(
    ctx: typer.Context,
    as_of: str = typer.Option(..., "--as-of", help="Date (ISO)."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Each operator's status in each jurisdiction on a date, with gaps and disagreements; the
    most recent dated evidence decides a cell and the other is shown."""
    from corridor.blacklist.matrix import COLUMN_TITLES, COLUMNS
    from corridor.services import blacklist as service
    from corridor.services import cases

    app = get_context(ctx)
    rows = service.matrix(app.engine, as_of)
    table = resolve(fmt, output).format is Format.TABLE
    flat = [r.to_flat(titles=COLUMN_TITLES if table else None) for r in rows]
    columns = ("operator_id", "operator", *(COLUMN_TITLES[c] for c in COLUMNS), "gap")
    when = cases.parse_when(as_of).isoformat()
    records = [{"as_of": when, **r.to_dict()} for r in rows]
    emit(app.console, flat, fmt=fmt, output=output, title=f"as of {as_of}", err=app.err,
         columns=columns if table else None, records_for_json=records)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(operators_app, name="operators")
    app.add_typer(cases_app, name="cases")
    app.add_typer(blacklist_app, name="blacklist")
    app.command("matrix")(returns_rows("matrix")(matrix_cmd))
