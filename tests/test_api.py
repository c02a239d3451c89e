"""The HTTP API: every endpoint answers from the store, parameters are validated, headers are set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from svodka.api import create_app
from svodka.chronicle.store import Store

from .sample_records import en_record, hostile_record, ru_record


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("api") / "s.duckdb"
    with Store(db) as store:
        store.ingest([ru_record(), en_record(), hostile_record()])
    with TestClient(create_app(db)) as client:  # runs the app's shutdown, which closes the store
        yield client


def test_health_and_security_headers(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200 and r.json()["documents"] == 3 and r.json()["events"] == 3
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_events_filters_and_paging(client: TestClient) -> None:
    rows = client.get("/api/events").json()
    assert rows["total"] == 3
    assert {r["type"] for r in client.get("/api/events", params={"type": "PROTEST"}).json()["rows"]} == {"PROTEST"}
    assert client.get("/api/events", params={"start": "2022-01-07"}).json()["total"] == 1
    assert client.get("/api/events", params={"country": "KZ"}).json()["total"] == 2
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert page["count"] == 1 and page["total"] == 3
    consult = client.get("/api/events", params={"type": "CONSULT"}).json()["rows"]
    assert {tuple(r["actor_names"]) for r in consult} == {("Касым-Жомарт Токаев",)}
    event_id = consult[0]["event_id"]
    detail = client.get(f"/api/events/{event_id}").json()
    assert len(detail["rows"]) == 2
    assert [(f["kind"], f["value"], f["doc_id"]) for f in detail["figures"]] == [("killed", 5.0, "ru1")]


def test_search_finds_inflected_forms(client: TestClient) -> None:
    assert [r["id"] for r in client.get("/api/documents", params={"q": "погибнуть человеком"}).json()["rows"]] \
        == ["ru1"]
    assert client.get("/api/events", params={"q": "Минск"}).json()["total"] == 1
    assert client.get("/api/documents", params={"q": "несуществующее"}).json()["rows"] == []


def test_csv_twin(client: TestClient) -> None:
    r = client.get("/api/events", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0].startswith("event_id,")


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": 100000}, {"offset": -1}, {"start": "2022-13-01"}, {"type": "BOMB"},
    {"country": "Kazakhstan"}, {"q": "x" * 500}, {"entity": "e:1' OR 1=1 --"}, {"format": "xml"},
])
def test_bad_parameters_are_refused(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


def test_sql_stays_data(client: TestClient) -> None:
    r = client.get("/api/entities", params={"q": "' OR 1=1; DROP TABLE documents; --"})
    assert r.status_code == 200 and r.json()["rows"] == []
    assert client.get("/api/health").json()["documents"] == 3


def test_timeline_map_entities_stories_figures_documents(client: TestClient) -> None:
    days = {r["day"] for r in client.get("/api/timeline").json()["rows"]}
    assert days == {"2022-01-06", "2022-01-07"}
    points = client.get("/api/map").json()["rows"]
    assert {p["name"] for p in points} == {"Алма-Ата", "Минск"}
    ents = client.get("/api/entities", params={"q": "Tokayev"}).json()["rows"]
    assert len(ents) == 1 and ents[0]["documents"] == 2
    detail = client.get(f"/api/entities/{ents[0]['entity_id']}").json()
    assert "Kassym-Jomart Tokayev" in detail["aliases"]
    stories = client.get("/api/stories").json()["rows"]
    assert sorted(s["documents"] for s in stories) == [1, 2]  # the Russian and English reports: one story
    figures = client.get("/api/figures", params={"kind": "killed"}).json()["rows"]
    assert figures[0]["value"] == 5
    doc = client.get("/api/documents/ru1").json()
    assert doc["story_id"] and all(e["store_id"] for e in doc["entities"])
    assert client.get("/api/documents/nope").status_code == 404


def test_static_files_only_the_known_ones(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/basemap.json").json()["countries"]
    for name in ("../api.py", "..%2Fapi.py", "record.schema.json", "index.html"):
        assert client.get(f"/static/{name}").status_code == 404
    assert "svodka" in client.get("/").text


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/timeline", "/api/map", "/api/entities", "/api/stories", "/api/figures",
            "/api/documents"} <= set(paths)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="svodka ingest"):
        create_app(tmp_path / "none.duckdb")
