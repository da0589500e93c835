"""Decisions: allow, deny or refer per passenger-segment, with every rule that fired and why."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from corridor.rules.spec import Effect, Rule

Outcome = Literal["allow", "deny", "refer"]


@dataclass(frozen=True, slots=True)
class Firing:
    """A rule that fired: which measure, its effect, the explanation and the measure's sources."""

    rule_id: str
    measure_id: str
    effect: Effect
    explanation: str
    sources: tuple[str, ...]

    @classmethod
    def from_rule(cls, rule: Rule) -> Firing:
        return cls(
            rule.id,
            rule.measure_id,
            rule.effect,
            rule.explanation,
            tuple(s.url for s in rule.sources),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule_id,
            "measure": self.measure_id,
            "effect": self.effect.value,
            "explanation": self.explanation,
            "sources": list(self.sources),
        }


def decide(effects: Iterable[Effect]) -> Outcome:
    """Deny if any deny rule fired, else refer if a refer rule fired, else allow."""
    seen = set(effects)
    if any(e.is_deny for e in seen):
        return "deny"
    if Effect.REFER in seen:
        return "refer"
    return "allow"


@dataclass(frozen=True, slots=True)
class Decision:
    """One passenger on one segment: the outcome and every rule that fired, with its sources."""

    booking_id: str
    passenger_id: str
    segment_no: int
    outcome: Outcome
    fired: tuple[Firing, ...]

    @property
    def rule_ids(self) -> list[str]:
        return [f.rule_id for f in self.fired]

    @property
    def measure_ids(self) -> list[str]:
        return sorted({f.measure_id for f in self.fired})

    def to_dict(self) -> dict[str, object]:
        return {
            "booking_id": self.booking_id,
            "passenger_id": self.passenger_id,
            "segment_no": self.segment_no,
            "decision": self.outcome,
            "fired": [f.to_dict() for f in self.fired],
        }


def make_decision(
    booking_id: str, passenger_id: str, segment_no: int, rules: Sequence[Rule]
) -> Decision:
    """The decision for a row from the rules that fired on it (deny over refer over allow)."""
    fired = tuple(Firing.from_rule(r) for r in rules)
    return Decision(booking_id, passenger_id, segment_no, decide(f.effect for f in fired), fired)
