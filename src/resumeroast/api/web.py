"""The web app: the built React files at `/`, the limits the browser checks, security headers.

`install_web(app)` must be the last route registration in `create_app`: the single-page-app
fallback answers every GET that no earlier route claimed (except under /api/).
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from typing import Final

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resumeroast.api.deps import RuntimeDep
from resumeroast.core.feedback import Level
from resumeroast.core.vocabulary import ScoreBand, score_bands

#: Where `npm run build` (in frontend/) writes the app.
FRONTEND_DIST: Final = Path(__file__).resolve().parents[3] / "frontend" / "dist"

#: No inline script or style, nothing from another origin, never framed.
CONTENT_SECURITY_POLICY: Final = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: Final = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
_IMMUTABLE: Final = "public, max-age=31536000, immutable"


class AcceptedType(BaseModel):
    kind: str
    extensions: list[str]
    media_types: list[str]


class WebConfig(BaseModel):
    """What the browser checks before uploading: the same limits the API enforces."""

    max_upload_bytes: int
    max_job_description_chars: int
    accepted_types: list[AcceptedType]
    levels: list[Level]
    default_level: Level
    #: The overall score's bands and their words, best first: what the verdict, the page, the
    #: CLI and the Markdown export call a score.
    score_bands: list[ScoreBand]


#: The file types the API accepts. The API judges by the bytes; the browser can check the
#: name and the first bytes, and the name is what separates Markdown from plain text.
ACCEPTED_TYPES: Final = [
    AcceptedType(kind="pdf", extensions=[".pdf"], media_types=["application/pdf"]),
    AcceptedType(
        kind="docx",
        extensions=[".docx"],
        media_types=["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ),
    AcceptedType(kind="txt", extensions=[".txt"], media_types=["text/plain"]),
    AcceptedType(
        kind="md",
        extensions=[".md", ".markdown", ".mdown", ".mkd"],
        media_types=["text/markdown"],
    ),
    AcceptedType(kind="json", extensions=[".json"], media_types=["application/json"]),
    AcceptedType(
        kind="yaml", extensions=[".yaml", ".yml"], media_types=["application/yaml", "text/yaml"]
    ),
    AcceptedType(
        kind="adoc", extensions=[".adoc", ".asciidoc", ".asc"], media_types=["text/asciidoc"]
    ),
]

router = APIRouter()
spa_router = APIRouter(include_in_schema=False)


@router.get("/api/config", response_model=WebConfig, tags=["web"], operation_id="getConfig")
def get_config(rt: RuntimeDep) -> WebConfig:
    return WebConfig(
        max_upload_bytes=rt.settings.max_upload_bytes,
        max_job_description_chars=rt.settings.max_job_description_chars,
        accepted_types=ACCEPTED_TYPES,
        levels=list(Level),
        default_level=Level.HONEST,
        score_bands=score_bands(),
    )


@spa_router.api_route(
    "/api/{path:path}",
    methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"],
)
def refuse_unknown_api_call(path: str, request: Request) -> Response:
    """No API route took it: 405 with every method the path serves, else 404."""
    allowed = _methods_of(request, "/api/" + path)
    if allowed:
        raise HTTPException(405, "Method Not Allowed", headers={"Allow": ", ".join(allowed)})
    raise _not_found()


@spa_router.api_route("/{path:path}", methods=["GET", "HEAD"])
def serve_web_app(path: str, request: Request) -> Response:
    """A built file when it exists; index.html for every app URL (/jobs/…, /admin, …)."""
    if path == "api":
        raise _not_found()
    accepted = request.headers.get("accept-encoding", "")
    asset = _dist_file(path)
    if asset is not None:
        cache = _IMMUTABLE if path.startswith("assets/") else "no-cache"
        return _file(asset, accepted, cache)
    if Path(path).suffix:  # a missing file, not a page: no HTML in place of a script
        raise _not_found()
    index = FRONTEND_DIST / "index.html"
    if not index.is_file():
        return HTMLResponse(_NOT_BUILT, status_code=503, headers={"Cache-Control": "no-store"})
    return _file(index, accepted, "no-cache")


#: Precompressed copies `npm run build` writes beside each text file, best first.
_ENCODINGS: Final = (("br", ".br"), ("gzip", ".gz"))


def _file(path: Path, accept_encoding: str, cache: str) -> FileResponse:
    """The file, or its precompressed copy (brotli, else gzip) when the browser accepts it."""
    headers = {"Cache-Control": cache}
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    accepted = _accepted_encodings(accept_encoding)
    for encoding, suffix in _ENCODINGS:
        copy = path.with_name(path.name + suffix)
        if copy.is_file():
            headers["Vary"] = "Accept-Encoding"  # the answer depends on it, for every cache
            if encoding in accepted:
                headers["Content-Encoding"] = encoding
                return FileResponse(copy, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def _accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header allows (q=0 refuses one)."""
    accepted = set()
    for part in header.lower().split(","):
        name, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name.strip() and quality > 0:
            accepted.add(name.strip())
    return accepted


def _methods_of(request: Request, path: str) -> list[str]:
    """The methods the API serves at this path, read from its OpenAPI paths."""
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            methods |= {method.upper() for method in operations}
    return sorted(methods)


def _dist_file(path: str) -> Path | None:
    if not path:
        return None
    root = FRONTEND_DIST.resolve()
    candidate = (root / path).resolve()
    if root not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def _not_found() -> HTTPException:
    return HTTPException(status_code=404, detail="Not Found")


_NOT_BUILT: Final = (
    "<!doctype html><title>ResumeRoast</title><h1>The web app is not built</h1>"
    "<p>Run <code>make web</code> (or <code>make up</code>), then reload. "
    "The API is at <a href='/docs'>/docs</a>.</p>"
)


class SecurityHeaders:
    """Adds the web app's security headers to every HTTP response (streaming-safe ASGI).

    Every response gets the CSP except the exact pages in `csp_exempt_paths`.
    """

    def __init__(self, app: ASGIApp, *, csp_exempt_paths: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.csp_exempt_paths = csp_exempt_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with_csp = scope["path"] not in self.csp_exempt_paths

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if with_csp:
                    headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_web(app: FastAPI) -> None:
    """Call last in create_app: /api/config, then the catch-all page route, then headers."""
    app.include_router(router)
    app.include_router(spa_router)
    app.add_middleware(SecurityHeaders, csp_exempt_paths=api_docs_pages(app))


def api_docs_pages(app: FastAPI) -> frozenset[str]:
    """The pages FastAPI serves the interactive docs at, none when the docs are off.

    Swagger UI and ReDoc load from a CDN and start with an inline script, so these exact pages
    go without the app's CSP; any other path (/docsfoo, /docs/x, /docs when off) keeps it.
    """
    if not app.openapi_url:  # FastAPI serves no docs page without the schema
        return frozenset()
    pages = [app.redoc_url]
    if app.docs_url:
        pages += [app.docs_url, app.swagger_ui_oauth2_redirect_url]
    return frozenset(page for page in pages if page)
