"""``corridor eval ...``: quality evaluations. Domain CLI modules add their commands to
:data:`eval_app` (``corridor eval screening``, ``corridor eval evidence``)."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Measure quality: precision, recall, F1.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
