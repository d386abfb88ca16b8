"""Schemathesis fuzzes the portal's OpenAPI description: every operation, with generated
parameters and uploads, answers as described (no server error, documented status codes and
content types, bodies matching their schemas). Kept short: a few examples an operation."""

from __future__ import annotations

import tempfile

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from yusuan.web import Config, create_app

from conftest import SEED

# The schema is loaded when the module is collected (schemathesis parametrizes from it), so
# its store is made then, in a folder removed when the session ends.
FOLDER = tempfile.TemporaryDirectory(prefix="yusuan-portal-schema-")
# With a token, as a shared portal runs: the fuzzer also checks that writing without it is 401.
TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
APP = create_app(
    Config(db_url=f"sqlite:///{FOLDER.name}/yusuan.db", max_bytes=1 << 20, token=TOKEN)
)
with TestClient(APP) as _client:  # one real document, so that id 1 has answers too
    _client.post("/api/documents", files={"file": ("s.txt", SEED.read_bytes())}, headers=AUTH)

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_described(case):  # type: ignore[no-untyped-def]
    # An upload is schema-valid whatever its bytes; that they are no disclosure (422) is known
    # only from their content, which no schema says: that one check is left out for it.
    excluded = [positive_data_acceptance] if case.method == "POST" else []
    case.call_and_validate(headers=AUTH, excluded_checks=excluded)
