"""The vendors database: tables on the service's own MetaData, and the queries over them."""
