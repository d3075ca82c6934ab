"""Authentication (JWT verification) and the principal a request acts for."""
from servicekit.auth.principal import ANONYMOUS, ROLES, Principal
from servicekit.auth.tokens import TokenError, TokenVerifier, dev_private_key_pem, dev_public_key_pem

__all__ = [
    "ANONYMOUS",
    "Principal",
    "ROLES",
    "TokenError",
    "TokenVerifier",
    "dev_private_key_pem",
    "dev_public_key_pem",
]
