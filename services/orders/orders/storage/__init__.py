"""The orders service's tables and repositories."""
