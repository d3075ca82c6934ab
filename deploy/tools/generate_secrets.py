#!/usr/bin/env python3
"""Generates a deployment's own secrets once: the platform's JWT key pair and shared secrets.

    python deploy/tools/generate_secrets.py jwt-keys --private-dir DIR --public-dir DIR [--owner UID:GID]
    python deploy/tools/generate_secrets.py shared-secret --file PATH [--owner UID:GID]

`jwt-keys` writes DIR/jwt-private.pem (Ed25519, PEM, mode 0400: only the gateway, which signs, reads
it) and DIR/jwt-public.pem (mode 0444: every service verifies with it). `shared-secret` writes PATH
(mode 0400) with 32 random bytes, URL-safe base64, for a key both sides of a link hold (the sandbox
bank signs its callbacks with it, payments verifies them). What is already there is kept, so that
tokens and signatures stay valid across restarts; delete the files (or the volumes) to rotate them.
Compose runs this in its one-shot `jwt-keys` and `bank-callback-secret` services; for Kubernetes see
deploy/README.md "Secrets". Needs the `cryptography` package (in every eorder image).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

PRIVATE_NAME = "jwt-private.pem"
PUBLIC_NAME = "jwt-public.pem"
SECRET_BYTES = 32


def write_private(path: Path, content: bytes) -> None:
    # Created with its final mode, so the secret is never readable by others, even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
    with os.fdopen(descriptor, "wb") as private_file:
        private_file.write(content)


def write_pair(private_dir: Path, public_dir: Path) -> str:
    """Writes a new pair unless a private key is there already; (re)writes its public half."""
    private_path, public_path = private_dir / PRIVATE_NAME, public_dir / PUBLIC_NAME
    if private_path.exists():
        key = load_pem_private_key(private_path.read_bytes(), password=None)
        outcome = "kept the existing key pair"
    else:
        key = Ed25519PrivateKey.generate()
        write_private(private_path, key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        outcome = "generated a new key pair"
    public_pem = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    if not public_path.exists() or public_path.read_bytes() != public_pem:
        public_path.unlink(missing_ok=True)
        public_path.write_bytes(public_pem)
        public_path.chmod(0o444)
    return outcome


def write_secret(path: Path) -> str:
    if path.exists():
        return "kept the existing secret"
    write_private(path, secrets.token_urlsafe(SECRET_BYTES).encode())
    return "generated a new secret"


def owner(value: str) -> tuple[int, int]:
    user, group = value.split(":")
    return int(user), int(group)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    kinds = parser.add_subparsers(dest="kind", required=True)
    pair = kinds.add_parser("jwt-keys", help="the platform's JWT key pair")
    pair.add_argument("--private-dir", type=Path, required=True)
    pair.add_argument("--public-dir", type=Path, required=True)
    shared = kinds.add_parser("shared-secret", help="a secret both sides of a link hold")
    shared.add_argument("--file", type=Path, required=True)
    for command in (pair, shared):
        command.add_argument("--owner", type=owner, help="UID:GID to own the secret (the services' user)")
    args = parser.parse_args(argv)
    if args.kind == "jwt-keys":
        secret_path = args.private_dir / PRIVATE_NAME
        outcome = write_pair(args.private_dir, args.public_dir)
        written = f"{secret_path}, {args.public_dir / PUBLIC_NAME}"
    else:
        secret_path = args.file
        outcome = write_secret(args.file)
        written = str(args.file)
    if args.owner is not None:
        os.chown(secret_path, *args.owner)
    print(f"{args.kind}: {outcome}: {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
