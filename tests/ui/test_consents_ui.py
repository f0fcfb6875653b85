"""The Consents tab and dialogs: chips in words, recording, revoking, the print hook."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from clinic_desktop.domain.consents import ConsentInput, MinorConsentRule
from clinic_desktop.domain.partners import PartnerInput
from clinic_desktop.services import consents, partners, students
from clinic_desktop.services import settings as site_settings
from clinic_desktop.ui import operations
from clinic_desktop.ui.chart_view import ChartView
from clinic_desktop.ui.consent_dialog import ConsentDialog
from clinic_desktop.ui.models.table_model import TONE_ROLE
from clinic_desktop.ui.tabs.consents import STATUS_COLUMN
from tests.factories import guardian, student
from tests.ui.test_visit_dialog import unnamed_controls

TIMEOUT = 5000
LEFT = Qt.MouseButton.LeftButton
SERVICES = "Consent to school-based health services"
RELEASE = "Release of information"
TELEHEALTH = "Consent to telehealth"


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


@pytest.fixture
def pupil(clinician):
    return students.create_student(
        clinician,
        student(),
        (guardian(), guardian(name="Tío Pedro", relation="aunt/uncle", can_consent=False)),
    )


@pytest.fixture
def eastside(clinician):
    return partners.add_partner(
        clinician, PartnerInput(name="Eastside Counseling", kind="community_mental_health")
    )


def consents_tab(qtbot, session, pupil):
    view = ChartView(session)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    view.show_student(pupil)
    view.tabs.setCurrentWidget(view.consents_tab)
    tab = view.consents_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=TIMEOUT)
    return view, tab


def paper(pupil, kind, signed_on, **changes):
    return ConsentInput(
        kind=kind,
        signer_kind="guardian",
        signed_on=signed_on,
        guardian_id=changes.pop("guardian_id", pupil.guardians[0].id),
        **changes,
    )


def release(pupil, partner, signed_on, expires_on):
    return paper(
        pupil,
        "release_of_information",
        signed_on,
        partner_id=partner.id,
        purpose="Counseling referral",
        information_kinds=("demographics",),
        expires_on=expires_on,
    )


def statuses(tab) -> list[tuple[str, str, str]]:
    model = tab.model
    return [
        (model.cell(r, 0), model.cell(r, 1), model.cell(r, STATUS_COLUMN))
        for r in range(model.rowCount())
    ]


def test_chips_say_valid_expiring_expired_revoked_and_missing_in_words(
    qtbot, clinician, pupil, eastside
):
    westside = partners.add_partner(clinician, PartnerInput(name="Westside Clinic", kind="other"))
    view, tab = consents_tab(qtbot, clinician, pupil)
    assert tab.chip_texts() == {
        "services": f"{SERVICES}: Missing",
        "release_of_information": f"{RELEASE}: Missing",
        "telehealth": f"{TELEHEALTH}: Missing",
    }
    assert tab.summary_chips["services"].text() == "Missing"

    consents.record_consent(clinician, pupil.id, paper(pupil, "services", date(2026, 9, 1)))
    consents.record_consent(
        clinician, pupil.id, release(pupil, eastside, date(2026, 1, 5), date(2026, 11, 1))
    )
    consents.record_consent(
        clinician, pupil.id, release(pupil, westside, date(2025, 1, 5), date(2026, 1, 4))
    )
    telehealth = consents.record_consent(
        clinician, pupil.id, paper(pupil, "telehealth", date(2026, 9, 2))
    )
    consents.revoke_consent(clinician, telehealth.id, date(2026, 10, 1))
    view.refresh_records()
    qtbot.waitUntil(lambda: len(tab.consents()) == 4, timeout=TIMEOUT)

    assert statuses(tab) == [
        (TELEHEALTH, "—", "Revoked"),
        (SERVICES, "—", "Valid"),
        (RELEASE, "Eastside Counseling", "Expiring within 30 days"),
        (RELEASE, "Westside Clinic", "Expired"),
    ]
    tones = [tab.model.index(r, STATUS_COLUMN).data(TONE_ROLE) for r in range(4)]
    assert tones == ["acute", "ok", "warning", "acute"]
    assert tab.chip_texts() == {
        "services": f"{SERVICES}: Valid",
        "release_of_information": f"{RELEASE}: Expiring within 30 days",
        "telehealth": f"{TELEHEALTH}: Revoked",
    }
    tab.table.selectRow(3)
    assert tab.detail.text().startswith(
        "The release of information for Westside Clinic expired on 01/04/2026."
    )
    assert not tab.table.grab().isNull()


def test_a_paper_signed_without_authority_does_not_count(qtbot, clinician, pupil):
    uncle = pupil.guardians[1].id
    consents.record_consent(
        clinician, pupil.id, paper(pupil, "services", date(2026, 9, 1), guardian_id=uncle)
    )
    _view, tab = consents_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(tab.consents()) == 1, timeout=TIMEOUT)
    assert statuses(tab) == [(SERVICES, "—", "Does not count")]
    assert "without legal authority" in tab.detail.text()


def test_recording_a_release_shows_the_service_reasons_beside_the_fields(
    qtbot, clinician, pupil, eastside
):
    view, tab = consents_tab(qtbot, clinician, pupil)
    qtbot.mouseClick(tab.release_button, LEFT)
    dialog = view.dialog
    assert isinstance(dialog, ConsentDialog)
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=TIMEOUT)
    assert dialog.kind() == "release_of_information"
    assert dialog.guardian.itemText(1) == "Tío Pedro, aunt/uncle  (no legal authority to consent)"
    assert not dialog.signer_buttons["student"].isEnabled()  # the site's rule: not at 16
    assert unnamed_controls(dialog) == []
    dialog.expires_on_event.setChecked(True)
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: dialog.errors.text("purpose") != "", timeout=TIMEOUT)
    assert dialog.errors.text("partner_id") == "Is required for a release of information"
    assert dialog.errors.text("purpose") == "Is required for a release of information"
    assert dialog.errors.text("expires_on") == "Or an expiry event is required for a release"

    dialog.partner.setCurrentIndex(0)
    qtbot.keyClicks(dialog.purpose, "Counseling referral")
    qtbot.keyClicks(dialog.expiry_event, "End of the 2026-27 school year")
    assert dialog.errors.text("purpose") == ""
    with qtbot.waitSignal(view.records_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: len(tab.consents()) == 1, timeout=TIMEOUT)
    assert statuses(tab) == [(RELEASE, "Eastside Counseling", "Valid")]
    assert tab.model.cell(0, 4) == "End of the 2026-27 school year"


def test_the_student_may_sign_where_the_site_rule_allows(qtbot, clinician, pupil, admin):
    rule = MinorConsentRule(minimum_age=12, kinds=frozenset({"services"}))
    site_settings.update_settings(admin, minor_consent=rule)
    dialog = ConsentDialog(clinician, pupil.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=TIMEOUT)
    student_button = dialog.signer_buttons["student"]
    assert student_button.isEnabled()
    student_button.setChecked(True)
    assert not dialog.guardian.isEnabled()
    assert dialog.consent_input().guardian_id is None
    dialog.set_kind("telehealth")
    assert not student_button.isEnabled()
    assert dialog.signer() == "guardian"


def test_revoking_asks_for_the_day_and_refuses_a_future_one(qtbot, clinician, pupil):
    consents.record_consent(clinician, pupil.id, paper(pupil, "services", date(2026, 9, 1)))
    view, tab = consents_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(tab.consents()) == 1, timeout=TIMEOUT)
    qtbot.mouseClick(tab.revoke_button, LEFT)
    dialog = tab.revoke_dialog
    assert dialog is not None
    dialog.revoked_on.set_value(date(2026, 12, 1))
    qtbot.mouseClick(dialog.revoke_button, LEFT)
    qtbot.waitUntil(lambda: dialog.errors.text("revoked_on") != "", timeout=TIMEOUT)
    assert dialog.errors.text("revoked_on") == "Cannot be in the future"
    dialog.revoked_on.set_value(date(2026, 10, 14))
    with qtbot.waitSignal(view.records_changed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.revoke_button, LEFT)
    qtbot.waitUntil(lambda: statuses(tab) == [(SERVICES, "—", "Revoked")], timeout=TIMEOUT)
    assert not tab.revoke_button.isEnabled()
    assert "Revoked 10/14/2026 (recorded by Clinician)" in tab.detail.text()


def test_print_form_asks_the_print_preview_for_the_selected_paper(
    qtbot, clinician, pupil, eastside
):
    made = consents.record_consent(
        clinician, pupil.id, release(pupil, eastside, date(2026, 9, 1), date(2027, 9, 1))
    )
    _view, tab = consents_tab(qtbot, clinician, pupil)
    qtbot.waitUntil(lambda: len(tab.consents()) == 1, timeout=TIMEOUT)
    with qtbot.waitSignal(tab.print_requested, timeout=TIMEOUT) as asked:
        qtbot.mouseClick(tab.print_button, LEFT)
    assert asked.args == [
        "release",
        {"student_id": pupil.id, "consent_id": made.id, "partner_id": eastside.id},
    ]
