"""The pure core: no database, queue, HTTP or LLM library is imported from here."""
