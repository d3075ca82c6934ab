"""Who makes a change, as the audit trail records it: a person acting through a token, or the
platform itself (an event handler, a deadline sweep, the demo data)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class Actor:
    subject: str
    roles: Sequence[str] = ()

    @classmethod
    def system(cls, what: str) -> "Actor":
        return cls(subject=f"system:{what}", roles=())
