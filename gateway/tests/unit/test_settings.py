from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from servicekit.auth.tokens import dev_private_key_pem, dev_public_key_pem
from servicekit.settings import ConfigurationError, Settings

from gateway.service import check_settings
from gateway.settings import GatewaySettings

pytestmark = pytest.mark.unit


def key_pair() -> tuple[str, str]:
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    public = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def settings(**env: str) -> Settings:
    return Settings.from_env("gateway", environ=env)


def test_development_defaults_to_the_development_key_pair() -> None:
    check_settings(settings())
    assert GatewaySettings.from_settings(settings()).rate_limit_storage == "memory://"


def test_production_refuses_the_development_key_or_no_key() -> None:
    with pytest.raises(ConfigurationError, match="set EORDER_GATEWAY_JWT_PRIVATE_KEY"):
        check_settings(settings(EORDER_ENV="production"))
    private, public = key_pair()
    with pytest.raises(ConfigurationError, match="set EORDER_GATEWAY_JWT_PRIVATE_KEY"):
        check_settings(settings(EORDER_ENV="production", EORDER_JWT_PUBLIC_KEY=public))
    with pytest.raises(ConfigurationError, match="development JWT key"):
        check_settings(
            settings(EORDER_ENV="production", EORDER_JWT_PUBLIC_KEY=public, EORDER_GATEWAY_JWT_PRIVATE_KEY=dev_private_key_pem())
        )
    check_settings(
        settings(EORDER_ENV="production", EORDER_JWT_PUBLIC_KEY=public, EORDER_GATEWAY_JWT_PRIVATE_KEY=private)
    )


def test_a_private_key_the_services_do_not_trust_is_refused() -> None:
    private, _public = key_pair()
    with pytest.raises(ConfigurationError, match="does not match"):
        check_settings(settings(EORDER_GATEWAY_JWT_PRIVATE_KEY=private, EORDER_JWT_PUBLIC_KEY=dev_public_key_pem()))


def test_a_non_ed25519_or_garbled_key_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="readable PEM"):
        check_settings(settings(EORDER_GATEWAY_JWT_PRIVATE_KEY="not a key"))
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rsa_pem = rsa_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    with pytest.raises(ConfigurationError, match="must be an Ed25519 key"):
        check_settings(settings(EORDER_GATEWAY_JWT_PRIVATE_KEY=rsa_pem))


def test_bad_upstreams_and_numbers_are_configuration_errors() -> None:
    with pytest.raises(ConfigurationError, match="UPSTREAMS"):
        check_settings(settings(EORDER_GATEWAY_UPSTREAMS="auth=http://x:1"))
    with pytest.raises(ConfigurationError, match="READ_TIMEOUT"):
        GatewaySettings.from_settings(settings(EORDER_GATEWAY_UPSTREAM_READ_TIMEOUT="soon"))


def test_sso_mode_needs_no_signing_key() -> None:
    sso = settings(EORDER_ENV="production", EORDER_JWT_JWKS_URL="https://sso.example/jwks")
    check_settings(sso)
    assert GatewaySettings.from_settings(sso).sso_mode


def test_the_cheap_hashing_profile_is_for_tests_only() -> None:
    assert GatewaySettings.from_settings(settings()).hashing_profile == "rfc9106-low-memory"
    cheap = GatewaySettings.from_settings(settings(EORDER_GATEWAY_PASSWORD_HASHING="cheapest-for-tests"))
    assert cheap.hashing_profile == "cheapest-for-tests"
    with pytest.raises(ConfigurationError, match="hashing"):
        GatewaySettings.from_settings(settings(EORDER_ENV="production", EORDER_GATEWAY_PASSWORD_HASHING="cheapest-for-tests"))
    with pytest.raises(ConfigurationError, match="PASSWORD_HASHING"):
        GatewaySettings.from_settings(settings(EORDER_GATEWAY_PASSWORD_HASHING="md5"))


def test_the_development_pair_is_recognised_without_its_private_key_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Images carry no development private key: the check compares public halves."""
    development_private = dev_private_key_pem()
    monkeypatch.setattr("servicekit.auth.tokens.dev_private_key_pem", lambda: (_ for _ in ()).throw(FileNotFoundError()))
    with pytest.raises(ConfigurationError, match="development JWT key"):
        check_settings(
            settings(
                EORDER_ENV="production",
                EORDER_JWT_PUBLIC_KEY=dev_public_key_pem(),
                EORDER_GATEWAY_JWT_PRIVATE_KEY=development_private,
            )
        )


def test_single_sign_on_in_production_needs_no_signing_key() -> None:
    _private, public = key_pair()
    sso = settings(EORDER_ENV="production", EORDER_JWT_PUBLIC_KEY=public, EORDER_JWT_JWKS_URL="https://sso.example.id/jwks")
    assert GatewaySettings.from_settings(sso).sso_mode
