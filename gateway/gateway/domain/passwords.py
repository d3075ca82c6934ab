"""Password policy for local accounts (NIST SP 800-63B style: length over composition rules)."""
from __future__ import annotations

MIN_LENGTH = 10
# argon2 hashes whatever it is given; a cap stops a megabyte "password" from costing a worker seconds.
MAX_LENGTH = 128

# The most common passwords that pass the length rule, and local favourites; a refusal here tells the
# user why, which a breached-password service would also do.
DENY_LIST = frozenset(
    {
        "1234567890",
        "12345678910",
        "0123456789",
        "1q2w3e4r5t",
        "qwertyuiop",
        "password123",
        "password1234",
        "passw0rd123",
        "iloveyou123",
        "abcdefghij",
        "administrator",
        "admin12345",
        "welcome123",
        "jakarta2024",
        "jakarta2025",
        "jakarta123",
        "indonesia1",
        "indonesia123",
        "indonesia45",
        "merdeka1945",
        "bismillah123",
        "rahasia123",
        "katasandi123",
        "openeorder",
        "open-eorder",
    }
)


def password_problems(username: str, password: str) -> list[str]:
    """Why ``password`` may not be used by ``username``; empty when it may."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"must be at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        problems.append(f"must be at most {MAX_LENGTH} characters")
    if password.lower() in DENY_LIST:
        problems.append("is too common")
    if username and username.lower() in password.lower():
        problems.append("must not contain the username")
    return problems
