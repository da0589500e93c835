"""``rules lint``: rules that overlap, contradict each other, or can never fire.

- *overlap*: two rules of different measures can fire on the same passenger-segment (same
  period, places, carriers and nationalities intersect). Expected between an authority's measure
  and the carrier applying it; listed so a reviewer sees the redundancy.
- *contradiction*: overlapping rules where one exempts a passenger the other still denies (a
  diplomat exempt under one measure but refused under another).
- *never-fires*: a place that names no known airport, a rule whose origin and destination are the
  same single airport, or exemptions that cover every passenger it targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from corridor.rules.compile import expand_places
from corridor.rules.spec import Measure, Rule, select_rules


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    rules: tuple[str, ...]
    detail: str

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "rules": list(self.rules), "detail": self.detail}


def _places(places: Sequence[str]) -> frozenset[str] | None:
    return frozenset(expand_places(places)) if places else None


def _carriers(rule: Rule) -> frozenset[str] | None:
    codes = {*rule.operating_carriers, *rule.marketing_carriers, *rule.carriers}
    return frozenset(codes) if codes else None


def _nationalities(rule: Rule) -> frozenset[str] | None:
    return frozenset(rule.nationalities) if rule.nationalities else None


def _meets(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or bool(a & b)


def is_overlap(a: Rule, b: Rule) -> bool:
    """Whether some passenger-segment could make both rules fire."""
    if not a.in_force.overlaps(b.in_force):
        return False
    return (
        _meets(_places(a.origins), _places(b.origins))
        and _meets(_places(a.destinations), _places(b.destinations))
        and _meets(_carriers(a), _carriers(b))
        and _meets(_nationalities(a), _nationalities(b))
    )


def never_fires(rule: Rule) -> str | None:
    """Why ``rule`` can never fire, or None."""
    for name, places in (("origins", rule.origins), ("destinations", rule.destinations)):
        if places and not expand_places(places):
            return f"{name} {list(places)} name no known airport"
    origins, destinations = _places(rule.origins), _places(rule.destinations)
    if origins is not None and destinations is not None and len(origins | destinations) == 1:
        return "origin and destination are the same single airport"
    citizens = {e.partition(":")[2] for e in rule.exemptions if e.startswith("citizen:")}
    if (
        rule.nationalities
        and rule.nationality_match == "all"
        and set(rule.nationalities) <= citizens
    ):
        return "every targeted nationality is exempt as a citizen"
    return None


def lint_rules(rules: Sequence[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        reason = never_fires(rule)
        if reason is not None:
            findings.append(Finding("never-fires", (rule.id,), reason))
    for a, b in combinations(rules, 2):
        if a.measure_id == b.measure_id or not is_overlap(a, b):
            continue
        if a.effect is b.effect and set(a.exemptions) != set(b.exemptions):
            only = sorted(set(a.exemptions) ^ set(b.exemptions))
            findings.append(
                Finding(
                    "contradiction",
                    (a.id, b.id),
                    f"exempt under one, {a.effect.value} under the other: {', '.join(only)}",
                )
            )
        elif a.effect is b.effect:
            findings.append(Finding("overlap", (a.id, b.id), f"both {a.effect.value}"))
    return findings


def lint_measures(measures: Sequence[Measure]) -> list[Finding]:
    """Lint every variant of every measure (variants of one measure are not compared)."""
    rules: list[Rule] = []
    for measure in measures:
        if measure.variants:
            for variant in measure.variants:
                rules.extend(measure.to_rules(variant))
        else:
            rules.extend(select_rules([measure]))
    return lint_rules(rules)
