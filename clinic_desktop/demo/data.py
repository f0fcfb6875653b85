"""A deterministic, entirely fictional clinic for demos, training and tests.

Trainers need a clinic that looks like a real school district — names in many scripts and
spellings, families of every shape, a year of ordinary visits — without a single real
person in it. Everything comes from the data files in ``resources/demo`` combined by a
``random.Random`` seeded by the caller; the clock is never read (the school year and "today"
are passed in), so the same arguments always give the same clinic, on any machine, in any
year. Visits for a student depend only on the seed and the student's district id, so the
same student gets the same visits whether generated here or from a real roster via
``demo_visits_for``, and adding students never changes anyone else's chart.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from clinic_desktop.domain.fields import clean_text
from clinic_desktop.domain.students import (
    CONSENTING_RELATIONS,
    GRADES,
    GuardianInput,
    StudentInput,
    age_on,
    normalize_grade,
    normalize_sex,
)
from clinic_desktop.domain.visits import COMMON_REASONS, Disposition, VisitInput, VisitType
from clinic_desktop.resources import resource_path

#: Visits happen while school is in session, in the clinic's time zone.
SCHOOL_DAY_START = time(8, 0)
SCHOOL_DAY_END = time(15, 30)
#: A US school year runs about 41 weeks from its first day (late August to mid-June).
SCHOOL_YEAR_DAYS = 287
#: Share of students in foster care, and with a Medicaid-like insurance id overall.
FOSTER_CARE_RATE = 0.05
MEDICAID_RATE = 0.40
#: District information systems record a few students with an X (non-binary) marker.
SEX_WEIGHTS: Mapping[str, float] = {"F": 49.0, "M": 49.0, "X": 2.0}
#: Share of students a year older than usual for their grade (late start, retained).
OLDER_FOR_GRADE_RATE = 0.12

_DAY_START_MIN = SCHOOL_DAY_START.hour * 60 + SCHOOL_DAY_START.minute
_DAY_END_MIN = SCHOOL_DAY_END.hour * 60 + SCHOOL_DAY_END.minute
_ASCII_FOLD = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ß": "ss", "Ø": "O"})


# --- public results ------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSchool:
    """One school the demo clinic serves; ``grades`` lists its span in ``GRADES`` order."""

    code: str
    name: str
    zip_code: str
    grades: tuple[str, ...]


@dataclass(frozen=True)
class DemoStudent:
    """A student with guardians and visits, each ready for the services' validators."""

    student: StudentInput
    guardians: tuple[GuardianInput, ...]
    visits: tuple[VisitInput, ...]


@dataclass(frozen=True)
class DemoClinic:
    """A whole fictional clinic: the site, its schools and its students."""

    site_code: str
    site_name: str
    schools: tuple[DemoSchool, ...]
    students: tuple[DemoStudent, ...]


# --- data files, parsed once ---------------------------------------------------------


class Weighted:
    """Values with relative weights, drawn with one ``rng.choices`` call."""

    __slots__ = ("cum_weights", "values")

    def __init__(self, pairs: Sequence[tuple[Any, float]]) -> None:
        pairs = [(value, float(weight)) for value, weight in pairs if weight > 0]
        if not pairs:
            raise ValueError("a weighted choice needs at least one positive weight")
        self.values = tuple(value for value, _ in pairs)
        total = 0.0
        cum: list[float] = []
        for _, weight in pairs:
            total += weight
            cum.append(total)
        self.cum_weights = tuple(cum)

    def pick(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


_SEXES = Weighted(list(SEX_WEIGHTS.items()))

#: A surname, or a (female, male) pair for languages whose surnames change with sex.
_Surname = str | tuple[str, str]


@dataclass(frozen=True)
class _Heritage:
    key: str
    language: str
    english_at_home: float
    first_names: Mapping[str, tuple[str, ...]]
    last_names: tuple[_Surname, ...]
    compound_surname_rate: float
    hyphenate_rate: float
    mother_keeps_surname: bool
    adopted_english_rate: float


@dataclass(frozen=True)
class _School:
    school: DemoSchool
    nearby_zip_codes: tuple[str, ...]


@dataclass(frozen=True)
class _Names:
    site_code: str
    site_name: str
    area_codes: tuple[str, ...]
    schools: Weighted  # of _School
    outlying_rate: float
    outlying_zip_codes: tuple[str, ...]
    groups: Weighted  # of _Heritage
    nicknames: Mapping[str, tuple[str, ...]]
    adopted_english: Mapping[str, tuple[str, ...]]
    chosen_names: tuple[str, ...]
    email_domains: tuple[str, ...]
    caseworker_email_domain: str


@dataclass(frozen=True)
class _Template:
    text: str
    icd10: tuple[str, ...]
    cpt: tuple[str, ...]


#: (highest age or duration in minutes, CPT codes) rules, checked in order.
_CptRules = tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class _Reason:
    name: str
    weight: float
    min_age: int
    sexes: frozenset[str] | None
    icd10: tuple[str, ...]
    minutes: Weighted | None
    dispositions: Weighted | None
    cpt_by_age: _CptRules
    cpt_by_minutes: _CptRules
    add_on_cpt: tuple[str, ...]
    add_on_rate: float
    templates: tuple[_Template, ...]


@dataclass(frozen=True)
class _Kind:
    visit_type: VisitType
    weight: float
    code_rate: float
    minutes: Weighted
    dispositions: Weighted
    disposition_notes: Mapping[str, tuple[str, ...]]
    cpt_by_minutes: _CptRules
    reasons: Mapping[str, _Reason]


@dataclass(frozen=True)
class _Profile:
    key: str
    rate: float
    min_age: int
    extra_visits: tuple[int, int]
    visits: Weighted  # of (VisitType, reason name)


@dataclass(frozen=True)
class _Visits:
    counts: Weighted
    max_per_student: int
    profiles: tuple[_Profile, ...]
    sports: tuple[str, ...]
    kinds: Mapping[VisitType, _Kind]


def _load_json(name: str) -> dict[str, Any]:
    path = resource_path("demo", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _texts(values: Sequence[str]) -> tuple[str, ...]:
    """Trimmed, NFC-normalised text, so generated names equal what the validators store."""
    return tuple(clean_text(v) for v in values)


def _weighted_map(raw: Mapping[str, float]) -> Weighted:
    return Weighted(list(raw.items()))


def _minutes(raw: Mapping[str, Any]) -> Weighted:
    return Weighted(list(zip(raw["values"], raw["weights"], strict=True)))


def _cpt_rules(raw: Sequence[Any] | None) -> _CptRules:
    return tuple((int(limit), tuple(codes)) for limit, codes in raw or ())


@lru_cache(maxsize=1)
def _names() -> _Names:
    data = _load_json("names.json")
    district = data["district"]
    schools = []
    for raw in data["schools"]:
        low, high = (GRADES.index(g) for g in raw["grades"])
        school = DemoSchool(
            code=raw["code"],
            name=clean_text(raw["name"]),
            zip_code=raw["zip_code"],
            grades=GRADES[low : high + 1],
        )
        schools.append((_School(school, tuple(raw["nearby_zip_codes"])), raw["weight"]))
    groups = []
    for raw in data["heritage_groups"]:
        last_names: list[_Surname] = [
            clean_text(n) if isinstance(n, str) else (clean_text(n["F"]), clean_text(n["M"]))
            for n in raw["last_names"]
        ]
        group = _Heritage(
            key=raw["key"],
            language=raw["language"],
            english_at_home=raw["english_at_home"],
            first_names={sex: _texts(names) for sex, names in raw["first_names"].items()},
            last_names=tuple(last_names),
            compound_surname_rate=raw.get("compound_surname_rate", 0.0),
            hyphenate_rate=raw.get("hyphenate_rate", 0.0),
            mother_keeps_surname=raw.get("mother_keeps_surname", False),
            adopted_english_rate=raw.get("adopted_english_rate", 0.0),
        )
        groups.append((group, raw["weight"]))
    preferred = data["preferred_names"]
    outlying = data["outlying_zip_codes"]
    extras = data["guardian_extras"]
    return _Names(
        site_code=district["site_code"],
        site_name=clean_text(district["site_name"]),
        area_codes=tuple(district["area_codes"]),
        schools=Weighted(schools),
        outlying_rate=outlying["rate"],
        outlying_zip_codes=tuple(outlying["zip_codes"]),
        groups=Weighted(groups),
        nicknames={
            clean_text(name): _texts(short) for name, short in preferred["nicknames"].items()
        },
        adopted_english={sex: _texts(n) for sex, n in preferred["adopted_english"].items()},
        chosen_names=_texts(preferred["chosen"]),
        email_domains=tuple(extras["email_domains"]),
        caseworker_email_domain=extras["caseworker_email_domain"],
    )


def _template(raw: str | Mapping[str, Any]) -> _Template:
    if isinstance(raw, str):
        return _Template(clean_text(raw), (), ())
    return _Template(
        clean_text(raw["text"]), tuple(raw.get("icd10", ())), tuple(raw.get("cpt", ()))
    )


def _check_dispositions(where: str, choice: Weighted | None, notes: Mapping[str, Any]) -> None:
    """Fail on load, not mid-demo, when the data names an outcome the app does not know."""
    for value in choice.values if choice else ():
        if value not in set(Disposition) or value not in notes:
            raise ValueError(f"visits.json: {where}: disposition {value!r} unknown or unnoted")


@lru_cache(maxsize=1)
def _visits() -> _Visits:
    data = _load_json("visits.json")
    kinds: dict[VisitType, _Kind] = {}
    for type_name, raw in data["types"].items():
        visit_type = VisitType(type_name)
        reasons: dict[str, _Reason] = {}
        for name, r in raw["reasons"].items():
            if name not in COMMON_REASONS[visit_type]:
                raise ValueError(f"visits.json: {type_name}: {name!r} is not a common reason")
            add_on = r.get("add_on_cpt", {})
            reasons[name] = _Reason(
                name=name,
                weight=r.get("weight", 1),
                min_age=r.get("min_age", 0),
                sexes=frozenset(r["sexes"]) if "sexes" in r else None,
                icd10=tuple(r.get("icd10", ())),
                minutes=_minutes(r["minutes"]) if "minutes" in r else None,
                dispositions=_weighted_map(r["dispositions"]) if "dispositions" in r else None,
                cpt_by_age=_cpt_rules(r.get("cpt_by_age")),
                cpt_by_minutes=_cpt_rules(r.get("cpt_by_minutes")),
                add_on_cpt=tuple(add_on.get("codes", ())),
                add_on_rate=add_on.get("rate", 0.0),
                templates=tuple(_template(t) for t in r["notes"]),
            )
        notes = {k: _texts(v) for k, v in raw["disposition_notes"].items()}
        kind = _Kind(
            visit_type=visit_type,
            weight=raw["weight"],
            code_rate=raw["code_rate"],
            minutes=_minutes(raw["minutes"]),
            dispositions=_weighted_map(raw["dispositions"]),
            disposition_notes=notes,
            cpt_by_minutes=_cpt_rules(raw.get("cpt_by_minutes")),
            reasons=reasons,
        )
        _check_dispositions(type_name, kind.dispositions, notes)
        for reason in reasons.values():
            _check_dispositions(f"{type_name}/{reason.name}", reason.dispositions, notes)
        kinds[visit_type] = kind
    profiles = []
    for raw in data["profiles"]:
        planned = [((VisitType(t), reason), w) for t, reason, w in raw["visits"]]
        for (visit_type, reason), _ in planned:
            if reason not in kinds[visit_type].reasons:
                raise ValueError(f"visits.json: profile {raw['key']}: no notes for {reason!r}")
        low, high = raw["extra_visits"]
        profiles.append(
            _Profile(raw["key"], raw["rate"], raw.get("min_age", 0), (low, high), Weighted(planned))
        )
    per_student = data["visits_per_student"]
    return _Visits(
        counts=Weighted(list(zip(per_student["counts"], per_student["weights"], strict=True))),
        max_per_student=data["max_visits_per_student"],
        profiles=tuple(profiles),
        sports=tuple(data["sports"]),
        kinds=kinds,
    )


# --- students and guardians -------------------------------------------------------------


def _surname(entry: _Surname, sex: str) -> str:
    """The form of a surname for a person of ``sex`` (Kowalska for F, Kowalski for M)."""
    if isinstance(entry, str):
        return entry
    return entry[0] if sex == "F" else entry[1]


@dataclass(frozen=True)
class _Family:
    """A family's surnames: the child's as recorded, and the two lines it comes from."""

    child: str
    father_line: _Surname
    mother_line: _Surname
    mother: str

    def relative(self, rng: random.Random, sex: str) -> str:
        """The surname of a relative of ``sex`` from either side of the family."""
        return _surname(rng.choice((self.father_line, self.mother_line)), sex)


def _family_surnames(rng: random.Random, group: _Heritage, child_sex: str) -> _Family:
    """The family's surnames following the group's naming customs."""
    father_line = rng.choice(group.last_names)
    mother_line = rng.choice(group.last_names)
    while mother_line == father_line and len(group.last_names) > 1:
        mother_line = rng.choice(group.last_names)
    father = _surname(father_line, "M")
    own = _surname(mother_line, "F")
    if group.compound_surname_rate:
        # Spanish naming: a child carries the father's first surname, often the mother's too.
        roll = rng.random()
        if roll < group.hyphenate_rate:
            child = f"{father}-{own}"
        elif roll < group.hyphenate_rate + group.compound_surname_rate:
            child = f"{father} {own}"
        else:
            child = father
        return _Family(child, father_line, mother_line, own)
    child = _surname(father_line, child_sex)
    if group.mother_keeps_surname:
        return _Family(child, father_line, mother_line, own)
    if rng.random() < group.hyphenate_rate:
        return _Family(f"{child}-{own}", father_line, mother_line, own)
    # Most mothers share the child's surname; others kept theirs or remarried.
    mother = _surname(father_line, "F") if rng.random() < 0.8 else own
    return _Family(child, father_line, mother_line, mother)


def _date_of_birth(rng: random.Random, age_on_sept_1: int, sept_1: date) -> date:
    """A birthday giving exactly ``age_on_sept_1`` on the district's age cut-off date."""
    earliest = _shift_years(sept_1, -age_on_sept_1 - 1) + timedelta(days=1)
    latest = _shift_years(sept_1, -age_on_sept_1)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days + 1))


def _shift_years(day: date, years: int) -> date:
    # Sept 1 exists every year; the guard keeps the helper safe for any other day.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _phone(rng: random.Random, names: _Names, extension: bool = False) -> str:
    """A number in the 555-0100..0199 block reserved for fiction, never a real line."""
    number = f"({rng.choice(names.area_codes)}) 555-01{rng.randrange(100):02d}"
    return f"{number} ext. {rng.randrange(200, 300)}" if extension else number


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return "".join(c for c in folded.lower() if c.isascii() and c.isalnum())


def _email(rng: random.Random, first: str, last: str, domain: str) -> str:
    given, family = _ascii(first.split()[0]), _ascii(last.split("-")[0])
    if not given or not family:
        return ""
    if rng.random() < 0.5:
        return f"{given}.{family}@{domain}"
    return f"{given[0]}{family}{rng.randrange(1, 100)}@{domain}"


def _guardian(
    rng: random.Random,
    names: _Names,
    *,
    first: str,
    last: str,
    relation: str,
    language: str,
    email_rate: float = 0.4,
) -> GuardianInput:
    phones = [_phone(rng, names)]
    if rng.random() < 0.3:
        phones.append(_phone(rng, names))
    email = ""
    if rng.random() < email_rate:
        email = _email(rng, first, last, rng.choice(names.email_domains))
    return GuardianInput(
        name=f"{first} {last}",
        relation=relation,
        phones=tuple(phones),
        language=language,
        can_consent=relation in CONSENTING_RELATIONS,
        email=email,
    )


def _household_language(rng: random.Random, group: _Heritage) -> str:
    return "en" if rng.random() < group.english_at_home else group.language


#: Household shapes: who the first and second guardian are; weights per 100 families.
_FAMILIES = Weighted(
    [
        (("mother", "father"), 43),
        (("mother", None), 24),
        (("father", None), 6),
        (("mother", "grandparent"), 10),
        (("father", "grandparent"), 2),
        (("parent", "parent"), 3),
        (("mother", "aunt/uncle"), 3),
        (("legal guardian", None), 4),
        (("legal guardian", "grandparent"), 2),
        (("grandparent", None), 1),
        (("mother", "sibling"), 2),
    ]
)
#: Foster placements: a foster parent, a caseworker, or both.
_FOSTER = Weighted(
    [
        (("foster parent", "caseworker"), 60),
        (("foster parent", None), 25),
        (("caseworker", None), 15),
    ]
)


def _family_guardians(
    rng: random.Random, names: _Names, group: _Heritage, language: str, family: _Family
) -> tuple[GuardianInput, ...]:
    guardians = []
    for relation in _FAMILIES.pick(rng):
        if relation is None:
            continue
        if relation == "mother":
            first, last = rng.choice(group.first_names["F"]), family.mother
        elif relation == "father":
            first, last = rng.choice(group.first_names["M"]), _surname(family.father_line, "M")
        else:
            sex = rng.choice("FM")
            first = rng.choice(group.first_names[sex])
            last = family.relative(rng, sex)
        # Grandparents more often keep the heritage language than the parents do.
        speaks = group.language if relation == "grandparent" else language
        guardians.append(
            _guardian(
                rng,
                names,
                first=first,
                last=last,
                relation=relation,
                language=speaks,
                email_rate=0.15 if relation == "grandparent" else 0.4,
            )
        )
    return tuple(guardians)


def _foster_guardians(rng: random.Random, names: _Names) -> tuple[GuardianInput, ...]:
    guardians = []
    for relation in _FOSTER.pick(rng):
        if relation is None:
            continue
        group: _Heritage = names.groups.pick(rng)
        sex = rng.choice("FM")
        first = rng.choice(group.first_names[sex])
        last = _surname(rng.choice(group.last_names), sex)
        if relation == "caseworker":
            guardians.append(
                GuardianInput(
                    name=f"{first} {last}",
                    relation=relation,
                    phones=(_phone(rng, names, extension=True),),
                    language="en",
                    can_consent=False,
                    email=_email(rng, first, last, names.caseworker_email_domain),
                )
            )
        else:
            guardians.append(
                _guardian(
                    rng,
                    names,
                    first=first,
                    last=last,
                    relation=relation,
                    language=_household_language(rng, group),
                )
            )
    return tuple(guardians)


@lru_cache(maxsize=16)
def _grade_weights(school: DemoSchool) -> Weighted:
    # Pre-kindergarten classes are smaller and use the clinic less.
    return Weighted([(g, 0.5 if g in ("PK", "TK") else 1.0) for g in school.grades])


def _student(
    rng: random.Random, names: _Names, district_id: str, local_id: str, sept_1: date
) -> tuple[StudentInput, tuple[GuardianInput, ...]]:
    school: _School = names.schools.pick(rng)
    grade = _grade_weights(school.school).pick(rng)
    group: _Heritage = names.groups.pick(rng)
    sex = _SEXES.pick(rng)
    name_sex = sex if sex in ("F", "M") else rng.choice("FM")
    # PK children are 3 on September 1st, TK 4, K 5, grade n is n + 5 ...
    age = GRADES.index(grade) + 3 + (1 if rng.random() < OLDER_FOR_GRADE_RATE else 0)
    date_of_birth = _date_of_birth(rng, age, sept_1)
    first = rng.choice(group.first_names[name_sex])
    family = _family_surnames(rng, group, name_sex)

    preferred, gender_identity = "", ""
    if sex == "X":
        gender_identity = "Non-binary"
        if rng.random() < 0.5:
            preferred = rng.choice(names.chosen_names)
    elif age >= 12 and rng.random() < 0.01:
        other = "F" if sex == "M" else "M"
        gender_identity = "Transgender female" if other == "F" else "Transgender male"
        preferred = rng.choice(group.first_names[other])
    elif first in names.nicknames and rng.random() < 0.35:
        preferred = rng.choice(names.nicknames[first])
    elif rng.random() < group.adopted_english_rate:
        preferred = rng.choice(names.adopted_english[name_sex])

    roll = rng.random()
    if roll < names.outlying_rate:
        zip_code = rng.choice(names.outlying_zip_codes)
    elif roll < names.outlying_rate + 0.25:
        zip_code = rng.choice(school.nearby_zip_codes)
    else:
        zip_code = school.school.zip_code

    household = _household_language(rng, group)
    language = household if household == "en" or rng.random() < 0.55 else "en"
    foster_care = rng.random() < FOSTER_CARE_RATE
    # Children in foster care are Medicaid-eligible; the rest make up the district share.
    medicaid_rate = (MEDICAID_RATE - FOSTER_CARE_RATE) / (1 - FOSTER_CARE_RATE)
    insurance_id = ""
    if foster_care or rng.random() < medicaid_rate:
        insurance_id = f"MCD{rng.randrange(10**8, 10**9)}"
    if foster_care:
        guardians = _foster_guardians(rng, names)
    else:
        guardians = _family_guardians(rng, names, group, household, family)
    student = StudentInput(
        first_name=first,
        last_name=family.child,
        date_of_birth=date_of_birth,
        school_code=school.school.code,
        district_id=district_id,
        local_id=local_id,
        preferred_name=preferred,
        sex=sex,
        gender_identity=gender_identity,
        grade=grade,
        zip_code=zip_code,
        language=language,
        foster_care=foster_care,
        insurance_id=insurance_id,
    )
    return student, guardians


# --- visits ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _school_days(school_year_start: date) -> tuple[date, ...]:
    """Weekdays of the school year that begins on ``school_year_start``, minus winter break."""
    days = []
    for offset in range(SCHOOL_YEAR_DAYS):
        day = school_year_start + timedelta(days=offset)
        winter_break = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)
        if day.weekday() < 5 and not winter_break:
            days.append(day)
    return tuple(days)


class _Fills(dict[str, str]):
    """Values for a note's {placeholders}, drawn only when the template uses them."""

    def __init__(self, rng: random.Random, minutes: int, age: int, sports: Sequence[str]) -> None:
        super().__init__()
        self.rng, self.minutes, self.age, self.sports = rng, minutes, age, sports

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key == "since":
            if self.age < 11:
                options = ("since morning recess", "since lunch", "since arriving at school")
            else:
                options = (
                    "since 1st period",
                    "since 2nd period",
                    "since 3rd period",
                    "since lunch",
                )
            value = rng.choice((*options, "since this morning"))
        elif key == "rest":
            value = str(max(5, (self.minutes - 5) // 5 * 5))
        elif key == "temp":
            value = f"{rng.randint(976, 992) / 10:.1f}°F"
        elif key == "temp_fever":
            value = f"{rng.randint(1004, 1028) / 10:.1f}°F"
        elif key == "sport":
            value = rng.choice(self.sports)
        elif key == "carbs":
            value = str(rng.randrange(30, 80, 5))
        else:
            low, high = _RANGES[key]  # KeyError: a template uses an unknown placeholder
            value = str(rng.randint(low, high))
        self[key] = value
        return value


_RANGES: Mapping[str, tuple[int, int]] = {
    "pain": (2, 7),
    "rr": (18, 26),
    "spo2": (94, 99),
    "bg": (90, 180),
    "bg_low": (52, 69),
    "bg_high": (250, 320),
    "bmi_pct": (8, 97),
    "days": (1, 4),
    "sx_days": (0, 3),
    "act": (16, 25),
    "gad7": (5, 16),
    "phq": (5, 19),
    "crafft": (1, 4),
}


def _by_rule(rules: _CptRules, value: int) -> tuple[str, ...]:
    return next((codes for limit, codes in rules if value <= limit), ())


def _student_age(student: StudentInput, on: date) -> int:
    """Age for choosing plausible reasons; a roster row may lack a birthday or grade."""
    if student.date_of_birth is not None:
        return age_on(student.date_of_birth, on)
    grade = normalize_grade(student.grade)
    return GRADES.index(grade) + 3 if grade in GRADES else 12


def _eligible(kind: _Kind, age: int, sex: str) -> Weighted:
    reasons = [
        (r, r.weight)
        for r in kind.reasons.values()
        if age >= r.min_age and (r.sexes is None or sex in r.sexes)
    ]
    return Weighted(reasons)


def _visit(
    rng: random.Random,
    catalog: _Visits,
    kind: _Kind,
    reason: _Reason,
    day: date,
    age: int,
    tz: tzinfo,
) -> VisitInput:
    template = rng.choice(reason.templates)
    minutes: int = (reason.minutes or kind.minutes).pick(rng)
    disposition: str = (reason.dispositions or kind.dispositions).pick(rng)
    note = template.text.format_map(_Fills(rng, minutes, age, catalog.sports))
    note = f"{note} {rng.choice(kind.disposition_notes[disposition])}"
    icd10: tuple[str, ...] = ()
    cpt: tuple[str, ...] = ()
    if rng.random() < kind.code_rate:
        icd10 = template.icd10 or ((rng.choice(reason.icd10),) if reason.icd10 else ())
        cpt = (
            template.cpt
            or _by_rule(reason.cpt_by_age, age)
            or _by_rule(reason.cpt_by_minutes or kind.cpt_by_minutes, minutes)
        )
        if reason.add_on_cpt and rng.random() < reason.add_on_rate:
            cpt = (*cpt, *reason.add_on_cpt)
    # Start late enough in the day only when the visit still ends before dismissal.
    start = rng.randint(_DAY_START_MIN, max(_DAY_START_MIN, _DAY_END_MIN - minutes))
    occurred_at = datetime.combine(day, time(start // 60, start % 60), tzinfo=tz)
    return VisitInput(
        visit_type=kind.visit_type.value,
        occurred_at=occurred_at,
        reason=reason.name,
        note=note,
        disposition=Disposition(disposition).value,
        duration_minutes=minutes,
        icd10_codes=icd10,
        cpt_codes=cpt,
    )


def _student_visits(
    student: StudentInput,
    *,
    seed: int,
    school_days: tuple[date, ...],
    today: date,
    tz: tzinfo,
) -> tuple[VisitInput, ...]:
    """The whole year's visits for one student, of which those up to ``today`` are kept.

    Planning the full year first means a visit in October stays the same whether the demo
    is built in November or in May.
    """
    if not school_days:
        return ()
    catalog = _visits()
    rng = random.Random(f"{seed}:visits:{clean_text(student.district_id)}")
    age = _student_age(student, school_days[0])
    sex = normalize_sex(student.sex)
    planned: list[tuple[VisitType, str] | None] = []
    for profile in catalog.profiles:
        if age >= profile.min_age and rng.random() < profile.rate:
            low, high = profile.extra_visits
            planned.extend(profile.visits.pick(rng) for _ in range(rng.randint(low, high)))
            break
    planned.extend([None] * catalog.counts.pick(rng))
    planned = planned[: min(catalog.max_per_student, len(school_days))]
    rng.shuffle(planned)
    days = rng.sample(school_days, len(planned))
    kinds = Weighted([(k, k.weight) for k in catalog.kinds.values()])
    eligible: dict[VisitType, Weighted] = {}
    visits = []
    for day, plan in zip(days, planned, strict=True):
        if plan is None:
            kind: _Kind = kinds.pick(rng)
            if kind.visit_type not in eligible:
                eligible[kind.visit_type] = _eligible(kind, age, sex)
            reason: _Reason = eligible[kind.visit_type].pick(rng)
        else:
            kind = catalog.kinds[plan[0]]
            reason = kind.reasons[plan[1]]
        visit = _visit(rng, catalog, kind, reason, day, age, tz)
        if day <= today:
            visits.append(visit)
    visits.sort(key=lambda v: v.occurred_at)
    return tuple(visits)


# --- public API -----------------------------------------------------------------------


def generate_demo_clinic(
    *,
    students: int = 200,
    seed: int = 2026,
    school_year_start: date,
    today: date,
    tz: tzinfo,
) -> DemoClinic:
    """A fictional clinic with ``students`` students and their visits up to ``today``.

    ``school_year_start`` is the first day of school; ages follow the usual September 1st
    cut-off of that year. ``tz`` is the clinic's zone (one that knows daylight saving, such
    as ``ClinicSession.zone()`` or a ``zoneinfo.ZoneInfo``), used so visit times fall in
    local school hours across daylight-saving changes.
    """
    if students < 0:
        raise ValueError("the number of demo students cannot be negative")
    names = _names()
    rng = random.Random(seed)
    district_numbers = rng.sample(range(1_000_000, 10_000_000), students)
    local_numbers = rng.sample(range(100_000, 1_000_000), students)
    sept_1 = date(school_year_start.year, 9, 1)
    school_days = _school_days(school_year_start)
    generated = []
    for district_number, local_number in zip(district_numbers, local_numbers, strict=True):
        student, guardians = _student(rng, names, f"D{district_number}", str(local_number), sept_1)
        visits = _student_visits(student, seed=seed, school_days=school_days, today=today, tz=tz)
        generated.append(DemoStudent(student, guardians, visits))
    return DemoClinic(
        site_code=names.site_code,
        site_name=names.site_name,
        schools=tuple(school.school for school in names.schools.values),
        students=tuple(generated),
    )


def demo_visits_for(
    students: Sequence[StudentInput],
    *,
    seed: int,
    school_year_start: date,
    today: date,
    tz: tzinfo,
) -> dict[str, tuple[VisitInput, ...]]:
    """Fictional visits for students from a real roster file, keyed by district id.

    Used to demo or train on a site's own roster without anyone's real health data. Each
    student's visits depend only on ``seed`` and the district id, so re-importing a roster
    in another order gives everybody the same visits. District ids must be present and
    unique, because they are the keys.
    """
    keys = [s.district_id.strip() for s in students]
    if not all(keys) or len(set(keys)) != len(keys):
        raise ValueError("every student needs a unique district_id to receive demo visits")
    school_days = _school_days(school_year_start)
    return {
        s.district_id: _student_visits(s, seed=seed, school_days=school_days, today=today, tz=tz)
        for s in students
    }
