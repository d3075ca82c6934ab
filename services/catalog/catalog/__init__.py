"""The catalog service: categories, products and their curation, the price reference, and the stock
reservations that orders make (port 8081, ``/api/v1/catalog``)."""
