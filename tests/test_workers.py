"""Worker processes: a worker killed mid-run loses no document."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from svodka.pipeline import Workers
from svodka.record import InputDocument, loads

pytestmark = pytest.mark.slow


def worker_pids() -> list[int]:
    """Live child processes of this test started by multiprocessing's spawn."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (proc / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == os.getpid() and b"spawn_main" in cmdline:
            pids.append(int(proc.name))
    return pids


def test_a_killed_worker_loses_nothing() -> None:
    docs = [InputDocument(id=f"d{i:03d}", text=f"Министр обороны России прибыл в Минск. Встреча номер {i}.")
            for i in range(200)]
    with Workers(2, ["entities"]) as pool:
        results = pool.run(iter(docs))
        out = [next(results)]
        pids = worker_pids()
        assert pids, "no worker process found"
        os.kill(pids[0], signal.SIGKILL)
        out += list(results)
        assert pool.restarts >= 1
    records = [loads(line) for line, _ in out]
    assert [r.id for r in records] == [d.id for d in docs]
    assert all(err is None for _, err in out)
    assert all(any(e.name == "Минск" for e in r.entities or []) for r in records)


def test_a_pool_that_breaks_between_submissions_loses_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    docs = [InputDocument(id=f"d{i:02d}", text=f"Встреча номер {i} прошла в Минске.") for i in range(12)]
    with Workers(2, ["languages"]) as pool:
        real, calls = pool._submit, [0]

        def refuses_once(doc: InputDocument) -> object:
            calls[0] += 1
            if calls[0] == 3:  # a worker died just before this submission
                raise BrokenProcessPool("a child process terminated abruptly")
            return real(doc)

        monkeypatch.setattr(pool, "_submit", refuses_once)
        out = list(pool.run(iter(docs)))
    assert [loads(line).id for line, _ in out] == [d.id for d in docs]
    assert all(err is None for _, err in out) and pool.restarts >= 1
