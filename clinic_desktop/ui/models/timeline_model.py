"""A student's timeline, newest first, loaded a page at a time as the view scrolls.

The first page comes with the chart; ``fetchMore`` asks the service for entries older than
the oldest one loaded (``timeline(before=...)``), so years of history cost nothing until
someone scrolls to them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import tzinfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.consents import ConsentKind
from clinic_desktop.domain.referrals import ReferralStatus
from clinic_desktop.domain.risk_actions import RiskAction
from clinic_desktop.domain.screening import load_instrument
from clinic_desktop.domain.visits import VisitType
from clinic_desktop.services.chart import TimelineEntry
from clinic_desktop.services.context import ClinicSession
from clinic_desktop.ui import i18n
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.paged_model import Index, PagedListModel
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations import chart as chart_ops
from clinic_desktop.ui.screening_question import band_text

#: The row's ``TimelineEntry``.
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 10
#: Shown, in italics, instead of a behavioral-health note the role may not read.
HIDDEN_NOTE_TEXT = QT_TRANSLATE_NOOP(
    "TimelineModel", "Behavioral-health note — not visible to your role"
)


class _TranslatedLabels(Mapping[str, str]):
    """A code -> label table whose lookups answer in the interface language, so every
    reader of ``KIND_LABELS`` shows the translated word without knowing the context."""

    def __init__(self, labels: dict[str, str]) -> None:
        self._labels = labels

    def __getitem__(self, key: str) -> str:
        return QCoreApplication.translate("TimelineModel", self._labels[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


KIND_LABELS = _TranslatedLabels(
    {
        "visit": QT_TRANSLATE_NOOP("TimelineModel", "Visit"),
        "screening": QT_TRANSLATE_NOOP("TimelineModel", "Screening"),
        "referral": QT_TRANSLATE_NOOP("TimelineModel", "Referral"),
        "consent": QT_TRANSLATE_NOOP("TimelineModel", "Consent"),
        "flag_action": QT_TRANSLATE_NOOP("TimelineModel", "Risk flag"),
        "flag_closed": QT_TRANSLATE_NOOP("TimelineModel", "Risk flag"),
    }
)


def hidden_note_text() -> str:
    """``HIDDEN_NOTE_TEXT`` in the interface language."""
    return QCoreApplication.translate("TimelineModel", HIDDEN_NOTE_TEXT)


def hidden_text(entry: TimelineEntry) -> str:
    """What a hidden entry says in place of its detail: a restricted record (the
    sensitivity model) says that its details are withheld, a visit that its note is."""
    if "restricted" in entry.facts:
        return _tr(QT_TRANSLATE_NOOP("TimelineModel", "Details not visible to your role"))
    return hidden_note_text()


@dataclass(frozen=True)
class ShownEntry(TimelineEntry):
    """A timeline entry as the interface language shows it: the service's title and
    outcome translated, the clinician's own words (the detail) untouched."""

    @property
    def text(self) -> str:
        parts = [self.detail] if self.detail else []
        if self.outcome:
            outcome = QCoreApplication.translate("TimelineModel", "Outcome: {outcome}")
            parts.append(outcome.format(outcome=self.outcome))
        return " · ".join(parts)


def _tr(text: str) -> str:
    """``text`` in the interface language (the literals are marked where they are used)."""
    return QCoreApplication.translate("TimelineModel", text)


def _visit_lines(entry: TimelineEntry) -> tuple[str, str]:
    kind = i18n.translate_message(VisitType(entry.facts["visit_type"]).label)
    title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "{kind} visit: {reason}"))
    # A screening's own visit has a reason the service wrote ("Screening: PHQ-9").
    reason = i18n.translate_message(entry.facts["reason"])
    return _fill(title, kind=kind, reason=reason), entry.detail


def _screening_lines(entry: TimelineEntry) -> tuple[str, str]:
    facts = entry.facts
    title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "Screening: {instrument}"))
    title = _fill(title, instrument=load_instrument(facts["instrument_id"]).short_name)
    if facts.get("status") == "in_progress":
        return title, _tr(QT_TRANSLATE_NOOP("TimelineModel", "In progress"))
    if facts.get("status") == "discarded":
        reason = facts.get("stop_reason") or ""
        stopped = _tr(QT_TRANSLATE_NOOP("TimelineModel", "Stopped"))
        return title, f"{stopped}: {reason}" if reason else stopped
    if not facts["complete"]:
        return title, _tr(QT_TRANSLATE_NOOP("TimelineModel", "Incomplete"))
    band = band_text(facts["instrument_id"], facts["band"], facts["band"] or "")
    if facts["total"] is None:
        return title, band
    score = _tr(QT_TRANSLATE_NOOP("TimelineModel", "Score {score}")).format(score=facts["total"])
    return title, f"{score} · {band}" if band else score


def _referral_lines(entry: TimelineEntry) -> tuple[str, str]:
    status = i18n.translate_message(ReferralStatus(entry.facts["status"]).label)
    title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "Referral to {partner}: {status}"))
    return _fill(title, partner=entry.facts["partner"], status=status), entry.detail


def _consent_lines(entry: TimelineEntry) -> tuple[str, str]:
    facts = entry.facts
    kind = i18n.translate_message(ConsentKind(facts["consent_kind"]).label)
    title = _fill(_tr(QT_TRANSLATE_NOOP("TimelineModel", "Consent recorded: {kind}")), kind=kind)
    signed = formats.short_date(facts["signed_on"])
    if facts["revoked_on"] is None:
        detail = _fill(_tr(QT_TRANSLATE_NOOP("TimelineModel", "Signed {date}")), date=signed)
    else:
        detail = _fill(
            _tr(QT_TRANSLATE_NOOP("TimelineModel", "Signed {date}, revoked {revoked}")),
            date=signed,
            revoked=formats.short_date(facts["revoked_on"]),
        )
    return title, detail


def _restricted_lines(entry: TimelineEntry) -> tuple[str, str]:
    """A record the reader's role may not see: its kind and the service's placeholder
    ("Restricted (behavioral health)"), nothing else."""
    label = i18n.translate_message(entry.facts["restricted"])
    if entry.kind == "visit":
        kind = i18n.translate_message(VisitType(entry.facts["visit_type"]).label)
        title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "{kind} visit: {reason}"))
        return _fill(title, kind=kind, reason=label), ""
    title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "{kind}: {restricted}"))
    return _fill(title, kind=KIND_LABELS[entry.kind], restricted=label), ""


def _flag_action_lines(entry: TimelineEntry) -> tuple[str, str]:
    facts = entry.facts
    code = facts["action"]
    label = i18n.translate_message(RiskAction(code).label) if code in set(RiskAction) else code
    title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "Risk flag action: {action}"))
    parts = [p for p in (facts["person"], facts["note"]) if p]
    if facts["after_signing"]:
        parts.append(_tr(QT_TRANSLATE_NOOP("TimelineModel", "recorded after signing")))
    return _fill(title, action=label), " · ".join(parts)


def _flag_closed_lines(entry: TimelineEntry) -> tuple[str, str]:
    title = _tr(QT_TRANSLATE_NOOP("TimelineModel", "Risk flag closed: {flag}"))
    return _fill(title, flag=i18n.translate_message(entry.facts["flag"])), entry.detail


def _fill(template: str, **values: str) -> str:
    """Put ``values`` in (not ``str.format``: a partner's name or a reason may hold braces)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


#: How each kind's title and detail are written from the entry's ``facts``.
_LINES = {
    "visit": _visit_lines,
    "screening": _screening_lines,
    "referral": _referral_lines,
    "consent": _consent_lines,
    "flag_action": _flag_action_lines,
    "flag_closed": _flag_closed_lines,
}


def shown(entry: TimelineEntry) -> ShownEntry:
    """``entry`` ready to draw (what ``ENTRY_ROLE`` hands the delegate): the title and the
    service-written detail (a score, a date) written in the interface language from the
    entry's facts; what staff wrote (notes, reasons, partner names) as they wrote it."""
    values = {f.name: getattr(entry, f.name) for f in fields(entry)}
    lines = _restricted_lines if "restricted" in entry.facts else _LINES.get(entry.kind)
    if lines is not None and entry.facts:
        values["title"], values["detail"] = lines(entry)
    values["outcome"] = i18n.translate_message(entry.outcome)
    return ShownEntry(**values)


def spoken_text(entry: TimelineEntry, zone: tzinfo) -> str:
    """The whole entry as one sentence, for screen readers and tooltips."""
    entry = shown(entry)
    detail = f"{hidden_text(entry)}. {entry.text}" if entry.hidden else entry.text
    return f"{formats.date_time(entry.at, zone)}. {entry.title}. {detail}".strip()


class TimelineModel(PagedListModel):
    """Timeline entries of one student, newest first."""

    def __init__(
        self,
        session: ClinicSession,
        owner: QWidget,
        *,
        page_size: int = chart_ops.TIMELINE_PAGE,
    ) -> None:
        super().__init__(session, owner, page_size)
        self.zone = session.zone()
        self.student_id: uuid.UUID | None = None
        self.loaded_once = False

    def load(self, student_id: uuid.UUID | None) -> None:
        """Show ``student_id``'s timeline from the newest entry (None: empty)."""
        self.student_id = student_id
        self.loaded_once = False
        self._start_over(active=student_id is not None)

    def reload(self) -> None:
        self.load(self.student_id)

    def _request_page(self, generation: int) -> Operation:
        assert self.student_id is not None
        return chart_ops.timeline_page(
            parent=self.owner,
            session=self.session,
            student_id=self.student_id,
            before=self._rows[-1].cursor if self._rows else None,
            limit=self.page_size,
        )

    def _after_page(self) -> None:
        self.loaded_once = True

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def entries(self) -> list[TimelineEntry]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self._row(index)
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(entry).title
        if role == ENTRY_ROLE:
            return shown(entry)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return spoken_text(entry, self.zone)
        return None
