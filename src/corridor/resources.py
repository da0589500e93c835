"""Bundled data, read from the installed package through :mod:`importlib.resources`.

Nothing in corridor reads the current folder or the source checkout: the rules, the operator
register seed, the flows figures, the evaluation cases and the list excerpts ship inside the
package under ``corridor/data/`` (each folder with a ``SOURCES.md``), and are found here.

>>> (data_dir("rules") / "SOURCES.md").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from corridor.exc import ConfigError

PACKAGE = "corridor"


def data_dir(*parts: str) -> Path:
    """The bundled data folder (or file) ``corridor/data/<parts>`` as a filesystem path.

    corridor is installed unpacked (a wheel, an editable install or a checkout), so package
    resources are real files; a zipped install is refused with a clear message.
    """
    resource = files(PACKAGE).joinpath("data", *parts)
    if not isinstance(resource, Path):
        raise ConfigError(f"corridor's bundled data is not on the filesystem ({resource!r})")
    return resource


def load_yaml(text: str) -> Any:
    """Parse YAML safely, with libyaml's C loader when PyYAML was built with it (about ten times
    faster than the pure-Python loader, which dominated the start of ``corridor screen``)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)
