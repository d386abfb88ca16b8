"""The first schema: documents, tables, cells, findings, decisions.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from yusuan.store.schema import Money

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("paths", sa.Text, nullable=False),
        sa.Column("identity", sa.String(400), nullable=False, index=True),
        sa.Column("department", sa.String(200)),
        sa.Column("department_code", sa.String(40)),
        sa.Column("year", sa.Integer),
        sa.Column("kind", sa.String(8)),
        sa.Column("template", sa.String(80)),
        sa.Column("unit", sa.String(8)),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("warnings", sa.Integer, nullable=False),
    )
    op.create_table(
        "tables",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("printed_id", sa.String(80)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
    )
    op.create_table(
        "cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "table_id",
            sa.Integer,
            sa.ForeignKey("tables.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("side", sa.String(8), nullable=False),
        sa.Column("row_code", sa.String(40)),
        sa.Column("row_name", sa.Text, nullable=False),
        sa.Column("column", sa.String(200), nullable=False),
        sa.Column("value", Money(), nullable=False),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("rule", sa.String(80), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("confidence", sa.String(8), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("path", sa.Text),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
        sa.Column("section", sa.Text),
        sa.Column("table_name", sa.Text),
        sa.Column("row_name", sa.Text),
        sa.Column("column_name", sa.Text),
        sa.Column("stated", Money()),
        sa.Column("expected", Money()),
        sa.Column("suggestion", sa.Text),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
    )
    op.create_index("ix_findings_rule", "findings", ["rule"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("verdict", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("who", sa.String(120), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rule", sa.String(80)),
        sa.Column("document", sa.String(400)),
    )


def downgrade() -> None:
    for table in ("decisions", "findings", "cells", "tables", "documents"):
        op.drop_table(table)
