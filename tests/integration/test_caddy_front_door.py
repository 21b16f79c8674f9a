"""deploy/caddy/Caddyfile run by a real Caddy in front of a recording upstream: job tokens never
reach the access log, and the operator's endpoints never reach the API.

Caddy comes from Debian's `caddy` package (.ci/run installs it); plain HTTP here (an http://
site address), the rest of the file as shipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import free_port
from tests.support.polling import wait_for
from tests.unit.deploy.deploy_files import DEPLOY

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        shutil.which("caddy") is None and not os.environ.get("REQUIRE_DEPLOY_TOOLS"),
        reason="caddy not installed (apt-get install caddy; CI installs it)",
    ),
]
TOKEN = "tok-3c1f-never-in-a-log"


class Upstream(BaseHTTPRequestHandler):
    seen: list[str] = []
    request_ids: list[str | None] = []

    def do_GET(self) -> None:
        Upstream.seen.append(self.path)
        Upstream.request_ids.append(self.headers.get("X-Request-ID"))
        body = b"from the api"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def front_door(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    site, health = free_port(), free_port()
    log = tmp_path / "caddy.log"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "SITE_ADDRESS": f"http://127.0.0.1:{site}",
        "HTTP_PORT": str(site),
        "HEALTH_PORT": str(health),
        "API_UPSTREAM": f"127.0.0.1:{upstream.server_address[1]}",
    }
    command = ["caddy", "run", "--adapter", "caddyfile", "--config"]
    with log.open("wb") as out:
        caddy = subprocess.Popen(
            [*command, str(DEPLOY / "caddy" / "Caddyfile")], env=env, stdout=out, stderr=out
        )
    try:
        wait_for(lambda: healthy(health), timeout_s=20, what="caddy's health port")
        yield f"http://127.0.0.1:{site}", log
    finally:
        caddy.terminate()
        caddy.wait(timeout=10)
        upstream.shutdown()
        upstream.server_close()


def healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_tokens_stay_out_of_the_log_and_operator_paths_stay_inside(
    front_door: tuple[str, Path],
) -> None:
    base, log = front_door
    Upstream.seen.clear()
    events = httpx.get(f"{base}/api/resumes/job-1/events?token={TOKEN}&after=3", timeout=10)
    assert events.status_code == 200 and events.text == "from the api"
    headers = {"X-Job-Token": TOKEN, "Authorization": f"Bearer {TOKEN}"}
    assert httpx.get(f"{base}/api/resumes/job-1", headers=headers, timeout=10).status_code == 200
    for private in ("/metrics", "/api/admin/stats", "/api/admin/dead-letters?x=1"):
        assert httpx.get(base + private, headers=headers, timeout=10).status_code == 404
    assert Upstream.seen == [
        f"/api/resumes/job-1/events?token={TOKEN}&after=3",
        "/api/resumes/job-1",
    ]

    def logged() -> str | None:
        text = log.read_text()
        return text if text.count('"uri"') >= 5 else None

    text = wait_for(logged, timeout_s=10, what="five access log lines")
    assert "/api/resumes/job-1/events" in text and "after=3" in text
    assert TOKEN not in text


def test_the_request_id_is_passed_through_when_well_formed_and_generated_otherwise(
    front_door: tuple[str, Path],
) -> None:
    """Catches a front door that drops the client's X-Request-ID, passes a malformed one on,
    or sends none: the API and the worker would log under an id the edge never saw."""
    from resumeroast.api.request_id import well_formed

    base, _ = front_door
    Upstream.request_ids.clear()
    for given in ("edge-42.a:b", None, "bad id\twith spaces", "-leading-dash"):
        headers = {"X-Request-ID": given} if given is not None else {}
        assert httpx.get(f"{base}/api/health-ish", headers=headers, timeout=10).status_code == 200
    kept, *generated = Upstream.request_ids
    assert kept == "edge-42.a:b"
    assert all(well_formed(rid) for rid in generated), generated
    assert len(set(generated)) == 3 and "bad id\twith spaces" not in generated
