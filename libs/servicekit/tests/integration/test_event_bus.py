"""Delivery guarantees of the outbox, relay, consumer and inbox, on real RabbitMQ, on the durable
SQLite bus of the embedded mode and on the in-process bus of unit tests (the same code runs on all)."""
from __future__ import annotations

import subprocess
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from servicekit.events.brokers import broker_for
from servicekit.testing import EventCapture, RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq
from servicekit.testing.processes import wait_until
from toy_service.service import DEFINITION, FAILURES, NOTE_CREATED, NOTE_LIKED, notes

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url_for(request.param, tmp_path) as url:
        yield url


def make_harness(database_url: str, broker_url: str, **kwargs) -> ServiceHarness:  # type: ignore[no-untyped-def]
    return ServiceHarness(DEFINITION, database_url=database_url, broker_url=broker_url, **kwargs)


def add_note(toy: ServiceHarness) -> str:
    response = toy.client.post("/api/v1/notes", json={"text": "kue", "price": 5000}, headers=toy.headers("admin"))
    assert response.status_code == 201
    return response.json["id"]


def likes(toy: ServiceHarness, note_id: str) -> int:
    with toy.runtime.uow() as uow:
        return uow.session.execute(select(notes.c.likes).where(notes.c.id == note_id)).scalar_one()


def like_in_outbox(toy: ServiceHarness, note_id: str) -> str:
    """The toy consumes its own ``note.liked``: a committed outbox row that comes back through the bus."""
    with toy.runtime.uow() as uow:
        envelope = uow.publish(NOTE_LIKED, note_id, {"note_id": note_id})
        uow.commit()
    return envelope.id


def test_a_committed_event_is_delivered(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url) as toy, EventCapture(toy.runtime.broker, toy.settings.exchange_name) as bus:
        note_id = add_note(toy)
        [event] = bus.wait_for("note.created")
        assert event.subject == note_id and event.data["price"] == 5000


def test_a_rolled_back_change_publishes_nothing(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url, start_worker=False) as toy:
        with toy.runtime.uow() as uow:
            uow.publish(NOTE_CREATED, "n-1", {"id": "n-1", "text": "never", "price": 1})
            # leaving without commit rolls back the change and its event together
        assert toy.relay.drain() == 0
        assert toy.outbox() == []


def test_a_duplicate_delivery_changes_nothing(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url) as toy:
        note_id = add_note(toy)
        event = toy.deliver("note.liked", note_id, {"note_id": note_id})
        assert toy.deliver_envelope(event) == "duplicate"
        assert likes(toy, note_id) == 1


def test_a_failing_handler_is_retried_then_succeeds(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url) as toy:
        note_id = add_note(toy)
        FAILURES["fail_times"] = 3  # more than one delivery's attempts: the broker redelivers
        toy.deliver("note.liked", note_id, {"note_id": note_id})
        assert likes(toy, note_id) == 1


def test_an_unreachable_database_is_waited_out_not_dead_lettered(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url) as toy:
        note_id = add_note(toy)
        FAILURES["database_down_times"] = 7  # more tries than a delivery's attempts times its limit
        toy.deliver("note.liked", note_id, {"note_id": note_id}, timeout=30)
        assert likes(toy, note_id) == 1
        assert toy.runtime.broker.dead_letters(toy.settings.dead_letter_queue_name) == []


def test_a_handler_that_always_fails_ends_in_the_dlq_and_can_be_replayed(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url) as toy:
        note_id = add_note(toy)
        FAILURES["always_fail"] = True
        event = toy.deliver("note.liked", note_id, {"note_id": note_id})
        assert toy.consumer is not None and toy.consumer.wait_settled(event.id) == "dead_lettered"
        # RabbitMQ moves a rejected message to the DLQ after the rejection returns, not with it.
        [letter] = wait_until("the DLQ holds the event", lambda: toy.runtime.broker.dead_letters(toy.settings.dead_letter_queue_name))
        assert letter.message_id == event.id
        assert likes(toy, note_id) == 0

        FAILURES["always_fail"] = False
        toy.consumer.forget(event.id)
        assert toy.runtime.broker.replay(toy.settings.dead_letter_queue_name, toy.settings.queue_name) == 1
        assert toy.consumer.wait_settled(event.id) == "handled"
        assert likes(toy, note_id) == 1
        assert toy.runtime.broker.dead_letters(toy.settings.dead_letter_queue_name) == []


def test_an_event_breaking_its_contract_is_dead_lettered_at_once(database_url: str, broker_url: str) -> None:
    with make_harness(database_url, broker_url) as toy:
        event = toy.deliver("note.liked", "x", {"no_note_id": True})
        assert toy.consumer is not None and toy.consumer.wait_settled(event.id) == "dead_lettered"
        letters = wait_until("the DLQ holds the event", lambda: toy.runtime.broker.dead_letters(toy.settings.dead_letter_queue_name))
        assert [d.message_id for d in letters] == [event.id]


def test_a_relay_stopped_between_publish_and_mark_publishes_again_and_the_consumer_dedupes(
    database_url: str, broker_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with make_harness(database_url, broker_url, start_worker=False) as toy:
        toy.start_worker(relay=False, consumer=True)
        with toy.runtime.uow() as uow:
            note_id = str(uuid.uuid4())
            uow.session.execute(notes.insert().values(id=note_id, text="x", price=1, likes=0))
            uow.commit()
        event_id = like_in_outbox(toy, note_id)

        def crash(*_args: object) -> None:
            raise SystemExit("relay killed after publishing, before marking")

        monkeypatch.setattr(toy.relay, "_mark_sent", crash)
        with pytest.raises(SystemExit):
            toy.relay.relay_once()
        assert toy.consumer is not None and toy.consumer.wait_settled(event_id) == "handled"
        toy.consumer.forget(event_id)

        monkeypatch.undo()
        assert toy.relay.relay_once() == 1  # the row was still pending: published a second time
        assert toy.consumer.wait_settled(event_id) == "duplicate"
        assert toy.relay.relay_once() == 0
        assert likes(toy, note_id) == 1


def test_closed_broker_connections_are_recovered_without_loss(tmp_path: Path) -> None:
    require_rabbitmq()
    with database_url_for("postgresql", tmp_path) as url, make_harness(url, RABBITMQ_URL) as toy:
        note_id = add_note(toy)
        assert toy.consumer is not None
        event_ids = []
        for round_number in range(3):
            event_ids += [like_in_outbox(toy, note_id) for _ in range(50)]
            subprocess.run(
                ["rabbitmqctl", "close_all_connections", f"test round {round_number}"],
                check=True,
                capture_output=True,
                timeout=60,
            )
        for event_id in event_ids:
            assert toy.consumer.wait_settled(event_id, timeout=60) in ("handled", "duplicate")
        assert likes(toy, note_id) == 150
        assert toy.relay.backlog()[0] == 0


def test_several_relays_never_publish_a_row_twice(tmp_path: Path) -> None:
    require_rabbitmq()
    with database_url_for("postgresql", tmp_path) as url, make_harness(url, RABBITMQ_URL, start_worker=False) as toy:
        second = broker_for(RABBITMQ_URL)
        other_relay = type(toy.relay)(toy.runtime.uow, second, toy.settings.exchange_name, batch_size=20)
        toy.relay.batch_size = 20
        with EventCapture(toy.runtime.broker, toy.settings.exchange_name, ["note.created"]) as bus:
            with toy.runtime.uow() as uow:
                for i in range(300):
                    uow.publish(NOTE_CREATED, f"n-{i}", {"id": f"n-{i}", "text": "x", "price": i})
                uow.commit()
            import threading

            results: list[int] = []
            threads = [threading.Thread(target=lambda r=r: results.append(r.drain())) for r in (toy.relay, other_relay)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert sum(results) == 300
            events = bus.wait_for("note.created", count=300, timeout=30)
            assert len({e.id for e in events}) == 300 and len(events) == 300
        second.close()


def test_batches_claimed_while_the_one_before_is_confirmed_keep_their_order_and_survive_a_failed_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_rabbitmq()
    from servicekit.events.brokers.base import PublishError

    with database_url_for("postgresql", tmp_path) as url, make_harness(url, RABBITMQ_URL, start_worker=False) as toy:
        toy.relay.batch_size = 20
        with EventCapture(toy.runtime.broker, toy.settings.exchange_name, ["note.created"]) as bus:
            with toy.runtime.uow() as uow:
                for i in range(95):
                    uow.publish(NOTE_CREATED, f"n-{i}", {"id": f"n-{i}", "text": "x", "price": i})
                    uow.commit()  # one transaction each: created_at orders them
            real_publish = toy.runtime.broker.publish
            calls = {"n": 0}

            def third_publish_fails(*args, **kwargs):  # type: ignore[no-untyped-def]
                calls["n"] += 1
                if calls["n"] == 3:
                    raise PublishError("broker went away")
                return real_publish(*args, **kwargs)

            monkeypatch.setattr(toy.runtime.broker, "publish", third_publish_fails)
            with pytest.raises(PublishError):
                toy.relay.drain()
            assert toy.relay.backlog()[0] == 95 - 40, "the failed batch and the one claimed behind it stay pending"
            assert toy.relay.drain() == 55
            events = bus.wait_for("note.created", count=95, timeout=30)
        assert [e.subject for e in events] == [f"n-{i}" for i in range(95)]
