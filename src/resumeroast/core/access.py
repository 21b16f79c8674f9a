"""Job access tokens: knowing a job id is not enough to read it.

A job's token is an HMAC of its id under the server's secret key, so nothing secret is stored
per job (a leaked database reveals no tokens), an Idempotency-Key replay can hand the same
token back, and checks run in constant time.
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
