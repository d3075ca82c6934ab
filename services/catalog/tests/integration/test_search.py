"""The public search: full text, filters, sorts and cursors on both databases, the reference price,
and queries written to break things."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from catalog.storage.tables import products

pytestmark = pytest.mark.integration

HOSTILE_QUERIES = [
    "'; DROP TABLE products; --",
    '"',
    '"nasi',
    "*",
    "nasi*",
    "NEAR(nasi kotak)",
    "nasi OR",
    "OR",
    "AND NOT -",
    "{name}: nasi",
    "name:nasi",
    "(((",
    "\\",
    "%",
    "_",
]


@pytest.fixture(scope="module")
def shop(catalog):
    """One vendor's little catalogue in a city of its own, plus a second vendor elsewhere."""
    vendor = catalog.vendor(scale="small", categories=["meeting-food"])
    other = catalog.vendor()
    made = {
        "ayam": catalog.listed_food(
            vendor, name="Nasi Kotak Ayam Bakar", price=35000, description="Nasi putih dan ayam bakar madu"
        ),
        "rendang": catalog.listed_food(
            vendor, name="Nasi Kotak Rendang", price=45000, description="Rendang sapi dan sayur"
        ),
        "snack": catalog.listed_food(
            vendor,
            name="Snack Box Isi 4",
            category="snack-box",
            price=20000,
            description="Kue basah, risoles dan nasi kuning mini",
        ),
        "hvs": catalog.listed_product(vendor, name="Kertas HVS A4 80gsm", price=55000, stock=0),
        "spanduk": catalog.listed_product(
            vendor,
            name="Spanduk Flexi 3x1 m",
            category="banners",
            unit="pcs",
            price=75000,
            fulfilment="made_to_order",
            stock=None,
            daily_capacity=20,
        ),
    }
    made["pending"] = catalog.new_product(vendor, name="Nasi Kotak Rahasia", price=30000)
    made["elsewhere"] = catalog.listed_food(other, name="Nasi Kotak Ayam Bakar", price=36000)
    return vendor, other, made


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_only_listed_products_are_found(catalog, shop) -> None:
    vendor, _, made = shop
    found = set(ids(catalog.search_all(city=vendor.city)))
    assert found == {made[k]["id"] for k in ("ayam", "rendang", "snack", "hvs", "spanduk")}


def test_words_match_name_and_description(catalog, shop) -> None:
    vendor, _, made = shop
    assert set(ids(catalog.search_all(q="nasi", city=vendor.city))) == {
        made["ayam"]["id"],
        made["rendang"]["id"],
        made["snack"]["id"],
    }
    assert ids(catalog.search_all(q="Rendang", city=vendor.city)) == [made["rendang"]["id"]]
    assert ids(catalog.search_all(q="ayam bakar", city=vendor.city)) == [made["ayam"]["id"]]
    assert ids(catalog.search_all(q="flexi", city=vendor.city)) == [made["spanduk"]["id"]]
    assert catalog.search_all(q="rahasia", city=vendor.city) == []


def test_a_name_match_ranks_above_a_description_match(catalog, shop) -> None:
    vendor, _, made = shop
    ranked = ids(catalog.search_all(q="nasi", city=vendor.city))
    assert ranked[-1] == made["snack"]["id"]  # "nasi" only in its description


def test_filters(catalog, shop) -> None:
    vendor, other, made = shop
    city = vendor.city

    def found(**params) -> set[str]:
        return set(ids(catalog.search_all(**params)))

    assert found(city=city, category="meeting-food") == {made["ayam"]["id"], made["rendang"]["id"], made["snack"]["id"]}
    assert found(city=city, category="snack-box") == {made["snack"]["id"]}
    assert found(city=city, min_price=35000, max_price=55000) == {made[k]["id"] for k in ("ayam", "rendang", "hvs")}
    assert found(city=city.upper(), kecamatan=vendor.kecamatan.lower(), category="printing") == {made["spanduk"]["id"]}
    assert found(city=city, halal="true") == {made["ayam"]["id"], made["rendang"]["id"], made["snack"]["id"]}
    assert found(city=city, halal="false") == {made["hvs"]["id"], made["spanduk"]["id"]}
    assert made["hvs"]["id"] in found(city=city, available="false")
    assert made["hvs"]["id"] not in found(city=city, available="true")
    assert found(city=city, scale="micro") == set()
    assert found(vendor=vendor.id) == {made[k]["id"] for k in ("ayam", "rendang", "snack", "hvs", "spanduk")}
    assert found(vendor=other.id, q="ayam") == {made["elsewhere"]["id"]}
    assert found(city=other.city, q="nasi kotak ayam") == {made["elsewhere"]["id"]}


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [("price", "price", False), ("-price", "price", True), ("newest", "created_at", True)],
)
def test_sorts_and_cursors_cover_every_item_once(catalog, shop, sort: str, key: str, reverse: bool) -> None:
    vendor, _, _ = shop
    items = catalog.search_all(city=vendor.city, sort=sort, limit=2)
    assert len(items) == 5 and len(set(ids(items))) == 5
    assert [item[key] for item in items] == sorted((item[key] for item in items), reverse=reverse)


def test_relevance_pages_with_its_rank_in_the_cursor(catalog, shop) -> None:
    vendor, _, _ = shop
    paged = catalog.search_all(q="nasi", city=vendor.city, limit=1)
    whole = catalog.search(q="nasi", city=vendor.city, limit=10).json["items"]
    assert ids(paged) == ids(whole) and len(paged) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "name"},
        {"sort": "price; DROP TABLE products"},
        {"sort": "relevance"},
        {"min_price": 10, "max_price": 5},
        {"min_price": "murah"},
        {"scale": "large"},
        {"vendor": "not-a-vendor-id"},
        {"halal": "mungkin"},
        {"limit": 0},
        {"limit": 101},
        {"colour": "red"},
        {"cursor": "not a cursor!"},
        {"category": "Not A Slug"},
        {"q": "x" * 201},
        {"q": ""},
        {"q": "nasi\x00kotak"},
        {"city": "\x00"},
    ],
)
def test_bad_parameters_answer_400(catalog, params: dict) -> None:
    response = catalog.search(**params)
    assert response.status_code == 400, response.json
    assert response.mimetype == "application/problem+json"


def test_a_cursor_this_listing_did_not_issue_names_no_page(catalog, shop) -> None:
    vendor, _, _ = shop
    cursor = catalog.search(city=vendor.city, sort="price", limit=1).json["next"]
    for foreign in (cursor, "not-a-cursor"):
        response = catalog.search(city=vendor.city, sort="newest", cursor=foreign)
        assert response.status_code == 404, response.json
        assert response.json["type"].endswith("/cursor-not-found") and "cursor" in response.json["errors"]


def test_an_unknown_category_matches_nothing(catalog, shop) -> None:
    response = catalog.search(category="no-such-category")
    assert response.status_code == 200, response.json
    assert response.json == {"items": [], "next": None}


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_are_only_words(catalog, shop, query: str) -> None:
    vendor, _, made = shop
    response = catalog.search(q=query, city=vendor.city)
    assert response.status_code == 200, response.json
    listed = {made[k]["id"] for k in ("ayam", "rendang", "snack", "hvs", "spanduk")}
    assert set(ids(response.json["items"])) <= listed
    with catalog.harness.runtime.uow() as uow:  # the table is still there, with everything in it
        assert uow.session.execute(select(func.count()).select_from(products)).scalar_one() >= 7


def test_quotes_and_operators_still_find_the_words(catalog, shop) -> None:
    vendor, _, made = shop
    assert ids(catalog.search_all(q='"rendang', city=vendor.city)) == [made["rendang"]["id"]]
    assert ids(catalog.search_all(q="rendang*", city=vendor.city)) == [made["rendang"]["id"]]


def test_a_renamed_product_is_found_by_its_new_name_only(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, name="Ordner Lama")
    assert catalog.change(vendor, product["id"], {"name": "Ordner Baru"}).status_code == 200
    assert ids(catalog.search_all(q="lama", city=vendor.city)) == [product["id"]]  # the approved name, until curation
    assert catalog.search_all(q="baru", city=vendor.city) == []
    assert catalog.curate(product["id"], "approve").status_code == 200
    assert catalog.search_all(q="lama", city=vendor.city) == []
    assert ids(catalog.search_all(q="baru", city=vendor.city)) == [product["id"]]


def test_reference_price_and_markup_flag(catalog) -> None:
    vendor = catalog.vendor()
    # A category and unit of their own, so that the median is only these products'.
    category = f"ref-{uuid.uuid4().hex[:8]}"
    created = catalog.client.post(
        "/api/v1/catalog/categories", json={"slug": category, "name": "Uji Referensi"}, headers=catalog.as_admin()
    )
    assert created.status_code == 201
    for price in (10000, 12000, 14000):
        catalog.listed_product(vendor, category=category, unit="set", price=price)
    dear = catalog.listed_product(vendor, category=category, unit="set", price=30000)
    fair = catalog.listed_product(vendor, category=category, unit="set", price=19500)
    by_price = {item["price"]: item for item in catalog.search_all(city=vendor.city, category=category)}
    assert {item["reference_price"] for item in by_price.values()} == {14000}
    assert by_price[30000]["above_reference"] is True and by_price[19500]["above_reference"] is False
    assert by_price[10000]["above_reference"] is False
    pending = catalog.new_product(vendor, category=category, unit="set", price=99000)  # not approved: not counted
    assert catalog.read(pending["id"], catalog.as_admin()).json["reference_price"] == 14000
    withdrawn = catalog.client.delete(f"/api/v1/catalog/products/{dear['id']}", headers=catalog.as_vendor(vendor))
    assert withdrawn.status_code == 204
    assert catalog.read(fair["id"]).json["reference_price"] == 13000  # median of 10000, 12000, 14000, 19500


def test_the_markup_threshold_is_a_setting(strict_markup_catalog) -> None:
    catalog = strict_markup_catalog
    vendor = catalog.vendor()
    for price in (10000, 10000, 10000):
        catalog.listed_product(vendor, category="toner-ink", unit="pcs", price=price)
    at_limit = catalog.listed_product(vendor, category="toner-ink", unit="pcs", price=11000)
    over = catalog.listed_product(vendor, category="toner-ink", unit="pcs", price=11001)
    assert catalog.read(at_limit["id"]).json["above_reference"] is False
    assert catalog.read(over["id"]).json["above_reference"] is True
