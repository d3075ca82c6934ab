"""Clients of systems that are not the service's database or the bus: the bank's transfer API (and
the sandbox bank that stands in for it in embedded mode and in tests)."""
