"""The image's entry commands, run directly: no Docker engine here, so CI runs what the
containers would run.

The commands come from deploy/Dockerfile (CMD, HEALTHCHECK) and deploy/docker-compose.yml
(migrate, worker, the worker's health check), read from the files themselves, with the
environment Compose gives them: ENVIRONMENT=production, DATABASE_URL, REDIS_URL, SECRET_KEY,
ADMIN_TOKEN, and PATH starting with the virtualenv's bin/ as in the image. Only the listen
address changes (127.0.0.1 and a free port instead of 0.0.0.0:8000), and Redis is a real
redis-server (EmbeddedRedis); TEST_DATABASE_URL, when set, gives a PostgreSQL database.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port
from tests.support.api import submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import FIXTURES, Stack
from tests.unit.deploy.deploy_files import DEPLOY, compose_services, dockerfile

#: db: the image's migrate command on a fresh database (run on PostgreSQL too).
pytestmark = [pytest.mark.integration, pytest.mark.db]

VENV_BIN = Path(sys.executable).parent
RESUME = "text/hrhelper__sample_resume.txt"


@dataclass
class ImageStack(Stack):
    """A Stack whose processes are started with the image's own commands and environment.

    Its database is Stack's: a fresh PostgreSQL database when TEST_DATABASE_URL is set, else
    SQLite in the data folder (production only insists that DATABASE_URL is set).
    """

    @property
    def env(self) -> dict[str, str]:
        assert self.redis is not None, "the image's services always have a Redis"
        inherited = ("HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
        env = {k: v for k, v in os.environ.items() if k in inherited}
        env.update(
            {
                "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
                "PYTHONUNBUFFERED": "1",
                "DATA_DIR": str(self.data_dir),  # the image's ENV DATA_DIR=/data
                "HOSTNAME": socket.gethostname(),  # what a container's shell has
                # compose: environment + env_file
                "ENVIRONMENT": "production",
                "DATABASE_URL": self.database_url or f"sqlite:///{self.data_dir / 'app.db'}",
                "REDIS_URL": self.redis.url,
                "SECRET_KEY": self.extra_env["SECRET_KEY"],
                "ADMIN_TOKEN": self.extra_env["ADMIN_TOKEN"],
            }
        )
        return env

    def run(
        self, command: list[str], *, timeout_s: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=timeout_s, check=False
        )

    def start(self, command: list[str], *, log_name: str) -> subprocess.Popen[bytes]:
        with (self.data_dir / log_name).open("ab") as log:
            return subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )


def api_command(port: int) -> list[str]:
    """The image's CMD, listening on 127.0.0.1:port instead of 0.0.0.0:8000."""
    cmd = dockerfile()[1][-1].last("CMD")
    command = cmd.exec_form() if cmd is not None else None
    assert command is not None and command[-4:] == ["--host", "0.0.0.0", "--port", "8000"]
    return [*command[:-4], "--host", "127.0.0.1", "--port", str(port)]


def api_health_check(port: int) -> list[str]:
    check = dockerfile()[1][-1].last("HEALTHCHECK")
    assert check is not None
    command = check.exec_form()
    assert command is not None
    return [word.replace(":8000/", f":{port}/") for word in command]


def worker_health_check() -> list[str]:
    """The compose health check's command ($$ in a CMD-SHELL test is Compose's $)."""
    kind, *command = compose_services()["worker"]["healthcheck"]["test"]
    if kind == "CMD-SHELL":
        return ["/bin/sh", "-c", command[0].replace("$$", "$")]
    assert kind == "CMD"
    return [str(word) for word in command]


def passes(stack: ImageStack, command: list[str]) -> bool:
    return stack.run(command, timeout_s=60).returncode == 0


def wait_healthy(stack: ImageStack, command: list[str], *, log_name: str) -> None:
    try:
        wait_for(lambda: passes(stack, command), timeout_s=90, interval_s=0.5, what=log_name)
    except AssertionError as exc:
        raise AssertionError(f"{exc}; its log ends with:\n{stack.log(log_name)}") from None


@pytest.fixture
def image_stack(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[ImageStack]:
    stack = ImageStack(
        data_dir=tmp_path,
        redis=redis_server,
        extra_env={
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ADMIN_TOKEN": secrets.token_urlsafe(32),
        },
    )
    yield stack
    stack.stop()


def test_the_image_commands_migrate_serve_and_review(image_stack: ImageStack) -> None:
    services = compose_services()

    # migrate: the one-shot service, run twice (a redeploy runs it again)
    for _ in range(2):
        done = image_stack.run(services["migrate"]["command"])
        assert done.returncode == 0, done.stdout + done.stderr
        assert "database is up to date" in done.stdout

    # api: the image's CMD; healthy by the image's HEALTHCHECK (which fails while it is down)
    port = free_port()
    assert not passes(image_stack, api_health_check(port))
    image_stack.api_port = port
    image_stack.api = image_stack.start(api_command(port), log_name="api.log")
    wait_healthy(image_stack, api_health_check(port), log_name="api.log")

    # worker: the compose command; healthy by the compose health check (a remote-control ping)
    worker = image_stack.start(services["worker"]["command"], log_name="worker.log")
    image_stack.workers.append(worker)
    wait_healthy(image_stack, worker_health_check(), log_name="worker.log")

    with httpx.Client(base_url=image_stack.base_url, timeout=30) as client:
        assert client.get("/readyz").status_code == 200
        job = submit(client, RESUME)
        final = wait_final(client, job, timeout_s=90)
        assert final["status"] == "complete", final
        # Real feedback on this resume: quotes lifted from it, not a placeholder result.
        feedback = final["feedback"]
        assert feedback["facts"]["words"] > 50 and feedback["findings"], feedback
        text = " ".join((FIXTURES / RESUME).read_text().split())
        for finding in feedback["findings"]:
            for evidence in finding["evidence"]:
                assert " ".join(evidence["quote"].lstrip("•-* ").split()) in text, evidence
        admin = {"Authorization": f"Bearer {image_stack.extra_env['ADMIN_TOKEN']}"}
        assert client.get("/api/admin/stats", headers=admin).status_code == 200

    # flower: its config module reaches the same workers (same Redis, same key prefix)
    flower = services["flower"]["environment"]
    ping = subprocess.run(
        [str(VENV_BIN / "celery"), "inspect", "ping", "--timeout", "5"],
        env=image_stack.env
        | {
            "CELERY_CONFIG_MODULE": flower["CELERY_CONFIG_MODULE"],
            "PYTHONPATH": str(DEPLOY / "flower"),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ping.returncode == 0 and "pong" in ping.stdout, ping.stdout + ping.stderr

    # SIGTERM to the main process, as Docker (through init) sends it: both stop in time.
    # Uvicorn re-raises the signal after its graceful shutdown, so the API "dies of" SIGTERM.
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=60) == 0, image_stack.log("worker.log")
    assert image_stack.api is not None
    image_stack.api.send_signal(signal.SIGTERM)
    assert image_stack.api.wait(timeout=30) in (0, -signal.SIGTERM), image_stack.log("api.log")
