"""Write the API's OpenAPI schema to frontend/openapi.json (the web app's client is generated
from it). `--check` exits 1 when the file is stale instead of writing it.

    .venv/bin/python scripts/export_openapi.py [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from resumeroast.api.app import create_app
from resumeroast.settings import Settings

OPENAPI_JSON = Path(__file__).resolve().parents[1] / "frontend" / "openapi.json"


def openapi_schema() -> dict[str, Any]:
    """The schema as served; building the app opens no connection."""
    schema: dict[str, Any] = create_app(Settings(redis_url="redis://127.0.0.1:1/0")).openapi()
    return schema


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = render(openapi_schema())
    if "--check" in argv:
        current = OPENAPI_JSON.read_text() if OPENAPI_JSON.exists() else ""
        if current != text:
            print(f"{OPENAPI_JSON} is stale: run `make client`", file=sys.stderr)
            return 1
        return 0
    OPENAPI_JSON.write_text(text)
    print(f"wrote {OPENAPI_JSON}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
