"""The catalog's own settings, read from ``EORDER_CATALOG_*`` (or ``EORDER_*``) environment variables."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from servicekit.settings import ConfigurationError, Settings

from catalog.domain.pricing import MarkupRule

DEFAULT_MARKUP_THRESHOLD_PERCENT = 50
DEFAULT_ORDER_DAY_TIMEZONE = "Asia/Jakarta"
DEFAULT_LISTING_FRESH_MS = 400


@dataclass(frozen=True)
class CatalogSettings:
    markup_threshold_percent: int = DEFAULT_MARKUP_THRESHOLD_PERCENT
    """EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT: how far above the reference price a product is flagged."""
    order_day_timezone: str = DEFAULT_ORDER_DAY_TIMEZONE
    """EORDER_CATALOG_ORDER_DAY_TIMEZONE: whose calendar day made-to-order capacity is counted in."""
    listing_fresh_ms: int = DEFAULT_LISTING_FRESH_MS
    """EORDER_CATALOG_LISTING_FRESH_MS: how long a web process answers the public listing from a page it
    read (0: never), unless it wrote since; changes must show within a second, through the gateway too."""

    @classmethod
    def from_settings(cls, settings: Settings) -> "CatalogSettings":
        """The catalog's settings of this deployment. Event handlers ask for them per event, so each
        distinct configuration is parsed and checked only once."""
        return _parse(
            settings.int_setting("MARKUP_THRESHOLD_PERCENT", DEFAULT_MARKUP_THRESHOLD_PERCENT),
            settings.setting("ORDER_DAY_TIMEZONE", DEFAULT_ORDER_DAY_TIMEZONE),
            settings.int_setting("LISTING_FRESH_MS", DEFAULT_LISTING_FRESH_MS),
        )

    @property
    def order_day_zone(self) -> ZoneInfo:
        return ZoneInfo(self.order_day_timezone)

    @property
    def markup_rule(self) -> MarkupRule:
        return MarkupRule(self.markup_threshold_percent)


@lru_cache(maxsize=16)
def _parse(threshold: int, zone: str, listing_fresh_ms: int) -> CatalogSettings:
    if not 0 <= listing_fresh_ms <= 500:
        raise ConfigurationError("EORDER_CATALOG_LISTING_FRESH_MS must be between 0 and 500")
    if not 0 <= threshold <= 1000:
        raise ConfigurationError("EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT must be between 0 and 1000")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigurationError(
            f"EORDER_CATALOG_ORDER_DAY_TIMEZONE must be an IANA timezone such as Asia/Makassar, got {zone!r}"
        ) from exc
    return CatalogSettings(markup_threshold_percent=threshold, order_day_timezone=zone, listing_fresh_ms=listing_fresh_ms)


def check_settings(settings: Settings) -> None:
    """Refuse to start with settings that cannot be used (``ServiceDefinition.check_settings``)."""
    CatalogSettings.from_settings(settings)
