"""Shared helpers for the partners tests: the bundled register, read as the service reads it."""

from __future__ import annotations

from importlib import resources

import pytest

from corridor.partners import Register, parse_register

MEASURES = {f"M{i:02d}" for i in range(1, 18)}


def bundled_texts() -> dict[str, str]:
    folder = resources.files("corridor").joinpath("data/partners")
    return {
        name: folder.joinpath(name).read_text(encoding="utf-8")
        for name in ("partners.csv", "engagements.csv", "commitments.csv", "humanitarian.csv")
    }


@pytest.fixture(scope="session")
def register() -> Register:
    return parse_register(bundled_texts(), measures=MEASURES)


@pytest.fixture
def texts() -> dict[str, str]:
    return bundled_texts()
