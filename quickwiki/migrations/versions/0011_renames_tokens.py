"""Redirects, which renaming leaves behind, and API tokens.

``pages.redirect`` names the page a redirect leads to (a page whose text
is ``#REDIRECT Title``); the pages of earlier versions hold no redirect,
which is new.  ``api_tokens`` holds the digests of the tokens with which
programs save pages through the API, each for an account.

Going back drops both.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("pages", sa.Column("redirect", sa.String(40), nullable=True))
    op.create_table(
        "api_tokens",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("account", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(80), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_api_tokens"),
        sa.ForeignKeyConstraint(
            ["account"], ["accounts.id"], name="fk_api_tokens_account_accounts"
        ),
    )
    op.create_index("ix_api_tokens_account", "api_tokens", ["account"])


def downgrade():
    op.drop_index("ix_api_tokens_account", table_name="api_tokens")
    op.drop_table("api_tokens")
    # SQLite drops a column by copying the table: batch mode does that.
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("redirect")
