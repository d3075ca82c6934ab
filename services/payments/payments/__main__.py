"""``python -m payments migrate | worker | relay | dlq | demo-data``."""
from servicekit.cli import service_cli

from payments.service import DEFINITION

if __name__ == "__main__":
    service_cli(DEFINITION)()
