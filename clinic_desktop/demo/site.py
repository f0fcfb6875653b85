"""The demo clinic: a complete site with realistic fake students, guardians and a school
year of visits, so there is something real to see and to test against.

Everything is fake (names come from ``resources/demo``) and deterministic for a seed.
The demo lives in its own data folder (``paths.demo_data_dir``), never a real site's.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from clinic_desktop import errors
from clinic_desktop.clock import Clock, utc_now
from clinic_desktop.demo.care import CarePlayer, DemoSubject
from clinic_desktop.demo.care_plan import CareSubject, plan_care
from clinic_desktop.demo.data import DemoClinic, demo_visits_for, generate_demo_clinic
from clinic_desktop.domain.audit import AuditAction
from clinic_desktop.domain.csvfile import ImportReport
from clinic_desktop.domain.roles import Permission, Role
from clinic_desktop.domain.roster import parse_roster, school_codes
from clinic_desktop.domain.students import validated_guardian, validated_student
from clinic_desktop.domain.visits import VisitInput, VisitStatus, VisitType, validated_visit
from clinic_desktop.services import roster as roster_service
from clinic_desktop.services import site, users
from clinic_desktop.services import sync as sync_service
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.students import guardian_row, insert_student
from clinic_desktop.services.unit import unit_of_work
from clinic_desktop.store.models import Guardian, School, Student, User, Visit, VisitAddendum

DEMO_SITE_CODE = "DEMO"
DEMO_SITE_NAME = "Riverside Unified School-Based Health Center (DEMO)"

#: The demo staff: user name, role, display name.
DEMO_STAFF: tuple[tuple[str, Role, str], ...] = (
    ("admin", Role.ADMIN, "Pat Okafor (Administrator)"),
    ("clinician", Role.CLINICIAN, "Dana Whitfield, LCSW"),
    ("nurse", Role.NURSE, "Lucía Ramírez, RN"),
    ("it", Role.IT, "Sam Chen (District IT)"),
)

#: Well-known passwords for ``clinic-desktop --demo``; shown on its sign-in screen.
DEMO_PASSWORDS: dict[str, str] = {name: f"demo-{name}-2026" for name, _, _ in DEMO_STAFF}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role


def ensure_demo_site(
    data_dir: Path, *, students: int = 200, seed: int = 2026, clock: Clock = utc_now
) -> tuple[DemoAccount, ...]:
    """Create the demo clinic once (with ``DEMO_PASSWORDS``); return its accounts."""
    if not site.site_exists(data_dir):
        return create_demo_site(
            data_dir, students=students, seed=seed, passwords=DEMO_PASSWORDS, clock=clock
        )
    return tuple(DemoAccount(n, DEMO_PASSWORDS[n], r) for n, r, _ in DEMO_STAFF)


def create_demo_site(
    data_dir: Path,
    *,
    students: int = 200,
    seed: int = 2026,
    roster: bytes | None = None,
    password: str | None = None,
    passwords: Mapping[str, str] | None = None,
    care: bool = True,
    clock: Clock = utc_now,
    roster_report: Callable[[ImportReport], None] | None = None,
) -> tuple[DemoAccount, ...]:
    """Set up a demo site: users ``admin``, ``clinician``, ``nurse``, ``it``.

    With ``care`` (the default) the year's consents, screenings, flags, partners and
    referrals come too (``demo.care_plan``); without it, students and visits only (for
    tests that add clinical rows of their own and count them).

    Passwords: ``passwords`` per user, else ``password`` for all, else generated ones
    (returned, so the caller can print them). With ``roster`` (CSV bytes) its students
    replace the generated ones and get generated visits; the school codes the file names
    become the demo's schools, and ``roster_report`` receives what the import did (rows
    it rejected are not in the demo).
    """
    if students < 0:
        raise errors.ValidationError([errors.FieldError("students", "must not be negative")])
    chosen = {
        name: (passwords or {}).get(name) or password or secrets.token_urlsafe(12)
        for name, _, _ in DEMO_STAFF
    }
    setup = site.setup_site(
        data_dir,
        site_code=DEMO_SITE_CODE,
        site_name=DEMO_SITE_NAME,
        admin_username="admin",
        admin_password=chosen["admin"],
        admin_display_name=DEMO_STAFF[0][2],
        clock=clock,
    )
    del setup  # the demo's recovery key is not needed: its passwords are known
    with site.sign_in(data_dir, "admin", chosen["admin"], clock=clock) as admin:
        for name, role, display in DEMO_STAFF[1:]:
            users.add_user(admin, name, chosen[name], role, display)
        if roster is not None:
            report = roster_service.import_roster(admin, roster, add_schools=school_codes(roster))
            if roster_report is not None:
                roster_report(report)
    with site.sign_in(data_dir, "clinician", chosen["clinician"], clock=clock) as clinician:
        _populate(clinician, students=students, seed=seed, roster=roster, care=care)
    return tuple(DemoAccount(n, chosen[n], r) for n, r, _ in DEMO_STAFF)


def _populate(
    session: ClinicSession, *, students: int, seed: int, roster: bytes | None, care: bool
) -> None:
    now = session.now()
    tz = session.zone()  # school hours are local
    today = session.today()
    start = school_year_start(today)
    clinic = generate_demo_clinic(
        students=0 if roster is not None else students,
        seed=seed,
        school_year_start=start,
        today=today,
        tz=tz,
    )
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        db = work.db
        _add_schools(db, clinic)
        writer = _VisitWriter(db, session, now)
        if roster is None:
            for demo_student in clinic.students:
                row = insert_student(db, validated_student(demo_student.student, today))
                for guardian in demo_student.guardians:
                    db.add(guardian_row(row.id, validated_guardian(guardian)))
                writer.add(row, demo_student.visits)
        else:
            inputs = [row.student for row in parse_roster(roster, today).rows]
            visits = demo_visits_for(inputs, seed=seed, school_year_start=start, today=today, tz=tz)
            for row in db.scalars(select(Student)):
                writer.add(row, visits.get(row.district_id or "", ()))
        db.flush()
        subjects = writer.subjects(db)
        detail = {"seed": seed, "students": students}
        work.audit(AuditAction.DEMO_DATA_GENERATED, detail=detail)
    if care:
        steps = [
            (step, subject)
            for subject in subjects
            for step in plan_care(
                subject.care, seed=seed, school_year_start=start, today=today, tz=tz
            )
        ]
        steps.sort(key=lambda pair: pair[0].at)
        CarePlayer(session).play(steps)
    _document_notes(session, seed)


#: Addenda the demo writes to a few signed notes: (reason, text), and the late entries
#: (something done during the visit and written down the next day).
DEMO_ADDENDA = (
    ("Guardian called back", "Guardian returned the call and agrees with the plan."),
    ("Follow-up", "Student checked in the next morning and reports feeling better."),
    ("Correction", "Time spent was 10 minutes longer than first noted."),
)
DEMO_LATE_ENTRY = (
    "Late entry",
    "Guardian was phoned during the visit and informed; not written down at the time.",
)
#: The demo clinician's newest visits left unsigned (Today's "My unsigned notes").
DEMO_UNSIGNED = 2


def _document_notes(session: ClinicSession, seed: int) -> None:
    """Sign the demo's notes as their authors would have, add a few addenda and late
    entries, and leave the demo clinician's newest visits unsigned (issue 16).

    Run after the care plan, whose screenings join their visits while they are drafts.
    Deterministic for a seed: each visit's fate depends on the seed and its order.
    """
    now = session.now()
    zone = session.zone()
    rng = random.Random(f"{seed}:notes")
    with unit_of_work(session, Permission.EDIT_DEMOGRAPHICS) as work:
        db = work.db
        rows = db.scalars(
            select(Visit).where(Visit.deleted_at.is_(None)).order_by(Visit.occurred_at, Visit.id)
        ).all()
        mine = [r for r in rows if r.author_id == session.user.id]
        unsigned = {r.id for r in mine[-DEMO_UNSIGNED:]}
        signed = addenda = late = 0
        for row in rows:
            if row.id in unsigned:
                if row is mine[-1]:
                    row.disposition = None  # still open: no one has chosen yet
                continue
            if row.disposition is None:
                continue  # a visit no person completed stays a draft
            finished = row.occurred_at + timedelta(minutes=row.duration_minutes or 15)
            written = finished + timedelta(minutes=rng.randint(2, 40))
            next_day = row.occurred_at.astimezone(zone).date() + timedelta(days=1)
            morning = datetime(next_day.year, next_day.month, next_day.day, 8, 5, tzinfo=zone)
            if rng.random() < 0.03 and morning < now:
                written, row.late_entry = morning, True  # documented the next school day
                late += 1
            row.status = VisitStatus.SIGNED
            row.signed_by = row.author_id
            row.signed_at = min(written, now)
            signed += 1
            later = row.signed_at + timedelta(days=1, minutes=rng.randint(0, 240))
            if rng.random() < 0.04 and later < now:
                is_late = rng.random() < 0.35
                reason, text = DEMO_LATE_ENTRY if is_late else rng.choice(DEMO_ADDENDA)
                db.add(
                    VisitAddendum(
                        visit_id=row.id,
                        author_id=row.author_id,
                        written_at=later,
                        reason=reason,
                        text=text,
                        late_entry=is_late,
                        refers_to=row.occurred_at + timedelta(minutes=5) if is_late else None,
                    )
                )
                addenda += 1
        db.flush()
        detail = {"signed": signed, "addenda": addenda, "late_entries": late}
        work.audit(AuditAction.DEMO_DATA_GENERATED, detail=detail | {"unsigned": len(unsigned)})


#: Why the demo's acceptance of an export profile is not a real administrator's review.
ON_BEHALF = "the demo clinic's made-up administrator (demo data only)"


def accept_export_profile(
    data_dir: Path, password: str = DEMO_PASSWORDS["admin"], *, clock: Clock = utc_now
) -> None:
    """Accept the district's export profile of a provisioned demo clinic as its made-up
    administrator: recorded (and audited) as accepted on that fake person's behalf."""
    with site.sign_in(data_dir, "admin", password, clock=clock) as admin:
        sync_service.accept_export_profile(admin, on_behalf=ON_BEHALF)


def school_year_start(today: date) -> date:
    """The school year begins in mid-August: this year's, or last year's before then."""
    year = today.year if (today.month, today.day) >= (8, 15) else today.year - 1
    return date(year, 8, 15)


def _add_schools(db: Session, clinic: DemoClinic) -> None:
    for school in clinic.schools:
        if db.scalar(select(School).where(School.code == school.code)) is None:
            db.add(School(code=school.code, name=school.name, zip_code=school.zip_code))
    db.flush()


class _VisitWriter:
    """Adds validated demo visits; nursing visits are authored by the demo nurse."""

    def __init__(self, db: Session, session: ClinicSession, now: datetime) -> None:
        self._db = db
        self._now = now
        self._clinician = session.user.id
        self._nurse = db.scalar(select(User.id).where(User.username == "nurse"))
        self._added: list[tuple[Student, list[tuple[VisitInput, Visit]]]] = []

    def subjects(self, db: Session) -> list[DemoSubject]:
        """Each student written so far, with what the care plan needs (after a flush: the
        visits' ids, to link screenings to them)."""
        signers: dict[uuid.UUID, uuid.UUID] = {}  # each student's first consenting guardian
        consenting = select(Guardian.student_id, Guardian.id).where(Guardian.can_consent)
        in_order_added = literal_column("guardians.rowid")
        for student_id, guardian_id in db.execute(consenting.order_by(in_order_added)):
            signers.setdefault(student_id, guardian_id)
        out = []
        for student, visits in self._added:
            signer = signers.get(student.id)
            care = CareSubject(
                district_id=student.district_id or str(student.id),
                date_of_birth=student.date_of_birth,
                can_consent=signer is not None,
                visits=[given for given, _ in visits],
            )
            visit_ids = {given.occurred_at: row.id for given, row in visits}
            out.append(DemoSubject(student.id, signer, visit_ids, care))
        return out

    def add(self, student: Student, visits: tuple[VisitInput, ...]) -> None:
        """Add the visits that have already happened (the plan runs to the end of today)."""
        added: list[tuple[VisitInput, Visit]] = []
        self._added.append((student, added))
        for visit in visits:
            if visit.occurred_at > self._now:
                continue
            clean = validated_visit(visit, self._now)
            nursing = clean.visit_type == VisitType.NURSING
            row = Visit(
                student_id=student.id,
                author_id=self._nurse if nursing else self._clinician,
                visit_type=clean.visit_type,
                occurred_at=clean.occurred_at,
                reason=clean.reason,
                note=clean.note,
                disposition=clean.disposition,
                duration_minutes=clean.duration_minutes,
                icd10_codes=list(clean.icd10_codes),
                cpt_codes=list(clean.cpt_codes),
            )
            self._db.add(row)
            added.append((visit, row))
