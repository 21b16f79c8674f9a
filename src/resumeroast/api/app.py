"""The FastAPI application factory."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from resumeroast.api import admin, compare, page_images, reroasts
from resumeroast.api.client_address import ClientAddress, parse_networks
from resumeroast.api.connection_guard import StreamLimit
from resumeroast.api.errors import install_error_handlers
from resumeroast.api.limits import FORM_OVERHEAD_BYTES, BodySizeLimit, UploadRateLimit
from resumeroast.api.request_id import HEADER as REQUEST_ID_HEADER
from resumeroast.api.request_id import RequestId
from resumeroast.api.routes import router
from resumeroast.api.web import install_web
from resumeroast.bootstrap import Runtime, build_queued_slots, build_rate_limiter, build_runtime
from resumeroast.logs import configure_logging
from resumeroast.settings import Settings, get_settings


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings)
        app.state.runtime = runtime or build_runtime(settings)
        app.state.rate_limiter = build_rate_limiter(settings)
        app.state.queued_slots = build_queued_slots(settings)
        # Everything built so far lives as long as the process: keep it out of the collector's
        # full passes, which otherwise stall every request for tens of milliseconds (p99 of
        # uploads 149 → 39 ms in bench/upload.py).
        gc.freeze()
        yield
        await app.state.queued_slots.aclose()
        app.state.runtime.close()

    docs = settings.api_docs_enabled
    app = FastAPI(
        title="ResumeRoast",
        version="0.1.0",
        summary="Brutally honest, grounded resume feedback, computed asynchronously.",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    install_error_handlers(app)
    app.include_router(router)
    app.include_router(page_images.router)
    app.include_router(admin.router)
    app.include_router(compare.router)
    app.include_router(reroasts.router)
    # Middleware added later wraps what came before. A declared oversize body is refused first;
    # the rate limit answers before a byte of the body is read (FastAPI parses the whole form
    # before any dependency runs); CORS wraps both so a browser can read their 413 and 429.
    app.add_middleware(UploadRateLimit, path="/api/resumes")
    app.add_middleware(
        BodySizeLimit,
        max_body_bytes=settings.max_upload_bytes + FORM_OVERHEAD_BYTES,
        path_prefix="/api/resumes",
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=[
                "Content-Type",
                "X-Job-Token",
                "Idempotency-Key",
                "Authorization",
                REQUEST_ID_HEADER,
            ],
            expose_headers=[REQUEST_ID_HEADER],
        )
    app.state.stream_limit = StreamLimit(settings.event_streams_per_client)
    # Outermost: every limit and route inside sees the client TRUSTED_PROXIES resolves.
    trusted = parse_networks(settings.trusted_proxies)
    app.add_middleware(ClientAddress, trusted=trusted)
    # Around all of it: every answer, a 413 or 429 included, carries the request's id, and
    # every line logged while serving it (api/request_id.py).
    app.add_middleware(RequestId, trusted=trusted)
    install_web(app)  # last: its page route answers every GET no other route claims
    return app


def create_app_from_env() -> FastAPI:
    """For `uvicorn --factory resumeroast.api.app:create_app_from_env`."""
    return create_app()
