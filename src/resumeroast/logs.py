"""Structured JSON logs (structlog). Never log resume text, personal data or secrets."""

from __future__ import annotations

import logging
import sys

import structlog

from resumeroast.settings import Settings


def configure_logging(settings: Settings, *, level: int = logging.INFO) -> None:
    del settings
    logging.basicConfig(format="%(message)s", stream=sys.stderr, level=level)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
