"""What the API shows a stranger: docs that can be switched off, CORS only for configured
origins, no internals in a 500, an oversize upload refused while it streams, a closed admin API.

The app runs in-process; its Redis URL points at a closed port, so nothing here needs a server.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from resumeroast.adapters.db import job_store
from resumeroast.adapters.db.engine import migrate
from resumeroast.api.app import create_app
from resumeroast.api.limits import FORM_OVERHEAD_BYTES
from resumeroast.core.access import job_token
from resumeroast.settings import Settings
from tests.support.aio import run_async

ALLOWED = "https://allowed.example"
STRANGER = "https://evil.example"
MAX_UPLOAD_BYTES = 1234


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        max_upload_bytes=MAX_UPLOAD_BYTES,
        upload_rate_limit_per_minute=0,
        **overrides,
    )


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    """Starts the app with some settings changed; every client is closed after the test."""
    clients: list[TestClient] = []

    def start(**overrides: Any) -> TestClient:
        client = TestClient(create_app(settings_for(tmp_path, **overrides)))
        clients.append(client.__enter__())
        return client

    yield start
    for client in clients:
        client.__exit__(None, None, None)


# --- the OpenAPI docs can be switched off ---------------------------------------------------


def test_docs_switched_off_serve_no_schema_and_no_docs_page(serve: Any) -> None:
    client = serve(api_docs_enabled=False)
    assert client.get("/openapi.json").status_code == 404
    for page in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        answer = client.get(page)
        assert "swagger" not in answer.text.lower()
        assert "redoc" not in answer.text.lower()
        assert "openapi" not in answer.text.lower()


def test_docs_switched_on_serve_schema_and_pages(serve: Any) -> None:
    """The other half: the same checks do see the docs when they are on."""
    client = serve(api_docs_enabled=True)
    assert client.get("/openapi.json").json()["info"]["title"] == "ResumeRoast"
    assert "swagger" in client.get("/docs").text.lower()
    assert "redoc" in client.get("/redoc").text.lower()


# --- CORS ---------------------------------------------------------------------------------


def preflight(client: TestClient, origin: str) -> httpx.Response:
    return client.options(
        "/api/resumes",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, idempotency-key",
        },
    )


def test_cors_preflight_allows_a_configured_origin_only(serve: Any) -> None:
    client = serve(cors_origins=[ALLOWED])
    allowed = preflight(client, ALLOWED)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in allowed.headers["access-control-allow-methods"]
    assert "idempotency-key" in allowed.headers["access-control-allow-headers"].lower()

    refused = preflight(client, STRANGER)
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


def test_cors_simple_requests_answer_a_configured_origin_only(serve: Any) -> None:
    client = serve(cors_origins=[ALLOWED])
    allowed = client.get("/api/config", headers={"Origin": ALLOWED})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    stranger = client.get("/api/config", headers={"Origin": STRANGER})
    assert stranger.status_code == 200  # CORS hides the answer from the page, not the server
    assert "access-control-allow-origin" not in stranger.headers


def test_cors_off_by_default(serve: Any) -> None:
    client = serve()
    assert "access-control-allow-origin" not in preflight(client, ALLOWED).headers
    answer = client.get("/api/config", headers={"Origin": ALLOWED})
    assert "access-control-allow-origin" not in answer.headers


def test_an_allowed_origin_can_read_the_upload_limits_refusals(serve: Any) -> None:
    """The size limit answers from middleware: CORS must wrap it, or the browser sees only a
    network error instead of "file too large"."""
    client = serve(cors_origins=[ALLOWED])
    too_big = client.post(
        "/api/resumes",
        files={"file": ("cv.txt", b"x" * (MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES + 1))},
        headers={"Origin": ALLOWED},
    )
    assert too_big.status_code == 413
    assert too_big.headers["access-control-allow-origin"] == ALLOWED


# --- no internals in a 500 -----------------------------------------------------------------


def test_an_unexpected_error_answers_500_without_internals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    internal = f"row 7 broke in {job_store.__file__} (resumeroast.adapters.db.job_store)"

    def broken_get_job(_job_id: str) -> None:
        raise ValueError(internal)

    app = create_app(settings_for(tmp_path))
    with TestClient(app, raise_server_exceptions=False) as client:
        runtime = app.state.runtime
        monkeypatch.setattr(runtime.deps.jobs, "get_job", broken_get_job)
        answer = client.get(
            "/api/resumes/some-job", headers={"X-Job-Token": job_token(runtime.secret, "some-job")}
        )
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "internal_error"
    for leak in ("Traceback", "ValueError", "row 7", "resumeroast", ".py", str(tmp_path)):
        assert leak not in answer.text
    assert not re.search(r"/(work|home|usr|tmp)/", answer.text)


# --- the size limit holds while the body streams in -----------------------------------------

CHUNK_BYTES = 64 * 1024
BOUNDARY = "resumeroast-test-boundary"


def test_a_chunked_upload_over_the_limit_is_refused_before_it_is_read_whole(
    tmp_path: Path,
) -> None:
    """No Content-Length to refuse up front: the server must count as the chunks arrive."""
    total_chunks = 100  # 6.4 MB, 25 times the limit
    pulled = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal pulled
        yield (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="cv.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        for _ in range(total_chunks):
            pulled += 1
            yield b"x" * CHUNK_BYTES
        yield f"\r\n--{BOUNDARY}--\r\n".encode()

    async def upload() -> httpx.Response:
        app = create_app(settings_for(tmp_path))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as http,
        ):
            return await http.post(
                "/api/resumes",
                content=body(),
                headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
            )

    answer = run_async(upload())
    assert answer.status_code == 413
    assert answer.json()["code"] == "file_too_large"
    max_body_bytes = MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES
    assert pulled * CHUNK_BYTES <= max_body_bytes + 2 * CHUNK_BYTES, (
        f"read {pulled} of {total_chunks} chunks"
    )


# --- the admin API stays closed without ADMIN_TOKEN ----------------------------------------

ADMIN_CALLS = [
    ("GET", "/api/admin/dlq"),
    ("GET", "/api/admin/stats"),
    ("POST", "/api/admin/dlq/1/replay"),
]


@pytest.mark.parametrize("admin_token", [None, ""], ids=["unset", "empty"])
@pytest.mark.parametrize("authorization", [None, "", "Bearer ", "Bearer None", "Bearer x"])
def test_admin_api_is_closed_without_an_admin_token(
    serve: Any, admin_token: str | None, authorization: str | None
) -> None:
    client = serve(admin_token=admin_token)
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in ADMIN_CALLS:
        answer = client.request(method, path, headers=headers)
        assert answer.status_code == 401, (method, path)
        assert answer.json()["code"] == "admin_token_required"


def test_admin_api_opens_with_the_admin_token(serve: Any) -> None:
    """The other half: the same call succeeds with the right token, so the 401s above mean it."""
    client = serve(admin_token="admin-token-for-this-test")
    migrate(client.app.state.runtime.engine)  # type: ignore[attr-defined]
    answer = client.get(
        "/api/admin/dlq", headers={"Authorization": "Bearer admin-token-for-this-test"}
    )
    assert answer.status_code == 200
    assert answer.json() == []
