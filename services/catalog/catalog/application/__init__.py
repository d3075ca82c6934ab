"""What the catalog does: one use case per function. Each opens its own unit of work from the
service's factory (``uows``: ``uows()`` for a change, ``uows.read()`` for a query), works through the
repositories it exposes, decides with ``catalog.domain``, audits, publishes and commits, and returns
what the caller presents. HTTP views, event handlers and the demo loader all call these; none of them
touches storage. Who may do what is the API's to decide (``catalog.api.access``): use cases receive
the acting vendor and the actor as plain values."""
