"""What the catalog does, step by step: each function takes a unit of work, reads through
``catalog.storage``, decides with ``catalog.domain``, writes, publishes and audits. The HTTP views
and the event handlers are thin callers of these; neither commits here (the request or the consumer
does)."""
