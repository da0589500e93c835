"""The built wheel works installed, from any folder: no checkout, no current folder.

Builds the wheel (``uv build``), installs it in a fresh virtualenv outside the repository (uv,
from its cache: nothing beyond PyPI), and from an empty temporary folder runs ``corridor check``
on a bundled booking, ``corridor lists load`` on a bundled list then ``corridor screen``,
``corridor evidence ingest`` on a text written here, and ``POST /check`` through the installed
package's app. Slow (a minute or two, most of it installing the dependencies from the cache).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

# Hand-made for this test (not from any article): a sentence with a figure, a place and a date.
EVIDENCE_TEXT = """Hand-made test note, 10 November 2021.

On 9 November 2021 the Polish Border Guard recorded 599 attempts to cross the border
from Belarus. Belavia flights from Istanbul to Minsk were full that week.
"""

API_CHECK = """
import json, sys
from fastapi.testclient import TestClient
from corridor.api.app import create_app
from corridor.resources import data_dir
booking = json.loads((data_dir("rules") / "examples" / "transit-tashkent.json").read_text())
response = TestClient(create_app()).post("/check", json=booking)
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def _uv() -> str:
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    assert found, "uv is installed in the project's .venv by `make install`"
    return found


def _offline_first(command: list[str], env: dict[str, str], cwd: Path) -> None:
    """Run a uv command from its cache alone (``make install`` filled it with every dependency
    and the build backend: no index round trips), then with PyPI for whatever it lacks."""
    tried = subprocess.run([*command, "--offline"], env=env, cwd=cwd, capture_output=True)
    if tried.returncode != 0:
        subprocess.run(command, check=True, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh virtualenv outside the repository with the freshly built wheel in it."""
    base = tmp_path_factory.mktemp("wheel")
    uv = _uv()
    env = dict(os.environ)  # uv hard-links from its cache where it can: no copy of ~1 GB
    env.pop("VIRTUAL_ENV", None)
    dist = base / "dist"
    _offline_first(
        [uv, "build", "--wheel", "--quiet", "--out-dir", str(dist), str(ROOT)], env, base
    )
    wheels = list(dist.glob("corridor-*.whl"))
    assert len(wheels) == 1, wheels
    venv = base / "venv"
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(venv)],
        check=True,
        env=env,
        cwd=base,
    )
    python = venv / "bin" / "python"
    install = [uv, "pip", "install", "--quiet", "--python", str(python), str(wheels[0])]
    _offline_first(install, env, base)
    work = base / "work"  # the empty folder the commands run from
    work.mkdir()
    return {"python": python, "corridor": venv / "bin" / "corridor", "work": work, "home": base}


def _run(installed: dict[str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CORRIDOR_", "VIRTUAL_ENV", "PYTHONPATH"))
    }
    env["CORRIDOR_HOME"] = str(installed["home"] / "corridor-home")
    env["COLUMNS"] = "200"
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=installed["work"], env=env
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def _bundled(installed: dict[str, Path], *parts: str) -> Path:
    code = f"from corridor.resources import data_dir; print(data_dir(*{parts!r}))"
    return Path(_run(installed, installed["python"], "-c", code).stdout.strip())


def test_the_installed_package_is_the_wheel(installed: dict[str, Path]) -> None:
    where = _run(installed, installed["python"], "-c", "import corridor; print(corridor.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(installed["python"].parents[1])
    assert not Path(where.stdout.strip()).is_relative_to(ROOT)
    version = _run(installed, installed["corridor"], "--version").stdout
    assert version.startswith("corridor ")


def test_check_a_bundled_booking(installed: dict[str, Path]) -> None:
    booking = _bundled(installed, "rules", "examples", "transit-tashkent.json")
    out = _run(installed, installed["corridor"], "check", booking, "--json").stdout
    decisions = json.loads(out)
    assert {d["booking_id"] for d in decisions} == {"DEMO-TAS-1"}
    assert any(d["fired"] for d in decisions)


def test_load_a_bundled_list_then_screen(installed: dict[str, Path]) -> None:
    sdn = _bundled(installed, "lists", "ofac_sdn", "2024-05-03")
    loaded = _run(installed, installed["corridor"], "lists", "load", sdn, "--source", "ofac_sdn")
    assert "ofac_sdn" in loaded.stdout
    hits = _run(installed, installed["corridor"], "screen", "Belavia", "--limit", "1").stdout
    assert "BELAVIA" in hits.upper() and "ofac_sdn" in hits
    again = _run(installed, installed["corridor"], "screen", "Belavia", "--limit", "1").stdout
    assert again == hits  # read from the index kept under CORRIDOR_HOME
    assert list((installed["home"] / "corridor-home" / "cache" / "screening").glob("*.index"))


def test_ingest_a_text(installed: dict[str, Path]) -> None:
    note = installed["work"] / "note.txt"
    note.write_text(EVIDENCE_TEXT, encoding="utf-8")
    out = _run(
        installed, installed["corridor"], "evidence", "ingest", note.name, "--no-screen"
    ).stdout
    assert "new" in out and "claims" in out
    claims = _run(installed, installed["corridor"], "evidence", "claims", "--json").stdout
    values = [json.loads(line) for line in claims.splitlines() if line.strip()]
    assert any(c["kind"] == "figure" and "599" in c["text"] for c in values), values


def test_post_check_from_the_installed_app(installed: dict[str, Path]) -> None:
    out = _run(installed, installed["python"], "-c", API_CHECK).stdout
    answer = json.loads(out.strip().splitlines()[-1])
    assert answer["status"] == 200, answer
    assert "DEMO-TAS-1" in json.dumps(answer["body"])
