from servicekit.migrations import run_env
from toy_service.service import metadata

run_env(metadata)
