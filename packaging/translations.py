"""Translation tooling for the Spanish interface: extract, fill, list gaps, compile.

Usage (from the repository root, with the project's Python)::

    python packaging/translations.py update          # sources -> translations/clinic_es.ts
    python packaging/translations.py fill FILE.json  # {"Context": {"English": "Spanish"}} -> .ts
    python packaging/translations.py missing [--json]  # what still needs a translation
    python packaging/translations.py compile         # .ts -> clinic_es.qm (lrelease)

Two kinds of text reach the screen:

* Qt code (``clinic_desktop/ui``) wraps its strings in ``self.tr`` /
  ``QCoreApplication.translate`` / ``QT_TRANSLATE_NOOP``; ``pyside6-lupdate`` finds them.
* Plain-Python layers (``domain``, ``services``, ``store``, ``sync``, ``forms``,
  ``errors.py``) must not import Qt, yet their labels and error messages are shown by the
  UI. They hand over *message data* (``clinic_desktop/messages.py``): an English template
  and its parameters, ``msg("Wait {wait_seconds} seconds and try again.", wait_seconds=30)``,
  or a plain literal (a template without parameters). ``update`` extracts the templates
  with an AST scan (see ``extract_messages``) into the ``messages`` context, and
  ``clinic_desktop.ui.i18n.translate_message`` translates the template at the UI boundary
  and fills in the parameters (translating those that are messages themselves). No
  finished sentence is ever parsed back, so nothing but the ``.ts`` is generated.

The compiled ``clinic_es.qm`` is **not committed** (it is in ``.gitignore``): it is a binary
build output derived entirely from the reviewed ``.ts``, so committing it would only invite a
stale or unreviewable copy. ``make run``/``make test`` and ``make package`` run ``compile``;
``compile`` needs only the ``lrelease`` shipped inside the PySide6 wheel, so it works on every
build machine (Windows and macOS included).

``update`` and ``fill`` take a lock and do one quick read-modify-write each, because two
engineers (or a translator and a developer) may run them against the same checkout.
"""

from __future__ import annotations

import argparse
import ast
import builtins
import contextlib
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "clinic_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS / "clinic_es.ts"
QM_FILE = TRANSLATIONS / "clinic_es.qm"
LANGUAGE = "es"

#: The context of every non-Qt message (labels and errors from the plain-Python layers).
MESSAGES_CONTEXT = "messages"
#: Where the non-Qt messages come from (relative to the package).
MESSAGE_SOURCES = ("errors.py", "domain", "services", "store", "sync", "forms", "demo")

#: Qt code scanned by lupdate. ``platform_check.py`` prints before Qt exists and
#: ``self_check.py`` reports to the self-test's console: English only, like the CLI.
UI_EXCLUDED = ("ui/platform_check.py", "ui/self_check.py")

#: Python's own exceptions carry a developer's text (a bug's), never a user's message.
_BUILTIN_ERRORS = frozenset(n for n in dir(builtins) if n.endswith(("Error", "Exception")))
#: A placeholder in a template: ``{name}``.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


# --- the non-Qt message catalogue ----------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One extracted message: its English text (a template when it has placeholders)."""

    text: str
    where: str


def extract_messages(package: Path = PACKAGE) -> list[Message]:
    """Every user-visible literal of the plain-Python layers, in first-seen order.

    What counts as user-visible (the conventions of ``errors.py`` and ``domain``):

    * the template of ``msg("...", ...)`` and ``Message("...", ...)``;
    * ``message = "..."`` in a class body (the default sentence of a ``ClinicError``);
    * the first argument of a call to ``SomethingError(...)`` (not ``FieldError``, nor
      Python's own ``ValueError`` and the like, which only ever name a bug);
    * the reason of ``FieldError(field, reason)`` (positional or ``reason=``);
    * string results of functions named ``check_*``, ``*_reason``, ``*_message``,
      ``subject`` (reasons, messages) and of ``label``-ish functions and properties;
    * ``message = ...``/``reason = ...`` inside functions, and sentences given to ``*Alert``;
    * string values of dict literals assigned to a ``*LABELS*`` name or returned by a
      ``label``-ish function (the display names of stored codes), and every string in a
      ``*REASONS*`` table (the visit-reason suggestions, stored as their English key);
    * enum labels computed from the values (``self.value.replace("_", " ").capitalize()``);
    * and, in ``ui``, ``QT_TRANSLATE_NOOP("messages", ...)``.

    Only literals count: a sentence built from pieces (an f-string, ``+``, ``.format``)
    cannot be translated, and ``tests/test_messages.py`` refuses one given to an error,
    a ``FieldError`` or ``msg``.
    """
    seen: dict[str, Message] = {}
    for path in _message_files(package):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = path.relative_to(package.parent).as_posix()
        for node, text in _MessageVisitor().collect(tree):
            if _has_words(text) and text not in seen:
                seen[text] = Message(text, f"{relative}:{node.lineno}")
    for path in ui_sources(package):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            text = _ui_message(node)
            if text is not None and text not in seen:
                relative = path.relative_to(package.parent).as_posix()
                seen[text] = Message(text, f"{relative}:{getattr(node, 'lineno', 0)}")
    return list(seen.values())


def _ui_message(node: ast.AST) -> str | None:
    """The text of ``QT_TRANSLATE_NOOP("messages", "...")``, else None."""
    if not (isinstance(node, ast.Call) and _call_name(node.func) == "QT_TRANSLATE_NOOP"):
        return None
    if len(node.args) < 2 or _literal_text(node.args[0]) != MESSAGES_CONTEXT:
        return None
    return _literal_text(node.args[1])


def _has_words(text: str) -> bool:
    """Whether there is language outside the placeholders ("{name}: {message}" has none)."""
    return re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", text)) is not None


def _message_files(package: Path) -> Iterator[Path]:
    for source in MESSAGE_SOURCES:
        path = package / source
        if path.is_file():
            yield path
        else:
            yield from sorted(p for p in path.rglob("*.py") if "migrations" not in p.parts)


def _is_label_name(name: str) -> bool:
    return "label" in name.lower()


def _is_reason_function(name: str) -> bool:
    """Functions whose string results are shown: reasons, messages, subjects of messages."""
    return (
        name.startswith(("check_", "_check"))
        or name.endswith(("_reason", "_message", "subject"))
        or name in ("message", "reason")
    )


class _MessageVisitor(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[ast.AST, str]] = []
        self._functions: list[str] = []
        self._classes: list[str] = []

    def collect(self, tree: ast.AST) -> list[tuple[ast.AST, str]]:
        self.visit(tree)
        return self.found

    def _add(self, node: ast.AST | None) -> None:
        if isinstance(node, ast.IfExp):
            self._add(node.body)
            self._add(node.orelse)
            return
        text = _literal_text(node)
        if text is not None and node is not None:
            self.found.append((node, text))

    def _add_dict(self, node: ast.AST | None) -> None:
        if isinstance(node, ast.Dict):
            for value in node.values:
                self._add(value)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for statement in node.body:
            if isinstance(statement, ast.Assign | ast.AnnAssign):
                targets = (
                    statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                )
                if any(isinstance(t, ast.Name) and t.id == "message" for t in targets):
                    self._add(statement.value)
        self._add_computed_labels(node)
        self._classes.append(node.name)
        self.generic_visit(node)
        self._classes.pop()

    def _add_computed_labels(self, node: ast.ClassDef) -> None:
        """An enum whose ``label`` is its value made readable (``"no_show"`` -> "No show"):
        the labels exist only at run time, so compute them here from the members."""
        label = next(
            (f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "label"), None
        )
        returned = [r.value for r in ast.walk(label) if isinstance(r, ast.Return)] if label else []
        code = " ".join(ast.unparse(r) for r in returned if r is not None)
        if "self.value" not in code or "capitalize" not in code:
            return
        for statement in node.body:
            if (
                isinstance(statement, ast.Assign)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                value = statement.value.value
                text = value.replace("_", " ") if "replace" in code else value
                self.found.append((statement, text.capitalize()))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._functions.append(node.name)
        self.generic_visit(node)
        self._functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 (the ast visitor's name)

    def visit_Return(self, node: ast.Return) -> None:
        name = self._functions[-1] if self._functions else ""
        if _is_reason_function(name) or _is_label_name(name):
            self._add(node.value)
        if _is_label_name(name):
            self._add_dict(node.value)
            if isinstance(node.value, ast.Subscript):
                self._add_dict(node.value.value)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and "LABELS" in t.id.upper() for t in node.targets):
            self._add_dict(node.value)
        self._add_reasons([t for t in node.targets if isinstance(t, ast.Name)], node.value)
        if self._functions and any(
            isinstance(t, ast.Name) and t.id in ("message", "reason") for t in node.targets
        ):
            value = node.value
            branches = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
            for branch in branches:
                if not re.fullmatch(r"[a-z_]*", _literal_text(branch) or ""):  # not a code
                    self._add(branch)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and "LABELS" in node.target.id.upper():
            self._add_dict(node.value)
        if isinstance(node.target, ast.Name):
            self._add_reasons([node.target], node.value)
        self.generic_visit(node)

    def _add_reasons(self, targets: list[ast.Name], value: ast.AST | None) -> None:
        """Every string of a ``*REASONS*`` table: suggestions stored as their English key."""
        if value is None or not any("REASONS" in t.id.upper() for t in targets):
            return
        for entry in value.values if isinstance(value, ast.Dict) else [value]:
            for node in ast.walk(entry):  # a table's keys are codes, its values the texts
                self._add(node if isinstance(node, ast.Constant) else None)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        if name in ("msg", "Message") and node.args:
            self._add(node.args[0])
        elif name == "FieldError":
            if len(node.args) >= 2:
                self._add(node.args[1])
            for keyword in node.keywords:
                if keyword.arg == "reason":
                    self._add(keyword.value)
        elif name == "__init__" and self._classes and self._classes[-1].endswith("Error"):
            if node.args:  # ``super().__init__(f"Wait {seconds} seconds ...")``
                self._add(node.args[0])
        elif name.endswith("Error") and name not in _BUILTIN_ERRORS and node.args:
            first = _literal_text(node.args[0]) or ""
            # ``BatchRejectedError("missing", "... does not exist.")``: a code, then the text.
            is_code = re.fullmatch(r"[a-z]+(_[a-z]+)*", first) is not None
            self._add(node.args[1] if is_code and len(node.args) > 1 else node.args[0])
        elif name.endswith(("Alert", "Entry")):  # chart alerts and timeline entries
            arguments = [*node.args, *(k.value for k in node.keywords)]
            for argument in arguments:
                branches = (
                    [argument.body, argument.orelse]
                    if isinstance(argument, ast.IfExp)
                    else [argument]
                )
                for branch in branches:
                    if re.search(r"\s|[A-Z]", _literal_text(branch) or ""):  # words, not codes
                        self._add(branch)
        self.generic_visit(node)


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal_text(node: ast.AST | None) -> str | None:
    """The English text of a string literal, else None (a sentence built from pieces is
    not a message)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _catalogue_stub(messages: list[Message]) -> str:
    """A Python file lupdate understands, holding every message once."""
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    for message in messages:
        lines.append(f"QT_TRANSLATE_NOOP({MESSAGES_CONTEXT!r}, {message.text!r})")
    return "\n".join(lines) + "\n"


# --- running the Qt tools ------------------------------------------------------------------


def qt_tool(name: str) -> Path:
    """``lupdate``/``lrelease`` from the PySide6 wheel itself (no PATH or venv assumptions)."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "bin" / name):
        if candidate.exists():
            return candidate
    raise SystemExit(f"cannot find {name} in the PySide6 installation at {folder}")


def ui_sources(package: Path = PACKAGE) -> list[Path]:
    """The Qt sources lupdate scans: ``clinic_desktop/ui`` minus the pre-Qt platform check."""
    excluded = {package / e for e in UI_EXCLUDED}
    return sorted(p for p in (package / "ui").rglob("*.py") if p not in excluded)


def run_lupdate(ts_file: Path, package: Path = PACKAGE) -> None:
    """Merge the current sources' messages into ``ts_file`` (keeping translations).

    Obsolete messages are dropped (``-no-obsolete``): the ``.ts`` always mirrors the code,
    so the test that re-runs this on a copy sees no difference unless someone forgot.
    """
    messages = extract_messages(package)
    with tempfile.TemporaryDirectory(prefix="clinic-i18n-") as scratch:
        stub = Path(scratch) / "clinic_messages_catalogue.py"
        stub.write_text(_catalogue_stub(messages), encoding="utf-8")
        listing = Path(scratch) / "sources.lst"
        listing.write_text("\n".join(str(p) for p in [*ui_sources(package), stub]) + "\n")
        result = subprocess.run(  # noqa: S603 - Qt's own tool, our own files
            [
                str(qt_tool("lupdate")),
                "-silent",
                "-no-obsolete",
                "-locations",
                "relative",
                "-target-language",
                LANGUAGE,
                f"@{listing}",
                "-ts",
                str(ts_file),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"lupdate failed:\n{result.stdout}{result.stderr}")
    _strip_stub_locations(ts_file, stub.name)
    _reindent(ts_file)


def _reindent(ts_file: Path) -> None:
    """Write the .ts the way ``fill`` does, so ``update`` and ``fill`` never reformat each
    other's output (a diff shows only what changed)."""
    tree = ET.parse(ts_file)  # noqa: S314 (our own file)
    ET.indent(tree, space="    ")
    _write_ts(tree, ts_file)


def _strip_stub_locations(ts_file: Path, stub_name: str) -> None:
    """The catalogue stub lives in a temp folder: its locations would only be churn.

    Relative locations name a file once and then say ``line="+1"`` for the next messages
    of the same file, so those follow-ups go too (``where`` in the catalogue says where a
    message comes from, for whoever needs it).
    """
    kept = []
    in_stub = False
    for line in ts_file.read_text(encoding="utf-8").splitlines(keepends=True):
        if "<location " in line:
            named = re.search(r'filename="([^"]*)"', line)
            if named is not None:
                in_stub = stub_name in named.group(1)
            if in_stub:
                continue
        kept.append(line)
    ts_file.write_text("".join(kept), encoding="utf-8")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialise read-modify-write runs on the same .ts (POSIX only; a no-op elsewhere)."""
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"clinic-i18n-{digest}.lock"
    try:
        import fcntl
    except ImportError:  # Windows: the tool is run by one person there
        yield
        return
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- reading and writing the .ts -----------------------------------------------------------


@dataclass
class TsMessage:
    context: str
    source: str
    comment: str
    numerus: bool
    translations: list[str]
    finished: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def read_ts(ts_file: Path = TS_FILE) -> list[TsMessage]:
    """Every message of a .ts (vanished/obsolete ones are not messages any more)."""
    root = ET.parse(ts_file).getroot()  # noqa: S314 (our own file)
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            numerus = message.get("numerus") == "yes"
            if translation is None:
                texts: list[str] = []
            elif numerus:
                texts = [f.text or "" for f in translation.iter("numerusform")]
            else:
                texts = [translation.text or ""]
            found.append(
                TsMessage(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    numerus=numerus,
                    translations=texts,
                    finished=kind == "" and bool(texts) and all(t.strip() for t in texts),
                )
            )
    return found


def fill(
    ts_file: Path, translations: dict[str, dict[str, str | list[str]]]
) -> tuple[int, list[str]]:
    """Apply ``{"Context": {"English": "Spanish" | ["singular", "plural"]}}`` to ``ts_file``.

    Every matching message (whatever its disambiguation comment) is marked finished. Returns
    how many messages were set and the entries that match no message (typos, stale keys).
    """
    tree = ET.parse(ts_file)  # noqa: S314 (our own file)
    root = tree.getroot()
    pending = {(c, s) for c, entries in translations.items() for s in entries}
    applied = 0
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        entries = translations.get(name, {})
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if source not in entries:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            _set_translation(message, translation, entries[source])
            pending.discard((name, source))
            applied += 1
    ET.indent(tree, space="    ")
    _write_ts(tree, ts_file)
    return applied, [f"{c}: {s}" for c, s in sorted(pending)]


def _set_translation(message: ET.Element, translation: ET.Element, value: str | list[str]) -> None:
    for child in list(translation):
        translation.remove(child)
    translation.attrib.pop("type", None)
    if message.get("numerus") == "yes":
        forms = value if isinstance(value, list) else [value, value]
        translation.text = None
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    else:
        translation.text = value if isinstance(value, str) else value[-1]


def _write_ts(tree: ET.ElementTree, ts_file: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    text = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"
    temporary = ts_file.with_suffix(".ts.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(ts_file)


def missing(ts_file: Path = TS_FILE) -> list[TsMessage]:
    return [m for m in read_ts(ts_file) if not m.finished]


def compile_qm(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    result = subprocess.run(  # noqa: S603 - Qt's own tool, our own files
        [str(qt_tool("lrelease")), "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not qm_file.exists():
        raise SystemExit(f"lrelease failed:\n{result.stdout}{result.stderr}")


def update(ts_file: Path = TS_FILE) -> None:
    """Bring the .ts up to date with the sources."""
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    run_lupdate(ts_file)


# --- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract messages from the sources into the .ts")
    fill_parser = commands.add_parser("fill", help="apply translations from a JSON file")
    fill_parser.add_argument("json_file", type=Path)
    missing_parser = commands.add_parser("missing", help="list untranslated messages")
    missing_parser.add_argument("--json", action="store_true", help="print a fill skeleton")
    missing_parser.add_argument("--context", action="append", help="only these contexts")
    commands.add_parser("compile", help="compile the .ts into the .qm the app loads")
    args = parser.parse_args(argv)

    if args.command == "update":
        with _locked(TS_FILE):
            update()
        left = missing()
        print(f"{TS_FILE.relative_to(ROOT)}: {len(read_ts())} messages, {len(left)} missing")
    elif args.command == "fill":
        entries = json.loads(args.json_file.read_text(encoding="utf-8"))
        with _locked(TS_FILE):
            applied, unknown = fill(TS_FILE, entries)
        print(f"{applied} translations applied")
        for line in unknown:
            print(f"  not in the .ts (stale or mistyped): {line}")
    elif args.command == "missing":
        left = [m for m in missing() if not args.context or m.context in args.context]
        if args.json:
            skeleton: dict[str, dict[str, str]] = {}
            for message in left:
                skeleton.setdefault(message.context, {})[message.source] = ""
            print(json.dumps(skeleton, indent=1, ensure_ascii=False))
        else:
            for message in left:
                print(f"{message.context}: {message.source!r}")
            print(f"{len(left)} missing")
    elif args.command == "compile":
        compile_qm()
        print(f"compiled {QM_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
