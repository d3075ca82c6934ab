from servicekit.migrations import run_env

from catalog.storage.tables import metadata

run_env(metadata)
