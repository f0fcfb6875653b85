"""Hostile input, property-based: every service that takes typed text either stores exactly
what was given (after the documented trim + NFC, ``fields.clean_text``) or raises
``ValidationError``; every file the app reads raises only known errors (``ClinicError``).
Anything else (an ``IndexError``, a ``UnicodeDecodeError``, a driver error) is a bug.

Example counts are modest so the default run stays fast; the strategies lean on the nasty
cases (control characters, bidi overrides, emoji, SQL, 10,000-character notes) rather than
relying on volume.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from clinic_desktop import errors
from clinic_desktop.domain import screening
from clinic_desktop.domain.fields import clean_text
from clinic_desktop.domain.partners import PartnerInput, parse_partner_csv
from clinic_desktop.domain.risk_actions import ActionInput
from clinic_desktop.domain.roles import Role
from clinic_desktop.domain.roster import parse_roster
from clinic_desktop.services import flags, partners, roster, screenings, students, users, visits
from clinic_desktop.services import sync as sync_service
from clinic_desktop.store.models import (
    FlagAction,
    Partner,
    RiskFlag,
    Screening,
    Student,
    User,
    Visit,
    VisitAddendum,
)
from clinic_desktop.sync import keys
from clinic_desktop.sync.verify import read_batch
from tests import factories

NASTY = [
    "Robert'); DROP TABLE students;--",
    "' OR 1=1 --",
    "\u202eevil\u202c",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "👩🏽‍⚕️🧒🏿💊",
    "\x00\x01\x07\x1b[31m",
    "e\u0301",  # decomposed é: stored NFC
    "  padded  ",
    "line\nbreak\ttab\r\n",
    "\ufeffBOM",
    "x" * 10_000,
]
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=60),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=3).map("".join),
)
SERVICE = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FILES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def pupil(clinician):
    return students.create_student(clinician, factories.student())


@SERVICE
@given(reason=hostile_text, note=hostile_text)
def test_visit_text_is_stored_exactly_or_refused(clinician, pupil, reason, note):
    try:
        view = visits.record_visit(
            clinician, pupil.id, factories.visit(clinician.now(), reason=reason, note=note)
        )
    except errors.ValidationError:
        event("refused")
        return
    event("stored")
    with clinician.read() as db:
        row = db.get(Visit, view.id)
        assert (row.reason, row.note) == (clean_text(reason), clean_text(note))


@pytest.fixture
def signed_visit(clinician, pupil):
    return visits.record_visit(
        clinician, pupil.id, factories.visit(clinician.now(), disposition="sent_home"), sign=True
    )


@SERVICE
@given(reason=hostile_text, text=hostile_text, return_reason=hostile_text)
def test_addendum_text_is_stored_exactly_or_refused(
    clinician, pupil, signed_visit, reason, text, return_reason
):
    """Issue 16: an addendum (and a confirmed reason to return to class) is stored exactly
    as cleaned, or refused as a ``ValidationError``; never a crash, never a changed note."""
    try:
        view = visits.add_addendum(clinician, signed_visit.id, reason, text)
    except errors.ValidationError:
        event("refused")
    else:
        event("stored")
        with clinician.read() as db:
            row = db.get(VisitAddendum, view.addenda[-1].id)
            assert (row.reason, row.text) == (clean_text(reason), clean_text(text))
            assert db.get(Visit, signed_visit.id).note == signed_visit.note
    draft = factories.visit(clinician.now(), disposition="returned_to_class")
    factories.open_flag(clinician, pupil.id)
    try:
        visits.record_visit(clinician, pupil.id, draft, return_reason=return_reason)
    except (errors.ValidationError, errors.OpenAcuteFlagError):
        event("return refused")


@SERVICE
@given(person=hostile_text, note=hostile_text, closing=hostile_text)
def test_flag_action_text_is_stored_exactly_or_refused(clinician, pupil, person, note, closing):
    """A flag action's who and note, and the closing note: stored exactly or refused."""
    answers = {"q1": 1, "q2": 0, "q3": 0, "q4": 0, "q5": 0}
    [flag] = screenings.administer_screening(clinician, pupil.id, "asq", answers).flags
    entry = ActionInput("other", clinician.now(), person, note)
    try:
        [view] = flags.record_flag_actions(clinician, flag.id, [entry], close_note=closing)
    except errors.ValidationError:
        event("refused")
        return
    event("stored")
    with clinician.read() as db:
        [row] = db.scalars(select(FlagAction).where(FlagAction.flag_id == view.id)).all()
        assert (row.person, row.note) == (clean_text(person), clean_text(note))
        assert db.get(RiskFlag, view.id).action_note == clean_text(closing)


@SERVICE
@given(first=hostile_text, last=hostile_text, preferred=hostile_text)
def test_student_names_are_stored_exactly_or_refused(clinician, first, last, preferred):
    given_input = factories.student(
        first_name=first,
        last_name=last,
        preferred_name=preferred,
        district_id=f"D{uuid.uuid4().int % 10**7:07d}",
    )
    try:
        detail = students.create_student(clinician, given_input)
    except errors.ValidationError:
        event("refused")
        return
    event("stored")
    with clinician.read() as db:
        row = db.get(Student, detail.id)
        assert (row.first_name, row.last_name, row.preferred_name) == (
            clean_text(first),
            clean_text(last),
            clean_text(preferred),
        )


@SERVICE
@given(name=hostile_text, notes=hostile_text, contact=hostile_text)
def test_partner_text_is_stored_exactly_or_refused(clinician, name, notes, contact):
    unique = f"{name} {uuid.uuid4().hex[:6]}"
    try:
        view = partners.add_partner(
            clinician,
            PartnerInput(
                name=unique, kind="community_mental_health", notes=notes, contact_name=contact
            ),
        )
    except errors.ValidationError:
        event("refused")
        return
    event("stored")
    with clinician.read() as db:
        row = db.get(Partner, view.id)
        assert (row.name, row.notes, row.contact_name) == (
            clean_text(unique),
            clean_text(notes),
            clean_text(contact),
        )


@SERVICE
@given(display=hostile_text, username=hostile_text)
def test_user_names_are_stored_or_refused(admin, display, username):
    try:
        info = users.add_user(admin, username, "a-long-password-1", Role.NURSE, display)
    except (errors.ValidationError, errors.ConflictError):
        return  # ConflictError: the same (valid) user name drawn twice
    with admin.read() as db:
        row = db.scalar(select(User).where(User.id == info.id))
        assert row.display_name == clean_text(display) or not clean_text(display)


@SERVICE
@given(how=hostile_text, reason=hostile_text)
def test_screening_written_answers_and_stop_reasons_are_stored_exactly_or_refused(
    clinician, pupil, how, reason
):
    try:
        held = screenings.save_in_progress(
            clinician,
            pupil.id,
            "asq",
            {"q1": 0, "q2": 0, "q3": 0, "q4": 1},
            text_answers={"q4": how},
        )
    except errors.ValidationError as refused:
        assert refused.for_field("text_q4")
        event("refused")
        return
    with clinician.read() as db:
        stored = db.get(Screening, held.id).text_answers
    assert stored == ({"q4": clean_text(how)} if clean_text(how) else {})
    try:
        screenings.discard_screening(clinician, held.id, reason)
    except errors.ValidationError as refused:
        assert refused.for_field("reason")
        event("reason refused")
        return
    event("stored")
    with clinician.read() as db:
        assert db.get(Screening, held.id).discard_reason == clean_text(reason)


# --- files the app reads -------------------------------------------------------------


csv_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.lists(st.one_of(hostile_text, st.sampled_from(["", '"', '""', ",", "2010-02-30"]))),
        max_size=6,
    ).map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")),
    st.just(b"first_name,last_name,date_of_birth\n" + b"\xff\xfe\x00" * 5),
)


@FILES
@given(data=csv_bytes)
def test_roster_csv_parses_or_is_refused(data):
    with contextlib.suppress(errors.ClinicError):
        parse_roster(data, date(2026, 10, 14))


@SERVICE
@given(data=csv_bytes)
def test_roster_import_service_only_raises_known_errors(clinician, data):
    with contextlib.suppress(errors.ClinicError):
        roster.import_roster(clinician, data)


@FILES
@given(data=csv_bytes)
def test_partner_csv_parses_or_is_refused(data):
    with contextlib.suppress(errors.ClinicError):
        parse_partner_csv(data)


@pytest.fixture
def district(tmp_path):
    folder = tmp_path / "district"
    keys.generate_district_keys(folder, "Riverside Unified")
    trust = tmp_path / "trust"
    trust.mkdir()
    return folder, trust


@FILES
@given(data=st.one_of(st.binary(max_size=2000), st.just(b"age-encryption.org/v1\n-> X25519 ")))
def test_random_bytes_as_a_batch_are_rejected(district, tmp_path, data):
    folder, trust = district
    path = tmp_path / "random.batch"
    path.write_bytes(data)
    with pytest.raises(errors.ClinicError):
        read_batch(
            path, keys.load_identity(folder / keys.DISTRICT_KEY_NAME), keys.TrustStore.load(trust)
        )


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(hostile_text, inner)),
    max_leaves=10,
)


@SERVICE
@given(
    data=st.one_of(
        st.binary(max_size=300),
        json_values.map(lambda v: json.dumps(v).encode()),
    )
)
def test_provisioning_file_is_only_known_errors(it_user, data):
    try:
        sync_service.provision(it_user, data)
    except errors.ClinicError:
        return
    pytest.fail("random bytes were accepted as a provisioning file")


answers = st.dictionaries(
    st.one_of(st.sampled_from([f"q{i}" for i in range(1, 12)]), hostile_text),
    st.one_of(st.none(), st.integers(-(2**40), 2**40)),
    max_size=12,
)


@FILES
@given(
    instrument=st.one_of(st.sampled_from(screening.instrument_ids()), hostile_text),
    given_answers=answers,
)
def test_instrument_scoring_only_raises_validation_errors(instrument, given_answers):
    with contextlib.suppress(errors.ValidationError):
        screening.score(instrument, given_answers)


def test_ten_thousand_character_note_round_trips(clinician, pupil):
    note = ("Émoji 🧒 and عربى and ' OR 1=1 -- " * 400)[:10_000]
    try:
        view = visits.record_visit(
            clinician, pupil.id, factories.visit(clinician.now() - timedelta(minutes=1), note=note)
        )
    except errors.ValidationError as refused:
        assert refused.for_field("note")  # a documented length limit, named calmly
        return
    with clinician.read() as db:
        assert db.get(Visit, view.id).note == clean_text(note)
