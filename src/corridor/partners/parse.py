"""Reading the reviewed register files, and checking the references between their rows.

Parsing takes text, not paths (the service reads the files), and reports every problem at once
with its file, line and field; nothing is half-read: a file with one bad row gives no rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from corridor.exc import ErrorDetail, InvalidData
from corridor.partners.model import (
    Commitment,
    Engagement,
    HumanitarianRecord,
    Partner,
    PartnerKind,
    is_country,
)
from corridor.partners.register import Register

M = TypeVar("M", bound=BaseModel)

FILES: dict[str, type[BaseModel]] = {
    "partners.csv": Partner,
    "engagements.csv": Engagement,
    "commitments.csv": Commitment,
    "humanitarian.csv": HumanitarianRecord,
}


def _details(exc: ValidationError, file: str, line: int) -> list[ErrorDetail]:
    found = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]) or None
        message = str(error["msg"]).removeprefix("Value error, ")
        found.append(ErrorDetail(message=message, file=file, line=line, field=field))
    return found


def parse_rows(text: str, model: type[M], *, file: str) -> list[tuple[int, M]]:
    """``(line, row)`` for every data line of a CSV ``text``; raises with every bad field."""
    reader = csv.DictReader(io.StringIO(text))
    fields = set(model.model_fields)
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in fields]
    if unknown:
        raise InvalidData.at(
            f"unknown column(s) {', '.join(unknown)} (expected some of: {', '.join(sorted(fields))})",
            file=file,
            line=1,
            field=unknown[0],
        )
    rows: list[tuple[int, M]] = []
    errors: list[ErrorDetail] = []
    for raw in reader:
        line = reader.line_num
        if None in raw:
            errors.append(ErrorDetail("more cells than columns", file, line, None))
            continue
        data = {k: v for k, v in raw.items() if v is not None and v != ""}
        try:
            rows.append((line, model.model_validate(data)))
        except ValidationError as exc:
            errors.extend(_details(exc, file, line))
    if errors:
        raise InvalidData("", errors)
    seen: dict[str, int] = {}
    for line, row in rows:
        key = str(getattr(row, "id", ""))
        if key in seen:
            errors.append(
                ErrorDetail(f"duplicate id {key!r} (first on line {seen[key]})", file, line, "id")
            )
        seen.setdefault(key, line)
    if errors:
        raise InvalidData("", errors)
    return rows


def _missing(
    values: Iterable[str], known: set[str], what: str, file: str, line: int, field: str
) -> list[ErrorDetail]:
    out = []
    for value in values:
        if value not in known:
            hint = " (unknown country)" if len(value) == 2 and not is_country(value) else ""
            out.append(ErrorDetail(f"unknown {what} {value!r}{hint}", file, line, field))
    return out


def check_references(
    partners: Sequence[tuple[int, Partner]],
    engagements: Sequence[tuple[int, Engagement]],
    commitments: Sequence[tuple[int, Commitment]],
    humanitarian: Sequence[tuple[int, HumanitarianRecord]],
    *,
    measures: set[str] | None = None,
    files: dict[str, str] | None = None,
) -> list[ErrorDetail]:
    """Every partner, engagement, measure and disagreeing row a row names must exist."""
    names = files or {name: name for name in FILES}
    partner_ids = {p.id for _, p in partners}
    engagement_ids = {e.id for _, e in engagements}
    commitment_ids = {c.id for _, c in commitments}
    record_ids = {h.id for _, h in humanitarian}
    errors: list[ErrorDetail] = []
    for line, partner in partners:
        if partner.kind is PartnerKind.GROUP:
            errors += _missing(
                partner.members, partner_ids, "member", names["partners.csv"], line, "members"
            )
    for line, engagement in engagements:
        file = names["engagements.csv"]
        errors += _missing(engagement.partners, partner_ids, "partner", file, line, "partners")
        errors += _missing(
            engagement.disagrees_with, engagement_ids, "engagement", file, line, "disagrees_with"
        )
    for line, commitment in commitments:
        file = names["commitments.csv"]
        errors += _missing([commitment.partner], partner_ids, "partner", file, line, "partner")
        errors += _missing(
            commitment.engagements, engagement_ids, "engagement", file, line, "engagements"
        )
        errors += _missing(
            commitment.disagrees_with, commitment_ids, "commitment", file, line, "disagrees_with"
        )
        if measures is not None:
            errors += _missing(
                commitment.measures, measures, "route measure", file, line, "measures"
            )
    for line, record in humanitarian:
        file = names["humanitarian.csv"]
        errors += _missing(
            record.disagrees_with, record_ids, "record", file, line, "disagrees_with"
        )
    return errors


def parse_register(
    texts: dict[str, str], *, measures: set[str] | None = None, where: str = ""
) -> Register:
    """The register from the text of its four files (``partners.csv`` ... ``humanitarian.csv``).

    ``where`` prefixes file names in messages (the folder they were read from).
    """
    missing = [name for name in FILES if name not in texts]
    if missing:
        raise InvalidData.at(f"missing file(s): {', '.join(missing)}", file=where or None)
    files = {name: f"{where.rstrip('/')}/{name}" if where else name for name in FILES}
    errors: list[ErrorDetail] = []
    parsed: dict[str, list[tuple[int, BaseModel]]] = {}
    for name, model in FILES.items():
        try:
            parsed[name] = list(parse_rows(texts[name], model, file=files[name]))
        except InvalidData as exc:
            errors.extend(exc.errors)
            parsed[name] = []
    if errors:
        raise InvalidData("", errors)
    partners = [(n, r) for n, r in parsed["partners.csv"] if isinstance(r, Partner)]
    engagements = [(n, r) for n, r in parsed["engagements.csv"] if isinstance(r, Engagement)]
    commitments = [(n, r) for n, r in parsed["commitments.csv"] if isinstance(r, Commitment)]
    records = [(n, r) for n, r in parsed["humanitarian.csv"] if isinstance(r, HumanitarianRecord)]
    errors = check_references(
        partners, engagements, commitments, records, measures=measures, files=files
    )
    if errors:
        raise InvalidData("", errors)
    return Register(
        partners=tuple(r for _, r in partners),
        engagements=tuple(r for _, r in engagements),
        commitments=tuple(r for _, r in commitments),
        humanitarian=tuple(r for _, r in records),
    )
