"""record integrity: signed visits with addenda, screenings in progress, flag actions

- ``visits``: ``disposition`` becomes optional (chosen by a person when the visit is
  completed, never defaulted); ``status`` (``draft`` until ``signed``), ``signed_by``,
  ``signed_at``, ``late_entry``. Existing visits stay drafts: nobody signed them, and the
  store does not claim a signature nobody gave (their authors sign them from "My unsigned
  notes").
- ``visit_addenda``: changes to a signed visit (author, time, reason, text, late entry).
- ``screenings``: ``status`` (existing ones ``complete``), free-text follow-ups, and the
  discard reason, time and user.
- ``flag_actions``: several actions per risk flag, each with when, who and a note, and the
  referral made from it.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from clinic_desktop.store.types import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _syncable_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.alter_column("disposition", existing_type=sa.String(30), nullable=True)
        batch.add_column(sa.Column("status", sa.String(12), nullable=False, server_default="draft"))
        batch.add_column(sa.Column("signed_by", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("signed_at", UTCDateTime(), nullable=True))
        batch.add_column(
            sa.Column("late_entry", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_foreign_key(
            batch.f("fk_visits_signed_by_users"), "users", ["signed_by"], ["id"]
        )
    with op.batch_alter_table("screenings") as batch:
        batch.add_column(
            sa.Column("status", sa.String(12), nullable=False, server_default="complete")
        )
        batch.add_column(sa.Column("text_answers", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("discarded_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("discarded_by", sa.Uuid(), nullable=True))
        batch.add_column(sa.Column("discard_reason", sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key(
            batch.f("fk_screenings_discarded_by_users"), "users", ["discarded_by"], ["id"]
        )
    op.create_table(
        "visit_addenda",
        *_syncable_columns(),
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("written_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("late_entry", sa.Boolean(), nullable=False),
        sa.Column("refers_to", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_addenda_visit_id_visits")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_visit_addenda_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_addenda")),
    )
    op.create_index(op.f("ix_visit_addenda_visit_id"), "visit_addenda", ["visit_id"])
    op.create_index(op.f("ix_visit_addenda_change_seq"), "visit_addenda", ["change_seq"])
    op.create_table(
        "flag_actions",
        *_syncable_columns(),
        sa.Column("flag_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["flag_id"], ["risk_flags.id"], name=op.f("fk_flag_actions_flag_id_risk_flags")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_flag_actions_recorded_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_flag_actions_referral_id_referrals"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flag_actions")),
    )
    op.create_index(op.f("ix_flag_actions_flag_id"), "flag_actions", ["flag_id"])
    op.create_index(op.f("ix_flag_actions_change_seq"), "flag_actions", ["change_seq"])


def downgrade() -> None:
    op.drop_table("flag_actions")
    op.drop_table("visit_addenda")
    with op.batch_alter_table("screenings") as batch:
        batch.drop_constraint("fk_screenings_discarded_by_users", type_="foreignkey")
        for column in ("discard_reason", "discarded_by", "discarded_at", "text_answers", "status"):
            batch.drop_column(column)
    # The old schema demands a disposition: an open visit gets "other", the one code that
    # claims nothing about where the student went.
    op.execute("UPDATE visits SET disposition = 'other' WHERE disposition IS NULL")
    with op.batch_alter_table("visits") as batch:
        batch.drop_constraint("fk_visits_signed_by_users", type_="foreignkey")
        for column in ("late_entry", "signed_at", "signed_by", "status"):
            batch.drop_column(column)
        batch.alter_column("disposition", existing_type=sa.String(30), nullable=False)
