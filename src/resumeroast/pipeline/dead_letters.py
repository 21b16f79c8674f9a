"""Dead letters: jobs that spent their tries, kept for a person to look at and replay.

Two kinds: the database's entries (ids "1", "2" …), written by the failure policy, and, with
SQS as the broker, the messages its redrive policy moved to the broker's own dead-letter queue
(ids "sqs:<message id>"). The CLI and the admin API both go through these use cases.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from resumeroast.core.jobs import DeadLetter, is_large
from resumeroast.errors import BrokerUnavailable, DeadLetterNotFound
from resumeroast.pipeline.deps import Deps
from resumeroast.pipeline.status import publish_job
from resumeroast.ports import RedrivenMessage

REDRIVEN_PREFIX = "sqs:"


def redriven_id(message: RedrivenMessage) -> str:
    return REDRIVEN_PREFIX + message.message_id


def list_dead_letters(deps: Deps, *, limit: int = 100) -> list[DeadLetter]:
    """The database's entries, oldest first."""
    return deps.dead_letters.list_dead_letters(limit=limit)


def list_redriven(deps: Deps, *, limit: int = 100) -> list[RedrivenMessage]:
    """The broker's redriven messages; none without such a queue."""
    return list(deps.redriven.peek(limit=limit)) if deps.redriven is not None else []


def show_dead_letter(deps: Deps, entry_id: str) -> DeadLetter | RedrivenMessage:
    """Everything recorded for one entry of either kind."""
    if entry_id.startswith(REDRIVEN_PREFIX):
        for message in list_redriven(deps, limit=100_000):
            if redriven_id(message) == entry_id:
                return message
    elif entry_id.isdigit() and (entry := deps.dead_letters.get_dead_letter(int(entry_id))):
        return entry
    raise DeadLetterNotFound(entry_id)


def replay_dead_letter(deps: Deps, entry_id: int) -> str:
    """Reset the job to queued, re-enqueue it, and only then remove the entry."""
    entry = deps.dead_letters.get_dead_letter(entry_id)
    if entry is None:
        raise DeadLetterNotFound(str(entry_id))
    replay_job(deps, entry.job_id)  # raises BrokerUnavailable: the entry stays
    deps.dead_letters.delete_dead_letter(entry_id)
    return entry.job_id


def replay_dead_letters(deps: Deps, wanted: Callable[[str], bool]) -> Iterator[tuple[str, str]]:
    """Replay every entry of either kind whose id is wanted; yields (entry id, job id) as each
    is done. BrokerUnavailable stops it: the entries not yet replayed are kept."""
    for entry in deps.dead_letters.list_dead_letters(limit=100_000):
        if wanted(str(entry.id)):
            yield str(entry.id), replay_dead_letter(deps, entry.id)
    if deps.redriven is not None:
        moved = deps.redriven.replay(
            lambda message: wanted(redriven_id(message)), lambda job_id: replay_job(deps, job_id)
        )
        for message in moved:
            yield redriven_id(message), message.job_id or ""


def replay_job(deps: Deps, job_id: str) -> None:
    """Back to 'queued' (a complete job stays complete) and onto the queue its size chooses."""
    if not deps.queue.ping():  # do not touch the job when it could not be published
        raise BrokerUnavailable("the broker does not answer")
    deps.dead_letters.requeue_for_replay(job_id)
    job = deps.jobs.get_job(job_id)
    deps.queue.enqueue_review(
        job_id, large=is_large(job.size_bytes, deps.limits.large_upload_bytes)
    )
    publish_job(deps, job)


def purge_dead_letters(deps: Deps) -> int:
    """Delete the database's entries; their jobs stay failed."""
    return deps.dead_letters.purge_dead_letters()
