"""The demo clinic: complete, realistic, deterministic for a seed, never a real site."""

from collections import Counter

from sqlalchemy import func, select

from clinic_desktop.demo import site as demo
from clinic_desktop.domain.referrals import ReferralStatus
from clinic_desktop.services import site as site_service
from clinic_desktop.services import students
from clinic_desktop.store.models import Guardian, School, Student, User, Visit


def _counts(session):
    with session.read() as db:
        return {
            model.__tablename__: db.scalar(select(func.count()).select_from(model))
            for model in (School, Student, Guardian, Visit, User)
        }


def _names(data_dir, clock):
    with site_service.sign_in(data_dir, "clinician", "same-pass-1", clock=clock) as session:
        return [s.display_name for s in students.search_students(session, "", limit=1000)]


def test_demo_site_has_users_students_guardians_and_visits(tmp_path, clock):
    clock.now = clock.local().replace(year=2027, month=5, day=20)  # a whole school year behind
    accounts = demo.create_demo_site(tmp_path / "demo", students=40, seed=7, clock=clock)
    assert {a.username for a in accounts} == {"admin", "clinician", "nurse", "it"}
    by_name = {a.username: a for a in accounts}
    with site_service.sign_in(
        tmp_path / "demo", "clinician", by_name["clinician"].password, clock=clock
    ) as session:
        counts = _counts(session)
        names = " ".join(s.display_name for s in students.search_students(session, ""))
        with session.read() as db:
            latest = db.scalar(select(func.max(Visit.occurred_at)))
    assert counts["students"] == 40 and counts["users"] == 4
    assert counts["guardians"] >= 40 and counts["visits"] > 80 and counts["schools"] == 3
    assert latest <= clock.now
    assert any(ch in names for ch in "áéíóúñễồịỹŁł'"), "demo names should exercise Unicode"


def test_demo_is_deterministic_for_a_seed(tmp_path, clock):
    for folder in ("a", "b", "c"):
        demo.create_demo_site(
            tmp_path / folder,
            students=15,
            seed=11 if folder != "c" else 12,
            password="same-pass-1",
            clock=clock,
        )
    a, b, c = (_names(tmp_path / f, clock) for f in ("a", "b", "c"))
    assert a == b and a != c


def test_demo_from_a_roster_uses_those_students(tmp_path, clock):
    roster = (
        "district_id,first_name,last_name,date_of_birth,school_code\n"
        "R1,Ngọc Ánh,Phạm,2012-02-02,RMS\n"
        "R2,Ahmed,Farah,2010-09-09,LHS\n"
    ).encode()
    demo.create_demo_site(
        tmp_path / "r", roster=roster, seed=3, password="same-pass-1", clock=clock
    )
    assert sorted(_names(tmp_path / "r", clock)) == ["Farah, Ahmed", "Phạm, Ngọc Ánh"]


def test_ensure_demo_site_is_idempotent_with_known_passwords(tmp_path, clock):
    first = demo.ensure_demo_site(tmp_path / "d", students=5, clock=clock)
    again = demo.ensure_demo_site(tmp_path / "d", students=5, clock=clock)
    assert first == again
    assert {a.password for a in first} == set(demo.DEMO_PASSWORDS.values())
    site_service.sign_in(tmp_path / "d", "nurse", demo.DEMO_PASSWORDS["nurse"], clock=clock).close()


def test_the_demo_year_has_consents_screenings_flags_and_referrals_to_follow_up(tmp_path, clock):
    """Made through the real services at their own moments: the Today screen, the charts
    and the district report have something to show, and the audit chain holds."""
    from clinic_desktop.services import audit, referrals
    from clinic_desktop.store.models import (
        AuditEvent,
        Consent,
        FlagAction,
        Partner,
        Referral,
        RiskFlag,
    )
    from clinic_desktop.store.models import Screening as ScreeningRow

    clock.now = clock.local().replace(year=2027, month=3, day=19)  # most of a school year
    demo.create_demo_site(
        tmp_path / "demo", students=60, seed=7, password="same-pass-1", clock=clock
    )
    with site_service.sign_in(tmp_path / "demo", "clinician", "same-pass-1", clock=clock) as s:
        with s.read() as db:
            partners = db.scalar(select(func.count()).select_from(Partner))
            services = db.scalars(select(Consent.student_id).where(Consent.kind == "services"))
            consented = len(set(services))
            releases = db.scalar(
                select(func.count()).where(Consent.kind == "release_of_information")
            )
            screened = db.execute(select(ScreeningRow.administered_at, ScreeningRow.visit_id)).all()
            statuses = set(db.scalars(select(Referral.status)))
            referral_count = db.scalar(select(func.count()).select_from(Referral))
            flags = db.execute(select(RiskFlag.raised_at, RiskFlag.resolved_at)).all()
            closed_notes = db.scalars(
                select(RiskFlag.action_note).where(RiskFlag.resolved_at.is_not(None))
            ).all()
            actions = db.execute(select(FlagAction.flag_id, FlagAction.referral_id)).all()
            audited = set(db.scalars(select(AuditEvent.action)))
        follow_ups = referrals.follow_up_page(s)
    with site_service.sign_in(tmp_path / "demo", "admin", "same-pass-1", clock=clock) as admin:
        chain = audit.verify_audit(admin)
    assert partners == 4
    assert 30 < consented < 60  # most students, not every one: the missing-consent banner
    assert releases == referral_count > 0  # each referral went out under a release
    assert screened and all(at <= clock.now and visit for at, visit in screened)
    assert len(statuses) >= 2 and statuses <= {s.value for s in ReferralStatus}
    assert follow_ups.total > 0  # referrals waiting on a partner: the Today card has rows
    assert flags and all(resolved is None or resolved > raised for raised, resolved in flags)
    # Safety documentation: closed flags have notes, several actions, a linked referral.
    assert closed_notes and all(closed_notes)
    per_flag = Counter(flag for flag, _ in actions)
    assert per_flag and max(per_flag.values()) >= 3
    assert any(referral is not None for _, referral in actions)
    assert {"screening_recorded", "referral_created", "consent_recorded"} <= audited
    assert chain.ok


def test_a_demo_without_care_has_visits_only(tmp_path, clock):
    from clinic_desktop.store.models import Referral
    from clinic_desktop.store.models import Screening as ScreeningRow

    demo.create_demo_site(
        tmp_path / "d", students=20, seed=7, password="same-pass-1", care=False, clock=clock
    )
    with (
        site_service.sign_in(tmp_path / "d", "clinician", "same-pass-1", clock=clock) as s,
        s.read() as db,
    ):
        assert db.scalar(select(func.count()).select_from(ScreeningRow)) == 0
        assert db.scalar(select(func.count()).select_from(Referral)) == 0
        assert db.scalar(select(func.count()).select_from(Visit)) > 0


def test_the_demo_has_signed_notes_addenda_late_entries_and_my_unsigned_notes(tmp_path, clock):
    """Issue 16: notes signed by their authors, a few addenda and late entries, and the
    demo clinician's newest visits left unsigned for Today's "My unsigned notes"."""
    from clinic_desktop.services import today
    from clinic_desktop.store.models import VisitAddendum

    clock.now = clock.local().replace(year=2027, month=5, day=20)
    demo.create_demo_site(
        tmp_path / "d", students=60, seed=7, password="same-pass-1", care=False, clock=clock
    )
    with site_service.sign_in(tmp_path / "d", "clinician", "same-pass-1", clock=clock) as s:
        with s.read() as db:
            statuses = dict(
                db.execute(select(Visit.status, func.count()).group_by(Visit.status)).all()
            )
            late = db.scalar(select(func.count()).where(Visit.late_entry.is_(True)))
            addenda = db.execute(select(VisitAddendum.late_entry, VisitAddendum.refers_to)).all()
            unsigned_signer = db.scalar(
                select(func.count()).where(Visit.status == "draft", Visit.signed_by.is_not(None))
            )
        notes = today.today_overview(s).unsigned
    assert statuses["signed"] > 80 and statuses["draft"] == 2 and unsigned_signer == 0
    assert late > 0 and len(addenda) > 0
    assert any(is_late and at is not None for is_late, at in addenda)
    assert len(notes) == 2 and [n.disposition for n in notes].count(None) == 1


def test_the_demo_accepts_an_export_profile_on_behalf_of_its_made_up_administrator(tmp_path, clock):

    from clinic_desktop.services import sync as sync_service
    from clinic_desktop.store.models import AuditEvent
    from clinic_desktop.sync import keys

    demo.create_demo_site(
        tmp_path / "d", students=3, password="same-pass-1", care=False, clock=clock
    )
    keys.generate_district_keys(tmp_path / "district", "Riverside Unified")
    provisioning = (tmp_path / "district" / keys.PROVISIONING_NAME).read_bytes()
    with site_service.sign_in(tmp_path / "d", "it", "same-pass-1", clock=clock) as it:
        sync_service.provision(it, provisioning)
        assert not sync_service.export_profile(it).accepted
        demo.accept_export_profile(tmp_path / "d", "same-pass-1", clock=clock)
        assert sync_service.export_profile(it).accepted
        with it.read() as db:
            [(user, detail)] = db.execute(
                select(AuditEvent.username, AuditEvent.detail).where(
                    AuditEvent.action == "sync_profile_accepted"
                )
            )
    assert user == "admin" and detail["on_behalf"] == demo.ON_BEHALF
