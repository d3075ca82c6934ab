"""Clients of systems that are not the gateway's database: the upstream services."""
