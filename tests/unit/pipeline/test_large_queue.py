"""Large uploads are reviewed from their own queue, and a job published again (reconciler,
dead-letter replay, re-roast) goes back to the queue its upload's size chose."""

from __future__ import annotations

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.core.jobs import JobStatus
from resumeroast.errors import TransientError
from resumeroast.pipeline import (
    FailedRun,
    RetryPolicy,
    Upload,
    finished_jobs,
    handle_failure,
    list_dead_letters,
    reconcile,
    replay_dead_letter,
    reroast,
)
from tests.support.aio import run_async
from tests.unit.pipeline.fakes import RESUME, World, submit, world

LARGE = 4096
NO_RETRIES = RetryPolicy(max_retries=0, base_s=1.0, cap_s=60.0, outage_max_wait_s=1800.0)


def large_resume(n: int = 0) -> bytes:
    """A real resume padded past LARGE (a blank tail, as a padded document would have)."""
    return RESUME + f"\n{n}\n".encode() + b" " * LARGE


def test_an_upload_over_the_threshold_goes_to_the_large_queue_alone(jobs: SqlJobStore) -> None:
    w = world(jobs, large_from_bytes=LARGE)
    ordinary, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    large, _ = submit(w.deps, Upload(large_resume(), "resume.txt"))
    assert w.queue.enqueued == [ordinary.id, large.id]
    assert w.queue.large == [large.id]


def test_a_clients_extra_job_goes_to_the_bulk_queue_whatever_its_size(jobs: SqlJobStore) -> None:
    w = world(jobs, large_from_bytes=LARGE)
    first, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    extra, _ = submit(w.deps, Upload(RESUME + b"\n2\n", "resume.txt", behind_own_jobs=True))
    assert w.queue.enqueued == [first.id, extra.id]
    assert w.queue.large == [extra.id]


def test_a_reroast_while_the_client_waits_for_another_goes_to_the_bulk_queue(
    jobs: SqlJobStore,
) -> None:
    w = world(jobs, large_from_bytes=LARGE)
    source, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    again = run_async(reroast(w.deps, source.id, job_description="Tester", behind_own_jobs=True))
    assert w.queue.large == [again.id]


def test_without_a_threshold_there_is_one_queue(jobs: SqlJobStore) -> None:
    w = world(jobs)
    submit(w.deps, Upload(large_resume(), "resume.txt"))
    assert w.queue.large == []


def test_the_reconciler_republishes_a_large_job_to_the_large_queue(jobs: SqlJobStore) -> None:
    w = world(jobs, large_from_bytes=LARGE)
    ordinary, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    large, _ = submit(w.deps, Upload(large_resume(), "resume.txt"))
    w.queue.enqueued.clear()
    w.queue.large.clear()
    w.queue.depth = 0  # the broker lost both messages
    republished = reconcile(w.deps, stale_after_s=0, dead_owner=lambda _: False)
    assert sorted(republished) == sorted([ordinary.id, large.id])
    assert w.queue.large == [large.id]


def dead_lettered(w: World, data: bytes) -> str:
    job, _ = submit(w.deps, Upload(data, "resume.txt"))
    owner = "host:1:delivery/abcd"
    assert w.deps.jobs.claim_job(job.id, owner=owner, lease_s=60) is not None
    run = FailedRun(job_id=job.id, owner=owner, task_name="resumeroast.review_job", trace="tb")
    handle_failure(w.deps, run, TransientError("HTTP 503"))
    w.queue.enqueued.clear()
    w.queue.large.clear()
    return job.id


def test_a_replayed_large_job_goes_back_to_the_large_queue(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=NO_RETRIES, large_from_bytes=LARGE)
    job_id = dead_lettered(w, large_resume())
    [entry] = list_dead_letters(w.deps)
    replay_dead_letter(w.deps, entry.id)
    assert (w.queue.enqueued, w.queue.large) == ([job_id], [job_id])


def test_a_reroast_of_a_large_upload_goes_to_the_large_queue(jobs: SqlJobStore) -> None:
    w = world(jobs, large_from_bytes=LARGE)
    source, _ = submit(w.deps, Upload(large_resume(), "resume.txt"))
    again = run_async(reroast(w.deps, source.id, job_description="Python developer"))
    assert w.queue.large == [source.id, again.id]


def test_finished_jobs_are_the_complete_failed_and_deleted_ones(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=NO_RETRIES)
    queued, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    failed = dead_lettered(w, RESUME + b"\nfailed\n")
    deleted, _ = submit(w.deps, Upload(RESUME + b"\ndeleted\n", "resume.txt"))
    jobs.delete_job(deleted.id)
    assert jobs.get_job(failed).status is JobStatus.FAILED
    ids = [queued.id, failed, deleted.id]
    assert finished_jobs(jobs, ids) == [failed, deleted.id]
