from servicekit.migrations import run_env

from orders.storage.tables import metadata

run_env(metadata)
