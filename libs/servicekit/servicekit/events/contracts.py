"""Event contracts: a JSON Schema per event type and version, checked when publishing and consuming."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from servicekit.events.envelope import Envelope


class EventTypeLike(Protocol):
    """An event type as a contracts library defines it: its name (the routing key) and data version."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> int: ...


class ContractViolation(ValueError):
    """An event whose data does not match its published schema."""


class UnknownContract(ContractViolation):
    """An event type (or version) for which no schema is published."""


class ContractRegistry:
    """Schemas found as ``<type>.v<version>.schema.json`` under one or more directories."""

    def __init__(self, directories: Iterable[Path]) -> None:
        self._validators: dict[tuple[str, int], Draft202012Validator] = {}
        self.schemas: dict[tuple[str, int], Mapping[str, Any]] = {}
        for directory in directories:
            for path in sorted(Path(directory).glob("*.schema.json")):
                stem = path.name[: -len(".schema.json")]
                type_name, _, version = stem.rpartition(".v")
                schema = json.loads(path.read_text())
                Draft202012Validator.check_schema(schema)
                self.schemas[(type_name, int(version))] = schema
                self._validators[(type_name, int(version))] = Draft202012Validator(schema)
        self.names = frozenset(type_name for type_name, _ in self.schemas)

    def types(self) -> list[str]:
        return sorted(self.names)

    def require(self, event: EventTypeLike) -> None:
        """Refuse an event type this registry holds no schema for (at start, not at the first event)."""
        if (event.name, event.version) not in self.schemas:
            raise UnknownContract(f"no schema for {event.name} version {event.version}")

    def validate_data(self, type_name: str, version: int, data: Mapping[str, Any]) -> None:
        validator = self._validators.get((type_name, version))
        if validator is None:
            raise UnknownContract(f"no schema for {type_name} version {version}")
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        if errors:
            first: ValidationError = errors[0]
            where = "/".join(str(p) for p in first.path) or "(root)"
            raise ContractViolation(f"{type_name} v{version}: {where}: {first.message}")

    def validate(self, envelope: Envelope) -> None:
        self.validate_data(envelope.type, envelope.dataschemaversion, envelope.data)
