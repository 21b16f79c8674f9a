"""FastAPI: routes translate HTTP ↔ pipeline; one error → HTTP table."""
