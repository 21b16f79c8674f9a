"""The built-in analyzer: deterministic checks → findings with evidence → scores.

Public surface (used by the pipeline and the LLM reviewer):
- analyze(document, job_description=None) -> Analysis      facts, findings, scores; no wording by level
- render_feedback(analysis, level) -> Feedback              the roast, worded for the level
- no_text_feedback(layout, level) -> Feedback               the review of a document with no text
"""

from resumeroast.core.analysis.model import Analysis
from resumeroast.core.analysis.run import analyze, no_text_feedback, render_feedback

__all__ = ["Analysis", "analyze", "no_text_feedback", "render_feedback"]
