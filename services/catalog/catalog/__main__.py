"""``python -m catalog migrate|worker|relay|dlq|demo-data``."""
from servicekit.cli import service_cli

from catalog.service import DEFINITION

if __name__ == "__main__":
    service_cli(DEFINITION)()
