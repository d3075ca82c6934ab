"""A service runtime: /readyz really reaches the database and the broker (/healthz only says the
process is alive), a worker whose loop dies stops, and bad settings refuse to start."""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from servicekit.events.brokers.rabbitmq import RabbitMQBroker
from servicekit.service import ServiceRuntime
from servicekit.settings import ConfigurationError, Settings
from servicekit.testing import RABBITMQ_URL, ServiceHarness, require_rabbitmq
from servicekit.testing.processes import free_port
from toy_service.service import DEFINITION

pytestmark = pytest.mark.integration


def test_ready_on_real_rabbitmq(tmp_path: Path) -> None:
    require_rabbitmq()
    with ServiceHarness(DEFINITION, database_url=f"sqlite:///{tmp_path}/t.db", broker_url=RABBITMQ_URL) as toy:
        assert toy.client.get("/readyz").json["checks"] == {"database": "ok", "broker": "ok"}


def test_not_ready_when_the_broker_is_unreachable(tmp_path: Path) -> None:
    settings = Settings.from_env("toy", environ={}, database_url=f"sqlite:///{tmp_path}/t.db")
    unreachable = RabbitMQBroker(f"amqp://guest:guest@127.0.0.1:{free_port()}//", connect_timeout=1)
    runtime = ServiceRuntime(DEFINITION, settings, broker=unreachable)
    client = runtime.create_app().test_client()
    response = client.get("/readyz")
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    assert response.json["checks"] == {"database": "ok", "broker": "unreachable"}
    assert client.get("/healthz").status_code == 200
    runtime.close()


def test_not_ready_when_the_database_is_unreachable() -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/nowhere?connect_timeout=1"
    runtime = ServiceRuntime(DEFINITION, Settings.from_env("toy", environ={}, database_url=url))
    response = runtime.create_app().test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["database"] == "unreachable"
    runtime.close()


def test_a_worker_loop_that_dies_stops_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = ServiceRuntime(
        DEFINITION, Settings.from_env("toy", environ={}, database_url=f"sqlite:///{tmp_path}/t.db", broker_url="memory://")
    )
    runtime.migrate()

    class CrashingConsumer:
        def run(self, stop: threading.Event) -> None:
            raise RuntimeError("consumer crashed")

    monkeypatch.setattr(runtime, "consumer", CrashingConsumer)
    stop = threading.Event()
    threads = runtime.start_worker(stop)
    assert stop.wait(timeout=10), "the other loops were left running"
    for thread in threads:
        thread.join(timeout=10)
        assert not thread.is_alive()
    assert runtime.failed_loops == ["toy-consumer"]
    runtime.close()


def test_a_malformed_closed_day_refuses_to_start(tmp_path: Path) -> None:
    settings = Settings.from_env(
        "toy", environ={"EORDER_CLOSED_DAYS": "2026-12-24,24-12-2026"}, database_url=f"sqlite:///{tmp_path}/t.db"
    )
    with pytest.raises(ConfigurationError, match="24-12-2026"):
        ServiceRuntime(DEFINITION, settings)
    settings = Settings.from_env("toy", environ={"EORDER_CLOSED_DAYS": "2026-12-24"}, database_url=f"sqlite:///{tmp_path}/t.db")
    runtime = ServiceRuntime(DEFINITION, settings)
    assert not runtime.calendar.is_working_day(date(2026, 12, 24))  # a Thursday, closed by the setting
    assert runtime.calendar.is_working_day(date(2026, 12, 23))
    runtime.close()
