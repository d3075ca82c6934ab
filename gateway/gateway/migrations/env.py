from servicekit.migrations import run_env

from gateway.storage.tables import metadata

run_env(metadata)
