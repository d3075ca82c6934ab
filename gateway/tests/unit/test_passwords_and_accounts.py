from __future__ import annotations

import pytest

from servicekit.auth.principal import ROLES

from gateway.domain.accounts import ALL_ROLES, binding_problems, username_problems
from gateway.domain.passwords import password_problems

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "at least 10"),
        ("password123", "too common"),
        ("Jakarta2024", "too common"),
        ("my-siti.rahayu-secret", "username"),
        ("x" * 129, "at most 128"),
    ],
)
def test_passwords_refused_with_the_reason(password: str, problem: str) -> None:
    problems = password_problems("siti.rahayu", password)
    assert any(problem in p for p in problems), problems


def test_a_long_uncommon_password_passes() -> None:
    assert password_problems("siti.rahayu", "kopi tubruk di Senen pagi") == []


@pytest.mark.parametrize("username", ["ab", "Admin", "-po1", "po 1", "x" * 51])
def test_bad_usernames(username: str) -> None:
    assert username_problems(username)


@pytest.mark.parametrize("username", ["po1", "siti.rahayu", "vendor_5", "ppk-2"])
def test_good_usernames(username: str) -> None:
    assert username_problems(username) == []


@pytest.mark.parametrize(
    ("roles", "work_unit", "vendor_id", "field"),
    [
        (set(), None, None, "roles"),
        ({"mayor"}, None, None, "roles"),
        ({"procurement_officer"}, None, None, "work_unit"),
        ({"vendor"}, None, None, "vendor_id"),
        ({"admin"}, "DPPKUKM", None, "work_unit"),
        ({"treasurer"}, "DPPKUKM", "v-1", "vendor_id"),
        ({"vendor", "treasurer"}, "DPPKUKM", "v-1", "roles"),
        ({"admin", "vendor"}, None, "v-1", "roles"),
        ({"procurement_officer", "commitment_officer"}, "DPPKUKM", None, "roles"),
    ],
)
def test_roles_bind_to_exactly_their_organisation(
    roles: set[str], work_unit: str | None, vendor_id: str | None, field: str
) -> None:
    assert field in binding_problems(frozenset(roles), work_unit, vendor_id)


@pytest.mark.parametrize(
    ("roles", "work_unit", "vendor_id"),
    [
        ({"procurement_officer"}, "DPPKUKM", None),
        ({"commitment_officer", "budget_holder"}, "BIROUMUM", None),
        ({"vendor"}, None, "v-1"),
        ({"admin"}, None, None),
        ({"admin", "auditor"}, None, None),
    ],
)
def test_valid_bindings(roles: set[str], work_unit: str | None, vendor_id: str | None) -> None:
    assert binding_problems(frozenset(roles), work_unit, vendor_id) == {}


def test_the_gateway_knows_exactly_the_roles_services_accept() -> None:
    """A role only the gateway knew would be written into tokens that every service then refuses."""
    assert ALL_ROLES == ROLES
