"""Safe Harbor transforms: each rule, and a property test that only allowed codes leave."""

import dataclasses
import uuid
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.domain import deidentify as deid
from clinic_desktop.domain import screening
from clinic_desktop.domain.deidentify import (
    Age,
    Deidentifier,
    EventFacts,
    ExportProfile,
    Person,
    age_at,
    age_for,
    age_in_year,
    days_to_first_appointment,
    month_of,
    period_of,
    record_id,
    year_of,
    zip3,
)
from clinic_desktop.domain.students import GRADES

SECRET = b"s" * 32
MARK = "zz-leak:"


def person(**changes) -> Person:
    base = Person(uuid.UUID(int=7), "ab" * 16, date(2010, 3, 14), "LHS")
    return dataclasses.replace(base, **changes)


# --- single rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_zip", "expected"),
    [
        ("94601", "946"),
        ("94601-1234", "946"),
        (" 10001 ", "100"),
        ("03601", "000"),
        ("05901", "000"),
        ("89301-0001", "000"),
        ("03701", "037"),
        ("", None),
        ("9460", None),
        ("946011", None),
        ("ABCDE", None),
        ("94601 Apt 3", None),
    ],
)
def test_zip3(given_zip, expected):
    assert zip3(given_zip) == expected


def test_every_sparse_prefix_becomes_000():
    listed = [
        "036", "059", "063", "102", "203", "556", "692", "790", "821",
        "823", "830", "831", "878", "879", "884", "890", "893",
    ]  # fmt: skip
    assert set(listed) == deid.SPARSE_ZIP3
    assert all(zip3(p + "12") == "000" for p in listed)


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (date(2010, 3, 14), date(2026, 3, 13), Age(15)),
        (date(2010, 3, 14), date(2026, 3, 14), Age(16)),
        (date(2012, 2, 29), date(2026, 2, 28), Age(13)),
        (date(2012, 2, 29), date(2026, 3, 1), Age(14)),
        (date(1937, 1, 1), date(2026, 12, 31), Age(89)),
        (date(1936, 1, 1), date(2026, 1, 1), Age(90, at_least=True)),
        (date(1920, 6, 1), date(2026, 1, 1), Age(90, at_least=True)),
        (date(2026, 5, 1), date(2026, 4, 30), None),
    ],
)
def test_age_in_whole_years_with_90_plus(born, on, expected):
    assert age_at(born, on) == expected


@pytest.mark.parametrize(
    ("born", "on", "years"),
    [
        (date(2010, 12, 31), date(2026, 1, 1), 16),
        (date(2010, 1, 1), date(2026, 12, 31), 16),
        (date(1930, 5, 5), date(2026, 1, 1), 90),
        (date(2027, 1, 1), date(2026, 1, 1), None),
    ],
)
def test_safe_harbor_age_is_the_age_reached_in_the_year(born, on, years):
    """Under safe-harbor the age beside a year depends on the two years only: two events
    of one year never show a birthday between them."""
    age = age_in_year(born, on)
    assert (age.years if age else None) == years
    assert age_for(ExportProfile.SAFE_HARBOR, born, on) == age
    assert age_for(ExportProfile.LIMITED_DATA_SET, born, on) == age_at(born, on)


def test_periods_follow_the_profile():
    day = date(2026, 10, 14)
    assert period_of(day, ExportProfile.SAFE_HARBOR) == year_of(day) == "2026"
    assert period_of(day, ExportProfile.LIMITED_DATA_SET) == "2026-10"
    assert Deidentifier(SECRET).profile is ExportProfile.SAFE_HARBOR


def test_month_keeps_year_and_month_only():
    assert month_of(date(2026, 10, 14)) == "2026-10"
    assert month_of(date(987, 1, 2)) == "0987-01"


def test_record_ids_are_stable_keyed_and_separated():
    row = uuid.uuid4()
    assert record_id(SECRET, "visits", row) == record_id(SECRET, "visits", row)
    assert record_id(SECRET, "visits", row) != record_id(b"t" * 32, "visits", row)
    assert record_id(SECRET, "visits", row) != record_id(SECRET, "screenings", row)
    assert len(record_id(SECRET, "visits", row)) == 32
    assert str(row) not in record_id(SECRET, "visits", row)
    with pytest.raises(ValueError):
        record_id(b"short", "visits", row)


def test_a_row_id_as_uuid_or_as_its_text_gives_the_same_record_id():
    """The exporter passes ids as the text it builds from the stored hex; a
    ``Deidentifier`` and ``record_id`` must hash both forms alike."""
    row = uuid.uuid4()
    expected = record_id(SECRET, "visits", row)
    assert record_id(SECRET, "visits", str(row)) == expected
    d = Deidentifier(SECRET)
    assert d.rid("visits", row) == d.rid("visits", str(row)) == expected


def test_malformed_pseudonym_is_replaced_by_a_keyed_hash():
    d = Deidentifier(SECRET)
    assert d.patient_id(person()) == "ab" * 16
    odd = person(pseudonym="Quillonia Vantablackstone")
    assert d.patient_id(odd) == record_id(SECRET, "students", odd.student_id)


def test_patient_keeps_only_codes():
    source = deid.StudentSource(person(school_code="lhs lower"), "F", "10", "03601-1111")
    patient = Deidentifier(SECRET).patient(source)
    assert patient == deid.DeidPatient("ab" * 16, "UNKNOWN", "female", "10", "000")
    other = deid.StudentSource(person(), "Z", "tenth", "")
    assert Deidentifier(SECRET).patient(other).gender == "unknown"
    assert Deidentifier(SECRET).patient(other).grade is None


def test_encounter_drops_unknown_codes():
    source = deid.VisitSource(
        uuid.uuid4(),
        person(),
        date(2026, 10, 14),
        "Nursing visit for Ana",
        "went home with mom",
        ["F41.1", "not a code", "F41.1", 41],
        ["99213", "9921"],
    )
    e = Deidentifier(SECRET, ExportProfile.LIMITED_DATA_SET).encounter(source)
    assert (e.visit_type, e.disposition) == ("other", "other")
    assert (e.icd10, e.cpt) == (("F41.1",), ("99213",))
    assert e.subject == deid.Subject("ab" * 16, "LHS", "2026-10", Age(16))
    safe = Deidentifier(SECRET).encounter(source)
    assert safe.subject == deid.Subject("ab" * 16, "LHS", "2026", Age(16))


def test_screening_keeps_valid_answers_scores_and_band():
    answers = {f"q{n}": 2 for n in range(1, 10)}
    result = screening.score("phq9", answers)
    source = deid.ScreeningSource(
        uuid.uuid4(),
        person(),
        date(2026, 10, 1),
        "phq9",
        "1.0.0",
        True,
        {**answers, "q11": 3, "q1_detail": "she said...", "q2": "two"},
        result.total,
        {},
        result.band,
    )
    s = Deidentifier(SECRET).screening(source)
    assert s.instrument == "phq9" and s.total == 18 and s.band == "moderately_severe"
    assert s.positive is True
    assert dict(s.answers) == {f"q{n}": 2 for n in range(1, 10) if n != 2}
    assert s.observation_id != s.id


def test_unknown_instrument_keeps_only_that_a_screening_happened():
    source = deid.ScreeningSource(
        uuid.uuid4(), person(), date(2026, 10, 1), "homegrown", "v1 by Dr X", True, {"q1": 1}, 5
    )
    s = Deidentifier(SECRET).screening(source)
    assert (s.instrument, s.version, s.answers, s.total, s.band) == ("other", None, (), None, None)


def test_positive_bands_match_the_instrument_files():
    shipped = {i.id: {b.id for b in i.bands} for i in screening.list_instruments()}
    assert set(deid.POSITIVE_BANDS) == set(shipped)
    for instrument, bands in deid.POSITIVE_BANDS.items():
        assert bands and bands < shipped[instrument]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([], None),
        ([EventFacts(date(2026, 10, 1), "draft")], None),
        ([EventFacts(date(2026, 10, 1), "sent")], None),
        (
            [
                EventFacts(date(2026, 10, 1), "sent"),
                EventFacts(date(2026, 10, 2), "scheduled", date(2026, 10, 9)),
                EventFacts(date(2026, 10, 3), "scheduled", date(2026, 10, 6)),
            ],
            5,
        ),
        ([EventFacts(date(2026, 10, 5), "attended"), EventFacts(date(2026, 10, 1), "sent")], 4),
        (
            [
                EventFacts(date(2026, 10, 1), "sent", None),
                EventFacts(date(2026, 9, 1), "x", date(2026, 9, 20)),
            ],
            0,
        ),
    ],
)
def test_days_to_first_appointment(events, expected):
    assert days_to_first_appointment(events) == expected


@pytest.mark.parametrize(
    ("expires", "revoked", "status"),
    [
        (None, None, "valid"),
        (date(2026, 10, 20), None, "valid"),
        (date(2026, 10, 13), None, "expired"),
        (None, date(2026, 10, 14), "revoked"),
        (None, date(2026, 10, 15), "valid"),
    ],
)
def test_consent_status_on_the_export_day(expires, revoked, status):
    source = deid.ConsentSource(
        uuid.uuid4(),
        person(),
        "services",
        date(2026, 1, 5),
        date(2026, 10, 14),
        None,
        expires,
        revoked,
    )
    c = Deidentifier(SECRET).consent(source)
    assert c.status == status and c.subject.period == "2026"
    lds = Deidentifier(SECRET, ExportProfile.LIMITED_DATA_SET).consent(source)
    assert lds.status == status and lds.subject.period == "2026-01"


# --- property: only allowed codes leave ----------------------------------------------------


def _codes(valid) -> st.SearchStrategy:
    """A valid code, or arbitrary text marked so a leak is easy to spot."""
    return st.one_of(st.sampled_from(sorted(valid)), st.text(max_size=30).map(MARK.__add__))


INSTRUMENTS = sorted(deid.instruments())
_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_persons = st.builds(
    Person,
    st.uuids(),
    st.one_of(
        st.text(alphabet="0123456789abcdef", min_size=32, max_size=32), st.text().map(MARK.__add__)
    ),
    _dates,
    st.one_of(st.sampled_from(["LHS", "RMS-2"]), st.text().map(MARK.__add__)),
)
_values = st.one_of(
    st.integers(-5, 400), st.booleans(), st.none(), st.text(max_size=10).map(MARK.__add__)
)
_answers = st.dictionaries(
    st.one_of(
        st.sampled_from([f"q{n}" for n in range(1, 12)] + ["a1", "b1"]), st.text().map(MARK.__add__)
    ),
    _values,
    max_size=12,
)


def _allowed_strings() -> set[str]:
    allowed = set(deid.VISIT_TYPES | deid.DISPOSITIONS | deid.REFERRAL_STATUSES | deid.URGENCIES)
    allowed |= deid.OUTCOMES | deid.PARTNER_KINDS | deid.CONSENT_KINDS | deid.CONSENT_STATUSES
    allowed |= deid.SEVERITIES | set(deid.SEX_TO_GENDER.values()) | set(GRADES) | deid.flag_ids()
    allowed |= {"other", "UNKNOWN", "LHS", "RMS-2", *INSTRUMENTS}
    for instrument in deid.instruments().values():
        allowed |= {b.id for b in instrument.bands} | {i.id for i in instrument.items}
        allowed |= {s.id for s in instrument.scores}
    return allowed


ALLOWED = _allowed_strings()


def _check_value(name: str, value: object) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        assert 0 <= value <= deid.MAX_SCORE or name == "days_to_first_appointment", (name, value)
        return
    if isinstance(value, Age):
        assert 0 <= value.years <= 90 and (
            value.at_least == (value.years == 90) or not value.at_least
        )
        return
    if isinstance(value, tuple):
        for item in value:
            _check_value(name, item)
        return
    if dataclasses.is_dataclass(value):
        _check_record(value)
        return
    assert isinstance(value, str)
    assert MARK not in value, (name, value)
    assert (
        value in ALLOWED
        or deid.ICD10.fullmatch(value)
        or deid.CPT.fullmatch(value)
        or (
            name in ("period", "expires_period", "revoked_period", "appointment_period")
            and len(value) == 4
        )
        or (name in ("zip3",) and value.isdigit() and len(value) == 3)
        or (name == "version" and deid.version_code(value) == value)
        or (len(value) == 32 and set(value) <= set("0123456789abcdef"))
    ), (name, value)


def _check_record(record) -> None:
    for f in dataclasses.fields(record):
        _check_value(f.name, getattr(record, f.name))


@settings(max_examples=150, deadline=None)
@given(
    p=_persons,
    on=_dates,
    visit_type=_codes(deid.VISIT_TYPES),
    disposition=_codes(deid.DISPOSITIONS),
    icd=st.lists(
        st.one_of(st.sampled_from(["F41.1", "J45.909"]), st.text().map(MARK.__add__), st.integers())
    ),
    cpt=st.lists(st.one_of(st.sampled_from(["99213", "96127"]), st.text().map(MARK.__add__))),
    sex=st.one_of(st.sampled_from("FMXU"), st.text()),
    grade=_codes(GRADES),
    zip_code=st.one_of(
        st.from_regex(r"\d{5}(-\d{4})?", fullmatch=True), st.text().map(MARK.__add__)
    ),
)
def test_visits_and_students_leave_only_codes(
    p, on, visit_type, disposition, icd, cpt, sex, grade, zip_code
):
    d = Deidentifier(SECRET)
    _check_record(
        d.encounter(deid.VisitSource(uuid.uuid4(), p, on, visit_type, disposition, icd, cpt))
    )
    _check_record(d.patient(deid.StudentSource(p, sex, grade, zip_code)))


@settings(max_examples=150, deadline=None)
@given(
    p=_persons,
    on=_dates,
    instrument=_codes(INSTRUMENTS),
    version=st.one_of(st.sampled_from(["1.0.0", "2020"]), st.text().map(MARK.__add__)),
    complete=st.booleans(),
    answers=_answers,
    total=_values,
    subscales=st.dictionaries(st.sampled_from(["total", "attention", MARK]), _values),
    band=_codes({"minimal", "positive", "high", "acute_positive"}),
    flag_id=_codes(deid.flag_ids()),
    severity=_codes(deid.SEVERITIES),
)
def test_screenings_and_flags_leave_only_codes(
    p, on, instrument, version, complete, answers, total, subscales, band, flag_id, severity
):
    d = Deidentifier(SECRET)
    source = deid.ScreeningSource(
        uuid.uuid4(), p, on, instrument, version, complete, answers, total, subscales, band, None
    )
    _check_record(d.screening(source))
    flag = deid.FlagSource(uuid.uuid4(), p, on, uuid.uuid4(), flag_id, severity, complete)
    _check_record(d.flag(flag))


@settings(max_examples=150, deadline=None)
@given(
    p=_persons,
    on=_dates,
    partner_kind=_codes(deid.PARTNER_KINDS),
    urgency=_codes(deid.URGENCIES),
    status=_codes(deid.REFERRAL_STATUSES),
    outcome=st.one_of(st.none(), _codes(deid.OUTCOMES)),
    events=st.lists(
        st.builds(EventFacts, _dates, _codes(deid.REFERRAL_STATUSES), st.one_of(st.none(), _dates)),
        max_size=5,
    ),
    kind=_codes(deid.CONSENT_KINDS),
    expires=st.one_of(st.none(), _dates),
)
def test_referrals_and_consents_leave_only_codes(
    p, on, partner_kind, urgency, status, outcome, events, kind, expires
):
    d = Deidentifier(SECRET)
    referral = deid.ReferralSource(
        uuid.uuid4(), p, on, partner_kind, urgency, status, outcome, events
    )
    _check_record(d.referral(referral))
    for e in events:
        event = deid.ReferralEventSource(
            uuid.uuid4(), uuid.uuid4(), e.on, status, e.to_status, e.appointment_on
        )
        _check_record(d.referral_event(event))
    consent = deid.ConsentSource(uuid.uuid4(), p, kind, on, on, partner_kind, expires, None)
    _check_record(d.consent(consent))
