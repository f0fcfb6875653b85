"""Change notices: one process-wide signal that says what a successful write changed.

An ``Operation`` built with ``changes=`` announces them here when it succeeds; a view
calls ``subscribe`` with the kinds it shows and its reload, and is told only about those.
So a window never calls ``refresh()`` on each panel after an action: the panels listen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from clinic_desktop.domain.changes import Change


class ChangeNotifier(QObject):
    """Emits ``changed(frozenset[Change])`` once per successful write that changed anything."""

    changed = Signal(object)

    def announce(self, kinds: Iterable[Change]) -> None:
        found = frozenset(kinds)
        if found:
            self.changed.emit(found)


_notifiers: list[ChangeNotifier] = []


def notifier() -> ChangeNotifier:
    """The process's notifier, made on first use (on the GUI thread)."""
    if not _notifiers:
        _notifiers.append(ChangeNotifier())
    return _notifiers[0]


def announce(kinds: Iterable[Change]) -> None:
    """Tell every subscribed view that ``kinds`` changed (nothing happens for none)."""
    notifier().announce(kinds)


def subscribe(
    view: QObject, shows: Iterable[Change], reload: Callable[[frozenset[Change]], object]
) -> None:
    """Call ``reload(changed)`` when a change touches what ``view`` ``shows``.

    The connection lives as long as ``view`` (Qt drops it when the view is destroyed).
    """
    kinds = frozenset(shows)

    def heard(changed: frozenset[Change]) -> None:
        if changed & kinds:
            reload(changed)

    _Listener(view, heard)


class _Listener(QObject):
    """A child of the view, so the connection goes when the view does."""

    def __init__(self, view: QObject, heard: Callable[[frozenset[Change]], None]) -> None:
        super().__init__(view)
        self._heard = heard
        notifier().changed.connect(self._on_changed)

    def _on_changed(self, changed: frozenset[Change]) -> None:
        self._heard(changed)
