"""A revised version compared with the earlier one: the owner's tokens of both, nobody else.

The app runs in-process (no Redis needed): the jobs and their feedback go in its store directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from resumeroast.adapters.db.engine import migrate
from resumeroast.api.app import create_app
from resumeroast.core.access import job_token, viewer_token
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import (
    Evidence,
    Feedback,
    Finding,
    Level,
    ResumeLine,
    ResumeView,
    Severity,
    SubScores,
)
from resumeroast.core.jobs import NewJob
from resumeroast.settings import Settings


def finding(code: str, quote: str, line: int) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        category=code.split(".", 1)[0],
        message=f"{code} says so.",
        evidence=[Evidence(quote=quote, line=line)],
    )


FIRST = Feedback(
    overall_score=60,
    verdict="v",
    sub_scores=SubScores(impact=60, clarity=80, ats=90, completeness=90),
    findings=[
        finding("impact.unquantified_bullets", "Built APIs", 13),
        finding("verbs.weak_opener", "Participated in sprints", 18),
    ],
    resume=ResumeView(
        lines=[
            ResumeLine(number=1, page=1, text="Alex Doe"),
            ResumeLine(number=2, page=1, text="- Participated in sprints"),
        ]
    ),
)
REVISED = FIRST.model_copy(
    update={
        "overall_score": 71,
        "findings": [
            finding("impact.unquantified_bullets", "Built APIs", 14),
            finding("language.cliche", "A team player", 7),
        ],
        "resume": ResumeView(
            lines=[
                ResumeLine(number=1, page=1, text="Alex Doe"),
                ResumeLine(number=2, page=1, text="- Ran 24 sprints for a team of 6"),
            ]
        ),
    }
)


@pytest.fixture
def app_with_versions(tmp_path: Path) -> Iterator[tuple[TestClient, str, str, bytes]]:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        upload_rate_limit_per_minute=0,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        runtime = app.state.runtime
        migrate(runtime.engine)
        ids = []
        for number, feedback in enumerate((FIRST, REVISED)):
            job, _ = runtime.deps.jobs.create_job(
                NewJob(
                    data=f"resume text {number}".encode(),
                    kind=DocumentKind.TXT,
                    filename="cv.txt",
                    level=Level.HONEST,
                    job_description=None,
                    content_sha256=str(number) * 64,
                )
            )
            runtime.deps.jobs.claim_job(job.id, owner="test", lease_s=60)
            runtime.deps.jobs.complete_job(job.id, owner="test", feedback=feedback)
            ids.append(job.id)
        yield client, ids[0], ids[1], runtime.secret


def test_the_owner_sees_the_score_change_and_what_was_fixed_still_open_and_new(
    app_with_versions: tuple[TestClient, str, str, bytes],
) -> None:
    client, first, revised, secret = app_with_versions
    answer = client.get(
        f"/api/resumes/{revised}/compare/{first}",
        headers={
            "X-Job-Token": job_token(secret, revised),
            "X-Earlier-Token": job_token(secret, first),
        },
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["scores"][0] == {"name": "overall", "before": 60, "after": 71}
    assert [f["code"] for f in body["fixed"]] == ["verbs.weak_opener"]
    assert [f["code"] for f in body["still_open"]] == ["impact.unquantified_bullets"]
    assert [f["code"] for f in body["new"]] == ["language.cliche"]
    # the lines that changed, from the lines each result kept of its resume
    assert body["lines"] == [
        {"kind": "removed", "text": "- Participated in sprints"},
        {"kind": "added", "text": "- Ran 24 sprints for a team of 6"},
    ]


def test_a_share_link_of_either_version_cannot_compare(
    app_with_versions: tuple[TestClient, str, str, bytes],
) -> None:
    client, first, revised, secret = app_with_versions
    url = f"/api/resumes/{revised}/compare/{first}"
    owner = {"X-Job-Token": job_token(secret, revised), "X-Earlier-Token": job_token(secret, first)}
    for header, token in (
        ("X-Job-Token", viewer_token(secret, revised)),
        ("X-Earlier-Token", viewer_token(secret, first)),
    ):
        answer = client.get(url, headers={**owner, header: token})
        assert (answer.status_code, answer.json()["code"]) == (403, "owner_only")
    without = client.get(url, headers={"X-Job-Token": owner["X-Job-Token"]})
    assert without.status_code == 404


def test_a_deleted_earlier_version_is_no_longer_compared(
    app_with_versions: tuple[TestClient, str, str, bytes],
) -> None:
    client, first, revised, secret = app_with_versions
    owner = {"X-Job-Token": job_token(secret, revised), "X-Earlier-Token": job_token(secret, first)}
    deleted = client.delete(
        f"/api/resumes/{first}", headers={"X-Job-Token": owner["X-Earlier-Token"]}
    )
    assert deleted.status_code == 204
    assert client.get(f"/api/resumes/{revised}/compare/{first}", headers=owner).status_code == 404


def test_a_version_linked_at_upload_compares_without_the_earlier_token(
    app_with_versions: tuple[TestClient, str, str, bytes],
) -> None:
    client, first, _unlinked, secret = app_with_versions
    jobs = client.app.state.runtime.deps.jobs  # type: ignore[attr-defined]
    linked, _ = jobs.create_job(
        NewJob(
            data=b"resume text 2",
            kind=DocumentKind.TXT,
            filename="cv.txt",
            level=Level.HONEST,
            job_description=None,
            content_sha256="2" * 64,
            previous_job_id=first,  # the upload's owner token of `first` was checked then
        )
    )
    jobs.claim_job(linked.id, owner="test", lease_s=60)
    jobs.complete_job(linked.id, owner="test", feedback=REVISED)
    answer = client.get(
        f"/api/resumes/{linked.id}/compare/{first}",
        headers={"X-Job-Token": job_token(secret, linked.id)},
    )
    assert answer.status_code == 200
    assert [f["code"] for f in answer.json()["fixed"]] == ["verbs.weak_opener"]
    shared = client.get(
        f"/api/resumes/{linked.id}/compare/{first}",
        headers={"X-Job-Token": viewer_token(secret, linked.id)},
    )
    assert shared.status_code == 403
