"""Rigour's territory names as a small committed table, so that one country lookup is cheap.

:func:`rigour.territories.lookup_territory` knows the common, historical and foreign spellings of
every territory, but its first call normalises some 29,000 names (about two seconds, more on a
busy machine), and every list load paid that once. ``territories.tsv`` holds the result of that
work for every name whose lookup key is ASCII (the keys a Latin-script or transliterated query
can reach), generated from the installed rigour by::

    .venv/bin/python -c "from corridor.ids.territories import main; main()"

:func:`lookup_code` answers exactly as ``lookup_territory`` does (codes and QIDs first, then
the normalised name; only territories with two-letter codes count); a key that is not ASCII
(Arabic, Chinese... names rigour keeps in their script) still asks rigour. A test regenerates
the table and fails when it differs from the committed one.

>>> lookup_code("Korea, North"), lookup_code("Myanmar (Burma)"), lookup_code("Connecticut")
('kp', 'mm', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rigour.territories import lookup_territory
from rigour.territories.util import clean_code, normalize_territory_name

TABLE = "territories.tsv"
_IDS, _NAMES = "@identifiers", "@names"


@dataclass(frozen=True, slots=True)
class TerritoryTable:
    """Identifiers (codes, QIDs) to territory codes; ASCII name keys to two-letter codes."""

    identifiers: dict[str, str]
    names: dict[str, str]

    def to_text(self, version: str) -> str:
        """One line per territory and section: the code, then its keys, tab-separated."""
        lines = [f"# generated from rigour {version} by corridor.ids.territories.main()"]
        for header, mapping in ((_IDS, self.identifiers), (_NAMES, self.names)):
            grouped: dict[str, list[str]] = {}
            for key, code in mapping.items():
                grouped.setdefault(code, []).append(key)
            lines.append(header)
            lines += ["\t".join([code, *sorted(keys)]) for code, keys in sorted(grouped.items())]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> TerritoryTable:
        sections: dict[str, dict[str, str]] = {_IDS: {}, _NAMES: {}}
        current: dict[str, str] | None = None
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            if line in sections:
                current = sections[line]
                continue
            if current is None:
                raise ValueError(f"{TABLE}: a line before any section: {line[:40]!r}")
            code, *keys = line.split("\t")
            current.update(dict.fromkeys(keys, code))
        return cls(sections[_IDS], sections[_NAMES])


def build_table() -> TerritoryTable:
    """The table from the installed rigour (slow: this is the work the table saves)."""
    # rigour's own lookup maps (private, used only here; the table test pins the result)
    from rigour.territories.lookup import _get_identifier_map, _get_territory_names

    identifiers = {key: t.code for key, t in _get_identifier_map().items()}
    names = {
        key: t.code
        for key, t in _get_territory_names().items()
        if key.isascii() and len(t.code) == 2
    }
    return TerritoryTable(identifiers, names)


@cache
def load_table() -> TerritoryTable:
    """The committed table, read once."""
    text = resources.files("corridor.ids").joinpath(TABLE).read_text("utf-8")
    return TerritoryTable.from_text(text)


def lookup_code(text: str) -> str | None:
    """The two-letter code (lower-case) rigour's ``lookup_territory`` gives ``text``, or None."""
    table = load_table()
    code = table.identifiers.get(clean_code(text))
    if code is None:
        key = normalize_territory_name(text)
        if key.isascii():
            return table.names.get(key)
        territory = lookup_territory(text)
        code = None if territory is None else territory.code
    return code if code is not None and len(code) == 2 else None


def main() -> None:
    """Write the table beside this module from the installed rigour."""
    from importlib.metadata import version

    path = Path(__file__).with_name(TABLE)
    path.write_text(build_table().to_text(version("rigour")), encoding="utf-8")
