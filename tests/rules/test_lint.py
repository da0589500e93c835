from __future__ import annotations

from datetime import date

from corridor.rules.lint import lint_measures, lint_rules
from corridor.rules.spec import Effect, Rule, load_measures


def make_rule(rule_id: str, **fields: object) -> Rule:
    base: dict[str, object] = {
        "id": rule_id,
        "measure_id": rule_id.split(".")[0],
        "effect": Effect.DENY_BOARDING,
        "effective_from": date(2021, 11, 12),
        "explanation": "test",
    }
    base.update(fields)
    return Rule.model_validate(base)


def test_bundled_rules_overlap_and_contradict_but_all_can_fire() -> None:
    findings = lint_measures(load_measures())
    kinds = {(f.kind, f.rules) for f in findings}
    assert not [f for f in findings if f.kind == "never-fires"]
    # Turkish Airlines exempts diplomats and BY residents; the Turkish authority does not.
    assert ("contradiction", ("M06.boarding.a", "M07.boarding")) in kinds
    # Belavia from Istanbul repeats the Turkish authority's ban.
    assert ("overlap", ("M07.boarding", "M09.boarding")) in kinds


def test_never_fires_unknown_place_and_same_airport() -> None:
    rules = [
        make_rule("X1.a", origins=["country:XX"]),
        make_rule("X2.a", origins=["MSQ"], destinations=["MSQ"]),
        make_rule("X3.a", nationalities=["BY"], nationality_match="all", exemptions=["citizen:BY"]),
    ]
    findings = lint_rules(rules)
    assert {f.rules[0] for f in findings if f.kind == "never-fires"} == {"X1.a", "X2.a", "X3.a"}


def test_disjoint_periods_do_not_overlap() -> None:
    a = make_rule("A.a", effective_until=date(2021, 11, 13))
    b = make_rule("B.a", effective_from=date(2021, 11, 14))
    assert lint_rules([a, b]) == []
