from servicekit.migrations import run_env

from vendors.storage.tables import metadata

run_env(metadata)
