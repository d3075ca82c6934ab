"""The web process: ``gunicorn -c python:servicekit.gunicorn_config payments.wsgi:app``."""
from servicekit.service import wsgi_app

from payments.service import DEFINITION

app = wsgi_app(DEFINITION)
