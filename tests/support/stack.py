"""Real processes for integration tests: redis-server, `resumeroast api`, `resumeroast worker`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port
from tests.support.polling import wait_for

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "resumes"
#: A start-up deadline, not a pace: a process that exits fails at once with its log, and a
#: loaded 2-core machine was seen taking 22-31 s to bring the API up.
READY_TIMEOUT_S = 120

ADMIN_TOKEN = "test-admin-token-0123456789"

#: Short limits so failure paths finish inside a test's time budget.
TEST_ENV = {
    "TASK_SOFT_TIME_LIMIT_S": "40",
    "TASK_TIME_LIMIT_S": "50",
    "VISIBILITY_TIMEOUT_S": "120",
    "RETRY_BASE_S": "0.2",
    "RETRY_CAP_S": "2",
    "RECONCILE_INTERVAL_S": "1",
    "RECONCILE_STALE_AFTER_S": "3",
    "UPLOAD_RATE_LIMIT_PER_MINUTE": "0",
    # One address (127.0.0.1) sends every test's uploads: the per-client caps are tested on
    # their own (test_fairness.py, test_privacy.py), with the limits set there.
    "MAX_QUEUED_PER_CLIENT": "0",
    "ADMIN_TOKEN": ADMIN_TOKEN,
}


@dataclass
class Stack:
    """One test's ResumeRoast: its own data folder, database and Redis database."""

    data_dir: Path
    redis: EmbeddedRedis | None  #: None: no Redis at all (e.g. SQS as the only broker)
    extra_env: dict[str, str] = field(default_factory=dict)
    api_port: int = 0
    api: subprocess.Popen[bytes] | None = None
    relay: subprocess.Popen[bytes] | None = None
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    #: A fresh PostgreSQL database per stack when TEST_DATABASE_URL is set; else SQLite.
    database_url: str | None = field(default_factory=lambda: fresh_database())

    @property
    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LLM_", "OPENAI_", "ANTHROPIC_"))
        }
        env.update(TEST_ENV)
        env["DATA_DIR"] = str(self.data_dir)
        if self.redis is not None:
            env["REDIS_URL"] = self.redis.url
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(self.extra_env)
        return env

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def _spawn(self, *args: str, log_name: str) -> subprocess.Popen[bytes]:
        with (self.data_dir / log_name).open("ab") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "resumeroast", *args],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_api(self) -> None:
        self.api_port = free_port()
        self.api = self._spawn("api", "--port", str(self.api_port), log_name="api.log")
        wait_for(
            lambda: self._answers(self.api, f"{self.base_url}/readyz", "api.log"),
            timeout_s=READY_TIMEOUT_S,
            what="the API to answer /readyz",
        )

    def restart_api(self) -> None:
        """Again with the current extra_env (settings the API reads at start)."""
        self._stop([self.api])
        self.start_api()

    def _answers(self, process: subprocess.Popen[bytes] | None, url: str, log_name: str) -> bool:
        """url answers 200; a process that exited instead fails with its log."""
        assert process is not None
        if process.poll() is not None:
            raise AssertionError(f"{log_name} ended: {self.log(log_name)}")
        try:
            return httpx.get(url, timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def start_relay(self) -> None:
        """`resumeroast llm-relay`, in its own session like `up` starts it: killing a worker's
        process group leaves it running. Workers started after this call go through it."""
        port = free_port()
        self.relay = self._spawn("llm-relay", "--port", str(port), log_name="relay.log")
        url = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: self._answers(self.relay, f"{url}/relay/healthz", "relay.log"),
            timeout_s=READY_TIMEOUT_S,
            what="the LLM relay to answer",
        )
        self.extra_env["LLM_RELAY_URL"] = url

    def start_worker(
        self, *, concurrency: int = 1, pool: str = "prefork"
    ) -> subprocess.Popen[bytes]:
        name = f"w{len(self.workers)}@%h"
        worker = self._spawn(
            "worker",
            "--concurrency",
            str(concurrency),
            "--pool",
            pool,
            "--name",
            name,
            log_name=f"worker{len(self.workers)}.log",
        )
        self.workers.append(worker)
        return worker

    def log(self, name: str) -> str:
        path = self.data_dir / name
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        self._stop_processes()
        if self.database_url:
            drop_database(self.database_url)

    def _stop_processes(self) -> None:
        # The relay last: a worker stopping warmly may still be calling through it.
        for group in ([*self.workers, self.api], [self.relay]):
            self._stop(group)

    def _stop(self, processes: list[subprocess.Popen[bytes] | None]) -> None:
        for process in processes:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def kill_process_group(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    os.killpg(process.pid, sig)
    process.wait(timeout=30)


def fresh_database() -> str | None:
    """CREATE DATABASE on the server TEST_DATABASE_URL points at; None for SQLite."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        return None
    import psycopg

    name = f"rr_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return base.rsplit("/", 1)[0] + "/" + name


def drop_database(url: str) -> None:
    import psycopg

    base = os.environ["TEST_DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
