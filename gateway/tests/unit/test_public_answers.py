"""Which upstream answers the gateway gives again, and for how long."""
from __future__ import annotations

import pytest

from gateway.adapters.upstreams.client import UpstreamResponse
from gateway.proxy.public_answers import PublicAnswers, may_keep

pytestmark = pytest.mark.unit

PUBLIC = [("Content-Type", "application/json"), ("Cache-Control", "public, no-cache"), ("ETag", '"abc"')]


def answer(status: int = 200, headers: list[tuple[str, str]] | None = None, body: bytes = b"{}") -> UpstreamResponse:
    return UpstreamResponse(status=status, headers=PUBLIC if headers is None else headers, body=body)


@pytest.mark.parametrize(
    "upstream",
    [
        answer(headers=[("Content-Type", "application/json")]),
        answer(headers=[("Cache-Control", "no-store")]),
        answer(headers=[("Cache-Control", "private")]),
        answer(headers=[*PUBLIC, ("Set-Cookie", "session=1")]),
        answer(status=404),
        answer(status=503),
    ],
)
def test_only_public_successes_are_kept(upstream: UpstreamResponse) -> None:
    assert not may_keep(upstream)


def test_a_public_success_is_kept() -> None:
    assert may_keep(answer())


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_a_kept_answer_is_given_again_for_its_moment_only() -> None:
    clock = Clock()
    answers = PublicAnswers(0.5, clock=clock)
    asked: list[str] = []

    def ask(body: bytes) -> UpstreamResponse:
        asked.append("x")
        return answer(body=body)

    assert answers.fetch("/a", lambda: ask(b"1")).body == b"1"
    clock.now += 0.25
    assert answers.fetch("/a", lambda: ask(b"2")).body == b"1"
    assert answers.fetch("/b", lambda: ask(b"3")).body == b"3", "one answer per path and query"
    clock.now += 0.25
    assert answers.fetch("/a", lambda: ask(b"4")).body == b"4"
    assert len(asked) == 3


def test_nothing_is_kept_when_the_moment_is_zero() -> None:
    answers = PublicAnswers(0)
    assert not answers.enabled
    answers.fetch("/a", lambda: answer(body=b"1"))
    assert answers.fetch("/a", lambda: answer(body=b"2")).body == b"2"
