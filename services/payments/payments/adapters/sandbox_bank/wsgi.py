"""The sandbox bank's web process: ``gunicorn -c python:servicekit.gunicorn_config payments.adapters.sandbox_bank.wsgi:app``."""
from servicekit.service import wsgi_app

from payments.adapters.sandbox_bank.service import DEFINITION

app = wsgi_app(DEFINITION)
