"""What the service does: one use case per function. Each opens its own unit of work from the
service's factory (``uows``), works through the repositories it exposes, applies the domain rules,
audits, publishes and commits, and returns what the caller presents. HTTP views, event handlers and
the demo loader all call these; none of them touches storage."""
