"""bench/chaos.py --hostile at a tiny scale: a real `resumeroast up` attacked from 127.0.0.1 while
ordinary clients upload from other loopback addresses. The attacker is limited, nobody else
fails. (The benchmark's speed figures are for the benchmark to print, not asserted here.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ORDINARY = 6


def test_an_attacker_is_limited_and_ordinary_uploads_from_other_addresses_all_complete(
    tmp_path: Path,
) -> None:
    figures_path = tmp_path / "figures.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEADER_", "BODY_", "EVENT_"))}
    # Short time-outs and a small stream cap, so each defence acts within the short run.
    env.update(HEADER_TIMEOUT_S="2", BODY_TIMEOUT_S="3", EVENT_STREAMS_PER_CLIENT="2")
    scale = ["--maximal", "2", "--slow-loris", "4", "--streams", "100", "--forwarded", "35"]
    ordinary = ["--ordinary", str(ORDINARY), "--addresses", "3", "--duration-s", "3"]
    finished = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "chaos.py"), "--hostile", *scale, *ordinary]
        + ["--settle-s", "0", "--job-timeout-s", "200", "--json", str(figures_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    figures = json.loads(figures_path.read_text())
    attack = figures["attack"]

    assert figures["ordinary_failed"] == 0, figures["ordinary_failures"]
    assert figures["ordinary_complete_s"]["n"] == ORDINARY
    # The upload limit (30 a minute) keys on the connection's address, not X-Forwarded-For.
    forwarded = attack["uploads, rotating X-Forwarded-For"]
    assert forwarded.get("202", 0) + attack["maximal documents"].get("202", 0) <= 30
    assert forwarded["429"] >= 7
    assert attack["event streams"]["429"] > 0
    assert attack["slow-loris headers"]["cut by the server"] > 0
    assert "attacker 429s" in finished.stdout and "/healthz" in finished.stdout
