"""An idempotent request is one transaction: the key, the change, its event and the stored answer are
kept together or not at all; a duplicate waits for the first and replays its answer."""
from __future__ import annotations

import threading
from collections import Counter
from typing import Any, Iterator

import pytest
from sqlalchemy import event, select

from servicekit.testing import ServiceHarness
from toy_service import service as toy_service

pytestmark = pytest.mark.integration


def create(toy: ServiceHarness, body: dict[str, Any], key: str) -> Any:
    return toy.client.post("/api/v1/notes", json=body, headers={**toy.headers("admin"), "Idempotency-Key": key})


@pytest.fixture
def transactions(toy: ServiceHarness) -> Iterator[Counter[str]]:
    """Transactions the requests begin on the toy's database (savepoints apart); the test client
    serves requests on the test's own thread, while the relay works on its own."""
    begun: Counter[str] = Counter()
    requests_thread = threading.current_thread()

    def count(_connection: Any) -> None:
        if threading.current_thread() is requests_thread:
            begun["transactions"] += 1

    event.listen(toy.runtime.engine, "begin", count)
    yield begun
    event.remove(toy.runtime.engine, "begin", count)


def stored_keys(toy: ServiceHarness) -> list[str]:
    table = toy.runtime.tables.idempotency_keys
    with toy.runtime.uow() as uow:
        return list(uow.session.execute(select(table.c.key)).scalars())


def test_an_idempotent_create_is_one_transaction(toy: ServiceHarness, transactions: Counter[str]) -> None:
    response = create(toy, {"text": "nasi kotak", "price": 25000}, "one-transaction")
    assert response.status_code == 201
    assert transactions["transactions"] == 1
    assert stored_keys(toy) == ["one-transaction"] and len(toy.outbox("note.created")) == 1


def test_a_replay_reads_in_one_transaction_and_changes_nothing(toy: ServiceHarness, transactions: Counter[str]) -> None:
    first = create(toy, {"text": "kue lapis", "price": 4000}, "replayed")
    transactions.clear()
    again = create(toy, {"text": "kue lapis", "price": 4000}, "replayed")
    assert again.headers["Idempotent-Replayed"] == "true" and again.json == first.json
    assert transactions["transactions"] == 1 and len(toy.outbox("note.created")) == 1


def test_a_request_that_fails_leaves_no_key_and_no_change(toy: ServiceHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    def publish_then_fail(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("the process dies mid-request")

    monkeypatch.setattr(toy_service, "create_note", publish_then_fail)
    assert create(toy, {"text": "x", "price": 1}, "died").status_code == 500
    monkeypatch.undo()
    assert stored_keys(toy) == [] and toy.outbox("note.created") == []
    retried = create(toy, {"text": "x", "price": 1}, "died")  # the client may simply retry: no 409 lease
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried.headers


def test_a_concurrent_duplicate_waits_for_the_first_and_replays_it(toy: ServiceHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    inside, release = threading.Event(), threading.Event()
    real_create = toy_service.create_note

    def slow_create(*args: Any, **kwargs: Any) -> Any:
        note = real_create(*args, **kwargs)
        inside.set()
        release.wait(10)  # the first request holds its transaction (and its key) open
        return note

    monkeypatch.setattr(toy_service, "create_note", slow_create)
    answers: dict[str, Any] = {}
    first = threading.Thread(target=lambda: answers.update(first=create(toy, {"text": "a", "price": 1}, "raced")))
    first.start()
    assert inside.wait(10)
    monkeypatch.setattr(toy_service, "create_note", real_create)
    second = threading.Thread(target=lambda: answers.update(second=create(toy, {"text": "a", "price": 1}, "raced")))
    second.start()
    second.join(0.5)
    assert second.is_alive(), "the duplicate must wait for the first request, not run beside it"
    release.set()
    first.join(10)
    second.join(10)
    assert answers["first"].status_code == answers["second"].status_code == 201
    assert answers["second"].json == answers["first"].json and answers["second"].headers["Idempotent-Replayed"] == "true"
    assert len(toy.outbox("note.created")) == 1
