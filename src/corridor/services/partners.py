"""Partners use cases: load the reviewed register, read it, show a partner, promote evidence.

- :func:`load_register` reads the four reviewed CSV files (the bundled ones by default), checks
  every row and every reference (partners, engagements, route measures of ``corridor.rules``)
  and replaces the stored reviewed rows in one transaction: bad input names the file, line and
  field and writes nothing.
- :func:`get_register` is the stored register (the bundled one is loaded into an empty store).
- :func:`partner_card` gathers what an analyst opens for one partner: engagements, commitments
  with their measures and outcome indicators, humanitarian records, carriers and the blacklist
  operators registered in the country.
- :func:`promote_claim` turns an accepted evidence claim about a meeting, commitment, agreement
  or statement into an engagement, as :mod:`corridor.services.promote` does for figures.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from corridor.exc import InvalidData, NotFound
from corridor.model.time import utcnow
from corridor.partners.charts import timeline_chart
from corridor.partners.model import Commitment, CommitmentStatus, Engagement
from corridor.partners.parse import FILES, parse_register
from corridor.partners.register import Register
from corridor.resources import data_dir
from corridor.rules.spec import Measure, load_measures
from corridor.services.blacklist import list_operators
from corridor.store import partners as store
from corridor.store.db import transaction


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load wrote, from which folder, with the files' combined sha256."""

    source: str
    sha256: str
    counts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "sha256": self.sha256, "counts": dict(self.counts)}


def bundled_dir() -> Path:
    """The bundled register (``corridor/data/partners``)."""
    return data_dir("partners")


def route_measures() -> dict[str, Measure]:
    """The route measures of ``corridor.rules`` by id (M01–M17 and later ones)."""
    return {m.id: m for m in load_measures()}


def read_files(folder: Path) -> dict[str, str]:
    """The text of the register's files in ``folder``; a missing file is named."""
    texts: dict[str, str] = {}
    for name in FILES:
        path = folder / name
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InvalidData.at("file missing", file=str(path)) from None
        except UnicodeDecodeError as exc:
            raise InvalidData.at(f"not UTF-8 text: {exc}", file=str(path)) from None
    return texts


def _digest(texts: dict[str, str]) -> str:
    sha = hashlib.sha256()
    for name in sorted(texts):
        sha.update(name.encode())
        sha.update(texts[name].encode("utf-8"))
    return sha.hexdigest()


def load_register(engine: Engine, folder: Path | None = None) -> LoadReport:
    """Replace the stored reviewed register with the files in ``folder`` (default: bundled).

    Everything is parsed and checked before anything is written; engagements promoted from
    evidence stay and must still name known partners.
    """
    where = folder if folder is not None else bundled_dir()
    texts = read_files(where)
    register = parse_register(texts, measures=set(route_measures()), where=str(where))
    digest = _digest(texts)
    with transaction(engine) as conn:
        counts = store.replace_reviewed(
            conn, register, source=str(where), sha256=digest, at=utcnow()
        )
    return LoadReport(str(where), digest, counts)


def get_register(engine: Engine, *, load_bundled: bool = True) -> Register:
    """The stored register; an empty store gets the bundled register first (``load_bundled``)."""
    with engine.connect() as conn:
        if store.has_data(conn):
            return store.read_register(conn)
    if not load_bundled:
        return Register()
    load_register(engine)
    with engine.connect() as conn:
        return store.read_register(conn)


def list_partners(engine: Engine, *, role: str | None = None) -> list[dict[str, Any]]:
    """Every partner with the number of its engagements and commitments."""
    register = get_register(engine)
    rows = []
    for partner in register.partners:
        if role is not None and role not in partner.roles:
            continue
        rows.append(
            {
                **partner.model_dump(mode="json"),
                "engagements": len(register.engagements_of(partner.id)),
                "commitments": len(register.commitments_of(partner.id)),
            }
        )
    return rows


def commitment_row(commitment: Commitment, measures: dict[str, Measure]) -> dict[str, Any]:
    """A commitment as JSON-ready data, with the titles of the measures implementing it."""
    row = commitment.model_dump(mode="json")
    row["source"] = commitment.source.label
    row["measure_titles"] = {
        m: measures[m].title if m in measures else "(not in the rules)" for m in commitment.measures
    }
    return row


def list_commitments(
    engine: Engine, *, status: list[CommitmentStatus] | None = None, partner: str | None = None
) -> list[dict[str, Any]]:
    """Commitments, optionally of one partner and in some statuses, oldest first."""
    register = get_register(engine)
    if partner is not None:
        register[partner]  # raises NotFound for an unknown partner
    measures = route_measures()
    found = register.commitments_of(partner, status=status or ())
    return [commitment_row(c, measures) for c in found]


def commitments_for_measure(engine: Engine, measure_id: str) -> list[dict[str, Any]]:
    """The commitments a route measure implements (the link read from the measure's side)."""
    measures = route_measures()
    if measure_id not in measures:
        raise NotFound(f"no route measure {measure_id!r}")
    register = get_register(engine)
    with engine.connect() as conn:
        ids = store.commitment_ids_for_measure(conn, measure_id)
    return [commitment_row(register.commitment(i), measures) for i in ids]


def quoted_words(commitment: Commitment, shared: Path | None) -> str | None:
    """The words a commitment quotes, read from ``../shared`` when it is there."""
    span = commitment.words_span
    if span is None or shared is None:
        return None
    file, start, end = span
    try:
        return (shared / file).read_text(encoding="utf-8")[start:end]
    except FileNotFoundError:
        return None


def timeline(engine: Engine, partner_id: str) -> dict[str, Any]:
    """A partner's dated events and their Vega-Lite chart."""
    register = get_register(engine)
    partner = register[partner_id]
    events = register.timeline(partner.id)
    chart = timeline_chart(events, register.commitments_of(partner.id), f"{partner.name}: timeline")
    return {
        "partner": partner.model_dump(mode="json"),
        "events": [e.to_dict() for e in events],
        "chart": chart,
    }


def partner_card(
    engine: Engine,
    partner_id: str,
    *,
    outcomes: list[dict[str, Any]] | None = None,
    shared: Path | None = None,
) -> dict[str, Any]:
    """Everything about one partner with its sources: the answer to "open Iraq"."""
    register = get_register(engine)
    partner = register[partner_id]
    measures = route_measures()
    commitments = []
    for commitment in register.commitments_of(partner.id):
        row = commitment_row(commitment, measures)
        row["words"] = quoted_words(commitment, shared)
        row["disputed_by"] = register.disagreements(commitment.id)
        commitments.append(row)
    ids = {c["id"] for c in commitments}
    operators = [
        o.to_dict()
        for o in list_operators(engine)
        if o.country is not None
        and partner.country is not None
        and o.country.upper() == partner.country
    ]
    return {
        "partner": partner.model_dump(mode="json"),
        "carriers": [c.model_dump(mode="json") for c in register.carriers_of(partner.id)],
        "engagements": [
            {
                **e.model_dump(mode="json"),
                "source": e.source.label,
                "disputed_by": register.disagreements(e.id),
            }
            for e in register.engagements_of(partner.id)
        ],
        "commitments": commitments,
        "measures": [
            {
                "id": m,
                "title": measures[m].title if m in measures else "",
                "commitments": [c.id for c in register.commitments_for_measure(m) if c.id in ids],
            }
            for m in register.measures_of(partner.id)
        ],
        "outcomes": [o for o in (outcomes or []) if o["commitment_id"] in ids],
        "humanitarian": [
            {**h.model_dump(mode="json"), "source": h.source.label}
            for h in register.humanitarian_of(partner.id)
        ],
        "operators": operators,
    }


def find_engagement(engine: Engine, engagement_id: str) -> Engagement:
    with engine.connect() as conn:
        found = store.get_engagement(conn, engagement_id)
    if found is None:
        raise NotFound(f"no engagement {engagement_id!r}")
    return found
