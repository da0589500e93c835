from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.cli import main
from corridor.settings import Settings, load_audit_key, load_settings
from corridor.store.audit_key import bind_audit_key
from corridor.store.db import make_engine
from corridor.store.evidence import EvidenceStore

TEXT = (
    "Carrier halts Minsk sales\n\n"
    "Turkish Airlines said on Friday it would stop selling one-way tickets to Minsk. "
    "Lithuania said 120 migrants were turned back at the border on Thursday.\n"
)


def test_ingest_claims_review_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    assert main(["evidence", "ingest", str(article), "--published", "2021-11-13"]) == 0
    assert "new" in capsys.readouterr().out
    assert main(["evidence", "ingest", str(article)]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert main(["evidence", "claims", "--kind", "figure"]) == 0
    assert "1 claims" in capsys.readouterr().out
    assert main(["evidence", "claims", "--kind", "figure", "--json"]) == 0
    assert '"metric": "prevented_entries"' in capsys.readouterr().out

    engine = make_engine(load_settings().database_url)
    claim = EvidenceStore(engine).claims(kind="figure")[0]
    assert main(["evidence", "review", claim.id[:10], "accept", "--by", "ana"]) == 0
    assert "accepted" in capsys.readouterr().out
    assert main(["evidence", "review", claim.id, "reject", "--by", "ana"]) == 4
    assert main(["evidence", "show", claim.id]) == 0
    out = capsys.readouterr().out
    assert "turned back" in out and "ana" in out
    assert main(["evidence", "show", "zzzz"]) == 3
    assert main(["evidence", "review", claim.id, "correct", "--by", "a", "--value", "[1"]) == 2


def test_eval_evidence_prints_scores(
    shared_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    gold = Path(__file__).resolve().parents[1] / "evidence" / "gold.json"
    code = main(
        ["eval", "evidence", "--gold", str(gold), "--seeds", str(shared_dir / "seeds"), "--json"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert '"figures"' in out and '"quote_speakers"' in out


def ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Settings, Engine]:
    """A home in ``tmp_path`` holding TEXT ingested from the CLI; its settings and registry."""
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path / "home"))
    article = tmp_path / "a.txt"
    article.write_text(TEXT)
    assert main(["evidence", "ingest", str(article), "--published", "2021-11-13"]) == 0
    settings = load_settings()
    engine = make_engine(settings.database_url)
    bind_audit_key(engine, load_audit_key(settings))
    return settings, engine


def test_attach_a_reviewed_claim_to_a_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from corridor.blacklist.roles import Role
    from corridor.exc import NotFound
    from corridor.services.blacklist import add_user, seed_operators
    from corridor.services.cases import open_case

    settings, engine = ingested(tmp_path, monkeypatch)
    try:
        seed_operators(engine)
    except NotFound as exc:
        pytest.skip(f"operator seed not available: {exc}")
    token = add_user(engine, "ana", Role.ANALYST, settings.secret)
    from corridor.blacklist.roles import User

    case = open_case(engine, User("ana", Role.ANALYST), "Belavia", "sold tickets to Minsk")
    claim = EvidenceStore(engine).claims(kind="figure")[0]
    assert main(["evidence", "attach", claim.id, case.id, "--token", token]) == 4
    assert main(["evidence", "review", claim.id, "accept", "--by", "ana"]) == 0
    assert main(["evidence", "attach", claim.id, case.id, "--token", token]) == 0
    assert f"added to case {case.id}" in capsys.readouterr().out


def test_review_with_a_token_records_the_tokens_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from corridor.blacklist.roles import Role
    from corridor.services.blacklist import add_user

    settings, engine = ingested(tmp_path, monkeypatch)
    claim = EvidenceStore(engine).claims(kind="figure")[0]
    analyst = add_user(engine, "ana", Role.ANALYST, settings.secret)
    auditor = add_user(engine, "aud", Role.AUDITOR, settings.secret)
    assert main(["evidence", "review", claim.id, "accept"]) == 2  # neither --by nor a token
    assert main(["evidence", "review", claim.id, "accept", "--token", "nope"]) != 0
    assert main(["evidence", "review", claim.id, "accept", "--token", auditor]) != 0
    assert EvidenceStore(engine).claim(claim.id).status == "pending"
    monkeypatch.setenv("CORRIDOR_TOKEN", analyst)
    assert main(["evidence", "review", claim.id, "accept", "--by", "someone else"]) == 0
    capsys.readouterr()
    assert main(["evidence", "show", claim.id]) == 0
    out = capsys.readouterr().out
    assert "ana" in out and "someone else" not in out
