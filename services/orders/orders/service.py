"""The orders service as servicekit runs it: web, worker, migrations, embedded mode and tests start here."""
from __future__ import annotations

from pathlib import Path

import eorder_contracts

from servicekit.events.contracts import ContractRegistry
from servicekit.service import ServiceDefinition

from orders.api import register_api
from orders.demo_data import load_demo_data
from orders.handlers import HANDLERS
from orders.metrics import collectors
from orders.settings import check_settings
from orders.storage.tables import metadata, platform
from orders.storage.unit_of_work import OrdersUnitOfWork
from orders.sweeps import sweeps

NAME = "orders"
PORT = 8083

DEFINITION = ServiceDefinition(
    name=NAME,
    port=PORT,
    title="Open e-Order orders",
    description=(
        "Budget packages (RUP), orders drawn on them from one vendor's products, the order saga from "
        "draft to completion (approval, the vendor's answer, shipments, receipt check, BAST), deadlines "
        "in working days, order letters and receipts anyone can verify."
    ),
    metadata=metadata,
    tables=platform,
    migrations_dir=Path(__file__).resolve().parent / "migrations",
    register_api=register_api,
    unit_of_work=OrdersUnitOfWork,
    handlers=HANDLERS,
    sweeps=sweeps,
    collectors=collectors,
    contracts=ContractRegistry([eorder_contracts.SCHEMA_DIR]),
    load_demo_data=load_demo_data,
    check_settings=check_settings,
)
