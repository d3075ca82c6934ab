"""The double-entry journal, in integer rupiah: append-only, every entry balanced.

A line's amount is signed: debits positive, credits negative, so an entry balances when its lines
sum to zero. Nothing is ever edited: what is undone is a reversal entry with the lines negated,
pointing at the entry it reverses.

Accounts, per work unit (``wu``) and vendor:
    Expenses:Spending:<wu>                 what the work unit spent (debited at the BAST)
    Liabilities:Payable:<wu>:V-<vendor>    what it owes the vendor (credited at the BAST)
    Assets:Bank:<wu>                       its bank account (credited when paying)
    Liabilities:Tax:<KIND>:<wu>            tax withheld, owed to the state until deposited
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Iterable, Sequence

from payments.domain.errors import UnbalancedEntry
from payments.domain.tax import Withholding


class EntryKind(str, Enum):
    BAST = "bast"
    PAYMENT = "payment"
    TAX_DEPOSIT = "tax_deposit"
    REVERSAL = "reversal"


@dataclass(frozen=True)
class Line:
    account: str
    amount: int
    """Debit positive, credit negative; never zero."""


@dataclass(frozen=True)
class JournalEntry:
    id: str
    kind: EntryKind
    work_unit: str
    reference: str
    """What the entry records: the invoice, the payment, the deposit."""
    narration: str
    occurred_at: datetime
    lines: tuple[Line, ...]
    reverses: str | None = None

    def __post_init__(self) -> None:
        if len(self.lines) < 2:
            raise UnbalancedEntry(f"entry {self.id}: an entry has at least two lines")
        if any(isinstance(l.amount, bool) or not isinstance(l.amount, int) or l.amount == 0 for l in self.lines):
            raise UnbalancedEntry(f"entry {self.id}: every line is a non-zero whole number of rupiah")
        if sum(line.amount for line in self.lines) != 0:
            raise UnbalancedEntry(f"entry {self.id}: debits and credits differ by {sum(l.amount for l in self.lines)}")


def _component(text: str) -> str:
    """An account name component from a code: letters, digits and dashes, starting with a capital."""
    cleaned = re.sub(r"[^A-Za-z0-9-]", "-", text.strip()).strip("-") or "X"
    return cleaned[0].upper() + cleaned[1:] if cleaned[0].isalpha() else f"X{cleaned}"


def spending(work_unit: str) -> str:
    return f"Expenses:Spending:{_component(work_unit)}"


def payable(work_unit: str, vendor_id: str) -> str:
    return f"Liabilities:Payable:{_component(work_unit)}:V-{vendor_id}"


def bank(work_unit: str) -> str:
    return f"Assets:Bank:{_component(work_unit)}"


def tax_payable(kind: str, work_unit: str) -> str:
    return f"Liabilities:Tax:{_component(kind.upper())}:{_component(work_unit)}"


def bast_entry(entry_id: str, *, invoice_id: str, work_unit: str, vendor_id: str, bast_number: str, total: int, at: datetime) -> JournalEntry:
    return JournalEntry(
        entry_id,
        EntryKind.BAST,
        work_unit,
        invoice_id,
        f"BAST {bast_number}",
        at,
        (Line(spending(work_unit), total), Line(payable(work_unit, vendor_id), -total)),
    )


def payment_entry(
    entry_id: str,
    *,
    payment_id: str,
    work_unit: str,
    vendor_id: str,
    gross: int,
    withholdings: Sequence[Withholding],
    at: datetime,
) -> JournalEntry:
    withheld = sum(w.amount for w in withholdings)
    lines = [Line(payable(work_unit, vendor_id), gross)]
    if gross - withheld:
        lines.append(Line(bank(work_unit), -(gross - withheld)))
    lines += [Line(tax_payable(w.kind, work_unit), -w.amount) for w in withholdings if w.amount]
    return JournalEntry(entry_id, EntryKind.PAYMENT, work_unit, payment_id, f"payment {payment_id}", at, tuple(lines))


def tax_deposit_entry(entry_id: str, *, kind: str, work_unit: str, amount: int, reference: str, at: datetime) -> JournalEntry:
    return JournalEntry(
        entry_id,
        EntryKind.TAX_DEPOSIT,
        work_unit,
        reference,
        f"{kind} deposited ({reference})",
        at,
        (Line(tax_payable(kind, work_unit), amount), Line(bank(work_unit), -amount)),
    )


def reversal_of(entry: JournalEntry, entry_id: str, *, why: str, at: datetime) -> JournalEntry:
    return JournalEntry(
        entry_id,
        EntryKind.REVERSAL,
        entry.work_unit,
        entry.reference,
        f"reverses {entry.id}: {why}",
        at,
        tuple(Line(line.account, -line.amount) for line in entry.lines),
        reverses=entry.id,
    )


def balances(lines: Iterable[Line]) -> dict[str, int]:
    """The balance of every account the lines touch (debit positive)."""
    totals: dict[str, int] = {}
    for line in lines:
        totals[line.account] = totals.get(line.account, 0) + line.amount
    return dict(sorted(totals.items()))
