"""The gateway's rules as plain Python (no Flask, no SQLAlchemy), unit-tested without a database."""
