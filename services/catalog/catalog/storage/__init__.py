"""The catalog's tables and the queries over them; no rules live here (see ``catalog.domain``)."""
