"""Coverage-guided fuzzing (atheris) of the readers, the date parser, the time normaliser and the number
parser, a bounded number of runs each, from the seed inputs each harness names (tests/fuzz/).

A harness fails on any exception its function may not raise and on any broken property it asserts; the
run then stops, writes the input under the test's tmp folder and this test fails with the traceback.
For a longer hunt run a harness by hand: ``python tests/fuzz/fuzz_time.py -max_total_time=600 CORPUS``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("atheris")

FUZZ = Path(__file__).parent / "fuzz"
#: Runs per harness: a few seconds each on one core.
RUNS = {"decode": 20_000, "jsonl": 5_000, "date": 20_000, "time": 3_000, "numbers": 10_000}


def _seeds(harness: Path) -> list[bytes]:
    spec = importlib.util.spec_from_file_location(f"_seeds_{harness.stem}", harness)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the fuzzing itself runs only as __main__
    return list(module.SEEDS)


def _fuzz(harness: Path, runs: int, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, seed in enumerate(_seeds(harness)):
        (corpus / f"seed-{n}").write_bytes(seed)
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(prefix="svodka-fuzz-", dir=shm) as scratch:
        return subprocess.run(
            [sys.executable, str(harness), f"-runs={runs}", "-seed=20261125", "-max_total_time=60",
             f"-artifact_prefix={tmp_path}/", str(corpus)],
            capture_output=True, text=True, timeout=180, env={**os.environ, "SVODKA_FUZZ_SCRATCH": scratch})


@pytest.mark.parametrize("name", sorted(RUNS))
def test_fuzz_harness_finds_nothing(name: str, tmp_path: Path) -> None:
    result = _fuzz(FUZZ / f"fuzz_{name}.py", RUNS[name], tmp_path)
    output = result.stdout + result.stderr
    crashes = sorted(p.name for p in tmp_path.glob("crash-*"))
    assert result.returncode == 0 and not crashes, f"{crashes}\n{output[-4000:]}"
    assert "Done" in output and "runs in" in output, output[-2000:]


def test_a_crash_fails_the_run(tmp_path: Path) -> None:
    """The runner above reports what a harness finds (an exception the function may not raise)."""
    harness = tmp_path / "fuzz_boom.py"
    harness.write_text(
        "import sys\nimport atheris\nSEEDS = [b'xyz', b'boom']\n\n"
        "def test_one_input(data: bytes) -> None:\n"
        "    if data.startswith(b'boom'):\n        raise KeyError('found it')\n\n"
        "if __name__ == '__main__':\n    atheris.Setup(sys.argv, test_one_input)\n    atheris.Fuzz()\n")
    work = tmp_path / "run"
    work.mkdir()
    result = _fuzz(harness, 100, work)
    assert result.returncode != 0 and "KeyError: 'found it'" in result.stdout + result.stderr
    assert list(work.glob("crash-*"))


# --- what the fuzzers found, kept fixed --------------------------------------------------------------


def test_clock_shaped_count_is_a_number() -> None:
    """"2.30 часа" is tagged a clock time, then a number; it had no value and took the document down."""
    from svodka.stages.time import find_timexes

    assert [(t.text, t.value) for t in find_timexes("Ремонт занял 2.30 часа.", "2022-01-06")] == [
        ("2.30 часа", "PT2.3H")]


@pytest.mark.parametrize(("doc_date", "text"), [
    ("2022-01-06", "через 9999999999 дней"), ("9999-12-31", "завтра в 10:00"), ("9999-12-31", "через два года"),
    ("9999-12-31", "в следующий понедельник"), ("0001-01-01", "вчера"), ("0001-01-01", "неделю назад"),
    ("0001-01-01", "в прошлом году"), ("2022-01-06", "100000 лет назад"),
])
def test_dates_beyond_the_calendar_stay_unresolved(doc_date: str, text: str) -> None:
    from svodka.stages.time import find_timexes

    (timex,) = find_timexes(text, doc_date)
    assert timex.text == text and timex.value is None


def test_week_values_have_four_digit_years() -> None:
    from svodka.stages.time import find_timexes

    assert [t.value for t in find_timexes("неделю назад", "0001-01-15")] == ["0001-W02"]  # 0001-01-01 was a Monday
