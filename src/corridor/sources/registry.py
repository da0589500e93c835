"""The registry of official list sources, read from ``sources.yml`` (reviewed data).

>>> registry = load_registry()
>>> registry.lookup("ofac_sdn").jurisdiction.value
'US'
>>> registry.get("nope") is None
True
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from corridor.exc import InvalidData, SourceError
from corridor.model.listing import Jurisdiction
from corridor.model.provenance import SAMPLE_NOTE, is_sample_path
from corridor.sources.context import ParseFunc

REGISTRY_FILE = "sources.yml"
DATASET = re.compile(r"^[a-z0-9][a-z0-9_]*$")
__all__ = [
    "SAMPLE_NOTE",
    "Registry",
    "SourceSpec",
    "dataset_of",
    "dataset_slug",
    "is_sample_path",
    "load_registry",
]


class SourceSpec(BaseModel):
    """One official list: where it is published, in what format, under which licence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    publisher: str
    jurisdiction: Jurisdiction
    format: str
    licence: str
    urls: list[str] = Field(min_length=1)
    other_urls: list[str] = Field(default_factory=list)
    token_required: bool = False
    notes: str | None = None
    parser: str
    bundled: str | None = None
    # a format of named datasets (FtM): each dataset is its own source ``<name>_<dataset>``
    datasets: bool = False

    @field_validator("urls", "other_urls")
    @classmethod
    def _https_only(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith("https://"):
                raise ValueError(f"official URLs must be https: {url}")
        return urls

    def load_parser(self) -> ParseFunc:
        """The ``parse`` function of this source's parser module."""
        try:
            module = importlib.import_module(self.parser)
        except ModuleNotFoundError as exc:
            if exc.name != self.parser:
                raise
            raise SourceError(f"no parser for {self.name} yet ({self.parser})") from exc
        parse: ParseFunc = module.parse
        return parse


class Registry:
    """The sources by name: ``get`` returns None when unknown, ``lookup`` raises."""

    def __init__(self, specs: list[SourceSpec]) -> None:
        self._specs = {spec.name: spec for spec in specs}

    def __iter__(self) -> Iterator[SourceSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    @property
    def names(self) -> list[str]:
        return list(self._specs)

    def get(self, name: str) -> SourceSpec | None:
        """The source called ``name``; a dataset source (``ftm_zala``) is its format's spec
        renamed to it."""
        spec = self._specs.get(name)
        if spec is not None:
            return spec
        for base in self._specs.values():
            prefix = f"{base.name}_"
            if base.datasets and name.startswith(prefix) and DATASET.match(name[len(prefix) :]):
                return base.model_copy(update={"name": name, "bundled": None})
        return None

    def lookup(self, name: str) -> SourceSpec:
        spec = self.get(name)
        if spec is None:
            known = ", ".join(self._specs)
            raise InvalidData.at(f"unknown source {name!r} (known: {known})", field="source")
        return spec

    def dataset_source(self, name: str, dataset: str) -> SourceSpec:
        """The source of one dataset of a format of datasets: ``ftm`` + ``zala`` -> ``ftm_zala``."""
        spec = self.lookup(name)
        if not spec.datasets:
            raise InvalidData.at(f"{name} has no named datasets", field="dataset")
        slug = dataset_slug(dataset)
        if not slug:
            raise InvalidData.at(f"not a dataset name: {dataset!r}", field="dataset")
        return self.lookup(f"{spec.name}_{slug}")


def dataset_slug(text: str) -> str:
    """A dataset name as yente spells them: lower case, ``[a-z0-9_]``.

    >>> dataset_slug("yente-t1")
    'yente_t1'
    """
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def dataset_of(path: str) -> str:
    """The dataset a file (or URL) names: the folder of an ``entities.ftm.json`` (the
    OpenSanctions layout ``.../datasets/latest/<dataset>/entities.ftm.json``), else the file
    name without its suffixes.

    >>> dataset_of("data/lists/ftm/yente-zala/entities.ftm.json")
    'yente_zala'
    >>> dataset_of("/tmp/belarus.ftm.json")
    'belarus'
    """
    parts = [p for p in re.split(r"[\\/]", path) if p]
    name = parts[-1] if parts else ""
    stem = name.split(".", 1)[0]
    if stem == "entities" and len(parts) > 1:
        stem = parts[-2]
    return dataset_slug(stem)


def parse_registry(data: Any, *, file: str = REGISTRY_FILE) -> Registry:
    """Validate the parsed YAML; errors name the source key and field."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise InvalidData.at("expected a mapping 'sources:'", file=file, field="sources")
    specs = []
    for name, body in data["sources"].items():
        if not isinstance(body, dict):
            raise InvalidData.at("expected a mapping", file=file, field=f"sources.{name}")
        try:
            specs.append(SourceSpec(name=str(name), **body))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InvalidData.at(first["msg"], file=file, field=f"sources.{name}.{where}") from exc
    return Registry(specs)


def load_registry(path: Path | None = None) -> Registry:
    """The registry bundled with corridor, or one read from ``path``."""
    if path is None:
        text = resources.files("corridor.sources").joinpath(REGISTRY_FILE).read_text("utf-8")
        file = REGISTRY_FILE
    else:
        text = path.read_text("utf-8")
        file = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidData.at(f"not valid YAML: {exc}", file=file) from exc
    return parse_registry(data, file=file)
