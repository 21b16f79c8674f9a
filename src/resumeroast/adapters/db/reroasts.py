"""Re-roasts: a new job that reads an earlier job's stored upload (nothing is sent again).

One upload row per file, held by one job; the jobs that re-roast it name that job in
`upload_of`. Deleting the holder while a re-roast lives hands the upload on to that re-roast,
so the file goes only with the last job that reads it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.orm import Session

from resumeroast.adapters.db.base import SqlStore, utcnow
from resumeroast.adapters.db.job_rows import new_job_row, to_job
from resumeroast.adapters.db.tables import JobRow, UploadRow
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import Job, NewJob
from resumeroast.errors import InvalidRequest, JobNotFound


class SqlReroasts(SqlStore):
    def create_reroast(self, source_id: str, *, level: Level, job_description: str | None) -> Job:
        """A queued job for the source job's upload, with its own level and job description."""
        with self._session() as session:
            source = session.get(JobRow, source_id)
            if source is None:
                raise JobNotFound(source_id)
            holder = source.upload_of or source.id
            if not session.scalar(select(exists().where(UploadRow.job_id == holder))):
                raise InvalidRequest(
                    "upload gone", user_message="This resume is no longer stored: upload it again."
                )
            new = NewJob(
                data=b"",
                kind=to_job(source).kind,
                filename=source.filename,
                level=level,
                job_description=job_description,
                content_sha256=source.content_sha256,
            )
            row = new_job_row(str(uuid.uuid4()), new, utcnow())
            row.update(size_bytes=source.size_bytes, upload_of=holder)
            session.execute(insert(JobRow), [row])
        return to_job(JobRow(**row))

    def load_upload(self, job_id: str) -> bytes:
        """The job's file: its own upload, or for a re-roast the upload it reads."""
        holder = func.coalesce(JobRow.upload_of, JobRow.id)
        with self._session(read_only=True) as session:
            data = session.scalar(
                select(UploadRow.data)
                .join(JobRow, UploadRow.job_id == holder)
                .where(JobRow.id == job_id)
            )
            if data is None:
                raise JobNotFound(job_id)
            return data


def hand_on_uploads(session: Session, deleted: Sequence[str]) -> None:
    """Before jobs are deleted: an upload that a surviving re-roast reads moves to it."""
    readers = session.execute(
        select(JobRow.id, JobRow.upload_of)
        .where(JobRow.upload_of.in_(deleted), JobRow.id.not_in(deleted))
        .order_by(JobRow.created_at)
    ).all()
    heirs: dict[str, str] = {}
    for reader, holder in readers:
        if holder is not None:
            heirs.setdefault(holder, reader)
    for holder, heir in heirs.items():
        session.execute(update(UploadRow).where(UploadRow.job_id == holder).values(job_id=heir))
        session.execute(update(JobRow).where(JobRow.upload_of == holder).values(upload_of=heir))
        session.execute(update(JobRow).where(JobRow.id == heir).values(upload_of=None))
