"""Every event type has a valid schema and an example envelope that satisfies it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import get_args, get_origin, get_type_hints, is_typeddict

import pytest
import yaml
from jsonschema import Draft202012Validator

from eorder_contracts import EXAMPLES_DIR, SCHEMA_DIR, events
from eorder_contracts.asyncapi import build

pytestmark = pytest.mark.unit

SCHEMAS = sorted(SCHEMA_DIR.glob("*.schema.json"))
ENVELOPE_ATTRIBUTES = {"specversion", "id", "source", "type", "time", "subject", "dataschemaversion", "data"}


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_and_its_example_matches(path: Path) -> None:
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    type_name, _, version = path.name[: -len(".schema.json")].rpartition(".v")
    example = json.loads((EXAMPLES_DIR / f"{type_name}.json").read_text())
    assert ENVELOPE_ATTRIBUTES <= set(example)
    assert example["type"] == type_name and example["dataschemaversion"] == int(version)
    Draft202012Validator(schema).validate(example["data"])


def test_every_example_has_a_schema() -> None:
    types = {p.name[: -len(".schema.json")].rpartition(".v")[0] for p in SCHEMAS}
    assert {p.stem for p in EXAMPLES_DIR.glob("*.json")} <= types


def test_asyncapi_document_lists_every_event_type() -> None:
    document = yaml.safe_load(yaml.safe_dump(build()))  # what `eorder-asyncapi` prints
    assert document["asyncapi"] == "2.6.0"
    assert set(document["channels"]) == {p.name[: -len(".schema.json")].rpartition(".v")[0] for p in SCHEMAS}
    message = document["channels"]["order.submitted"]["subscribe"]["message"]
    assert message["bindings"]["amqp"]["messageType"] == "order.submitted"
    assert message["payload"]["properties"]["data"]["$ref"] == "#/components/schemas/order_submitted_v1"
    assert "order_submitted_v1" in document["components"]["schemas"]


def _shape_problems(typed: type, schema: dict, path: str) -> list[str]:
    """Where a TypedDict and a JSON Schema object disagree on field names or on which are required."""
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    problems = []
    if set(typed.__annotations__) != set(properties):
        problems.append(f"{path}: fields {sorted(typed.__annotations__)} != schema {sorted(properties)}")
    if set(typed.__required_keys__) != required:
        problems.append(f"{path}: required {sorted(typed.__required_keys__)} != schema {sorted(required)}")
    hints = get_type_hints(typed)
    for name, hint in hints.items():
        if get_origin(hint) is list and is_typeddict(get_args(hint)[0]) and name in properties:
            problems += _shape_problems(get_args(hint)[0], properties[name]["items"], f"{path}.{name}")
    return problems


@pytest.mark.parametrize("event", events.ALL, ids=lambda e: e.name)
def test_every_typed_event_matches_its_schema(event: events.EventType) -> None:
    path = SCHEMA_DIR / f"{event.name}.v{event.version}.schema.json"
    assert path.exists(), f"{event.name} v{event.version} has no schema"
    assert _shape_problems(event.data, json.loads(path.read_text()), event.name) == []


def test_every_schema_has_a_typed_event() -> None:
    typed = {(event.name, event.version) for event in events.ALL}
    for path in SCHEMAS:
        type_name, _, version = path.name[: -len(".schema.json")].rpartition(".v")
        assert (type_name, int(version)) in typed, f"{path.name} has no definition in eorder_contracts.events"
