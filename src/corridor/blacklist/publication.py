"""Published versions of the public blacklist and the diff between two of them.

A version's content is a dict ``{"number", "published_at", "entries": [...]}``; each entry is
one operator with a measure in force. It renders as CSV, JSON, FollowTheMoney JSON lines and
an HTML page.

>>> a = {"entries": [{"operator_id": "op-1", "name": "A", "measures": ["ban_transit"]}]}
>>> b = {"entries": [{"operator_id": "op-2", "name": "B", "measures": []}]}
>>> diff_versions(a, b)["added"], diff_versions(a, b)["removed"]
(['op-2'], ['op-1'])
"""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from corridor.blacklist.case import Case
from corridor.blacklist.operator import Operator

FORMATS = ("csv", "json", "ftm", "html")
CSV_FIELDS = ("operator_id", "name", "country", "case_id", "measures", "start", "end", "modes")


def make_entry(op: Operator, case: Case) -> dict[str, Any]:
    assert case.measure is not None
    m = case.measure
    return {
        "operator_id": op.id,
        "name": op.name,
        "aliases": list(op.aliases),
        "country": op.country,
        "identifiers": [f"{i.scheme.value}:{i.value}" for i in op.identifiers],
        "case_id": case.id,
        "measures": [k.value for k in m.kinds],
        "modes": [x.value for x in m.modes],
        "places": list(m.places),
        "routes": list(m.routes),
        "start": m.start.date().isoformat(),
        "end": m.end.date().isoformat(),
    }


def diff_versions(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[str]]:
    """Operators added, removed and changed from ``old`` to ``new``."""
    before = {e["operator_id"]: e for e in old.get("entries", [])}
    after = {e["operator_id"]: e for e in new.get("entries", [])}
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": sorted(k for k in set(before) & set(after) if before[k] != after[k]),
    }


DEMO_MARK = (
    "DEMO: not an official publication (made by a corridor installation that is not in production)"
)


def authority(content: dict[str, Any]) -> str:
    """Who publishes: the Commission only for an official (production) publication."""
    base = "European Commission (COM(2021) 753)"
    return base if content.get("official") else f"{base}; {DEMO_MARK}"


def render(content: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(content, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if fmt == "csv":
        return _csv(content)
    if fmt == "ftm":
        return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in to_ftm(content))
    if fmt == "html":
        return _html(content)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def _csv(content: dict[str, Any]) -> str:
    out = io.StringIO()
    fields = [*CSV_FIELDS, "authority"]
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for e in content["entries"]:
        writer.writerow(
            {
                **e,
                "measures": ";".join(e["measures"]),
                "modes": ";".join(e["modes"]),
                "authority": authority(content),
            }
        )
    return out.getvalue()


def to_ftm(content: dict[str, Any]) -> list[dict[str, Any]]:
    """FollowTheMoney entities: a ``Company`` per operator and a ``Sanction`` per measure."""
    result: list[dict[str, Any]] = []
    for e in content["entries"]:
        result.append(
            {
                "id": e["operator_id"],
                "schema": "Company",
                "properties": {
                    "name": [e["name"]],
                    "alias": e.get("aliases", []),
                    "country": [e["country"]] if e.get("country") else [],
                    "topics": ["sanction"],
                },
            }
        )
        result.append(
            {
                "id": f"{e['operator_id']}-{e['case_id']}",
                "schema": "Sanction",
                "properties": {
                    "entity": [e["operator_id"]],
                    "authority": [authority(content)],
                    "program": ["Transport operators facilitating migrant smuggling"],
                    "provisions": e["measures"],
                    "startDate": [e["start"]],
                    "endDate": [e["end"]],
                    "sourceUrl": [],
                    "summary": [f"case {e['case_id']}; version {content.get('number')}"],
                },
            }
        )
    return result


def _html(content: dict[str, Any]) -> str:
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(v))}</td>"
            for v in (
                e["name"],
                e["country"] or "",
                ", ".join(e["measures"]),
                e["start"],
                e["end"],
                e["case_id"],
            )
        )
        + "</tr>\n"
        for e in content["entries"]
    )
    number = html.escape(str(content.get("number")))
    when = html.escape(str(content.get("published_at")))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>EU transport operator blacklist, version {number}</title></head><body>\n"
        f"<h1>Transport operator blacklist, version {number}</h1>\n<p>Published {when} by "
        f"{html.escape(authority(content))}.</p>\n"
        "<table><thead><tr><th>Operator</th><th>Country</th><th>Measures</th><th>From</th>"
        "<th>Until</th><th>Case</th></tr></thead><tbody>\n"
        f"{rows}</tbody></table>\n</body></html>\n"
    )
