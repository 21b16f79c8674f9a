"""Structured JSON logs (structlog). Never log resume text, personal data or secrets.

One format for every logger: structlog's own events and the standard library's records
(uvicorn, celery, kombu, alembic, httpx …) come out as the same JSON lines on stderr, with
"level", "timestamp" (ISO 8601, UTC) and "event"; stdlib records also carry "logger". The
stdlib records go through structlog's ProcessorFormatter on the root logger's one handler.
A job's access token may ride in a query string (?token=… for EventSource): every URL query in a
line is cut off before it is written.
"""

from __future__ import annotations

import logging
import re
import sys

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from resumeroast.settings import Settings

#: A URL's query string ("?" then name=value up to a space or a quote): tokens travel there.
_QUERY = re.compile(r"\?(?=[^\s\"'?]*=)[^\s\"']*")
#: Chatty at INFO; their warnings still come through.
_QUIET = {"uvicorn.error": logging.WARNING, "httpx": logging.WARNING, "httpcore": logging.WARNING}


def strip_queries(text: str) -> str:
    return _QUERY.sub("", text)


def drop_query_strings(_logger: WrappedLogger, _name: str, event_dict: EventDict) -> EventDict:
    """No query string in any text of a line (the event, a url=…, a message from a library)."""
    for key, value in event_dict.items():
        if isinstance(value, str) and "?" in value:
            event_dict[key] = strip_queries(value)
    return event_dict


class _AccessLine(logging.Filter):
    """uvicorn's access record (args: client, method, path with its query, HTTP version,
    status): the query cut from the path, and method, path and status as fields of their own."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client, method, path, version, status = args
            path = strip_queries(str(path))
            record.args = (client, method, path, version, status)
            record.method, record.path, record.status = method, path, status
        return True


class _JsonHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The root logger's handler that configure_logging installs."""


def _shared() -> list[Processor]:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def json_formatter() -> logging.Formatter:
    """Renders a stdlib record as the JSON line structlog writes for its own events."""
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            *_shared(),
            structlog.stdlib.add_logger_name,
            structlog.stdlib.ExtraAdder(allow=("method", "path", "status")),
        ],
        processors=[
            drop_query_strings,
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
    )


def configure_logging(settings: Settings | None = None, *, level: int = logging.INFO) -> None:
    del settings
    handler = _JsonHandler(sys.stderr)
    handler.setFormatter(json_formatter())
    root = logging.getLogger()
    # Ours replaces ours (configure_logging runs again in a worker's children, in the API's
    # lifespan); a handler someone else added (a test's capture) stays.
    root.handlers = [h for h in root.handlers if not isinstance(h, _JsonHandler)] + [handler]
    root.setLevel(level)
    for name, quiet in _QUIET.items():
        logging.getLogger(name).setLevel(max(quiet, level))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "celery", "alembic"):
        own = logging.getLogger(name)
        own.handlers = []  # theirs would print plain text; the root's handler writes JSON
        own.propagate = True
    access = logging.getLogger("uvicorn.access")
    for old in [f for f in access.filters if isinstance(f, _AccessLine)]:
        access.removeFilter(old)
    access.addFilter(_AccessLine())
    structlog.configure(
        processors=[
            *_shared(),
            drop_query_strings,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
