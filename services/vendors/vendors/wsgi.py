"""The web process: ``gunicorn -c python:servicekit.gunicorn_config vendors.wsgi:app``."""
from servicekit.service import wsgi_app

from vendors.service import DEFINITION

app = wsgi_app(DEFINITION)
