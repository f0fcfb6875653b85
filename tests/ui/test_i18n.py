"""The Spanish interface: no untranslatable text, a complete .ts, Spanish on screen.

(a) An AST scan of ``clinic_desktop/ui`` fails on any string literal handed to an API that
puts text on screen (``setText``, ``QLabel(...)``, the ``dialogs`` seam, ...) without a
translation function around it, and on sentence-like constants not marked with
``QT_TRANSLATE_NOOP``. (b) The .ts matches the code (lupdate on a copy changes nothing) and
every message has a finished Spanish translation that keeps the placeholders and the
keyboard mnemonic. (c) With Spanish installed the main window speaks Spanish, and switching
language rebuilds it for the same session without signing out.
"""

from __future__ import annotations

import ast
import builtins
import re
import shutil
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from clinic_desktop.domain.consents import ConsentKind
from clinic_desktop.domain.roles import Permission, Role, require
from clinic_desktop.domain.screening import load_instrument, stored_flag_texts
from clinic_desktop.domain.visits import reason_text
from clinic_desktop.errors import (
    FieldError,
    PermissionDeniedError,
    TooManyAttemptsError,
    ValidationError,
)
from clinic_desktop.messages import Verbatim, join, msg
from clinic_desktop.paths import SitePaths
from clinic_desktop.services.chart import Alert, TimelineEntry
from clinic_desktop.ui import (
    app,
    chart_view,
    i18n,
    operations,
    settings,
    setup_dialog,
    signin_dialog,
)
from clinic_desktop.ui.main_window import MainWindow
from clinic_desktop.ui.models.timeline_model import shown
from clinic_desktop.ui.setup_dialog import SetupDialog
from clinic_desktop.ui.signin_dialog import SignInDialog
from clinic_desktop.ui.widgets.form import field_sentence
from clinic_desktop.ui.widgets.language import LanguageMenu

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "clinic_desktop" / "ui"
sys.path.insert(0, str(ROOT / "packaging"))
import translations as tooling  # noqa: E402 (a script folder, not a package)

# --- (a) every user-visible literal goes through a translation function -------------------

#: Functions whose result is translated text (or marks text for translation).
TRANSLATORS = {
    "tr",
    "translate",
    "QT_TRANSLATE_NOOP",
    "QT_TR_NOOP",
    "translate_message",
}

#: Call name -> (positional indexes, keyword names) that put text on screen.
TEXT_ARGUMENTS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    # Qt setters
    "setText": ((0,), ()),
    "setWindowTitle": ((0,), ()),
    "setToolTip": ((0,), ()),
    "setPlaceholderText": ((0,), ()),
    "setAccessibleName": ((0,), ()),
    "setAccessibleDescription": ((0,), ()),
    "setStatusTip": ((0,), ()),
    "setWhatsThis": ((0,), ()),
    "setTitle": ((0,), ()),
    "setTabText": ((1,), ()),
    "setTabToolTip": ((1,), ()),
    "addTab": ((1, 2), ()),
    "insertTab": ((2, 3), ()),
    "addAction": ((0, 1), ()),
    "addMenu": ((0, 1), ()),
    "addSection": ((0, 1), ()),
    "setHorizontalHeaderLabels": ((0,), ()),
    "setVerticalHeaderLabels": ((0,), ()),
    "setHeaderLabels": ((0,), ()),
    "addItem": ((0,), ()),
    "addItems": ((0,), ()),
    "insertItem": ((1,), ()),
    "setItemText": ((1,), ()),
    "showMessage": ((0,), ()),
    "setLabelText": ((0,), ()),
    "setCancelButtonText": ((0,), ()),
    "setOkButtonText": ((0,), ()),
    "setSpecialValueText": ((0,), ()),
    "setPrefix": ((0,), ()),
    "setSuffix": ((0,), ()),
    "addButton": ((0,), ()),
    "setInformativeText": ((0,), ()),
    "setDetailedText": ((0,), ()),
    "addRow": ((0,), ()),
    "setNameFilter": ((0,), ()),
    "information": ((1, 2), ()),
    "warning": ((1, 2), ()),
    "critical": ((1, 2), ()),
    "question": ((1, 2), ()),
    "getText": ((1, 2), ()),
    "getItem": ((1, 2), ()),
    "getOpenFileName": ((1, 3), ()),
    "getSaveFileName": ((1, 3), ()),
    "getExistingDirectory": ((1,), ()),
    # Qt constructors
    "QLabel": ((0,), ("text",)),
    "QPushButton": ((0, 1), ("text",)),
    "QToolButton": ((), ("text",)),
    "QCheckBox": ((0,), ("text",)),
    "QRadioButton": ((0,), ("text",)),
    "QGroupBox": ((0,), ("title",)),
    "QAction": ((0, 1), ("text",)),
    "QCommandLinkButton": ((0, 1), ()),
    "QMenu": ((0,), ("title",)),
    "QToolBar": ((0,), ("title",)),
    "QDockWidget": ((0,), ()),
    "QMessageBox": ((1, 2), ()),
    "QProgressDialog": ((0, 1), ()),
    "QTableWidgetItem": ((0,), ()),
    "QListWidgetItem": ((0,), ()),
    "QStandardItem": ((0,), ()),
    # the app's own text helpers and seams
    "heading": ((0,), ()),
    "secondary": ((0,), ()),
    "banner": ((0,), ()),
    "set_error": ((1,), ()),
    "show_general": ((0,), ()),
    "show_text": ((0,), ()),
    "set_status": ((0,), ()),
    "info": ((1, 2), ()),
    "warn": ((1, 2), ()),
    "confirm": ((1, 2), ("action",)),
    "ask_close": ((1, 2), ("action", "keep")),
    "ask_text": ((1, 2), ()),
    "choose_open_file": ((1,), ("filters",)),
    "choose_save_file": ((1,), ("filters",)),
    "choose_folder": ((1,), ()),
    "choose_printer": ((1,), ()),
    "show_error": ((1,), ()),
    "wait_with_progress": ((1,), ()),
    "FormSection": ((0,), ()),
    "add_field": ((1,), ("hint",)),
    "add_row": ((0,), ()),
    "StatusChip": ((0,), ("subject",)),
    "Notice": ((), ("action",)),
    "dialog_footer": ((0,), ()),
    "_action": ((0,), ("tip",)),
    "FieldError": ((1,), ("reason",)),
    "emit": ((0,), ()),
    "_line": ((1, 2), ()),
    "_button": ((0,), ()),
    "_radio_row": ((2,), ()),
    "_code_edit": ((0,), ()),
    "_add": ((0,), ()),
    "_submenu": ((0,), ()),
    "chip_table": ((), ("accessible_name",)),
    "Row": ((0,), ()),
    "TableModel": ((0,), ()),
}

#: Files whose text is deliberately English (printed before Qt exists).
ENGLISH_ONLY = {"platform_check.py", "self_check.py"}
#: Upper-case constants that hold no language (the product's name, settings keys).
NOT_LANGUAGE_CONSTANTS = {"APP_NAME", "APP_TITLE", "PRODUCT", "ORGANIZATION"}
#: Bilingual data picked by a record's own language (a flag raised by a Spanish screening
#: says "RIESGO AGUDO" whatever the interface language), not interface text.
NOT_LANGUAGE_CONSTANTS |= {"SEVERITY_WORDS", "REQUIRED_ACTION"}
#: Text that is not language: codes, keys, Qt date formats, style sheets, colours.
CODE_LIKE = re.compile(
    r"[a-z0-9_./:%\-]*|[a-z]+[A-Za-z0-9]*|[A-Za-z]+/[A-Za-z/_]+|[yMdHhmsAap :./-]+"
    r"|\s*(Q\w+)?#.*\{.*|rgba?\(.*|.*\{.*:.*;.*|#[0-9a-fA-F]{3,8}|[A-Z0-9]{1,3}"
    r"|clinic-(admin|sync|desktop) .*|[a-z]{2,3}_[A-Z]{2}",
    re.DOTALL,
)
#: Exceptions for programmers (never shown as they are: the error path hides them).
PROGRAMMER_ERRORS = {name for name in dir(builtins) if name.endswith("Error")}


@dataclass(frozen=True)
class Offence:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_letters(text: str) -> bool:
    """Whether ``text`` holds words: not a code, a format, a style sheet or bare markup."""
    words = re.sub(r"<[^>]*>", "", text)
    return re.search(r"[A-Za-z]{2}", words) is not None and CODE_LIKE.fullmatch(text) is None


def _joined_text(node: ast.JoinedStr) -> str:
    return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)


def untranslated(node: ast.AST | None) -> Iterator[ast.AST]:
    """The literal pieces of ``node`` that reach the screen untranslated."""
    if node is None:
        return
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and _has_letters(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        literal = [str(v.value) for v in node.values if isinstance(v, ast.Constant)]
        if any(_has_letters(part) for part in literal) and _has_letters(_joined_text(node)):
            yield node
    elif isinstance(node, ast.Call):
        name = _call_name(node.func)
        if name in TRANSLATORS:
            return
        if name == "format" and isinstance(node.func, ast.Attribute):
            yield from untranslated(node.func.value)
    elif isinstance(node, ast.BinOp):
        yield from untranslated(node.left)
        yield from untranslated(node.right)
    elif isinstance(node, ast.IfExp):
        yield from untranslated(node.body)
        yield from untranslated(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from untranslated(value)
    elif isinstance(node, ast.List | ast.Tuple):
        for element in node.elts:
            yield from untranslated(element)


def _constant_literals(node: ast.AST) -> Iterator[ast.Constant]:
    """String constants inside ``node``, skipping those already marked for translation."""
    if isinstance(node, ast.Call) and _call_name(node.func) in TRANSLATORS | {"compile"}:
        return  # marked for translation already, or a regular expression
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
        return
    if isinstance(node, ast.Dict):  # keys are codes looked up; values are what is shown
        for value in node.values:
            yield from _constant_literals(value)
        return
    for child in ast.iter_child_nodes(node):
        yield from _constant_literals(child)


def _is_sentence(text: str) -> bool:
    return _has_letters(text)


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Offence] = []

    def _report(self, node: ast.AST) -> None:
        self.found.append(Offence(self.path, getattr(node, "lineno", 0), ast.unparse(node)))

    def visit_Call(self, node: ast.Call) -> None:
        positions, keywords = TEXT_ARGUMENTS.get(_call_name(node.func), ((), ()))
        name = _call_name(node.func)
        if name.endswith("Error") and name not in PROGRAMMER_ERRORS | {"FieldError"}:
            positions = (0,)
        for index in positions:
            if index < len(node.args):
                for bad in untranslated(node.args[index]):
                    self._report(bad)
        for keyword in node.keywords:
            if keyword.arg in keywords:
                for bad in untranslated(keyword.value):
                    self._report(bad)
        self.generic_visit(node)

    def _check_constant(self, targets: list[ast.expr], value: ast.AST | None) -> None:
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if value is None or not any(re.fullmatch(r"_?[A-Z][A-Z0-9_]*", n) for n in names):
            return
        if any(n in NOT_LANGUAGE_CONSTANTS for n in names):
            return
        for literal in _constant_literals(value):
            if _is_sentence(literal.value):
                self._report(literal)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._check_constant(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._check_constant([node.target], node.value)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if isinstance(node.value, ast.Constant | ast.JoinedStr):
            for bad in untranslated(node.value):
                if not isinstance(bad, ast.Constant) or _is_sentence(bad.value):
                    self._report(bad)
        self.generic_visit(node)


def scan_source(source: str, path: str = "<source>") -> list[Offence]:
    scanner = _Scanner(path)
    scanner.visit(ast.parse(source))
    return scanner.found


def ui_files() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p.name not in ENGLISH_ONLY)


def test_every_visible_literal_in_the_ui_is_translatable() -> None:
    offences = [
        offence
        for path in ui_files()
        for offence in scan_source(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not offences, "untranslatable user-visible text:\n" + "\n".join(map(str, offences))


@pytest.mark.parametrize(
    "source",
    [
        'label.setText("Saved")',
        'QLabel("Students")',
        'box.addRow("Name:", edit)',
        'dialogs.confirm(self, "Remove?", f"Remove {name}?", action="Remove")',
        'QPushButton(icon, "Print")',
        'self.setWindowTitle(f"{site} — Clinic Desktop")',
        'self.status.setText("Saving…" if busy else "")',
        'HEADERS = ("Name", "Date of birth")',
        'raise ClinicError("Could not save the file.")',
        'table.setHorizontalHeaderLabels(["When", "What"])',
        'self.setToolTip("Hello, {name}".format(name=name))',
    ],
)
def test_the_scan_catches_untranslated_text(source: str) -> None:
    assert scan_source(source), source


@pytest.mark.parametrize(
    "source",
    [
        'label.setText(self.tr("Saved"))',
        'QLabel(QCoreApplication.translate("Chart", "Students"))',
        'self.setWindowTitle(self.tr("{site} — Clinic Desktop").format(site=site))',
        'HEADERS = (QT_TRANSLATE_NOOP("Model", "Name"),)',
        'KEY = "main/geometry"',
        'label.setObjectName("siteName")',
        'label.setText("")',
        'label.setText(" · ")',
        'self.setStyleSheet(f"QFrame#{name} {{ border: 1px solid {edge}; }}")',
        'DISPLAY = "yyyy-MM-dd HH:mm"',
        'raise TypeError(f"no change signal known for {field}")',
        'style.set_tone(label, "warning")',
        "dialogs.show_error(self, translate_message(exc.message))",
        "label.setText(name)",
    ],
)
def test_the_scan_allows_translated_text_and_codes(source: str) -> None:
    assert not scan_source(source), source


# --- (b) the .ts mirrors the code and every message has a finished Spanish translation ----

PLACEHOLDERS = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n")
MNEMONIC = re.compile(r"&(?!&)\S")


def test_the_ts_file_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    copy = tmp_path / "clinic_es.ts"
    shutil.copy(tooling.TS_FILE, copy)
    tooling.run_lupdate(copy)
    committed = {m.key for m in tooling.read_ts(tooling.TS_FILE)}
    fresh = {m.key for m in tooling.read_ts(copy)}
    assert not fresh - committed, "new messages: run `packaging/translations.py update`"
    assert not committed - fresh, "obsolete messages: run `packaging/translations.py update`"
    assert not (tooling.TRANSLATIONS / "message_templates.json").exists()  # nothing parsed back


def test_every_message_has_a_finished_spanish_translation() -> None:
    problems = []
    for message in tooling.read_ts(tooling.TS_FILE):
        where = f"{message.context}: {message.source!r}"
        if not message.finished:
            problems.append(f"untranslated {where}")
            continue
        wanted = sorted(PLACEHOLDERS.findall(message.source))
        for translation in message.translations:
            if sorted(PLACEHOLDERS.findall(translation)) != wanted:
                problems.append(f"placeholders differ in {where}: {translation!r}")
            if MNEMONIC.search(message.source) and not MNEMONIC.search(translation):
                problems.append(f"mnemonic lost in {where}: {translation!r}")
    assert not problems, "\n".join(problems)


def test_the_extractor_finds_labels_errors_and_templates() -> None:
    source = """
class SlowError(ClinicError):
    message = "The disk is slow."

    def __init__(self, seconds):
        super().__init__(msg("Wait {seconds} seconds.", seconds=seconds))

def check_name(value):
    return "is required"

_KIND_LABELS = {"a": "Community clinic"}
COMMON_REASONS = {"nursing": ("Headache", "Fever")}

def save(path):
    raise BatchRejectedError("missing", msg("{name} does not exist.", name=path.name))
    raise ValidationError([FieldError("name", "is too short")])
    raise ValueError("a bug's words, never shown")
    raise SlowError(f"built from {pieces}")
"""
    visitor = tooling._MessageVisitor()
    found = {text for _node, text in visitor.collect(ast.parse(source))}
    assert found == {
        "The disk is slow.",
        "Wait {seconds} seconds.",
        "is required",
        "Community clinic",
        "Headache",
        "Fever",
        "{name} does not exist.",
        "is too short",
    }


# --- (c) Spanish on screen, switched without a restart ------------------------------------


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[None]:
    """Spanish installed from a .qm compiled now from the .ts (no build step needed)."""
    qm = tmp_path / "clinic_es.qm"
    tooling.compile_qm(tooling.TS_FILE, qm)
    monkeypatch.setattr(i18n, "qm_path", lambda _language: qm)
    assert i18n.install_language(i18n.SPANISH) == i18n.SPANISH
    yield
    i18n.install_language(i18n.ENGLISH)


def _english_sources() -> set[str]:
    """English texts whose Spanish differs: seeing one on screen means it was missed."""
    return {
        m.source
        for m in tooling.read_ts(tooling.TS_FILE)
        if m.translations and m.translations[0] != m.source and len(m.source) > 2
    }


def _visible_texts(window: QWidget) -> list[str]:
    texts = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            texts.append(widget.text())
        if isinstance(widget, QMenu):
            texts.append(widget.title())
    for action in window.findChildren(QAction):
        if not action.objectName().startswith("language-"):  # each language in itself
            texts.append(action.text())
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return [t for t in texts if t]


def _mnemonic_clashes(menu_texts: list[str]) -> list[str]:
    keys = [m.group(0)[1].lower() for t in menu_texts if (m := MNEMONIC.search(t))]
    return sorted({k for k in keys if keys.count(k) > 1})


def open_window(qtbot, session) -> MainWindow:
    window = MainWindow(session, site_name="Lincoln High School Health Center")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def _idle_at_teardown(qtbot):
    yield
    qtbot.waitUntil(lambda: operations.running_count() == 0, timeout=5000)


@pytest.mark.parametrize("role", ["clinician", "admin", "it_user"])
def test_the_main_window_speaks_spanish(qtbot, spanish, role, request) -> None:
    session = request.getfixturevalue(role)
    window = open_window(qtbot, session)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Archivo" in menus and "&Ver" in menus and "A&yuda" in menus
    assert window.user_label.text().startswith("Sesión iniciada como")
    if window.has_charts:
        tabs = window.chart_view.tabs
        assert [tabs.tabText(i) for i in range(tabs.count())][:2] == ["&Cronología", "Vi&sitas"]
    else:
        assert window.admin_tabs.tabText(0) == "&Usuarios"
    english = _english_sources()
    left = sorted({t for t in _visible_texts(window) if t in english})
    assert not left, f"English left on screen: {left}"


def _chart_tab_mnemonic_problems(window: MainWindow) -> list[str]:
    """Chart tabs without an Alt letter, or sharing one with a tab or a menu title."""
    tabs = window.chart_view.tabs
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    missing = [t for t in texts if not MNEMONIC.search(t)]
    bar = [a.text() for a in window.menuBar().actions()]
    return missing + _mnemonic_clashes(texts + bar)


def test_every_chart_tab_has_its_own_mnemonic(qtbot, clinician) -> None:
    assert not _chart_tab_mnemonic_problems(open_window(qtbot, clinician))


def test_every_chart_tab_has_its_own_mnemonic_in_spanish(qtbot, spanish, clinician) -> None:
    assert not _chart_tab_mnemonic_problems(open_window(qtbot, clinician))


@pytest.mark.parametrize("role", ["clinician", "admin", "it_user"])
def test_menu_mnemonics_stay_unique_in_spanish(qtbot, spanish, role, request) -> None:
    window = open_window(qtbot, request.getfixturevalue(role))
    bar = [a.text() for a in window.menuBar().actions()]
    assert not _mnemonic_clashes(bar), bar
    for menu in window.findChildren(QMenu):
        texts = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        assert not _mnemonic_clashes(texts), (menu.title(), texts)


def test_messages_from_the_services_are_translated_at_the_ui(spanish) -> None:
    assert i18n.translate_message("Wrong user name or password.") == (
        "Nombre de usuario o contraseña incorrectos."
    )
    # The template is translated and the parameters put back; a parameter that is itself
    # a message (the role's label) is translated too, a code is not.
    with pytest.raises(PermissionDeniedError) as refused:
        require(Role.NURSE, Permission.MANAGE_USERS)
    assert i18n.translate_message(refused.value.message) == (
        "Su función (Enfermero/a) no permite esto (manage_users)."
    )
    assert i18n.translate_message(TooManyAttemptsError(30).message) == (
        "Demasiados intentos fallidos. Espere 30 segundos y vuelva a intentarlo."
    )
    assert i18n.translate_message("Ana Smith") == "Ana Smith"  # data stays as it is
    # A partner's name is data, even when it reads like a label.
    wrong_partner = msg(
        "The releases of information on file are for other partners, not for "
        "{partner_name}; a release naming it is needed.",
        partner_name="Other",
    )
    assert i18n.translate_message(wrong_partner) == (
        "Las autorizaciones para divulgar información registradas son para otras agencias "
        "asociadas, no para Other; se necesita una autorización que la nombre."
    )
    # Text a user typed is never looked up, even when it reads like a message.
    assert i18n.translate_message(Verbatim("Other")) == "Other"


def test_a_validation_error_is_shown_field_by_field(spanish) -> None:
    refused = ValidationError(
        [
            FieldError("date_of_birth", "is required"),
            FieldError("signed_on", "cannot be in the future"),
        ]
    )
    assert i18n.translate_message(refused.message).splitlines() == [
        "fecha de nacimiento: es obligatorio",
        "fecha de firma: no puede ser una fecha futura",
    ]


def test_english_needs_no_translation_lookup() -> None:
    assert i18n.current_language() == i18n.ENGLISH
    assert i18n.translate_message("Wrong user name or password.") == (
        "Wrong user name or password."
    )


def test_a_subclass_keeps_its_base_class_translations(spanish) -> None:
    class Subclassed(LanguageMenu):
        pass

    assert Subclassed(i18n.SYSTEM).title() == "&Idioma"


def test_the_language_follows_the_computer_unless_chosen(site, monkeypatch) -> None:
    paths = SitePaths(site.data_dir)
    assert i18n.saved_choice(paths) == i18n.SYSTEM
    monkeypatch.setattr(i18n, "system_language", lambda: i18n.SPANISH)
    assert i18n.resolve(i18n.saved_choice(paths)) == i18n.SPANISH
    settings.remember(paths, i18n.LANGUAGE_KEY, "en")
    assert i18n.resolve(i18n.saved_choice(paths)) == i18n.ENGLISH
    settings.remember(paths, i18n.LANGUAGE_KEY, "klingon")
    assert i18n.saved_choice(paths) == i18n.SYSTEM


def test_switching_language_rebuilds_the_workspace_for_the_same_session(
    qtbot, site, monkeypatch, tmp_path
) -> None:
    qm = tmp_path / "clinic_es.qm"
    tooling.compile_qm(tooling.TS_FILE, qm)
    monkeypatch.setattr(i18n, "qm_path", lambda _language: qm)
    launcher = app.Launcher(site.data_dir, clock=site.clock)
    session = site.sign_in("clinician")
    launcher.open_main_window(session, "Lincoln High School Health Center")
    first = launcher.window
    assert first is not None
    qtbot.addWidget(first)
    assert first.menuBar().actions()[0].text() == "&File"

    first.language_menu.choice_actions[i18n.SPANISH].trigger()
    qtbot.waitUntil(lambda: launcher.window is not first, timeout=5000)
    second = launcher.window
    assert second is not None
    qtbot.addWidget(second)
    assert second.menuBar().actions()[0].text() == "&Archivo"
    assert launcher.session is session and second.session is session  # still signed in
    assert i18n.saved_choice(SitePaths(site.data_dir)) == i18n.SPANISH
    assert second.language_menu.choice_actions[i18n.SPANISH].isChecked()

    second.language_menu.choice_actions[i18n.ENGLISH].trigger()
    qtbot.waitUntil(lambda: launcher.window is not second, timeout=5000)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    assert launcher.window.menuBar().actions()[0].text() == "&File"
    launcher.shut_down()


def test_the_sign_in_window_offers_the_language(qtbot, site, tmp_path, monkeypatch) -> None:
    qm = tmp_path / "clinic_es.qm"
    tooling.compile_qm(tooling.TS_FILE, qm)
    monkeypatch.setattr(i18n, "qm_path", lambda _language: qm)
    dialog = SignInDialog(site.data_dir)
    qtbot.addWidget(dialog)
    box = dialog.language_box
    assert box.accessibleName()
    dialog.username.setText("nurse")
    box.setCurrentIndex(box.findData(i18n.SPANISH))
    assert dialog.language_changed
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert i18n.current_language() == i18n.SPANISH
    assert i18n.saved_choice(SitePaths(site.data_dir)) == i18n.SPANISH
    again = SignInDialog(site.data_dir, username=dialog.username.text())
    qtbot.addWidget(again)
    assert again.language_box.currentData() == i18n.SPANISH
    assert again.sign_in_button.text() == "Iniciar sesión"


def test_the_launcher_shows_the_sign_in_again_after_a_language_change(site, monkeypatch):
    shown: list[str] = []

    class FakeSignIn:
        """Stands in for the modal sign-in: the first one changes the language."""

        def __init__(self, _data_dir, *, username: str = "", **_kw) -> None:
            shown.append(username)
            self.language_changed = len(shown) == 1
            self.username = QLineEdit("nurse" if self.language_changed else username)
            self.session, self.site_name = None, ""

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected.value

        def deleteLater(self) -> None:
            pass

    monkeypatch.setattr(signin_dialog, "SignInDialog", FakeSignIn)  # app imports it late
    launcher = app.Launcher(site.data_dir, clock=site.clock)
    assert launcher.sign_in() is False  # the second sign-in was cancelled
    assert shown == ["", "nurse"]  # shown again, with the user name already typed


def test_the_first_run_setup_offers_the_language(qtbot, tmp_path, monkeypatch) -> None:
    qm = tmp_path / "clinic_es.qm"
    tooling.compile_qm(tooling.TS_FILE, qm)
    monkeypatch.setattr(i18n, "qm_path", lambda _language: qm)
    data_dir = tmp_path / "new-site"
    dialog = SetupDialog(data_dir)
    qtbot.addWidget(dialog)
    assert dialog.language_box.accessibleName()
    dialog.inputs["site_code"].setText("WHS")
    dialog.inputs["password"].setText("a-long-password")
    box = dialog.language_box
    box.setCurrentIndex(box.findData(i18n.SPANISH))
    assert dialog.language_changed
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert i18n.current_language() == i18n.SPANISH
    assert dialog.typed()["site_code"] == "WHS"
    assert "password" not in dialog.typed()
    again = SetupDialog(data_dir, language=dialog.language, typed=dialog.typed())
    qtbot.addWidget(again)
    assert again.language_box.currentData() == i18n.SPANISH
    assert again.create_button.text() == "Crear clínica"
    assert again.inputs["site_code"].text() == "WHS"


def test_the_launcher_shows_the_setup_again_after_a_language_change(tmp_path, monkeypatch):
    shown: list[tuple[str | None, dict[str, str] | None]] = []

    class FakeSetup:
        """Stands in for the modal setup: the first one changes the language."""

        def __init__(self, _data_dir, *, language=None, typed=None, **_kw) -> None:
            shown.append((language, typed))
            self.language_changed = len(shown) == 1
            self.language, self.admin_username = i18n.SPANISH, ""

        def typed(self) -> dict[str, str]:
            return {"site_code": "WHS"}

        def exec(self) -> int:
            return QDialog.DialogCode.Rejected.value

        def deleteLater(self) -> None:
            pass

    monkeypatch.setattr(setup_dialog, "SetupDialog", FakeSetup)  # app imports it late
    launcher = app.Launcher(tmp_path / "new-site")
    assert launcher.set_up() is None  # the second setup was cancelled
    assert shown == [(None, None), (i18n.SPANISH, {"site_code": "WHS"})]


def _entry(kind: str, title: str, detail: str = "", **facts: object) -> TimelineEntry:
    at = datetime(2026, 10, 14, 15, 0, tzinfo=UTC)
    return TimelineEntry(kind, uuid.uuid4(), at, title, detail, facts=facts)


def test_timeline_lines_are_written_in_spanish(spanish) -> None:
    asq = load_instrument("asq")
    band = asq.bands[-1].id
    screening = shown(
        _entry(
            "screening",
            "Screening: ASQ",
            instrument_id="asq",
            total=None,
            band=band,
            complete=True,
        )
    )
    assert screening.title == "Tamizaje: ASQ"
    assert screening.detail == asq.band_label(band, i18n.SPANISH)
    phq9 = load_instrument("phq9")
    scored = shown(
        _entry(
            "screening",
            "Screening: PHQ9",
            instrument_id="phq9",
            total=11,
            band=phq9.bands[2].id,
            complete=True,
        )
    )
    assert scored.detail == f"Puntuación 11 · {phq9.band_label(phq9.bands[2].id, i18n.SPANISH)}"
    referral = shown(_entry("referral", "Referral to X", partner="Eastside", status="scheduled"))
    assert referral.title == "Derivación a Eastside: Programada"
    consent = shown(
        _entry(
            "consent",
            "Consent recorded",
            consent_kind="services",
            signed_on=date(2026, 9, 1),
            revoked_on=date(2026, 10, 1),
        )
    )
    assert consent.title.startswith("Consentimiento registrado: consentimiento")
    assert consent.detail == "Firmado el 01/09/2026, revocado el 01/10/2026"  # day first
    visit = shown(_entry("visit", "Crisis visit: x", "a note", visit_type="crisis", reason="Dolor"))
    assert visit.title == "Visita (Crisis): Dolor"
    assert visit.detail == "a note"  # staff's words as written
    own = _entry(
        "visit", "", visit_type="behavioral_health", reason=reason_text("Screening: PHQ-9")
    )
    assert shown(own).title == "Visita (Salud conductual): Tamizaje: PHQ-9"
    picked = _entry("visit", "", visit_type="nursing", reason=reason_text("Headache"))
    assert shown(picked).title == "Visita (Enfermería): Dolor de cabeza"


def test_chart_risk_flag_banners_follow_the_interface_language(spanish) -> None:
    rule = load_instrument("asq").flag_rules[0]
    english = (rule.message.get(i18n.ENGLISH), rule.required_action.get(i18n.ENGLISH))
    texts = stored_flag_texts(rule.id, *english)  # what the chart service hands over
    alert = Alert("risk_flag", "acute", join(texts, " "), flag_texts=texts)
    spanish_texts = (rule.message.get(i18n.SPANISH), rule.required_action.get(i18n.SPANISH))
    assert chart_view._alert_text(alert) == " ".join(spanish_texts)


def test_joined_service_sentences_and_field_names_are_translated(spanish) -> None:
    subject = msg("The {label}", label=msg(ConsentKind.TELEHEALTH.label))
    valid = msg(
        "{subject} signed on {signed_on} is valid until {until}.",
        subject=subject,
        signed_on=date(2026, 1, 5),
        until=date(2027, 1, 5),
    )
    assert i18n.translate_message(valid).endswith("es válido hasta 05/01/2027.")  # day first
    assert "consent to" not in i18n.translate_message(valid)
    assert i18n.translate_message("Invalid input.") == "Los datos no son válidos."
    assert field_sentence("date_of_birth", "es obligatorio") == (
        "Fecha de nacimiento: es obligatorio"
    )
