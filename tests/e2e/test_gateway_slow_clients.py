"""The gateway under gunicorn keeps answering while clients stall half-way through their requests."""
from __future__ import annotations

import socket
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests

from servicekit.testing.processes import ServiceProcesses

pytestmark = pytest.mark.e2e

STALLED_CLIENTS = 12
HALF_A_SIGN_IN = (
    b"POST /api/v1/auth/token HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
    b'Content-Length: 200\r\n\r\n{"username": "adm'
)
HALF_THE_HEADERS = b"GET /api/v1/catalog/products HTTP/1.1\r\nHost: gateway\r\nX-Slow: "


def stalled_connection(stack: ExitStack, base_url: str, sent: bytes) -> None:
    host, port = base_url.removeprefix("http://").split(":")
    connection = stack.enter_context(socket.create_connection((host, int(port)), timeout=5))
    connection.sendall(sent)


def test_stalled_clients_do_not_stall_the_gateway(tmp_path: Path) -> None:
    env = {
        "EORDER_ENV": "test",
        "EORDER_GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'gateway.db'}",
        "EORDER_GATEWAY_PASSWORD_HASHING": "cheapest-for-tests",
        "EORDER_LOG_LEVEL": "WARNING",
    }
    with ServiceProcesses("gateway", env, worker=False, web_workers=2, log_dir=tmp_path) as gateway, ExitStack() as stalls:
        for n in range(STALLED_CLIENTS):
            stalled_connection(stalls, gateway.base_url, HALF_A_SIGN_IN if n % 2 else HALF_THE_HEADERS)
        time.sleep(0.5)  # every stalled request has been accepted and is waiting for the rest
        for _ in range(5):
            started = time.monotonic()
            answer = requests.get(f"{gateway.base_url}/healthz", headers={"Connection": "close"}, timeout=1)
            assert answer.status_code == 200 and time.monotonic() - started < 1.0, gateway.logs()
        signed_out = requests.post(
            f"{gateway.base_url}/api/v1/auth/token", json={"username": "nobody", "password": "x"}, timeout=5
        )
        assert signed_out.status_code == 401, "the API answers too, not only the probe"
