"""The vendors settings: defaults, overrides, and a refusal to start with ones that make no sense."""
from __future__ import annotations

import pytest

from servicekit.settings import ConfigurationError, Settings
from vendors.domain.admission import DEFAULT_CATEGORIES
from vendors.domain.scale import Scale
from vendors.settings import admission_policy

pytestmark = pytest.mark.unit


def settings(**environ: str) -> Settings:
    return Settings.from_env("vendors", environ=environ)


def test_defaults_admit_micro_and_small_and_the_default_categories() -> None:
    policy = admission_policy(settings())
    assert policy.admitted_scales == {Scale.MICRO, Scale.SMALL}
    assert policy.categories == set(DEFAULT_CATEGORIES)


def test_a_deployment_sets_its_own_scales_and_categories() -> None:
    policy = admission_policy(
        settings(EORDER_VENDORS_ADMITTED_SCALES=" micro , medium ", EORDER_VENDORS_CATEGORIES="catering,batik")
    )
    assert policy.admitted_scales == {Scale.MICRO, Scale.MEDIUM}
    assert policy.categories == {"catering", "batik"}


@pytest.mark.parametrize(
    "environ",
    [
        {"EORDER_VENDORS_ADMITTED_SCALES": "micro,tiny"},
        {"EORDER_VENDORS_ADMITTED_SCALES": "large"},
        {"EORDER_VENDORS_CATEGORIES": "Catering Service"},
    ],
)
def test_settings_that_make_no_sense_stop_the_service_from_starting(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError):
        admission_policy(settings(**environ))
