"""One JSON log format: the standard library's records (uvicorn, celery, kombu, alembic) come
out as the same JSON lines as structlog's own, and no access line carries a query string."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import structlog

from resumeroast.logs import configure_logging
from resumeroast.settings import Settings


@pytest.fixture
def stderr(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """configure_logging writing into a buffer; the logging set-up is put back after."""
    buffer = io.StringIO()
    monkeypatch.setattr(sys, "stderr", buffer)
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    configure_logging(Settings())
    yield buffer
    root.handlers, root.level = handlers, level
    structlog.reset_defaults()


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["celery.worker.consumer", "kombu.connection", "alembic.runtime"])
def test_a_stdlib_record_is_a_json_line_with_level_and_timestamp(
    stderr: io.StringIO, name: str
) -> None:
    logging.getLogger(name).warning("Connected to %s", "redis")
    (line,) = lines(stderr)
    assert line["event"] == "Connected to redis"
    assert line["level"] == "warning"
    assert line["logger"] == name
    assert datetime.fromisoformat(line["timestamp"]).utcoffset() is not None


def test_stdlib_and_structlog_lines_share_their_keys(stderr: io.StringIO) -> None:
    structlog.get_logger("x").info("job accepted", job_id="j1")
    logging.getLogger("celery").info("task received")
    ours, theirs = lines(stderr)
    assert {"event", "level", "timestamp"} <= set(ours) & set(theirs)


def test_a_stdlib_exception_is_rendered_inside_the_json_line(stderr: io.StringIO) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("celery.app.trace").exception("Task failed")
    (line,) = lines(stderr)
    assert line["level"] == "error"
    assert "RuntimeError: boom" in line["exception"]


def test_no_access_line_carries_a_query_string_token(stderr: io.StringIO) -> None:
    access = logging.getLogger("uvicorn.access")
    path = "/api/resumes/0b6c/events?token=secret-token-value&x=1"
    access.info('%s - "%s %s HTTP/%s" %d', "10.0.0.7:5123", "GET", path, "1.1", 200)
    (line,) = lines(stderr)
    assert "secret-token-value" not in json.dumps(line)
    assert line["path"] == "/api/resumes/0b6c/events"
    assert line["status"] == 200 and line["method"] == "GET"
    assert line["event"] == '10.0.0.7:5123 - "GET /api/resumes/0b6c/events HTTP/1.1" 200'


def test_a_token_in_a_logged_url_is_cut_whoever_logs_it(stderr: io.StringIO) -> None:
    logging.getLogger("httpx").warning("HTTP Request: GET http://api/x?token=abc123 failed")
    structlog.get_logger().info("odd request", note="kept?", url="/x?token=abc123")
    first, second = lines(stderr)
    assert "abc123" not in first["event"] and first["event"].endswith("/x failed")
    assert "abc123" not in json.dumps(second)
    assert second["note"] == "kept?"  # a question mark in words is left alone
