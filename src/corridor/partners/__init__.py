"""Partners and outreach: engagements, commitments and whether they held.

Pure domain logic (no store, settings or I/O):

- :mod:`corridor.partners.model`: the validated rows (partners, engagements, commitments,
  humanitarian records) and their vocabularies;
- :mod:`corridor.partners.parse`: the reviewed CSV files read from text, with every error placed;
- :mod:`corridor.partners.register`: look-ups, links to route measures both ways, timelines;
- :mod:`corridor.partners.lifecycle`: announced → in effect → lapsed / reversed;
- :mod:`corridor.partners.outcome`: did it hold? the outcome indicator after a commitment;
- :mod:`corridor.partners.charts`: a timeline chart per partner (Vega-Lite).
"""

from corridor.partners.lifecycle import can_move, move, status_on
from corridor.partners.model import (
    Commitment,
    CommitmentStatus,
    Engagement,
    EngagementKind,
    HumanitarianKind,
    HumanitarianRecord,
    Indicator,
    Partner,
    PartnerKind,
)
from corridor.partners.parse import parse_register
from corridor.partners.register import Register, TimelineEvent

__all__ = [
    "Commitment",
    "CommitmentStatus",
    "Engagement",
    "EngagementKind",
    "HumanitarianKind",
    "HumanitarianRecord",
    "Indicator",
    "Partner",
    "PartnerKind",
    "Register",
    "TimelineEvent",
    "can_move",
    "move",
    "parse_register",
    "status_on",
]
