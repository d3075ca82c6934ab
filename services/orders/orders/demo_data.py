"""The embedded mode's demonstration data, loaded once by the same use cases as the API: budget
packages for the demo work units, assigned to the demo officers; then, once the catalog's and the
vendors' demo events have reached orders' read models, orders in several states."""
from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

import structlog

from servicekit.actors import Actor
from servicekit.settings import ConfigurationError

from orders.application.approval import approve_order
from orders.application.delivery import check_shipment, ship_order
from orders.application.drafting import create_draft
from orders.application.packages import assign_commitment_officer, assign_procurement_officers, import_packages
from orders.application.rules import Orders, Rules
from orders.application.submitting import submit_order
from orders.application.vendor_response import accept_order
from orders.domain.lifecycle import State
from orders.domain.order import Order
from orders.domain.packages import Package
from orders.rules import rules_of

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

log = structlog.get_logger(__name__)

FISCAL_YEAR = 2026
# The gateway's demo accounts: po1/ppk1/budget1 work for DPPKUKM, po2/ppk2/budget2 for BIROUMUM.
DEMO_PACKAGES = {
    "DPPKUKM": (1, [
        ("RUP-DPPKUKM-2026-001", "Konsumsi rapat koordinasi UMKM", "5.1.02.01.01.0052", 120_000_000),
        ("RUP-DPPKUKM-2026-002", "Alat tulis kantor", "5.1.02.01.01.0024", 40_000_000),
    ]),
    "BIROUMUM": (2, [
        ("RUP-BIROUMUM-2026-001", "Konsumsi rapat pimpinan", "5.1.02.01.01.0052", 150_000_000),
        ("RUP-BIROUMUM-2026-002", "Bahan cetak dan penggandaan", "5.1.02.01.01.0026", 60_000_000),
    ]),
}
# Dapur Bu Sari, the vendors service's first verified demo vendor (uuid5 of its business name, as the
# gateway's demo data copies it): the demo orders buy from it.
DEMO_VENDOR_ID = "2f8b43e2-3cd3-504d-aa7a-2d3793ce589f"
# How far each demo order goes: draft, submitted (catalog reserves it), approved, accepted, received.
DEMO_ORDER_STAGES = (State.DRAFT, State.AWAITING_APPROVAL, State.AWAITING_VENDOR, State.ACCEPTED, State.RECEIVED)
WAIT_SECONDS = 120.0


def load_demo_data(runtime: "ServiceRuntime") -> None:
    if runtime.settings.is_production:
        raise ConfigurationError("demo data is never loaded in production")
    uows = runtime.uow
    with uows.read() as uow:
        if uow.packages.any_exist():
            return
    first_package = None
    for work_unit, (number, rows) in DEMO_PACKAGES.items():
        packages = _register(uows, work_unit, number, rows)
        first_package = first_package or packages[0]
    assert first_package is not None
    rules = rules_of(runtime.settings, runtime.calendar)
    # The read models fill only once every service's worker relays its demo events, after this returns.
    threading.Thread(target=_demo_orders, args=(uows, rules, first_package), name="orders-demo-orders", daemon=True).start()


def _register(uows: Orders, work_unit: str, number: int, rows: list[tuple[str, str, str, int]]) -> list[Package]:
    budget_holder = Actor(f"budget{number}", ("budget_holder",))
    commitment_officer = Actor(f"ppk{number}", ("commitment_officer",))
    packages = import_packages(
        uows,
        [dict(rup_code=code, name=name, budget_account=account, fiscal_year=FISCAL_YEAR, amount=amount) for code, name, account, amount in rows],
        work_unit=work_unit,
        actor=budget_holder,
    )
    for package in packages:
        assign_commitment_officer(uows, package.id, commitment_officer.subject, work_unit=work_unit, actor=budget_holder)
        assign_procurement_officers(uows, package.id, [f"po{number}"], actor=commitment_officer)
    return packages


def _demo_orders(uows: Orders, rules: Rules, package: Package) -> None:
    po, ppk = Actor("po1", ("procurement_officer",)), Actor("ppk1", ("commitment_officer",))
    vendor = Actor("vendor1", ("vendor",))
    try:
        products = _when(lambda: _orderable(uows))
        if not products:
            log.warning("demo orders skipped: the demo vendor's products did not reach orders", vendor_id=DEMO_VENDOR_ID)
            return
        product = products[0]
        for stage in DEMO_ORDER_STAGES:
            body = {
                "package_id": package.id,
                "lines": [{"product_id": product.id, "quantity": max(product.min_quantity or 1, 20)}],
                "delivery_address": "Jl. Perintis Kemerdekaan No. 2, Jakarta Pusat",
                "requested_delivery_date": date.today() + timedelta(days=21),
                "notes": "Data demonstrasi",
            }
            order = create_draft(uows, body, actor=po, work_unit=package.work_unit, rules=rules)
            if stage is State.DRAFT:
                continue
            submit_order(uows, order.id, accept_current_prices=True, actor=po, rules=rules)
            if not _when(lambda: _in_state(uows, order.id, State.AWAITING_APPROVAL)) or stage is State.AWAITING_APPROVAL:
                continue
            approve_order(uows, order.id, actor=ppk, rules=rules)
            if stage is State.AWAITING_VENDOR:
                continue
            accepted = accept_order(uows, order.id, actor=vendor, rules=rules)
            if stage is State.ACCEPTED:
                continue
            lines = [{"product_id": line.product_id, "quantity": line.quantity} for line in accepted.lines]
            shipped = ship_order(uows, order.id, lines, "Dikirim pagi", actor=vendor, rules=rules)
            checked = [{"product_id": line["product_id"], "accepted": line["quantity"]} for line in lines]
            check_shipment(uows, order.id, shipped.shipments[-1].id, checked, actor=ppk, rules=rules)
    except Exception:  # demo data must never take the embedded platform down
        log.exception("demo orders could not be loaded")


def _orderable(uows: Orders) -> list:
    with uows.read() as uow:
        return uow.products.orderable_of_vendor(DEMO_VENDOR_ID) if uow.vendors.get(DEMO_VENDOR_ID) else []


def _in_state(uows: Orders, order_id: str, state: State) -> bool:
    with uows.read() as uow:
        order: Order | None = uow.orders.get(order_id)
    return order is not None and order.state is state


def _when(ready: Callable[[], object]) -> object:
    """What ``ready`` answers once it is truthy, polling (the demo has no event to wait on), or a falsy
    answer after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    answer = ready()
    while not answer and time.monotonic() < deadline:
        time.sleep(0.5)
        answer = ready()
    return answer
