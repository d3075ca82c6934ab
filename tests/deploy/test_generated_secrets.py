"""The secrets a deployment generates for itself (deploy/tools/generate_secrets.py, run by compose's
jwt-keys and bank-callback-secret services): a key pair the platform accepts in production and a
shared secret, each readable by its owner only and kept across restarts."""
from __future__ import annotations

import importlib.util
import os
import stat
import time
from pathlib import Path
from types import ModuleType

import jwt
import pytest
from gateway.credentials.signing import check_signing_key
from servicekit.auth.tokens import TokenVerifier, dev_public_key_pem
from servicekit.settings import Settings

pytestmark = pytest.mark.unit

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "tools" / "generate_secrets.py"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_secrets", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def key_dirs(tmp_path: Path) -> tuple[Path, Path]:
    private_dir, public_dir = tmp_path / "jwt-private", tmp_path / "jwt-public"
    private_dir.mkdir()
    public_dir.mkdir()
    return private_dir, public_dir


def production_settings(public_pem: str) -> Settings:
    return Settings.from_env("gateway", {"EORDER_ENV": "production", "EORDER_JWT_PUBLIC_KEY": public_pem})


def test_a_generated_pair_signs_tokens_that_a_service_in_production_accepts(generator, key_dirs) -> None:
    private_dir, public_dir = key_dirs
    assert generator.main(["jwt-keys", "--private-dir", str(private_dir), "--public-dir", str(public_dir)]) == 0
    private_pem = (private_dir / "jwt-private.pem").read_text()
    public_pem = (public_dir / "jwt-public.pem").read_text()
    assert public_pem != dev_public_key_pem()

    settings = production_settings(public_pem)
    check_signing_key(settings, private_pem)  # the gateway starts with it in production
    now = int(time.time())
    claims = {"sub": "kepala.bppbj", "roles": ["admin"], "iat": now, "exp": now + 60,
              "iss": settings.jwt_issuer, "aud": settings.jwt_audience}
    token = jwt.encode(claims, private_pem, algorithm="EdDSA")

    principal = TokenVerifier.from_settings(settings).verify(token)

    assert principal.subject == "kepala.bppbj"
    assert principal.roles == frozenset({"admin"})


def test_the_private_key_is_readable_by_its_owner_only_and_the_public_key_by_all(generator, key_dirs) -> None:
    private_dir, public_dir = key_dirs
    generator.main(["jwt-keys", "--private-dir", str(private_dir), "--public-dir", str(public_dir)])
    assert stat.S_IMODE((private_dir / "jwt-private.pem").stat().st_mode) == 0o400
    assert stat.S_IMODE((public_dir / "jwt-public.pem").stat().st_mode) == 0o444


def test_a_second_run_keeps_the_pair_so_that_issued_tokens_stay_valid(generator, key_dirs, capsys) -> None:
    private_dir, public_dir = key_dirs
    generator.main(["jwt-keys", "--private-dir", str(private_dir), "--public-dir", str(public_dir)])
    first = (private_dir / "jwt-private.pem").read_bytes(), (public_dir / "jwt-public.pem").read_bytes()
    (public_dir / "jwt-public.pem").unlink()  # a lost public half is written again from the private key

    generator.main(["jwt-keys", "--private-dir", str(private_dir), "--public-dir", str(public_dir)])

    assert ((private_dir / "jwt-private.pem").read_bytes(), (public_dir / "jwt-public.pem").read_bytes()) == first
    assert "kept the existing key pair" in capsys.readouterr().out


@pytest.mark.skipif(os.geteuid() != 0, reason="handing a file to another user needs root, as in compose's jwt-keys")
def test_owner_hands_the_private_key_to_the_gateway_user(generator, key_dirs) -> None:
    private_dir, public_dir = key_dirs
    generator.main(["jwt-keys", "--private-dir", str(private_dir), "--public-dir", str(public_dir), "--owner", "10001:10001"])
    owned = (private_dir / "jwt-private.pem").stat()
    assert (owned.st_uid, owned.st_gid) == (10001, 10001)


def test_a_shared_secret_is_readable_by_its_owner_only_and_kept_on_a_second_run(generator, tmp_path, capsys) -> None:
    secret = tmp_path / "bank-callback-secret"
    assert generator.main(["shared-secret", "--file", str(secret)]) == 0
    first = secret.read_text()
    assert stat.S_IMODE(secret.stat().st_mode) == 0o400
    assert len(first) >= 43  # 32 random bytes, URL-safe base64

    generator.main(["shared-secret", "--file", str(secret)])

    assert secret.read_text() == first
    assert "kept the existing secret" in capsys.readouterr().out


def test_each_deployment_gets_a_secret_of_its_own(generator, tmp_path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    generator.main(["shared-secret", "--file", str(one)])
    generator.main(["shared-secret", "--file", str(other)])
    assert one.read_text() != other.read_text()
