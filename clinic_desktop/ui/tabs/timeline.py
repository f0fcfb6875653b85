"""Timeline-style tabs: everything newest first, or one kind of entry (screenings, ...).

Each entry is drawn as a compact block: date and time at the left, a coloured tag for its
kind, the title in bold and the detail below. A behavioral-health note the role may not
read is replaced, in italics, by ``hidden_note_text()``: the row says that something is
there without showing it.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QStackedLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from clinic_desktop.services.chart import TimelineEntry
from clinic_desktop.ui import style
from clinic_desktop.ui.i18n import translate_message
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.models.timeline_model import (
    ENTRY_ROLE,
    KIND_LABELS,
    TimelineModel,
    hidden_text,
)

Index = QModelIndex | QPersistentModelIndex
#: Lines of text per entry: title, then up to two lines of detail.
_LINES = 3


class EntryDelegate(QStyledItemDelegate):
    """Paints one ``TimelineEntry``; sizes follow the font, so 200 % scale stays tidy."""

    def __init__(self, model: TimelineModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.zone = model.zone

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry = index.data(ENTRY_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        current = widget.style() if widget is not None else QApplication.style()
        current.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not isinstance(entry, TimelineEntry):
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        metrics = QFontMetrics(opt.font)
        line = metrics.height()
        pad = metrics.averageCharWidth()
        rect = opt.rect.adjusted(pad, pad // 2 + 2, -pad, -pad // 2)
        date_width = metrics.horizontalAdvance("00/00/0000") + pad * 2
        painter.save()
        text = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else style.muted_color(opt.palette)
        painter.setPen(text)
        painter.setFont(opt.font)
        local_day = formats.short_date(entry.at.astimezone(self.zone).date())
        painter.drawText(QRect(rect.left(), rect.top(), date_width, line), 0, local_day)
        painter.setPen(muted)
        time_rect = QRect(rect.left(), rect.top() + line, date_width, line)
        painter.drawText(time_rect, 0, formats.clock_time(entry.at, self.zone))
        left = rect.left() + date_width
        tag_width = self._paint_tag(painter, opt, entry.kind, QRect(left, rect.top(), 0, line))
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        title_left = left + tag_width + pad
        title = QFontMetrics(bold).elidedText(
            entry.title, Qt.TextElideMode.ElideRight, rect.right() - title_left
        )
        painter.drawText(QRect(title_left, rect.top(), rect.right() - title_left, line), 0, title)
        body = QRect(left, rect.top() + line + 2, rect.right() - left, line * (_LINES - 1))
        self._paint_detail(painter, opt.font, entry, body, muted)
        painter.restore()

    def _paint_tag(
        self, painter: QPainter, opt: QStyleOptionViewItem, kind: str, where: QRect
    ) -> int:
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() * 0.8, 7.0))
        small.setBold(True)
        label = KIND_LABELS.get(kind, kind).upper()
        metrics = QFontMetrics(small)
        width = metrics.horizontalAdvance(label) + metrics.averageCharWidth() * 2
        box = QRect(where.left(), where.top() + 1, width, where.height() - 2)
        widget = opt.widget if opt.widget is not None else QWidget()
        color = style.tone_color(widget, style.KIND_TONES.get(kind, "muted"))
        fill = QColor(color)
        fill.setAlpha(36)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(color)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(small)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        return width

    def _paint_detail(
        self,
        painter: QPainter,
        font: QFont,
        entry: TimelineEntry,
        body: QRect,
        muted: QColor,
    ) -> None:
        painter.setPen(muted)
        line = QFontMetrics(font).height()
        if entry.hidden:
            slanted = QFont(font)
            slanted.setItalic(True)
            painter.setFont(slanted)
            painter.drawText(
                QRect(body.left(), body.top(), body.width(), line), 0, hidden_text(entry)
            )
            painter.setFont(font)
            painter.drawText(
                QRect(body.left(), body.top() + line, body.width(), line), 0, entry.text
            )
            return
        painter.setFont(font)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop
        painter.drawText(body, int(flags), entry.text)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        pad = metrics.averageCharWidth()
        return QSize(metrics.averageCharWidth() * 60, metrics.height() * _LINES + pad + 6)


class EntryListTab(QWidget):
    """The timeline's entries, newest first, with a loading / empty state."""

    def __init__(
        self,
        model: TimelineModel,
        *,
        name: str,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = model
        self.empty_text = empty_text
        self.view = QListView()
        self.view.setObjectName("timelineList")
        self.view.setAccessibleName(name)
        self.view.setModel(model)
        self.view.setItemDelegate(EntryDelegate(model, self.view))
        self.view.setUniformItemSizes(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setFrameShape(QListView.Shape.NoFrame)
        self.state_label = style.secondary("")
        self.state_label.setObjectName("emptyState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pages = QStackedLayout()
        self._pages.addWidget(self.view)
        self._pages.addWidget(_centered(self.state_label))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._pages)
        model.page_loaded.connect(lambda _rows: self._update())
        model.modelReset.connect(self._update)
        model.refused.connect(lambda exc: self._show_state(translate_message(exc.message)))
        self._update()

    def rows(self) -> list[TimelineEntry]:
        return self.source.entries()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update()

    def _update(self) -> None:
        if self.source.rowCount() > 0:
            self._pages.setCurrentWidget(self.view)
        elif self.source.student_id is None:
            self._show_state("")
        elif self.source.is_loading() or not self.source.loaded_once:
            self._show_state(self.tr("Loading…"))
        else:
            self._show_state(self.empty_text)

    def _show_state(self, text: str) -> None:
        self.state_label.setText(text)
        self._pages.setCurrentIndex(1)


def _centered(label: QLabel) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(style.MARGIN, style.MARGIN, style.MARGIN, style.MARGIN)
    column.addStretch(1)
    column.addWidget(label)
    column.addStretch(2)
    return page
