"""Dead letters: jobs that spent their tries, kept for a person to look at and replay."""

from __future__ import annotations

from resumeroast.errors import BrokerUnavailable, DeadLetterNotFound
from resumeroast.pipeline.deps import Deps
from resumeroast.pipeline.status import publish_job


def replay_dead_letter(deps: Deps, entry_id: int) -> str:
    """Reset the job to queued, re-enqueue it, and only then remove the entry."""
    entry = deps.jobs.get_dead_letter(entry_id)
    if entry is None:
        raise DeadLetterNotFound(str(entry_id))
    replay_job(deps, entry.job_id)  # raises BrokerUnavailable: the entry stays
    deps.jobs.delete_dead_letter(entry_id)
    return entry.job_id


def replay_job(deps: Deps, job_id: str) -> None:
    """Back to 'queued' (a complete job stays complete) and onto the queue."""
    if not deps.queue.ping():  # do not touch the job when it could not be published
        raise BrokerUnavailable("the broker does not answer")
    deps.jobs.requeue_for_replay(job_id)
    deps.queue.enqueue_review(job_id)
    publish_job(deps, deps.jobs.get_job(job_id))
