"""One output convention: every command that returns rows takes ``--format`` (the five formats)
and ``--output`` (format from the extension); repeated options are honoured or refused; tables
keep dates and ids whole; exports trace every row to its sources."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import typer.main

from corridor.cli import build_app, main
from corridor.cli.output import FORMATS, ROW_COMMANDS, table
from corridor.resources import data_dir

FLOWS = data_dir("flows")

# Commands that do not return rows, and why (a new command must be classified here or marked
# with ``returns_rows``).
NOT_ROWS: dict[str, str] = {
    "lists load": "an action; prints the load report",
    "lists fetch": "an action; prints what was downloaded",
    "lists export": "a document in its own format (FtM JSON lines)",
    "lists resolve": "an action; prints how many links were proposed",
    "lists link": "an action; an analyst's judgement on a pair",
    "operators seed": "an action",
    "operators show": "one nested record (JSON)",
    "operators link": "an action",
    "operators users add": "an action; prints a token once",
    "cases open": "an action",
    "cases act": "an action",
    "cases show": "one nested case file (JSON)",
    "cases evidence": "an action",
    "blacklist publish": "an action; writes the publication's own formats",
    "blacklist show": "a publication document in its own formats (csv, json, ftm, html)",
    "audit verify": "a verdict",
    "rules show": "one nested record (JSON)",
    "rules lint": "a verdict",
    "check": "decisions of one booking, or a batch written to --output",
    "bookings synth": "writes a bookings file",
    "flows load": "an action",
    "flows impact": "one estimate with its caveats",
    "flows lag": "one estimate",
    "report flows": "writes an HTML report",
    "evidence ingest": "an action",
    "evidence review": "an action",
    "evidence show": "one document with its claims",
    "evidence attach": "an action",
    "evidence promote": "an action",
    "eval screening": "scores",
    "eval evidence": "scores",
    "eval rules": "scores",
    "serve": "starts the server",
    "audit anchor": "one head record (JSON), or a verdict",
    "partners load": "an action",
    "partners show": "one partner card",
    "partners outcomes": "estimates with caveats and a summary (--json)",
    "partners measure": "one estimate",
    "partners promote": "an action",
}


def _commands(group: Any, prefix: str = "") -> dict[str, Any]:
    """Every leaf command by its full name (the root group builds its commands on demand)."""
    found: dict[str, Any] = {}
    ctx = group.context_class(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            found.update(_commands(command, full + " "))
        else:
            found[full] = command
    return found


@pytest.fixture(scope="module")
def commands() -> dict[str, Any]:
    return _commands(typer.main.get_command(build_app()))


def _option(command: Any, name: str) -> Any:
    return next((p for p in command.params if name in getattr(p, "opts", ())), None)


def test_every_command_is_classified(commands: dict[str, Any]) -> None:
    unclassified = sorted(set(commands) - ROW_COMMANDS - set(NOT_ROWS))
    assert unclassified == [], "mark them with returns_rows or list them in NOT_ROWS"
    assert set(commands) >= ROW_COMMANDS
    assert not ROW_COMMANDS & set(NOT_ROWS)


def test_row_commands_take_format_and_output(commands: dict[str, Any]) -> None:
    assert len(ROW_COMMANDS) >= 20
    for name in sorted(ROW_COMMANDS):
        command = commands[name]
        fmt, out = _option(command, "--format"), _option(command, "--output")
        assert fmt is not None and out is not None, name
        assert "table, csv, json, jsonl or parquet" in fmt.help, name


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["flows", "load", str(FLOWS / "border_flows.csv")]) == 0
    assert main(["operators", "seed"]) == 0
    return tmp_path


RUNS = [
    ["flows", "series", "--metric", "attempt"],
    ["flows", "summary"],
    ["flows", "figures"],
    ["flows", "surge", "--metric", "attempt", "--metric", "apprehension"],
    ["flows", "reconcile"],
    ["matrix", "--as-of", "2021-12-03"],
    ["operators", "list"],
    ["rules", "list"],
    ["lists", "sources"],
]


@pytest.mark.parametrize("args", RUNS, ids=lambda a: " ".join(a[:2]))
def test_five_formats_agree(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    capsys.readouterr()
    found: dict[str, list[dict[str, Any]]] = {}
    for fmt in FORMATS:
        target = tmp_path / f"rows.{'txt' if fmt == 'table' else fmt}"
        assert main([*args, "--output", str(target)]) == 0, fmt
        if fmt == "csv":
            found[fmt] = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        elif fmt == "json":
            found[fmt] = json.loads(target.read_text(encoding="utf-8"))
        elif fmt == "jsonl":
            lines = target.read_text(encoding="utf-8").splitlines()
            found[fmt] = [json.loads(line) for line in lines]
        elif fmt == "parquet":
            found[fmt] = pq.read_table(target).to_pylist()
        else:
            assert target.read_text(encoding="utf-8").strip()
        # --format to stdout gives the same rows as the file
        if fmt == "csv":
            assert main([*args, "--format", "csv"]) == 0
            assert capsys.readouterr().out == target.read_text(encoding="utf-8")
    counts = {fmt: len(rows) for fmt, rows in found.items()}
    assert len(set(counts.values())) == 1 and counts["csv"] > 0, counts


def test_format_and_extension_must_agree(home: Path, tmp_path: Path) -> None:
    assert main(["flows", "summary", "--format", "csv", "--output", str(tmp_path / "a.json")]) == 2
    assert main(["flows", "summary", "--output", str(tmp_path / "a.xyz")]) == 2
    assert main(["flows", "summary", "--format", "xml"]) == 2
    assert not (tmp_path / "a.json").exists()


def test_repeated_options_are_honoured_or_refused(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = ["flows", "series", "--freq", "year", "--metric", "attempt", "--metric"]
    assert main([*args, "prevented_entry", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    series = {r["series"] for r in rows}
    # one series per metric and reporter, never summed
    assert {"PL attempt BY-PL", "LT prevented_entry BY-LT", "LV prevented_entry BY-LV"} <= series
    pl_2021 = [
        r for r in rows if r["series"] == "PL attempt BY-PL" and r["period_start"] == "2021-01-01"
    ]
    assert [float(r["value"]) for r in pl_2021] == [39670.0]
    two = ["flows", "series", "--metric", "attempt", "--reporter", "PL", "--reporter", "LT"]
    assert main([*two, "--format", "csv"]) == 0
    reporters = {
        r["series"].split()[0] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))
    }
    assert reporters == {"PL"}  # LT reports no attempts: nothing invented
    assert (
        main(["flows", "series", "--metric", "attempt", "--border", "BY-PL", "--border", "BY-LT"])
        == 2
    )
    assert "--border was given 2 times" in capsys.readouterr().err
    assert main(["matrix", "--as-of", "2021-12-03", "--as-of", "2022-01-01"]) == 2


def test_tables_keep_dates_and_ids_whole() -> None:
    rows = [
        {
            "entity_id": "ofac_sdn-44541",
            "period_start": "2021-06-01",
            "period_end": "2021-06-30",
            "explanation": "word " * 60,
            "note": "",
            "value": 17447.0,
        }
    ]
    grid, dropped = table(rows, width=60)
    from rich.console import Console

    console = Console(width=60, record=True)
    console.print(grid)
    text = console.export_text()
    assert "2021-06-01" in text and "2021-06-30" in text and "ofac_sdn-44541" in text
    assert "note" in dropped and "value" not in dropped
    assert "2021-06-…" not in text


def test_exports_trace_every_row_to_sources(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checks = {
        ("flows", "series", "--metric", "attempt"): "sources",
        ("flows", "figures"): "source",
        ("flows", "surge", "--metric", "attempt", "--metric", "apprehension"): "sources",
        ("flows", "reconcile"): "total_source",
        ("matrix", "--as-of", "2021-12-03"): "evidence",
    }
    for args, column in checks.items():
        capsys.readouterr()
        assert main([*args, "--format", "csv"]) == 0
        rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert rows, args
        for row in rows:
            if args[0] == "matrix" and not any(
                row[c] not in ("-", "") for c in ("EU-753", "EU", "US", "UK", "CA", "UN")
            ):
                continue  # nothing to trace: no partner says anything
            assert row[column].strip(), (args, row)


def test_progress_is_quiet_off_a_terminal() -> None:
    from rich.console import Console

    from corridor.cli.output import progress

    piped = io.StringIO()
    with progress(Console(file=piped, force_terminal=False), "screening", 3) as advance:
        advance(3)
    assert piped.getvalue() == ""
    shown = io.StringIO()
    terminal = Console(file=shown, force_terminal=True, width=80)
    with progress(terminal, "screening 3 queries", 3) as advance:
        advance(2)
        terminal.file.flush()
    assert "screening 3 queries" in shown.getvalue()
