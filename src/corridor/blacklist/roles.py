"""Roles, users and API tokens (hashed at rest with the installation secret).

>>> token_hash("abc", "k") == token_hash("abc", "k")
True
>>> Role.ANALYST in ACTION_ROLES["open"]
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from corridor.exc import Forbidden


class Role(StrEnum):
    ANALYST = "analyst"
    DECISION_MAKER = "decision_maker"
    COMMITTEE_MEMBER = "committee_member"
    AUDITOR = "auditor"
    READ_ONLY = "read_only"


WRITERS = frozenset({Role.ANALYST, Role.DECISION_MAKER, Role.COMMITTEE_MEMBER})

# Who may do the writes that are not case transitions (those are in procedure.yml).
ACTION_ROLES: dict[str, frozenset[Role]] = {
    "open": frozenset({Role.ANALYST}),
    "add_evidence": frozenset({Role.ANALYST}),
    "add_operator": frozenset({Role.ANALYST}),
    "review_link": frozenset({Role.ANALYST}),
    "publish": frozenset({Role.DECISION_MAKER}),
    "read_audit": frozenset({Role.AUDITOR, Role.DECISION_MAKER}),
    # case files and stored evidence name analysts, sources and suspects: any known user
    "read_cases": frozenset(Role),
    "read_evidence": frozenset(Role),
    # evidence writes over the API: ingest, review and promotion of claims
    "ingest_evidence": frozenset({Role.ANALYST}),
    "review_claim": frozenset({Role.ANALYST}),
    "promote_claim": frozenset({Role.ANALYST}),
    # decisions on screening hits: one analyst decides, a second person confirms (four eyes)
    "decide_hit": frozenset({Role.ANALYST}),
    "confirm_hit": frozenset({Role.ANALYST, Role.DECISION_MAKER}),
    # watchlists re-screened when the lists change: analysts keep and run them, any role reads
    "manage_watchlist": frozenset({Role.ANALYST}),
    "read_watchlist": frozenset(Role),
}


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: Role

    def require(self, allowed: frozenset[Role], what: str) -> None:
        """Raise :class:`Forbidden` unless this user's role is in ``allowed``."""
        if self.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise Forbidden(f"{self.name} ({self.role.value}) may not {what}; needs: {names}")


def new_token() -> str:
    """A fresh random API token (shown once, stored only as its hash)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str, secret: str) -> str:
    """HMAC-SHA256 of ``token`` keyed with the installation secret."""
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()
