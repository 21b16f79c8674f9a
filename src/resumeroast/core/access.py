"""Job access tokens: knowing a job id is not enough to read it.

Two tokens per job: the owner's (returned once, at upload) reads, deletes and re-roasts; the
viewer's (put in share links) only reads. Both are HMACs of the id under the server's secret
key with different labels, so neither can be worked out from the other.

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
from enum import StrEnum


class Access(StrEnum):
    OWNER = "owner"  #: uploaded it: reads, deletes, re-roasts
    VIEWER = "viewer"  #: holds a share link: reads only


def job_token(secret: bytes, job_id: str) -> str:
    digest = hmac.new(secret, f"job:{job_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def viewer_token(secret: bytes, job_id: str) -> str:
    """The read-only token a share link carries."""
    digest = hmac.new(secret, f"view:{job_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def token_matches(secret: bytes, job_id: str, given: str | None) -> bool:
    """True for the owner's token only."""
    return access_for(secret, job_id, given) is Access.OWNER


def access_for(secret: bytes, job_id: str, given: str | None) -> Access | None:
    """What the given token allows on this job: owner, viewer, or nothing (None)."""
    if not given:
        return None
    owner = hmac.compare_digest(job_token(secret, job_id).encode(), given.encode())
    viewer = hmac.compare_digest(viewer_token(secret, job_id).encode(), given.encode())
    if owner:
        return Access.OWNER
    return Access.VIEWER if viewer else None


def idempotency_digest(secret: bytes, key: str) -> str:
    """What is stored for an Idempotency-Key: the key itself is never kept."""
    return hmac.new(secret, f"idempotency:{key}".encode(), hashlib.sha256).hexdigest()
