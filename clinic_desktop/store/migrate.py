"""Schema migrations with Alembic, applied when the store opens.

Before upgrading an existing database, an encrypted backup is taken (same key) so a
migration that goes wrong can never cost data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from clinic_desktop.store.engine import Store

# Alembic takes ≈ 0.25 s to import; the desktop app imports this module (through
# ``services.site``) before its sign-in window shows, so Alembic is imported only inside
# the functions that run after the user signs in (issue 9, start-up time).
if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("clinic.store")

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(store: Store) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(store: Store, backup: Callable[[str], object] | None = None) -> bool:
    """Bring the schema to head; back up first when an existing schema will change.

    Returns True when migrations ran.
    """
    from alembic import command

    current = current_revision(store)
    head = head_revision()
    if current == head:
        return False
    if current is not None and backup is not None:
        backup(f"before-migration-{current}")
    log.info("migrating schema from %s to %s", current or "empty", head)
    _migrate(store, lambda config: command.upgrade(config, "head"))
    return True


def downgrade(store: Store, revision: str) -> None:
    """Step the schema back (tests of upgrade paths; never done on a live site)."""
    from alembic import command

    _migrate(store, lambda config: command.downgrade(config, revision))


def _migrate(store: Store, step: Callable[[Config], object]) -> None:
    """Run ``step`` in one transaction with foreign-key enforcement off.

    SQLite alters most tables by copying them, which would trip foreign keys mid-way; the
    pragma only takes effect outside a transaction, so it is set on the raw connection.
    Before committing, ``PRAGMA foreign_key_check`` proves the result is consistent.
    """
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                step(alembic_config(conn))
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} broken references")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
