"""A TCP proxy a test puts between a service and its broker (or database), to make it really
unreachable: every open connection cut, new ones refused, for as long as the test says."""
from __future__ import annotations

import contextlib
import socket
import threading
from typing import Iterator
from urllib.parse import urlparse


class TcpProxy:
    """Listens on a free port of 127.0.0.1 and forwards every connection to ``target``."""

    def __init__(self, target_host: str = "127.0.0.1", target_port: int = 5672) -> None:
        self.target = (target_host, target_port)
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self.port = 0
        self.connections_made = 0

    @classmethod
    def in_front_of(cls, url: str, default_port: int = 5672) -> "TcpProxy":
        """A proxy to the host and port of a broker or database URL."""
        parsed = urlparse(url)
        return cls(parsed.hostname or "127.0.0.1", parsed.port or default_port)

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> "TcpProxy":
        self._listen()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_listening()
        self._cut_all()

    def url(self, scheme: str = "amqp", credentials: str = "guest:guest", path: str = "//") -> str:
        return f"{scheme}://{credentials}@127.0.0.1:{self.port}{path}"

    # -- faults ---------------------------------------------------------------------------------
    def cut(self) -> None:
        """The broker is gone: open connections are reset and new ones are refused until restored."""
        self._stop_listening()
        self._cut_all()

    def restore(self) -> None:
        """The broker is back on the same address."""
        self._listen()

    @contextlib.contextmanager
    def outage(self) -> Iterator[None]:
        self.cut()
        try:
            yield
        finally:
            self.restore()

    @property
    def is_down(self) -> bool:
        return self._listener is None

    # -- forwarding -----------------------------------------------------------------------------
    def _listen(self) -> None:
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))  # port 0 the first time: a free one, then the same
            listener.listen(64)
            self.port = listener.getsockname()[1]
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), name="tcp-proxy-accept", daemon=True).start()

    def _stop_listening(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _cut_all(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, set()
        for sock in connections:
            # shutdown() first: close() alone leaves the pump thread blocked in recv() on the socket,
            # and the connection open.
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # the listener was closed: the outage began or the proxy stopped
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self._connections.update((client, upstream))
                self.connections_made += 1
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), name="tcp-proxy-pump", daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()
            with self._lock:
                self._connections.discard(source)
                self._connections.discard(sink)
