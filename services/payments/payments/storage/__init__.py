"""Where payments keeps its data: tables, one repository per aggregate, the unit of work."""
