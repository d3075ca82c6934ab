"""The catalog service's definition: what the app factory, worker, migrations, embedded mode and
test harness build it from."""
from __future__ import annotations

from pathlib import Path

from eorder_contracts import SCHEMA_DIR
from servicekit.events.contracts import ContractRegistry
from servicekit.service import ServiceDefinition

from catalog.api import register_api
from catalog.demo_data import load_demo_data
from catalog.handlers import HANDLERS
from catalog.metrics import collectors
from catalog.settings import check_settings
from catalog.storage.tables import metadata, platform
from catalog.storage.unit_of_work import CatalogUnitOfWork

DEFINITION = ServiceDefinition(
    name="catalog",
    port=8081,
    title="Open e-Order catalog",
    description=(
        "Categories, products and their curation, the reference price, and stock reservations for orders. "
        "Anyone may search listed products; vendors manage their own; admins curate and manage categories."
    ),
    metadata=metadata,
    tables=platform,
    migrations_dir=Path(__file__).resolve().parent / "migrations",
    register_api=register_api,
    unit_of_work=CatalogUnitOfWork,
    handlers=HANDLERS,
    collectors=collectors,
    contracts=ContractRegistry([SCHEMA_DIR]),
    load_demo_data=load_demo_data,
    check_settings=check_settings,
)
