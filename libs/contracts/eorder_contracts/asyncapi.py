"""The topic catalogue as an AsyncAPI 2.6 document, built from the schemas and examples, so that
other provinces can subscribe without reading code. ``eorder-asyncapi > asyncapi.yaml``."""
from __future__ import annotations

import json
import sys
from typing import Any

import yaml

from eorder_contracts import EXAMPLES_DIR, PUBLISHERS, SCHEMA_DIR


def _envelope_schema(data_ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["specversion", "id", "source", "type", "time", "subject", "dataschemaversion", "data"],
        "properties": {
            "specversion": {"type": "string", "const": "1.0"},
            "id": {"type": "string", "format": "uuid"},
            "source": {"type": "string", "description": "/eorder/<service>"},
            "type": {"type": "string", "description": "the routing key"},
            "time": {"type": "string", "format": "date-time"},
            "subject": {"type": "string", "description": "the aggregate id"},
            "datacontenttype": {"type": "string", "const": "application/json"},
            "dataschemaversion": {"type": "integer", "minimum": 1},
            "correlationid": {"type": "string", "description": "the saga's id"},
            "requestid": {"type": "string", "description": "the X-Request-ID that caused the event"},
            "data": {"$ref": data_ref},
        },
    }


def build(exchange: str = "eorder.events") -> dict[str, Any]:
    channels: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        type_name, _, version = path.name[: -len(".schema.json")].rpartition(".v")
        schema = json.loads(path.read_text())
        key = f"{type_name}.v{version}".replace(".", "_")
        schemas[key] = {k: v for k, v in schema.items() if k != "$schema"}
        example_path = EXAMPLES_DIR / f"{type_name}.json"
        message: dict[str, Any] = {
            "name": type_name,
            "title": schema.get("title", type_name),
            "summary": schema.get("description", ""),
            "contentType": "application/cloudevents+json",
            # The AMQP message_id property repeats the envelope's id; type repeats the routing key.
            "bindings": {"amqp": {"messageType": type_name, "bindingVersion": "0.2.0"}},
            "payload": _envelope_schema(f"#/components/schemas/{key}"),
            "x-dataschemaversion": int(version),
        }
        if example_path.exists():
            message["examples"] = [{"name": "example", "payload": json.loads(example_path.read_text())}]
        publisher = PUBLISHERS.get(type_name.split(".")[0], "unknown")
        channels[type_name] = {
            "description": f"Published by {publisher} to the topic exchange with routing key `{type_name}`.",
            "subscribe": {"operationId": f"on_{type_name.replace('.', '_')}", "message": message},
            "bindings": {
                "amqp": {
                    "is": "routingKey",
                    "exchange": {"name": exchange, "type": "topic", "durable": True, "autoDelete": False, "vhost": "/"},
                    "bindingVersion": "0.2.0",
                }
            },
        }
    return {
        "asyncapi": "2.6.0",
        "info": {
            "title": "Open e-Order events",
            "version": "1.0.0",
            "description": (
                "Every event is a CloudEvents 1.0 structured JSON message on the durable topic exchange "
                f"`{exchange}`; the routing key is the event type. Subscribe with your own durable queue "
                "bound to the keys you need; deliveries are at least once, so de-duplicate by `id`."
            ),
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "rabbitmq": {"url": "amqp://{host}:5672", "protocol": "amqp", "variables": {"host": {"default": "localhost"}}}
        },
        "channels": channels,
        "components": {"schemas": schemas},
    }


def main() -> None:
    yaml.safe_dump(build(), sys.stdout, sort_keys=False, allow_unicode=True)


if __name__ == "__main__":
    main()
