"""Dask scale-out and Parquet shards: the same records as a local run, streamed, nothing lost."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import duckdb
import pytest
from distributed import Client, LocalCluster, WorkerPlugin
from typer.testing import CliRunner

from svodka import distributed as svd
from svodka import pipeline
from svodka.chronicle.store import Store
from svodka.cli import app
from svodka.record import InputDocument, loads
from svodka.shards import ShardWriter, iter_record_lines, shard_files, shard_ids

pytestmark = pytest.mark.slow
runner = CliRunner()

TEXTS = [
    ("kz-1", "2022-01-05", "Президент Казахстана Касым-Жомарт Токаев объявил режим чрезвычайного положения в "
     "Алма-Ате. По данным Минздрава, более тысячи человек получили ранения, 62 госпитализированы."),
    ("msk-1", "2023-03-14", "В Москве 14 марта прошла встреча министров иностранных дел России и Китая. "
     "«Мы договорились расширить сотрудничество», — заявил Сергей Лавров журналистам."),
    ("mix-1", "2021-11-02", "Глава МИД Германии прибыл в Киев во вторник. The minister said: «We stand with "
     "Ukraine». Визит продлится два дня."),
    ("spb-1", "2020-07", "Жители Санкт-Петербурга вышли на акцию протеста против застройки парка. Полиция "
     "задержала около двадцати человек, сообщает «Фонтанка»."),
    ("eu-1", "2022-02-28", "Европейский союз ввёл новые санкции против российских банков. Представитель "
     "Еврокомиссии назвал меры вынужденными."),
    ("min-1", None, "Министр обороны России прибыл в Минск для переговоров с белорусскими коллегами."),
    ("nsk-1", "2019-12-31", "В Новосибирске в ночь на 31 декабря эвакуировали жителей трёх домов из-за утечки "
     "газа. Пострадавших нет, сообщили в МЧС."),
]
#: Over --max-chars 1000: refused with an error record, as locally.
LONG = ("long-1", "2022-01-01", "Очень длинная заметка о погоде в Томске. " * 40)


def _line(doc_id: str, date: str | None, text: str) -> str:
    return json.dumps({"id": doc_id, "date": date, "text": text}, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    lines = [_line(*t) for t in TEXTS[:3]] + [_line(*LONG), '{"id": "broken", "text": \n']
    lines += [_line(*t) for t in TEXTS[3:]]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each, as `--dask local:2` starts them."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--max-chars", "1000", "--no-progress"])
    assert result.exit_code == 1, result.output  # the long and the broken document
    return out.read_bytes()


def test_dask_run_gives_the_same_records_as_the_local_run(corpus: Path, cluster: str, local_run: bytes,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(svd, "BATCH_DOCS", 2)  # five batches over both workers, not one
    out = tmp_path / "dask.jsonl"
    result = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--max-chars", "1000", "--no-progress",
                                 "--dask", cluster])
    assert result.exit_code == 1, result.output
    assert out.read_bytes() == local_run
    records = [loads(line) for line in local_run.splitlines()]
    assert [r.id for r in records] == ["kz-1", "msk-1", "mix-1", "long-1", "news:5", "spb-1", "eu-1", "min-1",
                                       "nsk-1"]
    errors = {r.id: r.error for r in records if r.error}
    assert set(errors) == {"long-1", "news:5"} and "too large" in (errors["long-1"] or "")
    tokayev = next(r for r in records if r.id == "kz-1")
    assert any(e.name == "Касым-Жомарт Токаев" for e in tokayev.entities or [])


def test_shards_are_read_by_duckdb_and_by_ingest(corpus: Path, cluster: str, local_run: bytes,
                                                 tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    result = runner.invoke(app, ["extract", str(corpus), "--shards-dir", str(shards), "--shard-size", "4",
                                 "--max-chars", "1000", "--no-progress", "--dask", cluster])
    assert result.exit_code == 1, result.output
    assert [p.name for p in shard_files(shards)] == ["part-000000.parquet", "part-000001.parquet",
                                                     "part-000002.parquet"]
    assert {p.name for p in shards.iterdir()} == {p.name for p in shard_files(shards)}  # no temporary files
    glob = str(shards / "*.parquet")
    rows = duckdb.sql(f"SELECT seq, id, error, record FROM read_parquet('{glob}') ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == list(range(9))
    # Lossless: the record column, in seq order, is the JSON Lines output byte for byte.
    assert "".join(r[3] + "\n" for r in rows).encode("utf-8") == local_run
    assert {r[1] for r in rows if r[2]} == {"long-1", "news:5"}
    dated = duckdb.sql(f"SELECT id FROM read_parquet('{glob}') WHERE date >= '2022' ORDER BY id").fetchall()
    assert [r[0] for r in dated] == ["eu-1", "kz-1", "long-1", "msk-1"]

    jsonl = tmp_path / "local.jsonl"
    jsonl.write_bytes(local_run)
    stores = {}
    for name, source in (("from-jsonl", jsonl), ("from-shards", shards)):
        db = tmp_path / f"{name}.duckdb"
        done = runner.invoke(app, ["ingest", "--records", str(source), "--db", str(db), "--no-progress"])
        assert done.exit_code == 1, done.output  # two error records are counted, not stored
        stores[name] = _store_summary(db)
    assert stores["from-shards"] == stores["from-jsonl"]
    assert len(stores["from-shards"]["documents"]) == 7


def test_ingest_on_the_cluster_stores_what_local_records_store(corpus: Path, cluster: str, local_run: bytes,
                                                               tmp_path: Path) -> None:
    jsonl = tmp_path / "local.jsonl"
    jsonl.write_bytes(local_run)
    want, got = tmp_path / "want.duckdb", tmp_path / "got.duckdb"
    assert runner.invoke(app, ["ingest", "--records", str(jsonl), "--db", str(want), "--no-progress"]).exit_code == 1
    # Without --max-chars the long document is processed on the cluster: it is the one extra document.
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(got), "--no-progress", "--dask", cluster])
    assert result.exit_code == 1, result.output  # the broken line
    wanted, stored = _store_summary(want), _store_summary(got)
    assert [d for d in stored["documents"] if d[0] != "long-1"] == wanted["documents"]
    assert "long-1" in {d[0] for d in stored["documents"]}


def test_each_worker_loads_its_models_once(cluster: str) -> None:
    from svodka import models

    docs = [InputDocument(id=f"w{i}", text=f"Губернатор Тверской области провёл совещание {i} мая.") for i in range(8)]
    with Client(cluster, set_as_default=False) as client:
        for _ in range(2):  # two runs (and, in the whole module, the runs of the tests above)
            assert all(error is None for _, error in svd.run(client, iter(docs), batch_docs=2))
        loads_per_worker = client.run(lambda: (models.natasha.cache_info().misses, models.morph.cache_info().misses))
    assert len(loads_per_worker) == 2 and set(loads_per_worker.values()) == {(1, 1)}


def _store_summary(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        return {
            "documents": store.db.execute("SELECT id, content_hash FROM documents ORDER BY id").fetchall(),
            "counts": {t: store.count(t) for t in ("entities", "mentions", "events", "figures")},
        }


class Poison(WorkerPlugin):
    """Makes a worker process die (as out of memory would) on the document with id "poison"."""

    async def setup(self, worker: Any) -> None:
        original = pipeline.Pipeline.extract

        def extract(self: pipeline.Pipeline, doc: Any) -> Any:
            if doc.id == "poison":
                os._exit(1)
            return original(self, doc)

        pipeline.Pipeline.extract = extract  # type: ignore[method-assign]


def test_a_document_that_kills_its_worker_becomes_an_error_record() -> None:
    docs = [InputDocument(id=f"d{i}", text=f"Мэр Казани открыл новый мост номер {i}.") for i in range(6)]
    docs.insert(2, InputDocument(id="poison", text="Этот документ убивает процесс."))
    # Fail a task on its first worker death, so the test needs two deaths, not eight.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            Client(local, set_as_default=False) as client:
        client.register_plugin(Poison(), name="poison")
        out = list(svd.run(client, iter(docs), ["languages"], batch_docs=3))
    records = [loads(line) for line, _ in out]
    assert [r.id for r in records] == [d.id for d in docs]
    [(bad, error)] = [(r, e) for r, (_, e) in zip(records, out, strict=True) if e is not None]
    assert bad.id == "poison" and "worker died" in (bad.error or "") and error and error.startswith("poison:")
    local = [loads(line) for line, _ in pipeline.run(iter(d for d in docs if d.id != "poison"), ["languages"])]
    assert [r for r in records if r.id != "poison"] == local


def test_threads_cluster_streams_input_in_bounded_batches_and_keeps_order(monkeypatch: pytest.MonkeyPatch) -> None:
    pulled = 0

    def documents() -> Iterator[InputDocument]:
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield InputDocument(id=f"d{i:04d}", text=f"Губернатор посетил Тверь в день {i}.")

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as local, \
            Client(local, set_as_default=False) as client:
        results = svd.run(client, documents(), ["languages"], batch_docs=2, window=3)
        first = [next(results) for _ in range(2)]
        assert pulled <= 3 * 2  # three batches of two outstanding, not the whole input
        results.close()  # stopping early cancels what is in flight
        assert [loads(line).id for line, _ in first] == ["d0000", "d0001"]

        # A task that raises (not a worker death) also costs only its own document.
        original = pipeline.Pipeline.extract

        def extract(self: pipeline.Pipeline, doc: Any) -> Any:
            if doc.id == "d0003":
                raise MemoryError("simulated")
            return original(self, doc)

        monkeypatch.setattr(pipeline.Pipeline, "extract", extract)
        pulled = 0
        out = [loads(line) for line, _ in svd.run(client, (d for d in documents() if d.id < "d0010"),
                                                  ["languages"], batch_docs=4)]
    assert [r.id for r in out] == [f"d{i:04d}" for i in range(10)]
    assert [r.id for r in out if r.error] == ["d0003"]
    assert "MemoryError: simulated" in (out[3].error or "")


def test_parse_address() -> None:
    assert svd.parse_address("local:3") == ("local", 3)
    assert svd.parse_address("local") == ("local", os.cpu_count() or 1)
    assert svd.parse_address(" tcp://10.0.0.5:8786 ") == ("tcp://10.0.0.5:8786", None)
    for bad in ("local:0", "local:x", "", "tcp://a b"):
        with pytest.raises(ValueError):
            svd.parse_address(bad)


def test_bad_dask_options_are_usage_errors(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(svd, "CONNECT_TIMEOUT", 2.0)
    for extra in (["--dask", "local:0"], ["--dask", "local:1", "--workers", "2"],
                  ["-o", str(tmp_path / "a.jsonl"), "--shards-dir", str(tmp_path / "s")],
                  ["--shards-dir", str(corpus.parent / "shards")]):
        result = runner.invoke(app, ["extract", str(corpus), str(corpus.parent), "--no-progress", *extra])
        assert result.exit_code == 2, (extra, result.output)
    unreachable = runner.invoke(app, ["extract", str(corpus), "--no-progress", "-o", str(tmp_path / "b.jsonl"),
                                      "--layers", "languages", "--dask", "tcp://127.0.0.1:9"])
    assert unreachable.exit_code == 2 and "cannot reach" in unreachable.output


def test_shard_writer_refuses_a_used_folder_and_resumes_after_whole_shards(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "date": None, "date_precision": None, "text": f"т{i}"},
                        ensure_ascii=False).encode() for i in range(5)]
    with ShardWriter(tmp_path, size=2) as writer:
        for line in lines[:3]:
            writer.write(line)
    assert len(shard_files(tmp_path)) == 2 and shard_ids(tmp_path) == {"r0", "r1", "r2"}
    with pytest.raises(FileExistsError):
        ShardWriter(tmp_path, size=2)
    with ShardWriter(tmp_path, size=2, resume=True) as writer:
        for line in lines[3:]:
            writer.write(line)
    assert [p.name for p in shard_files(tmp_path)] == ["part-000000.parquet", "part-000001.parquet",
                                                       "part-000002.parquet"]
    assert [line for _, line in iter_record_lines([tmp_path])] == lines
    seqs = duckdb.sql(f"SELECT seq FROM read_parquet('{tmp_path}/*.parquet') ORDER BY seq").fetchall()
    assert [s for (s,) in seqs] == list(range(5))
    (tmp_path / "other.parquet").write_bytes(b"not parquet")
    problems = [msg for _, msg in iter_record_lines([tmp_path]) if isinstance(msg, str)]
    assert len(problems) == 1 and "cannot read Parquet shard" in problems[0]


def test_progress_counts_jsonl_documents_for_the_eta(tmp_path: Path) -> None:
    from svodka.cli import _count_in_background, _eta

    a, b, folder = tmp_path / "a.jsonl", tmp_path / "b.txt", tmp_path / "folder"
    a.write_text('{"id": 1}\n{"id": 2}\n{"id": 3}', encoding="utf-8")  # no newline after the last line
    b.write_text("Текст.", encoding="utf-8")
    folder.mkdir()
    counted: list[int] = []
    _count_in_background([a, b], 1, counted).join()
    assert counted == [3]  # 3 + 1 documents, 1 already done (--resume)
    unknown: list[int] = []
    _count_in_background([a, folder], 0, unknown).join()
    assert unknown == []  # a folder: no total, the bar shows rate and elapsed time only
    assert _eta(3600 * 2 + 61, 1.0) == "ETA 2:01:01" and _eta(10, 0.0) == ""


def test_extract_resumes_into_a_shards_folder(corpus: Path, tmp_path: Path) -> None:
    shards, whole = tmp_path / "shards", tmp_path / "whole.jsonl"
    args = ["extract", str(corpus), "--layers", "languages", "--max-chars", "1000", "--no-progress"]
    assert runner.invoke(app, [*args, "-o", str(whole)]).exit_code == 1
    assert runner.invoke(app, [*args, "--shards-dir", str(shards), "--shard-size", "2"]).exit_code == 1
    assert runner.invoke(app, [*args, "--shards-dir", str(shards)]).exit_code == 2  # not mixed with a new run
    for late in shard_files(shards)[2:]:  # as if killed after two shards
        late.unlink()
    again = runner.invoke(app, [*args, "--shards-dir", str(shards), "--shard-size", "2", "--resume"])
    assert again.exit_code == 1 and "resuming: 4 documents" in again.output
    lines = [line for _, line in iter_record_lines([shards])]
    assert all(isinstance(line, bytes) for line in lines)
    assert b"".join(line + b"\n" for line in lines if isinstance(line, bytes)) == whole.read_bytes()
