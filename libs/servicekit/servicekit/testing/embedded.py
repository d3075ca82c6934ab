"""The embedded platform (``make up``) as a real process a fault test can interrupt, kill and restart,
with its SQLite files (services and bus) read directly to see where an event is."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Iterator

from servicekit.testing.processes import free_port, wait_until_ready

SERVICES = ("vendors", "catalog", "gateway")


class EmbeddedPlatform:
    def __init__(self, var_dir: Path) -> None:
        self.var_dir = var_dir
        self.ports = {name: free_port() for name in SERVICES}
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("EORDER_")}
        self.env.update(
            {
                "EORDER_VAR_DIR": str(var_dir),
                "EORDER_DEMO_DATA": "0",
                "EORDER_RELAY_POLL_SECONDS": "0.05",
                "EORDER_LOG_LEVEL": "WARNING",
                **{f"EORDER_{name.upper()}_PORT": str(port) for name, port in self.ports.items()},
            }
        )
        self.process: subprocess.Popen[bytes] | None = None
        self.log = var_dir / "embedded.log"

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "servicekit.embedded"], env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        for service in ("vendors", "catalog"):
            wait_until_ready(self.url(service), timeout=90)

    def interrupt(self) -> None:
        """Ctrl-C."""
        self._end(signal.SIGINT)

    def kill(self) -> None:
        """A crash: SIGKILL, nothing finished or flushed."""
        self._end(signal.SIGKILL)

    def _end(self, sig: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(sig)
        self.process.wait(timeout=60)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.interrupt()

    # -- reading its files --------------------------------------------------------------------
    def query(self, database: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        path = self.var_dir / f"{database}.db"
        if not path.exists():
            return []
        with closing(sqlite3.connect(path, timeout=30)) as connection:
            try:
                return connection.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if "no such table" in str(exc):
                    return []
                raise

    @contextmanager
    def database_locked(self, database: str) -> Iterator[None]:
        """Hold the write lock of a service's SQLite file: its consumer takes a delivery and cannot
        commit it, as when the process is stopped in the middle of handling an event."""
        connection = sqlite3.connect(self.var_dir / f"{database}.db", timeout=30, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
