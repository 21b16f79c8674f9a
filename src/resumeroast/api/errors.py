"""One JSON error shape everywhere: RFC 9457 problem details. One table maps errors to HTTP."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from resumeroast import errors

log = structlog.get_logger(__name__)

PROBLEM_JSON = "application/problem+json"

#: error type → (HTTP status, title). The first matching class in MRO order wins.
STATUS_BY_ERROR: dict[type[errors.ResumeRoastError], tuple[int, str]] = {
    errors.FileTooLarge: (413, "File too large"),
    errors.UnsupportedFileType: (415, "Unsupported file type"),
    errors.EmptyDocument: (422, "Empty file"),
    errors.UnreadableDocument: (422, "Unreadable file"),
    errors.DocumentError: (422, "Document rejected"),
    errors.InvalidRequest: (422, "Invalid request"),
    errors.JobNotFound: (404, "Not found"),
    errors.OwnerOnly: (403, "Only the owner can do this"),
    errors.AdminAuthRequired: (401, "Admin token required"),
    errors.RateLimited: (429, "Too many requests"),
    errors.TransientError: (503, "Service temporarily unavailable"),
}


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    code: str,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    if instance:
        body["instance"] = instance
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def status_for(exc: errors.ResumeRoastError) -> tuple[int, str]:
    for cls in type(exc).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500, "Internal error"


def domain_problem(exc: errors.ResumeRoastError, instance: str) -> JSONResponse:
    """The answer to a domain error, with Retry-After where waiting helps."""
    status, title = status_for(exc)
    headers = None
    if isinstance(exc, errors.RateLimited):
        headers = {"Retry-After": str(exc.retry_after_s)}
    elif status == 503:
        headers = {"Retry-After": "5"}
    extra = {}
    if isinstance(exc, errors.InvalidField):  # the same shape as a validation error's
        extra["errors"] = [{"field": exc.field, "message": exc.detail}]
    return problem(
        status,
        title,
        exc.user_message,
        code=exc.code,
        instance=instance,
        headers=headers,
        **extra,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(errors.ResumeRoastError)
    async def _domain(request: Request, exc: errors.ResumeRoastError) -> JSONResponse:
        return domain_problem(exc, request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = [
            {
                "field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"),
                "message": err.get("msg", ""),
            }
            for err in exc.errors()
        ]
        detail = "; ".join(f"{f['field']}: {f['message']}" for f in fields) or "invalid request"
        return problem(
            422,
            "Invalid request",
            detail,
            code="invalid_request",
            instance=request.url.path,
            errors=fields,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(
            exc.status_code,
            str(exc.detail),
            str(exc.detail),
            code=f"http_{exc.status_code}",
            instance=request.url.path,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled_error", path=request.url.path, error_type=type(exc).__name__)
        return problem(
            500,
            "Internal error",
            "Something went wrong on our side. Please try again.",
            code="internal_error",
            instance=request.url.path,
        )
