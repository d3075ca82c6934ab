"""The vendors service's unit of work: the repositories its use cases work through."""
from __future__ import annotations

from sqlalchemy.orm import Session

from servicekit.storage import UnitOfWork

from vendors.storage.blacklist import BlacklistRepository
from vendors.storage.ratings import RatingRepository
from vendors.storage.vendors import VendorRepository


class VendorsUnitOfWork(UnitOfWork):
    vendors: VendorRepository
    blacklist: BlacklistRepository
    ratings: RatingRepository

    def open_repositories(self, session: Session) -> None:
        self.vendors = VendorRepository(session)
        self.blacklist = BlacklistRepository(session)
        self.ratings = RatingRepository(session)
