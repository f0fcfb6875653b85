"""Moving a referral one step along the loop: a note, and what the step needs.

Scheduling asks for the appointment's date and time, marking attended for when the student
attended (the appointment once it has passed; while it is ahead the dialog says at once
that it cannot be marked yet), closing for the outcome; every step takes an optional
note. The rules are the domain's: a refusal comes back as its sentence and is shown in
the dialog, which stays open so the clinician can fix what it says.

Sending passes the consent gate. The dialog asks the service at once whether a valid
release of information for the partner is on file and, if not, says exactly what is
missing and offers "Record release of information…" (the consent form, pre-filled for this
partner) and "Print release form…" (the blank form to have signed). Printing belongs to
the print preview; ``print_requested(kind, ids)`` is the hook it connects to, and it is
used directly when ``ui.print_preview`` is installed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.consents import ConsentCheck, ConsentKind
from clinic_desktop.domain.records import ConsentView, ReferralView
from clinic_desktop.domain.referrals import (
    Outcome,
    ReferralStatus,
    RefusalReason,
    TransitionRefusedError,
    attended_time,
)
from clinic_desktop.errors import ClinicError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import style
from clinic_desktop.ui.consent_dialog import ConsentDialog
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import referrals as referral_ops
from clinic_desktop.ui.operations.referrals import Move
from clinic_desktop.ui.widgets.choices import CodeCombo
from clinic_desktop.ui.widgets.dates import DateTimeField
from clinic_desktop.ui.widgets.form import FormSection
from clinic_desktop.ui.widgets.form_dialog import FormDialog
from clinic_desktop.ui.widgets.text import BoundedTextEdit

RELEASE_FORM = "release"


class ReferralActionDialog(FormDialog):
    """One status change for ``referral`` to ``target`` (a ``ReferralStatus`` code)."""

    referral_changed = Signal(object)  # ReferralView
    #: A release was recorded from here (the chart's consents change too).
    consent_recorded = Signal(object)  # ConsentView
    #: ``(form kind, ids)``: print a form (the print preview connects here).
    print_requested = Signal(str, dict)

    def __init__(
        self,
        session: ClinicSession,
        referral: ReferralView,
        target: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.referral = referral
        self.target = ReferralStatus(target)
        self.zone = session.zone()
        self.release_check: ConsentCheck | None = None
        self.consent_dialog: QDialog | None = None
        self.result_value: ReferralView | None = None
        self.label = next(
            (translate_message(a.label) for a in referral.next_actions if a.target == self.target),
            translate_message(self.target.label),
        )
        self.setWindowTitle(self.tr("{action} — Clinic Desktop").format(action=self.label))
        self.setWindowIcon(style.app_icon())
        self.setStyleSheet(style.workspace_stylesheet(self))
        self._build()
        style.fit_to_width(self, style.chars(self, 90))
        if self.target is ReferralStatus.SENT:
            self.check_release()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        title = self.tr("{action}: referral to {partner}").format(
            action=self.label, partner=self.referral.partner_name
        )
        layout.addWidget(style.heading(title, 1.25, accent=True, wrap=True))
        now = self.tr("Now {status}; after this: {target}.").format(
            status=translate_message(self.referral.status_label).lower(),
            target=translate_message(self.target.label).lower(),
        )
        layout.addWidget(style.secondary(now))
        self.release_box = self._build_release_box()
        layout.addWidget(self.release_box)
        self.errors.general.setObjectName("refusal")
        self.errors.general.setAccessibleName(self.tr("Why the change was refused"))
        layout.addWidget(self._build_fields())
        layout.addWidget(self.errors.general)
        layout.addStretch(1)
        layout.addLayout(self.build_footer(self.label, "confirmAction"))
        self.ok_button = self.accept_button

    def _build_fields(self) -> FormSection:
        section = FormSection(self.tr("Details"), self.errors)
        self.appointment = DateTimeField()  # the language's date and time, one Tab stop
        self.set_appointment(_next_morning(self.session.local_now()))
        if self.target.needs_appointment:
            section.add_field(
                "appointment_at", self.tr("Appointment"), self.appointment, required=True
            )
        elif self.target is ReferralStatus.ATTENDED:
            section.add_field(
                "appointment_at", self.tr("Attended on"), self.appointment, required=True
            )
            self._default_attended()
        self.outcome = CodeCombo((o.value, translate_message(o.label)) for o in Outcome)
        self.outcome.setPlaceholderText(self.tr("Choose how the loop ended"))
        self.outcome.setCurrentIndex(-1)
        if self.target is ReferralStatus.CLOSED:
            section.add_field("outcome", self.tr("Outcome"), self.outcome, required=True)
        self.note = BoundedTextEdit(3, 5)
        self.note.setPlaceholderText(self.tr("Optional: who you spoke to, what was said"))
        section.add_field("note", self.tr("Note"), self.note)
        return section

    def _build_release_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("releaseBox")
        box.setProperty("banner", "info")
        column = QVBoxLayout(box)
        column.setContentsMargins(style.SPACING, style.SPACING - 2, style.SPACING, style.SPACING)
        self.release_text = QLabel(self.tr("Checking the release of information…"))
        self.release_text.setObjectName("releaseText")
        self.release_text.setWordWrap(True)
        column.addWidget(self.release_text)
        row = QHBoxLayout()
        self.record_release_button = style.button(
            self.tr("&Record release of information…"), "recordRelease"
        )
        self.record_release_button.clicked.connect(self.record_release)
        self.print_release_button = style.button(self.tr("&Print release form…"), "printRelease")
        self.print_release_button.clicked.connect(self.print_release_form)
        row.addWidget(self.record_release_button)
        row.addWidget(self.print_release_button)
        row.addStretch(1)
        column.addLayout(row)
        self._show_offer(False)
        box.setVisible(self.target is ReferralStatus.SENT)
        return box

    # --- the consent gate ----------------------------------------------------------------

    def check_release(self) -> None:
        """Ask whether Send would pass the gate today (again after a release is recorded)."""
        referral_ops.release_status(
            parent=self, session=self.session, referral_id=self.referral.id
        ).success(self.show_release).known_error(
            lambda exc: self.release_text.setText(translate_message(exc.message))
        ).run_in_background()

    def show_release(self, check: ConsentCheck) -> None:
        self.release_check = check
        if check.valid:
            text = self.tr("Release of information on file: {reason}")
            self.release_text.setText(text.format(reason=translate_message(check.message)))
        else:
            text = self.tr(
                "Not ready to send: {reason} Record the signed release, or print "
                "the form for the family to sign."
            )
            self.release_text.setText(text.format(reason=translate_message(check.message)))
        self.release_box.setProperty("banner", "ok" if check.valid else "warning")
        self.release_box.setAccessibleName(self.release_text.text())
        self._restyle(self.release_box)
        self._show_offer(not check.valid)
        style.grow_to_fit(self)

    def _show_offer(self, shown: bool) -> None:
        self.record_release_button.setVisible(shown)
        self.print_release_button.setVisible(shown)

    def record_release(self) -> None:
        """Open the consent form as a release for this referral's partner."""
        dialog = ConsentDialog(
            self.session,
            self.referral.student_id,
            kind=ConsentKind.RELEASE_OF_INFORMATION,
            partner_id=self.referral.partner_id,
            parent=self,
        )
        dialog.consent_saved.connect(self._release_recorded)
        dialog.finished.connect(lambda _r: self._consent_dialog_done(dialog))
        self.consent_dialog = dialog
        dialog.open()

    def _release_recorded(self, view: ConsentView) -> None:
        self.consent_recorded.emit(view)
        self.errors.clear()
        self.check_release()

    def _consent_dialog_done(self, dialog: QDialog) -> None:
        if self.consent_dialog is dialog:
            self.consent_dialog = None
        dialog.deleteLater()

    def request_print(self, kind: str, **ids: Any) -> None:
        """Hand a form to the print preview (``print_requested``; see the module doc)."""
        self.print_requested.emit(kind, ids)

    def print_release_form(self) -> None:
        self.request_print(
            RELEASE_FORM, student_id=self.referral.student_id, partner_id=self.referral.partner_id
        )

    # --- the move ------------------------------------------------------------------------

    def set_appointment(self, moment: datetime) -> None:
        self.appointment.set_moment(moment, self.zone)

    def _default_attended(self) -> None:
        """The appointment once it has passed (a walk-in: now); while it is ahead, the
        domain's refusal is shown at once rather than after the clinician presses the
        button (the same rule the service applies)."""
        now = self.session.now()
        current = ReferralStatus(self.referral.status)
        refusal = ""
        try:
            default = attended_time(current, self.referral.events, None, now=now)
        except TransitionRefusedError as exc:
            if exc.reason is RefusalReason.APPOINTMENT_AHEAD:
                refusal = translate_message(exc.message)
            default = now
        self.filling = True
        try:
            self.set_appointment(default)
        finally:
            self.filling = False
        self.errors.show_general(refusal)

    def appointment_at(self) -> datetime | None:
        if not (self.target.needs_appointment or self.target is ReferralStatus.ATTENDED):
            return None
        return self.appointment.moment(self.zone)

    def move(self) -> Move:
        closing = self.target is ReferralStatus.CLOSED
        return Move(
            target=self.target.value,
            note=self.note.toPlainText(),
            appointment_at=self.appointment_at(),
            outcome=(self.outcome.code() or None) if closing else None,
        )

    def operation(self) -> Operation:
        return referral_ops.move_referral(
            parent=self, session=self.session, referral_id=self.referral.id, move=self.move()
        )

    def saved(self, view: ReferralView) -> None:
        self.result_value = view
        self.referral_changed.emit(view)

    def refused(self, exc: ClinicError) -> None:
        super().refused(exc)
        if isinstance(exc, TransitionRefusedError) and exc.consent_check is not None:
            self.show_release(exc.consent_check)

    def refusal(self) -> str:
        """The refusal shown (empty when none)."""
        return self.errors.general.text() if self.errors.general.isVisibleTo(self) else ""

    def _restyle(self, widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _next_morning(now: datetime) -> datetime:
    """Tomorrow at 9:00, where a new appointment usually falls."""
    return (now + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
