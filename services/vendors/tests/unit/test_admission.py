"""The deployment's admission policy: scales and category slugs."""
from __future__ import annotations

import pytest

from vendors.domain.admission import MAX_CATEGORIES, AdmissionPolicy
from vendors.domain.errors import NotAdmitted
from vendors.domain.scale import Scale
from vendors.domain.validation import InvalidValue

pytestmark = pytest.mark.unit


def test_by_default_micro_and_small_are_admitted_and_medium_refused_with_the_reason(policy: AdmissionPolicy) -> None:
    policy.admit(Scale.MICRO)
    policy.admit(Scale.SMALL)
    with pytest.raises(NotAdmitted, match="admits only micro, small businesses; this one is medium") as refused:
        policy.admit(Scale.MEDIUM)
    assert refused.value.scale == "medium"


def test_a_large_business_is_never_admitted() -> None:
    with pytest.raises(NotAdmitted, match="not an UMKM"):
        AdmissionPolicy(admitted_scales=frozenset(Scale) - {Scale.LARGE}).admit(Scale.LARGE)
    with pytest.raises(ValueError, match="large"):
        AdmissionPolicy(admitted_scales=frozenset({Scale.LARGE}))


@pytest.mark.parametrize(
    ("categories", "message"),
    [
        ([], "1 to 10"),
        (["catering"] * 2, "repeat"),
        (["catering", "weapons"], "unknown categories \\['weapons'\\]"),
        ([f"c{i}" for i in range(MAX_CATEGORIES + 1)], "1 to 10"),
    ],
)
def test_categories_are_one_to_ten_distinct_known_slugs(policy: AdmissionPolicy, categories: list[str], message: str) -> None:
    with pytest.raises(InvalidValue, match=message):
        policy.check_categories(categories)


def test_known_categories_are_kept_in_the_order_given(policy: AdmissionPolicy) -> None:
    assert policy.check_categories(["printing", "catering"]) == ("printing", "catering")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"admitted_scales": frozenset()},
        {"categories": frozenset()},
        {"categories": frozenset({"Office Supplies"})},
    ],
)
def test_a_policy_that_makes_no_sense_cannot_be_built(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        AdmissionPolicy(**kwargs)


def test_exactly_ten_categories_are_accepted_and_eleven_refused() -> None:
    slugs = [f"category-{n}" for n in range(1, MAX_CATEGORIES + 2)]
    policy = AdmissionPolicy(categories=frozenset(slugs))
    assert MAX_CATEGORIES == 10
    assert policy.check_categories(slugs[:10]) == tuple(slugs[:10])
    with pytest.raises(InvalidValue):
        policy.check_categories(slugs)
