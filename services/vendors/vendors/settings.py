"""The vendors service's own settings, read from ``EORDER_VENDORS_*`` (falling back to ``EORDER_*``).

| variable | default | meaning |
|---|---|---|
| ``EORDER_VENDORS_ADMITTED_SCALES`` | ``micro,small`` | business scales that may register (``micro``, ``small``, ``medium``) |
| ``EORDER_VENDORS_CATEGORIES`` | the eight default slugs | category slugs a vendor may claim (the catalog owns the tree) |
"""
from __future__ import annotations

from servicekit.settings import ConfigurationError, Settings

from vendors.domain.admission import DEFAULT_ADMITTED_SCALES, DEFAULT_CATEGORIES, AdmissionPolicy
from vendors.domain.scale import Scale


def admission_policy(settings: Settings) -> AdmissionPolicy:
    """The deployment's admission policy; ConfigurationError (refusing to start) when it makes no sense."""
    scale_names = settings.list_setting("ADMITTED_SCALES", DEFAULT_ADMITTED_SCALES)
    categories = settings.list_setting("CATEGORIES", DEFAULT_CATEGORIES)
    unknown = [name for name in scale_names if name not in {s.value for s in Scale}]
    if unknown:
        raise ConfigurationError(f"EORDER_VENDORS_ADMITTED_SCALES: unknown scales {unknown}; use micro, small, medium")
    try:
        return AdmissionPolicy(admitted_scales=frozenset(Scale(n) for n in scale_names), categories=frozenset(categories))
    except ValueError as exc:
        raise ConfigurationError(f"vendors admission settings: {exc}") from exc


def check_settings(settings: Settings) -> None:
    admission_policy(settings)
