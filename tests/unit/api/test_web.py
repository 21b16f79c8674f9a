"""The web app's server side: pages with SPA fallback, /api/config, security headers."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from resumeroast.api import web
from resumeroast.api.app import create_app
from resumeroast.core.documents import DocumentKind, sniff_kind
from resumeroast.settings import Settings
from tests.unit.core.readers.fixtures import FIXTURES

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def dist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text('<!doctype html><script type="module" src="/assets/a.js">')
    (root / "assets" / "a.js").write_text("console.log(1)")
    (root / "favicon.svg").write_text("<svg/>")
    monkeypatch.setattr(web, "FRONTEND_DIST", root)
    return root


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0", data_dir=tmp_path / "data", max_upload_bytes=1234
    )
    with TestClient(create_app(settings)) as http:
        yield http


def test_config_gives_the_browser_the_api_limits(client: TestClient) -> None:
    body = client.get("/api/config").json()
    assert body["max_upload_bytes"] == 1234
    assert body["max_job_description_chars"] == Settings().max_job_description_chars
    assert body["levels"] == ["gentle", "honest", "brutal"]
    assert body["default_level"] == "honest"
    kinds = [t["kind"] for t in body["accepted_types"]]
    assert kinds == ["pdf", "docx", "txt", "md", "json", "yaml", "adoc"]


@pytest.mark.parametrize("accepted", web.ACCEPTED_TYPES, ids=lambda t: t.kind)
def test_accepted_types_match_what_the_api_sniffs(accepted: web.AcceptedType) -> None:
    samples = {
        "pdf": b"%PDF-1.7\n",
        "docx": (FIXTURES / "docx/soupboss__01-Accountant.docx").read_bytes(),
        "txt": b"Jane Doe\nEngineer\n",
        "md": b"# Jane Doe\n",
        "json": b'{"basics": {"name": "Jane Doe"}}',
        "yaml": b"cv:\n  name: Jane Doe\n",
        "adoc": b"= Jane Doe\n\n== Experience\n",
    }
    assert accepted.extensions
    for extension in accepted.extensions:
        kind = sniff_kind(samples[accepted.kind], f"resume{extension}")
        assert kind is DocumentKind(accepted.kind)


@pytest.mark.usefixtures("dist")
@pytest.mark.parametrize("path", ["/", "/jobs/abc-123", "/history", "/admin", "/admin/"])
def test_app_urls_serve_the_page(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-cache"
    assert "/assets/a.js" in answer.text


@pytest.mark.usefixtures("dist")
def test_built_files_are_served_with_long_caching(client: TestClient) -> None:
    script = client.get("/assets/a.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert "immutable" in script.headers["cache-control"]
    assert client.get("/favicon.svg").headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    ["/assets/missing.js", "/api/nope", "/api", "/api/resumes/x/nope", "/..%2f..%2fsecret.txt"],
)
def test_unknown_files_and_api_paths_are_404_not_the_page(
    client: TestClient, dist: Path, path: str
) -> None:
    (dist.parent / "secret.txt").write_text("private")
    answer = client.get(path)
    assert answer.status_code == 404
    assert "private" not in answer.text
    if path.startswith("/api"):
        assert answer.headers["content-type"] == "application/problem+json"


@pytest.mark.usefixtures("dist")
def test_head_requests_work_for_pages(client: TestClient) -> None:
    assert client.head("/jobs/x").status_code == 200


def test_missing_build_says_how_to_build(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "FRONTEND_DIST", tmp_path / "nothing")
    answer = client.get("/")
    assert answer.status_code == 503
    assert "make web" in answer.text


#: docs/security.md: on every response, API and errors included.
DOCUMENTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
#: docs/security.md and README.md: no inline script or style, nothing from another origin,
#: never framed.
DOCUMENTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}


@pytest.mark.usefixtures("dist")
@pytest.mark.parametrize(
    "path", ["/", "/jobs/abc", "/assets/a.js", "/api/config", "/healthz", "/api/nope"]
)
def test_security_headers_on_pages_api_and_errors(client: TestClient, path: str) -> None:
    """Catches any documented header dropped or loosened (X-Frame-Options,
    Cross-Origin-Opener-Policy, nosniff, Referrer-Policy, a CSP directive), on any kind of
    response: a page, an asset, the API, an error."""
    headers = client.get(path).headers
    for name, value in DOCUMENTED_HEADERS.items():
        assert headers.get(name) == value, name
    directives = dict(
        part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";")
    )
    for name, value in DOCUMENTED_CSP.items():
        assert directives.get(name) == value, name
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "unsafe-eval" not in headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_api_docs_keep_working_without_the_app_csp(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert "content-security-policy" not in answer.headers
    for name, value in DOCUMENTED_HEADERS.items():  # the other headers stay
        assert answer.headers.get(name) == value, name


@pytest.mark.usefixtures("dist")
@pytest.mark.parametrize(
    "path", ["/docsfoo", "/docs/", "/docs/x", "/redocx", "/redoc/", "/docs.html", "/openapi"]
)
def test_only_the_exact_docs_pages_go_without_the_csp(client: TestClient, path: str) -> None:
    assert client.get(path).headers["content-security-policy"] == web.CONTENT_SECURITY_POLICY


@pytest.mark.usefixtures("dist")
@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_docs_paths_keep_the_csp_when_the_docs_are_off(tmp_path: Path, path: str) -> None:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0", data_dir=tmp_path / "data", api_docs_enabled=False
    )
    with TestClient(create_app(settings)) as http:
        answer = http.get(path)
    assert "swagger" not in answer.text.lower()
    assert answer.headers["content-security-policy"] == web.CONTENT_SECURITY_POLICY


def test_the_built_app_needs_no_inline_script() -> None:
    index = REPO / "frontend" / "dist" / "index.html"
    if not index.exists():
        pytest.skip("frontend not built (make web)")
    html = index.read_text()
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.DOTALL)
    assert scripts, "the page loads its script"
    assert all(body.strip() == "" for body in scripts), "inline script would break the CSP"
    assert "style=" not in html


def _export_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "export_openapi", REPO / "scripts" / "export_openapi.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_checked_in_openapi_json_is_current() -> None:
    """The web client is generated from frontend/openapi.json: `make client` refreshes both."""
    export = _export_script()
    current = (REPO / "frontend" / "openapi.json").read_text()
    assert current == export.render(export.openapi_schema()), "stale: run `make client`"


@pytest.fixture
def compressed_dist(dist: Path) -> Path:
    import gzip

    script = (dist / "assets" / "a.js").read_bytes()
    (dist / "assets" / "a.js.gz").write_bytes(gzip.compress(script))
    (dist / "assets" / "a.js.br").write_bytes(b"brotli-bytes")
    return dist


@pytest.mark.usefixtures("compressed_dist")
@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.8", "gzip"),
        ("identity", None),
        ("", None),
    ],
)
def test_precompressed_files_are_sent_with_their_encoding(
    client: TestClient, accept: str, encoding: str | None
) -> None:
    answer = client.get("/assets/a.js", headers={"Accept-Encoding": accept})
    assert answer.status_code == 200
    assert "javascript" in answer.headers["content-type"]
    assert answer.headers.get("content-encoding") == encoding
    assert answer.headers["vary"] == "Accept-Encoding"
    if encoding is None:
        assert answer.content == b"console.log(1)"
    elif encoding == "br":
        assert answer.headers["content-length"] == str(len(b"brotli-bytes"))
    else:
        assert answer.text == "console.log(1)"  # httpx decodes gzip: the bytes are right
