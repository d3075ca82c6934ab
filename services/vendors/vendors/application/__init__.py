"""What the service does, each use case in one unit of work: domain rules applied, rows written, the
change audited and its event published. Callers commit (the request, the consumer, the demo loader)."""
