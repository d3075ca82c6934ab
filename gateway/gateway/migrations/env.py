from servicekit.migrations import run_env

from gateway.identity.tables import metadata

run_env(metadata)
