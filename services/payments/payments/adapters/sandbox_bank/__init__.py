"""A sandbox bank: a stand-in for a bank's transfer API (port 8090), for the embedded mode and tests.

Work unit accounts with balances; transfers keyed by an idempotency key (the same key answers the
same transfer, never a second one); completion reported later by an HMAC-signed callback and by a
status query; refusals for insufficient funds and closed accounts. It can be told to misbehave for
the next transfer: ``fail`` (503, nothing recorded), ``timeout`` (recorded, then answers too late for
the client), ``late`` (completes only after a long delay), ``callback_twice``.
"""
