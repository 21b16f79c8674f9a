"""Parsed documents kept per job in Redis while the job may come back: a job handed back to
wait for the provider (breaker, quota) or retried is not parsed again in the sandbox.

Stored as the sandbox's own JSON (parsing_wire), read back field by field; deleted when the
job is saved, and expiring by itself after the longest a job may wait for the provider.
"""

from __future__ import annotations

import json

import redis

from resumeroast.adapters.parsing_wire import document_from_json, document_to_json
from resumeroast.core.documents import Document

PREFIX = "resumeroast:parsed:"


class RedisParsedDocuments:
    def __init__(self, client: redis.Redis, *, ttl_s: float) -> None:
        self.client = client
        self.ttl_s = ttl_s

    def get(self, job_id: str) -> Document | None:
        try:
            raw = self.client.get(PREFIX + job_id)
            return document_from_json(json.loads(raw)) if raw else None
        except (redis.RedisError, ValueError, TypeError, KeyError):
            return None  # a cache: parse again

    def put(self, job_id: str, document: Document) -> None:
        try:
            body = json.dumps(document_to_json(document))
            self.client.set(PREFIX + job_id, body, px=int(self.ttl_s * 1000))
        except redis.RedisError:
            pass

    def delete(self, job_id: str) -> None:
        try:
            self.client.delete(PREFIX + job_id)
        except redis.RedisError:
            pass
