"""A commitment's lifecycle: announced → in effect → lapsed or reversed.

A commitment may also lapse or be reversed before it ever took effect (a pledge nobody
implemented, or withdrawn). Nothing comes back from lapsed or reversed: a commitment renewed
later is a new commitment. Each move has a date that cannot precede the previous one.

>>> from datetime import date
>>> can_move(CommitmentStatus.ANNOUNCED, CommitmentStatus.IN_EFFECT)
True
>>> can_move(CommitmentStatus.REVERSED, CommitmentStatus.IN_EFFECT)
False
"""

from __future__ import annotations

from datetime import date

from corridor.exc import ProcedureError
from corridor.partners.model import Commitment, CommitmentStatus

MOVES: dict[CommitmentStatus, tuple[CommitmentStatus, ...]] = {
    CommitmentStatus.ANNOUNCED: (
        CommitmentStatus.IN_EFFECT,
        CommitmentStatus.LAPSED,
        CommitmentStatus.REVERSED,
    ),
    CommitmentStatus.IN_EFFECT: (CommitmentStatus.LAPSED, CommitmentStatus.REVERSED),
    CommitmentStatus.LAPSED: (),
    CommitmentStatus.REVERSED: (),
}


def can_move(current: CommitmentStatus, target: CommitmentStatus) -> bool:
    return target in MOVES[current]


def move(commitment: Commitment, target: CommitmentStatus, on: date, basis: str) -> Commitment:
    """The commitment after moving to ``target`` on ``on``, for the reason ``basis``.

    Raises :class:`~corridor.exc.ProcedureError` for a move the lifecycle forbids or a date
    before the commitment's last milestone.
    """
    if not can_move(commitment.status, target):
        allowed = ", ".join(s.value for s in MOVES[commitment.status]) or "nothing"
        raise ProcedureError(
            f"commitment {commitment.id} is {commitment.status.value}: it can move to {allowed}, "
            f"not {target.value}"
        )
    if not basis.strip():
        raise ProcedureError(f"say why commitment {commitment.id} is now {target.value}")
    last = max(
        (d for d in (commitment.announced, commitment.in_effect_from) if d is not None),
        default=None,
    )
    if last is not None and on < last:
        raise ProcedureError(
            f"commitment {commitment.id} cannot be {target.value} on {on}, before {last}"
        )
    changes: dict[str, object] = {"status": target, "status_basis": basis.strip()}
    if target is CommitmentStatus.IN_EFFECT:
        changes["in_effect_from"] = on
    else:
        changes["ended"] = on
    return Commitment.model_validate({**commitment.model_dump(), **changes})


def status_on(commitment: Commitment, day: date) -> CommitmentStatus | None:
    """The commitment's status on ``day`` from its dates; None before it was announced."""
    if commitment.ended is not None and day >= commitment.ended:
        return commitment.status
    if commitment.in_effect_from is not None and day >= commitment.in_effect_from:
        return CommitmentStatus.IN_EFFECT
    first = commitment.first_date
    if first is not None and day >= first:
        return CommitmentStatus.ANNOUNCED
    return None
