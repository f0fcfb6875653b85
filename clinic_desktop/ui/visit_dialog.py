"""Record a visit for one student: type, when, reason, note, outcome and billing codes.

The dialog is non-modal (``show()`` / ``open()``), so the idle lock can hide it with what
was typed intact. What is typed is also kept as a draft inside the encrypted store: an
autosave runs ``autosave_ms`` after the last edit, and at once when the dialog is hidden,
so a crash, a lock or a power cut loses nothing. The draft comes back the next time a visit
is opened for the same student; saving the visit ends it; Cancel asks whether to keep it.

Given a saved draft (``visit``), the dialog edits it instead: the form is filled from the
visit, "Save" keeps it a draft, "Sign" saves and signs it (after which it never changes;
see ``visit_record_dialog`` for the signed record and its addenda). A new visit can be
signed at once the same way. Nothing is preselected for a person to choose: the type
starts unchosen unless the role records only one kind, and the disposition is empty.
"Returned to class" while the student has an open acute risk flag asks for the reason,
which the service keeps in the note.

The rules are the service's: a refused visit comes back as ``ValidationError`` and each
reason is shown beside its field; any other refusal (a role that may not record this type
of visit) is shown at the top of the form. The form only mirrors the role by disabling
the visit types it may not record. The fields themselves are ``widgets.visit_form``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QVBoxLayout, QWidget

from clinic_desktop.clock import Clock, local_zone
from clinic_desktop.domain.records import StudentSummary, VisitView
from clinic_desktop.domain.roles import Permission
from clinic_desktop.domain.visits import VisitType
from clinic_desktop.errors import ClinicError, OpenAcuteFlagError
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import dialogs, style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import drafts as draft_ops
from clinic_desktop.ui.operations import visits as visit_ops
from clinic_desktop.ui.operations.visits import DRAFT_KIND
from clinic_desktop.ui.widgets.choices import close_popups
from clinic_desktop.ui.widgets.form import set_tab_order
from clinic_desktop.ui.widgets.form_dialog import FormDialog
from clinic_desktop.ui.widgets.notice import Notice
from clinic_desktop.ui.widgets.visit_form import VisitForm, parse_time

#: Autosave this long after the last edit: often enough to lose nothing, rarely enough
#: not to write on every keystroke.
AUTOSAVE_MS = 1500
#: Opening width: room for the four visit types on one line and a readable note.
WIDTH = 720
IDLE_STATUS = QT_TRANSLATE_NOOP(
    "VisitDialog", "Kept as a draft while you type  ·  Ctrl+Enter saves"
)


def _idle_status() -> str:
    return QCoreApplication.translate("VisitDialog", IDLE_STATUS)


class VisitDialog(FormDialog):
    """New visit for ``student``; emits ``visit_saved(VisitView)`` and closes on success."""

    visit_saved = Signal(object)  # VisitView
    #: The user chose to open the sitting's visit instead (argument: its id): one
    #: sitting is one visit, so a new visit offers the user's own draft of today.
    open_existing = Signal(object)
    #: An autosave of the draft reached the store.
    draft_saved = Signal()

    def __init__(
        self,
        session: ClinicSession,
        student: StudentSummary,
        parent: QWidget | None = None,
        clock: Clock | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        visit: VisitView | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.student = student
        #: The saved draft being edited (None: a new visit, kept as a typed draft).
        self.visit = visit
        self._sign = False  # the submit in progress signs the visit
        self._return_reason = ""
        self.clock: Clock = clock or session.now
        self.ready = False  # the stored draft has been looked for (and restored)
        self._has_draft = False
        self._unsaved = False  # edits no autosave has taken yet
        self._serial = 0
        self._guard = draft_ops.DraftGuard()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_draft_now)
        title = self.tr("Visit — {name}") if visit else self.tr("New visit — {name}")
        self.setWindowTitle(title.format(name=student.display_name))
        self.setWindowIcon(style.app_icon())
        self._build()
        style.fit_to_width(self, WIDTH)
        if visit is None:
            self.set_enabled(False)
            self._load_draft()
        else:
            self.filling = True  # the saved visit, not the user's edits
            try:
                self.form.apply_visit(visit, visit.reason_code)
            finally:
                self.filling = False
            self.dirty = False  # the form's own defaults and the record are not edits
            self._draft_checked()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 4)
        layout.addLayout(self._build_header())
        self.draft_notice = Notice("draftNotice", action=self.tr("Discard draft"))
        self.draft_notice.action_clicked.connect(self.discard_restored_draft)
        layout.addWidget(self.draft_notice)
        self.sitting_notice = Notice("sittingNotice", action=self.tr("Open that visit"))
        self.sitting_notice.action_clicked.connect(self.open_sitting)
        layout.addWidget(self.sitting_notice)
        self._sitting: VisitView | None = None
        self.form_error = self.errors.general
        layout.addWidget(self.form_error)
        self.form = VisitForm(
            self.errors,
            allowed=[t for t in VisitType if self._may_record(t)],
            clock=self.clock,
            zone=local_zone(self.clock()),
        )
        self.form.edited.connect(self._edited)
        layout.addWidget(self.form, 1)
        layout.addLayout(self._build_footer())
        set_tab_order(
            [
                self.draft_notice.button,
                self.sitting_notice.button,
                *self.form.tab_chain(),
                self.save_button,
                self.sign_button,
                self.cancel_button,
            ]
        )

    def _build_header(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        heading = self.tr("Visit (draft, not signed yet)") if self.visit else self.tr("New visit")
        title = style.heading(heading, accent=True)
        title.setObjectName("title")
        column.addWidget(title)
        facts = [self.tr("Born {date}").format(date=formats.birth_date(self.student.date_of_birth))]
        if self.student.grade:
            facts.append(self.tr("Grade {grade}").format(grade=self.student.grade))
        facts.append(self.student.school_code)
        name = style.heading(self.student.display_name, 1.1, wrap=True)
        name.setObjectName("studentName")
        column.addWidget(name)
        column.addWidget(style.secondary("  ·  ".join(facts)))
        if self.visit is not None and self.visit.screenings:
            given = ", ".join(s.short_name for s in self.visit.screenings)
            line = style.secondary(self.tr("Screenings in this visit: {names}").format(names=given))
            line.setObjectName("visitScreenings")
            column.addWidget(line)
        return column

    def _build_footer(self) -> QHBoxLayout:
        row = self.build_footer(
            self.tr("&Save draft"),
            "saveButton",
            tooltip=self.tr("Save the visit as a draft you can still change (Ctrl+Enter)"),
        )
        row.setSpacing(style.SPACING)
        self.save_button = self.accept_button
        self.sign_button = self.buttons.addButton(
            self.tr("Si&gn"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sign_button.setObjectName("signButton")
        self.sign_button.setAccessibleName(self.tr("Sign the visit"))
        self.sign_button.setAutoDefault(False)
        self.sign_button.setToolTip(
            self.tr("Save and sign: a signed visit is locked, and later changes are addenda")
        )
        self.sign_button.clicked.connect(self.sign)
        self.set_idle_status(_idle_status() if self.visit is None else "")
        return row

    # --- drafts --------------------------------------------------------------------------

    def _load_draft(self) -> None:
        visit_ops.current_visit(
            parent=self, session=self.session, student_id=self.student.id
        ).success(self._sitting_found).run_in_background()
        draft_ops.load_draft(
            parent=self, session=self.session, kind=DRAFT_KIND, student_id=self.student.id
        ).success(self._draft_loaded).known_error(self._draft_unavailable).done(
            self._draft_checked
        ).run_in_background()

    def _sitting_found(self, sitting: VisitView | None) -> None:
        """The user already has a draft visit with this student today: offer it."""
        if sitting is None or self.ended:
            return
        self._sitting = sitting
        text = self.tr(
            "You already have an unsigned visit with this student today ({time}). "
            "One sitting is one visit: open it to add to it."
        )
        self.sitting_notice.show_text(text.format(time=self._clock_text(sitting.occurred_at)))

    def open_sitting(self) -> None:
        """The notice's "Open that visit": this form closes (what was typed stays a
        draft) and the sitting's visit opens."""
        sitting = self._sitting
        if sitting is None or self.busy or self.ended:
            return
        self.closing(dialogs.KEEP)
        self.ended = True
        self.done(0)
        self.open_existing.emit(sitting.id)

    def _draft_loaded(self, payload: dict[str, Any] | None) -> None:
        if not payload:
            return
        self.form.apply_payload(payload)
        self._has_draft = True
        saved = parse_time(payload.get("saved_at"))
        if saved:
            text = self.tr("Restored your unsaved draft from {time}.")
            self.draft_notice.show_text(text.format(time=self._clock_text(saved)))
        else:
            self.draft_notice.show_text(self.tr("Restored your unsaved draft."))

    def _draft_unavailable(self, exc: ClinicError) -> None:
        self.status.setText(
            self.tr("Drafts are not available: {reason}").format(
                reason=translate_message(exc.message)
            )
        )

    def _draft_checked(self) -> None:
        self.ready = True
        self.set_enabled(True)
        untyped = not self.form.visit_type()
        (self.form.first_allowed_type() if untyped else self.form.reason).setFocus()

    def save_draft_now(self) -> None:
        """Write the form to the store as the draft, if anything changed since last time."""
        self._autosave.stop()
        if not self._unsaved or self._guard.ended or self.visit is not None:
            return
        self._unsaved = False
        self._serial += 1
        payload = {**self.form.payload(), "saved_at": self.clock().isoformat()}
        draft_ops.save_draft(
            parent=self,
            session=self.session,
            kind=DRAFT_KIND,
            student_id=self.student.id,
            payload=payload,
            guard=self._guard,
            serial=self._serial,
        ).success(self._draft_written).known_error(self._draft_refused).run_in_background()

    def _draft_written(self, _result: object) -> None:
        self._has_draft = True
        if not self.busy:
            text = self.tr("Draft saved at {time}")
            self.status.setText(text.format(time=self._clock_text(self.clock())))
        self.draft_saved.emit()

    def _draft_refused(self, exc: ClinicError) -> None:
        self._unsaved = True  # try again with the next edit
        text = self.tr("The draft could not be saved: {reason}")
        self.status.setText(text.format(reason=translate_message(exc.message)))

    def discard_restored_draft(self) -> None:
        """The notice's "Discard draft": forget the draft and start a blank visit."""
        self._autosave.stop()
        self._serial += 1
        self._discard_draft(self._serial)
        self._has_draft = self._unsaved = False
        self.draft_notice.show_text("")
        self.errors.clear()
        self.form.reset()
        self.status.setText(self.tr("Draft discarded"))

    def _discard_draft(self, serial: int | None) -> None:
        """Forget the stored draft: in order with the autosaves (``serial``), or for good
        as the dialog closes (``None``: no later write may bring it back)."""
        draft_ops.discard_draft(
            parent=self,
            session=self.session,
            kind=DRAFT_KIND,
            student_id=self.student.id,
            guard=self._guard,
            serial=serial,
        ).run_in_background()

    def _edited(self, _name: str) -> None:
        """The form changed (its message is gone already): autosave in a moment."""
        if self.ended:
            return
        self._unsaved = True
        if self.ready and self.visit is None:
            self._autosave.start()

    # --- saving and closing -------------------------------------------------------------

    def sign(self) -> None:
        """ "Sign": save what is on the form and sign it, in one step."""
        if self.busy or self.ended:
            return
        self._sign = True
        self.submit()

    def submit(self) -> None:
        if not (self.busy or self.ended):
            super().submit()
        if not self.busy:
            self._sign = False  # nothing went out (still loading, or the form's own check)

    def operation(self) -> Operation:
        self._autosave.stop()
        if self.visit is not None:
            return visit_ops.update_visit(
                parent=self,
                session=self.session,
                visit_id=self.visit.id,
                visit=self.form.visit_input(),
                sign=self._sign,
                return_reason=self._return_reason,
            )
        return visit_ops.record_visit(
            parent=self,
            session=self.session,
            student_id=self.student.id,
            visit=self.form.visit_input(),
            guard=self._guard,
            sign=self._sign,
            return_reason=self._return_reason,
        )

    def saved(self, view: VisitView) -> None:
        self.visit_saved.emit(view)

    def refused(self, exc: ClinicError) -> None:
        signing = self._sign
        self._sign = False
        if isinstance(exc, OpenAcuteFlagError) and not self._return_reason:
            reason = self.ask_return_reason()
            if reason and reason.strip():
                self._return_reason = reason.strip()
                self._sign = signing
                self.submit()
                return
        self._return_reason = ""
        super().refused(exc)
        if self._unsaved:
            self._autosave.start()

    def ask_return_reason(self) -> str | None:
        """Why a student with an open acute risk flag may go back to class (None: cancelled)."""
        return dialogs.ask_text(
            self,
            self.tr("Open acute risk flag"),
            self.tr(
                "This student has an open acute risk flag. Say why the student may return "
                "to class (kept in the note):"
            ),
        )

    def has_unsaved_changes(self) -> bool:
        if self.visit is not None:
            return self.dirty or self._unsaved
        return self._has_draft or self._unsaved or self._serial > 0

    def ask_close(self) -> str:
        """Discard the draft, keep it and close, or go back to the visit."""
        if self.visit is not None:
            return super().ask_close()
        name = self.student.preferred_name or self.student.first_name
        return dialogs.ask_close(
            self,
            self.tr("Close without saving?"),
            self.tr(
                "This visit is not saved yet. It is kept as a draft and comes back the next "
                "time you open a visit for {name}, unless you discard it now."
            ).format(name=name),
            action=self.tr("Discard draft"),
            keep=self.tr("Keep draft"),
        )

    def closing(self, answer: str) -> None:
        """Closing: the draft goes if the user discarded it, else it is written now."""
        if self.visit is not None:
            return  # a saved visit keeps what was saved; nothing typed is kept
        if answer == dialogs.DISCARD:
            self._unsaved = False
            self._discard_draft(None)
        else:
            self.save_draft_now()
        self._autosave.stop()

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden by the idle lock (or minimised): write the draft now, not in a moment."""
        close_popups(self)
        if not self.ended and self._autosave.isActive():
            self.save_draft_now()
        super().hideEvent(event)

    # --- helpers -------------------------------------------------------------------------

    def _may_record(self, visit_type: VisitType) -> bool:
        if visit_type == VisitType.NURSING:
            return self.session.can(Permission.RECORD_NURSING_VISIT)
        return self.session.can(Permission.RECORD_CLINICAL_VISIT)

    def busy_status(self) -> str:
        return self.tr("Signing the visit…") if self._sign else self.tr("Saving the visit…")

    def set_enabled(self, enabled: bool) -> None:
        super().set_enabled(enabled)
        if hasattr(self, "sign_button"):
            self.sign_button.setEnabled(enabled)

    def busy_widgets(self) -> list[QWidget]:
        return [self.form, self.draft_notice, self.sitting_notice]

    def _clock_text(self, moment: datetime) -> str:
        """ "10:42 AM" today, "10/13/2026 10:42 AM" on another day (in the clinic's zone,
        as the interface language writes them: "13/10/2026 10:42" in Spanish)."""
        zone = self.form.zone
        if moment.astimezone(zone).date() == self.session.today():
            return formats.clock_time(moment, zone)
        return formats.date_time(moment, zone)
