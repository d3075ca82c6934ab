"""Request bodies: parsed with a bound on nesting (a body of 100,000 nested arrays is a 400, not a
RecursionError deep inside the parser or in a validator walking the result), and required where the
OpenAPI document says so."""
from __future__ import annotations

import json
from functools import wraps
from typing import Any, Callable

from flask import request
from flask.json.provider import DefaultJSONProvider
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from servicekit.http.problems import BadRequest

MAX_DEPTH = 32
"""Far deeper than any body the platform accepts (an address in a vendor is three levels)."""


class TooDeeplyNested(json.JSONDecodeError):
    """A JSON document nested beyond :data:`MAX_DEPTH`; a decoding error, so parsers answer 400."""

    def __init__(self, document: str) -> None:
        super().__init__(f"JSON nested deeper than {MAX_DEPTH} levels", document or " ", 0)


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests deeper than ``limit``; iterative, so that it cannot overflow itself."""
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if isinstance(node, (dict, list)):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, depth + 1) for child in children)
    return False


def loads_bounded(document: str | bytes) -> Any:
    text = document.decode("utf-8") if isinstance(document, (bytes, bytearray)) else document
    try:
        value = json.loads(text)
    except RecursionError as exc:
        raise TooDeeplyNested(text[:100]) from exc
    if _depth_exceeds(value, MAX_DEPTH):
        raise TooDeeplyNested(text[:100])
    return value


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's ``request.get_json`` through :func:`loads_bounded` (Flask answers its ValueError with 400)."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads_bounded(s)


class BoundedJSONParser(FlaskParser):
    """webargs parses request bodies itself (``json.loads``): the same bound there."""

    def _raw_load_json(self, req: Any) -> Any:
        if not is_json_request(req):
            return core.missing
        data = req.get_data(cache=True)
        try:
            return loads_bounded(data)
        except UnicodeDecodeError as exc:
            raise json.JSONDecodeError(f"Bytes decoding error : {exc.reason}", doc=str(exc.object), pos=exc.start) from exc


class RequiredJsonBody:
    """Blueprint mixin: an operation whose JSON body is required (flask-smorest's default, and what
    its OpenAPI document says) refuses a request without one, instead of reading it as ``{}``."""

    def arguments(self, schema: Any, *, location: str = "json", required: bool = True, **kwargs: Any) -> Any:
        decorator = super().arguments(schema, location=location, required=required, **kwargs)  # type: ignore[misc]
        if location != "json" or not required:
            return decorator

        def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
            parsed = decorator(view)

            @wraps(parsed)  # keeps flask-smorest's _apidoc
            def checked(*args: Any, **view_kwargs: Any) -> Any:
                if not request.get_data(cache=True):
                    raise BadRequest("this operation needs a JSON body", errors={"(body)": ["a JSON body is required"]})
                return parsed(*args, **view_kwargs)

            return checked

        return wrap
