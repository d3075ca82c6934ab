"""The web process: ``gunicorn -c python:servicekit.gunicorn_config catalog.wsgi:app``."""
from servicekit.service import wsgi_app

from catalog.service import DEFINITION

app = wsgi_app(DEFINITION)
