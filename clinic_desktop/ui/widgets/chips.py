"""Status chips: a word in a tinted pill ("Valid", "Expired", "Scheduled").

The word carries the meaning; the tone only helps the eye, so a colour-blind user or a
screen reader loses nothing. ``StatusChip`` is a label for layouts; ``ChipDelegate``
paints the same pill inside a table cell whose ``TONE_ROLE`` is set.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from clinic_desktop.ui import i18n, style
from clinic_desktop.ui.models.table_model import TONE_ROLE

Index = QModelIndex | QPersistentModelIndex

#: A consent chip code (``ConsentChip`` or "missing") -> (word shown, tone).
CONSENT_CHIPS = {
    "valid": (QT_TRANSLATE_NOOP("StatusChip", "Valid"), "ok"),
    "expiring": (QT_TRANSLATE_NOOP("StatusChip", "Expiring within 30 days"), "warning"),
    "expired": (QT_TRANSLATE_NOOP("StatusChip", "Expired"), "acute"),
    "revoked": (QT_TRANSLATE_NOOP("StatusChip", "Revoked"), "acute"),
    "missing": (QT_TRANSLATE_NOOP("StatusChip", "Missing"), "warning"),
}
#: A referral status code -> tone (the word is the status's own label).
STATUS_TONES = {
    "draft": "muted",
    "sent": "info",
    "waitlisted": "warning",
    "scheduled": "info",
    "attended": "ok",
    "no_show": "warning",
    "declined": "warning",
    "rejected": "warning",
    "cancelled": "muted",
    "closed": "ok",
}


def consent_chip(code: str) -> tuple[str, str]:
    """The word and tone for a consent chip code (an unknown code is shown as it is)."""
    if code in CONSENT_CHIPS:
        word, tone = CONSENT_CHIPS[code]
        return QCoreApplication.translate("StatusChip", word), tone
    return i18n.translate_message(code.replace("_", " ").capitalize()), "muted"


class StatusChip(QLabel):
    """A short status word on a pill tinted by its tone; named for screen readers."""

    def __init__(self, subject: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject = subject or self.tr("Status")
        self.tone = ""
        self.setObjectName("statusChip")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_status(self, text: str, tone: str) -> None:
        self.setText(text)
        self.tone = tone
        self.setAccessibleName(
            self.tr("{subject}: {status}").format(subject=self.subject, status=text)
        )
        # The chip's own palette takes its tinted background once styled, which would
        # read as "dark mode": the light or dark variant follows what the chip sits on.
        self.setStyleSheet(chip_css(self.parentWidget() or self, tone))


def chip_css(widget: QWidget, tone: str) -> str:
    """The pill for ``tone`` in the variant (light or dark) that suits ``widget``."""
    color = style.tone_color(widget, tone)
    fill, edge = _fill(color), QColor(color)
    edge.setAlpha(170)
    pad = max(widget.fontMetrics().averageCharWidth(), 4)
    return (
        f"QLabel#statusChip {{ color: {color.name()}; background-color: {_rgba(fill)};"
        f" border: 1px solid {_rgba(edge)}; border-radius: {pad + 2}px;"
        f" padding: 1px {pad}px; font-weight: bold; }}"
    )


class ChipDelegate(QStyledItemDelegate):
    """Paints a cell with a tone as a chip (word unchanged); other cells as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        tone = index.data(TONE_ROLE)
        if not tone or option.widget is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        current = widget.style() if widget is not None else QApplication.style()
        current.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        self._paint_chip(painter, opt, text, tone)

    def _paint_chip(
        self, painter: QPainter, opt: QStyleOptionViewItem, text: str, tone: str
    ) -> None:
        font = QFont(opt.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        pad = metrics.averageCharWidth()
        width = min(metrics.horizontalAdvance(text) + pad * 2, opt.rect.width() - pad)
        height = min(metrics.height() + 4, opt.rect.height() - 2)
        top = opt.rect.top() + (opt.rect.height() - height) // 2
        box = QRect(opt.rect.left() + pad // 2, top, width, height)
        color = style.tone_color(opt.widget, tone)
        if opt.state & QStyle.StateFlag.State_Selected:  # the tone would fight the highlight
            color = opt.palette.color(QPalette.ColorRole.HighlightedText)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(color)
        painter.setBrush(_fill(color))
        painter.drawRoundedRect(box, height / 2, height / 2)
        painter.setFont(font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - pad)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(TONE_ROLE):
            # Room for the whole word in bold, as ``_paint_chip`` draws it (a long one,
            # "10/12/2026, 2 days overdue", is wider in bold than the plain hint).
            font = QFont(option.font)
            font.setBold(True)
            metrics = QFontMetrics(font)
            pad = metrics.averageCharWidth()
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            needed = metrics.horizontalAdvance(text) + pad * 3 + 2
            size.setWidth(max(size.width() + option.fontMetrics.averageCharWidth() * 3, needed))
        return size


def _fill(color: QColor) -> QColor:
    fill = QColor(color)
    fill.setAlpha(34)
    return fill


def _rgba(color: QColor) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"


def chip_table(
    model: QAbstractItemModel,
    *,
    name: str,
    accessible_name: str,
    stretch_column: int,
    alternating: bool = False,
) -> QTableView:
    """A read-only, single-selection table whose status cells are drawn as chips: the
    lists of consents, referrals and partners look and behave alike."""
    table = QTableView()
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setItemDelegate(ChipDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(alternating)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(style.em(table, 1.8))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table
