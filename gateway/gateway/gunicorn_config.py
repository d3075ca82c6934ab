"""Gunicorn settings of the gateway's web process: ``gunicorn -c python:gateway.gunicorn_config gateway.wsgi:app``.

The platform's shared settings (servicekit.gunicorn_config: bind, workers, timeouts, the Prometheus
multiprocess hooks) with gevent workers instead of sync ones. The gateway faces clients directly and
mostly waits: on clients sending their requests, on upstreams (up to the read timeout), on Redis and
its database. A sync worker is held for all of that, so a couple of clients sending half a request
stalled every worker, /healthz included. A gevent worker serves each connection in its own greenlet
and keeps answering while some connections stall, up to ``EORDER_GATEWAY_WEB_WORKER_CONNECTIONS``
per worker. Everything the gateway uses cooperates once gevent has patched the standard library
(urllib3, redis, psycopg 3 from 3.1.14). Argon2 hashing is CPU work and is not interleaved: a sign-in
holds its worker for the few tens of milliseconds the hash takes.
"""
from __future__ import annotations

import os

from servicekit.gunicorn_config import *  # noqa: F403  (the shared settings and hooks)
from servicekit.gunicorn_config import child_exit, on_starting  # noqa: F401  (named: gunicorn reads them)

worker_class = os.environ.get("EORDER_GATEWAY_WEB_WORKER_CLASS", "gevent")
worker_connections = int(os.environ.get("EORDER_GATEWAY_WEB_WORKER_CONNECTIONS", "1000"))
