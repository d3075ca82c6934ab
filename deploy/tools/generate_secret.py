#!/usr/bin/env python3
"""Generates a random shared secret once, for a deployment of its own.

    python deploy/tools/generate_secret.py --file PATH [--owner UID:GID]

Writes PATH (mode 0400) with 32 random bytes, URL-safe base64, unless it is there already: a secret
that both sides hold must survive restarts; delete the file (or its volume) to rotate it. Compose runs
this in its one-shot `bank-callback-secret` service for the key that the sandbox bank signs its
callbacks with and payments verifies them with (deploy/README.md "Payments and the bank").
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

SECRET_BYTES = 32


def write_secret(path: Path, owner: tuple[int, int] | None) -> str:
    if path.exists():
        outcome = "kept the existing secret"
    else:
        # Created with its final mode, so the secret is never readable by others, even briefly.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
        with os.fdopen(descriptor, "w") as secret_file:
            secret_file.write(secrets.token_urlsafe(SECRET_BYTES))
        outcome = "generated a new secret"
    if owner is not None:
        os.chown(path, *owner)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--owner", help="UID:GID to own the file (the services' user)")
    args = parser.parse_args(argv)
    owner = tuple(int(part) for part in args.owner.split(":")) if args.owner else None
    outcome = write_secret(args.file, owner)  # type: ignore[arg-type]
    print(f"generate_secret: {outcome}: {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
