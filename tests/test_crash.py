"""Crash-safe ingest: SIGKILL at random moments, run again, and every document is stored exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from svodka.record import dumps

from .sample_records import ru_record

pytestmark = pytest.mark.slow
N_DOCS = 300


def test_sigkill_during_ingest_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    with records.open("wb") as f:
        for i in range(N_DOCS):
            rec = ru_record(f"doc{i:03d}", extra=f" Абзац номер {i}, о другом.")
            f.write(dumps(rec) + b"\n")
    db = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "svodka.cli", "ingest", "--records", str(records), "--db", str(db),
           "--no-progress", "--batch-size", "5"]
    rng = random.Random(20261125)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(2.0, 5.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=60)
    final = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    con = duckdb.connect(str(db), read_only=True)
    ids = [row[0] for row in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    assert ids == [f"doc{i:03d}" for i in range(N_DOCS)]
    per_doc = con.execute("SELECT doc_id, count(*) FROM events GROUP BY doc_id HAVING count(*) <> 1").fetchall()
    assert per_doc == []
    mentions = con.execute("SELECT count(*) FROM mentions").fetchone()
    assert mentions is not None and mentions[0] == 2 * N_DOCS
    assert kills >= 1, "no run was interrupted: raise the document count"
