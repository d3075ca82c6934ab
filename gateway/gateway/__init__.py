"""Open e-Order API gateway: accounts and tokens, routing, rate limits, merged docs, aggregated views."""
