"""Re-roast: the same stored upload reviewed again with another job description or level.

Nothing is uploaded again: the new job reads the earlier job's upload (the store's
`create_reroast`), and is published like any upload.
"""

from __future__ import annotations

import asyncio

from resumeroast.core.feedback import Level
from resumeroast.core.jobs import Job, is_large
from resumeroast.pipeline.deps import Deps
from resumeroast.pipeline.submit import clean_job_description, enqueue


async def reroast(
    deps: Deps,
    source_id: str,
    *,
    job_description: str | None,
    level: Level | None = None,
    request_id: str | None = None,
    behind_own_jobs: bool = False,
) -> Job:
    """A new queued job for the source job's upload; `level` None keeps the source's.
    `behind_own_jobs`: the client has another job queued or running (the bulk queue)."""
    cleaned = clean_job_description(deps.limits, job_description)

    def store_and_publish() -> Job:
        chosen = level or deps.jobs.get_job(source_id).level
        job = deps.jobs.create_reroast(source_id, level=chosen, job_description=cleaned)
        enqueue(
            deps.queue,
            [job.id],
            request_ids={job.id: request_id} if request_id else None,
            large=[job.id]
            if behind_own_jobs or is_large(job.size_bytes, deps.limits.large_upload_bytes)
            else (),
        )
        return job

    return await asyncio.to_thread(store_and_publish)
