"""A small line chart of one instrument's scores over time, for the chart's Screenings tab.

Drawn with ``QPainter`` (no chart library for one line). Points are placed by date, so
three screenings in a week and one six months later look as far apart as they were. The
band of each score is in the tooltip and the whole trend in the accessible description:
the picture is never the only way to read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from clinic_desktop.clock import local_zone
from clinic_desktop.services.screenings import ScreeningView
from clinic_desktop.ui import style
from clinic_desktop.ui.models import formats
from clinic_desktop.ui.screening_question import band_text

#: Above this many points only the first and the last score are written on the chart.
_LABEL_ALL_UP_TO = 8
_DOT_RADIUS = 3.5


@dataclass(frozen=True)
class TrendPoint:
    day: date
    score: int
    band: str

    def describe(self) -> str:
        day = formats.short_date(self.day)
        if not self.band:
            return QCoreApplication.translate("ScoreTrend", "{date}: {score}").format(
                date=day, score=self.score
            )
        text = QCoreApplication.translate("ScoreTrend", "{date}: {score} ({band})")
        return text.format(date=day, score=self.score, band=self.band)


def trend_points(
    screenings: Iterable[ScreeningView], instrument_id: str
) -> list[tuple[date, int, str]]:
    """One instrument's scored screenings as ``(day, total, band label)``, oldest first.

    Incomplete screenings have no total and are left out (a partial sum understates).
    """
    points = [
        (
            s.administered_at.astimezone(local_zone(s.administered_at)).date(),
            s.total,
            band_text(s.instrument_id, s.band, s.band_label),
        )
        for s in screenings
        if s.instrument_id == instrument_id and s.total is not None
    ]
    return sorted(points, key=lambda p: p[0])  # type: ignore[arg-type, return-value]


class ScoreTrend(QWidget):
    """Scores as a line with a dot per screening; the latest dot is emphasised."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[TrendPoint, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Score trend"))
        self.set_points([])

    # --- data --------------------------------------------------------------------------

    def set_points(self, points: Sequence[tuple[date, int | None, str]]) -> None:
        """Show these ``(day, score, band label)`` points; unscored ones (None) are skipped."""
        kept = (TrendPoint(d, s, b or "") for d, s, b in points if s is not None)
        self._points = tuple(sorted(kept, key=lambda p: p.day))
        summary = self.summary()
        self.setAccessibleDescription(summary)
        lines = [p.describe() for p in self._points]
        self.setToolTip("\n".join(lines) if lines else summary)
        self.update()

    def points(self) -> tuple[TrendPoint, ...]:
        return self._points

    def summary(self) -> str:
        """The trend in words: count, span, latest score and how it moved."""
        if not self._points:
            return self.tr("No scored screenings yet.")
        last = self._points[-1]
        if len(self._points) == 1:
            return self.tr("One score: {point}.").format(point=last.describe())
        first, before = self._points[0], self._points[-2]
        move = _movement(before.score, last.score)
        return self.tr("{count} scores from {first} to {last}; latest {point}, {movement}.").format(
            count=len(self._points),
            first=formats.short_date(first.day),
            last=formats.short_date(last.day),
            point=last.describe(),
            movement=move,
        )

    # --- geometry ----------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(style.chars(self, 40), style.em(self, 5.5))

    def minimumSizeHint(self) -> QSize:
        return QSize(style.chars(self, 16), style.em(self, 4.5))

    def _plot_rect(self) -> QRectF:
        """The area the line may use: room above for score labels, below for dates."""
        line = self.fontMetrics().height()
        side = self.fontMetrics().horizontalAdvance("00") + _DOT_RADIUS * 2
        return QRectF(self.rect()).adjusted(side, line + 4, -side, -(line + 4))

    def positions(self) -> list[QPointF]:
        """Where each point's dot is drawn, oldest first (also what tooltips look up)."""
        area = self._plot_rect()
        top = max(max(p.score for p in self._points), 1)
        first = self._points[0].day
        span = (self._points[-1].day - first).days
        count = len(self._points)
        positions = []
        for index, point in enumerate(self._points):
            if count == 1:
                share = 1.0
            elif span:
                share = (point.day - first).days / span
            else:
                share = index / (count - 1)
            y = area.bottom() - area.height() * point.score / top
            positions.append(QPointF(area.left() + area.width() * share, y))
        return positions

    # --- painting ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_axis(painter)
        if not self._points:
            self._paint_empty(painter)
        else:
            positions = self.positions()
            self._paint_line(painter, positions)
            self._paint_dots(painter, positions)
            self._paint_labels(painter, positions)
        painter.end()

    def _muted(self) -> QPen:
        return QPen(self.palette().color(QPalette.ColorRole.PlaceholderText))

    def _paint_axis(self, painter: QPainter) -> None:
        area = self._plot_rect()
        pen = QPen(self.palette().color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(area.bottomLeft(), area.bottomRight())

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(self._muted())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No scores yet"))

    def _paint_line(self, painter: QPainter, positions: list[QPointF]) -> None:
        if len(positions) < 2:
            return
        path = QPainterPath(positions[0])
        for position in positions[1:]:
            path.lineTo(position)
        painter.setPen(QPen(style.accent_color(self), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)

    def _paint_dots(self, painter: QPainter, positions: list[QPointF]) -> None:
        accent = style.accent_color(self)
        painter.setPen(QPen(accent, 2))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        for position in positions[:-1]:
            painter.drawEllipse(position, _DOT_RADIUS, _DOT_RADIUS)
        painter.setBrush(accent)
        painter.drawEllipse(positions[-1], _DOT_RADIUS + 1.5, _DOT_RADIUS + 1.5)

    def _paint_labels(self, painter: QPainter, positions: list[QPointF]) -> None:
        """Scores above the dots (all, or first and last when crowded); dates below the ends."""
        metrics = self.fontMetrics()
        last = len(positions) - 1
        labelled = range(len(positions)) if last < _LABEL_ALL_UP_TO else (0, last)
        for index in labelled:
            painter.setFont(style.scaled_font(self, 1.0, bold=index == last))
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            text = str(self._points[index].score)
            at = positions[index] + QPointF(-metrics.horizontalAdvance(text) / 2, -7)
            painter.drawText(at, text)
        painter.setFont(self.font())
        painter.setPen(self._muted())
        baseline = self.height() - metrics.descent() - 1
        self._date_label(painter, last, baseline, Qt.AlignmentFlag.AlignRight)
        if last:  # a single point sits at the right, under its one date
            self._date_label(painter, 0, baseline, Qt.AlignmentFlag.AlignLeft)

    def _date_label(
        self, painter: QPainter, index: int, baseline: float, align: Qt.AlignmentFlag
    ) -> None:
        text = formats.short_date(self._points[index].day)
        width = self.fontMetrics().horizontalAdvance(text)
        x = 2 if align == Qt.AlignmentFlag.AlignLeft else self.width() - width - 2
        painter.drawText(QPointF(x, baseline), text)

    # --- tooltips ----------------------------------------------------------------------

    def point_at(self, position: QPoint) -> TrendPoint | None:
        """The point nearest ``position`` horizontally, within a finger's width."""
        if not self._points:
            return None
        reach = style.em(self, 1.2)
        distances = [abs(p.x() - position.x()) for p in self.positions()]
        nearest = min(range(len(distances)), key=distances.__getitem__)
        return self._points[nearest] if distances[nearest] <= reach else None

    def event(self, event: QEvent) -> bool:
        """Over a dot the tooltip names that screening (date, score, band); elsewhere, all."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(event.pos())
            text = point.describe() if point is not None else self.toolTip()
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)


def _movement(before: int, after: int) -> str:
    if after > before:
        return QCoreApplication.translate("ScoreTrend", "up from {score}").format(score=before)
    if after < before:
        return QCoreApplication.translate("ScoreTrend", "down from {score}").format(score=before)
    return QCoreApplication.translate("ScoreTrend", "unchanged")
