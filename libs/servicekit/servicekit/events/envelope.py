"""The CloudEvents 1.0 envelope (structured JSON) that every event travels in."""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping

SPECVERSION = "1.0"
CONTENT_TYPE = "application/cloudevents+json"
REQUIRED_ATTRIBUTES = ("specversion", "id", "source", "type", "time", "subject", "dataschemaversion", "data")


class InvalidEnvelope(ValueError):
    """A message that is not a CloudEvent the platform can handle."""


@dataclass(frozen=True)
class Envelope:
    id: str
    source: str
    type: str
    time: str
    subject: str
    data: Mapping[str, Any]
    dataschemaversion: int = 1
    correlationid: str | None = None
    requestid: str | None = None
    datacontenttype: str = "application/json"
    specversion: str = field(default=SPECVERSION)

    @classmethod
    def new(
        cls,
        *,
        service: str,
        type: str,
        subject: str,
        data: Mapping[str, Any],
        correlationid: str | None = None,
        requestid: str | None = None,
        dataschemaversion: int = 1,
        at: datetime | None = None,
    ) -> "Envelope":
        moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc)
        return cls(
            id=str(uuid.uuid4()),
            source=f"/eorder/{service}",
            type=type,
            time=moment.isoformat(timespec="microseconds").replace("+00:00", "Z"),
            subject=str(subject),
            data=dict(data),
            dataschemaversion=dataschemaversion,
            correlationid=correlationid,
            requestid=requestid,
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Envelope":
        missing = [name for name in REQUIRED_ATTRIBUTES if name not in raw]
        if missing:
            raise InvalidEnvelope(f"missing CloudEvents attributes: {', '.join(missing)}")
        if raw["specversion"] != SPECVERSION:
            raise InvalidEnvelope(f"unsupported specversion {raw['specversion']!r}")
        if not isinstance(raw["data"], Mapping):
            raise InvalidEnvelope("data must be a JSON object")
        try:
            uuid.UUID(str(raw["id"]))
        except ValueError as exc:
            raise InvalidEnvelope("id must be a UUID") from exc
        known = {name for name in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in raw.items() if k in known})

    @classmethod
    def from_json(cls, body: bytes | str) -> "Envelope":
        try:
            raw = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidEnvelope("body is not JSON") from exc
        if not isinstance(raw, Mapping):
            raise InvalidEnvelope("body is not a JSON object")
        return cls.from_dict(raw)
