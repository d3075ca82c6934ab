"""The journal: every entry balances (the domain refuses any other), reversals undo without editing,
and beancount's own loader accepts the export."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from beancount import loader

from payments.domain import ledger
from payments.domain.beancount import journal_text
from payments.domain.errors import UnbalancedEntry
from payments.domain.tax import Withholding

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 4, 7, 30, tzinfo=UTC)
VENDOR = "0c5f6b1e-2a3d-4b5c-8d7e-9f0a1b2c3d4e"
PPN = Withholding("ppn", 1_100_000, 10_000_000, 1100, "ppn@2025-01-01", "PMK 131/2024")
PPH22 = Withholding("pph22", 150_000, 10_000_000, 150, "pph22@2022-04-01", "PMK 59/PMK.03/2022")


def bast() -> ledger.JournalEntry:
    return ledger.bast_entry("e1", invoice_id="i1", work_unit="DPPKUKM", vendor_id=VENDOR, bast_number="BAST/1", total=11_100_000, at=AT)


def payment() -> ledger.JournalEntry:
    return ledger.payment_entry("e2", payment_id="p1", work_unit="DPPKUKM", vendor_id=VENDOR, gross=11_100_000, withholdings=[PPN, PPH22], at=AT)


def test_a_bast_and_its_payment_leave_the_payable_settled_and_taxes_owed() -> None:
    balances = ledger.balances([*bast().lines, *payment().lines])
    assert balances == {
        "Assets:Bank:DPPKUKM": -9_850_000,
        "Expenses:Spending:DPPKUKM": 11_100_000,
        f"Liabilities:Payable:DPPKUKM:V-{VENDOR}": 0,
        "Liabilities:Tax:PPH22:DPPKUKM": -150_000,
        "Liabilities:Tax:PPN:DPPKUKM": -1_100_000,
    }
    assert sum(balances.values()) == 0


def test_a_tax_deposit_clears_the_tax_payable() -> None:
    deposit = ledger.tax_deposit_entry("e3", kind="ppn", work_unit="DPPKUKM", amount=1_100_000, reference="NTPN-1", at=AT)
    assert ledger.balances([*payment().lines, *deposit.lines])["Liabilities:Tax:PPN:DPPKUKM"] == 0


@pytest.mark.parametrize(
    "lines",
    [
        (ledger.Line("Assets:Bank:X", 100), ledger.Line("Expenses:Spending:X", -99)),
        (ledger.Line("Assets:Bank:X", 100),),
        (ledger.Line("Assets:Bank:X", 0), ledger.Line("Expenses:Spending:X", 0)),
    ],
)
def test_an_entry_that_does_not_balance_cannot_exist(lines: tuple[ledger.Line, ...]) -> None:
    with pytest.raises(UnbalancedEntry):
        ledger.JournalEntry("bad", ledger.EntryKind.BAST, "X", "r", "n", AT, lines)


def test_a_reversal_negates_every_line_and_names_what_it_reverses() -> None:
    original = payment()
    reversal = ledger.reversal_of(original, "e9", why="the bank returned the transfer", at=AT)
    assert reversal.reverses == "e2" and reversal.kind is ledger.EntryKind.REVERSAL
    assert set(ledger.balances([*original.lines, *reversal.lines]).values()) == {0}


def test_beancount_accepts_the_exported_journal() -> None:
    entries = [bast(), payment(), ledger.reversal_of(payment(), "e9", why='a "quoted" reason', at=AT)]
    text = journal_text(entries)
    loaded, errors, _options = loader.load_string(text)
    assert errors == []
    assert len([entry for entry in loaded if type(entry).__name__ == "Transaction"]) == 3


def test_beancount_refuses_an_unbalanced_journal_so_the_check_can_fail() -> None:
    text = journal_text([bast()]).replace("-11100000 IDR", "-11000000 IDR")
    _loaded, errors, _options = loader.load_string(text)
    assert errors
