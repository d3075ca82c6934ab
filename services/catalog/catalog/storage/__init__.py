"""The catalog's tables and one repository per aggregate (rows in, domain objects out); no rules live
here (see ``catalog.domain``)."""
