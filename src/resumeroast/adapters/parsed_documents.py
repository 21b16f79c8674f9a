"""Parsed documents kept per job in Redis while the job may come back: a job handed back to
wait for the provider (breaker, quota) or retried is not parsed again in the sandbox.

Stored as the sandbox's own JSON (parsing_wire), sealed with AES-GCM under a key derived from
the upload's own bytes. Redis's AOF keeps a deleted key's old SET until its next rewrite; once
the upload is deleted from the database, that leftover can no longer be read by anyone.
Deleted when the job is saved, and expiring by itself after the longest a job may wait for
the provider.
"""

from __future__ import annotations

import hashlib
import json
import os

import redis
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from resumeroast.adapters.parsing_wire import document_from_json, document_to_json
from resumeroast.core.documents import Document

PREFIX = "resumeroast:parsed:"
NONCE_BYTES = 12


def sealing_key(upload: bytes) -> bytes:
    return hashlib.sha256(b"resumeroast parsed document\x00" + upload).digest()


def seal(upload: bytes, document: Document) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    body = json.dumps(document_to_json(document)).encode()
    return nonce + AESGCM(sealing_key(upload)).encrypt(nonce, body, None)


def unseal(upload: bytes, sealed: bytes) -> Document:
    nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
    return document_from_json(json.loads(AESGCM(sealing_key(upload)).decrypt(nonce, body, None)))


class RedisParsedDocuments:
    def __init__(self, client: redis.Redis, *, ttl_s: float) -> None:
        self.client = client
        self.ttl_s = ttl_s

    def get(self, job_id: str, upload: bytes) -> Document | None:
        try:
            sealed = self.client.get(PREFIX + job_id)
            return unseal(upload, sealed) if isinstance(sealed, bytes) else None
        except (redis.RedisError, InvalidTag, ValueError, TypeError, KeyError):
            return None  # a cache: parse again

    def put(self, job_id: str, upload: bytes, document: Document) -> None:
        try:
            self.client.set(PREFIX + job_id, seal(upload, document), px=int(self.ttl_s * 1000))
        except redis.RedisError:
            pass

    def delete(self, job_id: str) -> None:
        try:
            self.client.delete(PREFIX + job_id)
        except redis.RedisError:
            pass
