"""The vendors behind the chat-client port (core/review/chat.py), and the reviewer the
settings ask for: openai_compat (any OpenAI-compatible server), anthropic, local (an embedded
llama.cpp server reached through the openai client); errors.py translates the SDKs' errors at
the edge; relay.py is the process that carries hosted calls across a worker's death. The
review itself (prompt, ask, repair, ground, merge, flag) is core/review.

    from resumeroast.adapters.llm import build_reviewer
    reviewer = build_reviewer(settings)      # Reviewer; Runtime.close() closes it
"""

from resumeroast.adapters.llm.factory import build_reviewer

__all__ = ["build_reviewer"]
