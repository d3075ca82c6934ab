"""Demonstration accounts for the embedded mode (password ``demo``); never in production.

Loaded once: an existing username is left alone, so restarts keep any changes made to the accounts.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from servicekit.settings import ConfigurationError
from servicekit.actors import Actor

from gateway.components import gateway_of
from gateway.application.accounts import NewAccount

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

log = structlog.get_logger(__name__)

DEMO_PASSWORD = "demo"

# Two Jakarta provincial work units (OPD) that buy from the demo vendors.
DEMO_WORK_UNITS = (
    ("DPPKUKM", "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah Provinsi DKI Jakarta"),
    ("BIROUMUM", "Biro Umum dan Administrasi Sekretariat Daerah Provinsi DKI Jakarta"),
)

# The vendors service's first five verified demo vendors (DEMO_VENDOR_IDS in
# services/vendors/vendors/demo_data.py: uuid5(6f1c1a52-4b7e-4c59-9a8e-0d8c7c3e2b10, business name)).
# Copied, not imported: services never import each other. tests/e2e/test_gateway_with_services.py
# checks that the two lists agree.
DEMO_VENDOR_IDS = (
    "2f8b43e2-3cd3-504d-aa7a-2d3793ce589f",  # Dapur Bu Sari
    "c41b5d58-3dc2-530f-9ba8-3fdfab452cb1",  # Katering Berkah Mandiri
    "f0e90ac9-018f-5e32-b133-b0033854981f",  # Snack Box Mawar
    "50fa3beb-8d07-5655-b308-a27aa62be284",  # Warung Nasi Kotak Pak Darto
    "95dc85c0-fb5c-530d-afe9-b3b6a85ca8c5",  # Kue Basah Ibu Ratna
)

OFFICIALS = (("po", "procurement_officer"), ("ppk", "commitment_officer"), ("treasurer", "treasurer"), ("budget", "budget_holder"))


def demo_accounts() -> list[NewAccount]:
    accounts = [
        NewAccount("admin", DEMO_PASSWORD, frozenset({"admin"})),
        NewAccount("auditor", DEMO_PASSWORD, frozenset({"auditor"})),
    ]
    for number, (code, _name) in enumerate(DEMO_WORK_UNITS, start=1):
        accounts += [
            NewAccount(f"{prefix}{number}", DEMO_PASSWORD, frozenset({role}), work_unit=code) for prefix, role in OFFICIALS
        ]
    accounts += [
        NewAccount(f"vendor{number}", DEMO_PASSWORD, frozenset({"vendor"}), vendor_id=vendor_id)
        for number, vendor_id in enumerate(DEMO_VENDOR_IDS, start=1)
    ]
    return accounts


def load_demo_data(runtime: "ServiceRuntime") -> None:
    if runtime.settings.is_production:
        raise ConfigurationError("demo accounts are never created in production")
    gateway = gateway_of(runtime)
    if gateway.settings.sso_mode:
        log.info("single sign-on mode: no demo accounts")
        return
    actor = Actor.system("demo-data")
    with runtime.uow.transaction() as transaction:  # all of it or nothing: the use cases join it
        for code, name in DEMO_WORK_UNITS:
            gateway.work_units.ensure(actor, code, name)
        for account in demo_accounts():
            # "demo" is far below the password policy: that is the point of a demo password, and
            # why these accounts exist only outside production.
            gateway.accounts.ensure(actor, account, check_password=False)
        transaction.commit()
