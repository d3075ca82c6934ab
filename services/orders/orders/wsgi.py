"""The web process: ``gunicorn -c python:servicekit.gunicorn_config orders.wsgi:app``."""
from servicekit.service import wsgi_app

from orders.service import DEFINITION

app = wsgi_app(DEFINITION)
