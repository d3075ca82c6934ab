"""Clients of what is not the database or the bus: the PDF renderer of the documents."""
