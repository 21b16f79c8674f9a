"""The use cases, in the order of the data flow (the design's ARCHITECTURE.md):

    submit      submit_resume: validate bytes → store upload + job 'queued' → enqueue
    reroast     reroast: a new job 'queued' reading a stored upload → enqueue
    process     process_job: claim → parse → analyze → review (cached) → save 'complete'
    fail        handle_failure: retry in N s, wait for the provider, or dead-letter
    dead-letter list_dead_letters, show_dead_letter, replay_dead_letters, purge_dead_letters
    reconcile   reconcile: republish accepted jobs that are not moving; purge_expired

Entry points import them from here; each lives in the module of its step.
"""

from resumeroast.pipeline.dead_letters import (
    list_dead_letters,
    list_redriven,
    purge_dead_letters,
    redriven_id,
    replay_dead_letter,
    replay_dead_letters,
    replay_job,
    show_dead_letter,
)
from resumeroast.pipeline.deps import Deps, Limits, RetryPolicy
from resumeroast.pipeline.failure import (
    DeadLettered,
    Decision,
    FailedAtOnce,
    FailedRun,
    JobGone,
    Paused,
    RetryIn,
    dead_letter_timed_out,
    handle_failure,
)
from resumeroast.pipeline.process import (
    Outcome,
    analysis_fingerprint,
    process_job,
    review_cache_key,
)
from resumeroast.pipeline.reconcile import purge_expired, reconcile
from resumeroast.pipeline.reroast import reroast
from resumeroast.pipeline.status import job_event, publish_job
from resumeroast.pipeline.submit import (
    Upload,
    enqueue,
    finished_jobs,
    large_jobs,
    prepare_submission,
    store_and_publish,
    submit_resume,
)

__all__ = [
    "DeadLettered",
    "Decision",
    "Deps",
    "FailedAtOnce",
    "FailedRun",
    "JobGone",
    "Limits",
    "Outcome",
    "Paused",
    "RetryIn",
    "RetryPolicy",
    "Upload",
    "analysis_fingerprint",
    "dead_letter_timed_out",
    "enqueue",
    "finished_jobs",
    "handle_failure",
    "job_event",
    "large_jobs",
    "list_dead_letters",
    "list_redriven",
    "prepare_submission",
    "process_job",
    "publish_job",
    "purge_dead_letters",
    "purge_expired",
    "reconcile",
    "redriven_id",
    "replay_dead_letter",
    "replay_dead_letters",
    "replay_job",
    "reroast",
    "review_cache_key",
    "show_dead_letter",
    "store_and_publish",
    "submit_resume",
]
