"""``gunicorn -c python:servicekit.gunicorn_config gateway.wsgi:app``"""
from servicekit.service import wsgi_app

from gateway.service import DEFINITION

app = wsgi_app(DEFINITION)
