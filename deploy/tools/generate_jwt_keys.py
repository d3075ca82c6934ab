#!/usr/bin/env python3
"""Generates the platform's JWT key pair (Ed25519, PEM) once, for a deployment of its own.

    python deploy/tools/generate_jwt_keys.py --private-dir DIR --public-dir DIR [--owner UID:GID]

Writes DIR/jwt-private.pem (mode 0400: only the gateway, which signs, reads it) and
DIR/jwt-public.pem (mode 0444: every service verifies with it). A pair that is already there is kept,
so that tokens stay valid across restarts; delete both files (or the volumes) to rotate it. Compose
runs this in its one-shot `jwt-keys` service; for Kubernetes see deploy/README.md "Secrets". Needs
the `cryptography` package (in every eorder image).
"""

from __future__ import annotations

import argparse
import os
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


def write_pair(private_dir: Path, public_dir: Path, owner: tuple[int, int] | None) -> str:
    """Writes a new pair unless a private key is there already; (re)writes its public half."""
    private_path, public_path = private_dir / PRIVATE_NAME, public_dir / PUBLIC_NAME
    if private_path.exists():
        key = load_pem_private_key(private_path.read_bytes(), password=None)
        outcome = "kept the existing key pair"
    else:
        key = Ed25519PrivateKey.generate()
        # Created with its final mode, so the private key is never readable by others, even briefly.
        descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
        with os.fdopen(descriptor, "wb") as private_file:
            private_file.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        outcome = "generated a new key pair"
    public_pem = key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    if not public_path.exists() or public_path.read_bytes() != public_pem:
        public_path.unlink(missing_ok=True)
        public_path.write_bytes(public_pem)
        public_path.chmod(0o444)
    if owner is not None:
        os.chown(private_path, *owner)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--private-dir", type=Path, required=True)
    parser.add_argument("--public-dir", type=Path, required=True)
    parser.add_argument("--owner", help="UID:GID to own the private key (the gateway's user)")
    args = parser.parse_args(argv)
    owner = tuple(int(part) for part in args.owner.split(":")) if args.owner else None
    outcome = write_pair(args.private_dir, args.public_dir, owner)  # type: ignore[arg-type]
    print(f"jwt-keys: {outcome}: {args.private_dir / PRIVATE_NAME}, {args.public_dir / PUBLIC_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
