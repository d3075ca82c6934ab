"""The gateway's own HTTP API (in its OpenAPI document): tokens, signup, accounts, work units."""
