"""Several ``migrate`` commands at once on one database all succeed: on PostgreSQL the others wait for
the first's advisory lock, on SQLite for the file's write lock, then find the schema current.

Without the lock, four migrations started together fail on PostgreSQL about two times in three
(unique violation on pg_type): three fresh databases make a race that slips through unlikely."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from servicekit.migrations import alembic_config
from servicekit.testing import database_url_for
from toy_service.service import DEFINITION

pytestmark = pytest.mark.integration

SUPPORT = Path(__file__).parents[1] / "support"
# Both processes import everything first, then start migrating at the same instant.
MIGRATE_AT = """
import sys, time
from servicekit.cli import service_cli
from toy_service.service import DEFINITION
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
service_cli(DEFINITION)(["migrate"], standalone_mode=True)
"""


@pytest.mark.parametrize("kind, rounds", [("postgresql", 3), ("sqlite", 1)])
def test_migrations_started_at_once_all_succeed(kind: str, rounds: int, tmp_path: Path) -> None:
    for round_number in range(rounds):
        (tmp_path / str(round_number)).mkdir()
        with database_url_for(kind, tmp_path / str(round_number)) as url:
            migrate_at_once(url, tmp_path, processes=4)


def migrate_at_once(database_url: str, tmp_path: Path, processes: int) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SUPPORT), os.environ.get("PYTHONPATH", "")]),
        "EORDER_TOY_DATABASE_URL": database_url,
        "EORDER_BROKER_URL": f"sqlite:///{tmp_path / 'bus.db'}",
        "EORDER_LOG_LEVEL": "WARNING",
    }
    start_at = time.time() + 4.0
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE_AT, str(start_at)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(processes)
    ]
    results = [(run.wait(timeout=120), run.stderr.read().decode()[-2000:] if run.stderr else "") for run in runs]
    for code, stderr in results:
        assert code == 0, stderr
    engine = create_engine(database_url)
    try:
        assert {"notes", "outbox", "inbox", "alembic_version"} <= set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        heads = ScriptDirectory.from_config(alembic_config(DEFINITION, database_url)).get_heads()
        assert sorted(versions) == sorted(heads)  # each branch at its newest revision, once
    finally:
        engine.dispose()
