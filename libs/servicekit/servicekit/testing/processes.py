"""Services as real processes for end-to-end tests: gunicorn web and worker, like the distributed mode."""
from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Mapping

import requests

from servicekit.distributed import migrate_command, web_command, worker_command
from servicekit.events.brokers import Topology, broker_for
from servicekit.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_ready(base_url: str, timeout: float = 30.0, path: str = "/readyz") -> None:
    """Poll readiness until it answers 200 (a process start has no event to wait on)."""
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while time.monotonic() < deadline:
        try:
            response = requests.get(base_url + path, timeout=2)
            if response.status_code == 200:
                return
            last_error = f"{response.status_code} {response.text[:200]}"
        except requests.RequestException as exc:
            last_error = str(exc)
        time.sleep(0.1)
    raise TimeoutError(f"{base_url} not ready within {timeout}s: {last_error}")


def wait_until(what: str, condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    """Poll a condition on what other processes write (their databases, files): across processes
    there is no event to wait on. Answers the condition's first truthy value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"not within {timeout}s: {what}")


class ServiceProcesses:
    """Migrate once, then start the web (gunicorn) and, optionally, the worker of one service."""

    def __init__(
        self,
        package: str,
        env: Mapping[str, str],
        *,
        port: int | None = None,
        web: bool = True,
        worker: bool = True,
        web_workers: int = 2,
        log_dir: Path | None = None,
    ) -> None:
        self.package = package
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._log_dir = log_dir or Path(tempfile.mkdtemp(prefix=f"eorder-{package}-"))
        self.env = {
            **os.environ,
            **env,
            "PORT": str(self.port),
            "EORDER_WEB_WORKERS": str(web_workers),
            "PROMETHEUS_MULTIPROC_DIR": tempfile.mkdtemp(prefix=f"eorder-{package}-metrics-"),
        }
        self._want_web, self._want_worker = web, worker
        self.web: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        with open(self._log_dir / f"{name}.log", "ab") as log:  # the child keeps its own copy
            return subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def migrate(self) -> None:
        subprocess.run(migrate_command(self.package), env=self.env, check=True, capture_output=True)

    def start_web(self) -> None:
        self.web = self._spawn("web", web_command(self.package))
        wait_until_ready(self.base_url, timeout=90)  # gunicorn and its workers on a busy machine

    def start_worker(self) -> None:
        self.worker = self._spawn("worker", worker_command(self.package, metrics_port=0))

    def kill_worker(self) -> None:
        """SIGKILL, as a crash would: no chance to finish or acknowledge anything."""
        if self.worker is not None:
            self.worker.kill()
            self.worker.wait(timeout=10)
            self.worker = None

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-4000:] for p in sorted(self._log_dir.glob("*.log")))

    def __enter__(self) -> "ServiceProcesses":
        self.migrate()
        if self._want_worker:
            self.start_worker()
        if self._want_web:
            self.start_web()
        return self

    def __exit__(self, *exc: object) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                process.terminate()
        for process in (self.web, self.worker):
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        self._delete_test_topology()

    def _delete_test_topology(self) -> None:
        """A test run's prefixed exchange and queues go with it (several services may share them)."""
        settings = Settings.from_env(self.package, environ=self.env)
        if not settings.events_prefix or settings.broker_url.startswith("memory://"):
            return
        broker = broker_for(settings.broker_url)
        try:
            broker.delete_topology(Topology.of_service(settings, routing_keys=["#"]))
        finally:
            broker.close()
