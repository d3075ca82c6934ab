"""The orders service's unit of work: the repositories its use cases work through."""
from __future__ import annotations

from sqlalchemy.orm import Session

from servicekit.storage import UnitOfWork

from orders.storage.documents import DocumentRepository
from orders.storage.orders import OrderRepository
from orders.storage.packages import PackageRepository
from orders.storage.readmodels import ProductRepository, VendorRepository


class OrdersUnitOfWork(UnitOfWork):
    orders: OrderRepository
    packages: PackageRepository
    products: ProductRepository
    vendors: VendorRepository
    documents: DocumentRepository

    def open_repositories(self, session: Session) -> None:
        self.orders = OrderRepository(session)
        self.packages = PackageRepository(session)
        self.products = ProductRepository(session)
        self.vendors = VendorRepository(session)
        self.documents = DocumentRepository(session)
