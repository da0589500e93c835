"""The public API is what ``__all__`` says, and every name in it exists."""

from __future__ import annotations

import corridor
import corridor.model


def test_all_names_exist() -> None:
    for module in (corridor, corridor.model):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name} missing"


def test_model_exports_are_public_types() -> None:
    public = {n for n in dir(corridor.model) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(corridor.model.__all__)
