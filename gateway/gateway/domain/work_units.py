"""Work units (OPD/SKPD): the organisations officials act for."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9-]{1,19}$")


@dataclass(frozen=True)
class WorkUnit:
    code: str
    name: str
    active: bool
    created_at: datetime
    updated_at: datetime


def code_problems(code: str) -> list[str]:
    return [] if CODE_PATTERN.match(code) else ["2 to 20 upper-case letters, digits or '-'"]
