"""Services behind the clinical workspace: drafts, chart header, timeline, Today, settings."""

import uuid
from datetime import date, timedelta

import pytest

from clinic_desktop import errors
from clinic_desktop.services import chart, drafts, settings, students, today, visits
from clinic_desktop.services import site as site_service
from clinic_desktop.store.models import Partner, Referral
from tests.factories import open_flag, student, visit


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, student())


def test_draft_round_trip_is_per_user_and_student(site, clinician, pupil):
    drafts.save_draft(clinician, "visit", pupil.id, {"reason": "Headache", "note": "Half typed"})
    drafts.save_draft(clinician, "visit", pupil.id, {"reason": "Headache", "note": "More typed"})
    assert drafts.load_draft(clinician, "visit", pupil.id)["note"] == "More typed"
    with site.sign_in("nurse") as nurse:
        assert drafts.load_draft(nurse, "visit", pupil.id) is None
    drafts.discard_draft(clinician, "visit", pupil.id)
    assert drafts.load_draft(clinician, "visit", pupil.id) is None


def test_draft_survives_closing_the_app(site, pupil):
    with site.sign_in("clinician") as session:
        drafts.save_draft(session, "visit", pupil.id, {"note": "typed before the power cut"})
    with site.sign_in("clinician") as session:
        assert drafts.load_draft(session, "visit", pupil.id) == {
            "note": "typed before the power cut"
        }


def test_it_cannot_keep_drafts(it_user, pupil):
    with pytest.raises(errors.PermissionDeniedError):
        drafts.save_draft(it_user, "visit", pupil.id, {})


def test_chart_header_alerts(clinician, pupil):
    header = chart.open_chart(clinician, pupil.id)
    assert header.age == 16 and header.student.last_name == "Ñúñez"
    assert [a.kind for a in header.alerts] == ["consent"]
    students.update_student(clinician, pupil.id, student(foster_care=True))
    kinds = [a.kind for a in chart.open_chart(clinician, pupil.id).alerts]
    assert kinds == ["consent", "foster_care"]


def test_open_acute_flag_leads_the_alerts(clinician, pupil):
    open_flag(clinician, pupil.id, "acute")
    first = chart.open_chart(clinician, pupil.id).alerts[0]
    assert first.severity == "acute" and "safety" in first.text


def test_timeline_is_newest_first_and_pages_backwards(site, clinician, pupil):
    now = site.clock()
    for days in range(5):
        visits.record_visit(
            clinician, pupil.id, visit(now - timedelta(days=days), reason=f"Visit {days}")
        )
    first = chart.timeline(clinician, pupil.id, limit=3)
    assert [e.title for e in first] == [f"Nursing visit: Visit {d}" for d in (0, 1, 2)]
    rest = chart.timeline(clinician, pupil.id, before=first[-1].cursor, limit=3)
    assert [e.title for e in rest] == [f"Nursing visit: Visit {d}" for d in (3, 4)]


def test_timeline_pages_never_skip_entries_sharing_a_timestamp(site, clinician, pupil):
    at = site.clock() - timedelta(hours=2)
    for n in range(7):
        visits.record_visit(clinician, pupil.id, visit(at, reason=f"Same time {n}"))
    seen, cursor = [], None
    while page := chart.timeline(clinician, pupil.id, before=cursor, limit=3):
        seen.extend(e.row_id for e in page)
        cursor = page[-1].cursor
    assert len(seen) == len(set(seen)) == 7


def test_visit_outcome_is_its_own_field(site, clinician, pupil):
    visits.record_visit(clinician, pupil.id, visit(site.clock(), note="Ice pack."))
    [entry] = chart.timeline(clinician, pupil.id)
    assert (entry.detail, entry.outcome) == ("Ice pack.", "Returned to class")
    assert entry.text == "Ice pack. · Outcome: Returned to class"


def test_timeline_hides_behavioral_notes_from_nurses(site, clinician, pupil):
    visits.record_visit(
        clinician,
        pupil.id,
        visit(site.clock(), visit_type="behavioral_health", reason="Grief", note="Private words"),
    )
    with site.sign_in("nurse") as nurse:
        [entry] = chart.timeline(nurse, pupil.id)
    assert entry.hidden and "Private words" not in entry.text
    [entry] = chart.timeline(clinician, pupil.id)
    assert "Private words" in entry.detail


def test_today_lists_visits_flags_and_an_overdue_follow_up(site, clinician, pupil):
    now = site.clock()
    visits.record_visit(clinician, pupil.id, visit(now - timedelta(hours=1)))
    visits.record_visit(clinician, pupil.id, visit(now - timedelta(days=1), reason="Yesterday"))
    open_flag(clinician, pupil.id, "acute")
    _referral(clinician, pupil.id, due=clinician.today() - timedelta(days=2))
    overview = today.today_overview(clinician)
    assert [v.reason for v in overview.visits] == ["Headache"]
    assert [f.severity for f in overview.open_flags] == ["acute"]
    [follow_up] = overview.follow_ups
    assert follow_up.days_overdue == 2 and follow_up.partner_name == "Eastside Counseling"
    assert [s.id for s in overview.seen_this_week] == [pupil.id]


def test_today_uses_the_clinics_calendar_day(site, clinician, pupil):
    site.clock.now = site.clock.local().replace(hour=23, minute=30)  # 06:30 UTC the next day
    visits.record_visit(clinician, pupil.id, visit(site.clock.now - timedelta(hours=22)))
    assert len(today.today_overview(clinician).visits) == 1


def test_settings_defaults_and_admin_change(admin, clinician):
    assert settings.get_settings(clinician).idle_lock_minutes == 5
    assert settings.update_settings(admin, idle_lock_minutes=10).idle_lock_minutes == 10
    assert settings.get_settings(clinician).idle_lock_minutes == 10
    with pytest.raises(errors.ValidationError) as caught:
        settings.update_settings(admin, idle_lock_minutes=0)
    assert caught.value.for_field("idle_lock_minutes")
    with pytest.raises(errors.PermissionDeniedError):
        settings.update_settings(clinician, idle_lock_minutes=2)


def test_confirm_identity_for_the_lock_screen(clinician):
    site_service.confirm_identity(clinician, "clinician-pass-1234")
    with pytest.raises(errors.WrongPasswordError):
        site_service.confirm_identity(clinician, "not-it")


def test_paged_search_and_count(clinician):
    for n in range(7):
        students.create_student(
            clinician, student(district_id=f"D{n}", last_name=f"Zed{n}", first_name="Amy")
        )
    page1 = students.search_students(clinician, "amy", limit=4)
    page2 = students.search_students(clinician, "amy", limit=4, offset=4)
    assert len(page1) == 4 and len(page2) == 3
    assert {s.id for s in page1}.isdisjoint({s.id for s in page2})
    assert students.count_students(clinician, "amy") == 7


# --- helpers: rows that later issues' services will create ------------------------------


def _referral(session, student_id, due: date):
    with session.write() as db:
        partner = Partner(name="Eastside Counseling", kind="community_mental_health")
        db.add(partner)
        db.flush()
        db.add(
            Referral(
                id=uuid.uuid4(),
                student_id=student_id,
                partner_id=partner.id,
                created_by=session.user.id,
                reason="Anxiety",
                urgency="urgent",
                status="sent",
                follow_up_due=due,
            )
        )


def test_maintenance_status(site, clinician):
    status = site_service.maintenance_status(clinician)
    assert status.last_backup_at is None and status.last_sync_at is None
    assert status.backup_overdue
