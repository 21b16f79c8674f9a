"""Provider errors → our two kinds, at the adapter edge.

408, 409, 429, 5xx, timeouts and connection failures are transient (retried by the worker,
honouring Retry-After); any other 4xx is permanent. Messages name the provider and the
HTTP status only: never the SDK's text, which can echo request details.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping

import anthropic
import openai

from resumeroast.errors import LLMPermanentError, LLMTransientError, ResumeRoastError

_TRANSIENT_STATUS = frozenset({408, 409, 429})
_CONNECTION = (openai.APIConnectionError, anthropic.APIConnectionError)
_TIMEOUT = (openai.APITimeoutError, anthropic.APITimeoutError)
_STATUS = (openai.APIStatusError, anthropic.APIStatusError)


def retry_after_s(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from `retry-after-ms` or `retry-after` (seconds or an HTTP date)."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _error_type(body: object) -> str | None:
    if isinstance(body, Mapping):
        error = body.get("error")
        if isinstance(error, Mapping) and isinstance(error.get("type"), str):
            return str(error["type"])[:60]
    return None


def translate_error(exc: Exception, provider: str) -> ResumeRoastError:
    """Map an openai/anthropic SDK exception to LLMTransientError or LLMPermanentError."""
    if isinstance(exc, _TIMEOUT):
        return LLMTransientError(f"{provider}: the request timed out")
    if isinstance(exc, _CONNECTION):
        return LLMTransientError(f"{provider}: could not connect")
    if isinstance(exc, _STATUS):
        status = exc.status_code
        kind = _error_type(exc.body)
        detail = f"{provider}: HTTP {status}" + (f" ({kind})" if kind else "")
        if status in _TRANSIENT_STATUS or status >= 500:
            return LLMTransientError(detail, retry_after_s=retry_after_s(exc.response.headers))
        return LLMPermanentError(detail)
    return LLMPermanentError(f"{provider}: {type(exc).__name__}")
