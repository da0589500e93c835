from __future__ import annotations

import pytest

from corridor.cli import main
from corridor.cli.errors import EXIT_CODES, exit_code_for
from corridor.exc import (
    Conflict,
    CorridorError,
    InvalidData,
    NotFound,
    ProcedureError,
    SourceError,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InvalidData.at("bad", file="x.csv", line=3), 2),
        (NotFound("no such entity"), 3),
        (Conflict("version changed"), 4),
        (ProcedureError("not heard yet"), 4),
        (SourceError("HTTP 503"), 5),
        (CorridorError("anything else"), 2),
    ],
)
def test_exit_codes(error: CorridorError, code: int) -> None:
    assert exit_code_for(error) == code


def test_every_error_class_has_a_code() -> None:
    import corridor.exc as exc

    classes = [
        c
        for c in vars(exc).values()
        if isinstance(c, type) and issubclass(c, CorridorError) and c is not CorridorError
    ]
    assert set(classes) == set(EXIT_CODES)


def test_invalid_data_names_the_place() -> None:
    err = InvalidData.at("unexpected end of file", file="sdn.csv", line=12, field="Program")
    assert str(err) == "sdn.csv:12 [Program]: unexpected end of file"
    assert err.to_dict()["errors"] == [
        {"message": "unexpected end of file", "file": "sdn.csv", "line": 12, "field": "Program"}
    ]


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "corridor" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2


def test_exit_code_of_a_command_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer

    import corridor.cli as cli

    real_build = cli.build_app

    def build_with_failing_command() -> typer.Typer:
        app = real_build()

        @app.command("fail-with-one")
        def _fail() -> None:
            raise typer.Exit(1)

        return app

    monkeypatch.setattr(cli, "build_app", build_with_failing_command)
    assert cli.main(["fail-with-one"]) == 1
