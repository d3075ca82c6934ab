"""Reading and writing vendors: rows to and from the domain's Vendor, searches, and counts."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping, Sequence, cast

from sqlalchemy import ColumnElement, CursorResult, RowMapping, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from vendors.domain.address import Address
from vendors.domain.banking import BankAccount
from vendors.domain.certificate import FinalTaxCertificate
from vendors.domain.contact import Contact
from vendors.domain.errors import ConcurrentChange, DuplicateIdentifier, VendorNotFound
from vendors.domain.lifecycle import Status
from vendors.domain.search import VendorSearch
from vendors.domain.vendor import Vendor
from vendors.storage.tables import vendor_categories, vendors

SORT_KEYS: Mapping[str, tuple[SortKey, ...]] = {
    "name": (SortKey(func.lower(vendors.c.name)), SortKey(vendors.c.id)),
    "-name": (SortKey(func.lower(vendors.c.name), descending=True), SortKey(vendors.c.id, descending=True)),
    "created_at": (SortKey(vendors.c.created_at), SortKey(vendors.c.id)),
    "-created_at": (SortKey(vendors.c.created_at, descending=True), SortKey(vendors.c.id, descending=True)),
}


class VendorRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, vendor_id: str) -> Vendor | None:
        row = self.session.execute(select(vendors).where(vendors.c.id == vendor_id)).first()
        if row is None:
            return None
        return _vendor_from(row._mapping, self._categories_of([vendor_id])[vendor_id])

    def exists(self, vendor_id: str) -> bool:
        return self.session.execute(select(vendors.c.id).where(vendors.c.id == vendor_id)).first() is not None

    def require(self, vendor_id: str) -> Vendor:
        vendor = self.get(vendor_id)
        if vendor is None:
            raise VendorNotFound()
        return vendor

    def add(self, vendor: Vendor) -> None:
        """Insert; DuplicateIdentifier when a concurrent request registered the same NIB or NPWP first."""
        try:
            # A savepoint, so that losing the race on the unique NIB/NPWP leaves the transaction
            # usable for finding out which of them was taken.
            with self.session.begin_nested():
                self.session.execute(insert(vendors).values(id=vendor.id, **_columns_of(vendor)))
        except IntegrityError:
            taken = self.registered_identifiers(vendor.nib, vendor.npwp_identity)
            if taken:
                raise DuplicateIdentifier(taken[0]) from None
            raise
        self._write_categories(vendor)

    def replace(self, vendor: Vendor, *, previous: Vendor) -> None:
        """Store a changed vendor if nobody changed it since ``previous`` was read (same version);
        its categories are rewritten only when they changed (status changes leave them alone)."""
        statement = (
            update(vendors).where(vendors.c.id == vendor.id, vendors.c.version == previous.version).values(**_columns_of(vendor))
        )
        changed = cast(CursorResult[Any], self.session.execute(statement))  # an UPDATE's result has a rowcount
        if changed.rowcount != 1:
            raise ConcurrentChange()
        if vendor.categories != previous.categories:
            self.session.execute(delete(vendor_categories).where(vendor_categories.c.vendor_id == vendor.id))
            self._write_categories(vendor)

    def registered_identifiers(self, nib: str, npwp_identity: str) -> list[str]:
        """Which of these legal ids (``nib``, ``npwp``) another vendor already registered."""
        rows = self.session.execute(
            select(vendors.c.nib, vendors.c.npwp_identity).where(
                or_(vendors.c.nib == nib, vendors.c.npwp_identity == npwp_identity)
            )
        ).all()
        taken = []
        if any(row.nib == nib for row in rows):
            taken.append("nib")
        if any(row.npwp_identity == npwp_identity for row in rows):
            taken.append("npwp")
        return taken

    def search(self, search: VendorSearch, *, limit: int, cursor: str | None) -> Page[Vendor]:
        statement = select(vendors).where(*_conditions(search))
        page = keyset_page(
            self.session, statement, SORT_KEYS[search.sort], limit=limit, cursor=cursor, sort_name=search.sort, scalars=False
        )
        categories = self._categories_of([row.id for row in page.items])
        return Page(items=[_vendor_from(row._mapping, categories[row.id]) for row in page.items], next=page.next)

    def count_by_status_and_scale(self) -> dict[tuple[str, str], int]:
        rows = self.session.execute(
            select(vendors.c.status, vendors.c.scale, func.count()).group_by(vendors.c.status, vendors.c.scale)
        ).all()
        return {(row[0], row[1]): int(row[2]) for row in rows}

    def any_exist(self) -> bool:
        return self.session.execute(select(vendors.c.id).limit(1)).first() is not None

    def _write_categories(self, vendor: Vendor) -> None:
        self.session.execute(
            insert(vendor_categories),
            [{"vendor_id": vendor.id, "category": c, "position": i} for i, c in enumerate(vendor.categories)],
        )

    def _categories_of(self, vendor_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        ids = list(vendor_ids)
        found: dict[str, list[str]] = defaultdict(list)
        if ids:
            rows = self.session.execute(
                select(vendor_categories.c.vendor_id, vendor_categories.c.category)
                .where(vendor_categories.c.vendor_id.in_(ids))
                .order_by(vendor_categories.c.vendor_id, vendor_categories.c.position)
            )
            for vendor_id, category in rows:
                found[vendor_id].append(category)
        return {vendor_id: tuple(found[vendor_id]) for vendor_id in ids}


def _conditions(search: VendorSearch) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if search.status is not None:
        conditions.append(vendors.c.status == search.status.value)
    if search.scale is not None:
        conditions.append(vendors.c.scale == search.scale)
    # Place names are typed by people: "Jakarta Selatan" and "jakarta selatan" are the same city.
    for column, value in ((vendors.c.city, search.city), (vendors.c.kecamatan, search.kecamatan)):
        if value is not None:
            conditions.append(func.lower(column) == value.lower())
    if search.category is not None:
        conditions.append(
            vendors.c.id.in_(select(vendor_categories.c.vendor_id).where(vendor_categories.c.category == search.category))
        )
    if search.text:
        matches: list[ColumnElement[bool]] = [func.lower(vendors.c.name).like(f"%{_escape_like(search.text.lower())}%", escape="\\")]
        if search.match_legal_ids:
            matches += [vendors.c.nib == search.text, vendors.c.npwp == search.text]
        conditions.append(or_(*matches))
    return conditions


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _columns_of(vendor: Vendor) -> dict[str, Any]:
    certificate = vendor.final_tax_certificate
    return {
        "name": vendor.name,
        "nib": vendor.nib,
        "npwp": vendor.npwp,
        "npwp_identity": vendor.npwp_identity,
        "owner_nik": vendor.owner_nik,
        "street": vendor.address.street,
        "kelurahan": vendor.address.kelurahan,
        "kecamatan": vendor.address.kecamatan,
        "city": vendor.address.city,
        "postal_code": vendor.address.postal_code,
        "contact_name": vendor.contact.person_name,
        "contact_phone": vendor.contact.phone,
        "contact_email": vendor.contact.email,
        "bank_name": vendor.bank_account.bank_name,
        "bank_code": vendor.bank_account.bank_code,
        "bank_account_number": vendor.bank_account.account_number,
        "bank_account_holder": vendor.bank_account.holder_name,
        "final_tax_certificate_number": certificate.number if certificate else None,
        "final_tax_certificate_valid_until": certificate.valid_until if certificate else None,
        "pkp": vendor.pkp,
        "capital": vendor.capital,
        "annual_sales": vendor.annual_sales,
        "scale": vendor.scale.value,
        "jakpreneur": vendor.jakpreneur,
        "status": vendor.status.value,
        "status_reasons": list(vendor.status_reasons),
        "version": vendor.version,
        "created_at": vendor.created_at,
        "updated_at": vendor.updated_at,
    }


def _vendor_from(row: RowMapping, categories: Sequence[str]) -> Vendor:
    return Vendor(
        id=row["id"],
        name=row["name"],
        nib=row["nib"],
        npwp=row["npwp"],
        owner_nik=row["owner_nik"],
        address=Address(
            street=row["street"],
            kelurahan=row["kelurahan"],
            kecamatan=row["kecamatan"],
            city=row["city"],
            postal_code=row["postal_code"],
        ),
        contact=Contact(person_name=row["contact_name"], phone=row["contact_phone"], email=row["contact_email"]),
        bank_account=BankAccount(
            bank_name=row["bank_name"],
            bank_code=row["bank_code"],
            account_number=row["bank_account_number"],
            holder_name=row["bank_account_holder"],
        ),
        final_tax_certificate=(
            None
            if row["final_tax_certificate_number"] is None
            else FinalTaxCertificate(row["final_tax_certificate_number"], row["final_tax_certificate_valid_until"])
        ),
        pkp=row["pkp"],
        capital=row["capital"],
        annual_sales=row["annual_sales"],
        categories=tuple(categories),
        jakpreneur=row["jakpreneur"],
        status=Status(row["status"]),
        status_reasons=tuple(row["status_reasons"]),
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
