"""What the service does: one use case per function. Each opens its own unit of work from the
service's factory (``uows``), works through its repositories, applies the domain rules, audits,
publishes and commits. HTTP views, event handlers, sweeps and the demo loader all call these."""
