"""The deployment's Rules (order policy, working calendar, verification address) from its settings,
built once per settings object: the web process, the worker's handlers and sweeps share them."""
from __future__ import annotations

import threading

from servicekit.deadlines import WorkingCalendar
from servicekit.settings import ConfigurationError, Settings

from orders.application.rules import Rules
from orders.settings import order_policy, verify_base_url

_built: dict[int, tuple[Settings, Rules]] = {}
_lock = threading.Lock()


def rules_of(settings: Settings, calendar: WorkingCalendar | None = None) -> Rules:
    with _lock:
        cached = _built.get(id(settings))
        if cached is not None and cached[0] is settings:
            return cached[1]
        if calendar is None:
            try:
                calendar = WorkingCalendar.from_settings(settings.closed_days)
            except ValueError as exc:
                raise ConfigurationError(f"EORDER_CLOSED_DAYS: {exc}") from exc
        rules = Rules(order_policy(settings), calendar, verify_base_url(settings))
        _built[id(settings)] = (settings, rules)
        return rules
