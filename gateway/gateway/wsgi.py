"""``gunicorn -c python:gateway.gunicorn_config gateway.wsgi:app`` (gevent workers: see gunicorn_config)."""
from servicekit.service import wsgi_app

from gateway.service import DEFINITION

app = wsgi_app(DEFINITION)
