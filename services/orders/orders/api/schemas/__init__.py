"""Request and response bodies of the orders API."""
