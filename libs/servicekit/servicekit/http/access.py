"""Per-request authentication and the decorators that check roles; ownership is checked per object."""
from __future__ import annotations

from copy import deepcopy
from functools import wraps
from typing import Any, Callable, TypeVar

from flask import current_app, g, request

from servicekit.auth.principal import ANONYMOUS, Principal
from servicekit.auth.tokens import TokenError, TokenVerifier
from servicekit.http.problems import Forbidden, Unauthorized

F = TypeVar("F", bound=Callable[..., Any])
BEARER_SECURITY = [{"bearerAuth": []}]


def current_principal() -> Principal:
    """The caller of this request; anonymous without a token, 401 with a bad one."""
    if "principal" not in g:
        header = request.headers.get("Authorization", "")
        if not header:
            g.principal = ANONYMOUS
        else:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise Unauthorized("the Authorization header must be 'Bearer <token>'")
            verifier: TokenVerifier = current_app.extensions["eorder"].verifier
            try:
                g.principal = verifier.verify(token.strip())
            except TokenError as exc:
                raise Unauthorized(str(exc)) from exc
    principal: Principal = g.principal
    return principal


def _document_security(wrapper: Any) -> None:
    doc = deepcopy(getattr(wrapper, "_apidoc", {}))
    manual = doc.setdefault("manual_doc", {})
    manual["security"] = BEARER_SECURITY
    wrapper._apidoc = doc


def require_roles(*roles: str) -> Callable[[F], F]:
    """401 without a valid token, 403 when the caller holds none of ``roles``."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if not principal.is_authenticated:
                raise Unauthorized()
            if roles and not principal.has_any(*roles):
                raise Forbidden(f"requires one of the roles: {', '.join(roles)}")
            return view(*args, **kwargs)

        _document_security(wrapper)
        return wrapper  # type: ignore[return-value]

    return decorator


def require_authenticated(view: F) -> F:
    return require_roles()(view)

