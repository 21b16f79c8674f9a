"""Process: claim (conditional update) → parse → analyze → review (cached by content)
→ save feedback + 'complete' (one transaction); every step is published.

A permanent failure fails the job here, with its reason; any other failure goes back to the
caller, which asks failure.handle_failure what to do.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum

import structlog

from resumeroast.core.analysis import Analysis
from resumeroast.core.documents import Document, DocumentKind
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.jobs import Job, LLMUsage, Stage
from resumeroast.core.page_marks import with_marks
from resumeroast.core.review.builtin import BuiltinReviewer
from resumeroast.core.review.caching import worth_caching
from resumeroast.core.review.request import ReviewRequest, ensure_reviewable, prepare_review
from resumeroast.errors import (
    DocumentError,
    LeaseLost,
    LLMTransientError,
    NoTextLayer,
    ParserFailed,
    PermanentError,
    ProviderPaused,
    QuotaFull,
)
from resumeroast.pipeline.deps import Deps
from resumeroast.pipeline.status import publish_job
from resumeroast.ports import LLM_CALL_SCOPE

log = structlog.get_logger(__name__)

SPEND_CAP_NOTE = (
    "AI review paused: today's budget for AI reviews is reached; this is the built-in review."
)
#: A reservation before the call: about 4 characters a token for the resume, plus the
#: instructions and the answer. The quota counts the reservation, not the bill.
CHARS_PER_TOKEN = 4
FIXED_TOKENS = 1500


class Outcome(StrEnum):
    COMPLETE = "complete"
    FAILED = "failed"
    SKIPPED = "skipped"  #: another run holds or finished the job


def process_job(
    deps: Deps, job_id: str, *, owner: str, dead_owners: tuple[str, ...] = ()
) -> Outcome:
    job = deps.jobs.claim_job(
        job_id, owner=owner, lease_s=deps.limits.lease_s, dead_owners=dead_owners
    )
    if job is None:
        log.info("job_not_claimable", job_id=job_id)
        return Outcome.SKIPPED
    publish_job(deps, job)
    try:
        feedback = produce_feedback(deps, job, owner=owner)
        with stage(deps, job, owner, Stage.SAVING):
            saved = deps.jobs.complete_job(job.id, owner=owner, feedback=feedback)
    except PermanentError as exc:
        failed = deps.jobs.fail_job(
            job.id, owner=owner, code=exc.code, reason=exc.user_message, error=exc.detail
        )
        if not failed:  # our lease ran out and another run has the job now
            return Outcome.SKIPPED
        publish_job(deps, deps.jobs.get_job(job.id))
        deps.metrics.job_finished("failed")
        log.info("job_failed_permanently", job_id=job.id, code=exc.code)
        return Outcome.FAILED
    except LeaseLost:
        return Outcome.SKIPPED
    publish_job(deps, deps.jobs.get_job(job.id))
    if deps.parsed is not None:
        deps.parsed.delete(job.id)
    if saved:
        deps.metrics.job_finished("complete")
    return Outcome.COMPLETE if saved else Outcome.SKIPPED


def produce_feedback(deps: Deps, job: Job, *, owner: str) -> Feedback:
    """Parse, analyze and review the job's upload: the feedback to save."""
    with stage(deps, job, owner, Stage.PARSING):
        data = deps.jobs.load_upload(job.id)
        document = parsed_upload(deps, job, data)
        page_images = keep_page_images(deps, job, data)
    with stage(deps, job, owner, Stage.ANALYZING):
        # Injected instructions are screened out, then the clean resume is analysed, once.
        # "Present" means the day the job was submitted: the same upload always scores the same.
        request = prepare_review(
            document,
            job_description=job.job_description,
            level=job.level,
            as_of=job.created_at.date(),
        )
        analysis = request.analysis
        only_injection = bool(document.lines) and not request.screened.document.lines
        if not analysis.readable and not only_injection:  # a scan: nothing to review
            log.info("job_has_no_text", job_id=job.id, pages=analysis.facts.pages)
            raise NoTextLayer(f"no text on {analysis.facts.pages} pages")
        ensure_reviewable(request)  # a poem or a letter fails here, with what to upload
    with stage(deps, job, owner, Stage.REVIEWING):
        feedback = review_document(deps, job, owner, request)
    # Marked after the cache: a cached review of the same text still gets this upload's pages.
    return with_marks(feedback, request.screened.document, page_images=page_images)


def keep_page_images(deps: Deps, job: Job, data: bytes) -> int:
    """A PDF's first pages drawn and stored with the job: how many. Only the view needs them,
    so a page that will not draw costs the job nothing (the view shows the text instead)."""
    if job.kind is not DocumentKind.PDF or deps.render_pages is None or deps.page_images is None:
        return 0
    try:
        images = deps.render_pages(data)
    except (DocumentError, ParserFailed) as exc:
        log.warning("page_images_skipped", job_id=job.id, error=type(exc).__name__)
        return 0
    deps.page_images.save_page_images(job.id, images)
    return len(images)


def parsed_upload(deps: Deps, job: Job, upload: bytes) -> Document:
    """Parsed once per job: a run after a pause or a retry reads the kept document."""
    kept = deps.parsed.get(job.id, upload) if deps.parsed is not None else None
    if kept is not None:
        return kept
    document = deps.parse(upload, job.kind)
    if deps.parsed is not None:
        deps.parsed.put(job.id, upload, document)
    return document


def review_document(deps: Deps, job: Job, owner: str, request: ReviewRequest) -> Feedback:
    """The builtin reviewer directly; a model through the cache, the breaker and the meter."""
    if not deps.reviewer.is_billable:
        return deps.reviewer.review(request)
    document = request.document
    # Hidden text is part of the key: the same visible text with an injection hidden in it must
    # not be served the clean document's cached review (which lacks the red flag).
    hidden = "\n".join(h.text for h in document.layout.hidden_text)
    key = review_cache_key(
        document.text + "\x00" + hidden,
        job.job_description,
        job.level,
        deps.reviewer.identity,
        analysis_fingerprint(request.analysis),
    )
    cached = deps.review_cache.get_cached_review(key)
    if cached is not None:
        review = cached.review.model_copy(update={"cached": True})
        return cached.model_copy(update={"review": review})
    if deps.quota is not None and deps.quota.spend_cap_reached():
        return builtin_review_while_capped(request, job)
    scope = LLM_CALL_SCOPE.set(job.id)  # the relay shares a kept reply within this job only
    try:
        feedback = call_reviewer(deps, request)
    finally:
        LLM_CALL_SCOPE.reset(scope)
    if worth_caching(feedback):  # a discarded or degraded review asks the model again next time
        deps.review_cache.put_cached_review(key, feedback, source_job_id=job.id)
    review = feedback.review
    usage = LLMUsage(review.tokens_in, review.tokens_out, review.cost_usd, review.latency_ms)
    deps.jobs.record_usage(job.id, owner=owner, usage=usage)
    deps.metrics.llm_usage(review.reviewer, usage)
    if deps.quota is not None:
        deps.quota.add_spend(review.cost_usd)
    return feedback


def builtin_review_while_capped(request: ReviewRequest, job: Job) -> Feedback:
    """The analyzer's review, labelled so the job seeker and the operator see why."""
    log.warning("llm_spend_cap_reached", job_id=job.id)
    feedback = BuiltinReviewer().review(request)
    notes = [*feedback.review.notes, SPEND_CAP_NOTE]
    return feedback.model_copy(
        update={"review": feedback.review.model_copy(update={"notes": notes})}
    )


def reserve_quota(deps: Deps, name: str, request: ReviewRequest) -> None:
    """Take a slot in the provider's shared quota, or hand the job back to wait for one."""
    if deps.quota is None:
        return
    tokens = len(request.document.text) // CHARS_PER_TOKEN + FIXED_TOKENS
    wait_s = deps.quota.reserve(name, tokens)
    if wait_s is not None:
        deps.metrics.provider_error(name, "quota_wait")
        raise QuotaFull(f"{name} quota full", retry_after_s=wait_s)


def call_reviewer(deps: Deps, request: ReviewRequest) -> Feedback:
    """One billable call, within the provider's shared quota and circuit breaker."""
    name = deps.reviewer.identity.split(":", 1)[0]
    # The quota first: the breaker's answer may make this call the half-open probe, which
    # must then be made, not left to time out while the job waits for a quota slot.
    reserve_quota(deps, name, request)
    wait_s = deps.breaker.wait_s(name)
    if wait_s is not None:
        raise ProviderPaused(f"{name} breaker open", retry_after_s=wait_s)
    try:
        feedback = deps.reviewer.review(request)
    except LLMTransientError as exc:
        deps.breaker.record(name, ok=False)
        deps.metrics.provider_error(name, exc.code)
        # A failure that leaves the breaker open (it tripped it, or it was the half-open probe)
        # is the outage, not this job's bad luck: the job waits instead of spending a retry.
        if deps.breaker.is_open(name):
            raise ProviderPaused(f"{name} breaker opened: {exc.detail}") from exc
        raise
    deps.breaker.record(name, ok=True)
    return feedback


def review_cache_key(
    text: str, job_description: str | None, level: Level, identity: str, analysis: str
) -> str:
    """The cache holds the merged feedback, the analyzer's part included, so the analysis
    (its fingerprint) is part of the key next to what the model saw."""
    parts = [
        hashlib.sha256(text.encode()).hexdigest(),
        hashlib.sha256((job_description or "").encode()).hexdigest(),
        level.value,
        identity,
        analysis,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def analysis_fingerprint(analysis: Analysis) -> str:
    """A hash of what the analyzer concluded: its version, facts, scores and findings.

    A new analyzer, or a later "Present" that changes durations and gaps, changes it; the same
    conclusions on another day keep it (and the cached review stays valid).
    """
    parts = [
        analysis.version,
        analysis.facts.model_dump_json(),
        analysis.sub_scores.model_dump_json(),
        str(analysis.overall_score),
        analysis.keywords.model_dump_json() if analysis.keywords else "",
        *(finding.model_dump_json() for finding in analysis.findings),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@contextmanager
def stage(deps: Deps, job: Job, owner: str, name: Stage) -> Iterator[None]:
    """Record and publish the stage, and time it."""
    if not deps.jobs.set_stage(job.id, owner=owner, stage=name):
        raise LeaseLost(job.id)
    publish_job(deps, replace(job, stage=name))
    started = time.perf_counter()
    yield
    deps.metrics.stage_seconds(name, time.perf_counter() - started)
