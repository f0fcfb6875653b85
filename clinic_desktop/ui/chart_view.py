"""A student's chart: the header a clinician must see first, then the tabs.

The header names the student (legal and preferred name), gives the facts that confirm it
is the right student (age, grade, school, language, date of birth) and lists the alerts
the service raised (open risk flags first, then missing consent, foster care). An open
risk flag's alert shows its latest actions and carries its way out: "Record action…"
(the flag dialog: actions, and closing with a note; the flag stays on the header until
closed) and "Refer…" (a referral pre-filled from it and linked to it), each shown only to
a role the service would let do it.

The tabs are Timeline (everything, newest first), Visits, Screenings (per instrument,
with trends), Referrals (status timelines and next steps), Consents (status chips), and
Demographics & guardians. The chart opens the dialogs that add to it (new screening,
new referral, record consent). What it shows reloads on change notices (``ui.changes``):
the header and the timeline when a kind they show changes, each tab likewise.
"""

from __future__ import annotations

import uuid
from datetime import tzinfo

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.changes import Change
from clinic_desktop.domain.records import ReferralView, StudentDetail, StudentSummary, VisitView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.chart import Alert, ChartHeader
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.flags import FlagActionView, RiskFlagView
from clinic_desktop.ui import changes, i18n, style
from clinic_desktop.ui.consent_dialog import ConsentDialog
from clinic_desktop.ui.flag_action_dialog import FlagActionDialog, severity_word
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.timeline_model import TimelineModel
from clinic_desktop.ui.operations import chart as chart_ops
from clinic_desktop.ui.operations import screenings as screening_ops
from clinic_desktop.ui.operations import visits as visit_ops
from clinic_desktop.ui.referral_dialog import ReferralDialog
from clinic_desktop.ui.tabs.consents import ConsentsTab
from clinic_desktop.ui.tabs.demographics import DemographicsTab
from clinic_desktop.ui.tabs.referrals import ReferralsTab
from clinic_desktop.ui.tabs.screenings import ScreeningsTab
from clinic_desktop.ui.tabs.timeline import EntryListTab
from clinic_desktop.ui.tabs.visits import VisitsTab

#: What the header shows: the student, and alerts from flags and missing consent.
HEADER_SHOWS = frozenset(
    {Change.STUDENTS, Change.SCREENINGS, Change.FLAGS, Change.REFERRALS, Change.CONSENTS}
)
#: What the timeline lists.
TIMELINE_SHOWS = frozenset(
    {Change.VISITS, Change.SCREENINGS, Change.FLAGS, Change.REFERRALS, Change.CONSENTS}
)
_ALERT_PREFIX = {
    "risk_flag": QT_TRANSLATE_NOOP("ChartView", "Open risk flag: {alert}"),
    "consent": QT_TRANSLATE_NOOP("ChartView", "Consent: {alert}"),
}


class ChartView(QWidget):
    """Shows one student's chart; ``show_student`` opens another."""

    #: The header arrived (argument: ``ChartHeader``).
    opened = Signal(object)
    #: The user asked to edit demographics and guardians.
    edit_requested = Signal()
    #: Something was recorded from the chart (screening, flag action, referral, consent);
    #: the chart reloads on the change notice, this is for the status bar.
    records_changed = Signal()
    #: ``(form kind, ids)``: a tab asked for a form to print (the print preview's hook).
    print_requested = Signal(str, dict)
    #: A visit should open (argument: its id): from the Visits tab, or after a screening
    #: so the clinician completes the sitting's visit (the main window opens it).
    visit_requested = Signal(object)

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("chartView")
        self.student: StudentSummary | None = None
        self.header: ChartHeader | None = None
        self._generation = 0
        may = session.can
        self.can_screen = may(Permission.RECORD_NURSING_VISIT) or may(
            Permission.RECORD_CLINICAL_VISIT
        )
        self.can_resolve = may(Permission.RECORD_CLINICAL_VISIT)
        self.can_refer = may(Permission.MANAGE_REFERRALS)
        self.can_consent = may(Permission.RECORD_CONSENT)
        self.dialog: QDialog | None = None
        self._flag_alerts: list[tuple[uuid.UUID | None, QFrame]] = []
        #: Open flag id -> its header buttons ("record", "refer").
        self.flag_buttons: dict[uuid.UUID, dict[str, QPushButton]] = {}
        self.timeline_model = TimelineModel(session, self)
        self._build()
        changes.subscribe(self, HEADER_SHOWS, lambda _changed: self.reload_header())
        changes.subscribe(self, TIMELINE_SHOWS, lambda _changed: self.reload_timeline())

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.SPACING + 4, style.MARGIN, 0)
        column.setSpacing(style.SPACING)
        column.addWidget(self._build_header())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chartTabs")
        self.tabs.setAccessibleName(self.tr("Chart sections"))
        self.tabs.setDocumentMode(True)
        self.timeline_tab = EntryListTab(
            self.timeline_model,
            name=self.tr("Timeline"),
            empty_text=self.tr("Nothing recorded for this student yet."),
        )
        self.visits_tab = VisitsTab(self.session)
        self.visits_tab.open_requested.connect(lambda visit: self.visit_requested.emit(visit.id))
        self._build_record_tabs()
        self.demographics_tab = DemographicsTab(
            can_edit=self.session.can(Permission.EDIT_DEMOGRAPHICS)
        )
        self.demographics_tab.edit_requested.connect(self.edit_requested)
        self.tabs.addTab(self.timeline_tab, self.tr("&Timeline"))
        self.tabs.addTab(self.visits_tab, self.tr("V&isits"))  # Alt+V is the View menu
        self.tabs.addTab(self.screenings_tab, self.tr("&Screenings"))
        self.tabs.addTab(self.referrals_tab, self.tr("&Referrals"))
        self.tabs.addTab(self.consents_tab, self.tr("&Consents"))
        self.tabs.addTab(self.demographics_tab, self.tr("&Demographics && guardians"))
        column.addWidget(self.tabs, 1)

    def _build_record_tabs(self) -> None:
        self.screenings_tab = ScreeningsTab(self.session, can_screen=self.can_screen)
        self.screenings_tab.new_requested.connect(self.new_screening)
        self.referrals_tab = ReferralsTab(self.session)
        self.referrals_tab.new_requested.connect(self.new_referral)
        self.consents_tab = ConsentsTab(self.session)
        self.consents_tab.record_requested.connect(self.record_consent)
        for tab in self.record_tabs():
            tab.records_changed.connect(self._records_changed)
        self.referrals_tab.print_requested.connect(self.print_requested)
        self.consents_tab.print_requested.connect(self.print_requested)

    def record_tabs(self) -> tuple[ScreeningsTab, ReferralsTab, ConsentsTab]:
        return (self.screenings_tab, self.referrals_tab, self.consents_tab)

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("chartHeader")
        column = QVBoxLayout(header)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.name_label = style.heading("", 1.6)
        self.name_label.setObjectName("studentName")
        self.name_label.setAccessibleName(self.tr("Student name"))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setWordWrap(True)
        column.addWidget(self.name_label)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("studentFacts")
        self.facts_label.setAccessibleName(self.tr("Student facts"))
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.facts_label)
        self.alerts_box = QWidget()
        self.alerts_box.setObjectName("alerts")
        self.alerts_box.setAccessibleName(self.tr("Alerts"))
        self._alerts = QVBoxLayout(self.alerts_box)
        self._alerts.setContentsMargins(0, 4, 0, 0)
        self._alerts.setSpacing(4)
        column.addWidget(self.alerts_box)
        self.state_label = style.error_label("chartState")
        column.addWidget(self.state_label)
        return header

    # --- opening -------------------------------------------------------------------------

    def show_student(self, student: StudentSummary) -> None:
        """Open ``student``'s chart: header now from the summary, the rest in background."""
        self.student = student
        self.header = None
        self.name_label.setText(_name(student))
        self.facts_label.setText(self.tr("Opening chart…"))
        self._set_alerts(())
        style.set_error(self.state_label, None)
        self.timeline_model.load(student.id)
        self.visits_tab.set_student(student.id)
        for tab in self.record_tabs():
            tab.set_student(student.id)
        self._load_header()

    def refresh(self) -> None:
        """Load the header and every tab again (after an edit)."""
        if self.student is not None:
            self._load_header()
            self.refresh_records()

    def refresh_records(self) -> None:
        """Reload the timeline and the tabs; the header stays."""
        if self.student is not None:
            self.timeline_model.reload()
            self.visits_tab.reload()
            for tab in self.record_tabs():
                tab.reload()

    def reload_header(self) -> None:
        """The header again (a change notice named something it shows)."""
        if self.student is not None:
            self._load_header()

    def reload_timeline(self) -> None:
        if self.student is not None:
            self.timeline_model.reload()

    def clear(self) -> None:
        self._generation += 1
        self.student = None
        self.header = None
        self.timeline_model.load(None)
        self.visits_tab.set_student(None)
        for tab in self.record_tabs():
            tab.set_student(None)

    def _load_header(self) -> None:
        assert self.student is not None
        self._generation += 1
        generation = self._generation
        chart_ops.open_chart(parent=self, session=self.session, student_id=self.student.id).success(
            lambda header: self._show_header(generation, header)
        ).known_error(lambda exc: self._refused(generation, exc)).run_in_background()

    def _show_header(self, generation: int, header: ChartHeader) -> None:
        if generation != self._generation:
            return
        self.header = header
        self.student = header.student  # an edit may have changed the name
        self.name_label.setText(_name(header.student))
        self.facts_label.setText(facts_line(header))
        self._set_alerts(header.alerts)
        self.demographics_tab.show_student(header.student)
        if self._flag_alerts and (self.can_resolve or self.can_refer):
            self._load_flags(generation)
        self.opened.emit(header)

    def _refused(self, generation: int, exc: ClinicError) -> None:
        if generation == self._generation:
            self.facts_label.setText("")
            style.set_error(self.state_label, i18n.translate_message(exc.message))

    def _set_alerts(self, alerts: tuple[Alert, ...]) -> None:
        while self._alerts.count():
            item = self._alerts.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._flag_alerts = []
        self.flag_buttons = {}
        for alert in alerts:
            shown = _alert_text(alert)
            prefix = _ALERT_PREFIX.get(alert.kind)
            text = self.tr(prefix).format(alert=shown) if prefix else shown
            if alert.flag_severity:  # in words too: colour is never the only cue
                text += f" ({severity_word(alert.flag_severity, i18n.current_language())})"
            if alert.actions:  # what was done so far, until the flag is closed
                text += "\n" + self.tr("Latest actions: {actions}").format(
                    actions="; ".join(header_action(a, self.session.zone()) for a in alert.actions)
                )
            banner = style.banner(text, alert.severity, object_name="alert")
            if alert.kind == "risk_flag":
                self._flag_alerts.append((alert.flag_id, banner))
            self._alerts.addWidget(banner)
        self.alerts_box.setVisible(bool(alerts))

    # --- open flags on the header ----------------------------------------------------------

    def _load_flags(self, generation: int) -> None:
        """The open flags behind the header's flag alerts, to give each its buttons."""
        assert self.student is not None
        screening_ops.open_flags(
            parent=self, session=self.session, student_id=self.student.id
        ).success(lambda flags: self._attach_flag_actions(generation, flags)).known_error(
            lambda _exc: None  # the alerts still show; only their buttons are missing
        ).run_in_background()

    def _attach_flag_actions(self, generation: int, flags: list[RiskFlagView]) -> None:
        if generation != self._generation:
            return
        banners = dict(self._flag_alerts)
        for flag in flags:
            banner = banners.get(flag.id)
            if banner is not None:
                self.flag_buttons[flag.id] = self._flag_actions(banner, flag)

    def _flag_actions(self, banner: QFrame, flag: RiskFlagView) -> dict[str, QPushButton]:
        """Add "Record action…" and "Refer…" to ``banner``, as the role allows."""
        buttons: dict[str, QPushButton] = {}
        column = QVBoxLayout()
        column.setSpacing(4)
        wanted = (
            ("record", self.tr("Record action…"), self.can_resolve, self.record_flag_action),
            ("refer", self.tr("Refer…"), self.can_refer, self.refer_from_flag),
        )
        for key, text, allowed, slot in wanted:
            if not allowed:
                continue
            button = QPushButton(text)
            button.setObjectName(f"flag-{key}")
            button.setAccessibleName(
                self.tr("{action}: {flag}").format(action=text.rstrip("…"), flag=flag.message)
            )
            button.setAutoDefault(False)
            button.clicked.connect(lambda _on=False, f=flag, act=slot: act(f))
            column.addWidget(button)
            buttons[key] = button
        column.addStretch(1)
        banner.layout().addLayout(column)  # type: ignore[attr-defined]
        for button in buttons.values():
            button.show()  # added to a banner already on screen: not shown by default
        return buttons

    # --- dialogs that add to the chart -----------------------------------------------------

    def new_screening(self) -> None:
        """Administer a screening to the open chart's student (Ctrl+Shift+S).

        One sitting is one visit (issue 16): the screening joins the user's own draft
        visit of this student today, or the service opens one; once the screening dialog
        closes, that visit opens for the clinician to complete (disposition chosen by a
        person) and sign.
        """
        if self.student is None or not self.can_screen or self._dialog_open():
            return
        student = self.student
        visit_ops.current_visit(parent=self, session=self.session, student_id=student.id).success(
            lambda found: self._screen_in(student, found)
        ).known_error(lambda _exc: self._screen_in(student, None)).run_in_background()

    def _screen_in(self, student: StudentSummary, sitting: VisitView | None) -> None:
        if self.student is None or self.student.id != student.id or self._dialog_open():
            return
        from clinic_desktop.ui.screening_dialog import ScreeningDialog  # a large module

        dialog = ScreeningDialog(
            self.session, student, self, visit_id=sitting.id if sitting else None
        )
        given: list[uuid.UUID] = []
        dialog.screening_saved.connect(lambda view: given.append(view.visit_id))
        dialog.screening_saved.connect(lambda _view: self._records_changed())
        dialog.flag_resolved.connect(lambda _view: self._records_changed())
        dialog.finished.connect(lambda _result: self._sitting_done(given))
        self._open(dialog)

    def _sitting_done(self, given: list[uuid.UUID]) -> None:
        """After the screening(s): the sitting's visit opens to be completed."""
        if given and given[-1] is not None:
            self.visit_requested.emit(given[-1])

    def record_flag_action(self, flag: RiskFlagView) -> None:
        if not self.can_resolve or self._dialog_open():
            return
        dialog = FlagActionDialog(self.session, flag, self)
        dialog.actions_saved.connect(lambda _views: self._records_changed())
        if self.can_refer:
            dialog.refer_button.setVisible(True)
            dialog.refer_requested.connect(lambda f: self._refer_instead(dialog, f))
        self._open(dialog)

    def _refer_instead(self, dialog: FlagActionDialog, flag: RiskFlagView) -> None:
        """ "Refer…" in the flag dialog: close it (asking about anything typed) and open the
        referral form for the flag, which records "Referral made" on it."""
        dialog.reject()
        if not dialog.isVisible():
            self.new_referral(flag)

    def refer_from_flag(self, flag: RiskFlagView) -> None:
        self.new_referral(flag)

    def new_referral(self, flag: RiskFlagView | None = None) -> None:
        """A referral for the open chart's student, pre-filled from ``flag`` if given."""
        if self.student is None or not self.can_refer or self._dialog_open():
            return
        dialog = ReferralDialog(self.session, self.student, flag=flag, parent=self)
        dialog.referral_saved.connect(self._referral_made)
        self._open(dialog)

    def _referral_made(self, referral: ReferralView) -> None:
        self.referrals_tab.selected_id = referral.id
        self.tabs.setCurrentWidget(self.referrals_tab)
        self._records_changed()

    def record_consent(self, kind: str = "", partner_id: uuid.UUID | None = None) -> None:
        """Record a signed paper for the open chart's student (a release for a partner)."""
        if self.student is None or not self.can_consent or self._dialog_open():
            return
        dialog = ConsentDialog(
            self.session,
            self.student.id,
            kind=kind or "services",
            partner_id=partner_id,
            parent=self,
        )
        dialog.consent_saved.connect(lambda _view: self._records_changed())
        self._open(dialog)

    def _dialog_open(self) -> bool:
        """Whether a chart dialog is already open (it is raised instead of a second)."""
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return True
        return False

    def _open(self, dialog: QDialog) -> None:
        dialog.finished.connect(lambda _result: self._dialog_done(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_done(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _records_changed(self) -> None:
        """Saved from the chart: what it shows reloads on the change notice."""
        self.records_changed.emit()

    def alert_texts(self) -> list[str]:
        """The alerts as shown (for tests and screen readers)."""
        return [
            self._alerts.itemAt(i).widget().accessibleName() for i in range(self._alerts.count())
        ]


def _name(student: StudentSummary) -> str:
    name = f"{student.first_name} {student.last_name}"
    if student.preferred_name and student.preferred_name != student.first_name:
        name += f"  “{student.preferred_name}”"
    return name


def facts_line(header: ChartHeader) -> str:
    """Age, grade, school, language, date of birth, district id: one line, in that order."""
    student: StudentDetail = header.student
    parts = [QCoreApplication.translate("ChartView", "Age {age}").format(age=header.age)]
    if student.grade:
        parts.append(
            QCoreApplication.translate("ChartView", "Grade {grade}").format(grade=student.grade)
        )
    school = student.school_name or student.school_code
    parts.append(school if school == student.school_code else f"{school} ({student.school_code})")
    if student.language:
        parts.append(formats.language_name(student.language))
    parts.append(
        QCoreApplication.translate("ChartView", "Born {date}").format(
            date=formats.birth_date(student.date_of_birth)
        )
    )
    if student.district_id:
        parts.append(
            QCoreApplication.translate("ChartView", "District ID {id}").format(
                id=student.district_id
            )
        )
    return "  ·  ".join(parts)


def header_action(action: FlagActionView, zone: tzinfo) -> str:
    """ "10:40 AM Guardian contacted (María, mother)": time, kind and, for a role that may
    read it, whom; never the note (the flag dialog and the timeline show notes)."""
    kind = action.kind
    label = i18n.translate_message(kind.label) if kind is not None else action.action
    line = f"{formats.clock_time(action.occurred_at, zone)} {label}"
    return f"{line} ({action.person})" if action.person else line


def _alert_text(alert: Alert) -> str:
    """The alert in the interface language (a risk flag's wording comes from its instrument
    file in both languages)."""
    return i18n.translate_message(alert.text)
