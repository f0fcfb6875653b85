"""The score trend line: renders with no, one or many points and says the trend in words."""

from datetime import date

from PySide6.QtCore import QPoint

from clinic_desktop.services import screenings, students
from clinic_desktop.ui.score_trend import ScoreTrend, trend_points
from tests.factories import student

SIX = [
    (date(2025, 9, 10), 4, "None–minimal"),
    (date(2025, 11, 3), 9, "Mild"),
    (date(2026, 1, 20), 14, "Moderate"),
    (date(2026, 3, 2), 17, "Moderately severe"),
    (date(2026, 5, 15), 11, "Moderate"),
    (date(2026, 10, 1), 6, "Mild"),
]


def _trend(qtbot, points) -> ScoreTrend:
    trend = ScoreTrend()
    qtbot.addWidget(trend)
    trend.set_points(points)
    trend.resize(trend.sizeHint())
    trend.show()
    qtbot.waitExposed(trend)
    return trend


def test_no_points(qtbot):
    trend = _trend(qtbot, [])
    assert not trend.grab().isNull()
    assert trend.accessibleDescription() == "No scored screenings yet."
    assert trend.point_at(QPoint(10, 10)) is None


def test_one_point(qtbot):
    trend = _trend(qtbot, [(date(2026, 5, 15), 11, "Moderate")])
    assert not trend.grab().isNull()
    assert trend.accessibleDescription() == "One score: 05/15/2026: 11 (Moderate)."
    assert trend.toolTip() == "05/15/2026: 11 (Moderate)"


def test_many_points_in_date_order_with_bands_in_the_tooltip(qtbot):
    trend = _trend(qtbot, list(reversed(SIX)))
    image = trend.grab().toImage()
    assert not image.isNull() and image.width() > 0
    assert [p.score for p in trend.points()] == [4, 9, 14, 17, 11, 6]
    assert trend.toolTip().splitlines()[3] == "03/02/2026: 17 (Moderately severe)"
    assert trend.accessibleDescription() == (
        "6 scores from 09/10/2025 to 10/01/2026; latest 10/01/2026: 6 (Mild), down from 11."
    )
    last = trend.positions()[-1].toPoint()
    assert trend.point_at(last).band == "Mild"


def test_unscored_points_are_left_out(qtbot):
    trend = _trend(qtbot, [(date(2026, 1, 1), None, ""), (date(2026, 2, 1), 3, "")])
    assert [p.score for p in trend.points()] == [3]


def test_same_day_points_spread_out_instead_of_stacking(qtbot):
    day = date(2026, 5, 15)
    trend = _trend(qtbot, [(day, 3, "Mild"), (day, 8, "Moderate")])
    first, second = trend.positions()
    assert first.x() < second.x()
    assert not trend.grab().isNull()


def test_trend_points_from_screening_history(clinician, clock):
    pupil = students.create_student(clinician, student())
    answers = {f"q{i}": 1 for i in range(1, 10)}
    screenings.administer_screening(clinician, pupil.id, "phq9", answers)
    clock.advance(days=30)
    screenings.administer_screening(clinician, pupil.id, "phq9", {**answers, "q1": 3})
    screenings.administer_screening(clinician, pupil.id, "asq", {"q1": 0})  # other, incomplete
    history = screenings.list_screenings(clinician, pupil.id)
    points = trend_points(history, "phq9")
    assert [(p[1], p[2]) for p in points] == [(9, "Mild"), (11, "Moderate")]
    assert points[0][0] < points[1][0]
    assert all(isinstance(p[0], date) for p in points)
