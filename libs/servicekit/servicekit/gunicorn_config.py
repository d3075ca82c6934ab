"""Gunicorn settings shared by every service's web process: ``gunicorn -c python:servicekit.gunicorn_config <svc>.wsgi:app``.

Prometheus multiprocess mode needs a directory shared by the workers, emptied when the master starts
and told when a worker dies, so that counters from every worker add up at /metrics.
"""
from __future__ import annotations

import os
import shutil
import tempfile

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("EORDER_WEB_WORKERS", "2"))
threads = int(os.environ.get("EORDER_WEB_THREADS", "1"))
timeout = int(os.environ.get("EORDER_WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = None  # the services log each request themselves, as JSON
worker_tmp_dir = os.environ.get("EORDER_WORKER_TMP_DIR") or None

_multiproc_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", os.path.join(tempfile.gettempdir(), f"eorder-prometheus-{os.getpid()}")
)


def on_starting(_server) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(_multiproc_dir, ignore_errors=True)
    os.makedirs(_multiproc_dir, exist_ok=True)


def child_exit(_server, worker) -> None:  # type: ignore[no-untyped-def]
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
