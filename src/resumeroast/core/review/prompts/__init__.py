"""Versioned prompt templates, pure builders, and redaction of personal data.

- build_review_prompt(document, analysis, job_description=…, level=…, budget=…) -> ReviewPrompt
- build_repair_messages(prompt, bad_answer, problems) -> messages for the one repair round trip
- restore(text, placeholders) puts redacted personal details back into model text
"""

from resumeroast.core.review.prompts.builder import (
    PROMPT_VERSION,
    PromptBudget,
    PromptDoesNotFit,
    ReviewPrompt,
    build_repair_messages,
    build_review_prompt,
)
from resumeroast.core.review.prompts.redaction import restore
from resumeroast.core.review.prompts.templates import Message

__all__ = [
    "PROMPT_VERSION",
    "Message",
    "PromptBudget",
    "PromptDoesNotFit",
    "ReviewPrompt",
    "build_repair_messages",
    "build_review_prompt",
    "restore",
]
