"""Configuration from environment variables, one place per service.

Every variable has a safe default for local use. Names follow ``EORDER_<NAME>`` for platform-wide
settings and ``EORDER_<SERVICE>_<NAME>`` for per-service ones (so that the embedded mode, which runs
every service in one process, can still give each its own database).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence, TypeVar

T = TypeVar("T")

DEFAULT_VAR_DIR = "var"
DEFAULT_BROKER_URL = f"sqlite:///{DEFAULT_VAR_DIR}/bus.db"
"""The embedded mode's durable bus, next to the services' SQLite files."""


class ConfigurationError(RuntimeError):
    """Raised when the configuration cannot be used (bad value, or unsafe in production)."""


def _env(environ: Mapping[str, str], name: str, default: str) -> str:
    value = environ.get(name)
    return default if value is None or value == "" else value


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = _env(environ, name, str(default))
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, got {raw!r}") from exc


def _float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = _env(environ, name, str(default))
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a number, got {raw!r}") from exc


def _split(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _list(environ: Mapping[str, str], name: str, default: str) -> tuple[str, ...]:
    return _split(_env(environ, name, default))


@dataclass(frozen=True)
class Settings:
    """Settings of one service process. Build with :meth:`from_env`."""

    service: str
    environment: str = "development"
    database_url: str = ""
    broker_url: str = DEFAULT_BROKER_URL
    events_prefix: str = ""
    delivery_limit: int = 5
    handler_attempts: int = 3
    handler_backoff_seconds: float = 0.1
    relay_batch_size: int = 500
    relay_poll_seconds: float = 0.2
    jwt_public_key: str = ""
    jwt_issuer: str = "open-eorder"
    jwt_audience: str = "open-eorder"
    max_body_bytes: int = 1_048_576
    log_level: str = "INFO"
    closed_days: tuple[str, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def exchange_name(self) -> str:
        return f"{self.events_prefix}eorder.events"

    @property
    def dead_letter_exchange_name(self) -> str:
        return f"{self.events_prefix}eorder.dead-letters"

    @property
    def unroutable_exchange_name(self) -> str:
        """The alternate exchange of the events exchange (and the name of its queue)."""
        return f"{self.events_prefix}eorder.unroutable"

    @property
    def unroutable_queue_name(self) -> str:
        return f"{self.events_prefix}eorder.unroutable"

    @property
    def queue_name(self) -> str:
        return f"{self.events_prefix}{self.service}.events"

    @property
    def dead_letter_queue_name(self) -> str:
        return f"{self.queue_name}.dlq"

    def setting(self, name: str, default: str) -> str:
        """A service-specific setting ``EORDER_<SERVICE>_<NAME>``, falling back to ``EORDER_<NAME>``."""
        key = name.upper()
        service_key = f"EORDER_{self.service.upper()}_{key}"
        if service_key in self.extra:
            return self.extra[service_key]
        return self.extra.get(f"EORDER_{key}", default)

    def int_setting(self, name: str, default: int) -> int:
        return self._typed_setting(name, default, int, "an integer")

    def float_setting(self, name: str, default: float) -> float:
        return self._typed_setting(name, default, float, "a number")

    def list_setting(self, name: str, default: Sequence[str]) -> list[str]:
        """A comma-separated setting; blanks around and between items are dropped."""
        return list(_split(self.setting(name, ",".join(default))))

    def _typed_setting(self, name: str, default: T, convert: Callable[[str], T], what: str) -> T:
        raw = self.setting(name, str(default))
        try:
            return convert(raw)
        except ValueError as exc:
            raise ConfigurationError(f"EORDER_{self.service.upper()}_{name.upper()} must be {what}, got {raw!r}") from exc

    @classmethod
    def from_env(cls, service: str, environ: Mapping[str, str] | None = None, **overrides: object) -> "Settings":
        env = dict(os.environ if environ is None else environ)
        prefix = f"EORDER_{service.upper()}_"

        def pick(name: str, default: str) -> str:
            return _env(env, prefix + name, _env(env, "EORDER_" + name, default))

        var_dir = Path(_env(env, "EORDER_VAR_DIR", DEFAULT_VAR_DIR))
        values: dict[str, object] = dict(
            service=service,
            environment=_env(env, "EORDER_ENV", "development"),
            database_url=_env(env, prefix + "DATABASE_URL", f"sqlite:///{var_dir / (service + '.db')}"),
            broker_url=pick("BROKER_URL", f"sqlite:///{var_dir / 'bus.db'}"),
            events_prefix=_env(env, "EORDER_EVENTS_PREFIX", ""),
            delivery_limit=_int(env, "EORDER_DELIVERY_LIMIT", 5),
            handler_attempts=_int(env, "EORDER_HANDLER_ATTEMPTS", 3),
            handler_backoff_seconds=_float(env, "EORDER_HANDLER_BACKOFF_SECONDS", 0.1),
            relay_batch_size=_int(env, "EORDER_RELAY_BATCH_SIZE", 500),
            relay_poll_seconds=_float(env, "EORDER_RELAY_POLL_SECONDS", 0.2),
            jwt_public_key=pick("JWT_PUBLIC_KEY", ""),
            jwt_issuer=_env(env, "EORDER_JWT_ISSUER", "open-eorder"),
            jwt_audience=_env(env, "EORDER_JWT_AUDIENCE", "open-eorder"),
            max_body_bytes=_int(env, "EORDER_MAX_BODY_BYTES", 1_048_576),
            log_level=_env(env, "EORDER_LOG_LEVEL", "INFO"),
            closed_days=_list(env, "EORDER_CLOSED_DAYS", ""),
            extra={k: v for k, v in env.items() if k.startswith("EORDER_")},
        )
        values.update(overrides)
        settings = cls(**values)  # type: ignore[arg-type]
        if settings.environment not in ("development", "test", "production"):
            raise ConfigurationError("EORDER_ENV must be development, test or production")
        return settings
