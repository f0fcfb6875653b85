"""One encounter per sitting and the note's lifecycle, through the services (issue 16)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from clinic_desktop import errors
from clinic_desktop.domain.visits import RETURN_CONFIRMATION
from clinic_desktop.services import printing, screenings, students, today, visits
from clinic_desktop.store.models import AuditEvent, FlagAction, Screening, Visit
from tests.factories import open_flag, student, visit

ASQ_ACUTE = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 1}
GAD7 = {f"q{i}": 1 for i in range(1, 8)}
PHQ9 = {f"q{i}": 0 for i in range(1, 10)}


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def audit_actions(session, action):
    """The details of the audit rows of ``action``, oldest first."""
    with session.read() as db:
        rows = db.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()
        return [row.detail for row in rows]


def chosen(at, **changes):
    """A completed visit: a person chose the disposition."""
    return visit(at, **({"disposition": "sent_home"} | changes))


# --- one encounter per sitting ---------------------------------------------------------------


def test_two_instruments_in_one_sitting_make_one_visit_with_two_96127_units(clinician, pupil):
    assert visits.current_visit(clinician, pupil.id) is None
    first = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9)
    sitting = visits.current_visit(clinician, pupil.id)
    assert sitting is not None and sitting.id == first.visit_id
    second = screenings.administer_screening(clinician, pupil.id, "gad7", GAD7, visit_id=sitting.id)
    assert second.visit_id == first.visit_id
    [only] = visits.list_visits(clinician, pupil.id)
    assert only.cpt_codes == ("96127", "96127")
    assert only.status == "draft" and only.disposition is None
    record = visits.get_visit(clinician, only.id)
    assert [s.instrument_id for s in record.screenings] == ["phq9", "gad7"]


def test_open_visit_starts_a_sitting_once(clinician, pupil):
    opened = visits.open_visit(clinician, pupil.id)
    again = visits.open_visit(clinician, pupil.id)
    assert again.id == opened.id and opened.disposition is None
    assert visits.current_visit(clinician, pupil.id).id == opened.id
    screenings.administer_screening(clinician, pupil.id, "gad7", GAD7, visit_id=opened.id)
    assert len(visits.list_visits(clinician, pupil.id)) == 1


def test_the_current_visit_is_my_own_draft_of_today(site, clinician, pupil):
    mine = visits.open_visit(clinician, pupil.id)
    with site.sign_in("nurse") as nurse:
        assert visits.current_visit(nurse, pupil.id) is None
    visits.update_visit(clinician, mine.id, chosen(site.clock()), sign=True)
    assert visits.current_visit(clinician, pupil.id) is None
    visits.open_visit(clinician, pupil.id)
    site.clock.advance(days=1)
    assert visits.current_visit(clinician, pupil.id) is None  # yesterday's sitting is over


def test_no_visit_is_returned_to_class_unless_a_person_chose_it(clinician, pupil, site):
    screened = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9)
    opened = visits.open_visit(clinician, pupil.id)
    typed = visits.record_visit(
        clinician, pupil.id, visit(site.clock(), disposition=None), sign=False
    )
    assert typed.disposition is None
    with clinician.read() as db:
        stored = db.scalars(select(Visit.disposition)).all()
    assert stored == [None, None] and opened.id == screened.visit_id
    assert "returned_to_class" not in stored


def test_a_pass_never_says_returned_to_class_for_an_open_visit(clinician, pupil):
    screened = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9)
    with pytest.raises(errors.ConflictError) as refused:
        printing.class_pass(clinician, screened.visit_id)
    assert "choose where the student went" in str(refused.value)
    choices = printing.print_choices(clinician, pupil.id)
    assert choices.latest_visit is None  # an open visit is not offered for a pass


def test_returned_to_class_with_an_open_acute_flag_needs_a_confirmed_reason(clinician, pupil, site):
    open_flag(clinician, pupil.id)
    back = visit(site.clock(), disposition="returned_to_class", note="Calm, safety plan done.")
    with pytest.raises(errors.OpenAcuteFlagError):
        visits.record_visit(clinician, pupil.id, back)
    assert visits.list_visits(clinician, pupil.id) == []
    with pytest.raises(errors.ValidationError):
        visits.record_visit(clinician, pupil.id, back, return_reason="x" * 600)
    saved = visits.record_visit(
        clinician, pupil.id, back, return_reason="Crisis team cleared the student at 11:05."
    )
    line = RETURN_CONFIRMATION.format(reason="Crisis team cleared the student at 11:05.")
    assert saved.note == f"Calm, safety plan done.\n\n{line}"
    [event] = audit_actions(clinician, "visit_recorded")
    assert event["returned_with_open_acute_flags"] == 1
    assert "Crisis" not in str(event)
    signed = visits.sign_visit(clinician, saved.id)  # the reason is on file: no second ask
    assert signed.signed and signed.note.count(line) == 1


def test_any_other_disposition_needs_no_reason_with_an_acute_flag(clinician, pupil, site):
    open_flag(clinician, pupil.id)
    saved = visits.record_visit(clinician, pupil.id, visit(site.clock(), disposition="ems"))
    assert visits.sign_visit(clinician, saved.id).disposition == "ems"


def test_signing_refuses_returned_to_class_when_an_acute_flag_came_later(clinician, pupil, site):
    saved = visits.record_visit(clinician, pupil.id, visit(site.clock()))
    open_flag(clinician, pupil.id)
    with pytest.raises(errors.OpenAcuteFlagError):
        visits.sign_visit(clinician, saved.id)
    signed = visits.sign_visit(clinician, saved.id, return_reason="Flag was a data-entry error.")
    assert signed.signed


# --- the note's lifecycle -------------------------------------------------------------------


def test_a_draft_is_edited_by_its_author_and_every_edit_is_audited(site, clinician, pupil):
    saved = visits.record_visit(clinician, pupil.id, visit(site.clock(), disposition=None))
    assert saved.status == "draft" and saved.author_id == clinician.user.id
    edited = visits.update_visit(
        clinician, saved.id, chosen(site.clock(), note="Better after rest.")
    )
    assert edited.note == "Better after rest." and edited.disposition == "sent_home"
    [event] = audit_actions(clinician, "visit_updated")
    assert event["fields"] == ["note", "disposition"]
    with site.sign_in("nurse") as nurse, pytest.raises(errors.PermissionDeniedError):
        visits.update_visit(nurse, saved.id, chosen(site.clock()))


def test_signing_needs_a_disposition_and_records_who_and_when(site, clinician, pupil):
    saved = visits.record_visit(clinician, pupil.id, visit(site.clock(), disposition=None))
    with pytest.raises(errors.ValidationError) as refused:
        visits.sign_visit(clinician, saved.id)
    assert refused.value.for_field("disposition")
    visits.update_visit(clinician, saved.id, chosen(site.clock()))
    site.clock.advance(minutes=5)
    signed = visits.sign_visit(clinician, saved.id)
    assert signed.status == "signed" and signed.signer == "Clinician"
    assert signed.signed_at == site.clock()
    assert len(audit_actions(clinician, "visit_signed")) == 1


def test_a_screening_still_in_progress_keeps_the_visit_from_being_signed(clinician, pupil, site):
    saved = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9)
    visits.update_visit(clinician, saved.visit_id, chosen(site.clock()))
    with clinician.write() as db:
        db.get(Screening, saved.id).status = "in_progress"
    with pytest.raises(errors.ConflictError):
        visits.sign_visit(clinician, saved.visit_id)


def test_a_signed_visit_never_changes_except_by_addenda(site, clinician, pupil):
    saved = visits.record_visit(clinician, pupil.id, chosen(site.clock()), sign=True)
    assert saved.signed
    with pytest.raises(errors.ConflictError) as refused:
        visits.update_visit(clinician, saved.id, chosen(site.clock(), note="rewritten"))
    assert "addendum" in str(refused.value)
    with pytest.raises(errors.ConflictError):
        visits.sign_visit(clinician, saved.id)
    site.clock.advance(hours=2)
    amended = visits.add_addendum(
        clinician, saved.id, "Guardian called back", "Mother confirms no fever at home."
    )
    assert amended.note == saved.note
    [addendum] = amended.addenda
    assert (addendum.author, addendum.reason, addendum.late_entry) == (
        "Clinician",
        "Guardian called back",
        False,
    )
    assert addendum.written_at == site.clock()
    assert len(audit_actions(clinician, "visit_addendum")) == 1
    assert visits.list_visits(clinician, pupil.id)[0].addenda == amended.addenda


def test_an_addendum_needs_a_reason_and_text_and_a_late_entry_its_time(site, clinician, pupil):
    saved = visits.record_visit(clinician, pupil.id, chosen(site.clock()), sign=True)
    with pytest.raises(errors.ValidationError) as refused:
        visits.add_addendum(clinician, saved.id, "", "")
    assert refused.value.for_field("reason") and refused.value.for_field("text")
    with pytest.raises(errors.ValidationError) as refused:
        visits.add_addendum(clinician, saved.id, "Forgot", "Ice pack given.", late_entry=True)
    assert refused.value.for_field("refers_to")
    late = visits.add_addendum(
        clinician,
        saved.id,
        "Forgot",
        "Ice pack given.",
        late_entry=True,
        refers_to=site.clock() - timedelta(minutes=30),
    )
    assert late.addenda[0].late_entry and late.addenda[0].refers_to is not None


def test_a_draft_takes_no_addendum(site, clinician, pupil):
    saved = visits.record_visit(clinician, pupil.id, chosen(site.clock()))
    with pytest.raises(errors.ConflictError):
        visits.add_addendum(clinician, saved.id, "Why", "What")


def test_a_visit_recorded_for_an_earlier_day_is_a_late_entry(site, clinician, pupil):
    earlier = visits.record_visit(
        clinician, pupil.id, chosen(site.clock() - timedelta(days=1)), sign=True
    )
    today = visits.record_visit(clinician, pupil.id, chosen(site.clock()))
    assert earlier.late_entry and not today.late_entry
    [event] = [e for e in audit_actions(clinician, "visit_signed")]
    assert event["late_entry"] is True


def test_a_nurse_sees_that_a_behavioral_visit_has_addenda_not_what_they_say(site, clinician, pupil):
    bh = chosen(site.clock(), visit_type="behavioral_health", reason="Low mood")
    saved = visits.record_visit(clinician, pupil.id, bh, sign=True)
    visits.add_addendum(clinician, saved.id, "Safety plan", "Plan reviewed with student.")
    with site.sign_in("nurse") as nurse:
        [seen] = visits.list_visits(nurse, pupil.id)
        [addendum] = seen.addenda
        assert addendum.hidden and addendum.text == "" and addendum.reason == ""
        assert seen.signer == "Clinician" and seen.signed
        with pytest.raises(errors.PermissionDeniedError):
            visits.add_addendum(nurse, saved.id, "Note", "Text")


def test_the_visit_record_lists_its_screenings_flags_and_actions(site, clinician, pupil):
    saved = screenings.administer_screening(clinician, pupil.id, "asq", ASQ_ACUTE)
    [flag] = saved.flags
    with clinician.write() as db:
        db.add(
            FlagAction(
                flag_id=flag.id,
                action="guardian_contacted",
                occurred_at=site.clock(),
                recorded_at=site.clock(),
                recorded_by=clinician.user.id,
                person="María Ñúñez (mother)",
                note="Coming to pick up.",
            )
        )
    record = visits.get_visit(clinician, saved.visit_id)
    [screening] = record.screenings
    [shown] = screening.flags
    assert screening.instrument_id == "asq" and shown.severity == "acute"
    assert [(a.action, a.person) for a in shown.actions] == [
        ("guardian_contacted", "María Ñúñez (mother)")
    ]
    with site.sign_in("nurse") as nurse:
        seen = visits.get_visit(nurse, saved.visit_id)  # a behavioral-health visit
        assert seen.restricted and seen.screenings == ()  # that it exists, not what it holds
    assert len(audit_actions(clinician, "visit_viewed")) == 2  # clinician, nurse


def test_today_lists_my_unsigned_notes_oldest_first(site, clinician, pupil):
    yesterday = visits.record_visit(clinician, pupil.id, chosen(site.clock() - timedelta(days=1)))
    screened = screenings.administer_screening(clinician, pupil.id, "phq9", PHQ9)
    visits.record_visit(clinician, pupil.id, chosen(site.clock()), sign=True)
    with site.sign_in("nurse") as nurse:
        visits.record_visit(nurse, pupil.id, chosen(site.clock()))
        assert [n.visit_id for n in today.today_overview(nurse).unsigned] != [yesterday.id]
    notes = today.today_overview(clinician).unsigned
    assert [n.visit_id for n in notes] == [yesterday.id, screened.visit_id]
    assert notes[1].disposition is None
