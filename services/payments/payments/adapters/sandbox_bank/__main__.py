"""``python -m payments.adapters.sandbox_bank migrate | worker | demo-data``."""
from servicekit.cli import service_cli

from payments.adapters.sandbox_bank.service import DEFINITION

if __name__ == "__main__":
    service_cli(DEFINITION)()
