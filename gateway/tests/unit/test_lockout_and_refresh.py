from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from gateway.domain.lockout import LockoutPolicy, SignInRecord
from gateway.domain.refresh import RefreshRecord, RefreshVerdict, judge_refresh

pytestmark = pytest.mark.unit

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
POLICY = LockoutPolicy(threshold=3, lock_seconds=600, delay_step_seconds=0.5, delay_cap_seconds=1.2)


def test_the_threshold_th_failure_locks_for_the_period() -> None:
    record = SignInRecord()
    for _ in range(2):
        record = POLICY.after_failure(record, NOW)
        assert POLICY.locked_for(record, NOW) == 0
    record = POLICY.after_failure(record, NOW)
    assert POLICY.locked_for(record, NOW) == 600
    assert POLICY.locked_for(record, NOW + timedelta(seconds=599)) == 1
    assert POLICY.locked_for(record, NOW + timedelta(seconds=600)) == 0


def test_a_failure_after_the_lock_ran_out_starts_counting_afresh() -> None:
    locked = SignInRecord(failures=3, locked_until=NOW)
    after = POLICY.after_failure(locked, NOW + timedelta(seconds=1))
    assert after == SignInRecord(failures=1, locked_until=None)


def test_delay_grows_with_failures_up_to_the_cap() -> None:
    assert [POLICY.delay_after(n) for n in range(5)] == [0.0, 0.5, 1.0, 1.2, 1.2]


@pytest.mark.parametrize(
    ("record", "verdict"),
    [
        (RefreshRecord(NOW + timedelta(hours=1), None, None), RefreshVerdict.VALID),
        (RefreshRecord(NOW, None, None), RefreshVerdict.EXPIRED),
        (RefreshRecord(NOW + timedelta(hours=1), NOW, None), RefreshVerdict.REUSED),
        (RefreshRecord(NOW + timedelta(hours=1), NOW, NOW), RefreshVerdict.REVOKED),
        (RefreshRecord(NOW - timedelta(hours=1), None, NOW), RefreshVerdict.REVOKED),
    ],
)
def test_refresh_verdicts(record: RefreshRecord, verdict: RefreshVerdict) -> None:
    assert judge_refresh(record, NOW) is verdict


def test_the_record_that_locks_keeps_its_failure_count() -> None:
    """The next failure counts on from it: a lost count would start over, or fail to read."""
    record = SignInRecord()
    for _ in range(POLICY.threshold):
        record = POLICY.after_failure(record, NOW)
    assert record == SignInRecord(failures=POLICY.threshold, locked_until=NOW + timedelta(seconds=600))


def test_a_lock_ends_at_its_last_instant() -> None:
    locked = SignInRecord(failures=3, locked_until=NOW)
    assert POLICY.locked_for(locked, NOW - timedelta(microseconds=1)) > 0
    assert POLICY.locked_for(locked, NOW) == 0
    assert POLICY.after_failure(locked, NOW) == SignInRecord(failures=1, locked_until=None)
    assert POLICY.after_failure(locked, NOW - timedelta(microseconds=1)).failures == 4


def test_a_usernames_count_over_every_client_grows_by_one_and_never_locks() -> None:
    record = SignInRecord()
    for expected in range(1, 2 * POLICY.threshold):
        record = LockoutPolicy.counted(record)
        assert record == SignInRecord(failures=expected, locked_until=None)
