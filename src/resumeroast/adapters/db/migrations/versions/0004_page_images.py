"""page images: a PDF upload's first pages, for the marked-up resume view

Revision ID: 0004_page_images
Revises: 0003_reroast_upload_of
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_page_images"
down_revision: str | None = "0003_reroast_upload_of"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "page_images",
        sa.Column("job_id", sa.String(length=36), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("job_id", "page"),
    )


def downgrade() -> None:
    op.drop_table("page_images")
