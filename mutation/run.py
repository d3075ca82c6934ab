"""Mutation testing of the pure domain modules (``make mutation``): cosmic-ray changes one thing at a
time in a module (a constant, a comparison, a boolean operator, an arithmetic operator, a raised
exception, a loop) and runs the module's unit tests; a mutant the tests do not notice *survives*.

It works on a copy of the repository in a temporary directory, importable ahead of the editable
installs, so that an interrupted run never leaves a mutated file behind. Prints the score per
module and every survivor with its diff. Not part of ``make test``: it takes minutes per module.

    .venv/bin/python mutation/run.py [--only calendar,reservations] [--timeout 60]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_ROOTS = ("libs/contracts", "libs/servicekit", "libs/servicekit/tests/support", "gateway", "services/*")
# Operators that only make noise here: bit and power arithmetic on rupiah, and rewriting variable
# names (they mostly make code that does not import, which says nothing about the tests).
EXCLUDED_OPERATORS = [
    r"core/ReplaceBinaryOperator_.*_(Pow|RShift|LShift|BitOr|BitAnd|BitXor)$",
    r"core/ReplaceBinaryOperator_(Pow|RShift|LShift|BitOr|BitAnd|BitXor)_.*",
    r"core/VariableInserter",
    r"core/VariableReplacer",
]


@dataclass(frozen=True)
class Outcome:
    module: str
    killed: int
    survivors: list[dict[str, object]]
    incompetent: int

    @property
    def total(self) -> int:
        return self.killed + len(self.survivors)

    @property
    def score(self) -> float:
        return self.killed / self.total if self.total else 1.0


def copy_repository(target: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def environment(work: Path) -> dict[str, str]:
    roots = [str(path) for pattern in PACKAGE_ROOTS for path in sorted(work.glob(pattern))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(roots), "PYTHONDONTWRITEBYTECODE": "1"}


def run_module(work: Path, module: dict[str, object], timeout: float) -> Outcome:
    name = str(module["path"])
    tests = " ".join(str(t) for t in module["tests"])  # type: ignore[attr-defined]
    session = work / f".mutation-{Path(name).stem}.sqlite"
    config = work / f".mutation-{Path(name).stem}.toml"
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{name}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f'test-command = "{sys.executable} -m pytest -x -q -p no:cacheprovider -p no:randomly {tests}"\n'
        "[cosmic-ray.distributor]\n"
        'name = "local"\n'
        "[cosmic-ray.filters.operators-filter]\n"
        f"exclude-operators = {json.dumps(EXCLUDED_OPERATORS)}\n"
    )
    env = environment(work)
    bin_dir = Path(sys.executable).parent
    # Tests that already fail on the unmutated module would "kill" every mutant: a perfect score
    # that says nothing. cosmic-ray's baseline runs them once first.
    baseline = subprocess.run([bin_dir / "cosmic-ray", "--verbosity", "ERROR", "baseline", config], cwd=work, env=env, capture_output=True, text=True)
    if baseline.returncode != 0:
        output = (baseline.stdout + baseline.stderr).strip()[-3000:]
        sys.exit(f"{name}: its tests fail without any mutation, so no mutant can be judged:\n{output}")
    subprocess.run([bin_dir / "cosmic-ray", "init", config, session], cwd=work, env=env, check=True)
    subprocess.run([bin_dir / "cr-filter-operators", session, config], cwd=work, env=env, check=True)
    subprocess.run([bin_dir / "cosmic-ray", "exec", config, session], cwd=work, env=env, check=True)
    dumped = subprocess.run([bin_dir / "cosmic-ray", "dump", session], cwd=work, env=env, capture_output=True, text=True, check=True)
    killed, incompetent, survivors = 0, 0, []
    for line in filter(None, dumped.stdout.splitlines()):
        item, result = json.loads(line)
        if result is None:
            sys.exit(f"{name}: mutant {item['job_id']} was never run; the session is incomplete")
        if result.get("worker_outcome") == "skipped":
            continue  # an excluded operator (EXCLUDED_OPERATORS)
        # Only a test run that ended normally judges a mutant: one that could not be applied, or whose
        # worker failed or could not start the tests, is incompetent, neither killed nor survived.
        if result.get("worker_outcome") != "normal" or result.get("test_outcome") == "incompetent":
            incompetent += 1
        elif result.get("test_outcome") == "survived":
            survivors.append({"mutation": item["mutations"][0], "diff": result.get("diff", "")})
        else:
            killed += 1
    return Outcome(name, killed, survivors, incompetent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated parts of module paths (e.g. calendar,lockout)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one test run may take")
    args = parser.parse_args()
    modules = tomllib.loads((Path(__file__).parent / "modules.toml").read_text())["module"]
    if args.only:
        wanted = args.only.split(",")
        modules = [m for m in modules if any(part in m["path"] for part in wanted)]
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="eorder-mutation-") as directory:
        work = Path(directory)
        copy_repository(work)
        for module in modules:
            outcome = run_module(work, module, args.timeout)
            outcomes.append(outcome)
            print(
                f"{outcome.module}: {outcome.killed}/{outcome.total} killed, {len(outcome.survivors)} survived,"
                f" {outcome.incompetent} incompetent",
                flush=True,
            )
    print("\n| module | mutants | killed | survived | incompetent | score |\n|---|---|---|---|---|---|")
    for outcome in outcomes:
        print(
            f"| {outcome.module} | {outcome.total} | {outcome.killed} | {len(outcome.survivors)}"
            f" | {outcome.incompetent} | {outcome.score:.0%} |"
        )
    for outcome in outcomes:
        for survivor in outcome.survivors:
            mutation = survivor["mutation"]
            print(f"\nSURVIVED {outcome.module}:{mutation['start_pos'][0]} {mutation['operator_name']}")  # type: ignore[index]
            print(str(survivor["diff"]).strip())


if __name__ == "__main__":
    main()
