"""bench/agreement.py: the agreement of two annotations, with the events bench's matching."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from agreement import compare

TEXT = "Полиция задержала двух активистов. Министр обвинил оппозицию в провокации."


def _doc(*events: tuple[str, str, list[str]]) -> dict[str, dict]:
    out = []
    for kind, trigger, actors in events:
        start = TEXT.index(trigger)
        out.append({"type": kind, "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
                    "actor_text": actors, "recipient_text": [], "location_text": None, "mode": None})
    return {"d": {"id": "d", "split": "dev", "events": out}}


def test_identical_annotations_agree_fully() -> None:
    a = _doc(("COERCE", "задержала", ["Полиция"]), ("ACCUSE", "обвинил", ["Министр"]))
    res = compare(a, a, {"d": TEXT})
    assert res["typed"]["f1"] == 1.0 and res["actor_agreement"] == 1.0


def test_a_type_and_an_actor_disagreement_count() -> None:
    first = _doc(("COERCE", "задержала", ["Полиция"]), ("ACCUSE", "обвинил", ["Министр"]))
    second = _doc(("COERCE", "задержала", []), ("REJECT", "обвинил", ["Министр"]))
    res = compare(first, second, {"d": TEXT})
    assert res["typed"]["tp"] == 1 and res["untyped"]["tp"] == 2
    assert res["actor_agreement"] == 0.0
