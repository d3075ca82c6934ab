"""What the service does: one use case per function. Each opens its own unit of work from the
service's factory (``uows``), works through the repositories it exposes, applies the domain rules,
audits, keeps the order's revision, publishes and commits. HTTP views, event handlers, deadline
sweeps and the demo loader all call these; none of them touches storage."""
