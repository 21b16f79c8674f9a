"""One root error; causes grouped; transient (retry) versus permanent (fail at once).

Every error carries a machine `code` and a `user_message` written for the person who
uploaded the resume: it says what was wrong and what to do.
"""

from __future__ import annotations


class ResumeRoastError(Exception):
    """Root of every error this project raises on purpose."""

    code = "error"
    user_message = "Something went wrong on our side. Please try again in a minute."

    def __init__(self, detail: str | None = None, *, user_message: str | None = None) -> None:
        self.detail = detail or self.user_message
        if user_message is not None:
            self.user_message = user_message
        super().__init__(self.detail)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, detail={self.detail!r})"


class PermanentError(ResumeRoastError):
    """Retrying will not help: the job fails at once with a reason."""

    code = "permanent"


class TransientError(ResumeRoastError):
    """A passing fault (rate limit, timeout, 5xx, broker hiccup): retry with backoff."""

    code = "transient"
    user_message = "A service we depend on was briefly unavailable; we are retrying."

    def __init__(
        self,
        detail: str | None = None,
        *,
        retry_after_s: float | None = None,
        user_message: str | None = None,
    ) -> None:
        super().__init__(detail, user_message=user_message)
        self.retry_after_s = retry_after_s


# --- the uploaded document -------------------------------------------------------------


class DocumentError(PermanentError):
    """The uploaded file cannot be turned into resume text."""

    code = "document_error"


class UnsupportedFileType(DocumentError):
    code = "unsupported_file_type"
    user_message = (
        "This file is not a PDF, DOCX, TXT or Markdown document. "
        "Export your resume as PDF or DOCX and upload that."
    )


class FileTooLarge(DocumentError):
    code = "file_too_large"
    user_message = (
        "The file is larger than the upload limit. Remove images or export a smaller PDF."
    )


class EmptyDocument(DocumentError):
    code = "empty_document"
    user_message = "The file is empty. Upload the resume itself, not a blank file."


class UnreadableDocument(DocumentError):
    code = "unreadable_document"
    user_message = (
        "We could not read this file: it looks damaged or is not what its type says. "
        "Open it on your computer, export it again as PDF or DOCX, and re-upload."
    )


class EncryptedDocument(DocumentError):
    code = "encrypted_document"
    user_message = (
        "This PDF is password-protected, so neither we nor an applicant tracking system can "
        "read it. Save a copy without a password and upload that."
    )


class NoTextLayer(DocumentError):
    """Every page is a picture (a scan, 'Print to image'): no text to review, none for an ATS."""

    code = "no_text_layer"
    user_message = (
        "This file has no text we can read: it is a picture of a resume (a scan or an image "
        "export). An applicant tracking system sees a blank page too. Export the resume as a "
        "text-based PDF or DOCX from the program you wrote it in, then upload that."
    )


class NotAResume(DocumentError):
    """The file reads, but as something else: a poem, a paper, a letter, a few random bytes."""

    code = "not_a_resume"
    user_message = (
        "This does not look like a resume: it has no contact details, no dated experience and "
        "no resume sections. Upload your resume itself (PDF, DOCX, TXT or Markdown) with your "
        "name and contact details, your experience with dates, and your education."
    )


class DocumentTooComplex(DocumentError):
    """Over a page limit, a decompression limit, or the parser's time or memory budget."""

    code = "document_too_complex"
    user_message = (
        "This file is too large or complex to process safely (too many pages, or content that "
        "expands enormously). A resume should be one or two plain pages: export a simpler file."
    )


class DocumentTooLong(DocumentError):
    """The extracted text is over a cap (core/readers/bounds.py): far more than any resume."""

    code = "document_too_long"
    user_message = (
        "This is too long to be a resume. Upload the resume alone (one or two pages), "
        "not a portfolio, thesis or several documents merged into one file."
    )


# --- jobs -----------------------------------------------------------------------------


class JobNotFound(ResumeRoastError):
    code = "job_not_found"
    user_message = "No such job. Check the link, or upload the resume again."


class DeadLetterNotFound(JobNotFound):
    code = "dead_letter_not_found"
    user_message = "No such dead-letter entry."


class OwnerOnly(ResumeRoastError):
    """A share link's (viewer's) token asked for what only the owner may do."""

    code = "owner_only"
    user_message = (
        "A shared link can read this roast but not change or delete it: only the person who "
        "uploaded the resume can."
    )


class LeaseLost(ResumeRoastError):
    """Our lease on the job ran out and another run took it: stop without writing (a store
    also raises it inside a transaction to roll that back)."""

    code = "lease_lost"


class InvalidRequest(ResumeRoastError):
    code = "invalid_request"
    user_message = "The request is not valid."


class InvalidField(InvalidRequest):
    """One named field of the request is refused; the answer names it."""

    code = "invalid_field"

    def __init__(self, field: str, detail: str, *, user_message: str | None = None) -> None:
        super().__init__(detail, user_message=user_message or f"{field}: {detail}")
        self.field = field


class IdempotencyKeyReused(InvalidRequest):
    code = "idempotency_key_reused"
    user_message = (
        "This Idempotency-Key was already used for a different upload (another file, level or "
        "job description). Use a new key for a new upload."
    )


class RateLimited(ResumeRoastError):
    code = "rate_limited"
    user_message = "Too many uploads from your address. Wait a minute, then try again."

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(f"retry after {retry_after_s}s")
        self.retry_after_s = retry_after_s


class TooManyStreams(RateLimited):
    code = "too_many_streams"
    user_message = (
        "Too many live status streams from your address. Close some tabs, then try again."
    )


class TooManyQueued(RateLimited):
    """The client already has MAX_QUEUED_PER_CLIENT jobs queued or running."""

    code = "too_many_queued"
    user_message = (
        "You already have the most resumes waiting for review that one address may have. "
        "Wait until one of them is finished, then upload again."
    )

    def __init__(self, cap: int, *, retry_after_s: int) -> None:
        super().__init__(retry_after_s)
        self.user_message = (
            f"You already have {cap} resumes waiting for review, the most one address may "
            "have at once. Wait until one of them is finished, then upload again."
        )


class AdminAuthRequired(ResumeRoastError):
    code = "admin_token_required"
    user_message = "This needs the admin token: send it as 'Authorization: Bearer <token>'."


# --- infrastructure -------------------------------------------------------------------


class BrokerUnavailable(TransientError):
    code = "broker_unavailable"


class SoftTimeLimit(TransientError):
    """The task queue's soft time limit stopped a run: retried, unless it stopped the analysis,
    which depends only on the document and would overrun again (pipeline/failure.py)."""

    code = "soft_time_limit"


class ParserFailed(ResumeRoastError):
    """The parse sandbox itself misbehaved (not the document): an operator problem, retried
    like any unexpected failure and then dead-lettered."""

    code = "parser_failed"


class ProviderPaused(TransientError):
    """The provider's circuit breaker is open: the job waits without spending a retry."""

    code = "provider_paused"
    user_message = "The AI reviewer is down; your job is waiting and will resume by itself."


class QuotaFull(ProviderPaused):
    """The provider's shared requests/tokens-per-minute quota is used up: the job waits for a
    slot without spending a retry."""

    code = "provider_quota"
    user_message = "Many reviews are in progress; your job is waiting its turn."


class LLMTransientError(TransientError):
    """Provider timeout, 429, 5xx or connection error."""

    code = "llm_unavailable"
    user_message = "The AI reviewer is busy or unreachable; we are retrying."


class LLMPermanentError(PermanentError):
    """Provider 4xx other than 408/409/429: bad key, unknown model, request rejected."""

    code = "llm_rejected"
    user_message = (
        "The AI reviewer rejected the request (check the provider settings). "
        "The job cannot be completed with this configuration."
    )


def permanent_failure_codes() -> frozenset[str]:
    """Failure codes another try cannot fix (the same file fails the same way)."""
    found: set[str] = set()
    pending: list[type[ResumeRoastError]] = [PermanentError]
    while pending:
        cls = pending.pop()
        found.add(cls.code)
        pending.extend(cls.__subclasses__())
    return frozenset(found)
