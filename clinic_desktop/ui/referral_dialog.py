"""A new referral: which partner, why, how urgent; from the chart or straight from a flag.

Partners are searched as the user types (name, kind, services, languages; accents and case
ignored). Active partners serving the student's age are listed first, under their own
heading; the others follow, since an age range on file may be out of date. Made from a
screening's risk flag, the referral starts with the flag's message as the reason, the
flag's severity as the urgency (acute -> emergent) and the screening linked, as the
service fills them; the clinician can still change reason and urgency.

The referral is saved as a draft: sending it (and passing the consent gate) is a step of
its own in the Referrals tab.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.domain.records import PartnerView, ReferralView, StudentSummary
from clinic_desktop.domain.referrals import ReferralInput, Urgency
from clinic_desktop.domain.screening_model import Severity
from clinic_desktop.domain.text import fold
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.services.referrals import URGENCY_FOR_SEVERITY
from clinic_desktop.services.screenings import RiskFlagView
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import referrals as referral_ops
from clinic_desktop.ui.operations.referrals import PartnerChoices
from clinic_desktop.ui.widgets.form import FormSection
from clinic_desktop.ui.widgets.form_dialog import FormDialog
from clinic_desktop.ui.widgets.text import BoundedTextEdit

PARTNER_ROLE = Qt.ItemDataRole.UserRole + 1


class ReferralDialog(FormDialog):
    """Makes a draft referral for ``student``; ``flag`` pre-fills it from a screening."""

    referral_saved = Signal(object)  # ReferralView

    def __init__(
        self,
        session: ClinicSession,
        student: StudentSummary,
        *,
        flag: RiskFlagView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.student = student
        self.flag = flag
        self.age = student.age(session.today())
        self.referral: ReferralView | None = None
        self.setWindowTitle(self.tr("New referral — Clinic Desktop"))
        self.setWindowIcon(style.app_icon())
        self._build()
        self._prefill()
        style.fit_to_width(self, style.chars(self, 120))
        self._load_partners()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
        layout.setSpacing(style.SPACING + 2)
        layout.addWidget(style.heading(self.tr("New referral"), 1.3, accent=True))
        intro = self.tr("For {name}, age {age}. Saved as a draft to send.").format(
            name=self.student.display_name, age=self.age
        )
        layout.addWidget(style.secondary(intro))
        section = FormSection(self.tr("Referral"), self.errors)
        section.add_field(
            "partner_id", self.tr("Partner"), self._build_partner_picker(), required=True
        )
        self.reason = BoundedTextEdit(3, 6)
        self.reason.setPlaceholderText(
            self.tr("What the partner should know: the concern and the ask")
        )
        section.add_field("reason", self.tr("Reason"), self.reason, required=True)
        section.add_field("urgency", self.tr("Urgency"), self._build_urgency())
        self.link_label = style.secondary()
        self.link_label.setObjectName("linkedScreening")
        self.link_label.setAccessibleName(self.tr("Linked screening"))
        self.link_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.flag is not None:
            section.add_row(self.tr("Linked screening"), self.link_label)
        layout.addWidget(section)
        layout.addWidget(self.errors.general)
        layout.addStretch(1)
        layout.addLayout(self._build_footer())

    def _build_partner_picker(self) -> QWidget:
        holder, column = style.holder(self.tr("Partner"), QVBoxLayout, 4)
        self.search = QLineEdit()
        self.search.setObjectName("partnerSearch")
        self.search.setAccessibleName(self.tr("Search partners"))
        self.search.setPlaceholderText(self.tr("Search by name, service or language"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter_partners)
        self.partner_list = QListWidget()
        self.partner_list.setObjectName("partnerList")
        self.partner_list.setAccessibleName(self.tr("Partners"))
        self.partner_list.setMinimumHeight(style.em(self, 11))
        self.partner_list.setWordWrap(True)
        self.partner_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.partner_list.currentItemChanged.connect(lambda *_a: self.errors.clear("partner_id"))
        self.partner_state = style.secondary(self.tr("Loading partners…"))
        column.addWidget(self.search)
        column.addWidget(self.partner_list, 1)
        column.addWidget(self.partner_state)
        holder.setFocusProxy(self.search)
        return holder

    def _build_urgency(self) -> QWidget:
        holder, row = style.holder(self.tr("Urgency"), QHBoxLayout, style.SPACING * 2)
        self.urgency_group = QButtonGroup(self)
        self.urgency_buttons: dict[str, QRadioButton] = {}
        for urgency in Urgency:
            button = QRadioButton(translate_message(urgency.label))
            button.setObjectName(f"urgency-{urgency.value}")
            button.setAccessibleName(
                self.tr("Urgency: {urgency}").format(urgency=translate_message(urgency.label))
            )
            self.urgency_group.addButton(button)
            self.urgency_buttons[urgency.value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.urgency_buttons[Urgency.ROUTINE.value].setChecked(True)
        holder.setFocusProxy(self.urgency_buttons[Urgency.EMERGENT.value])
        return holder

    def _build_footer(self) -> QHBoxLayout:
        footer = self.build_footer(self.tr("&Save draft"), "saveReferral")
        self.save_button = self.accept_button
        return footer

    def _prefill(self) -> None:
        """From a flag: its message, the urgency its severity calls for, the screening."""
        flag = self.flag
        if flag is None:
            return
        self.reason.setPlainText(translate_message(flag.message))
        self.urgency_buttons[URGENCY_FOR_SEVERITY[Severity(flag.severity)].value].setChecked(True)
        raised = formats.date_time(flag.raised_at, self.session.zone())
        text = self.tr("The screening of {date} that raised: {flag}")
        self.link_label.setText(text.format(date=raised, flag=translate_message(flag.message)))

    # --- partners ------------------------------------------------------------------------

    def _load_partners(self) -> None:
        referral_ops.partner_choices(parent=self, session=self.session, age=self.age).success(
            self.show_partners
        ).known_error(
            lambda exc: self.partner_state.setText(translate_message(exc.message))
        ).run_in_background()

    def show_partners(self, choices: PartnerChoices) -> None:
        self.partner_list.clear()
        if choices.fitting:
            self._heading(self.tr("Serve students aged {age}").format(age=self.age))
            for partner in choices.fitting:
                self._partner_item(partner)
        if choices.others:
            self._heading(
                self.tr("Other partners (age range on file does not include the student)")
            )
            for partner in choices.others:
                self._partner_item(partner)
        empty = not choices.fitting and not choices.others
        self.partner_state.setText(
            self.tr("No active partners yet: add them in the partner directory (Partners…).")
            if empty
            else ""
        )
        self.partner_state.setVisible(empty)
        self.filter_partners(self.search.text())

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, but never chosen
        item.setFont(style.scaled_font(self.partner_list, 0.95, bold=True))
        self.partner_list.addItem(item)

    def _partner_item(self, partner: PartnerView) -> None:
        item = QListWidgetItem(partner_line(partner))
        item.setData(PARTNER_ROLE, partner)
        item.setToolTip(partner_details(partner))
        self.partner_list.addItem(item)

    def filter_partners(self, text: str) -> None:
        """Hide partners that do not match every word typed."""
        words = fold(text).split()
        for index in range(self.partner_list.count()):
            item = self.partner_list.item(index)
            partner = item.data(PARTNER_ROLE)
            if isinstance(partner, PartnerView):
                haystack = fold(partner_details(partner))
                item.setHidden(not all(w in haystack for w in words))

    def partner_names(self, *, visible_only: bool = True) -> list[str]:
        """Partners in the order listed (headings left out)."""
        items = (self.partner_list.item(i) for i in range(self.partner_list.count()))
        return [
            i.data(PARTNER_ROLE).name
            for i in items
            if isinstance(i.data(PARTNER_ROLE), PartnerView) and not (visible_only and i.isHidden())
        ]

    def choose_partner(self, partner_id: uuid.UUID) -> None:
        for index in range(self.partner_list.count()):
            item = self.partner_list.item(index)
            partner = item.data(PARTNER_ROLE)
            if isinstance(partner, PartnerView) and partner.id == partner_id:
                self.partner_list.setCurrentItem(item)

    def chosen_partner(self) -> PartnerView | None:
        item = self.partner_list.currentItem()
        partner = item.data(PARTNER_ROLE) if item is not None and not item.isHidden() else None
        return partner if isinstance(partner, PartnerView) else None

    # --- saving --------------------------------------------------------------------------

    def urgency(self) -> str:
        checked = self.urgency_group.checkedButton()
        return next((u for u, b in self.urgency_buttons.items() if b is checked), "")

    def operation(self) -> Operation:
        partner = self.chosen_partner()
        partner_id = partner.id if partner is not None else None
        reason = self.reason.toPlainText()
        if self.flag is not None:
            return referral_ops.create_from_flag(
                parent=self,
                session=self.session,
                flag_id=self.flag.id,
                partner_id=partner_id,
                reason=reason,
                urgency=self.urgency(),
            )
        referral = ReferralInput(partner_id, reason, self.urgency())
        return referral_ops.create_referral(
            parent=self, session=self.session, student_id=self.student.id, referral=referral
        )

    def saved(self, view: ReferralView) -> None:
        self.referral = view
        self.referral_saved.emit(view)


def partner_line(partner: PartnerView) -> str:
    """ "Eastside Counseling — Community mental health · ages 5-18 · Medicaid"."""
    parts = [
        translate_message(partner.kind_label),
        QCoreApplication.translate("ReferralDialog", "ages {ages}").format(ages=partner.ages),
    ]
    if partner.languages:
        parts.append(", ".join(partner.languages))
    if partner.accepts_medicaid:
        parts.append("Medicaid")
    return f"{partner.name} — {' · '.join(parts)}"


def partner_details(partner: PartnerView) -> str:
    """Everything the search looks in: the line, services and languages."""
    if not partner.services:
        return partner_line(partner)
    services = QCoreApplication.translate("ReferralDialog", "Services: {services}").format(
        services=", ".join(partner.services)
    )
    return f"{partner_line(partner)}\n{services}"
