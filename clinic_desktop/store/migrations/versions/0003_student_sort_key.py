"""student sort key: folded last and first name, for accent-aware roster order

Revision ID: 0003
Revises: 0002
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# --- the folding rule as it stood when this migration was written ---------------------
# A migration must compute tomorrow what it computed when it shipped: a later change to
# ``domain.text.fold`` (which the live code keeps using) must not change what upgrading an
# old database writes here, so the rule is frozen below instead of imported.

_SPELLED_OUT = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}
)
_APOSTROPHES = re.compile("['’‘ʼʻ`´′]")


def _without_marks(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c)[0] != "M"
    )


def _fold(text: str) -> str:
    """``domain.text.fold`` of revision 0003: accents, case and punctuation folded."""
    text = _without_marks(_APOSTROPHES.sub("", text)).casefold()
    text = _without_marks(text).translate(_SPELLED_OUT)
    kept = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text)
    return " ".join(kept.split())


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
            {"key": f"{_fold(last)}\x1f{_fold(first)}"[:210], "id": row_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("students", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_students_sort_key"))
        batch_op.drop_column("sort_key")
