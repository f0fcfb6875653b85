"""A student's chart: the header a clinician must see first, then the tabs.

The header names the student (legal and preferred name), gives the facts that confirm it
is the right student (age, grade, school, language, date of birth) and lists the alerts
the service raised (open risk flags first, then missing consent, foster care). The tabs
are Timeline (everything, newest first), Visits, Screenings, Referrals, Consents, and
Demographics & guardians; the timeline-based tabs share one lazily paged model.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from clinic_desktop.domain.roles import Permission
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.chart import Alert, ChartHeader
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.records import StudentDetail, StudentSummary
from clinic_desktop.ui import style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.timeline_model import TimelineModel
from clinic_desktop.ui.operations import chart as chart_ops
from clinic_desktop.ui.tabs.demographics import DemographicsTab
from clinic_desktop.ui.tabs.timeline import EntryListTab
from clinic_desktop.ui.tabs.visits import VisitsTab

#: Tabs listing one kind of timeline entry: (kind, tab title, empty text).
KIND_TABS = (
    ("screening", "Screenings", "No screenings recorded for this student."),
    ("referral", "Referrals", "No referrals for this student."),
    ("consent", "Consents", "No consents on file for this student."),
)
_ALERT_PREFIX = {"risk_flag": "Open risk flag: ", "consent": "Consent: ", "foster_care": ""}


class ChartView(QWidget):
    """Shows one student's chart; ``show_student`` opens another."""

    #: The header arrived (argument: ``ChartHeader``).
    opened = Signal(object)
    #: The user asked to edit demographics and guardians.
    edit_requested = Signal()

    def __init__(self, session: ClinicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("chartView")
        self.student: StudentSummary | None = None
        self.header: ChartHeader | None = None
        self._generation = 0
        self.timeline_model = TimelineModel(session, self)
        self._build()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(style.MARGIN, style.SPACING + 4, style.MARGIN, 0)
        column.setSpacing(style.SPACING)
        column.addWidget(self._build_header())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chartTabs")
        self.tabs.setAccessibleName("Chart sections")
        self.tabs.setDocumentMode(True)
        self.timeline_tab = EntryListTab(
            self.timeline_model,
            name="Timeline",
            empty_text="Nothing recorded for this student yet.",
        )
        self.visits_tab = VisitsTab(self.session)
        self.kind_tabs = {
            kind: EntryListTab(self.timeline_model, name=title, empty_text=empty, kind=kind)
            for kind, title, empty in KIND_TABS
        }
        self.demographics_tab = DemographicsTab(
            can_edit=self.session.can(Permission.EDIT_DEMOGRAPHICS)
        )
        self.demographics_tab.edit_requested.connect(self.edit_requested)
        self.tabs.addTab(self.timeline_tab, "&Timeline")
        self.tabs.addTab(self.visits_tab, "&Visits")
        for kind, title, _empty in KIND_TABS:
            self.tabs.addTab(self.kind_tabs[kind], title)
        self.tabs.addTab(self.demographics_tab, "&Demographics && guardians")
        column.addWidget(self.tabs, 1)

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("chartHeader")
        column = QVBoxLayout(header)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.name_label = style.heading("", 1.6)
        self.name_label.setObjectName("studentName")
        self.name_label.setAccessibleName("Student name")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setWordWrap(True)
        column.addWidget(self.name_label)
        self.facts_label = QLabel()
        self.facts_label.setObjectName("studentFacts")
        self.facts_label.setAccessibleName("Student facts")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.facts_label)
        self.alerts_box = QWidget()
        self.alerts_box.setObjectName("alerts")
        self.alerts_box.setAccessibleName("Alerts")
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
        self.facts_label.setText("Opening chart…")
        self._set_alerts(())
        style.set_error(self.state_label, None)
        self.timeline_model.load(student.id)
        self.visits_tab.set_student(student.id)
        self._load_header()

    def refresh(self) -> None:
        """Load the header and every tab again (after an edit)."""
        if self.student is not None:
            self._load_header()
            self.refresh_records()

    def refresh_records(self) -> None:
        """Reload the timeline and visits (a visit was saved); the header stays."""
        if self.student is not None:
            self.timeline_model.reload()
            self.visits_tab.reload()

    def clear(self) -> None:
        self._generation += 1
        self.student = None
        self.header = None
        self.timeline_model.load(None)
        self.visits_tab.set_student(None)

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
        self.name_label.setText(_name(header.student))
        self.facts_label.setText(facts_line(header))
        self._set_alerts(header.alerts)
        self.demographics_tab.show_student(header.student)
        self.opened.emit(header)

    def _refused(self, generation: int, exc: ClinicError) -> None:
        if generation == self._generation:
            self.facts_label.setText("")
            style.set_error(self.state_label, exc.message)

    def _set_alerts(self, alerts: tuple[Alert, ...]) -> None:
        while self._alerts.count():
            item = self._alerts.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for alert in alerts:
            text = f"{_ALERT_PREFIX.get(alert.kind, '')}{alert.text}"
            self._alerts.addWidget(style.banner(text, alert.severity, object_name="alert"))
        self.alerts_box.setVisible(bool(alerts))

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
    parts = [f"Age {header.age}"]
    if student.grade:
        parts.append(f"Grade {student.grade}")
    school = student.school_name or student.school_code
    parts.append(school if school == student.school_code else f"{school} ({student.school_code})")
    if student.language:
        parts.append(formats.language_name(student.language))
    parts.append(f"Born {formats.birth_date(student.date_of_birth)}")
    if student.district_id:
        parts.append(f"District ID {student.district_id}")
    return "  ·  ".join(parts)
