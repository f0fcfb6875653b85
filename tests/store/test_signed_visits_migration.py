"""Migration 0005 on a real store: old visits stay unsigned drafts, nothing is invented."""

from __future__ import annotations

from sqlalchemy import text

from clinic_desktop.domain.visits import Disposition
from clinic_desktop.services import screenings, students, visits
from clinic_desktop.store import migrate
from tests.factories import student, visit


def test_upgrade_keeps_old_visits_as_unsigned_drafts_with_their_disposition(site):
    with site.sign_in("clinician") as session:
        pupil = students.create_student(session, student())
        seen = visits.record_visit(session, pupil.id, visit(session.now()))
        given = screenings.administer_screening(
            session, pupil.id, "gad7", dict.fromkeys((f"q{i}" for i in range(1, 8)), 0)
        )
        migrate.downgrade(session.store, "0004")
    with site.sign_in("clinician") as session:  # the next sign-in upgrades (after a backup)
        assert migrate.current_revision(session.store) == migrate.head_revision()
        with session.store.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT id, status FROM visits")).all())
            kept = conn.execute(
                text("SELECT disposition FROM visits WHERE id = :id"), {"id": seen.id.hex}
            ).scalar_one()
            screening_status = conn.execute(text("SELECT status FROM screenings")).scalar_one()
        assert set(rows.values()) == {"draft"}  # nobody signed them: no signature invented
        assert kept == Disposition.RETURNED_TO_CLASS
        assert screening_status == "complete"
        assert given.visit_id is not None
