"""JSON logs, one object per line, with service, level, request_id and correlationid."""
from __future__ import annotations

import logging
import sys
from typing import Any, MutableMapping

import structlog

from servicekit import context
from servicekit.redaction import redact_personal_data

_configured = False


def _add_context(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    event.setdefault("request_id", context.request_id.get())
    event.setdefault("correlationid", context.correlation_id.get())
    return event


def configure_logging(service: str, level: str = "INFO") -> None:
    """Idempotent: the embedded mode runs several services in one process; each logger carries its name."""
    global _configured
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        numeric = logging.INFO
    if not _configured:
        structlog.configure(
            processors=[
                structlog.contextvars.merge_contextvars,
                _add_context,
                structlog.processors.add_log_level,
                structlog.processors.TimeStamper(fmt="iso", utc=True),
                structlog.processors.format_exc_info,
                redact_personal_data,
                structlog.processors.JSONRenderer(),
            ],
            wrapper_class=structlog.make_filtering_bound_logger(numeric),
            logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
            cache_logger_on_first_use=False,
        )
        _configured = True
    if service:
        structlog.contextvars.bind_contextvars(service=service)


def bind_service(service: str) -> None:
    structlog.contextvars.bind_contextvars(service=service)
