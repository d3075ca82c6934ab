"""Demo accounts (embedded only) and the operators' create-user command."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import jwt
import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from servicekit.service import ServiceRuntime
from servicekit.settings import ConfigurationError, Settings
from servicekit.testing import ServiceHarness

from gateway.__main__ import cli
from gateway.demo_data import DEMO_VENDOR_IDS, load_demo_data
from gateway.service import DEFINITION
from gateway.testing import sign_in

pytestmark = pytest.mark.integration

DEMO_USERS = ["admin", "auditor"] + [f"{p}{n}" for n in (1, 2) for p in ("po", "ppk", "treasurer", "budget")]


def test_every_demo_account_signs_in_with_demo(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True, EORDER_GATEWAY_TOKEN_RATE_LIMIT="100/minute")
    load_demo_data(gateway.runtime)  # a second load changes nothing
    claims = {
        user: jwt.decode(sign_in(gateway.client, user)["access_token"], options={"verify_signature": False})
        for user in DEMO_USERS + [f"vendor{n}" for n in range(1, 6)]
    }
    assert claims["ppk2"]["roles"] == ["commitment_officer"] and claims["ppk2"]["work_unit"] == "BIROUMUM"
    assert claims["budget1"]["roles"] == ["budget_holder"] and claims["budget1"]["work_unit"] == "DPPKUKM"
    assert [claims[f"vendor{n}"]["vendor_id"] for n in range(1, 6)] == list(DEMO_VENDOR_IDS)
    assert "work_unit" not in claims["auditor"]
    listing = gateway.client.get("/api/v1/accounts?limit=100", headers={"Authorization": f"Bearer {sign_in(gateway.client, 'admin')['access_token']}"})
    assert len(listing.json["items"]) == 15


def production_environ() -> dict[str, str]:
    key = Ed25519PrivateKey.generate()
    return {
        "EORDER_ENV": "production",
        "EORDER_GATEWAY_JWT_PRIVATE_KEY": key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode(),
        "EORDER_JWT_PUBLIC_KEY": key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode(),
    }


def test_production_refuses_demo_accounts(tmp_path: Path) -> None:
    settings = Settings.from_env("gateway", environ=production_environ(), database_url=f"sqlite:///{tmp_path / 'g.db'}")
    runtime = ServiceRuntime(DEFINITION, settings)
    try:
        runtime.migrate()
        with pytest.raises(ConfigurationError, match="never created in production"):
            load_demo_data(runtime)
    finally:
        runtime.close()


def test_create_user_makes_the_first_admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        **production_environ(),
        "EORDER_GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}",
        "EORDER_LOG_LEVEL": "WARNING",
    }.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    weak = runner.invoke(cli, ["create-user", "--username", "kepala.bppbj", "--role", "admin", "--password", "short"])
    assert weak.exit_code != 0 and "password" in weak.output
    made = runner.invoke(
        cli, ["create-user", "--username", "kepala.bppbj", "--role", "admin"], input="tugas negara 2026\ntugas negara 2026\n"
    )
    assert made.exit_code == 0, made.output
    assert "created kepala.bppbj (admin)" in made.output
    again = runner.invoke(cli, ["create-user", "--username", "kepala.bppbj", "--role", "admin", "--password", "tugas negara 2026"])
    assert again.exit_code != 0 and "taken" in again.output
