"""Reviews cached by content: a billable review is asked once per document, job and level."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from resumeroast.adapters.db.base import SqlStore, utcnow
from resumeroast.adapters.db.tables import ReviewCacheRow
from resumeroast.core.feedback import Feedback


class SqlReviewCache(SqlStore):
    def get_cached_review(self, key: str) -> Feedback | None:
        with self._session(read_only=True) as session:
            row = session.get(ReviewCacheRow, key)
            return Feedback.model_validate(row.data) if row is not None else None

    def put_cached_review(self, key: str, feedback: Feedback, *, source_job_id: str) -> None:
        try:
            with self._session() as session:
                session.execute(
                    insert(ReviewCacheRow),
                    [
                        {
                            "key": key,
                            "source_job_id": source_job_id,
                            "data": feedback.model_dump(mode="json"),
                            "created_at": utcnow(),
                        }
                    ],
                )
        except IntegrityError:
            pass  # the same review is already cached
