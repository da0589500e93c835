"""The ``corridor`` command line: a thin shell over the service functions.

Each noun of the domain has its module here with a ``register(app)`` function; commands parse
input, call one service function and format output. Errors become exit codes in
:mod:`corridor.cli.errors` only.

Start-up is lazy, so that ``corridor --help`` and ``corridor COMMAND --help`` answer at once:

- the root group (:class:`LazyGroup`) knows each command's name and module from
  :data:`COMMAND_MODULES` and imports a module only when one of its commands is asked for
  (``corridor lists ...`` imports ``corridor.cli.lists`` and nothing else);
- command modules import typer, the standard library and light domain types at module level, and
  their services (SQLAlchemy, numpy, pandas, the screening index...) inside the command
  functions, so importing a command module to show its help costs milliseconds;
- settings (pydantic-settings), the console (rich) and the store are built on first use by
  :class:`corridor.cli.context.AppContext`, i.e. when a command runs, never for ``--help``.

``tests/cli/test_cli_startup.py`` checks that help loads none of the heavy libraries.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup
from typer.main import get_group

from corridor.cli.args import repeated_option
from corridor.cli.context import AppContext
from corridor.cli.errors import exit_code_for
from corridor.exc import CorridorError, InvalidData

log = logging.getLogger(__name__)

# Command modules, in help order, each with the top-level commands its ``register(app)`` adds.
# A module is imported only when one of its commands runs or when the root help lists them.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "corridor.cli.lists": ("lists",),
    "corridor.cli.screen": ("screen",),
    "corridor.cli.watch": ("watch",),
    "corridor.cli.operators": ("operators", "cases", "blacklist", "matrix"),
    "corridor.cli.audit": ("audit",),
    "corridor.cli.rules": ("rules", "check", "bookings"),
    "corridor.cli.flows": ("flows", "report"),
    "corridor.cli.evidence": ("evidence",),
    "corridor.cli.partners": ("partners",),
    "corridor.cli.serve": ("serve",),
    "corridor.cli.eval": ("eval",),
}


def _module_of(command: str) -> str | None:
    for module, names in COMMAND_MODULES.items():
        if command in names:
            return module
    return None


class _PlainValue:
    """Conversion of a root option's value without pydantic.

    Typer converts every option through a pydantic ``TypeAdapter``, built on first use, and
    importing pydantic for it costs about as much as the rest of ``corridor lists --help``. The
    root options are a path and a string, read before any subcommand's ``--help``: they are
    converted here instead. (If a typer release drops the hook, typer converts them itself.)
    """

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        return None if value is None else self.convert(value)


ROOT_OPTION_TYPES: dict[str, Callable[[Any], Any]] = {
    "home": Path,
    "db_url": str,
    "verbose": bool,
    "version": bool,
    "help": bool,
}


def _convert_plainly(param: Any) -> Any:
    convert = ROOT_OPTION_TYPES.get(getattr(param, "name", None) or "")
    if convert is not None and getattr(param, "_runtime_param", False) is None:
        setattr(param, "_runtime_param", _PlainValue(convert))  # noqa: B010
    return param


def _plain_group_help(ctx: Any, command: Any) -> None:
    """The ``--help`` options of a group and its subgroups, converted without pydantic (a group's
    help flag is read, unset, whenever one of its commands runs or shows its help)."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return
    _convert_plainly(command.get_help_option(ctx))
    for sub in subcommands.values():
        _plain_group_help(ctx, sub)


class LazyGroup(TyperGroup):
    """The root group: commands from :data:`COMMAND_MODULES` are built when first asked for."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for param in self.params:
            _convert_plainly(param)

    def get_help_option(self, ctx: Any) -> Any:
        return _convert_plainly(super().get_help_option(ctx))

    def list_commands(self, ctx: Any) -> list[str]:
        lazy = [name for names in COMMAND_MODULES.values() for name in names]
        return lazy + [name for name in self.commands if name not in lazy]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            module = _module_of(cmd_name)
            if module is not None:
                self._load(ctx, module)
        return self.commands.get(cmd_name)

    def _load(self, ctx: Any, module_name: str) -> None:
        """Import one command module and add the click commands its ``register`` builds."""
        module = importlib.import_module(module_name)
        holder = typer.Typer()
        module.register(holder)
        for name, command in get_group(holder).commands.items():
            _plain_group_help(ctx, command)
            self.commands.setdefault(name, command)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"corridor {version('corridor')}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="corridor",
        help="Sanctions lists, screening, operator blacklist, route measures, flows, evidence.",
        cls=LazyGroup,
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
        version: bool = typer.Option(
            False,
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show the installed version and exit.",
        ),
    ) -> None:
        overrides: dict[str, object] = {}
        if home is not None:
            overrides["home"] = home
        if db_url is not None:
            overrides["db_url"] = db_url
        # settings are read when a command first asks for them (not for --help)
        ctx.obj = AppContext(overrides=overrides, verbose=verbose)

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
