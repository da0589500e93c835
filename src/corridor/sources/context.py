"""The context a parser reads through: ids, provenance and errors in one place."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from corridor.exc import InvalidData
from corridor.model import Entity, Provenance
from corridor.sources.limits import MAX_CSV_FIELD, list_folder


@dataclass
class SourceContext:
    """What a parser knows about the file it reads.

    ``snapshot`` is the file's sha256 (the snapshot id); ``retrieved_at`` when it was fetched or
    loaded; ``published_at`` the list's own publication date: a parser that finds one in the file
    sets it with :meth:`set_published`.
    """

    source: str
    path: Path
    snapshot: str
    retrieved_at: datetime
    published_at: datetime | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)

    def make_id(self, record_id: str) -> str:
        """The stable entity id of a record: ``<source>-<record id>``."""
        return f"{self.source}-{record_id}"

    def provenance(self, record_id: str, span: str | None = None) -> Provenance:
        return Provenance(
            source=self.source,
            snapshot=self.snapshot,
            record_id=record_id,
            retrieved_at=self.retrieved_at,
            published_at=self.published_at,
            span=span,
            url=self.url,
        )

    def set_published(self, when: datetime) -> None:
        self.published_at = when

    def error(
        self, message: str, *, line: int | None = None, field: str | None = None
    ) -> InvalidData:
        """An error naming this file and the place in it; raise what it returns."""
        return InvalidData.at(message, file=str(self.path), line=line, field=field)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


ParseFunc = Callable[[Path, SourceContext], Iterator[Entity]]


def file_sha256(path: Path) -> str:
    """The snapshot id of a file (or of a folder of files, hashed in name order)."""
    digest = hashlib.sha256()
    paths = list_folder(path) if path.is_dir() else [path]
    for p in paths:
        if path.is_dir():
            digest.update(p.relative_to(path).as_posix().encode())
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def iter_parsed(parse: ParseFunc, context: SourceContext) -> Iterator[Entity]:
    """Run a parser; any non-corridor parsing failure becomes InvalidData naming the file.

    The CSV cell limit is set for the parse (and put back after): it is process-wide, and
    followthemoney raises it to 30 MB when imported."""
    before = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        yield from parse(context.path, context)
    except InvalidData:
        raise
    except csv.Error as exc:
        raise context.error(f"unreadable CSV in this {context.source} file: {exc}") from exc
    except RecursionError as exc:
        raise context.error("nested too deeply to read (hostile file?)") from exc
    except (ValueError, KeyError, IndexError, UnicodeDecodeError, OSError) as exc:
        raise context.error(f"cannot parse {context.source} file: {exc}") from exc
    finally:
        csv.field_size_limit(before)
