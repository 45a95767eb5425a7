"""Accounts and roles: who writes each revision, and protected pages.

``accounts`` holds the people who log in (or whom single sign-on names),
each with a role; ``logins`` the logins that have not ended.  Each
revision may name its author's account (none for the revisions made
before: they were all anonymous), and a page may be protected, so that
only admins change it.

Going back drops the accounts, their logins and the pages' protection;
the revisions keep their authors' names, which QuickWiki showed before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-05-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("password", sa.String(255), nullable=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("key", name="uq_accounts_key"),
        sa.CheckConstraint(
            "role IN ('reader', 'editor', 'admin')", name="ck_accounts_role"
        ),
    )
    op.create_table(
        "logins",
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("account", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token", name="pk_logins"),
        sa.ForeignKeyConstraint(
            ["account"], ["accounts.id"], name="fk_logins_account_accounts"
        ),
    )
    op.create_index("ix_logins_account", "logins", ["account"])
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("account", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_revisions_account_accounts", "accounts", ["account"], ["id"]
        )
    op.create_index("ix_revisions_account_created", "revisions", ["account", "created"])
    # SQLite alters a table by copying it: the new column needs a default
    # to be filled in, which the second step removes again.
    with op.batch_alter_table("pages") as batch:
        batch.add_column(
            sa.Column(
                "protected", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("pages") as batch:
        batch.alter_column("protected", server_default=None)


def downgrade():
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("protected")
    op.drop_index("ix_revisions_account_created", table_name="revisions")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_constraint("fk_revisions_account_accounts", type_="foreignkey")
        batch.drop_column("account")
    op.drop_index("ix_logins_account", table_name="logins")
    op.drop_table("logins")
    op.drop_table("accounts")
