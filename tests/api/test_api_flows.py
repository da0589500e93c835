from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.resources import data_dir
from corridor.services import flows as service
from corridor.settings import Settings

DATA = data_dir("flows")


def test_series_and_figures(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    client = TestClient(create_app(settings))
    assert client.get("/flows/figures").status_code == 404
    service.load_file(settings, DATA / "border_flows.csv")
    body = client.get("/flows/figures", params={"reporter": "LV"}).json()
    assert body["total"] == 13
    metrics = {f["metric"] for f in body["figures"]}
    assert metrics == {"prevented_entry", "admitted_humanitarian", "asylum_application"}
    assert all(f["meaning"] and f["source"] for f in body["figures"])
    series = client.get("/flows/series", params={"metric": "attempt", "reporter": "PL"}).json()
    (only,) = series["series"]
    october = next(p for p in only["points"] if p["start"] == "2021-10-01")
    assert october["value"] == 17447 and october["complete"]
    assert any(f["value"] == 39670 for f in only["skipped"])
    assert client.get("/flows/series", params={"metric": "nonsense"}).status_code == 422


def test_surges(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    client = TestClient(create_app(settings))
    service.load_file(settings, DATA / "border_flows.csv")
    body = client.get("/flows/surges", params={"metric": "attempt", "reporter": "PL"}).json()
    starts = {(a["frequency"], a["start"]) for a in body["alerts"]}
    assert starts == {("year", "2021-01-01")}
    assert body["alerts"][0]["baseline_text"] == "median of the 3 preceding years (2018–2020)"
    assert all(a["baseline"] < a["value"] and a["sources"] for a in body["alerts"])
