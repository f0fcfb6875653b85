"""Migration 0004: ``student_terms`` holds exactly the words of every ``search_key``.

The roster search trusts this table instead of reading each student's key, so it must hold
the words of rows written before the upgrade (backfill) and follow every later insert,
change of key and delete (triggers), whoever writes the row.
"""

from sqlalchemy import text

from clinic_desktop.services import students
from clinic_desktop.store import migrate
from tests.factories import student


def _terms(conn, student_id) -> set[str]:
    rows = conn.execute(
        text("SELECT term FROM student_terms WHERE student_id = :id"), {"id": student_id.hex}
    )
    return {term for (term,) in rows}


def _key_words(conn, student_id) -> set[str]:
    key = conn.execute(
        text("SELECT search_key FROM students WHERE id = :id"), {"id": student_id.hex}
    ).scalar_one()
    return set(key.split(" ")) - {""}


def test_real_upgrade_to_0004_backfills_the_words_of_existing_students(site):
    with site.sign_in("clinician") as session:
        pupil = students.create_student(session, student())
        other = students.create_student(
            session, student(first_name="Ana María", last_name="O'Brien-Díaz", district_id="")
        )
        migrate.downgrade(session.store, "0003")
        with session.store.engine.connect() as conn:
            tables = conn.execute(text("SELECT name FROM sqlite_master")).scalars().all()
        assert "student_terms" not in tables
    with site.sign_in("clinician") as session:  # the next sign-in upgrades (after a backup)
        assert migrate.current_revision(session.store) == migrate.head_revision()
        with session.store.engine.connect() as conn:
            assert _terms(conn, pupil.id) == {"jose", "nunez", "pepe", "d1000001"}
            assert _terms(conn, other.id) == _key_words(conn, other.id)
            assert {"ana", "maria", "obrien", "diaz"} <= _terms(conn, other.id)
        assert [s.id for s in students.search_students(session, "obri ana")] == [other.id]


def test_triggers_follow_inserts_key_changes_and_deletes(site):
    with site.sign_in("clinician") as session:
        pupil = students.create_student(session, student())
        students.update_student(session, pupil.id, student(first_name="Josefina"))
        with session.store.engine.begin() as conn:
            assert _terms(conn, pupil.id) == {"josefina", "nunez", "pepe", "d1000001"}
            # Any writer, any text: quotes, backslashes and repeated spaces split the same.
            conn.execute(
                text("UPDATE students SET search_key = :key WHERE id = :id"),
                {"key": ' a"b  c\\d\te  ', "id": pupil.id.hex},
            )
            assert _terms(conn, pupil.id) == {'a"b', "c\\d\te"}
            conn.execute(text("DELETE FROM students WHERE id = :id"), {"id": pupil.id.hex})
            assert _terms(conn, pupil.id) == set()


def test_search_finds_word_starts_through_the_terms(site):
    with site.sign_in("clinician") as session:
        pupil = students.create_student(session, student())
        students.create_student(
            session,
            student(first_name="Marco", last_name="Nunes", district_id="D2", preferred_name=""),
        )
        found = {
            query: [s.id for s in students.search_students(session, query)]
            for query in ("nuñ jo", "JOSÉ", "pep", "d100", "D1000001", "unez", "jose marco")
        }
    assert found["nuñ jo"] == found["JOSÉ"] == found["pep"] == [pupil.id]
    assert found["d100"] == found["D1000001"] == [pupil.id]
    assert found["unez"] == found["jose marco"] == []
