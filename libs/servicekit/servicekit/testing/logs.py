"""Reading what a service logs, as rendered (after every processor, redaction included)."""
from __future__ import annotations

import io
import json
from contextlib import contextmanager
from typing import Any, Iterator

import structlog


class LogLines:
    def __init__(self) -> None:
        self.buffer = io.StringIO()

    def lines(self) -> list[str]:
        return self.buffer.getvalue().splitlines()

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines()]


@contextmanager
def captured_log_lines() -> Iterator[LogLines]:
    """Every JSON log line written inside the block (structlog writes them here instead of stderr)."""
    captured = LogLines()
    previous = structlog.get_config()["logger_factory"]
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=captured.buffer))
    try:
        yield captured
    finally:
        structlog.configure(logger_factory=previous)
