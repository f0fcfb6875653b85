"""Alembic owns the schema: models and migrations agree, and upgrades back up first."""

import ast
import importlib.util
import os
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError

from clinic_desktop.store import migrate
from clinic_desktop.store.backup import backup_to, verify_copy
from clinic_desktop.store.engine import open_store
from clinic_desktop.store.models import Base


def test_models_and_migrations_agree(tmp_path):
    store = open_store(tmp_path / "m.db", os.urandom(32), create=True)
    migrate.upgrade(store)
    with store.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    store.close()
    assert diff == []


def test_fresh_database_is_at_head_and_upgrade_is_idempotent(tmp_path):
    store = open_store(tmp_path / "m.db", os.urandom(32), create=True)
    assert migrate.upgrade(store) is True
    assert migrate.current_revision(store) == migrate.head_revision()
    assert migrate.upgrade(store) is False
    store.close()


def test_pending_migration_backs_up_first(tmp_path):
    key = os.urandom(32)
    store = open_store(tmp_path / "m.db", key, create=True)
    migrate.upgrade(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'older'")
    calls = []
    # An unknown older revision cannot be upgraded, but the backup must come first.
    with pytest.raises(CommandError, match="older"):
        migrate.upgrade(store, backup=lambda label: calls.append(label))
    store.close()
    assert calls == ["before-migration-older"]


def test_backup_is_an_encrypted_verified_copy(tmp_path):
    key = os.urandom(32)
    store = open_store(tmp_path / "m.db", key, create=True)
    migrate.upgrade(store)
    copy = backup_to(store, tmp_path / "backups" / "copy.db")
    store.close()
    assert not copy.read_bytes().startswith(b"SQLite format 3")
    verify_copy(copy, key)
    reopened = open_store(copy, key)
    assert migrate.current_revision(reopened) == migrate.head_revision()
    reopened.close()


def test_real_upgrade_backs_up_then_migrates_and_backfills(site, clock):
    """A site left at revision 0001 is backed up, then upgraded at the next sign-in."""
    from sqlalchemy import text

    from clinic_desktop.services import students
    from tests.factories import guardian, student

    with site.sign_in("clinician") as session:
        pupil = students.create_student(session, student(), (guardian(),))
        store = session.store
        migrate.downgrade(store, "0001")
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO consents (id, student_id, kind, scope, purpose, "
                    "information_kinds, signer_kind, guardian_id, signed_on, expiry_event, "
                    "recorded_by, change_seq, created_at, updated_at) VALUES (:id, :student, "
                    "'services', '', '', '[]', 'guardian', :guardian, '2026-09-01', '', :user, 99, "
                    "'2026-09-01T00:00:00+00:00', '2026-09-01T00:00:00+00:00')"
                ),
                {
                    "id": uuid.uuid4().hex,
                    "student": pupil.id.hex,
                    "guardian": pupil.guardians[0].id.hex,
                    "user": session.user.id.hex,
                },
            )
    backups_before = set((site.data_dir / "backups").glob("*.db"))
    with site.sign_in("clinician") as session:
        assert migrate.current_revision(session.store) == migrate.head_revision()
        with session.store.engine.connect() as conn:
            authority = conn.execute(text("SELECT signer_has_authority FROM consents")).scalar()
            sort_key = conn.execute(text("SELECT sort_key FROM students")).scalar()
    assert authority == 1
    assert sort_key == "nunez\x1fjose"
    [backup] = set((site.data_dir / "backups").glob("*.db")) - backups_before
    assert backup.name.startswith("before-migration-0001-")
    assert not backup.read_bytes().startswith(b"SQLite format 3")


VERSIONS = Path(migrate.__file__).parent / "migrations" / "versions"


@pytest.mark.parametrize("path", sorted(VERSIONS.glob("0*.py")), ids=lambda p: p.stem)
def test_a_migration_imports_no_live_rule(path):
    """A migration is frozen when it ships: what it writes must not change when a domain
    or service rule changes later, so it imports none (column types from store are fine)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in getattr(node, "names", [])
    ]
    live = [m for m in modules if m and m.startswith("clinic_desktop.") and ".store." not in m]
    assert live == []


def test_revision_0003_folds_names_as_it_did_when_it_shipped():
    spec = importlib.util.spec_from_file_location("rev0003", VERSIONS / "0003_student_sort_key.py")
    rev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rev)
    samples = {
        "Núñez": "nunez",
        "O’Brien": "obrien",
        "Ruiz-Pérez": "ruiz perez",
        "Łukasz  Straße": "lukasz strasse",
        "Nguyễn": "nguyen",
        "İpek": "ipek",
    }
    assert {name: rev._fold(name) for name in samples} == samples
