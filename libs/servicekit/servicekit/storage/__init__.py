"""Storage: engines, column types, the platform tables every service carries, and the unit of work."""
from servicekit.storage.engine import make_engine, is_postgresql
from servicekit.storage.tables import PlatformTables
from servicekit.storage.types import Money, UTCDateTime, utcnow
from servicekit.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "Money",
    "PlatformTables",
    "UTCDateTime",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "is_postgresql",
    "make_engine",
    "utcnow",
]
