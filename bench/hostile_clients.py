"""The clients of bench/chaos.py --hostile: one attacking address and many ordinary ones.

Everything here runs on one asyncio loop in the benchmark process; the /healthz prober runs in a
process of its own (hostile_load.py) so that this loop's own delays do not count against the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from resumeroast.core.readers.bounds import MAX_CHARACTERS, MAX_LINES

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "resumes"
#: Real resumes in formats that take a line appended without changing what they are.
ORDINARY = [
    FIXTURES / "text" / name
    for name in (
        "hrhelper__sample_resume.txt",
        "rendercv__sample_cv_text.txt",
        "resumematcher__german_resume_long.md",
        "tomasino__resume.markdown",
    )
]
ATTACKER = "127.0.0.1"
HEADER = "Jane Doe\njane@example.com | +1 555 0100\n\nEXPERIENCE\n"
#: bench/analysis_bounds.py's costliest shape: every line a dated role with skills
ROLE = "Engineer, Acme Corp, Jan {year} - Mar 2023: Python/Java, AWS, SQL, 40% faster #{n}"


def maximal_document(
    n: int, characters: int = MAX_CHARACTERS - 100, lines: int = MAX_LINES - 10
) -> bytes:
    """Just inside the text caps (core/readers/bounds.py); each one distinct, so no cache can
    answer it."""
    out, size = [HEADER], len(HEADER)
    while len(out) < lines:
        line = ROLE.format(year=1990 + len(out) % 30, n=n)
        if size + len(line) + 1 > characters:
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out).encode()


def upload_kind(filename: str) -> str:
    """Which client sent an upload, from its name (for the worker-time figures)."""
    if filename.startswith("max"):
        return "maximal (attacker)"
    if filename.startswith("fwd-"):
        return "forwarded (attacker)"
    return "ordinary"


def ordinary_resume(n: int) -> tuple[str, bytes]:
    path = ORDINARY[n % len(ORDINARY)]
    return path.name, path.read_bytes() + f"\nReference number: ordinary-{n:05d}\n".encode()


@dataclass
class Tally:
    """What the attacker's vectors and the ordinary clients met."""

    attack: dict[str, Counter[str]] = field(default_factory=dict)
    attacker_jobs: list[tuple[str, str]] = field(default_factory=list)
    loris_held_s: dict[str, list[float]] = field(default_factory=dict)
    ordinary_s: list[float] = field(default_factory=list)
    ordinary_failed: Counter[str] = field(default_factory=Counter)
    ordinary_fallbacks: Counter[str] = field(default_factory=Counter)

    def count(self, vector: str, outcome: str) -> None:
        self.attack.setdefault(vector, Counter())[outcome] += 1


def client_for(base_url: str, address: str, **limits: int | None) -> httpx.AsyncClient:
    """A client whose sockets leave from `address` (127.0.0.x: one loopback client each)."""
    pool = httpx.Limits(max_connections=limits.get("connections"), max_keepalive_connections=20)
    transport = httpx.AsyncHTTPTransport(local_address=address, limits=pool)
    return httpx.AsyncClient(base_url=base_url, transport=transport, timeout=60)


async def upload(
    client: httpx.AsyncClient, name: str, body: bytes, headers: dict[str, str] | None = None
) -> httpx.Response:
    return await client.post(
        "/api/resumes", files={"file": (name, body)}, data={"level": "honest"}, headers=headers
    )


# --- the attacker ------------------------------------------------------------------------------


async def maximal_documents(client: httpx.AsyncClient, count: int, tally: Tally) -> None:
    async def one(n: int) -> None:
        outcome = await _post(client, f"max{n}.txt", maximal_document(n), None, tally)
        tally.count("maximal documents", outcome)

    await asyncio.gather(*(one(n) for n in range(count)))


async def rotating_forwarded_for(
    client: httpx.AsyncClient, count: int, parallel: int, tally: Tally
) -> None:
    """Uploads each claiming a different client in X-Forwarded-For (and garbage now and then)."""
    rng = random.Random(17)
    queue = list(range(count))

    async def sender() -> None:
        while queue:
            n = queue.pop()
            forwarded = (
                f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{n % 250 + 1}"
                if n % 10
                else f"garbage-{n}, not-an-address"
            )
            name, body = ordinary_resume(100_000 + n)
            headers = {"X-Forwarded-For": forwarded}
            outcome = await _post(client, f"fwd-{name}", body, headers, tally)
            tally.count("uploads, rotating X-Forwarded-For", outcome)

    await asyncio.gather(*(sender() for _ in range(parallel)))


async def _post(
    client: httpx.AsyncClient, name: str, body: bytes, headers: dict[str, str] | None, tally: Tally
) -> str:
    try:
        answer = await upload(client, name, body, headers)
    except httpx.HTTPError as exc:
        return type(exc).__name__
    if answer.status_code == 202:
        created = answer.json()
        tally.attacker_jobs.append((created["events_url"], created["access_token"]))
    return str(answer.status_code)


async def event_streams(
    client: httpx.AsyncClient, count: int, stop: asyncio.Event, tally: Tally
) -> None:
    """`count` streams opened at once on the attacker's own jobs, each held until the server
    ends it or the attack stops."""
    deadline = time.monotonic() + 60
    while not tally.attacker_jobs and time.monotonic() < deadline and not stop.is_set():
        await asyncio.sleep(0.1)
    jobs = tally.attacker_jobs or [("/api/resumes/none/events", "none")]

    async def one(n: int) -> None:
        url, token = jobs[n % len(jobs)]
        try:
            async with client.stream(
                "GET", url, headers={"X-Job-Token": token}, timeout=httpx.Timeout(30, read=None)
            ) as stream:
                tally.count(
                    "event streams",
                    "opened" if stream.status_code == 200 else str(stream.status_code),
                )
                if stream.status_code == 200:
                    await _until(stop, _drain(stream))
        except httpx.HTTPError as exc:
            tally.count("event streams", type(exc).__name__)

    await asyncio.gather(*(one(n) for n in range(count)))


async def _drain(stream: httpx.Response) -> None:
    async for _ in stream.aiter_raw():
        pass


async def _until(stop: asyncio.Event, work: object) -> None:
    task = asyncio.ensure_future(work)  # type: ignore[arg-type]
    waiter = asyncio.ensure_future(stop.wait())
    await asyncio.wait([task, waiter], return_when=asyncio.FIRST_COMPLETED)
    for pending in (task, waiter):
        pending.cancel()
        with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
            await pending


async def slow_loris(
    base_url: str, count: int, stop: asyncio.Event, tally: Tally, byte_every_s: float = 1.0
) -> None:
    """`count` sockets that each send a byte a second; every fourth has sent whole headers and
    trickles a body. A socket the server closes is opened again until the attack stops."""
    url = urlsplit(base_url)
    header_start = b"GET /api/resumes HTTP/1.1\r\nHost: x\r\nX-Padding: "
    body_start = (  # a well-formed start, so only the time-out can end it
        b"POST /api/resumes HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n"
        b"Content-Type: multipart/form-data; boundary=b\r\n\r\n--b\r\n"
        b'Content-Disposition: form-data; name="file"; filename="slow.txt"\r\n\r\n'
    )

    async def one(n: int) -> None:
        vector = "slow-loris bodies" if n % 4 == 0 else "slow-loris headers"
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(
                    url.hostname, url.port, local_addr=(ATTACKER, 0)
                )
            except OSError as exc:
                tally.count(vector, type(exc).__name__)
                await asyncio.sleep(byte_every_s)
                continue
            opened = time.monotonic()
            writer.write(body_start if n % 4 == 0 else header_start)
            outcome = await _trickle(reader, writer, stop, byte_every_s)
            tally.count(vector, outcome)
            if outcome != "open at the end":
                held = tally.loris_held_s.setdefault(f"{vector}, {outcome}", [])
                held.append(time.monotonic() - opened)
            writer.close()
            await asyncio.sleep(byte_every_s)  # then again, as a patient attacker would

    await asyncio.gather(*(one(n) for n in range(count)))


async def _trickle(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stop: asyncio.Event, every: float
) -> str:
    while not stop.is_set():
        try:
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(4096), every)
        except TimeoutError:
            writer.write(b"a")
            continue
        except OSError:
            return "cut by the server"
        if not answer:
            return "cut by the server"
        status = answer.split(b" ", 2)[1].decode(errors="replace") if b" " in answer else "?"
        return f"answered {status}"
    return "open at the end"


# --- the ordinary clients ----------------------------------------------------------------------


async def ordinary_upload(
    client: httpx.AsyncClient, n: int, job_timeout_s: float, tally: Tally
) -> None:
    """Upload one resume, follow its event stream to the end; the time from the upload's start
    to `complete` is recorded, anything else is a failure with its reason."""
    started = time.monotonic()
    name, body = ordinary_resume(n)
    try:
        answer = await upload(client, name, body)
    except httpx.HTTPError as exc:
        tally.ordinary_failed[f"upload: {type(exc).__name__}"] += 1
        return
    if answer.status_code != 202:
        tally.ordinary_failed[f"upload answered {answer.status_code}"] += 1
        return
    created = answer.json()
    try:
        status = await asyncio.wait_for(
            _final_status(client, created, tally), timeout=job_timeout_s
        )
    except TimeoutError:
        tally.ordinary_failed[f"not final within {job_timeout_s:g} s"] += 1
        return
    if status == "complete":
        tally.ordinary_s.append(time.monotonic() - started)
    else:
        tally.ordinary_failed[f"job {status}"] += 1


async def _final_status(client: httpx.AsyncClient, created: dict[str, str], tally: Tally) -> str:
    headers = {"X-Job-Token": created["access_token"]}
    try:
        async with client.stream(
            "GET", created["events_url"], headers=headers, timeout=httpx.Timeout(30, read=None)
        ) as stream:
            if stream.status_code == 200:
                async for line in stream.aiter_lines():
                    if line.startswith("data:"):
                        status = str(json.loads(line[5:])["status"])
                        if status in ("complete", "failed"):
                            return status
            tally.ordinary_fallbacks[f"event stream answered {stream.status_code}"] += 1
    except httpx.HTTPError as exc:
        tally.ordinary_fallbacks[f"event stream {type(exc).__name__}"] += 1
    while True:  # the stream was refused or cut: poll, as the web app would
        with contextlib.suppress(httpx.HTTPError):
            polled = await client.get(created["status_url"], headers=headers)
            if polled.status_code == 200 and polled.json()["status"] in ("complete", "failed"):
                return str(polled.json()["status"])
        await asyncio.sleep(0.5)
