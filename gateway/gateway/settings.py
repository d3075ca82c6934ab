"""The gateway's own settings, read from ``EORDER_GATEWAY_*`` (falling back to ``EORDER_*``)."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from servicekit.auth.tokens import dev_private_key_pem
from servicekit.settings import ConfigurationError, Settings

from gateway.domain.lockout import LockoutPolicy
from gateway.domain.routing import UpstreamConfigError, parse_upstreams
from gateway.credentials.hashing import PROFILES
from gateway.metrics_access import DEFAULT_NETWORKS, Network, parse_networks

MEMORY_STORAGE = "memory://"
# argon2 cost profiles by name: the first for real use, the others for test suites that hash
# hundreds of passwords (refused in production).
HASHING_PROFILES = tuple(PROFILES)


@dataclass(frozen=True)
class GatewaySettings:
    upstreams: dict[str, str]
    hashing_profile: str
    private_key_pem: str
    jwks_url: str | None
    access_token_seconds: int
    refresh_token_seconds: int
    session_seconds: int
    lockout: LockoutPolicy
    rate_limit: str
    token_rate_limit: str
    sign_in_failure_rate_limit: str
    signup_rate_limit: str
    rate_limit_storage: str
    rate_limit_prefix: str
    trusted_proxies: int
    connect_timeout: float
    read_timeout: float
    upstream_retries: int
    upstream_pool_size: int
    max_response_bytes: int
    docs_cache_seconds: float
    public_answers_ms: int
    """EORDER_GATEWAY_PUBLIC_ANSWERS_MS: how long an upstream's public answer to an anonymous GET is
    given again (0: never); at most 500, so that with the catalog's own pages a change shows within a second."""
    storefront_products: int
    metrics_allowed_networks: tuple[Network, ...]

    @property
    def sso_mode(self) -> bool:
        """A province's single sign-on issues the tokens; the gateway keeps no local accounts."""
        return self.jwks_url is not None

    @classmethod
    def from_settings(cls, settings: Settings) -> "GatewaySettings":
        try:
            upstreams = parse_upstreams(settings.setting("UPSTREAMS", ""))
        except UpstreamConfigError as exc:
            raise ConfigurationError(f"EORDER_GATEWAY_UPSTREAMS: {exc}") from exc
        redis_url = settings.setting("REDIS_URL", "")
        hashing_profile = settings.setting("PASSWORD_HASHING", HASHING_PROFILES[0])
        if hashing_profile not in HASHING_PROFILES:
            raise ConfigurationError(f"EORDER_GATEWAY_PASSWORD_HASHING must be one of {', '.join(HASHING_PROFILES)}")
        if settings.is_production and hashing_profile != HASHING_PROFILES[0]:
            raise ConfigurationError("refusing to start in production with the test password hashing profile")
        return cls(
            upstreams=upstreams,
            hashing_profile=hashing_profile,
            private_key_pem=_private_key(settings),
            jwks_url=settings.setting("JWT_JWKS_URL", "") or None,
            access_token_seconds=settings.int_setting("ACCESS_TOKEN_SECONDS", 900),
            refresh_token_seconds=settings.int_setting("REFRESH_TOKEN_SECONDS", 43_200),
            session_seconds=settings.int_setting("SESSION_SECONDS", 43_200),
            lockout=LockoutPolicy(
                threshold=settings.int_setting("LOCKOUT_THRESHOLD", 5),
                lock_seconds=settings.int_setting("LOCKOUT_SECONDS", 900),
                delay_step_seconds=settings.float_setting("FAILURE_DELAY_SECONDS", 0.25),
                delay_cap_seconds=settings.float_setting("FAILURE_DELAY_CAP_SECONDS", 2.0),
            ),
            rate_limit=settings.setting("RATE_LIMIT", "300/minute"),
            token_rate_limit=settings.setting("TOKEN_RATE_LIMIT", "10/minute"),
            sign_in_failure_rate_limit=settings.setting("SIGN_IN_FAILURE_RATE_LIMIT", "20/minute;100/hour"),
            signup_rate_limit=settings.setting("SIGNUP_RATE_LIMIT", "10/hour"),
            rate_limit_storage=redis_url or MEMORY_STORAGE,
            rate_limit_prefix=settings.setting("RATE_LIMIT_PREFIX", "eorder-gateway"),
            trusted_proxies=settings.int_setting("TRUSTED_PROXIES", 0),
            connect_timeout=settings.float_setting("UPSTREAM_CONNECT_TIMEOUT", 2.0),
            read_timeout=settings.float_setting("UPSTREAM_READ_TIMEOUT", 15.0),
            upstream_retries=settings.int_setting("UPSTREAM_RETRIES", 2),
            upstream_pool_size=settings.int_setting("UPSTREAM_POOL_SIZE", 20),
            max_response_bytes=settings.int_setting("UPSTREAM_MAX_RESPONSE_BYTES", 10 * 1024 * 1024),
            docs_cache_seconds=settings.float_setting("DOCS_CACHE_SECONDS", 30.0),
            public_answers_ms=_public_answers_ms(settings),
            storefront_products=settings.int_setting("STOREFRONT_PRODUCTS", 50),
            metrics_allowed_networks=parse_networks(
                settings.list_setting("METRICS_ALLOWED_NETWORKS", DEFAULT_NETWORKS)
            ),
        )


def _public_answers_ms(settings: Settings) -> int:
    value = settings.int_setting("PUBLIC_ANSWERS_MS", 400)
    if not 0 <= value <= 500:
        raise ConfigurationError("EORDER_GATEWAY_PUBLIC_ANSWERS_MS must be between 0 and 500")
    return value


def _private_key(settings: Settings) -> str:
    """The key tokens are signed with. Production names its own; development uses the development key.
    In single sign-on mode the gateway signs nothing (local accounts are off), so without a key it
    holds a throw-away one that no service trusts."""
    configured = settings.setting("JWT_PRIVATE_KEY", "")
    if configured:
        return configured
    if settings.setting("JWT_JWKS_URL", ""):
        return Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    if settings.is_production:
        raise ConfigurationError("set EORDER_GATEWAY_JWT_PRIVATE_KEY: production never signs with the development key")
    return dev_private_key_pem()
