"""The command line end to end: the seed, bad inputs among good ones, workers, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from svodka.cli import app
from svodka.record import json_schema

pytestmark = pytest.mark.slow
runner = CliRunner()


def records(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_seed(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(seed_path), "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    [rec] = records(out)
    jsonschema.validate(rec, json_schema())
    assert rec["id"] == "000_4eaf439251095eef"
    assert rec["date"] == "2022-01" and rec["date_precision"] == "month"
    assert rec["text"].startswith("В Казахстане") and rec["text"].endswith("this crisis.")
    assert [span["lang"] for span in rec["languages"]] == ["ru", "en"]
    names = {e["name"] for e in rec["entities"]}
    assert {"Касым-Жомарт Токаев", "Хабар 24", "Казахстан"} <= names


def test_bad_inputs_become_error_records_and_the_rest_is_processed(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text("date 2022-01-06 Президент Казахстана прибыл в Астану.", encoding="utf-8")
    (tmp_path / "b_cp1251.txt").write_bytes("Министр обороны России прибыл в Минск.".encode("cp1251"))
    (tmp_path / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "d_empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "e_baddate.txt").write_text("date 2022-13 Текст.", encoding="utf-8")
    (tmp_path / "f.jsonl").write_text(
        '{"id": "j1", "text": "Владимир Путин провёл совещание.", "date": "2022-01-06"}\n'
        '{"id": "j2", "text": \n'
        '{"id": "j3", "text": "Лидеры ЕС встретились в Брюсселе."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out), "--no-progress"])
    assert result.exit_code == 1
    recs = records(out)
    assert [r["id"] for r in recs] == ["a_good", "b_cp1251", "c_binary", "d_empty", "e_baddate", "j1", "f:2", "j3"]
    errors = {r["id"]: r.get("error") for r in recs}
    assert errors["a_good"] is None and errors["b_cp1251"] is None and errors["j1"] is None and errors["j3"] is None
    assert "binary" in errors["c_binary"]
    assert "empty" in errors["d_empty"]
    assert "month" in errors["e_baddate"]
    assert "JSON" in errors["f:2"]
    by_id = {r["id"]: r for r in recs}
    assert "Минск" in {e["name"] for e in by_id["b_cp1251"]["entities"]}
    for r in recs:
        jsonschema.validate(r, json_schema())
        assert ("entities" in r) == (r.get("error") is None)


def test_two_workers_give_the_same_records_in_order(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[1] / "demo" / "wikinews-ru.jsonl"
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(demo.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, workers in ((one, "1"), (two, "2")):
        proc = subprocess.run([sys.executable, "-m", "svodka.cli", "extract", str(sample), "-o", str(out),
                               "--workers", workers, "--no-progress"], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
    assert one.read_bytes() == two.read_bytes()
    assert len(records(one)) == 6


def test_layers_option_and_unknown_layer(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(seed_path), "--layers", "languages", "-o", str(out), "--no-progress"])
    assert result.exit_code == 0
    [rec] = records(out)
    assert rec["layers"] == ["languages"] and rec["entities"] == []
    bad = runner.invoke(app, ["extract", str(seed_path), "--layers", "nonsense", "--no-progress"])
    assert bad.exit_code == 2


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_document_too_large_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Слово. " * 2000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(big), "--max-chars", "5000", "-o", str(out), "--no-progress"])
    assert result.exit_code == 1
    [rec] = records(out)
    assert "too large" in rec["error"] and "--max-chars" in rec["error"]


def test_resume_skips_finished_documents_and_repairs_a_cut_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Президент России прибыл в Казань {i}."},
                                      ensure_ascii=False) + "\n" for i in range(4)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = runner.invoke(app, ["extract", str(src), "-o", str(out), "--no-progress", "--layers", "languages"])
    assert first.exit_code == 0
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][:20])  # as if killed while writing the third record
    again = runner.invoke(app, ["extract", str(src), "-o", str(out), "--no-progress", "--layers", "languages",
                                "--resume"])
    assert again.exit_code == 0, again.output
    assert [r["id"] for r in records(out)] == ["d0", "d1", "d2", "d3"]
