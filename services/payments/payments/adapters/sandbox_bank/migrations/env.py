from servicekit.migrations import run_env

from payments.adapters.sandbox_bank.tables import metadata

run_env(metadata)
