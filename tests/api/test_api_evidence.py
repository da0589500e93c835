from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from corridor.api.app import create_app
from corridor.settings import Settings

ONE = "Iraq suspended flights to Minsk on Friday, officials said. 500 migrants were stranded at the border.\n"
TWO = (
    "Officials said on Friday that Iraq had suspended flights to Minsk after talks with Brussels.\n"
)


def test_ingest_list_review_cluster(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(home=tmp_path)))
    first = client.post(
        "/evidence/documents", json={"text": ONE, "uri": "urn:one", "published": "2021-11-20"}
    )
    assert first.status_code == 201 and first.json()["unchanged"] is False
    again = client.post("/evidence/documents", json={"text": ONE, "uri": "urn:one"})
    assert again.json()["unchanged"] is True
    client.post(
        "/evidence/documents", json={"text": TWO, "uri": "urn:two", "published": "2021-11-20"}
    )
    assert len(client.get("/evidence/documents").json()) == 2

    figures = client.get("/evidence/claims", params={"kind": "figure"}).json()
    assert [(f["value"]["value"], f["value"]["metric"]) for f in figures] == [(500, "stranded")]
    claim_id = figures[0]["id"]
    detail = client.get(f"/evidence/claims/{claim_id}").json()
    assert detail["sentence_text"].startswith("500 migrants")
    assert client.get(f"/evidence/claims/{claim_id}/evidence").status_code == 409

    done = client.post(
        f"/evidence/claims/{claim_id}/review",
        json={"action": "correct", "reviewer": "ana", "value": {"value": 450}},
    )
    assert done.status_code == 200 and done.json()["status"] == "corrected"
    evidence = client.get(f"/evidence/claims/{claim_id}/evidence").json()
    assert evidence["source"]["uri"] == "urn:one"
    assert evidence["reviews"][0]["reviewer"] == "ana"
    again_review = client.post(
        f"/evidence/claims/{claim_id}/review", json={"action": "accept", "reviewer": "bo"}
    )
    assert again_review.status_code == 409
    assert client.get("/evidence/claims/nothing").status_code == 404

    clusters = client.get("/evidence/clusters", params={"kind": "event"}).json()
    assert len(clusters) == 1 and len(clusters[0]["documents"]) == 2
