"""consent signer authority at signing

Existing consents take their guardian's current authority, the best knowledge available.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:12:15.031123
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "signer_has_authority", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    op.execute(
        "UPDATE consents SET signer_has_authority = "
        "(SELECT guardians.can_consent FROM guardians WHERE guardians.id = consents.guardian_id) "
        "WHERE guardian_id IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_column("signer_has_authority")
