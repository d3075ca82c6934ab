from servicekit.migrations import run_env

from payments.storage.tables import metadata

run_env(metadata)
