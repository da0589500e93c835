"""The ``corridor`` command line: a thin shell over the service functions.

Each noun of the domain has its module here with a ``register(app)`` function; commands parse
input, call one service function and format output. Errors become exit codes in
:mod:`corridor.cli.errors` only.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import typer

from corridor.cli.args import repeated_option
from corridor.cli.context import AppContext
from corridor.cli.errors import exit_code_for
from corridor.exc import CorridorError, InvalidData
from corridor.logs import configure_logging
from corridor.settings import load_settings

log = logging.getLogger(__name__)

# Command modules, in help order. Each exposes ``register(app: typer.Typer) -> None``.
COMMAND_MODULES: tuple[str, ...] = (
    "corridor.cli.lists",
    "corridor.cli.screen",
    "corridor.cli.operators",
    "corridor.cli.rules",
    "corridor.cli.flows",
    "corridor.cli.evidence",
    "corridor.cli.serve",
    "corridor.cli.eval",  # last: the modules above add their commands to its group
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="corridor",
        help="Sanctions lists, screening, operator blacklist, route measures, flows, evidence.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )

    @app.callback()
    def _root(
        ctx: typer.Context,
        home: Path | None = typer.Option(None, help="Data folder (CORRIDOR_HOME)."),
        db_url: str | None = typer.Option(None, help="Registry URL (CORRIDOR_DB_URL)."),
        verbose: bool = typer.Option(False, "--verbose", "-v", help="Log debug messages."),
    ) -> None:
        overrides: dict[str, object] = {}
        if home is not None:
            overrides["home"] = home
        if db_url is not None:
            overrides["db_url"] = db_url
        settings = load_settings(**overrides)
        configure_logging("DEBUG" if verbose else settings.log_level, settings.log_format)
        ctx.obj = AppContext(settings=settings)

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)
    return app


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map corridor errors to exit codes and one clear line on stderr."""
    app = build_app()
    try:
        args = list(sys.argv[1:] if argv is None else argv)
        repeated = repeated_option(typer.main.get_command(app), args)
        if repeated is not None:
            raise InvalidData.at(repeated)
        result = app(args=args, prog_name="corridor", standalone_mode=False)
        if isinstance(result, int):  # click returns the code of typer.Exit here
            return result
    except CorridorError as error:
        typer.echo(f"error: {error.message}", err=True)
        extra = getattr(error, "errors", [])
        for detail in extra[1:20]:
            typer.echo(f"  {detail}", err=True)
        return exit_code_for(error)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except typer.TyperException as exc:  # usage errors: typer shows and numbers them
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        return int(getattr(exc, "exit_code", 2))
    except Exception as exc:
        log.exception("internal error")
        typer.echo(f"internal error: {exc!r}", err=True)
        return 70
    return 0


def run() -> None:  # pragma: no cover - the console script
    sys.exit(main())
