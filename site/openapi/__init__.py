"""The OpenAPI 3.1 description of the public JSON APIs (openapi.json, kept by
hand in this folder) and the view that serves it at /api/openapi.json.

tests/fuzz/test_openapi_schema.py checks the document is valid OpenAPI and that
its enumerations equal the code's (search kinds, facets, sorts, price bands,
languages, open datasets); tests/fuzz/test_schemathesis.py fuzzes every
operation against it."""

import json
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("openapi.json")


@cache
def schema_bytes() -> bytes:
    return SCHEMA_PATH.read_bytes()


def schema() -> dict:
    return json.loads(schema_bytes())
