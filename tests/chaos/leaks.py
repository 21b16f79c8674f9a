"""Where an LLM API key must never end up: logs, the database, dead letters, job status."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import MetaData, select

from resumeroast.adapters.db.engine import make_engine
from resumeroast.settings import Settings
from tests.support.api import JobRef, get_job
from tests.support.stack import ADMIN_TOKEN, Stack


def places_holding(
    secret: str, stack: Stack, client: httpx.Client, jobs: list[JobRef]
) -> list[str]:
    """Every place the secret appears in: logs, database rows (and SQLite's files), the
    dead-letter entries and each job's status as the API answers it."""
    found = [
        f"log {path.name}"
        for path in stack.data_dir.glob("*.log")
        if secret in path.read_text(errors="replace")
    ]
    settings = Settings(database_url=stack.database_url, data_dir=stack.data_dir)
    engine = make_engine(settings.effective_database_url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            for table in metadata.sorted_tables:
                if any(secret in str(row) for row in connection.execute(select(table))):
                    found.append(f"table {table.name}")
    finally:
        engine.dispose()
    found += [
        f"file {path.name}"
        for path in stack.data_dir.glob("*.db*")
        if secret.encode() in path.read_bytes()
    ]
    answer = client.get("/api/admin/dlq", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    if secret in answer.text:
        found.append("dead letters")
    statuses: list[dict[str, Any]] = [get_job(client, job) for job in jobs]
    if secret in json.dumps(statuses):
        found.append("job status")
    return found
