"""What the use cases are given: the ports, the limits and the retry policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from resumeroast.core.documents import Document, DocumentKind, PageImage
from resumeroast.ports import (
    Breaker,
    DeadLetterStore,
    EventPublisher,
    JobStore,
    Leases,
    Metrics,
    PageImageStore,
    ParsedDocuments,
    ProviderQuota,
    RedriveQueue,
    ReviewCache,
    Reviewer,
    Submissions,
    TaskQueue,
)


@dataclass(frozen=True)
class Limits:
    max_upload_bytes: int
    max_job_description_chars: int
    lease_s: float
    #: Uploads this large or larger are reviewed from the large documents' queue (None: one
    #: queue for all).
    large_upload_bytes: int | None = None


@dataclass(frozen=True)
class RetryPolicy:
    """How a transient failure is retried, and how long a job may wait out a provider outage."""

    max_retries: int
    base_s: float
    cap_s: float
    outage_max_wait_s: float


@dataclass
class Deps:
    jobs: JobStore
    review_cache: ReviewCache
    dead_letters: DeadLetterStore
    leases: Leases
    submissions: Submissions
    queue: TaskQueue
    events: EventPublisher
    reviewer: Reviewer
    parse: Callable[[bytes, DocumentKind], Document]
    limits: Limits
    breaker: Breaker
    metrics: Metrics
    retry: RetryPolicy
    redriven: RedriveQueue | None = None  #: the broker's own dead-letter queue, if any
    quota: ProviderQuota | None = None  #: the provider's shared quota and spend cap, if any
    parsed: ParsedDocuments | None = None  #: parsed uploads kept across a job's runs, if any
    #: a PDF's first pages as images (drawn in the parse sandbox), and where they are kept:
    #: without either, the resume view shows the text with its marks
    render_pages: Callable[[bytes], tuple[PageImage, ...]] | None = None
    page_images: PageImageStore | None = None
