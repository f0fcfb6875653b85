"""A visit as its record: read-only, with its signature, addenda and screenings.

A signed visit never changes (issue 16): this window shows what was signed, the
signature line (who, when), a late-entry marker, the screenings given in the visit with
the flags they raised and the actions taken, and the addenda history (author, time,
reason, text, late entry). "Add addendum…" is the only way to change it
(``AddendumDialog``). A draft written by someone else is shown here too, read-only.

What a role may not read (behavioral-health notes and their addenda, flag action notes)
arrives already withheld from the service; this window says it is withheld.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import StudentSummary, VisitScreeningView, VisitView
from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.visits import VisitType, disposition_label
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.flag_action_dialog import severity_word
from clinic_desktop.ui.i18n import current_language, translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.timeline_model import hidden_note_text
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import visits as visit_ops
from clinic_desktop.ui.screening_question import band_text
from clinic_desktop.ui.widgets.dates import DateTimeField
from clinic_desktop.ui.widgets.form import FormSection
from clinic_desktop.ui.widgets.form_dialog import FormDialog

#: Opening width: a readable note beside nothing else.
WIDTH = 760


def may_amend(session: ClinicSession, visit: VisitView) -> bool:
    """Whether this role may add an addendum to ``visit`` (the service decides again)."""
    if not visit.signed:
        return False
    if VisitType(visit.visit_type) == VisitType.NURSING:
        return session.can(Permission.RECORD_NURSING_VISIT)
    return session.can(Permission.RECORD_CLINICAL_VISIT)


class VisitRecordDialog(QDialog):
    """Shows ``visit`` read-only; ``addendum_saved(VisitView)`` after an addendum."""

    addendum_saved = Signal(object)  # VisitView

    def __init__(
        self,
        session: ClinicSession,
        visit: VisitView,
        student: StudentSummary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.visit = visit
        self.student = student
        self.zone = session.zone()
        self.addendum_dialog: AddendumDialog | None = None
        name = student.display_name if student else ""
        title = self.tr("Visit record — {name}") if name else self.tr("Visit record")
        self.setWindowTitle(title.format(name=name))
        self.setWindowIcon(style.app_icon())
        self._build()
        self.show_visit(visit)
        style.fit_to_width(self, WIDTH)
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough to read the note and its addenda without scrolling, when the
        screen allows (a 768-pixel laptop keeps room for the task bar)."""
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        document = self.body.document().clone(self)
        document.setTextWidth(WIDTH - 2 * style.MARGIN - 24)
        wanted = int(document.size().height()) + style.em(self, 13)
        document.deleteLater()
        self.resize(self.width(), max(self.height(), min(wanted, screen - 60)))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        self.title = style.heading("", 1.3, wrap=True)
        self.title.setObjectName("visitRecordTitle")
        layout.addWidget(self.title)
        if self.student is not None:
            layout.addWidget(style.secondary(self.student.display_name))
        self.signature = style.heading("", 1.0, wrap=True)
        self.signature.setObjectName("signatureLine")
        layout.addWidget(self.signature)
        self.body = QTextBrowser()
        self.body.setObjectName("visitRecord")
        self.body.setAccessibleName(self.tr("Visit record"))
        self.body.setOpenLinks(False)
        self.body.setMinimumHeight(style.em(self.body, 22))
        layout.addWidget(self.body, 1)
        row = QHBoxLayout()
        self.addendum_button = QPushButton(self.tr("Add &addendum…"))
        self.addendum_button.setObjectName("addendumButton")
        self.addendum_button.setAccessibleName(self.tr("Add an addendum"))
        self.addendum_button.setAutoDefault(False)
        self.addendum_button.setToolTip(
            self.tr("A signed visit never changes: corrections and late entries are addenda")
        )
        self.addendum_button.clicked.connect(self.add_addendum)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeButton")
        self.close_button.setAccessibleName(self.close_button.text().replace("&", ""))
        buttons.rejected.connect(self.reject)
        row.addWidget(self.addendum_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    # --- showing -------------------------------------------------------------------------

    def show_visit(self, visit: VisitView) -> None:
        """Show ``visit`` (again, after an addendum)."""
        self.visit = visit
        kind = translate_message(VisitType(visit.visit_type).label)
        when = formats.date_time(visit.occurred_at, self.zone)
        self.title.setText(self.tr("{type} visit, {when}").format(type=kind, when=when))
        self.signature.setText(self.signature_text())
        style.set_tone(self.signature, "ok" if visit.signed else "warning")
        self.body.setHtml(self.record_html())
        self.addendum_button.setVisible(may_amend(self.session, visit))

    def signature_text(self) -> str:
        visit = self.visit
        if visit.signed and visit.signed_at is not None:
            text = self.tr("Signed by {name}, {when}").format(
                name=visit.signer, when=formats.date_time(visit.signed_at, self.zone)
            )
        else:
            text = self.tr("Draft by {name}, not signed yet").format(name=visit.author)
        if visit.late_entry:
            text += "  ·  " + self.tr("Late entry")
        return text

    def text(self) -> str:
        """Everything the window shows, as plain text (tests, copying)."""
        return "\n".join([self.title.text(), self.signature.text(), self.body.toPlainText()])

    def record_html(self) -> str:
        visit = self.visit
        rows = [
            (self.tr("Type"), translate_message(VisitType(visit.visit_type).label)),
            (self.tr("Date and time"), formats.date_time(visit.occurred_at, self.zone)),
            (self.tr("Reason"), translate_message(visit.reason)),
            (self.tr("Disposition"), translate_message(disposition_label(visit.disposition))),
            (
                self.tr("Time spent"),
                self.tr("{minutes} min").format(minutes=visit.duration_minutes),
            ),
            (self.tr("ICD-10"), ", ".join(visit.icd10_codes) or "—"),
            (self.tr("CPT"), ", ".join(visit.cpt_codes) or "—"),
            (self.tr("Recorded by"), visit.author),
        ]
        parts = ["<table cellspacing='0' cellpadding='3'>"]
        for label, value in rows:
            parts.append(f"<tr><td><b>{_esc(label)}</b></td><td>{_esc(value)}</td></tr>")
        parts.append("</table>")
        note_title = self.tr("Note")
        parts.append(f"<h3>{_esc(note_title)}</h3>")
        if visit.note_hidden:
            parts.append(f"<p><i>{_esc(hidden_note_text())}</i></p>")
        else:
            parts.append(_paragraph(visit.note or self.tr("No note.")))
        if visit.screenings:
            screenings_title = self.tr("Screenings in this visit")
            parts.append(f"<h3>{_esc(screenings_title)}</h3>")
            parts.extend(self._screening_html(s) for s in visit.screenings)
        addenda_title, no_addenda = self.tr("Addenda"), self.tr("No addenda.")
        parts.append(f"<h3>{_esc(addenda_title)}</h3>")
        if not visit.addenda:
            parts.append(f"<p>{_esc(no_addenda)}</p>")
        for addendum in visit.addenda:
            head = self.tr("Addendum by {name}, {when}").format(
                name=addendum.author, when=formats.date_time(addendum.written_at, self.zone)
            )
            if addendum.late_entry:
                late = self.tr("Late entry")
                if addendum.refers_to is not None:
                    late = self.tr("Late entry for {when}").format(
                        when=formats.date_time(addendum.refers_to, self.zone)
                    )
                head += f" — {late}"
            parts.append(f"<p><b>{_esc(head)}</b><br>")
            if addendum.hidden:
                parts.append(f"<i>{_esc(hidden_note_text())}</i></p>")
                continue
            reason = self.tr("Reason: {reason}").format(reason=addendum.reason)
            parts.append(f"{_esc(reason)}</p>")
            parts.append(_paragraph(addendum.text))
        return "".join(parts)

    def _screening_html(self, screening: VisitScreeningView) -> str:
        at = formats.clock_time(screening.administered_at, self.zone)
        band = band_text(screening.instrument_id, screening.band, screening.band_label)
        status = {
            "in_progress": self.tr("in progress"),
            "discarded": self.tr("discarded"),
        }.get(screening.status, "")
        line = " · ".join(p for p in (screening.short_name, band, status, at) if p)
        items = [f"<p><b>{_esc(line)}</b>"]
        lang = current_language()
        for flag in screening.flags:
            state = (
                self.tr("closed {when}").format(when=formats.date_time(flag.resolved_at, self.zone))
                if flag.resolved_at is not None
                else self.tr("open")
            )
            message = translate_message(flag.message)  # type: ignore[arg-type]
            text = f"{severity_word(flag.severity, lang)}: {message} ({state})"
            items.append(f"<br>{_esc(text)}")
            for action in flag.actions:
                when = formats.date_time(action.occurred_at, self.zone)
                words = [action_label(action.action), when, action.person, action.note]
                items.append(f"<br>&nbsp;&nbsp;• {_esc(' — '.join(w for w in words if w))}")
            if flag.closing_note:
                note = self.tr("Closing note: {note}").format(note=flag.closing_note)
                items.append(f"<br>&nbsp;&nbsp;{_esc(note)}")
        items.append("</p>")
        return "".join(items)

    # --- addenda -------------------------------------------------------------------------

    def add_addendum(self) -> None:
        if not may_amend(self.session, self.visit):
            return
        dialog = AddendumDialog(self.session, self.visit, self)
        dialog.addendum_saved.connect(self._amended)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.addendum_dialog = dialog
        dialog.open()

    def _amended(self, visit: VisitView) -> None:
        self.show_visit(visit)
        self.addendum_saved.emit(visit)


def action_label(code: str) -> str:
    """A flag action in the interface language (an unknown code as it is stored)."""
    if code in set(RiskAction):
        return translate_message(RiskAction(code).label)
    return code.replace("_", " ").capitalize()


class AddendumDialog(FormDialog):
    """Adds an addendum to a signed visit: why, what, and for a late entry, when."""

    addendum_saved = Signal(object)  # VisitView with the addendum

    def __init__(self, session: ClinicSession, visit: VisitView, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.visit = visit
        self.zone = session.zone()
        self.setWindowTitle(self.tr("Add addendum — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, style.chars(self, 80))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addWidget(style.heading(self.tr("Add addendum"), 1.3))
        layout.addWidget(
            style.secondary(
                self.tr(
                    "The signed note stays as it was. The addendum is added below it with "
                    "your name and the time."
                )
            )
        )
        section = FormSection(self.tr("Addendum"), self.errors)
        self.reason = QLineEdit()
        self.reason.setObjectName("addendumReason")
        self.reason.setMaxLength(200)
        self.reason.setAccessibleName(self.tr("Reason for the addendum"))
        self.reason.setPlaceholderText(self.tr("e.g. Guardian called back, correction"))
        section.add_field("reason", self.tr("Reason"), self.reason)
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendumText")
        self.text.setAccessibleName(self.tr("Addendum text"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 6 + 16)
        section.add_field("text", self.tr("Text"), self.text)
        self.late = QCheckBox(self.tr("&Late entry: it happened earlier"))
        self.late.setObjectName("lateEntry")
        self.late.setAccessibleName(self.tr("Late entry"))
        section.add_field("late_entry", "", self.late)
        self.when = DateTimeField()  # the language's date and time, one Tab stop
        self.when.setObjectName("refersTo")
        self.when.setAccessibleName(self.tr("When it happened"))
        self.when.set_moment(self.session.now(), self.zone)
        self.when.setEnabled(False)
        section.add_field("refers_to", self.tr("When it happened"), self.when)
        self.late.toggled.connect(self.when.setEnabled)
        layout.addWidget(section, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.build_footer(self.tr("&Add addendum"), "saveAddendum"))

    def refers_to(self) -> datetime | None:
        if not self.late.isChecked():
            return None
        return self.when.moment(self.zone)

    def operation(self) -> Operation:
        return visit_ops.add_addendum(
            parent=self,
            session=self.session,
            visit_id=self.visit.id,
            reason=self.reason.text(),
            text=self.text.toPlainText(),
            late_entry=self.late.isChecked(),
            refers_to=self.refers_to(),
        )

    def saved(self, result: VisitView) -> None:
        self.addendum_saved.emit(result)

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def busy_status(self) -> str:
        return self.tr("Adding the addendum…")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _paragraph(text: str) -> str:
    """Plain text as a paragraph that keeps its line breaks."""
    return "<p>" + _esc(text).replace("\n", "<br>") + "</p>"
