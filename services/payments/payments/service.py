"""The payments service as servicekit runs it: web, worker, migrations, embedded mode and tests start here."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import eorder_contracts

from servicekit.events.contracts import ContractRegistry
from servicekit.service import ServiceDefinition

from payments.api import register_api
from payments.adapters.bank import HttpBank
from payments.demo_data import load_demo_data
from payments.application.deadlines import deadline_sweeps, transfer_sweeps
from payments.handlers import HANDLERS
from payments.metrics import collectors
from payments.settings import bank_settings, check_settings, payment_policy
from payments.storage.tables import metadata, platform
from payments.storage.unit_of_work import PaymentsUnitOfWork

if TYPE_CHECKING:
    from servicekit.deadlines import Sweep
    from servicekit.service import ServiceRuntime

NAME = "payments"
PORT = 8084


def sweeps(runtime: "ServiceRuntime") -> Sequence["Sweep"]:
    config = bank_settings(runtime.settings)
    bank = HttpBank(config.url, timeout_seconds=config.timeout_seconds)
    return [*deadline_sweeps(runtime.uow, payment_policy(runtime.settings)), *transfer_sweeps(runtime.uow, bank, config)]


DEFINITION = ServiceDefinition(
    name=NAME,
    port=PORT,
    title="Open e-Order payments",
    description=(
        "Invoices drafted from the BAST, tax withheld by the treasurer under a rule table with effective dates, "
        "payments by manual transfer, autodebet or KKPD card, the double-entry ledger, and the 3-working-day payment deadline."
    ),
    metadata=metadata,
    tables=platform,
    migrations_dir=Path(__file__).resolve().parent / "migrations",
    register_api=register_api,
    unit_of_work=PaymentsUnitOfWork,
    handlers=HANDLERS,
    sweeps=sweeps,
    collectors=collectors,
    contracts=ContractRegistry([eorder_contracts.SCHEMA_DIR]),
    load_demo_data=load_demo_data,
    check_settings=check_settings,
)
