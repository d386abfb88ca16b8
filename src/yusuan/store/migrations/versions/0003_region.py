"""Each document's region (地区): given on import, else read off its department's name.

Documents stored before get the region their department's name begins with (none when it
begins with no place's name); `yusuan import --region` sets it by hand later.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from yusuan.store.region import region_of

    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("region", sa.String(80)))
    documents = sa.table(
        "documents",
        sa.column("id", sa.Integer),
        sa.column("department", sa.String),
        sa.column("region", sa.String),
    )
    connection = op.get_bind()
    found = [
        {"key": row.id, "region": region_of(row.department)}
        for row in connection.execute(sa.select(documents.c.id, documents.c.department))
    ]
    found = [f for f in found if f["region"]]
    if found:
        connection.execute(
            documents.update()
            .where(documents.c.id == sa.bindparam("key"))
            .values(region=sa.bindparam("region")),
            found,
        )


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("region")
