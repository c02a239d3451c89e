"""The record: schema generated from the classes, shipped in the package, and obeyed."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.record import (
    Entity,
    InputDocument,
    LanguageSpan,
    Mention,
    Record,
    dumps,
    json_schema,
    loads,
    spans_of,
)


def test_shipped_schema_is_the_generated_one() -> None:
    shipped = json.loads(resources.files("svodka.data").joinpath("record.schema.json").read_text("utf-8"))
    assert shipped == json_schema(), "run: svodka schema -o src/svodka/data/record.schema.json"


def test_error_record_has_no_layers_and_is_valid() -> None:
    rec = Record(id="x", date=None, date_precision=None, text=None, error="binary file, not text", origin="x.txt")
    data = json.loads(dumps(rec))
    jsonschema.validate(data, json_schema())
    assert "entities" not in data and data["error"] == "binary file, not text"


def test_contract_fields_are_always_written() -> None:
    ent = Entity(id="E1", type="PER", name="A", name_en=None, geo=None,
                 mentions=[Mention(start=0, end=1, text="A", normal="A")])
    data = json.loads(msgspec.json.encode(ent))
    assert data["geo"] is None and data["name_en"] is None


def test_schema_rejects_a_bad_entity_type() -> None:
    rec = json.loads(dumps(Record(id="x", date=None, date_precision=None, text="A", entities=[])))
    rec["entities"] = [{"id": "E1", "type": "PERSON", "name": "A", "name_en": None, "mentions": [], "geo": None}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rec, json_schema())


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([
    "Касым-Жомарт Токаев прибыл в Алма-Ату.", "Гульшара Абдыкаликова заявила в эфире «Хабар 24».",
    "РИА \"Новости", "ЕС и НАТО", "Great concern about #Kazakhstan.", "\n\n", "  ", "Онтакже сказал.",
    "МВД Казахстана (МВД РК) сообщило, что 62 человека в реанимации.", "площадь Революции", "😀 ", "\t",
    "Joe Biden met Emmanuel Macron in Paris.", "—", "«", "»", "Президент США", "(", ")",
]), min_size=1, max_size=8))
def test_every_span_matches_the_text_and_the_record_is_valid(parts: list[str]) -> None:
    from svodka.pipeline import Pipeline

    text = " ".join(parts)
    record = Pipeline().extract(InputDocument(id="p", text=text))
    assert record.error is None, record.error
    data = json.loads(dumps(record))
    jsonschema.validate(data, json_schema())
    assert loads(dumps(record)) == record
    for start, end, span in spans_of(record):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == span
    for lang in record.languages or []:
        assert isinstance(lang, LanguageSpan) and text[lang.start:lang.end].strip() == text[lang.start:lang.end]
