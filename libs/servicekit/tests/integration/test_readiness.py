"""/readyz really reaches the database and the broker; /healthz only says the process is alive."""
from __future__ import annotations

from pathlib import Path

import pytest

from servicekit.events.brokers.rabbitmq import RabbitMQBroker
from servicekit.service import ServiceRuntime
from servicekit.settings import Settings
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
