#!/usr/bin/env python3
"""Shows that the tests of the documented guarantees fail when a guarantee is broken.

Copies the repository to a temporary folder (beside a link to ../shared, which the tests read),
checks that the chosen tests pass there as they are, then applies each breakage in turn and
runs only the fast tests that must catch it. Exit 1 when any breakage survives (its tests
stay green) or no longer applies (the code it targets has moved: update it here).

A breakage either replaces an exact piece of code, or appends lines to a module that
override a name at run time (robust to reformatting of the code it breaks).

    .venv/bin/python scripts/mutation_check.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
COPIED = ("src", "tests", "docs", "scripts", "pyproject.toml", "frontend/openapi.json")
PARALLEL = 2  #: copies broken at once (the project's machine has 2 cores)
#: Only the plugin the configuration needs: hypothesis and schemathesis alone cost seconds of
#: start-up per run, and these tests use neither.
PYTEST = ["-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "pytest_timeout"]

DELIVERY = "tests/unit/adapters/test_delivery_guarantees.py"
SCORING = "tests/unit/core/analysis/test_analysis_scoring.py"
READINESS = "tests/unit/api/test_readiness.py"
HEADERS = "tests/unit/api/test_web.py"
SECRETS = "tests/unit/api/test_secrets_at_rest.py"
PRODUCTION = "tests/unit/test_production_settings.py"


@dataclass(frozen=True)
class Breakage:
    name: str
    path: str  #: the module broken, relative to the repository
    tests: tuple[str, ...]  #: pytest arguments: the tests that must go red
    old: str = ""  #: replaced by `new`; empty: `new` is appended to the module
    new: str = ""

    def apply(self, root: Path) -> str | None:
        """Breaks the copy; the reason when it cannot."""
        module = root / self.path
        text = module.read_text()
        if not self.old:
            module.write_text(text + "\n\n# --- mutation_check ---\n" + self.new + "\n")
            return None
        if text.count(self.old) != 1:
            return f"{self.old!r} is not in {self.path} exactly once"
        module.write_text(text.replace(self.old, self.new))
        return None


QUEUE = "src/resumeroast/adapters/queue.py"
BASE_OVERRIDE = """_unbroken_base = celery_config_base


def celery_config_base(settings):
    return _unbroken_base(settings) | {changes}
"""

BREAKAGES = [
    Breakage(
        "prefetch 4",
        QUEUE,
        (DELIVERY,),
        new=BASE_OVERRIDE.format(changes='{"worker_prefetch_multiplier": 4}'),
    ),
    Breakage(
        "task_reject_on_worker_lost off",
        QUEUE,
        (DELIVERY,),
        new=BASE_OVERRIDE.format(changes='{"task_reject_on_worker_lost": False}'),
    ),
    Breakage(
        "acks_late off",
        QUEUE,
        (DELIVERY,),
        new=BASE_OVERRIDE.format(changes='{"task_acks_late": False}'),
    ),
    Breakage(
        "bulk queue read in turn with the ordinary one",
        QUEUE,
        (DELIVERY,),
        old='"queue_order_strategy": "priority"',
        new='"queue_order_strategy": "round_robin"',
    ),
    Breakage(
        "visibility timeout not given to the transport",
        QUEUE,
        (DELIVERY,),
        old='{"visibility_timeout": settings.visibility_timeout_s}\n    if is_sqs(url)',
        new="{}\n    if is_sqs(url)",
    ),
    Breakage(
        "visibility check ignores the retry countdown",
        "src/resumeroast/settings.py",
        (DELIVERY,),
        old="max(self.retry_cap_s, self.breaker_cooldown_s + 1.0, quota_wait_s)",
        new="max(self.breaker_cooldown_s + 1.0, quota_wait_s)",
    ),
    Breakage(
        "visibility check ignores the breaker cool-down",
        "src/resumeroast/settings.py",
        (DELIVERY,),
        old="max(self.retry_cap_s, self.breaker_cooldown_s + 1.0, quota_wait_s)",
        new="max(self.retry_cap_s, quota_wait_s)",
    ),
    Breakage(
        "visibility check ignores the breaker's jitter",
        "src/resumeroast/settings.py",
        (DELIVERY,),
        old="max(self.retry_cap_s, self.breaker_cooldown_s + 1.0, quota_wait_s)",
        new="max(self.retry_cap_s, self.breaker_cooldown_s, quota_wait_s)",
    ),
    Breakage(
        "SECRET_KEY of 16 characters accepted in production",
        "src/resumeroast/settings.py",
        (PRODUCTION,),
        old="len(self.secret_key.get_secret_value()) < 32",
        new="len(self.secret_key.get_secret_value()) < 16",
    ),
    Breakage(
        "weights 0.30/0.30 without a job",
        "src/resumeroast/core/analysis/scoring.py",
        (SCORING, "-k", "documented"),
        new='WEIGHTS.update({"impact": 0.30, "clarity": 0.30})',
    ),
    Breakage(
        "with-job weights: 0.05 moved from impact to job match",
        "src/resumeroast/core/analysis/scoring.py",
        (SCORING, "-k", "documented"),
        new='WEIGHTS_WITH_JOB.update({"impact": 0.20, "job_match": 0.35})',
    ),
    Breakage(
        "a poor match for the job caps nothing",
        "src/resumeroast/core/analysis/scoring.py",
        ("tests/unit/core/analysis/test_analysis_job_weight.py",),
        old="if job is None or not job.poor_match:",
        new="if True:",
    ),
    Breakage(
        "readiness always 200",
        "src/resumeroast/api/routes.py",
        (READINESS,),
        old='if not checks["database"]:',
        new="if False:",
    ),
    Breakage(
        "readiness ignores the database",
        "src/resumeroast/api/routes.py",
        (READINESS,),
        old='"database": rt.deps.jobs.ping(),',
        new='"database": True,',
    ),
    Breakage(
        "no X-Frame-Options",
        "src/resumeroast/api/web.py",
        (HEADERS, "-k", "security_headers"),
        new='SECURITY_HEADERS.pop("x-frame-options")',
    ),
    Breakage(
        "no Cross-Origin-Opener-Policy",
        "src/resumeroast/api/web.py",
        (HEADERS, "-k", "security_headers"),
        new='SECURITY_HEADERS.pop("cross-origin-opener-policy")',
    ),
    Breakage(
        "CSP lets the app be framed",
        "src/resumeroast/api/web.py",
        (HEADERS, "-k", "security_headers"),
        new=(
            "CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(\n"
            "    \"frame-ancestors 'none'\", 'frame-ancestors *'\n)"
        ),
    ),
    Breakage(
        "Idempotency-Key stored as given",
        "src/resumeroast/api/routes.py",
        (SECRETS,),
        new="def idempotency_digest(secret, key):\n    return key",
    ),
    Breakage(
        "access token written to the log",
        "src/resumeroast/api/schemas.py",
        (SECRETS,),
        new=(
            "import structlog as _structlog\n"
            "_unlogged_job_token = job_token\n\n\n"
            "def job_token(secret, job_id):\n"
            "    token = _unlogged_job_token(secret, job_id)\n"
            '    _structlog.get_logger().info("job_token", token=token)\n'
            "    return token"
        ),
    ),
]


def copy_repository(into: Path) -> Path:
    root = into / "repo"
    into.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    (into / "shared").symlink_to(SHARED)  # tests find fixtures at ../shared
    return root


def run_tests(root: Path, args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "PYTHONPATH": f"{root / 'src'}{os.pathsep}{root}",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
    }
    command = [sys.executable, *PYTEST, *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def imports_the_copy(root: Path) -> bool:
    env = os.environ | {"PYTHONPATH": f"{root / 'src'}{os.pathsep}{root}"}
    probe = [sys.executable, "-c", "import resumeroast; print(resumeroast.__file__)"]
    where = subprocess.run(probe, cwd=root, env=env, capture_output=True, text=True).stdout
    return where.startswith(str(root))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names (substrings) of breakages to run")
    chosen = [
        b
        for b in BREAKAGES
        if not parser.parse_args().only or any(o in b.name for o in parser.parse_args().only)
    ]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutation-check-") as folder:
        roots = [copy_repository(Path(folder) / f"copy{n}") for n in range(PARALLEL)]
        if not imports_the_copy(roots[0]):
            print("the copy's tests would import the original package; not a fair check")
            return 1
        files = tuple(dict.fromkeys(t for b in chosen for t in b.tests if t.endswith(".py")))
        baseline = run_tests(roots[0], files)
        if baseline.returncode != 0:
            print("the tests fail before any breakage; fix them first:")
            print(baseline.stdout[-3000:])
            return 1
        free: queue.Queue[Path] = queue.Queue()
        for root in roots:
            free.put(root)

        def check(breakage: Breakage) -> bool:
            root = free.get()
            try:
                return caught(root, breakage)
            finally:
                free.put(root)

        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            results = list(pool.map(check, chosen))
        survivors = [b.name for b, ok in zip(chosen, results, strict=True) if not ok]
    total_s = time.monotonic() - started
    print(f"\n{len(chosen) - len(survivors)} of {len(chosen)} breakages caught in {total_s:.0f} s")
    if survivors:
        print("NOT caught: " + "; ".join(survivors))
    return 1 if survivors else 0


def caught(root: Path, breakage: Breakage) -> bool:
    module = root / breakage.path
    original = module.read_text()
    try:
        problem = breakage.apply(root)
        if problem is not None:
            print(f"[stale ] {breakage.name}: {problem}")
            return False
        result = run_tests(root, breakage.tests)
    finally:
        module.write_text(original)
    red = result.returncode == 1  # tests failed (2+ would be a crash or a usage error)
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    print(f"[{'caught' if red else 'MISSED'}] {breakage.name}: {failed[0] if failed else ''}")
    if not red and result.returncode != 0:
        print(result.stdout[-2000:] + result.stderr[-2000:])
    return red


if __name__ == "__main__":
    sys.exit(main())
