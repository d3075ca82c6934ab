"""The gateway in front of the real vendors and catalog services, embedded-style on local ports."""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from servicekit.testing import auth_header, mint_token
from vendors.demo_data import DEMO_VENDOR_IDS as VENDORS_DEMO_VENDOR_IDS
from vendors.testing import valid_application

from gateway.demo_data import DEMO_VENDOR_IDS
from gateway.testing import ServedStack

pytestmark = pytest.mark.e2e

FAST = {"EORDER_GATEWAY_PASSWORD_HASHING": "cheapest-for-tests", "EORDER_GATEWAY_TOKEN_RATE_LIMIT": "100/minute"}
VENDOR1, VENDOR2 = DEMO_VENDOR_IDS[0], DEMO_VENDOR_IDS[1]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedStack]:
    with ServedStack(tmp_path_factory.mktemp("stack"), ["vendors", "catalog"], **FAST) as served_stack:
        yield served_stack


def token(stack: ServedStack, username: str, password: str = "demo") -> dict[str, str]:
    answer = requests.post(f"{stack.urls['gateway']}/api/v1/auth/token", json={"username": username, "password": password}, timeout=10)
    assert answer.status_code == 200, answer.text
    return auth_header(answer.json()["access_token"])


def registration(name: str) -> dict[str, Any]:
    """A registration body the vendors service accepts, with a fresh NIB and NPWP."""
    return valid_application(name=name, categories=["catering"])


def test_demo_vendor_ids_match_the_vendors_service() -> None:
    assert list(DEMO_VENDOR_IDS) == list(VENDORS_DEMO_VENDOR_IDS)


def test_roles_and_ownership_hold_through_the_gateway(stack: ServedStack) -> None:
    gateway = stack.urls["gateway"]
    own = requests.get(f"{gateway}/api/v1/vendors/{VENDOR1}", headers=token(stack, "vendor1"), timeout=10)
    assert own.status_code == 200 and "npwp" in own.json(), "a vendor sees its own full profile"
    public = requests.get(f"{gateway}/api/v1/vendors/{VENDOR1}", timeout=10)
    assert public.status_code == 200 and "npwp" not in public.json()
    other = requests.patch(
        f"{gateway}/api/v1/vendors/{VENDOR1}", json={"jakpreneur": False}, headers=token(stack, "vendor2"), timeout=10
    )
    assert other.status_code == 404, "another vendor's object answers 404"
    mine = requests.patch(
        f"{gateway}/api/v1/vendors/{VENDOR2}", json={"jakpreneur": True}, headers=token(stack, "vendor2"), timeout=10
    )
    assert mine.status_code == 200, mine.text
    official = requests.post(
        f"{gateway}/api/v1/vendors/{VENDOR2}/suspension", json={"reason": "x"}, headers=token(stack, "po1"), timeout=10
    )
    assert official.status_code == 403


@pytest.mark.parametrize(
    "forged",
    [
        mint_token("x", ["admin"], issuer="someone-else"),
        mint_token("x", ["admin"], audience="another-platform"),
        mint_token("x", ["admin"], expires_in=-120),
    ],
    ids=["wrong issuer", "wrong audience", "expired"],
)
def test_forged_tokens_gain_nothing_around_the_gateway(stack: ServedStack, forged: str) -> None:
    gateway, vendors, catalog = stack.urls["gateway"], stack.urls["vendors"], stack.urls["catalog"]
    # Public listings, which answer anonymous callers: a bad token is still refused, never read as anonymous.
    for url in (
        f"{gateway}/api/v1/vendors?limit=1",
        f"{gateway}/api/v1/catalog/products?limit=1",
        f"{vendors}/api/v1/vendors?limit=1",
        f"{catalog}/api/v1/catalog/products?limit=1",
    ):
        response = requests.get(url, headers=auth_header(forged), timeout=10)
        assert response.status_code == 401 and response.headers["Content-Type"] == "application/problem+json", url
    direct = requests.post(
        f"{stack.urls['vendors']}/api/v1/vendors/{VENDOR1}/suspension", json={"reason": "x"}, headers=auth_header(forged), timeout=10
    )
    assert direct.status_code == 401


def test_a_gateway_token_works_at_the_services_directly(stack: ServedStack) -> None:
    own = requests.get(f"{stack.urls['vendors']}/api/v1/vendors/{VENDOR1}", headers=token(stack, "vendor1"), timeout=10)
    assert own.status_code == 200 and "npwp" in own.json()


def test_vendor_signup_with_the_vendors_service(stack: ServedStack) -> None:
    gateway = stack.urls["gateway"]
    body = {"username": "mak.ijah", "password": "warung kopi di Cikini", "vendor": registration("Katering Mak Ijah")}
    created = requests.post(f"{gateway}/api/v1/auth/signup/vendor", json=body, timeout=10)
    assert created.status_code == 201, created.text
    vendor_id = created.json()["vendor"]["id"]
    assert created.json()["account"]["vendor_id"] == vendor_id and created.json()["vendor"]["status"] == "pending"
    profile = requests.get(f"{gateway}/api/v1/vendors/{vendor_id}", headers=token(stack, "mak.ijah", body["password"]), timeout=10)
    assert profile.status_code == 200 and profile.json()["name"] == "Katering Mak Ijah"
    # The same NIB again under another username: the vendors service refuses, no account is kept.
    duplicate = {**body, "username": "mak.ijah2"}
    refused = requests.post(f"{gateway}/api/v1/auth/signup/vendor", json=duplicate, timeout=10)
    assert refused.status_code == 409 and refused.headers["Content-Type"] == "application/problem+json"
    login = requests.post(f"{gateway}/api/v1/auth/token", json={"username": "mak.ijah2", "password": body["password"]}, timeout=10)
    assert login.status_code == 401
    invalid = {**body, "username": "mak.ijah3", "vendor": {**registration("X"), "nib": "12"}}
    assert requests.post(f"{gateway}/api/v1/auth/signup/vendor", json=invalid, timeout=10).status_code == 400


def test_the_storefront_shows_the_vendor_and_its_rating(stack: ServedStack) -> None:
    response = requests.get(f"{stack.urls['gateway']}/api/v1/storefront/vendors/{VENDOR1}", timeout=10)
    assert response.status_code == 200
    assert response.json()["vendor"]["id"] == VENDOR1 and set(response.json()["rating"]) == {"average", "count"}
    assert requests.get(f"{stack.urls['gateway']}/api/v1/storefront/vendors/{uuid.uuid4()}", timeout=10).status_code == 404


def test_the_storefront_lists_the_vendors_approved_products(stack: ServedStack) -> None:
    response = requests.get(f"{stack.urls['gateway']}/api/v1/storefront/vendors/{VENDOR1}", timeout=10)
    assert response.json()["partial"] is False and response.json()["products"]
    assert {product["vendor"]["id"] for product in response.json()["products"]} == {VENDOR1}, "only this vendor's"
    listed = requests.get(f"{stack.urls['catalog']}/api/v1/catalog/products?vendor={VENDOR1}&limit=100", timeout=10).json()
    assert [p["id"] for p in response.json()["products"]] == [p["id"] for p in listed["items"]]


def test_a_subset_without_catalog(tmp_path: Path) -> None:
    with ServedStack(tmp_path, ["vendors"], **FAST) as subset:
        gateway = subset.urls["gateway"]
        absent = requests.get(f"{gateway}/api/v1/catalog/products", timeout=10)
        assert absent.status_code == 404 and absent.json()["detail"] == "service 'catalog' is not deployed here"
        storefront = requests.get(f"{gateway}/api/v1/storefront/vendors/{VENDOR1}", timeout=10).json()
        assert storefront["partial"] is True and storefront["missing"] == ["products"]
        paths = requests.get(f"{gateway}/api/docs/openapi.json", timeout=10).json()["paths"]
        assert any(p.startswith("/api/v1/vendors") for p in paths) and not any(p.startswith("/api/v1/catalog") for p in paths)
        ready = requests.get(f"{gateway}/readyz", timeout=10)
        assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "upstream:vendors": "ok"}


def test_an_upstream_going_down(tmp_path: Path) -> None:
    with ServedStack(tmp_path, ["vendors"], **FAST) as stack:
        gateway = stack.urls["gateway"]
        assert requests.get(f"{gateway}/api/v1/vendors?limit=1", timeout=10).status_code == 200
        stack.stop("vendors")
        down = requests.get(f"{gateway}/api/v1/vendors?limit=1", timeout=10)
        assert down.status_code == 503 and down.headers["Content-Type"] == "application/problem+json"
        assert requests.get(f"{gateway}/readyz", timeout=10).json()["checks"]["upstream:vendors"] == "unreachable"
        assert requests.post(f"{gateway}/api/v1/auth/token", json={"username": "admin", "password": "demo"}, timeout=10).status_code == 200
