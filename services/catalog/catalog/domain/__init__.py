"""The catalog's rules in plain Python: no Flask, no SQLAlchemy, unit-tested without a database."""
