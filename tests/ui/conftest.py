"""UI test helpers: every modal prompt is recorded instead of shown.

``prompts`` replaces each function of ``clinic_desktop.ui.dialogs`` (the one seam for modal
prompts), so no test can block in ``exec()``. A test takes the prompts it expects with
``prompts.take(name)``; any prompt left untaken fails the test at teardown, so an
unexpected error dialog never goes unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from clinic_desktop.ui import dialogs, i18n

SEAM = (
    "info",
    "warn",
    "confirm",
    "ask_close",
    "ask_text",
    "choose_open_file",
    "choose_save_file",
    "choose_folder",
    "choose_printer",
    "show_error",
    "show_recovery_key",
)


@dataclass
class Prompt:
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class Prompts:
    calls: list[Prompt] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)

    def record(self, name: str):
        def prompt(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(Prompt(name, args, kwargs))
            return self.answers.get(name)

        return prompt

    def take(self, name: str) -> list[Prompt]:
        taken = [c for c in self.calls if c.name == name]
        self.calls = [c for c in self.calls if c.name != name]
        return taken


@pytest.fixture(autouse=True)
def english_interface(monkeypatch: pytest.MonkeyPatch):
    """Tests find widgets by their English text: whatever this computer's language, the
    interface under test is English (``test_i18n`` installs Spanish itself, and this puts
    English back after it)."""
    monkeypatch.setattr(i18n, "system_language", lambda: i18n.ENGLISH)
    yield
    if i18n.current_language() != i18n.ENGLISH:
        i18n.install_language(i18n.ENGLISH)


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch):
    recorder = Prompts()
    for name in SEAM:
        monkeypatch.setattr(dialogs, name, recorder.record(name))
    yield recorder
    assert not recorder.calls, f"unexpected prompts: {recorder.calls}"
