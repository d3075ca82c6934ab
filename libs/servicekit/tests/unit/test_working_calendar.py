"""WorkingCalendar against real Indonesian calendar facts for 2026 and 2027 (holidays 0.109 data)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest

from servicekit.deadlines import WorkingCalendar

pytestmark = pytest.mark.unit

WIB = timezone(timedelta(hours=7))  # Asia/Jakarta has kept UTC+7 without DST since 1964


def wib(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def end_of_wib_day(year: int, month: int, day: int) -> datetime:
    """23:59:59.999999 WIB is 16:59:59.999999 UTC."""
    return datetime(year, month, day, 16, 59, 59, 999999, tzinfo=UTC)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar()


# -- which days are off ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # New Year (Thursday)
        date(2026, 8, 17),  # Independence Day (Monday)
        date(2026, 12, 25),  # Christmas (Friday)
        date(2027, 1, 1),  # New Year (Friday)
        date(2027, 8, 17),  # Independence Day (Tuesday)
        date(2026, 3, 19),  # Nyepi (Thursday)
        date(2026, 5, 27),  # Idul Adha (Wednesday)
    ],
)
def test_public_holidays_on_weekdays_are_off(cal: WorkingCalendar, day: date) -> None:
    assert day.weekday() < 5
    assert not cal.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 8, 15), date(2026, 8, 16), date(2027, 3, 6), date(2027, 3, 7)])
def test_weekends_are_off(cal: WorkingCalendar, day: date) -> None:
    assert not cal.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 1, 2), date(2026, 8, 18), date(2026, 12, 31), date(2027, 8, 16)])
def test_ordinary_weekdays_are_working_days(cal: WorkingCalendar, day: date) -> None:
    assert cal.is_working_day(day)


def test_idul_fitri_2026_as_the_package_dates_it() -> None:
    # The facts the next tests rely on: Idul Fitri 1447 H on Saturday 21 and Sunday 22 March 2026,
    # with collective leave on Friday 20, Monday 23 and Tuesday 24 March.
    public = holidays.country_holidays("ID", years=2026, language="en_US")
    assert public[date(2026, 3, 21)] == "Eid al-Fitr"
    assert public[date(2026, 3, 22)] == "Eid al-Fitr Second Day"
    government = holidays.country_holidays("ID", years=2026, categories="government", language="en_US")
    assert {d for d, name in government.items() if name == "Eid al-Fitr Joint Holiday"} == {
        date(2026, 3, 20),
        date(2026, 3, 23),
        date(2026, 3, 24),
    }


def test_collective_leave_is_off_by_default_and_can_be_counted_as_working() -> None:
    strict = WorkingCalendar(collective_leave=False)
    for day in (date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24), date(2026, 12, 24)):
        assert not WorkingCalendar().is_working_day(day)
        assert strict.is_working_day(day)
    assert not strict.is_working_day(date(2026, 12, 25))  # a public holiday stays off either way


def test_deadline_across_lebaran_2026(cal: WorkingCalendar) -> None:
    # Tuesday 17 March: then Nyepi leave (18), Nyepi (19), Idul Fitri leave (20), the weekend that is
    # Idul Fitri itself (21, 22), leave again (23, 24). The three working days are 25, 26 and 27.
    start = wib(2026, 3, 17, 10)
    assert cal.add_working_days(start, 3) == end_of_wib_day(2026, 3, 27)
    strict = WorkingCalendar(collective_leave=False)
    assert strict.add_working_days(start, 3) == end_of_wib_day(2026, 3, 23)


def test_extra_closed_days_are_off() -> None:
    cal = WorkingCalendar(extra_closed_days=[date(2026, 8, 18)])
    assert not cal.is_working_day(date(2026, 8, 18))
    assert cal.add_working_days(wib(2026, 8, 14, 19), 3) == end_of_wib_day(2026, 8, 21)


def test_from_settings_parses_iso_dates() -> None:
    cal = WorkingCalendar.from_settings(["2026-08-18", " 2026-08-19 "])
    assert not cal.is_working_day(date(2026, 8, 18))
    assert not cal.is_working_day(date(2026, 8, 19))
    assert cal.is_working_day(date(2026, 8, 20))


@pytest.mark.parametrize("bad", ["2026-13-01", "18/08/2026", "tomorrow", ""])
def test_from_settings_names_the_bad_value(bad: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        WorkingCalendar.from_settings(["2026-08-18", bad])
    assert repr(bad) in str(excinfo.value)


def test_unknown_country_or_timezone_is_refused() -> None:
    with pytest.raises(ValueError, match="XX"):
        WorkingCalendar(country="XX")
    with pytest.raises(ValueError, match="Asia/Atlantis"):
        WorkingCalendar(timezone="Asia/Atlantis")


def test_a_country_without_collective_leave_data_still_works() -> None:
    cal = WorkingCalendar(country="SG", timezone="Asia/Singapore")
    assert not cal.is_working_day(date(2026, 8, 10))  # National Day observed (9 August is a Sunday)
    assert cal.is_working_day(date(2026, 8, 11))


def test_a_datetime_is_not_taken_for_a_day(cal: WorkingCalendar) -> None:
    with pytest.raises(TypeError):
        cal.is_working_day(datetime(2026, 8, 18, 12, tzinfo=UTC))


# -- add_working_days -----------------------------------------------------------------------------


def test_friday_evening_start(cal: WorkingCalendar) -> None:
    # Friday 14 August 2026, 19:00 WIB: the weekend and Independence Day (Monday 17) are off,
    # so three working days are Tuesday 18, Wednesday 19, Thursday 20.
    deadline = cal.add_working_days(wib(2026, 8, 14, 19), 3)
    assert deadline == end_of_wib_day(2026, 8, 20)
    assert deadline.tzinfo is UTC


def test_the_hour_of_the_start_does_not_matter(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(wib(2026, 8, 14, 0, 0), 3) == cal.add_working_days(wib(2026, 8, 14, 23, 59), 3)


def test_start_on_a_holiday(cal: WorkingCalendar) -> None:
    # Christmas, Friday 25 December 2026: the next working day is Monday 28.
    christmas = wib(2026, 12, 25, 9)
    assert cal.add_working_days(christmas, 1) == end_of_wib_day(2026, 12, 28)
    assert cal.add_working_days(christmas, 3) == end_of_wib_day(2026, 12, 30)


def test_across_new_year(cal: WorkingCalendar) -> None:
    # Wednesday 23 December 2026: 24 (leave), 25 (Christmas), 26-27 (weekend) are off; then 28, 29,
    # 30, 31, and after New Year's Day and the weekend, Monday 4 January 2027.
    assert cal.add_working_days(wib(2026, 12, 23, 10), 5) == end_of_wib_day(2027, 1, 4)


def test_timezone_edge_uses_the_jakarta_date(cal: WorkingCalendar) -> None:
    # 23:30 UTC on Thursday 13 August is already Friday 14 August 06:30 in Jakarta. Counting from the
    # UTC date would give Friday 14; from the Jakarta date it is Tuesday 18 (after 15, 16, 17 off).
    instant = datetime(2026, 8, 13, 23, 30, tzinfo=UTC)
    assert cal.local_date(instant) == date(2026, 8, 14)
    assert cal.add_working_days(instant, 1) == end_of_wib_day(2026, 8, 18)


def test_timezone_edge_into_a_holiday(cal: WorkingCalendar) -> None:
    # 23:30 UTC on Sunday 16 August is Monday 17 August (Independence Day) in Jakarta.
    instant = datetime(2026, 8, 16, 23, 30, tzinfo=UTC)
    assert cal.add_working_days(instant, 0) == end_of_wib_day(2026, 8, 18)


def test_zero_days_is_the_end_of_the_same_working_day(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(wib(2026, 8, 18, 9), 0) == end_of_wib_day(2026, 8, 18)


def test_zero_days_from_a_day_off_is_the_end_of_the_next_working_day(cal: WorkingCalendar) -> None:
    assert cal.add_working_days(wib(2026, 8, 15, 9), 0) == end_of_wib_day(2026, 8, 18)


def test_negative_days_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="-1"):
        cal.add_working_days(wib(2026, 8, 18), -1)


@pytest.mark.parametrize("days", [1.5, True, "3"])
def test_days_must_be_an_integer(cal: WorkingCalendar, days: Any) -> None:
    with pytest.raises(TypeError):
        cal.add_working_days(wib(2026, 8, 18), days)


def test_naive_instants_are_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="aware"):
        cal.add_working_days(datetime(2026, 8, 18, 9), 3)
    with pytest.raises(ValueError, match="aware"):
        cal.working_days_between(datetime(2026, 8, 18, 9), datetime(2026, 8, 20, 9, tzinfo=UTC))


def test_another_indonesian_timezone() -> None:
    # Papua counts in WIT (UTC+9): its day ends at 14:59:59.999999 UTC.
    papua = WorkingCalendar(timezone="Asia/Jayapura")
    deadline = papua.add_working_days(datetime(2026, 8, 14, 10, tzinfo=UTC), 3)
    assert deadline == datetime(2026, 8, 20, 14, 59, 59, 999999, tzinfo=UTC)


def test_a_deadline_is_not_yet_passed_at_its_last_microsecond(cal: WorkingCalendar) -> None:
    deadline = cal.add_working_days(wib(2026, 8, 14, 19), 3)
    assert not wib(2026, 8, 20, 23, 59) > deadline
    assert wib(2026, 8, 21, 0, 0) > deadline


# -- working_days_between -------------------------------------------------------------------------


def test_working_days_between(cal: WorkingCalendar) -> None:
    friday = wib(2026, 8, 14, 19)
    assert cal.working_days_between(friday, wib(2026, 8, 14, 23)) == 0
    assert cal.working_days_between(friday, wib(2026, 8, 17, 12)) == 0  # weekend and holiday
    assert cal.working_days_between(friday, wib(2026, 8, 18, 0, 1)) == 1
    assert cal.working_days_between(friday, wib(2026, 8, 20, 8)) == 3
    assert cal.working_days_between(wib(2026, 8, 20, 8), friday) == 0


def test_between_counts_in_the_local_timezone(cal: WorkingCalendar) -> None:
    # Both instants are on 17/18 August in UTC but 18/19 August in Jakarta.
    start = datetime(2026, 8, 17, 23, 0, tzinfo=UTC)
    end = datetime(2026, 8, 18, 23, 0, tzinfo=UTC)
    assert cal.working_days_between(start, end) == 1


def test_between_inverts_add_for_every_start_in_2026(cal: WorkingCalendar) -> None:
    start = wib(2026, 1, 1, 15)
    while start.year == 2026:
        for days in (1, 3, 5):
            assert cal.working_days_between(start, cal.add_working_days(start, days)) == days
        zero = cal.add_working_days(start, 0)
        assert cal.working_days_between(start, zero) == (0 if cal.is_working_day(start.date()) else 1)
        start += timedelta(days=1)


# -- cache and threads ----------------------------------------------------------------------------


def test_each_year_is_loaded_once_even_under_concurrent_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[int] = []
    real = holidays.country_holidays

    def counting(country: str, *args: Any, **kwargs: Any) -> Any:
        if "years" in kwargs:
            loads.append(kwargs["years"])
        return real(country, *args, **kwargs)

    monkeypatch.setattr(holidays, "country_holidays", counting)  # the calendar looks it up per call
    cal = WorkingCalendar()
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(730)]
    expected = [WorkingCalendar().is_working_day(day) for day in days]
    loads.clear()

    threads = 8
    barrier = threading.Barrier(threads)

    def read_all(_: int) -> list[bool]:
        barrier.wait(timeout=10)
        return [cal.is_working_day(day) for day in days]

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(read_all, range(threads)))

    assert all(result == expected for result in results)
    assert sorted(loads) == [2026, 2027]


def test_from_settings_keeps_collective_leave_off_by_default_and_on_request() -> None:
    """The path production uses: a deployment's calendar closes cuti bersama unless told otherwise."""
    lebaran_leave = date(2026, 3, 23)
    assert not WorkingCalendar.from_settings([]).is_working_day(lebaran_leave)
    assert WorkingCalendar.from_settings([], collective_leave=False).is_working_day(lebaran_leave)


def test_from_settings_counts_days_in_the_timezone_it_is_given() -> None:
    makassar = WorkingCalendar.from_settings([], timezone="Asia/Makassar")
    assert makassar.zone == ZoneInfo("Asia/Makassar")
    # 16:30 UTC on Thursday 20 August 2026 is already Friday 00:30 in Makassar (WITA, UTC+8).
    assert makassar.local_date(datetime(2026, 8, 20, 16, 30, tzinfo=UTC)) == date(2026, 8, 21)


@pytest.mark.parametrize("day", ["2026-12-24", datetime(2026, 12, 24, tzinfo=UTC), 20261224])
def test_extra_closed_days_must_be_dates(day: Any) -> None:
    with pytest.raises(TypeError, match="must be dates"):
        WorkingCalendar(extra_closed_days=[day])


class _NoOffset(tzinfo):
    """A timezone that does not know its own offset: such an instant is as good as naive."""

    def utcoffset(self, _dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, _dt: datetime | None) -> timedelta | None:
        return None


def test_an_instant_whose_timezone_has_no_offset_is_refused(cal: WorkingCalendar) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.local_date(datetime(2026, 8, 20, 9, 0, tzinfo=_NoOffset()))
