"""``corridor rules lint|list|show``, ``corridor check`` and ``corridor bookings synth``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from corridor.cli.context import get_context
from corridor.cli.output import FORMAT_OPTION, OUTPUT_OPTION, emit, progress, returns_rows
from corridor.exc import InvalidData

rules_app = typer.Typer(help="Route measures as rules.", no_args_is_help=True)
bookings_app = typer.Typer(help="Bookings: synthetic 2021 data.", no_args_is_help=True)

RULES_DIR = typer.Option(None, "--rules-dir", help="Folder of measure YAML (default: bundled).")
VARIANT = typer.Option([], "--variant", help="Reading of a disputed measure, e.g. M06=b.")


@rules_app.command("list")
@returns_rows("rules list")
def list_rules(
    ctx: typer.Context,
    rules_dir: Path | None = RULES_DIR,
    fmt: str | None = FORMAT_OPTION,
    output: Path | None = OUTPUT_OPTION,
) -> None:
    """List the measures and their rules."""
    from corridor.rules.spec import load_measures

    app = get_context(ctx)
    rows = []
    for measure in load_measures(rules_dir):
        if not measure.rules:
            rows.append(
                {
                    "measure_id": measure.id,
                    "rule_id": "-",
                    "variant": "",
                    "effect": "(no checkable rule)",
                    "from": measure.effective_from,
                    "until": measure.effective_until,
                }
            )
        for spec in measure.rules:
            rows.append(
                {
                    "measure_id": measure.id,
                    "rule_id": spec.id,
                    "variant": spec.variant or "",
                    "effect": spec.effect.value,
                    "from": spec.effective_from or measure.effective_from,
                    "until": spec.effective_until or measure.effective_until,
                }
            )
    emit(app.console, rows, fmt=fmt, output=output, title="route measures", err=app.err)


@rules_app.command("show")
def show_rule(
    ctx: typer.Context,
    measure_id: str = typer.Argument(..., help="The measure, e.g. M07."),
    rules_dir: Path | None = RULES_DIR,
) -> None:
    """Show one measure with its sources and rules, as JSON."""
    from corridor.exc import NotFound
    from corridor.rules.spec import load_measures

    for measure in load_measures(rules_dir):
        if measure.id == measure_id:
            get_context(ctx).console.print_json(measure.model_dump_json())
            return
    raise NotFound(f"no measure {measure_id}")


@rules_app.command("lint")
def lint_rules(ctx: typer.Context, rules_dir: Path | None = RULES_DIR) -> None:
    """Find rules that overlap, contradict each other or can never fire."""
    from corridor.rules.lint import lint_measures
    from corridor.rules.spec import load_measures

    app = get_context(ctx)
    findings = lint_measures(load_measures(rules_dir))
    for finding in findings:
        app.console.print(f"{finding.kind:<13} {', '.join(finding.rules):<32} {finding.detail}")
    app.console.print(f"{len(findings)} finding(s)")
    if any(f.kind == "never-fires" for f in findings):
        raise typer.Exit(1)


def check(
    ctx: typer.Context,
    booking: Path | None = typer.Argument(None, help="A booking JSON file (one or a list)."),
    source: Path | None = typer.Option(None, "--input", help="Rows file: Parquet, CSV, JSONL."),
    output: Path | None = typer.Option(None, "--output", help="Decisions file (batch)."),
    rejects: Path | None = typer.Option(None, "--rejects", help="Bad rows with reasons."),
    engine: str = typer.Option("local", "--engine", help="local (DuckDB) or dask."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask scheduler address."),
    rules_dir: Path | None = RULES_DIR,
    variant: list[str] = VARIANT,
    as_json: bool = typer.Option(False, "--json", help="Decisions as JSON."),
) -> None:
    """Check one booking (BOOKING) or a batch (--input/--output) against the route measures."""
    from corridor.rules.spec import parse_variants
    from corridor.services.rules import check_batch, check_file

    app = get_context(ctx)
    variants = parse_variants(variant)
    if source is not None:
        if output is None:
            raise InvalidData.at("--output is needed with --input", field="output")
        if rejects is None:
            rejects = output.with_name(output.stem + ".rejects.csv")
        with progress(app.err, f"checking {source.name} ({engine})", None):
            report = check_batch(
                source,
                output,
                rejects=rejects,
                engine=engine,
                scheduler=scheduler,
                rules_dir=rules_dir,
                variants=variants,
            )
        app.console.print_json(json.dumps(report.to_dict()))
        return
    if booking is None:
        raise InvalidData.at("give a booking file or --input", field="booking")
    decisions = check_file(booking, rules_dir=rules_dir, variants=variants)
    if as_json:
        app.console.print_json(json.dumps([d.to_dict() for d in decisions]))
        return
    for d in decisions:
        app.console.print(
            f"{d.booking_id} {d.passenger_id} segment {d.segment_no}: [bold]{d.outcome}[/bold]"
        )
        for f in d.fired:
            app.console.print(f"  {f.rule_id} ({f.effect.value}): {f.explanation}")
            for url in f.sources:
                app.console.print(f"    source: {url}")


@bookings_app.command("synth")
def synth(
    ctx: typer.Context,
    n: int = typer.Option(10_000, "--n", help="Number of bookings."),
    output: Path = typer.Option(Path("bookings.parquet"), "--output", help="Parquet rows file."),
    seed: int = typer.Option(2021, "--seed", help="Random seed: the same seed, the same bookings."),
) -> None:
    """Make synthetic 2021 bookings into Minsk (passenger-segment rows)."""
    from corridor.bookings.synth import write_synthetic

    report = write_synthetic(output, n, seed=seed)
    get_context(ctx).console.print_json(json.dumps(report))


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
    app.add_typer(bookings_app, name="bookings")
    app.command("check")(check)
