"""Request and response bodies. Requests check shape and types only; the domain checks content."""
