"""The journal in beancount's plain-text format, so that an auditor can check it with beancount's
own tools (``bean-check``) and query it with theirs."""
from __future__ import annotations

from typing import Iterable

from payments.domain.ledger import JournalEntry

CURRENCY = "IDR"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', "'") + '"'


def journal_text(entries: Iterable[JournalEntry], *, title: str = "Open e-Order payments journal") -> str:
    entries = sorted(entries, key=lambda e: (e.occurred_at, e.id))
    opened: dict[str, str] = {}
    for entry in entries:
        for line in entry.lines:
            opened.setdefault(line.account, entry.occurred_at.date().isoformat())
    out = [f"option \"title\" {_quoted(title)}", f'option "operating_currency" "{CURRENCY}"', ""]
    out += [f"{day} open {account} {CURRENCY}" for account, day in sorted(opened.items(), key=lambda item: (item[1], item[0]))]
    for entry in entries:
        out.append("")
        out.append(f"{entry.occurred_at.date().isoformat()} * {_quoted(entry.narration)}")
        out.append(f"  entry: {_quoted(entry.id)}")
        out.append(f"  kind: {_quoted(entry.kind.value)}")
        if entry.reverses:
            out.append(f"  reverses: {_quoted(entry.reverses)}")
        for line in entry.lines:
            out.append(f"  {line.account}  {line.amount} {CURRENCY}")
    return "\n".join(out) + "\n"
