"""A deterministic synthetic clinic site for benchmarks, at two scales.

    S: 5,000 students, 60,000 visits, 30,000 screenings, 5,000 referrals
    L: 50,000 students, 600,000 visits, 300,000 screenings, 50,000 referrals

plus guardians, partners, consents (a services consent per student and a release for most
referrals), referral events, risk flags and one hash-chained audit row per record written,
as the services would have left them.

Everything is fake (names from ``resources/demo`` through ``demo.data``) and the same
for the same scale and seed. The site is made the real way (``services.site.setup_site``,
real Argon2id key slots, real users, sync provisioning) and then filled in bulk: ORM bulk
INSERTs inside ``store.write()`` transactions (``BEGIN IMMEDIATE`` + durable commit) of one
chunk of students each, on the same schema, indices and encryption as the app. Because bulk
inserts skip the session's flush hook, this module does what the hook does: timestamps,
``change_seq`` from the database-wide counter, and ``search_key`` / ``sort_key`` computed by
``services.students``' own functions; audit rows are chained with ``store.audit.row_hash``.

The site lives in ``$BENCH_DIR`` (default ``/tmp/clinic-bench``), outside the repository,
and is reused when complete (the L site takes a long time to build).

    PYTHONPATH=. python benchmarks/generate.py --scale S
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import shutil
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from clinic_desktop.demo.data import DemoStudent, generate_demo_clinic
from clinic_desktop.domain import screening as screening_domain
from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.domain.roles import Role
from clinic_desktop.domain.students import validated_guardian, validated_student
from clinic_desktop.domain.visits import VisitInput, validated_visit
from clinic_desktop.paths import SitePaths
from clinic_desktop.services import site as site_service
from clinic_desktop.services import sync as sync_service
from clinic_desktop.services import users as users_service
from clinic_desktop.services.students import _search_key, sort_key
from clinic_desktop.store.audit import GENESIS, row_hash
from clinic_desktop.store.models import (
    AuditEvent,
    ChangeCounter,
    Consent,
    Guardian,
    Partner,
    Referral,
    ReferralEvent,
    RiskFlag,
    School,
    Screening,
    Student,
    User,
    Visit,
)
from clinic_desktop.sync import keys as sync_keys

#: Bump when the generated data changes shape, so old sites are rebuilt, not reused.
GENERATOR_VERSION = 3  # 3: the export profile is accepted by the administrator
SEED = 20261120
#: "Today" for the generated history: fixed, so the data never depends on the run date.
ANCHOR = date(2026, 11, 20)
HISTORY_DAYS = 3 * 365
TZ = ZoneInfo("America/Los_Angeles")
SITE_CODE = "BENCH"
SITE_NAME = "Benchmark Unified School-Based Health Center (SYNTHETIC DATA)"
#: Fake site, fake people: one shared, published password for every bench account.
PASSWORD = "bench-site-Passw0rd-2026"
STAFF = (
    ("clinician", Role.CLINICIAN, "Bench Clinician, LCSW"),
    ("nurse", Role.NURSE, "Bench Nurse, RN"),
    ("it", Role.IT, "Bench IT"),
)
INSTRUMENTS = ("phq9", "phqa", "gad7", "phq2", "asq", "crafft", "psc17_youth")
PARTNERS = 24
CHUNK_STUDENTS = 1000
MARKER = "bench-site.json"
#: Share of referrals older than 60 days still open (follow-up never recorded).
STALE_OPEN_RATE = 0.03


@dataclass(frozen=True)
class Scale:
    name: str
    students: int
    visits: int
    screenings: int
    referrals: int


SCALES = {
    "S": Scale("S", 5_000, 60_000, 30_000, 5_000),
    "L": Scale("L", 50_000, 600_000, 300_000, 50_000),
    #: A smoke-test size for checking the benchmark itself.
    "T": Scale("T", 300, 3_600, 1_800, 300),
}


@dataclass(frozen=True)
class BenchSite:
    """Where a generated site lives and what it holds."""

    scale: Scale
    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / f"site-{self.scale.name}"

    @property
    def database(self) -> Path:
        return SitePaths(self.data_dir).database

    @property
    def district_dir(self) -> Path:
        return self.root / f"district-{self.scale.name}"

    @property
    def trust_dir(self) -> Path:
        return self.root / f"trust-{self.scale.name}"

    @property
    def marker(self) -> Path:
        return self.data_dir / MARKER

    def info(self) -> dict[str, Any]:
        return json.loads(self.marker.read_text())

    def complete(self) -> bool:
        try:
            info = self.info()
        except (OSError, ValueError):
            return False
        return info.get("version") == GENERATOR_VERSION and info.get("scale") == self.scale.name


#: Names for synthetic roster files (accents and apostrophes, as real rosters carry).
_ROSTER_FIRST = (
    "José",
    "Ana",
    "Thị Hồng",
    "Zoë",
    "Liam",
    "Noah",
    "Mía",
    "Sofía",
    "Ethan",
    "Ava",
    "Chloé",
    "Ren",
    "Łukasz",
    "Amara",
    "Kai",
    "Nadia",
    "Omar",
    "Ivy",
)
_ROSTER_LAST = (
    "Ñúñez",
    "García",
    "Nguyễn",
    "Smith",
    "O'Brien",
    "Kim",
    "Wiśniewski",
    "Patel",
    "Lopez",
    "Chen",
    "Okafor",
    "Haddad",
    "Ruiz-Pérez",
    "Johnson",
    "Tanaka",
)
ROSTER_HEADER = (
    "district_id,first_name,last_name,preferred_name,date_of_birth,sex,grade,school_code,"
    "zip,language,guardian_name,guardian_relation,guardian_phone"
)


def roster_csv(rows: int, school_codes: Sequence[str], seed: int = SEED) -> bytes:
    """A synthetic district roster of ``rows`` students (a guardian each), deterministic."""
    rng = random.Random(seed)
    lines = [ROSTER_HEADER]
    for n in range(rows):
        born = date(rng.randint(2008, 2020), rng.randint(1, 12), rng.randint(1, 28))
        first, last = rng.choice(_ROSTER_FIRST), rng.choice(_ROSTER_LAST)
        grade = min(12, max(0, 2026 - born.year - 6)) or "K"
        lines.append(
            f'S{n:08d},{first},"{last}",,{born.isoformat()},{rng.choice("FM")},{grade},'
            f"{rng.choice(school_codes)},946{rng.randint(0, 99):02d},"
            f"{rng.choice(('en', 'es', 'vi'))},{rng.choice(_ROSTER_FIRST)} {last},"
            f"{rng.choice(('mother', 'father', 'grandparent', 'legal guardian'))},"
            f"(555) 555-{rng.randint(0, 9999):04d}"
        )
    return ("\n".join(lines) + "\n").encode()


def bench_dir() -> Path:
    return Path(os.environ.get("BENCH_DIR", "/tmp/clinic-bench"))


def ensure_site(scale: str, root: Path | None = None, *, log: Any = print) -> BenchSite:
    """The site for ``scale``, generated unless a complete one is already there."""
    site = BenchSite(SCALES[scale], Path(root or bench_dir()))
    if site.complete():
        return site
    for folder in (site.data_dir, site.district_dir, site.trust_dir):
        shutil.rmtree(folder, ignore_errors=True)
    site.root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    counts = _generate(site, log)
    seconds = time.perf_counter() - started
    info = {
        "version": GENERATOR_VERSION,
        "scale": scale,
        "seed": SEED,
        "counts": counts,
        "seconds": round(seconds, 1),
        "bytes": _database_size(site),
    }
    site.marker.write_text(json.dumps(info, indent=2))
    log(f"generated {scale} site in {seconds:.0f} s: {counts}")
    return site


def _database_size(site: BenchSite) -> int:
    return site.database.stat().st_size


# --- generation ------------------------------------------------------------------------


def _generate(site: BenchSite, log: Any) -> dict[str, int]:
    site_service.setup_site(
        site.data_dir,
        site_code=SITE_CODE,
        site_name=SITE_NAME,
        admin_username="admin",
        admin_password=PASSWORD,
        admin_display_name="Bench Administrator",
    )
    with site_service.sign_in(site.data_dir, "admin", PASSWORD) as admin:
        for name, role, display in STAFF:
            users_service.add_user(admin, name, PASSWORD, role, display)
    sync_keys.generate_district_keys(site.district_dir, "Benchmark District")
    site.trust_dir.mkdir(parents=True, exist_ok=True)
    provisioning = (site.district_dir / sync_keys.PROVISIONING_NAME).read_bytes()
    with site_service.sign_in(site.data_dir, "it", PASSWORD) as it_user:
        result = sync_service.provision(it_user, provisioning)
    with site_service.sign_in(site.data_dir, "admin", PASSWORD) as admin:
        sync_service.accept_export_profile(admin, on_behalf="the benchmark's synthetic site")
    (site.trust_dir / f"{result.site_code}.pub").write_bytes(result.site_key_file)
    with site_service.sign_in(site.data_dir, "clinician", PASSWORD) as session:
        counts = _fill(session.store, site.scale, log)
        conn = session.store.raw_connection()
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    return counts


class _Writer:
    """Rows for one transaction, stamped like the flush hook stamps them."""

    def __init__(self, db: Session) -> None:
        self.db = db
        counter = db.get(ChangeCounter, 1)
        if counter is None:
            counter = ChangeCounter(id=1, value=0)
            db.add(counter)
            db.flush()
        self.counter = counter
        self.seq = counter.value
        last = db.execute(
            select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        self.audit_seq, self.audit_hash = (last.seq, last.hash) if last else (0, GENESIS)
        self.rows: dict[type, list[dict[str, Any]]] = {}
        self.audit: list[dict[str, Any]] = []

    def add(self, model: type, stamp: datetime, /, **values: Any) -> dict[str, Any]:
        self.seq += 1
        row = {"created_at": stamp, "updated_at": stamp, "change_seq": self.seq, "deleted_at": None}
        row.update(values)
        self.rows.setdefault(model, []).append(row)
        return row

    def log(
        self, at: datetime, user: tuple[uuid.UUID, str], action: str, entity: str, entity_id: Any
    ) -> None:
        self.audit_seq += 1
        fields = {
            "seq": self.audit_seq,
            "at": at,
            "user_id": user[0],
            "username": user[1],
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "detail": {},
            "prev_hash": self.audit_hash,
        }
        fields["hash"] = self.audit_hash = row_hash(**fields)
        self.audit.append(fields)

    def flush(self) -> dict[str, int]:
        # Parents before children (foreign keys are on).
        order = (Student, Guardian, Consent, Visit, Screening, RiskFlag, Referral, ReferralEvent)
        counts = {}
        for model in order:
            rows = self.rows.pop(model, [])
            if rows:
                self.db.execute(insert(model), rows)
                counts[model.__tablename__] = len(rows)
        if self.audit:
            self.db.execute(insert(AuditEvent), self.audit)
            counts["audit_events"] = len(self.audit)
        self.counter.value = self.seq
        return counts


def _rand_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _allocate(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """``total`` items spread over len(weights) owners in proportion to the weights."""
    cum = list(itertools.accumulate(weights))
    counts = [0] * len(weights)
    top = cum[-1]
    for _ in range(total):
        counts[bisect.bisect_left(cum, rng.random() * top)] += 1
    return counts


def _answer_sets(rng: random.Random) -> dict[str, list[tuple[dict[str, int], Any]]]:
    """Pre-scored answer sets per instrument (scored by the real engine)."""
    sets: dict[str, list[tuple[dict[str, int], Any]]] = {}
    for instrument_id in INSTRUMENTS:
        instrument = screening_domain.load_instrument(instrument_id)
        found = []
        while len(found) < 48:
            answers = {}
            for item in instrument.items:
                if item.ask_when is not None:
                    continue
                values = item.possible_values()
                # Mostly low answers, as in a school population.
                answers[item.id] = values[0] if rng.random() < 0.85 else rng.choice(values)
            try:
                result = screening_domain.score(instrument_id, answers)
            except Exception:
                continue
            found.append((answers, result))
        sets[instrument_id] = found
    return sets


def _fill(store: Any, scale: Scale, log: Any) -> dict[str, int]:
    rng = random.Random(SEED)
    clinic = generate_demo_clinic(
        students=scale.students,
        seed=SEED,
        school_year_start=date(ANCHOR.year if ANCHOR.month >= 8 else ANCHOR.year - 1, 8, 15),
        today=ANCHOR,
        tz=TZ,
    )
    templates = [v for s in clinic.students[:2000] for v in s.visits] or _fallback_visits()
    with store.write() as db:
        staff = {u.username: (u.id, u.username) for u in db.scalars(select(User))}
        for school in clinic.schools:
            if db.scalar(select(School.id).where(School.code == school.code)) is None:
                db.add(School(code=school.code, name=school.name, zip_code=school.zip_code))
        for n in range(PARTNERS):
            db.add(
                Partner(
                    name=f"Synthetic Partner Agency {n + 1:02d}",
                    kind=("community_mental_health", "health_center", "community_organization")[
                        n % 3
                    ],
                    services=["counseling"],
                    languages=["en", "es"],
                    accepts_medicaid=n % 2 == 0,
                    phone=f"(555) 555-{n:04d}",
                )
            )
        db.flush()
        schools = {s.code: s.id for s in db.scalars(select(School))}
        partners = [p.id for p in db.scalars(select(Partner).order_by(Partner.name))]
    # A few students with long histories, most with a handful of visits.
    weights = [min(rng.paretovariate(1.6), 40.0) for _ in range(scale.students)]
    visit_quota = _allocate(rng, scale.visits, weights)
    screened = set(rng.sample(range(scale.visits), scale.screenings))
    referred = set(rng.sample(range(scale.visits), scale.referrals))
    answer_sets = _answer_sets(rng)
    context = SimpleNamespace(
        rng=rng,
        staff=staff,
        schools=schools,
        partners=partners,
        templates=templates,
        answer_sets=answer_sets,
        screened=screened,
        referred=referred,
    )
    totals: dict[str, int] = {}
    visit_index = 0
    started = time.perf_counter()
    students = clinic.students
    for first in range(0, len(students), CHUNK_STUDENTS):
        chunk = students[first : first + CHUNK_STUDENTS]
        quotas = visit_quota[first : first + CHUNK_STUDENTS]
        with store.write() as db:
            writer = _Writer(db)
            for demo, quota in zip(chunk, quotas, strict=True):
                _student_rows(writer, context, demo, quota, visit_index)
                visit_index += quota
            for table, count in writer.flush().items():
                totals[table] = totals.get(table, 0) + count
        done = first + len(chunk)
        if done % (CHUNK_STUDENTS * 10) == 0 or done == len(students):
            rate = done / (time.perf_counter() - started)
            log(f"  {scale.name}: {done:,}/{len(students):,} students ({rate:,.0f}/s)")
    return totals


def _fallback_visits() -> list[VisitInput]:  # pragma: no cover - demo data always has visits
    raise RuntimeError("the demo generator produced no visits to use as templates")


def _student_rows(
    writer: _Writer, ctx: SimpleNamespace, demo: DemoStudent, quota: int, visit_index: int
) -> None:
    rng: random.Random = ctx.rng
    clinician, nurse = ctx.staff["clinician"], ctx.staff["nurse"]
    clean = validated_student(demo.student, ANCHOR)
    enrolled = _at(ANCHOR - timedelta(days=rng.randrange(HISTORY_DAYS)), rng)
    student_id = _rand_uuid(rng)
    shape = SimpleNamespace(
        first_name=clean.first_name,
        last_name=clean.last_name,
        preferred_name=clean.preferred_name,
        district_id=clean.district_id or None,
        local_id=clean.local_id,
    )
    writer.add(
        Student,
        enrolled,
        id=student_id,
        district_id=clean.district_id or None,
        local_id=clean.local_id,
        first_name=clean.first_name,
        last_name=clean.last_name,
        preferred_name=clean.preferred_name,
        search_key=_search_key(shape),
        sort_key=sort_key(clean.last_name, clean.first_name),
        date_of_birth=clean.date_of_birth,
        sex=clean.sex,
        gender_identity=clean.gender_identity,
        grade=clean.grade,
        school_id=ctx.schools[clean.school_code],
        zip_code=clean.zip_code,
        language=clean.language,
        foster_care=clean.foster_care,
        insurance_id=clean.insurance_id,
        pseudonym=f"{rng.getrandbits(128):032x}",
    )
    writer.log(enrolled, clinician, "student_created", "student", student_id)
    signer = None
    for guardian in demo.guardians:
        g = validated_guardian(guardian)
        guardian_id = _rand_uuid(rng)
        signer = signer or (guardian_id if g.can_consent else None)
        writer.add(
            Guardian,
            enrolled,
            id=guardian_id,
            student_id=student_id,
            name=g.name,
            relation=g.relation,
            phones=list(g.phones),
            email=g.email,
            language=g.language,
            can_consent=g.can_consent,
        )
    # The services consent, signed at enrolment, valid until the end of a school year.
    consent_id = _rand_uuid(rng)
    signed = enrolled.astimezone(TZ).date()
    writer.add(
        Consent,
        enrolled,
        id=consent_id,
        student_id=student_id,
        kind="services",
        scope="All school-based health center services",
        signer_kind="guardian" if signer else "student",
        guardian_id=signer,
        signer_has_authority=signer is not None,
        signed_on=signed,
        expires_on=date(ANCHOR.year + 1, 6, 30),
        recorded_by=nurse[0],
    )
    writer.log(enrolled, nurse, "consent_recorded", "consent", consent_id)
    for offset in range(quota):
        template: VisitInput = rng.choice(ctx.templates)
        day = ANCHOR - timedelta(days=rng.randrange(HISTORY_DAYS))
        local = template.occurred_at.astimezone(TZ)
        when = datetime.combine(day, local.time(), TZ).astimezone(UTC)
        visit = validated_visit(replace(template, occurred_at=when), when + timedelta(hours=1))
        author = nurse if visit.visit_type == "nursing" else clinician
        visit_id = _rand_uuid(rng)
        writer.add(
            Visit,
            when,
            id=visit_id,
            student_id=student_id,
            author_id=author[0],
            visit_type=visit.visit_type,
            occurred_at=when,
            reason=visit.reason,
            note=visit.note,
            disposition=visit.disposition,
            duration_minutes=visit.duration_minutes,
            icd10_codes=list(visit.icd10_codes),
            cpt_codes=list(visit.cpt_codes),
        )
        writer.log(when, author, "visit_recorded", "visit", visit_id)
        index = visit_index + offset
        screening_id = None
        if index in ctx.screened:
            screening_id = _screening_rows(writer, ctx, student_id, visit_id, when, author)
        if index in ctx.referred:
            _referral_rows(writer, ctx, student_id, visit_id, screening_id, when, signer)


def _screening_rows(
    writer: _Writer,
    ctx: SimpleNamespace,
    student_id: uuid.UUID,
    visit_id: uuid.UUID,
    when: datetime,
    author: tuple[uuid.UUID, str],
) -> uuid.UUID:
    rng: random.Random = ctx.rng
    instrument_id = rng.choice(INSTRUMENTS)
    answers, result = rng.choice(ctx.answer_sets[instrument_id])
    screening_id = _rand_uuid(rng)
    writer.add(
        Screening,
        when,
        id=screening_id,
        student_id=student_id,
        visit_id=visit_id,
        administered_by=author[0],
        administered_at=when,
        instrument_id=result.instrument_id,
        instrument_version=result.instrument_version,
        language="en",
        answers=answers,
        total=result.total,
        subscales=dict(result.subscales),
        band=result.band,
        complete=result.complete,
    )
    writer.log(when, author, "screening_recorded", "screening", screening_id)
    for flag in result.flags:
        resolved = when + timedelta(minutes=20)
        writer.add(
            RiskFlag,
            when,
            id=_rand_uuid(rng),
            student_id=student_id,
            screening_id=screening_id,
            flag_id=flag.id,
            severity=str(flag.severity),
            message=flag.message,
            required_action=flag.required_action,
            raised_at=when,
            resolved_at=resolved,
            resolved_by=author[0],
            action_taken=RiskAction.SAFETY_ASSESSMENT.value,
            action_note="Safety assessment completed; no acute risk.",
        )
    return screening_id


_CLOSED_PATHS = (
    (("sent", 0), ("scheduled", 3), ("attended", 10), ("closed", 30)),
    (("sent", 0), ("scheduled", 4), ("no_show", 12), ("closed", 40)),
    (("sent", 0), ("declined", 5), ("closed", 20)),
    (("sent", 0), ("cancelled", 2)),
)
_OUTCOMES = {
    "attended": "linked_to_services",
    "no_show": "unable_to_contact",
    "declined": "family_declined",
}
_OPEN_PATHS = (
    (("sent", 0),),
    (("sent", 0), ("waitlisted", 4)),
    (("sent", 0), ("scheduled", 3)),
    (("sent", 0), ("scheduled", 3), ("attended", 9)),
)


def _referral_rows(
    writer: _Writer,
    ctx: SimpleNamespace,
    student_id: uuid.UUID,
    visit_id: uuid.UUID,
    screening_id: uuid.UUID | None,
    when: datetime,
    signer: uuid.UUID | None,
) -> None:
    rng: random.Random = ctx.rng
    clinician = ctx.staff["clinician"]
    partner_id = rng.choice(ctx.partners)
    age_days = (ANCHOR - when.astimezone(TZ).date()).days
    stale = age_days > 60
    if stale and rng.random() >= STALE_OPEN_RATE:
        path = rng.choice(_CLOSED_PATHS)
    else:
        path = rng.choice(_OPEN_PATHS)
    path = tuple((status, days) for status, days in path if days <= max(age_days, 0))
    release_id = None
    if rng.random() < 0.6:
        release_id = _rand_uuid(rng)
        writer.add(
            Consent,
            when,
            id=release_id,
            student_id=student_id,
            kind="release_of_information",
            partner_id=partner_id,
            purpose="Referral and coordination of care.",
            information_kinds=["demographics", "screening_results"],
            signer_kind="guardian" if signer else "student",
            guardian_id=signer,
            signer_has_authority=signer is not None,
            signed_on=when.astimezone(TZ).date(),
            expires_on=when.astimezone(TZ).date() + timedelta(days=365),
            recorded_by=clinician[0],
        )
        writer.log(when, clinician, "consent_recorded", "consent", release_id)
    referral_id = _rand_uuid(rng)
    status = path[-1][0]
    writer.add(
        Referral,
        when,
        id=referral_id,
        student_id=student_id,
        partner_id=partner_id,
        created_by=clinician[0],
        reason="Follow-up care recommended after school visit.",
        urgency=rng.choices(("routine", "urgent", "emergent"), (80, 18, 2))[0],
        status=status,
        screening_id=screening_id,
        visit_id=visit_id,
        consent_id=release_id,
        follow_up_due=when.astimezone(TZ).date() + timedelta(days=14),
        outcome=_OUTCOMES.get(path[-2][0]) if status == "closed" else None,
    )
    writer.log(when, clinician, "referral_created", "referral", referral_id)
    previous = "draft"
    for to_status, days in path:
        at = when + timedelta(days=days)
        writer.add(
            ReferralEvent,
            at,
            id=_rand_uuid(rng),
            referral_id=referral_id,
            from_status=previous,
            to_status=to_status,
            at=at,
            by_user=clinician[0],
            note="",
            appointment_at=at + timedelta(days=7) if to_status == "scheduled" else None,
        )
        previous = to_status


def _at(day: date, rng: random.Random) -> datetime:
    minutes = 8 * 60 + rng.randrange(7 * 60)
    local = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=TZ)
    return local.astimezone(UTC)


def iter_students(store: Any, limit: int | None = None) -> Iterator[Any]:
    """(id, last_name, first_name, district_id) rows, for picking benchmark inputs."""
    with store.read() as db:
        query = text("SELECT id, last_name, first_name, district_id FROM students ORDER BY id")
        rows = db.execute(query).all()
    yield from rows[:limit] if limit else rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--bench-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    site = ensure_site(args.scale, args.bench_dir)
    print(json.dumps(site.info(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
