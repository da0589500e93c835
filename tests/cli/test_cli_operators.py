"""The blacklist commands end to end on the embedded store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from corridor.cli import main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDOR_HOME", str(tmp_path))
    monkeypatch.delenv("CORRIDOR_DB_URL", raising=False)
    monkeypatch.delenv("CORRIDOR_TOKEN", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def token(capsys: pytest.CaptureFixture[str], name: str, role: str) -> str:
    code, out = run(capsys, "operators", "users", "add", name, "--role", role)
    assert code == 0
    return out.strip()


def test_matrix_on_the_real_history(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "operators", "seed")
    assert code == 0 and "seeded 11 operators" in out
    code, out = run(capsys, "matrix", "--as-of", "2021-12-03", "--format", "csv")
    assert code == 0
    rows = {r["operator"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (rows["Belavia"]["EU"], rows["Belavia"]["US"]) == ("listed", "not listed")
    assert rows["Cham Wings Airlines"]["EU"] == "listed"
    assert "US" in rows["Belavia"]["gap"].split(";")
    code, out = run(capsys, "matrix", "--as-of", "2024-01-01", "--format", "json")
    data = {r["operator"]: r for r in json.loads(out)}
    assert {r["as_of"] for r in data.values()} == {"2024-01-01T00:00:00+00:00"}
    assert data["Belavia"]["cells"]["US"]["status"] == "listed"
    assert data["Cham Wings Airlines"]["cells"]["EU"]["status"] == "not listed"
    code, out = run(capsys, "matrix", "--as-of", "2021-12-03")
    assert code == 0 and "Belavia" in out and "EU CFSP" in out


def test_case_workflow_publication_and_audit(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "operators", "seed")
    ana = token(capsys, "ana", "analyst")
    dora = token(capsys, "dora", "decision_maker")
    cem = token(capsys, "cem", "committee_member")
    code, out = run(
        capsys, "cases", "open", "Belavia", "--reason", "r", "--when", "2021-11-01", "--token", ana
    )
    assert code == 0 and "case-00001" in out
    # no token, wrong role, skipped step: refused with exit code 4
    assert run(capsys, "cases", "act", "case-00001", "gather_evidence", "--reason", "r")[0] == 4
    code, out = run(capsys, "cases", "act", "case-00001", "adopt", "--reason", "r", "--token", dora)
    assert code == 4 and "before the operator has been heard" in out
    code, out = run(
        capsys, "cases", "act", "case-00001", "gather_evidence", "--reason", "r", "--token", dora
    )
    assert code == 4 and "may not gather_evidence" in out
    steps = [
        ("gather_evidence", ana, ["--when", "2021-11-02"]),
        ("notify", ana, ["--when", "2021-11-03", "--deadline", "2021-11-10"]),
        ("hear", ana, ["--when", "2021-11-10"]),
        (
            "propose",
            ana,
            [
                "--when",
                "2021-11-11",
                "--kind",
                "suspend_operations",
                "--start",
                "2021-12-02",
                "--end",
                "2022-12-02",
                "--place",
                "EVRA",
            ],
        ),
        ("adopt", dora, ["--when", "2021-11-20"]),
        ("endorse", cem, ["--when", "2021-11-30"]),
    ]
    for action, tok, extra in steps:
        code, out = run(
            capsys, "cases", "act", "case-00001", action, "--reason", "r", "--token", tok, *extra
        )
        assert code == 0, out
    code, out = run(
        capsys,
        "cases",
        "act",
        "case-00001",
        "repeal",
        "--reason",
        "r",
        "--version",
        "3",
        "--token",
        dora,
    )
    assert code == 4 and "changed since version 3" in out
    code, out = run(
        capsys,
        "cases",
        "evidence",
        "case-00001",
        "--claim",
        "flights to Minsk",
        "--document",
        "seeds/belavia.txt",
        "--span",
        "10:80",
        "--token",
        ana,
    )
    assert code == 0
    code, out = run(capsys, "cases", "show", "case-00001")
    data = json.loads(out)
    assert data["case"]["state"] == "in_force"
    assert data["evidence"][0]["reviewer"] == "ana"
    code, out = run(capsys, "cases", "due", "--within", "30d", "--now", "2022-11-15")
    assert "case-00001" in out and "measure expires" in out
    code, out = run(capsys, "cases", "due", "--within", "30d", "--now", "2022-01-15")
    assert "case-00001" not in out
    # publication (now is after the 12-month measure ended, so version 1 is empty)
    code, out = run(capsys, "blacklist", "publish", "--token", dora, "--out", str(home / "pub"))
    assert code == 0 and "published version 1" in out
    assert (home / "pub" / "blacklist-v1.html").is_file()
    code, out = run(capsys, "blacklist", "publish", "--token", ana)
    assert code == 4
    code, out = run(capsys, "blacklist", "publish", "--token", dora)
    code, out = run(capsys, "blacklist", "diff", "1", "2")
    assert code == 0 and "added: -" in out
    code, out = run(capsys, "audit", "verify")
    assert code == 0 and "intact" in out
    code, out = run(capsys, "blacklist", "diff", "1", "9")
    assert code == 3
