"""schemathesis against the API's own OpenAPI spec: generated requests never break the server and
every response matches the documented schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from svodka.api import create_app
from svodka.chronicle.store import Store

from .sample_records import en_record, hostile_record, ru_record

_DB = Path(tempfile.mkdtemp(prefix="svodka-schema-")) / "s.duckdb"
with Store(_DB) as _store:
    _store.ingest([ru_record(), en_record(), hostile_record()])

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DB))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_spec(case: schemathesis.Case) -> None:
    case.call_and_validate()
