"""The partners register in memory: look-ups by partner, and the links to route measures.

A commitment names the route measures (M01–M17 and later) that implement it; the register
answers both ways: the measures of a commitment, and the commitments behind a measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from corridor.exc import NotFound
from corridor.partners.model import (
    Commitment,
    CommitmentStatus,
    Engagement,
    HumanitarianRecord,
    Partner,
    PartnerKind,
)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One dated thing on a partner's timeline."""

    date: date
    kind: str  # engagement, commitment_announced, commitment_in_effect, commitment_ended, ...
    ref: str
    title: str
    source: str
    inferred: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "ref": self.ref,
            "title": self.title,
            "source": self.source,
            "inferred": self.inferred,
        }


@dataclass(frozen=True, slots=True)
class Register:
    """Partners, engagements, commitments and humanitarian records, with their look-ups."""

    partners: tuple[Partner, ...] = ()
    engagements: tuple[Engagement, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    humanitarian: tuple[HumanitarianRecord, ...] = ()
    _by_id: dict[str, Partner] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({p.id: p for p in self.partners})

    def get(self, partner_id: str) -> Partner | None:
        """The partner with this id (``IQ``, ``air:TK``, ``iom`` in any case), or None."""
        found = self._by_id.get(partner_id)
        if found is None:
            wanted = partner_id.lower()
            found = next((p for p in self.partners if p.id.lower() == wanted), None)
        return found

    def __getitem__(self, partner_id: str) -> Partner:
        found = self.get(partner_id)
        if found is None:
            raise NotFound(f"no partner {partner_id!r} in the register")
        return found

    def related(self, partner_id: str) -> set[str]:
        """The partner, the groups it belongs to and the carriers registered in it."""
        partner = self[partner_id]
        ids = {partner.id}
        ids |= {
            p.id for p in self.partners if p.kind is PartnerKind.GROUP and partner.id in p.members
        }
        if partner.kind is PartnerKind.STATE:
            ids |= {
                p.id
                for p in self.partners
                if p.kind is PartnerKind.CARRIER and p.country == partner.id
            }
        return ids

    def carriers_of(self, partner_id: str) -> list[Partner]:
        partner = self[partner_id]
        return [
            p for p in self.partners if p.kind is PartnerKind.CARRIER and p.country == partner.id
        ]

    def engagements_of(self, partner_id: str) -> list[Engagement]:
        ids = self.related(partner_id)
        return sorted(
            (e for e in self.engagements if ids & set(e.partners)), key=lambda e: (e.date, e.id)
        )

    def commitments_of(
        self, partner_id: str | None = None, *, status: Iterable[CommitmentStatus] = ()
    ) -> list[Commitment]:
        wanted = set(status)
        ids = None if partner_id is None else self.related(partner_id)
        found = [
            c
            for c in self.commitments
            if (ids is None or c.partner in ids) and (not wanted or c.status in wanted)
        ]
        return sorted(found, key=lambda c: (c.first_date or date.max, c.id))

    def commitment(self, commitment_id: str) -> Commitment:
        found = next((c for c in self.commitments if c.id == commitment_id), None)
        if found is None:
            raise NotFound(f"no commitment {commitment_id!r} in the register")
        return found

    def measures_of(self, partner_id: str) -> list[str]:
        """The route measures implementing the partner's commitments, in order."""
        return sorted({m for c in self.commitments_of(partner_id) for m in c.measures})

    def commitments_for_measure(self, measure_id: str) -> list[Commitment]:
        """The commitments a route measure implements (the link read backwards)."""
        return [c for c in self.commitments if measure_id in c.measures]

    def measure_links(self) -> dict[str, list[str]]:
        """Every linked measure and the ids of the commitments behind it."""
        links: dict[str, list[str]] = {}
        for commitment in self.commitments:
            for measure in commitment.measures:
                links.setdefault(measure, []).append(commitment.id)
        return dict(sorted(links.items()))

    def humanitarian_of(self, partner_id: str) -> list[HumanitarianRecord]:
        """Humanitarian records in the partner's country, about its nationals, or by the organisation."""
        partner = self[partner_id]
        found = [
            h
            for h in self.humanitarian
            if h.country == partner.id
            or partner.id in h.nationalities
            or partner.id in h.organisation.split(";")
        ]
        return sorted(found, key=lambda h: (h.date, h.id))

    def disagreements(self, row_id: str) -> list[str]:
        rows: list[Engagement | Commitment | HumanitarianRecord] = [
            *self.engagements,
            *self.commitments,
            *self.humanitarian,
        ]
        return [r.id for r in rows if row_id in r.disagrees_with]

    def timeline(self, partner_id: str) -> list[TimelineEvent]:
        """Engagements, commitment milestones and humanitarian records, oldest first."""
        events: list[TimelineEvent] = []
        for e in self.engagements_of(partner_id):
            title = f"{e.kind.value}: {e.eu_actor or e.counterpart} — {e.outcome or e.asked}"
            events.append(
                TimelineEvent(e.date, "engagement", e.id, title, e.source.label, e.inferred)
            )
        for c in self.commitments_of(partner_id):
            label = c.source.label
            if c.announced is not None:
                events.append(
                    TimelineEvent(
                        c.announced, "commitment_announced", c.id, c.summary, label, c.inferred
                    )
                )
            if c.in_effect_from is not None:
                events.append(
                    TimelineEvent(
                        c.in_effect_from, "commitment_in_effect", c.id, c.summary, label, c.inferred
                    )
                )
            if c.ended is not None:
                events.append(
                    TimelineEvent(
                        c.ended,
                        f"commitment_{c.status.value}",
                        c.id,
                        c.status_basis or c.summary,
                        label,
                        c.inferred,
                    )
                )
        for h in self.humanitarian_of(partner_id):
            events.append(
                TimelineEvent(h.date, h.kind.value, h.id, h.summary, h.source.label, h.inferred)
            )
        return sorted(events, key=lambda ev: (ev.date, ev.kind, ev.ref))

    def with_engagements(self, added: Iterable[Engagement]) -> Register:
        """A copy with more engagements (promoted from evidence), replacing same ids."""
        extra = {e.id: e for e in added}
        kept = tuple(e for e in self.engagements if e.id not in extra)
        return Register(
            self.partners, kept + tuple(extra.values()), self.commitments, self.humanitarian
        )
