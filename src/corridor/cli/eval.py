"""``corridor eval ...``: quality evaluations. Each command is written beside the commands of its
capability (``corridor eval screening`` in :mod:`corridor.cli.screen`, ``corridor eval evidence``
in :mod:`corridor.cli.evidence`) and gathered here."""

from __future__ import annotations

import typer

from corridor.cli.evidence import eval_evidence
from corridor.cli.screen import eval_screening_cmd

eval_app = typer.Typer(help="Measure quality: precision, recall, F1.", no_args_is_help=True)
eval_app.command("screening")(eval_screening_cmd)
eval_app.command("evidence")(eval_evidence)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
