"""The stories bench's fitting helpers (bench/stories.py): the vectorised threshold search must pick the
cut the plain loop picked (every fitted constant of svodka came from it), and the session-10 designs that
use both headline models must decide as documented."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

_SPEC = importlib.util.spec_from_file_location("bench_stories", Path(__file__).parents[1] / "bench/stories.py")
assert _SPEC and _SPEC.loader
bench: Any = importlib.util.module_from_spec(_SPEC)
sys.modules["bench_stories"] = bench  # its dataclass looks its module up there
_SPEC.loader.exec_module(bench)


def loop_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """The bench's earlier threshold search, cut by cut: best accuracy, then the widest gap, then the first."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1.0], (values[:-1] + values[1:]) / 2, [values[-1] + 1.0]])
    gaps = np.concatenate([[1.0], np.diff(values), [1.0]])
    best = (-1.0, -1.0, 0.0)
    for cut, gap in zip(cuts, gaps, strict=True):
        acc = float(np.mean((scores >= cut) == gold))
        if (acc, gap) > best[:2]:
            best = (acc, gap, float(cut))
    return best[2], best[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.booleans()), min_size=1, max_size=40))
def test_vectorised_threshold_matches_the_loop(rows: list[tuple[int, bool]]) -> None:
    # scores on a coarse grid so that ties in score and in accuracy are common
    scores = np.array([s / 20 for s, _ in rows])
    gold = np.array([g for _, g in rows], dtype=bool)
    assert bench.best_threshold(scores, gold) == loop_threshold(scores, gold)


def test_best_threshold_prefers_the_widest_gap() -> None:
    scores = np.array([0.1, 0.2, 0.8, 0.9])
    gold = np.array([False, False, True, True])
    cut, acc = bench.best_threshold(scores, gold)
    assert acc == 1.0 and abs(cut - 0.5) < 1e-12


def test_mcnemar_exact() -> None:
    assert abs(bench.mcnemar(9, 1) - 0.021484375) < 1e-12  # session 9's batch-4 test
    assert bench.mcnemar(0, 2) == 0.5
    assert bench.mcnemar(3, 3) == 1.0
    assert bench.mcnemar(0, 0) == 1.0


def columns(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Synthetic pair columns: same-story pairs score higher on every feature, with noise."""
    gold = rng.random(n) < 0.35
    lift = gold.astype(float)
    return {
        "title_e5": 0.85 + 0.06 * lift + rng.normal(0, 0.02, n),
        "title_use": 0.45 + 0.3 * lift + rng.normal(0, 0.12, n),
        "lead": 0.6 + 0.15 * lift + rng.normal(0, 0.06, n),
        "entities": np.clip(0.2 + 0.3 * lift + rng.normal(0, 0.15, n), 0, 1),
        "minhash": np.clip(rng.normal(0.02, 0.02, n), 0, 1),
        "gold": gold,
    }


def test_designs_using_both_headline_models() -> None:
    rng = np.random.default_rng(7)
    fit, test = columns(rng, 120), columns(rng, 80)
    a, b = bench.design_e5(fit)(test), bench.design_use(fit)(test)
    # (c) is the union of (a) and (b); (d) joins at least what (a) joins
    assert np.array_equal(bench.design_either(fit)(test), a | b)
    assert not np.any(a & ~bench.design_either_refit(fit)(test))
    # (e) decides every pair and fits on the synthetic signal
    e = bench.design_mix(fit)
    assert np.mean(e(fit) == fit["gold"]) > 0.8 and e(test).shape == (80,)


def test_mixed_title_puts_e5_on_the_use_scale() -> None:
    rng = np.random.default_rng(3)
    c = columns(rng, 200)
    moments = (float(np.mean(c["title_e5"])), float(np.std(c["title_e5"])),
               float(np.mean(c["title_use"])), float(np.std(c["title_use"])))
    title = bench.mixed_title(c, 1.0, moments)["title"]
    assert abs(np.mean(title) - moments[2]) < 1e-9 and abs(np.std(title) - moments[3]) < 1e-9
    assert np.allclose(bench.mixed_title(c, 0.0, moments)["title"], c["title_use"])
