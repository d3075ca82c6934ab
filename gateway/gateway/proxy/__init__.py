"""Forwarding ``/api/v1/<service>/...`` to the service that serves it."""
