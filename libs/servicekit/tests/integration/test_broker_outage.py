"""A broker outage of any length is ridden out by a running worker: its consumer keeps trying to
reconnect (a refused reconnection used to kill it), /readyz says the broker is unreachable, the
outbox backlog shows in the metrics, and everything written meanwhile is delivered once it is back."""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from servicekit.testing import RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq
from servicekit.testing.metrics import metric_value
from servicekit.testing.proxy import TcpProxy
from toy_service.service import DEFINITION, NOTE_LIKED, notes

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = 8.0  # longer than the consumer's first reconnection attempts: several are refused


def test_a_worker_rides_out_a_broker_outage_and_delivers_what_was_written_meanwhile(tmp_path: Path) -> None:
    require_rabbitmq()
    with TcpProxy.in_front_of(RABBITMQ_URL) as proxy, database_url_for("postgresql", tmp_path) as url:
        with ServiceHarness(DEFINITION, database_url=url, broker_url=proxy.url()) as toy:
            assert toy.consumer is not None
            note_id = str(uuid.uuid4())
            with toy.runtime.uow() as uow:
                uow.session.execute(notes.insert().values(id=note_id, text="kue", price=1, likes=0))
                uow.commit()
            before = toy.deliver("note.liked", note_id, {"note_id": note_id})
            assert toy.consumer.wait_settled(before.id) == "handled"

            written = []
            with proxy.outage():
                for _ in range(20):
                    with toy.runtime.uow() as uow:
                        written.append(uow.publish(NOTE_LIKED, note_id, {"note_id": note_id}).id)
                        uow.commit()
                ready = toy.client.get("/readyz")
                assert ready.status_code == 503 and ready.json["checks"]["broker"] == "unreachable"
                time.sleep(OUTAGE_SECONDS)  # the outage itself: nothing to wait for but time
                assert metric_value(toy.client.get("/metrics").text, "eorder_outbox_backlog") == 20
                assert all(thread.is_alive() for thread in toy._threads), "a worker loop died in the outage"

            for event_id in written:
                assert toy.consumer.wait_settled(event_id, timeout=60) == "handled"
            assert all(thread.is_alive() for thread in toy._threads)
            assert toy.relay.backlog()[0] == 0
            assert toy.client.get("/readyz").status_code == 200
            with toy.runtime.uow() as uow:
                assert uow.session.execute(notes.select().where(notes.c.id == note_id)).one().likes == 21
            assert toy.runtime.broker.dead_letters(toy.settings.dead_letter_queue_name) == []
