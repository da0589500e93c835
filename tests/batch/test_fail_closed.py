"""The route check fails closed (#17): every malformed booking is a reject with its line and field,
the batch goes on, and a booking that cannot be decided is never counted as allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corridor.bookings.model import Booking
from corridor.exc import InvalidData
from corridor.resources import data_dir
from corridor.services.rules import check_batch

EXAMPLE = data_dir("rules") / "examples"


def good() -> dict[str, object]:
    data: dict[str, object] = json.loads((EXAMPLE / "transit-tashkent.json").read_text())
    return data


BAD = [
    ({"segments": []}, "segments", "segments is empty"),
    ({"passengers": []}, "passengers", "passengers is empty"),
    ({"segments": "IST-MSQ"}, "segments", "must be a list of objects"),
    ({"passengers": [{"nationalities": 42}]}, "passengers.0.nationalities", "not int"),
    ({"passengers": [{"nationalities": [42]}]}, "passengers.0.nationalities", "is not text"),
    ({"segments": [1]}, "segments.0", "must be an object"),
    ({"segments": [{"operating_carrier": ["HY"]}]}, "segments.0.operating_carrier", "text"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD)
def test_malformed_booking_is_refused_naming_the_field(
    change: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(InvalidData) as info:
        Booking.from_dict({**good(), **change}, file="b.json")
    detail = info.value.errors[0]
    assert detail.field == field and detail.file == "b.json"
    assert message in detail.message


def test_bad_lines_are_rejects_and_the_batch_goes_on(tmp_path: Path) -> None:
    lines = [json.dumps(good()).encode()]
    lines += [
        json.dumps({**good(), "id": f"BAD-{i}", **change}).encode()
        for i, (change, *_) in enumerate(BAD)
    ]
    lines.append(b'{"id": "LATIN1", "note": "caf\xe9"}')
    lines.append(json.dumps(good()).encode())
    source = tmp_path / "bookings.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    rejects = tmp_path / "rejects.csv"
    out = tmp_path / "out.parquet"
    report = check_batch(source, out, rejects=rejects)
    text = rejects.read_text()
    assert report.rejected == len(BAD) + 1
    assert report.rows == 2 * len(Booking.from_dict(good()).passenger_segments())
    for i, (_, field, _) in enumerate(BAD):
        assert f"line {i + 2} [{field}]" in text
    assert f"line {len(BAD) + 2}: not UTF-8 text" in text
    decided = {r["booking_id"] for r in pq.read_table(out).to_pylist()}
    assert not any(b.startswith("BAD") for b in decided)


def test_booking_without_segments_first_in_file_is_a_reject(tmp_path: Path) -> None:
    source = tmp_path / "bookings.jsonl"
    source.write_text(
        json.dumps({**good(), "id": "EMPTY", "segments": []}) + "\n" + json.dumps(good()) + "\n"
    )
    rejects = tmp_path / "rejects.csv"
    report = check_batch(source, tmp_path / "out.parquet", rejects=rejects)
    assert report.rejected == 1 and "EMPTY" in rejects.read_text()


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidData, match="no such file"):
        check_batch(tmp_path / "nope.jsonl", tmp_path / "out.parquet")
