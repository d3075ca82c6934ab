"""Deadlines counted in working days, and the periodic sweeps that enforce them."""
from servicekit.deadlines.calendar import WorkingCalendar
from servicekit.deadlines.claims import claim_overdue
from servicekit.deadlines.scheduler import DeadlineScheduler, Sweep, UnitOfWorkFactory, UnitOfWorkLike

__all__ = ["DeadlineScheduler", "Sweep", "UnitOfWorkFactory", "UnitOfWorkLike", "WorkingCalendar", "claim_overdue"]
