"""Ingest over HTTP: only with the token (401 without, 403 with a wrong one, no route at all by default),
bounded bodies (413), a bad line reported while the rest is stored, and reads unaffected."""

from __future__ import annotations

import json
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config._auth import OpenAPIAuthConfig
from typer.testing import CliRunner

from svodka import api
from svodka.api import create_app
from svodka.chronicle.store import Store
from svodka.record import dumps

from .sample_records import en_record, hostile_record, ru_record

TOKEN = "correct-horse-battery-staple-42"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = {"id": "http-1", "text": "В Минске прошёл протест. Задержаны 12 человек, сообщило МВД.", "date": "2022-01-07",
       "title": "Протест в Минске"}


def _jsonl(*items: Any) -> bytes:
    return b"".join((item if isinstance(item, bytes) else json.dumps(item, ensure_ascii=False).encode()) + b"\n"
                    for item in items)


def _store(path: Path) -> Path:
    with Store(path) as store:
        store.ingest([ru_record(), en_record()])
    return path


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(_store(tmp_path / "s.duckdb"), ingest_token=TOKEN)) as client:
        yield client


def _count(client: TestClient) -> int:
    return int(client.get("/api/health").json()["documents"])


def test_disabled_by_default(tmp_path: Path) -> None:
    with TestClient(create_app(_store(tmp_path / "s.duckdb"))) as read_only:
        r = read_only.post("/api/ingest", content=_jsonl(DOC), headers=AUTH)
        assert r.status_code in (404, 405)
        assert "/api/ingest" not in read_only.get("/openapi.json").json()["paths"]
        assert _count(read_only) == 2


def test_no_token_is_401_and_wrong_token_is_403(client: TestClient) -> None:
    body = _jsonl({"id": "x", "text": "Текст."})
    r = client.post("/api/ingest", content=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.post("/api/ingest", content=body, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    for wrong in ("nope", TOKEN[:-1] + "x", TOKEN + "x", TOKEN.upper()):
        r = client.post("/api/ingest", content=body, headers={"Authorization": f"Bearer {wrong}"})
        assert r.status_code == 403, wrong
    # Auth comes before anything else: a bad query parameter or an oversized body is not looked at.
    assert client.post("/api/ingest?records=maybe", content=body).status_code == 401
    assert client.post("/api/ingest", content=b"x" * (api.MAX_INGEST_BYTES + 1)).status_code == 401
    assert _count(client) == 2


def test_records_are_stored_and_visible(client: TestClient) -> None:
    rec = ru_record("ru-http", extra=" Новый абзац.")
    r = client.post("/api/ingest?records=true", content=_jsonl(dumps(rec), dumps(hostile_record())), headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json() == {"stored": 2, "added": 2, "replaced": 0, "unchanged": 0, "failed": 0, "errors": []}
    assert _count(client) == 4
    assert client.get("/api/documents/ru-http").json()["text"] == rec.text
    again = client.post("/api/ingest?records=true", content=_jsonl(dumps(rec)), headers=AUTH).json()
    assert (again["stored"], again["unchanged"]) == (0, 1)


@pytest.mark.slow
def test_documents_are_extracted_stored_and_searchable(client: TestClient) -> None:
    r = client.post("/api/ingest", content=_jsonl(DOC, {"text": "Second document without an id, in English."}),
                    headers=AUTH)
    assert r.status_code == 200, r.text
    assert (r.json()["stored"], r.json()["failed"]) == (2, 0)
    rows = client.get("/api/documents", params={"q": "протест"}).json()["rows"]
    assert [row["id"] for row in rows] == ["http-1"]
    record = client.get("/api/documents/http-1").json()
    assert record["title"] == DOC["title"] and "entities" in record["layers"] and record["content_hash"]
    assert any(e["name"] == "Минск" for e in record["entities"])
    # The id-less document is named by its content: sending it again changes nothing.
    again = client.post("/api/ingest", content=_jsonl({"text": "Second document without an id, in English."}),
                        headers=AUTH).json()
    assert (again["stored"], again["unchanged"]) == (0, 1)
    assert _count(client) == 4


@pytest.mark.slow
def test_bad_lines_are_reported_and_the_rest_stored(client: TestClient) -> None:
    body = _jsonl(
        DOC,
        b'{"id": "broken", "text": ',
        {"id": "no-text"},
        {"id": "bad-date", "text": "Текст.", "date": "2022-13"},
        b"\x89PNG\r\x1a\x00\x00\x00\xff\xfe\x00\x01",
        b"[1, 2, 3]",
        {"id": "x" * 400, "text": "Длинный идентификатор."},
        {"id": "http-2", "text": "Ещё один документ о протестах в Алма-Ате."},
    ) + b"\n\n"
    r = client.post("/api/ingest", content=body, headers=AUTH)
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["stored"], result["failed"]) == (2, 6)
    errors = {e["line"]: e for e in result["errors"]}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7]
    assert "malformed JSON" in errors[2]["error"] and errors[2]["error"].startswith("line 2")
    assert 'missing "text"' in errors[3]["error"] and errors[3]["id"] == "no-text"
    assert "month must be 1..12" in errors[4]["error"]
    assert "expected a JSON object" in errors[6]["error"]
    assert "longer than 300" in errors[7]["error"]
    assert "cannot decode line" in errors[5]["error"], errors[5]
    assert {row["id"] for row in client.get("/api/documents").json()["rows"]} >= {"http-1", "http-2"}


def test_reads_go_on_while_an_ingest_runs(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer holds its lock while extracting; the API keeps answering from the committed store."""
    from svodka.pipeline import Pipeline

    started, release = threading.Event(), threading.Event()

    def slow_extract(self: Pipeline, doc: Any) -> Any:
        started.set()
        assert release.wait(30)
        return ru_record(doc.id)

    monkeypatch.setattr(Pipeline, "extract", slow_extract)
    answers: list[Any] = []
    worker = threading.Thread(target=lambda: answers.append(
        client.post("/api/ingest", content=_jsonl({"id": "slow", "text": "Текст."}), headers=AUTH)))
    worker.start()
    try:
        assert started.wait(30)
        assert client.get("/api/health").json()["documents"] == 2  # not blocked, and nothing half-written
        assert client.get("/api/documents/slow").status_code == 404
    finally:
        release.set()
        worker.join(30)
    assert answers[0].status_code == 200 and answers[0].json()["stored"] == 1
    assert _count(client) == 3 and client.get("/api/documents/slow").status_code == 200


def test_bad_record_lines_are_reported(client: TestClient) -> None:
    failed = ru_record("failed")
    failed.error, failed.text = "could not read", None
    body = _jsonl(dumps(ru_record("ok-1")), b'{"id": 5}', {"id": "r", "date": None}, dumps(failed))
    result = client.post("/api/ingest?records=true", content=body, headers=AUTH).json()
    assert (result["stored"], result["failed"]) == (1, 3)
    assert [e["line"] for e in result["errors"]] == [2, 3, 4]
    assert "not a svodka record" in result["errors"][0]["error"]
    assert "could not read" in result["errors"][2]["error"] and result["errors"][2]["id"] == "failed"


def test_oversized_body_is_413(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    big = b'{"id": "big", "text": "' + b"a" * api.MAX_INGEST_BYTES + b'"}\n'
    r = client.post("/api/ingest?records=true", content=big, headers=AUTH)
    assert r.status_code == 413 and "smaller batches" in r.json()["detail"]
    # Without a declared length (chunked upload) the limit is enforced while reading.
    monkeypatch.setattr(api, "MAX_INGEST_BYTES", 1000)
    chunks = iter([_jsonl(dumps(ru_record("c1"))), b" " * 2000])
    r = client.post("/api/ingest?records=true", content=chunks, headers=AUTH)
    assert r.status_code == 413
    assert _count(client) == 2


def test_short_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 16"):
        create_app(_store(tmp_path / "s.duckdb"), ingest_token="secret")


def test_serve_takes_the_token_from_a_file_or_the_environment(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from svodka.cli import app as cli

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: served.append((application, kw)))
    db = tmp_path / "new.duckdb"  # created empty when ingest is enabled
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    monkeypatch.delenv("SVODKA_INGEST_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--ingest-token-file", str(token_file)])
    assert result.exit_code == 0, result.output
    application, kw = served.pop()
    assert kw["host"] == "127.0.0.1"
    with TestClient(application) as c:
        assert c.post("/api/ingest?records=true", content=_jsonl(dumps(ru_record())),
                      headers=AUTH).json()["stored"] == 1
    del c, application
    # From the environment; without either, read-only (and the store must exist).
    other = _store(tmp_path / "other.duckdb")
    monkeypatch.setenv("SVODKA_INGEST_TOKEN", TOKEN)
    assert CliRunner().invoke(cli, ["serve", "--db", str(other)]).exit_code == 0
    with TestClient(served.pop()[0]) as c:
        assert c.post("/api/ingest", content=b"", headers={}).status_code == 401
    monkeypatch.delenv("SVODKA_INGEST_TOKEN")
    third = _store(tmp_path / "third.duckdb")
    assert CliRunner().invoke(cli, ["serve", "--db", str(third)]).exit_code == 0
    with TestClient(served.pop()[0]) as c:
        assert c.post("/api/ingest", content=b"", headers=AUTH).status_code in (404, 405)
    short = tmp_path / "short"
    short.write_text("abc")
    result = CliRunner().invoke(cli, ["serve", "--db", str(third), "--ingest-token-file", str(short)])
    assert result.exit_code == 2 and "at least 16" in result.output


# --- the spec of the enabled route, checked by schemathesis ------------------------------------------

_LINES = st.one_of(
    st.builds(lambda i, t: json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False), st.integers(0, 5),
              st.text(min_size=1, max_size=60)),
    st.builds(lambda i: dumps(ru_record(f"r{i}")).decode(), st.integers(0, 5)),
    st.text(max_size=40),
)
schemathesis.openapi.media_type(
    "application/x-ndjson",
    st.lists(_LINES, min_size=1, max_size=4).map(lambda lines: "\n".join(lines).encode()).filter(bool))


_SCHEMA_DB = _store(Path(tempfile.mkdtemp(prefix="svodka-ingest-schema-")) / "e.duckdb")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_SCHEMA_DB, ingest_token=TOKEN)).include(
    path="/api/ingest")
# The token goes in through the spec's own security scheme, so that the negative cases (no token, ...)
# are still sent without it and must be refused.
schema.config.auth.openapi = OpenAPIAuthConfig(schemes={"HTTPBearer": {"bearer": TOKEN}})


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_ingest_route_conforms_to_its_openapi_spec(case: schemathesis.Case) -> None:
    case.call_and_validate()
