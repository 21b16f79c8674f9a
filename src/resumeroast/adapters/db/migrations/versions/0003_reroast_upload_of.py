"""jobs.upload_of: a re-roast reads the upload of an earlier job (expand only)

Revision ID: 0003_reroast_upload_of
Revises: 0002_usage_daily
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_reroast_upload_of"
down_revision: str | None = "0002_usage_daily"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("upload_of", sa.String(length=36), nullable=True))
    op.create_index("ix_jobs_upload_of", "jobs", ["upload_of"])


def downgrade() -> None:
    op.drop_index("ix_jobs_upload_of", table_name="jobs")
    op.drop_column("jobs", "upload_of")
