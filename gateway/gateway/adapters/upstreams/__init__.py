"""Clients of the services the gateway routes to: pooled HTTP, timeouts, retries, and how a call failed."""
