"""Change notices: an operation says what it changed, the views showing it reload, and
the main window calls no refresh of its own."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from clinic_desktop.domain.changes import Change, changes
from clinic_desktop.domain.visits import VisitType
from clinic_desktop.ui import changes as ui_changes
from clinic_desktop.ui import operations
from clinic_desktop.ui.operations import Operation
from clinic_desktop.ui.operations.visits import VISIT_CHANGES
from tests.ui.test_main_window import (  # noqa: F401
    CTRL,
    TIMEOUT,
    _new_visit_dialog,
    _open_pupil,
    open_window,
    roster,
)

pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    operations.wait_for_idle()


class Heard:
    """A view stand-in: what it was told, for the kinds it shows."""

    def __init__(self, shows: frozenset[Change]) -> None:
        self.widget = QWidget()
        self.told: list[frozenset[Change]] = []
        ui_changes.subscribe(self.widget, shows, self.told.append)


def _run(qtbot, operation: Operation) -> None:
    with qtbot.waitSignal(operation.finished, timeout=TIMEOUT):
        operation.run_in_background()


def test_a_view_is_told_only_about_what_it_shows(qtbot):
    visits, users = Heard(frozenset({Change.VISITS})), Heard(frozenset({Change.USERS}))
    _run(qtbot, Operation(None, lambda: 1, changes=changes(Change.VISITS, Change.FLAGS)))
    assert visits.told == [frozenset({Change.VISITS, Change.FLAGS})]
    assert users.told == []


def test_an_operation_declaring_no_change_reloads_nothing(qtbot, roster, monkeypatch):  # noqa: F811
    everything = Heard(frozenset(Change))
    window = open_window(qtbot, roster)
    _open_pupil(qtbot, window)
    qtbot.waitUntil(lambda: window.chart_view.header is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=TIMEOUT)
    reloads: list[str] = []
    monkeypatch.setattr(window.today_view, "refresh", lambda: reloads.append("today"))
    monkeypatch.setattr(window.roster, "refresh", lambda: reloads.append("roster"))
    monkeypatch.setattr(window.chart_view, "reload_header", lambda: reloads.append("header"))
    monkeypatch.setattr(window.chart_view.visits_tab, "reload", lambda: reloads.append("visits"))
    _run(qtbot, Operation(window, lambda: "read only"))
    assert everything.told == []
    assert reloads == []


def test_recording_a_visit_reloads_today_and_the_chart_without_a_window_refresh(
    qtbot,
    roster,  # noqa: F811
    monkeypatch,
):
    window = open_window(qtbot, roster)
    _open_pupil(qtbot, window)
    chart = window.chart_view
    chart.tabs.setCurrentWidget(chart.visits_tab)
    qtbot.waitUntil(lambda: chart.visits_tab.state_label.text().startswith("No visits"))
    assert window.today_view.texts("visits") == []
    callers = _record_callers(
        monkeypatch, window.today_view, chart.visits_tab, chart.timeline_model
    )
    monkeypatch.setattr(window, "refresh", lambda: callers.append("MainWindow.refresh"))
    told = Heard(VISIT_CHANGES)
    dialog = _new_visit_dialog(qtbot, window)
    qtbot.mouseClick(dialog.form.type_buttons[VisitType.NURSING], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.form.reason.lineEdit(), "Asthma")
    with qtbot.waitSignal(dialog.visit_saved, timeout=TIMEOUT):
        qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, CTRL)
    assert told.told == [VISIT_CHANGES]
    qtbot.waitUntil(lambda: len(chart.visits_tab.visits()) == 1, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: [e.title for e in chart.timeline_tab.rows()] == ["Nursing visit: Asthma"],
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: len(window.today_view.texts("visits")) == 1, timeout=TIMEOUT)
    assert callers  # each view reloaded...
    assert not [c for c in callers if "main_window" in c]  # ...and not at the window's call


def _record_callers(monkeypatch, *views: object) -> list[str]:
    """Wrap each view's reload so it notes which module called it."""
    callers: list[str] = []
    for view in views:
        name = "refresh" if hasattr(view, "refresh") else "reload"
        original = getattr(view, name)

        def wrapped(*args: object, _original=original) -> object:
            callers.append(sys._getframe(1).f_code.co_filename)
            return _original(*args)

        monkeypatch.setattr(view, name, wrapped)
    return callers
