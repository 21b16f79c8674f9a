"""Page images: stored with their job and deleted with it (job_queries.delete_jobs and the
foreign key's cascade)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select

from resumeroast.adapters.db.base import SqlStore
from resumeroast.adapters.db.tables import PageImageRow
from resumeroast.core.documents import PageImage


class SqlPageImages(SqlStore):
    def save_page_images(self, job_id: str, images: Sequence[PageImage]) -> None:
        """Replace the job's page images (a retried run draws the same pages again)."""
        with self._session() as session:
            session.execute(delete(PageImageRow).where(PageImageRow.job_id == job_id))
            if images:
                session.execute(
                    insert(PageImageRow),
                    [
                        {
                            "job_id": job_id,
                            "page": image.page,
                            "width": image.width,
                            "height": image.height,
                            "png": image.png,
                        }
                        for image in images
                    ],
                )

    def load_page_image(self, job_id: str, page: int) -> PageImage | None:
        with self._session(read_only=True) as session:
            row = session.get(PageImageRow, (job_id, page))
            if row is None:
                return None
            return PageImage(page=row.page, width=row.width, height=row.height, png=row.png)

    def page_image_count(self, job_id: str) -> int:
        with self._session(read_only=True) as session:
            pages = session.scalars(select(PageImageRow.page).where(PageImageRow.job_id == job_id))
            return len(list(pages))
