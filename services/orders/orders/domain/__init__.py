"""The order rules in plain Python: no Flask, no SQLAlchemy."""
