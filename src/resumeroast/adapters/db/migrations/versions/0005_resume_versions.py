"""resume versions: jobs.previous_job_id links a revised upload to the one it revises (expand only)

Revision ID: 0005_resume_versions
Revises: 0004_page_images
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_resume_versions"
down_revision: str | None = "0004_page_images"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # No foreign key: deleting a job unlinks its revisions itself (adapters/db/job_queries),
    # and SQLite could only add one by copying the whole jobs table.
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("previous_job_id", sa.String(length=36), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_jobs_previous_job_id"), ["previous_job_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_previous_job_id"))
        batch_op.drop_column("previous_job_id")
