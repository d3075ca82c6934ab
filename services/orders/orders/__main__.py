"""``python -m orders migrate | worker | relay | dlq | demo-data``."""
from servicekit.cli import service_cli

from orders.service import DEFINITION

if __name__ == "__main__":
    service_cli(DEFINITION)()
