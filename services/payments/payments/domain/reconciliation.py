"""Matching a work unit's bank statement with its payments.

The statement is CSV with a header row: ``date,reference,amount,description`` (ISO date, the bank's
reference of the transfer, the amount in whole rupiah, negative for money leaving the account,
free text). A line matches a payment when its reference is the payment's reference and it took
exactly the payment's net amount out. What is left on either side is listed for the treasurer.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from payments.domain.errors import InvalidFields
from payments.domain.payment import Payment

COLUMNS = ("date", "reference", "amount", "description")
MAX_LINES = 10_000


@dataclass(frozen=True)
class StatementLine:
    number: int
    day: date
    reference: str
    amount: int
    description: str


@dataclass(frozen=True)
class Reconciliation:
    matched: list[tuple[StatementLine, Payment]]
    unmatched_lines: list[StatementLine]
    unmatched_payments: list[Payment]


def read_statement(text: str) -> list[StatementLine]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InvalidFields({"statement": [f"the header must be {','.join(COLUMNS)}"]})
    lines, problems = [], []
    for number, row in enumerate(reader, start=2):
        try:
            amount = int(row["amount"])
            lines.append(StatementLine(number, date.fromisoformat(row["date"]), row["reference"].strip(), amount, row["description"] or ""))
        except (TypeError, ValueError):
            problems.append(f"line {number}: needs an ISO date and a whole number of rupiah")
        if len(lines) > MAX_LINES:
            problems.append(f"at most {MAX_LINES} lines per statement")
            break
    if problems:
        raise InvalidFields({"statement": problems[:20]})
    return lines


def reconcile(lines: Sequence[StatementLine], payments: Sequence[Payment]) -> Reconciliation:
    open_payments = {p.reference: p for p in payments if p.reference}
    matched, unmatched = [], []
    for line in lines:
        payment = open_payments.get(line.reference)
        if payment is not None and -line.amount == payment.net:
            matched.append((line, payment))
            del open_payments[line.reference]
        else:
            unmatched.append(line)
    left = [p for p in payments if p.reference in open_payments or not p.reference]
    return Reconciliation(matched, unmatched, left)
