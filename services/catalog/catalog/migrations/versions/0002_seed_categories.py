"""the standard category tree: what Jakarta's work units really buy from UMKM, in every deployment

Ids are derived from the slugs (uuid5), so a category has the same id wherever it is seeded.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-02 09:05:00
"""
import uuid
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

CATEGORY_NAMESPACE = uuid.UUID("dffe60da-f81b-5673-a84a-11e9a40a7bf5")

# (slug, name, requires_halal, [(child slug, child name, requires_halal), ...]); the top-level slugs
# are the business categories vendors register under.
TREE = [
    (
        "meeting-food",
        "Makanan & Snack Rapat",
        True,
        [
            ("snack-box", "Snack Box", True),
            ("rice-box", "Nasi Kotak", True),
            ("traditional-cakes", "Kue Tradisional", True),
            ("coffee-break", "Coffee Break", True),
            ("beverages", "Minuman", True),
        ],
    ),
    (
        "catering",
        "Katering",
        True,
        [
            ("buffet-catering", "Prasmanan", True),
            ("tumpeng", "Tumpeng", True),
            ("daily-catering", "Katering Harian", True),
        ],
    ),
    (
        "office-supplies",
        "Alat Tulis Kantor (ATK)",
        False,
        [
            ("stationery", "Alat Tulis", False),
            ("paper", "Kertas", False),
            ("toner-ink", "Toner & Tinta", False),
            ("filing-supplies", "Map & Ordner", False),
        ],
    ),
    (
        "printing",
        "Percetakan",
        False,
        [
            ("banners", "Spanduk & Banner", False),
            ("business-cards", "Kartu Nama", False),
            ("documents-binding", "Cetak Dokumen & Jilid", False),
            ("brochures", "Brosur & Leaflet", False),
            ("stamps", "Stempel", False),
        ],
    ),
    (
        "souvenirs",
        "Suvenir",
        False,
        [
            ("handicrafts", "Kerajinan Tangan", False),
            ("seminar-kits", "Seminar Kit", False),
            ("plaques-trophies", "Plakat & Trofi", False),
            ("food-hampers", "Parsel Makanan", True),
        ],
    ),
    (
        "cleaning",
        "Kebersihan",
        False,
        [
            ("cleaning-services", "Jasa Kebersihan", False),
            ("cleaning-supplies", "Perlengkapan Kebersihan", False),
            ("laundry", "Laundry", False),
        ],
    ),
    (
        "tailoring",
        "Penjahitan",
        False,
        [
            ("batik-uniforms", "Seragam Batik", False),
            ("work-uniforms", "Seragam Kerja (PDH/PDL)", False),
            ("curtains", "Gorden & Tirai", False),
        ],
    ),
    (
        "small-repairs",
        "Perbaikan Ringan",
        False,
        [
            ("electrical-repairs", "Perbaikan Listrik", False),
            ("ac-service", "Servis AC", False),
            ("furniture-repairs", "Perbaikan Mebel", False),
            ("computer-repairs", "Servis Komputer & Printer", False),
            ("plumbing", "Perbaikan Pipa & Sanitasi", False),
        ],
    ),
]

categories = sa.table(
    "categories",
    sa.column("id", sa.String),
    sa.column("slug", sa.String),
    sa.column("name", sa.String),
    sa.column("parent_id", sa.String),
    sa.column("requires_halal", sa.Boolean),
    sa.column("created_at", sa.DateTime),
    sa.column("updated_at", sa.DateTime),
)


def _id(slug: str) -> str:
    return str(uuid.uuid5(CATEGORY_NAMESPACE, slug))


def upgrade() -> None:
    # The UTC instant as each database stores it (servicekit.storage.types.UTCDateTime: aware on
    # PostgreSQL, naive UTC on SQLite).
    now = datetime.now(timezone.utc)
    if op.get_bind().dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    rows = []
    for slug, name, halal, children in TREE:
        rows.append({"id": _id(slug), "slug": slug, "name": name, "parent_id": None, "requires_halal": halal})
        rows += [
            {"id": _id(child), "slug": child, "name": child_name, "parent_id": _id(slug), "requires_halal": child_halal}
            for child, child_name, child_halal in children
        ]
    op.bulk_insert(categories, [{**row, "created_at": now, "updated_at": now} for row in rows])


def downgrade() -> None:
    slugs = [slug for slug, *_ in TREE] + [child for *_, children in TREE for child, _, _ in children]
    # Children first: they point at their parents.
    op.execute(categories.delete().where(categories.c.parent_id.is_not(None), categories.c.slug.in_(slugs)))
    op.execute(categories.delete().where(categories.c.slug.in_(slugs)))
