"""The sandbox bank as servicekit runs it (port 8090): no events, its own SQLite or PostgreSQL
database, and a sweep that completes transfers and calls the payer back.

| variable | default | meaning |
|---|---|---|
| ``EORDER_SANDBOXBANK_CALLBACK_SECRET`` | ``sandbox-callback-secret`` | the HMAC key of its callbacks (payments holds the same) |
| ``EORDER_SANDBOXBANK_SETTLE_SECONDS`` | ``2`` | how long a transfer stays pending before it completes |
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import eorder_contracts

from servicekit.deadlines import Sweep
from servicekit.events.contracts import ContractRegistry
from servicekit.service import ServiceDefinition
from servicekit.settings import ConfigurationError, Settings

from payments.adapters.sandbox_bank import bank
from payments.adapters.sandbox_bank.api import register_api
from payments.adapters.sandbox_bank.tables import metadata, platform

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

DEV_CALLBACK_SECRET = "sandbox-callback-secret"
DEMO_WORK_UNITS = ("DPPKUKM", "DISKOMINFOTIK", "BPKD", "DINKES", "DISPARBUD")
DEMO_BALANCE = 5_000_000_000


def callback_secret(settings: Settings) -> str:
    return settings.setting("CALLBACK_SECRET", DEV_CALLBACK_SECRET)


def check_settings(settings: Settings) -> None:
    if settings.is_production:
        raise ConfigurationError("the sandbox bank is not for production: configure the real bank's adapter instead")


def settle(runtime: "ServiceRuntime", uow: Any, now: datetime) -> int:
    """Complete what is due, commit, then call the payers back (after the commit, so a callback
    never tells of a transfer the bank does not have)."""
    done = bank.complete_due(uow.session, now)
    uow.commit()
    secret = callback_secret(runtime.settings)
    for item in done:
        bank.call_back(item, secret)
    return len(done)


def sweeps(runtime: "ServiceRuntime") -> Sequence[Sweep]:
    return [Sweep("sandbox-bank-settlement", lambda uow, now: settle(runtime, uow, now), every_seconds=0.5)]


def load_demo_data(runtime: "ServiceRuntime") -> None:
    """An account per demo work unit at the sandbox bank, opened once."""
    with runtime.uow() as uow:
        for code in DEMO_WORK_UNITS:
            if bank.account(uow.session, f"WU-{code}") is None:
                bank.open_account(uow.session, f"WU-{code}", f"Bendahara {code}", DEMO_BALANCE, False)
        uow.commit()


DEFINITION = ServiceDefinition(
    name="sandboxbank",
    port=8090,
    title="Open e-Order sandbox bank",
    description="A stand-in for a bank's transfer API: accounts, transfers by idempotency key, signed callbacks, and misbehaviour on request.",
    metadata=metadata,
    tables=platform,
    migrations_dir=Path(__file__).resolve().parent / "migrations",
    register_api=register_api,
    contracts=ContractRegistry([eorder_contracts.SCHEMA_DIR]),
    sweeps=sweeps,
    load_demo_data=load_demo_data,
    check_settings=check_settings,
    uses_broker=False,
)
