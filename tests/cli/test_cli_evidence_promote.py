"""``corridor evidence promote`` and ``figures``: reviewed figures into flows, seen from flows."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.cli import main
from corridor.settings import load_settings
from corridor.store.db import make_engine
from corridor.store.evidence import EvidenceStore

TEXT = (
    "Weekly border note\n\n"
    "According to the Polish Border Guard, 2,310 attempts to cross the border from Belarus "
    "were recorded in September 2021. At least 12 people died near the border this year.\n"
)


def test_promote_and_show_in_flows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "200")
    article = tmp_path / "note.txt"
    article.write_text(TEXT)
    args = ["evidence", "ingest", str(article), "--published", "2021-10-05", "--no-screen"]
    assert main([*args, "--publisher", "Desk"]) == 0
    engine = make_engine(load_settings().database_url)
    claims = {c.text: c.id for c in EvidenceStore(engine).claims(kind="figure")}
    attempts, deaths = claims["2,310"], claims["12"]
    capsys.readouterr()

    assert main(["evidence", "promote", attempts]) == 4  # pending
    assert main(["evidence", "promote", "ffffffffff"]) == 3
    assert main(["evidence", "promote"]) == 2
    assert main(["evidence", "promote", attempts, "--all-accepted"]) == 2
    for claim in (attempts, deaths):
        assert main(["evidence", "review", claim, "accept", "--by", "ana"]) == 0
    capsys.readouterr()

    assert main(["evidence", "promote", attempts[:10]]) == 0
    out = capsys.readouterr().out
    assert "added" in out and "news:PL attempt BY-PL 2021-09-01..2021-09-30" in out
    assert "Desk" in out and "accepted by ana" in out
    assert main(["evidence", "promote", "--all-accepted"]) == 0
    out = capsys.readouterr().out
    assert "unchanged" in out and "'deaths'" in out
    assert "1 figures in flows (0 written, 1 unchanged), 1 refused" in out

    assert main(["evidence", "figures"]) == 0
    out = capsys.readouterr().out
    assert f"evidence:{attempts}" in out and "1 figures from evidence" in out
    assert main(["flows", "summary"]) == 0
    out = capsys.readouterr().out
    assert "news:PL" in out and f"evidence:{attempts}" in out
    assert main(["flows", "reconcile", "--reporter", "news:PL"]) == 0
    assert main(["evidence", "show", attempts]) == 0
    assert "in flows: news:PL attempt BY-PL" in capsys.readouterr().out
