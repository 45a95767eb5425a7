"""Keep the renderings of old revisions, and of texts the renderer failed on.

Viewing an old revision rendered it on every request, and a text that ran
past the render deadline was tried again each time; now each is rendered
once, kept by the digest of its text.  The table starts empty, and going
back drops it: it only ever holds what can be rendered again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-02-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "kept_renderings",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("renderer", sa.String(100), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("existing", sa.JSON(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_kept_renderings")),
    )
    op.create_index(
        op.f("ix_kept_renderings_kept"), "kept_renderings", ["kept"], unique=False
    )


def downgrade():
    op.drop_table("kept_renderings")
