"""The partner directory: kinds, validation, and the CSV import with line-numbered problems."""

from __future__ import annotations

import pytest

from clinic_desktop.domain.partners import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    PartnerInput,
    PartnerKind,
    RowProblem,
    parse_partner_csv,
    parse_partner_kind,
    serves_age,
    validated_partner,
)
from clinic_desktop.errors import ValidationError

HEADER = (
    "name,kind,services,languages,min_age,max_age,accepts_medicaid,contact_name,phone,fax,"
    "email,address,notes"
)
EASTSIDE = (
    "Eastside Counseling,community_mental_health,Individual therapy; Family therapy;,"
    "English;Spanish,5,21,yes,Ana Ruiz,(415) 555-0100 x12,415.555.0101,intake@eastside.org,"
    '"12 Main St, Springfield",Walk-ins Tuesday'
)


def csv_bytes(*lines: str, header: str = HEADER, end: str = "\n", bom: bool = False) -> bytes:
    text = end.join([header, *lines, ""])
    return (("\ufeff" if bom else "") + text).encode("utf-8")


# --- kinds -------------------------------------------------------------------------


def test_every_kind_has_a_label():
    assert [k.value for k in PartnerKind] == [
        "community_mental_health",
        "health_center",
        "community_organization",
        "crisis_service",
        "hospital",
        "other",
    ]
    assert PartnerKind.HEALTH_CENTER.label == "Health center (FQHC)"
    assert all(k.label for k in PartnerKind)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("health_center", PartnerKind.HEALTH_CENTER),
        ("FQHC", PartnerKind.HEALTH_CENTER),
        ("  Health Center (FQHC) ", PartnerKind.HEALTH_CENTER),
        ("Community-based organization", PartnerKind.COMMUNITY_ORGANIZATION),
        ("CBO", PartnerKind.COMMUNITY_ORGANIZATION),
        ("community mental health", PartnerKind.COMMUNITY_MENTAL_HEALTH),
        ("Crisis Service", PartnerKind.CRISIS_SERVICE),
        ("hospital", PartnerKind.HOSPITAL),
        ("dentist", None),
        ("", None),
    ],
)
def test_kinds_are_read_from_codes_labels_and_abbreviations(text, kind):
    assert parse_partner_kind(text) is kind


# --- validation --------------------------------------------------------------------


def test_a_good_partner_is_cleaned():
    partner = validated_partner(
        PartnerInput(
            name="  Eastside Counseling ",
            kind="FQHC",
            services=(" Therapy ", "", "therapy", "Psychiatry"),
            languages=("Spanish", " spanish", "Tiếng Việt"),
            min_age=5,
            max_age=5,
            email=" intake@eastside.org ",
        )
    )
    assert partner.name == "Eastside Counseling"
    assert partner.kind == "health_center"
    assert partner.services == ("Therapy", "Psychiatry")
    assert partner.languages == ("Spanish", "Tiếng Việt")
    assert partner.email == "intake@eastside.org"


def test_every_bad_field_is_named():
    with pytest.raises(ValidationError) as caught:
        validated_partner(
            PartnerInput(
                name="",
                kind="dentist",
                services=("x" * 101,),
                min_age=18,
                max_age=5,
                phone="call us",
                fax="12345678901234567890123456789012345678901",
                email="not-an-address",
                contact_name="a\nb",
            )
        )
    error = caught.value
    assert error.for_field("name") == "is required"
    assert error.for_field("kind") == (
        "is not one of: community_mental_health, health_center, community_organization, "
        "crisis_service, hospital, other"
    )
    assert error.for_field("services") == "has an entry that is too long (at most 100 characters)"
    assert error.for_field("max_age") == "cannot be less than min_age"
    assert error.for_field("min_age") is None
    assert error.for_field("phone") == "is not a phone number"
    assert error.for_field("fax") == "is not a phone number"
    assert error.for_field("email") == "is not an email address"
    assert error.for_field("contact_name") == "contains control characters"


def test_ages_are_bounded():
    with pytest.raises(ValidationError) as caught:
        validated_partner(PartnerInput(name="A", kind="other", min_age=-1, max_age=121))
    assert caught.value.for_field("min_age") == "must be between 0 and 120"
    assert caught.value.for_field("max_age") == "must be between 0 and 120"


def test_too_many_list_entries():
    with pytest.raises(ValidationError) as caught:
        validated_partner(
            PartnerInput(name="A", kind="other", languages=tuple(f"L{i}" for i in range(51)))
        )
    assert caught.value.for_field("languages") == "has too many entries (at most 50)"


def test_address_and_notes_may_span_lines():
    partner = validated_partner(
        PartnerInput(name="A", kind="other", address="12 Main St\nSpringfield", notes="a\nb")
    )
    assert partner.address == "12 Main St\nSpringfield"


@pytest.mark.parametrize(
    ("low", "high", "age", "served"),
    [
        (None, None, 3, True),
        (5, None, 4, False),
        (5, None, 5, True),
        (None, 18, 18, True),
        (None, 18, 19, False),
        (12, 18, 15, True),
    ],
)
def test_serves_age(low, high, age, served):
    partner = PartnerInput(name="A", kind="other", min_age=low, max_age=high)
    assert serves_age(partner, age) is served


# --- CSV import --------------------------------------------------------------------


def test_columns():
    assert REQUIRED_COLUMNS == ("name", "kind")
    assert set(OPTIONAL_COLUMNS) == set(HEADER.split(",")) - {"name", "kind"}


def test_a_good_file():
    parsed = parse_partner_csv(
        csv_bytes(
            EASTSIDE,
            "Valley Health Center,FQHC,Primary care,,,,no,,,,,,",
            "County Crisis Line,crisis_service,,,,,TRUE",
            end="\r\n",
            bom=True,
        )
    )
    assert parsed.problems == ()
    assert [r.line for r in parsed.rows] == [2, 3, 4]
    assert parsed.rows[0].partner == PartnerInput(
        name="Eastside Counseling",
        kind="community_mental_health",
        services=("Individual therapy", "Family therapy"),
        languages=("English", "Spanish"),
        min_age=5,
        max_age=21,
        accepts_medicaid=True,
        contact_name="Ana Ruiz",
        phone="(415) 555-0100 x12",
        fax="415.555.0101",
        email="intake@eastside.org",
        address="12 Main St, Springfield",
        notes="Walk-ins Tuesday",
    )
    second, third = parsed.rows[1].partner, parsed.rows[2].partner
    assert (second.kind, second.accepts_medicaid, second.min_age) == ("health_center", False, None)
    assert (third.kind, third.accepts_medicaid) == ("crisis_service", True)


def test_only_name_and_kind_are_required_and_extra_columns_are_ignored():
    parsed = parse_partner_csv(
        csv_bytes("Hope House,CBO,https://hope.org", header="NAME,Kind ,Web")
    )
    assert parsed.problems == ()
    partner = parsed.rows[0].partner
    assert partner == PartnerInput(name="Hope House", kind="community_organization")


def test_header_columns_are_matched_by_name_not_position():
    parsed = parse_partner_csv(csv_bytes("cbo,Hope House,x", header="Kind,Name,Site"))
    partner = parsed.rows[0].partner
    assert (partner.name, partner.kind) == ("Hope House", "community_organization")
    assert parsed.rows[0].provided == frozenset({"name", "kind"})


def test_provided_names_the_non_blank_cells():
    parsed = parse_partner_csv(csv_bytes("Hope House,other,,Spanish,,,no"))
    assert parsed.rows[0].provided == frozenset({"name", "kind", "languages", "accepts_medicaid"})


@pytest.mark.parametrize("value", ["yes", "Y", "true", "1", "no", "N", "False", "0", " YES "])
def test_medicaid_spellings(value):
    parsed = parse_partner_csv(csv_bytes(f"A,other,,,,,{value}"))
    assert parsed.rows[0].partner.accepts_medicaid is (
        value.strip().lower() in {"yes", "y", "true", "1"}
    )


def test_bad_rows_are_reported_by_physical_line_and_good_rows_still_come_through():
    data = csv_bytes(
        EASTSIDE,  # line 2
        "",  # line 3: blank, skipped
        ",other",  # line 4: no name
        'Hope House,cbo,,,,,,,,,,,"Closed in August,',  # line 5: notes span two lines
        'reopens in January"',  # line 6
        "Dr. Who Clinic,dentist,,,five,3,maybe,,,,bad-email,,",  # line 7
        "eastside counseling,hospital",  # line 8: duplicate name (case ignored)
        "Lone Star,other,,,,,,,,,,,,,extra",  # line 9: more fields than the header
        "Valley Health,health center,,,,,,,,,,,",  # line 10
    )
    parsed = parse_partner_csv(data)
    assert [r.line for r in parsed.rows] == [2, 5, 10]
    assert parsed.rows[1].partner.notes == "Closed in August,\nreopens in January"
    assert parsed.problems == (
        RowProblem(4, "name is required"),
        RowProblem(
            7,
            "kind is not one of: community_mental_health, health_center, "
            "community_organization, crisis_service, hospital, other; min_age is not a whole "
            "number; accepts_medicaid must be yes or no; email is not an email address",
        ),
        RowProblem(8, "name is a duplicate, first seen on line 2"),
        RowProblem(9, "has 15 fields but the header has 13"),
    )


def test_problems_never_repeat_cell_values():
    parsed = parse_partner_csv(
        csv_bytes("Secret Clinic,unknownkind,,,-4,x9,perhaps,,call-me-maybe,,who@,,")
    )
    (problem,) = parsed.problems
    for value in ("Secret", "unknownkind", "-4", "x9", "perhaps", "call-me-maybe", "who@"):
        assert value not in problem.reason
    assert problem.reason.startswith("kind is not one of")
    assert "min_age is not a whole number; max_age is not a whole number" in problem.reason
    assert "phone is not a phone number" in problem.reason


def test_ages_out_of_order_in_the_file():
    parsed = parse_partner_csv(csv_bytes("A,other,,,18,12"))
    assert parsed.problems == (RowProblem(2, "max_age cannot be less than min_age"),)


def test_missing_required_columns_refuse_the_file():
    with pytest.raises(ValidationError) as caught:
        parse_partner_csv(csv_bytes("Eastside", header="name,services"))
    assert caught.value.for_field("header") == "missing column(s): kind"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as caught:
        parse_partner_csv(b"")
    assert caught.value.for_field("header") is not None
