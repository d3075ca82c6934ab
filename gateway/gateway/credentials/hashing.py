"""Password hashing with argon2id (argon2-cffi's RFC 9106 low-memory profile)."""
from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# By name; the first is the one for real use (the only one production accepts).
PROFILES = {"rfc9106-low-memory": profiles.RFC_9106_LOW_MEMORY, "cheapest-for-tests": profiles.CHEAPEST}


class PasswordHashing:
    def __init__(self, profile: str = "rfc9106-low-memory") -> None:
        self._hasher = PasswordHasher.from_parameters(PROFILES[profile])
        # Checked against when the username is unknown, so that an unknown user costs as much time as
        # a wrong password and response times do not tell which usernames exist.
        self._decoy = self._hasher.hash("decoy password never issued to anyone")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def matches(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._decoy, password) and stored_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)
