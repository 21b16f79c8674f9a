"""Fairness (issue 17): how long an ordinary resume waits behind one client's pile of large,
slow documents, with large uploads sent to the bulk queue by their size and without (a
client's extra jobs go there either way, with the per-client cap on); and the per-client cap.

    .venv/bin/python bench/fairness.py [--large 10] [--operations 60000]

A real stack (embedded Redis, `resumeroast api`, one `resumeroast worker` with one slot, the
builtin reviewer). One attacking client (an address forwarded by a trusted proxy) uploads
--large PDFs of 1.1 MB that each keep the parser busy for seconds (tests/support/hostile.py's
slow PDF, padded past LARGE_UPLOAD_BYTES), one more (refused by the cap: 429), then another
client uploads one ordinary resume. Printed for each configuration: the ordinary resume's wait
(upload → a worker starts it) and time to its result, how many large documents started before
it, and the attacker's answers. Then a burst: 50 concurrent uploads from one new client, and
how many were accepted (MAX_QUEUED_PER_CLIENT, 10 by default).
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.local_stack import FIXTURES, LocalStack, local_stack
from tests.support.hostile import slow_pdf

RESUME = FIXTURES / "text" / "hrhelper__sample_resume.txt"
LARGE_BYTES = 1024 * 1024
ATTACKER = {"X-Forwarded-For": "203.0.113.66"}
OTHER = {"X-Forwarded-For": "198.51.100.7"}


def post(client: httpx.Client, data: bytes, name: str, headers: dict[str, str]) -> httpx.Response:
    return client.post("/api/resumes", files={"file": (name, data)}, headers=headers)


def job(client: httpx.Client, answer: httpx.Response) -> dict[str, object]:
    body = answer.json()
    status = client.get(body["status_url"], headers={"X-Job-Token": body["access_token"]})
    result: dict[str, object] = status.json()
    return result


def wait_done(client: httpx.Client, answer: httpx.Response, deadline_s: float) -> dict[str, object]:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        state = job(client, answer)
        if state["status"] in ("complete", "failed"):
            return state
        time.sleep(0.1)
    raise RuntimeError("the ordinary resume did not finish in time")


def run(large_queue: bool, count: int, operations: int) -> None:
    env = {
        "TRUSTED_PROXIES": '["127.0.0.1"]',
        "LARGE_UPLOAD_BYTES": str(LARGE_BYTES if large_queue else 0),
        "MAX_QUEUED_PER_CLIENT": "10",  # the shipped default (local_stack turns it off)
    }

    def configure(stack: LocalStack) -> None:
        stack.env.update(env)

    with (
        local_stack(before_start=configure) as stack,
        httpx.Client(base_url=stack.url, timeout=60) as client,
    ):
        large = [
            post(
                client,
                slow_pdf(operations, padding_bytes=LARGE_BYTES + 100_000),
                f"{n}.pdf",
                ATTACKER,
            )
            for n in range(count + 1)
        ]
        codes = [answer.status_code for answer in large]
        uploaded = datetime.now().astimezone()
        ordinary = post(client, RESUME.read_bytes(), RESUME.name, OTHER)
        start = time.monotonic()
        state = wait_done(client, ordinary, 600)
        took = time.monotonic() - start
        started = datetime.fromisoformat(str(state["started_at"]))
        ahead = 0
        for answer in large:
            if answer.status_code == 202:
                other = job(client, answer)
                if (
                    other["started_at"]
                    and datetime.fromisoformat(str(other["started_at"])) < started
                ):
                    ahead += 1
        name = "by size" if large_queue else "not by size"
        print(
            f"{name:<11} attacker: {codes.count(202)} accepted, {codes.count(429)} refused (429); "
            f"ordinary: waited {(started - uploaded).total_seconds():.1f} s, result after "
            f"{took:.1f} s, {ahead} large document(s) started before it"
        )
        if large_queue:
            burst(stack.url)


def burst(url: str) -> None:
    """50 concurrent uploads from one new client while the worker keeps working: at most 10
    unfinished at once, so more than 10 pass only if some of them finished meanwhile."""
    body = RESUME.read_bytes()
    headers = {"X-Forwarded-For": "192.0.2.50"}

    def upload(n: int) -> httpx.Response:
        with httpx.Client(base_url=url, timeout=120) as client:
            return post(client, body + f"\n{n}\n".encode(), RESUME.name, headers)

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(upload, range(50)))
    accepted = [answer for answer in answers if answer.status_code == 202]
    with httpx.Client(base_url=url, timeout=60) as client:
        done = sum(job(client, answer)["status"] in ("complete", "failed") for answer in accepted)
    refused = sum(answer.status_code == 429 for answer in answers)
    print(
        f"burst       50 concurrent uploads from one client: {len(accepted)} accepted "
        f"({done} of them finished by the end of the burst), {refused} refused (429)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=10, help="large documents (the cap: 10)")
    parser.add_argument("--operations", type=int, default=60_000, help="text runs per PDF")
    args = parser.parse_args()
    for large_queue in (False, True):
        run(large_queue, args.large, args.operations)


if __name__ == "__main__":
    main()
