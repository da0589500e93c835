"""Synthetic 2021 bookings into Minsk, vectorised (numpy + Arrow), written as Parquet rows.

The route mix follows the reported flights into Minsk from July to 10 November 2021: over 625
flights from Turkey, the UAE, Lebanon, Syria and Iraq, more than half of them from Istanbul and
159 from Dubai (see ``ROUTES``; weights are flights). A few routes touch the EU and the UK so the
carrier bans fire, and a Tashkent connection exercises the Uzbek transit ban. Departures run from
July to mid-December 2021 so that both sides of every November measure are present.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corridor.bookings.model import airport_countries


@dataclass(frozen=True)
class Route:
    airports: tuple[str, ...]
    operating: str
    marketing: str
    flights: int


ROUTES: tuple[Route, ...] = (
    Route(("IST", "MSQ"), "TK", "TK", 200),
    Route(("IST", "MSQ"), "B2", "B2", 150),
    Route(("IST", "MSQ"), "B2", "TK", 10),
    Route(("SAW", "MSQ"), "PC", "PC", 10),
    Route(("DXB", "MSQ"), "B2", "B2", 80),
    Route(("DXB", "MSQ"), "FZ", "FZ", 79),
    Route(("BEY", "MSQ"), "B2", "B2", 45),
    Route(("DAM", "MSQ"), "6Q", "6Q", 55),
    Route(("BGW", "MSQ"), "IA", "IA", 20),
    Route(("EBL", "MSQ"), "IF", "IF", 15),
    Route(("IST", "TAS", "MSQ"), "HY", "HY", 15),
    Route(("TAS", "MSQ"), "B2", "B2", 10),
    Route(("FRA", "MSQ"), "B2", "B2", 5),
    Route(("MSQ", "VNO"), "B2", "B2", 5),
    Route(("MSQ", "LHR"), "B2", "B2", 3),
)

NATIONALITIES: tuple[tuple[str, float], ...] = (
    ("IQ", 0.34),
    ("SY", 0.22),
    ("YE", 0.05),
    ("AF", 0.05),
    ("LB", 0.05),
    ("LY", 0.02),
    ("TR", 0.06),
    ("AE", 0.02),
    ("BY", 0.12),
    ("RU", 0.05),
    ("DE", 0.02),
)
DOCUMENTS: tuple[tuple[str, float], ...] = (
    ("passport", 0.97),
    ("diplomatic", 0.01),
    ("service", 0.01),
    ("travel_document", 0.01),
)
START = datetime(2021, 7, 1, tzinfo=UTC)
END = datetime(2021, 12, 15, tzinfo=UTC)
CHUNK = 1_000_000


def _dict(indices: np.ndarray, labels: list[str]) -> pa.DictionaryArray:
    """A dictionary-encoded string column: cheap to build, compact in Parquet."""
    return pa.DictionaryArray.from_arrays(pa.array(indices, pa.int32()), pa.array(labels))


def _choose(rng: np.random.Generator, table: tuple[tuple[str, float], ...], n: int) -> np.ndarray:
    weights = np.array([w for _, w in table])
    return rng.choice(len(table), size=n, p=weights / weights.sum())


def synth_table(n: int, *, seed: int = 2021, first_id: int = 0) -> pa.Table:
    """``n`` bookings as passenger-segment rows (1-2 passengers, 1-2 segments each)."""
    rng = np.random.default_rng(seed)
    weights = np.array([r.flights for r in ROUTES], dtype=float)
    route = rng.choice(len(ROUTES), size=n, p=weights / weights.sum())
    passengers = np.where(rng.random(n) < 0.25, 2, 1)
    seg_count = np.array([len(r.airports) - 1 for r in ROUTES])[route]
    span = int((END - START).total_seconds())
    departure = np.datetime64(START.replace(tzinfo=None), "s") + rng.integers(0, span, n).astype(
        "timedelta64[s]"
    )
    sale = departure - rng.integers(3600, 60 * 86400, n).astype("timedelta64[s]")
    one_way = rng.random(n) < 0.4

    # bookings x passengers
    pax_booking = np.repeat(np.arange(n), passengers)
    pax_no = np.arange(len(pax_booking)) - np.repeat(np.cumsum(passengers) - passengers, passengers)
    m = len(pax_booking)
    labels = [label for label, _ in NATIONALITIES]
    k = len(labels)
    nat_labels = labels + [f"{a};{b}" for a in labels for b in labels]
    nat1 = _choose(rng, NATIONALITIES, m)
    nat2 = _choose(rng, NATIONALITIES, m)
    second = (rng.random(m) < 0.03) & (nat1 != nat2)
    nat_index = np.where(second, k + nat1 * k + nat2, nat1)
    documents = _choose(rng, DOCUMENTS, m)
    residence = rng.random(m) < 0.05
    visas = rng.random(m) < 0.6

    # passengers x segments
    per_pax_segments = seg_count[pax_booking]
    row_pax = np.repeat(np.arange(m), per_pax_segments)
    seg_no = np.arange(len(row_pax)) - np.repeat(
        np.cumsum(per_pax_segments) - per_pax_segments, per_pax_segments
    )
    row_booking = pax_booking[row_pax]
    row_route = route[row_booking]

    legs = [(ri, si) for ri, r in enumerate(ROUTES) for si in range(len(r.airports) - 1)]
    leg_index = {leg: i for i, leg in enumerate(legs)}
    leg_of = np.zeros((len(ROUTES), 2), dtype=np.int64)
    for (ri, si), i in leg_index.items():
        leg_of[ri, si] = i
    row_leg = leg_of[row_route, seg_no]
    countries = airport_countries()
    ids = pc.cast(pa.array(row_booking + first_id), pa.string())
    return pa.table(
        {
            "booking_id": ids,
            "passenger_id": _dict(pax_no[row_pax], ["P1", "P2"]),
            "segment_no": pa.array(seg_no + 1, pa.int32()),
            "sale_time": pa.array(sale[row_booking], pa.timestamp("s", tz="UTC")),
            "ticket_type": _dict(one_way[row_booking].astype(np.int32), ["return", "one_way"]),
            "point_of_sale": _dict(row_route, [countries[r.airports[0]] for r in ROUTES]),
            "operating_carrier": _dict(row_leg, [ROUTES[ri].operating for ri, _ in legs]),
            "marketing_carrier": _dict(row_leg, [ROUTES[ri].marketing for ri, _ in legs]),
            "flight_number": _dict(
                row_leg, [f"{ROUTES[ri].operating}{700 + ri * 10 + si}" for ri, si in legs]
            ),
            "origin": _dict(row_leg, [ROUTES[ri].airports[si] for ri, si in legs]),
            "destination": _dict(row_leg, [ROUTES[ri].airports[si + 1] for ri, si in legs]),
            "departure": pa.array(
                departure[row_booking] + (seg_no * 4 * 3600).astype("timedelta64[s]"),
                pa.timestamp("s", tz="UTC"),
            ),
            "is_connection": pa.array(seg_no > 0),
            "nationalities": _dict(nat_index[row_pax], nat_labels),
            "document_type": _dict(documents[row_pax], [d for d, _ in DOCUMENTS]),
            "residence_permits": _dict(residence[row_pax].astype(np.int32), ["", "BY"]),
            "visas": _dict(visas[row_pax].astype(np.int32), ["", "BY"]),
        }
    )


def write_synthetic(output: Path, n: int, *, seed: int = 2021) -> dict[str, object]:
    """Write ``n`` synthetic bookings as Parquet rows, in chunks; returns counts."""
    rows = 0
    writer: pq.ParquetWriter | None = None
    try:
        for index, start in enumerate(range(0, n, CHUNK)):
            size = min(CHUNK, n - start)
            table = synth_table(size, seed=seed + index, first_id=start)
            if writer is None:
                writer = pq.ParquetWriter(output, table.schema)
            writer.write_table(table)
            rows += table.num_rows
    finally:
        if writer is not None:
            writer.close()
    return {"output": str(output), "bookings": n, "rows": rows, "seed": seed}
