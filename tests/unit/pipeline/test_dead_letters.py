"""The dead-letter use cases (docs/operations.md, "The dead-letter queue"): list, show,
replay and purge, over the database's entries and a broker's redriven messages alike."""

from __future__ import annotations

import pytest

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.core.jobs import JobStatus
from resumeroast.errors import BrokerUnavailable, DeadLetterNotFound, TransientError
from resumeroast.pipeline import (
    FailedRun,
    RetryPolicy,
    Upload,
    handle_failure,
    list_dead_letters,
    list_redriven,
    purge_dead_letters,
    replay_dead_letter,
    replay_dead_letters,
    show_dead_letter,
)
from resumeroast.ports import RedrivenMessage
from tests.unit.pipeline.fakes import RESUME, FakeQueue, FakeRedrive, World, submit, world

NO_RETRIES = RetryPolicy(max_retries=0, base_s=1.0, cap_s=60.0, outage_max_wait_s=1800.0)


def dead_lettered(w: World, n: int = 0) -> str:
    """A job whose one attempt failed with no retries left: it is in the dead letters."""
    job, _ = submit(w.deps, Upload(RESUME + str(n).encode(), "resume.txt"))
    owner = f"host:1:delivery-{n}/abcd"
    assert w.deps.jobs.claim_job(job.id, owner=owner, lease_s=60) is not None
    run = FailedRun(job_id=job.id, owner=owner, task_name="resumeroast.review_job", trace="tb")
    handle_failure(w.deps, run, TransientError("HTTP 503"))
    w.queue.enqueued.clear()
    return job.id


def stuck_message(job_id: str) -> RedrivenMessage:
    return RedrivenMessage(
        message_id="m-1", job_id=job_id, task_name="resumeroast.review_job", receive_count=3
    )


def test_both_kinds_are_listed_and_shown(jobs: SqlJobStore) -> None:
    redrive = FakeRedrive()
    w = world(jobs, retry=NO_RETRIES, redrive=redrive)
    job_id = dead_lettered(w)
    redrive.messages.append(stuck_message("job-from-sqs"))
    [entry] = list_dead_letters(w.deps)
    assert (entry.job_id, entry.error_type, entry.traceback) == (job_id, "TransientError", "tb")
    assert list_redriven(w.deps) == redrive.messages
    assert show_dead_letter(w.deps, str(entry.id)) == entry
    assert show_dead_letter(w.deps, "sqs:m-1") == stuck_message("job-from-sqs")


@pytest.mark.parametrize("entry_id", ["999", "sqs:unknown", "not-an-id", ""])
def test_an_unknown_entry_is_not_found(jobs: SqlJobStore, entry_id: str) -> None:
    w = world(jobs, redrive=FakeRedrive())
    with pytest.raises(DeadLetterNotFound):
        show_dead_letter(w.deps, entry_id)


def test_without_a_redrive_queue_only_the_database_is_listed(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=NO_RETRIES)
    dead_lettered(w)
    assert list_redriven(w.deps) == []
    assert len(list_dead_letters(w.deps)) == 1


def test_a_replayed_entry_requeues_its_job_and_goes(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=NO_RETRIES)
    job_id = dead_lettered(w)
    [entry] = list_dead_letters(w.deps)
    assert replay_dead_letter(w.deps, entry.id) == job_id
    job = jobs.get_job(job_id)
    assert (job.status, job.retries, job.failure_reason) == (JobStatus.QUEUED, 0, None)
    assert w.queue.enqueued == [job_id]
    assert w.events.last()["status"] == "queued"
    assert list_dead_letters(w.deps) == []
    with pytest.raises(DeadLetterNotFound):
        replay_dead_letter(w.deps, entry.id)


def test_a_replay_while_the_broker_is_down_keeps_the_entry(jobs: SqlJobStore) -> None:
    queue = FakeQueue()
    w = world(jobs, retry=NO_RETRIES, queue=queue)
    job_id = dead_lettered(w)
    [entry] = list_dead_letters(w.deps)
    queue.down = True
    with pytest.raises(BrokerUnavailable):
        replay_dead_letter(w.deps, entry.id)
    assert jobs.get_job(job_id).status is JobStatus.FAILED  # untouched
    assert list_dead_letters(w.deps) == [entry]


def test_replay_all_takes_both_kinds_and_only_the_wanted_ones(jobs: SqlJobStore) -> None:
    redrive = FakeRedrive()
    w = world(jobs, retry=NO_RETRIES, redrive=redrive)
    first, second = dead_lettered(w, 1), dead_lettered(w, 2)
    # A job whose message kept killing its worker: SQS moved the message, the job is stuck.
    stuck, _ = submit(w.deps, Upload(RESUME + b"3", "resume.txt"))
    assert jobs.claim_job(stuck.id, owner="host:1:gone/x", lease_s=600) is not None
    redrive.messages.append(stuck_message(stuck.id))
    w.queue.enqueued.clear()
    ids = {entry.job_id: str(entry.id) for entry in list_dead_letters(w.deps)}
    replayed = list(replay_dead_letters(w.deps, lambda entry_id: entry_id == ids[first]))
    assert replayed == [(ids[first], first)]
    everything = list(replay_dead_letters(w.deps, lambda entry_id: True))
    assert everything == [(ids[second], second), ("sqs:m-1", stuck.id)]
    assert redrive.messages == [] and list_dead_letters(w.deps) == []
    assert w.queue.enqueued == [first, second, stuck.id]
    assert jobs.get_job(stuck.id).status is JobStatus.QUEUED


def test_purge_drops_every_entry_and_the_jobs_stay_failed(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=NO_RETRIES)
    job_ids = [dead_lettered(w, n) for n in range(3)]
    assert purge_dead_letters(w.deps) == 3
    assert list_dead_letters(w.deps) == []
    assert {jobs.get_job(job_id).status for job_id in job_ids} == {JobStatus.FAILED}
