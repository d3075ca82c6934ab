"""Working days, as the deadlines of the order lifecycle count them.

A deadline of N working days from an instant ends at the end of the N-th working day after the
instant's local date (23:59:59.999999 in the calendar's timezone, returned as an aware UTC datetime).
The day of the instant itself never counts, whatever the hour: an order submitted on Friday at 08:00
and one submitted on Friday at 19:00 share the same deadline, so nobody loses a day for acting late
in the afternoon. A thing is overdue once ``now > deadline``.

Days off are Saturdays and Sundays, the country's public holidays, by default also the collective
leave days (cuti bersama), and any extra closed days a deployment sets.
"""
from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Iterable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from holidays.constants import GOVERNMENT, PUBLIC

_SATURDAY = 5  # date.weekday(): Monday is 0, so Saturday and Sunday are 5 and 6
_ONE_DAY = timedelta(days=1)


class WorkingCalendar:
    """Which local days are working days, and when a deadline of N working days ends.

    Safe to share between threads: the only mutable state is a per-year cache of closed days, filled
    under a lock and never changed once filled.
    """

    def __init__(
        self,
        country: str = "ID",
        extra_closed_days: Iterable[date] = (),
        timezone: str = "Asia/Jakarta",
        *,
        collective_leave: bool = True,
    ) -> None:
        """
        Args:
            country: ISO 3166 code of the country whose public holidays are days off.
            extra_closed_days: local days off beyond the national ones (a regional holiday, an
                office closure the province announces at short notice).
            timezone: the IANA zone in which days are counted; a province in WITA or WIT sets
                ``Asia/Makassar`` or ``Asia/Jayapura``.
            collective_leave: whether collective leave days (cuti bersama) are days off.

        Collective leave is on by default. The ``holidays`` package files cuti bersama under its
        ``GOVERNMENT`` category, separately from the ``PUBLIC`` holidays, because it binds civil
        servants (ASN) rather than everyone. The people who must act before our deadlines (the
        commitment officer approving, the treasurer paying) are exactly those civil servants, and
        their offices are closed on those days; most small vendors close for them too (Lebaran
        above all). Counting those days as working days would let an order be cancelled, or a payment
        be reported late, for a day on which nobody could act. A deployment that wants the stricter
        count passes ``collective_leave=False``.
        """
        try:
            self._zone: tzinfo = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone: {timezone!r}") from exc
        try:
            supported = holidays.country_holidays(country).supported_categories
        except NotImplementedError as exc:
            raise ValueError(f"no holiday data for country: {country!r}") from exc
        wanted = (PUBLIC, GOVERNMENT) if collective_leave else (PUBLIC,)
        # Other countries may not have a GOVERNMENT category; asking for it would raise.
        self._categories = tuple(category for category in wanted if category in supported)
        self._country = country
        self._extra_closed_days = frozenset(extra_closed_days)
        for day in self._extra_closed_days:
            if isinstance(day, datetime) or not isinstance(day, date):
                raise TypeError(f"extra closed days must be dates, got {day!r}")
        self._closed_by_year: dict[int, frozenset[date]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(
        cls,
        closed_days: Sequence[str],
        country: str = "ID",
        *,
        timezone: str = "Asia/Jakarta",
        collective_leave: bool = True,
    ) -> "WorkingCalendar":
        """A calendar from configuration: extra closed days as ISO dates such as ``"2026-12-24"``."""
        parsed: list[date] = []
        for raw in closed_days:
            try:
                parsed.append(date.fromisoformat(raw.strip()))
            except (AttributeError, ValueError) as exc:
                # Named, so that a typo in one deployment's setting is found from the error alone.
                raise ValueError(f"closed day is not an ISO date (YYYY-MM-DD): {raw!r}") from exc
        return cls(country, parsed, timezone, collective_leave=collective_leave)

    @property
    def zone(self) -> tzinfo:
        """The timezone in which days are counted."""
        return self._zone

    def local_date(self, instant: datetime) -> date:
        """The calendar day an instant falls on in this calendar's timezone."""
        if instant.tzinfo is None or instant.utcoffset() is None:
            # A naive datetime could be UTC or local; guessing would shift deadlines by a day.
            raise ValueError("instants must be timezone-aware datetimes")
        return instant.astimezone(self._zone).date()

    def is_working_day(self, day: date) -> bool:
        """Whether a local calendar day is a working day."""
        if isinstance(day, datetime):
            # A datetime is a date too, but its .date() is in its own zone, not necessarily ours.
            raise TypeError("pass a date; turn an instant into one with local_date()")
        if day.weekday() >= _SATURDAY or day in self._extra_closed_days:
            return False
        return day not in self._closed_days(day.year)

    def end_of_day(self, day: date) -> datetime:
        """The last instant of a local day, as an aware UTC datetime."""
        return datetime.combine(day, time.max, tzinfo=self._zone).astimezone(UTC)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The end (as aware UTC) of the ``days``-th working day after ``start``'s local date.

        ``days=0`` means the end of the start's own day if that is a working day, else the end of the
        next working day: "today, or the first day the office is open".
        """
        if isinstance(days, bool) or not isinstance(days, int):
            raise TypeError(f"days must be an integer, got {days!r}")
        if days < 0:
            raise ValueError(f"days must be zero or more, got {days}")
        day = self.local_date(start)
        if days == 0:
            while not self.is_working_day(day):
                day += _ONE_DAY
            return self.end_of_day(day)
        remaining = days
        while remaining:
            day += _ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return self.end_of_day(day)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days after ``start``'s local date up to and including ``end``'s local date.

        Zero when ``end`` falls on or before ``start``'s local date. For ``days >= 1``,
        ``working_days_between(s, add_working_days(s, days)) == days``.
        """
        day, last = self.local_date(start), self.local_date(end)
        count = 0
        while day < last:
            day += _ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count

    def _closed_days(self, year: int) -> frozenset[date]:
        cached = self._closed_by_year.get(year)
        if cached is not None:
            return cached
        # A holidays object fills years lazily on lookup, which is not thread-safe; so each year is
        # computed once, under the lock, into an immutable set that readers can use without it.
        with self._lock:
            cached = self._closed_by_year.get(year)
            if cached is None:
                table = holidays.country_holidays(self._country, years=year, categories=self._categories)
                cached = frozenset(day for day in table if day.year == year)
                self._closed_by_year[year] = cached
            return cached
