"""The demo clinic: deterministic, valid, diverse, and only plausible school-day visits."""

from __future__ import annotations

import random
import re
import statistics
import time as clock
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from clinic_desktop.demo import data as demo_data
from clinic_desktop.demo.data import (
    DemoClinic,
    DemoSchool,
    demo_visits_for,
    generate_demo_clinic,
)
from clinic_desktop.domain.students import (
    CONSENTING_RELATIONS,
    GRADES,
    StudentInput,
    age_on,
    validated_guardian,
    validated_student,
)
from clinic_desktop.domain.visits import COMMON_REASONS, VisitType, validated_visit
from clinic_desktop.resources import resource_path, resources_dir

TZ = ZoneInfo("America/New_York")
START = date(2025, 8, 27)
TODAY = date(2026, 3, 13)  # a Friday, after the March daylight-saving change
NOW = datetime.combine(TODAY, time.max, tzinfo=TZ)
#: 3-digit ZIP prefixes HIPAA Safe Harbor treats as sparse (2000 census).
SPARSE_PREFIXES = frozenset(
    [
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    ]
)
VIETNAMESE_MARKS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def clinic(**overrides: object) -> DemoClinic:
    args: dict[str, object] = {
        "students": 200,
        "seed": 2026,
        "school_year_start": START,
        "today": TODAY,
        "tz": TZ,
    }
    args.update(overrides)
    return generate_demo_clinic(**args)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def default_clinic() -> DemoClinic:
    return clinic()


@pytest.fixture(scope="module")
def big_clinic() -> DemoClinic:
    return clinic(students=2000, seed=7)


def all_names(c: DemoClinic) -> list[str]:
    names = []
    for s in c.students:
        names += [s.student.first_name, s.student.last_name, s.student.preferred_name]
        names += [g.name for g in s.guardians]
    return [n for n in names if n]


# --- resources -------------------------------------------------------------------------


def test_resources_dir_is_the_top_level_folder() -> None:
    assert resources_dir().name == "resources"
    assert (resources_dir().parent / "clinic_desktop").is_dir()
    assert resource_path("demo", "names.json").is_file()
    assert resource_path("demo", "visits.json").is_file()


@pytest.mark.parametrize("parts", [("..", "pyproject.toml"), ("demo", "../../x"), ("/etc",)])
def test_resource_path_stays_inside(parts: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="inside the resources folder"):
        resource_path(*parts)


def test_data_files_are_nfc_utf8() -> None:
    for name in ("names.json", "visits.json"):
        text = resource_path("demo", name).read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text


# --- determinism -----------------------------------------------------------------------


def test_same_arguments_give_identical_clinic(default_clinic: DemoClinic) -> None:
    assert clinic() == default_clinic


def test_different_seed_gives_different_clinic(default_clinic: DemoClinic) -> None:
    other = clinic(seed=2027)
    assert other != default_clinic
    ids = {s.student.district_id for s in default_clinic.students}
    assert ids != {s.student.district_id for s in other.students}


def test_global_random_is_untouched() -> None:
    random.seed(12345)
    state = random.getstate()
    clinic(students=50)
    assert random.getstate() == state


def test_visits_before_today_do_not_depend_on_today(default_clinic: DemoClinic) -> None:
    earlier_day = date(2025, 12, 5)
    earlier = clinic(today=earlier_day)
    for now_student, then_student in zip(default_clinic.students, earlier.students, strict=True):
        assert now_student.student == then_student.student
        expected = tuple(v for v in now_student.visits if v.occurred_at.date() <= earlier_day)
        assert then_student.visits == expected


# --- counts and validity ---------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 37, 200])
def test_requested_number_of_students(count: int) -> None:
    assert len(clinic(students=count).students) == count


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        clinic(students=-1)


def test_every_record_passes_the_validators_unchanged(big_clinic: DemoClinic) -> None:
    for s in big_clinic.students:
        assert validated_student(s.student, TODAY) == s.student
        for guardian in s.guardians:
            assert validated_guardian(guardian) == guardian
        for visit in s.visits:
            assert validated_visit(visit, NOW) == visit


def test_district_and_local_ids_are_unique(big_clinic: DemoClinic) -> None:
    district = [s.student.district_id for s in big_clinic.students]
    local = [s.student.local_id for s in big_clinic.students]
    assert all(re.fullmatch(r"D\d{7}", d) for d in district)
    assert len(set(district)) == len(district)
    assert all(local) and len(set(local)) == len(local)


def test_site_and_schools(default_clinic: DemoClinic) -> None:
    assert default_clinic.site_code and default_clinic.site_name
    codes = [school.code for school in default_clinic.schools]
    assert len(codes) == 3 and len(set(codes)) == 3
    for school in default_clinic.schools:
        assert isinstance(school, DemoSchool)
        assert re.fullmatch(r"\d{5}", school.zip_code)
        first = GRADES.index(school.grades[0])
        assert school.grades == GRADES[first : first + len(school.grades)]
    covered = [g for school in default_clinic.schools for g in school.grades]
    assert len(covered) == len(set(covered))  # spans do not overlap
    assert {"K", "6", "12"} <= set(covered)


# --- students ---------------------------------------------------------------------------


def test_grade_matches_school_and_age(big_clinic: DemoClinic) -> None:
    schools = {school.code: school for school in big_clinic.schools}
    sept_1 = date(START.year, 9, 1)
    older = 0
    for s in big_clinic.students:
        student = s.student
        assert student.grade in schools[student.school_code].grades
        assert student.date_of_birth is not None
        # PK is 3 on September 1st, K is 5, grade n is n + 5; some are a year older.
        extra = age_on(student.date_of_birth, sept_1) - (GRADES.index(student.grade) + 3)
        assert extra in (0, 1)
        older += extra
    assert 0.05 < older / len(big_clinic.students) < 0.2
    assert {s.student.school_code for s in big_clinic.students} == set(schools)


def test_zip_codes_are_local_with_a_few_sparse(big_clinic: DemoClinic) -> None:
    school_zips = {school.code: school.zip_code for school in big_clinic.schools}
    zips = Counter(s.student.zip_code for s in big_clinic.students)
    at_school = sum(
        s.student.zip_code == school_zips[s.student.school_code] for s in big_clinic.students
    )
    assert at_school / len(big_clinic.students) > 0.6
    sparse = sum(n for z, n in zips.items() if z[:3] in SPARSE_PREFIXES)
    assert 0 < sparse < 0.05 * len(big_clinic.students)
    assert len({z[:3] for z in zips}) <= 3  # one area (plus the outlying one)


def test_default_clinic_has_a_sparse_zip(default_clinic: DemoClinic) -> None:
    assert any(s.student.zip_code[:3] in SPARSE_PREFIXES for s in default_clinic.students)


def test_unicode_names_are_exercised(default_clinic: DemoClinic) -> None:
    names = all_names(default_clinic)
    text = " ".join(names)
    assert any(not n.isascii() for n in names)
    assert VIETNAMESE_MARKS & set(text.lower()), "no Vietnamese diacritics"
    assert re.search(r"[ÁÉÍÓÚÑáéíóúñ]", text), "no Spanish accents"
    assert "'" in text and "-" in text
    assert any(" " in s.student.last_name for s in default_clinic.students)  # García López
    assert all(unicodedata.normalize("NFC", n) == n for n in names)


def test_polish_and_other_scripts_appear_in_a_large_clinic(big_clinic: DemoClinic) -> None:
    text = " ".join(all_names(big_clinic))
    for needle in ("Ł", "ł", "ś", "Nguyễn", "O'", "ć", "è"):
        assert needle in text or needle.lower() in text.lower(), needle


def test_rates_are_plausible(big_clinic: DemoClinic) -> None:
    students = [s.student for s in big_clinic.students]
    n = len(students)
    assert 0.03 < sum(s.foster_care for s in students) / n < 0.07
    assert 0.35 < sum(bool(s.insurance_id) for s in students) / n < 0.45
    sexes = Counter(s.sex for s in students)
    assert set(sexes) == {"F", "M", "X"} and sexes["X"] < 0.05 * n
    assert 0.03 < sum(bool(s.preferred_name) for s in students) / n < 0.3
    languages = Counter(s.language for s in students)
    assert {"en", "es", "vi", "so", "ar", "hmn", "zh", "pl", "ht"} <= set(languages)
    assert languages["en"] > n / 2


def test_guardians(big_clinic: DemoClinic) -> None:
    phone = re.compile(r"\(\d{3}\) 555-01\d{2}( ext\. \d+)?")
    second_grandparent = 0
    for s in big_clinic.students:
        assert 1 <= len(s.guardians) <= 2
        for g in s.guardians:
            assert g.phones and all(phone.fullmatch(p) for p in g.phones)
            assert g.can_consent == (g.relation in CONSENTING_RELATIONS)
            assert not g.email or g.email.split("@")[1].endswith(("example.com", ".org", ".net"))
        relations = {g.relation for g in s.guardians}
        if s.student.foster_care:
            assert relations <= {"foster parent", "caseworker"}
        else:
            assert not relations & {"foster parent", "caseworker"}
        second_grandparent += len(s.guardians) == 2 and s.guardians[1].relation == "grandparent"
    assert second_grandparent > 0
    caseworkers = [
        g for s in big_clinic.students for g in s.guardians if g.relation == "caseworker"
    ]
    assert caseworkers and not any(g.can_consent for g in caseworkers)


# --- visits -----------------------------------------------------------------------------


def test_visits_fall_on_school_days_in_school_hours(big_clinic: DemoClinic) -> None:
    for s in big_clinic.students:
        for visit in s.visits:
            local = visit.occurred_at.astimezone(TZ)
            assert visit.occurred_at.tzinfo is not None
            assert START <= local.date() <= TODAY
            assert local.weekday() < 5
            assert time(8, 0) <= local.time() <= time(15, 30)
            end = local + timedelta(minutes=visit.duration_minutes)
            assert end.time() <= time(15, 30) and end.date() == local.date()
        times = [v.occurred_at for v in s.visits]
        assert times == sorted(times)
        assert len({t.date() for t in times}) == len(times)  # at most one visit a day


def test_visit_counts_are_skewed(big_clinic: DemoClinic) -> None:
    full_year = clinic(students=2000, seed=7, today=date(2026, 7, 1))
    counts = [len(s.visits) for s in full_year.students]
    assert min(counts) == 0 and max(counts) <= 12
    assert statistics.median(counts) < statistics.mean(counts)
    assert Counter(counts)[0] > Counter(counts)[6]
    assert sum(counts) > sum(len(s.visits) for s in big_clinic.students)


def test_visit_content_is_plausible(big_clinic: DemoClinic) -> None:
    visits = [v for s in big_clinic.students for v in s.visits]
    types = Counter(v.visit_type for v in visits)
    assert set(types) == set(VisitType)
    assert types.most_common(1)[0][0] == VisitType.NURSING
    limits = {
        VisitType.NURSING: (5, 30),
        VisitType.MEDICAL: (15, 45),
        VisitType.BEHAVIORAL_HEALTH: (20, 60),
        VisitType.CRISIS: (30, 120),
    }
    for v in visits:
        visit_type = VisitType(v.visit_type)
        assert v.reason in COMMON_REASONS[visit_type]
        low, high = limits[visit_type]
        assert low <= v.duration_minutes <= high
        assert v.note and "{" not in v.note and "}" not in v.note
        assert "\n" not in v.note
    coded = [v for v in visits if v.icd10_codes]
    icd = {c for v in visits for c in v.icd10_codes}
    cpt = {c for v in visits for c in v.cpt_codes}
    assert 0 < len(coded) < len(visits)
    assert {"R51.9", "J45.909", "F41.1", "F32.A"} & icd
    assert {"99213", "96127", "90832"} <= cpt
    assert len({v.disposition for v in visits}) >= 5


def test_reasons_respect_age_and_sex(big_clinic: DemoClinic) -> None:
    for s in big_clinic.students:
        assert s.student.date_of_birth is not None
        age = age_on(s.student.date_of_birth, START)
        for v in s.visits:
            if v.reason == "Menstrual":
                assert s.student.sex in ("F", "X") and age >= 10
            if v.reason in ("Sexual/reproductive health", "Substance use", "Sports physical"):
                assert age >= 11


def test_fixed_offset_zone_is_honoured() -> None:
    tz = timezone(timedelta(hours=-7))
    c = clinic(students=100, tz=tz)
    visits = [v for s in c.students for v in s.visits]
    assert visits
    assert all(v.occurred_at.utcoffset() == timedelta(hours=-7) for v in visits)
    assert all(time(8) <= v.occurred_at.time() <= time(15, 30) for v in visits)


def test_no_visits_before_the_school_year() -> None:
    c = clinic(students=50, today=START - timedelta(days=1))
    assert all(s.visits == () for s in c.students)
    assert len(c.students) == 50


def test_every_note_template_formats() -> None:
    catalog = demo_data._visits()
    rng = random.Random(0)
    for kind in catalog.kinds.values():
        assert sum(len(r.templates) for r in kind.reasons.values()) >= 8
        for reason in kind.reasons.values():
            for template in reason.templates:
                fills = demo_data._Fills(rng, 30, 14, catalog.sports)
                assert "{" not in template.text.format_map(fills)


# --- visits for a real roster -----------------------------------------------------------


def roster_students() -> list[StudentInput]:
    return [
        StudentInput("José", "Ñúñez", date(2012, 4, 3), "LHS", district_id="R1", sex="M"),
        StudentInput("Zoë", "O'Brien", date(2014, 11, 30), "OES", district_id="R2", sex="F"),
        StudentInput("Hồng", "Nguyễn", None, "LHS", district_id="R3", grade="11"),
        StudentInput("Sam", "Lee", None, "RMS", district_id="R4"),
    ]


def test_demo_visits_for_a_roster() -> None:
    students = roster_students()
    visits = demo_visits_for(students, seed=1, school_year_start=START, today=TODAY, tz=TZ)
    assert set(visits) == {"R1", "R2", "R3", "R4"}
    for per_student in visits.values():
        for v in per_student:
            assert validated_visit(v, NOW) == v
    # Order and company do not matter: each student's visits depend on seed and id only.
    reversed_ = demo_visits_for(students[::-1], seed=1, school_year_start=START, today=TODAY, tz=TZ)
    alone = demo_visits_for(students[:1], seed=1, school_year_start=START, today=TODAY, tz=TZ)
    assert reversed_ == visits
    assert alone["R1"] == visits["R1"]
    many = [replace(students[0], district_id=f"R{i}") for i in range(100)]
    assert any(demo_visits_for(many, seed=1, school_year_start=START, today=TODAY, tz=TZ).values())


def test_demo_visits_for_matches_the_generated_clinic(default_clinic: DemoClinic) -> None:
    students = [s.student for s in default_clinic.students]
    visits = demo_visits_for(students, seed=2026, school_year_start=START, today=TODAY, tz=TZ)
    assert visits == {s.student.district_id: s.visits for s in default_clinic.students}


@pytest.mark.parametrize("ids", [("R1", "R1"), ("R1", ""), ("R1", "  ")])
def test_demo_visits_for_needs_unique_district_ids(ids: tuple[str, ...]) -> None:
    students = [replace(roster_students()[0], district_id=i) for i in ids]
    with pytest.raises(ValueError, match="unique district_id"):
        demo_visits_for(students, seed=1, school_year_start=START, today=TODAY, tz=TZ)


# --- performance ------------------------------------------------------------------------


def test_two_thousand_students_are_quick() -> None:
    clinic(students=10)  # data files loaded and cached
    started = clock.perf_counter()
    clinic(students=2000, seed=99, tz=UTC)
    assert clock.perf_counter() - started < 2.5
