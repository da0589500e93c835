"""``corridor audit verify|anchor|log``: the sealed audit log of every blacklist write."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer

from corridor.cli.context import get_context
from corridor.cli.output import FORMAT_OPTION, OUTPUT_OPTION, Format, emit, resolve, returns_rows
from corridor.exc import InvalidData

audit_app = typer.Typer(help="The sealed (HMAC-chained) audit log of every write.")


@audit_app.command("verify")
def verify_cmd(ctx: typer.Context) -> None:
    """Check the whole audit chain; exit 1 when an entry was edited or removed."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    result = service.verify_audit(app.engine)
    for problem in result.problems:
        app.err.print(problem, highlight=False)
    if not result.ok:
        app.console.print(f"audit log BROKEN: {len(result.problems)} problems in {result.checked}")
        raise typer.Exit(1)
    app.console.print(
        f"audit log intact: {result.checked} entries verified, head {result.head_seq}, "
        f"{result.anchors} exported heads and {result.rows_compared} register rows checked"
    )


@audit_app.command("anchor")
def anchor_cmd(
    ctx: typer.Context,
    check: str | None = typer.Option(
        None, "--check", help="A head noted earlier, SEQ:HASH: verify the log still holds it."
    ),
    publication: Path | None = typer.Option(
        None, "--publication", help="A copy of a published version (JSON): check its audit head."
    ),
) -> None:
    """Print the head of the audit log to keep outside it, or check one kept earlier.

    Without options: the head (entry number, seal, key fingerprint) as JSON. With --check or
    --publication: exit 1 when the log no longer holds that entry with that seal (rewritten or
    truncated), or when it fails verification.
    """
    from corridor.services import blacklist as service

    app = get_context(ctx)
    if check is None and publication is None:
        app.console.print_json(json.dumps(service.audit_anchor(app.engine)))
        return
    seq, digest, origin = _anchor_arg(check, publication)
    result = service.check_anchor(app.engine, seq, digest, origin)
    for problem in result.problems:
        app.err.print(problem, highlight=False)
    if not result.ok:
        app.console.print(f"anchor FAILED: {len(result.problems)} problems")
        raise typer.Exit(1)
    app.console.print(f"anchor holds: entry {seq} is {digest[:16]}..., chain intact")


def _anchor_arg(check: str | None, publication: Path | None) -> tuple[int, str, str]:
    if publication is not None:
        try:
            head = json.loads(publication.read_text("utf-8"))["audit_head"]
            return int(head["seq"]), str(head["hash"]), f"publication {publication.name}"
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InvalidData.at(
                f"not a published version with an audit head: {exc}", file=str(publication)
            ) from exc
    assert check is not None
    match = re.fullmatch(r"(\d{1,12}):([0-9a-f]{64})", check.strip())
    if match is None:
        raise InvalidData.at("expected SEQ:HASH (a number and 64 hex digits)", field="--check")
    return int(match.group(1)), match.group(2), "the noted anchor"


@audit_app.command("log")
@returns_rows("audit log")
def log_cmd(
    ctx: typer.Context,
    target: str | None = typer.Option(None, help="Only entries about this case/operator."),
    limit: int = typer.Option(50, help="The last this many entries."),
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """Audit entries, oldest first: who did what to which case or operator, and the hash."""
    from corridor.services import blacklist as service

    app = get_context(ctx)
    entries = list(reversed(service.audit_log(app.engine, target=target, limit=limit)))
    table_like = resolve(fmt, output).format is Format.TABLE
    columns = ("seq", "at", "actor", "action", "target", "hash") if table_like else None
    emit(
        app.console,
        entries,
        fmt=fmt,
        output=output,
        title="audit log",
        columns=columns,
        err=app.err,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
