"""The command line as a newcomer uses it: `up` runs everything, `roast` prints a roast."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port
from tests.support.api import get_job, submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.polling import wait_for
from tests.support.stack import FIXTURES, TEST_ENV, Stack

pytestmark = pytest.mark.integration

CLI_DEADLINE_S = 180


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

    # The same roast, readable: the builtin reviewer is deterministic, so the same score,
    # verdict and findings must be printed (the panel's border and wrapping aside).
    readable = cli(
        "roast",
        str(resume),
        "--job",
        str(job),
        "--level",
        "brutal",
        "--url",
        shared_stack.base_url,
        env=clean_env(),
        cwd=tmp_path,
    )
    assert readable.returncode == 0, readable.stderr
    printed = " ".join(readable.stdout.replace("│", " ").split())
    feedback = result["feedback"]
    assert f"{feedback['overall_score']}/100" in printed
    assert " ".join(feedback["verdict"].split()) in printed
    assert feedback["findings"], "a roast with nothing to fix proves nothing here"
    for finding in feedback["findings"]:
        assert " ".join(finding["message"].split()) in printed, finding["code"]
    # The same top fixes as the web page opens with, and the band in the API's words.
    assert result["score_band"]["label"] in printed
    assert result["top_fixes"], "the web page opens with them: so must the CLI"
    fixes = printed[printed.index("Fix these first") :]
    at = [
        fixes.index(f"{n}. {' '.join(fix['message'].split())}")
        for n, fix in enumerate(result["top_fixes"], 1)
    ]
    assert at == sorted(at)  # every one of them, in the web page's order
    assert " ".join(result["top_fixes"][0]["fix"].split()) in fixes


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


def start_up(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`resumeroast up` with its data in tmp_path, once it answers /readyz; and its URL."""
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
        env=env,
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
    return up, url


def test_up_runs_everything_and_ctrl_c_leaves_no_orphan(tmp_path: Path) -> None:
    up, _url = start_up(tmp_path, clean_env())
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


def test_up_with_a_hosted_model_reviews_through_its_relay_and_stops_it(
    tmp_path: Path, standin: Standin
) -> None:
    up, url = start_up(tmp_path, clean_env() | standin.provider_env())
    try:
        family = psutil.Process(up.pid).children(recursive=True)
        [relay] = [p for p in family if "llm-relay" in p.cmdline()]
        relay_port = relay.cmdline()[relay.cmdline().index("--port") + 1]
        with httpx.Client(base_url=url, timeout=30) as client:
            result = wait_final(client, submit(client, "text/hrhelper__sample_resume.txt"))
        assert result["status"] == "complete"
        assert result["feedback"]["review"]["reviewer"] == "openai"
        assert len(standin.calls) == 1
        health = httpx.get(f"http://127.0.0.1:{relay_port}/relay/healthz", timeout=5).json()
        assert health["replies_kept"] == 1  # the worker's call went through the relay
    finally:
        up.send_signal(signal.SIGINT)
        assert up.wait(timeout=90) == 0
    _gone, alive = psutil.wait_procs(family, timeout=30)
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


@pytest.mark.db
def test_dlq_show_replay_and_purge(
    llm_stack: Stack,
    client: httpx.Client,
    standin: Standin,
    redis_server: EmbeddedRedis,
    tmp_path: Path,
) -> None:
    # A breaker that never opens (its window is shorter than the 4 calls a verdict needs):
    # every job spends its retries and is dead-lettered.
    llm_stack.extra_env["BREAKER_WINDOW"] = "3"
    standin.set_script({"steps": [], "then": {"kind": "status", "status": 500}})
    llm_stack.start_worker()
    base = (FIXTURES / "text/hrhelper__sample_resume.txt").read_bytes()
    jobs = [
        submit(client, f"r{i}.txt", data=f"Candidate {i}\n".encode() + base, filename=f"r{i}.txt")
        for i in range(2)
    ]
    for job in jobs:
        failed = wait_final(client, job, timeout_s=90)
        assert failed["failure"]["code"] == "retries_exhausted", failed

    def dlq(*args: str) -> subprocess.CompletedProcess[str]:
        # A deadline for a hung command, not a pace: `dlq` imports the whole pipeline, 2.5 s
        # on a quiet machine, 30 s at load 10, and over 60 s was seen on a loaded one.
        return cli("dlq", *args, env=llm_stack.env, cwd=tmp_path, timeout_s=CLI_DEADLINE_S)

    def entries() -> dict[str, str]:
        listed = dlq("list", "--json")
        assert listed.returncode == 0, listed.stderr
        return {row["job_id"]: row["id"] for row in json.loads(listed.stdout)}

    ids = entries()
    assert sorted(ids) == sorted(job.id for job in jobs)
    first, second = jobs
    shown = dlq("show", ids[first.id])
    assert shown.returncode == 0, shown.stderr
    entry = json.loads(shown.stdout)
    assert entry["job_id"] == first.id
    assert entry["task_name"] == "resumeroast.review_job" and entry["task_args"] == [first.id]
    assert entry["error_type"] == "LLMTransientError" and entry["error_message"]
    assert "Traceback" in entry["traceback"] and entry["attempts"] == 4  # 1 + 3 retries
    assert dlq("show", "999999").returncode == 1

    standin.set_script({"steps": []})  # the provider is back
    replayed = dlq("replay", ids[first.id])
    assert replayed.returncode == 0, replayed.stderr
    assert first.id in replayed.stdout
    assert wait_final(client, first, timeout_s=90)["status"] == "complete"
    assert list(entries()) == [second.id]

    redis_server.stop()  # the broker is down: a clear message, not a traceback
    down = dlq("replay", "--all")
    said = " ".join((down.stdout + down.stderr).split())
    assert down.returncode == 1
    assert "cannot reach the broker" in said and "Traceback" not in said, said
    assert list(entries()) == [second.id]  # the entry is kept for a later replay

    purged = dlq("purge", "--yes")
    assert purged.returncode == 0 and "purged 1" in purged.stdout, purged.stdout
    assert entries() == {}
    assert get_job(client, first)["status"] == "complete"


def test_roast_compare_with_an_earlier_job_links_the_versions_and_prints_the_change(
    shared_stack: Stack, tmp_path: Path
) -> None:
    """`--compare JOB` (the result link `roast` printed): the revised upload is filed as the
    earlier job's next version, and the server's comparison is printed."""
    env = clean_env() | {"COLUMNS": "400"}  # the link on one line
    text = (FIXTURES / "text/rendercv__sample_cv_text.txt").read_text(encoding="utf-8")
    first, revised = tmp_path / "cv.txt", tmp_path / "cv-revised.txt"
    first.write_text(text, encoding="utf-8")
    revised.write_text(text + "\nPublished 3 papers cited over 200 times in 2 years\n")
    url = ["--url", shared_stack.base_url]
    earlier = cli("roast", str(first), "--json", *url, env=env, cwd=tmp_path)
    assert earlier.returncode == 0, earlier.stderr
    link = re.search(r"job (\S+): (\S+#token=\S+)", earlier.stderr)
    assert link is not None, earlier.stderr

    again = cli("roast", str(revised), "--compare", link[2], *url, env=env, cwd=tmp_path)

    assert again.returncode == 0, again.stderr
    printed = " ".join(again.stdout.split())
    assert "Compared with the earlier version" in printed
    assert re.search(r"\d+ fixed · \d+ still open · \d+ new", printed)
    new_id = re.search(r"job (\S+): ", again.stderr)
    assert new_id is not None
    assert new_id[1] != link[1]
    with httpx.Client(base_url=shared_stack.base_url, timeout=30) as client:
        token = again.stderr.split("#token=")[1].split()[0]
        job = client.get(f"/api/resumes/{new_id[1]}", headers={"X-Job-Token": token}).json()
    assert job["previous_job_id"] == link[1]  # filed as its revised version
