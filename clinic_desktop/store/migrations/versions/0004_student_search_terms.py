"""student search terms: one indexed row per word of ``students.search_key``

The roster search matched ``search_key LIKE '% term%'``, which reads every student (40 ms
at 50,000 students). ``student_terms`` holds each word of the key once per student, so a
typed word start is an index range. Triggers keep it in step with ``students`` whatever
writes the row (services, roster import, the benchmark's bulk inserts), and the words are
split in SQL (``json_each`` over the key quoted as a JSON array), exactly as the key is
delimited: by single spaces (``domain.text.fold`` leaves nothing else between words).

A later migration that rebuilds ``students`` (``batch_alter_table`` copies and drops the
table, and its triggers with it) must create these triggers again: ``create_triggers``.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = ("students_terms_insert", "students_terms_update", "students_terms_delete")


#: The words of the new key: ``json_each`` over the key quoted as a JSON array, split at
#: single spaces (``json_quote`` escapes quotes and control characters, never a space).
_INSERT_NEW_WORDS = """
    INSERT OR IGNORE INTO student_terms (term, student_id)
    SELECT value, new.id
    FROM json_each('[' || replace(json_quote(trim(new.search_key)), ' ', '","') || ']')
    WHERE value <> '';
"""
_DELETE_OLD_WORDS = " DELETE FROM student_terms WHERE student_id = old.id; "


def create_triggers() -> None:
    """The triggers that keep ``student_terms`` equal to the words of each key."""
    op.execute(
        "CREATE TRIGGER students_terms_insert AFTER INSERT ON students "
        "BEGIN" + _INSERT_NEW_WORDS + "END"
    )
    op.execute(
        "CREATE TRIGGER students_terms_update AFTER UPDATE OF search_key ON students BEGIN "
        + _DELETE_OLD_WORDS
        + _INSERT_NEW_WORDS
        + "END"
    )
    op.execute(
        "CREATE TRIGGER students_terms_delete AFTER DELETE ON students BEGIN "
        + _DELETE_OLD_WORDS
        + "END"
    )


def upgrade() -> None:
    op.create_table(
        "student_terms",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("term", "student_id", name=op.f("pk_student_terms")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        op.f("ix_student_terms_student_id"), "student_terms", ["student_id"], unique=False
    )
    op.create_index(op.f("ix_students_local_id"), "students", ["local_id"], unique=False)
    op.execute(  # the words of every existing student (the triggers cover the rest)
        """
        INSERT OR IGNORE INTO student_terms (term, student_id)
        SELECT value, students.id
        FROM students,
             json_each('[' || replace(json_quote(trim(students.search_key)), ' ', '","') || ']')
        WHERE value <> ''
        """
    )
    create_triggers()


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_students_local_id"), table_name="students")
    op.drop_index(op.f("ix_student_terms_student_id"), table_name="student_terms")
    op.drop_table("student_terms")
