"""``python -m servicekit.web <service>``: the service's web process, gunicorn with the service's
own gunicorn settings when it ships them (``<service>.gunicorn_config``: the gateway's gevent
workers), the shared ones otherwise. The image's default command; compose and Kubernetes may name
the same command explicitly."""
from __future__ import annotations

import os
import sys

from servicekit.distributed import web_command


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m servicekit.web <service>")
    command = web_command(sys.argv[1])
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
