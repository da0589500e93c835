"""Flows fixtures: the bundled real files, read once per session (the R reader is slow to load)."""

from __future__ import annotations

import pytest

from corridor.flows.figure import Figure
from corridor.flows.importers import frontex_rda
from corridor.resources import data_dir

FLOWS_DATA = data_dir("flows")


@pytest.fixture(scope="session")
def eastern_figures() -> list[Figure]:
    """Frontex detections on the Eastern Borders Route, every nationality and month."""
    return frontex_rda.parse(FLOWS_DATA / "frontex.rda", routes={"Eastern Borders Route"})
