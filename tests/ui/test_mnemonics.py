"""Alt letters: within one window, no two things on screen answer to the same Alt+letter,
and within one menu no two items share a letter, in English and in Spanish.

Qt cycles between widgets that share a mnemonic (the chart's Visits tab and the View menu
both answered Alt+V): the second is then out of reach by keyboard. The walk covers what a
window shows at once: the menu bar's titles, every visible tab bar, button, group box and
labelled field, for every role, on the Today page and with a chart open.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabBar, QWidget

from clinic_desktop.services import students
from clinic_desktop.ui.main_window import MainWindow
from tests.factories import guardian, student
from tests.ui.test_i18n import open_window, spanish  # noqa: F401 (a fixture)

MNEMONIC = re.compile(r"&([^&\s])")
ROLES = ["clinician", "nurse", "admin", "it_user"]


def letter(text: str) -> str | None:
    """The Alt letter of ``text`` ("Re&ferrals" -> "f"); None without one ("&&" is "&")."""
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def on_screen(window: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for everything in ``window`` that answers to an Alt letter now."""
    texts = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        elif isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    return [(key, text) for text in texts if (key := letter(text))]


def clashes(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    keys = [key for key, _text in found]
    return {k: [t for key, t in found if key == k] for k in keys if keys.count(k) > 1}


def states(qtbot, window: MainWindow, request) -> list[str]:
    """Bring ``window`` through what it shows (Today, then a chart); names of the states."""
    if not window.has_charts:
        return ["administration"]
    shown = ["today"]
    pupil = students.create_student(request.getfixturevalue("clinician"), student(), (guardian(),))
    with qtbot.waitSignal(window.chart_view.opened, timeout=5000):
        window.open_student(pupil)
    shown.append("chart")
    return shown


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("role", ROLES)
def test_no_two_things_in_the_main_window_share_an_alt_letter(qtbot, request, role, language):
    if language == "es":
        request.getfixturevalue("spanish")
    window = open_window(qtbot, request.getfixturevalue(role))
    problems = {"start": clashes(on_screen(window))}
    for state in states(qtbot, window, request):
        problems[state] = clashes(on_screen(window))
    assert not any(problems.values()), problems


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("role", ROLES)
def test_no_two_items_of_a_menu_share_an_alt_letter(qtbot, request, role, language):
    if language == "es":
        request.getfixturevalue("spanish")
    window = open_window(qtbot, request.getfixturevalue(role))
    problems = {}
    for menu in window.findChildren(QMenu):
        texts = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        found = clashes([(key, t) for t in texts if (key := letter(t))])
        if found:
            problems[menu.title()] = found
    assert not problems


def test_the_chart_tabs_and_the_menus_each_have_a_letter(qtbot, clinician, request):
    window = open_window(qtbot, clinician)
    states(qtbot, window, request)
    tabs = window.chart_view.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    titles += [a.text() for a in window.menuBar().actions()]
    assert all(letter(t) for t in titles), titles
    assert letter(titles[1]) != letter("&View")  # Visits and View: the clash that was
