"""student sort key: folded last and first name, for accent-aware roster order

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from clinic_desktop.domain.text import fold

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_key", sa.String(length=210), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_students_sort_key"), ["sort_key"], unique=False)
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, last_name, first_name FROM students"))
    for row_id, last, first in rows.fetchall():
        connection.execute(
            sa.text("UPDATE students SET sort_key = :key WHERE id = :id"),
            {"key": f"{fold(last)}\x1f{fold(first)}"[:210], "id": row_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_students_sort_key"))
        batch_op.drop_column("sort_key")
