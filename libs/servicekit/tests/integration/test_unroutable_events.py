"""An event published while no queue is bound for it (a consumer's queue not declared yet during a
rollout) is never dropped: the alternate exchange keeps it in the unroutable queue, the metrics count
it, and ``unroutable replay`` delivers it once the queue exists. On RabbitMQ, on the durable SQLite
bus and on the in-process bus alike."""
from __future__ import annotations

import uuid
from pathlib import Path

import amqp
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from servicekit.cli import service_cli
from servicekit.testing import RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq
from servicekit.testing.metrics import metric_value
from servicekit.testing.processes import wait_until
from toy_service.service import DEFINITION, NOTE_LIKED, notes

pytestmark = pytest.mark.integration


def toy_command(toy: ServiceHarness, *args: str) -> str:
    """The toy's own command line, configured like the harness."""
    env = {
        "EORDER_ENV": "test",
        "EORDER_TOY_DATABASE_URL": toy.settings.database_url,
        "EORDER_BROKER_URL": toy.settings.broker_url,
        "EORDER_EVENTS_PREFIX": toy.settings.events_prefix,
        "EORDER_LOG_LEVEL": "WARNING",
    }
    result = CliRunner().invoke(service_cli(DEFINITION), list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def waiting_metric(toy: ServiceHarness) -> float:
    return metric_value(toy.client.get("/metrics").text, "eorder_events_unroutable_waiting")


def note_liked_in_outbox(toy: ServiceHarness) -> tuple[str, str]:
    """A note, and a ``note.liked`` for it committed to the outbox: its id, the event's id."""
    note_id = str(uuid.uuid4())
    with toy.runtime.uow() as uow:
        uow.session.execute(notes.insert().values(id=note_id, text="kue", price=1, likes=0))
        event = uow.publish(NOTE_LIKED, note_id, {"note_id": note_id})
        uow.commit()
    return note_id, event.id


def test_an_event_nobody_is_bound_for_is_kept_counted_and_replayed(broker_url: str, tmp_path: Path) -> None:
    with database_url_for("sqlite", tmp_path) as url, ServiceHarness(
        DEFINITION, database_url=url, broker_url=broker_url, start_worker=False
    ) as toy:
        broker, settings = toy.runtime.broker, toy.settings
        broker.delete_queue(settings.queue_name)  # as before the consumer's migrate ran
        note_id, event_id = note_liked_in_outbox(toy)

        assert toy.relay.drain() == 1
        assert toy.relay.backlog()[0] == 0  # the broker took it: kept, not pending
        assert [letter.message_id for letter in broker.dead_letters(settings.unroutable_queue_name)] == [event_id]
        # RabbitMQ's queue figures and the return of a listed message lag a moment behind.
        wait_until("the metric counts it", lambda: waiting_metric(toy) == 1)
        assert event_id in toy_command(toy, "unroutable", "list")

        replay = ("unroutable", "replay", "--id", event_id)
        wait_until("a replay took it", lambda: toy_command(toy, *replay).startswith("replayed 1 unroutable events"))
        wait_until("still no queue: kept again", lambda: broker.message_count(settings.unroutable_queue_name) == 1)

        toy.runtime.migrate()  # the consumer's queue is declared
        toy.start_worker(relay=False, consumer=True)
        wait_until("a replay took it", lambda: toy_command(toy, *replay).startswith("replayed 1 unroutable events"))
        assert toy.consumer is not None and toy.consumer.wait_settled(event_id, timeout=30) == "handled"
        with toy.runtime.uow() as uow:
            assert uow.session.execute(select(notes.c.likes).where(notes.c.id == note_id)).scalar_one() == 1
        wait_until("nothing left to replay", lambda: waiting_metric(toy) == 0)


def test_an_exchange_declared_without_an_alternate_exchange_keeps_returned_events_pending(tmp_path: Path) -> None:
    """RabbitMQ refuses to change an existing exchange's arguments: ``migrate`` keeps the exchange as
    it is (and logs the policy that adds the alternate exchange); returned events stay in the outbox
    and leave once a queue is bound for them."""
    require_rabbitmq()
    prefix = f"test-{uuid.uuid4().hex[:10]}."
    with amqp.Connection("127.0.0.1:5672", userid="guest", password="guest") as connection:
        channel = connection.channel()
        channel.exchange_declare(f"{prefix}eorder.events", "topic", durable=True, auto_delete=False)
    with database_url_for("sqlite", tmp_path) as url, ServiceHarness(
        DEFINITION, database_url=url, broker_url=RABBITMQ_URL, events_prefix=prefix, start_worker=False
    ) as toy:
        toy.runtime.broker.delete_queue(toy.settings.queue_name)
        note_id, event_id = note_liked_in_outbox(toy)
        assert toy.relay.drain() == 0
        assert toy.relay.backlog()[0] == 1  # returned, so still pending: nothing dropped
        toy.runtime.migrate()
        toy.start_worker(relay=True, consumer=True)
        assert toy.consumer is not None and toy.consumer.wait_settled(event_id, timeout=30) == "handled"
        assert toy.relay.backlog()[0] == 0
