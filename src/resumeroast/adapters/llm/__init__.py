"""LLM reviewers behind the Reviewer port: builtin, openai (any compatible server),
anthropic, local (an embedded llama.cpp server reached through the openai client).

    from resumeroast.adapters.llm import build_reviewer
    reviewer = build_reviewer(settings)      # Reviewer; Runtime.close() closes it
"""

from resumeroast.adapters.llm.factory import build_reviewer

__all__ = ["build_reviewer"]
