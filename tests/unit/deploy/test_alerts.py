"""deploy/prometheus/alerts.yml: valid rules, each alert tested by promtool on its own series
(alerts_test.yml), and every metric it reads is one the application exports.

promtool comes with Debian's `prometheus` package, which .ci/run installs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.unit.deploy.deploy_files import DEPLOY, ROOT

RULES = DEPLOY / "prometheus" / "alerts.yml"
RULE_TESTS = DEPLOY / "prometheus" / "alerts_test.yml"
METRICS_SOURCE = ROOT / "src" / "resumeroast" / "adapters" / "metrics.py"
WANTED = {
    "ResumeRoastQueueOld",
    "ResumeRoastQueueDeep",
    "ResumeRoastNoLiveWorkers",
    "ResumeRoastDeadLetters",
    "ResumeRoastFailureRate",
    "ResumeRoastReviewingSlow",
    "ResumeRoastDailyCost",
    "ResumeRoastBreakerOpen",
    "ResumeRoastSpendCapReached",
}
PROMTOOL = shutil.which("promtool")
#: .ci/run sets REQUIRE_DEPLOY_TOOLS=1: there a missing promtool fails, not skips.
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None and not os.environ.get("REQUIRE_DEPLOY_TOOLS"),
    reason="promtool not installed (apt-get install prometheus; CI installs it)",
)


def alerts() -> list[dict[str, object]]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def promtool(*args: Path | str) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run(
        [PROMTOOL, *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def exported_metrics() -> set[str]:
    """Metric names metrics.py declares, with the series names Prometheus derives from them."""
    names = set(re.findall(r'"(resumeroast_[a-z_]+)"', METRICS_SOURCE.read_text()))
    suffixes = ("", "_total", "_bucket", "_count", "_sum")
    return {name + suffix for name in names for suffix in suffixes}


@needs_promtool
def test_the_rules_are_valid() -> None:
    result = promtool("check", "rules", RULES)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_every_alert_fires_on_its_fault_and_not_before() -> None:
    result = promtool("test", "rules", RULE_TESTS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_alerts_the_operators_asked_for_are_there_and_tested() -> None:
    assert {rule["alert"] for rule in alerts()} == WANTED
    tested = set(re.findall(r"alertname: (\w+)", RULE_TESTS.read_text()))
    assert tested == WANTED


def test_every_metric_an_alert_reads_is_exported() -> None:
    for rule in alerts():
        used = set(re.findall(r"\bresumeroast_[a-z_]+", str(rule["expr"])))
        assert used, rule["alert"]
        assert used <= exported_metrics(), f"{rule['alert']}: {used - exported_metrics()}"
