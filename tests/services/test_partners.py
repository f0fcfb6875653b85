"""The partner directory through its services: add, edit, deactivate, search, CSV import."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from clinic_desktop import errors
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.services import partners
from clinic_desktop.services.partners import PartnerQuery
from clinic_desktop.store.models import AuditEvent, Partner

HEADER = (
    "name,kind,services,languages,min_age,max_age,accepts_medicaid,contact_name,phone,fax,"
    "email,address,notes"
)
EASTSIDE = (
    "Eastside Counseling,community_mental_health,Individual therapy; Family therapy,"
    "English;Spanish,5,21,yes,Ana Ruiz,(415) 555-0100,,intake@eastside.org,12 Main St,"
    "Walk-ins Tuesday"
)
VALLEY = "Valley Health Center,FQHC,Primary care;Dental,English;Vietnamese,,,no,,,,,,"
CRISIS = "County Crisis Line,crisis,Mobile crisis,English;Spanish,,,yes,,,,,,"


def csv_bytes(*lines, header=HEADER):
    return "\n".join([header, *lines, ""]).encode()


def eastside(**changes):
    base = PartnerInput(
        name="Eastside Counseling",
        kind="cmh",
        services=("Individual therapy", "Family therapy"),
        languages=("English", "Spanish"),
        min_age=5,
        max_age=21,
        accepts_medicaid=True,
        phone="(415) 555-0100",
    )
    return replace(base, **changes)


def _count(session, model):
    with session.read() as db:
        return db.scalar(select(func.count()).select_from(model))


def _actions(session):
    with session.read() as db:
        return [a for (a,) in db.execute(select(AuditEvent.action).order_by(AuditEvent.seq))]


# --- add, edit, deactivate --------------------------------------------------------------


def test_add_returns_a_clean_view_and_is_audited(clinician):
    view = partners.add_partner(clinician, eastside(name="  Eastside Counseling "))
    assert view.name == "Eastside Counseling"
    assert view.kind == "community_mental_health" and view.kind_label == "Community mental health"
    assert view.services == ("Individual therapy", "Family therapy")
    assert view.active and view.ages == "5-21"
    assert partners.get_partner(clinician, view.id) == view
    assert "partner_added" in _actions(clinician)


def test_names_are_unique_ignoring_case(clinician):
    first = partners.add_partner(clinician, eastside())
    with pytest.raises(errors.ValidationError) as caught:
        partners.add_partner(clinician, eastside(name="EASTSIDE counseling"))
    assert "already" in caught.value.for_field("name")
    other = partners.add_partner(clinician, eastside(name="Westside"))
    with pytest.raises(errors.ValidationError):
        partners.update_partner(clinician, other.id, eastside(name="eastside counseling"))
    renamed = partners.update_partner(clinician, first.id, eastside(name="EASTSIDE COUNSELING"))
    assert renamed.name == "EASTSIDE COUNSELING"


def test_edit_replaces_the_details_and_audits_changed_fields(clinician):
    view = partners.add_partner(clinician, eastside())
    edited = partners.update_partner(clinician, view.id, eastside(max_age=18, notes="Waitlist"))
    assert (edited.max_age, edited.notes) == (18, "Waitlist")
    with clinician.read() as db:
        action, detail = db.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.seq.desc())
        ).first()
    assert action == "partner_updated"
    assert sorted(detail["fields"]) == ["max_age", "notes"]


def test_invalid_input_names_the_field(clinician):
    with pytest.raises(errors.ValidationError) as caught:
        partners.add_partner(clinician, eastside(kind="dentist", email="nope"))
    assert caught.value.for_field("kind") and caught.value.for_field("email")


def test_deactivate_and_reactivate(clinician):
    view = partners.add_partner(clinician, eastside())
    assert not partners.deactivate_partner(clinician, view.id).active
    assert partners.search_partners(clinician) == []
    assert [p.id for p in partners.search_partners(clinician, PartnerQuery(active_only=False))] == [
        view.id
    ]
    assert partners.reactivate_partner(clinician, view.id).active
    actions = _actions(clinician)
    assert "partner_deactivated" in actions and "partner_reactivated" in actions


def test_unknown_partner(clinician):
    import uuid

    with pytest.raises(errors.NotFoundError):
        partners.get_partner(clinician, uuid.uuid4())


# --- search -----------------------------------------------------------------------------


@pytest.fixture
def directory(clinician):
    partners.import_partners(clinician, csv_bytes(EASTSIDE, VALLEY, CRISIS))
    return clinician


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (PartnerQuery(), ["County Crisis Line", "Eastside Counseling", "Valley Health Center"]),
        (PartnerQuery(text="east"), ["Eastside Counseling"]),
        (PartnerQuery(text="HEALTH"), ["Valley Health Center"]),
        (PartnerQuery(kind="fqhc"), ["Valley Health Center"]),
        (PartnerQuery(kind="crisis_service"), ["County Crisis Line"]),
        (PartnerQuery(service="therapy"), ["Eastside Counseling"]),
        (PartnerQuery(language="spanish"), ["County Crisis Line", "Eastside Counseling"]),
        (PartnerQuery(language="Vietnamese"), ["Valley Health Center"]),
        (PartnerQuery(age=4), ["County Crisis Line", "Valley Health Center"]),
        (PartnerQuery(age=21, language="Spanish", service="individual"), ["Eastside Counseling"]),
        (PartnerQuery(accepts_medicaid=False), ["Valley Health Center"]),
    ],
)
def test_search_filters(directory, query, expected):
    assert [p.name for p in partners.search_partners(directory, query)] == expected


# --- import -----------------------------------------------------------------------------


def test_import_reports_bad_rows_by_line_and_imports_the_rest(clinician):
    data = csv_bytes(
        EASTSIDE,  # line 2
        ",other",  # line 3: no name
        "Dr. Who Clinic,dentist",  # line 4: bad kind
        VALLEY,  # line 5
        "eastside counseling,hospital",  # line 6: duplicate in the file
    )
    report = partners.import_partners(clinician, data)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert [p.line for p in report.problems] == [3, 4, 6]
    assert "name" in report.problems[0].reason and "kind" in report.problems[1].reason
    assert "Dr. Who" not in report.problems[1].reason
    assert report.summary() == "2 added, 0 updated, 0 unchanged, 3 rejected"
    assert _count(clinician, Partner) == 2
    assert "partners_imported" in _actions(clinician)


def test_reimport_updates_by_name_never_duplicates_and_blank_cells_never_erase(clinician):
    partners.import_partners(clinician, csv_bytes(EASTSIDE, VALLEY))
    [before] = partners.search_partners(clinician, PartnerQuery(text="eastside"))
    partners.update_partner(
        clinician, before.id, replace(eastside(), notes="Ask for Ana", contact_name="Ana Ruiz")
    )
    again = csv_bytes(
        "EASTSIDE COUNSELING,cmh,,,,18,,,,,,,",  # new max_age; blank cells keep the rest
        VALLEY,
    )
    report = partners.import_partners(clinician, again)
    assert (report.created, report.updated, report.unchanged, report.problems) == (0, 1, 1, ())
    assert _count(clinician, Partner) == 2
    after = partners.get_partner(clinician, before.id)
    assert after.name == "Eastside Counseling"  # the name's spelling stays as recorded
    assert after.max_age == 18 and after.min_age == 5
    assert after.notes == "Ask for Ana" and after.contact_name == "Ana Ruiz"
    assert after.services == before.services and after.accepts_medicaid


def test_reimport_row_that_would_break_a_partner_is_rejected_alone(clinician):
    partners.import_partners(clinician, csv_bytes(EASTSIDE))
    # min_age 30 with the stored max_age 21 is invalid once merged.
    report = partners.import_partners(clinician, csv_bytes("Eastside Counseling,cmh,,,30", VALLEY))
    assert report.created == 1 and [p.line for p in report.problems] == [2]
    assert "max_age" in report.problems[0].reason
    [kept] = partners.search_partners(clinician, PartnerQuery(text="eastside"))
    assert kept.min_age == 5


def test_import_keeps_a_deactivated_partner_deactivated(clinician):
    partners.import_partners(clinician, csv_bytes(EASTSIDE))
    [view] = partners.search_partners(clinician)
    partners.deactivate_partner(clinician, view.id)
    report = partners.import_partners(clinician, csv_bytes(EASTSIDE))
    assert report.unchanged == 1
    assert not partners.get_partner(clinician, view.id).active


def test_a_file_level_problem_is_a_validation_error(clinician):
    with pytest.raises(errors.ValidationError):
        partners.import_partners(clinician, b"services,languages\nx,y\n")


def test_progress_is_reported(clinician):
    seen = []
    partners.import_partners(
        clinician, csv_bytes(EASTSIDE, VALLEY), progress=lambda *a: seen.append(a)
    )
    assert seen == [(1, 2), (2, 2)]


# --- permissions ------------------------------------------------------------------------


def test_nurse_and_admin_keep_the_directory(nurse, admin):
    view = partners.add_partner(nurse, eastside())
    assert partners.update_partner(admin, view.id, eastside(notes="x")).notes == "x"
    assert [p.id for p in partners.search_partners(admin)] == [view.id]


def test_it_cannot_read_or_change_the_directory(clinician, it_user):
    view = partners.add_partner(clinician, eastside())
    for call in (
        lambda: partners.add_partner(it_user, eastside(name="Other")),
        lambda: partners.update_partner(it_user, view.id, eastside()),
        lambda: partners.deactivate_partner(it_user, view.id),
        lambda: partners.search_partners(it_user),
        lambda: partners.get_partner(it_user, view.id),
        lambda: partners.import_partners(it_user, csv_bytes(VALLEY)),
    ):
        with pytest.raises(errors.PermissionDeniedError):
            call()
