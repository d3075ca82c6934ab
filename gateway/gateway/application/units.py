"""The factory of the gateway's units of work, as its use cases receive it."""
from __future__ import annotations

from servicekit.storage import UnitOfWorkFactory

from gateway.storage.unit_of_work import GatewayUnitOfWork

Gateways = UnitOfWorkFactory[GatewayUnitOfWork]
