"""The catalog's unit of work: the repositories its use cases work through."""
from __future__ import annotations

from sqlalchemy.orm import Session

from servicekit.storage import UnitOfWork

from catalog.storage.categories import CategoryRepository
from catalog.storage.prices import PriceRepository
from catalog.storage.products import ProductRepository
from catalog.storage.reservations import ReservationRepository
from catalog.storage.revisions import RevisionRepository
from catalog.storage.search import SearchRepository
from catalog.storage.supply import SupplyRepository
from catalog.storage.vendors import VendorCopyRepository


class CatalogUnitOfWork(UnitOfWork):
    products: ProductRepository
    categories: CategoryRepository
    vendors: VendorCopyRepository
    """The read model of vendors, kept from vendor.* events."""
    revisions: RevisionRepository
    prices: PriceRepository
    reservations: ReservationRepository
    supply: SupplyRepository
    search: SearchRepository

    def open_repositories(self, session: Session) -> None:
        self.products = ProductRepository(session)
        self.categories = CategoryRepository(session)
        self.vendors = VendorCopyRepository(session)
        self.revisions = RevisionRepository(session)
        self.prices = PriceRepository(session)
        self.reservations = ReservationRepository(session)
        self.supply = SupplyRepository(session)
        self.search = SearchRepository(session)
