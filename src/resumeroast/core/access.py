"""Job access tokens: knowing a job id is not enough to read it.

A job's token is an HMAC of its id under the server's secret key, so nothing secret is stored
per job (a leaked database reveals no tokens), an Idempotency-Key replay can hand the same
token back, and checks run in constant time.

An Idempotency-Key is stored only as an HMAC too, and it answers with an existing job (and so
its token) only for the very same request: same bytes, level and job description. Knowing
somebody's key is then no way into their job: it takes their file as well.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def job_token(secret: bytes, job_id: str) -> str:
    digest = hmac.new(secret, f"job:{job_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def token_matches(secret: bytes, job_id: str, given: str | None) -> bool:
    if not given:
        return False
    return hmac.compare_digest(job_token(secret, job_id).encode(), given.encode())


def idempotency_digest(secret: bytes, key: str) -> str:
    """What is stored for an Idempotency-Key: the key itself is never kept."""
    return hmac.new(secret, f"idempotency:{key}".encode(), hashlib.sha256).hexdigest()
