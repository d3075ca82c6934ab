"""The treasurer depositing withheld tax to the state (with the deposit's NTPN as reference)."""
from __future__ import annotations

import uuid

from servicekit.actors import Actor
from servicekit.errors import RuleViolation
from servicekit.storage import utcnow

from payments.application.reading import Payments
from payments.domain import ledger


class MoreThanWithheld(RuleViolation):
    slug = "more-than-withheld"

    def __init__(self, owed: int) -> None:
        super().__init__(f"the work unit owes {owed} rupiah of this tax; a deposit cannot exceed it", errors={"amount": [f"at most {owed}"]})


def record_tax_deposit(uows: Payments, *, work_unit: str, kind: str, amount: int, reference: str, actor: Actor) -> ledger.JournalEntry:
    with uows() as uow:
        account = ledger.tax_payable(kind, work_unit)
        owed = -uow.ledger.trial_balance(work_unit=work_unit).get(account, 0)
        if amount > owed:
            raise MoreThanWithheld(owed)
        entry = ledger.tax_deposit_entry(str(uuid.uuid4()), kind=kind, work_unit=work_unit, amount=amount, reference=reference, at=utcnow())
        uow.ledger.append(entry)
        uow.audit(actor, "tax_deposited", "work_unit", work_unit, after={"kind": kind, "amount": amount, "reference": reference})
        uow.commit()
    return entry
