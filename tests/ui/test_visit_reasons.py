"""Visit reasons: a suggestion is stored as its key and read in each reader's language."""

from datetime import UTC

from PySide6.QtWidgets import QLabel

from clinic_desktop.domain.visits import COMMON_REASONS, VisitType
from clinic_desktop.ui import i18n
from clinic_desktop.ui.widgets.form import FieldErrors
from clinic_desktop.ui.widgets.visit_form import VisitForm


def _form(qtbot, clock) -> VisitForm:
    form = VisitForm(FieldErrors(QLabel()), allowed=[VisitType.NURSING], clock=clock, zone=UTC)
    qtbot.addWidget(form)
    form.set_visit_type(VisitType.NURSING)
    return form


def test_suggestions_are_offered_in_spanish_and_stored_as_their_key(qtbot, clock):
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    form = _form(qtbot, clock)
    offered = [form.reason.itemText(i) for i in range(form.reason.count())]
    assert offered[0] == "Dolor de cabeza"
    assert len(offered) == len(COMMON_REASONS[VisitType.NURSING])
    form.reason.setCurrentIndex(0)
    assert form.visit_input().reason == "Headache"
    draft = form.payload()
    assert draft["reason"] == "Headache"
    form.reason.setEditText("Picadura de abeja")
    assert form.visit_input().reason == "Picadura de abeja"  # typed: kept as typed
    form.apply_payload(draft)
    assert form.reason.currentText() == "Dolor de cabeza"


def test_english_reasons_are_stored_as_typed(qtbot, clock):
    form = _form(qtbot, clock)
    form.reason.setEditText("Headache")
    assert form.visit_input().reason == "Headache"
    form.reason.setEditText("Bee sting")
    assert form.visit_input().reason == "Bee sting"
