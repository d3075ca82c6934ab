"""Settings: per-service names win over platform-wide ones; typed values refuse what they cannot read."""
from __future__ import annotations

import pytest

from servicekit.settings import ConfigurationError, Settings

pytestmark = pytest.mark.unit


def settings(**environ: str) -> Settings:
    return Settings.from_env("vendors", environ=environ)


def test_a_service_setting_overrides_the_platform_one() -> None:
    both = settings(EORDER_VENDORS_RETRY_SECONDS="1.5", EORDER_RETRY_SECONDS="9")
    assert both.float_setting("RETRY_SECONDS", 3.0) == 1.5
    assert settings(EORDER_RETRY_SECONDS="9").float_setting("RETRY_SECONDS", 3.0) == 9.0
    assert settings().float_setting("RETRY_SECONDS", 3.0) == 3.0


def test_lists_drop_blanks_and_fall_back_to_the_default() -> None:
    assert settings(EORDER_VENDORS_SCALES=" micro, ,small ").list_setting("SCALES", ["medium"]) == ["micro", "small"]
    assert settings().list_setting("SCALES", ["micro", "small"]) == ["micro", "small"]


@pytest.mark.parametrize(("method", "raw"), [("int_setting", "1.5"), ("int_setting", "many"), ("float_setting", "soon")])
def test_unreadable_numbers_refuse_to_start_naming_the_variable(method: str, raw: str) -> None:
    with pytest.raises(ConfigurationError, match=f"EORDER_VENDORS_LIMIT must be .*{raw!r}"):
        getattr(settings(EORDER_VENDORS_LIMIT=raw), method)("LIMIT", 1)
