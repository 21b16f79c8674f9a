"""`resumeroast roast FILE`: submit, follow the stages live, print the feedback."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console

from resumeroast.adapters.embedded_redis import free_port
from resumeroast.adapters.processes import die_with_parent
from resumeroast.cli.compare import (
    EarlierJob,
    UnreadableEarlierResult,
    comparison_with,
    earlier_roast,
    render_comparison,
)
from resumeroast.cli.job_file import UnreadableJobDescription, job_description_text
from resumeroast.cli.render import render_failure, render_feedback
from resumeroast.core.compare import Comparison
from resumeroast.core.feedback import Feedback, Level

console = Console(stderr=True)
STAGES = ["queued", "parsing", "analyzing", "reviewing", "saving", "complete"]


def run_roast(
    resume: Path,
    *,
    job: Path | None,
    level: str,
    as_json: bool,
    url: str,
    data_dir: Path | None = None,
    compare_to: str | None = None,
    compare_token: str | None = None,
) -> int:
    try:
        level_value = Level(level)
    except ValueError:
        console.print(f"[red]--level must be gentle, honest or brutal, not {level!r}[/]")
        return 2
    data: dict[str, str] = {"level": level_value.value}
    try:
        earlier = earlier_roast(compare_to, compare_token) if compare_to is not None else None
    except UnreadableEarlierResult as exc:
        console.print(f"[red]{exc}[/]")
        return 2
    if job is not None:
        try:
            data["job_description"] = job_description_text(job)
        except UnreadableJobDescription as exc:
            console.print(f"[red]{exc}[/]")
            return 2
    with service(url, data_dir) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        files = {"file": (resume.name, resume.read_bytes())}
        linked: dict[str, str] = {}
        if isinstance(earlier, EarlierJob):  # a revised version of that job, on the server
            data["previous_job_id"] = earlier.job_id
            linked["X-Previous-Job-Token"] = earlier.token
        answer = client.post("/api/resumes", files=files, data=data, headers=linked)
        if answer.status_code != 202:
            console.print(f"[red]{answer.json().get('detail', answer.text)}[/]")
            return 1
        created = answer.json()
        client.headers["X-Job-Token"] = created["access_token"]
        console.print(f"[dim]job {created['job_id']}: {base_url}{created['web_url']}[/]")
        follow_progress(client, created["events_url"])
        result = client.get(created["status_url"]).json()
        comparison = _comparison(client, earlier, result)
    if as_json:
        if comparison is not None:
            result = {**result, "comparison": comparison.model_dump(mode="json")}
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    elif result["status"] == "complete":
        render_feedback(result["feedback"], Console(), top=result.get("top_fixes", []))
        if comparison is not None:
            render_comparison(comparison, Console())
    else:
        render_failure(result, Console())
    return 0 if result["status"] == "complete" else 1


def _comparison(
    client: httpx.Client, earlier: Feedback | EarlierJob | None, result: dict[str, Any]
) -> Comparison | None:
    if earlier is None or result["status"] != "complete":
        return None
    if isinstance(earlier, Feedback):
        return comparison_with(earlier, result)
    answer = client.get(f"/api/resumes/{result['job_id']}/compare/{earlier.job_id}")
    if answer.status_code != 200:
        console.print(f"[red]no comparison: {answer.json().get('detail', answer.text)}[/]")
        return None
    return Comparison.model_validate(answer.json())


def follow_progress(client: httpx.Client, events_url: str) -> None:
    with console.status("queued…") as status:
        for event in sse_events(client, events_url):
            state = event.get("stage") or event["status"]
            note = f" (retry {event['retries']} waiting)" if event.get("retry_at") else ""
            status.update(f"{state}…{note}")
            if event["status"] in ("complete", "failed"):
                break
            console.print(f"[dim]• {state}[/]")


def sse_events(client: httpx.Client, url: str) -> Iterator[dict[str, Any]]:
    with client.stream("GET", url, timeout=httpx.Timeout(10, read=None)) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                yield json.loads(line[5:].strip())


@contextlib.contextmanager
def service(url: str, data_dir: Path | None = None) -> Iterator[str]:
    """The running service at url, or an embedded stack started for this one roast (its data
    in data_dir, else where DATA_DIR or the default says)."""
    if _is_up(url):
        yield url
        return
    port = free_port()
    console.print("[dim]no ResumeRoast running; starting an embedded one…[/]")
    stack = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "resumeroast",
            "up",
            "--port",
            str(port),
            *(["--data-dir", str(data_dir.resolve())] if data_dir is not None else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )
    local = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(local, stack, timeout_s=60)
        yield local
    finally:
        stack.send_signal(signal.SIGTERM)
        try:
            stack.wait(timeout=60)
        except subprocess.TimeoutExpired:
            stack.kill()


def _is_up(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _wait_ready(url: str, process: subprocess.Popen[bytes], *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the embedded ResumeRoast exited while starting")
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the embedded ResumeRoast did not become ready in time")
