"""Files attached to pages, each with its own history.

``files`` holds each revision of each page's file: the digest that names
its bytes in the file store, the type it is served with, its size (and an
image's pixels), and who made it, when and why, as ``revisions`` does for
the text.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "files",
        sa.Column("page", sa.String(40), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(80), nullable=False),
        sa.Column("account", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(45), nullable=True),
        sa.Column("summary", sa.String(200), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("page", "name", "number", name="pk_files"),
        sa.ForeignKeyConstraint(["page"], ["pages.title"], name="fk_files_page_pages"),
        sa.ForeignKeyConstraint(
            ["account"], ["accounts.id"], name="fk_files_account_accounts"
        ),
        sa.CheckConstraint("number >= 1", name="ck_files_number"),
    )


def downgrade():
    op.drop_table("files")
