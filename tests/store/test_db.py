from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, select
from sqlalchemy.exc import StatementError

from corridor.store.db import UTCDateTime, transaction


def _table() -> tuple[MetaData, Table]:
    md = MetaData()
    table = Table("t_times", md, Column("id", Integer, primary_key=True), Column("at", UTCDateTime))
    return md, table


def test_utc_round_trip_on_each_backend(engine: Engine) -> None:
    md, table = _table()
    md.create_all(engine)
    minsk = timezone(timedelta(hours=3))
    with transaction(engine) as conn:
        conn.execute(table.insert(), [{"id": 1, "at": datetime(2021, 11, 12, 10, tzinfo=minsk)}])
    with engine.connect() as conn:
        value = conn.execute(select(table.c.at)).scalar_one()
    assert value == datetime(2021, 11, 12, 7, tzinfo=UTC)
    assert value.tzinfo is not None


def test_naive_datetime_refused(engine: Engine) -> None:
    md, table = _table()
    md.create_all(engine)
    with pytest.raises(StatementError), transaction(engine) as conn:
        conn.execute(table.insert(), [{"id": 1, "at": datetime(2021, 11, 12)}])


def test_transaction_rolls_back(engine: Engine) -> None:
    md, table = _table()
    md.create_all(engine)
    with pytest.raises(RuntimeError), transaction(engine) as conn:
        conn.execute(table.insert(), [{"id": 1, "at": datetime(2021, 1, 1, tzinfo=UTC)}])
        raise RuntimeError("crash mid-load")
    with engine.connect() as conn:
        assert conn.execute(select(table.c.id)).all() == []
