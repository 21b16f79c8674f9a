"""The command line as a newcomer uses it: `up` runs everything, `roast` prints a roast."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from resumeroast.adapters.embedded_redis import free_port
from tests.support.polling import wait_for
from tests.support.stack import FIXTURES, TEST_ENV, Stack

pytestmark = pytest.mark.integration


def cli(
    *args: str, env: dict[str, str], cwd: Path, timeout_s: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resumeroast", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )


def clean_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "DATABASE_URL", "BROKER_URL", "DATA_DIR")
        and not k.startswith("LLM_")
    }
    return env | TEST_ENV


def test_roast_against_a_running_service(shared_stack: Stack, tmp_path: Path) -> None:
    resume = FIXTURES / "pdf/resumematcher__single-column.pdf"
    job = tmp_path / "job.txt"
    job.write_text("Senior backend engineer: Python, PostgreSQL, Kubernetes, AWS.")
    done = cli(
        "roast",
        str(resume),
        "--job",
        str(job),
        "--level",
        "brutal",
        "--json",
        "--url",
        shared_stack.base_url,
        env=clean_env(),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "complete"
    assert result["feedback"]["level"] == "brutal"
    assert "/jobs/" in done.stderr and "#token=" in done.stderr  # the capability URL

    readable = cli(
        "roast", str(resume), "--url", shared_stack.base_url, env=clean_env(), cwd=tmp_path
    )
    assert readable.returncode == 0, readable.stderr
    assert "/100" in readable.stdout
    assert result["feedback"]["verdict"].split()[0] in readable.stdout or "fix" in readable.stdout


def test_roast_with_no_service_starts_and_stops_its_own(tmp_path: Path) -> None:
    free = free_port()  # nothing listens here
    done = cli(
        "roast",
        str(FIXTURES / "text/hrhelper__sample_resume.txt"),
        "--json",
        "--url",
        f"http://127.0.0.1:{free}",
        "--data-dir",
        str(tmp_path / "data"),
        env=clean_env(),
        cwd=tmp_path,
        timeout_s=180,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "complete"
    leftovers = [
        p
        for p in psutil.process_iter(["cmdline"])
        if str(tmp_path) in " ".join(p.info["cmdline"] or [])
    ]
    assert leftovers == []


def test_up_runs_everything_and_ctrl_c_leaves_no_orphan(tmp_path: Path) -> None:
    port = free_port()
    up = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "resumeroast",
            "up",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "data"),
        ],
        env=clean_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            return httpx.get(f"{url}/readyz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for(ready, timeout_s=60, what="resumeroast up")
    family = psutil.Process(up.pid).children(recursive=True)
    names = " ".join(" ".join(p.cmdline()) for p in family)
    assert "redis-server" in names and " api " in f" {names} " and " worker " in f" {names} "
    aof = list((tmp_path / "data" / "redis").rglob("appendonly*"))
    assert aof, "the embedded Redis keeps an append-only file in the data folder"
    conf = (tmp_path / "data" / "redis" / "redis.conf").read_text()
    assert "bind 127.0.0.1" in conf and "appendfsync everysec" in conf

    up.send_signal(signal.SIGINT)  # Ctrl-C
    assert up.wait(timeout=90) == 0
    gone, alive = psutil.wait_procs(family, timeout=30)
    assert alive == []


def test_a_killed_api_supervisor_leaves_no_orphan(shared_stack: Stack) -> None:
    """`api --workers 2` killed outright (say, by the OOM killer) has no chance to stop its
    processes: the kernel must (parent-death signal), or they would go on serving the port
    with nothing left to stop them. Both answer first: each binds the port itself."""
    port = free_port()
    api = subprocess.Popen(
        [sys.executable, "-m", "resumeroast", "api", "--port", str(port), "--workers", "2"],
        env=shared_stack.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: len(psutil.Process(api.pid).children()) == 2, timeout_s=30, what="spawn")
    processes = psutil.Process(api.pid).children()

    def both_listening() -> bool:
        listening = {
            c.pid
            for c in psutil.net_connections("tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
        }
        return listening == {p.pid for p in processes}

    wait_for(both_listening, timeout_s=60, what="two API processes on the port")
    assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200

    api.kill()
    api.wait(timeout=10)
    _gone, alive = psutil.wait_procs(processes, timeout=30)
    assert alive == [], [p.cmdline() for p in alive]
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url}/healthz", timeout=1)


def test_a_second_service_on_a_port_in_use_is_refused(shared_stack: Stack) -> None:
    """SO_REUSEPORT must not let a second `api` quietly share a running one's port."""
    taken = shared_stack.api_port
    done = subprocess.run(
        [sys.executable, "-m", "resumeroast", "api", "--port", str(taken), "--workers", "2"],
        env=shared_stack.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{taken}" in done.stdout + done.stderr
