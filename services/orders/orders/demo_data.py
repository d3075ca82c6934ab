"""The embedded mode's demonstration data: budget packages for the demo work units, assigned to the
demo officers (loaded once, by the same use cases as the API)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from servicekit.actors import Actor
from servicekit.settings import ConfigurationError

from orders.application.packages import assign_commitment_officer, assign_procurement_officers, import_packages

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

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


def load_demo_data(runtime: "ServiceRuntime") -> None:
    if runtime.settings.is_production:
        raise ConfigurationError("demo data is never loaded in production")
    uows = runtime.uow
    with uows.read() as uow:
        if uow.packages.any_exist():
            return
    for work_unit, (number, rows) in DEMO_PACKAGES.items():
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
