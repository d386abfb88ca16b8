"""Each document's whole model (store.serial), compressed, and its format; what its department
is matched by.

Documents stored before have none: they are checked against later once re-imported, or read
again from their files when these are still there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("model", sa.LargeBinary))
        batch.add_column(sa.Column("model_format", sa.String(40)))
        batch.add_column(sa.Column("department_facts", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("department_facts")
        batch.drop_column("model_format")
        batch.drop_column("model")
