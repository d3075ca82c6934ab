"""The vendors service as servicekit runs it: web, worker, migrations, embedded mode and tests start here."""
from __future__ import annotations

from pathlib import Path

import eorder_contracts

from servicekit.events.contracts import ContractRegistry
from servicekit.service import ServiceDefinition

from vendors.api import register_api
from vendors.demo_data import load_demo_data
from vendors.handlers import HANDLERS
from vendors.metrics import collectors
from vendors.settings import check_settings
from vendors.storage.tables import metadata, platform
from vendors.storage.unit_of_work import VendorsUnitOfWork

NAME = "vendors"
PORT = 8082

DEFINITION = ServiceDefinition(
    name=NAME,
    port=PORT,
    title="Open e-Order vendors",
    description=(
        "UMKM vendors: registration with legal ids (NIB, NPWP, NIK), business scale per PP 7/2021, "
        "verification by the procurement agency, bank accounts, and ratings from buyers."
    ),
    metadata=metadata,
    tables=platform,
    migrations_dir=Path(__file__).resolve().parent / "migrations",
    register_api=register_api,
    unit_of_work=VendorsUnitOfWork,
    handlers=HANDLERS,
    collectors=collectors,
    contracts=ContractRegistry([eorder_contracts.SCHEMA_DIR]),
    load_demo_data=load_demo_data,
    check_settings=check_settings,
)
