"""Shared fixtures. The seed article lives in the shared folder beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_4eaf439251095eef.txt"
DEMO = ROOT / "demo"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("shared/seed is not beside the repository")
    return SEED


@pytest.fixture(scope="session")
def seed_record(seed_path: Path):  # type: ignore[no-untyped-def]
    """The seed article run through the whole pipeline once per test session."""
    from svodka.pipeline import Pipeline
    from svodka.read import read_text_file

    doc = read_text_file(seed_path)
    return Pipeline().extract(doc)
